"""One way to write an AWS error, per protocol: query XML, or JSON (``json`` and ``rest-json``).

Whoever refuses a request (the front door, a service, the IAM rules, a defect caught at the
top) raises an ``EmulatorError`` and lets this module write it, so that every error an SDK
sees has the shape its parser expects: ``<ErrorResponse><Error><Code>`` for IAM and STS,
``{"__type": ..., "message": ...}`` with ``x-amzn-ErrorType`` for the JSON services. When the
service is known its model adds what it says about the error: the HTTP status it is modelled
with, the spelling of the message member, and the error's other members.
"""

from __future__ import annotations

import json
import uuid
from functools import cache
from typing import Any, Literal
from xml.etree import ElementTree

from botocore.model import ServiceModel, Shape, StructureShape
from werkzeug import Response

from conformance.emulator.errors import EmulatorError, UnknownOperationException
from conformance.emulator.wire.jsoncodec import encode
from conformance.emulator.wire.models import service_model

__all__ = [
    "JSON_CONTENT_TYPE",
    "REST_JSON_CONTENT_TYPE",
    "Style",
    "error_response",
    "json_error",
    "new_request_id",
    "query_error",
]

#: How a protocol family writes errors: ``query`` (XML), ``json`` or ``rest-json``.
Style = Literal["query", "json", "rest-json"]

JSON_CONTENT_TYPE = "application/x-amz-json-1.1"
REST_JSON_CONTENT_TYPE = "application/json"
XML_CONTENT_TYPE = "text/xml"


def new_request_id() -> str:
    return str(uuid.uuid4())


def error_response(error: EmulatorError, style: Style, service: str | None = None) -> Response:
    """``error`` in ``style``; ``service`` (a botocore name) adds what its model says."""
    if style == "query":
        return query_error(error, service)
    return json_error(error, style, service)


# -- the query protocol --------------------------------------------------------------------


def query_error(error: EmulatorError, service: str | None = None) -> Response:
    """``<ErrorResponse>`` as IAM and STS write it."""
    request_id = new_request_id()
    attributes = {"xmlns": _namespace(service)} if service else {}
    root = ElementTree.Element("ErrorResponse", attributes)
    element = ElementTree.SubElement(root, "Error")
    ElementTree.SubElement(element, "Type").text = "Sender" if error.status < 500 else "Receiver"
    ElementTree.SubElement(element, "Code").text = error.code_in("query")
    ElementTree.SubElement(element, "Message").text = _xml_safe(error.message)
    ElementTree.SubElement(root, "RequestId").text = request_id
    body = bytes(ElementTree.tostring(root, encoding="utf-8"))
    return Response(
        body,
        status=error.status,
        content_type=XML_CONTENT_TYPE,
        headers={"x-amzn-RequestId": request_id},
    )


def _namespace(service: str) -> str:
    return str(service_model(service).metadata.get("xmlNamespace", ""))


def _xml_safe(text: str) -> str:
    """XML 1.0 cannot carry control characters or lone surrogates, which a message may echo."""
    return "".join(
        ch
        if ch in "\t\n\r"
        or (" " <= ch <= "\ud7ff")
        or ("\ue000" <= ch <= "\ufffd")
        or ch > "\uffff"
        else "\ufffd"
        for ch in text
    )


# -- the JSON protocols ----------------------------------------------------------------------


def json_error(error: EmulatorError, style: Style = "json", service: str | None = None) -> Response:
    """``{"__type": code, "message": ...}`` with ``x-amzn-ErrorType``, as JSON services write it."""
    model = service_model(service) if service else None
    shape = _error_shape(model, error.code) if model is not None else None
    status = error.status
    if shape is not None and not isinstance(error, UnknownOperationException):
        modeled = shape.metadata.get("error", {}).get("httpStatusCode")
        status = int(modeled) if modeled is not None else status
    body: dict[str, Any] = {"__type": error.code}
    if shape is not None:
        members: dict[str, Shape] = shape.members
        message_key = next((m for m in members if m.lower() == "message"), "message")
        body[message_key] = error.message
        for name, value in error.fields.items():
            if name in members and value is not None:
                body[name] = encode(members[name], value)
    else:
        body["message"] = error.message
        for name, value in error.fields.items():
            if name not in ("Reason", "Fields") and value is not None:
                body[name] = encode(None, value)
    request_id = new_request_id()
    return Response(
        json.dumps(body),
        status=status,
        content_type=_content_type(style, model),
        headers={"x-amzn-ErrorType": error.code, "x-amzn-RequestId": request_id},
    )


def _error_shape(model: ServiceModel, code: str) -> StructureShape | None:
    return _error_shapes(model.service_name).get(code)


@cache
def _error_shapes(service: str) -> dict[str, StructureShape]:
    return {shape.error_code: shape for shape in service_model(service).error_shapes}


def _content_type(style: Style, model: ServiceModel | None) -> str:
    if style == "rest-json":
        return REST_JSON_CONTENT_TYPE
    version = model.metadata.get("jsonVersion", "1.1") if model is not None else "1.1"
    return f"application/x-amz-json-{version}"

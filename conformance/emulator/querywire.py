"""The AWS query protocol (IAM, STS) as the emulator reads and writes it.

Requests of the query protocol are form documents (``Action=...&RoleName=...``); answers are
XML whose element names come from the service's output shape. The emulator answers a few IAM
and STS actions itself, so it needs both directions. The element layout is taken from
botocore's service models rather than written by hand, so an answer has exactly the shape a
real SDK parses, and a member that the model does not know is a defect raised at once.
"""

from __future__ import annotations

import base64
import uuid
from collections.abc import Mapping
from datetime import UTC, datetime
from functools import cache
from typing import Any
from urllib.parse import parse_qsl
from xml.etree import ElementTree

from botocore.loaders import Loader
from botocore.model import OperationNotFoundError, ServiceModel, Shape
from werkzeug import Response

from conformance.emulator.errors import EmulatorError

FORM_CONTENT_TYPE = "application/x-www-form-urlencoded"


@cache
def service_model(service: str) -> ServiceModel:
    """botocore's model of ``service`` (``iam``, ``sts``), loaded once per process."""
    loader = Loader()
    return ServiceModel(loader.load_service_model(service, "service-2"), service_name=service)


def new_request_id() -> str:
    return str(uuid.uuid4())


def parse_form(body: bytes, query_string: str = "") -> dict[str, str]:
    """The flat parameters of a query-protocol request (body first, then the URL query).

    Undecodable input is the caller's fault: it answers ``MalformedQueryString`` (400).
    """
    try:
        text = body.decode("utf-8")
        pairs = parse_qsl(query_string, keep_blank_values=True)
        pairs += parse_qsl(text, keep_blank_values=True)
    except (UnicodeDecodeError, ValueError) as exc:
        raise EmulatorError(
            "The request body is not a well-formed query string.",
            code="MalformedQueryString",
            status=400,
        ) from exc
    return dict(pairs)


def validated_action(service: str, params: Mapping[str, str]) -> str:
    """The operation the form names, after checking it exists and has its required members."""
    action = params.get("Action")
    if not action:
        raise EmulatorError("The request names no Action.", code="MissingAction", status=400)
    try:
        operation = service_model(service).operation_model(action)
    except OperationNotFoundError:
        raise EmulatorError(
            f"Could not find operation {action} for this service.",
            code="InvalidAction",
            status=400,
        ) from None
    input_shape = operation.input_shape
    if input_shape is not None:
        for member in input_shape.required_members:
            if not _present(member, params):
                raise EmulatorError(
                    f"1 validation error detected: Value null at '{_lower_first(member)}' "
                    "failed to satisfy constraint: Member must not be null",
                    code="ValidationError",
                    status=400,
                )
    return action


def _present(member: str, params: Mapping[str, str]) -> bool:
    prefix = member + "."
    return member in params or any(key.startswith(prefix) for key in params)


def _lower_first(name: str) -> str:
    return name[:1].lower() + name[1:]


def serialize_result(
    service: str, action: str, result: Mapping[str, Any], request_id: str
) -> bytes:
    """The XML answer of ``action`` carrying ``result`` (keys are output-shape member names)."""
    model = service_model(service)
    operation = model.operation_model(action)
    root = ElementTree.Element(f"{action}Response", {"xmlns": _namespace(model)})
    output = operation.output_shape
    if output is not None:
        wrapper = output.serialization.get("resultWrapper", f"{action}Result")
        _write_structure(ElementTree.SubElement(root, wrapper), output, result)
    elif result:
        raise ValueError(f"{service}:{action} has no output, yet a result was given")
    metadata = ElementTree.SubElement(root, "ResponseMetadata")
    ElementTree.SubElement(metadata, "RequestId").text = request_id
    return bytes(ElementTree.tostring(root, encoding="utf-8"))


def _namespace(model: ServiceModel) -> str:
    return str(model.metadata.get("xmlNamespace", ""))


def _write_structure(element: ElementTree.Element, shape: Shape, value: Mapping[str, Any]) -> None:
    unknown = set(value) - set(shape.members)
    if unknown:
        raise ValueError(f"{shape.name} has no members {sorted(unknown)}")
    for name, member in shape.members.items():
        if value.get(name) is not None:
            _write(element, member.serialization.get("name", name), member, value[name])


def _write(parent: ElementTree.Element, name: str, shape: Shape, value: Any) -> None:
    kind = shape.type_name
    if kind == "list" and shape.serialization.get("flattened"):
        for item in value:
            _write(parent, name, shape.member, item)
        return
    element = ElementTree.SubElement(parent, name)
    if kind == "structure":
        _write_structure(element, shape, value)
    elif kind == "list":
        item_name = shape.member.serialization.get("name", "member")
        for item in value:
            _write(element, item_name, shape.member, item)
    elif kind == "map":
        for key, item in value.items():
            entry = ElementTree.SubElement(element, "entry")
            _write(entry, shape.key.serialization.get("name", "key"), shape.key, key)
            _write(entry, shape.value.serialization.get("name", "value"), shape.value, item)
    else:
        element.text = _scalar(kind, value)


def _scalar(kind: str, value: Any) -> str:
    if kind == "timestamp":
        return format_timestamp(value)
    if kind == "boolean":
        return "true" if value else "false"
    if kind in ("integer", "long"):
        return str(int(value))
    if kind == "blob":
        raw = value if isinstance(value, bytes) else str(value).encode("utf-8")
        return base64.b64encode(raw).decode("ascii")
    return str(value)


def format_timestamp(value: datetime | float) -> str:
    """ISO 8601 in UTC, as the query protocol writes times; naive datetimes count as UTC."""
    if isinstance(value, datetime):
        moment = value if value.tzinfo else value.replace(tzinfo=UTC)
    else:
        moment = datetime.fromtimestamp(float(value), UTC)
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def error_body(
    service: str | None, code: str, message: str, request_id: str, *, sender: bool = True
) -> bytes:
    """``<ErrorResponse>`` as IAM and STS write it."""
    attributes = {"xmlns": _namespace(service_model(service))} if service else {}
    root = ElementTree.Element("ErrorResponse", attributes)
    error = ElementTree.SubElement(root, "Error")
    ElementTree.SubElement(error, "Type").text = "Sender" if sender else "Receiver"
    ElementTree.SubElement(error, "Code").text = code
    ElementTree.SubElement(error, "Message").text = message
    ElementTree.SubElement(root, "RequestId").text = request_id
    return bytes(ElementTree.tostring(root, encoding="utf-8"))


def success_response(service: str, action: str, result: Mapping[str, Any]) -> Response:
    """A 200 answer of ``action``."""
    request_id = new_request_id()
    return _xml_response(serialize_result(service, action, result, request_id), 200, request_id)


def error_response(service: str | None, code: str, message: str, status: int = 400) -> Response:
    """An AWS error answer in the query protocol's XML."""
    request_id = new_request_id()
    body = error_body(service, code, message, request_id, sender=status < 500)
    return _xml_response(body, status, request_id)


def emulator_error_response(service: str | None, error: EmulatorError) -> Response:
    return error_response(service, error.code, error.message, error.status)


def _xml_response(body: bytes, status: int, request_id: str) -> Response:
    return Response(
        body, status=status, content_type="text/xml", headers={"x-amzn-RequestId": request_id}
    )

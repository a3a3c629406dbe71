"""The JSON protocols of AWS (``rest-json`` and JSON 1.1), read from botocore's service models.

botocore's model of a service gives each operation's HTTP method and URI template
(``rest-json``) or target name (``json``), and every input, output and error shape. Parsing
requests and serializing answers from that model means the emulator's services never touch
HTTP: a handler receives a validated ``dict`` and returns a ``dict``. Malformed requests are
answered the way AWS answers them (a 4xx with an AWS-shaped JSON error body), never with a
crash; a defect of a handler is a 500 in the same shape that names no Python internals.
"""

from __future__ import annotations

import base64
import binascii
import json
import logging
import re
import threading
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

from botocore.model import OperationModel, ServiceModel, Shape
from werkzeug.wrappers import Request, Response

from conformance.emulator.errors import (
    EmulatorError,
    InternalServerException,
    NotImplementedOperation,
    SerializationException,
    UnknownOperationException,
    ValidationException,
)
from conformance.emulator.wire.errors import Style, json_error
from conformance.emulator.wire.jsoncodec import decode, encode, from_text, header_text, load_json
from conformance.emulator.wire.models import operation_model, service_model
from conformance.emulator.wire.validation import validate_input

__all__ = [
    "Handler",
    "OperationTable",
    "ServiceProtocol",
    "handle",
    "json_input",
    "paginate",
    "protocol_for",
]

_log = logging.getLogger(__name__)

#: A handler receives the validated input parameters and answers the output members.
Handler = Callable[[dict[str, Any]], "dict[str, Any] | None"]
#: Operation name to handler.
OperationTable = Mapping[str, Handler]

DEFECT_MESSAGE = "The emulator failed to process the request."
_TOKEN = re.compile(r"[0-9]{1,12}")


# --------------------------------------------------------------------------- routing


@dataclass(frozen=True)
class _Route:
    """One ``rest-json`` operation's request line, compiled to regular expressions."""

    operation: OperationModel
    method: str
    encoded: re.Pattern[str]  # matched against the percent-encoded path
    decoded: re.Pattern[str]  # fallback against the decoded path (labels may hold '/')
    fixed_query: tuple[tuple[str, str | None], ...]
    literal_length: int


def _compile_route(operation: OperationModel) -> _Route:
    uri: str = operation.http.get("requestUri", "/")
    path, _, query = uri.partition("?")
    fixed = tuple(
        (name, value if sep else None)
        for name, sep, value in (part.partition("=") for part in query.split("&") if part)
    )
    encoded, decoded, literal = ["^"], ["^"], 0
    for piece in re.split(r"(\{[^}]+\})", path):
        if piece.startswith("{") and piece.endswith("}"):
            name = piece[1:-1]
            greedy = name.endswith("+")
            group = re.sub(r"\W", "_", name.rstrip("+"))
            encoded.append(f"(?P<{group}>{'.+' if greedy else '[^/]+'})")
            decoded.append(f"(?P<{group}>.+)")
        else:
            literal += len(piece)
            encoded.append(re.escape(piece))
            decoded.append(re.escape(piece))
    encoded.append("/?$" if not path.endswith("/") else "$")
    decoded.append("/?$" if not path.endswith("/") else "$")
    return _Route(
        operation=operation,
        method=operation.http.get("method", "POST").upper(),
        encoded=re.compile("".join(encoded), re.DOTALL),
        decoded=re.compile("".join(decoded), re.DOTALL),
        fixed_query=fixed,
        literal_length=literal,
    )


def _raw_path(request: Request) -> str:
    """The request path as sent on the wire (still percent-encoded) when the server kept it."""
    environ = request.environ
    raw = environ.get("RAW_URI") or environ.get("REQUEST_URI")
    if isinstance(raw, str) and raw:
        path = urlsplit(raw).path if "://" in raw else raw.split("?", 1)[0]
        return path or "/"
    return str(request.path)


def _read_body(request: Request) -> dict[str, Any]:
    raw = request.get_data(cache=True)
    if not raw or not raw.strip():
        return {}
    body = load_json(raw)
    if not isinstance(body, dict):
        raise SerializationException("The request body must be a JSON object.")
    return body


# --------------------------------------------------------------------------- the protocol


class ServiceProtocol:
    """Parser, validator and serializer for one JSON or rest-json service."""

    def __init__(self, service_name: str) -> None:
        self.service_name = service_name
        self.model: ServiceModel = service_model(service_name)
        self.protocol: str = self.model.protocol
        if self.protocol not in ("rest-json", "json"):
            raise ValueError(f"{service_name}: protocol {self.protocol} is not supported")
        self.style: Style = "rest-json" if self.protocol == "rest-json" else "json"
        self.target_prefix: str | None = self.model.metadata.get("targetPrefix")
        json_version = self.model.metadata.get("jsonVersion", "1.1")
        self.content_type = (
            "application/json"
            if self.protocol == "rest-json"
            else f"application/x-amz-json-{json_version}"
        )
        self._operations = {
            name: self.model.operation_model(name) for name in self.model.operation_names
        }
        self._routes = sorted(
            (_compile_route(op) for op in self._operations.values()),
            key=lambda route: -route.literal_length,
        )

    # -- request side ------------------------------------------------------

    def parse(self, request: Request) -> tuple[OperationModel, dict[str, Any]]:
        """The operation a request names and its decoded (not yet validated) parameters."""
        if self.protocol == "json":
            return self._parse_json(request)
        return self._parse_rest_json(request)

    def _parse_json(self, request: Request) -> tuple[OperationModel, dict[str, Any]]:
        target = request.headers.get("X-Amz-Target", "")
        prefix, _, name = target.partition(".")
        if request.method != "POST":
            raise UnknownOperationException(f"{request.method} is not an operation of this API.")
        if not target or prefix != self.target_prefix or name not in self._operations:
            raise UnknownOperationException(f"Unknown operation {target or '(no target)'}.")
        operation = self._operations[name]
        body = _read_body(request)
        shape = operation.input_shape
        params = decode(shape, body) if shape is not None else {}
        return operation, params

    def _match(self, request: Request) -> tuple[OperationModel, dict[str, str]]:
        method = request.method.upper()
        raw = _raw_path(request)
        decoded_path = unquote(raw)
        query = request.args
        method_seen = False
        for attempt in ("encoded", "decoded"):
            for route in self._routes:
                pattern = route.encoded if attempt == "encoded" else route.decoded
                match = pattern.match(raw if attempt == "encoded" else decoded_path)
                if match is None:
                    continue
                if route.method != method:
                    method_seen = True
                    continue
                if any(
                    name not in query or (value is not None and query.get(name) != value)
                    for name, value in route.fixed_query
                ):
                    continue
                labels = {
                    key: unquote(value) if attempt == "encoded" else value
                    for key, value in match.groupdict().items()
                }
                return route.operation, labels
        if method_seen:
            raise UnknownOperationException(
                f"{method} is not allowed on {decoded_path}.", status=405
            )
        raise UnknownOperationException(
            f"No operation matches {method} {decoded_path}.", status=404
        )

    def _parse_rest_json(self, request: Request) -> tuple[OperationModel, dict[str, Any]]:
        operation, labels = self._match(request)
        shape = operation.input_shape
        if shape is None:
            return operation, {}
        members: dict[str, Shape] = shape.members
        params: dict[str, Any] = {}
        body_members: dict[str, Shape] = {}
        payload = shape.serialization.get("payload")
        query_pairs = parse_qsl(request.query_string.decode("latin-1"), keep_blank_values=True)
        for name, member in members.items():
            location = member.serialization.get("location")
            wire = member.serialization.get("name", name)
            if location == "uri":
                label = re.sub(r"\W", "_", wire)
                if label in labels:
                    params[name] = from_text(member, labels[label])
            elif location == "querystring":
                _query_member(name, member, wire, query_pairs, params)
            elif location == "header":
                _header_member(name, member, wire, request, params)
            elif location == "headers":
                prefix = wire.lower()
                found = {
                    key[len(prefix) :]: value
                    for key, value in request.headers.items()
                    if key.lower().startswith(prefix)
                }
                if found:
                    params[name] = found
            elif location is None and name != payload:
                body_members[name] = member
        if payload is not None:
            member = members[payload]
            if member.type_name in ("blob", "string"):
                data = request.get_data(cache=True)
                if data:
                    params[payload] = data if member.type_name == "blob" else _text(data)
            else:
                body = _read_body(request)
                if body:
                    params[payload] = decode(member, body)
        elif body_members:
            body = _read_body(request)
            for name, member in body_members.items():
                wire = member.serialization.get("name", name)
                if body.get(wire) is not None:
                    params[name] = decode(member, body[wire])
        return operation, params

    # -- response side -----------------------------------------------------

    def serialize(self, operation: OperationModel, result: Mapping[str, Any] | None) -> Response:
        """The HTTP answer for a successful call."""
        result = result or {}
        shape = operation.output_shape
        headers = {"x-amzn-RequestId": str(uuid.uuid4())}
        if self.protocol == "json":
            body = encode(shape, result) if shape is not None else {}
            headers["Content-Type"] = self.content_type
            return Response(json.dumps(body), status=200, headers=headers)
        status = int(operation.http.get("responseCode", 200))
        body_value: dict[str, Any] = {}
        raw_payload: bytes | None = None
        if shape is not None:
            members: dict[str, Shape] = shape.members
            payload = shape.serialization.get("payload")
            for name, member in members.items():
                value = result.get(name)
                if value is None:
                    continue
                location = member.serialization.get("location")
                wire = member.serialization.get("name", name)
                if location == "header":
                    headers[wire] = header_text(member, value)
                elif location == "headers":
                    for key, item in value.items():
                        headers[f"{wire}{key}"] = str(item)
                elif location == "statusCode":
                    status = int(value)
                elif name == payload:
                    if member.type_name in ("blob", "string"):
                        raw_payload = value if isinstance(value, bytes) else str(value).encode()
                    else:
                        body_value = encode(member, value)
                else:
                    body_value[wire] = encode(member, value)
        if status == 204:
            return Response(b"", status=204, headers=headers)
        headers["Content-Type"] = self.content_type
        data = raw_payload if raw_payload is not None else json.dumps(body_value).encode()
        return Response(data, status=status, headers=headers)

    def serialize_error(self, error: EmulatorError) -> Response:
        """The HTTP answer for an error, in the service protocol's JSON error form."""
        return json_error(error, self.style, self.service_name)

    # -- the whole exchange ------------------------------------------------

    def handle(self, operations: OperationTable, request: Request) -> Response:
        """Parse, validate, call the operation's handler, and serialize its answer or error."""
        try:
            operation, params = self.parse(request)
            validate_input(operation, params)
            handler = operations.get(operation.name)
            if handler is None:
                raise NotImplementedOperation(
                    f"{self.service_name} {operation.name} is not implemented by this emulator."
                )
            return self.serialize(operation, handler(params))
        except EmulatorError as error:
            return self.serialize_error(error)
        except Exception:  # a defect of the emulator: still answer in AWS shape
            _log.exception("unexpected error in %s", self.service_name)
            return self.serialize_error(InternalServerException(DEFECT_MESSAGE))


def _text(data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise SerializationException("The request body is not valid UTF-8.") from None


def _query_member(
    name: str, member: Shape, wire: str, pairs: list[tuple[str, str]], params: dict[str, Any]
) -> None:
    if member.type_name == "list":
        values = [value for key, value in pairs if key == wire]
        if values:
            params[name] = [from_text(member.member, v) for v in values]
    elif member.type_name == "map":
        if pairs:
            params[name] = dict(pairs)
    else:
        for key, value in pairs:
            if key == wire:
                params[name] = from_text(member, value)
                break


def _header_member(
    name: str, member: Shape, wire: str, request: Request, params: dict[str, Any]
) -> None:
    value = request.headers.get(wire)
    if value is None:
        return
    if member.serialization.get("jsonvalue"):
        try:
            params[name] = load_json(base64.b64decode(value))
        except (binascii.Error, ValueError, SerializationException):
            params[name] = value
        return
    if member.type_name == "list":
        params[name] = [part.strip() for part in value.split(",") if part.strip()]
        return
    params[name] = from_text(member, value)


# --------------------------------------------------------------------------- helpers


def json_input(service: str, operation: str, body: bytes) -> dict[str, Any]:
    """The validated JSON input of ``operation``, for services that moto answers.

    The emulator reads the request before moto does, so that malformed input is refused in
    AWS terms instead of crashing moto.
    """
    model = operation_model(service, operation)
    if model is None:
        raise UnknownOperationException(f"Unknown operation {operation}.")
    params = load_json(body) if body.strip() else {}
    if not isinstance(params, dict):
        raise SerializationException("The request body must be a JSON object.")
    shape = model.input_shape
    decoded = decode(shape, params) if shape is not None else {}
    validate_input(model, decoded)
    return dict(params)


def paginate(
    items: list[Any], max_results: int | None, next_token: str | None
) -> tuple[list[Any], str | None]:
    """One page of ``items``; tokens are offsets, which is all an emulator needs."""
    if not next_token:
        start = 0
    elif _TOKEN.fullmatch(next_token):
        start = int(next_token)
    else:
        start = -1
    if not 0 <= start <= len(items):
        raise ValidationException("The next token is not valid.")
    size = max_results or 100
    end = start + size
    return items[start:end], (str(end) if end < len(items) else None)


_protocols: dict[str, ServiceProtocol] = {}
_protocols_lock = threading.Lock()


def protocol_for(service_name: str) -> ServiceProtocol:
    """The (cached) protocol of a service; compiling its routes is not free."""
    with _protocols_lock:
        protocol = _protocols.get(service_name)
        if protocol is None:
            protocol = _protocols[service_name] = ServiceProtocol(service_name)
        return protocol


def handle(service_name: str, operations: OperationTable, request: Request) -> Response:
    """Answer one request to ``service_name`` with the handlers in ``operations``."""
    return protocol_for(service_name).handle(operations, request)

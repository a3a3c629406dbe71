"""The wire protocols of AWS, read from botocore's service models instead of written by hand.

botocore ships a machine-readable model of every AWS API: each operation's HTTP method and
URI template (``rest-json``) or target name (``json``), and every input, output and error
shape. Parsing requests and serializing answers from that model means the emulator's services
never touch HTTP: a handler receives a validated ``dict`` and returns a ``dict``. Malformed
requests are answered the way AWS answers them (a 4xx with an AWS-shaped JSON error body),
never with a crash.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
import logging
import math
import re
import threading
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

import botocore.session
from botocore.model import OperationModel, ServiceModel, Shape, StructureShape
from werkzeug.wrappers import Request, Response

from conformance.emulator.errors import (
    EmulatorError,
    InternalServerException,
    SerializationException,
    UnknownOperationException,
    ValidationException,
)

__all__ = [
    "Handler",
    "OperationTable",
    "ServiceProtocol",
    "handle",
    "paginate",
    "protocol_for",
]

_log = logging.getLogger(__name__)

#: A handler receives the validated input parameters and answers the output members.
Handler = Callable[[dict[str, Any]], "dict[str, Any] | None"]
#: Operation name to handler.
OperationTable = Mapping[str, Handler]

_UTC = dt.UTC


class NotImplementedOperation(EmulatorError):
    """The operation exists in the AWS API but the emulator does not implement it (501)."""

    code = "NotImplementedException"
    status = 501


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
        encoded=re.compile("".join(encoded)),
        decoded=re.compile("".join(decoded)),
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


# --------------------------------------------------------------------------- validation


@dataclass
class _Problems:
    items: list[tuple[str, str]] = field(default_factory=list)

    def add(self, where: str, message: str) -> None:
        self.items.append((where, message))


def _type_name(value: Any) -> str:
    return type(value).__name__


def _validate(shape: Shape, value: Any, where: str, problems: _Problems) -> None:
    kind = shape.type_name
    meta = shape.metadata
    if kind == "structure":
        assert isinstance(shape, StructureShape)
        if not isinstance(value, dict):
            problems.add(where, f"expected a structure, got {_type_name(value)}")
            return
        for name in shape.required_members:
            if value.get(name) is None:
                problems.add(f"{where}.{name}" if where else name, "member must not be null")
        for name, member in shape.members.items():
            if name in value and value[name] is not None:
                _validate(member, value[name], f"{where}.{name}" if where else name, problems)
        if shape.metadata.get("union") and sum(v is not None for v in value.values()) > 1:
            problems.add(where, "only one member of a union may be set")
        return
    if kind == "list":
        if not isinstance(value, list):
            problems.add(where, f"expected a list, got {_type_name(value)}")
            return
        _check_range(len(value), meta, where, problems, "length")
        for index, item in enumerate(value):
            _validate(shape.member, item, f"{where}[{index}]", problems)
        return
    if kind == "map":
        if not isinstance(value, dict):
            problems.add(where, f"expected a map, got {_type_name(value)}")
            return
        _check_range(len(value), meta, where, problems, "length")
        for key, item in value.items():
            _validate(shape.key, key, f"{where}.<key>", problems)
            _validate(shape.value, item, f"{where}.{key}", problems)
        return
    if kind == "string":
        if not isinstance(value, str):
            problems.add(where, f"expected a string, got {_type_name(value)}")
            return
        _check_range(len(value), meta, where, problems, "length")
        enum = meta.get("enum")
        if enum and value not in enum:
            problems.add(where, f"value must be one of {', '.join(enum)}")
        return
    if kind in ("integer", "long"):
        if isinstance(value, bool) or not isinstance(value, int):
            problems.add(where, f"expected an integer, got {_type_name(value)}")
            return
        _check_range(value, meta, where, problems, "value")
        return
    if kind in ("float", "double"):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            problems.add(where, f"expected a number, got {_type_name(value)}")
        return
    if kind == "boolean":
        if not isinstance(value, bool):
            problems.add(where, f"expected a boolean, got {_type_name(value)}")
        return
    if kind == "timestamp":
        if not isinstance(value, dt.datetime):
            problems.add(where, "expected a timestamp")
        return
    if kind == "blob":
        if not isinstance(value, (bytes, bytearray)):
            problems.add(where, "expected base64-encoded binary data")
        else:
            _check_range(len(value), meta, where, problems, "length")
        return
    # documents and anything exotic: accepted as they come


def _check_range(
    size: int, meta: Mapping[str, Any], where: str, problems: _Problems, what: str
) -> None:
    low, high = meta.get("min"), meta.get("max")
    if low is not None and size < low:
        problems.add(where, f"{what} must be at least {low}")
    if high is not None and size > high:
        problems.add(where, f"{what} must be at most {high}")


def validate_input(operation: OperationModel, params: dict[str, Any]) -> None:
    """Check ``params`` against the operation's input shape; raise ``ValidationException``."""
    shape = operation.input_shape
    if shape is None:
        return
    problems = _Problems()
    _validate(shape, params, "", problems)
    if problems.items:
        details = "; ".join(f"{where or 'input'}: {message}" for where, message in problems.items)
        raise ValidationException(
            f"{len(problems.items)} validation error(s) detected: {details}",
            fields={
                "Reason": "FIELD_VALIDATION_FAILED",
                "Fields": [
                    {"Name": where or "input", "Message": message}
                    for where, message in problems.items
                ],
            },
        )


# --------------------------------------------------------------------------- decoding


def _parse_timestamp(value: Any) -> Any:
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        if not math.isfinite(value):
            return value
        try:
            return dt.datetime.fromtimestamp(float(value), tz=_UTC)
        except (OverflowError, OSError, ValueError):
            return value
    if isinstance(value, str):
        text = value.strip()
        try:
            return _parse_timestamp(float(text))
        except ValueError:
            pass
        try:
            parsed = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            return value
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=_UTC)
    return value


def _decode(shape: Shape, value: Any) -> Any:
    """Turn JSON values into Python values by shape; wrong types are left for validation."""
    kind = shape.type_name
    if value is None:
        return None
    if kind == "structure" and isinstance(value, dict):
        members = shape.members
        return {
            name: _decode(members[name], item)
            for name, item in value.items()
            if name in members and item is not None
        }
    if kind == "list" and isinstance(value, list):
        return [_decode(shape.member, item) for item in value]
    if kind == "map" and isinstance(value, dict):
        return {key: _decode(shape.value, item) for key, item in value.items()}
    if kind == "timestamp":
        return _parse_timestamp(value)
    if kind == "blob" and isinstance(value, str):
        try:
            return base64.b64decode(value, validate=True)
        except (binascii.Error, ValueError):
            return value
    return value


def _from_text(shape: Shape, text: str) -> Any:
    """Convert a query-string or header value to the member's type (lenient; validation judges)."""
    kind = shape.type_name
    if kind in ("integer", "long"):
        try:
            return int(text)
        except ValueError:
            return text
    if kind in ("float", "double"):
        try:
            return float(text)
        except ValueError:
            return text
    if kind == "boolean":
        lowered = text.lower()
        return True if lowered == "true" else False if lowered == "false" else text
    if kind == "timestamp":
        return _parse_timestamp(text)
    if kind == "blob":
        return _decode(shape, text)
    return text


# --------------------------------------------------------------------------- encoding


def _epoch(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        moment = value if value.tzinfo else value.replace(tzinfo=_UTC)
        seconds = moment.timestamp()
        return int(seconds) if seconds.is_integer() else round(seconds, 3)
    if isinstance(value, (int, float)):
        return value
    return value


def _encode(shape: Shape | None, value: Any) -> Any:
    """Serialize a Python value by shape for a JSON body; ``None`` members are omitted."""
    if shape is None:
        return value
    kind = shape.type_name
    if kind == "structure" and isinstance(value, Mapping):
        members = shape.members
        out: dict[str, Any] = {}
        for name, item in value.items():
            if item is None:
                continue
            member = members.get(name)
            if member is None:
                continue
            out[member.serialization.get("name", name)] = _encode(member, item)
        return out
    if kind == "list" and isinstance(value, (list, tuple)):
        return [_encode(shape.member, item) for item in value]
    if kind == "map" and isinstance(value, Mapping):
        return {
            str(key): _encode(shape.value, item) for key, item in value.items() if item is not None
        }
    if kind == "timestamp":
        return _epoch(value)
    if kind == "blob" and isinstance(value, (bytes, bytearray)):
        return base64.b64encode(bytes(value)).decode("ascii")
    return value


def _header_text(shape: Shape, value: Any) -> str:
    if shape.type_name == "timestamp" and isinstance(value, dt.datetime):
        return value.astimezone(_UTC).strftime("%a, %d %b %Y %H:%M:%S GMT")
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


# --------------------------------------------------------------------------- the protocol


class ServiceProtocol:
    """Parser, validator and serializer for one AWS service, built from its botocore model."""

    def __init__(self, service_name: str) -> None:
        self.service_name = service_name
        self.model: ServiceModel = botocore.session.get_session().get_service_model(service_name)
        self.protocol: str = self.model.protocol
        if self.protocol not in ("rest-json", "json"):
            raise ValueError(f"{service_name}: protocol {self.protocol} is not supported")
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
        self._error_shapes: dict[str, StructureShape] = {
            shape.error_code: shape for shape in self.model.error_shapes
        }

    # -- request side ------------------------------------------------------

    def parse(self, request: Request) -> tuple[OperationModel, dict[str, Any]]:
        """The operation a request names and its decoded (not yet validated) parameters."""
        if self.protocol == "json":
            return self._parse_json(request)
        return self._parse_rest_json(request)

    def _read_json_body(self, request: Request) -> dict[str, Any]:
        raw = request.get_data(cache=True)
        if not raw or not raw.strip():
            return {}
        try:
            body = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, ValueError) as exc:
            raise SerializationException(f"the request body is not valid JSON: {exc}") from None
        if not isinstance(body, dict):
            raise SerializationException("the request body must be a JSON object")
        return body

    def _parse_json(self, request: Request) -> tuple[OperationModel, dict[str, Any]]:
        target = request.headers.get("X-Amz-Target", "")
        prefix, _, name = target.partition(".")
        if request.method != "POST":
            raise UnknownOperationException(f"{request.method} is not an operation of this API")
        if not target or prefix != self.target_prefix or name not in self._operations:
            raise UnknownOperationException(f"unknown operation {target or '(no target)'}")
        operation = self._operations[name]
        body = self._read_json_body(request)
        shape = operation.input_shape
        params = _decode(shape, body) if shape is not None else {}
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
                f"{method} is not allowed on {decoded_path}", status=405
            )
        raise UnknownOperationException(f"no operation matches {method} {decoded_path}", status=404)

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
                    params[name] = _from_text(member, labels[label])
            elif location == "querystring":
                self._query_member(name, member, wire, query_pairs, params)
            elif location == "header":
                self._header_member(name, member, wire, request, params)
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
                    params[payload] = data if member.type_name == "blob" else data.decode()
            else:
                body = self._read_json_body(request)
                if body:
                    params[payload] = _decode(member, body)
        elif body_members:
            body = self._read_json_body(request)
            for name, member in body_members.items():
                wire = member.serialization.get("name", name)
                if body.get(wire) is not None:
                    params[name] = _decode(member, body[wire])
        return operation, params

    @staticmethod
    def _query_member(
        name: str,
        member: Shape,
        wire: str,
        pairs: list[tuple[str, str]],
        params: dict[str, Any],
    ) -> None:
        if member.type_name == "list":
            values = [value for key, value in pairs if key == wire]
            if values:
                params[name] = [_from_text(member.member, v) for v in values]
        elif member.type_name == "map":
            if pairs:
                params[name] = {key: value for key, value in pairs}
        else:
            for key, value in pairs:
                if key == wire:
                    params[name] = _from_text(member, value)
                    break

    @staticmethod
    def _header_member(
        name: str, member: Shape, wire: str, request: Request, params: dict[str, Any]
    ) -> None:
        value = request.headers.get(wire)
        if value is None:
            return
        if member.serialization.get("jsonvalue"):
            try:
                params[name] = json.loads(base64.b64decode(value))
            except (ValueError, binascii.Error):
                params[name] = value
            return
        if member.type_name == "list":
            params[name] = [part.strip() for part in value.split(",") if part.strip()]
            return
        params[name] = _from_text(member, value)

    # -- response side -----------------------------------------------------

    def _base_headers(self) -> dict[str, str]:
        return {"x-amzn-RequestId": str(uuid.uuid4())}

    def serialize(self, operation: OperationModel, result: Mapping[str, Any] | None) -> Response:
        """The HTTP answer for a successful call."""
        result = result or {}
        shape = operation.output_shape
        headers = self._base_headers()
        if self.protocol == "json":
            body = _encode(shape, result) if shape is not None else {}
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
                    headers[wire] = _header_text(member, value)
                elif location == "headers":
                    for key, item in value.items():
                        headers[f"{wire}{key}"] = str(item)
                elif location == "statusCode":
                    status = int(value)
                elif name == payload:
                    if member.type_name in ("blob", "string"):
                        raw_payload = value if isinstance(value, bytes) else str(value).encode()
                    else:
                        body_value = _encode(member, value)
                else:
                    body_value[wire] = _encode(member, value)
        if status == 204:
            return Response(b"", status=204, headers=headers)
        headers["Content-Type"] = self.content_type
        data = raw_payload if raw_payload is not None else json.dumps(body_value).encode()
        return Response(data, status=status, headers=headers)

    def serialize_error(self, error: EmulatorError) -> Response:
        """The HTTP answer for an error, in the service protocol's JSON error form."""
        shape = self._error_shapes.get(error.code)
        status = error.status
        if shape is not None:
            modeled = shape.metadata.get("error", {}).get("httpStatusCode")
            if modeled is not None and not isinstance(error, UnknownOperationException):
                status = int(modeled)
        message_key = "message"
        body: dict[str, Any] = {"__type": error.code}
        if shape is not None:
            members: dict[str, Shape] = shape.members
            message_key = next((m for m in members if m.lower() == "message"), "message")
            body[message_key] = error.message
            for name, value in error.fields.items():
                if name in members and value is not None:
                    body[name] = _encode(members[name], value)
        else:
            body[message_key] = error.message
            for name, value in error.fields.items():
                if name not in ("Reason", "Fields") and value is not None:
                    body[name] = _epoch(value)
        headers = self._base_headers()
        headers["x-amzn-ErrorType"] = error.code
        headers["Content-Type"] = self.content_type
        return Response(json.dumps(body), status=status, headers=headers)

    # -- the whole exchange ------------------------------------------------

    def handle(self, operations: OperationTable, request: Request) -> Response:
        """Parse, validate, call the operation's handler, and serialize its answer or error."""
        try:
            operation, params = self.parse(request)
            validate_input(operation, params)
            handler = operations.get(operation.name)
            if handler is None:
                raise NotImplementedOperation(
                    f"{self.service_name} {operation.name} is not implemented by this emulator"
                )
            return self.serialize(operation, handler(params))
        except EmulatorError as error:
            return self.serialize_error(error)
        except Exception as exc:  # a defect of the emulator: still answer in AWS shape
            _log.exception("unexpected error in %s", self.service_name)
            return self.serialize_error(InternalServerException(f"{type(exc).__name__}: {exc}"))


def paginate(
    items: list[Any], max_results: int | None, next_token: str | None
) -> tuple[list[Any], str | None]:
    """One page of ``items``; tokens are offsets, which is all an emulator needs."""
    try:
        start = int(next_token) if next_token else 0
    except ValueError:
        raise ValidationException("the next token is not valid") from None
    if start < 0 or start > len(items):
        raise ValidationException("the next token is not valid")
    size = max_results or 100
    end = start + size
    return items[start:end], (str(end) if end < len(items) else None)


_protocols: dict[str, ServiceProtocol] = {}
_protocols_lock = threading.Lock()


def protocol_for(service_name: str) -> ServiceProtocol:
    """The (cached) protocol of a service; loading a botocore model is not cheap."""
    with _protocols_lock:
        protocol = _protocols.get(service_name)
        if protocol is None:
            protocol = _protocols[service_name] = ServiceProtocol(service_name)
        return protocol


def handle(service_name: str, operations: OperationTable, request: Request) -> Response:
    """Answer one request to ``service_name`` with the handlers in ``operations``."""
    return protocol_for(service_name).handle(operations, request)

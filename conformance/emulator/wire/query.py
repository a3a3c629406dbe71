"""The AWS query protocol (IAM, STS, and CloudWatch's older clients), read and written by model.

Requests of the query protocol are form documents (``Action=CreateRole&RoleName=...&
Tags.member.1.Key=...``); answers are XML whose element names come from the operation's output
shape. The emulator reads every such request into the operation's input structure and
validates it before the service-linked role's rules or moto see it: moto trusts its input and
crashes on some malformed values (a ``DurationSeconds`` of 22 digits, an unknown service
name). The flat form is kept too, because it is what moto is handed unchanged.
"""

from __future__ import annotations

import base64
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from urllib.parse import parse_qsl
from xml.etree import ElementTree

from botocore.model import OperationModel, Shape, StructureShape
from werkzeug import Response

from conformance.emulator.errors import (
    EmulatorError,
    SerializationException,
    UnknownOperationException,
)
from conformance.emulator.wire.errors import XML_CONTENT_TYPE, new_request_id
from conformance.emulator.wire.jsoncodec import from_text
from conformance.emulator.wire.models import operation_model, service_model
from conformance.emulator.wire.validation import Problem, check, raise_problems

__all__ = [
    "FORM_CONTENT_TYPE",
    "QueryInput",
    "format_timestamp",
    "parse_form",
    "read_call",
    "serialize_result",
    "success_response",
]

FORM_CONTENT_TYPE = "application/x-www-form-urlencoded"
#: More parameters than any AWS request needs; a form with more is refused, not parsed.
MAX_FIELDS = 10_000
#: The largest list position a form may name (``Tags.member.1000.Key``).
MAX_POSITION = 1_000


def parse_form(body: bytes, query_string: str = "") -> dict[str, str]:
    """The flat parameters of a query-protocol request (the URL query, then the body).

    Undecodable input is the caller's fault: ``MalformedQueryString`` (400).
    """
    try:
        text = body.decode("utf-8")
        pairs = parse_qsl(
            query_string, keep_blank_values=True, errors="strict", max_num_fields=MAX_FIELDS
        )
        pairs += parse_qsl(text, keep_blank_values=True, errors="strict", max_num_fields=MAX_FIELDS)
    except (UnicodeDecodeError, ValueError):
        raise SerializationException(
            "The request body is not a well-formed query string."
        ) from None
    return dict(pairs)


# -- the form as the operation's input structure ----------------------------------------


@dataclass
class _Node:
    """The parameters below one dotted prefix (``Tags`` holds ``member``, which holds ``1``)."""

    value: str | None = None
    children: dict[str, _Node] = field(default_factory=dict)


def _tree(form: Mapping[str, str]) -> _Node:
    root = _Node()
    for key, value in form.items():
        node = root
        for part in key.split("."):
            node = node.children.setdefault(part, _Node())
        node.value = value
    return root


@dataclass(frozen=True)
class QueryInput:
    """A validated query-protocol call: its operation, structured input and flat form."""

    action: str
    operation: OperationModel
    params: dict[str, Any]
    form: dict[str, str]


class _Reader:
    """Reads a form tree into a structure by shape, noting every value it cannot read."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def read(self, shape: Shape, node: _Node, where: str) -> Any:
        kind = shape.type_name
        if kind == "structure":
            return self._structure(shape, node, where)
        if kind == "list":
            return self._list(shape, node, where)
        if kind == "map":
            return self._map(shape, node, where)
        if node.value is None:
            self.problems.append(Problem(where, None, "Member must be a single value"))
            return None
        return from_text(shape, node.value)

    def _structure(self, shape: Shape, node: _Node, where: str) -> dict[str, Any]:
        assert isinstance(shape, StructureShape)
        parsed: dict[str, Any] = {}
        for name, member in shape.members.items():
            child = node.children.get(member.serialization.get("name", name))
            if child is not None:
                parsed[name] = self.read(member, child, f"{where}.{name}" if where else name)
        return parsed

    def _positions(self, node: _Node, where: str) -> list[tuple[int, _Node]]:
        items: list[tuple[int, _Node]] = []
        for key, child in node.children.items():
            number = int(key) if key.isascii() and key.isdigit() and len(key) <= 6 else 0
            if not 1 <= number <= MAX_POSITION:
                self.problems.append(
                    Problem(f"{where}.{key}", None, f"Member must be numbered 1 to {MAX_POSITION}")
                )
                continue
            items.append((number, child))
        return sorted(items, key=lambda item: item[0])

    def _list(self, shape: Shape, node: _Node, where: str) -> list[Any]:
        if node.value == "" and not node.children:
            return []  # the query protocol's empty list
        if shape.serialization.get("flattened"):
            holder: _Node | None = node
        else:
            holder = node.children.get(shape.member.serialization.get("name", "member"))
        if holder is None:
            self.problems.append(Problem(where, node.value, "Member must be a list"))
            return []
        return [
            self.read(shape.member, child, f"{where}[{index - 1}]")
            for index, child in self._positions(holder, where)
        ]

    def _map(self, shape: Shape, node: _Node, where: str) -> dict[Any, Any]:
        holder = node if shape.serialization.get("flattened") else node.children.get("entry")
        if holder is None:
            self.problems.append(Problem(where, node.value, "Member must be a map"))
            return {}
        key_name = shape.key.serialization.get("name", "key")
        value_name = shape.value.serialization.get("name", "value")
        parsed: dict[Any, Any] = {}
        for index, entry in self._positions(holder, where):
            key_node = entry.children.get(key_name)
            value_node = entry.children.get(value_name)
            at = f"{where}.entry.{index}"
            if key_node is None or value_node is None:
                self.problems.append(Problem(at, None, "Member must have a key and a value"))
                continue
            key = self.read(shape.key, key_node, f"{at}.{key_name}")
            if isinstance(key, str):
                parsed[key] = self.read(shape.value, value_node, f"{at}.{value_name}")
        return parsed


def read_call(service: str, form: Mapping[str, str]) -> QueryInput:
    """The operation a form names and its validated input; AWS errors for everything else."""
    action = form.get("Action")
    if not action:
        raise EmulatorError("The request names no Action.", code="MissingAction", status=400)
    operation = operation_model(service, action)
    if operation is None:
        raise UnknownOperationException(f"Could not find operation {action} for this service.")
    params: dict[str, Any] = {}
    shape = operation.input_shape
    if shape is not None:
        reader = _Reader()
        params = reader.read(shape, _tree(form), "")
        raise_problems(reader.problems + check(shape, params, patterns=True), style="query")
    return QueryInput(action, operation, params, dict(form))


# -- answers ---------------------------------------------------------------------------


def serialize_result(
    service: str, action: str, result: Mapping[str, Any], request_id: str
) -> bytes:
    """The XML answer of ``action`` carrying ``result`` (keys are output-shape member names)."""
    model = service_model(service)
    operation = model.operation_model(action)
    root = ElementTree.Element(f"{action}Response", {"xmlns": _namespace(service)})
    output = operation.output_shape
    if output is not None:
        wrapper = output.serialization.get("resultWrapper", f"{action}Result")
        _write_structure(ElementTree.SubElement(root, wrapper), output, result)
    elif result:
        raise ValueError(f"{service}:{action} has no output, yet a result was given")
    metadata = ElementTree.SubElement(root, "ResponseMetadata")
    ElementTree.SubElement(metadata, "RequestId").text = request_id
    return bytes(ElementTree.tostring(root, encoding="utf-8"))


def _namespace(service: str) -> str:
    return str(service_model(service).metadata.get("xmlNamespace", ""))


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


def success_response(service: str, action: str, result: Mapping[str, Any]) -> Response:
    """A 200 answer of ``action``."""
    request_id = new_request_id()
    body = serialize_result(service, action, result, request_id)
    return Response(
        body, status=200, content_type=XML_CONTENT_TYPE, headers={"x-amzn-RequestId": request_id}
    )

"""Input validation from botocore's shapes, shared by every protocol the emulator reads.

AWS checks each request against the same constraints an SDK's model carries (required
members, lengths, ranges, enums, types) before any service logic runs, and answers a 400 that
names each broken member. The emulator does the same for its own services and for the IAM and
STS requests it hands to moto, because moto trusts its input and crashes on some of what a
malformed request holds. One validator, two renderings: ``ValidationException`` with a
``Fields`` list for the JSON protocols, ``ValidationError`` for the query protocol, both with
AWS's sentence ("Value ... at 'member' failed to satisfy constraint: ...").
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from botocore.model import OperationModel, Shape, StructureShape

from conformance.emulator.errors import ValidationException

__all__ = ["Problem", "check", "raise_problems", "validate_input"]

#: Characters XML 1.0 cannot carry (query answers are XML, and moto echoes its input).
_XML_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
#: At most this many problems are named in one answer; AWS also stops early.
MAX_REPORTED = 10
_INT_BITS = {"integer": 32, "long": 64}


class _Found(list["Problem"]):
    """The problems found so far, and whether string patterns are checked too."""

    def __init__(self, patterns: bool) -> None:
        super().__init__()
        self.patterns = patterns


@dataclass(frozen=True)
class Problem:
    """One broken constraint: the member's path (``Tags[0].Key``), its value, the rule."""

    where: str
    value: Any
    constraint: str


def _join(where: str, name: str) -> str:
    return f"{where}.{name}" if where else name


def check(shape: Shape, value: Any, where: str = "", *, patterns: bool = False) -> list[Problem]:
    """Every constraint of ``shape`` that ``value`` breaks.

    ``patterns`` also checks strings against their model's regular expression, in full, as
    IAM and STS do (and so keeps out of moto's XML answers the characters XML cannot carry).
    The emulator's own JSON services are not held to them: their examples look up made-up
    identifiers and expect "not found", as documented.
    """
    problems = _Found(patterns)
    _check(shape, value, where, problems)
    return list(problems)


def _check(shape: Shape, value: Any, where: str, problems: list[Problem]) -> None:
    kind = shape.type_name
    checker = _CHECKERS.get(kind)
    if checker is not None:
        checker(shape, value, where, problems)
    # documents and anything exotic: accepted as they come


def _structure(shape: Shape, value: Any, where: str, problems: list[Problem]) -> None:
    assert isinstance(shape, StructureShape)
    if not isinstance(value, dict):
        problems.append(Problem(where, value, "Member must be a structure"))
        return
    for name in shape.required_members:
        if value.get(name) is None:
            problems.append(Problem(_join(where, name), None, "Member must not be null"))
    for name, member in shape.members.items():
        if value.get(name) is not None:
            _check(member, value[name], _join(where, name), problems)
    if shape.metadata.get("union") and sum(v is not None for v in value.values()) > 1:
        problems.append(Problem(where, None, "Only one member of a union may be set"))


def _list(shape: Shape, value: Any, where: str, problems: list[Problem]) -> None:
    if not isinstance(value, list):
        problems.append(Problem(where, value, "Member must be a list"))
        return
    _length(shape, value, where, problems)
    for index, item in enumerate(value):
        _check(shape.member, item, f"{where}[{index}]", problems)
        if len(problems) > MAX_REPORTED:
            return


def _map(shape: Shape, value: Any, where: str, problems: list[Problem]) -> None:
    if not isinstance(value, dict):
        problems.append(Problem(where, value, "Member must be a map"))
        return
    _length(shape, value, where, problems)
    for key, item in value.items():
        _check(shape.key, key, f"{where}.<key>", problems)
        _check(shape.value, item, _join(where, str(key)), problems)
        if len(problems) > MAX_REPORTED:
            return


def _string(shape: Shape, value: Any, where: str, problems: list[Problem]) -> None:
    if not isinstance(value, str):
        problems.append(Problem(where, value, "Member must be a string"))
        return
    _length(shape, value, where, problems)
    enum = shape.metadata.get("enum")
    if enum and value not in enum:
        problems.append(
            Problem(where, value, f"Member must satisfy enum value set: [{', '.join(enum)}]")
        )
    if isinstance(problems, _Found) and problems.patterns:
        _pattern(shape, value, where, problems)


def _pattern(shape: Shape, value: str, where: str, problems: list[Problem]) -> None:
    pattern = shape.metadata.get("pattern")
    compiled = _compiled(pattern) if pattern else None
    if compiled is not None and compiled.fullmatch(value) is None:
        problems.append(
            Problem(where, value, f"Member must satisfy regular expression pattern: {pattern}")
        )
    elif _XML_UNSAFE.search(value):
        problems.append(Problem(where, value, "Member must not contain control characters"))


@lru_cache(maxsize=256)
def _compiled(pattern: str) -> re.Pattern[str] | None:
    """The model's pattern in Python's dialect; ``None`` for classes ``re`` lacks (``p{L}``)."""
    try:
        return re.compile(pattern)
    except re.error:
        return None


def _integer(shape: Shape, value: Any, where: str, problems: list[Problem]) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        problems.append(Problem(where, value, "Member must be an integer"))
        return
    bits = _INT_BITS[shape.type_name]
    if not -(2 ** (bits - 1)) <= value < 2 ** (bits - 1):
        problems.append(Problem(where, value, f"Member must be a {bits}-bit integer"))
        return
    _bounds(shape, value, where, problems, "value")


def _number(shape: Shape, value: Any, where: str, problems: list[Problem]) -> None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        problems.append(Problem(where, value, "Member must be a number"))
        return
    if isinstance(value, float) and not math.isfinite(value):
        problems.append(Problem(where, value, "Member must be a finite number"))
        return
    if isinstance(value, int) and abs(value) > 2**1023:
        problems.append(Problem(where, value, "Member must be a finite number"))
        return
    _bounds(shape, value, where, problems, "value")


def _boolean(shape: Shape, value: Any, where: str, problems: list[Problem]) -> None:
    if not isinstance(value, bool):
        problems.append(Problem(where, value, "Member must be a boolean"))


def _timestamp(shape: Shape, value: Any, where: str, problems: list[Problem]) -> None:
    if not isinstance(value, dt.datetime):
        problems.append(Problem(where, value, "Member must be a timestamp"))


def _blob(shape: Shape, value: Any, where: str, problems: list[Problem]) -> None:
    if not isinstance(value, bytes | bytearray):
        problems.append(Problem(where, value, "Member must be base64-encoded binary data"))
        return
    _length(shape, value, where, problems)


def _length(shape: Shape, value: Any, where: str, problems: list[Problem]) -> None:
    _bounds(shape, len(value), where, problems, "length", shown=value)


def _bounds(
    shape: Shape,
    size: float,
    where: str,
    problems: list[Problem],
    what: str,
    *,
    shown: Any = None,
) -> None:
    low, high = shape.metadata.get("min"), shape.metadata.get("max")
    value = size if shown is None else shown
    if low is not None and size < low:
        problems.append(
            Problem(where, value, f"Member must have {what} greater than or equal to {low}")
        )
    if high is not None and size > high:
        problems.append(
            Problem(where, value, f"Member must have {what} less than or equal to {high}")
        )


_CHECKERS = {
    "structure": _structure,
    "list": _list,
    "map": _map,
    "string": _string,
    "integer": _integer,
    "long": _integer,
    "float": _number,
    "double": _number,
    "boolean": _boolean,
    "timestamp": _timestamp,
    "blob": _blob,
}


def _shown(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, dict | list):
        kind = "map" if isinstance(value, dict) else "list"
        return f"'{kind} of {len(value)} items'"
    text = str(value)
    return f"'{text[:64]}...'" if len(text) > 64 else f"'{text}'"


def _path(where: str, style: str) -> str:
    """AWS writes member paths of query services in lower camel case (``roleName``)."""
    if not where:
        return "input"
    if style != "query":
        return where
    return ".".join(part[:1].lower() + part[1:] for part in where.split("."))


def sentence(problems: list[Problem], style: str = "json") -> str:
    """AWS's summary: ``2 validation errors detected: Value ... at '...' failed ...``."""
    shown = problems[:MAX_REPORTED]
    count = len(problems)
    details = "; ".join(
        f"Value {_shown(p.value)} at '{_path(p.where, style)}' failed to satisfy constraint: "
        f"{p.constraint}"
        for p in shown
    )
    more = f"; and {count - len(shown)} more" if count > len(shown) else ""
    plural = "s" if count != 1 else ""
    return f"{count} validation error{plural} detected: {details}{more}"


def raise_problems(problems: list[Problem], style: str = "json") -> None:
    """Raise ``ValidationException`` naming ``problems``, if there are any."""
    if not problems:
        return
    raise ValidationException(
        sentence(problems, style),
        fields={
            "Reason": "FIELD_VALIDATION_FAILED",
            "Fields": [
                {"Name": p.where or "input", "Message": p.constraint}
                for p in problems[:MAX_REPORTED]
            ],
        },
    )


def validate_input(operation: OperationModel, params: Mapping[str, Any]) -> None:
    """Check ``params`` against the operation's input shape; raise ``ValidationException``."""
    shape = operation.input_shape
    if shape is not None:
        raise_problems(check(shape, dict(params)))

"""Values by shape: JSON and text on the wire, Python values in the emulator.

Decoding is lenient (a value of the wrong type is left as it came, for validation to name);
encoding writes what the model says (epoch seconds for times in JSON, base64 for blobs). Both
directions follow the shape, not the value, so their depth is the model's, however deeply a
request nests its JSON. ``load_json`` is the one way a JSON body is read anywhere in the
emulator (services and the control protocol), so that every malformed body gets the same
AWS-shaped refusal.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
import math
import re
from collections.abc import Mapping
from typing import Any

from botocore.model import Shape

from conformance.emulator.errors import SerializationException

__all__ = [
    "LATEST_TIME",
    "decode",
    "encode",
    "from_text",
    "header_text",
    "load_json",
    "parse_timestamp",
]

_UTC = dt.UTC
#: The latest instant a request may name (9000-01-01T00:00:00Z). Far beyond any real use, and
#: far enough before the end of Python's calendar that adding days to it cannot overflow.
LATEST_TIME = 221_845_392_000.0
_EARLIEST_TIME = -62_135_596_800.0  # 0001-01-01T00:00:00Z
#: An integer as text: ASCII digits only, and short enough to convert in constant time.
_INTEGER = re.compile(r"-?[0-9]{1,40}")


class _NonFinite(ValueError):
    pass


def _refuse_constant(name: str) -> Any:
    raise _NonFinite(name)


def load_json(raw: bytes) -> Any:
    """A JSON document, or ``SerializationException`` saying in AWS terms why not."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise SerializationException("The request body is not valid UTF-8.") from None
    try:
        return json.loads(text, parse_constant=_refuse_constant)
    except RecursionError:
        raise SerializationException("The request body nests too deeply.") from None
    except _NonFinite as exc:
        raise SerializationException(
            f"The request body holds {exc}, which is not a number."
        ) from None
    except json.JSONDecodeError as exc:
        raise SerializationException(
            f"The request body is not valid JSON ({exc.msg} at character {exc.pos})."
        ) from None
    except ValueError:  # e.g. an integer of thousands of digits
        raise SerializationException("The request body holds a number too large to read.") from None


def parse_timestamp(value: Any) -> Any:
    """A ``datetime`` from epoch seconds or ISO 8601; anything else is returned unchanged."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        if not math.isfinite(value) or not _EARLIEST_TIME <= value <= LATEST_TIME:
            return value
        return dt.datetime.fromtimestamp(float(value), tz=_UTC)
    if isinstance(value, str):
        text = value.strip()
        try:
            return parse_timestamp(float(text))
        except ValueError:
            pass
        try:
            parsed = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            return value
        moment = parsed if parsed.tzinfo else parsed.replace(tzinfo=_UTC)
        try:
            inside = _EARLIEST_TIME <= moment.timestamp() <= LATEST_TIME
        except (OverflowError, ValueError):
            inside = False
        return moment if inside else value
    return value


def decode(shape: Shape, value: Any) -> Any:
    """JSON values as Python values by shape; wrong types are left for validation."""
    kind = shape.type_name
    if value is None:
        return None
    if kind == "structure" and isinstance(value, dict):
        members = shape.members
        return {
            name: decode(members[name], item)
            for name, item in value.items()
            if name in members and item is not None
        }
    if kind == "list" and isinstance(value, list):
        return [decode(shape.member, item) for item in value]
    if kind == "map" and isinstance(value, dict):
        return {key: decode(shape.value, item) for key, item in value.items()}
    if kind == "timestamp":
        return parse_timestamp(value)
    if kind == "blob" and isinstance(value, str):
        try:
            return base64.b64decode(value, validate=True)
        except (binascii.Error, ValueError):
            return value
    return value


def from_text(shape: Shape, text: str) -> Any:
    """A query-string, header or URI value as the member's type (lenient; validation judges)."""
    kind = shape.type_name
    if kind in ("integer", "long"):
        return int(text) if _INTEGER.fullmatch(text) else text
    if kind in ("float", "double"):
        try:
            number = float(text)
        except ValueError:
            return text
        return number if math.isfinite(number) else text
    if kind == "boolean":
        lowered = text.lower()
        return True if lowered == "true" else False if lowered == "false" else text
    if kind == "timestamp":
        return parse_timestamp(text)
    if kind == "blob":
        return decode(shape, text)
    return text


def _epoch(value: dt.datetime) -> int | float:
    moment = value if value.tzinfo else value.replace(tzinfo=_UTC)
    seconds = moment.timestamp()
    return int(seconds) if seconds.is_integer() else round(seconds, 3)


def encode(shape: Shape | None, value: Any) -> Any:
    """A Python value as JSON by shape (``None`` members omitted); without a shape, by value."""
    if shape is None:
        return _encode_plain(value)
    kind = shape.type_name
    if kind == "structure" and isinstance(value, Mapping):
        members = shape.members
        out: dict[str, Any] = {}
        for name, item in value.items():
            member = members.get(name)
            if item is None or member is None:
                continue
            out[member.serialization.get("name", name)] = encode(member, item)
        return out
    if kind == "list" and isinstance(value, list | tuple):
        return [encode(shape.member, item) for item in value]
    if kind == "map" and isinstance(value, Mapping):
        return {
            str(key): encode(shape.value, item) for key, item in value.items() if item is not None
        }
    if kind == "timestamp" and isinstance(value, dt.datetime):
        return _epoch(value)
    if kind == "blob" and isinstance(value, bytes | bytearray):
        return base64.b64encode(bytes(value)).decode("ascii")
    return value


def _encode_plain(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return _epoch(value)
    if isinstance(value, bytes | bytearray):
        return base64.b64encode(bytes(value)).decode("ascii")
    if isinstance(value, Mapping):
        return {str(k): _encode_plain(v) for k, v in value.items() if v is not None}
    if isinstance(value, list | tuple):
        return [_encode_plain(v) for v in value]
    return value


def header_text(shape: Shape, value: Any) -> str:
    """A member written into an HTTP header."""
    if shape.type_name == "timestamp" and isinstance(value, dt.datetime):
        return value.astimezone(_UTC).strftime("%a, %d %b %Y %H:%M:%S GMT")
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)

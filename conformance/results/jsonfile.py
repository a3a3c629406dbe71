"""Reading a JSON file that may have been written by anyone, in one guarded place.

Certificates and baselines travel: emulator authors submit them, CI jobs download them, and
``report verify`` exists precisely to read files nobody here wrote. So reading one must never
end in a traceback or hang: a file that is too large, not UTF-8, nested absurdly deep, holds a
number with thousands of digits (which Python refuses to convert), NaN, or the same key twice
in one object (which two readers could resolve differently) is refused with one sentence.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from conformance.errors import ConfigurationError

#: Larger than any real certificate (a full run writes about 100 kB) by far.
MAX_BYTES = 16 * 1024 * 1024
#: A result document is six levels deep; nothing legitimate comes near this.
MAX_DEPTH = 64
#: Characters in one number literal: more than any count, duration or digest needs.
MAX_NUMBER = 40


class _Refused(ValueError):
    """Raised from inside the JSON decoder, to leave it with a sentence."""


def _number(kind: type[int] | type[float]) -> Any:
    def convert(text: str) -> int | float:
        if len(text) > MAX_NUMBER:
            raise _Refused(f"it holds a number {len(text)} characters long")
        value = kind(text)
        if isinstance(value, float) and value in (float("inf"), float("-inf")):
            raise _Refused("it holds a number too large to represent")
        return value

    return convert


def _constant(name: str) -> Any:
    raise _Refused(f"it holds {name}, which strict JSON does not allow")


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    document: dict[str, Any] = {}
    for key, value in pairs:
        if key in document:
            raise _Refused(f"the key {_quoted(key)} appears twice in one object")
        document[key] = value
    return document


def _quoted(text: str) -> str:
    """A value from the file, quoted with every control character escaped."""
    quoted = json.dumps(text)
    return quoted if len(quoted) <= 40 else quoted[:36] + '..."'


def _depth(document: Any) -> int:
    """How deeply arrays and objects nest, counted without recursion."""
    deepest = 0
    stack: list[tuple[Any, int]] = [(document, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict):
            children: Any = value.values()
        elif isinstance(value, list):
            children = value
        else:
            continue
        deepest = max(deepest, depth)
        if deepest > MAX_DEPTH:
            break
        stack.extend((child, depth + 1) for child in children)
    return deepest


def read_bytes(path: Path, name: str) -> bytes:
    """The file's bytes, at most ``MAX_BYTES`` of them; ``name`` starts the error sentence."""
    try:
        with path.open("rb") as stream:
            raw = stream.read(MAX_BYTES + 1)
    except OSError as error:
        reason = (error.strerror or type(error).__name__).rstrip(".")
        raise ConfigurationError(f"Cannot read {name}: {reason[:1].lower()}{reason[1:]}.") from None
    if len(raw) > MAX_BYTES:
        raise ConfigurationError(f"{name} is too large: it exceeds {MAX_BYTES // 2**20} MiB.")
    return raw


def parse(raw: bytes, name: str) -> Any:
    """Decode UTF-8 JSON from ``raw`` with every guard of this module."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise ConfigurationError(f"{name} is not JSON: it is not UTF-8 text.") from None
    try:
        document = json.loads(
            text,
            parse_int=_number(int),
            parse_float=_number(float),
            parse_constant=_constant,
            object_pairs_hook=_object,
        )
    except _Refused as refused:
        raise ConfigurationError(f"{name} is not usable JSON: {refused}.") from None
    except RecursionError:
        document = None
        too_deep = True
    except json.JSONDecodeError as error:
        raise ConfigurationError(
            f"{name} is not JSON: {error.msg.lower()} at line {error.lineno}, column {error.colno}."
        ) from None
    except ValueError as error:  # any other conversion the decoder refuses
        raise ConfigurationError(
            f"{name} is not usable JSON: {str(error).splitlines()[0].rstrip('.')}."
        ) from None
    else:
        too_deep = _depth(document) > MAX_DEPTH
    if too_deep:
        raise ConfigurationError(
            f"{name} is not usable JSON: it is nested more than {MAX_DEPTH} levels deep."
        )
    return document


def read_json(path: Path, name: str) -> Any:
    """Read and parse one JSON file; every way it can be unusable is one sentence."""
    return parse(read_bytes(path, name), name)

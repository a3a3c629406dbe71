"""Hypothesis strategies from botocore shapes: values an SDK could send, and values it never would.

``typed`` values have the shape's types (so an SDK with its parameter validation off will
serialize them) but roam its constraints: lengths and numbers at, inside and beyond the
model's ``min`` and ``max``, strings outside an ``enum``, 22-digit integers, extreme
timestamps, required members left out. ``wild`` values also put any JSON value where the shape
wants another type, and they are sent as raw HTTP. Strings are often drawn from a ``Pool`` of
identifiers the emulator has answered (ARNs, IDs), so that requests reach past "not found".
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field
from typing import Any, Literal

from botocore.model import Shape, StructureShape
from hypothesis import strategies as st

__all__ = ["Mode", "Pool", "input_strategy", "wrong_value"]

Mode = Literal["typed", "wild"]
_MAX_DEPTH = 6
_SHORT = 24
_UTC = dt.UTC
_HUGE_INTEGERS = (
    -1,
    0,
    2**31,
    -(2**31) - 1,
    2**63,
    -(2**63) - 1,
    10**21,
    -(10**21),
)
_EXTREME_TIMES = (
    dt.datetime(1, 1, 1, tzinfo=_UTC),
    dt.datetime(1969, 12, 31, 23, 59, 59, tzinfo=_UTC),
    dt.datetime(8999, 12, 31, tzinfo=_UTC),
    dt.datetime(9999, 12, 31, 23, 59, 59, tzinfo=_UTC),
)


@dataclass
class Pool:
    """Identifiers the emulator has answered, for requests that name existing things."""

    strings: list[str] = field(default_factory=list)

    def add(self, value: str) -> None:
        if value not in self.strings and len(value) < 2048:
            self.strings.append(value)
            del self.strings[:-200]

    def pick(self, index: int) -> str:
        return self.strings[index % len(self.strings)] if self.strings else "missing"


@functools.cache
def _text(low: int, high: int) -> st.SearchStrategy[str]:
    return st.text(st.characters(codec="utf-8"), min_size=low, max_size=max(low, high))


@functools.cache
def wrong_value() -> st.SearchStrategy[Any]:
    """Any JSON value, for a place that wants another type.

    One strategy, shared by every place of every operation: Hypothesis checks a strategy on
    its first draw, and checking hundreds of copies was a third of a campaign's time."""
    scalars = (
        st.none()
        | st.booleans()
        | st.integers()
        | st.sampled_from(_HUGE_INTEGERS)
        | st.floats()
        | st.text(max_size=8)
        | st.text(st.characters(categories=["Cs"]), min_size=1, max_size=2)
    )
    return st.recursive(
        scalars,
        lambda inner: (
            st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3)
        ),
        max_leaves=6,
    )


class _Builder:
    def __init__(self, mode: Mode, pool: Pool) -> None:
        self.mode = mode
        self.pool = pool

    def value(self, shape: Shape, depth: int) -> st.SearchStrategy[Any]:
        strategy = self._typed(shape, depth)
        if self.mode == "wild":
            return st.one_of(strategy, strategy, strategy, wrong_value())
        return strategy

    def _typed(self, shape: Shape, depth: int) -> st.SearchStrategy[Any]:
        kind = shape.type_name
        if kind == "structure":
            return self._structure(shape, depth)
        if kind == "list":
            return self._list(shape, depth)
        if kind == "map":
            return self._map(shape, depth)
        if kind == "string":
            return self._string(shape)
        if kind in ("integer", "long"):
            return self._integer(shape)
        if kind == "boolean":
            return st.booleans()
        if kind in ("float", "double"):
            return st.floats() | st.integers(-(10**6), 10**6)
        if kind == "timestamp":
            return st.datetimes(
                min_value=dt.datetime(1970, 1, 2),
                max_value=dt.datetime(2100, 1, 1),
                timezones=st.just(_UTC),
            ) | st.sampled_from(_EXTREME_TIMES)
        if kind == "blob":
            return st.binary(max_size=32)
        return st.none()

    def _string(self, shape: Shape) -> st.SearchStrategy[str]:
        meta = shape.metadata
        low, high = int(meta.get("min", 0)), meta.get("max")
        top = int(high) if high is not None else _SHORT
        typical = _text(low, min(top, _SHORT))
        pooled = st.integers(0, 10**6).map(self.pool.pick)
        beyond = [st.just("")]
        if high is not None and int(high) < 200_000:
            beyond.append(st.just("x" * (int(high) + 1)))
        if low > 1:
            beyond.append(st.just("x" * (low - 1)))
        enum = meta.get("enum")
        if enum:
            return st.one_of(st.sampled_from(enum), st.sampled_from(enum), typical, *beyond)
        return st.one_of(typical, pooled, pooled, *beyond)

    def _integer(self, shape: Shape) -> st.SearchStrategy[int]:
        meta = shape.metadata
        low, high = meta.get("min"), meta.get("max")
        inside = st.integers(
            min_value=int(low) if low is not None else -100,
            max_value=int(high) if high is not None else 10_000,
        )
        edges = [int(v) for v in (low, high) if v is not None]
        edges += [v - 1 for v in edges] + [v + 1 for v in edges]
        return st.one_of(inside, inside, st.sampled_from(_HUGE_INTEGERS + tuple(edges)))

    def _list(self, shape: Shape, depth: int) -> st.SearchStrategy[list[Any]]:
        if depth > _MAX_DEPTH:
            return st.just([])
        meta = shape.metadata
        high = meta.get("max")
        member = self.value(shape.member, depth + 1)
        typical = st.lists(member, max_size=min(int(high) if high is not None else 4, 4))
        if high is not None and int(high) < 60:
            return typical | st.lists(member, min_size=int(high) + 1, max_size=int(high) + 1)
        return typical

    def _map(self, shape: Shape, depth: int) -> st.SearchStrategy[dict[Any, Any]]:
        if depth > _MAX_DEPTH:
            return st.just({})
        keys = self._string(shape.key) if shape.key.type_name == "string" else st.text(max_size=8)
        return st.dictionaries(keys, self.value(shape.value, depth + 1), max_size=3)

    def _structure(self, shape: Shape, depth: int) -> st.SearchStrategy[dict[str, Any]]:
        assert isinstance(shape, StructureShape)
        if depth > _MAX_DEPTH:
            return st.just({})
        members = {name: self.value(member, depth + 1) for name, member in shape.members.items()}
        if shape.metadata.get("union"):
            return st.one_of(
                *(st.fixed_dictionaries({name: s}) for name, s in members.items()),
                st.fixed_dictionaries({}, optional=members),
            )
        required = set(shape.required_members)
        complete = st.fixed_dictionaries(
            {n: s for n, s in members.items() if n in required},
            optional={n: s for n, s in members.items() if n not in required},
        )
        missing = st.fixed_dictionaries({}, optional=members)
        return st.one_of(complete, complete, complete, missing)


def input_strategy(
    shape: Shape | None, mode: Mode, pool: Pool
) -> st.SearchStrategy[dict[str, Any]]:
    """Inputs of an operation whose input shape is ``shape``."""
    if shape is None:
        return st.just({})
    return _Builder(mode, pool)._structure(shape, 0)

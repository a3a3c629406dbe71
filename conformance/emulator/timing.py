"""How a served emulator keeps time: real time with short asynchronous changes, or virtual.

In process, the emulator's time is virtual and moves only when a test moves it. A server is
also used by clients that cannot move time (boto3's waiters, the AWS CLI, Terraform): they poll
until a replication set is ACTIVE or gone. So ``serve`` runs on a ``WallClock`` by default, and
the emulator's asynchronous delays (virtual seconds chosen for the suite, a minute or so) are
scaled so that the longest takes ``async_seconds`` real seconds and every other keeps its
proportion. Rules about long waits, such as the 24-hour Region rule, are not asynchronous
changes and keep their true length: a client jumps over them with the clock control.

Which delays are asynchronous is a naming convention, so that a delay added to a part of the
emulator is scaled without being listed here: a numeric class attribute named ``*_DELAY`` on
one of the emulator's parts, or a field named ``*_delay_seconds`` of its ``RoleDefinition``.
"""

from __future__ import annotations

import dataclasses
import math
from typing import Literal, TypeGuard

from conformance.clock import DEFAULT_ASYNC_SECONDS, VirtualClock, WallClock
from conformance.emulator import IMMEDIATE, Consistency, Emulator

__all__ = [
    "CLOCK_MODES",
    "DEFAULT_ASYNC_SECONDS",
    "ClockMode",
    "asynchronous_delays",
    "describe_time",
    "scale_asynchronous_delays",
    "timed_emulator",
]

ClockMode = Literal["real", "virtual"]
CLOCK_MODES: tuple[ClockMode, ...] = ("real", "virtual")

_PART_SUFFIX = "_DELAY"
_DEFINITION_SUFFIX = "_delay_seconds"


def _parts(emulator: Emulator) -> dict[str, object]:
    return {
        "incidents": emulator.incidents,
        "contacts": emulator.contacts,
        "roles": emulator.roles,
        "triggers": emulator.triggers,
    }


def _is_seconds(value: object) -> TypeGuard[int | float]:
    return isinstance(value, int | float) and not isinstance(value, bool)


def asynchronous_delays(emulator: Emulator) -> dict[str, float]:
    """Every asynchronous delay of ``emulator``, in its own seconds, by ``part.NAME``."""
    delays: dict[str, float] = {}
    for label, part in _parts(emulator).items():
        for name in dir(type(part)):
            value = getattr(part, name) if name.endswith(_PART_SUFFIX) else None
            if _is_seconds(value):
                delays[f"{label}.{name}"] = float(value)
    definition = emulator.roles.definition
    for entry in dataclasses.fields(definition):
        value = getattr(definition, entry.name)
        if entry.name.endswith(_DEFINITION_SUFFIX) and _is_seconds(value):
            delays[f"definition.{entry.name}"] = float(value)
    return delays


def scale_asynchronous_delays(emulator: Emulator, async_seconds: float) -> float:
    """Make the longest asynchronous delay last ``async_seconds``; the others in proportion.

    Answers the factor applied. The parts' delays become instance attributes and the role's
    definition is replaced, so the classes, and every other emulator, keep theirs.
    """
    if not math.isfinite(async_seconds) or async_seconds < 0:
        raise ValueError("async_seconds must be a finite number >= 0")
    delays = asynchronous_delays(emulator)
    longest = max(delays.values(), default=0.0)
    if longest <= 0:
        return 1.0
    factor = async_seconds / longest
    for label, part in _parts(emulator).items():
        for key, value in delays.items():
            owner, _, name = key.partition(".")
            if owner == label:
                setattr(part, name, value * factor)
    definition = emulator.roles.definition
    scaled = {
        entry.name: getattr(definition, entry.name) * factor
        for entry in dataclasses.fields(definition)
        if f"definition.{entry.name}" in delays
    }
    emulator.definition = emulator.roles.definition = dataclasses.replace(definition, **scaled)
    return factor


def timed_emulator(
    clock: ClockMode = "real",
    async_seconds: float | None = None,
    consistency: Consistency = IMMEDIATE,
) -> Emulator:
    """A new emulator for serving: in real time (the default) or in virtual time.

    ``async_seconds`` applies to real time only (default ``DEFAULT_ASYNC_SECONDS``): in virtual
    time an asynchronous change costs no real second at all. ``consistency`` is the emulator's
    (``EVENTUAL`` for ``--eventual``); its delays are scaled like every other.
    """
    if clock == "virtual":
        if async_seconds is not None:
            raise ValueError("async_seconds applies only to real time")
        return Emulator(VirtualClock(), consistency=consistency)
    if clock != "real":
        raise ValueError(f"unknown clock {clock!r}; known: {', '.join(CLOCK_MODES)}")
    emulator = Emulator(WallClock(), consistency=consistency)
    scale_asynchronous_delays(
        emulator, DEFAULT_ASYNC_SECONDS if async_seconds is None else async_seconds
    )
    return emulator


def describe_time(emulator: Emulator) -> str:
    """How ``emulator`` keeps time, in a few words for the server's start-up line."""
    if not isinstance(emulator.clock, WallClock):
        return "virtual time: only the clock control moves it"
    longest = max(asynchronous_delays(emulator).values(), default=0.0)
    return f"real time: asynchronous changes take up to {longest:g} s"

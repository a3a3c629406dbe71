"""Recorded test levers: a backend's controls and clock, every request and answer kept.

A replay has to answer control requests and clock readings too, so the recorder wraps them
as it wraps clients. Each wrapper is of the same kind as what it wraps: the driver chooses
its deadlines by the class of the backend's clock, and a recorded run must wait exactly as an
unrecorded one.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from conformance.backends.base import CLOCK_NEXT, Controls
from conformance.backends.common import WithheldControls
from conformance.cassette.format import encode
from conformance.clock import Clock, CountingClock, RealClock, RemoteClock, VirtualClock

if TYPE_CHECKING:
    from conformance.cassette.recording import Recorder

T = TypeVar("T")


def clock_kind(clock: Clock) -> str:
    """``virtual`` when waiting on ``clock`` costs no real time, as the driver judges it.

    The driver picks its deadlines by the clock's class, so the recording clock must fall on
    the same side as the clock it wraps, and so must a replay's clock.
    """
    return "virtual" if isinstance(clock, VirtualClock | RemoteClock | CountingClock) else "real"


class RecordingControls(WithheldControls):
    """A backend's controls, each request and its answer recorded.

    ``clock-next`` is withheld: a recorded run waits by its interval, so that its replay, which
    cannot know the next change, waits in the same steps.
    """

    def __init__(self, inner: Controls, recorder: Recorder) -> None:
        super().__init__(inner, frozenset({CLOCK_NEXT}))
        self._recorder = recorder

    def _call(self, control: str, args: dict[str, Any], action: Callable[[], T]) -> T:
        try:
            result = action()
        except Exception as exc:
            self._recorder.add(
                {
                    "kind": "control",
                    "control": control,
                    "args": args,
                    "error": {"type": type(exc).__name__, "message": str(exc)},
                }
            )
            raise
        self._recorder.add(
            {"kind": "control", "control": control, "args": args, "result": encode(result)}
        )
        return result

    def reset(self) -> None:
        self._call("reset", {}, self._inner.reset)

    def now(self) -> float:
        return self._call("now", {}, self._inner.now)

    def advance_clock(self, seconds: float) -> float:
        return self._call(
            "advance_clock", {"seconds": seconds}, lambda: self._inner.advance_clock(seconds)
        )

    def inject_fault(self, fault: str, duration_seconds: float) -> None:
        self._call(
            "inject_fault",
            {"fault": fault, "duration_seconds": duration_seconds},
            lambda: self._inner.inject_fault(fault, duration_seconds),
        )

    def clear_faults(self) -> None:
        self._call("clear_faults", {}, self._inner.clear_faults)

    def set_permission_checks(self, enabled: bool) -> None:
        self._call(
            "set_permission_checks",
            {"enabled": enabled},
            lambda: self._inner.set_permission_checks(enabled),
        )


class _ClockRecording:
    """Reads and waits of the wrapped clock, recorded; mixed into a class of the same kind."""

    _inner: Clock
    _recorder: Recorder

    def now(self) -> float:
        value = self._inner.now()
        self._recorder.add({"kind": "clock", "op": "now", "seconds": None, "result": value})
        return value

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(seconds)
        self._recorder.add({"kind": "clock", "op": "sleep", "seconds": seconds, "result": None})


class RecordingVirtualClock(_ClockRecording, RemoteClock):
    """A recorded clock on which waiting costs no real time (it is a ``RemoteClock``)."""

    def __init__(self, inner: Clock, recorder: Recorder) -> None:
        super().__init__(inner.now, lambda seconds: 0.0)
        self._inner = inner
        self._recorder = recorder


class RecordingRealClock(_ClockRecording, RealClock):
    """A recorded clock that waits in real time (it is a ``RealClock``)."""

    def __init__(self, inner: Clock, recorder: Recorder) -> None:
        self._inner = inner
        self._recorder = recorder

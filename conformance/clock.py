"""Clocks that the driver waits on, so that emulators never sleep in real time.

Every wait in the suite goes through ``Clock.sleep``. On real AWS that is a real sleep; on an
emulator it advances the emulator's virtual time instead, and on implementations with no
time-based behaviour (stock moto) it only counts. The emulator itself runs on a
``VirtualClock`` in process, and on a ``WallClock`` when it is served to clients that cannot
move time themselves.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable
from typing import Protocol

#: Real seconds the served emulator's longest asynchronous change takes in real time.
DEFAULT_ASYNC_SECONDS = 1.0
#: What ``next_change`` answers when nothing is scheduled: time alone changes nothing.
NOTHING_SCHEDULED = math.inf


class Clock(Protocol):
    """The time source of a backend."""

    def now(self) -> float:
        """Seconds since the epoch, as the backend sees them."""
        ...

    def sleep(self, seconds: float) -> None:
        """Let ``seconds`` pass for the backend."""
        ...


def next_change_of(clock: Clock) -> float | None:
    """When the backend next changes by itself (``NOTHING_SCHEDULED`` if never), or ``None``.

    A clock may offer ``next_change()``: the backend's time of its next scheduled change, so
    that a wait can jump straight to it instead of stepping. ``None`` means the clock cannot
    tell, and a wait steps by its interval as before.
    """
    ask = getattr(clock, "next_change", None)
    return None if ask is None else ask()


class RealClock:
    """Wall-clock time; used only against real AWS and emulators without a clock control."""

    def now(self) -> float:
        return time.time()

    def sleep(self, seconds: float) -> None:
        time.sleep(seconds)


class VirtualClock:
    """A clock that moves only when told to; thread-safe, starts at a fixed instant."""

    START = 1_767_225_600.0  # 2026-01-01T00:00:00Z

    def __init__(self, start: float = START) -> None:
        self._now = start
        self._lock = threading.Lock()

    def now(self) -> float:
        with self._lock:
            return self._now

    def advance(self, seconds: float) -> float:
        if seconds < 0:
            raise ValueError("a clock cannot go backwards")
        with self._lock:
            self._now += seconds
            return self._now

    def sleep(self, seconds: float) -> None:
        self.advance(seconds)

    def reset(self, start: float = START) -> None:
        with self._lock:
            self._now = start


class WallClock(VirtualClock):
    """Wall time plus an offset that only grows: the served emulator's clock in real time.

    Clients that poll (boto3's waiters, the AWS CLI, Terraform) cannot move a clock, so the
    served emulator's time has to pass on its own; test harnesses still need to jump over long
    waits, so ``advance`` adds to the offset. Elapsed time is read from the monotonic clock, so
    a step of the system clock never turns the emulator's time back, and ``reset`` keeps the
    clock where it is: a reset forgets state, not time. It is a ``VirtualClock`` so that every
    part of the emulator that takes one accepts it; unlike its parent, it moves by itself.
    ``sleep`` still jumps ahead, as its parent's does: nothing in the emulator waits for real.
    """

    def __init__(
        self,
        wall: Callable[[], float] = time.time,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(wall())
        self._monotonic = monotonic
        self._origin = monotonic()

    def now(self) -> float:
        with self._lock:
            return self._now + (self._monotonic() - self._origin)

    def advance(self, seconds: float) -> float:
        if seconds < 0:
            raise ValueError("a clock cannot go backwards")
        with self._lock:
            self._now += seconds
            return self._now + (self._monotonic() - self._origin)

    def reset(self, start: float = VirtualClock.START) -> None:
        """Keep the current time: going back to ``start`` would run time backwards."""


class CountingClock:
    """For implementations with no asynchronous behaviour: waiting costs nothing."""

    def __init__(self) -> None:
        self._offset = 0.0

    def now(self) -> float:
        return time.time() + self._offset

    def sleep(self, seconds: float) -> None:
        self._offset += seconds

    def next_change(self) -> float:
        """Nothing here changes with time, so a wait may go straight to its deadline."""
        return NOTHING_SCHEDULED


class RemoteClock:
    """A clock moved through a backend's control protocol (``advance`` and ``now`` callables).

    ``upcoming``, when the backend offers it, answers the time of its next scheduled change
    (``None`` when nothing is scheduled); without it the clock cannot tell.
    """

    def __init__(
        self,
        now: Callable[[], float],
        advance: Callable[[float], float],
        upcoming: Callable[[], float | None] | None = None,
    ) -> None:
        self._now = now
        self._advance = advance
        self._upcoming = upcoming

    def now(self) -> float:
        return self._now()

    def sleep(self, seconds: float) -> None:
        self._advance(seconds)

    def next_change(self) -> float | None:
        if self._upcoming is None:
            return None
        at = self._upcoming()
        return NOTHING_SCHEDULED if at is None else at

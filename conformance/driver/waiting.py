"""The one way the suite waits: poll a condition on the backend's clock, with a deadline.

On emulators ``clock.sleep`` moves virtual time, so waiting costs no real seconds; a clock
that knows the backend's next scheduled change (``conformance.clock.next_change_of``) lets a
wait jump straight to it, never past the deadline, so a wait costs one or two looks.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from conformance.clock import Clock, next_change_of
from conformance.errors import ImplementationFailure

T = TypeVar("T")


def _pause(clock: Clock, now: float, deadline: float, interval: float) -> None:
    """Let time pass until the next look: to the backend's next change when it can say when
    (to the deadline when nothing is scheduled), else by ``interval``; never past the deadline."""
    upcoming = next_change_of(clock)
    if upcoming is None or upcoming <= now:
        clock.sleep(interval)
    else:
        clock.sleep(min(upcoming, deadline) - now)


def poll_until(
    clock: Clock,
    probe: Callable[[], T | None],
    *,
    reason: str,
    timeout: float,
    interval: float,
    just_asked: bool = False,
) -> T:
    """Call ``probe`` until it returns something other than ``None``; fail after ``timeout``.

    ``reason`` completes the sentence "the implementation did not ..." in the failure.
    ``just_asked`` says the caller has just requested the change it waits for: when the clock
    can tell the backend's next scheduled change, time moves there before the first look, so
    that the wait costs one look instead of two.
    """
    deadline = clock.now() + timeout
    if just_asked:
        upcoming, now = next_change_of(clock), clock.now()
        if upcoming is not None and now < upcoming <= deadline:
            clock.sleep(upcoming - now)
    while True:
        value = probe()
        if value is not None:
            return value
        now = clock.now()
        if now >= deadline:
            raise ImplementationFailure(
                f"Within {timeout:.0f} seconds the implementation did not {reason}."
            )
        _pause(clock, now, deadline, interval)


def holds_throughout(
    clock: Clock, probe: Callable[[], bool], *, duration: float, interval: float
) -> bool:
    """True when ``probe`` stays true at every look over ``duration`` (for 'nothing happens')."""
    deadline = clock.now() + duration
    while True:
        if not probe():
            return False
        now = clock.now()
        if now >= deadline:
            return True
        _pause(clock, now, deadline, interval)


def retry_while(
    clock: Clock,
    call: Callable[[], T],
    *,
    again: Callable[[T], bool],
    timeout: float,
    interval: float,
) -> T:
    """Call ``call`` until ``again`` says its answer is final or ``timeout`` passes.

    For answers that a correct implementation may give for a while before the final one (a
    grant that has not spread yet, a role the service has not let go of): the last answer is
    returned for the caller to judge, so running out of time is never mistaken for success.
    """
    deadline = clock.now() + timeout
    while True:
        value = call()
        now = clock.now()
        if not again(value) or now >= deadline:
            return value
        _pause(clock, now, deadline, interval)

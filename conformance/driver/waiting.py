"""The one way the suite waits: poll a condition on the backend's clock, with a deadline.

On emulators ``clock.sleep`` moves virtual time, so waiting costs no real seconds.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from conformance.clock import Clock
from conformance.errors import ImplementationFailure

T = TypeVar("T")


def poll_until(
    clock: Clock,
    probe: Callable[[], T | None],
    *,
    reason: str,
    timeout: float,
    interval: float,
) -> T:
    """Call ``probe`` until it returns something other than ``None``; fail after ``timeout``.

    ``reason`` completes the sentence "the implementation did not ..." in the failure.
    """
    deadline = clock.now() + timeout
    while True:
        value = probe()
        if value is not None:
            return value
        if clock.now() >= deadline:
            raise ImplementationFailure(
                f"Within {timeout:.0f} seconds the implementation did not {reason}."
            )
        clock.sleep(interval)


def holds_throughout(
    clock: Clock, probe: Callable[[], bool], *, duration: float, interval: float
) -> bool:
    """True when ``probe`` stays true at every look over ``duration`` (for 'nothing happens')."""
    deadline = clock.now() + duration
    while True:
        if not probe():
            return False
        if clock.now() >= deadline:
            return True
        clock.sleep(interval)


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
        if not again(value) or clock.now() >= deadline:
            return value
        clock.sleep(interval)

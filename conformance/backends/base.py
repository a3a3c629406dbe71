"""What the suite needs from an implementation under test, as one ``Protocol``.

A backend hands out boto3 clients, says which account and Regions it serves, provides a clock
and, optionally, test *controls*: levers such as resetting state or moving time that make
scenarios repeatable. Controls are not product behaviour; a scenario that needs a missing
control is skipped with a reason, never failed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol, runtime_checkable

from conformance.clock import Clock

#: moto's default account, and so every emulator's (the reference emulator's too).
DEFAULT_ACCOUNT_ID = "123456789012"

# Capabilities a backend's controls may offer.
RESET = "reset"
CLOCK = "clock"
FAULTS = "faults"
PERMISSIONS = "permissions"
#: The clock can say when the backend next changes by itself (``next_change``), so that a
#: wait jumps straight there; backends without it are polled every interval.
CLOCK_NEXT = "clock-next"
ALL_CAPABILITIES = frozenset({RESET, CLOCK, CLOCK_NEXT, FAULTS, PERMISSIONS})

# Faults the control protocol knows.
FAULT_ROLE_IN_USE = "role-in-use"


@dataclass(frozen=True)
class Credentials:
    """An access key pair, for scenarios that act as a particular IAM user."""

    access_key_id: str
    secret_access_key: str
    session_token: str | None = None


@dataclass(frozen=True)
class BackendDescription:
    """How a backend names itself on a certificate."""

    name: str
    implementation: str
    version: str
    endpoint: str | None = None
    extra: dict[str, str] = field(default_factory=dict)


@runtime_checkable
class Controls(Protocol):
    """Test levers. ``capabilities`` says which of the methods below work."""

    @property
    def capabilities(self) -> frozenset[str]: ...

    def reset(self) -> None: ...

    def now(self) -> float: ...

    def advance_clock(self, seconds: float) -> float: ...

    def inject_fault(self, fault: str, duration_seconds: float) -> None: ...

    def clear_faults(self) -> None: ...

    def set_permission_checks(self, enabled: bool) -> None: ...


@runtime_checkable
class Backend(Protocol):
    """An implementation of Incident Manager and IAM that the specification runs against.

    A backend class may also say ``process_local = True`` when its whole state lives in the
    process, so that a forked copy is an implementation of its own (``conformance.workers``).
    """

    name: str
    #: True only for real AWS: the safety rules of live runs apply.
    live: bool

    def start(self) -> None:
        """Make the implementation ready (start a server, open a mock); idempotent."""
        ...

    def stop(self) -> None:
        """Release everything ``start`` took; idempotent."""
        ...

    def client(
        self, service: str, region: str | None = None, credentials: Credentials | None = None
    ) -> Any:
        """A boto3 client for ``service`` in ``region`` (the home Region when omitted)."""
        ...

    @property
    def account_id(self) -> str: ...

    @property
    def home_region(self) -> str: ...

    @property
    def clock(self) -> Clock: ...

    @property
    def controls(self) -> Controls | None: ...

    def describe(self) -> BackendDescription: ...

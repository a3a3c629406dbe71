"""A pytest fixture that gives a test an offline Incident Manager.

Installed with the package (entry point ``slr_conformance``), so any project's tests can ask
for ``incident_manager``. The plugin is loaded by every pytest run, hence it imports nothing
heavy until a test asks for the fixture. One emulator serves the whole session (moto's state is
process-global anyway) and is reset after each test.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from conformance.backends.base import Credentials
    from conformance.clock import VirtualClock
    from conformance.emulator import Emulator
    from conformance.emulator.controls import EmulatorControls

#: Credentials of the account's root; any key that is not an IAM user's acts as root.
ROOT_ACCESS_KEY = "AKIAIOSFODNN7EXAMPLE"
DEFAULT_REGION = "us-east-1"

_shared: dict[str, Any] = {}


class IncidentManager:
    """What the fixture yields: boto3 clients of the emulator and its levers."""

    def __init__(self, emulator: Emulator, region: str = DEFAULT_REGION) -> None:
        from conformance.backends.base import DEFAULT_ACCOUNT_ID, Credentials
        from conformance.emulator.transport import InProcessSession

        self.emulator = emulator
        self.region = region
        self.account_id = DEFAULT_ACCOUNT_ID
        self._session = InProcessSession(
            emulator.app, Credentials(ROOT_ACCESS_KEY, "secret"), region
        )
        self._clients: dict[tuple[str, str | None, Credentials | None], Any] = {}

    def client(
        self, service: str, region: str | None = None, credentials: Credentials | None = None
    ) -> Any:
        """A real boto3 client whose requests go to the emulator in memory (made once)."""
        key = (service, region, credentials)
        if key not in self._clients:
            self._clients[key] = self._session.client(service, region, credentials)
        return self._clients[key]

    @property
    def controls(self) -> EmulatorControls:
        return self.emulator.controls

    @property
    def clock(self) -> VirtualClock:
        return self.emulator.clock

    def advance(self, seconds: float) -> float:
        """Let ``seconds`` of virtual time pass; asynchronous work due by then completes."""
        return self.emulator.controls.advance_clock(seconds)


@pytest.fixture
def incident_manager() -> Iterator[IncidentManager]:
    """An offline Incident Manager (with IAM, STS, CloudWatch, EventBridge), reset after use."""
    manager: IncidentManager | None = _shared.get("manager")
    if manager is None:
        from conformance.emulator import Emulator

        manager = _shared["manager"] = IncidentManager(Emulator())
    else:
        manager.emulator.reset()  # another emulator of the process may have touched moto
    try:
        yield manager
    finally:
        manager.emulator.reset()

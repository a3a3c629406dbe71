"""A pytest fixture that gives a test an offline Incident Manager.

Installed with the package (entry point ``slr_conformance``), so any project's tests can ask
for ``incident_manager``. The plugin is loaded by every pytest run, hence it imports nothing
heavy until a test asks for the fixture. One emulator serves the whole session (moto's state is
process-global anyway); it is reset before and after each test. While the fixture is active,
every botocore client the test or the code under test makes is served by the emulator
(``conformance.emulator.offline``).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from conformance.emulator.offline import IncidentManager


def __getattr__(name: str) -> Any:
    """``IncidentManager`` and the root's key on first use, so that loading the plugin stays
    cheap."""
    if name in ("IncidentManager", "ROOT_ACCESS_KEY", "DEFAULT_REGION"):
        from conformance.emulator import offline

        return getattr(offline, name)
    raise AttributeError(name)


@pytest.fixture
def incident_manager() -> Iterator[IncidentManager]:
    """An offline Incident Manager (with IAM, STS, CloudWatch, EventBridge), reset after use;
    every botocore client made during the test is one of its clients."""
    from conformance.emulator.offline import shared_manager

    with shared_manager() as manager:
        yield manager

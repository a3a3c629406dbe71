"""What every part of a scenario's driver shares: the backend, its clock, deadlines and cleanup.

The driver's helpers (roles, replication sets, data, identities, triggers) each need clients,
time and the tracker, but none needs another's state. A ``Session`` hands them exactly that
common part, so that no helper can reach through the scenario's whole driver into a sibling:
a helper that needs a sibling is given it by name, and asks it through its methods.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from conformance.backends.base import RESET, Backend, Credentials
from conformance.clock import CountingClock, RemoteClock, VirtualClock
from conformance.driver.tracker import Tracker
from conformance.live.journal import Journal

RUN_TAG_KEY = "slr-conformance-run"
#: A client is made once per service, Region and credentials.
ClientKey = tuple[str, str | None, Credentials | None]


@dataclass(frozen=True)
class Timeouts:
    """Deadlines in the backend's seconds (virtual on emulators, so generous costs nothing).

    ``release`` bounds how long a role deletion that ends ``FAILED`` right after the replication
    set went is asked for again (every ``release_interval``), and ``grant`` how long a new IAM
    user's grant may take to work: both are legal delays of an eventually consistent AWS.
    """

    replication_set: float = 1800.0
    task: float = 900.0
    incident: float = 300.0
    interval: float = 15.0
    release: float = 900.0
    release_interval: float = 60.0
    grant: float = 120.0

    @classmethod
    def polling_every(cls, seconds: float) -> Timeouts:
        """The deadlines of a real account, looking every ``seconds`` (``--poll-interval``).

        A role deletion that the service still holds is asked for again every four looks, as
        it is by default (every 60 seconds when looking every 15).
        """
        return cls(interval=seconds, release_interval=4 * seconds)

    @classmethod
    def for_backend(cls, backend: Backend) -> Timeouts:
        """Emulators reached without a clock control wait in real time: keep that short."""
        if backend.live:
            interval = getattr(backend, "poll_interval", None)
            return cls() if interval is None else cls.polling_every(float(interval))
        if isinstance(backend.clock, VirtualClock | RemoteClock | CountingClock):
            return cls()
        return cls(
            replication_set=300.0,
            task=120.0,
            incident=20.0,
            interval=2.0,
            release=60.0,
            release_interval=5.0,
            grant=20.0,
        )


class Session:
    """One scenario's backend, clock, deadlines, tracker and run tags, and the run's clients.

    ``clients``, when given, is the run's cache of clients, shared by its scenarios: a client is
    made once per backend, service, Region and credentials for the whole run.
    """

    def __init__(
        self,
        backend: Backend,
        run_id: str,
        timeouts: Timeouts | None = None,
        journal: Journal | None = None,
        *,
        clients: dict[ClientKey, Any] | None = None,
    ) -> None:
        self.backend = backend
        self.clock = backend.clock
        self.run_id = run_id
        self.timeouts = timeouts or Timeouts.for_backend(backend)
        controls = backend.controls
        self.tracker = Tracker(
            run_id,
            journal or Journal.disabled(),
            wiped=controls is not None and RESET in controls.capabilities,
        )
        self._clients: dict[ClientKey, Any] = {} if clients is None else clients

    def client(
        self, service: str, region: str | None = None, credentials: Credentials | None = None
    ) -> Any:
        """The backend's client for ``service``, made on first use and kept for the run."""
        key = (service, region, credentials)
        if key not in self._clients:
            self._clients[key] = self.backend.client(
                service, region=region, credentials=credentials
            )
        return self._clients[key]

    def region(self, region: str | None = None) -> str:
        """The Region a client made with ``region`` talks to (the home Region by default)."""
        return region or self.backend.home_region

    def run_tags_list(self) -> list[dict[str, str]]:
        """The run's tag, as IAM and Incident Manager contacts take tags (a list of pairs)."""
        return [{"Key": RUN_TAG_KEY, "Value": self.run_id}]

    def run_tags_map(self) -> dict[str, str]:
        """The run's tag, as replication sets and response plans take tags (a map)."""
        return {RUN_TAG_KEY: self.run_id}

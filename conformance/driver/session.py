"""What every part of a scenario's driver shares: the backend, its clock, deadlines and cleanup.

The driver's helpers (roles, replication sets, data, identities, triggers) each need clients,
time and the tracker, but none needs another's state. A ``Session`` hands them exactly that
common part, so that no helper can reach through the scenario's whole driver into a sibling:
a helper that needs a sibling is given it by name, and asks it through its methods.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from conformance.backends.base import RESET, Backend, Credentials
from conformance.clock import CountingClock, RemoteClock, VirtualClock
from conformance.driver.calls import look
from conformance.driver.throttling import retry_throttling
from conformance.driver.tracker import Tracker
from conformance.driver.waiting import retry_while
from conformance.errors import ImplementationFailure
from conformance.live.journal import Journal

T = TypeVar("T")

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


@dataclass
class RunRecord:
    """What one run remembers across its scenarios, beside its clients.

    ``role_left_by`` names the scenario whose cleanup could not remove the service-linked role
    the run had created: on a backend without a reset, a later scenario that needs no role
    then fails naming it, instead of being skipped as if someone else had left the role.
    """

    role_left_by: str | None = None


class Session:
    """One scenario's backend, clock, deadlines, tracker and run tags, and the run's clients.

    ``clients``, when given, is the run's cache of clients, shared by its scenarios: a client is
    made once per backend, service, Region and credentials for the whole run; ``run`` is what
    the run remembers across scenarios.
    """

    def __init__(
        self,
        backend: Backend,
        run_id: str,
        timeouts: Timeouts | None = None,
        journal: Journal | None = None,
        *,
        clients: dict[ClientKey, Any] | None = None,
        run: RunRecord | None = None,
        scenario_name: str = "",
    ) -> None:
        self.backend = backend
        self.run = run if run is not None else RunRecord()
        self.scenario_name = scenario_name
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
        """The backend's client for ``service``, made on first use and kept for the run.

        An emulator's client asks a throttled request again after a pause on the backend's
        clock (``conformance.driver.throttling``).
        """
        key = (service, region, credentials)
        if key not in self._clients:
            client = self.backend.client(service, region=region, credentials=credentials)
            if not self.backend.live:  # a live account's clients retry throttling themselves
                retry_throttling(client, self.clock)
            self._clients[key] = client
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

    # -- IAM is eventually consistent -----------------------------------------------------
    def wait_visible(self, what: str, read: Callable[[], Any]) -> Any:
        """The answer to ``read`` once it finds the entity just created (``what``).

        A new IAM entity may answer ``NoSuchEntity`` for a while (IAM is eventually
        consistent), so it is read until found within ``Timeouts.grant`` before it is used.
        """
        return self.until_found(
            f"Reading the new {what}",
            read,
            missing=f"Within {self.timeouts.grant:.0f} seconds the implementation did not "
            f"make the new {what} visible.",
        )

    def until_found(self, what: str, read: Callable[[], Any], *, missing: str) -> Any:
        """``read`` (the request ``what``), asked again while it answers that the thing does
        not exist, within ``Timeouts.grant``; still missing then, it fails with ``missing``."""
        found = self.read_back(lambda: look(what, read), settled=lambda a: a is not None)
        if found is None:
            raise ImplementationFailure(missing)
        return found

    def read_back(self, read: Callable[[], T], settled: Callable[[T], bool]) -> T:
        """``read`` again until ``settled`` says it shows a change just made, or
        ``Timeouts.grant`` passes; the last answer is returned for the caller to judge."""
        return retry_while(
            self.clock,
            read,
            again=lambda value: not settled(value),
            timeout=self.timeouts.grant,
            interval=self.timeouts.interval,
        )

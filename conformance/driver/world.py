"""The domain driver: one per scenario, holding what the scenario made and saw.

Steps speak to this object only. It owns the AWS calls (through the backend's clients), the
waiting (on the backend's clock, with deadlines and reasons) and the cleanup.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from conformance.backends.base import PERMISSIONS, RESET, Backend, Credentials
from conformance.clock import CountingClock, RemoteClock, VirtualClock
from conformance.driver.calls import Attempt, attempt
from conformance.driver.identities import Identities
from conformance.driver.incidents import IncidentData, ReplicationSets
from conformance.driver.roles import ROLE_NAME, Roles
from conformance.driver.tracker import Tracker
from conformance.driver.triggers import Triggers
from conformance.errors import ControlUnavailable, ImplementationFailure
from conformance.live.journal import SERVICE_LINKED_ROLE, Journal

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


class IncidentManager:
    """Everything a scenario does to Incident Manager and IAM, in domain terms."""

    def __init__(
        self,
        backend: Backend,
        run_id: str,
        timeouts: Timeouts | None = None,
        scenario: Any = None,
        journal: Journal | None = None,
        *,
        clients: dict[ClientKey, Any] | None = None,
    ) -> None:
        """``clients``, when given, is the run's cache of clients, shared by its scenarios."""
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
        self._scenario = scenario
        self._clients: dict[ClientKey, Any] = {} if clients is None else clients
        self.last: Attempt | None = None
        self.roles = Roles(self)
        self.replication_sets = ReplicationSets(self)
        self.data = IncidentData(self)
        self.identities = Identities(self)
        self.triggers = Triggers(self)

    def client(
        self, service: str, region: str | None = None, credentials: Credentials | None = None
    ) -> Any:
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
        return [{"Key": RUN_TAG_KEY, "Value": self.run_id}]

    def run_tags_map(self) -> dict[str, str]:
        return {RUN_TAG_KEY: self.run_id}

    def track_role(self, name: str, entry: int | None = None, arn: str | None = None) -> None:
        """The role was created by this scenario: delete it again afterwards, and wait."""
        self.tracker.created(
            "service-linked role", lambda: self.roles.delete_if_present(name), entry, arn
        )

    def intend_role(self, via: str, name: str | None = ROLE_NAME) -> int:
        """Journal that the service-linked role, absent now, may be created ``via`` a request.

        Only a role seen absent is journaled: the sweeper removes what the journal lists, and
        must never remove a role the account had before.
        """
        return self.tracker.intend(SERVICE_LINKED_ROLE, name, via=via)

    def forget_role(self) -> None:
        self.tracker.forget("service-linked role")

    def record(self, outcome: Attempt | None) -> Attempt | None:
        """Keep ``outcome`` for the next judging step; ``None`` (inconclusive) keeps nothing."""
        if outcome is not None:
            self.last = outcome
        return outcome

    def inconclusive(self, reason: str) -> None:
        """The example cannot show anything on this implementation: skip the rest, with why."""
        if self._scenario is None:
            raise RuntimeError(f"inconclusive outside a scenario: {reason}")
        self._scenario.skip(f"inconclusive: {reason}")

    def last_attempt(self) -> Attempt:
        if self.last is None:
            raise ImplementationFailure("No request was made in this scenario.")
        return self.last

    def expect_refused(self, *codes: str) -> None:
        """The last request was refused, with one of ``codes`` when any are given."""
        outcome = self.last_attempt()
        wanted = " or ".join(codes)
        if outcome.succeeded:
            raise ImplementationFailure(
                f"{outcome.what} succeeded, but it should be refused"
                + (f" with {wanted}." if codes else ".")
            )
        if codes and outcome.error_code not in codes:
            raise ImplementationFailure(
                f"{outcome.what} was refused with {outcome.error_code}, not {wanted}."
            )

    def expect_success(self) -> None:
        outcome = self.last_attempt()
        if not outcome.succeeded:
            raise ImplementationFailure(
                f"{outcome.what} was refused ({outcome.error_code}: {outcome.error_message})."
            )

    # -- time, faults and permission checks -------------------------------------------------
    def pass_time(self, seconds: float) -> None:
        """Let time pass for the implementation: virtual on emulators, real on AWS."""
        self.clock.sleep(seconds)

    def _controls(self, capability: str) -> Any:
        controls = self.backend.controls
        if controls is None or capability not in controls.capabilities:
            raise ControlUnavailable(f"the backend offers no '{capability}' control")
        return controls

    def enforce_permissions(self) -> None:
        """Real AWS always checks permissions; emulators are asked to."""
        if not self.backend.live:
            self._controls(PERMISSIONS).set_permission_checks(True)

    def require_no_role(self) -> None:
        """A precondition: without a reset, a role someone else left means the scenario cannot run."""
        if self.roles.find() is None:
            return
        controls = self.backend.controls
        if controls is not None and RESET in controls.capabilities:
            raise ImplementationFailure(
                "A role exists on the Incident Manager path right after a reset."
            )
        if self._scenario is None:
            raise RuntimeError("a role already exists and there is no scenario to skip")
        self._scenario.skip(
            "a role already exists and the backend offers no reset; the suite does not delete what it did not create"
        )

    # -- compound operations --------------------------------------------------------------------
    def assume_role(self, credentials: Credentials | None) -> Attempt:
        arn = self.roles.current()["Arn"]
        sts = self.client("sts", credentials=credentials)
        return attempt(
            "AssumeRole", lambda: sts.assume_role(RoleArn=arn, RoleSessionName="slr-conformance")
        )

    def delete_role_completely(self) -> None:
        """Delete the role through IAM and wait for it to be gone (a precondition)."""
        role = self.roles.current()
        self.roles.id_before = role["RoleId"]
        final = self.roles.delete_once_released(role["RoleName"])
        if final != "SUCCEEDED":
            raise ImplementationFailure(
                f"The role's deletion still ended {final} after "
                f"{self.timeouts.release:.0f} seconds of asking again."
            )

    def clean_up(self) -> list[str]:
        return self.tracker.clean_up()

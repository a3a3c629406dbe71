"""The domain driver: one per scenario, holding what the scenario made and saw.

Steps speak to this object only. It builds the scenario's ``Session`` (clients, clock,
deadlines, cleanup) and the helpers that do the AWS calls, each given the session and only the
sibling helpers it uses; what concerns the scenario as a whole (the last request and its
judging, skipping, permission checks, cleanup) lives here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from conformance.backends.base import PERMISSIONS, RESET, Backend, Credentials
from conformance.driver.calls import Attempt, attempt
from conformance.driver.identities import Identities
from conformance.driver.incidents import IncidentData, ReplicationSets
from conformance.driver.roles import Roles
from conformance.driver.session import ClientKey, RunRecord, Session, Timeouts
from conformance.driver.triggers import Triggers
from conformance.errors import ControlUnavailable, ImplementationFailure
from conformance.live.journal import Journal

if TYPE_CHECKING:
    from conformance.live.services import ServiceRoles


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
        run: RunRecord | None = None,
        services: ServiceRoles | None = None,
    ) -> None:
        """``clients``, when given, is the run's cache of clients, shared by its scenarios, and
        ``run`` what the run remembers across them; ``services``, on a live per-service run,
        says which services' roles may only be read (``Roles.existing_only``)."""
        name = str(getattr(scenario, "name", "") or "")
        self.session = session = Session(
            backend, run_id, timeouts, journal, clients=clients, run=run, scenario_name=name
        )
        self.backend = backend
        self.clock = session.clock
        self.run_id = run_id
        self.timeouts = session.timeouts
        self.tracker = session.tracker
        self._scenario = scenario
        self.last: Attempt | None = None
        #: Every request the scenario recorded, in order (``last`` is the latest of them).
        self.attempts: list[Attempt] = []
        self.roles = Roles(session, services)
        self.replication_sets = ReplicationSets(session, self.roles)
        self.data = IncidentData(session)
        self.identities = Identities(session)
        self.triggers = Triggers(session)

    def client(
        self, service: str, region: str | None = None, credentials: Credentials | None = None
    ) -> Any:
        """The session's client (made once per run); for checks and edits that call IAM."""
        return self.session.client(service, region, credentials)

    def record(self, outcome: Attempt | None) -> Attempt | None:
        """Keep ``outcome`` for the next judging step; ``None`` (inconclusive) keeps nothing."""
        if outcome is not None:
            self.last = outcome
            self.attempts.append(outcome)
        return outcome

    def inconclusive(self, reason: str) -> None:
        """The example cannot show anything on this implementation: skip the rest, with why."""
        if self._scenario is None:
            raise RuntimeError(f"inconclusive outside a scenario: {reason}")
        self._scenario.skip(f"inconclusive: {reason}")

    def last_attempt(self) -> Attempt:
        """The request the judging steps judge; a scenario that made none is a failure."""
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

    def expect_each_refused(self, code: str) -> None:
        """Every request the scenario recorded was refused with ``code`` (one at least)."""
        if not self.attempts:
            raise ImplementationFailure("No request was made in this scenario.")
        wrong = [
            f"{a.what} ({'succeeded' if a.succeeded else a.error_code})"
            for a in self.attempts
            if a.error_code != code
        ]
        if wrong:
            raise ImplementationFailure(f"Not refused with {code}: {'; '.join(wrong)}.")

    def expect_each_success(self) -> None:
        """Every request the scenario recorded went through (one at least)."""
        if not self.attempts:
            raise ImplementationFailure("No request was made in this scenario.")
        for outcome in self.attempts:
            if not outcome.succeeded:
                raise ImplementationFailure(
                    f"{outcome.what} was refused ({outcome.error_code}: {outcome.error_message})."
                )

    def expect_success(self) -> None:
        """The last request went through (a step that needs it to before going on)."""
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

    def require_no_role(self) -> bool:
        """A precondition: without a reset, a role someone else left means the scenario cannot
        run (it is skipped: ``False``); a role this run made and could not remove is the
        implementation's failure. ``True`` when there is no role."""
        if self.roles.find() is None:
            return True
        controls = self.backend.controls
        if controls is not None and RESET in controls.capabilities:
            raise ImplementationFailure(
                "A role exists on the Incident Manager path right after a reset."
            )
        left_by = self.session.run.role_left_by
        if left_by is not None:
            raise ImplementationFailure(
                "The role this run created is still on the Incident Manager path: removing it "
                f"after the scenario '{left_by}' did not succeed."
            )
        if self._scenario is None:
            raise RuntimeError("a role already exists and there is no scenario to skip")
        self._scenario.skip(
            "a role already exists and the backend offers no reset; the suite does not delete what it did not create"
        )
        return False

    def role_brought_by_replication_set(self) -> None:
        """The role as Incident Manager brings it with a new replication set (a precondition),
        pictured for later 'unchanged' checks; skipped where a role exists that is not ours."""
        if not self.require_no_role():
            return
        self.replication_sets.ensure_active([self.backend.home_region])
        self.roles.remember()

    # -- compound operations --------------------------------------------------------------------
    def assume_role(self, credentials: Credentials | None) -> Attempt:
        """Try to assume the service-linked role (the account's own ``credentials`` if ``None``)."""
        arn = self.roles.current()["Arn"]
        sts = self.session.client("sts", credentials=credentials)
        return attempt(
            "AssumeRole", lambda: sts.assume_role(RoleArn=arn, RoleSessionName="slr-conformance")
        )

    def delete_role_completely(self) -> None:
        """Delete the role through IAM and wait for it to be gone (a precondition)."""
        self.roles.delete_completely()

    def clean_up(self) -> list[str]:
        """Undo what the scenario created, newest first, trying what failed once more after a
        pause on the backend's clock; returns what could not be removed."""
        return self.tracker.clean_up(settle=lambda: self.clock.sleep(self.timeouts.interval))

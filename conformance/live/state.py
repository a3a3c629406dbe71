"""What a live account already had before the run, read before anything is touched.

A replication set belongs to the account but is reached through each Region's endpoint, so
the run looks through the home Region and every Region its selected scenarios name; a set seen
through any of them counts. Every look either answers or stops the run: a refused, throttled
or unanswered request is a configuration error (exit 2), never "there is none".
"""

from __future__ import annotations

from collections.abc import Iterable

from conformance.backends.base import Backend
from conformance.driver import IncidentManager
from conformance.errors import ConfigurationError, ImplementationFailure
from conformance.live.services import ServiceRoles


class LiveState:
    """What a live account already had before the run; it is never changed by the suite."""

    def __init__(
        self,
        replication_set: str | None,
        role: str | None,
        regions: tuple[str, ...] = (),
        services: ServiceRoles | None = None,
    ) -> None:
        self.replication_set = replication_set
        self.role = role
        #: The Regions the replication set was looked for in.
        self.regions = regions
        #: A per-service specification's run: each selected service's role, and the opt-ins;
        #: ``None`` when no service's role was looked for (its examples are then skipped).
        self.services = services

    @classmethod
    def read(
        cls,
        backend: Backend,
        regions: Iterable[str] = (),
        services: tuple[Iterable[str], frozenset[str]] | None = None,
    ) -> LiveState:
        """Look before touching anything; a refused look is a configuration error.

        ``regions`` are the Regions the run may touch besides the home Region; ``services``
        the service principals a per-service run selected, and those opted in for creation.
        """
        probe = IncidentManager(backend, run_id="probe")
        # A per-service run touches no replication set, and its home Region may be one where
        # Incident Manager is not published (its examples need IAM and STS only): no look.
        looked = (
            tuple(dict.fromkeys([backend.home_region, *sorted(regions)]))
            if services is None
            else ()
        )
        try:
            found = probe.roles.find()
            seen = [probe.replication_sets.existing_arn(region) for region in looked]
            roles = None
            if services is not None:
                roles = ServiceRoles.read(probe.session.client("iam"), *services)
        except ImplementationFailure as exc:
            raise ConfigurationError(
                f"The account could not be inspected before the run: {exc}".rstrip(".") + "."
            ) from None
        replication_set = next((arn for arn in seen if arn is not None), None)
        return cls(replication_set, found["RoleName"] if found else None, looked, roles)

"""Which service-linked roles a live run may read, and which it may create and delete.

Creating a service-linked role on a real account is not free of consequences: some services
say their role cannot be created or deleted directly, and a role the suite creates must be one
it can remove. So on a live backend the examples of a per-service specification (tagged
``@service.<principal>``) only *read* by default: the requirements in ``READS_EXISTING`` are
checked on the role the account already has, with no request that could change it, and every
other example is skipped with the reason. A service is created and deleted only when the user
opts it in (``run --create-roles PRINCIPAL``), and only a service whose deletion the evidence
shows possible can be opted in (``deletable``). A role that existed before the run is never
changed, opted in or not (its changing examples are skipped, as for Incident Manager's role).
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from conformance import specs
from conformance.driver.roles import SERVICE_ROLES_PREFIX, listed_roles, service_role_path
from conformance.errors import ConfigurationError
from conformance.family.data import (
    PAGE_FACTS_FILE,
    overridden,
    recorded_overrides,
    recorded_page_facts,
)
from conformance.specs import SERVICE_TAG

#: Requirements whose examples can run on a role the account already has and change nothing:
#: the role's name, path, ARN and session duration (IAM-OVR-01), its policies (IAM-OVR-02) and
#: its trust (IAM-OVR-03) are read; the refused edits (IAM-EDT-01) are sent only in the forms
#: that are no-ops even if wrongly accepted (``conformance.driver.edits.NO_OP_EDITS``).
READS_EXISTING = frozenset({"IAM-OVR-01", "IAM-OVR-02", "IAM-OVR-03", "IAM-EDT-01"})


def service_of(tags: Iterable[str]) -> str | None:
    """The service principal an example is tagged with, or ``None``."""
    return next((t[len(SERVICE_TAG) :] for t in tags if t.startswith(SERVICE_TAG)), None)


def deletable(spec: specs.Spec) -> tuple[str, ...]:
    """The services whose role the evidence shows can be deleted, sorted: a recorded deletion
    that ended SUCCEEDED (``[calls.deletion]`` of ``services.toml``), and every service whose
    own page, as its reviewed facts hold it (``page-facts.toml``, overrides applied), says the
    role is deleted by hand once the resources that use it are gone and never that it cannot
    be deleted manually. A page silent on deletion shows nothing, so its service is not one."""
    with (spec.data / specs.SERVICES_FILE).open("rb") as handle:
        deletion = tomllib.load(handle).get("calls", {}).get("deletion", {})
    found: set[str] = set()
    if deletion.get("final_status") == "SUCCEEDED" and deletion.get("principal"):
        found.add(str(deletion["principal"]))
    if (spec.data / PAGE_FACTS_FILE).is_file():
        overrides = recorded_overrides()
        for principal, page in recorded_page_facts().items():
            fact = overridden(page, overrides.get(principal, {})).facts.get("deletion")
            values = fact.values if fact is not None else ()
            if "resources-first" in values and "no-manual-deletion" not in values:
                found.add(principal)
    return tuple(sorted(found))


def check_create_roles(spec: specs.Spec, principals: Sequence[str], live: bool) -> frozenset[str]:
    """``--create-roles``, once every service named is one the evidence lets the suite delete;
    else one sentence (exit 2)."""
    if not principals:
        return frozenset()
    if not spec.per_service:
        raise ConfigurationError(
            f"The option --create-roles applies only to a specification with examples per "
            f"service (--spec service-linked-roles), not to '{spec.name}'."
        )
    if not live:
        raise ConfigurationError(
            "The option --create-roles applies only to a live backend (--backend aws): "
            "emulators create and remove every role on their own."
        )
    specs.check_services(spec, principals)
    allowed = deletable(spec)
    for principal in principals:
        if principal not in allowed:
            raise ConfigurationError(
                f"The suite does not create the role of '{principal}': neither a recording nor "
                f"its page shows that its role can be deleted again ({len(allowed)} services' "
                "can: those whose page says how to delete the role, and batch.amazonaws.com's "
                "recorded deletion)."
            )
    return frozenset(principals)


@dataclass(frozen=True)
class ServiceRoles:
    """The services a live run looked at, the roles the account had, and the opted-in ones."""

    #: Every service the run selected, sorted.
    looked: tuple[str, ...] = ()
    #: The role each of those services already had before the run, by principal.
    existing: dict[str, str] = field(default_factory=dict)
    #: The services the user opted in for creation and deletion (``--create-roles``).
    opted_in: frozenset[str] = frozenset()

    @classmethod
    def read(cls, iam: Any, looked: Iterable[str], opted_in: frozenset[str]) -> ServiceRoles:
        """One listing of the service-linked path: each service's role is the one on its path."""
        roles = listed_roles(iam, SERVICE_ROLES_PREFIX)
        by_path = {str(r["Path"]): str(r["RoleName"]) for r in roles}
        wanted = tuple(sorted(set(looked)))
        existing = {
            principal: by_path[path]
            for principal in wanted
            if (path := service_role_path(principal)) in by_path
        }
        return cls(wanted, existing, opted_in)

    def existing_only(self, principal: str) -> bool:
        """Whether the driver must work on the account's role and never create one."""
        return principal not in self.opted_in or principal in self.existing

    def skip_reason(self, principal: str, requirements: Iterable[str]) -> str | None:
        """Why an example of ``principal`` checking ``requirements`` does not run, or ``None``."""
        reads = bool(READS_EXISTING.intersection(requirements))
        role = self.existing.get(principal)
        opted = principal in self.opted_in
        if reads and role is not None:
            return None
        if role is not None:
            return (
                f"the account already has the role {role} of {principal}; the suite never "
                "changes or deletes it"
            )
        if opted:
            return None
        if reads:
            return (
                f"the account has no role of {principal}, and creating it was not opted in "
                f"(--create-roles {principal})"
            )
        return (
            f"it would change the account, and creating the role of {principal} was not opted "
            f"in (--create-roles {principal}); by default only existing roles are read"
        )

    def report(self) -> list[str]:
        """One line per selected service: read on its existing role, opted in, or skipped."""
        lines = []
        for principal in self.looked:
            role = self.existing.get(principal)
            if role is not None:
                lines.append(f"{principal}: its role {role} was read; nothing of it was changed")
            elif principal in self.opted_in:
                lines.append(
                    f"{principal}: opted in; the run creates its role where an example needs "
                    "it, and deletes what it created (the journal lists it)"
                )
            else:
                lines.append(
                    f"{principal}: skipped, no role in the account and creating it was not opted in"
                )
        return lines

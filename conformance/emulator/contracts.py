"""The seams between the parts of the reference emulator, written down once.

The emulator is moto for IAM, STS, CloudWatch and EventBridge, plus what moto lacks:
``ssm-incidents`` and ``ssm-contacts`` (packages ``incidents`` and ``contacts``) and the
service-linked role's rules on top of moto's IAM (package ``iam_slr``). The parts meet only
through the small protocols below, so each can be replaced by a subclass (that is how the
deliberately broken variants used to measure the suite are built).
"""

from __future__ import annotations

from typing import Protocol

from conformance.backends.base import DEFAULT_ACCOUNT_ID

__all__ = [
    "DEFAULT_ACCOUNT_ID",
    "SERVICE_PRINCIPAL",
    "DataPurger",
    "IncidentStarter",
    "PermissionChecker",
    "ReplicationSetView",
    "ReplicationSetWatcher",
    "RoleProvisioner",
]

#: The Incident Manager service principal.
SERVICE_PRINCIPAL = "ssm-incidents.amazonaws.com"


class RoleProvisioner(Protocol):
    """The IAM side: called by ``ssm-incidents`` when a replication set is created."""

    def ensure_service_linked_role(self, account_id: str) -> None:
        """Create ``AWSServiceRoleForIncidentManager`` in the account unless it exists."""
        ...


class ReplicationSetView(Protocol):
    """What the IAM side needs to know about ``ssm-incidents`` state."""

    def replication_set_regions(self, account_id: str) -> list[str]:
        """The Regions of the account's replication set, or ``[]`` when it has none."""
        ...

    def replication_set_arn(self, account_id: str) -> str | None:
        """The ARN of the account's replication set, or ``None``."""
        ...


class ReplicationSetWatcher(Protocol):
    """The IAM side, told when ``ssm-incidents`` has finished deleting a replication set."""

    def replication_set_deleted(
        self, account_id: str, arn: str, regions: list[str], at: float
    ) -> None:
        """The set ``arn`` with ``regions`` was gone at clock time ``at``."""
        ...


class IncidentStarter(Protocol):
    """What CloudWatch alarms and EventBridge rules call when they fire."""

    def start_incident_from_trigger(
        self, account_id: str, region: str, response_plan_arn: str, source: str, trigger_arn: str
    ) -> str | None:
        """Start an incident from the plan; the record's ARN, or ``None`` if the plan is gone."""
        ...


class PermissionChecker(Protocol):
    """The IAM side: refuses the acting caller an action its identity policies do not allow."""

    def check_permission(self, account_id: str, action: str, resource: str) -> None:
        """Raise ``AccessDeniedException`` unless allowed (only while checks are enforced)."""
        ...

    def acting_arn(self, account_id: str) -> str:
        """The ARN of the request's caller (root, IAM user or role session), as STS names it."""
        ...


class DataPurger(Protocol):
    """Called when a replication set is deleted, so every Incident Manager service forgets."""

    def purge_account(self, account_id: str) -> None: ...


class RoleGate(Protocol):
    """Whether a role can be used yet: a new one may not be, while IAM settles."""

    def role_usable(self, account_id: str, role_arn: object) -> bool: ...

"""Broken rules of the IAM side: subclasses of ``ServiceLinkedRoles``, one rule each.

Every class here overrides exactly one method of the reference model and otherwise defers to
it, so the mutant it belongs to differs from the reference emulator in one documented
behaviour. Classes that differ only in which action or caller kind they exempt are made by a
small factory, so the catalogue can name one per protected operation without repetition.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from conformance.emulator.errors import EmulatorError
from conformance.emulator.iam_slr import Caller, RoleDefinition, ServiceLinkedRoles
from conformance.emulator.iam_slr.models import FAILED, SUCCEEDED, DeletionTask, iam_backend

# -- permissions and trust ----------------------------------------------------------------


def unchecked(exempt: str) -> type[ServiceLinkedRoles]:
    """Permission checks skip the IAM action ``exempt``; every other action is checked."""

    class Unchecked(ServiceLinkedRoles):
        def authorize(
            self,
            caller: Caller,
            action: str,
            resource: str,
            context: dict[str, str] | None = None,
            *,
            denied: type[EmulatorError] = EmulatorError,
        ) -> None:
            if action == exempt:
                return
            super().authorize(caller, action, resource, context, denied=denied)

    Unchecked.__name__ = Unchecked.__qualname__ = f"Unchecked{exempt.rsplit(':', maxsplit=1)[-1]}"
    return Unchecked


class CreationIgnoresServiceName(ServiceLinkedRoles):
    """Creating the role is checked without the ``iam:AWSServiceName`` of the request."""

    def authorize(
        self,
        caller: Caller,
        action: str,
        resource: str,
        context: dict[str, str] | None = None,
        *,
        denied: type[EmulatorError] = EmulatorError,
    ) -> None:
        if action == "iam:CreateServiceLinkedRole":
            context = {}
        super().authorize(caller, action, resource, context, denied=denied)


class TrustNotChecked(ServiceLinkedRoles):
    """``AssumeRole`` on the role is not checked against its trust policy."""

    def check_assume_role(self, caller: Caller, role: Any) -> None:
        return None


def attachable_to(kind: str) -> type[ServiceLinkedRoles]:
    """The service-role policy may be attached to a ``kind`` (User, Group, Customer Role)."""

    class Attachable(ServiceLinkedRoles):
        def check_attachable(self, policy_arn: str, target_kind: str) -> None:
            if target_kind != kind:
                super().check_attachable(policy_arn, target_kind)

    Attachable.__name__ = Attachable.__qualname__ = f"AttachableTo{kind.replace(' ', '')}"
    return Attachable


# -- the role's contents --------------------------------------------------------------------


class ExtraManagedPolicy(ServiceLinkedRoles):
    """A second, customer managed policy is attached beside the AWS managed one."""

    POLICY_NAME = "IncidentManagerExtraPermissions"
    DOCUMENT = (
        '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", '
        '"Action": "ssm-incidents:GetIncidentRecord", "Resource": "*"}]}'
    )

    def create_role(self, account_id: str, description: str | None) -> Any:
        role = super().create_role(account_id, description)
        backend = iam_backend(account_id)
        arn = f"arn:aws:iam::{account_id}:policy/{self.POLICY_NAME}"
        extra = backend.managed_policies.get(arn)
        if extra is None:
            extra = backend.create_policy("", "/", self.DOCUMENT, self.POLICY_NAME, [])
        extra.attach_to(role)
        return role


class InlinePolicy(ServiceLinkedRoles):
    """The role is created with an inline policy beside its managed policy."""

    def create_role(self, account_id: str, description: str | None) -> Any:
        role = super().create_role(account_id, description)
        role.put_policy("IncidentManagerInline", ExtraManagedPolicy.DOCUMENT)
        return role


# -- creation -------------------------------------------------------------------------------


class NotRecreatedAfterDeletion(ServiceLinkedRoles):
    """A replication set does not create the role again once IAM has deleted it."""

    def ensure_service_linked_role(self, account_id: str) -> None:
        deleted = any(
            task.account_id == account_id and task.status == SUCCEEDED
            for task in self.tasks.values()
        )
        if not deleted:
            super().ensure_service_linked_role(account_id)


class SecondRoleInsteadOfReuse(ServiceLinkedRoles):
    """A replication set creates another role on the path even when the role exists."""

    def ensure_service_linked_role(self, account_id: str) -> None:
        if self.role(account_id) is None:
            super().ensure_service_linked_role(account_id)
            return
        original = self.definition
        self.definition = replace(original, role_name=f"{original.role_name}2")
        try:
            self.create_role(account_id, description=None)
        finally:
            self.definition = original


class ReplacedInsteadOfReused(ServiceLinkedRoles):
    """A replication set deletes the existing role and creates it anew (a new role ID)."""

    def ensure_service_linked_role(self, account_id: str) -> None:
        existing = self.role(account_id)
        if existing is not None:
            self.delete_role(account_id, existing.name)
        super().ensure_service_linked_role(account_id)


def replication_set_brings(variant: RoleDefinition) -> type[ServiceLinkedRoles]:
    """A replication set brings a role made from ``variant``; IAM still creates the right one."""

    class BringsVariant(ServiceLinkedRoles):
        def ensure_service_linked_role(self, account_id: str) -> None:
            with self._lock:
                self.settle(account_id)
                if self.role(account_id) or self.find_role(account_id, variant.role_name):
                    return
                original, self.definition = self.definition, variant
                try:
                    self.create_role(account_id, description=None)
                finally:
                    self.definition = original

    return BringsVariant


class ReplicationSetBringsOrdinaryRole(ServiceLinkedRoles):
    """The role a replication set brings is an ordinary role on the service's path: IAM lets
    anyone change or delete it; the role IAM creates is still protected."""

    def ensure_service_linked_role(self, account_id: str) -> None:
        existed = self.role(account_id) is not None
        super().ensure_service_linked_role(account_id)
        role = self.role(account_id)
        if not existed and role is not None:
            role.ordinary = True

    def is_protected(self, role: Any) -> bool:
        return not getattr(role, "ordinary", False) and super().is_protected(role)


class ReplicationSetRoleWithInlinePolicy(ServiceLinkedRoles):
    """The role a replication set brings carries an inline policy; IAM's role has none."""

    def ensure_service_linked_role(self, account_id: str) -> None:
        existed = self.role(account_id) is not None
        super().ensure_service_linked_role(account_id)
        role = self.role(account_id)
        if not existed and role is not None:
            role.put_policy("IncidentManagerInline", ExtraManagedPolicy.DOCUMENT)


class DeletionSeesHomeRegionOnly(ServiceLinkedRoles):
    """The role's deletion task looks for a replication set in the home Region only, as an
    implementation that keeps Incident Manager's state per Region might."""

    HOME_REGION = "us-east-1"

    def role_usage(self, account_id: str, at: float) -> dict[str, Any] | None:
        view = self.replication_sets
        if view is not None and self.HOME_REGION not in view.replication_set_regions(account_id):
            return None
        return super().role_usage(account_id, at)


class SigninDurationSettable(ServiceLinkedRoles):
    """UpdateRole sets the role's maximum sign-in session duration like any role's."""

    def check_signin_duration_settable(self, role: Any) -> None:
        return None


class IamRefusesCreation(ServiceLinkedRoles):
    """IAM ``CreateServiceLinkedRole`` refuses Incident Manager's principal."""

    def create_service_linked_role(
        self, account_id: str, description: str | None, custom_suffix: str | None
    ) -> Any:
        raise EmulatorError(
            f"Service {self.definition.service_principal} creates its own role.",
            code="InvalidInput",
            status=400,
        )


class CustomSuffixAccepted(ServiceLinkedRoles):
    """A custom suffix is silently ignored instead of refused."""

    def check_custom_suffix(self, custom_suffix: str | None) -> None:
        return None


class DuplicateAccepted(ServiceLinkedRoles):
    """Asking IAM for the role while it exists answers with the existing role."""

    def create_service_linked_role(
        self, account_id: str, description: str | None, custom_suffix: str | None
    ) -> Any:
        existing = self.role(account_id)
        if existing is not None:
            return existing
        return super().create_service_linked_role(account_id, description, custom_suffix)


# -- editing --------------------------------------------------------------------------------


def unprotected(exempt: str) -> type[ServiceLinkedRoles]:
    """IAM no longer refuses the protected operation ``exempt`` on the role."""

    class Unprotected(ServiceLinkedRoles):
        def check_modifiable(self, action: str, role: Any) -> None:
            if action != exempt:
                super().check_modifiable(action, role)

    Unprotected.__name__ = Unprotected.__qualname__ = f"Unprotected{exempt}"
    return Unprotected


def description_refused(*actions: str) -> type[ServiceLinkedRoles]:
    """Setting the description through ``actions`` is refused as an unmodifiable entity."""
    refused = frozenset(actions)

    class DescriptionRefused(ServiceLinkedRoles):
        def check_editable(self, action: str, role: Any) -> None:
            if action in refused and self.is_protected(role):
                raise EmulatorError(
                    f"Cannot perform the operation on the protected role '{role.name}'",
                    code="UnmodifiableEntity",
                    status=400,
                )
            super().check_editable(action, role)

    DescriptionRefused.__name__ = DescriptionRefused.__qualname__ = (
        "DescriptionRefusedBy" + "And".join(actions)
    )
    return DescriptionRefused


class DescriptionEditRecreatesRole(ServiceLinkedRoles):
    """Editing the description re-creates the role: same name, new role ID."""

    def check_editable(self, action: str, role: Any) -> None:
        super().check_editable(action, role)
        if action == "UpdateRoleDescription" and self.is_incident_manager_role(role):
            account_id = role.account_id
            self.delete_role(account_id, role.name)
            self.create_role(account_id, role.description)


class TagsDiscarded(ServiceLinkedRoles):
    """Tags put on the role are dropped before the next IAM request is served.

    ``settle`` runs before every IAM request, so that is where this variant forgets the tags.
    """

    def settle(self, account_id: str | None = None) -> None:
        super().settle(account_id)
        if account_id is not None:
            role = self.role(account_id)
            if role is not None:
                role.tags = {}


# -- deletion -------------------------------------------------------------------------------


class DeletionIgnoresReplicationSet(ServiceLinkedRoles):
    """The deletion task succeeds although a replication set still uses the role."""

    def role_usage(self, account_id: str, at: float) -> dict[str, Any] | None:
        if self.role_in_use_fault_active(at):
            return {"Reason": "The service is still using the role.", "RoleUsageList": []}
        return None


class FailedDeletionStripsPolicy(ServiceLinkedRoles):
    """A deletion that fails has already detached the role's managed policy."""

    def finish_task(self, task: DeletionTask) -> None:
        super().finish_task(task)
        role = self.find_role(task.account_id, task.role_name)
        if task.status == FAILED and role is not None:
            for managed in list(role.managed_policies.values()):
                managed.detach_from(role)


class SucceedsWithoutDeleting(ServiceLinkedRoles):
    """A deletion task reports ``SUCCEEDED`` but the role stays."""

    def finish_task(self, task: DeletionTask) -> None:
        usage = self.role_usage(task.account_id, task.due_at)
        if usage is not None:
            task.status, task.reason = FAILED, usage
            return
        task.status = SUCCEEDED


class NewTaskEachRequest(ServiceLinkedRoles):
    """Asking again while a deletion task runs starts another task with a new ID."""

    def unfinished_task(self, account_id: str, role_name: str) -> DeletionTask | None:
        return None


class UndocumentedTaskStatus(ServiceLinkedRoles):
    """A running deletion task is reported as ``PENDING``, a status IAM does not document."""

    def deletion_status(self, task: DeletionTask) -> dict[str, Any]:
        answer = super().deletion_status(task)
        if answer["Status"] == "IN_PROGRESS":
            answer["Status"] = "PENDING"
        return answer


# -- answers ----------------------------------------------------------------------------------


class DeletionAnswerWithoutTaskId(ServiceLinkedRoles):
    """``DeleteServiceLinkedRole`` starts the task but answers without its ``DeletionTaskId``."""

    def start_deletion(self, account_id: str, role: Any) -> str:
        super().start_deletion(account_id, role)
        return None  # type: ignore[return-value]

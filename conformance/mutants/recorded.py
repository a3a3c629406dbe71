"""Broken rules of every service-linked role: variants the service-linked-roles specification
must kill.

Each class overrides one seam of ``ServiceLinkedRoles`` (or of the recorded services it
holds) and otherwise defers to the reference. Most break a general IAM rule for the roles of
the recorded services other than Incident Manager (whose own role the Incident Manager
mutants break); two break one service's row of the recordings only, to show that every row
of the data is checked and not only the rule.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import replace
from typing import Any

from conformance.emulator.errors import EmulatorError
from conformance.emulator.iam_slr import ServiceLinkedRoles
from conformance.emulator.iam_slr.models import FAILED, IN_PROGRESS, DeletionTask
from conformance.emulator.iam_slr.recordings import (
    ServiceRecording,
    SuffixAnswer,
    recorded_services,
)
from conformance.emulator.iam_slr.services import RecordedServices, check_role_name_free

Change = Callable[[ServiceRecording], ServiceRecording]


def recordings_changed(
    name: str, change: Change, only: str | None = None
) -> type[ServiceLinkedRoles]:
    """The recorded services as ``change`` rewrites them (only the row of ``only``, if named)."""

    class Changed(ServiceLinkedRoles):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            rows: Mapping[str, ServiceRecording] = recorded_services()
            changed = {p: (change(r) if only in (None, p) else r) for p, r in rows.items()}
            self.services = RecordedServices(changed, self.definition.service_principal)

    Changed.__name__ = Changed.__qualname__ = name
    return Changed


def _trust_also_account(recording: ServiceRecording) -> ServiceRecording:
    statement = dict(recording.trust["Statement"][0])
    statement["Principal"] = {
        "Service": recording.principal,
        "AWS": "arn:aws:iam::123456789012:root",
    }
    return replace(recording, trust={**recording.trust, "Statement": [statement]})


def _suffix(answer: str) -> Change:
    def change(recording: ServiceRecording) -> ServiceRecording:
        old = recording.custom_suffix
        if answer == "accepted":
            new = SuffixAnswer(
                "accepted", old.recorded, old.case, f"{recording.role_name}_<suffix>"
            )
        else:
            new = SuffixAnswer("refused", old.recorded, old.case, error="InvalidInput")
        return replace(recording, custom_suffix=new)

    return change


#: One service's role under another name (a letter added), every other row as recorded.
OneRoleMisnamed = recordings_changed(
    "OneRoleMisnamed",
    lambda r: replace(r, role_name=f"{r.role_name}s"),
    only="ecs.amazonaws.com",
)
#: One service's role carrying a neighbouring policy (another recorded service's).
OnePolicyWrong = recordings_changed(
    "OnePolicyWrong",
    lambda r: replace(
        r, policy_arns=("arn:aws:iam::aws:policy/aws-service-role/AmazonEKSServiceRolePolicy",)
    ),
    only="ecs.amazonaws.com",
)
SessionsLonger = recordings_changed(
    "SessionsLonger", lambda r: replace(r, max_session_duration=43200)
)
PathWithoutPrincipal = recordings_changed(
    "PathWithoutPrincipal", lambda r: replace(r, path="/aws-service-role/")
)
TrustAlsoAccount = recordings_changed("TrustAlsoAccount", _trust_also_account)
SuffixAcceptedEverywhere = recordings_changed("SuffixAcceptedEverywhere", _suffix("accepted"))
SuffixRefusedEverywhere = recordings_changed("SuffixRefusedEverywhere", _suffix("refused"))


def services_class(cls: type[RecordedServices], name: str) -> type[ServiceLinkedRoles]:
    """``ServiceLinkedRoles`` whose recorded services behave as ``cls``."""

    class WithServices(ServiceLinkedRoles):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self.services = cls(recorded_services(), self.definition.service_principal)

    WithServices.__name__ = WithServices.__qualname__ = name
    return WithServices


@contextmanager
def _hidden(backend: Any, hide: Callable[[Any], bool]) -> Iterator[None]:
    """The roles ``hide`` picks are out of moto's sight (and the name checks') meanwhile."""
    hidden = {key: role for key, role in backend.roles.items() if hide(role)}
    for key in hidden:
        del backend.roles[key]
    try:
        yield
    finally:
        backend.roles.update(hidden)


class _DuplicateNotChecked(RecordedServices):
    def create_role(
        self, backend: Any, recording: ServiceRecording, role_name: str, *args: Any
    ) -> Any:
        with _hidden(backend, lambda role: True):
            return super().create_role(backend, recording, role_name, *args)


class _NamesCaseSensitive(RecordedServices):
    def create_role(
        self, backend: Any, recording: ServiceRecording, role_name: str, *args: Any
    ) -> Any:
        if any(role.name == role_name for role in list(backend.roles.values())):
            check_role_name_free(backend, role_name)  # the same name in the same case
        with _hidden(backend, lambda role: str(role.name).lower() == role_name.lower()):
            return super().create_role(backend, recording, role_name, *args)


class _DescriptionDropped(RecordedServices):
    def create_role(
        self,
        backend: Any,
        recording: ServiceRecording,
        role_name: str,
        description: str | None,
        *args: Any,
    ) -> Any:
        return super().create_role(backend, recording, role_name, None, *args)


#: A second role of a recorded service is not refused: it is created beside the first.
DuplicateAccepted = services_class(_DuplicateNotChecked, "DuplicateAccepted")
#: Role names are compared with their letter case.
NamesCaseSensitive = services_class(_NamesCaseSensitive, "NamesCaseSensitive")
#: A description given at creation is not kept.
DescriptionDropped = services_class(_DescriptionDropped, "DescriptionDropped")


def _recorded(roles: ServiceLinkedRoles, role: Any) -> bool:
    return not roles.is_incident_manager_role(role)


def unprotected(actions: frozenset[str]) -> type[ServiceLinkedRoles]:
    """The recorded services' roles may be changed by ``actions`` (Incident Manager's stays
    protected)."""

    class Unprotected(ServiceLinkedRoles):
        def check_modifiable(self, action: str, role: Any) -> None:
            if action in actions and _recorded(self, role):
                return
            super().check_modifiable(action, role)

    return Unprotected


class BareTaskIds(ServiceLinkedRoles):
    """A recorded service's deletion task ID is a bare UUID, as moto answers."""

    def deletion_task_id(self, role: Any, unique: str) -> str:
        if _recorded(self, role):
            return unique
        return super().deletion_task_id(role, unique)


class TaskStatusUndocumented(ServiceLinkedRoles):
    """A recorded service's running deletion task is reported as RUNNING."""

    def deletion_status(self, task: DeletionTask) -> dict[str, Any]:
        answer = super().deletion_status(task)
        if task.status == IN_PROGRESS:
            answer["Status"] = "RUNNING"
        return answer


class DeletionAlwaysFails(ServiceLinkedRoles):
    """Every recorded service's deletion task fails, though nothing uses the role."""

    def finish_task(self, task: DeletionTask) -> None:
        if task.role_arn != self.definition.role_arn(task.account_id):
            task.status, task.reason = (
                FAILED,
                {"Reason": "The role is in use.", "RoleUsageList": []},
            )
            return
        super().finish_task(task)


class NewTaskEachRequest(ServiceLinkedRoles):
    """A repeated deletion request starts a new task while the first still runs."""

    def unfinished_task(self, account_id: str, role_name: str) -> DeletionTask | None:
        return None


class SigninDurationSettable(ServiceLinkedRoles):
    """A recorded service's role takes a maximum sign-in session duration."""

    def check_signin_duration_settable(self, role: Any) -> None:
        if _recorded(self, role):
            return
        super().check_signin_duration_settable(role)


class DescriptionLocked(ServiceLinkedRoles):
    """UpdateRole with a description is refused on a recorded service's role."""

    def check_editable(self, action: str, role: Any) -> None:
        if action == "UpdateRole" and _recorded(self, role):
            raise EmulatorError(
                f"Cannot perform the operation on the protected role '{role.name}' - "
                "this role is only modifiable by AWS",
                code="UnmodifiableEntity",
                status=400,
            )
        super().check_editable(action, role)

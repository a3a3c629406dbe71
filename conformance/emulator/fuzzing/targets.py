"""What the fuzzer aims at: services, their operations, and what each answer may be.

Operations are taken from botocore's models, so the fuzzer covers each service's whole API as
SDKs see it. They differ in what counts as a defect:

* ``strict``: the emulator answers them itself, or fronts them for the specification (the
  IAM and STS calls the suite and the service-linked role's rules make). Any 5xx is a defect.
* ``unimplemented``: operations of the emulator's own services that it does not implement.
  They answer 501 ``NotImplementedException`` in AWS shape; anything else 5xx is a defect.
  With the installed botocore there are none: every operation of ``ssm-incidents`` and
  ``ssm-contacts`` is in the emulator's handler tables (``conformance.emulator.coverage``), so
  every one of them is strict; a newer botocore's new operations would land here.
* everything else (the rest of IAM and STS) passes through to moto. A 5xx there is moto's
  crash: it must still be in AWS shape and name no Python internals, and it is reported.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from botocore.model import ServiceModel

from conformance.emulator.wire.models import service_model

__all__ = ["TARGETS", "Target"]

#: IAM operations the specification's driver, its tests and the role's rules use.
SUITE_IAM = frozenset(
    {
        "AddRoleToInstanceProfile",
        "AddUserToGroup",
        "AttachGroupPolicy",
        "AttachRolePolicy",
        "AttachUserPolicy",
        "CreateAccessKey",
        "CreateGroup",
        "CreateInstanceProfile",
        "CreatePolicy",
        "CreateRole",
        "CreateServiceLinkedRole",
        "CreateUser",
        "DeleteAccessKey",
        "DeleteGroup",
        "DeleteInstanceProfile",
        "DeletePolicy",
        "DeleteRole",
        "DeleteRolePermissionsBoundary",
        "DeleteRolePolicy",
        "DeleteServiceLinkedRole",
        "DeleteUser",
        "DeleteUserPolicy",
        "DetachGroupPolicy",
        "DetachRolePolicy",
        "DetachUserPolicy",
        "GetInstanceProfile",
        "GetPolicy",
        "GetPolicyVersion",
        "GetRole",
        "GetServiceLinkedRoleDeletionStatus",
        "GetUser",
        "ListAccessKeys",
        "ListAttachedGroupPolicies",
        "ListAttachedRolePolicies",
        "ListAttachedUserPolicies",
        "ListGroups",
        "ListInstanceProfiles",
        "ListPolicies",
        "ListRolePolicies",
        "ListRoleTags",
        "ListRoles",
        "ListUserPolicies",
        "ListUsers",
        "PutGroupPolicy",
        "PutRolePermissionsBoundary",
        "PutRolePolicy",
        "PutUserPolicy",
        "RemoveRoleFromInstanceProfile",
        "TagRole",
        "TagUser",
        "UntagRole",
        "UpdateAssumeRolePolicy",
        "UpdateRole",
        "UpdateRoleDescription",
    }
)
SUITE_STS = frozenset({"AssumeRole", "GetCallerIdentity"})


def _implemented(service: str) -> frozenset[str]:
    """The operations in the emulator's own handler table of ``service``."""
    from conformance.emulator.contacts.responses import ContactsResponses
    from conformance.emulator.incidents.responses import IncidentsResponses

    if service == "ssm-incidents":  # listing the table needs no state: skip the constructor
        return frozenset(IncidentsResponses.__new__(IncidentsResponses).operations())
    return frozenset(ContactsResponses.__new__(ContactsResponses).operations())


@dataclass(frozen=True)
class Target:
    """One service as the fuzzer sees it."""

    service: str  # botocore's name
    signing_name: str  # the credential scope's service
    strict: frozenset[str]
    own: bool  # the emulator's own service (its unimplemented operations answer 501)

    @property
    def model(self) -> ServiceModel:
        return service_model(self.service)

    @property
    def protocol(self) -> str:
        return str(self.model.protocol)

    @property
    def operations(self) -> tuple[str, ...]:
        return tuple(sorted(self.model.operation_names))

    def is_strict(self, operation: str) -> bool:
        return self.own or operation in self.strict

    def implemented(self, operation: str) -> bool:
        return not self.own or operation in self.strict


@cache
def _targets() -> tuple[Target, ...]:
    return (
        Target("ssm-incidents", "ssm-incidents", _implemented("ssm-incidents"), own=True),
        Target("ssm-contacts", "ssm-contacts", _implemented("ssm-contacts"), own=True),
        Target("iam", "iam", SUITE_IAM, own=False),
        Target("sts", "sts", SUITE_STS, own=False),
    )


TARGETS = _targets

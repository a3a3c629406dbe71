"""The IAM and STS actions the emulator answers or vets before moto sees them.

The seam over moto is the query protocol: a handler reads the form, and either answers
itself (creating and deleting Incident Manager's role), refuses the call with an AWS error
(a protection, a permission or a trust check), or returns ``None`` so that moto serves it
unchanged. Everything not listed here is moto's. Once moto has accepted a call that grants a
user permissions, ``answered`` tells the model when (IAM is eventually consistent).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

from werkzeug import Response

from conformance.emulator.errors import EmulatorError
from conformance.emulator.iam_slr.models import (
    PROTECTED_ROLE_ACTIONS,
    Caller,
    Grant,
    ServiceLinkedRoles,
    iam_backend,
)
from conformance.emulator.wire.errors import query_error
from conformance.emulator.wire.query import success_response

IAM = "iam"
STS = "sts"


@dataclass(frozen=True)
class QueryCall:
    """One query-protocol request, already validated against botocore's model.

    ``params`` is the flat form (what moto is handed), ``input`` the same as the operation's
    input structure.
    """

    action: str
    params: Mapping[str, str]
    caller: Caller
    region: str
    input: Mapping[str, Any] = field(default_factory=dict)


Handler = Callable[[QueryCall], Response | None]

#: The calls that grant a user permissions, and the grant each one gives.
GRANTS: dict[str, Callable[[Mapping[str, str]], Grant]] = {
    "PutUserPolicy": lambda p: Grant("user", p["UserName"], "inline", p["PolicyName"]),
    "AttachUserPolicy": lambda p: Grant("user", p["UserName"], "managed", p["PolicyArn"]),
    "PutGroupPolicy": lambda p: Grant("group", p["GroupName"], "inline", p["PolicyName"]),
    "AttachGroupPolicy": lambda p: Grant("group", p["GroupName"], "managed", p["PolicyArn"]),
    "AddUserToGroup": lambda p: Grant("group", p["GroupName"], "member", p["UserName"]),
}


def role_fields(role: Any) -> dict[str, Any]:
    """A moto role as the members of IAM's ``Role`` shape."""
    fields: dict[str, Any] = {
        "Path": role.path,
        "RoleName": role.name,
        "RoleId": role.id,
        "Arn": role.arn,
        "CreateDate": role.create_date,
        "AssumeRolePolicyDocument": querywire_quote(role.assume_role_policy_document),
        "MaxSessionDuration": int(role.max_session_duration or 3600),
    }
    if role.description:
        fields["Description"] = role.description
    if role.tags:
        fields["Tags"] = list(role.tags)
    return fields


def querywire_quote(document: str) -> str:
    """IAM answers policy documents URL-encoded."""
    return quote(document, safe="")


class IamInterceptor:
    """IAM actions with Incident Manager's rules on top of moto."""

    def __init__(self, roles: ServiceLinkedRoles) -> None:
        self.roles = roles
        self._routes: dict[str, Handler] = {
            "CreateServiceLinkedRole": self.create_service_linked_role,
            "DeleteServiceLinkedRole": self.delete_service_linked_role,
            "GetServiceLinkedRoleDeletionStatus": self.deletion_status,
            "AttachUserPolicy": self.attach_user_policy,
            "AttachGroupPolicy": self.attach_group_policy,
            "UpdateRole": self.update_role,
            "UpdateRoleDescription": self.update_role,
            "TagRole": self.editable_role_action,
            "UntagRole": self.editable_role_action,
        }
        for action in PROTECTED_ROLE_ACTIONS:
            self._routes.setdefault(action, self.protected_role_action)
        self._routes["AttachRolePolicy"] = self.attach_role_policy

    def handle(self, call: QueryCall) -> Response | None:
        account_id = call.caller.account_id
        self.roles.install_managed_policy(account_id)
        self.roles.settle(account_id)
        route = self._routes.get(call.action)
        if route is None:
            return None
        try:
            return route(call)
        except EmulatorError as error:
            return query_error(error, IAM)

    def answered(self, call: QueryCall) -> None:
        """moto accepted ``call``: remember when, if it granted a user permissions."""
        grant = GRANTS.get(call.action)
        if grant is not None:
            self.roles.note_grant(call.caller.account_id, grant(call.params))

    # -- creating ---------------------------------------------------------------------------

    def create_service_linked_role(self, call: QueryCall) -> Response | None:
        service_name = call.params["AWSServiceName"]
        definition = self.roles.definition
        self.roles.check_service_principal(service_name)
        if service_name == definition.service_principal:
            resource = definition.role_arn(call.caller.account_id)
        else:  # moto names other services' roles; the prefix is what policies can scope
            resource = (
                f"arn:aws:iam::{call.caller.account_id}:role/aws-service-role/"
                f"{service_name}/AWSServiceRoleFor*"
            )
        self.roles.authorize(
            call.caller,
            "iam:CreateServiceLinkedRole",
            resource,
            {"iam:AWSServiceName": service_name},
        )
        if service_name != definition.service_principal:
            return None
        role = self.roles.create_service_linked_role(
            call.caller.account_id, call.params.get("Description"), call.params.get("CustomSuffix")
        )
        return success_response(IAM, call.action, {"Role": role_fields(role)})

    # -- editing ----------------------------------------------------------------------------

    def update_role(self, call: QueryCall) -> Response | None:
        role = self.roles.find_role(call.caller.account_id, call.params["RoleName"])
        if role is not None:
            self.roles.authorize(call.caller, f"iam:{call.action}", role.arn)
            self.roles.check_editable(call.action, role)
        return None

    def editable_role_action(self, call: QueryCall) -> Response | None:
        role = self.roles.find_role(call.caller.account_id, call.params["RoleName"])
        if role is not None:
            self.roles.check_editable(call.action, role)
        return None

    def protected_role_action(self, call: QueryCall) -> Response | None:
        role = self.roles.find_role(call.caller.account_id, call.params["RoleName"])
        if role is not None:
            self.roles.check_modifiable(call.action, role)
        return None

    def attach_role_policy(self, call: QueryCall) -> Response | None:
        role = self.roles.find_role(call.caller.account_id, call.params["RoleName"])
        if role is None:
            return None
        self.roles.check_modifiable(call.action, role)
        return self._attach(call, "Customer Role")

    def attach_user_policy(self, call: QueryCall) -> Response | None:
        if call.params["UserName"] not in iam_backend(call.caller.account_id).users:
            return None
        return self._attach(call, "User")

    def attach_group_policy(self, call: QueryCall) -> Response | None:
        if call.params["GroupName"] not in iam_backend(call.caller.account_id).groups:
            return None
        return self._attach(call, "Group")

    def _attach(self, call: QueryCall, target_kind: str) -> Response | None:
        policy_arn = call.params["PolicyArn"]
        if policy_arn in iam_backend(call.caller.account_id).managed_policies:
            self.roles.check_attachable(policy_arn, target_kind)
        return None

    # -- deleting ---------------------------------------------------------------------------

    def delete_service_linked_role(self, call: QueryCall) -> Response | None:
        role = self.roles.find_role(call.caller.account_id, call.params["RoleName"])
        if role is None:
            return None
        self.roles.authorize(call.caller, "iam:DeleteServiceLinkedRole", role.arn)
        if not self.roles.is_incident_manager_role(role):
            return None
        task_id = self.roles.start_deletion(call.caller.account_id, role)
        return success_response(IAM, call.action, {"DeletionTaskId": task_id})

    def deletion_status(self, call: QueryCall) -> Response | None:
        task_id = call.params["DeletionTaskId"]
        task = self.roles.find_task(call.caller.account_id, task_id)
        if task is None:
            self.roles.check_task_known(task_id)
            return None
        self.roles.authorize(call.caller, "iam:GetServiceLinkedRoleDeletionStatus", task.role_arn)
        return success_response(IAM, call.action, self.roles.deletion_status(task))


class StsInterceptor:
    """STS ``AssumeRole`` checked against the role's trust policy."""

    def __init__(self, roles: ServiceLinkedRoles) -> None:
        self.roles = roles

    def handle(self, call: QueryCall) -> Response | None:
        if call.action != "AssumeRole":
            return None
        role = self.roles.find_role_by_arn(call.params["RoleArn"])
        if role is None:
            return None
        try:
            self.roles.check_assume_role(call.caller, role)
        except EmulatorError as error:
            return query_error(error, STS)
        return None

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


#: The request parameters that name an IAM entity, and the entity's kind.
NAMING_PARAMETERS = {
    "UserName": "user",
    "GroupName": "group",
    "RoleName": "role",
    "InstanceProfileName": "instance profile",
    "PolicyArn": "policy",
}
#: The calls that create an IAM entity, and the parameter that names it.
CREATES = {
    "CreateUser": "UserName",
    "CreateGroup": "GroupName",
    "CreateRole": "RoleName",
    "CreateInstanceProfile": "InstanceProfileName",
    "CreatePolicy": "PolicyName",
}


def named_entities(params: Mapping[str, str]) -> dict[str, str]:
    """The entities a request names, by kind."""
    return {kind: params[key] for key, kind in NAMING_PARAMETERS.items() if params.get(key)}


def created_entity(call: QueryCall) -> tuple[str, str] | None:
    """The kind and name (a policy's ARN) of the entity ``call`` created, if it creates one."""
    key = CREATES.get(call.action)
    if key is None or key not in call.params:
        return None
    if call.action == "CreatePolicy":
        path = call.params.get("Path") or "/"
        arn = f"arn:aws:iam::{call.caller.account_id}:policy{path}{call.params[key]}"
        return "policy", arn
    return NAMING_PARAMETERS[key], call.params[key]


#: Where the emulator keeps a role's maximum sign-in session duration, which moto does not
#: know (botocore 1.44 added it to UpdateRole and to the Role shape).
SIGNIN_ATTRIBUTE = "max_signin_session_duration"


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
    boundary = getattr(role, "permissions_boundary", None)  # moto keeps the whole member
    if isinstance(boundary, dict) and boundary.get("PermissionsBoundaryArn"):
        fields["PermissionsBoundary"] = dict(boundary)
    if role.tags:
        fields["Tags"] = list(role.tags)
    signin = getattr(role, SIGNIN_ATTRIBUTE, None)
    if signin is not None:
        fields["MaxSigninSessionDuration"] = signin
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
            "GetRole": self.get_role,
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
        self.roles.services.install_policies(iam_backend(account_id))
        self.roles.settle(account_id)
        route = self._routes.get(call.action)
        try:
            if call.action not in CREATES:
                self.roles.check_visible(account_id, named_entities(call.params))
            return None if route is None else route(call)
        except EmulatorError as error:
            return query_error(error, IAM)

    def answered(self, call: QueryCall) -> None:
        """moto accepted ``call``: remember when, if it granted a user permissions or created
        an entity (IAM is eventually consistent)."""
        grant = GRANTS.get(call.action)
        if grant is not None:
            self.roles.note_grant(call.caller.account_id, grant(call.params))
        created = created_entity(call)
        if created is not None:
            self.roles.note_created(call.caller.account_id, *created)

    # -- creating ---------------------------------------------------------------------------

    def create_service_linked_role(self, call: QueryCall) -> Response | None:
        service_name = call.params["AWSServiceName"]
        definition = self.roles.definition
        account_id = call.caller.account_id
        self.roles.check_service_principal(service_name)
        recording = self.roles.services.recording(service_name)
        if service_name == definition.service_principal:
            resource = definition.role_arn(account_id)
        elif recording is not None:
            resource = recording.role_arn(account_id)
        else:  # moto names other services' roles; the prefix is what policies can scope
            resource = (
                f"arn:aws:iam::{account_id}:role/aws-service-role/{service_name}/AWSServiceRoleFor*"
            )
        self.roles.authorize(
            call.caller,
            "iam:CreateServiceLinkedRole",
            resource,
            {"iam:AWSServiceName": service_name},
        )
        description, suffix = call.params.get("Description"), call.params.get("CustomSuffix")
        if service_name == definition.service_principal:
            role = self.roles.create_service_linked_role(account_id, description, suffix)
        elif recording is not None:
            role = self.roles.create_recorded_role(account_id, recording, description, suffix)
        else:
            return None
        return success_response(
            IAM, call.action, {"Role": {**role_fields(role), "RoleLastUsed": {}}}
        )

    # -- editing ----------------------------------------------------------------------------

    def update_role(self, call: QueryCall) -> Response | None:
        role = self.roles.find_role(call.caller.account_id, call.params["RoleName"])
        if role is not None:
            self.roles.authorize(call.caller, f"iam:{call.action}", role.arn)
            self.roles.check_editable(call.action, role)
            if call.action == "UpdateRole":
                self._update_signin_duration(call.params, role)
        return None

    def _update_signin_duration(self, params: Mapping[str, str], role: Any) -> None:
        """UpdateRole's maximum sign-in session duration, which moto ignores: kept here."""
        reset = params.get("ResetMaxSigninSessionDuration", "").lower() == "true"
        seconds = params.get("MaxSigninSessionDuration")
        if seconds is None and not reset:
            return
        if seconds is not None and reset:
            raise EmulatorError(
                "MaxSigninSessionDuration and ResetMaxSigninSessionDuration cannot be given "
                "together.",
                code="InvalidInput",
                status=400,
            )
        self.roles.check_signin_duration_settable(role)
        if reset:
            if hasattr(role, SIGNIN_ATTRIBUTE):
                delattr(role, SIGNIN_ATTRIBUTE)
        else:
            setattr(role, SIGNIN_ATTRIBUTE, int(str(seconds)))

    def get_role(self, call: QueryCall) -> Response | None:
        """moto's answer, unless the role has a sign-in session duration moto cannot show."""
        role = self.roles.find_role(call.caller.account_id, call.params["RoleName"])
        if role is None or getattr(role, SIGNIN_ATTRIBUTE, None) is None:
            return None
        return success_response(
            IAM, call.action, {"Role": {**role_fields(role), "RoleLastUsed": {}}}
        )

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
        if not (self.roles.is_incident_manager_role(role) or self.roles.is_protected(role)):
            return None  # not a service-linked role: moto's answer
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
    """STS ``AssumeRole`` checked against the role's trust policy, and ``GetCallerIdentity``
    of the account's root answered as the root.

    moto answers ``GetCallerIdentity`` for an IAM user's key and a role session's key in
    their AWS shapes, but for any other key with a made-up user; the emulator treats such a
    key as the account's root everywhere else, so it answers for the root here: its ARN is
    ``arn:aws:iam::ACCOUNT:root`` and its user ID the account ID (the ``aws:userid`` column of
    the IAM User Guide's principal table, which botocore's STS model points to).
    """

    def __init__(self, roles: ServiceLinkedRoles) -> None:
        self.roles = roles

    def handle(self, call: QueryCall) -> Response | None:
        if call.action == "GetCallerIdentity" and call.caller.is_root:
            account = call.caller.account_id
            identity = {"UserId": account, "Account": account, "Arn": call.caller.arn}
            return success_response(STS, call.action, identity)
        if call.action != "AssumeRole":
            return None
        role = self.roles.find_role_by_arn(call.params["RoleArn"])
        if role is None:
            return None
        try:
            self.roles.check_assume_role(call.caller, role)
            self.roles.check_role_usable(call.caller, role)
        except EmulatorError as error:
            return query_error(error, STS)
        return None

"""The reference emulator's IAM side: one test per rule of the service-linked role.

Real boto3 clients talk to the emulator in memory (``incident_manager`` fixture), so every
test crosses the same wire path as the suite. The seam tests at the end pin the moto internals
the emulator builds on: they fail loudly when a moto upgrade moves them.
"""

from __future__ import annotations

import dataclasses
import inspect
import json
from collections.abc import Callable
from typing import Any

import pytest
from botocore.exceptions import ClientError

from conformance.backends.base import Credentials
from conformance.emulator import DEFAULT_DEFINITION, Emulator
from conformance.emulator.iam_slr import ServiceLinkedRoles, policy
from conformance.emulator.pytest_plugin import IncidentManager

PRINCIPAL = "ssm-incidents.amazonaws.com"
ROLE = "AWSServiceRoleForIncidentManager"
POLICY_ARN = "arn:aws:iam::aws:policy/aws-service-role/AWSIncidentManagerServiceRolePolicy"
TRUST_ACCOUNT = json.dumps(
    {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": {"AWS": "arn:aws:iam::123456789012:root"},
                "Action": "sts:AssumeRole",
            }
        ],
    }
)


def error_code(exc: pytest.ExceptionInfo[ClientError]) -> str:
    return str(exc.value.response["Error"]["Code"])


def status(exc: pytest.ExceptionInfo[ClientError]) -> int:
    return int(exc.value.response["ResponseMetadata"]["HTTPStatusCode"])


@pytest.fixture
def iam(incident_manager: IncidentManager) -> Any:
    return incident_manager.client("iam")


@pytest.fixture
def slr(iam: Any) -> dict[str, Any]:
    role: dict[str, Any] = iam.create_service_linked_role(AWSServiceName=PRINCIPAL)["Role"]
    return role


def make_replication_set(im: IncidentManager) -> str:
    client = im.client("ssm-incidents")
    arn = str(client.create_replication_set(regions={"us-east-1": {}})["arn"])
    im.advance(600)
    return arn


def user_client(im: IncidentManager, name: str, policy_doc: dict[str, Any] | None) -> Any:
    """An IAM client signed with a new user's access key, the user holding ``policy_doc``."""
    iam = im.client("iam")
    iam.create_user(UserName=name)
    if policy_doc is not None:
        iam.put_user_policy(UserName=name, PolicyName="p", PolicyDocument=json.dumps(policy_doc))
    key = iam.create_access_key(UserName=name)["AccessKey"]
    return im.client("iam", credentials=Credentials(key["AccessKeyId"], key["SecretAccessKey"]))


def allow(
    action: str, resource: str = "*", condition: dict[str, Any] | None = None, effect: str = "Allow"
) -> dict[str, Any]:
    statement: dict[str, Any] = {"Effect": effect, "Action": action, "Resource": resource}
    if condition:
        statement["Condition"] = condition
    return {"Version": "2012-10-17", "Statement": [statement]}


# -- creating -----------------------------------------------------------------------------


def test_created_role_has_the_documented_name_path_trust_and_session(slr: dict[str, Any]) -> None:
    assert slr["RoleName"] == ROLE
    assert slr["Path"] == f"/aws-service-role/{PRINCIPAL}/"
    assert slr["Arn"] == f"arn:aws:iam::123456789012:role/aws-service-role/{PRINCIPAL}/{ROLE}"
    assert slr["MaxSessionDuration"] == 3600
    assert "Description" not in slr
    statements = slr["AssumeRolePolicyDocument"]["Statement"]
    assert statements == [
        {"Effect": "Allow", "Principal": {"Service": PRINCIPAL}, "Action": "sts:AssumeRole"}
    ]


def test_created_role_carries_exactly_the_managed_policy(iam: Any, slr: dict[str, Any]) -> None:
    attached = iam.list_attached_role_policies(RoleName=ROLE)["AttachedPolicies"]
    assert attached == [
        {"PolicyName": "AWSIncidentManagerServiceRolePolicy", "PolicyArn": POLICY_ARN}
    ]
    assert iam.list_role_policies(RoleName=ROLE)["PolicyNames"] == []
    assert iam.get_role(RoleName=ROLE)["Role"]["RoleName"] == ROLE


def test_managed_policy_is_answerable_at_version_three(iam: Any) -> None:
    got = iam.get_policy(PolicyArn=POLICY_ARN)["Policy"]
    assert (got["Path"], got["DefaultVersionId"]) == ("/aws-service-role/", "v3")
    document = iam.get_policy_version(PolicyArn=POLICY_ARN, VersionId="v3")["PolicyVersion"][
        "Document"
    ]
    actions = {a for s in document["Statement"] for a in policy.as_list(s["Action"])}
    assert actions == {
        "ssm-incidents:ListIncidentRecords",
        "ssm-incidents:CreateTimelineEvent",
        "ssm:CreateOpsItem",
        "ssm:AssociateOpsItemRelatedItem",
        "ssm-contacts:StartEngagement",
        "cloudwatch:PutMetricData",
    }
    metric = next(s for s in document["Statement"] if s["Action"] == ["cloudwatch:PutMetricData"])
    assert metric["Condition"]["StringEquals"]["cloudwatch:namespace"] == [
        "AWS/IncidentManager",
        "AWS/Usage",
    ]


def test_description_is_kept_when_given(iam: Any) -> None:
    role = iam.create_service_linked_role(AWSServiceName=PRINCIPAL, Description="ours")["Role"]
    assert role["Description"] == "ours"


def test_custom_suffix_is_refused(iam: Any) -> None:
    with pytest.raises(ClientError) as exc:
        iam.create_service_linked_role(AWSServiceName=PRINCIPAL, CustomSuffix="x")
    assert (error_code(exc), status(exc)) == ("InvalidInput", 400)
    assert iam.list_roles()["Roles"] == []


def test_second_creation_is_refused(iam: Any, slr: dict[str, Any]) -> None:
    with pytest.raises(ClientError) as exc:
        iam.create_service_linked_role(AWSServiceName=PRINCIPAL)
    assert (error_code(exc), status(exc)) == ("InvalidInput", 400)


def test_unrecorded_services_roles_are_left_to_moto(iam: Any) -> None:
    """No recording says how AWS names this service's role: moto's guess stands."""
    role = iam.create_service_linked_role(AWSServiceName="example.amazonaws.com")["Role"]
    assert role["Path"] == "/aws-service-role/example.amazonaws.com/"


def test_replication_set_creates_the_role_and_recreates_it_after_deletion(
    incident_manager: IncidentManager,
) -> None:
    iam = incident_manager.client("iam")
    incidents = incident_manager.client("ssm-incidents")
    arn = make_replication_set(incident_manager)
    assert iam.get_role(RoleName=ROLE)["Role"]["Path"] == f"/aws-service-role/{PRINCIPAL}/"
    incidents.update_deletion_protection(arn=arn, deletionProtected=False)
    incidents.delete_replication_set(arn=arn)
    incident_manager.advance(600)
    task = iam.delete_service_linked_role(RoleName=ROLE)["DeletionTaskId"]
    incident_manager.advance(60)
    status_now = iam.get_service_linked_role_deletion_status(DeletionTaskId=task)["Status"]
    assert status_now == "SUCCEEDED"
    make_replication_set(incident_manager)
    assert iam.get_role(RoleName=ROLE)["Role"]["RoleName"] == ROLE


# -- editing ------------------------------------------------------------------------------

PROTECTED_CALLS: dict[str, Callable[[Any], Any]] = {
    "AttachRolePolicy": lambda c: c.attach_role_policy(RoleName=ROLE, PolicyArn=POLICY_ARN),
    "DetachRolePolicy": lambda c: c.detach_role_policy(RoleName=ROLE, PolicyArn=POLICY_ARN),
    "PutRolePolicy": lambda c: c.put_role_policy(
        RoleName=ROLE, PolicyName="x", PolicyDocument=json.dumps(allow("s3:*"))
    ),
    "DeleteRolePolicy": lambda c: c.delete_role_policy(RoleName=ROLE, PolicyName="x"),
    "PutRolePermissionsBoundary": lambda c: c.put_role_permissions_boundary(
        RoleName=ROLE, PermissionsBoundary=POLICY_ARN
    ),
    "DeleteRolePermissionsBoundary": lambda c: c.delete_role_permissions_boundary(RoleName=ROLE),
    "UpdateAssumeRolePolicy": lambda c: c.update_assume_role_policy(
        RoleName=ROLE, PolicyDocument=TRUST_ACCOUNT
    ),
    "DeleteRole": lambda c: c.delete_role(RoleName=ROLE),
    "AddRoleToInstanceProfile": lambda c: (
        c.create_instance_profile(InstanceProfileName="ip"),
        c.add_role_to_instance_profile(InstanceProfileName="ip", RoleName=ROLE),
    ),
}


@pytest.mark.parametrize("action", sorted(PROTECTED_CALLS))
def test_protected_role_refuses_changes(iam: Any, slr: dict[str, Any], action: str) -> None:
    with pytest.raises(ClientError) as exc:
        PROTECTED_CALLS[action](iam)
    assert (error_code(exc), status(exc)) == ("UnmodifiableEntity", 400)
    role = iam.get_role(RoleName=ROLE)["Role"]
    assert role["AssumeRolePolicyDocument"]["Statement"][0]["Principal"] == {"Service": PRINCIPAL}


def test_customer_roles_stay_modifiable(iam: Any) -> None:
    iam.create_role(RoleName="mine", AssumeRolePolicyDocument=TRUST_ACCOUNT)
    iam.put_role_policy(RoleName="mine", PolicyName="x", PolicyDocument=json.dumps(allow("s3:*")))
    iam.delete_role_policy(RoleName="mine", PolicyName="x")
    iam.delete_role(RoleName="mine")


def test_description_and_tags_of_the_role_can_change(iam: Any, slr: dict[str, Any]) -> None:
    iam.update_role_description(RoleName=ROLE, Description="first")
    assert iam.get_role(RoleName=ROLE)["Role"]["Description"] == "first"
    iam.update_role(RoleName=ROLE, Description="second")
    assert iam.get_role(RoleName=ROLE)["Role"]["Description"] == "second"
    iam.tag_role(RoleName=ROLE, Tags=[{"Key": "team", "Value": "ops"}])
    assert iam.list_role_tags(RoleName=ROLE)["Tags"] == [{"Key": "team", "Value": "ops"}]
    iam.untag_role(RoleName=ROLE, TagKeys=["team"])
    assert iam.list_role_tags(RoleName=ROLE)["Tags"] == []
    assert iam.get_role(RoleName=ROLE)["Role"]["RoleName"] == ROLE


@pytest.mark.parametrize("target", ["user", "group", "customer role"])
def test_service_role_policy_attaches_to_no_other_entity(iam: Any, target: str) -> None:
    iam.get_policy(PolicyArn=POLICY_ARN)  # the policy exists
    with pytest.raises(ClientError) as exc:
        if target == "user":
            iam.create_user(UserName="u")
            iam.attach_user_policy(UserName="u", PolicyArn=POLICY_ARN)
        elif target == "group":
            iam.create_group(GroupName="g")
            iam.attach_group_policy(GroupName="g", PolicyArn=POLICY_ARN)
        else:
            iam.create_role(RoleName="mine", AssumeRolePolicyDocument=TRUST_ACCOUNT)
            iam.attach_role_policy(RoleName="mine", PolicyArn=POLICY_ARN)
    assert (error_code(exc), status(exc)) == ("PolicyNotAttachable", 400)


# -- deleting -----------------------------------------------------------------------------


def test_deletion_task_has_the_documented_id_and_repeats_while_unfinished(
    iam: Any, slr: dict[str, Any]
) -> None:
    first = iam.delete_service_linked_role(RoleName=ROLE)["DeletionTaskId"]
    prefix = f"task/aws-service-role/{PRINCIPAL}/{ROLE}/"
    assert first.startswith(prefix) and len(first) > len(prefix)
    assert iam.delete_service_linked_role(RoleName=ROLE)["DeletionTaskId"] == first


def test_deletion_runs_then_succeeds_and_removes_the_role(
    incident_manager: IncidentManager, iam: Any, slr: dict[str, Any]
) -> None:
    task = iam.delete_service_linked_role(RoleName=ROLE)["DeletionTaskId"]
    answer = iam.get_service_linked_role_deletion_status(DeletionTaskId=task)
    assert answer["Status"] == "IN_PROGRESS"
    incident_manager.advance(DEFAULT_DEFINITION.deletion_delay_seconds)
    assert iam.get_service_linked_role_deletion_status(DeletionTaskId=task)["Status"] == "SUCCEEDED"
    with pytest.raises(ClientError) as exc:
        iam.get_role(RoleName=ROLE)
    assert error_code(exc) == "NoSuchEntity"


def test_deletion_fails_while_a_replication_set_exists(incident_manager: IncidentManager) -> None:
    iam = incident_manager.client("iam")
    arn = make_replication_set(incident_manager)
    task = iam.delete_service_linked_role(RoleName=ROLE)["DeletionTaskId"]
    incident_manager.advance(60)
    answer = iam.get_service_linked_role_deletion_status(DeletionTaskId=task)
    assert answer["Status"] == "FAILED"
    assert answer["Reason"]["RoleUsageList"] == [{"Region": "us-east-1", "Resources": [arn]}]
    assert iam.get_role(RoleName=ROLE)["Role"]["RoleName"] == ROLE
    again = iam.delete_service_linked_role(RoleName=ROLE)["DeletionTaskId"]
    assert again != task


def test_role_in_use_fault_fails_deletions_until_it_expires(
    incident_manager: IncidentManager, iam: Any, slr: dict[str, Any]
) -> None:
    incident_manager.controls.inject_fault("role-in-use", 100)
    task = iam.delete_service_linked_role(RoleName=ROLE)["DeletionTaskId"]
    incident_manager.advance(60)
    assert iam.get_service_linked_role_deletion_status(DeletionTaskId=task)["Status"] == "FAILED"
    incident_manager.advance(60)  # the fault has expired
    retry = iam.delete_service_linked_role(RoleName=ROLE)["DeletionTaskId"]
    incident_manager.advance(60)
    final = iam.get_service_linked_role_deletion_status(DeletionTaskId=retry)
    assert final["Status"] == "SUCCEEDED"


def test_unrecorded_services_roles_are_deleted_by_a_task_too(iam: Any) -> None:
    role = iam.create_service_linked_role(AWSServiceName="example.amazonaws.com")["Role"]
    task = iam.delete_service_linked_role(RoleName=role["RoleName"])["DeletionTaskId"]
    assert task.startswith(f"task/aws-service-role/example.amazonaws.com/{role['RoleName']}/")


# -- trust --------------------------------------------------------------------------------


def test_only_the_service_may_assume_the_role(
    incident_manager: IncidentManager, slr: dict[str, Any]
) -> None:
    sts = incident_manager.client("sts")
    with pytest.raises(ClientError) as exc:
        sts.assume_role(RoleArn=slr["Arn"], RoleSessionName="ss")
    assert (error_code(exc), status(exc)) == ("AccessDenied", 403)


def test_a_role_trusting_the_account_may_be_assumed(incident_manager: IncidentManager) -> None:
    iam = incident_manager.client("iam")
    arn = iam.create_role(RoleName="mine", AssumeRolePolicyDocument=TRUST_ACCOUNT)["Role"]["Arn"]
    credentials = incident_manager.client("sts").assume_role(RoleArn=arn, RoleSessionName="ss")
    assert credentials["AssumedRoleUser"]["Arn"].endswith(":assumed-role/mine/ss")


# -- permission checks ----------------------------------------------------------------------


def test_permission_checks_are_off_by_default(incident_manager: IncidentManager) -> None:
    client = user_client(incident_manager, "alice", None)
    assert client.create_service_linked_role(AWSServiceName=PRINCIPAL)["Role"]["RoleName"] == ROLE


def test_creation_needs_an_allow_matching_the_service_name(
    incident_manager: IncidentManager,
) -> None:
    incident_manager.controls.set_permission_checks(True)
    denied = user_client(
        incident_manager,
        "bob",
        allow(
            "iam:CreateServiceLinkedRole",
            condition={"StringEquals": {"iam:AWSServiceName": "elasticbeanstalk.amazonaws.com"}},
        ),
    )
    with pytest.raises(ClientError) as exc:
        denied.create_service_linked_role(AWSServiceName=PRINCIPAL)
    assert (error_code(exc), status(exc)) == ("AccessDenied", 403)
    allowed = user_client(
        incident_manager,
        "carol",
        allow(
            "iam:CreateService*",
            resource=f"arn:aws:iam::*:role/aws-service-role/{PRINCIPAL}/AWSServiceRoleForIncident*",
            condition={"StringLike": {"iam:AWSServiceName": "ssm-incidents.*"}},
        ),
    )
    assert allowed.create_service_linked_role(AWSServiceName=PRINCIPAL)["Role"]["RoleName"] == ROLE


def test_editing_and_deleting_need_permission_and_deny_wins(
    incident_manager: IncidentManager, slr: dict[str, Any]
) -> None:
    incident_manager.controls.set_permission_checks(True)
    nobody = user_client(incident_manager, "dave", allow("iam:Get*"))
    for call in (
        lambda: nobody.update_role_description(RoleName=ROLE, Description="x"),
        lambda: nobody.update_role(RoleName=ROLE, Description="x"),
        lambda: nobody.delete_service_linked_role(RoleName=ROLE),
    ):
        with pytest.raises(ClientError) as exc:
            call()
        assert error_code(exc) == "AccessDenied"
    iam = incident_manager.client("iam")  # root: always allowed
    iam.create_group(GroupName="admins")
    iam.put_group_policy(
        GroupName="admins", PolicyName="all", PolicyDocument=json.dumps(allow("iam:*"))
    )
    iam.add_user_to_group(GroupName="admins", UserName="dave")
    nobody.update_role_description(RoleName=ROLE, Description="x")
    deny = iam.create_policy(
        PolicyName="no-delete",
        PolicyDocument=json.dumps(
            allow("iam:DeleteServiceLinkedRole", resource=slr["Arn"], effect="Deny")
        ),
    )["Policy"]
    iam.attach_user_policy(UserName="dave", PolicyArn=deny["Arn"])
    with pytest.raises(ClientError) as exc:
        nobody.delete_service_linked_role(RoleName=ROLE)
    assert error_code(exc) == "AccessDenied"


def test_replication_set_creation_needs_the_dependent_permission(
    incident_manager: IncidentManager,
) -> None:
    incident_manager.controls.set_permission_checks(True)
    iam = incident_manager.client("iam")
    iam.create_user(UserName="erin")
    key = iam.create_access_key(UserName="erin")["AccessKey"]
    creds = Credentials(key["AccessKeyId"], key["SecretAccessKey"])
    incidents = incident_manager.client("ssm-incidents", credentials=creds)
    with pytest.raises(ClientError) as exc:
        incidents.create_replication_set(regions={"us-east-1": {}})
    assert (error_code(exc), status(exc)) == ("AccessDeniedException", 403)


# -- variants -----------------------------------------------------------------------------


def test_a_variant_can_change_one_fact_or_one_rule() -> None:
    class AcceptsSuffix(ServiceLinkedRoles):
        def check_custom_suffix(self, custom_suffix: str | None) -> None:
            return None

    renamed = dataclasses.replace(DEFAULT_DEFINITION, role_name="AWSServiceRoleforIncidentManager")
    emulator = Emulator(roles_cls=AcceptsSuffix, definition=renamed)
    from conformance.emulator.transport import InProcessSession

    session = InProcessSession(emulator.app, Credentials("AKIAROOT", "s"), "us-east-1")
    role = session.client("iam").create_service_linked_role(
        AWSServiceName=PRINCIPAL, CustomSuffix="x"
    )["Role"]
    assert role["RoleName"] == "AWSServiceRoleforIncidentManager"
    emulator.reset()


# -- the policy evaluator -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("document", "expected"),
    [
        (allow("iam:*"), True),
        (allow("IAM:updaterole"), True),
        (allow("iam:Update?ole"), True),
        (allow("iam:UpdateRole", resource="arn:aws:iam::1:role/other"), False),
        ({"Statement": [{"Effect": "Allow", "NotAction": "s3:*", "Resource": "*"}]}, True),
        ("not json", False),
    ],
)
def test_identity_decision(document: Any, expected: bool) -> None:
    raw = document if isinstance(document, str) else json.dumps(document)
    decision = policy.identity_decision([raw], "iam:UpdateRole", "arn:aws:iam::1:role/r", {})
    assert decision is expected


def test_trust_never_matches_a_service_principal_for_a_caller() -> None:
    trust = DEFAULT_DEFINITION.trust_policy_document
    assert not policy.trust_allows(trust, "sts:AssumeRole", ["123456789012"])
    anyone = json.dumps({"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "sts:*"}]})
    assert policy.trust_allows(anyone, "sts:AssumeRole", ["123456789012"])


# -- the seam over moto -------------------------------------------------------------------


def test_moto_seam_is_where_the_emulator_expects_it() -> None:
    from moto.cloudwatch.models import Alarm
    from moto.events.models import EventPattern, EventsBackend, Rule
    from moto.iam.models import AWSManagedPolicy, IAMBackend, Role, get_account_id_from
    from moto.moto_api._internal.models import moto_api_backend
    from moto.moto_server.werkzeug_app import DomainDispatcherApplication

    assert "linked_service" in inspect.signature(IAMBackend.create_role).parameters
    assert {"account_id", "region"} <= set(inspect.signature(AWSManagedPolicy).parameters)
    for attribute in ("managed_policies", "roles", "users", "groups", "access_keys"):
        assert attribute in IAMBackend("global", "123456789012").__dict__
    assert "assume_role_policy_document" in inspect.signature(Role).parameters
    assert callable(moto_api_backend.reset) and callable(get_account_id_from)
    assert callable(EventPattern.matches_event) and callable(Rule.send_to_targets)
    assert callable(EventsBackend._normalize_event_bus_arn)
    assert {"alarm_actions", "actions_enabled"} <= set(inspect.signature(Alarm).parameters)
    assert callable(DomainDispatcherApplication.infer_service_region_host)

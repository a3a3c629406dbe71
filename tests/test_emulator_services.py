"""The reference emulator's IAM for every recorded service, not only Incident Manager.

Real boto3 clients talk to the in-process emulator (``incident_manager`` fixture). What each
role must look like comes from the per-service data file (``recorded_services``), the same
file the emulator reads; the data file's own tests check it against the recording. The
sample covers each kind of service: suffix accepted (autoscaling, connect, lexv2), suffix
refused, a role named unlike its principal, and the one managed policy moto ships no copy of.
"""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from botocore.exceptions import ClientError
from test_emulator_iam import TRUST_ACCOUNT, allow, iam, user_client

from conformance.emulator.iam_slr.recordings import ServiceRecording, recorded_services
from conformance.emulator.pytest_plugin import IncidentManager

__all__ = ["iam"]  # the fixture, shared with the Incident Manager tests

INCIDENT_MANAGER = "ssm-incidents.amazonaws.com"
OTHERS = sorted(p for p in recorded_services() if p != INCIDENT_MANAGER)
SUFFIX_ACCEPTED = ["autoscaling.amazonaws.com", "connect.amazonaws.com", "lexv2.amazonaws.com"]
#: Suffix refused; the role's name does not follow from the principal
#: (``AWSServiceRoleForAmazonSSM_AccountDiscovery``, ``AWSServiceRoleForCertificateManager``);
#: lex's policy is one moto ships no copy of.
SUFFIX_REFUSED = ["accountdiscovery.ssm.amazonaws.com", "acm.amazonaws.com", "lex.amazonaws.com"]
BATCH = "batch.amazonaws.com"
UUID = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"


def error_of(exc: pytest.ExceptionInfo[ClientError]) -> tuple[str, int]:
    response = exc.value.response
    return str(response["Error"]["Code"]), int(response["ResponseMetadata"]["HTTPStatusCode"])


def recording(principal: str) -> ServiceRecording:
    return recorded_services()[principal]


@pytest.fixture
def batch_role(iam: Any) -> dict[str, Any]:
    role: dict[str, Any] = iam.create_service_linked_role(AWSServiceName=BATCH)["Role"]
    return role


def assert_recorded_role(iam: Any, role: dict[str, Any], expected: ServiceRecording) -> None:
    """``role`` (a CreateServiceLinkedRole answer) and IAM's later answers are as recorded."""
    name = role["RoleName"]
    assert role["Path"] == expected.path
    assert role["Arn"] == expected.role_arn("123456789012", name)
    assert role["AssumeRolePolicyDocument"] == expected.trust
    assert role["MaxSessionDuration"] == expected.max_session_duration
    assert "Description" not in role
    fetched = iam.get_role(RoleName=name)["Role"]
    assert (fetched["Path"], fetched["AssumeRolePolicyDocument"]) == (role["Path"], expected.trust)
    attached = iam.list_attached_role_policies(RoleName=name)["AttachedPolicies"]
    assert [p["PolicyArn"] for p in attached] == list(expected.policy_arns)
    assert bool(iam.list_role_policies(RoleName=name)["PolicyNames"]) == expected.inline_policies


# -- creating -------------------------------------------------------------------------------


def test_every_recorded_service_gets_its_recorded_role(iam: Any) -> None:
    for principal in OTHERS:
        role = iam.create_service_linked_role(AWSServiceName=principal)["Role"]
        assert role["RoleName"] == recording(principal).role_name, principal
        assert_recorded_role(iam, role, recording(principal))


@pytest.mark.parametrize("principal", SUFFIX_ACCEPTED)
def test_an_accepted_suffix_names_the_role_name_underscore_suffix(iam: Any, principal: str) -> None:
    role = iam.create_service_linked_role(AWSServiceName=principal, CustomSuffix="team-1")["Role"]
    assert role["RoleName"] == f"{recording(principal).role_name}_team-1"
    assert_recorded_role(iam, role, recording(principal))


@pytest.mark.parametrize("principal", SUFFIX_REFUSED)
def test_a_refused_suffix_is_invalid_input_and_creates_nothing(iam: Any, principal: str) -> None:
    with pytest.raises(ClientError) as exc:
        iam.create_service_linked_role(AWSServiceName=principal, CustomSuffix="team-1")
    assert error_of(exc) == ("InvalidInput", 400)
    assert iam.list_roles(PathPrefix="/aws-service-role/")["Roles"] == []


@pytest.mark.parametrize("principal", SUFFIX_REFUSED)
def test_a_refusing_service_gets_its_recorded_name(iam: Any, principal: str) -> None:
    role = iam.create_service_linked_role(AWSServiceName=principal)["Role"]
    assert role["RoleName"] == recording(principal).role_name
    assert_recorded_role(iam, role, recording(principal))


def test_a_description_given_at_creation_is_kept(iam: Any) -> None:
    role = iam.create_service_linked_role(AWSServiceName=BATCH, Description="for the nightly jobs")
    assert role["Role"]["Description"] == "for the nightly jobs"


def test_a_second_role_for_the_same_service_is_invalid_input(
    iam: Any, batch_role: dict[str, Any]
) -> None:
    with pytest.raises(ClientError) as exc:
        iam.create_service_linked_role(AWSServiceName=BATCH)
    assert error_of(exc) == ("InvalidInput", 400)
    with pytest.raises(ClientError) as suffixed:
        iam.create_service_linked_role(AWSServiceName=BATCH, CustomSuffix="again")
    assert error_of(suffixed) == ("InvalidInput", 400)


def test_the_same_suffix_twice_is_invalid_input(iam: Any) -> None:
    principal = "connect.amazonaws.com"
    iam.create_service_linked_role(AWSServiceName=principal, CustomSuffix="one")
    with pytest.raises(ClientError) as exc:
        iam.create_service_linked_role(AWSServiceName=principal, CustomSuffix="one")
    assert error_of(exc) == ("InvalidInput", 400)


def test_a_taken_name_is_refused_regardless_of_case(iam: Any) -> None:
    trust = json.dumps(recording(BATCH).trust)
    iam.create_role(RoleName="awsservicerolefor" + "BATCH", AssumeRolePolicyDocument=trust)
    with pytest.raises(ClientError) as exc:
        iam.create_service_linked_role(AWSServiceName=BATCH)
    assert error_of(exc) == ("InvalidInput", 400)


def test_creation_is_authorised_on_the_recorded_role_arn(
    incident_manager: IncidentManager,
) -> None:
    """With permission checks on, an allow scoped to the recorded role's ARN is enough."""
    incident_manager.controls.set_permission_checks(True)
    arn = f"arn:aws:iam::*:role/aws-service-role/{BATCH}/AWSServiceRoleForBatch"
    dana = user_client(incident_manager, "dana", allow("iam:CreateServiceLinkedRole", arn))
    assert dana.create_service_linked_role(AWSServiceName=BATCH)["Role"]["RoleName"] == (
        "AWSServiceRoleForBatch"
    )
    with pytest.raises(ClientError) as exc:
        dana.create_service_linked_role(AWSServiceName="acm.amazonaws.com")
    assert error_of(exc) == ("AccessDenied", 403)


# -- the managed policies ---------------------------------------------------------------------


def test_every_recorded_policy_exists_before_any_role(iam: Any) -> None:
    """AWS managed policies exist in every account, whether a role uses them or not."""
    for principal in OTHERS:
        for arn in recording(principal).policy_arns:
            got = iam.get_policy(PolicyArn=arn)["Policy"]
            assert got["Arn"] == arn and got["Path"] == "/aws-service-role/"


def test_moto_s_copy_of_a_policy_is_served_and_a_missing_one_is_an_empty_placeholder(
    iam: Any,
) -> None:
    copied = "arn:aws:iam::aws:policy/aws-service-role/AutoScalingServiceRolePolicy"
    version = iam.get_policy(PolicyArn=copied)["Policy"]["DefaultVersionId"]
    document = iam.get_policy_version(PolicyArn=copied, VersionId=version)["PolicyVersion"]
    assert document["Document"]["Statement"]
    (placeholder,) = recording("lex.amazonaws.com").policy_arns
    version = iam.get_policy(PolicyArn=placeholder)["Policy"]["DefaultVersionId"]
    document = iam.get_policy_version(PolicyArn=placeholder, VersionId=version)["PolicyVersion"]
    assert document["Document"]["Statement"] == []


# -- IAM's protections ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("action", "kwargs"),
    [
        ("update_assume_role_policy", {"PolicyDocument": TRUST_ACCOUNT}),
        ("delete_role", {}),
        ("put_role_policy", {"PolicyName": "p", "PolicyDocument": TRUST_ACCOUNT}),
        (
            "attach_role_policy",
            {"PolicyArn": "arn:aws:iam::aws:policy/aws-service-role/AWSBatchServiceRolePolicy"},
        ),
    ],
)
def test_the_role_is_unmodifiable(
    iam: Any, batch_role: dict[str, Any], action: str, kwargs: dict[str, Any]
) -> None:
    with pytest.raises(ClientError) as exc:
        getattr(iam, action)(RoleName=batch_role["RoleName"], **kwargs)
    assert error_of(exc) == ("UnmodifiableEntity", 400)
    assert iam.get_role(RoleName=batch_role["RoleName"])["Role"]["AssumeRolePolicyDocument"] == (
        recording(BATCH).trust
    )


def test_the_description_stays_editable(iam: Any, batch_role: dict[str, Any]) -> None:
    iam.update_role_description(RoleName=batch_role["RoleName"], Description="batch jobs")
    assert iam.get_role(RoleName=batch_role["RoleName"])["Role"]["Description"] == "batch jobs"


def test_a_service_role_policy_attaches_to_no_user_group_or_customer_role(iam: Any) -> None:
    (arn,) = recording("connect.amazonaws.com").policy_arns
    iam.create_user(UserName="erin")
    iam.create_group(GroupName="ops")
    iam.create_role(RoleName="mine", AssumeRolePolicyDocument=TRUST_ACCOUNT)
    attempts = [
        lambda: iam.attach_user_policy(UserName="erin", PolicyArn=arn),
        lambda: iam.attach_group_policy(GroupName="ops", PolicyArn=arn),
        lambda: iam.attach_role_policy(RoleName="mine", PolicyArn=arn),
    ]
    for attempt in attempts:
        with pytest.raises(ClientError) as exc:
            attempt()
        assert error_of(exc) == ("PolicyNotAttachable", 400)


# -- deleting -------------------------------------------------------------------------------


def test_deletion_is_a_task_that_ends_with_the_role_gone(
    incident_manager: IncidentManager, iam: Any, batch_role: dict[str, Any]
) -> None:
    name = batch_role["RoleName"]
    task = iam.delete_service_linked_role(RoleName=name)["DeletionTaskId"]
    assert re.fullmatch(f"task/aws-service-role/{re.escape(BATCH)}/{name}/{UUID}", task)
    assert iam.delete_service_linked_role(RoleName=name)["DeletionTaskId"] == task
    assert iam.get_service_linked_role_deletion_status(DeletionTaskId=task)["Status"] in (
        "NOT_STARTED",
        "IN_PROGRESS",
    )
    incident_manager.advance(600)
    assert iam.get_service_linked_role_deletion_status(DeletionTaskId=task)["Status"] == (
        "SUCCEEDED"
    )
    assert iam.list_roles(PathPrefix="/aws-service-role/")["Roles"] == []
    again = iam.create_service_linked_role(AWSServiceName=BATCH)["Role"]
    assert again["RoleName"] == name


def test_incident_manager_s_replication_set_does_not_hold_other_roles(
    incident_manager: IncidentManager, iam: Any, batch_role: dict[str, Any]
) -> None:
    incidents = incident_manager.client("ssm-incidents")
    incidents.create_replication_set(regions={"us-east-1": {}})
    incident_manager.advance(600)
    task = iam.delete_service_linked_role(RoleName=batch_role["RoleName"])["DeletionTaskId"]
    incident_manager.advance(600)
    assert iam.get_service_linked_role_deletion_status(DeletionTaskId=task)["Status"] == (
        "SUCCEEDED"
    )


def test_an_unknown_task_of_another_service_is_no_such_entity(iam: Any) -> None:
    task = (
        f"task/aws-service-role/{BATCH}/AWSServiceRoleForBatch/00000000-0000-0000-0000-000000000000"
    )
    with pytest.raises(ClientError) as exc:
        iam.get_service_linked_role_deletion_status(DeletionTaskId=task)
    assert error_of(exc) == ("NoSuchEntity", 404)

"""The emulator's eventually consistent mode, behaviour by behaviour, and the default unchanged.

Each behaviour is shown twice through real boto3 clients: under ``EVENTUAL`` (the
``reference-eventual`` backend, ``serve --eventual``) and under the default ``IMMEDIATE``
consistency, which must behave exactly as before. One test runs the served emulator started
with the flag, over HTTP.
"""

from __future__ import annotations

import json
import sys
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import Any

import pytest
from botocore.exceptions import ClientError

from conformance.backends.base import Credentials
from conformance.clock import RemoteClock
from conformance.driver.throttling import retry_throttling
from conformance.emulator import DEFAULT_DEFINITION, EVENTUAL, IMMEDIATE, Emulator
from conformance.emulator.consistency import (
    EVENTUAL_LIST_PAGE_SIZE,
    EVENTUAL_NEW_ENTITY_HIDDEN_SECONDS,
    EVENTUAL_POLICY_DELAY_SECONDS,
    EVENTUAL_ROLE_DELETION_SECONDS,
    EVENTUAL_ROLE_IN_USE_SECONDS,
)
from conformance.emulator.incidents import IncidentsService
from conformance.emulator.pytest_plugin import IncidentManager

PRINCIPAL = "ssm-incidents.amazonaws.com"
ROLE = "AWSServiceRoleForIncidentManager"
ACCOUNT = "123456789012"
ALLOW_S3 = json.dumps(
    {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}
)
ALLOW_CREATE = json.dumps(
    {
        "Version": "2012-10-17",
        "Statement": [
            {"Effect": "Allow", "Action": "iam:CreateServiceLinkedRole", "Resource": "*"}
        ],
    }
)
TRUST_EC2 = json.dumps(
    {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": {"Service": "ec2.amazonaws.com"},
                "Action": "sts:AssumeRole",
            }
        ],
    }
)

_eventual: dict[str, IncidentManager] = {}
#: The eventual mode without the behaviours that make a plain client ask again (new entities
#: not found at once, new roles not assumable at once, throttling, a set deletion that fails
#: the first time): each test here shows one of the others through plain clients, and
#: ``test_emulator_asking_again.py`` shows those four.
SETTLING = replace(
    EVENTUAL,
    new_entity_hidden_seconds=0.0,
    new_role_unusable_seconds=0.0,
    throttle_rate=0.0,
    first_set_deletion_fails=False,
)


@pytest.fixture
def eventual() -> Iterator[IncidentManager]:
    """An emulator in the eventually consistent mode, reset before and after each test."""
    manager = _eventual.get("manager")
    if manager is None:
        manager = _eventual["manager"] = IncidentManager(Emulator(consistency=SETTLING))
    manager.emulator.reset()
    try:
        yield manager
    finally:
        manager.emulator.reset()


@pytest.fixture(params=["eventual", "immediate"])
def mode(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def world(mode: str, request: pytest.FixtureRequest) -> IncidentManager:
    """The emulator of ``mode``: the eventual one, or the default (the shared fixture)."""
    name = "eventual" if mode == "eventual" else "incident_manager"
    manager: IncidentManager = request.getfixturevalue(name)
    return manager


def error_code(exc: pytest.ExceptionInfo[ClientError]) -> str:
    return str(exc.value.response["Error"]["Code"])


def task_status(iam: Any, task: str) -> str:
    return str(iam.get_service_linked_role_deletion_status(DeletionTaskId=task)["Status"])


def role_exists(iam: Any) -> bool:
    try:
        iam.get_role(RoleName=ROLE)
    except ClientError as error:
        assert error.response["Error"]["Code"] == "NoSuchEntity"
        return False
    return True


def active_replication_set(im: IncidentManager) -> str:
    arn = str(im.client("ssm-incidents").create_replication_set(regions={"us-east-1": {}})["arn"])
    im.advance(IncidentsService.CREATE_DELAY)
    return arn


def delete_replication_set(im: IncidentManager, arn: str, *, wait: bool = True) -> None:
    incidents = im.client("ssm-incidents")
    incidents.delete_replication_set(arn=arn)
    if wait:
        im.advance(IncidentsService.DELETE_DELAY)
        assert incidents.list_replication_sets()["replicationSetArns"] == []


# -- the mode's values --------------------------------------------------------------------


def test_the_durations_are_named_and_keep_the_retry_meaningful() -> None:
    assert EVENTUAL.role_deletion_seconds == EVENTUAL_ROLE_DELETION_SECONDS == 300
    assert EVENTUAL.role_in_use_seconds == EVENTUAL_ROLE_IN_USE_SECONDS == 420
    assert EVENTUAL.policy_delay_seconds == EVENTUAL_POLICY_DELAY_SECONDS == 60
    assert EVENTUAL.list_page_size == EVENTUAL_LIST_PAGE_SIZE == 1
    # The first deletion after the set is gone fails, the retry after it succeeds.
    deletion = EVENTUAL_ROLE_DELETION_SECONDS
    assert deletion < EVENTUAL_ROLE_IN_USE_SECONDS < 2 * deletion
    assert deletion > DEFAULT_DEFINITION.deletion_delay_seconds
    assert (IMMEDIATE.role_in_use_seconds, IMMEDIATE.policy_delay_seconds) == (0, 0)
    assert IMMEDIATE.role_deletion_seconds is None and IMMEDIATE.list_page_size is None


# -- 1. role deletion tasks run longer ------------------------------------------------------


def test_deletion_task_runs_for_the_mode_s_duration(world: IncidentManager, mode: str) -> None:
    duration = (
        EVENTUAL_ROLE_DELETION_SECONDS
        if mode == "eventual"
        else DEFAULT_DEFINITION.deletion_delay_seconds
    )
    iam = world.client("iam")
    iam.create_service_linked_role(AWSServiceName=PRINCIPAL)
    task = iam.delete_service_linked_role(RoleName=ROLE)["DeletionTaskId"]
    world.advance(duration - 1)
    assert task_status(iam, task) == "IN_PROGRESS"
    assert iam.delete_service_linked_role(RoleName=ROLE)["DeletionTaskId"] == task
    world.advance(1)
    assert task_status(iam, task) == "SUCCEEDED"
    assert not role_exists(iam)


# -- 2. the service holds the role a while after the replication set is gone --------------


def test_first_deletion_after_the_set_is_gone_fails_and_the_retry_succeeds(
    eventual: IncidentManager,
) -> None:
    iam = eventual.client("iam")
    arn = active_replication_set(eventual)
    delete_replication_set(eventual, arn)
    first = iam.delete_service_linked_role(RoleName=ROLE)["DeletionTaskId"]
    eventual.advance(EVENTUAL_ROLE_DELETION_SECONDS)
    answer = iam.get_service_linked_role_deletion_status(DeletionTaskId=first)
    assert answer["Status"] == "FAILED"
    assert "still using the role" in answer["Reason"]["Reason"]
    assert answer["Reason"]["RoleUsageList"] == [{"Region": "us-east-1", "Resources": [arn]}]
    assert role_exists(iam)
    retry = iam.delete_service_linked_role(RoleName=ROLE)["DeletionTaskId"]
    assert retry != first
    eventual.advance(EVENTUAL_ROLE_DELETION_SECONDS)
    assert task_status(iam, retry) == "SUCCEEDED"
    assert not role_exists(iam)


def test_deletion_asked_while_the_set_is_deleting_fails_too(eventual: IncidentManager) -> None:
    iam = eventual.client("iam")
    delete_replication_set(eventual, active_replication_set(eventual), wait=False)
    task = iam.delete_service_linked_role(RoleName=ROLE)["DeletionTaskId"]
    eventual.advance(EVENTUAL_ROLE_DELETION_SECONDS)  # the set went after DELETE_DELAY
    assert task_status(iam, task) == "FAILED"
    retry = iam.delete_service_linked_role(RoleName=ROLE)["DeletionTaskId"]
    eventual.advance(EVENTUAL_ROLE_DELETION_SECONDS)
    assert task_status(iam, retry) == "SUCCEEDED"


def test_once_the_service_lets_go_the_first_deletion_succeeds(eventual: IncidentManager) -> None:
    iam = eventual.client("iam")
    delete_replication_set(eventual, active_replication_set(eventual))
    eventual.advance(EVENTUAL_ROLE_IN_USE_SECONDS - EVENTUAL_ROLE_DELETION_SECONDS)
    task = iam.delete_service_linked_role(RoleName=ROLE)["DeletionTaskId"]
    eventual.advance(EVENTUAL_ROLE_DELETION_SECONDS)  # ends exactly as the window closes
    assert task_status(iam, task) == "SUCCEEDED"


def test_default_mode_deletes_the_role_at_the_first_attempt(
    incident_manager: IncidentManager,
) -> None:
    iam = incident_manager.client("iam")
    delete_replication_set(incident_manager, active_replication_set(incident_manager))
    task = iam.delete_service_linked_role(RoleName=ROLE)["DeletionTaskId"]
    incident_manager.advance(DEFAULT_DEFINITION.deletion_delay_seconds)
    assert task_status(iam, task) == "SUCCEEDED"
    assert incident_manager.emulator.roles.set_deleted == {}


def test_deletion_still_fails_while_the_set_exists(world: IncidentManager) -> None:
    iam = world.client("iam")
    arn = active_replication_set(world)
    task = iam.delete_service_linked_role(RoleName=ROLE)["DeletionTaskId"]
    world.advance(EVENTUAL_ROLE_DELETION_SECONDS)
    answer = iam.get_service_linked_role_deletion_status(DeletionTaskId=task)
    assert answer["Status"] == "FAILED"
    assert answer["Reason"]["RoleUsageList"] == [{"Region": "us-east-1", "Resources": [arn]}]


# -- 3. a user's new permissions take effect after a delay --------------------------------


def user_with(im: IncidentManager, name: str, grant: Callable[[Any], None]) -> Any:
    """An IAM client of a new user, after ``grant`` gave the user permissions (as root)."""
    iam = im.client("iam")
    iam.create_user(UserName=name)
    key = iam.create_access_key(UserName=name)["AccessKey"]
    grant(iam)
    return im.client("iam", credentials=Credentials(key["AccessKeyId"], key["SecretAccessKey"]))


def inline_policy(iam: Any) -> None:
    iam.put_user_policy(UserName="alice", PolicyName="create", PolicyDocument=ALLOW_CREATE)


def attached_policy(iam: Any) -> None:
    arn = iam.create_policy(PolicyName="create", PolicyDocument=ALLOW_CREATE)["Policy"]["Arn"]
    iam.attach_user_policy(UserName="alice", PolicyArn=arn)


def group_policy(iam: Any) -> None:
    iam.create_group(GroupName="creators")
    iam.put_group_policy(GroupName="creators", PolicyName="create", PolicyDocument=ALLOW_CREATE)
    iam.add_user_to_group(GroupName="creators", UserName="alice")


def attached_group_policy(iam: Any) -> None:
    arn = iam.create_policy(PolicyName="create", PolicyDocument=ALLOW_CREATE)["Policy"]["Arn"]
    iam.create_group(GroupName="creators")
    iam.add_user_to_group(GroupName="creators", UserName="alice")
    iam.attach_group_policy(GroupName="creators", PolicyArn=arn)


GRANTS = [inline_policy, attached_policy, group_policy, attached_group_policy]


def creates_role(client: Any) -> bool:
    try:
        client.create_service_linked_role(AWSServiceName=PRINCIPAL)
    except ClientError as error:
        assert error.response["Error"]["Code"] == "AccessDenied"
        return False
    return True


@pytest.mark.parametrize("grant", GRANTS, ids=lambda g: g.__name__)
def test_a_new_grant_counts_only_after_the_delay(
    eventual: IncidentManager, grant: Callable[[Any], None]
) -> None:
    eventual.controls.set_permission_checks(True)
    alice = user_with(eventual, "alice", grant)
    assert not creates_role(alice)
    eventual.advance(EVENTUAL_POLICY_DELAY_SECONDS - 1)
    assert not creates_role(alice)
    eventual.advance(1)
    assert creates_role(alice)


@pytest.mark.parametrize("grant", GRANTS, ids=lambda g: g.__name__)
def test_default_mode_grants_count_at_once(
    incident_manager: IncidentManager, grant: Callable[[Any], None]
) -> None:
    incident_manager.controls.set_permission_checks(True)
    assert creates_role(user_with(incident_manager, "alice", grant))


def test_the_delay_restarts_when_a_policy_is_put_again(eventual: IncidentManager) -> None:
    eventual.controls.set_permission_checks(True)
    alice = user_with(eventual, "alice", inline_policy)
    eventual.advance(EVENTUAL_POLICY_DELAY_SECONDS - 1)
    inline_policy(eventual.client("iam"))
    eventual.advance(1)
    assert not creates_role(alice)
    eventual.advance(EVENTUAL_POLICY_DELAY_SECONDS)
    assert creates_role(alice)


def test_without_permission_checks_the_delay_changes_nothing(eventual: IncidentManager) -> None:
    assert creates_role(user_with(eventual, "alice", inline_policy))


def test_a_refused_grant_is_not_remembered(eventual: IncidentManager) -> None:
    iam = eventual.client("iam")
    with pytest.raises(ClientError):
        iam.put_user_policy(UserName="nobody", PolicyName="p", PolicyDocument=ALLOW_S3)
    assert eventual.emulator.roles.grants == {}


# -- 4. IAM lists answer one item per page --------------------------------------------------

POLICY_ARN = f"arn:aws:iam::{ACCOUNT}:policy/"


def populate(iam: Any) -> None:
    """Three of most things the listed operations show, so that every list has pages."""
    for i in range(3):
        iam.create_user(UserName=f"user{i}", Tags=[{"Key": f"k{i}", "Value": "v"}])
        iam.create_group(GroupName=f"group{i}")
        iam.create_role(RoleName=f"role{i}", AssumeRolePolicyDocument=TRUST_EC2)
        iam.create_policy(PolicyName=f"policy{i}", PolicyDocument=ALLOW_S3)
        iam.create_instance_profile(InstanceProfileName=f"profile{i}")
    for i in range(3):
        arn = f"{POLICY_ARN}policy{i}"
        iam.tag_role(RoleName="role0", Tags=[{"Key": f"k{i}", "Value": "v"}])
        iam.put_role_policy(RoleName="role0", PolicyName=f"inline{i}", PolicyDocument=ALLOW_S3)
        iam.attach_role_policy(RoleName="role0", PolicyArn=arn)
        iam.put_user_policy(UserName="user0", PolicyName=f"inline{i}", PolicyDocument=ALLOW_S3)
        iam.attach_user_policy(UserName="user0", PolicyArn=arn)
        iam.tag_user(UserName="user0", Tags=[{"Key": f"t{i}", "Value": "v"}])
        iam.add_user_to_group(GroupName=f"group{i}", UserName="user0")
        iam.put_group_policy(GroupName="group0", PolicyName=f"inline{i}", PolicyDocument=ALLOW_S3)
        iam.attach_group_policy(GroupName="group0", PolicyArn=arn)
        iam.attach_role_policy(RoleName=f"role{i}", PolicyArn=f"{POLICY_ARN}policy2")
    for _ in range(2):  # IAM's quota: two access keys per user
        iam.create_access_key(UserName="user1")


LISTS: list[tuple[str, dict[str, Any], str]] = [
    ("list_roles", {}, "Roles"),
    ("list_users", {}, "Users"),
    ("list_groups", {}, "Groups"),
    ("list_policies", {"Scope": "Local"}, "Policies"),
    ("list_instance_profiles", {}, "InstanceProfiles"),
    ("list_role_tags", {"RoleName": "role0"}, "Tags"),
    ("list_role_policies", {"RoleName": "role0"}, "PolicyNames"),
    ("list_attached_role_policies", {"RoleName": "role0"}, "AttachedPolicies"),
    ("list_user_policies", {"UserName": "user0"}, "PolicyNames"),
    ("list_attached_user_policies", {"UserName": "user0"}, "AttachedPolicies"),
    ("list_user_tags", {"UserName": "user0"}, "Tags"),
    ("list_groups_for_user", {"UserName": "user0"}, "Groups"),
    ("list_group_policies", {"GroupName": "group0"}, "PolicyNames"),
    ("list_attached_group_policies", {"GroupName": "group0"}, "AttachedPolicies"),
    ("list_access_keys", {"UserName": "user1"}, "AccessKeyMetadata"),
    (
        "list_entities_for_policy",
        {"PolicyArn": f"{POLICY_ARN}policy2", "EntityFilter": "Role"},
        "PolicyRoles",
    ),
]


def every_item(iam: Any, operation: str, kwargs: dict[str, Any], key: str) -> list[Any]:
    pages = iam.get_paginator(operation).paginate(**kwargs)
    return [item for page in pages for item in page[key]]


def comparable(items: list[Any]) -> list[str]:
    """Items without what differs between two accounts built alike (IDs, times)."""
    volatile = {"CreateDate", "UpdateDate", "RoleId", "UserId", "GroupId", "PolicyId"}
    volatile |= {"InstanceProfileId", "AccessKeyId", "Arn"}
    return sorted(
        json.dumps({k: v for k, v in item.items() if k not in volatile}, sort_keys=True)
        if isinstance(item, dict)
        else json.dumps(item)
        for item in items
    )


@pytest.fixture(scope="module")
def full_listings() -> dict[str, list[str]]:
    """Every list of the populated account as the default mode answers it, in one page."""
    emulator = Emulator()
    iam = IncidentManager(emulator).client("iam")
    populate(iam)
    listings: dict[str, list[str]] = {}
    for operation, kwargs, key in LISTS:
        answer = getattr(iam, operation)(**kwargs)
        assert answer.get("IsTruncated", False) is False, operation
        assert len(answer[key]) >= 2, operation
        listings[operation] = comparable(answer[key])
    emulator.reset()
    return listings


@pytest.mark.parametrize(("operation", "kwargs", "key"), LISTS, ids=[op for op, _, _ in LISTS])
def test_every_list_answers_one_item_per_page_and_markers_reach_every_item(
    eventual: IncidentManager,
    full_listings: dict[str, list[str]],
    operation: str,
    kwargs: dict[str, Any],
    key: str,
) -> None:
    iam = eventual.client("iam")
    populate(iam)
    first = getattr(iam, operation)(**kwargs)
    assert len(first[key]) == 1
    assert first["IsTruncated"] is True and first["Marker"]
    assert comparable(every_item(iam, operation, kwargs, key)) == full_listings[operation]


def test_a_list_of_several_kinds_pages_through_all_of_them(eventual: IncidentManager) -> None:
    iam = eventual.client("iam")
    populate(iam)
    kinds = ("PolicyGroups", "PolicyUsers", "PolicyRoles")
    pages = list(
        iam.get_paginator("list_entities_for_policy").paginate(PolicyArn=f"{POLICY_ARN}policy2")
    )
    assert [sum(len(page[kind]) for kind in kinds) for page in pages] == [1] * 5
    found = {kind: sum(len(page[kind]) for page in pages) for kind in kinds}
    assert found == {"PolicyGroups": 1, "PolicyUsers": 1, "PolicyRoles": 3}


def test_the_default_mode_answers_a_list_in_one_page(incident_manager: IncidentManager) -> None:
    iam = incident_manager.client("iam")
    for i in range(3):
        iam.create_user(UserName=f"user{i}")
    answer = iam.list_users()
    assert len(answer["Users"]) == 3 and answer["IsTruncated"] is False
    assert "Marker" not in answer


def test_paging_is_by_marker_to_the_last_page(eventual: IncidentManager) -> None:
    iam = eventual.client("iam")
    for i in range(2):
        iam.create_user(UserName=f"user{i}")
    first = iam.list_users(MaxItems=50)
    second = iam.list_users(Marker=first["Marker"])
    assert second["IsTruncated"] is False and "Marker" not in second
    names = {first["Users"][0]["UserName"], second["Users"][0]["UserName"]}
    assert names == {"user0", "user1"}
    assert iam.list_users(Marker="7")["Users"] == []


def test_a_marker_that_was_never_given_is_refused(eventual: IncidentManager) -> None:
    with pytest.raises(ClientError) as exc:
        eventual.client("iam").list_users(Marker="not-a-marker")
    assert error_code(exc) == "ValidationError"


def test_list_errors_and_other_calls_are_moto_s(eventual: IncidentManager) -> None:
    iam = eventual.client("iam")
    with pytest.raises(ClientError) as exc:
        iam.list_role_policies(RoleName="missing")
    assert error_code(exc) == "NoSuchEntity"
    iam.create_user(UserName="user0")
    assert iam.get_user(UserName="user0")["User"]["UserName"] == "user0"


# -- the mode as a whole ------------------------------------------------------------------


def test_the_modes_are_reported_by_the_controls(eventual: IncidentManager) -> None:
    assert eventual.controls.consistency == "eventual"
    assert Emulator().controls.consistency == "immediate"


def test_the_mode_s_delays_scale_with_the_served_emulator_s_time() -> None:
    from conformance.emulator.timing import asynchronous_delays, timed_emulator

    delays = asynchronous_delays(timed_emulator("virtual", None, EVENTUAL))
    assert delays["roles.ROLE_IN_USE_DELAY"] == EVENTUAL_ROLE_IN_USE_SECONDS
    assert delays["roles.DELETION_DELAY"] == EVENTUAL_ROLE_DELETION_SECONDS
    assert delays["roles.POLICY_DELAY"] == EVENTUAL_POLICY_DELAY_SECONDS
    scaled = timed_emulator("real", 2.0, EVENTUAL).roles  # the longest delay takes 2 s
    in_use, deletion = scaled.ROLE_IN_USE_DELAY, scaled.deletion_delay()
    assert (in_use, deletion) == pytest.approx((2.0, 2.0 * 300 / 420))
    assert "roles.ROLE_IN_USE_DELAY" in asynchronous_delays(Emulator())  # 0: scales nothing
    assert "roles.DELETION_DELAY" not in asynchronous_delays(Emulator())


def test_serve_eventual_over_http() -> None:
    from conformance.backends.common import EndpointClients, ServerProcess
    from conformance.backends.controls import PREFIX, HttpControls

    server = ServerProcess(
        "The eventually consistent emulator",
        lambda port: [
            *(sys.executable, "-m", "conformance.cli", "serve", "--port", str(port)),
            *("--clock", "virtual", "--eventual"),
        ],
    )
    url = server.start()
    try:
        with urllib.request.urlopen(f"{url}{PREFIX}/controls", timeout=5) as answer:
            assert json.loads(answer.read())["consistency"] == "eventual"
        controls = HttpControls.discover(url)
        assert controls is not None
        clock = RemoteClock(controls.now, controls.advance_clock)
        iam = retry_throttling(EndpointClients(url, "us-east-1").client("iam"), clock)
        iam.create_service_linked_role(AWSServiceName=PRINCIPAL)
        iam.create_role(RoleName="mine", AssumeRolePolicyDocument=TRUST_EC2)
        with pytest.raises(ClientError) as unseen:  # a new role is not found at once
            iam.get_role(RoleName="mine")
        assert error_code(unseen) == "NoSuchEntity"
        controls.advance_clock(EVENTUAL_NEW_ENTITY_HIDDEN_SECONDS)
        assert len(iam.list_roles()["Roles"]) == 1
        assert len(every_item(iam, "list_roles", {}, "Roles")) == 2
        task = iam.delete_service_linked_role(RoleName=ROLE)["DeletionTaskId"]
        controls.advance_clock(EVENTUAL_ROLE_DELETION_SECONDS - 1)
        assert task_status(iam, task) == "IN_PROGRESS"
        controls.advance_clock(1)
        assert task_status(iam, task) == "SUCCEEDED"
    finally:
        server.stop()

"""What a real account makes a client do again, shown by the eventual emulator and handled by
the driver: a new IAM entity not found at once, a new role not assumable at once, throttling,
and a replication set whose first deletion fails.

Each behaviour is shown through plain boto3 clients on the emulator, and then through the
suite's driver, which must ask again (on the backend's clock) instead of failing.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

import pytest
from botocore.exceptions import ClientError

from conformance.backends.base import DEFAULT_ACCOUNT_ID
from conformance.backends.reference import ReferenceBackend
from conformance.backends.registry import BackendOptions
from conformance.clock import VirtualClock
from conformance.driver import IncidentManager as World
from conformance.driver.session import Timeouts
from conformance.driver.throttling import MAX_ATTEMPTS, backoff_seconds, retry_throttling
from conformance.emulator import EVENTUAL, IMMEDIATE, Consistency, Emulator
from conformance.emulator.consistency import (
    EVENTUAL_NEW_ENTITY_HIDDEN_SECONDS,
    EVENTUAL_NEW_ROLE_UNUSABLE_SECONDS,
    EVENTUAL_THROTTLE_RATE,
)
from conformance.emulator.errors import EmulatorError
from conformance.emulator.incidents import IncidentsService
from conformance.emulator.pytest_plugin import IncidentManager
from conformance.emulator.throttling import THROTTLING_ERRORS, Throttle
from conformance.errors import ImplementationFailure

#: The eventual mode without throttling, so that a plain client's single attempt is judged.
UNTHROTTLED = replace(EVENTUAL, throttle_rate=0.0)
TRUST_ACCOUNT = json.dumps(
    {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": {"AWS": f"arn:aws:iam::{DEFAULT_ACCOUNT_ID}:root"},
                "Action": "sts:AssumeRole",
            }
        ],
    }
)
ALLOW = json.dumps(
    {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}
)


@pytest.fixture
def slow() -> Iterator[IncidentManager]:
    manager = IncidentManager(Emulator(consistency=UNTHROTTLED))
    yield manager
    manager.emulator.reset()


def code_of(exc: pytest.ExceptionInfo[ClientError]) -> str:
    return str(exc.value.response["Error"]["Code"])


# -- a new IAM entity is not found at once --------------------------------------------------

ENTITIES: dict[str, tuple[Any, Any]] = {
    "user": (
        lambda iam: iam.create_user(UserName="u"),
        lambda iam, _: iam.get_user(UserName="u"),
    ),
    "group": (
        lambda iam: iam.create_group(GroupName="g"),
        lambda iam, _: iam.get_group(GroupName="g"),
    ),
    "role": (
        lambda iam: iam.create_role(RoleName="r", AssumeRolePolicyDocument=TRUST_ACCOUNT),
        lambda iam, _: iam.get_role(RoleName="r"),
    ),
    "policy": (
        lambda iam: iam.create_policy(PolicyName="p", PolicyDocument=ALLOW),
        lambda iam, made: iam.get_policy(PolicyArn=made["Policy"]["Arn"]),
    ),
    "instance profile": (
        lambda iam: iam.create_instance_profile(InstanceProfileName="i"),
        lambda iam, _: iam.get_instance_profile(InstanceProfileName="i"),
    ),
}


@pytest.mark.parametrize("kind", sorted(ENTITIES))
def test_a_new_entity_is_unknown_to_requests_naming_it_for_a_while(
    slow: IncidentManager, kind: str
) -> None:
    create, read = ENTITIES[kind]
    iam = slow.client("iam")
    made = create(iam)
    with pytest.raises(ClientError) as unseen:
        read(iam, made)
    assert code_of(unseen) == "NoSuchEntity"
    slow.advance(EVENTUAL_NEW_ENTITY_HIDDEN_SECONDS - 1)
    with pytest.raises(ClientError):
        read(iam, made)
    slow.advance(1)
    read(iam, made)


def test_the_default_mode_finds_a_new_entity_at_once(incident_manager: IncidentManager) -> None:
    iam = incident_manager.client("iam")
    iam.create_user(UserName="u")
    iam.get_user(UserName="u")
    iam.create_service_linked_role(AWSServiceName="ssm-incidents.amazonaws.com")
    iam.get_role(RoleName="AWSServiceRoleForIncidentManager")


def test_the_service_linked_role_is_new_too_and_lists_show_new_entities(
    slow: IncidentManager,
) -> None:
    iam = slow.client("iam")
    iam.create_service_linked_role(AWSServiceName="ssm-incidents.amazonaws.com")
    with pytest.raises(ClientError) as unseen:
        iam.list_attached_role_policies(RoleName="AWSServiceRoleForIncidentManager")
    assert code_of(unseen) == "NoSuchEntity"
    paths = iam.get_paginator("list_roles").paginate(PathPrefix="/aws-service-role/")
    assert [r["RoleName"] for page in paths for r in page["Roles"]] == [
        "AWSServiceRoleForIncidentManager"
    ]


# -- a new role cannot be assumed at once ---------------------------------------------------


def test_a_new_role_is_refused_to_assume_until_it_has_spread(slow: IncidentManager) -> None:
    iam, sts = slow.client("iam"), slow.client("sts")
    arn = iam.create_role(RoleName="r", AssumeRolePolicyDocument=TRUST_ACCOUNT)["Role"]["Arn"]
    slow.advance(EVENTUAL_NEW_ENTITY_HIDDEN_SECONDS)
    with pytest.raises(ClientError) as refused:
        sts.assume_role(RoleArn=arn, RoleSessionName="session")
    assert code_of(refused) == "AccessDenied"
    slow.advance(EVENTUAL_NEW_ROLE_UNUSABLE_SECONDS - EVENTUAL_NEW_ENTITY_HIDDEN_SECONDS)
    sts.assume_role(RoleArn=arn, RoleSessionName="session")


def test_the_emulator_says_when_new_entities_settle(slow: IncidentManager) -> None:
    """Waits jump to these times instead of stepping (the clock-next capability)."""
    start = slow.clock.now()
    slow.client("iam").create_role(RoleName="r", AssumeRolePolicyDocument=TRUST_ACCOUNT)
    assert slow.emulator.next_change() == start + EVENTUAL_NEW_ENTITY_HIDDEN_SECONDS
    slow.advance(EVENTUAL_NEW_ENTITY_HIDDEN_SECONDS)
    assert slow.emulator.next_change() == start + EVENTUAL_NEW_ROLE_UNUSABLE_SECONDS


# -- throttling -----------------------------------------------------------------------------


def test_throttling_is_seeded_and_never_twice_in_a_row() -> None:
    def draw(throttle: Throttle) -> list[bool]:
        outcomes = []
        for _ in range(2000):
            try:
                throttle.check("iam")
                outcomes.append(False)
            except Exception:
                outcomes.append(True)
        return outcomes

    first = draw(Throttle(EVENTUAL_THROTTLE_RATE, 7))
    assert draw(Throttle(EVENTUAL_THROTTLE_RATE, 7)) == first
    assert not any(a and b for a, b in itertools.pairwise(first))
    assert 0.5 * EVENTUAL_THROTTLE_RATE < sum(first) / len(first) < 1.5 * EVENTUAL_THROTTLE_RATE
    assert draw(Throttle(EVENTUAL_THROTTLE_RATE, 8)) != first
    assert not any(draw(Throttle(0.0, 7)))


@pytest.mark.parametrize("service", sorted(THROTTLING_ERRORS))
def test_a_throttled_request_gets_the_service_s_throttling_error(service: str) -> None:
    emulator = Emulator(consistency=Consistency(throttle_rate=1.0))
    manager = IncidentManager(emulator)
    calls = {
        "iam": lambda: manager.client("iam").list_roles(),
        "sts": lambda: manager.client("sts").get_caller_identity(),
        "ssm-incidents": lambda: manager.client("ssm-incidents").list_replication_sets(),
        "ssm-contacts": lambda: manager.client("ssm-contacts").list_contacts(),
        "events": lambda: manager.client("events").list_rules(),
        "monitoring": lambda: manager.client("cloudwatch").describe_alarms(),
    }
    with pytest.raises(ClientError) as throttled:
        calls[service]()
    code, status = THROTTLING_ERRORS[service]
    assert code_of(throttled) == code
    assert throttled.value.response["ResponseMetadata"]["HTTPStatusCode"] == status
    calls[service]()  # never twice in a row
    emulator.reset()


def test_the_driver_asks_a_throttled_request_again_on_the_backend_s_clock() -> None:
    emulator = Emulator(consistency=Consistency(throttle_rate=1.0))
    clock: VirtualClock = emulator.clock
    iam = retry_throttling(IncidentManager(emulator).client("iam"), clock)
    before = clock.now()
    assert iam.list_roles()["Roles"] == []  # throttled once, then answered
    assert clock.now() - before == backoff_seconds(1)
    emulator.reset()


class _AlwaysThrottle(Throttle):
    """Throttles every request, counting them."""

    def check(self, service: str | None) -> None:
        self.throttled += 1
        raise EmulatorError("Rate exceeded", code="Throttling", status=400)


def _always_throttled() -> Emulator:
    emulator = Emulator()
    emulator.throttle = _AlwaysThrottle(1.0, 0)
    return emulator


def test_the_driver_gives_up_after_as_many_attempts_as_botocore_makes() -> None:
    emulator = _always_throttled()
    iam = retry_throttling(IncidentManager(emulator).client("iam"), emulator.clock)
    with pytest.raises(ClientError) as throttled:
        iam.list_roles()
    assert code_of(throttled) == "Throttling"
    assert emulator.throttle.throttled == MAX_ATTEMPTS
    emulator.reset()


class _LiveReference(ReferenceBackend):
    """The reference emulator taken for a live account: its clients are left as they are."""

    live = True


def test_live_clients_are_left_to_botocore_s_own_retries() -> None:
    emulator = _always_throttled()
    for backend_cls, attempts in ((ReferenceBackend, MAX_ATTEMPTS), (_LiveReference, 1)):
        emulator.reset()
        emulator.throttle.throttled = 0
        world = World(backend_cls(BackendOptions(), emulator), run_id="throttle", clients={})
        with pytest.raises(ClientError):
            world.client("iam").list_roles()
        assert emulator.throttle.throttled == attempts


# -- a replication set whose first deletion fails -------------------------------------------


def test_the_first_deletion_of_a_set_leaves_it_active_and_the_second_deletes_it(
    slow: IncidentManager,
) -> None:
    incidents = slow.client("ssm-incidents")
    arn = incidents.create_replication_set(regions={"us-east-1": {}})["arn"]
    slow.advance(IncidentsService.CREATE_DELAY)
    incidents.delete_replication_set(arn=arn)
    assert incidents.get_replication_set(arn=arn)["replicationSet"]["status"] == "DELETING"
    slow.advance(IncidentsService.DELETE_DELAY)
    assert incidents.get_replication_set(arn=arn)["replicationSet"]["status"] == "ACTIVE"
    incidents.delete_replication_set(arn=arn)
    slow.advance(IncidentsService.DELETE_DELAY)
    assert incidents.list_replication_sets()["replicationSetArns"] == []


def test_the_default_mode_deletes_a_set_at_the_first_request(
    incident_manager: IncidentManager,
) -> None:
    incidents = incident_manager.client("ssm-incidents")
    arn = incidents.create_replication_set(regions={"us-east-1": {}})["arn"]
    incident_manager.advance(IncidentsService.CREATE_DELAY)
    incidents.delete_replication_set(arn=arn)
    incident_manager.advance(IncidentsService.DELETE_DELAY)
    assert incidents.list_replication_sets()["replicationSetArns"] == []


class _CountingBackend(ReferenceBackend):
    """The eventual emulator in process, counting the driver's requests by operation."""

    name = "reference-eventual-counting"

    def __init__(self, emulator: Emulator) -> None:
        super().__init__(BackendOptions(), emulator)
        self.asked: dict[str, int] = {}

    def client(self, service: str, region: str | None = None, credentials: Any = None) -> Any:
        client = super().client(service, region, credentials)

        def count(model: Any, **_: Any) -> None:
            self.asked[model.name] = self.asked.get(model.name, 0) + 1

        client.meta.events.register("before-call", count)
        return client


def _driver_on(emulator: Emulator) -> tuple[World, _CountingBackend]:
    backend = _CountingBackend(emulator)
    backend.start()
    return World(backend, run_id="again", clients={}), backend


def test_the_driver_asks_again_for_a_set_deletion_that_failed() -> None:
    world, backend = _driver_on(Emulator(consistency=UNTHROTTLED))
    world.replication_sets.ensure_active(["us-east-1"])
    world.replication_sets.delete()
    assert backend.asked["DeleteReplicationSet"] == 2
    assert world.replication_sets.get() is None
    backend.stop()


class _NeverDeleted(IncidentsService):
    """A set that no deletion ever removes."""

    def _deletion_fails(self, replication_set: Any) -> bool:
        return True


def test_a_set_that_never_goes_fails_once_the_release_time_runs_out() -> None:
    world, backend = _driver_on(Emulator(incidents_cls=_NeverDeleted))
    world.replication_sets.ensure_active(["us-east-1"])
    start = world.clock.now()
    with pytest.raises(ImplementationFailure, match="did not complete after asking again"):
        world.replication_sets.delete()
    # Asked again until the release time ran out (an emulator that can say nothing more is
    # scheduled lets the wait jump to the last ask instead of asking every minute).
    assert world.clock.now() - start >= Timeouts().release
    assert backend.asked["DeleteReplicationSet"] >= 2
    backend.stop()


def test_the_driver_waits_for_a_new_user_before_giving_it_a_policy() -> None:
    world, backend = _driver_on(Emulator(consistency=UNTHROTTLED))
    world.identities.user(ALLOW)  # PutUserPolicy would answer NoSuchEntity at once
    assert backend.asked["GetUser"] >= 2
    backend.stop()


def test_immediate_mode_is_the_default() -> None:
    assert IMMEDIATE.throttle_rate == 0 and not IMMEDIATE.first_set_deletion_fails
    assert IMMEDIATE.new_entity_hidden_seconds == IMMEDIATE.new_role_unusable_seconds == 0

"""The offline Incident Manager as a test author uses it: code that makes its own boto3
clients, sessions and resources, in threads too, inside the ``incident_manager`` fixture or
``mock_incident_manager``, is served by the emulator, and no request leaves the machine.

Apart from the fixture and the decorator, these tests use nothing but boto3 and moto.
"""

from __future__ import annotations

import ipaddress
import json
import socket
import threading
from collections.abc import Iterator
from typing import Any

import boto3
import botocore.session
import pytest
from botocore.config import Config
from moto import mock_aws

from conformance.emulator import ServiceNotEmulated, mock_incident_manager

REGION = "us-east-1"
ACCOUNT = "123456789012"


def _loopback(host: object) -> bool:
    if host in ("localhost", None, ""):
        return True
    try:
        return ipaddress.ip_address(str(host).split("%")[0]).is_loopback
    except ValueError:
        return False


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Every name lookup and connection to anything but loopback fails the test."""
    attempts: list[str] = []
    real_connect, real_getaddrinfo = socket.socket.connect, socket.getaddrinfo
    real_connect_ex = socket.socket.connect_ex

    def guard(address: Any) -> None:
        host = address[0] if isinstance(address, tuple) else address
        if not _loopback(host):
            attempts.append(str(host))
            raise AssertionError(f"a request tried to leave the machine for {host}")

    def connect(self: socket.socket, address: Any) -> None:
        guard(address)
        return real_connect(self, address)

    def connect_ex(self: socket.socket, address: Any) -> int:
        guard(address)
        return real_connect_ex(self, address)

    def getaddrinfo(host: Any, *args: Any, **kwargs: Any) -> Any:
        guard((host,))
        return real_getaddrinfo(host, *args, **kwargs)

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket.socket, "connect_ex", connect_ex)
    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    yield attempts
    assert attempts == []


@pytest.fixture(autouse=True)
def laptop(monkeypatch: pytest.MonkeyPatch, tmp_path: Any) -> None:
    """A developer's machine: real-looking keys in the environment, no Region configured."""
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "AKIAREALLOOKINGKEY01")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "real-looking-secret")
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "config"))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "credentials"))
    for name in ("AWS_DEFAULT_REGION", "AWS_REGION", "AWS_PROFILE", "AWS_SESSION_TOKEN"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(boto3, "DEFAULT_SESSION", None)


# -- code under test: it knows nothing of the emulator ------------------------------------


def open_incident(title: str) -> str:
    """Application code: its own client, the default session, no endpoint, no keys."""
    incidents = boto3.client("ssm-incidents")
    plan = incidents.create_response_plan(
        name=title.lower().replace(" ", "-"), incidentTemplate={"title": title, "impact": 3}
    )["arn"]
    return incidents.start_incident(responsePlanArn=plan)["incidentRecordArn"]


def set_up_incident_manager() -> str:
    """Application code: a session of its own, and boto3's own waiter."""
    incidents = boto3.Session().client("ssm-incidents")
    arn = incidents.create_replication_set(regions={REGION: {}})["arn"]
    incidents.get_waiter("wait_for_replication_set_active").wait(arn=arn)
    return arn


# -- the fixture -------------------------------------------------------------------------


def test_code_that_makes_its_own_clients_is_served(incident_manager: Any) -> None:
    set_up_incident_manager()
    record = open_incident("Database down")
    seen = boto3.client("ssm-incidents").get_incident_record(arn=record)["incidentRecord"]
    assert seen["title"] == "Database down" and seen["status"] == "OPEN"
    role = boto3.resource("iam").Role("AWSServiceRoleForIncidentManager")
    assert role.path == "/aws-service-role/ssm-incidents.amazonaws.com/"


def test_clients_made_in_threads_are_served(incident_manager: Any) -> None:
    set_up_incident_manager()
    records: list[str] = []
    errors: list[BaseException] = []

    def worker(n: int) -> None:
        try:
            records.append(open_incident(f"Outage {n}"))
        except BaseException as error:  # pragma: no cover - reported below
            errors.append(error)

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    listed = boto3.client("ssm-incidents").list_incident_records()["incidentRecordSummaries"]
    assert sorted(r["arn"] for r in listed) == sorted(records)


def test_every_served_service_answers_and_no_request_leaves(
    incident_manager: Any, no_network: list[str]
) -> None:
    session = boto3.Session(region_name=REGION)
    assert session.client("sts").get_caller_identity()["Account"] == ACCOUNT
    session.client("iam").create_user(UserName="alice")
    assert session.client("events").list_rules()["Rules"] == []
    assert session.client("cloudwatch").describe_alarms()["MetricAlarms"] == []
    assert session.client("ssm-contacts").list_contacts()["Contacts"] == []
    assert no_network == []


def test_another_service_is_refused_before_it_can_reach_aws(incident_manager: Any) -> None:
    with pytest.raises(ServiceNotEmulated, match="s3"):
        boto3.client("s3").list_buckets()
    with pytest.raises(ServiceNotEmulated):
        boto3.resource("dynamodb").create_table(
            TableName="t",
            KeySchema=[{"AttributeName": "k", "KeyType": "HASH"}],
            AttributeDefinitions=[{"AttributeName": "k", "AttributeType": "S"}],
            BillingMode="PAY_PER_REQUEST",
        )


def test_a_client_made_before_cannot_reach_aws_during(no_network: list[str]) -> None:
    early = boto3.client("ssm-incidents", region_name=REGION)
    with mock_incident_manager(), pytest.raises(ServiceNotEmulated, match="before"):
        early.list_response_plans()
    assert no_network == []


def test_a_client_made_during_is_refused_after() -> None:
    with mock_incident_manager():
        during = boto3.client("ssm-incidents")
        during.list_response_plans()
    with pytest.raises(ServiceNotEmulated, match="after"):
        during.list_response_plans()


def test_the_fixtures_own_clients_make_one_attempt(incident_manager: Any) -> None:
    config = incident_manager.client("ssm-incidents").meta.config
    assert config.retries["total_max_attempts"] == 1


# -- the decorator and the context manager ---------------------------------------------------


@mock_incident_manager
def test_the_decorator_serves_plain_clients() -> None:
    set_up_incident_manager()
    assert open_incident("Queue stuck").startswith(f"arn:aws:ssm-incidents::{ACCOUNT}:")


def test_the_context_manager_gives_the_manager_and_forgets_on_exit() -> None:
    with mock_incident_manager() as manager:
        arn = set_up_incident_manager()
        assert manager.client("ssm-incidents").get_replication_set(arn=arn)
    with mock_incident_manager():
        assert boto3.client("ssm-incidents").list_replication_sets()["replicationSetArns"] == []


def test_explicit_botocore_sessions_are_served_too() -> None:
    with mock_incident_manager():
        client = botocore.session.get_session().create_client("sts")
        assert client.get_caller_identity()["Arn"] == f"arn:aws:iam::{ACCOUNT}:root"


# -- time -------------------------------------------------------------------------------------


def test_a_waiter_moves_the_virtual_clock_by_its_delay_and_never_sleeps(
    incident_manager: Any,
) -> None:
    start = incident_manager.clock.now()
    set_up_incident_manager()  # the default waiter: 30 s between looks
    # the set takes 60 s: two delays of the waiter, no more, and no real sleep
    assert incident_manager.clock.now() - start == 60


def test_a_waiter_with_a_shorter_delay_looks_more_often(incident_manager: Any) -> None:
    incidents = boto3.client("ssm-incidents")
    arn = incidents.create_replication_set(regions={REGION: {}})["arn"]
    start = incident_manager.clock.now()
    incidents.get_waiter("wait_for_replication_set_active").wait(
        arn=arn, WaiterConfig={"Delay": 7, "MaxAttempts": 20}
    )
    assert incident_manager.clock.now() - start == 63


# -- identity ---------------------------------------------------------------------------------


def _identity_and_creator(client_kwargs: dict[str, Any], name: str) -> tuple[str, dict[str, Any]]:
    session = boto3.Session(region_name=REGION, **client_kwargs)
    arn = session.client("sts").get_caller_identity()["Arn"]
    incidents = session.client("ssm-incidents")
    record_arn = open_incident_with(incidents, name)
    incidents.update_incident_record(arn=record_arn, summary="looking")
    return arn, incidents.get_incident_record(arn=record_arn)["incidentRecord"]


def open_incident_with(incidents: Any, name: str) -> str:
    plan = incidents.create_response_plan(name=name, incidentTemplate={"title": name, "impact": 3})
    return incidents.start_incident(responsePlanArn=plan["arn"])["incidentRecordArn"]


def test_one_identity_per_key_recorded_wherever_the_service_names_a_caller(
    incident_manager: Any,
) -> None:
    set_up_incident_manager()
    iam = boto3.client("iam")
    iam.create_user(UserName="alice")
    key = iam.create_access_key(UserName="alice")["AccessKey"]
    trust = {
        "Version": "2012-10-17",
        "Statement": [
            {"Effect": "Allow", "Principal": {"AWS": ACCOUNT}, "Action": "sts:AssumeRole"}
        ],
    }
    role = iam.create_role(RoleName="responder", AssumeRolePolicyDocument=json.dumps(trust))
    session = boto3.client("sts").assume_role(RoleArn=role["Role"]["Arn"], RoleSessionName="pager")[
        "Credentials"
    ]
    who = {
        "root": ({}, f"arn:aws:iam::{ACCOUNT}:root"),
        "user": (
            {
                "aws_access_key_id": key["AccessKeyId"],
                "aws_secret_access_key": key["SecretAccessKey"],
            },
            f"arn:aws:iam::{ACCOUNT}:user/alice",
        ),
        "role": (
            {
                "aws_access_key_id": session["AccessKeyId"],
                "aws_secret_access_key": session["SecretAccessKey"],
                "aws_session_token": session["SessionToken"],
            },
            f"arn:aws:sts::{ACCOUNT}:assumed-role/responder/pager",
        ),
    }
    for name, (keys, expected) in who.items():
        arn, record = _identity_and_creator(keys, f"plan-{name}")
        assert arn == expected, name
        assert record["incidentRecordSource"]["createdBy"] == expected, name
        assert record["lastModifiedBy"] == expected, name


def test_the_roots_identity_has_the_account_as_its_user_id(incident_manager: Any) -> None:
    identity = boto3.client("sts").get_caller_identity()
    assert identity["UserId"] == identity["Account"] == ACCOUNT


# -- beside moto's own mock_aws ----------------------------------------------------------------


def test_beside_moto_mock_aws_each_answers_its_own_services(incident_manager: Any) -> None:
    with mock_aws():
        set_up_incident_manager()
        s3 = boto3.client("s3", region_name=REGION)  # moto's
        s3.create_bucket(Bucket="evidence")
        assert [b["Name"] for b in s3.list_buckets()["Buckets"]] == ["evidence"]
        iam = boto3.client("iam")  # the emulator's (over moto's state): answered once
        iam.create_user(UserName="bob")
        iam.create_access_key(UserName="bob")
        assert len(iam.list_access_keys(UserName="bob")["AccessKeyMetadata"]) == 1
        role = iam.get_role(RoleName="AWSServiceRoleForIncidentManager")["Role"]
        assert role["Path"] == "/aws-service-role/ssm-incidents.amazonaws.com/"
        fixture_iam = incident_manager.client("iam")
        fixture_iam.create_user(UserName="carol")
        fixture_iam.create_access_key(UserName="carol")
        assert len(fixture_iam.list_access_keys(UserName="carol")["AccessKeyMetadata"]) == 1


def test_retries_stay_as_the_code_under_test_set_them(incident_manager: Any) -> None:
    client = boto3.client("ssm-incidents", config=Config(retries={"max_attempts": 7}))
    assert client.meta.config.retries["total_max_attempts"] == 8  # 7 retries: 8 attempts


# -- answers compared with the API reference ---------------------------------------------------

MISSING = f"arn:aws:ssm-incidents::{ACCOUNT}:incident-record/none/00000000"


@pytest.mark.parametrize(
    ("operation", "call"),
    [
        ("ListTimelineEvents", lambda c: c.list_timeline_events(incidentRecordArn=MISSING)),
        ("ListRelatedItems", lambda c: c.list_related_items(incidentRecordArn=MISSING)),
    ],
)
def test_lists_of_a_missing_incident_answer_only_what_the_model_lists(
    incident_manager: Any, operation: str, call: Any
) -> None:
    incidents = boto3.client("ssm-incidents")
    listed = {
        shape.name for shape in incidents.meta.service_model.operation_model(operation).error_shapes
    }
    # the evidence: the model documents no not-found error for these lists
    assert "ResourceNotFoundException" not in listed
    answer = call(incidents)
    assert answer.get("eventSummaries", answer.get("relatedItems")) == []


def test_a_missing_timeline_event_is_not_found_as_the_model_lists(incident_manager: Any) -> None:
    incidents = boto3.client("ssm-incidents")
    model = incidents.meta.service_model.operation_model("GetTimelineEvent")
    assert "ResourceNotFoundException" in {shape.name for shape in model.error_shapes}
    with pytest.raises(incidents.exceptions.ResourceNotFoundException):
        incidents.get_timeline_event(incidentRecordArn=MISSING, eventId="none")

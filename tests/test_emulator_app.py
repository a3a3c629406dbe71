"""The emulator's spine: routing, the control protocol, triggers and malformed requests.

Most tests use real boto3 clients in memory; the control protocol and the malformed requests
go through werkzeug's test client, which speaks raw HTTP to the same WSGI application.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from botocore.exceptions import ClientError
from werkzeug.test import Client

from conformance.backends.base import ALL_CAPABILITIES
from conformance.backends.controls import PREFIX, PROTOCOL_NAME, PROTOCOL_VERSION
from conformance.clock import VirtualClock
from conformance.emulator.app import account_of, route_of
from conformance.emulator.controls import ControlError
from conformance.emulator.pytest_plugin import IncidentManager

ACCOUNT = "123456789012"
FORM = "application/x-www-form-urlencoded"


def signed(service: str, region: str = "us-east-1", key: str = "AKIAIOSFODNN7EXAMPLE") -> str:
    return (
        f"AWS4-HMAC-SHA256 Credential={key}/20260101/{region}/{service}/aws4_request, "
        "SignedHeaders=host, Signature=00"
    )


@pytest.fixture
def http(incident_manager: IncidentManager) -> Client:
    return Client(incident_manager.emulator.app)


def active_plan(im: IncidentManager, name: str = "plan") -> str:
    incidents = im.client("ssm-incidents")
    incidents.create_replication_set(regions={"us-east-1": {}})
    im.advance(600)
    plan = incidents.create_response_plan(name=name, incidentTemplate={"title": "t", "impact": 3})
    return str(plan["arn"])


def incident_count(im: IncidentManager) -> int:
    return len(im.client("ssm-incidents").list_incident_records()["incidentRecordSummaries"])


# -- routing ------------------------------------------------------------------------------


def test_route_comes_from_the_credential_scope_or_the_target() -> None:
    route = route_of({"HTTP_AUTHORIZATION": signed("ssm-contacts", "eu-west-1", "AKIDX")})
    assert (route.service, route.region, route.access_key) == ("ssm-contacts", "eu-west-1", "AKIDX")
    assert route_of({"HTTP_X_AMZ_TARGET": "AWSEvents.PutEvents"}).service == "events"
    assert route_of({}).service is None


def test_account_comes_from_the_access_key_or_moto_header(
    incident_manager: IncidentManager,
) -> None:
    assert account_of({}, "AKIAUNKNOWN") == ACCOUNT
    assert account_of({"HTTP_X_MOTO_ACCOUNT_ID": "111122223333"}, "AKIAUNKNOWN") == "111122223333"


def test_every_service_answers_through_one_app(incident_manager: IncidentManager) -> None:
    contacts = incident_manager.client("ssm-contacts")
    arn = contacts.create_contact(Alias="oncall", Type="PERSONAL", Plan={"Stages": []})[
        "ContactArn"
    ]
    assert contacts.get_contact(ContactId=arn)["Alias"] == "oncall"
    sns = incident_manager.client("sns")
    topic = sns.create_topic(Name="left-to-moto")["TopicArn"]
    assert [t["TopicArn"] for t in sns.list_topics()["Topics"]] == [topic]
    assert incident_manager.client("sts").get_caller_identity()["Account"] == ACCOUNT


# -- in-process controls --------------------------------------------------------------------


def test_reset_clears_every_part_and_rewinds_the_clock(incident_manager: IncidentManager) -> None:
    iam = incident_manager.client("iam")
    iam.create_service_linked_role(AWSServiceName="ssm-incidents.amazonaws.com")
    incident_manager.controls.set_permission_checks(True)
    incident_manager.controls.inject_fault("role-in-use", 50)
    incident_manager.advance(100)
    incident_manager.controls.reset()
    assert incident_manager.controls.now() == VirtualClock.START
    assert iam.list_roles()["Roles"] == []
    roles = incident_manager.emulator.roles
    assert (roles.permission_checks, roles.role_in_use_window, roles.tasks) == (False, None, {})


def test_controls_refuse_bad_levers(incident_manager: IncidentManager) -> None:
    controls = incident_manager.controls
    assert controls.capabilities == ALL_CAPABILITIES
    with pytest.raises(ControlError):
        controls.advance_clock(-1)
    with pytest.raises(ControlError):
        controls.inject_fault("meteor", 10)
    assert controls.advance_clock(5) == VirtualClock.START + 5


# -- the HTTP control protocol --------------------------------------------------------------


def test_control_protocol_discovery_clock_faults_and_permissions(http: Client) -> None:
    found = http.get(f"{PREFIX}/controls").json
    assert found == {
        "protocol": PROTOCOL_NAME,
        "version": PROTOCOL_VERSION,
        "capabilities": sorted(ALL_CAPABILITIES),
        "consistency": "immediate",
    }
    assert http.get(f"{PREFIX}/clock").json == {"now": VirtualClock.START}
    moved = http.post(f"{PREFIX}/clock", json={"advance_seconds": 90})
    assert moved.json == {"now": VirtualClock.START + 90}
    assert (
        http.post(f"{PREFIX}/faults", json={"fault": "role-in-use", "duration_seconds": 10}).json
        == {}
    )
    assert http.delete(f"{PREFIX}/faults", content_type="application/json").json == {}
    assert http.post(f"{PREFIX}/permissions", json={"enforce": True}).json == {}
    assert http.post(f"{PREFIX}/reset", json={}).json == {}
    assert http.get(f"{PREFIX}/clock").json == {"now": VirtualClock.START}


@pytest.mark.parametrize(
    ("method", "path", "body", "expected"),
    [
        ("POST", "/clock", b"{not json", 400),
        ("POST", "/clock", b"[1]", 400),
        ("POST", "/clock", b'{"advance_seconds": -3}', 400),
        ("POST", "/clock", b'{"advance_seconds": "ten"}', 400),
        ("POST", "/clock", b"{}", 400),
        ("POST", "/faults", b'{"fault": "meteor", "duration_seconds": 1}', 400),
        ("POST", "/faults", b'{"fault": "role-in-use"}', 400),
        ("POST", "/permissions", b'{"enforce": "yes"}', 400),
        ("GET", "/nowhere", b"", 404),
        ("PUT", "/clock", b"{}", 405),
    ],
)
def test_control_protocol_refuses_bad_requests(
    http: Client, method: str, path: str, body: bytes, expected: int
) -> None:
    answer = http.open(f"{PREFIX}{path}", method=method, data=body, content_type="application/json")
    assert answer.status_code == expected
    assert isinstance(answer.json["error"], str)


# -- triggers -------------------------------------------------------------------------------


def alarm(im: IncidentManager, actions: list[str], enabled: bool = True) -> Any:
    cloudwatch = im.client("cloudwatch")
    cloudwatch.put_metric_alarm(
        AlarmName="errors",
        MetricName="Errors",
        Namespace="App",
        Statistic="Sum",
        Period=60,
        EvaluationPeriods=1,
        Threshold=1,
        ComparisonOperator="GreaterThanThreshold",
        AlarmActions=actions,
        ActionsEnabled=enabled,
    )
    return cloudwatch


def test_alarm_entering_alarm_starts_an_incident(incident_manager: IncidentManager) -> None:
    plan = active_plan(incident_manager)
    cloudwatch = alarm(incident_manager, [plan])
    cloudwatch.set_alarm_state(AlarmName="errors", StateValue="ALARM", StateReason="r")
    cloudwatch.set_alarm_state(AlarmName="errors", StateValue="ALARM", StateReason="again")
    assert incident_count(incident_manager) == 1
    cloudwatch.set_alarm_state(AlarmName="errors", StateValue="OK", StateReason="r")
    assert incident_count(incident_manager) == 1


def test_alarm_with_actions_disabled_starts_nothing(incident_manager: IncidentManager) -> None:
    plan = active_plan(incident_manager)
    cloudwatch = alarm(incident_manager, [plan], enabled=False)
    cloudwatch.set_alarm_state(AlarmName="errors", StateValue="ALARM", StateReason="r")
    assert incident_count(incident_manager) == 0


def test_rule_matching_an_event_starts_an_incident_and_a_deleted_plan_does_not(
    incident_manager: IncidentManager,
) -> None:
    plan = active_plan(incident_manager)
    events = incident_manager.client("events")
    events.put_rule(Name="to-plan", EventPattern=json.dumps({"source": ["my.app"]}))
    events.put_targets(
        Rule="to-plan",
        Targets=[{"Id": "1", "Arn": plan, "RoleArn": f"arn:aws:iam::{ACCOUNT}:role/r"}],
    )
    entry = {"Source": "my.app", "DetailType": "failure", "Detail": "{}"}
    assert (
        events.put_events(Entries=[entry, dict(entry, Source="other.app")])["FailedEntryCount"] == 0
    )
    assert incident_count(incident_manager) == 1
    events.disable_rule(Name="to-plan")
    events.put_events(Entries=[entry])
    assert incident_count(incident_manager) == 1
    events.enable_rule(Name="to-plan")
    incident_manager.client("ssm-incidents").delete_response_plan(arn=plan)
    events.put_events(Entries=[entry])
    assert incident_count(incident_manager) == 1
    assert events.list_targets_by_rule(Rule="to-plan")["Targets"][0]["Arn"] == plan


# -- malformed requests -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("service", "body", "code"),
    [
        ("iam", b"garbage\xff\xfe", "MalformedQueryString"),
        ("iam", b"Version=2010-05-08", "MissingAction"),
        ("iam", b"Action=Bogus&Version=2010-05-08", "InvalidAction"),
        ("iam", b"Action=CreateRole&Version=2010-05-08", "ValidationError"),
        ("iam", b"Action=CreateServiceLinkedRole&Version=2010-05-08", "ValidationError"),
        ("sts", b"Action=AssumeRole&Version=2011-06-15", "ValidationError"),
    ],
)
def test_malformed_query_requests_get_aws_errors(
    http: Client, service: str, body: bytes, code: str
) -> None:
    answer = http.post(
        "/", data=body, content_type=FORM, headers={"Authorization": signed(service)}
    )
    assert answer.status_code == 400
    assert f"<Code>{code}</Code>" in answer.get_data(as_text=True)
    assert "<Type>Sender</Type>" in answer.get_data(as_text=True)


@pytest.mark.parametrize(
    ("service", "target", "body", "code"),
    [
        ("events", "AWSEvents.PutEvents", b"{not json", "SerializationException"),
        ("events", "AWSEvents.PutEvents", b"[]", "SerializationException"),
        ("events", "AWSEvents.Bogus", b"{}", "UnknownOperationException"),
        ("events", "AWSEvents.PutEvents", b"{}", "ValidationException"),
        ("monitoring", "GraniteServiceVersion20100801.SetAlarmState", b"{}", "ValidationException"),
    ],
)
def test_malformed_json_requests_get_aws_errors(
    http: Client, service: str, target: str, body: bytes, code: str
) -> None:
    answer = http.post(
        "/",
        data=body,
        content_type="application/x-amz-json-1.1",
        headers={"Authorization": signed(service), "X-Amz-Target": target},
    )
    assert answer.status_code == 400
    assert json.loads(answer.get_data())["__type"] == code


@pytest.mark.parametrize("service", ["events", "monitoring"])
def test_unknown_region_is_refused(http: Client, service: str) -> None:
    target = (
        "AWSEvents.ListRules"
        if service == "events"
        else ("GraniteServiceVersion20100801.DescribeAlarms")
    )
    answer = http.post(
        "/",
        data=b"{}",
        content_type="application/x-amz-json-1.1",
        headers={"Authorization": signed(service, "nowhere-9"), "X-Amz-Target": target},
    )
    assert answer.status_code == 400
    assert json.loads(answer.get_data())["__type"] == "InvalidSignatureException"


def test_unknown_deletion_task_of_this_role_is_no_such_entity(
    incident_manager: IncidentManager,
) -> None:
    task = "task/aws-service-role/ssm-incidents.amazonaws.com/AWSServiceRoleForIncidentManager/x"
    with pytest.raises(ClientError) as exc:
        incident_manager.client("iam").get_service_linked_role_deletion_status(DeletionTaskId=task)
    assert exc.value.response["Error"]["Code"] == "NoSuchEntity"


def test_unsigned_unroutable_request_is_refused(http: Client) -> None:
    answer = http.post("/", data=b"\x00\x01junk", content_type="application/octet-stream")
    assert 400 <= answer.status_code < 500


def test_incident_manager_services_refuse_garbage(http: Client) -> None:
    answer = http.post(
        "/createReplicationSet",
        data=b"{oops",
        content_type="application/json",
        headers={"Authorization": signed("ssm-incidents")},
    )
    assert 400 <= answer.status_code < 500


def test_a_defect_answers_an_aws_shaped_500(
    incident_manager: IncidentManager, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("defect")

    monkeypatch.setattr(incident_manager.emulator.app.iam, "handle", broken)
    with pytest.raises(ClientError) as exc:
        incident_manager.client("iam").list_roles()
    assert exc.value.response["Error"]["Code"] == "InternalFailure"

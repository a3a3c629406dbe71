"""The emulated ``ssm-incidents``, rule by rule, through real boto3 clients in memory."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from botocore.exceptions import ClientError
from werkzeug.test import Client
from werkzeug.wrappers import Request

from conformance.backends.base import Credentials
from conformance.clock import VirtualClock
from conformance.emulator.incidents import IncidentsService, handle
from conformance.emulator.incidents.models import ReplicationSet
from conformance.emulator.transport import InProcessSession

ACCOUNT = "123456789012"
DAY = 24 * 3600.0


@dataclass
class Recorder:
    """Stands in for the IAM side and for ``ssm-contacts``."""

    roles: list[str] = field(default_factory=list)
    purged: list[str] = field(default_factory=list)

    def ensure_service_linked_role(self, account_id: str) -> None:
        self.roles.append(account_id)

    def purge_account(self, account_id: str) -> None:
        self.purged.append(account_id)


@dataclass
class World:
    clock: VirtualClock
    service: IncidentsService
    recorder: Recorder
    client: Any
    account: str = ACCOUNT

    def create_active_set(self, *regions: str, **kwargs: Any) -> str:
        arn: str = self.client.create_replication_set(
            regions={region: {} for region in regions or ("us-east-1",)}, **kwargs
        )["arn"]
        self.clock.advance(IncidentsService.CREATE_DELAY)
        return arn

    def status(self, arn: str) -> str:
        return str(self.client.get_replication_set(arn=arn)["replicationSet"]["status"])

    def plan(self, name: str = "plan", **template: Any) -> str:
        incident_template = {"title": "Something broke", "impact": 3, **template}
        arn: str = self.client.create_response_plan(name=name, incidentTemplate=incident_template)[
            "arn"
        ]
        return arn


class _Router:
    """A WSGI app whose service is swapped per test, so one boto3 client serves them all."""

    def __init__(self) -> None:
        self.service = IncidentsService(VirtualClock())

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        response = handle(self.service, Request(environ), ACCOUNT, "us-east-1")
        return response(environ, start_response)


@pytest.fixture(scope="module")
def router() -> tuple[_Router, Any]:
    app = _Router()
    session = InProcessSession(app, Credentials("testing", "testing"), "us-east-1")
    return app, session.client("ssm-incidents")


def _world(
    router: tuple[_Router, Any], service_class: type[IncidentsService] = IncidentsService
) -> World:
    app, client = router
    clock = VirtualClock()
    recorder = Recorder()
    app.service = service_class(clock, recorder, recorder)
    return World(clock, app.service, recorder, client)


@pytest.fixture
def world(router: tuple[_Router, Any]) -> Iterator[World]:
    yield _world(router)


def _code(caught: pytest.ExceptionInfo[ClientError]) -> str:
    return str(caught.value.response["Error"]["Code"])


# --------------------------------------------------------------------------- creating


def test_create_returns_a_regionless_replication_set_arn(world: World) -> None:
    arn = world.client.create_replication_set(regions={"us-east-1": {}})["arn"]
    prefix = f"arn:aws:ssm-incidents::{ACCOUNT}:replication-set/"
    assert arn.startswith(prefix) and len(arn) > len(prefix)
    assert world.client.list_replication_sets()["replicationSetArns"] == [arn]


def test_creating_a_set_provisions_the_service_linked_role(world: World) -> None:
    world.client.create_replication_set(regions={"us-east-1": {}})
    assert world.recorder.roles == [ACCOUNT]


@pytest.mark.parametrize(
    "regions",
    [[], ["us-east-1", "us-east-2", "us-west-1", "us-west-2"], ["mars-north-1"], ["cn-north-1"]],
)
def test_region_map_must_hold_one_to_three_published_regions(
    world: World, regions: list[str]
) -> None:
    with pytest.raises(ClientError) as caught:
        world.client.create_replication_set(regions={region: {} for region in regions})
    assert _code(caught) == "ValidationException"
    assert world.client.list_replication_sets()["replicationSetArns"] == []
    assert world.recorder.roles == []


def test_three_regions_are_allowed(world: World) -> None:
    arn = world.create_active_set("us-east-1", "eu-west-1", "ap-south-1")
    region_map = world.client.get_replication_set(arn=arn)["replicationSet"]["regionMap"]
    assert set(region_map) == {"us-east-1", "eu-west-1", "ap-south-1"}


def test_an_account_has_at_most_one_replication_set(world: World) -> None:
    world.create_active_set()
    with pytest.raises(ClientError) as caught:
        world.client.create_replication_set(regions={"us-west-2": {}})
    assert _code(caught) == "ConflictException"
    assert caught.value.response["ResponseMetadata"]["HTTPStatusCode"] == 409


def test_client_token_makes_creation_idempotent(world: World) -> None:
    first = world.client.create_replication_set(regions={"us-east-1": {}}, clientToken="t")
    again = world.client.create_replication_set(regions={"us-east-1": {}}, clientToken="t")
    assert first["arn"] == again["arn"]


def test_status_is_creating_then_active_after_the_delay(world: World) -> None:
    arn = world.client.create_replication_set(regions={"us-east-1": {}})["arn"]
    replication_set = world.client.get_replication_set(arn=arn)["replicationSet"]
    assert replication_set["status"] == "CREATING"
    assert replication_set["regionMap"]["us-east-1"]["status"] == "CREATING"
    assert replication_set["deletionProtected"] is False
    world.clock.advance(IncidentsService.CREATE_DELAY - 1)
    assert world.status(arn) == "CREATING"
    world.clock.advance(1)
    replication_set = world.client.get_replication_set(arn=arn)["replicationSet"]
    assert replication_set["status"] == "ACTIVE"
    assert replication_set["regionMap"]["us-east-1"]["status"] == "ACTIVE"


def test_waiter_for_active_works(world: World) -> None:
    arn = world.client.create_replication_set(regions={"us-east-1": {}})["arn"]
    world.clock.advance(IncidentsService.CREATE_DELAY)
    world.client.get_waiter("wait_for_replication_set_active").wait(
        arn=arn, WaiterConfig={"Delay": 0.001, "MaxAttempts": 2}
    )


def test_tags_given_at_creation_are_kept(world: World) -> None:
    arn = world.create_active_set(tags={"team": "ops"})
    assert world.client.list_tags_for_resource(resourceArn=arn)["tags"] == {"team": "ops"}


def test_unknown_replication_set_is_not_found(world: World) -> None:
    with pytest.raises(ClientError) as caught:
        world.client.get_replication_set(arn=f"arn:aws:ssm-incidents::{ACCOUNT}:replication-set/x")
    assert _code(caught) == "ResourceNotFoundException"


# --------------------------------------------------------------------------- updating


def _add(world: World, arn: str, region: str) -> None:
    world.client.update_replication_set(
        arn=arn, actions=[{"addRegionAction": {"regionName": region}}]
    )


def _delete(world: World, arn: str, region: str) -> None:
    world.client.update_replication_set(
        arn=arn, actions=[{"deleteRegionAction": {"regionName": region}}]
    )


@pytest.mark.parametrize(
    "actions",
    [
        [],
        [
            {"addRegionAction": {"regionName": "us-west-2"}},
            {"addRegionAction": {"regionName": "eu-west-1"}},
        ],
        [
            {
                "addRegionAction": {"regionName": "us-west-2"},
                "deleteRegionAction": {"regionName": "us-east-1"},
            }
        ],
        [{}],
    ],
)
def test_update_takes_exactly_one_action(world: World, actions: list[dict[str, Any]]) -> None:
    arn = world.create_active_set()
    app = Client(
        lambda environ, start: handle(world.service, Request(environ), ACCOUNT, "us-east-1")(
            environ, start
        )
    )
    response = app.post("/updateReplicationSet", data=json.dumps({"arn": arn, "actions": actions}))
    assert response.status_code == 400
    assert json.loads(response.get_data())["__type"] == "ValidationException"
    assert world.status(arn) == "ACTIVE"


def test_adding_a_region_updates_then_activates(world: World) -> None:
    arn = world.create_active_set()
    _add(world, arn, "us-west-2")
    replication_set = world.client.get_replication_set(arn=arn)["replicationSet"]
    assert replication_set["status"] == "UPDATING"
    assert replication_set["regionMap"]["us-west-2"]["status"] == "CREATING"
    world.clock.advance(IncidentsService.UPDATE_DELAY)
    replication_set = world.client.get_replication_set(arn=arn)["replicationSet"]
    assert replication_set["status"] == "ACTIVE"
    assert replication_set["regionMap"]["us-west-2"]["status"] == "ACTIVE"


@pytest.mark.parametrize("region", ["mars-north-1", "us-east-1"])
def test_added_region_must_be_published_and_new(world: World, region: str) -> None:
    arn = world.create_active_set()
    with pytest.raises(ClientError) as caught:
        _add(world, arn, region)
    assert _code(caught) == "ValidationException"


def test_a_fourth_region_cannot_be_added(world: World) -> None:
    arn = world.create_active_set("us-east-1", "us-east-2", "us-west-1")
    with pytest.raises(ClientError) as caught:
        _add(world, arn, "us-west-2")
    assert _code(caught) == "ValidationException"


def test_a_set_that_is_not_active_cannot_be_changed(world: World) -> None:
    arn = world.client.create_replication_set(regions={"us-east-1": {}})["arn"]
    with pytest.raises(ClientError) as caught:
        _add(world, arn, "us-west-2")
    assert _code(caught) == "ConflictException"


def test_a_region_cannot_be_deleted_within_24_hours_of_being_added(world: World) -> None:
    arn = world.create_active_set("us-east-1", "us-west-2")
    world.clock.advance(DAY - IncidentsService.CREATE_DELAY - 1)
    with pytest.raises(ClientError) as caught:
        _delete(world, arn, "us-west-2")
    assert _code(caught) == "ValidationException"
    world.clock.advance(1)
    _delete(world, arn, "us-west-2")
    replication_set = world.client.get_replication_set(arn=arn)["replicationSet"]
    assert replication_set["status"] == "UPDATING"
    assert replication_set["regionMap"]["us-west-2"]["status"] == "DELETING"
    world.clock.advance(IncidentsService.UPDATE_DELAY)
    replication_set = world.client.get_replication_set(arn=arn)["replicationSet"]
    assert replication_set["status"] == "ACTIVE"
    assert set(replication_set["regionMap"]) == {"us-east-1"}


def test_the_24_hour_rule_counts_from_when_the_region_was_added(world: World) -> None:
    arn = world.create_active_set("us-east-1")
    world.clock.advance(DAY)
    _add(world, arn, "us-west-2")
    world.clock.advance(IncidentsService.UPDATE_DELAY)
    with pytest.raises(ClientError) as caught:
        _delete(world, arn, "us-west-2")
    assert _code(caught) == "ValidationException"
    _delete(world, arn, "us-east-1")


def test_deleting_a_region_not_in_the_set_is_refused(world: World) -> None:
    arn = world.create_active_set()
    world.clock.advance(DAY)
    with pytest.raises(ClientError) as caught:
        _delete(world, arn, "eu-west-1")
    assert _code(caught) == "ValidationException"


def test_final_region_cannot_be_deleted_while_protected(world: World) -> None:
    arn = world.create_active_set()
    world.client.update_deletion_protection(arn=arn, deletionProtected=True)
    assert world.client.get_replication_set(arn=arn)["replicationSet"]["deletionProtected"]
    world.clock.advance(DAY)
    with pytest.raises(ClientError) as caught:
        _delete(world, arn, "us-east-1")
    assert _code(caught) == "ValidationException"
    assert world.status(arn) == "ACTIVE"


def test_protection_does_not_guard_regions_that_are_not_final(world: World) -> None:
    arn = world.create_active_set("us-east-1", "us-west-2")
    world.client.update_deletion_protection(arn=arn, deletionProtected=True)
    world.clock.advance(DAY)
    _delete(world, arn, "us-west-2")
    assert world.status(arn) == "UPDATING"


def test_deleting_the_final_region_deletes_the_set(world: World) -> None:
    arn = world.create_active_set()
    world.plan()
    world.clock.advance(DAY)
    _delete(world, arn, "us-east-1")
    assert world.status(arn) == "DELETING"
    world.clock.advance(IncidentsService.DELETE_DELAY)
    with pytest.raises(ClientError) as caught:
        world.client.get_replication_set(arn=arn)
    assert _code(caught) == "ResourceNotFoundException"
    assert world.client.list_response_plans()["responsePlanSummaries"] == []
    assert world.recorder.purged == [ACCOUNT]


# --------------------------------------------------------------------------- deleting


def test_delete_is_asynchronous_and_the_waiter_sees_it_finish(world: World) -> None:
    arn = world.create_active_set()
    world.client.delete_replication_set(arn=arn)
    replication_set = world.client.get_replication_set(arn=arn)["replicationSet"]
    assert replication_set["status"] == "DELETING"
    assert replication_set["regionMap"]["us-east-1"]["status"] == "DELETING"
    assert world.service.replication_set_regions(ACCOUNT) == ["us-east-1"]
    world.clock.advance(IncidentsService.DELETE_DELAY)
    world.client.get_waiter("wait_for_replication_set_deleted").wait(
        arn=arn, WaiterConfig={"Delay": 0.001, "MaxAttempts": 2}
    )
    assert world.client.list_replication_sets()["replicationSetArns"] == []
    assert world.service.replication_set_regions(ACCOUNT) == []
    assert world.service.replication_set_arn(ACCOUNT) is None


def test_delete_is_refused_while_protected(world: World) -> None:
    arn = world.create_active_set()
    world.client.update_deletion_protection(arn=arn, deletionProtected=True)
    with pytest.raises(ClientError) as caught:
        world.client.delete_replication_set(arn=arn)
    assert _code(caught) == "ValidationException"
    world.client.update_deletion_protection(arn=arn, deletionProtected=False)
    world.client.delete_replication_set(arn=arn)


def test_deleting_an_unknown_set_is_not_found(world: World) -> None:
    with pytest.raises(ClientError) as caught:
        world.client.delete_replication_set(
            arn=f"arn:aws:ssm-incidents::{ACCOUNT}:replication-set/x"
        )
    assert _code(caught) == "ResourceNotFoundException"


def test_deleting_the_set_purges_all_incident_manager_data(world: World) -> None:
    arn = world.create_active_set()
    plan = world.plan(incidentTags={"k": "v"})
    world.client.tag_resource(resourceArn=plan, tags={"a": "b"})
    incident = world.client.start_incident(responsePlanArn=plan)["incidentRecordArn"]
    world.client.create_timeline_event(
        incidentRecordArn=incident, eventTime=1.0, eventType="Custom Event", eventData="x"
    )
    world.client.delete_replication_set(arn=arn)
    assert world.recorder.purged == []
    world.clock.advance(IncidentsService.DELETE_DELAY)
    assert world.client.list_response_plans()["responsePlanSummaries"] == []
    assert world.client.list_incident_records()["incidentRecordSummaries"] == []
    assert world.client.list_timeline_events(incidentRecordArn=incident)["eventSummaries"] == []
    assert world.recorder.purged == [ACCOUNT]
    world.create_active_set()
    with pytest.raises(ClientError) as caught:
        world.client.list_tags_for_resource(resourceArn=plan)
    assert _code(caught) == "ResourceNotFoundException"


def test_a_new_set_can_be_created_after_deletion_and_provisions_again(world: World) -> None:
    arn = world.create_active_set()
    world.client.delete_replication_set(arn=arn)
    world.clock.advance(IncidentsService.DELETE_DELAY)
    second = world.create_active_set()
    assert second != arn
    assert world.recorder.roles == [ACCOUNT, ACCOUNT]


# --------------------------------------------------------------------------- response plans


def test_response_plans_need_an_active_replication_set(world: World) -> None:
    with pytest.raises(ClientError) as caught:
        world.plan()
    assert _code(caught) == "ValidationException"
    world.client.create_replication_set(regions={"us-east-1": {}})
    with pytest.raises(ClientError):
        world.plan()
    world.clock.advance(IncidentsService.CREATE_DELAY)
    assert world.plan() == f"arn:aws:ssm-incidents::{ACCOUNT}:response-plan/plan"


def test_response_plan_life_cycle(world: World) -> None:
    world.create_active_set()
    arn = world.plan()
    with pytest.raises(ClientError) as caught:
        world.plan()
    assert _code(caught) == "ConflictException"
    world.client.update_response_plan(
        arn=arn, displayName="Shown", incidentTemplateTitle="New title", incidentTemplateImpact=1
    )
    plan = world.client.get_response_plan(arn=arn)
    assert plan["displayName"] == "Shown"
    assert plan["incidentTemplate"] == {"title": "New title", "impact": 1}
    summaries = world.client.list_response_plans()["responsePlanSummaries"]
    assert summaries == [{"arn": arn, "name": "plan", "displayName": "Shown"}]
    world.client.delete_response_plan(arn=arn)
    world.client.delete_response_plan(arn=arn)
    with pytest.raises(ClientError) as caught:
        world.client.get_response_plan(arn=arn)
    assert _code(caught) == "ResourceNotFoundException"


def test_response_plans_paginate(world: World) -> None:
    world.create_active_set()
    for index in range(5):
        world.plan(name=f"plan-{index}")
    paginator = world.client.get_paginator("list_response_plans")
    pages = list(paginator.paginate(PaginationConfig={"PageSize": 2}))
    assert [len(page["responsePlanSummaries"]) for page in pages] == [2, 2, 1]


# --------------------------------------------------------------------------- incidents


def test_start_incident_opens_a_record_from_the_plan(world: World) -> None:
    world.create_active_set()
    plan = world.plan(name="web")
    arn = world.client.start_incident(responsePlanArn=plan)["incidentRecordArn"]
    assert arn.startswith(f"arn:aws:ssm-incidents::{ACCOUNT}:incident-record/web/")
    record = world.client.get_incident_record(arn=arn)["incidentRecord"]
    assert record["status"] == "OPEN"
    assert record["title"] == "Something broke"
    assert record["impact"] == 3
    assert record["incidentRecordSource"]["source"] == "aws.ssm-incidents.custom"


def test_start_incident_overrides_and_trigger_details(world: World) -> None:
    world.create_active_set()
    plan = world.plan()
    arn = world.client.start_incident(
        responsePlanArn=plan,
        title="Override",
        impact=1,
        triggerDetails={
            "source": "aws.cloudwatch",
            "triggerArn": "arn:aws:cloudwatch:x",
            "timestamp": 0,
        },
    )["incidentRecordArn"]
    record = world.client.get_incident_record(arn=arn)["incidentRecord"]
    assert (record["title"], record["impact"]) == ("Override", 1)
    assert record["incidentRecordSource"]["source"] == "aws.cloudwatch"
    assert record["incidentRecordSource"]["resourceArn"] == "arn:aws:cloudwatch:x"


def test_starting_an_incident_needs_an_existing_plan_and_an_active_set(world: World) -> None:
    missing = f"arn:aws:ssm-incidents::{ACCOUNT}:response-plan/none"
    with pytest.raises(ClientError) as caught:
        world.client.start_incident(responsePlanArn=missing)
    assert _code(caught) == "ValidationException"
    world.create_active_set()
    with pytest.raises(ClientError) as caught:
        world.client.start_incident(responsePlanArn=missing)
    assert _code(caught) == "ResourceNotFoundException"


def test_incident_starter_seam(world: World) -> None:
    world.create_active_set()
    plan = world.plan()
    arn = world.service.start_incident_from_trigger(
        ACCOUNT, "us-east-1", plan, "aws.events", "arn:aws:events:us-east-1:1:rule/r"
    )
    assert arn is not None
    record = world.client.get_incident_record(arn=arn)["incidentRecord"]
    assert record["incidentRecordSource"]["resourceArn"] == "arn:aws:events:us-east-1:1:rule/r"
    world.client.delete_response_plan(arn=plan)
    assert world.service.start_incident_from_trigger(ACCOUNT, "us-east-1", plan, "s", "t") is None


def test_resolving_an_incident_and_filtering_records(world: World) -> None:
    world.create_active_set()
    plan = world.plan()
    first = world.client.start_incident(responsePlanArn=plan)["incidentRecordArn"]
    world.clock.advance(10)
    second = world.client.start_incident(responsePlanArn=plan, impact=5)["incidentRecordArn"]
    world.client.update_incident_record(arn=first, status="RESOLVED", summary="fixed")
    record = world.client.get_incident_record(arn=first)["incidentRecord"]
    assert record["status"] == "RESOLVED" and "resolvedTime" in record
    assert record["summary"] == "fixed"

    def arns(filters: list[dict[str, Any]]) -> list[str]:
        return [
            r["arn"]
            for r in world.client.list_incident_records(filters=filters)["incidentRecordSummaries"]
        ]

    assert arns([]) == [second, first]
    assert arns([{"key": "status", "condition": {"equals": {"stringValues": ["OPEN"]}}}]) == [
        second
    ]
    assert arns([{"key": "impact", "condition": {"equals": {"integerValues": [3]}}}]) == [first]
    after = world.clock.now() - 5
    assert arns([{"key": "creationTime", "condition": {"after": after}}]) == [second]
    world.client.delete_incident_record(arn=first)
    assert arns([]) == [second]


def test_timeline_events(world: World) -> None:
    world.create_active_set()
    incident = world.client.start_incident(responsePlanArn=world.plan())["incidentRecordArn"]
    ids = [
        world.client.create_timeline_event(
            incidentRecordArn=incident, eventTime=when, eventType="Custom Event", eventData=text
        )["eventId"]
        for when, text in ((200.0, "late"), (100.0, "early"))
    ]
    event = world.client.get_timeline_event(incidentRecordArn=incident, eventId=ids[0])["event"]
    assert event["eventData"] == "late"
    listed = world.client.list_timeline_events(incidentRecordArn=incident)["eventSummaries"]
    assert [e["eventId"] for e in listed] == [ids[1], ids[0]]
    descending = world.client.list_timeline_events(
        incidentRecordArn=incident, sortBy="EVENT_TIME", sortOrder="DESCENDING"
    )["eventSummaries"]
    assert [e["eventId"] for e in descending] == ids
    world.client.update_timeline_event(incidentRecordArn=incident, eventId=ids[0], eventData="new")
    event = world.client.get_timeline_event(incidentRecordArn=incident, eventId=ids[0])["event"]
    assert event["eventData"] == "new"
    world.client.delete_timeline_event(incidentRecordArn=incident, eventId=ids[0])
    with pytest.raises(ClientError) as caught:
        world.client.get_timeline_event(incidentRecordArn=incident, eventId=ids[0])
    assert _code(caught) == "ResourceNotFoundException"


def test_timeline_events_need_an_existing_incident(world: World) -> None:
    with pytest.raises(ClientError) as caught:
        world.client.create_timeline_event(
            incidentRecordArn="arn:aws:ssm-incidents::1:incident-record/p/x",
            eventTime=1,
            eventType="t",
            eventData="d",
        )
    assert _code(caught) == "ResourceNotFoundException"


def test_related_items(world: World) -> None:
    world.create_active_set()
    incident = world.client.start_incident(
        responsePlanArn=world.plan(),
        relatedItems=[{"identifier": {"type": "OTHER", "value": {"url": "https://a"}}}],
    )["incidentRecordArn"]
    world.client.update_related_items(
        incidentRecordArn=incident,
        relatedItemsUpdate={
            "itemToAdd": {"identifier": {"type": "OTHER", "value": {"url": "https://b"}}}
        },
    )
    world.client.update_related_items(
        incidentRecordArn=incident,
        relatedItemsUpdate={"itemToRemove": {"type": "OTHER", "value": {"url": "https://a"}}},
    )
    items = world.client.list_related_items(incidentRecordArn=incident)["relatedItems"]
    assert [item["identifier"]["value"]["url"] for item in items] == ["https://b"]


# --------------------------------------------------------------------------- tags


def test_tags_on_plans_and_incidents(world: World) -> None:
    world.create_active_set()
    plan = world.plan(incidentTags={"sev": "high"})
    world.client.tag_resource(resourceArn=plan, tags={"a": "1", "b": "2"})
    world.client.untag_resource(resourceArn=plan, tagKeys=["a"])
    assert world.client.list_tags_for_resource(resourceArn=plan)["tags"] == {"b": "2"}
    incident = world.client.start_incident(responsePlanArn=plan)["incidentRecordArn"]
    assert world.client.list_tags_for_resource(resourceArn=incident)["tags"] == {"sev": "high"}


def test_tagging_an_unknown_resource_is_not_found(world: World) -> None:
    with pytest.raises(ClientError) as caught:
        world.client.tag_resource(
            resourceArn=f"arn:aws:ssm-incidents::{ACCOUNT}:response-plan/x", tags={"a": "b"}
        )
    assert _code(caught) == "ResourceNotFoundException"
    assert caught.value.response["resourceType"] == "RESPONSE_PLAN"


# --------------------------------------------------------------------------- design properties


def test_accounts_are_isolated(world: World) -> None:
    world.create_active_set()
    assert world.service.list_replication_sets("999999999999") == []
    arn = world.service.create_replication_set("999999999999", {"us-west-2": {}})
    assert world.service.replication_set_arn("999999999999") == arn
    assert world.service.replication_set_regions("999999999999") == ["us-west-2"]


def test_reset_forgets_everything(world: World) -> None:
    world.create_active_set()
    world.service.reset()
    assert world.client.list_replication_sets()["replicationSetArns"] == []


def test_concurrent_creators_get_one_set(world: World) -> None:
    outcomes: list[str] = []
    lock = threading.Lock()

    def create(region: str) -> None:
        try:
            world.service.create_replication_set(ACCOUNT, {region: {}})
            result = "created"
        except Exception as error:
            result = type(error).__name__
        with lock:
            outcomes.append(result)

    threads = [
        threading.Thread(target=create, args=(region,))
        for region in ("us-east-1", "us-east-2", "us-west-1", "us-west-2") * 2
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["ConflictException"] * 7 + ["created"]


def test_concurrent_tagging_loses_no_update(world: World) -> None:
    arn = world.create_active_set()

    def tag(index: int) -> None:
        for step in range(20):
            world.service.tag_resource(ACCOUNT, arn, {f"k{index}-{step}": "v"})

    threads = [threading.Thread(target=tag, args=(index,)) for index in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(world.service.list_tags_for_resource(ACCOUNT, arn)) == 160


def test_one_rule_can_be_broken_by_overriding_one_method(router: tuple[_Router, Any]) -> None:
    class IgnoresRegionAge(IncidentsService):
        def _check_region_age(self, replication_set: ReplicationSet, region: str) -> None:
            return None

    broken = _world(router, IgnoresRegionAge)
    arn = broken.create_active_set("us-east-1", "us-west-2")
    _delete(broken, arn, "us-west-2")
    assert broken.status(arn) == "UPDATING"
    with pytest.raises(ClientError):
        broken.client.create_replication_set(regions={"us-east-1": {}})

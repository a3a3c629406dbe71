"""The emulated ``ssm-contacts``, rule by rule, through real boto3 clients in memory."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from botocore.exceptions import ClientError
from werkzeug.wrappers import Request

from conformance.backends.base import Credentials
from conformance.clock import VirtualClock
from conformance.emulator.contacts import ContactsService
from conformance.emulator.contacts import handle as contacts_handle
from conformance.emulator.incidents import IncidentsService
from conformance.emulator.incidents import handle as incidents_handle
from conformance.emulator.transport import InProcessSession

ACCOUNT = "123456789012"
REGION = "us-west-2"


class _Router:
    """One WSGI app for both services; the services are swapped per test."""

    def __init__(self) -> None:
        clock = VirtualClock()
        self.contacts = ContactsService(clock)
        self.incidents = IncidentsService(clock, None, self.contacts)

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        request = Request(environ)
        if "X-Amz-Target" in request.headers:
            response = contacts_handle(self.contacts, request, ACCOUNT, REGION)
        else:
            response = incidents_handle(self.incidents, request, ACCOUNT, REGION)
        return response(environ, start_response)


@dataclass
class World:
    clock: VirtualClock
    contacts: ContactsService
    incidents: IncidentsService
    client: Any
    incidents_client: Any

    def contact(self, alias: str = "alice", kind: str = "PERSONAL", **kwargs: Any) -> str:
        plan = kwargs.pop("Plan", {"Stages": []})
        arn: str = self.client.create_contact(Alias=alias, Type=kind, Plan=plan, **kwargs)[
            "ContactArn"
        ]
        return arn


@pytest.fixture(scope="module")
def router() -> tuple[_Router, Any, Any]:
    app = _Router()
    session = InProcessSession(app, Credentials("testing", "testing"), REGION)
    return app, session.client("ssm-contacts"), session.client("ssm-incidents")


@pytest.fixture
def world(router: tuple[_Router, Any, Any]) -> World:
    app, client, incidents_client = router
    clock = VirtualClock()
    app.contacts = ContactsService(clock)
    app.incidents = IncidentsService(clock, None, app.contacts)
    app.contacts.before_access = app.incidents.settle
    return World(clock, app.contacts, app.incidents, client, incidents_client)


def _code(caught: pytest.ExceptionInfo[ClientError]) -> str:
    return str(caught.value.response["Error"]["Code"])


# --------------------------------------------------------------------------- contacts


def test_create_contact_returns_a_regional_arn(world: World) -> None:
    arn = world.contact("alice", DisplayName="Alice")
    assert arn == f"arn:aws:ssm-contacts:{REGION}:{ACCOUNT}:contact/alice"
    contact = world.client.get_contact(ContactId=arn)
    assert (contact["Alias"], contact["Type"], contact["DisplayName"]) == (
        "alice",
        "PERSONAL",
        "Alice",
    )
    assert contact["Plan"] == {"Stages": []}


def test_aliases_are_unique(world: World) -> None:
    world.contact("alice")
    with pytest.raises(ClientError) as caught:
        world.contact("alice", kind="ESCALATION")
    assert _code(caught) == "ConflictException"


def test_escalation_plan_stages_target_contacts(world: World) -> None:
    alice = world.contact("alice")
    plan = {
        "Stages": [
            {
                "DurationInMinutes": 5,
                "Targets": [{"ContactTargetInfo": {"ContactId": alice, "IsEssential": True}}],
            }
        ]
    }
    escalation = world.contact("oncall", kind="ESCALATION", Plan=plan)
    assert world.client.get_contact(ContactId=escalation)["Plan"] == plan


def test_rotations_belong_to_on_call_schedules_only(world: World) -> None:
    rotation = f"arn:aws:ssm-contacts:{REGION}:{ACCOUNT}:rotation/r"
    with pytest.raises(ClientError) as caught:
        world.contact("alice", Plan={"RotationIds": [rotation]})
    assert _code(caught) == "ValidationException"
    with pytest.raises(ClientError) as caught:
        world.contact("sched", kind="ONCALL_SCHEDULE", Plan={"Stages": []})
    assert _code(caught) == "ValidationException"
    world.contact("sched", kind="ONCALL_SCHEDULE", Plan={"RotationIds": [rotation]})


def test_list_update_and_delete_contacts(world: World) -> None:
    alice = world.contact("alice")
    world.contact("team", kind="ESCALATION")
    listed = world.client.list_contacts()["Contacts"]
    assert [c["Alias"] for c in listed] == ["alice", "team"]
    assert [c["Alias"] for c in world.client.list_contacts(Type="ESCALATION")["Contacts"]] == [
        "team"
    ]
    assert [c["Alias"] for c in world.client.list_contacts(AliasPrefix="al")["Contacts"]] == [
        "alice"
    ]
    world.client.update_contact(ContactId=alice, DisplayName="Alice B")
    assert world.client.get_contact(ContactId=alice)["DisplayName"] == "Alice B"
    world.client.delete_contact(ContactId=alice)
    with pytest.raises(ClientError) as caught:
        world.client.get_contact(ContactId=alice)
    assert _code(caught) == "ResourceNotFoundException"
    with pytest.raises(ClientError) as caught:
        world.client.delete_contact(ContactId=alice)
    assert _code(caught) == "ResourceNotFoundException"


def test_idempotency_token(world: World) -> None:
    first = world.contact("alice", IdempotencyToken="tok")
    assert world.contact("alice", IdempotencyToken="tok") == first


# --------------------------------------------------------------------------- channels


def test_channel_life_cycle(world: World) -> None:
    alice = world.contact("alice")
    channel = world.client.create_contact_channel(
        ContactId=alice, Name="mail", Type="EMAIL", DeliveryAddress={"SimpleAddress": "a@b.c"}
    )["ContactChannelArn"]
    assert channel.startswith(f"arn:aws:ssm-contacts:{REGION}:{ACCOUNT}:contact-channel/alice/")
    described = world.client.get_contact_channel(ContactChannelId=channel)
    assert described["ActivationStatus"] == "NOT_ACTIVATED"
    assert described["ContactArn"] == alice
    (sent,) = [m for m in world.contacts.outbox() if m["ContactChannelArn"] == channel]
    world.client.activate_contact_channel(
        ContactChannelId=channel, ActivationCode=sent["ActivationCode"]
    )
    listed = world.client.list_contact_channels(ContactId=alice)["ContactChannels"]
    assert [(c["ContactChannelArn"], c["ActivationStatus"]) for c in listed] == [
        (channel, "ACTIVATED")
    ]
    world.client.deactivate_contact_channel(ContactChannelId=channel)
    described = world.client.get_contact_channel(ContactChannelId=channel)
    assert described["ActivationStatus"] == "NOT_ACTIVATED"
    world.client.delete_contact_channel(ContactChannelId=channel)
    assert world.client.list_contact_channels(ContactId=alice)["ContactChannels"] == []


def test_deleting_a_contact_deletes_its_channels(world: World) -> None:
    alice = world.contact("alice")
    channel = world.client.create_contact_channel(
        ContactId=alice, Name="sms", Type="SMS", DeliveryAddress={"SimpleAddress": "+15555550100"}
    )["ContactChannelArn"]
    world.client.delete_contact(ContactId=alice)
    with pytest.raises(ClientError) as caught:
        world.client.get_contact_channel(ContactChannelId=channel)
    assert _code(caught) == "ResourceNotFoundException"


def test_channels_need_an_existing_contact(world: World) -> None:
    with pytest.raises(ClientError) as caught:
        world.client.create_contact_channel(
            ContactId=f"arn:aws:ssm-contacts:{REGION}:{ACCOUNT}:contact/none",
            Name="mail",
            Type="EMAIL",
            DeliveryAddress={"SimpleAddress": "a@b.c"},
        )
    assert _code(caught) == "ResourceNotFoundException"


# --------------------------------------------------------------------------- engagements


def test_engagement_life_cycle(world: World) -> None:
    alice = world.contact("alice")
    arn = world.client.start_engagement(
        ContactId=alice, Sender="ops", Subject="Down", Content="It is down", IncidentId="inc-1"
    )["EngagementArn"]
    assert arn.startswith(f"arn:aws:ssm-contacts:{REGION}:{ACCOUNT}:engagement/alice/")
    described = world.client.describe_engagement(EngagementId=arn)
    assert (described["ContactArn"], described["Subject"]) == (alice, "Down")
    assert "StopTime" not in described
    world.clock.advance(30)
    world.client.stop_engagement(EngagementId=arn, Reason="handled")
    described = world.client.describe_engagement(EngagementId=arn)
    assert (described["StopTime"] - described["StartTime"]).total_seconds() == 30
    listed = world.client.list_engagements(IncidentId="inc-1")["Engagements"]
    assert [e["EngagementArn"] for e in listed] == [arn]
    assert world.client.list_engagements(IncidentId="other")["Engagements"] == []


def test_engagements_need_an_existing_contact(world: World) -> None:
    with pytest.raises(ClientError) as caught:
        world.client.start_engagement(
            ContactId=f"arn:aws:ssm-contacts:{REGION}:{ACCOUNT}:contact/none",
            Sender="ops",
            Subject="s",
            Content="c",
        )
    assert _code(caught) == "ResourceNotFoundException"
    with pytest.raises(ClientError) as caught:
        world.client.describe_engagement(
            EngagementId=f"arn:aws:ssm-contacts:{REGION}:{ACCOUNT}:engagement/none/x"
        )
    assert _code(caught) == "ResourceNotFoundException"


# --------------------------------------------------------------------------- tags


def test_tags(world: World) -> None:
    alice = world.contact("alice", Tags=[{"Key": "team", "Value": "ops"}])
    world.client.tag_resource(ResourceARN=alice, Tags=[{"Key": "tier", "Value": "one"}])
    world.client.untag_resource(ResourceARN=alice, TagKeys=["team"])
    assert world.client.list_tags_for_resource(ResourceARN=alice)["Tags"] == [
        {"Key": "tier", "Value": "one"}
    ]
    with pytest.raises(ClientError) as caught:
        world.client.list_tags_for_resource(
            ResourceARN=f"arn:aws:ssm-contacts:{REGION}:{ACCOUNT}:contact/none"
        )
    assert _code(caught) == "ResourceNotFoundException"


# --------------------------------------------------------------------------- purging


def test_purge_account_forgets_only_that_account(world: World) -> None:
    world.contact("alice")
    other = world.contacts.create_contact(
        "999999999999", REGION, {"Alias": "bob", "Type": "PERSONAL", "Plan": {"Stages": []}}
    )
    world.contacts.purge_account(ACCOUNT)
    assert world.client.list_contacts()["Contacts"] == []
    assert world.contacts.get_contact("999999999999", other)["Alias"] == "bob"


def test_deleting_the_replication_set_purges_contacts_and_engagements(world: World) -> None:
    incidents = world.incidents_client
    arn = incidents.create_replication_set(regions={REGION: {}})["arn"]
    world.clock.advance(IncidentsService.CREATE_DELAY)
    alice = world.contact("alice")
    world.contact("team", kind="ESCALATION")
    world.client.create_contact_channel(
        ContactId=alice, Name="mail", Type="EMAIL", DeliveryAddress={"SimpleAddress": "a@b.c"}
    )
    engagement = world.client.start_engagement(
        ContactId=alice, Sender="ops", Subject="s", Content="c"
    )["EngagementArn"]
    incidents.delete_replication_set(arn=arn)
    world.clock.advance(IncidentsService.DELETE_DELAY)
    assert world.client.list_contacts()["Contacts"] == []
    assert world.client.list_engagements()["Engagements"] == []
    with pytest.raises(ClientError) as caught:
        world.client.describe_engagement(EngagementId=engagement)
    assert _code(caught) == "ResourceNotFoundException"


def test_reset(world: World) -> None:
    world.contact("alice")
    world.contacts.reset()
    assert world.client.list_contacts()["Contacts"] == []

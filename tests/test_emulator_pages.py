"""Pages, channel activation and contact policies of the emulated ``ssm-contacts``.

Everything goes through real boto3 clients against the emulator in memory (the
``incident_manager`` fixture); what a real service would send to people is read from the
outbox, in process and over the control protocol's ``GET /_conformance/v1/outbox``.
"""

from __future__ import annotations

import json
import urllib.request
from typing import Any

import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError
from werkzeug.test import Client

from conformance.emulator.pytest_plugin import IncidentManager
from conformance.emulator.server import start_background

ACCOUNT = "123456789012"
#: The control protocol's root, spelled out: its client side may move, the paths do not.
PREFIX = "/_conformance/v1"
MISSING = f"arn:aws:ssm-contacts:us-east-1:{ACCOUNT}:contact/nobody"


def _code(caught: pytest.ExceptionInfo[ClientError]) -> str:
    return str(caught.value.response["Error"]["Code"])


def _outbox(im: IncidentManager, kind: str | None = None) -> list[dict[str, Any]]:
    messages = im.controls.outbox(ACCOUNT)
    return [m for m in messages if kind is None or m["Kind"] == kind]


def _person(im: IncidentManager, alias: str, channels: int = 1, activate: bool = True) -> str:
    """A personal contact with activated e-mail channels."""
    contacts = im.client("ssm-contacts")
    arn = str(
        contacts.create_contact(Alias=alias, Type="PERSONAL", Plan={"Stages": []})["ContactArn"]
    )
    for index in range(channels):
        channel = contacts.create_contact_channel(
            ContactId=arn,
            Name=f"mail{index}",
            Type="EMAIL",
            DeliveryAddress={"SimpleAddress": f"{alias}{index}@example.com"},
        )["ContactChannelArn"]
        if activate:
            code = [
                m["ActivationCode"]
                for m in _outbox(im, "ACTIVATION_CODE")
                if m["ContactChannelArn"] == channel
            ][-1]
            contacts.activate_contact_channel(ContactChannelId=channel, ActivationCode=code)
    return arn


def _engage(im: IncidentManager, contact: str, **extra: Any) -> str:
    return str(
        im.client("ssm-contacts").start_engagement(
            ContactId=contact, Sender="ops", Subject="db down", Content="the db is down", **extra
        )["EngagementArn"]
    )


# --------------------------------------------------------------------------- channels


def test_a_new_channel_is_sent_an_activation_code_unless_deferred(
    incident_manager: IncidentManager,
) -> None:
    contacts = incident_manager.client("ssm-contacts")
    alice = _person(incident_manager, "alice", channels=0)
    sent = contacts.create_contact_channel(
        ContactId=alice, Name="mail", Type="EMAIL", DeliveryAddress={"SimpleAddress": "a@b.c"}
    )["ContactChannelArn"]
    deferred = contacts.create_contact_channel(
        ContactId=alice,
        Name="sms",
        Type="SMS",
        DeliveryAddress={"SimpleAddress": "+15555550100"},
        DeferActivation=True,
    )["ContactChannelArn"]
    codes = _outbox(incident_manager, "ACTIVATION_CODE")
    assert [m["ContactChannelArn"] for m in codes] == [sent]
    assert codes[0]["DeliveryAddress"] == {"SimpleAddress": "a@b.c"}
    assert len(codes[0]["ActivationCode"]) == 6
    with pytest.raises(ClientError) as caught:
        contacts.activate_contact_channel(ContactChannelId=deferred, ActivationCode="000000")
    assert _code(caught) == "ValidationException"


def test_send_activation_code_replaces_the_earlier_code(incident_manager: IncidentManager) -> None:
    contacts = incident_manager.client("ssm-contacts")
    alice = _person(incident_manager, "alice", channels=0)
    channel = contacts.create_contact_channel(
        ContactId=alice,
        Name="mail",
        Type="EMAIL",
        DeliveryAddress={"SimpleAddress": "a@b.c"},
        DeferActivation=True,
    )["ContactChannelArn"]
    contacts.send_activation_code(ContactChannelId=channel)
    first = _outbox(incident_manager, "ACTIVATION_CODE")[-1]["ActivationCode"]
    contacts.send_activation_code(ContactChannelId=channel)
    latest = _outbox(incident_manager, "ACTIVATION_CODE")[-1]["ActivationCode"]
    if first != latest:
        with pytest.raises(ClientError) as caught:
            contacts.activate_contact_channel(ContactChannelId=channel, ActivationCode=first)
        assert _code(caught) == "ValidationException"
    contacts.activate_contact_channel(ContactChannelId=channel, ActivationCode=latest)
    assert contacts.get_contact_channel(ContactChannelId=channel)["ActivationStatus"] == "ACTIVATED"
    with pytest.raises(ClientError) as caught:
        contacts.send_activation_code(ContactChannelId=channel + "x")
    assert _code(caught) == "ResourceNotFoundException"


def test_update_contact_channel(incident_manager: IncidentManager) -> None:
    contacts = incident_manager.client("ssm-contacts")
    alice = _person(incident_manager, "alice")
    (channel,) = contacts.list_contact_channels(ContactId=alice)["ContactChannels"]
    arn = channel["ContactChannelArn"]
    contacts.update_contact_channel(ContactChannelId=arn, Name="work")
    described = contacts.get_contact_channel(ContactChannelId=arn)
    assert (described["Name"], described["ActivationStatus"]) == ("work", "ACTIVATED")
    contacts.update_contact_channel(
        ContactChannelId=arn, DeliveryAddress={"SimpleAddress": "new@example.com"}
    )
    described = contacts.get_contact_channel(ContactChannelId=arn)
    assert described["DeliveryAddress"] == {"SimpleAddress": "new@example.com"}
    assert described["ActivationStatus"] == "NOT_ACTIVATED"
    latest = _outbox(incident_manager, "ACTIVATION_CODE")[-1]
    assert latest["DeliveryAddress"] == {"SimpleAddress": "new@example.com"}
    with pytest.raises(ClientError) as caught:
        contacts.update_contact_channel(ContactChannelId=arn + "x", Name="x")
    assert _code(caught) == "ResourceNotFoundException"


# --------------------------------------------------------------------------- pages


def test_engaging_a_personal_contact_pages_its_activated_channels(
    incident_manager: IncidentManager,
) -> None:
    contacts = incident_manager.client("ssm-contacts")
    alice = _person(incident_manager, "alice", channels=2)
    contacts.create_contact_channel(
        ContactId=alice,
        Name="idle",
        Type="SMS",
        DeliveryAddress={"SimpleAddress": "+15555550100"},
        DeferActivation=True,
    )
    engagement = _engage(incident_manager, alice, IncidentId="inc-1")
    (page,) = contacts.list_pages_by_engagement(EngagementId=engagement)["Pages"]
    assert page["ContactArn"] == alice
    assert page["PageArn"].startswith(f"arn:aws:ssm-contacts:us-east-1:{ACCOUNT}:page/alice/")
    assert page["IncidentId"] == "inc-1"
    described = contacts.describe_page(PageId=page["PageArn"])
    assert (described["Subject"], described["Content"]) == ("db down", "the db is down")
    assert "DeliveryTime" not in described and "ReadTime" not in described
    receipts = contacts.list_page_receipts(PageId=page["PageArn"])["Receipts"]
    assert [r["ReceiptType"] for r in receipts] == ["SENT", "SENT"]
    sent = _outbox(incident_manager, "PAGE")
    assert len(sent) == 2 and {m["PageArn"] for m in sent} == {page["PageArn"]}
    by_contact = contacts.list_pages_by_contact(ContactId=alice)["Pages"]
    assert [p["PageArn"] for p in by_contact] == [page["PageArn"]]
    resolution = contacts.list_page_resolutions(PageId=page["PageArn"])["PageResolutions"]
    assert resolution == [{"ContactArn": alice, "Type": "PERSONAL"}]


def test_accept_page_records_receipts_and_enforces_the_code(
    incident_manager: IncidentManager,
) -> None:
    contacts = incident_manager.client("ssm-contacts")
    alice = _person(incident_manager, "alice")
    engagement = _engage(incident_manager, alice)
    (page,) = contacts.list_pages_by_engagement(EngagementId=engagement)["Pages"]
    message = _outbox(incident_manager, "PAGE")[0]
    channel = message["ContactChannelArn"]
    wrong = "1234567" if message["AcceptCode"] != "1234567" else "7654321"
    with pytest.raises(ClientError) as caught:
        contacts.accept_page(
            PageId=page["PageArn"],
            AcceptType="READ",
            AcceptCode=wrong,
            AcceptCodeValidation="ENFORCE",
        )
    assert _code(caught) == "ValidationException"
    contacts.accept_page(
        PageId=page["PageArn"], ContactChannelId=channel, AcceptType="DELIVERED", AcceptCode=wrong
    )
    incident_manager.advance(30)
    contacts.accept_page(
        PageId=page["PageArn"],
        ContactChannelId=channel,
        AcceptType="READ",
        AcceptCode=message["AcceptCode"],
        AcceptCodeValidation="ENFORCE",
        Note="on it",
    )
    receipts = contacts.list_page_receipts(PageId=page["PageArn"])["Receipts"]
    assert [r["ReceiptType"] for r in receipts] == ["SENT", "DELIVERED", "READ"]
    assert receipts[-1]["ReceiptInfo"] == "on it"
    described = contacts.describe_page(PageId=page["PageArn"])
    assert described["ReadTime"] > described["DeliveryTime"]


def test_page_operations_name_missing_resources(incident_manager: IncidentManager) -> None:
    contacts = incident_manager.client("ssm-contacts")
    alice = _person(incident_manager, "alice")
    bob = _person(incident_manager, "bob")
    page_arn = contacts.list_pages_by_engagement(EngagementId=_engage(incident_manager, alice))[
        "Pages"
    ][0]["PageArn"]
    missing_page = page_arn + "0"
    for call in (
        lambda: contacts.describe_page(PageId=missing_page),
        lambda: contacts.list_page_receipts(PageId=missing_page),
        lambda: contacts.list_page_resolutions(PageId=missing_page),
        lambda: contacts.accept_page(PageId=missing_page, AcceptType="READ", AcceptCode="123456"),
        lambda: contacts.list_pages_by_contact(ContactId=MISSING),
        lambda: contacts.list_pages_by_engagement(EngagementId=MISSING),
    ):
        with pytest.raises(ClientError) as caught:
            call()
        assert _code(caught) == "ResourceNotFoundException"
    (bobs,) = contacts.list_contact_channels(ContactId=bob)["ContactChannels"]
    with pytest.raises(ClientError) as caught:
        contacts.accept_page(
            PageId=page_arn,
            ContactChannelId=bobs["ContactChannelArn"],
            AcceptType="READ",
            AcceptCode="123456",
        )
    assert _code(caught) == "ValidationException"


def test_an_escalation_plan_escalates_until_a_page_is_read(
    incident_manager: IncidentManager,
) -> None:
    contacts = incident_manager.client("ssm-contacts")
    alice, bob, carol = (_person(incident_manager, n) for n in ("alice", "bob", "carol"))

    def stage(*people: str) -> dict[str, Any]:
        targets = [{"ContactTargetInfo": {"ContactId": p, "IsEssential": False}} for p in people]
        return {"DurationInMinutes": 5, "Targets": targets}

    plan = contacts.create_contact(
        Alias="plan", Type="ESCALATION", Plan={"Stages": [stage(alice), stage(bob), stage(carol)]}
    )["ContactArn"]
    engagement = _engage(incident_manager, plan)
    pages = contacts.list_pages_by_engagement(EngagementId=engagement)["Pages"]
    assert [p["ContactArn"] for p in pages] == [alice]
    emulator = incident_manager.emulator  # a wait can jump straight to the next stage
    assert emulator.next_change() == emulator.clock.now() + 300
    incident_manager.advance(300)
    pages = contacts.list_pages_by_engagement(EngagementId=engagement)["Pages"]
    assert [p["ContactArn"] for p in pages] == [alice, bob]
    resolution = contacts.list_page_resolutions(PageId=pages[1]["PageArn"])["PageResolutions"]
    assert resolution == [
        {"ContactArn": plan, "Type": "ESCALATION", "StageIndex": 1},
        {"ContactArn": bob, "Type": "PERSONAL"},
    ]
    contacts.accept_page(PageId=pages[1]["PageArn"], AcceptType="READ", AcceptCode="123456")
    incident_manager.advance(600)
    pages = contacts.list_pages_by_engagement(EngagementId=engagement)["Pages"]
    assert [p["ContactArn"] for p in pages] == [alice, bob]


def test_a_stopped_engagement_escalates_no_further(incident_manager: IncidentManager) -> None:
    contacts = incident_manager.client("ssm-contacts")
    alice, bob = _person(incident_manager, "alice"), _person(incident_manager, "bob")
    stages = [
        {
            "DurationInMinutes": 1,
            "Targets": [{"ContactTargetInfo": {"ContactId": who, "IsEssential": True}}],
        }
        for who in (alice, bob)
    ]
    plan = contacts.create_contact(Alias="plan", Type="ESCALATION", Plan={"Stages": stages})
    engagement = _engage(incident_manager, plan["ContactArn"])
    contacts.stop_engagement(EngagementId=engagement)
    incident_manager.advance(120)
    pages = contacts.list_pages_by_engagement(EngagementId=engagement)["Pages"]
    assert [p["ContactArn"] for p in pages] == [alice]


def test_list_pages_paginates(incident_manager: IncidentManager) -> None:
    contacts = incident_manager.client("ssm-contacts")
    alice = _person(incident_manager, "alice")
    for _ in range(3):
        _engage(incident_manager, alice)
    first = contacts.list_pages_by_contact(ContactId=alice, MaxResults=2)
    assert len(first["Pages"]) == 2 and first["NextToken"]
    rest = contacts.list_pages_by_contact(ContactId=alice, NextToken=first["NextToken"])
    assert len(rest["Pages"]) == 1 and "NextToken" not in rest
    paginator = contacts.get_paginator("list_pages_by_contact")
    assert sum(len(p["Pages"]) for p in paginator.paginate(ContactId=alice)) == 3
    page_arn = rest["Pages"][0]["PageArn"]
    contacts.accept_page(PageId=page_arn, AcceptType="DELIVERED", AcceptCode="123456")
    receipts = contacts.list_page_receipts(PageId=page_arn, MaxResults=1)
    assert len(receipts["Receipts"]) == 1 and receipts["NextToken"]
    engagement = first["Pages"][0]["EngagementArn"]
    by_engagement = contacts.list_pages_by_engagement(EngagementId=engagement, MaxResults=1)
    assert len(by_engagement["Pages"]) == 1 and "NextToken" not in by_engagement
    resolutions = contacts.list_page_resolutions(PageId=page_arn)
    assert len(resolutions["PageResolutions"]) == 1 and "NextToken" not in resolutions


def test_the_outbox_over_the_control_protocol(incident_manager: IncidentManager) -> None:
    alice = _person(incident_manager, "alice")
    _engage(incident_manager, alice)
    http = Client(incident_manager.emulator.app)
    answer = http.get(f"{PREFIX}/outbox", headers={"Host": "127.0.0.1"})
    assert answer.status_code == 200
    messages = json.loads(answer.get_data())["messages"]
    assert [m["Kind"] for m in messages] == ["ACTIVATION_CODE", "PAGE"]
    assert messages[1]["AccountId"] == ACCOUNT and len(messages[1]["AcceptCode"]) == 6
    assert isinstance(messages[1]["SentTime"], float)
    mine = http.get(f"{PREFIX}/outbox?account={ACCOUNT}", headers={"Host": "127.0.0.1"})
    assert json.loads(mine.get_data())["messages"] == messages
    other = http.get(f"{PREFIX}/outbox?account=210987654321", headers={"Host": "127.0.0.1"})
    assert json.loads(other.get_data())["messages"] == []
    bad = http.get(f"{PREFIX}/outbox?account=me", headers={"Host": "127.0.0.1"})
    assert bad.status_code == 400 and "error" in json.loads(bad.get_data())
    assert http.post(f"{PREFIX}/outbox", headers={"Host": "127.0.0.1"}).status_code in (405, 415)
    http.post(f"{PREFIX}/reset", headers={"Host": "127.0.0.1"}, json={})
    assert incident_manager.controls.outbox() == []


# --------------------------------------------------------------------------- contact policies


def test_contact_policy(incident_manager: IncidentManager) -> None:
    contacts = incident_manager.client("ssm-contacts")
    alice = _person(incident_manager, "alice")
    empty = contacts.get_contact_policy(ContactArn=alice)
    assert empty["ContactArn"] == alice and "Policy" not in empty
    policy = json.dumps({"Version": "2012-10-17", "Statement": []})
    contacts.put_contact_policy(ContactArn=alice, Policy=policy)
    got = contacts.get_contact_policy(ContactArn=alice)
    assert (got["ContactArn"], got["Policy"]) == (alice, policy)
    with pytest.raises(ClientError) as caught:
        contacts.put_contact_policy(ContactArn=alice, Policy="not json")
    assert _code(caught) == "ValidationException"
    for call in (
        lambda: contacts.put_contact_policy(ContactArn=MISSING, Policy=policy),
        lambda: contacts.get_contact_policy(ContactArn=MISSING),
    ):
        with pytest.raises(ClientError) as caught:
            call()
        assert _code(caught) == "ResourceNotFoundException"
    contacts.delete_contact(ContactId=alice)
    again = _person(incident_manager, "alice")
    assert "Policy" not in contacts.get_contact_policy(ContactArn=again)


def test_deleting_the_replication_set_purges_pages_policies_and_the_outbox(
    incident_manager: IncidentManager,
) -> None:
    incidents = incident_manager.client("ssm-incidents")
    contacts = incident_manager.client("ssm-contacts")
    arn = incidents.create_replication_set(regions={"us-east-1": {}})["arn"]
    incident_manager.advance(600)
    alice = _person(incident_manager, "alice")
    contacts.put_contact_policy(ContactArn=alice, Policy="{}")
    page = contacts.list_pages_by_engagement(EngagementId=_engage(incident_manager, alice))[
        "Pages"
    ][0]["PageArn"]
    incidents.delete_replication_set(arn=arn)
    incident_manager.advance(600)
    assert incidents.list_replication_sets()["replicationSetArns"] == []  # settles the deletion
    with pytest.raises(ClientError) as caught:
        contacts.describe_page(PageId=page)
    assert _code(caught) == "ResourceNotFoundException"
    assert incident_manager.controls.outbox() == []
    with pytest.raises(ClientError) as caught:
        contacts.get_contact_policy(ContactArn=alice)
    assert _code(caught) == "ResourceNotFoundException"


# --------------------------------------------------------------------------- served


def test_an_on_call_flow_over_http() -> None:
    """The whole loop a team's automation runs, against the served emulator over real HTTP."""
    with start_background() as server:
        session = boto3.session.Session(
            aws_access_key_id="AKIAIOSFODNN7EXAMPLE",
            aws_secret_access_key="secret",
            region_name="us-east-1",
        )
        contacts = session.client(
            "ssm-contacts", endpoint_url=server.url, config=Config(retries={"max_attempts": 1})
        )

        def outbox() -> list[dict[str, Any]]:
            with urllib.request.urlopen(f"{server.url}{PREFIX}/outbox", timeout=10) as answer:
                return list(json.loads(answer.read())["messages"])

        alice = contacts.create_contact(Alias="alice", Type="PERSONAL", Plan={"Stages": []})[
            "ContactArn"
        ]
        channel = contacts.create_contact_channel(
            ContactId=alice, Name="mail", Type="EMAIL", DeliveryAddress={"SimpleAddress": "a@b.c"}
        )["ContactChannelArn"]
        (code,) = [m["ActivationCode"] for m in outbox() if m["Kind"] == "ACTIVATION_CODE"]
        contacts.activate_contact_channel(ContactChannelId=channel, ActivationCode=code)
        engagement = contacts.start_engagement(
            ContactId=alice, Sender="ops", Subject="s", Content="c"
        )["EngagementArn"]
        (page,) = [m for m in outbox() if m["Kind"] == "PAGE"]
        assert page["EngagementArn"] == engagement
        contacts.accept_page(
            PageId=page["PageArn"],
            ContactChannelId=channel,
            AcceptType="READ",
            AcceptCode=page["AcceptCode"],
            AcceptCodeValidation="ENFORCE",
        )
        described = contacts.describe_page(PageId=page["PageArn"])
        assert "ReadTime" in described

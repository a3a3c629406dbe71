"""Rotations, their shifts and overrides in the emulated ``ssm-contacts``, on a virtual clock.

Through real boto3 clients against the emulator in memory (the ``incident_manager`` fixture).
"""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

import pytest
from botocore.exceptions import ClientError
from hypothesis import given, settings
from hypothesis import strategies as st

from conformance.emulator.contacts import schedule
from conformance.emulator.pytest_plugin import IncidentManager

ACCOUNT = "123456789012"
UTC = dt.UTC
START = dt.datetime(2026, 3, 2, 0, 0, tzinfo=UTC)  # a Monday
DAILY_9 = {
    "DailySettings": [{"HourOfDay": 9, "MinuteOfHour": 0}],
    "NumberOfOnCalls": 1,
    "RecurrenceMultiplier": 1,
}


def _code(caught: pytest.ExceptionInfo[ClientError]) -> str:
    return str(caught.value.response["Error"]["Code"])


def _people(im: IncidentManager, *aliases: str) -> list[str]:
    contacts = im.client("ssm-contacts")
    return [
        str(contacts.create_contact(Alias=a, Type="PERSONAL", Plan={"Stages": []})["ContactArn"])
        for a in aliases
    ]


def _rotation(im: IncidentManager, members: list[str], **extra: Any) -> str:
    params: dict[str, Any] = {
        "Name": "primary",
        "ContactIds": members,
        "StartTime": START,
        "TimeZoneId": "UTC",
        "Recurrence": DAILY_9,
    }
    params.update(extra)
    return str(im.client("ssm-contacts").create_rotation(**params)["RotationArn"])


def _shifts(im: IncidentManager, rotation: str, start: dt.datetime, days: float) -> list[Any]:
    return list(
        im.client("ssm-contacts").list_rotation_shifts(
            RotationId=rotation, StartTime=start, EndTime=start + dt.timedelta(days=days)
        )["RotationShifts"]
    )


def test_rotation_life_cycle(incident_manager: IncidentManager) -> None:
    contacts = incident_manager.client("ssm-contacts")
    alice, bob = _people(incident_manager, "alice", "bob")
    arn = _rotation(incident_manager, [alice, bob], Tags=[{"Key": "team", "Value": "db"}])
    assert arn.startswith(f"arn:aws:ssm-contacts:us-east-1:{ACCOUNT}:rotation/primary/")
    got = contacts.get_rotation(RotationId=arn)
    assert (got["Name"], got["ContactIds"], got["TimeZoneId"]) == ("primary", [alice, bob], "UTC")
    assert got["StartTime"] == START and got["Recurrence"]["NumberOfOnCalls"] == 1
    assert contacts.list_tags_for_resource(ResourceARN=arn)["Tags"] == [
        {"Key": "team", "Value": "db"}
    ]
    contacts.tag_resource(ResourceARN=arn, Tags=[{"Key": "tier", "Value": "1"}])
    contacts.untag_resource(ResourceARN=arn, TagKeys=["team"])
    assert contacts.list_tags_for_resource(ResourceARN=arn)["Tags"] == [
        {"Key": "tier", "Value": "1"}
    ]
    weekly = {
        "WeeklySettings": [
            {"DayOfWeek": "MON", "HandOffTime": {"HourOfDay": 8, "MinuteOfHour": 0}}
        ],
        "NumberOfOnCalls": 2,
        "RecurrenceMultiplier": 1,
    }
    contacts.update_rotation(
        RotationId=arn, ContactIds=[bob, alice], TimeZoneId="Europe/Paris", Recurrence=weekly
    )
    got = contacts.get_rotation(RotationId=arn)
    assert got["ContactIds"] == [bob, alice] and got["TimeZoneId"] == "Europe/Paris"
    assert got["Recurrence"]["WeeklySettings"][0]["DayOfWeek"] == "MON"
    contacts.delete_rotation(RotationId=arn)
    for call in (
        lambda: contacts.get_rotation(RotationId=arn),
        lambda: contacts.update_rotation(RotationId=arn, Recurrence=DAILY_9),
        lambda: contacts.delete_rotation(RotationId=arn),
        lambda: contacts.list_tags_for_resource(ResourceARN=arn),
    ):
        with pytest.raises(ClientError) as caught:
            call()
        assert _code(caught) == "ResourceNotFoundException"


def test_create_rotation_checks_its_input(incident_manager: IncidentManager) -> None:
    contacts = incident_manager.client("ssm-contacts")
    (alice,) = _people(incident_manager, "alice")
    plan = contacts.create_contact(Alias="plan", Type="ESCALATION", Plan={"Stages": []})
    invalid: list[dict[str, Any]] = [
        {"TimeZoneId": "PST"},
        {"TimeZoneId": "Mars/Olympus_Mons"},
        {"Recurrence": {"NumberOfOnCalls": 1, "RecurrenceMultiplier": 1}},
        {
            "Recurrence": {
                **DAILY_9,
                "MonthlySettings": [
                    {"DayOfMonth": 1, "HandOffTime": {"HourOfDay": 9, "MinuteOfHour": 0}}
                ],
            }
        },
        {"Recurrence": {**DAILY_9, "NumberOfOnCalls": 2}},
        {"ContactIds": [plan["ContactArn"]]},
        {"ContactIds": [alice, alice]},
    ]
    for extra in invalid:
        with pytest.raises(ClientError) as caught:
            _rotation(incident_manager, [alice], **extra)
        assert _code(caught) == "ValidationException", extra
    missing = f"arn:aws:ssm-contacts:us-east-1:{ACCOUNT}:contact/nobody"
    with pytest.raises(ClientError) as caught:
        _rotation(incident_manager, [missing])
    assert _code(caught) == "ResourceNotFoundException"
    token = "same-request"
    first = _rotation(incident_manager, [alice], IdempotencyToken=token)
    assert _rotation(incident_manager, [alice], IdempotencyToken=token) == first


def test_daily_shifts_hand_off_in_turn(incident_manager: IncidentManager) -> None:
    alice, bob, carol = _people(incident_manager, "alice", "bob", "carol")
    rotation = _rotation(incident_manager, [alice, bob, carol])
    shifts = _shifts(incident_manager, rotation, START, 3)
    assert [(s["StartTime"], s["EndTime"], s["ContactIds"]) for s in shifts] == [
        (START, START.replace(hour=9), [alice]),
        (START.replace(hour=9), START.replace(day=3, hour=9), [bob]),
        (START.replace(day=3, hour=9), START.replace(day=4, hour=9), [carol]),
        (START.replace(day=4, hour=9), START.replace(day=5, hour=9), [alice]),
    ]
    assert {s["Type"] for s in shifts} == {"REGULAR"}
    # Far later, the order still holds: shift n is member n mod 3.
    later = START + dt.timedelta(days=300, hours=12)
    (shift,) = _shifts(incident_manager, rotation, later, 0.5)
    assert shift["ContactIds"] == [[alice, bob, carol][(300 + 1) % 3]]


def test_multiplier_on_calls_and_coverage(incident_manager: IncidentManager) -> None:
    alice, bob, carol = _people(incident_manager, "alice", "bob", "carol")
    recurrence = {
        "WeeklySettings": [
            {"DayOfWeek": "MON", "HandOffTime": {"HourOfDay": 0, "MinuteOfHour": 0}}
        ],
        "NumberOfOnCalls": 2,
        "RecurrenceMultiplier": 2,
        "ShiftCoverages": {
            "MON": [
                {
                    "Start": {"HourOfDay": 9, "MinuteOfHour": 0},
                    "End": {"HourOfDay": 17, "MinuteOfHour": 0},
                }
            ]
        },
    }
    rotation = _rotation(incident_manager, [alice, bob, carol], Recurrence=recurrence)
    shifts = _shifts(incident_manager, rotation, START, 28)
    assert [(s["StartTime"].day, s["EndTime"].hour, s["ContactIds"]) for s in shifts] == [
        (2, 17, [alice, bob]),
        (9, 17, [alice, bob]),
        (16, 17, [carol, alice]),
        (23, 17, [carol, alice]),
    ]


def test_time_zones_and_daylight_saving(incident_manager: IncidentManager) -> None:
    (alice, bob) = _people(incident_manager, "alice", "bob")
    recurrence = {**DAILY_9, "DailySettings": [{"HourOfDay": 2, "MinuteOfHour": 30}]}
    rotation = _rotation(
        incident_manager, [alice, bob], TimeZoneId="America/New_York", Recurrence=recurrence
    )
    # 2026-03-08 02:30 does not exist in New York: the hand-off is at 03:30 EDT (07:30 UTC).
    day = dt.datetime(2026, 3, 7, 12, 0, tzinfo=UTC)
    ends = [s["EndTime"] for s in _shifts(incident_manager, rotation, day, 2)]
    assert dt.datetime(2026, 3, 8, 7, 30, tzinfo=UTC) in ends
    assert dt.datetime(2026, 3, 7, 7, 30, tzinfo=UTC) in [
        s["StartTime"] for s in _shifts(incident_manager, rotation, day, 2)
    ]
    assert dt.datetime(2026, 3, 9, 6, 30, tzinfo=UTC) in ends  # 02:30 EDT


def test_monthly_hand_off_on_a_short_month_is_its_last_day() -> None:
    recurrence = {
        "MonthlySettings": [{"DayOfMonth": 31, "HandOffTime": {"HourOfDay": 0, "MinuteOfHour": 0}}],
        "NumberOfOnCalls": 1,
        "RecurrenceMultiplier": 1,
    }
    start = dt.datetime(2026, 1, 1, tzinfo=UTC).timestamp()
    shifts = schedule.shifts(
        members=["a", "b"],
        recurrence=recurrence,
        zone=schedule.time_zone("UTC"),
        start=start,
        since=start,
        until=start + 70 * 86400,
    )
    ends = [dt.datetime.fromtimestamp(s.end, tz=UTC).date() for s in shifts]
    assert ends[:3] == [dt.date(2026, 1, 31), dt.date(2026, 2, 28), dt.date(2026, 3, 31)]


def test_list_rotation_shifts_checks_range_and_paginates(incident_manager: IncidentManager) -> None:
    contacts = incident_manager.client("ssm-contacts")
    (alice, bob) = _people(incident_manager, "alice", "bob")
    rotation = _rotation(incident_manager, [alice, bob])
    for start, end in ((START, START), (START, START + dt.timedelta(days=400))):
        with pytest.raises(ClientError) as caught:
            contacts.list_rotation_shifts(RotationId=rotation, StartTime=start, EndTime=end)
        assert _code(caught) == "ValidationException"
    with pytest.raises(ClientError) as caught:
        contacts.list_rotation_shifts(RotationId=rotation + "x", EndTime=START)
    assert _code(caught) == "ResourceNotFoundException"
    first = contacts.list_rotation_shifts(
        RotationId=rotation, StartTime=START, EndTime=START + dt.timedelta(days=10), MaxResults=4
    )
    assert len(first["RotationShifts"]) == 4 and first["NextToken"]
    paginator = contacts.get_paginator("list_rotation_shifts")
    pages = paginator.paginate(
        RotationId=rotation, StartTime=START, EndTime=START + dt.timedelta(days=10)
    )
    assert sum(len(p["RotationShifts"]) for p in pages) == 11


def test_overrides_replace_who_is_on_call(incident_manager: IncidentManager) -> None:
    contacts = incident_manager.client("ssm-contacts")
    alice, bob, carol = _people(incident_manager, "alice", "bob", "carol")
    rotation = _rotation(incident_manager, [alice, bob])
    begin, end = START.replace(hour=12), START.replace(hour=14)
    override = contacts.create_rotation_override(
        RotationId=rotation, NewContactIds=[carol], StartTime=begin, EndTime=end
    )["RotationOverrideId"]
    got = contacts.get_rotation_override(RotationId=rotation, RotationOverrideId=override)
    assert (got["RotationArn"], got["NewContactIds"]) == (rotation, [carol])
    assert (got["StartTime"], got["EndTime"]) == (begin, end) and "CreateTime" in got
    shifts = _shifts(incident_manager, rotation, START, 1)
    assert [(s["StartTime"].hour, s["Type"], s["ContactIds"]) for s in shifts] == [
        (0, "REGULAR", [alice]),
        (9, "REGULAR", [bob]),
        (12, "OVERRIDDEN", [carol]),
        (14, "REGULAR", [bob]),
    ]
    assert shifts[2]["ShiftDetails"] == {"OverriddenContactIds": [bob]}
    listed = contacts.list_rotation_overrides(
        RotationId=rotation, StartTime=START, EndTime=START + dt.timedelta(days=1)
    )["RotationOverrides"]
    assert [o["RotationOverrideId"] for o in listed] == [override]
    outside = contacts.list_rotation_overrides(
        RotationId=rotation, StartTime=end, EndTime=end + dt.timedelta(days=1)
    )
    assert outside["RotationOverrides"] == []
    contacts.delete_rotation_override(RotationId=rotation, RotationOverrideId=override)
    for call in (
        lambda: contacts.get_rotation_override(RotationId=rotation, RotationOverrideId=override),
        lambda: contacts.delete_rotation_override(RotationId=rotation, RotationOverrideId=override),
        lambda: contacts.create_rotation_override(
            RotationId=rotation + "x", NewContactIds=[carol], StartTime=begin, EndTime=end
        ),
        lambda: contacts.list_rotation_overrides(
            RotationId=rotation + "x", StartTime=begin, EndTime=end
        ),
    ):
        with pytest.raises(ClientError) as caught:
            call()
        assert _code(caught) == "ResourceNotFoundException"
    with pytest.raises(ClientError) as caught:
        contacts.create_rotation_override(
            RotationId=rotation, NewContactIds=[carol], StartTime=end, EndTime=begin
        )
    assert _code(caught) == "ValidationException"


def test_list_rotation_overrides_paginates(incident_manager: IncidentManager) -> None:
    contacts = incident_manager.client("ssm-contacts")
    (alice,) = _people(incident_manager, "alice")
    rotation = _rotation(incident_manager, [alice])
    for hour in range(3):
        contacts.create_rotation_override(
            RotationId=rotation,
            NewContactIds=[],
            StartTime=START.replace(hour=hour),
            EndTime=START.replace(hour=hour + 1),
        )
    first = contacts.list_rotation_overrides(
        RotationId=rotation, StartTime=START, EndTime=START.replace(hour=5), MaxResults=2
    )
    assert len(first["RotationOverrides"]) == 2 and first["NextToken"]
    rest = contacts.list_rotation_overrides(
        RotationId=rotation,
        StartTime=START,
        EndTime=START.replace(hour=5),
        NextToken=first["NextToken"],
    )
    assert len(rest["RotationOverrides"]) == 1


def test_list_rotations_filters_and_paginates(incident_manager: IncidentManager) -> None:
    contacts = incident_manager.client("ssm-contacts")
    (alice,) = _people(incident_manager, "alice")
    for name in ("east-a", "east-b", "west"):
        _rotation(incident_manager, [alice], Name=name)
    names = [r["Name"] for r in contacts.list_rotations()["Rotations"]]
    assert names == ["east-a", "east-b", "west"]
    east = contacts.list_rotations(RotationNamePrefix="east", MaxResults=1)
    assert [r["Name"] for r in east["Rotations"]] == ["east-a"] and east["NextToken"]
    paginator = contacts.get_paginator("list_rotations")
    assert sum(len(p["Rotations"]) for p in paginator.paginate(RotationNamePrefix="east")) == 2


def test_preview_shifts_need_no_rotation(incident_manager: IncidentManager) -> None:
    contacts = incident_manager.client("ssm-contacts")
    answer = contacts.list_preview_rotation_shifts(
        RotationStartTime=START,
        StartTime=START,
        EndTime=START + dt.timedelta(days=2),
        Members=["alice", "bob"],
        TimeZoneId="UTC",
        Recurrence=DAILY_9,
        Overrides=[
            {
                "NewMembers": ["carol"],
                "StartTime": START.replace(hour=1),
                "EndTime": START.replace(hour=2),
            }
        ],
    )
    shifts = answer["RotationShifts"]
    assert [(s["Type"], s["ContactIds"]) for s in shifts] == [
        ("REGULAR", ["alice"]),
        ("OVERRIDDEN", ["carol"]),
        ("REGULAR", ["alice"]),
        ("REGULAR", ["bob"]),
        ("REGULAR", ["alice"]),
    ]
    paged = contacts.list_preview_rotation_shifts(
        StartTime=START,
        EndTime=START + dt.timedelta(days=2),
        Members=["alice"],
        TimeZoneId="UTC",
        Recurrence=DAILY_9,
        MaxResults=1,
    )
    assert len(paged["RotationShifts"]) == 1 and paged["NextToken"]
    with pytest.raises(ClientError) as caught:
        contacts.list_preview_rotation_shifts(
            EndTime=START, Members=["alice"], TimeZoneId="Nowhere/Land", Recurrence=DAILY_9
        )
    assert _code(caught) == "ValidationException"


def test_on_call_schedules_page_whoever_is_on_call(incident_manager: IncidentManager) -> None:
    contacts = incident_manager.client("ssm-contacts")
    alice, bob = _people(incident_manager, "alice", "bob")
    now = dt.datetime.fromtimestamp(incident_manager.clock.now(), tz=UTC)
    rotation = _rotation(
        incident_manager,
        [alice, bob],
        StartTime=now,
        Recurrence={
            **DAILY_9,
            "DailySettings": [{"HourOfDay": (now.hour + 1) % 24, "MinuteOfHour": now.minute}],
        },
    )
    on_call = contacts.create_contact(
        Alias="on-call", Type="ONCALL_SCHEDULE", Plan={"RotationIds": [rotation]}
    )["ContactArn"]
    engagement = contacts.start_engagement(
        ContactId=on_call, Sender="ops", Subject="s", Content="c"
    )["EngagementArn"]
    (page,) = contacts.list_pages_by_engagement(EngagementId=engagement)["Pages"]
    assert page["ContactArn"] == alice
    assert contacts.list_page_resolutions(PageId=page["PageArn"])["PageResolutions"] == [
        {"ContactArn": on_call, "Type": "ONCALL_SCHEDULE"},
        {"ContactArn": alice, "Type": "PERSONAL"},
    ]
    incident_manager.advance(2 * 3600)
    engagement = contacts.start_engagement(
        ContactId=on_call, Sender="ops", Subject="s", Content="c"
    )["EngagementArn"]
    (page,) = contacts.list_pages_by_engagement(EngagementId=engagement)["Pages"]
    assert page["ContactArn"] == bob
    # The schedule's only rotation cannot go; members of a rotation cannot be deleted.
    with pytest.raises(ClientError) as caught:
        contacts.delete_rotation(RotationId=rotation)
    assert _code(caught) == "ConflictException"
    with pytest.raises(ClientError) as caught:
        contacts.delete_contact(ContactId=alice)
    assert _code(caught) == "ConflictException"


def test_deleting_a_rotation_takes_it_out_of_schedules(incident_manager: IncidentManager) -> None:
    contacts = incident_manager.client("ssm-contacts")
    (alice,) = _people(incident_manager, "alice")
    first = _rotation(incident_manager, [alice], Name="first")
    second = _rotation(incident_manager, [alice], Name="second")
    on_call = contacts.create_contact(
        Alias="on-call", Type="ONCALL_SCHEDULE", Plan={"RotationIds": [first, second]}
    )["ContactArn"]
    contacts.delete_rotation(RotationId=first)
    assert contacts.get_contact(ContactId=on_call)["Plan"]["RotationIds"] == [second]


def test_deleting_the_replication_set_purges_rotations(incident_manager: IncidentManager) -> None:
    incidents = incident_manager.client("ssm-incidents")
    contacts = incident_manager.client("ssm-contacts")
    arn = incidents.create_replication_set(regions={"us-east-1": {}})["arn"]
    incident_manager.advance(600)
    (alice,) = _people(incident_manager, "alice")
    rotation = _rotation(incident_manager, [alice])
    incidents.delete_replication_set(arn=arn)
    incident_manager.advance(600)
    assert incidents.list_replication_sets()["replicationSetArns"] == []
    assert contacts.list_rotations()["Rotations"] == []
    with pytest.raises(ClientError) as caught:
        contacts.get_rotation(RotationId=rotation)
    assert _code(caught) == "ResourceNotFoundException"


_HAND_OFF = st.fixed_dictionaries(
    {"HourOfDay": st.integers(0, 23), "MinuteOfHour": st.integers(0, 59)}
)
_RECURRENCE = st.one_of(
    st.fixed_dictionaries({"DailySettings": st.lists(_HAND_OFF, min_size=1, max_size=3)}),
    st.fixed_dictionaries(
        {
            "WeeklySettings": st.lists(
                st.fixed_dictionaries(
                    {"DayOfWeek": st.sampled_from(schedule.DAYS), "HandOffTime": _HAND_OFF}
                ),
                min_size=1,
                max_size=3,
            )
        }
    ),
    st.fixed_dictionaries(
        {
            "MonthlySettings": st.lists(
                st.fixed_dictionaries({"DayOfMonth": st.integers(1, 31), "HandOffTime": _HAND_OFF}),
                min_size=1,
                max_size=2,
            )
        }
    ),
)


@settings(max_examples=150, deadline=None)
@given(
    recurrence=_RECURRENCE,
    multiplier=st.integers(1, 4),
    on_calls=st.integers(1, 3),
    zone=st.sampled_from(["UTC", "America/New_York", "Europe/London", "Australia/Lord_Howe"]),
    start=st.integers(1_600_000_000, 1_900_000_000),
    offset=st.integers(-90 * 86400, 400 * 86400),
    span=st.integers(3600, 90 * 86400),
)
def test_shifts_tile_the_range_in_order(
    *,
    recurrence: dict[str, Any],
    multiplier: int,
    on_calls: int,
    zone: str,
    start: int,
    offset: int,
    span: int,
) -> None:
    """Without coverage or overrides, shifts follow each other with no gap and no overlap."""
    members = ["a", "b", "c"]
    since = float(start + offset)
    found = schedule.shifts(
        members=members,
        recurrence={**recurrence, "NumberOfOnCalls": on_calls, "RecurrenceMultiplier": multiplier},
        zone=schedule.time_zone(zone),
        start=float(start),
        since=since,
        until=since + span,
    )
    if since + span <= start:
        assert found == []  # the range ends before the rotation starts
        return
    assert found, "a range that reaches past the start has a shift"
    assert found[0].start <= max(since, start) < found[0].end
    assert found[-1].end >= since + span
    for before, after in itertools.pairwise(found):
        assert before.end == after.start
    assert all(s.start < s.end and len(s.contacts) == on_calls for s in found)

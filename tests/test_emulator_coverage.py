"""Every operation of Incident Manager in the installed botocore is answered and tested.

``BEHAVIOUR_TESTS`` names, for each operation of ``ssm-incidents`` and ``ssm-contacts``, at
least one test that calls it through a boto3 client. The checks below fail when botocore gains
an operation that has no such test, when a named test is gone or does not call the operation,
or when the emulator's handler table lacks it (the operation would answer 501).
"""

from __future__ import annotations

import ast
import re
from functools import cache
from pathlib import Path

import pytest

from conformance.emulator.coverage import SECTIONS, answered, markdown, rows
from conformance.emulator.wire.models import service_model

TESTS = Path(__file__).parent

_PAGES = "test_emulator_pages.py"
_ROTATIONS = "test_emulator_rotations.py"
_CONTACTS = "test_emulator_contacts.py"
_INCIDENTS = "test_emulator_incidents.py"
_MORE = "test_emulator_findings_policies.py"

#: (service, operation) -> tests ("file::function") that call it through boto3.
BEHAVIOUR_TESTS: dict[tuple[str, str], tuple[str, ...]] = {
    # ssm-contacts: contacts, channels, engagements, tags
    ("ssm-contacts", "CreateContact"): (
        f"{_CONTACTS}::test_create_contact_returns_a_regional_arn",
    ),
    ("ssm-contacts", "GetContact"): (f"{_CONTACTS}::test_list_update_and_delete_contacts",),
    ("ssm-contacts", "ListContacts"): (f"{_CONTACTS}::test_list_update_and_delete_contacts",),
    ("ssm-contacts", "UpdateContact"): (f"{_CONTACTS}::test_list_update_and_delete_contacts",),
    ("ssm-contacts", "DeleteContact"): (f"{_CONTACTS}::test_list_update_and_delete_contacts",),
    ("ssm-contacts", "CreateContactChannel"): (f"{_CONTACTS}::test_channel_life_cycle",),
    ("ssm-contacts", "GetContactChannel"): (f"{_CONTACTS}::test_channel_life_cycle",),
    ("ssm-contacts", "ListContactChannels"): (f"{_CONTACTS}::test_channel_life_cycle",),
    ("ssm-contacts", "DeleteContactChannel"): (f"{_CONTACTS}::test_channel_life_cycle",),
    ("ssm-contacts", "ActivateContactChannel"): (f"{_CONTACTS}::test_channel_life_cycle",),
    ("ssm-contacts", "DeactivateContactChannel"): (f"{_CONTACTS}::test_channel_life_cycle",),
    ("ssm-contacts", "SendActivationCode"): (
        f"{_PAGES}::test_send_activation_code_replaces_the_earlier_code",
    ),
    ("ssm-contacts", "UpdateContactChannel"): (f"{_PAGES}::test_update_contact_channel",),
    ("ssm-contacts", "StartEngagement"): (f"{_CONTACTS}::test_engagement_life_cycle",),
    ("ssm-contacts", "DescribeEngagement"): (f"{_CONTACTS}::test_engagement_life_cycle",),
    ("ssm-contacts", "ListEngagements"): (f"{_CONTACTS}::test_engagement_life_cycle",),
    ("ssm-contacts", "StopEngagement"): (f"{_CONTACTS}::test_engagement_life_cycle",),
    ("ssm-contacts", "TagResource"): (
        f"{_CONTACTS}::test_tags",
        f"{_ROTATIONS}::test_rotation_life_cycle",
    ),
    ("ssm-contacts", "UntagResource"): (
        f"{_CONTACTS}::test_tags",
        f"{_ROTATIONS}::test_rotation_life_cycle",
    ),
    ("ssm-contacts", "ListTagsForResource"): (
        f"{_CONTACTS}::test_tags",
        f"{_ROTATIONS}::test_rotation_life_cycle",
    ),
    # ssm-contacts: pages
    ("ssm-contacts", "DescribePage"): (
        f"{_PAGES}::test_engaging_a_personal_contact_pages_its_activated_channels",
    ),
    ("ssm-contacts", "AcceptPage"): (
        f"{_PAGES}::test_accept_page_records_receipts_and_enforces_the_code",
    ),
    ("ssm-contacts", "ListPagesByContact"): (f"{_PAGES}::test_list_pages_paginates",),
    ("ssm-contacts", "ListPagesByEngagement"): (
        f"{_PAGES}::test_an_escalation_plan_escalates_until_a_page_is_read",
    ),
    ("ssm-contacts", "ListPageReceipts"): (
        f"{_PAGES}::test_accept_page_records_receipts_and_enforces_the_code",
    ),
    ("ssm-contacts", "ListPageResolutions"): (
        f"{_PAGES}::test_an_escalation_plan_escalates_until_a_page_is_read",
    ),
    # ssm-contacts: contact policies
    ("ssm-contacts", "PutContactPolicy"): (f"{_PAGES}::test_contact_policy",),
    ("ssm-contacts", "GetContactPolicy"): (f"{_PAGES}::test_contact_policy",),
    # ssm-contacts: rotations
    ("ssm-contacts", "CreateRotation"): (f"{_ROTATIONS}::test_create_rotation_checks_its_input",),
    ("ssm-contacts", "GetRotation"): (f"{_ROTATIONS}::test_rotation_life_cycle",),
    ("ssm-contacts", "UpdateRotation"): (f"{_ROTATIONS}::test_rotation_life_cycle",),
    ("ssm-contacts", "DeleteRotation"): (
        f"{_ROTATIONS}::test_deleting_a_rotation_takes_it_out_of_schedules",
    ),
    ("ssm-contacts", "ListRotations"): (
        f"{_ROTATIONS}::test_list_rotations_filters_and_paginates",
    ),
    ("ssm-contacts", "ListRotationShifts"): (
        f"{_ROTATIONS}::test_list_rotation_shifts_checks_range_and_paginates",
    ),
    ("ssm-contacts", "ListPreviewRotationShifts"): (
        f"{_ROTATIONS}::test_preview_shifts_need_no_rotation",
    ),
    ("ssm-contacts", "CreateRotationOverride"): (
        f"{_ROTATIONS}::test_overrides_replace_who_is_on_call",
    ),
    ("ssm-contacts", "GetRotationOverride"): (
        f"{_ROTATIONS}::test_overrides_replace_who_is_on_call",
    ),
    ("ssm-contacts", "DeleteRotationOverride"): (
        f"{_ROTATIONS}::test_overrides_replace_who_is_on_call",
    ),
    ("ssm-contacts", "ListRotationOverrides"): (
        f"{_ROTATIONS}::test_list_rotation_overrides_paginates",
    ),
    # ssm-incidents
    ("ssm-incidents", "CreateReplicationSet"): (
        f"{_INCIDENTS}::test_create_returns_a_regionless_replication_set_arn",
    ),
    ("ssm-incidents", "GetReplicationSet"): (f"{_INCIDENTS}::test_three_regions_are_allowed",),
    ("ssm-incidents", "ListReplicationSets"): (
        f"{_INCIDENTS}::test_create_returns_a_regionless_replication_set_arn",
    ),
    ("ssm-incidents", "UpdateReplicationSet"): (
        f"{_INCIDENTS}::test_adding_a_region_updates_then_activates",
    ),
    ("ssm-incidents", "UpdateDeletionProtection"): (
        f"{_INCIDENTS}::test_delete_is_refused_while_protected",
    ),
    ("ssm-incidents", "DeleteReplicationSet"): (
        f"{_INCIDENTS}::test_delete_is_refused_while_protected",
    ),
    ("ssm-incidents", "CreateResponsePlan"): (f"{_INCIDENTS}::test_response_plan_life_cycle",),
    ("ssm-incidents", "GetResponsePlan"): (f"{_INCIDENTS}::test_response_plan_life_cycle",),
    ("ssm-incidents", "ListResponsePlans"): (f"{_INCIDENTS}::test_response_plan_life_cycle",),
    ("ssm-incidents", "UpdateResponsePlan"): (f"{_INCIDENTS}::test_response_plan_life_cycle",),
    ("ssm-incidents", "DeleteResponsePlan"): (f"{_INCIDENTS}::test_response_plan_life_cycle",),
    ("ssm-incidents", "StartIncident"): (
        f"{_INCIDENTS}::test_start_incident_opens_a_record_from_the_plan",
    ),
    ("ssm-incidents", "GetIncidentRecord"): (
        f"{_INCIDENTS}::test_start_incident_opens_a_record_from_the_plan",
    ),
    ("ssm-incidents", "ListIncidentRecords"): (
        f"{_INCIDENTS}::test_resolving_an_incident_and_filtering_records",
    ),
    ("ssm-incidents", "UpdateIncidentRecord"): (
        f"{_INCIDENTS}::test_resolving_an_incident_and_filtering_records",
    ),
    ("ssm-incidents", "DeleteIncidentRecord"): (
        f"{_INCIDENTS}::test_resolving_an_incident_and_filtering_records",
    ),
    ("ssm-incidents", "ListRelatedItems"): (f"{_INCIDENTS}::test_related_items",),
    ("ssm-incidents", "UpdateRelatedItems"): (f"{_INCIDENTS}::test_related_items",),
    ("ssm-incidents", "CreateTimelineEvent"): (f"{_INCIDENTS}::test_timeline_events",),
    ("ssm-incidents", "GetTimelineEvent"): (f"{_INCIDENTS}::test_timeline_events",),
    ("ssm-incidents", "ListTimelineEvents"): (f"{_INCIDENTS}::test_timeline_events",),
    ("ssm-incidents", "UpdateTimelineEvent"): (f"{_INCIDENTS}::test_timeline_events",),
    ("ssm-incidents", "DeleteTimelineEvent"): (f"{_INCIDENTS}::test_timeline_events",),
    ("ssm-incidents", "TagResource"): (f"{_INCIDENTS}::test_tags_on_plans_and_incidents",),
    ("ssm-incidents", "UntagResource"): (f"{_INCIDENTS}::test_tags_on_plans_and_incidents",),
    ("ssm-incidents", "ListTagsForResource"): (
        f"{_INCIDENTS}::test_tags_given_at_creation_are_kept",
    ),
    ("ssm-incidents", "ListIncidentFindings"): (
        f"{_MORE}::test_an_incident_has_no_findings_offline",
    ),
    ("ssm-incidents", "BatchGetIncidentFindings"): (
        f"{_MORE}::test_an_incident_has_no_findings_offline",
    ),
    ("ssm-incidents", "PutResourcePolicy"): (
        f"{_MORE}::test_resource_policies_of_a_response_plan",
    ),
    ("ssm-incidents", "GetResourcePolicies"): (
        f"{_MORE}::test_resource_policies_of_a_response_plan",
    ),
    ("ssm-incidents", "DeleteResourcePolicy"): (
        f"{_MORE}::test_resource_policies_of_a_response_plan",
    ),
}


def _snake(operation: str) -> str:
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", operation).lower()


@cache
def _functions(filename: str) -> dict[str, str]:
    """The source of each top-level function of a test file, with the module's helpers (and
    fixture methods) that it names, so that a call made by a helper counts."""
    source = (TESTS / filename).read_text(encoding="utf-8")
    tree = ast.parse(source)
    own = {
        node.name: ast.get_source_segment(source, node) or ""
        for node in tree.body
        if isinstance(node, ast.FunctionDef | ast.ClassDef)
    }
    helpers = {name: text for name, text in own.items() if not name.startswith("test_")}
    return {
        name: text
        + "".join(
            helper
            for helper_name, helper in helpers.items()
            if re.search(rf"\b{helper_name}\b|\.{helper_name}\b", text)
            or (helper_name[:1].isupper() and "world" in text)
        )
        for name, text in own.items()
    }


def _all_operations() -> list[tuple[str, str]]:
    return [
        (service, operation)
        for service in ("ssm-incidents", "ssm-contacts")
        for operation in sorted(service_model(service).operation_names)
    ]


def test_every_operation_in_botocore_has_a_behaviour_test() -> None:
    missing = [key for key in _all_operations() if key not in BEHAVIOUR_TESTS]
    assert not missing, f"operations without a behaviour test: {missing}"


@pytest.mark.parametrize(("service", "operation"), _all_operations())
def test_the_named_tests_call_the_operation_through_boto3(service: str, operation: str) -> None:
    tests = BEHAVIOUR_TESTS.get((service, operation), ())
    assert tests, f"{service} {operation} has no behaviour test"
    for node in tests:
        filename, function = node.split("::")
        source = _functions(filename).get(function)
        assert source is not None, f"{node} does not exist"
        assert f".{_snake(operation)}(" in source, f"{node} does not call {_snake(operation)}"


def test_every_operation_is_answered_by_the_emulator() -> None:
    unanswered = [(s, o) for s, o in _all_operations() if o not in answered(s)]
    assert not unanswered, f"operations answering 501: {unanswered}"


def test_the_coverage_table_lists_every_operation() -> None:
    table = rows()
    assert [(r.service, r.operation) for r in table] == _all_operations()
    assert all(r.section in SECTIONS for r in table)
    text = markdown()
    assert f"**{len(table)} of the {len(table)}**" in text
    assert text.count("\n| `ssm-") == len(table)


def test_the_documented_sections_exist() -> None:
    page = (TESTS.parent / "docs" / "emulator.md").read_text(encoding="utf-8")
    for title in SECTIONS.values():
        assert f"\n### {title}\n" in page, title
    assert "_generated/coverage.md" in page

"""Findings and resource policies of the emulated ``ssm-incidents``, through boto3 in memory."""

from __future__ import annotations

import json

import pytest
from botocore.exceptions import ClientError

from conformance.emulator.pytest_plugin import IncidentManager

ACCOUNT = "123456789012"
POLICY = json.dumps(
    {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": {"AWS": "210987654321"},
                "Action": "ssm-incidents:GetResponsePlan",
                "Resource": "*",
            }
        ],
    }
)


def _code(caught: pytest.ExceptionInfo[ClientError]) -> str:
    return str(caught.value.response["Error"]["Code"])


def _plan(im: IncidentManager) -> str:
    incidents = im.client("ssm-incidents")
    incidents.create_replication_set(regions={"us-east-1": {}})
    im.advance(600)
    plan = incidents.create_response_plan(name="db", incidentTemplate={"title": "t", "impact": 3})
    return str(plan["arn"])


def test_an_incident_has_no_findings_offline(incident_manager: IncidentManager) -> None:
    incidents = incident_manager.client("ssm-incidents")
    incident = incidents.start_incident(responsePlanArn=_plan(incident_manager))[
        "incidentRecordArn"
    ]
    listed = incidents.list_incident_findings(incidentRecordArn=incident, maxResults=5)
    assert listed["findings"] == [] and "nextToken" not in listed
    paginator = incidents.get_paginator("list_incident_findings")
    assert [p["findings"] for p in paginator.paginate(incidentRecordArn=incident)] == [[]]
    got = incidents.batch_get_incident_findings(
        incidentRecordArn=incident, findingIds=["f-1", "f-2", "f-1"]
    )
    assert got["findings"] == []
    assert [(e["findingId"], e["code"]) for e in got["errors"]] == [
        ("f-1", "ResourceNotFoundException"),
        ("f-2", "ResourceNotFoundException"),
    ]
    empty = incidents.batch_get_incident_findings(incidentRecordArn=incident, findingIds=[])
    assert (empty["findings"], empty["errors"]) == ([], [])
    missing = f"arn:aws:ssm-incidents::{ACCOUNT}:incident-record/db/none"
    for call in (
        lambda: incidents.list_incident_findings(incidentRecordArn=missing),
        lambda: incidents.batch_get_incident_findings(incidentRecordArn=missing, findingIds=["f"]),
    ):
        with pytest.raises(ClientError) as caught:
            call()
        assert _code(caught) == "ResourceNotFoundException"


def test_resource_policies_of_a_response_plan(incident_manager: IncidentManager) -> None:
    incidents = incident_manager.client("ssm-incidents")
    plan = _plan(incident_manager)
    assert incidents.get_resource_policies(resourceArn=plan)["resourcePolicies"] == []
    first = incidents.put_resource_policy(resourceArn=plan, policy=POLICY)["policyId"]
    second = incidents.put_resource_policy(resourceArn=plan, policy=POLICY)["policyId"]
    policies = incidents.get_resource_policies(resourceArn=plan)["resourcePolicies"]
    assert [p["policyId"] for p in policies] == [first, second]
    assert policies[0]["policyDocument"] == POLICY
    assert policies[0]["ramResourceShareRegion"] == "us-east-1"
    page = incidents.get_resource_policies(resourceArn=plan, maxResults=1)
    assert len(page["resourcePolicies"]) == 1 and page["nextToken"]
    paginator = incidents.get_paginator("get_resource_policies")
    assert sum(len(p["resourcePolicies"]) for p in paginator.paginate(resourceArn=plan)) == 2
    incidents.delete_resource_policy(resourceArn=plan, policyId=first)
    policies = incidents.get_resource_policies(resourceArn=plan)["resourcePolicies"]
    assert [p["policyId"] for p in policies] == [second]
    with pytest.raises(ClientError) as caught:
        incidents.delete_resource_policy(resourceArn=plan, policyId=first)
    assert _code(caught) == "ResourceNotFoundException"
    assert caught.value.response["resourceType"] == "RESOURCE_POLICY"
    with pytest.raises(ClientError) as caught:
        incidents.put_resource_policy(resourceArn=plan, policy="[]")
    assert _code(caught) == "ValidationException"
    missing = f"arn:aws:ssm-incidents::{ACCOUNT}:response-plan/none"
    for call in (
        lambda: incidents.put_resource_policy(resourceArn=missing, policy=POLICY),
        lambda: incidents.get_resource_policies(resourceArn=missing),
        lambda: incidents.delete_resource_policy(resourceArn=missing, policyId=second),
    ):
        with pytest.raises(ClientError) as caught:
            call()
        assert _code(caught) == "ResourceNotFoundException"
    # Deleting the plan deletes its policies; a plan of the same name starts with none.
    incidents.delete_response_plan(arn=plan)
    again = incidents.create_response_plan(name="db", incidentTemplate={"title": "t", "impact": 3})
    assert incidents.get_resource_policies(resourceArn=again["arn"])["resourcePolicies"] == []


def test_deleting_the_replication_set_purges_resource_policies(
    incident_manager: IncidentManager,
) -> None:
    incidents = incident_manager.client("ssm-incidents")
    plan = _plan(incident_manager)
    incidents.put_resource_policy(resourceArn=plan, policy=POLICY)
    arn = incidents.list_replication_sets()["replicationSetArns"][0]
    incidents.delete_replication_set(arn=arn)
    incident_manager.advance(600)
    with pytest.raises(ClientError) as caught:
        incidents.get_resource_policies(resourceArn=plan)
    assert _code(caught) == "ResourceNotFoundException"

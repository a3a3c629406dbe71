"""The local policy evaluator that judges the managed policy's contents."""

from __future__ import annotations

import pytest

from conformance.driver import policy

V3 = {
    "Version": "2012-10-17",
    "Statement": [
        {
            "Effect": "Allow",
            "Action": ["ssm-incidents:ListIncidentRecords", "ssm-incidents:CreateTimelineEvent"],
            "Resource": "*",
        },
        {
            "Effect": "Allow",
            "Action": ["ssm:CreateOpsItem", "ssm:AssociateOpsItemRelatedItem"],
            "Resource": "*",
        },
        {"Effect": "Allow", "Action": "ssm-contacts:StartEngagement", "Resource": "*"},
        {
            "Effect": "Allow",
            "Action": ["cloudwatch:PutMetricData"],
            "Resource": "*",
            "Condition": {
                "StringEquals": {"cloudwatch:namespace": ["AWS/IncidentManager", "AWS/Usage"]}
            },
        },
    ],
}


@pytest.mark.parametrize("action", ["ssm:CreateOpsItem", "SSM-CONTACTS:startengagement"])
def test_unconditional_actions_are_allowed_everywhere(action):
    assert policy.allows_unconditionally(V3, action)


def test_conditioned_action_is_not_unconditional():
    assert not policy.allows_unconditionally(V3, "cloudwatch:PutMetricData")


@pytest.mark.parametrize(
    ("namespace", "expected"),
    [("AWS/IncidentManager", True), ("AWS/Usage", True), ("Custom/App", False), (None, False)],
)
def test_namespace_condition(namespace, expected):
    context = {} if namespace is None else {"cloudwatch:namespace": namespace}
    assert policy.allows(V3, "cloudwatch:PutMetricData", "*", context) is expected


def test_dropping_the_condition_is_visible():
    broken = {"Statement": [dict(V3["Statement"][3], Condition={})]}
    assert policy.allows(broken, "cloudwatch:PutMetricData", "*", {"cloudwatch:namespace": "Other"})


def test_deny_wins_and_unknown_operators_grant_nothing():
    document = {
        "Statement": [
            {"Effect": "Allow", "Action": "s3:*", "Resource": "*"},
            {"Effect": "Deny", "Action": "s3:DeleteBucket", "Resource": "*"},
            {
                "Effect": "Allow",
                "Action": "ec2:*",
                "Resource": "*",
                "Condition": {"NumericLessThan": {"x": "1"}},
            },
        ]
    }
    assert policy.allows(document, "s3:GetObject")
    assert not policy.allows(document, "s3:DeleteBucket")
    assert not policy.allows(document, "ec2:RunInstances", "*", {"x": "0"})


def test_wildcards_and_not_action_count_as_undocumented():
    document = {
        "Statement": [
            {"Effect": "Allow", "Action": "ssm:*", "Resource": "*"},
            {"Effect": "Allow", "NotAction": "iam:*", "Resource": "*"},
        ]
    }
    assert policy.undocumented(policy.allowed_action_patterns(document), ["ssm:CreateOpsItem"]) == [
        "*",
        "ssm:*",
    ] or sorted(
        policy.undocumented(policy.allowed_action_patterns(document), ["ssm:CreateOpsItem"])
    ) == ["*", "ssm:*"]


def test_trust_principals_of_every_form():
    trust = {
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": {"Service": ["a.amazonaws.com", "b.amazonaws.com"]},
                "Action": "sts:AssumeRole",
            }
        ]
    }
    assert policy.trust_principals(trust) == {
        ("Service", "a.amazonaws.com"),
        ("Service", "b.amazonaws.com"),
    }
    assert policy.trust_principals({"Statement": {"Effect": "Allow", "Principal": "*"}}) == {
        ("*", "*")
    }


def test_documents_arrive_encoded_or_decoded():
    assert policy.parse_document('{"Statement": []}') == {"Statement": []}
    assert policy.parse_document("%7B%22Statement%22%3A%20%5B%5D%7D") == {"Statement": []}

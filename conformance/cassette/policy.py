"""The least-privilege IAM policy for whoever runs the suite live, generated from its calls.

Every AWS call a cassette holds that the suite made with its own credentials (identity
``default``; calls made as the IAM users a scenario creates use those users' grants) maps to
one IAM action: the service's signing name from botocore's model (``monitoring`` is
CloudWatch's, whose actions are ``cloudwatch:``) and the operation's name. Two calls need a
further permission that no call names, and those are added: creating a replication set makes
Incident Manager create its service-linked role (``iam:CreateServiceLinkedRole``, the page's
PRM-7), and aiming an EventBridge rule at a response plan passes a role to EventBridge
(``iam:PassRole``). And a request that tags what it creates also needs the service's tagging
action (``iam:TagUser`` for IAM's ``CreateUser``, ``TagResource`` elsewhere), since AWS
authorises tags given on create as a separate action.

The committed policy, ``conformance/data/live-policy.json``, is generated from a recording on
the reference emulator of what a live run does (``conformance.cassette.policy_run``);
``slr-conformance cassette policy DIR ...`` generates one from any cassettes, a live run's
included.
"""

from __future__ import annotations

import fnmatch
import json
from collections.abc import Iterable
from importlib.resources import files
from typing import Any

from conformance.cassette.format import Cassette, Interaction
from conformance.cassette.matching import operation_model

POLICY_FILE = "live-policy.json"
#: botocore signing names whose IAM service prefix differs.
IAM_PREFIX = {"monitoring": "cloudwatch"}
#: Permissions a call needs beyond its own action (see the docstring for why).
IMPLIED = {
    "ssm-incidents:CreateReplicationSet": ("iam:CreateServiceLinkedRole",),
    "events:PutTargets": ("iam:PassRole",),
}
#: Request members that tag what a call creates; AWS authorises tag-on-create separately.
TAG_PARAMETERS = ("Tags", "tags")


def iam_action(service: str, operation: str) -> str:
    """``cloudwatch:PutMetricAlarm`` for botocore's ``cloudwatch`` ``PutMetricAlarm``."""
    model = operation_model(service, operation)
    signing = model.service_model.signing_name if model is not None else service
    return f"{IAM_PREFIX.get(signing, signing)}:{operation}"


def calls(cassettes: Iterable[Cassette]) -> list[Interaction]:
    """Every call a cassette holds that the suite made with its own credentials."""
    found = []
    for cassette in cassettes:
        for _, interaction in cassette.all_interactions():
            if interaction["kind"] == "call" and interaction["identity"] == "default":
                found.append(interaction)
    return found


def tagging_action(action: str) -> str | None:
    """The action that authorises tags given on create (IAM's per entity, else TagResource);
    ``None`` for a request that is not a create (``TagRole`` is its own action)."""
    prefix, operation = action.split(":", 1)
    if operation.startswith(("Tag", "Untag")):
        return None
    if prefix == "iam":
        return (
            f"iam:Tag{operation.removeprefix('Create')}" if operation.startswith("Create") else None
        )
    return f"{prefix}:TagResource"


def needs(interaction: Interaction) -> set[str]:
    """The IAM actions one recorded call needs."""
    action = iam_action(str(interaction["service"]), str(interaction["operation"]))
    needed = {action, *IMPLIED.get(action, ())}
    tagging = tagging_action(action)
    if tagging and any(interaction["params"].get(key) for key in TAG_PARAMETERS):
        needed.add(tagging)
    return needed


def actions(cassettes: Iterable[Cassette]) -> set[str]:
    """Every IAM action the recorded calls need, implied ones included."""
    needed: set[str] = set()
    for interaction in calls(cassettes):
        needed |= needs(interaction)
    return needed


def document(needed: Iterable[str]) -> dict[str, Any]:
    """One Allow statement per service, actions sorted, so the output is stable."""
    by_prefix: dict[str, list[str]] = {}
    for action in sorted(set(needed)):
        by_prefix.setdefault(action.split(":", 1)[0], []).append(action)
    statements = [
        {
            "Sid": "SlrConformance" + "".join(p.capitalize() for p in prefix.split("-")),
            "Effect": "Allow",
            "Action": listed,
            "Resource": "*",
        }
        for prefix, listed in sorted(by_prefix.items())
    ]
    return {"Version": "2012-10-17", "Statement": statements}


def render(policy: dict[str, Any]) -> str:
    return json.dumps(policy, indent=2) + "\n"


def committed_text() -> str:
    return files("conformance").joinpath("data", POLICY_FILE).read_text("utf-8")


def allows(policy: dict[str, Any], action: str) -> bool:
    """Whether an Allow statement of ``policy`` names ``action`` (wildcards as IAM has them)."""
    for statement in policy.get("Statement", []):
        if statement.get("Effect") != "Allow":
            continue
        listed = statement.get("Action", [])
        for pattern in [listed] if isinstance(listed, str) else listed:
            if fnmatch.fnmatchcase(action.lower(), str(pattern).lower()):
                return True
    return False

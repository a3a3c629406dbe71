"""Removes what an interrupted run left behind, and nothing else.

A run names everything it creates ``slr-conf-<run id>-...`` and tags what can be tagged with
``slr-conformance-run=<run id>``. This command finds those, and only those, and deletes them.
It never touches the service-linked role or a replication set it cannot prove it created.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from botocore.exceptions import BotoCoreError, ClientError
from botocore.parsers import ResponseParserError

from conformance.backends.base import Backend
from conformance.driver.world import RUN_TAG_KEY


def _one_line(exc: Exception) -> str:
    text = " ".join(str(exc).split())
    return text if len(text) <= 160 else text[:157] + "..."


class _Sweep:
    """Collects what was removed and what could not be."""

    def __init__(self, prefix: str) -> None:
        self.prefix = prefix
        self.removed: list[str] = []
        self.left: list[str] = []

    def ours(self, name: str) -> bool:
        return name.startswith(self.prefix)

    def remove(self, what: str, action: Callable[..., Any], **kwargs: Any) -> None:
        try:
            action(**kwargs)
            self.removed.append(what)
        except (ClientError, BotoCoreError) as exc:
            self.left.append(f"{what} ({_one_line(exc)})")


def clean_up_run(backend: Backend, run_id: str) -> tuple[list[str], list[str]]:
    """Delete the run's leftovers; returns (removed, could not remove).

    Each kind of resource is swept on its own: a refused listing is reported and the sweep
    goes on with the next kind.
    """
    sweep = _Sweep(f"slr-conf-{run_id}-")
    iam = backend.client("iam")
    parts: list[tuple[str, Callable[[], None]]] = [
        ("alarms and rules", lambda: _monitoring(backend, sweep)),
        ("Incident Manager data", lambda: _incidents(backend, run_id, sweep)),
        ("IAM users", lambda: _users(iam, sweep)),
        ("IAM groups and instance profiles", lambda: _groups_and_profiles(iam, sweep)),
        ("IAM roles and policies", lambda: _roles_and_policies(iam, sweep)),
    ]
    for what, part in parts:
        try:
            part()
        except (ClientError, BotoCoreError, ResponseParserError) as exc:
            sweep.left.append(f"{what}: listing them failed ({_one_line(exc)})")
    return sweep.removed, sweep.left


def _users(iam: Any, sweep: _Sweep) -> None:
    for page in iam.get_paginator("list_users").paginate():
        for user in (u for u in page["Users"] if sweep.ours(u["UserName"])):
            name = user["UserName"]
            for key in iam.list_access_keys(UserName=name)["AccessKeyMetadata"]:
                sweep.remove(
                    f"access key of {name}",
                    iam.delete_access_key,
                    UserName=name,
                    AccessKeyId=key["AccessKeyId"],
                )
            for policy in iam.list_user_policies(UserName=name)["PolicyNames"]:
                sweep.remove(
                    f"policy {policy} of {name}",
                    iam.delete_user_policy,
                    UserName=name,
                    PolicyName=policy,
                )
            for attached in iam.list_attached_user_policies(UserName=name)["AttachedPolicies"]:
                sweep.remove(
                    f"attachment of {name}",
                    iam.detach_user_policy,
                    UserName=name,
                    PolicyArn=attached["PolicyArn"],
                )
            sweep.remove(f"user {name}", iam.delete_user, UserName=name)


def _groups_and_profiles(iam: Any, sweep: _Sweep) -> None:
    for page in iam.get_paginator("list_groups").paginate():
        for group in (g for g in page["Groups"] if sweep.ours(g["GroupName"])):
            name = group["GroupName"]
            for attached in iam.list_attached_group_policies(GroupName=name)["AttachedPolicies"]:
                sweep.remove(
                    f"attachment of {name}",
                    iam.detach_group_policy,
                    GroupName=name,
                    PolicyArn=attached["PolicyArn"],
                )
            sweep.remove(f"group {name}", iam.delete_group, GroupName=name)
    for page in iam.get_paginator("list_instance_profiles").paginate():
        for profile in (
            p for p in page["InstanceProfiles"] if sweep.ours(p["InstanceProfileName"])
        ):
            name = profile["InstanceProfileName"]
            for role in profile.get("Roles", []):
                sweep.remove(
                    f"membership of {name}",
                    iam.remove_role_from_instance_profile,
                    InstanceProfileName=name,
                    RoleName=role["RoleName"],
                )
            sweep.remove(
                f"instance profile {name}", iam.delete_instance_profile, InstanceProfileName=name
            )


def _roles_and_policies(iam: Any, sweep: _Sweep) -> None:
    for page in iam.get_paginator("list_roles").paginate():
        for role in (r for r in page["Roles"] if sweep.ours(r["RoleName"])):
            name = role["RoleName"]
            for policy in iam.list_role_policies(RoleName=name)["PolicyNames"]:
                sweep.remove(
                    f"policy {policy} of {name}",
                    iam.delete_role_policy,
                    RoleName=name,
                    PolicyName=policy,
                )
            for attached in iam.list_attached_role_policies(RoleName=name)["AttachedPolicies"]:
                sweep.remove(
                    f"attachment of {name}",
                    iam.detach_role_policy,
                    RoleName=name,
                    PolicyArn=attached["PolicyArn"],
                )
            sweep.remove(f"role {name}", iam.delete_role, RoleName=name)
    for page in iam.get_paginator("list_policies").paginate(Scope="Local"):
        for policy in (p for p in page["Policies"] if sweep.ours(p["PolicyName"])):
            sweep.remove(
                f"policy {policy['PolicyName']}", iam.delete_policy, PolicyArn=policy["Arn"]
            )


def _incidents(backend: Backend, run_id: str, sweep: _Sweep) -> None:
    incidents = backend.client("ssm-incidents")
    try:
        plans = incidents.list_response_plans().get("responsePlanSummaries", [])
        sets = incidents.list_replication_sets().get("replicationSetArns", [])
    except (ClientError, BotoCoreError):
        return
    for plan in (p for p in plans if sweep.ours(p["name"])):
        sweep.remove(
            f"response plan {plan['name']}", incidents.delete_response_plan, arn=plan["arn"]
        )
    contacts = backend.client("ssm-contacts")
    try:
        listed = contacts.list_contacts().get("Contacts", [])
    except (ClientError, BotoCoreError):
        listed = []
    for contact in (c for c in listed if sweep.ours(c["Alias"])):
        sweep.remove(
            f"contact {contact['Alias']}", contacts.delete_contact, ContactId=contact["ContactArn"]
        )
    for arn in sets:
        tags = incidents.list_tags_for_resource(resourceArn=arn).get("tags", {})
        if tags.get(RUN_TAG_KEY) == run_id:
            sweep.remove(f"replication set {arn}", incidents.delete_replication_set, arn=arn)


def _monitoring(backend: Backend, sweep: _Sweep) -> None:
    cloudwatch = backend.client("cloudwatch")
    for alarm in cloudwatch.describe_alarms(AlarmNamePrefix=sweep.prefix).get("MetricAlarms", []):
        sweep.remove(
            f"alarm {alarm['AlarmName']}", cloudwatch.delete_alarms, AlarmNames=[alarm["AlarmName"]]
        )
    events = backend.client("events")
    for rule in events.list_rules(NamePrefix=sweep.prefix).get("Rules", []):
        name = rule["Name"]
        targets = events.list_targets_by_rule(Rule=name).get("Targets", [])
        if targets:
            sweep.remove(
                f"targets of {name}",
                events.remove_targets,
                Rule=name,
                Ids=[t["Id"] for t in targets],
            )
        sweep.remove(f"rule {name}", events.delete_rule, Name=name)

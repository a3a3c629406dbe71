"""``cleanup --run-id``: removes what an interrupted run left behind, and nothing else.

A run names everything it creates ``slr-conf-<run id>-...`` and tags what can be tagged with
``slr-conformance-run=<run id>``. This command finds those, and only those, and deletes them;
the run-ID rule (``conformance.live.runid``) makes sure no other run's names share the prefix.
It never touches the service-linked role or a replication set it cannot prove it created: a
run's own role is removed from its journal (``cleanup --journal``), which says the run saw no
role before. Every listing is read to its last page; a refused listing is reported, never read
as "nothing there".
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from botocore.exceptions import BotoCoreError, ClientError
from botocore.parsers import ResponseParserError

from conformance.backends.base import Backend
from conformance.driver.session import RUN_TAG_KEY, Timeouts
from conformance.live.replication import SetLeft, delete_replication_set
from conformance.live.runid import name_prefix

_ERRORS = (ClientError, BotoCoreError, ResponseParserError)


def _one_line(exc: Exception) -> str:
    text = " ".join(str(exc).split())
    return text if len(text) <= 160 else text[:157] + "..."


def _every(client: Any, operation: str, key: str, **kwargs: Any) -> list[Any]:
    """Every item of a listing, over every page (a refusal raises, for the part to report)."""
    return [
        item for page in client.get_paginator(operation).paginate(**kwargs) for item in page[key]
    ]


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
        except _ERRORS as exc:
            self.left.append(f"{what} ({_one_line(exc)})")


def clean_up_run(backend: Backend, run_id: str) -> tuple[list[str], list[str]]:
    """Delete the run's leftovers; returns (removed, could not remove).

    Each kind of resource is swept on its own: a refused listing is reported and the sweep
    goes on with the next kind.
    """
    sweep = _Sweep(name_prefix(run_id))
    iam = backend.client("iam")
    parts: list[tuple[str, Callable[[], None]]] = [
        ("alarms", lambda: _alarms(backend, sweep)),
        ("EventBridge rules", lambda: _rules(backend, sweep)),
        ("contacts", lambda: _contacts(backend, sweep)),
        ("response plans", lambda: _response_plans(backend, sweep)),
        ("replication sets", lambda: _replication_sets(backend, run_id, sweep)),
        ("IAM users", lambda: _users(iam, sweep)),
        ("IAM groups", lambda: _groups(iam, sweep)),
        ("IAM instance profiles", lambda: _profiles(iam, sweep)),
        ("IAM roles", lambda: _roles(iam, sweep)),
        ("IAM policies and the run's lock", lambda: _policies(iam, sweep)),
    ]
    for what, part in parts:
        try:
            part()
        except _ERRORS as exc:
            sweep.left.append(f"{what}: listing them failed ({_one_line(exc)})")
    return sweep.removed, sweep.left


def _strip_policies(iam: Any, sweep: _Sweep, kind: str, name: str) -> None:
    """Delete a user's, group's or role's inline policies, then detach its managed ones."""
    principal = {f"{kind.capitalize()}Name": name}
    for policy in _every(iam, f"list_{kind}_policies", "PolicyNames", **principal):
        sweep.remove(
            f"policy {policy} of {name}",
            getattr(iam, f"delete_{kind}_policy"),
            PolicyName=policy,
            **principal,
        )
    for attached in _every(iam, f"list_attached_{kind}_policies", "AttachedPolicies", **principal):
        sweep.remove(
            f"attachment of {name}",
            getattr(iam, f"detach_{kind}_policy"),
            PolicyArn=attached["PolicyArn"],
            **principal,
        )


def _users(iam: Any, sweep: _Sweep) -> None:
    for user in _every(iam, "list_users", "Users"):
        name = user["UserName"]
        if not sweep.ours(name):
            continue
        for key in _every(iam, "list_access_keys", "AccessKeyMetadata", UserName=name):
            sweep.remove(
                f"access key of {name}",
                iam.delete_access_key,
                UserName=name,
                AccessKeyId=key["AccessKeyId"],
            )
        _strip_policies(iam, sweep, "user", name)
        for group in _every(iam, "list_groups_for_user", "Groups", UserName=name):
            sweep.remove(
                f"membership of {name}",
                iam.remove_user_from_group,
                UserName=name,
                GroupName=group["GroupName"],
            )
        sweep.remove(f"user {name}", iam.delete_user, UserName=name)


def _groups(iam: Any, sweep: _Sweep) -> None:
    for group in _every(iam, "list_groups", "Groups"):
        name = group["GroupName"]
        if not sweep.ours(name):
            continue
        _strip_policies(iam, sweep, "group", name)
        sweep.remove(f"group {name}", iam.delete_group, GroupName=name)


def _profiles(iam: Any, sweep: _Sweep) -> None:
    for profile in _every(iam, "list_instance_profiles", "InstanceProfiles"):
        name = profile["InstanceProfileName"]
        if not sweep.ours(name):
            continue
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


def _roles(iam: Any, sweep: _Sweep) -> None:
    for role in _every(iam, "list_roles", "Roles"):
        name = role["RoleName"]
        if not sweep.ours(name):
            continue
        _strip_policies(iam, sweep, "role", name)
        sweep.remove(f"role {name}", iam.delete_role, RoleName=name)


def _policies(iam: Any, sweep: _Sweep) -> None:
    """The run's customer managed policies, and its lock marker, detached first."""
    for policy in _every(iam, "list_policies", "Policies", Scope="Local"):
        name, arn = policy["PolicyName"], policy["Arn"]
        if not sweep.ours(name):
            continue
        for kind, key, detach in (
            ("PolicyUsers", "UserName", iam.detach_user_policy),
            ("PolicyGroups", "GroupName", iam.detach_group_policy),
            ("PolicyRoles", "RoleName", iam.detach_role_policy),
        ):
            for holder in _every(iam, "list_entities_for_policy", kind, PolicyArn=arn):
                sweep.remove(
                    f"attachment of {name} to {holder[key]}",
                    detach,
                    PolicyArn=arn,
                    **{key: holder[key]},
                )
        sweep.remove(f"policy {name}", iam.delete_policy, PolicyArn=arn)


def _response_plans(backend: Backend, sweep: _Sweep) -> None:
    incidents = backend.client("ssm-incidents")
    for plan in _every(incidents, "list_response_plans", "responsePlanSummaries"):
        if sweep.ours(plan["name"]):
            sweep.remove(
                f"response plan {plan['name']}", incidents.delete_response_plan, arn=plan["arn"]
            )


def _contacts(backend: Backend, sweep: _Sweep) -> None:
    contacts = backend.client("ssm-contacts")
    for contact in _every(contacts, "list_contacts", "Contacts", AliasPrefix=sweep.prefix):
        if sweep.ours(contact["Alias"]):
            sweep.remove(
                f"contact {contact['Alias']}",
                contacts.delete_contact,
                ContactId=contact["ContactArn"],
            )


def _replication_sets(backend: Backend, run_id: str, sweep: _Sweep) -> None:
    """Only a set tagged with the run's ID, asked again while the service holds on to it."""
    incidents = backend.client("ssm-incidents")
    timeouts = Timeouts.for_backend(backend)
    for arn in _every(incidents, "list_replication_sets", "replicationSetArns"):
        tags = incidents.list_tags_for_resource(resourceArn=arn).get("tags", {})
        if tags.get(RUN_TAG_KEY) != run_id:
            continue
        try:
            if delete_replication_set(incidents, arn, backend.clock, timeouts):
                sweep.removed.append(f"replication set {arn}")
        except SetLeft as exc:
            sweep.left.append(f"replication set {arn} ({exc})")


def _alarms(backend: Backend, sweep: _Sweep) -> None:
    cloudwatch = backend.client("cloudwatch")
    for alarm in _every(
        cloudwatch, "describe_alarms", "MetricAlarms", AlarmNamePrefix=sweep.prefix
    ):
        if sweep.ours(alarm["AlarmName"]):
            sweep.remove(
                f"alarm {alarm['AlarmName']}",
                cloudwatch.delete_alarms,
                AlarmNames=[alarm["AlarmName"]],
            )


def _rules(backend: Backend, sweep: _Sweep) -> None:
    events = backend.client("events")
    for rule in _every(events, "list_rules", "Rules", NamePrefix=sweep.prefix):
        name = rule["Name"]
        if not sweep.ours(name):
            continue
        targets = _every(events, "list_targets_by_rule", "Targets", Rule=name)
        if targets:
            sweep.remove(
                f"targets of {name}",
                events.remove_targets,
                Rule=name,
                Ids=[t["Id"] for t in targets],
            )
        sweep.remove(f"rule {name}", events.delete_rule, Name=name)

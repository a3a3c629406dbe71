"""``cleanup --journal``: remove exactly what a run journal lists and still exists.

Entries are taken newest first, as the run itself would have undone them: a replication set
goes before the role it brought, a policy is detached before it is deleted, a user loses its
keys and policies before the user goes. Each entry is looked up where the journal says it is
(its Region, its name, ARN, or the run's tag), reading every page of every listing, and a
removal is written back to the journal as it happens, so an interrupted sweep loses nothing:
run it again and it goes on where it stopped.

What the sweeper will not do: remove anything the journal does not list, remove a resource
whose name, tag or title does not show it belongs to the journal's run, or remove the
service-linked role unless the journal says the run saw no role before creating one and the
role's creation date falls within the run's journal.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from botocore.exceptions import BotoCoreError, ClientError
from botocore.parsers import ResponseParserError

from conformance.backends.base import Backend
from conformance.driver import IncidentManager
from conformance.driver.calls import describe, is_not_found
from conformance.driver.roles import ROLE_PATH
from conformance.driver.session import RUN_TAG_KEY
from conformance.driver.waiting import poll_until
from conformance.errors import ImplementationFailure
from conformance.live import journal as kinds
from conformance.live.journal import Contents, Entry, Journal, read_journal
from conformance.live.runid import name_prefix

#: How far the account's clock and ours may disagree when judging a role's creation date.
CLOCK_ALLOWANCE = timedelta(minutes=5)
_ERRORS = (ClientError, BotoCoreError, ResponseParserError)


class _Left(Exception):
    """The entry could not be removed; the message says why."""


@dataclass
class SweepReport:
    """What the sweep removed, what was already gone, and what is left (with why)."""

    removed: list[str] = field(default_factory=list)
    gone: list[str] = field(default_factory=list)
    left: list[str] = field(default_factory=list)


def _call(what: str, call: Callable[..., Any], **kwargs: Any) -> Any:
    """Make one request; a refusal (other than "not found") leaves the entry, saying why."""
    try:
        return call(**kwargs)
    except ClientError as exc:
        if is_not_found(exc):
            return None
        raise _Left(f"{what} was refused ({describe(exc)})") from None
    except (BotoCoreError, ResponseParserError) as exc:
        raise _Left(f"{what} got no valid answer ({describe(exc)})") from None


def _exists(what: str, call: Callable[..., Any], **kwargs: Any) -> Any:
    """Read one resource: ``None`` when it does not exist; a refused look leaves the entry."""
    return _call(f"looking up {what}", call, **kwargs)


def _every(client: Any, operation: str, key: str, **kwargs: Any) -> list[Any]:
    """Every item of a listing, over every page; a refused page leaves the entry."""
    pages = client.get_paginator(operation).paginate(**kwargs)
    return list(_call(f"listing ({operation})", lambda: [i for p in pages for i in p[key]]) or [])


def _strip_policies(iam: Any, kind: str, name: str) -> None:
    """Delete a user's, group's or role's inline policies, then detach its managed ones."""
    principal = {f"{kind.capitalize()}Name": name}
    for policy in _every(iam, f"list_{kind}_policies", "PolicyNames", **principal):
        _call(
            "deleting a policy",
            getattr(iam, f"delete_{kind}_policy"),
            PolicyName=policy,
            **principal,
        )
    for attached in _every(iam, f"list_attached_{kind}_policies", "AttachedPolicies", **principal):
        _call(
            "detaching",
            getattr(iam, f"detach_{kind}_policy"),
            PolicyArn=attached["PolicyArn"],
            **principal,
        )


class Sweeper:
    """Removes one journal's open entries from one account."""

    def __init__(self, backend: Backend, contents: Contents, journal: Journal) -> None:
        self._backend = backend
        self._contents = contents
        self._journal = journal
        self._run_id = contents.header.run_id
        self._prefix = name_prefix(self._run_id)
        self._world = IncidentManager(backend, self._run_id)
        self._latest = _instant(contents.last_activity)

    def sweep(self) -> SweepReport:
        report = SweepReport()
        for entry in self._contents.open_entries:
            remover = self._removers().get(entry.kind)
            try:
                if remover is None:
                    raise _Left(f"the journal kind {entry.kind} is unknown to this version")
                removed = remover(entry)
            except _Left as exc:
                report.left.append(f"{entry.describe()} ({exc})")
                continue
            except ImplementationFailure as exc:
                report.left.append(f"{entry.describe()} ({str(exc).rstrip('.')})")
                continue
            (report.removed if removed else report.gone).append(entry.describe())
            self._journal.removed(entry.seq)
        return report

    def _removers(self) -> dict[str, Callable[[Entry], bool]]:
        return {
            kinds.LOCK: self._policy,
            kinds.IAM_POLICY: self._policy,
            kinds.IAM_USER: self._user,
            kinds.IAM_GROUP: self._group,
            kinds.IAM_ROLE: self._role,
            kinds.IAM_INSTANCE_PROFILE: self._instance_profile,
            kinds.SERVICE_LINKED_ROLE: self._service_linked_role,
            kinds.REPLICATION_SET: self._replication_set,
            kinds.RESPONSE_PLAN: self._response_plan,
            kinds.CONTACT: self._contact,
            kinds.INCIDENT_RECORD: self._incident_record,
            kinds.ALARM: self._alarm,
            kinds.EVENTS_RULE: self._rule,
        }

    # -- guards ---------------------------------------------------------------------------

    def _ours(self, entry: Entry) -> str:
        """The entry's name, provided the run's prefix shows it is the run's own."""
        name = entry.name or ""
        if not name.startswith(self._prefix):
            raise _Left(f"its name does not start with {self._prefix}, so it is not touched")
        return name

    def _iam(self) -> Any:
        return self._backend.client("iam")

    def _client(self, service: str, entry: Entry) -> Any:
        return self._backend.client(service, region=entry.region)

    # -- IAM ------------------------------------------------------------------------------

    def _policy(self, entry: Entry) -> bool:
        name, iam = self._ours(entry), self._iam()
        arn = entry.arn or next(
            (
                str(p["Arn"])
                for p in _every(iam, "list_policies", "Policies", Scope="Local")
                if p["PolicyName"] == name
            ),
            None,
        )
        if arn is None or _exists(f"policy {name}", iam.get_policy, PolicyArn=arn) is None:
            return False
        for users in _every(iam, "list_entities_for_policy", "PolicyUsers", PolicyArn=arn):
            _call("detaching", iam.detach_user_policy, PolicyArn=arn, UserName=users["UserName"])
        for groups in _every(iam, "list_entities_for_policy", "PolicyGroups", PolicyArn=arn):
            _call(
                "detaching", iam.detach_group_policy, PolicyArn=arn, GroupName=groups["GroupName"]
            )
        for roles in _every(iam, "list_entities_for_policy", "PolicyRoles", PolicyArn=arn):
            _call("detaching", iam.detach_role_policy, PolicyArn=arn, RoleName=roles["RoleName"])
        for version in _every(iam, "list_policy_versions", "Versions", PolicyArn=arn):
            if not version["IsDefaultVersion"]:
                _call(
                    "deleting a version",
                    iam.delete_policy_version,
                    PolicyArn=arn,
                    VersionId=version["VersionId"],
                )
        _call(f"deleting {name}", iam.delete_policy, PolicyArn=arn)
        return True

    def _user(self, entry: Entry) -> bool:
        name, iam = self._ours(entry), self._iam()
        if _exists(f"user {name}", iam.get_user, UserName=name) is None:
            return False
        for key in _every(iam, "list_access_keys", "AccessKeyMetadata", UserName=name):
            _call(
                "deleting an access key",
                iam.delete_access_key,
                UserName=name,
                AccessKeyId=key["AccessKeyId"],
            )
        _strip_policies(iam, "user", name)
        for group in _every(iam, "list_groups_for_user", "Groups", UserName=name):
            _call(
                "leaving a group",
                iam.remove_user_from_group,
                UserName=name,
                GroupName=group["GroupName"],
            )
        _call(f"deleting user {name}", iam.delete_user, UserName=name)
        return True

    def _group(self, entry: Entry) -> bool:
        name, iam = self._ours(entry), self._iam()
        if _exists(f"group {name}", iam.get_group, GroupName=name) is None:
            return False
        for user in _every(iam, "get_group", "Users", GroupName=name):
            _call(
                "removing a member",
                iam.remove_user_from_group,
                GroupName=name,
                UserName=user["UserName"],
            )
        _strip_policies(iam, "group", name)
        _call(f"deleting group {name}", iam.delete_group, GroupName=name)
        return True

    def _role(self, entry: Entry) -> bool:
        name, iam = self._ours(entry), self._iam()
        if _exists(f"role {name}", iam.get_role, RoleName=name) is None:
            return False
        for profile in _every(
            iam, "list_instance_profiles_for_role", "InstanceProfiles", RoleName=name
        ):
            _call(
                "leaving an instance profile",
                iam.remove_role_from_instance_profile,
                InstanceProfileName=profile["InstanceProfileName"],
                RoleName=name,
            )
        _strip_policies(iam, "role", name)
        _call(f"deleting role {name}", iam.delete_role, RoleName=name)
        return True

    def _instance_profile(self, entry: Entry) -> bool:
        name, iam = self._ours(entry), self._iam()
        found = _exists(
            f"instance profile {name}", iam.get_instance_profile, InstanceProfileName=name
        )
        if found is None:
            return False
        for role in found["InstanceProfile"].get("Roles", []):
            _call(
                "removing a role",
                iam.remove_role_from_instance_profile,
                InstanceProfileName=name,
                RoleName=role["RoleName"],
            )
        _call(
            f"deleting instance profile {name}",
            iam.delete_instance_profile,
            InstanceProfileName=name,
        )
        return True

    def _service_linked_role(self, entry: Entry) -> bool:
        """Only a role the run saw absent, created while the run's journal was being written."""
        name = entry.arn.rsplit("/", 1)[-1] if entry.arn else entry.name
        if not name:
            raise _Left("the journal does not name the role")
        iam = self._iam()
        found = _exists(f"role {name}", iam.get_role, RoleName=name)
        if found is None:
            return False
        role = found["Role"]
        if role.get("Path") != ROLE_PATH:
            raise _Left(f"it is not on the path {ROLE_PATH}, so it is not touched")
        created = role.get("CreateDate")
        if isinstance(created, datetime) and not (
            _instant(entry.at) - CLOCK_ALLOWANCE <= created <= self._latest + CLOCK_ALLOWANCE
        ):
            raise _Left(
                f"it was created {created.isoformat(timespec='seconds')}, outside the run, "
                "so it is not the run's and is not touched"
            )
        self._world.roles.delete_if_present(name)
        return True

    # -- Incident Manager -----------------------------------------------------------------

    def _replication_set(self, entry: Entry) -> bool:
        client = self._client("ssm-incidents", entry)
        arns = [entry.arn] if entry.arn else self._tagged_sets(client)
        removed = False
        for arn in arns:
            if self._run_tag(client, arn) is None:
                continue
            if self._run_tag(client, arn) != self._run_id:
                raise _Left(f"{arn} does not carry the run's tag, so it is not touched")
            removed = self._delete_set(client, arn) or removed
        return removed

    def _run_tag(self, client: Any, arn: str) -> str | None:
        """The run tag of a replication set; ``""`` when it has none, ``None`` when it is gone."""
        tags = _exists(f"the tags of {arn}", client.list_tags_for_resource, resourceArn=arn)
        return None if tags is None else str(tags.get("tags", {}).get(RUN_TAG_KEY, ""))

    def _tagged_sets(self, client: Any) -> list[str]:
        """The replication sets carrying the run's tag (a set killed before its ARN was seen)."""
        return [
            str(arn)
            for arn in _every(client, "list_replication_sets", "replicationSetArns")
            if self._run_tag(client, str(arn)) == self._run_id
        ]

    def _set_status(self, client: Any, arn: str) -> dict[str, Any] | None:
        found = _exists(f"replication set {arn}", client.get_replication_set, arn=arn)
        return None if found is None else found["replicationSet"]

    def _delete_set(self, client: Any, arn: str) -> bool:
        timeouts = self._world.timeouts

        def settled() -> dict[str, Any] | None:
            current = self._set_status(client, arn)
            if current is None:
                return {}
            return None if current.get("status") in ("CREATING", "UPDATING") else current

        current = poll_until(
            self._world.clock,
            settled,
            reason="let the replication set settle before deleting it",
            timeout=timeouts.replication_set,
            interval=timeouts.interval,
        )
        if not current:
            return False
        if current.get("status") != "DELETING":
            if current.get("deletionProtected"):
                _call(
                    "turning deletion protection off",
                    client.update_deletion_protection,
                    arn=arn,
                    deletionProtected=False,
                )
            _call(f"deleting replication set {arn}", client.delete_replication_set, arn=arn)
        poll_until(
            self._world.clock,
            lambda: True if self._set_status(client, arn) is None else None,
            reason="finish deleting the replication set",
            timeout=timeouts.replication_set,
            interval=timeouts.interval,
        )
        return True

    def _response_plan(self, entry: Entry) -> bool:
        name, client = self._ours(entry), self._client("ssm-incidents", entry)
        arn = entry.arn or next(
            (
                str(p["arn"])
                for p in _every(client, "list_response_plans", "responsePlanSummaries")
                if p["name"] == name
            ),
            None,
        )
        if arn is None or _exists(name, client.get_response_plan, arn=arn) is None:
            return False
        _call(f"deleting response plan {name}", client.delete_response_plan, arn=arn)
        return True

    def _contact(self, entry: Entry) -> bool:
        alias, client = self._ours(entry), self._client("ssm-contacts", entry)
        arn = entry.arn or next(
            (
                str(c["ContactArn"])
                for c in _every(client, "list_contacts", "Contacts", AliasPrefix=alias)
                if c["Alias"] == alias
            ),
            None,
        )
        if arn is None or _exists(alias, client.get_contact, ContactId=arn) is None:
            return False
        _call(f"deleting contact {alias}", client.delete_contact, ContactId=arn)
        return True

    def _incident_record(self, entry: Entry) -> bool:
        client = self._client("ssm-incidents", entry)
        title = entry.detail.get("title", "")
        if self._prefix not in title:
            raise _Left("its title does not name the run, so it is not touched")
        arns = (
            [entry.arn]
            if entry.arn
            else [
                str(s["arn"])
                for s in _every(client, "list_incident_records", "incidentRecordSummaries")
                if s.get("title") == title
            ]
        )
        removed = False
        for arn in arns:
            if _exists("an incident record", client.get_incident_record, arn=arn) is not None:
                _call("deleting an incident record", client.delete_incident_record, arn=arn)
                removed = True
        return removed

    # -- CloudWatch and EventBridge ---------------------------------------------------------

    def _alarm(self, entry: Entry) -> bool:
        name, client = self._ours(entry), self._client("cloudwatch", entry)
        alarms = _every(client, "describe_alarms", "MetricAlarms", AlarmNames=[name])
        if not any(a["AlarmName"] == name for a in alarms):
            return False
        _call(f"deleting alarm {name}", client.delete_alarms, AlarmNames=[name])
        return True

    def _rule(self, entry: Entry) -> bool:
        name, client = self._ours(entry), self._client("events", entry)
        if _exists(f"rule {name}", client.describe_rule, Name=name) is None:
            return False
        targets = _every(client, "list_targets_by_rule", "Targets", Rule=name)
        if targets:
            ids = [t["Id"] for t in targets]
            _call(f"removing the targets of {name}", client.remove_targets, Rule=name, Ids=ids)
        _call(f"deleting rule {name}", client.delete_rule, Name=name)
        return True


def _instant(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def sweep_journal(backend: Backend, path: Path) -> SweepReport:
    """Remove what the journal at ``path`` lists and still exists; record each removal in it."""
    contents = read_journal(path)
    journal = Journal.append_to(path)
    try:
        return Sweeper(backend, contents, journal).sweep()
    finally:
        journal.close(finished=False)

"""``cleanup --journal``: remove exactly what a run journal lists and still exists.

Entries are taken newest first, as the run itself would have undone them: a replication set
goes before the role it brought, a policy is detached before it is deleted, a user loses its
keys and policies before the user goes. Each entry is looked up where the journal says it is
(its Region, its name, ARN, or the run's tag), reading every page of every listing, and a
removal is written back to the journal as it happens, so an interrupted sweep loses nothing:
run it again and it goes on where it stopped.

The journal is a list of candidates, never proof: anyone can edit a file. Before deleting,
the sweeper reads each resource from AWS and checks the run's mark on the resource itself:
its name (or, for an incident record, the response plan its ARN names) starts with the run's
prefix, or a replication set carries the run's tag. The service-linked role carries no mark,
so only the account's own record of when it was created counts: it must fall within the
window the run's lock marker proves, from the marker's creation date (IAM's record) to the
marker's last heartbeat and ``STALE_AFTER`` more. With no marker there is no window, and the
role stays. The marker itself goes last, and only when nothing else is left: it is that proof,
and it keeps other runs out meanwhile. Each removal is reported by the resource's real name
and ARN, as AWS gave them.

What the sweeper will not do: remove anything the journal does not list, anything whose mark
as read from AWS does not show it is the run's, or the service-linked role outside that window.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from botocore.exceptions import BotoCoreError, ClientError
from botocore.parsers import ResponseParserError

from conformance.backends.base import Backend
from conformance.driver import IncidentManager
from conformance.driver.calls import describe, is_not_found
from conformance.driver.roles import ROLE_PATH
from conformance.driver.session import RUN_TAG_KEY
from conformance.errors import ImplementationFailure
from conformance.live import journal as kinds
from conformance.live.journal import Contents, Entry, Journal, read_journal
from conformance.live.lock import STALE_AFTER, Holder, last_beat, lock_of
from conformance.live.replication import SetLeft, delete_replication_set
from conformance.live.runid import name_prefix

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
        #: The run's lock marker as IAM shows it: the proof of when the run held the account.
        self._lock: Holder | None = lock_of(self._iam(), self._run_id)

    def sweep(self) -> SweepReport:
        report = SweepReport()
        for entry in self._contents.open_entries:
            remover = self._removers().get(entry.kind)
            try:
                if remover is None:
                    raise _Left(f"the journal kind {entry.kind} is unknown to this version")
                if entry.kind == kinds.LOCK and report.left:
                    raise _Left(
                        "kept while other entries are left: it proves when the run began, and "
                        "keeps other runs out until they are removed"
                    )
                removed = remover(entry)
            except _Left as exc:
                report.left.append(f"{entry.describe()} ({exc})")
                continue
            except ImplementationFailure as exc:
                report.left.append(f"{entry.describe()} ({str(exc).rstrip('.')})")
                continue
            if removed is None:
                report.gone.append(entry.describe())
            else:
                report.removed.append(removed)
            self._journal.removed(entry.seq)
        return report

    def _removers(self) -> dict[str, Callable[[Entry], str | None]]:
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
        return self._marked(entry.name or "", "its name")

    def _marked(self, real: str, what: str) -> str:
        """``real`` (a name read from AWS) when it carries the run's prefix; else the entry stays."""
        if not real.startswith(self._prefix):
            shown = real if len(real) <= 80 else real[:77] + "..."
            raise _Left(
                f"{what}, {shown!r}, does not start with {self._prefix}, so it is not touched"
            )
        return real

    def _iam(self) -> Any:
        return self._backend.client("iam")

    def _client(self, service: str, entry: Entry) -> Any:
        return self._backend.client(service, region=entry.region)

    # -- IAM ------------------------------------------------------------------------------

    def _policy(self, entry: Entry) -> str | None:
        name, iam = self._ours(entry), self._iam()
        arn = entry.arn or next(
            (
                str(p["Arn"])
                for p in _every(iam, "list_policies", "Policies", Scope="Local")
                if p["PolicyName"] == name
            ),
            None,
        )
        found = None if arn is None else _exists(f"policy {name}", iam.get_policy, PolicyArn=arn)
        if found is None:
            return None
        name = self._marked(str(found["Policy"]["PolicyName"]), "its name in IAM")
        arn = str(found["Policy"]["Arn"])
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
        return f"policy {name} ({arn})"

    def _user(self, entry: Entry) -> str | None:
        name, iam = self._ours(entry), self._iam()
        found = _exists(f"user {name}", iam.get_user, UserName=name)
        if found is None:
            return None
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
        return f"IAM user {name} ({found['User']['Arn']})"

    def _group(self, entry: Entry) -> str | None:
        name, iam = self._ours(entry), self._iam()
        found = _exists(f"group {name}", iam.get_group, GroupName=name)
        if found is None:
            return None
        for user in _every(iam, "get_group", "Users", GroupName=name):
            _call(
                "removing a member",
                iam.remove_user_from_group,
                GroupName=name,
                UserName=user["UserName"],
            )
        _strip_policies(iam, "group", name)
        _call(f"deleting group {name}", iam.delete_group, GroupName=name)
        return f"IAM group {name} ({found['Group']['Arn']})"

    def _role(self, entry: Entry) -> str | None:
        name, iam = self._ours(entry), self._iam()
        found = _exists(f"role {name}", iam.get_role, RoleName=name)
        if found is None:
            return None
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
        return f"IAM role {name} ({found['Role']['Arn']})"

    def _instance_profile(self, entry: Entry) -> str | None:
        name, iam = self._ours(entry), self._iam()
        found = _exists(
            f"instance profile {name}", iam.get_instance_profile, InstanceProfileName=name
        )
        if found is None:
            return None
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
        return f"instance profile {name} ({found['InstanceProfile']['Arn']})"

    def _service_linked_role(self, entry: Entry) -> str | None:
        """Only a role IAM says was created while the run held its lock (no journal time counts)."""
        name = entry.arn.rsplit("/", 1)[-1] if entry.arn else entry.name
        if not name:
            raise _Left("the journal does not name the role")
        iam = self._iam()
        found = _exists(f"role {name}", iam.get_role, RoleName=name)
        if found is None:
            return None
        role = found["Role"]
        if role.get("Path") != ROLE_PATH:
            raise _Left(f"it is not on the path {ROLE_PATH}, so it is not touched")
        created = role.get("CreateDate")
        if not isinstance(created, datetime):
            raise _Left("IAM gives no creation date for it, so it is not touched")
        first, last = self._window()
        if not first <= created <= last:
            raise _Left(
                f"IAM says it was created {created.isoformat(timespec='seconds')}, outside the "
                f"run (from {first.isoformat(timespec='seconds')} to "
                f"{last.isoformat(timespec='seconds')}), so it is not the run's and is not touched"
            )
        self._world.roles.delete_if_present(name)
        return f"service-linked role {role['RoleName']} ({role['Arn']})"

    def _window(self) -> tuple[datetime, datetime]:
        """When the run held the account, as IAM's records show: its lock marker's life."""
        if self._lock is None:
            raise _Left(
                "the run's lock marker is gone, so nothing shows when the run held the account, "
                "and the role is not touched"
            )
        beat = last_beat(self._iam(), self._lock)
        if beat is None:
            raise _Left(
                "the run's lock marker carries no heartbeat, so nothing shows when the run "
                "ended, and the role is not touched"
            )
        return self._lock.created, beat + STALE_AFTER

    # -- Incident Manager -----------------------------------------------------------------

    def _replication_set(self, entry: Entry) -> str | None:
        client = self._client("ssm-incidents", entry)
        arns = [entry.arn] if entry.arn else self._tagged_sets(client)
        removed: list[str] = []
        for arn in arns:
            tag = self._run_tag(client, arn)
            if tag is None:
                continue
            if tag != self._run_id:
                raise _Left(f"{arn} does not carry the run's tag, so it is not touched")
            try:
                if delete_replication_set(client, arn, self._world.clock, self._world.timeouts):
                    removed.append(arn)
            except SetLeft as exc:
                raise _Left(f"{arn}: {exc}") from None
        return f"replication set {', '.join(removed)}" if removed else None

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

    def _response_plan(self, entry: Entry) -> str | None:
        name, client = self._ours(entry), self._client("ssm-incidents", entry)
        arn = entry.arn or next(
            (
                str(p["arn"])
                for p in _every(client, "list_response_plans", "responsePlanSummaries")
                if p["name"] == name
            ),
            None,
        )
        found = None if arn is None else _exists(name, client.get_response_plan, arn=arn)
        if found is None:
            return None
        name = self._marked(str(found["name"]), "its name in Incident Manager")
        arn = str(found["arn"])
        _call(f"deleting response plan {name}", client.delete_response_plan, arn=arn)
        return f"response plan {name} ({arn})"

    def _contact(self, entry: Entry) -> str | None:
        alias, client = self._ours(entry), self._client("ssm-contacts", entry)
        arn = entry.arn or next(
            (
                str(c["ContactArn"])
                for c in _every(client, "list_contacts", "Contacts", AliasPrefix=alias)
                if c["Alias"] == alias
            ),
            None,
        )
        found = None if arn is None else _exists(alias, client.get_contact, ContactId=arn)
        if found is None:
            return None
        alias = self._marked(str(found["Alias"]), "its alias in Incident Manager")
        arn = str(found["ContactArn"])
        _call(f"deleting contact {alias}", client.delete_contact, ContactId=arn)
        return f"contact {alias} ({arn})"

    def _incident_record(self, entry: Entry) -> str | None:
        client = self._client("ssm-incidents", entry)
        title = entry.detail.get("title", "")
        if not entry.arn and self._prefix not in title:
            raise _Left("the journal gives neither its ARN nor a title naming the run")
        arns = (
            [entry.arn]
            if entry.arn
            else [
                str(s["arn"])
                for s in _every(client, "list_incident_records", "incidentRecordSummaries")
                if s.get("title") == title
            ]
        )
        removed: list[str] = []
        for arn in arns:
            found = _exists("an incident record", client.get_incident_record, arn=arn)
            if found is None:
                continue
            record = found["incidentRecord"]
            real = str(record["arn"])
            if not self._record_is_ours(real, str(record.get("title", ""))):
                raise _Left(f"{real} names no response plan of the run, so it is not touched")
            _call("deleting an incident record", client.delete_incident_record, arn=real)
            removed.append(real)
        return f"incident record {', '.join(removed)}" if removed else None

    def _record_is_ours(self, arn: str, title: str) -> bool:
        """A record started from one of the run's response plans.

        Its ARN names the plan it was started from (``incident-record/<plan>/<id>``, the
        format of the service authorization reference); where an implementation's ARNs do not,
        the record's own title, which the run's plan template gave it, must name the run.
        """
        _, _, rest = arn.partition(":incident-record/")
        if rest:
            return rest.startswith(self._prefix)
        return title.startswith("Conformance incident " + self._prefix)

    # -- CloudWatch and EventBridge ---------------------------------------------------------

    def _alarm(self, entry: Entry) -> str | None:
        name, client = self._ours(entry), self._client("cloudwatch", entry)
        alarms = _every(client, "describe_alarms", "MetricAlarms", AlarmNames=[name])
        found = next((a for a in alarms if a["AlarmName"] == name), None)
        if found is None:
            return None
        _call(f"deleting alarm {name}", client.delete_alarms, AlarmNames=[name])
        return f"alarm {name} ({found.get('AlarmArn', '')})"

    def _rule(self, entry: Entry) -> str | None:
        name, client = self._ours(entry), self._client("events", entry)
        found = _exists(f"rule {name}", client.describe_rule, Name=name)
        if found is None:
            return None
        targets = _every(client, "list_targets_by_rule", "Targets", Rule=name)
        if targets:
            ids = [t["Id"] for t in targets]
            _call(f"removing the targets of {name}", client.remove_targets, Rule=name, Ids=ids)
        _call(f"deleting rule {name}", client.delete_rule, Name=name)
        return f"EventBridge rule {name} ({found.get('Arn', '')})"


def sweep_journal(backend: Backend, path: Path) -> SweepReport:
    """Remove what the journal at ``path`` lists and still exists; record each removal in it."""
    contents = read_journal(path)
    journal = Journal.append_to(path)
    try:
        return Sweeper(backend, contents, journal).sweep()
    finally:
        journal.close(finished=False)

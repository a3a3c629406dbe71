"""State and rules of the emulated ``ssm-incidents`` (AWS Systems Manager Incident Manager).

Everything Incident Manager keeps belongs to an account: at most one replication set, and the
response plans, incident records, timeline events, related items and tags that the set's
Regions replicate. Incident Manager ARNs carry no Region (the API reference and the AWS CLI
examples write ``arn:aws:ssm-incidents::<account>:response-plan/<name>``), so state is keyed by
account only.

Each documented rule lives in its own small method so that a deliberately broken variant can
override exactly one of them. Time comes only from the injected clock: an asynchronous change
records when it is due, and every call first settles the changes whose time has come.

Choices where the evidence is thin (each is marked ``Choice`` in its method's docstring):
creating response plans and starting incidents need a replication set that is ACTIVE or
UPDATING (the API reference says Incident Manager cannot be used while the set is pending;
adding a Region does not take the service away); reading and listing need no set. Changing a
set that is not ACTIVE answers ``ConflictException``. Deletion protection also refuses
``DeleteReplicationSet`` (it deletes the final Region too); the 24-hour rule applies to
``deleteRegionAction`` only, not to ``DeleteReplicationSet``. The caller recorded in
``createdBy`` and ``lastModifiedBy`` is the request's caller as ``GetCallerIdentity`` names it
(the account root, an IAM user or a role session).
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import threading
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar

from conformance.clock import VirtualClock
from conformance.emulator.contracts import (
    DataPurger,
    PermissionChecker,
    ReplicationSetWatcher,
    RoleProvisioner,
)
from conformance.emulator.errors import ValidationException
from conformance.emulator.incidents.exceptions import (
    ConflictException,
    ResourceNotFoundException,
)
from conformance.emulator.regions import is_published_region

__all__ = ["IncidentsService", "RegionState", "ReplicationSet"]

_UTC = dt.UTC


def _moment(seconds: float) -> dt.datetime:
    return dt.datetime.fromtimestamp(seconds, tz=_UTC)


def _seconds(value: Any) -> float | None:
    if isinstance(value, dt.datetime):
        return value.timestamp()
    if isinstance(value, (int, float)):
        return float(value)
    return None


@dataclass
class RegionState:
    """One Region of a replication set."""

    name: str
    status: str
    status_time: float
    added_time: float
    sse_kms_key_id: str = "DefaultKey"

    def to_wire(self) -> dict[str, Any]:
        return {
            "sseKmsKeyId": self.sse_kms_key_id,
            "status": self.status,
            "statusUpdateDateTime": _moment(self.status_time),
        }


@dataclass
class PendingChange:
    """An asynchronous change of a replication set and the virtual time it completes."""

    kind: str  # "create", "add-region", "delete-region", "delete"
    due: float
    region: str | None = None


@dataclass
class ReplicationSet:
    """The account's replication set."""

    arn: str
    created_by: str
    created_time: float
    last_modified_by: str
    last_modified_time: float
    status: str
    regions: dict[str, RegionState]
    deletion_protected: bool = False
    client_token: str | None = None
    pending: PendingChange | None = None
    #: Deletions of this set that did not finish (see ``FIRST_DELETION_FAILS``).
    failed_deletions: int = 0

    def to_wire(self) -> dict[str, Any]:
        return {
            "arn": self.arn,
            "createdBy": self.created_by,
            "createdTime": _moment(self.created_time),
            "deletionProtected": self.deletion_protected,
            "lastModifiedBy": self.last_modified_by,
            "lastModifiedTime": _moment(self.last_modified_time),
            "regionMap": {name: region.to_wire() for name, region in self.regions.items()},
            "status": self.status,
        }


@dataclass
class AccountData:
    """Everything Incident Manager holds for one account."""

    replication_set: ReplicationSet | None = None
    response_plans: dict[str, dict[str, Any]] = field(default_factory=dict)
    incidents: dict[str, dict[str, Any]] = field(default_factory=dict)
    timeline: dict[str, dict[str, dict[str, Any]]] = field(default_factory=dict)
    related_items: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    tags: dict[str, dict[str, str]] = field(default_factory=dict)
    client_tokens: dict[tuple[str, str], str] = field(default_factory=dict)
    #: Resource policies of response plans: plan ARN -> policy ID -> policy.
    resource_policies: dict[str, dict[str, dict[str, Any]]] = field(default_factory=dict)

    def clear_data(self) -> None:
        self.resource_policies.clear()
        self.response_plans.clear()
        self.incidents.clear()
        self.timeline.clear()
        self.related_items.clear()
        self.tags.clear()
        self.client_tokens.clear()


class IncidentsService:
    """The ``ssm-incidents`` backend: state for every account, guarded by one lock.

    It is also the ``ReplicationSetView`` the IAM side asks, and the ``IncidentStarter`` that
    alarms and rules call.
    """

    #: Virtual seconds a new replication set stays CREATING.
    CREATE_DELAY = 60.0
    #: Virtual seconds an added or removed Region keeps the set UPDATING.
    UPDATE_DELAY = 60.0
    #: Virtual seconds a deleted replication set stays DELETING before it is gone.
    DELETE_DELAY = 60.0
    #: A Region cannot be removed until it has been in the set this long.
    REGION_MINIMUM_AGE = 24 * 3600.0
    #: The number of Regions a replication set may hold.
    MIN_REGIONS = 1
    MAX_REGIONS = 3
    #: The source recorded for incidents started by hand.
    MANUAL_SOURCE = "aws.ssm-incidents.custom"
    #: Whether a set's first deletion fails, leaving it ACTIVE (eventual consistency only):
    #: the page warns that deleting the resources can fail while the service uses the role.
    FIRST_DELETION_FAILS = False

    def __init__(
        self,
        clock: VirtualClock,
        role_provisioner: RoleProvisioner | None = None,
        data_purger: DataPurger | None = None,
    ) -> None:
        self.clock = clock
        self.role_provisioner = role_provisioner
        self.data_purger = data_purger
        #: Told when a set has finished deleting; set by the emulator to the IAM side.
        self.set_watcher: ReplicationSetWatcher | None = None
        #: Asked whether the caller may make each request; set by the emulator to the IAM side.
        self.permission_checker: PermissionChecker | None = None
        self._lock = threading.RLock()
        self._accounts: dict[str, AccountData] = {}

    # ------------------------------------------------------------------ plumbing

    def reset(self) -> None:
        """Forget every account."""
        with self._lock:
            self._accounts.clear()

    def scheduled(self) -> list[float]:
        """The times at which a replication set changes by itself (it settles: becomes active,
        finishes updating or is gone); each account has at most one such change pending."""
        with self._lock:
            return [
                data.replication_set.pending.due
                for data in self._accounts.values()
                if data.replication_set is not None and data.replication_set.pending is not None
            ]

    def _now(self) -> float:
        return self.clock.now()

    def _account(self, account_id: str) -> AccountData:
        data = self._accounts.get(account_id)
        if data is None:
            data = self._accounts[account_id] = AccountData()
        return data

    def _caller(self, account_id: str) -> str:
        """Who is making the request, as ``GetCallerIdentity`` names them."""
        if self.permission_checker is not None:
            return self.permission_checker.acting_arn(account_id)
        return self._root(account_id)

    @staticmethod
    def _root(account_id: str) -> str:
        return f"arn:aws:iam::{account_id}:root"

    def _replication_set_arn(self, account_id: str) -> str:
        return f"arn:aws:ssm-incidents::{account_id}:replication-set/{uuid.uuid4()}"

    def _response_plan_arn(self, account_id: str, name: str) -> str:
        return f"arn:aws:ssm-incidents::{account_id}:response-plan/{name}"

    def _incident_record_arn(self, account_id: str, plan_name: str) -> str:
        return f"arn:aws:ssm-incidents::{account_id}:incident-record/{plan_name}/{uuid.uuid4()}"

    # ------------------------------------------------------------------ time

    def settle(self, account_id: str) -> None:
        """Complete the account's asynchronous change if it is due (other services call this)."""
        with self._lock:
            self._settle(account_id)

    def _settle(self, account_id: str) -> None:
        """Complete the account's asynchronous change if the clock has passed its due time."""
        data = self._accounts.get(account_id)
        if data is None or data.replication_set is None:
            return
        replication_set = data.replication_set
        change = replication_set.pending
        if change is None or self._now() < change.due:
            return
        replication_set.pending = None
        if change.kind == "delete" and self._deletion_fails(replication_set):
            self._restore_after_failed_deletion(replication_set, change.due)
            return
        if change.kind == "delete":
            self._complete_set_deletion(account_id)
            self._announce_set_deleted(account_id, replication_set, change.due)
            return
        at = change.due
        if change.kind == "delete-region" and change.region is not None:
            replication_set.regions.pop(change.region, None)
        for region in replication_set.regions.values():
            if region.status != "ACTIVE":
                region.status, region.status_time = "ACTIVE", at
        replication_set.status = "ACTIVE"
        replication_set.last_modified_time = at

    def _schedule(
        self, replication_set: ReplicationSet, kind: str, delay: float, region: str | None = None
    ) -> None:
        replication_set.pending = PendingChange(kind, self._now() + delay, region)

    # ------------------------------------------------------------------ rules: creation

    def _check_region_count(self, count: int) -> None:
        """A replication set holds one to three Regions."""
        if not self.MIN_REGIONS <= count <= self.MAX_REGIONS:
            raise ValidationException(
                f"a replication set must have between {self.MIN_REGIONS} and "
                f"{self.MAX_REGIONS} Regions; {count} given"
            )

    def _check_region_published(self, region: str) -> None:
        """Only Regions where Incident Manager is available can join a replication set."""
        if not is_published_region(region):
            raise ValidationException(f"Incident Manager is not available in Region {region}")

    def _check_single_replication_set(self, data: AccountData) -> None:
        """An account has at most one replication set."""
        if data.replication_set is not None:
            raise ConflictException(
                "a replication set already exists in this account",
                "REPLICATION_SET",
                data.replication_set.arn,
            )

    def _provision_role(self, account_id: str) -> None:
        """Creating a replication set creates the service-linked role if it is missing."""
        if self.role_provisioner is not None:
            self.role_provisioner.ensure_service_linked_role(account_id)

    # ------------------------------------------------------------------ rules: updates

    def _check_single_action(self, actions: list[dict[str, Any]]) -> dict[str, Any]:
        """``UpdateReplicationSet`` takes exactly one action, itself exactly one change."""
        if len(actions) != 1:
            raise ValidationException("exactly one update action must be given")
        action = {key: value for key, value in actions[0].items() if value is not None}
        if len(action) != 1 or next(iter(action)) not in ("addRegionAction", "deleteRegionAction"):
            raise ValidationException(
                "the action must hold exactly one of addRegionAction or deleteRegionAction"
            )
        return action

    def _check_set_ready(self, replication_set: ReplicationSet) -> None:
        """Choice: a set can be changed only while ACTIVE (one change at a time)."""
        if replication_set.status != "ACTIVE":
            raise ConflictException(
                f"the replication set is {replication_set.status}; wait until it is ACTIVE",
                "REPLICATION_SET",
                replication_set.arn,
            )

    def _check_region_absent(self, replication_set: ReplicationSet, region: str) -> None:
        """A Region can be added only once."""
        if region in replication_set.regions:
            raise ValidationException(f"Region {region} is already in the replication set")

    def _check_region_in_set(self, replication_set: ReplicationSet, region: str) -> None:
        """Only a Region of the set can be removed from it."""
        if region not in replication_set.regions:
            raise ValidationException(f"Region {region} is not in the replication set")

    def _check_region_age(self, replication_set: ReplicationSet, region: str) -> None:
        """A Region cannot be removed within 24 hours of being added."""
        added = replication_set.regions[region].added_time
        if self._now() - added < self.REGION_MINIMUM_AGE:
            raise ValidationException(
                f"Region {region} was added less than 24 hours ago and cannot be deleted yet"
            )

    def _check_deletion_protection(self, replication_set: ReplicationSet) -> None:
        """The final Region cannot be deleted while deletion protection is on."""
        if replication_set.deletion_protected:
            raise ValidationException(
                "deletion protection is on: the final Region of the replication set "
                "cannot be deleted"
            )

    def _is_final_region(self, replication_set: ReplicationSet, region: str) -> bool:
        return list(replication_set.regions) == [region]

    def _delete_final_region(self, account_id: str, replication_set: ReplicationSet) -> None:
        """Removing the final Region deletes the whole replication set."""
        self._begin_set_deletion(account_id, replication_set)

    # ------------------------------------------------------------------ rules: deletion

    def _begin_set_deletion(self, account_id: str, replication_set: ReplicationSet) -> None:
        """Deleting a set is asynchronous: every Region and the set become DELETING."""
        now = self._now()
        replication_set.status = "DELETING"
        for region in replication_set.regions.values():
            region.status, region.status_time = "DELETING", now
        replication_set.last_modified_by = self._caller(account_id)
        replication_set.last_modified_time = now
        self._schedule(replication_set, "delete", self.DELETE_DELAY)

    def _deletion_fails(self, replication_set: ReplicationSet) -> bool:
        """Whether this deletion of the set fails: the first one does, when so configured."""
        return self.FIRST_DELETION_FAILS and replication_set.failed_deletions == 0

    def _restore_after_failed_deletion(self, replication_set: ReplicationSet, at: float) -> None:
        """A deletion that did not finish leaves the set and its Regions ACTIVE again."""
        replication_set.failed_deletions += 1
        for region in replication_set.regions.values():
            region.status, region.status_time = "ACTIVE", at
        replication_set.status = "ACTIVE"
        replication_set.last_modified_time = at

    def _complete_set_deletion(self, account_id: str) -> None:
        """When the deletion completes the set is gone and all Incident Manager data too."""
        data = self._account(account_id)
        data.replication_set = None
        self._purge_data(account_id)
        self._purge_other_services(account_id)

    def _announce_set_deleted(
        self, account_id: str, replication_set: ReplicationSet, at: float
    ) -> None:
        """Tell the IAM side when the set went: the service may hold its role a while longer."""
        if self.set_watcher is not None:
            self.set_watcher.replication_set_deleted(
                account_id, replication_set.arn, sorted(replication_set.regions), at
            )

    def _purge_data(self, account_id: str) -> None:
        """Deleting the set deletes plans (and their resource policies), incidents, timeline events,
        related items, tags."""
        self._account(account_id).clear_data()

    def _purge_other_services(self, account_id: str) -> None:
        """... and the contacts, escalation plans and engagements of ``ssm-contacts``."""
        if self.data_purger is not None:
            self.data_purger.purge_account(account_id)

    def _require_active_set(self, data: AccountData) -> ReplicationSet:
        """Choice: creating plans and incidents needs a set that is ACTIVE or UPDATING."""
        replication_set = data.replication_set
        if replication_set is None:
            raise ValidationException(
                "create a replication set before using Incident Manager in this account"
            )
        if replication_set.status not in ("ACTIVE", "UPDATING"):
            raise ValidationException(
                f"the replication set is {replication_set.status}; Incident Manager cannot be "
                "used until it is ACTIVE"
            )
        return replication_set

    # ------------------------------------------------------------------ replication sets

    def _find_set(self, data: AccountData, arn: str) -> ReplicationSet:
        replication_set = data.replication_set
        if replication_set is None or replication_set.arn != arn:
            raise ResourceNotFoundException(
                "the replication set does not exist", "REPLICATION_SET", arn
            )
        return replication_set

    def create_replication_set(
        self,
        account_id: str,
        regions: Mapping[str, Mapping[str, Any]],
        tags: Mapping[str, str] | None = None,
        client_token: str | None = None,
    ) -> str:
        """Create the account's replication set; CREATING, then ACTIVE after ``CREATE_DELAY``."""
        with self._lock:
            self._settle(account_id)
            data = self._account(account_id)
            existing = data.replication_set
            if client_token and existing is not None and existing.client_token == client_token:
                return existing.arn
            self._check_region_count(len(regions))
            for name in regions:
                self._check_region_published(name)
            self._check_single_replication_set(data)
        # Outside the lock: the IAM side may ask this service about replication sets.
        self._provision_role(account_id)
        with self._lock:
            self._settle(account_id)
            data = self._account(account_id)
            self._check_single_replication_set(data)
            now = self._now()
            caller = self._caller(account_id)
            replication_set = ReplicationSet(
                arn=self._replication_set_arn(account_id),
                created_by=caller,
                created_time=now,
                last_modified_by=caller,
                last_modified_time=now,
                status="CREATING",
                regions={
                    name: RegionState(
                        name=name,
                        status="CREATING",
                        status_time=now,
                        added_time=now,
                        sse_kms_key_id=str(options.get("sseKmsKeyId") or "DefaultKey"),
                    )
                    for name, options in regions.items()
                },
                client_token=client_token,
            )
            data.replication_set = replication_set
            if tags:
                data.tags[replication_set.arn] = dict(tags)
            self._schedule(replication_set, "create", self.CREATE_DELAY)
            return replication_set.arn

    def get_replication_set(self, account_id: str, arn: str) -> dict[str, Any]:
        with self._lock:
            self._settle(account_id)
            return self._find_set(self._account(account_id), arn).to_wire()

    def list_replication_sets(self, account_id: str) -> list[str]:
        with self._lock:
            self._settle(account_id)
            replication_set = self._account(account_id).replication_set
            return [replication_set.arn] if replication_set is not None else []

    def update_replication_set(
        self, account_id: str, arn: str, actions: list[dict[str, Any]]
    ) -> None:
        """Add or delete one Region; the set is UPDATING until ``UPDATE_DELAY`` has passed."""
        with self._lock:
            self._settle(account_id)
            replication_set = self._find_set(self._account(account_id), arn)
            action = self._check_single_action(actions)
            self._check_set_ready(replication_set)
            if "addRegionAction" in action:
                self._add_region(account_id, replication_set, action["addRegionAction"])
            else:
                self._delete_region(account_id, replication_set, action["deleteRegionAction"])

    def _add_region(
        self, account_id: str, replication_set: ReplicationSet, action: Mapping[str, Any]
    ) -> None:
        region = str(action["regionName"])
        self._check_region_published(region)
        self._check_region_absent(replication_set, region)
        self._check_region_count(len(replication_set.regions) + 1)
        now = self._now()
        replication_set.regions[region] = RegionState(
            name=region,
            status="CREATING",
            status_time=now,
            added_time=now,
            sse_kms_key_id=str(action.get("sseKmsKeyId") or "DefaultKey"),
        )
        replication_set.status = "UPDATING"
        replication_set.last_modified_by = self._caller(account_id)
        replication_set.last_modified_time = now
        self._schedule(replication_set, "add-region", self.UPDATE_DELAY, region)

    def _delete_region(
        self, account_id: str, replication_set: ReplicationSet, action: Mapping[str, Any]
    ) -> None:
        region = str(action["regionName"])
        self._check_region_in_set(replication_set, region)
        self._check_region_age(replication_set, region)
        if self._is_final_region(replication_set, region):
            self._check_deletion_protection(replication_set)
            self._delete_final_region(account_id, replication_set)
            return
        now = self._now()
        state = replication_set.regions[region]
        state.status, state.status_time = "DELETING", now
        replication_set.status = "UPDATING"
        replication_set.last_modified_by = self._caller(account_id)
        replication_set.last_modified_time = now
        self._schedule(replication_set, "delete-region", self.UPDATE_DELAY, region)

    def update_deletion_protection(self, account_id: str, arn: str, protected: bool) -> None:
        with self._lock:
            self._settle(account_id)
            replication_set = self._find_set(self._account(account_id), arn)
            replication_set.deletion_protected = protected
            replication_set.last_modified_by = self._caller(account_id)
            replication_set.last_modified_time = self._now()

    def delete_replication_set(self, account_id: str, arn: str) -> None:
        """Delete every Region, so the set; DELETING until ``DELETE_DELAY`` has passed."""
        with self._lock:
            self._settle(account_id)
            replication_set = self._find_set(self._account(account_id), arn)
            if replication_set.status == "DELETING":
                return
            self._check_deletion_protection(replication_set)
            self._begin_set_deletion(account_id, replication_set)

    # ------------------------------------------------------------------ ReplicationSetView

    def replication_set_regions(self, account_id: str) -> list[str]:
        """The Regions of the account's replication set (also while it is being deleted)."""
        with self._lock:
            self._settle(account_id)
            data = self._accounts.get(account_id)
            if data is None or data.replication_set is None:
                return []
            return sorted(data.replication_set.regions)

    def replication_set_arn(self, account_id: str) -> str | None:
        with self._lock:
            self._settle(account_id)
            data = self._accounts.get(account_id)
            if data is None or data.replication_set is None:
                return None
            return data.replication_set.arn

    # ------------------------------------------------------------------ response plans

    def _find_plan(self, data: AccountData, arn: str) -> dict[str, Any]:
        plan = data.response_plans.get(arn)
        if plan is None:
            raise ResourceNotFoundException(
                "the response plan does not exist", "RESPONSE_PLAN", arn
            )
        return plan

    def _check_plan_name_free(self, data: AccountData, arn: str) -> None:
        """Response plan names are unique in an account."""
        if arn in data.response_plans:
            raise ConflictException("a response plan with this name exists", "RESPONSE_PLAN", arn)

    def create_response_plan(self, account_id: str, params: Mapping[str, Any]) -> str:
        """Create a response plan. Choice: needs a usable replication set."""
        with self._lock:
            self._settle(account_id)
            data = self._account(account_id)
            token = params.get("clientToken")
            if token and ("plan", token) in data.client_tokens:
                return data.client_tokens[("plan", token)]
            self._require_active_set(data)
            arn = self._response_plan_arn(account_id, str(params["name"]))
            self._check_plan_name_free(data, arn)
            plan = {
                key: copy.deepcopy(params[key])
                for key in (
                    "name",
                    "displayName",
                    "incidentTemplate",
                    "chatChannel",
                    "engagements",
                    "actions",
                    "integrations",
                )
                if params.get(key) is not None
            }
            plan["arn"] = arn
            data.response_plans[arn] = plan
            if params.get("tags"):
                data.tags[arn] = dict(params["tags"])
            if token:
                data.client_tokens[("plan", token)] = arn
            return arn

    def get_response_plan(self, account_id: str, arn: str) -> dict[str, Any]:
        with self._lock:
            self._settle(account_id)
            return copy.deepcopy(self._find_plan(self._account(account_id), arn))

    def list_response_plans(self, account_id: str) -> list[dict[str, Any]]:
        with self._lock:
            self._settle(account_id)
            plans = self._account(account_id).response_plans.values()
            return [
                {"arn": p["arn"], "name": p["name"], "displayName": p.get("displayName")}
                for p in sorted(plans, key=lambda plan: str(plan["name"]))
            ]

    _TEMPLATE_UPDATES: ClassVar[dict[str, str]] = {
        "incidentTemplateTitle": "title",
        "incidentTemplateImpact": "impact",
        "incidentTemplateSummary": "summary",
        "incidentTemplateDedupeString": "dedupeString",
        "incidentTemplateNotificationTargets": "notificationTargets",
        "incidentTemplateTags": "incidentTags",
    }

    def update_response_plan(self, account_id: str, arn: str, params: Mapping[str, Any]) -> None:
        with self._lock:
            self._settle(account_id)
            plan = self._find_plan(self._account(account_id), arn)
            for key in ("displayName", "engagements", "actions", "integrations"):
                if params.get(key) is not None:
                    plan[key] = copy.deepcopy(params[key])
            chat = params.get("chatChannel")
            if chat is not None:
                if "empty" in chat:
                    plan.pop("chatChannel", None)
                else:
                    plan["chatChannel"] = copy.deepcopy(chat)
            template = plan.setdefault("incidentTemplate", {})
            for key, target in self._TEMPLATE_UPDATES.items():
                if params.get(key) is not None:
                    template[target] = copy.deepcopy(params[key])

    def delete_response_plan(self, account_id: str, arn: str) -> None:
        """Delete a plan; deleting one that does not exist succeeds (the model lists no 404)."""
        with self._lock:
            self._settle(account_id)
            data = self._account(account_id)
            if data.response_plans.pop(arn, None) is not None:
                data.tags.pop(arn, None)
                data.resource_policies.pop(arn, None)

    # ------------------------------------------------------------------ incidents

    def _find_incident(self, data: AccountData, arn: str) -> dict[str, Any]:
        record = data.incidents.get(arn)
        if record is None:
            raise ResourceNotFoundException(
                "the incident record does not exist", "INCIDENT_RECORD", arn
            )
        return record

    def start_incident(
        self, account_id: str, params: Mapping[str, Any], *, created_by: str | None = None
    ) -> str:
        """Open an incident from a response plan. Choice: needs a usable replication set."""
        with self._lock:
            self._settle(account_id)
            data = self._account(account_id)
            token = params.get("clientToken")
            if token and ("incident", token) in data.client_tokens:
                return data.client_tokens[("incident", token)]
            self._require_active_set(data)
            plan = self._find_plan(data, str(params["responsePlanArn"]))
            template: dict[str, Any] = plan.get("incidentTemplate", {})
            now = self._now()
            caller = created_by or self._caller(account_id)
            trigger: Mapping[str, Any] = params.get("triggerDetails") or {}
            arn = self._incident_record_arn(account_id, str(plan["name"]))
            record: dict[str, Any] = {
                "arn": arn,
                "title": params.get("title") or template.get("title"),
                "impact": params.get("impact") or template.get("impact"),
                "summary": template.get("summary"),
                "dedupeString": template.get("dedupeString") or "",
                "status": "OPEN",
                "creationTime": now,
                "lastModifiedTime": now,
                "lastModifiedBy": caller,
                "notificationTargets": copy.deepcopy(template.get("notificationTargets")),
                "chatChannel": copy.deepcopy(plan.get("chatChannel")),
                "incidentRecordSource": {
                    "createdBy": caller,
                    "invokedBy": caller if not trigger else None,
                    "source": trigger.get("source") or self.MANUAL_SOURCE,
                    "resourceArn": trigger.get("triggerArn"),
                },
                "responsePlanArn": plan["arn"],
            }
            data.incidents[arn] = record
            data.timeline[arn] = {}
            data.related_items[arn] = copy.deepcopy(list(params.get("relatedItems") or []))
            if template.get("incidentTags"):
                data.tags[arn] = dict(template["incidentTags"])
            if token:
                data.client_tokens[("incident", token)] = arn
            return arn

    def start_incident_from_trigger(
        self, account_id: str, region: str, response_plan_arn: str, source: str, trigger_arn: str
    ) -> str | None:
        """``IncidentStarter``: start an incident for an alarm or rule; ``None`` if impossible."""
        params = {
            "responsePlanArn": response_plan_arn,
            "triggerDetails": {
                "source": source,
                "triggerArn": trigger_arn,
                "timestamp": _moment(self._now()),
            },
        }
        try:  # Choice: no request of a caller starts it, so it is recorded as the root's
            return self.start_incident(account_id, params, created_by=self._root(account_id))
        except (ResourceNotFoundException, ValidationException):
            return None

    @staticmethod
    def _incident_wire(record: Mapping[str, Any]) -> dict[str, Any]:
        wire = {
            key: copy.deepcopy(value) for key, value in record.items() if key != "responsePlanArn"
        }
        for key in ("creationTime", "lastModifiedTime", "resolvedTime"):
            if wire.get(key) is not None:
                wire[key] = _moment(wire[key])
        return wire

    def get_incident_record(self, account_id: str, arn: str) -> dict[str, Any]:
        with self._lock:
            self._settle(account_id)
            return self._incident_wire(self._find_incident(self._account(account_id), arn))

    def list_incident_records(
        self, account_id: str, filters: Iterable[Mapping[str, Any]] = ()
    ) -> list[dict[str, Any]]:
        """Incident summaries, newest first, filtered by status, impact, time or creator."""
        with self._lock:
            self._settle(account_id)
            records = sorted(
                self._account(account_id).incidents.values(),
                key=lambda record: -float(record["creationTime"]),
            )
            chosen = [r for r in records if all(_matches(r, f) for f in filters)]
            keys = (
                "arn",
                "title",
                "status",
                "impact",
                "creationTime",
                "resolvedTime",
                "incidentRecordSource",
            )
            return [self._incident_wire({key: r.get(key) for key in keys}) for r in chosen]

    def update_incident_record(self, account_id: str, arn: str, params: Mapping[str, Any]) -> None:
        with self._lock:
            self._settle(account_id)
            record = self._find_incident(self._account(account_id), arn)
            for key in ("title", "summary", "impact", "notificationTargets"):
                if params.get(key) is not None:
                    record[key] = copy.deepcopy(params[key])
            chat = params.get("chatChannel")
            if chat is not None:
                record["chatChannel"] = None if "empty" in chat else copy.deepcopy(chat)
            status = params.get("status")
            if status is not None and status != record["status"]:
                record["status"] = status
                record["resolvedTime"] = self._now() if status == "RESOLVED" else None
            record["lastModifiedTime"] = self._now()
            record["lastModifiedBy"] = self._caller(account_id)

    def delete_incident_record(self, account_id: str, arn: str) -> None:
        """Delete a record with its events and items; a missing record is not an error."""
        with self._lock:
            self._settle(account_id)
            data = self._account(account_id)
            data.incidents.pop(arn, None)
            data.timeline.pop(arn, None)
            data.related_items.pop(arn, None)
            data.tags.pop(arn, None)

    # ------------------------------------------------------------------ related items

    def list_related_items(self, account_id: str, incident_arn: str) -> list[dict[str, Any]]:
        with self._lock:
            self._settle(account_id)
            data = self._account(account_id)
            return copy.deepcopy(data.related_items.get(incident_arn, []))

    def update_related_items(
        self, account_id: str, incident_arn: str, update: Mapping[str, Any]
    ) -> None:
        with self._lock:
            self._settle(account_id)
            data = self._account(account_id)
            self._find_incident(data, incident_arn)
            items = data.related_items.setdefault(incident_arn, [])
            if update.get("itemToAdd") is not None:
                items.append(copy.deepcopy(dict(update["itemToAdd"])))
            if update.get("itemToRemove") is not None:
                gone = update["itemToRemove"]
                items[:] = [item for item in items if item.get("identifier") != gone]

    # ------------------------------------------------------------------ timeline events

    def _find_event(self, data: AccountData, incident_arn: str, event_id: str) -> dict[str, Any]:
        event = data.timeline.get(incident_arn, {}).get(event_id)
        if event is None:
            raise ResourceNotFoundException(
                "the timeline event does not exist", "TIMELINE_EVENT", event_id
            )
        return event

    def create_timeline_event(self, account_id: str, params: Mapping[str, Any]) -> str:
        with self._lock:
            self._settle(account_id)
            data = self._account(account_id)
            incident_arn = str(params["incidentRecordArn"])
            self._find_incident(data, incident_arn)
            event_id = str(uuid.uuid4())
            data.timeline.setdefault(incident_arn, {})[event_id] = {
                "eventId": event_id,
                "incidentRecordArn": incident_arn,
                "eventTime": _seconds(params["eventTime"]),
                "eventType": params["eventType"],
                "eventData": params["eventData"],
                "eventReferences": copy.deepcopy(params.get("eventReferences")),
                "eventUpdatedTime": self._now(),
            }
            return event_id

    @staticmethod
    def _event_wire(event: Mapping[str, Any], summary: bool = False) -> dict[str, Any]:
        wire = copy.deepcopy(dict(event))
        wire["eventTime"] = _moment(wire["eventTime"])
        wire["eventUpdatedTime"] = _moment(wire["eventUpdatedTime"])
        if summary:
            wire.pop("eventData", None)
        return wire

    def get_timeline_event(
        self, account_id: str, incident_arn: str, event_id: str
    ) -> dict[str, Any]:
        with self._lock:
            self._settle(account_id)
            return self._event_wire(
                self._find_event(self._account(account_id), incident_arn, event_id)
            )

    def list_timeline_events(
        self,
        account_id: str,
        incident_arn: str,
        filters: Iterable[Mapping[str, Any]] = (),
        descending: bool = False,
    ) -> list[dict[str, Any]]:
        with self._lock:
            self._settle(account_id)
            events = self._account(account_id).timeline.get(incident_arn, {}).values()
            chosen = [e for e in events if all(_matches(e, f) for f in filters)]
            chosen.sort(key=lambda event: float(event["eventTime"]), reverse=descending)
            return [self._event_wire(event, summary=True) for event in chosen]

    def update_timeline_event(self, account_id: str, params: Mapping[str, Any]) -> None:
        with self._lock:
            self._settle(account_id)
            data = self._account(account_id)
            event = self._find_event(data, str(params["incidentRecordArn"]), str(params["eventId"]))
            for key in ("eventType", "eventData", "eventReferences"):
                if params.get(key) is not None:
                    event[key] = copy.deepcopy(params[key])
            if params.get("eventTime") is not None:
                event["eventTime"] = _seconds(params["eventTime"])
            event["eventUpdatedTime"] = self._now()

    def delete_timeline_event(self, account_id: str, incident_arn: str, event_id: str) -> None:
        """Delete an event; a missing one is not an error (the model lists no 404)."""
        with self._lock:
            self._settle(account_id)
            self._account(account_id).timeline.get(incident_arn, {}).pop(event_id, None)

    # ------------------------------------------------------------------ findings

    def list_incident_findings(self, account_id: str, incident_arn: str) -> list[dict[str, Any]]:
        """Choice: no deployment integration runs offline, so an incident has no findings."""
        with self._lock:
            self._settle(account_id)
            self._find_incident(self._account(account_id), incident_arn)
            return []

    def batch_get_incident_findings(
        self, account_id: str, incident_arn: str, finding_ids: Iterable[str]
    ) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        """(findings, errors): every requested ID is an error, as no finding exists."""
        with self._lock:
            self._settle(account_id)
            self._find_incident(self._account(account_id), incident_arn)
            errors = [
                {
                    "findingId": finding_id,
                    "code": "ResourceNotFoundException",
                    "message": "the finding does not exist for this incident",
                }
                for finding_id in dict.fromkeys(finding_ids)
            ]
            return [], errors

    # ------------------------------------------------------------------ resource policies

    @staticmethod
    def _check_policy_document(policy: str) -> None:
        """A resource policy is a JSON object; the emulator stores it, RAM is not emulated."""
        try:
            document = json.loads(policy)
        except ValueError:
            document = None
        if not isinstance(document, dict):
            raise ValidationException("The policy is not a JSON policy document.")

    def put_resource_policy(self, account_id: str, region: str, arn: str, policy: str) -> str:
        """Attach a policy to a response plan (the only resource the API reference names)."""
        with self._lock:
            self._settle(account_id)
            data = self._account(account_id)
            self._find_plan(data, arn)
            self._check_policy_document(policy)
            policy_id = uuid.uuid4().hex
            data.resource_policies.setdefault(arn, {})[policy_id] = {
                "policyId": policy_id,
                "policyDocument": policy,
                "ramResourceShareRegion": region,
            }
            return policy_id

    def get_resource_policies(self, account_id: str, arn: str) -> list[dict[str, Any]]:
        with self._lock:
            self._settle(account_id)
            data = self._account(account_id)
            self._find_plan(data, arn)
            return copy.deepcopy(list(data.resource_policies.get(arn, {}).values()))

    def delete_resource_policy(self, account_id: str, arn: str, policy_id: str) -> None:
        with self._lock:
            self._settle(account_id)
            data = self._account(account_id)
            self._find_plan(data, arn)
            if data.resource_policies.get(arn, {}).pop(policy_id, None) is None:
                raise ResourceNotFoundException(
                    "the resource policy does not exist", "RESOURCE_POLICY", policy_id
                )

    # ------------------------------------------------------------------ tags

    def _check_taggable(self, data: AccountData, arn: str) -> None:
        """Tags belong to a replication set, response plan or incident record that exists."""
        exists = (
            arn in data.response_plans
            or arn in data.incidents
            or (data.replication_set is not None and data.replication_set.arn == arn)
        )
        if not exists:
            kind = (
                "REPLICATION_SET"
                if ":replication-set/" in arn
                else ("INCIDENT_RECORD" if ":incident-record/" in arn else "RESPONSE_PLAN")
            )
            raise ResourceNotFoundException("the resource does not exist", kind, arn)

    def tag_resource(self, account_id: str, arn: str, tags: Mapping[str, str]) -> None:
        with self._lock:
            self._settle(account_id)
            data = self._account(account_id)
            self._check_taggable(data, arn)
            data.tags.setdefault(arn, {}).update(tags)

    def untag_resource(self, account_id: str, arn: str, keys: Iterable[str]) -> None:
        with self._lock:
            self._settle(account_id)
            data = self._account(account_id)
            self._check_taggable(data, arn)
            current = data.tags.get(arn, {})
            for key in keys:
                current.pop(key, None)

    def list_tags_for_resource(self, account_id: str, arn: str) -> dict[str, str]:
        with self._lock:
            self._settle(account_id)
            data = self._account(account_id)
            self._check_taggable(data, arn)
            return dict(data.tags.get(arn, {}))


def _matches(item: Mapping[str, Any], spec: Mapping[str, Any]) -> bool:
    """Apply one ``Filter`` (key + condition before/after/equals) to a stored item."""
    key = str(spec.get("key", ""))
    condition: Mapping[str, Any] = spec.get("condition") or {}
    value = item.get(key)
    if key == "createdBy":
        value = (item.get("incidentRecordSource") or {}).get("createdBy")
    if "before" in condition or "after" in condition:
        moment = _seconds(value)
        if moment is None:
            return False
        before, after = _seconds(condition.get("before")), _seconds(condition.get("after"))
        return (before is None or moment < before) and (after is None or moment > after)
    equals: Mapping[str, Any] = condition.get("equals") or {}
    return all(not values or value in values for values in equals.values())

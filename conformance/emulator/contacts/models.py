"""State and rules of the emulated ``ssm-contacts`` (Incident Manager contacts and engagements).

Contacts (personal contacts, escalation plans, on-call schedules), their channels and the
engagements that page them belong to an account. Their ARNs name the Region they were created
in, but Incident Manager replicates them to every Region of the replication set, so state is
keyed by account and lookups go by ARN.

When the account's replication set is deleted, ``purge_account`` (the ``DataPurger`` seam)
forgets all of it. Each rule sits in its own small method so that a deliberately broken
variant can override exactly one.

Choices where the evidence is thin: contact channels cannot be verified (no SMS or e-mail
leaves the emulator), so any well-formed activation code activates a channel; a plan's targets
are stored as given, not checked against existing contacts or channels; and this service does
not check that a replication set exists.
"""

from __future__ import annotations

import copy
import datetime as dt
import threading
import uuid
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from conformance.clock import VirtualClock
from conformance.emulator.contacts.exceptions import (
    ConflictException,
    ResourceNotFoundException,
    ValidationException,
)

__all__ = ["ContactsService"]


def _moment(seconds: float | None) -> dt.datetime | None:
    return None if seconds is None else dt.datetime.fromtimestamp(seconds, tz=dt.UTC)


def _seconds(value: Any) -> float | None:
    if isinstance(value, dt.datetime):
        return value.timestamp()
    if isinstance(value, (int, float)):
        return float(value)
    return None


@dataclass
class AccountContacts:
    """Everything ``ssm-contacts`` holds for one account."""

    contacts: dict[str, dict[str, Any]] = field(default_factory=dict)
    channels: dict[str, dict[str, Any]] = field(default_factory=dict)
    engagements: dict[str, dict[str, Any]] = field(default_factory=dict)
    tags: dict[str, dict[str, str]] = field(default_factory=dict)
    tokens: dict[tuple[str, str], str] = field(default_factory=dict)


class ContactsService:
    """The ``ssm-contacts`` backend for every account, guarded by one lock; a ``DataPurger``."""

    def __init__(
        self, clock: VirtualClock, before_access: Callable[[str], None] | None = None
    ) -> None:
        self.clock = clock
        #: Called with the account ID before each request is served, outside this service's
        #: lock. Wire it to ``IncidentsService.settle`` so that a replication set deletion whose
        #: time has come purges contacts even when ``ssm-incidents`` is not asked first.
        self.before_access = before_access
        self._lock = threading.RLock()
        self._accounts: dict[str, AccountContacts] = {}

    # ------------------------------------------------------------------ plumbing

    def reset(self) -> None:
        """Forget every account."""
        with self._lock:
            self._accounts.clear()

    def _account(self, account_id: str) -> AccountContacts:
        data = self._accounts.get(account_id)
        if data is None:
            data = self._accounts[account_id] = AccountContacts()
        return data

    def _arn(self, region: str, account_id: str, resource: str) -> str:
        return f"arn:aws:ssm-contacts:{region}:{account_id}:{resource}"

    # ------------------------------------------------------------------ DataPurger

    def purge_account(self, account_id: str) -> None:
        """Forget every contact, escalation plan, channel and engagement of the account."""
        with self._lock:
            self._purge(account_id)

    def _purge(self, account_id: str) -> None:
        self._accounts.pop(account_id, None)

    # ------------------------------------------------------------------ rules

    def _check_alias_free(self, data: AccountContacts, alias: str) -> None:
        """A contact alias is unique in the account."""
        for contact in data.contacts.values():
            if contact["Alias"] == alias:
                raise ConflictException(
                    f"a contact with alias {alias} already exists",
                    "CONTACT",
                    str(contact["ContactArn"]),
                )

    def _check_plan(self, contact_type: str, plan: Mapping[str, Any]) -> None:
        """On-call schedules are made of rotations; other contacts of stages, not rotations."""
        if contact_type == "ONCALL_SCHEDULE":
            if not plan.get("RotationIds") or plan.get("Stages"):
                raise ValidationException(
                    "an on-call schedule's plan lists rotations and no stages",
                    "FIELD_VALIDATION_FAILED",
                )
        elif plan.get("RotationIds"):
            raise ValidationException(
                f"a {contact_type} contact's plan cannot list rotations",
                "FIELD_VALIDATION_FAILED",
            )

    def _find_contact(self, data: AccountContacts, contact_id: str) -> dict[str, Any]:
        contact = data.contacts.get(contact_id)
        if contact is None:
            raise ResourceNotFoundException("the contact does not exist", "CONTACT", contact_id)
        return contact

    def _find_channel(self, data: AccountContacts, channel_id: str) -> dict[str, Any]:
        channel = data.channels.get(channel_id)
        if channel is None:
            raise ResourceNotFoundException(
                "the contact channel does not exist", "CONTACT_CHANNEL", channel_id
            )
        return channel

    def _find_engagement(self, data: AccountContacts, engagement_id: str) -> dict[str, Any]:
        engagement = data.engagements.get(engagement_id)
        if engagement is None:
            raise ResourceNotFoundException(
                "the engagement does not exist", "ENGAGEMENT", engagement_id
            )
        return engagement

    def _delete_contact_channels(self, data: AccountContacts, contact_arn: str) -> None:
        """Deleting a contact deletes its channels."""
        for arn in [a for a, c in data.channels.items() if c["ContactArn"] == contact_arn]:
            del data.channels[arn]

    # ------------------------------------------------------------------ contacts

    def create_contact(self, account_id: str, region: str, params: Mapping[str, Any]) -> str:
        with self._lock:
            data = self._account(account_id)
            token = params.get("IdempotencyToken")
            if token and ("contact", token) in data.tokens:
                return data.tokens[("contact", token)]
            alias = str(params["Alias"])
            self._check_alias_free(data, alias)
            plan = copy.deepcopy(dict(params["Plan"]))
            self._check_plan(str(params["Type"]), plan)
            arn = self._arn(region, account_id, f"contact/{alias}")
            data.contacts[arn] = {
                "ContactArn": arn,
                "Alias": alias,
                "DisplayName": params.get("DisplayName"),
                "Type": params["Type"],
                "Plan": plan,
            }
            tags = params.get("Tags") or []
            if tags:
                data.tags[arn] = {str(t.get("Key")): str(t.get("Value", "")) for t in tags}
            if token:
                data.tokens[("contact", token)] = arn
            return arn

    def get_contact(self, account_id: str, contact_id: str) -> dict[str, Any]:
        with self._lock:
            return copy.deepcopy(self._find_contact(self._account(account_id), contact_id))

    def list_contacts(
        self, account_id: str, alias_prefix: str | None = None, contact_type: str | None = None
    ) -> list[dict[str, Any]]:
        with self._lock:
            contacts = sorted(self._account(account_id).contacts.values(), key=lambda c: c["Alias"])
            return [
                {key: c[key] for key in ("ContactArn", "Alias", "DisplayName", "Type")}
                for c in contacts
                if (alias_prefix is None or str(c["Alias"]).startswith(alias_prefix))
                and (contact_type is None or c["Type"] == contact_type)
            ]

    def update_contact(self, account_id: str, contact_id: str, params: Mapping[str, Any]) -> None:
        with self._lock:
            contact = self._find_contact(self._account(account_id), contact_id)
            if params.get("Plan") is not None:
                plan = copy.deepcopy(dict(params["Plan"]))
                self._check_plan(str(contact["Type"]), plan)
                contact["Plan"] = plan
            if params.get("DisplayName") is not None:
                contact["DisplayName"] = params["DisplayName"]

    def delete_contact(self, account_id: str, contact_id: str) -> None:
        with self._lock:
            data = self._account(account_id)
            contact = self._find_contact(data, contact_id)
            arn = str(contact["ContactArn"])
            del data.contacts[arn]
            data.tags.pop(arn, None)
            self._delete_contact_channels(data, arn)

    # ------------------------------------------------------------------ channels

    def create_contact_channel(self, account_id: str, params: Mapping[str, Any]) -> str:
        with self._lock:
            data = self._account(account_id)
            token = params.get("IdempotencyToken")
            if token and ("channel", token) in data.tokens:
                return data.tokens[("channel", token)]
            contact = self._find_contact(data, str(params["ContactId"]))
            region = str(contact["ContactArn"]).split(":")[3]
            arn = self._arn(
                region, account_id, f"contact-channel/{contact['Alias']}/{uuid.uuid4().hex}"
            )
            data.channels[arn] = {
                "ContactChannelArn": arn,
                "ContactArn": contact["ContactArn"],
                "Name": params["Name"],
                "Type": params["Type"],
                "DeliveryAddress": copy.deepcopy(dict(params["DeliveryAddress"])),
                "ActivationStatus": "NOT_ACTIVATED",
            }
            if token:
                data.tokens[("channel", token)] = arn
            return arn

    def get_contact_channel(self, account_id: str, channel_id: str) -> dict[str, Any]:
        with self._lock:
            return copy.deepcopy(self._find_channel(self._account(account_id), channel_id))

    def list_contact_channels(self, account_id: str, contact_id: str) -> list[dict[str, Any]]:
        with self._lock:
            data = self._account(account_id)
            contact = self._find_contact(data, contact_id)
            return [
                copy.deepcopy(channel)
                for channel in data.channels.values()
                if channel["ContactArn"] == contact["ContactArn"]
            ]

    def delete_contact_channel(self, account_id: str, channel_id: str) -> None:
        with self._lock:
            data = self._account(account_id)
            self._find_channel(data, channel_id)
            del data.channels[channel_id]

    def activate_contact_channel(self, account_id: str, channel_id: str, code: str) -> None:
        """Any well-formed code activates: the emulator sends no codes it could compare."""
        with self._lock:
            self._find_channel(self._account(account_id), channel_id)["ActivationStatus"] = (
                "ACTIVATED"
            )

    def deactivate_contact_channel(self, account_id: str, channel_id: str) -> None:
        with self._lock:
            self._find_channel(self._account(account_id), channel_id)["ActivationStatus"] = (
                "NOT_ACTIVATED"
            )

    # ------------------------------------------------------------------ engagements

    def start_engagement(self, account_id: str, region: str, params: Mapping[str, Any]) -> str:
        with self._lock:
            data = self._account(account_id)
            token = params.get("IdempotencyToken")
            if token and ("engagement", token) in data.tokens:
                return data.tokens[("engagement", token)]
            contact = self._find_contact(data, str(params["ContactId"]))
            arn = self._arn(region, account_id, f"engagement/{contact['Alias']}/{uuid.uuid4()}")
            engagement = {
                key: params.get(key)
                for key in (
                    "Sender",
                    "Subject",
                    "Content",
                    "PublicSubject",
                    "PublicContent",
                    "IncidentId",
                )
            }
            engagement.update(
                EngagementArn=arn,
                ContactArn=contact["ContactArn"],
                StartTime=self.clock.now(),
                StopTime=None,
            )
            data.engagements[arn] = engagement
            if token:
                data.tokens[("engagement", token)] = arn
            return arn

    @staticmethod
    def _engagement_wire(engagement: Mapping[str, Any], summary: bool = False) -> dict[str, Any]:
        wire = dict(engagement)
        wire["StartTime"] = _moment(wire.get("StartTime"))
        wire["StopTime"] = _moment(wire.get("StopTime"))
        if summary:
            for key in ("Subject", "Content", "PublicSubject", "PublicContent"):
                wire.pop(key, None)
        return wire

    def describe_engagement(self, account_id: str, engagement_id: str) -> dict[str, Any]:
        with self._lock:
            engagement = self._find_engagement(self._account(account_id), engagement_id)
            return self._engagement_wire(engagement)

    def list_engagements(
        self,
        account_id: str,
        incident_id: str | None = None,
        time_range: Mapping[str, Any] | None = None,
    ) -> list[dict[str, Any]]:
        with self._lock:
            start = _seconds((time_range or {}).get("StartTime"))
            end = _seconds((time_range or {}).get("EndTime"))
            chosen = [
                e
                for e in self._account(account_id).engagements.values()
                if (incident_id is None or e.get("IncidentId") == incident_id)
                and (start is None or e["StartTime"] >= start)
                and (end is None or e["StartTime"] <= end)
            ]
            chosen.sort(key=lambda e: float(e["StartTime"]))
            return [self._engagement_wire(e, summary=True) for e in chosen]

    def stop_engagement(self, account_id: str, engagement_id: str) -> None:
        with self._lock:
            engagement = self._find_engagement(self._account(account_id), engagement_id)
            if engagement.get("StopTime") is None:
                engagement["StopTime"] = self.clock.now()

    # ------------------------------------------------------------------ tags

    def _check_taggable(self, data: AccountContacts, arn: str) -> None:
        """Only contacts (and escalation plans) carry tags here."""
        self._find_contact(data, arn)

    def tag_resource(self, account_id: str, arn: str, tags: Iterable[Mapping[str, Any]]) -> None:
        with self._lock:
            data = self._account(account_id)
            self._check_taggable(data, arn)
            data.tags.setdefault(arn, {}).update(
                {str(t.get("Key")): str(t.get("Value", "")) for t in tags}
            )

    def untag_resource(self, account_id: str, arn: str, keys: Iterable[str]) -> None:
        with self._lock:
            data = self._account(account_id)
            self._check_taggable(data, arn)
            current = data.tags.get(arn, {})
            for key in keys:
                current.pop(key, None)

    def list_tags_for_resource(self, account_id: str, arn: str) -> list[dict[str, str]]:
        with self._lock:
            data = self._account(account_id)
            self._check_taggable(data, arn)
            return [{"Key": k, "Value": v} for k, v in sorted(data.tags.get(arn, {}).items())]

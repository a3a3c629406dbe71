"""State and rules of the emulated ``ssm-contacts`` (Incident Manager contacts and engagements).

Contacts (personal contacts, escalation plans, on-call schedules), their channels and the
engagements that page them belong to an account. Their ARNs name the Region they were created
in, but Incident Manager replicates them to every Region of the replication set, so state is
keyed by account and lookups go by ARN.

When the account's replication set is deleted, ``purge_account`` (the ``DataPurger`` seam)
forgets all of it. Each rule sits in its own small method so that a deliberately broken
variant can override exactly one.

What a real service would send to people (the pages of an engagement, a channel's activation
codes) is kept in an outbox per account instead, readable through ``outbox`` (and the control
protocol's ``GET /_conformance/v1/outbox``), so that a test can accept a page or activate a
channel with the code that was "sent".

Choices where the evidence is thin (each listed on the emulator's documentation page): a new
channel is sent an activation code unless its activation is deferred, and it activates only
with the latest code sent to it; pages go to activated channels only; a personal contact's
channels are all sent their page at once, while an escalation plan's stages escalate after
each stage's ``DurationInMinutes`` unless a page of the engagement has been read (accepted
with ``AcceptType`` ``READ``) or the engagement was stopped; a plan's targets are stored as
given, not checked against existing contacts or channels; and this service does not check
that a replication set exists.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import secrets
import threading
import uuid
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from conformance.clock import VirtualClock
from conformance.emulator.contacts import schedule
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
    pages: dict[str, dict[str, Any]] = field(default_factory=dict)
    #: Stages of escalation plans still to engage: (due time, engagement ARN, plan ARN, stage).
    escalations: list[tuple[float, str, str, int]] = field(default_factory=list)
    activation_codes: dict[str, str] = field(default_factory=dict)
    outbox: list[dict[str, Any]] = field(default_factory=list)
    policies: dict[str, str] = field(default_factory=dict)
    rotations: dict[str, dict[str, Any]] = field(default_factory=dict)
    overrides: dict[str, dict[str, dict[str, Any]]] = field(default_factory=dict)


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

    def scheduled(self) -> list[float]:
        """The times at which an escalation plan's next stage is engaged by itself."""
        with self._lock:
            return [due for data in self._accounts.values() for due, *_ in data.escalations]

    def _account(self, account_id: str) -> AccountContacts:
        data = self._accounts.get(account_id)
        if data is None:
            data = self._accounts[account_id] = AccountContacts()
        return data

    def _arn(self, region: str, account_id: str, resource: str) -> str:
        return f"arn:aws:ssm-contacts:{region}:{account_id}:{resource}"

    # ------------------------------------------------------------------ DataPurger

    def purge_account(self, account_id: str) -> None:
        """Forget everything of the account: contacts, escalation plans, on-call schedules,
        channels, engagements, pages, rotations and overrides, policies, tags, the outbox."""
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
            data.activation_codes.pop(arn, None)

    def _check_not_in_rotation(self, data: AccountContacts, contact_arn: str) -> None:
        """Choice: a contact that is a member of a rotation cannot be deleted."""
        for rotation in data.rotations.values():
            if contact_arn in rotation["ContactIds"]:
                raise ConflictException(
                    "the contact is a member of a rotation; remove it from the rotation first",
                    "ROTATION",
                    str(rotation["RotationArn"]),
                )

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
            self._check_not_in_rotation(data, arn)
            del data.contacts[arn]
            data.tags.pop(arn, None)
            data.policies.pop(arn, None)
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
            if not params.get("DeferActivation"):
                self._send_activation_code(data, data.channels[arn])
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
            data.activation_codes.pop(channel_id, None)

    def activate_contact_channel(self, account_id: str, channel_id: str, code: str) -> None:
        """Activate with the latest code sent to the channel (see ``outbox``)."""
        with self._lock:
            data = self._account(account_id)
            channel = self._find_channel(data, channel_id)
            self._check_activation_code(data, channel, code)
            channel["ActivationStatus"] = "ACTIVATED"

    def _check_activation_code(
        self, data: AccountContacts, channel: Mapping[str, Any], code: str
    ) -> None:
        """Choice: only the latest code sent to the channel activates it."""
        sent = data.activation_codes.get(str(channel["ContactChannelArn"]))
        if sent is None:
            raise ValidationException(
                "no activation code has been sent to this contact channel; call "
                "SendActivationCode first",
                "FIELD_VALIDATION_FAILED",
            )
        if not secrets.compare_digest(sent, code):
            raise ValidationException("the activation code is not valid", "FIELD_VALIDATION_FAILED")

    def _send_activation_code(self, data: AccountContacts, channel: Mapping[str, Any]) -> None:
        """A new six-digit code replaces any earlier one; it goes to the outbox."""
        arn = str(channel["ContactChannelArn"])
        code = f"{secrets.randbelow(10**6):06d}"
        data.activation_codes[arn] = code
        data.outbox.append(
            {
                "Kind": "ACTIVATION_CODE",
                "ContactArn": channel["ContactArn"],
                "ContactChannelArn": arn,
                "ChannelType": channel["Type"],
                "DeliveryAddress": copy.deepcopy(channel["DeliveryAddress"]),
                "ActivationCode": code,
                "SentTime": self.clock.now(),
            }
        )

    def send_activation_code(self, account_id: str, channel_id: str) -> None:
        with self._lock:
            data = self._account(account_id)
            self._send_activation_code(data, self._find_channel(data, channel_id))

    def update_contact_channel(
        self, account_id: str, channel_id: str, params: Mapping[str, Any]
    ) -> None:
        """Rename a channel or change its address; a new address must be activated again."""
        with self._lock:
            data = self._account(account_id)
            channel = self._find_channel(data, channel_id)
            if params.get("Name") is not None:
                channel["Name"] = params["Name"]
            address = params.get("DeliveryAddress")
            if address is not None and dict(address) != channel["DeliveryAddress"]:
                channel["DeliveryAddress"] = copy.deepcopy(dict(address))
                self._reactivate_after_address_change(data, channel)

    def _reactivate_after_address_change(
        self, data: AccountContacts, channel: dict[str, Any]
    ) -> None:
        """Choice: a changed address is unverified: the channel is deactivated, a code sent."""
        channel["ActivationStatus"] = "NOT_ACTIVATED"
        self._send_activation_code(data, channel)

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
            self._engage(data, engagement, contact, [], self.clock.now())
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
            data = self._settled(account_id)
            engagement = self._find_engagement(data, engagement_id)
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
            engagement = self._find_engagement(self._settled(account_id), engagement_id)
            if engagement.get("StopTime") is None:
                engagement["StopTime"] = self.clock.now()

    # ------------------------------------------------------------------ pages

    def _settled(self, account_id: str) -> AccountContacts:
        """The account, once the escalation stages whose time has come have been engaged."""
        data = self._account(account_id)
        self._escalate(data)
        return data

    def _escalate(self, data: AccountContacts) -> None:
        now = self.clock.now()
        while True:
            due = [e for e in data.escalations if e[0] <= now]
            if not due:
                return
            item = min(due)
            data.escalations.remove(item)
            at, engagement_arn, plan_arn, stage = item
            engagement = data.engagements.get(engagement_arn)
            plan = data.contacts.get(plan_arn)
            if engagement is None or plan is None:
                continue
            if self._escalation_continues(data, engagement):
                self._engage_stage(data, engagement, plan, stage, path=[], at=at)

    def _escalation_continues(self, data: AccountContacts, engagement: Mapping[str, Any]) -> bool:
        """Choice: escalation stops once the engagement stops or one of its pages is read."""
        if engagement.get("StopTime") is not None:
            return False
        arn = engagement["EngagementArn"]
        return not any(
            p["EngagementArn"] == arn and p.get("ReadTime") is not None for p in data.pages.values()
        )

    def _engage(
        self,
        data: AccountContacts,
        engagement: Mapping[str, Any],
        contact: Mapping[str, Any],
        path: list[dict[str, Any]],
        at: float,
    ) -> None:
        """Page a personal contact, start an escalation plan, or page who is on call."""
        arn = str(contact["ContactArn"])
        if any(step["ContactArn"] == arn for step in path):
            return  # a plan that reaches itself again pages nobody twice
        kind = str(contact["Type"])
        if kind == "PERSONAL":
            self._page(
                data, engagement, contact, path=[*path, {"ContactArn": arn, "Type": kind}], at=at
            )
        elif kind == "ESCALATION":
            self._engage_stage(data, engagement, contact, 0, path=path, at=at)
        else:
            step = {"ContactArn": arn, "Type": kind}
            for member in self._on_call_now(data, contact, at):
                person = data.contacts.get(member)
                if person is not None:
                    self._engage(data, engagement, person, [*path, step], at)

    def _engage_stage(
        self,
        data: AccountContacts,
        engagement: Mapping[str, Any],
        plan: Mapping[str, Any],
        index: int,
        *,
        path: list[dict[str, Any]],
        at: float,
    ) -> None:
        """Engage one stage of an escalation plan and schedule the next one."""
        stages = plan["Plan"].get("Stages") or []
        if index >= len(stages):
            return
        stage = stages[index]
        step = {"ContactArn": plan["ContactArn"], "Type": plan["Type"], "StageIndex": index}
        for target in stage.get("Targets") or []:
            contact_target = target.get("ContactTargetInfo") or {}
            channel_target = target.get("ChannelTargetInfo") or {}
            if contact_target.get("ContactId"):
                contact = data.contacts.get(str(contact_target["ContactId"]))
                if contact is not None:
                    self._engage(data, engagement, contact, [*path, step], at)
            elif channel_target.get("ContactChannelId"):
                channel = data.channels.get(str(channel_target["ContactChannelId"]))
                owner = data.contacts.get(str(channel["ContactArn"])) if channel else None
                if channel is not None and owner is not None:
                    person = {"ContactArn": owner["ContactArn"], "Type": owner["Type"]}
                    self._page(
                        data,
                        engagement,
                        owner,
                        path=[*path, step, person],
                        at=at,
                        channels=[channel],
                    )
        if index + 1 < len(stages):
            due = at + 60.0 * float(stage.get("DurationInMinutes") or 0)
            data.escalations.append(
                (due, str(engagement["EngagementArn"]), str(plan["ContactArn"]), index + 1)
            )

    def _personal_channels(
        self, data: AccountContacts, contact: Mapping[str, Any]
    ) -> list[dict[str, Any]]:
        """The channels a personal contact's plan names, or all of its channels if none."""
        named = [
            str((target.get("ChannelTargetInfo") or {}).get("ContactChannelId"))
            for stage in contact["Plan"].get("Stages") or []
            for target in stage.get("Targets") or []
            if (target.get("ChannelTargetInfo") or {}).get("ContactChannelId")
        ]
        if named:
            return [data.channels[arn] for arn in dict.fromkeys(named) if arn in data.channels]
        return [c for c in data.channels.values() if c["ContactArn"] == contact["ContactArn"]]

    def _page(
        self,
        data: AccountContacts,
        engagement: Mapping[str, Any],
        contact: Mapping[str, Any],
        *,
        path: list[dict[str, Any]],
        at: float,
        channels: list[dict[str, Any]] | None = None,
    ) -> None:
        """One page for a contact; its activated channels are sent it (receipts ``SENT``).

        A contact that one stage reaches twice (through two plans) is paged once."""
        for earlier in data.pages.values():
            if (
                earlier["EngagementArn"] == engagement["EngagementArn"]
                and earlier["ContactArn"] == contact["ContactArn"]
                and earlier["SentTime"] == at
            ):
                return
        region = str(engagement["EngagementArn"]).split(":")[3]
        account_id = str(engagement["EngagementArn"]).split(":")[4]
        arn = self._arn(region, account_id, f"page/{contact['Alias']}/{uuid.uuid4()}")
        code = f"{secrets.randbelow(10**6):06d}"
        page: dict[str, Any] = {
            "PageArn": arn,
            "EngagementArn": engagement["EngagementArn"],
            "ContactArn": contact["ContactArn"],
            **{
                key: engagement.get(key)
                for key in (
                    "Sender",
                    "Subject",
                    "Content",
                    "PublicSubject",
                    "PublicContent",
                    "IncidentId",
                )
            },
            "SentTime": at,
            "DeliveryTime": None,
            "ReadTime": None,
            "_AcceptCode": code,
            "_Receipts": [],
            "_Resolution": copy.deepcopy(path),
        }
        data.pages[arn] = page
        for channel in channels if channels is not None else self._personal_channels(data, contact):
            if channel["ActivationStatus"] != "ACTIVATED":
                continue
            page["_Receipts"].append(
                {
                    "ContactChannelArn": channel["ContactChannelArn"],
                    "ReceiptType": "SENT",
                    "ReceiptTime": at,
                }
            )
            data.outbox.append(
                {
                    "Kind": "PAGE",
                    "PageArn": arn,
                    "EngagementArn": engagement["EngagementArn"],
                    "ContactArn": contact["ContactArn"],
                    "ContactChannelArn": channel["ContactChannelArn"],
                    "ChannelType": channel["Type"],
                    "DeliveryAddress": copy.deepcopy(channel["DeliveryAddress"]),
                    "Subject": engagement.get("Subject"),
                    "Content": engagement.get("Content"),
                    "PublicSubject": engagement.get("PublicSubject"),
                    "PublicContent": engagement.get("PublicContent"),
                    "AcceptCode": code,
                    "SentTime": at,
                }
            )

    def _find_page(self, data: AccountContacts, page_id: str) -> dict[str, Any]:
        page = data.pages.get(page_id)
        if page is None:
            raise ResourceNotFoundException("the page does not exist", "PAGE", page_id)
        return page

    _PAGE_SUMMARY = (
        "PageArn",
        "EngagementArn",
        "ContactArn",
        "Sender",
        "IncidentId",
        "SentTime",
        "DeliveryTime",
        "ReadTime",
    )

    def _page_wire(self, page: Mapping[str, Any], summary: bool = False) -> dict[str, Any]:
        wire = {
            key: copy.deepcopy(value)
            for key, value in page.items()
            if not key.startswith("_") and (not summary or key in self._PAGE_SUMMARY)
        }
        for key in ("SentTime", "DeliveryTime", "ReadTime"):
            wire[key] = _moment(wire.get(key))
        return wire

    def describe_page(self, account_id: str, page_id: str) -> dict[str, Any]:
        with self._lock:
            return self._page_wire(self._find_page(self._settled(account_id), page_id))

    def list_pages_by_contact(self, account_id: str, contact_id: str) -> list[dict[str, Any]]:
        with self._lock:
            data = self._settled(account_id)
            arn = self._find_contact(data, contact_id)["ContactArn"]
            pages = [p for p in data.pages.values() if p["ContactArn"] == arn]
            return [self._page_wire(p, summary=True) for p in pages]

    def list_pages_by_engagement(self, account_id: str, engagement_id: str) -> list[dict[str, Any]]:
        with self._lock:
            data = self._settled(account_id)
            arn = self._find_engagement(data, engagement_id)["EngagementArn"]
            pages = [p for p in data.pages.values() if p["EngagementArn"] == arn]
            return [self._page_wire(p, summary=True) for p in pages]

    def accept_page(self, account_id: str, params: Mapping[str, Any]) -> None:
        """Record that a page was delivered or read (acknowledged) on a channel."""
        with self._lock:
            data = self._settled(account_id)
            page = self._find_page(data, str(params["PageId"]))
            channel_arn = params.get("ContactChannelId")
            if channel_arn is not None:
                channel = self._find_channel(data, str(channel_arn))
                self._check_channel_of_page(page, channel)
            if params.get("AcceptCodeValidation") == "ENFORCE" and not secrets.compare_digest(
                str(page["_AcceptCode"]), str(params["AcceptCode"])
            ):
                raise ValidationException(
                    "the accept code does not match the code sent with the page",
                    "FIELD_VALIDATION_FAILED",
                )
            now = self.clock.now()
            kind = str(params["AcceptType"])
            receipt: dict[str, Any] = {"ReceiptType": kind, "ReceiptTime": now}
            if channel_arn is not None:
                receipt["ContactChannelArn"] = channel_arn
            if params.get("Note") is not None:
                receipt["ReceiptInfo"] = params["Note"]
            page["_Receipts"].append(receipt)
            if page.get("DeliveryTime") is None:
                page["DeliveryTime"] = now
            if kind == "READ" and page.get("ReadTime") is None:
                page["ReadTime"] = now

    def _check_channel_of_page(self, page: Mapping[str, Any], channel: Mapping[str, Any]) -> None:
        """Choice: a page is accepted only on a channel of the contact it was sent to."""
        if channel["ContactArn"] != page["ContactArn"]:
            raise ValidationException(
                "the contact channel does not belong to the paged contact",
                "FIELD_VALIDATION_FAILED",
            )

    def list_page_receipts(self, account_id: str, page_id: str) -> list[dict[str, Any]]:
        with self._lock:
            page = self._find_page(self._settled(account_id), page_id)
            receipts = copy.deepcopy(page["_Receipts"])
            for receipt in receipts:
                receipt["ReceiptTime"] = _moment(receipt["ReceiptTime"])
            return list(receipts)

    def list_page_resolutions(self, account_id: str, page_id: str) -> list[dict[str, Any]]:
        """The path from the engaged contact to the paged one (plan > schedule > contact)."""
        with self._lock:
            page = self._find_page(self._settled(account_id), page_id)
            return list(copy.deepcopy(page["_Resolution"]))

    def outbox(self, account_id: str | None = None) -> list[dict[str, Any]]:
        """What a real service would have sent to people: pages and activation codes."""
        with self._lock:
            messages: list[dict[str, Any]] = []
            for owner, data in sorted(self._accounts.items()):
                if account_id is not None and owner != account_id:
                    continue
                self._escalate(data)
                messages.extend({"AccountId": owner, **copy.deepcopy(m)} for m in data.outbox)
            messages.sort(key=lambda m: float(m["SentTime"]))
            return messages

    # ------------------------------------------------------------------ contact policies

    def put_contact_policy(self, account_id: str, contact_arn: str, policy: str) -> None:
        with self._lock:
            data = self._account(account_id)
            arn = str(self._find_contact(data, contact_arn)["ContactArn"])
            self._check_policy(policy)
            data.policies[arn] = policy

    @staticmethod
    def _check_policy(policy: str) -> None:
        """A resource policy is a JSON object (the emulator does not evaluate it)."""
        try:
            document = json.loads(policy)
        except ValueError:
            document = None
        if not isinstance(document, dict):
            raise ValidationException("the policy is not a JSON object", "FIELD_VALIDATION_FAILED")

    def get_contact_policy(self, account_id: str, contact_arn: str) -> dict[str, Any]:
        with self._lock:
            data = self._account(account_id)
            arn = str(self._find_contact(data, contact_arn)["ContactArn"])
            return {"ContactArn": arn, "Policy": data.policies.get(arn)}

    # ------------------------------------------------------------------ rotations

    #: The longest time range whose shifts one request may list.
    MAX_SHIFT_RANGE = 366 * 86400.0
    #: The most coverage windows one day of ``ShiftCoverages`` may have.
    MAX_COVERAGES_PER_DAY = 100
    #: The most overrides a preview may name.
    MAX_PREVIEW_OVERRIDES = 100

    def _find_rotation(self, data: AccountContacts, rotation_id: str) -> dict[str, Any]:
        rotation = data.rotations.get(rotation_id)
        if rotation is None:
            raise ResourceNotFoundException("the rotation does not exist", "ROTATION", rotation_id)
        return rotation

    @staticmethod
    def _check_time_zone(name: str) -> None:
        try:
            schedule.time_zone(name)
        except schedule.TimeZoneError as error:
            raise ValidationException(str(error), "FIELD_VALIDATION_FAILED") from None

    @staticmethod
    def _check_recurrence(recurrence: Mapping[str, Any]) -> None:
        """Exactly one of daily, weekly and monthly settings names the hand-offs."""
        kinds = [
            k for k in ("DailySettings", "WeeklySettings", "MonthlySettings") if recurrence.get(k)
        ]
        if len(kinds) != 1:
            raise ValidationException(
                "a recurrence has exactly one of DailySettings, WeeklySettings and "
                "MonthlySettings, with at least one hand-off",
                "FIELD_VALIDATION_FAILED",
            )
        for day, windows in (recurrence.get("ShiftCoverages") or {}).items():
            if day not in schedule.DAYS:
                raise ValidationException(
                    f"{day!r} is not a day of the week", "FIELD_VALIDATION_FAILED"
                )
            if len(windows or []) > ContactsService.MAX_COVERAGES_PER_DAY:
                raise ValidationException(
                    f"a day has at most {ContactsService.MAX_COVERAGES_PER_DAY} coverage windows",
                    "FIELD_VALIDATION_FAILED",
                )
            for window in windows or []:
                if not window.get("Start") or not window.get("End"):
                    raise ValidationException(
                        "a shift coverage names its start and end", "FIELD_VALIDATION_FAILED"
                    )

    def _check_members(self, data: AccountContacts, contact_ids: Iterable[str]) -> list[str]:
        """Rotation members are existing personal contacts, each listed once."""
        members = [str(c) for c in contact_ids]
        if len(set(members)) != len(members):
            raise ValidationException(
                "a contact is listed more than once", "FIELD_VALIDATION_FAILED"
            )
        for member in members:
            if self._find_contact(data, member)["Type"] != "PERSONAL":
                raise ValidationException(
                    "only PERSONAL contacts can be members of a rotation",
                    "FIELD_VALIDATION_FAILED",
                )
        return members

    @staticmethod
    def _check_on_calls(recurrence: Mapping[str, Any], members: list[str]) -> None:
        """Choice: no more contacts on call at once than the rotation has members."""
        if int(recurrence["NumberOfOnCalls"]) > len(members):
            raise ValidationException(
                "NumberOfOnCalls exceeds the number of contacts in the rotation",
                "FIELD_VALIDATION_FAILED",
            )

    def create_rotation(self, account_id: str, region: str, params: Mapping[str, Any]) -> str:
        with self._lock:
            data = self._account(account_id)
            token = params.get("IdempotencyToken")
            if token and ("rotation", token) in data.tokens:
                return data.tokens[("rotation", token)]
            members = self._check_members(data, params["ContactIds"])
            self._check_time_zone(str(params["TimeZoneId"]))
            recurrence = copy.deepcopy(dict(params["Recurrence"]))
            self._check_recurrence(recurrence)
            self._check_on_calls(recurrence, members)
            slug = "".join(c if c.isalnum() or c in "-_." else "_" for c in str(params["Name"]))
            arn = self._arn(region, account_id, f"rotation/{slug}/{uuid.uuid4()}")
            start = _seconds(params.get("StartTime"))
            data.rotations[arn] = {
                "RotationArn": arn,
                "Name": params["Name"],
                "ContactIds": members,
                "StartTime": self.clock.now() if start is None else start,
                "TimeZoneId": params["TimeZoneId"],
                "Recurrence": recurrence,
            }
            data.overrides[arn] = {}
            tags = params.get("Tags") or []
            if tags:
                data.tags[arn] = {str(t.get("Key")): str(t.get("Value", "")) for t in tags}
            if token:
                data.tokens[("rotation", token)] = arn
            return arn

    @staticmethod
    def _rotation_wire(rotation: Mapping[str, Any]) -> dict[str, Any]:
        wire = copy.deepcopy(dict(rotation))
        wire["StartTime"] = _moment(wire["StartTime"])
        return wire

    def get_rotation(self, account_id: str, rotation_id: str) -> dict[str, Any]:
        with self._lock:
            return self._rotation_wire(self._find_rotation(self._account(account_id), rotation_id))

    def list_rotations(self, account_id: str, prefix: str | None = None) -> list[dict[str, Any]]:
        with self._lock:
            rotations = sorted(
                self._account(account_id).rotations.values(),
                key=lambda r: (str(r["Name"]), str(r["RotationArn"])),
            )
            return [
                self._rotation_wire(r)
                for r in rotations
                if prefix is None or str(r["Name"]).startswith(prefix)
            ]

    def update_rotation(self, account_id: str, rotation_id: str, params: Mapping[str, Any]) -> None:
        with self._lock:
            data = self._account(account_id)
            rotation = self._find_rotation(data, rotation_id)
            members = rotation["ContactIds"]
            if params.get("ContactIds") is not None:
                members = self._check_members(data, params["ContactIds"])
            if params.get("TimeZoneId") is not None:
                self._check_time_zone(str(params["TimeZoneId"]))
            recurrence = copy.deepcopy(dict(params["Recurrence"]))
            self._check_recurrence(recurrence)
            self._check_on_calls(recurrence, members)
            rotation["ContactIds"] = members
            rotation["Recurrence"] = recurrence
            if params.get("TimeZoneId") is not None:
                rotation["TimeZoneId"] = params["TimeZoneId"]
            start = _seconds(params.get("StartTime"))
            if start is not None:
                rotation["StartTime"] = start

    def delete_rotation(self, account_id: str, rotation_id: str) -> None:
        """Delete a rotation, and take it out of every on-call schedule that lists it."""
        with self._lock:
            data = self._account(account_id)
            arn = str(self._find_rotation(data, rotation_id)["RotationArn"])
            self._check_schedules_keep_a_rotation(data, arn)
            for contact in data.contacts.values():
                ids = contact["Plan"].get("RotationIds")
                if ids and arn in ids:
                    contact["Plan"]["RotationIds"] = [r for r in ids if r != arn]
            del data.rotations[arn]
            data.overrides.pop(arn, None)
            data.tags.pop(arn, None)

    def _check_schedules_keep_a_rotation(self, data: AccountContacts, arn: str) -> None:
        """Choice: a rotation that is an on-call schedule's only one cannot be deleted."""
        for contact in data.contacts.values():
            if contact["Plan"].get("RotationIds") == [arn]:
                raise ConflictException(
                    "the rotation is the only rotation of an on-call schedule",
                    "CONTACT",
                    str(contact["ContactArn"]),
                )

    def _range(
        self, params: Mapping[str, Any], start_key: str = "StartTime"
    ) -> tuple[float, float]:
        start = _seconds(params.get(start_key))
        since = self.clock.now() if start is None else start
        until = _seconds(params.get("EndTime"))
        if until is None or until <= since:
            raise ValidationException(
                "EndTime must be later than StartTime", "FIELD_VALIDATION_FAILED"
            )
        if until - since > self.MAX_SHIFT_RANGE:
            raise ValidationException(
                "the time range may span at most 366 days", "FIELD_VALIDATION_FAILED"
            )
        return since, until

    def _shifts(
        self,
        rotation: Mapping[str, Any],
        overrides: Iterable[Mapping[str, Any]],
        since: float,
        until: float,
    ) -> list[schedule.Shift]:
        ordered = sorted(
            (o for o in overrides if o["StartTime"] < until and o["EndTime"] > since),
            key=lambda o: float(o["CreateTime"]),
        )
        try:
            return self._compute_shifts(rotation, ordered, since, until)
        except schedule.TooManyShifts:
            raise ValidationException(
                f"the time range holds more than {schedule.MAX_SHIFTS} shifts; ask for a "
                "shorter range",
                "FIELD_VALIDATION_FAILED",
            ) from None
        except (OverflowError, ValueError):  # the calendar runs out near year 1 or 9999
            raise ValidationException(
                "the rotation's shifts cannot be dated so near the ends of the calendar",
                "FIELD_VALIDATION_FAILED",
            ) from None

    @staticmethod
    def _compute_shifts(
        rotation: Mapping[str, Any],
        ordered: list[Mapping[str, Any]],
        since: float,
        until: float,
    ) -> list[schedule.Shift]:
        return schedule.shifts(
            members=rotation["ContactIds"],
            recurrence=rotation["Recurrence"],
            zone=schedule.time_zone(str(rotation["TimeZoneId"])),
            start=float(rotation["StartTime"]),
            since=since,
            until=until,
            overrides=[
                schedule.Override(o["StartTime"], o["EndTime"], tuple(o["NewContactIds"]))
                for o in ordered
            ],
        )

    def list_rotation_shifts(
        self, account_id: str, rotation_id: str, params: Mapping[str, Any]
    ) -> list[dict[str, Any]]:
        with self._lock:
            data = self._account(account_id)
            rotation = self._find_rotation(data, rotation_id)
            since, until = self._range(params)
            overrides = data.overrides.get(str(rotation["RotationArn"]), {}).values()
            return [s.to_wire() for s in self._shifts(rotation, overrides, since, until)]

    def list_preview_rotation_shifts(self, params: Mapping[str, Any]) -> list[dict[str, Any]]:
        """The shifts a rotation would have; nothing is stored and members need not exist."""
        self._check_time_zone(str(params["TimeZoneId"]))
        recurrence = dict(params["Recurrence"])
        self._check_recurrence(recurrence)
        members = [str(m) for m in params["Members"]]
        self._check_on_calls(recurrence, members)
        since, until = self._range(params)
        start = _seconds(params.get("RotationStartTime"))
        rotation = {
            "ContactIds": members,
            "Recurrence": recurrence,
            "TimeZoneId": params["TimeZoneId"],
            "StartTime": since if start is None else start,
        }
        if len(params.get("Overrides") or []) > self.MAX_PREVIEW_OVERRIDES:
            raise ValidationException(
                f"a preview names at most {self.MAX_PREVIEW_OVERRIDES} overrides",
                "FIELD_VALIDATION_FAILED",
            )
        overrides = []
        for index, item in enumerate(params.get("Overrides") or []):
            low, high = _seconds(item.get("StartTime")), _seconds(item.get("EndTime"))
            if low is None or high is None or high <= low:
                raise ValidationException(
                    "an override needs a StartTime before its EndTime", "FIELD_VALIDATION_FAILED"
                )
            overrides.append(
                {
                    "StartTime": low,
                    "EndTime": high,
                    "NewContactIds": [str(m) for m in item.get("NewMembers") or []],
                    "CreateTime": float(index),
                }
            )
        return [s.to_wire() for s in self._shifts(rotation, overrides, since, until)]

    def create_rotation_override(self, account_id: str, params: Mapping[str, Any]) -> str:
        with self._lock:
            data = self._account(account_id)
            rotation = self._find_rotation(data, str(params["RotationId"]))
            arn = str(rotation["RotationArn"])
            token = params.get("IdempotencyToken")
            if token and ("override", token) in data.tokens:
                return data.tokens[("override", token)]
            start, end = _seconds(params["StartTime"]), _seconds(params["EndTime"])
            if start is None or end is None or end <= start:
                raise ValidationException(
                    "EndTime must be later than StartTime", "FIELD_VALIDATION_FAILED"
                )
            members = [str(c) for c in params["NewContactIds"]]
            for member in members:
                self._find_contact(data, member)
            override_id = str(uuid.uuid4())
            data.overrides.setdefault(arn, {})[override_id] = {
                "RotationOverrideId": override_id,
                "RotationArn": arn,
                "NewContactIds": members,
                "StartTime": start,
                "EndTime": end,
                "CreateTime": self.clock.now(),
            }
            if token:
                data.tokens[("override", token)] = override_id
            return override_id

    def _find_override(
        self, data: AccountContacts, rotation_id: str, override_id: str
    ) -> dict[str, Any]:
        rotation = self._find_rotation(data, rotation_id)
        override = data.overrides.get(str(rotation["RotationArn"]), {}).get(override_id)
        if override is None:
            raise ResourceNotFoundException(
                "the rotation override does not exist", "ROTATION_OVERRIDE", override_id
            )
        return override

    @staticmethod
    def _override_wire(override: Mapping[str, Any], summary: bool = False) -> dict[str, Any]:
        wire = copy.deepcopy(dict(override))
        for key in ("StartTime", "EndTime", "CreateTime"):
            wire[key] = _moment(wire[key])
        if summary:
            wire.pop("RotationArn", None)
        return wire

    def get_rotation_override(
        self, account_id: str, rotation_id: str, override_id: str
    ) -> dict[str, Any]:
        with self._lock:
            data = self._account(account_id)
            return self._override_wire(self._find_override(data, rotation_id, override_id))

    def delete_rotation_override(self, account_id: str, rotation_id: str, override_id: str) -> None:
        with self._lock:
            data = self._account(account_id)
            override = self._find_override(data, rotation_id, override_id)
            del data.overrides[str(override["RotationArn"])][override_id]

    def list_rotation_overrides(
        self, account_id: str, rotation_id: str, params: Mapping[str, Any]
    ) -> list[dict[str, Any]]:
        """The overrides that overlap the time range, by start time."""
        with self._lock:
            data = self._account(account_id)
            rotation = self._find_rotation(data, rotation_id)
            since, until = _seconds(params["StartTime"]), _seconds(params["EndTime"])
            if since is None or until is None or until <= since:
                raise ValidationException(
                    "EndTime must be later than StartTime", "FIELD_VALIDATION_FAILED"
                )
            chosen = [
                o
                for o in data.overrides.get(str(rotation["RotationArn"]), {}).values()
                if o["StartTime"] < until and o["EndTime"] > since
            ]
            chosen.sort(key=lambda o: (float(o["StartTime"]), float(o["CreateTime"])))
            return [self._override_wire(o, summary=True) for o in chosen]

    def _on_call_now(
        self, data: AccountContacts, schedule_contact: Mapping[str, Any], at: float
    ) -> list[str]:
        """The contacts an on-call schedule's rotations have on call at ``at``."""
        on_call: list[str] = []
        for rotation_arn in schedule_contact["Plan"].get("RotationIds") or []:
            rotation = data.rotations.get(str(rotation_arn))
            if rotation is None:
                continue
            overrides = data.overrides.get(str(rotation["RotationArn"]), {}).values()
            try:
                current = self._shifts(rotation, overrides, at, at + 1.0)
            except ValidationException:
                continue
            for shift in current:
                if shift.start <= at < shift.end:
                    on_call.extend(c for c in shift.contacts if c not in on_call)
        return on_call

    # ------------------------------------------------------------------ tags

    def _check_taggable(self, data: AccountContacts, arn: str) -> None:
        """Contacts (escalation plans and on-call schedules too) and rotations carry tags."""
        if arn not in data.rotations:
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

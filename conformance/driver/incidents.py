"""Replication sets and the Incident Manager data that lives and dies with them."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from conformance.driver.calls import NOT_FOUND_CODES, Attempt, attempt, expect, look
from conformance.driver.identities import ACCESS_DENIED
from conformance.driver.waiting import poll_until, retry_while
from conformance.errors import ImplementationFailure
from conformance.live.journal import CONTACT, INCIDENT_RECORD, REPLICATION_SET, RESPONSE_PLAN

if TYPE_CHECKING:
    from conformance.driver.roles import Roles
    from conformance.driver.session import Session


#: Replication set statuses in which no change is under way.
SETTLED_STATUSES = ("ACTIVE", "FAILED")
DONE = "done"


@dataclass(frozen=True)
class Deletion:
    """A deletion request (``ask``) and how the set looks once it is done (``done``, given
    the set as ``GetReplicationSet`` shows it, or ``None`` when it is gone)."""

    what: str
    ask: Callable[[], Any]
    done: Callable[[dict[str, Any] | None], bool]


class ReplicationSets:
    """Create, change, watch and delete the account's replication set.

    ``roles`` is asked whether the role exists before a set is created, since the service
    creates it for the set when it does not, and then that role is this scenario's to remove.
    """

    def __init__(self, session: Session, roles: Roles) -> None:
        self._session = session
        self._roles = roles
        self.arn: str | None = None
        self.regions: tuple[str, ...] = ()
        #: A change was requested that no wait has seen through yet.
        self._changing = False
        #: A deletion accepted by ``try_delete_region`` that a wait for the set to be gone
        #: asks again while the set stays.
        self._requested: Deletion | None = None
        #: The set as the last wait for a deletion saw it (``None``: gone).
        self._last_seen: dict[str, Any] | None = None

    def _client(self) -> Any:
        return self._session.client(
            "ssm-incidents", region=self.regions[0] if self.regions else None
        )

    def existing_arn(self, region: str | None = None) -> str | None:
        """The ARN of a replication set the account already has, seen through ``region``.

        A refused or unanswered look is a failure, never "there is none".
        """
        client = self._session.client("ssm-incidents", region=region)
        pages = client.get_paginator("list_replication_sets")
        arns = expect(
            f"ListReplicationSets in {self._session.region(region)}",
            lambda: [a for p in pages.paginate() for a in p["replicationSetArns"]],
        )
        return str(arns[0]) if arns else None

    def create(self, regions: list[str]) -> str:
        self.regions = tuple(regions)
        client = self._client()
        tracker = self._session.tracker
        if not tracker.wiped and self._roles.find() is None:
            # The service will create the role for this set: it is ours to remove afterwards,
            # once the set is gone (the undo stack runs newest first, so register it first).
            tracker.may_have_created(
                "role brought by a replication set",
                self._roles.remove_after_scenario,
                self._roles.intend("replication set"),
            )
        token = str(uuid.uuid4())
        entry = tracker.intend(
            REPLICATION_SET,
            region=self._session.region(regions[0] if regions else None),
            token=token,
            regions=",".join(regions),
        )
        answer = expect(
            f"Creating a replication set in {', '.join(regions)}",
            lambda: client.create_replication_set(
                regions={region: {} for region in regions},
                tags=self._session.run_tags_map(),
                clientToken=token,
            ),
        )
        self.arn = str(answer["arn"])
        self._changing = True
        tracker.created("replication set", self._delete_quietly, entry, self.arn)
        return self.arn

    def _delete_quietly(self) -> None:
        """Cleanup: delete the set as a scenario does, asking again while it stays."""
        if self.arn is not None:
            self.delete()

    def _require_arn(self) -> str:
        if self.arn is None:
            raise ImplementationFailure("No replication set was created in this scenario.")
        return self.arn

    def get(self) -> dict[str, Any] | None:
        arn = self._require_arn()
        found = look("GetReplicationSet", lambda: self._client().get_replication_set(arn=arn))
        return None if found is None else found["replicationSet"]

    def wait_active(self) -> dict[str, Any]:
        def probe() -> dict[str, Any] | None:
            found = self.get()
            if found is None:
                raise ImplementationFailure(
                    "The replication set disappeared while becoming active."
                )
            if found.get("status") == "FAILED":
                raise ImplementationFailure("The replication set ended in status FAILED.")
            return found if found.get("status") == "ACTIVE" else None

        active = poll_until(
            self._session.clock,
            probe,
            reason="bring the replication set to ACTIVE",
            timeout=self._session.timeouts.replication_set,
            interval=self._session.timeouts.interval,
            just_asked=self._changing,
        )
        self._changing = False
        return active

    def ensure_active(self, regions: list[str]) -> dict[str, Any]:
        self.create(regions)
        return self.wait_active()

    def delete(self) -> None:
        """Delete the set and wait until it is gone, asking again while it stays."""
        arn = self._require_arn()
        self._until_deleted(
            Deletion(
                "Deleting the replication set",
                lambda: self._client().delete_replication_set(arn=arn),
                lambda found: found is None,
            )
        )

    def wait_gone(self) -> None:
        """Wait until the set is gone; a deletion just requested is asked again while the set
        stays (see ``_until_deleted``)."""
        if self._requested is not None:
            self._until_deleted(self._requested, asked=True)
            return
        poll_until(
            self._session.clock,
            lambda: True if self.get() is None else None,
            reason="finish deleting the replication set",
            timeout=self._session.timeouts.replication_set,
            interval=self._session.timeouts.interval,
            just_asked=self._changing,
        )
        self._gone()

    def _gone(self) -> None:
        self._changing = False
        self._requested = None
        self._session.tracker.forget("replication set")

    def _until_deleted(self, deletion: Deletion, *, asked: bool = False) -> None:
        """Ask for ``deletion`` until it is done, within ``Timeouts.release``.

        The page advises that deleting the resources can fail while the service still uses
        the role, and to try again a few minutes later. So a set that stays (ACTIVE or FAILED
        once the request has settled) or a refusal other than AccessDenied or a missing set is
        asked again every ``Timeouts.release_interval`` seconds of the backend's clock; only
        when that time runs out is it the implementation's failure. ``asked`` says the first
        request was already made (and accepted) by the step before.
        """
        timeouts = self._session.timeouts
        already_asked = asked

        def once() -> str:
            nonlocal already_asked
            refusal = None if already_asked else self._ask(deletion)
            already_asked = False
            if refusal is not None:
                return refusal
            self._changing = True
            return self._settled(deletion)

        final = retry_while(
            self._session.clock,
            once,
            again=lambda result: result != DONE,
            timeout=timeouts.release,
            interval=timeouts.release_interval,
        )
        if final != DONE:
            raise ImplementationFailure(
                f"{deletion.what} did not complete after asking again for "
                f"{timeouts.release:.0f} seconds (last: {final})."
            )
        if self._last_seen is None:
            self._gone()
        self._changing = False

    @staticmethod
    def _ask(deletion: Deletion) -> str | None:
        """Request ``deletion``: ``None`` when accepted (or the set is already gone), else why
        it must be asked again; AccessDenied is the implementation's failure at once."""
        outcome = attempt(deletion.what, deletion.ask)
        if outcome.error_code in ACCESS_DENIED:
            raise ImplementationFailure(
                f"{deletion.what} was refused ({outcome.error_code}: {outcome.error_message or ''})."
            )
        if outcome.succeeded or outcome.error_code in NOT_FOUND_CODES:
            return None
        return f"refused with {outcome.error_code}"

    def _settled(self, deletion: Deletion) -> str:
        """Wait until the set shows the deletion ``DONE``, or ``stayed`` (settled without it)."""

        def probe() -> str | None:
            found = self._last_seen = self.get() if self.arn is not None else None
            if deletion.done(found):
                return DONE
            if found is not None and found.get("status") in SETTLED_STATUSES:
                return "the replication set stayed " + str(found.get("status"))
            return None

        result = poll_until(
            self._session.clock,
            probe,
            reason=f"settle after {deletion.what[0].lower()}{deletion.what[1:]}",
            timeout=self._session.timeouts.replication_set,
            interval=self._session.timeouts.interval,
            just_asked=self._changing,
        )
        self._changing = False
        return result

    def region_names(self) -> set[str]:
        found = self.get()
        if found is None:
            raise ImplementationFailure("The replication set no longer exists.")
        return set(found.get("regionMap", {}))

    def set_deletion_protection(self, on: bool) -> None:
        arn = self._require_arn()
        expect(
            "Changing deletion protection",
            lambda: self._client().update_deletion_protection(arn=arn, deletionProtected=on),
        )

    def _update(self, action: dict[str, Any]) -> Any:
        arn = self._require_arn()
        return self._client().update_replication_set(arn=arn, actions=[action])

    def _region_deletion(self, region: str) -> Deletion:
        """Deleting ``region``: done when the set no longer holds it and is ACTIVE again, or,
        for the final Region, when the set is gone."""

        def done(found: dict[str, Any] | None) -> bool:
            return found is None or (
                region not in found.get("regionMap", {}) and found.get("status") == "ACTIVE"
            )

        return Deletion(
            f"Deleting the Region {region}",
            lambda: self._update({"deleteRegionAction": {"regionName": region}}),
            done,
        )

    def try_delete_region(self, region: str) -> Attempt:
        """Ask once, for a step that judges the answer; an accepted deletion is asked again
        by a later wait for the set to be gone, while the set stays."""
        deletion = self._region_deletion(region)
        outcome = attempt(deletion.what, deletion.ask)
        if outcome.succeeded:
            self._requested = deletion
        return outcome

    def delete_region(self, region: str) -> None:
        """Delete ``region`` and wait until it is gone, asking again while it stays."""
        self._require_arn()
        self._until_deleted(self._region_deletion(region))

    def add_region(self, region: str) -> None:
        expect(
            f"Adding the Region {region}",
            lambda: self._update({"addRegionAction": {"regionName": region}}),
        )
        self._changing = True
        self.wait_active()


class IncidentData:
    """Response plans, incidents, contacts and escalation plans created by a scenario."""

    def __init__(self, session: Session) -> None:
        self._session = session
        self.items: dict[str, str] = {}
        self.plan_name: str | None = None

    def _incidents(self) -> Any:
        return self._session.client("ssm-incidents")

    def _contacts(self) -> Any:
        return self._session.client("ssm-contacts")

    @property
    def plan_arn(self) -> str:
        if "response plan" not in self.items:
            raise ImplementationFailure("No response plan was created in this scenario.")
        return self.items["response plan"]

    def create(self, item: str) -> str:
        makers = {
            "response plan": self._response_plan,
            "contact": self._contact,
            "escalation plan": self._escalation_plan,
            "incident record": self._incident_record,
        }
        if item not in makers:
            raise ValueError(f"unknown kind of Incident Manager data: {item}")
        arn = makers[item]()
        self.items[item] = arn
        if not self.exists(item):
            raise ImplementationFailure(f"The {item} just created ({arn}) cannot be read back.")
        return arn

    def _response_plan(self) -> str:
        tracker = self._session.tracker
        name = self.plan_name = tracker.name("plan")
        entry = tracker.intend(RESPONSE_PLAN, name, region=self._session.region())
        answer = expect(
            "Creating a response plan",
            lambda: self._incidents().create_response_plan(
                name=name,
                incidentTemplate={"title": self.plan_title, "impact": 3},
                tags=self._session.run_tags_map(),
            ),
        )
        arn = str(answer["arn"])
        tracker.created(
            f"response plan {name}",
            lambda: self._incidents().delete_response_plan(arn=arn),
            entry,
            arn,
        )
        return arn

    def _contact(self, kind: str = "PERSONAL", plan: dict[str, Any] | None = None) -> str:
        tracker = self._session.tracker
        alias = tracker.name("contact")
        entry = tracker.intend(CONTACT, alias, region=self._session.region())
        answer = expect(
            f"Creating a {kind.lower()} contact",
            lambda: self._contacts().create_contact(
                Alias=alias,
                DisplayName=alias,
                Type=kind,
                Plan=plan or {"Stages": []},
                Tags=self._session.run_tags_list(),
            ),
        )
        arn = str(answer["ContactArn"])
        tracker.created(
            f"contact {alias}", lambda: self._contacts().delete_contact(ContactId=arn), entry, arn
        )
        return arn

    def _escalation_plan(self) -> str:
        person = self.items.get("contact") or self._contact()
        stage = {
            "DurationInMinutes": 5,
            "Targets": [{"ContactTargetInfo": {"ContactId": person, "IsEssential": False}}],
        }
        return self._contact("ESCALATION", {"Stages": [stage]})

    def _incident_record(self) -> str:
        plan = self.items.get("response plan") or self.create("response plan")
        tracker, token = self._session.tracker, str(uuid.uuid4())
        entry = tracker.intend(
            INCIDENT_RECORD,
            region=self._session.region(),
            token=token,
            title=self.plan_title,
        )
        answer = expect(
            "Starting an incident from the response plan",
            lambda: self._incidents().start_incident(responsePlanArn=plan, clientToken=token),
        )
        arn = str(answer["incidentRecordArn"])
        tracker.created(
            "incident record", lambda: self._incidents().delete_incident_record(arn=arn), entry, arn
        )
        return arn

    def exists(self, item: str) -> bool:
        arn = self.items[item]
        readers = {
            "response plan": lambda: self._incidents().get_response_plan(arn=arn),
            "incident record": lambda: self._incidents().get_incident_record(arn=arn),
            "contact": lambda: self._contacts().get_contact(ContactId=arn),
            "escalation plan": lambda: self._contacts().get_contact(ContactId=arn),
        }
        return look(f"Reading the {item}", readers[item]) is not None

    def incidents_from_plan(self) -> list[str]:
        """Incident records started from this scenario's response plan.

        A record counts when its ARN names the plan (the incident-record ARN format of the
        service authorization reference) or when it carries the plan's incident title.
        """
        if self.plan_name is None:
            raise ImplementationFailure("No response plan was created in this scenario.")
        marker = f":incident-record/{self.plan_name}/"
        pages = self._incidents().get_paginator("list_incident_records")
        summaries = expect(
            "ListIncidentRecords",
            lambda: [s for p in pages.paginate() for s in p["incidentRecordSummaries"]],
        )
        return [
            s["arn"]
            for s in summaries
            if marker in s.get("arn", "") or s.get("title") == self.plan_title
        ]

    @property
    def plan_title(self) -> str:
        return f"Conformance incident {self.plan_name}"

"""Replication sets and the Incident Manager data that lives and dies with them."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, Any

from conformance.driver.calls import Attempt, attempt, expect, look
from conformance.driver.waiting import poll_until
from conformance.errors import ImplementationFailure
from conformance.live.journal import CONTACT, INCIDENT_RECORD, REPLICATION_SET, RESPONSE_PLAN

if TYPE_CHECKING:
    from conformance.driver.roles import Roles
    from conformance.driver.session import Session


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
                self._roles.delete_if_present,
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
        if self.arn is not None:
            self._client().delete_replication_set(arn=self.arn)
            self._changing = True
            self.wait_gone()

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
        arn = self._require_arn()
        expect(
            "Deleting the replication set", lambda: self._client().delete_replication_set(arn=arn)
        )
        self._changing = True
        self.wait_gone()

    def wait_gone(self) -> None:
        poll_until(
            self._session.clock,
            lambda: True if self.get() is None else None,
            reason="finish deleting the replication set",
            timeout=self._session.timeouts.replication_set,
            interval=self._session.timeouts.interval,
            just_asked=self._changing,
        )
        self._changing = False
        self._session.tracker.forget("replication set")

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

    def try_delete_region(self, region: str) -> Attempt:
        return attempt(
            f"Deleting the Region {region}",
            lambda: self._update({"deleteRegionAction": {"regionName": region}}),
        )

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

"""Broken rules of Incident Manager itself: subclasses of the ``ssm-incidents``,
``ssm-contacts`` and trigger models, one rule each.

Each class overrides exactly one method of its reference model. The variants that keep a
deleted response plan working tell alarms and EventBridge rules apart by the trigger's ARN,
so an alarm mutant and a rule mutant break only their own half of the page's statement.
"""

from __future__ import annotations

from typing import Any

from conformance.emulator.contacts import ContactsService
from conformance.emulator.errors import ValidationException
from conformance.emulator.incidents import IncidentsService
from conformance.emulator.incidents.models import ReplicationSet
from conformance.emulator.triggers import Triggers

# -- creating the role ----------------------------------------------------------------------


class NoRoleWithReplicationSet(IncidentsService):
    """Creating a replication set does not create the service-linked role."""

    def _provision_role(self, account_id: str) -> None:
        return None


# -- data that outlives the replication set -------------------------------------------------


class ResponsePlansSurvive(IncidentsService):
    """Deleting the replication set keeps the response plans."""

    def _purge_data(self, account_id: str) -> None:
        data = self._account(account_id)
        kept = dict(data.response_plans)
        super()._purge_data(account_id)
        data.response_plans.update(kept)


class IncidentsSurvive(IncidentsService):
    """Deleting the replication set keeps the incident records and their timelines."""

    def _purge_data(self, account_id: str) -> None:
        data = self._account(account_id)
        incidents, timeline = dict(data.incidents), dict(data.timeline)
        items = dict(data.related_items)
        super()._purge_data(account_id)
        data.incidents.update(incidents)
        data.timeline.update(timeline)
        data.related_items.update(items)


def contacts_survive(contact_type: str) -> type[ContactsService]:
    """Deleting the replication set keeps ``ssm-contacts`` contacts of ``contact_type``."""

    class Survive(ContactsService):
        def _purge(self, account_id: str) -> None:
            data = self._account(account_id)
            kept = {a: c for a, c in data.contacts.items() if c["Type"] == contact_type}
            super()._purge(account_id)
            if kept:
                self._account(account_id).contacts.update(kept)

    Survive.__name__ = Survive.__qualname__ = f"{contact_type.title()}ContactsSurvive"
    return Survive


# -- alarms and rules -----------------------------------------------------------------------


def deleted_plans_start_incidents(trigger_kind: str) -> type[IncidentsService]:
    """Triggers whose ARN names ``trigger_kind`` still start incidents from deleted plans."""

    class PlanOutlived(IncidentsService):
        def start_incident_from_trigger(
            self,
            account_id: str,
            region: str,
            response_plan_arn: str,
            source: str,
            trigger_arn: str,
        ) -> str | None:
            with self._lock:
                plans = self._account(account_id).response_plans
                revived = trigger_kind in trigger_arn and response_plan_arn not in plans
                if revived:
                    name = response_plan_arn.rsplit("/", 1)[-1]
                    plans[response_plan_arn] = {"arn": response_plan_arn, "name": name}
                try:
                    return super().start_incident_from_trigger(
                        account_id, region, response_plan_arn, source, trigger_arn
                    )
                finally:
                    if revived:
                        plans.pop(response_plan_arn, None)

    label = trigger_kind.strip(":/").title()
    PlanOutlived.__name__ = PlanOutlived.__qualname__ = f"{label}OutlivesPlan"
    return PlanOutlived


class AlarmsNeverFire(Triggers):
    """An alarm entering ``ALARM`` starts no incident from its response plan."""

    def fire_alarm(self, account_id: str, region: str, alarm: Any) -> None:
        return None


class RulesNeverFire(Triggers):
    """A matching event starts no incident from the rule's response plan."""

    def fire_rule(self, account_id: str, region: str, rule: Any, source: str) -> None:
        return None


# -- Regions of the replication set ---------------------------------------------------------


class FinalRegionKeepsSet(IncidentsService):
    """Deleting the final Region is accepted but the replication set stays."""

    def _delete_final_region(self, account_id: str, replication_set: ReplicationSet) -> None:
        return None


class FinalRegionRefused(IncidentsService):
    """Deleting the final Region is refused: only ``DeleteReplicationSet`` removes the set."""

    def _delete_final_region(self, account_id: str, replication_set: ReplicationSet) -> None:
        raise ValidationException("the final Region cannot be deleted; delete the set instead")


class DeletionProtectionIgnored(IncidentsService):
    """Deletion protection does not keep the final Region."""

    def _check_deletion_protection(self, replication_set: ReplicationSet) -> None:
        return None


class EveryRegionIsFinal(IncidentsService):
    """Deleting any one Region deletes the whole replication set."""

    def _is_final_region(self, replication_set: ReplicationSet, region: str) -> bool:
        return True


class RegionAgeIgnored(IncidentsService):
    """A Region can be deleted at once after it was added."""

    def _check_region_age(self, replication_set: ReplicationSet, region: str) -> None:
        return None


class RegionAgeFromSetCreation(IncidentsService):
    """A Region's day is counted from the replication set's creation, not from its addition."""

    def _check_region_age(self, replication_set: ReplicationSet, region: str) -> None:
        if self._now() - replication_set.created_time < self.REGION_MINIMUM_AGE:
            raise ValidationException(
                f"Region {region} was added less than 24 hours ago and cannot be deleted yet"
            )


class RegionAgeOneHour(IncidentsService):
    """A Region can be deleted an hour after it was added instead of a day."""

    def _check_region_age(self, replication_set: ReplicationSet, region: str) -> None:
        if self._now() - replication_set.regions[region].added_time < 3600.0:
            raise ValidationException(
                f"Region {region} was added less than an hour ago and cannot be deleted yet"
            )


def region_refused(refused: str) -> type[IncidentsService]:
    """The published Region ``refused`` cannot join a replication set."""

    class Refused(IncidentsService):
        def _check_region_published(self, region: str) -> None:
            if region == refused:
                raise ValidationException(f"Incident Manager is not available in Region {region}")
            super()._check_region_published(region)

    name = "".join(part.title() for part in refused.split("-"))
    Refused.__name__ = Refused.__qualname__ = f"Refuses{name}"
    return Refused


class ProtectionSticks(IncidentsService):
    """Once deletion protection was on, turning it off is accepted but changes nothing."""

    def update_deletion_protection(self, account_id: str, arn: str, protected: bool) -> None:
        with self._lock:
            current = self._find_set(self._account(account_id), arn).deletion_protected
        super().update_deletion_protection(account_id, arn, protected or current)


class RefusedRegionStaysRefused(IncidentsService):
    """A Region whose deletion was refused for its age can never be deleted afterwards."""

    def _check_region_age(self, replication_set: ReplicationSet, region: str) -> None:
        refused: set[str] = replication_set.__dict__.setdefault("refused_regions", set())
        if region in refused:
            raise ValidationException(f"Region {region} cannot be deleted.")
        try:
            super()._check_region_age(replication_set, region)
        except ValidationException:
            refused.add(region)
            raise

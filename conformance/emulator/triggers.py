"""CloudWatch alarms and EventBridge rules that start incidents from a response plan.

moto stores alarms and rules and evaluates event patterns, but it knows no ``ssm-incidents``
targets (delivering to one even makes its ``PutEvents`` fail). The emulator therefore hides
response-plan targets from moto while moto delivers an event, and afterwards starts the
incidents itself through the ``IncidentStarter`` seam. Whether the plan still exists is the
starter's business: a deleted plan starts nothing.
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, cast

from moto.cloudwatch.models import cloudwatch_backends
from moto.events.models import events_backends
from moto.events.utils import _BASE_EVENT_MESSAGE

from conformance.emulator.contracts import IncidentStarter, RoleGate

RESPONSE_PLAN_ARN = re.compile(r"^arn:aws[a-z-]*:ssm-incidents::\d{12}:response-plan/.+$")
ALARM = "ALARM"
ENABLED = "ENABLED"
#: ``TriggerDetails.source`` of an alarm; a rule passes on the source of its event.
ALARM_SOURCE = "aws.cloudwatch"


def is_response_plan_arn(arn: object) -> bool:
    return isinstance(arn, str) and RESPONSE_PLAN_ARN.match(arn) is not None


class Triggers:
    """Runs alarm actions and rule targets that name a response plan."""

    def __init__(self, starter: IncidentStarter) -> None:
        self.starter = starter
        #: Asked whether a rule target's role can be used yet; set by the emulator to the IAM
        #: side (a new role cannot be, for a while, when the account is eventually consistent).
        self.role_gate: RoleGate | None = None

    # -- CloudWatch -------------------------------------------------------------------------

    def alarm_states(self, account_id: str, region: str) -> dict[str, str]:
        """Every alarm's state, taken before moto handles a request."""
        alarms = cloudwatch_backends[account_id][region].alarms
        return {name: alarm.state_value for name, alarm in list(alarms.items())}

    def after_alarm_change(self, account_id: str, region: str, before: dict[str, str]) -> None:
        """Fire the response-plan actions of every alarm that has just entered ``ALARM``."""
        alarms = cloudwatch_backends[account_id][region].alarms
        for name, alarm in list(alarms.items()):
            if alarm.state_value == ALARM and before.get(name) != ALARM:
                self.fire_alarm(account_id, region, alarm)

    def fire_alarm(self, account_id: str, region: str, alarm: Any) -> None:
        if not alarm.actions_enabled:
            return
        for action in alarm.alarm_actions or []:
            if is_response_plan_arn(action):
                self.starter.start_incident_from_trigger(
                    account_id, region, action, ALARM_SOURCE, alarm.alarm_arn
                )

    # -- EventBridge ------------------------------------------------------------------------

    @contextmanager
    def hidden_plan_targets(self, account_id: str, region: str) -> Iterator[None]:
        """While moto delivers events, rules keep only the targets moto can deliver to."""
        backend = events_backends[account_id][region]
        saved: list[tuple[Any, list[dict[str, Any]]]] = []
        for bus in list(backend.event_buses.values()):
            for rule in list(bus.rules.values()):
                if any(is_response_plan_arn(t.get("Arn")) for t in rule.targets):
                    saved.append((rule, rule.targets))
                    rule.targets = [
                        t for t in rule.targets if not is_response_plan_arn(t.get("Arn"))
                    ]
        try:
            yield
        finally:
            for rule, targets in saved:
                rule.targets = targets

    def after_put_events(
        self,
        account_id: str,
        region: str,
        request_entries: list[dict[str, Any]],
        result_entries: list[dict[str, Any]],
    ) -> None:
        """Start incidents for every accepted event that an enabled rule routes to a plan."""
        backend = events_backends[account_id][region]
        for entry, result in zip(request_entries, result_entries, strict=False):
            if not isinstance(entry, dict) or not isinstance(result, dict):
                continue
            if "EventId" not in result:
                continue
            bus_name = backend._normalize_event_bus_arn(entry.get("EventBusName"))
            bus = backend.event_buses.get(bus_name)
            if bus is None:
                continue
            message = self.event_message(account_id, region, entry, str(result["EventId"]))
            for rule in list(bus.rules.values()):
                if rule.state == ENABLED and rule.event_pattern.matches_event(cast(Any, message)):
                    self.fire_rule(account_id, region, rule, str(message["source"]))

    def event_message(
        self, account_id: str, region: str, entry: dict[str, Any], event_id: str
    ) -> dict[str, Any]:
        """The event as rules see it (the same envelope moto builds)."""
        message: dict[str, Any] = copy.deepcopy(cast(dict[str, Any], _BASE_EVENT_MESSAGE))
        try:
            detail = json.loads(entry.get("Detail") or "{}")
        except ValueError:
            detail = {}
        message.update(
            {
                "id": event_id,
                "detail-type": entry.get("DetailType"),
                "source": entry.get("Source"),
                "account": account_id,
                "region": region,
                "resources": entry.get("Resources", []),
                "detail": detail,
            }
        )
        return message

    def fire_rule(self, account_id: str, region: str, rule: Any, source: str) -> None:
        """Start an incident for each plan target whose role can be used: EventBridge cannot
        deliver to a target through a role it cannot assume, and that event is lost."""
        gate = self.role_gate
        for target in rule.targets:
            arn = target.get("Arn")
            if gate is not None and not gate.role_usable(account_id, target.get("RoleArn")):
                continue
            if is_response_plan_arn(arn):
                self.starter.start_incident_from_trigger(account_id, region, arn, source, rule.arn)

"""CloudWatch alarms and EventBridge rules aimed at a response plan, and firing them."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from conformance.driver.calls import expect
from conformance.driver.identities import allow
from conformance.live.journal import ALARM, EVENTS_RULE, IAM_ROLE

if TYPE_CHECKING:
    from conformance.driver.session import Session

EVENT_SOURCE = "slr.conformance"
EVENT_DETAIL_TYPE = "Conformance check"


class Triggers:
    """The alarm and the rule a scenario aims at a response plan (whose ARN it is given)."""

    def __init__(self, session: Session) -> None:
        self._session = session
        self.alarm: str | None = None
        self.rule: str | None = None
        #: How the scenario last fired its alarm or rule, to fire it again while it waits.
        self._last_firing: Callable[[], object] | None = None

    def fire_again(self) -> None:
        """Fire the alarm or send the event again, as the scenario last did.

        A first delivery may be lost while something it needs has not spread yet (a new
        target role cannot be used at once), so a wait for an incident fires again before
        each further look; so does the check that nothing starts, or an implementation that
        drops the first delivery would pass it.
        """
        if self._last_firing is not None:
            self._last_firing()

    def alarm_on(self, plan_arn: str) -> str:
        cloudwatch, name = self._session.client("cloudwatch"), self._session.tracker.name("alarm")
        entry = self._session.tracker.intend(ALARM, name, region=self._session.region())
        expect(
            "Creating a CloudWatch alarm",
            lambda: cloudwatch.put_metric_alarm(
                AlarmName=name,
                Namespace="SlrConformance",
                MetricName="Checks",
                Statistic="Sum",
                Period=60,
                EvaluationPeriods=1,
                Threshold=1.0,
                ComparisonOperator="GreaterThanOrEqualToThreshold",
                AlarmActions=[plan_arn],
            ),
        )
        self._session.tracker.created(
            f"alarm {name}", lambda: cloudwatch.delete_alarms(AlarmNames=[name]), entry
        )
        self.alarm = name
        return name

    def fire_alarm(self) -> None:
        if self.alarm is None:
            raise RuntimeError("no alarm was created")
        self._last_firing = self._set_alarm_state
        self._set_alarm_state()

    def _set_alarm_state(self) -> None:
        """Move the alarm out of ALARM and into it again: only a change of state acts."""
        name, cloudwatch = str(self.alarm), self._session.client("cloudwatch")
        expect(
            "Setting the alarm's state",
            lambda: cloudwatch.set_alarm_state(
                AlarmName=name, StateValue="OK", StateReason="reset"
            ),
        )
        expect(
            "Setting the alarm to ALARM",
            lambda: cloudwatch.set_alarm_state(
                AlarmName=name, StateValue="ALARM", StateReason="conformance check"
            ),
        )

    def _target_role(self) -> str:
        """A role EventBridge may use to start incidents, as the user guide asks for."""
        iam, name = self._session.client("iam"), self._session.tracker.name("events-role")
        trust = json.dumps(
            {
                "Version": "2012-10-17",
                "Statement": [
                    {
                        "Effect": "Allow",
                        "Principal": {"Service": "events.amazonaws.com"},
                        "Action": "sts:AssumeRole",
                    }
                ],
            }
        )
        entry = self._session.tracker.intend(IAM_ROLE, name)
        arn = str(
            expect(
                "Creating the rule's target role",
                lambda: iam.create_role(RoleName=name, AssumeRolePolicyDocument=trust),
            )["Role"]["Arn"]
        )
        self._session.tracker.created(
            f"role {name}", lambda: iam.delete_role(RoleName=name), entry, arn
        )
        self._session.wait_visible("target role", lambda: iam.get_role(RoleName=name))
        expect(
            "Allowing the target role to start incidents",
            lambda: iam.put_role_policy(
                RoleName=name,
                PolicyName="start-incident",
                PolicyDocument=allow("ssm-incidents:StartIncident"),
            ),
        )
        self._session.tracker.created(
            f"role policy {name}",
            lambda: iam.delete_role_policy(RoleName=name, PolicyName="start-incident"),
        )
        return arn

    def rule_on(self, plan_arn: str) -> str:
        events, name = self._session.client("events"), self._session.tracker.name("rule")
        pattern = json.dumps({"source": [EVENT_SOURCE], "detail-type": [EVENT_DETAIL_TYPE]})
        entry = self._session.tracker.intend(EVENTS_RULE, name, region=self._session.region())
        expect(
            "Creating an EventBridge rule", lambda: events.put_rule(Name=name, EventPattern=pattern)
        )
        self._session.tracker.created(f"rule {name}", lambda: events.delete_rule(Name=name), entry)
        role_arn = self._target_role()
        expect(
            "Aiming the rule at the response plan",
            lambda: events.put_targets(
                Rule=name, Targets=[{"Id": "plan", "Arn": plan_arn, "RoleArn": role_arn}]
            ),
        )
        self._session.tracker.created(
            f"targets {name}", lambda: events.remove_targets(Rule=name, Ids=["plan"])
        )
        self.rule = name
        return name

    def send_matching_event(self) -> Any:
        self._last_firing = self._send_event
        return self._send_event()

    def _send_event(self) -> Any:
        events = self._session.client("events")
        answer = expect(
            "Sending an event",
            lambda: events.put_events(
                Entries=[
                    {
                        "Source": EVENT_SOURCE,
                        "DetailType": EVENT_DETAIL_TYPE,
                        "Detail": json.dumps({"check": 1}),
                    }
                ]
            ),
        )
        return answer

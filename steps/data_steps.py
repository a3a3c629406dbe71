"""Steps about Incident Manager data and the triggers aimed at it."""

import parameter_types  # noqa: F401  (registers the parameter types)
from behave import given, then, when

from conformance.driver import checks


@given("a {item:DataItem} exists")
def step_item_exists(context, item):
    context.im.data.create(item)


@then("the {item:DataItem} no longer exists")
def step_item_gone(context, item):
    checks.require(
        not context.im.data.exists(item),
        f"The {item} survived the deletion of the replication set.",
    )


@given("a CloudWatch alarm whose action is the response plan")
def step_alarm(context):
    context.im.triggers.alarm_on(context.im.data.plan_arn)


@when("the alarm goes into the ALARM state")
def step_fire_alarm(context):
    context.im.triggers.fire_alarm()


@given("an EventBridge rule whose target is the response plan")
def step_rule(context):
    context.im.triggers.rule_on(context.im.data.plan_arn)


@when("an event matching the rule is sent")
def step_send_event(context):
    context.im.triggers.send_matching_event()


@then("an incident is started from the response plan")
def step_incident_started(context):
    checks.incident_started(context.im)


@then("no incident is started")
def step_no_incident(context):
    checks.no_incident_started(context.im)

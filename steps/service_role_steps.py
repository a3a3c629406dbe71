"""Steps of the service-linked-roles specification: any recorded service's role.

A scenario first names the service whose role it works on; from then on the steps the
Incident Manager specification uses for its own role (path, trust, edits, deletion) apply to
that service's role, so a general IAM rule is checked by the same step code in both.
"""

import parameter_types  # noqa: F401  (registers the parameter types)
from behave import given, then, when

from conformance.driver import checks, edits
from conformance.driver.identities import allow, allow_creating_service_linked_role


@given('the service-linked role of "{principal:Service}" exists')
def step_service_role(context, principal):
    context.im.roles.aim_at(principal)
    context.im.roles.ensure()


@given('no service-linked role of "{principal:Service}" exists')
def step_no_service_role(context, principal):
    context.im.roles.aim_at(principal)
    context.im.require_no_role()


@given('the service-linked role of "{principal:Service}" with the suffix "{suffix}" exists')
def step_suffixed_role(context, principal, suffix):
    context.im.roles.aim_at(principal)
    context.im.require_no_role()
    context.im.record(context.im.roles.create_through_iam(suffix=suffix))
    context.im.expect_success()


@then('no service-linked role of "{principal:Service}" exists')
def step_then_no_service_role(context, principal):
    checks.require(context.im.roles.find() is None, f"A role exists on the path of {principal}.")


@then('exactly one role exists on the service-linked path of "{principal:Service}"')
def step_one_service_role(context, principal):
    checks.exactly_one_service_role(context.im)


@then('no role named "{name}" exists')
def step_no_role_named(context, name):
    checks.no_role_named(context.im, name)


@when('I ask IAM to create the service-linked role for "{service:Service}" described as "{text}"')
def step_create_described(context, service, text):
    context.im.record(context.im.roles.create_through_iam(service=service, description=text))


@when("I try each of these edits on the role")
def step_try_each_edit(context):
    context.im.roles.remember()
    for outcome in edits.try_each(context.im, [row["edit"] for row in context.table]):
        context.im.record(outcome)


@when('I try to attach the policy "{arn}" to each of these new entities')
def step_attach_each(context, arn):
    for row in context.table:
        context.im.identities.entity_for_attachment(row["entity"])
        context.im.record(context.im.identities.attach(arn))


@then('every request is refused with "{code:Code}"')
def step_each_refused(context, code):
    context.im.expect_each_refused(code)


@then("every request succeeds")
def step_each_succeeds(context):
    context.im.expect_each_success()


@then("none of those entities has an attached policy")
def step_entities_clean(context):
    checks.entities_without_policy(context.im)


@then('the request is refused with an error "{operation}" lists')
def step_refused_as_listed(context, operation):
    checks.refused_as_listed(context.im, operation)


@then("the deletion task ended SUCCEEDED with the role gone, or FAILED with the role kept")
def step_task_end(context):
    checks.task_ended_as_documented(context.im)


@given(
    'an IAM user granted what the IAM User Guide grants for creating the role "{name}" of '
    '"{principal:Service}"'
)
def step_user_guide_grant_for(context, name, principal):
    context.im.identities.user(allow_creating_service_linked_role(principal, name))


@given('an IAM user whose policy allows "{actions}" on "{resource}"')
def step_user_allowed_on(context, actions, resource):
    context.im.identities.user(allow([a.strip() for a in actions.split(",")], resource))


@when("the IAM user asks IAM to create the service-linked role")
def step_user_creates_service_role(context):
    context.im.record(
        context.im.identities.act(lambda c: context.im.roles.create_through_iam(credentials=c))
    )

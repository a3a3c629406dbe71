"""Steps about what the role's managed policy allows, and where it may be attached."""

import parameter_types  # noqa: F401  (registers the parameter types)
from behave import then, when

from conformance.driver import checks
from conformance.driver.roles import POLICY_ARN


@then('the role\'s policy allows "{action}" on every resource')
def step_allows(context, action):
    checks.policy_allows_everywhere(context.im, action)


@then('the role\'s policy does not allow "{action}" on every resource')
def step_not_allows(context, action):
    checks.policy_allows_everywhere(context.im, action, expected=False)


@then('the role\'s policy allows publishing metric data in the namespace "{namespace}"')
def step_namespace_ok(context, namespace):
    checks.metric_namespace(context.im, namespace, expected=True)


@then('the role\'s policy does not allow publishing metric data in the namespace "{namespace}"')
def step_namespace_no(context, namespace):
    checks.metric_namespace(context.im, namespace, expected=False)


@then("the role's policy does not allow publishing metric data without a namespace")
def step_namespace_none(context):
    checks.metric_namespace(context.im, None, expected=False)


@then("every action the role's policy allows is among the documented actions")
def step_documented_only(context):
    checks.only_documented_actions(context.im)


@when("I try to attach the role's managed policy to a new {entity:Entity}")
def step_attach_elsewhere(context, entity):
    context.im.identities.entity_for_attachment(entity)
    context.im.record(context.im.identities.attach(POLICY_ARN))


@then("the {entity:Entity} has no attached policy")
def step_entity_clean(context, entity):
    checks.equal(context.im.identities.entity_policies(), [], f"The {entity}'s attached policies")

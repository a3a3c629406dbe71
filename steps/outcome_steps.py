"""Steps that judge the last request a scenario made."""

import parameter_types  # noqa: F401  (registers the parameter types)
from behave import then


@then('the request is refused with "{code:Code}"')
def step_refused_with(context, code):
    context.im.expect_refused(code)


@then("the request is refused")
def step_refused(context):
    context.im.expect_refused()


@then("the request succeeds")
def step_succeeds(context):
    context.im.expect_success()


@then('the request is refused with "{code}" or "{other}"')
def step_refused_with_either(context, code, other):
    context.im.expect_refused(code, other)

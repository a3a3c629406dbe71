"""Steps that judge the last request a scenario made."""

from behave import then


@then('the request is refused with "{code}"')
def step_refused_with(context, code):
    context.im.expect_refused(code)


@then("the request is refused")
def step_refused(context):
    context.im.expect_refused()


@then("the request succeeds")
def step_succeeds(context):
    context.im.expect_success()

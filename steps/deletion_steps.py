"""Steps about deleting the role through IAM, and the time that deletion takes."""

from behave import given, then, when

from conformance.driver import checks


@when("I request the role's deletion")
def step_request_deletion(context):
    context.im.record(context.im.roles.request_deletion())
    context.im.expect_success()


@when("I request the role's deletion again while the task is still running")
def step_request_again(context):
    if context.im.record(context.im.roles.request_deletion_again_while_running()) is None:
        context.im.inconclusive("the first deletion task had ended before it was asked again")


@when("I delete the role through IAM, asking again while the service still holds it")
def step_delete_once_released(context):
    context.im.roles.delete_once_released()


@when("the deletion task finishes")
def step_task_finishes(context):
    context.im.roles.finish_task()


@then('the deletion task ended "{status}"')
def step_task_status(context, status):
    checks.last_task_status(context.im, status)


@then("a deletion task ID is returned")
def step_task_returned(context):
    checks.require(bool(context.im.roles.task_ids), "No deletion task ID was returned.")


@then('the deletion task ID has the form "{template}"')
def step_task_form(context, template):
    checks.task_id_form(context.im, template)


@then("both requests returned the same deletion task ID")
def step_same_task(context):
    checks.same_task_id(context.im)


@then('every status reported for the task was one of "{statuses}"')
def step_statuses(context, statuses):
    checks.statuses_documented(context.im, statuses)


@then("the role still exists")
def step_role_still(context):
    checks.require(context.im.roles.exists(), "The role no longer exists.")


@then("the role no longer exists")
def step_role_gone(context):
    checks.role_gone(context.im)


@given("the role has been deleted through IAM")
def step_role_deleted(context):
    context.im.delete_role_completely()


@given("{hours:d} hours have passed")
def step_hours(context, hours):
    context.im.pass_time(hours * 3600)


@when("{hours:d} more hours have passed")
def step_more_hours(context, hours):
    context.im.pass_time(hours * 3600)

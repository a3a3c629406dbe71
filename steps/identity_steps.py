"""Steps that act as another principal: IAM users with chosen permissions."""

from behave import given, when

from conformance.driver.identities import allow


@given("IAM permission checks are enforced")
def step_enforce(context):
    context.im.enforce_permissions()


@given("an IAM user with no permissions")
def step_user_nothing(context):
    context.im.identities.user(None)


@given('an IAM user whose policy allows "{action}" on every resource')
def step_user_allowed(context, action):
    context.im.identities.user(allow(action))


@given('an IAM user whose policy allows "{action}" for the service "{service}"')
def step_user_allowed_for_service(context, action, service):
    context.im.identities.user(
        allow(action, condition={"StringLike": {"iam:AWSServiceName": service}})
    )


@when("the IAM user asks IAM to create the Incident Manager service-linked role")
def step_user_creates(context):
    context.im.record(
        context.im.roles.create_through_iam(credentials=context.im.identities.user_credentials)
    )


@when('the IAM user sets the role\'s description to "{text}"')
def step_user_describes(context, text):
    context.im.record(
        context.im.roles.set_description(text, credentials=context.im.identities.user_credentials)
    )


@when("the IAM user requests the role's deletion")
def step_user_deletes(context):
    context.im.record(
        context.im.roles.request_deletion(credentials=context.im.identities.user_credentials)
    )


@given("the IAM user can assume an ordinary role of the account")
def step_user_assumes_ordinary(context):
    context.im.identities.prove_user_can_assume_ordinary_role()


@when("the account's own credentials try to assume the role")
def step_assume_self(context):
    context.im.record(context.im.assume_role(None))


@when("the IAM user tries to assume the role")
def step_assume_user(context):
    context.im.record(context.im.assume_role(context.im.identities.user_credentials))

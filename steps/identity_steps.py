"""Steps that act as another principal: IAM users with chosen permissions."""

from behave import given, when

from conformance.driver import checks
from conformance.driver.identities import allow, allow_creating_service_linked_role
from conformance.driver.roles import ROLE_NAME, SERVICE_PRINCIPAL


@given("IAM permission checks are enforced")
def step_enforce(context):
    context.im.enforce_permissions()


@given("an IAM user with no permissions")
def step_user_nothing(context):
    context.im.identities.user(None)


@given('an IAM user whose policy allows "{action}" on every resource')
def step_user_allowed(context, action):
    context.im.identities.user(allow(action))


@given(
    "an IAM user granted what the IAM User Guide grants for creating the Incident Manager "
    "service-linked role"
)
def step_user_guide_grant(context):
    context.im.identities.user(allow_creating_service_linked_role(SERVICE_PRINCIPAL, ROLE_NAME))


@when("the IAM user asks IAM to create the Incident Manager service-linked role")
def step_user_creates(context):
    context.im.record(
        context.im.identities.act(lambda c: context.im.roles.create_through_iam(credentials=c))
    )


@when('the IAM user sets the role\'s description to "{text}"')
def step_user_describes(context, text):
    context.im.record(
        context.im.identities.act(lambda c: context.im.roles.set_description(text, credentials=c))
    )


@when("the IAM user requests the role's deletion")
def step_user_deletes(context):
    context.im.record(
        context.im.identities.act(lambda c: context.im.roles.request_deletion(credentials=c))
    )


@given("the IAM user can assume an ordinary role of the account")
def step_user_assumes_ordinary(context):
    checks.user_can_assume_ordinary_role(context.im)


@given("the account's own credentials can assume an ordinary role of the account")
def step_self_assumes_ordinary(context):
    if not context.im.identities.can_assume_ordinary_role(None):
        context.im.inconclusive(
            "the account's own credentials cannot assume even a role that trusts the account"
        )


@when("the account's own credentials try to assume the role")
def step_assume_self(context):
    context.im.record(context.im.assume_role(None))


@when("the IAM user tries to assume the role")
def step_assume_user(context):
    context.im.record(context.im.assume_role(context.im.identities.user_credentials))

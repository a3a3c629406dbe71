"""Steps about the role itself: its identity, its trust, its edits and its tags."""

import parameter_types  # noqa: F401  (registers the parameter types)
from behave import given, then, when

from conformance.driver import checks, edits


@given("the Incident Manager service-linked role exists")
def step_role_exists(context):
    context.im.roles.ensure_and_remember()


@given("the Incident Manager service-linked role exists, brought by a replication set")
def step_role_brought(context):
    context.im.role_brought_by_replication_set()


@given("no Incident Manager service-linked role exists")
def step_no_role(context):
    context.im.require_no_role()


@then("no Incident Manager service-linked role exists")
def step_then_no_role(context):
    checks.require(context.im.roles.find() is None, "A role exists on the Incident Manager path.")


@then("the Incident Manager service-linked role exists as documented")
def step_then_role_documented(context):
    checks.documented_role(context.im)


@then('the role\'s path is "{path}"')
def step_role_path(context, path):
    checks.equal(context.im.roles.current()["Path"], path, "The role's path")


@then("the role's ARN names this account, the role's path and the role's name")
def step_role_arn(context):
    checks.role_arn_is_consistent(context.im)


@then("the role's maximum session duration is {seconds:d} seconds")
def step_session_duration(context, seconds):
    checks.equal(
        context.im.roles.current().get("MaxSessionDuration"),
        seconds,
        "The role's MaxSessionDuration",
    )


@then('the only policy attached to the role is "{arn}"')
def step_only_policy(context, arn):
    checks.only_attached_policy(context.im, arn)


@then("the role has no inline policy")
def step_no_inline(context):
    checks.equal(context.im.roles.inline_policy_names(), [], "The role's inline policies")


@then('the attached policy is owned by AWS and sits on the path "/aws-service-role/"')
def step_policy_owner(context):
    checks.attached_policy_is_aws_service_policy(context.im)


@then('the role\'s name is "{name}"')
def step_role_name(context, name):
    checks.equal(context.im.roles.current()["RoleName"], name, "The role's name")


@then('looking up the role "{name}" finds the service-linked role')
def step_lookup(context, name):
    checks.found_by_name(context.im, name)


@then('the role\'s trust policy names only the principal "{principal}"')
def step_trust_principal(context, principal):
    checks.trust_names_only(context.im, principal)


@then('the role\'s trust policy allows only the action "{action}"')
def step_trust_action(context, action):
    checks.trust_allows_only(context.im, action)


@then("the role's trust policy is a single Allow statement without conditions")
def step_trust_single(context):
    checks.trust_is_single_plain_allow(context.im)


@when("I try to {edit:Edit} on the role")
def step_try_edit(context, edit):
    context.im.record(edits.try_edit(context.im, edit))


@when("I try to delete the role with DeleteRole")
def step_try_delete_role(context):
    context.im.record(edits.try_edit(context.im, "delete the role with DeleteRole"))


@when("I try to add the role to a new instance profile")
def step_try_instance_profile(context):
    context.im.record(edits.try_add_to_instance_profile(context.im))


@then("the instance profile holds no role")
def step_profile_empty(context):
    checks.equal(context.im.identities.instance_profile_roles(), [], "The instance profile's roles")


@then("the role's permissions and trust are unchanged")
def step_role_unchanged(context):
    checks.role_unchanged(context.im)


@when('I set the role\'s description to "{text}" with {api}')
def step_set_description(context, text, api):
    context.im.record(context.im.roles.set_description(text, api))


@then('the role\'s description is "{text}"')
def step_description(context, text):
    checks.description_is(context.im, text)


@then('the role\'s description is not "{text}"')
def step_description_not(context, text):
    checks.require(
        context.im.roles.current().get("Description") != text, "The role's description was changed."
    )


@then("the role keeps its name, role ID and ARN")
def step_keeps_identity(context):
    checks.keeps_identity(context.im)


@when("I try to set the role's maximum sign-in session duration to {seconds:d} seconds")
def step_try_signin(context, seconds):
    context.im.record(context.im.roles.try_set_signin_duration(seconds))


@then('the request is refused with an error "{operation}" lists, or succeeds')
def step_listed_or_accepted(context, operation):
    checks.refused_as_listed_or_accepted(context.im, operation)


@then("the role's maximum sign-in session duration is unchanged")
def step_signin_unchanged(context):
    checks.signin_duration_unchanged(context.im)


@when('I tag the role with "{key}" = "{value}"')
def step_tag(context, key, value):
    context.im.record(context.im.roles.tag(key, value))


@given('the role has been tagged with "{key}" = "{value}"')
def step_tagged(context, key, value):
    context.im.record(context.im.roles.tag(key, value))
    context.im.expect_success()


@when('I remove the tag "{key}" from the role')
def step_untag(context, key):
    context.im.record(context.im.roles.untag(key))


@then('the role has the tag "{key}" = "{value}"')
def step_has_tag(context, key, value):
    checks.tag_is(context.im, key, value)


@then('the role has no tag "{key}"')
def step_no_tag(context, key):
    checks.tag_is(context.im, key, None)


@then("the role has the same role ID as before")
def step_same_id(context):
    checks.equal(context.im.roles.current()["RoleId"], context.im.roles.id_before, "The role's ID")


@then("the role has a new role ID")
def step_new_id(context):
    checks.new_role_id(context.im)


@then("exactly one role exists on the Incident Manager service-linked path")
def step_one_role(context):
    checks.exactly_one_service_role(context.im)


@when('I ask IAM to create the service-linked role for "{service:Service}"')
def step_create_slr(context, service):
    context.im.record(context.im.roles.create_through_iam(service=service))


@when(
    'I ask IAM to create the service-linked role for "{service:Service}" with the suffix "{suffix}"'
)
def step_create_slr_suffix(context, service, suffix):
    context.im.record(context.im.roles.create_through_iam(suffix=suffix, service=service))

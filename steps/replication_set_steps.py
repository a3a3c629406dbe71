"""Steps about the replication set: creating it, changing its Regions, deleting it."""

import parameter_types  # noqa: F401  (registers the parameter types)
from behave import given, then, when

from conformance.driver import checks


@given("an active replication set in the home Region")
def step_active_home(context):
    context.im.replication_sets.ensure_active([context.im.backend.home_region])


@given('an active replication set in "{region:Region}"')
def step_active_in(context, region):
    context.im.replication_sets.ensure_active([region])


@given('an active replication set in "{first:Region}" and "{second:Region}"')
def step_active_in_two(context, first, second):
    context.im.replication_sets.ensure_active([first, second])


@when("a replication set is created in the home Region")
def step_create_home(context):
    context.im.replication_sets.create([context.im.backend.home_region])


@when('a replication set is created in "{region:Region}"')
def step_create_in(context, region):
    context.im.replication_sets.create([region])


@when('a replication set is created in "{first:Region}", "{second:Region}" and "{third:Region}"')
def step_create_in_three(context, first, second, third):
    context.im.replication_sets.create([first, second, third])


@then("the replication set becomes active")
@when("the replication set becomes active")
def step_becomes_active(context):
    context.im.replication_sets.wait_active()


@given("the replication set has been deleted")
@when("the replication set is deleted")
def step_delete_set(context):
    context.im.replication_sets.delete()


@given("deletion protection is {state}")
def step_protection(context, state):
    context.im.replication_sets.set_deletion_protection(state == "on")


@when("deletion protection is turned off")
def step_protection_off(context):
    context.im.replication_sets.set_deletion_protection(False)


@given('the Region "{region:Region}" has been added to the replication set')
def step_add_region(context, region):
    context.im.replication_sets.add_region(region)


@when('the Region "{region:Region}" is deleted from the replication set')
def step_delete_region(context, region):
    context.im.replication_sets.delete_region(region)


@when("the home Region is deleted from the replication set")
def step_delete_home_region(context):
    context.im.replication_sets.delete_region(context.im.backend.home_region)


@when("I try to delete the home Region from the replication set")
def step_try_delete_home(context):
    context.im.record(context.im.replication_sets.try_delete_region(context.im.backend.home_region))


@when('I try to delete the Region "{region:Region}" from the replication set')
def step_try_delete_region(context, region):
    context.im.record(context.im.replication_sets.try_delete_region(region))


@then('the replication set has only the Region "{region:Region}"')
def step_only_region(context, region):
    checks.replication_set_regions(context.im, {region})


@then('the replication set still has the Region "{region:Region}"')
def step_still_region(context, region):
    checks.require(
        region in context.im.replication_sets.region_names(), f"The Region {region} was removed."
    )


@then("the replication set no longer exists")
def step_set_gone(context):
    checks.replication_set_gone(context.im)


@then("the replication set still exists")
def step_set_exists(context):
    checks.require(
        context.im.replication_sets.get() is not None, "The replication set was deleted."
    )

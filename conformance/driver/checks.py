"""Judgements about what the implementation showed, each failing with a plain explanation."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from conformance.driver import policy
from conformance.driver.calls import listed_errors, look
from conformance.driver.roles import (
    DOCUMENTED_ACTIONS,
    MAX_SESSION_SECONDS,
    POLICY_ARN,
    ROLE_NAME,
    ROLE_PATH,
    SERVICE_PRINCIPAL,
)
from conformance.driver.waiting import holds_throughout, poll_until
from conformance.errors import ImplementationFailure

if TYPE_CHECKING:
    from conformance.driver.world import IncidentManager

T = TypeVar("T")


def require(condition: bool, explanation: str) -> None:
    if not condition:
        raise ImplementationFailure(explanation)


def equal(actual: object, expected: object, what: str) -> None:
    require(actual == expected, f"{what} is {actual!r}, not {expected!r}.")


def documented_role(world: IncidentManager) -> None:
    """The role on the service's path is the one the page documents: its name, its one
    attached managed policy and no inline policy, sessions of at most an hour, and a trust
    policy for the Incident Manager principal alone.

    Examples that let Incident Manager create the role judge the role it brought with this,
    so that an implementation cannot pass by bringing a different role than IAM creates.
    """
    found = world.session.read_back(world.roles.service_roles, settled=bool)
    require(bool(found), "No role exists on the Incident Manager service-linked path.")
    names = sorted(str(r["RoleName"]) for r in found)
    equal(names, [ROLE_NAME], "The list of role names on the Incident Manager service-linked path")
    role = world.roles.current(found_name=ROLE_NAME)
    equal(
        world.roles.attached_policy_arns(str(role["RoleName"])),
        [POLICY_ARN],
        "The list of policies attached to the role",
    )
    equal(world.roles.inline_policy_names(str(role["RoleName"])), [], "The role's inline policies")
    equal(role.get("MaxSessionDuration"), MAX_SESSION_SECONDS, "The role's MaxSessionDuration")
    trust = policy.parse_document(role["AssumeRolePolicyDocument"])
    _trust_names_only(trust, SERVICE_PRINCIPAL)
    _trust_allows_only(trust, "sts:AssumeRole")
    _trust_is_single_plain_allow(trust)


def description_is(world: IncidentManager, text: str) -> None:
    """The description just set reads back (IAM may show the old one for a while)."""
    found = world.session.read_back(
        lambda: world.roles.current().get("Description"), settled=lambda now: now == text
    )
    equal(found, text, "The role's description")


def tag_is(world: IncidentManager, key: str, value: str | None) -> None:
    """The tag just set (or, for ``None``, just removed) reads back, once IAM shows it."""
    found = world.session.read_back(
        lambda: world.roles.tags().get(key), settled=lambda now: now == value
    )
    if value is None:
        require(found is None, f"The role still has the tag {key}.")
    else:
        equal(found, value, f"The role's tag {key}")


def new_role_id(world: IncidentManager) -> None:
    """The role made again has a new ID (IAM may show the deleted one's a moment longer)."""
    before = world.roles.id_before
    found = world.session.read_back(
        lambda: world.roles.current()["RoleId"], settled=lambda now: now != before
    )
    require(found != before, "The role kept its old ID.")


def role_gone(world: IncidentManager) -> None:
    """The role just deleted is no longer found, once IAM shows its deletion."""
    still = world.session.read_back(world.roles.exists, settled=lambda there: not there)
    require(not still, "The role still exists.")


def refused_as_listed_or_accepted(world: IncidentManager, operation: str) -> None:
    """The last request went through, or was refused with an error ``operation`` lists in
    the API reference (botocore's model): where the reference names no error for a refusal,
    any listed one is accepted, and a later check judges that nothing changed."""
    outcome = world.last_attempt()
    if outcome.succeeded:
        return
    listed = listed_errors("iam", operation)
    require(
        outcome.error_code in listed,
        f"{outcome.what} was refused with {outcome.error_code}, which {operation} does not "
        f"list (it lists {', '.join(sorted(listed))}).",
    )


def signin_duration_unchanged(world: IncidentManager) -> None:
    equal(
        world.roles.signin_duration(),
        world.roles.signin_before,
        "The role's maximum sign-in session duration",
    )


def role_arn_is_consistent(world: IncidentManager) -> None:
    role = world.roles.current()
    expected = f"arn:aws:iam::{world.backend.account_id}:role{role['Path']}{role['RoleName']}"
    equal(role["Arn"], expected, "The role's ARN")


def only_attached_policy(world: IncidentManager, arn: str) -> None:
    equal(world.roles.attached_policy_arns(), [arn], "The list of policies attached to the role")


def attached_policy_is_aws_service_policy(world: IncidentManager) -> None:
    meta = world.roles.managed_policy()
    require(
        meta["Arn"].startswith("arn:aws:iam::aws:policy/"),
        f"The attached policy {meta['Arn']} is not owned by AWS.",
    )
    equal(meta.get("Path"), "/aws-service-role/", "The attached policy's path")


def found_by_name(world: IncidentManager, name: str) -> None:
    role = world.roles.current()
    equal(role["RoleName"], name, "The role's name")
    looked_up = look(f"GetRole {name}", lambda: world.client("iam").get_role(RoleName=name))
    require(looked_up is not None, f"No role named {name} is found.")
    equal(looked_up["Role"]["Path"], ROLE_PATH, f"The path of the role named {name}")


def trust_names_only(world: IncidentManager, principal: str) -> None:
    _trust_names_only(world.roles.trust_document(), principal)


def trust_allows_only(world: IncidentManager, action: str) -> None:
    _trust_allows_only(world.roles.trust_document(), action)


def trust_is_single_plain_allow(world: IncidentManager) -> None:
    _trust_is_single_plain_allow(world.roles.trust_document())


def _trust_names_only(trust: policy.Document, principal: str) -> None:
    equal(
        policy.trust_principals(trust),
        {("Service", principal)},
        "The set of principals the trust policy allows",
    )


def _trust_allows_only(trust: policy.Document, action: str) -> None:
    equal(policy.trust_actions(trust), {action}, "The set of actions the trust policy allows")


def _trust_is_single_plain_allow(trust: policy.Document) -> None:
    found = policy.statements(trust)
    require(len(found) == 1, f"The trust policy has {len(found)} statements, not one.")
    require(found[0].get("Effect") == "Allow", "The trust policy's statement is not an Allow.")
    require(not found[0].get("Condition"), "The trust policy's statement carries a condition.")


def _judgeable(document: policy.Document) -> None:
    odd = policy.unsupported(document)
    require(not odd, f"The role's policy uses constructs the suite cannot judge: {', '.join(odd)}.")


def policy_allows_everywhere(world: IncidentManager, action: str, expected: bool = True) -> None:
    document = world.roles.policy_document()
    if not expected:
        _judgeable(document)
    actual = (
        policy.allows_unconditionally(document, action)
        if expected
        else policy.allows(document, action)
    )
    verb = "allows" if actual else "does not allow"
    require(actual == expected, f"The role's policy {verb} {action} on every resource.")


def metric_namespace(world: IncidentManager, namespace: str | None, expected: bool) -> None:
    context = {"cloudwatch:namespace": namespace} if namespace is not None else {}
    document = world.roles.policy_document()
    if not expected:
        _judgeable(document)
    allowed = policy.allows(document, "cloudwatch:PutMetricData", "*", context)
    where = f"in the namespace {namespace}" if namespace else "without a namespace"
    require(
        allowed == expected,
        f"The role's policy {'allows' if allowed else 'does not allow'} metric data {where}.",
    )


def only_documented_actions(world: IncidentManager) -> None:
    _judgeable(world.roles.policy_document())
    extra = policy.undocumented(
        policy.allowed_action_patterns(world.roles.policy_document()), DOCUMENTED_ACTIONS
    )
    require(not extra, f"The role's policy allows undocumented actions: {', '.join(extra)}.")


def role_unchanged(world: IncidentManager) -> None:
    before = world.roles.snapshot_before
    require(before is not None, "No snapshot of the role was taken before the edit.")
    after = world.roles.snapshot()
    for field in ("name", "role_id", "arn", "attached", "inline", "trust", "boundary"):
        equal(
            getattr(after, field),
            getattr(before, field),
            f"After the refused request, the role's {field}",
        )


def keeps_identity(world: IncidentManager) -> None:
    before = world.roles.identity_before
    require(before is not None, "The role's name, ID and ARN were not noted before the edit.")
    role = world.roles.current()
    after = (role["RoleName"], role["RoleId"], role["Arn"])
    for field, old, new in zip(("name", "role_id", "arn"), before or (), after, strict=True):
        equal(new, old, f"After the edit, the role's {field}")


def exactly_one_service_role(world: IncidentManager) -> None:
    names = [r["RoleName"] for r in world.roles.service_roles()]
    require(len(names) == 1, f"{len(names)} roles exist on the path {world.roles.path}: {names}.")


def task_id_form(world: IncidentManager, template: str) -> None:
    require(bool(world.roles.task_ids), "No deletion task ID was returned.")
    pattern = "^" + re.escape(template).replace(re.escape("<id>"), r"[^/\s]+") + "$"
    task_id = world.roles.task_ids[-1]
    require(
        re.match(pattern, task_id) is not None,
        f"The deletion task ID {task_id!r} is not of the form {template!r}.",
    )


def last_task_status(world: IncidentManager, status: str) -> None:
    seen = world.roles.task_statuses
    equal(seen[-1] if seen else None, status, "The deletion task's final status")


def user_can_assume_ordinary_role(world: IncidentManager) -> None:
    """The positive control of the IAM-user example: its grant works, so a refusal means something.

    On a live account a service control policy or a mandatory permissions boundary may forbid
    what the user's own policy allows, so there the example is inconclusive, not failed; an
    emulator has neither, so there the refusal is the implementation's failure.
    """
    if world.identities.can_assume_ordinary_role(world.identities.user_credentials):
        return
    if world.backend.live:
        world.inconclusive(
            "the IAM user cannot assume even a role that trusts the account; on a live "
            "account a service control policy or a permissions boundary can forbid it"
        )
        return
    raise ImplementationFailure(
        "An IAM user allowed sts:AssumeRole on every resource cannot assume a role that trusts "
        f"the account, even after {world.timeouts.grant:.0f} seconds."
    )


def refused_as_listed(world: IncidentManager, operation: str) -> None:
    """The last request was refused with an error ``operation`` lists in the API reference:
    for a refusal whose code nobody recorded, the code is not asserted beyond that."""
    outcome = world.last_attempt()
    require(not outcome.succeeded, f"{outcome.what} succeeded, but it should be refused.")
    refused_as_listed_or_accepted(world, operation)


def no_role_named(world: IncidentManager, name: str) -> None:
    """No role of that name exists (once IAM shows a refusal's outcome)."""
    iam = world.client("iam")
    found = look(f"GetRole {name}", lambda: iam.get_role(RoleName=name))
    require(found is None, f"A role named {name} exists.")


def task_ended_as_documented(world: IncidentManager) -> None:
    """The task ended SUCCEEDED with the role gone, or FAILED with the role still there."""
    seen = world.roles.task_statuses
    final = seen[-1] if seen else None
    if final == "SUCCEEDED":
        role_gone(world)
    elif final == "FAILED":
        require(world.roles.exists(), "The deletion task FAILED, but the role is gone.")
    else:
        raise ImplementationFailure(f"The deletion task ended {final!r}.")


def entities_without_policy(world: IncidentManager) -> None:
    for entity in world.identities.entities:
        equal(world.identities.entity_policies(entity), [], f"The {entity[0]}'s attached policies")


def same_task_id(world: IncidentManager) -> None:
    ids = world.roles.task_ids
    require(len(ids) >= 2, "Fewer than two deletion requests returned a task ID.")
    equal(ids[-1], ids[-2], "The second deletion request's task ID")


def statuses_documented(world: IncidentManager, allowed: str) -> None:
    known = {s.strip() for s in allowed.split(",")}
    seen = world.roles.task_statuses
    odd = sorted(set(seen) - known)
    require(bool(seen), "No status was reported for the deletion task.")
    require(not odd, f"The deletion task reported undocumented statuses: {odd}.")


def _firing_again_before_later_looks(
    world: IncidentManager, look: Callable[[], T]
) -> Callable[[], T]:
    """``look``, with the alarm or event fired again before every look but the first."""
    first = [True]

    def probe() -> T:
        if not first[0]:
            world.triggers.fire_again()
        first[0] = False
        return look()

    return probe


def incident_started(world: IncidentManager) -> None:
    poll_until(
        world.clock,
        _firing_again_before_later_looks(world, lambda: world.data.incidents_from_plan() or None),
        reason="start an incident from the response plan",
        timeout=world.timeouts.incident,
        interval=world.timeouts.interval,
    )


def no_incident_started(world: IncidentManager) -> None:
    quiet = holds_throughout(
        world.clock,
        _firing_again_before_later_looks(world, lambda: not world.data.incidents_from_plan()),
        duration=world.timeouts.incident,
        interval=world.timeouts.interval,
    )
    require(quiet, "An incident was started from a response plan that was deleted.")


def replication_set_gone(world: IncidentManager) -> None:
    world.replication_sets.wait_gone()


def replication_set_regions(world: IncidentManager, regions: set[str]) -> None:
    equal(world.replication_sets.region_names(), regions, "The replication set's Regions")

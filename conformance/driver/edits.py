"""The edits IAM must refuse on a service-linked role, each named as a scenario names it."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from conformance.driver import policy
from conformance.driver.calls import Attempt, attempt
from conformance.driver.identities import allow
from conformance.errors import ImplementationFailure

if TYPE_CHECKING:
    from conformance.driver.world import IncidentManager

INLINE_POLICY_NAME = "slr-conformance-inline"

#: The edits a scenario may name in "I try to <edit> on the role", in feature-file words.
REFUSED_EDITS = (
    "attach another managed policy",
    "detach its managed policy",
    "put an inline policy",
    "delete an inline policy",
    "set a permissions boundary",
    "delete the permissions boundary",
    "replace the trust policy",
)


#: On a role the account had before a live run, each refused edit is sent only in a form that
#: changes nothing even if wrongly accepted: IAM's attach of a policy already attached leaves
#: the role as it was, and a trust policy replaced by its own stored text is the same text.
#: The other edits (detaching, inline policies, boundaries, DeleteRole) would change the role
#: if accepted, so they are never sent there.
NO_OP_EDITS = {
    "attach another managed policy": "attach the managed policy it already has",
    "replace the trust policy": "replace the trust policy with its own",
}


def _plans(world: IncidentManager, role: str) -> dict[str, Callable[[], Any]]:
    iam = world.client("iam")

    def attach_other() -> Any:
        return iam.attach_role_policy(RoleName=role, PolicyArn=world.identities.customer_policy())

    def detach_own() -> Any:
        attached = world.roles.attached_policy_arns()
        arn = (
            attached[0]
            if attached
            else "arn:aws:iam::aws:policy/aws-service-role/AWSIncidentManagerServiceRolePolicy"
        )
        return iam.detach_role_policy(RoleName=role, PolicyArn=arn)

    def set_boundary() -> Any:
        return iam.put_role_permissions_boundary(
            RoleName=role, PermissionsBoundary=world.identities.customer_policy()
        )

    def attach_own() -> Any:
        attached = world.roles.attached_policy_arns(role)
        if not attached:
            raise ImplementationFailure("The role has no attached policy to attach again.")
        return iam.attach_role_policy(RoleName=role, PolicyArn=attached[0])

    def own_trust() -> Any:
        text = world.roles.stored_trust_text()
        return iam.update_assume_role_policy(RoleName=role, PolicyDocument=text)

    trust = world.identities.trust_account()
    return {
        "attach the managed policy it already has": attach_own,
        "replace the trust policy with its own": own_trust,
        "attach another managed policy": attach_other,
        "detach its managed policy": detach_own,
        "put an inline policy": lambda: iam.put_role_policy(
            RoleName=role, PolicyName=INLINE_POLICY_NAME, PolicyDocument=allow("s3:GetObject")
        ),
        "delete an inline policy": lambda: iam.delete_role_policy(
            RoleName=role, PolicyName=INLINE_POLICY_NAME
        ),
        "set a permissions boundary": set_boundary,
        "delete the permissions boundary": lambda: iam.delete_role_permissions_boundary(
            RoleName=role
        ),
        "replace the trust policy": lambda: iam.update_assume_role_policy(
            RoleName=role, PolicyDocument=trust
        ),
        "delete the role with DeleteRole": lambda: iam.delete_role(RoleName=role),
    }


def _undo(
    world: IncidentManager,
    role: dict[str, Any],
    edit: str,
    attached_before: list[str] | None = None,
) -> Callable[[], Any] | None:
    """How to take back an edit the implementation should have refused but accepted.

    ``role`` is the role as read just before the edit, ``attached_before`` its attached
    policies when the caller has read them; only what an undo needs is read more.
    """
    iam = world.client("iam")
    name = str(role["RoleName"])
    if edit == "put an inline policy":
        return lambda: iam.delete_role_policy(RoleName=name, PolicyName=INLINE_POLICY_NAME)
    if edit == "set a permissions boundary":
        return lambda: iam.delete_role_permissions_boundary(RoleName=name)
    if edit == "replace the trust policy":
        trust = json.dumps(policy.parse_document(role["AssumeRolePolicyDocument"]), sort_keys=True)
        return lambda: iam.update_assume_role_policy(RoleName=name, PolicyDocument=trust)
    if edit not in ("attach another managed policy", "detach its managed policy"):
        return None
    attached = sorted(
        world.roles.attached_policy_arns(name) if attached_before is None else attached_before
    )
    if edit == "attach another managed policy":
        return lambda: [
            iam.detach_role_policy(RoleName=name, PolicyArn=arn)
            for arn in world.roles.attached_policy_arns()
            if arn not in attached
        ]
    return lambda: [
        iam.attach_role_policy(RoleName=name, PolicyArn=arn)
        for arn in attached
        if arn not in world.roles.attached_policy_arns()
    ]


def try_edit(world: IncidentManager, edit: str) -> Attempt:
    """Try one refused edit on the role; unknown edit names are a defect of the feature file.

    When the implementation wrongly accepts the edit, the edit is undone after the scenario,
    so that a misbehaving implementation cannot leak a changed role into later scenarios.
    """
    if world.roles.existing_only and edit not in NO_OP_EDITS.values():
        raise ValueError(f"the edit '{edit}' would change a role the run may only read")
    return _try(world, world.roles.current(), edit)


def try_each(world: IncidentManager, names: list[str]) -> list[Attempt]:
    """Try several refused edits on the role, one after the other, each judged on its own.

    The role is read once for all of them, and its attached policies are taken from the
    picture the scenario took before (``Roles.remember``); one customer policy serves every
    edit that needs one. On a role the run may only read, only the edits of ``NO_OP_EDITS``
    are sent, in their no-op form; none there makes the example inconclusive.
    """
    if world.roles.existing_only:
        names = [NO_OP_EDITS[name] for name in names if name in NO_OP_EDITS]
        if not names:
            world.inconclusive("none of these edits has a form that changes nothing")
            return []
    role = world.roles.current()
    before = world.roles.snapshot_before
    attached = list(before.attached) if before is not None else None
    return [_try(world, role, edit, attached) for edit in names]


def _try(
    world: IncidentManager, role: dict[str, Any], edit: str, attached: list[str] | None = None
) -> Attempt:
    plans = _plans(world, str(role["RoleName"]))
    if edit not in plans:
        raise ValueError(f"unknown edit '{edit}'; known: {', '.join(sorted(plans))}")
    undo = _undo(world, role, edit, attached)
    outcome = attempt(edit, plans[edit])
    if outcome.succeeded and edit == "delete the role with DeleteRole":
        world.roles.forget()
    elif outcome.succeeded and undo is not None:
        world.tracker.created(f"accepted edit '{edit}'", undo)
    return outcome


def try_add_to_instance_profile(world: IncidentManager) -> Attempt:
    role = world.roles.current()["RoleName"]
    profile = world.identities.new_instance_profile()
    iam = world.client("iam")
    outcome = attempt(
        "AddRoleToInstanceProfile",
        lambda: iam.add_role_to_instance_profile(InstanceProfileName=profile, RoleName=role),
    )
    if outcome.succeeded:
        world.tracker.created(
            "instance profile membership",
            lambda: iam.remove_role_from_instance_profile(
                InstanceProfileName=profile, RoleName=role
            ),
        )
    return outcome

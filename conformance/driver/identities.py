"""IAM users, groups, roles and policies that scenarios create to act on the role."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from conformance.backends.base import Credentials
from conformance.driver.calls import Attempt, attempt, expect
from conformance.driver.waiting import poll_until, retry_while
from conformance.live.journal import (
    IAM_GROUP,
    IAM_INSTANCE_PROFILE,
    IAM_POLICY,
    IAM_ROLE,
    IAM_USER,
)

if TYPE_CHECKING:
    from conformance.driver.session import Session


ACCESS_DENIED = frozenset({"AccessDenied", "AccessDeniedException"})


def _statement(
    action: str | list[str], resource: str, condition: dict[str, Any] | None = None
) -> dict[str, Any]:
    statement: dict[str, Any] = {"Effect": "Allow", "Action": action, "Resource": resource}
    if condition:
        statement["Condition"] = condition
    return statement


def allow(
    action: str | list[str], resource: str = "*", condition: dict[str, Any] | None = None
) -> str:
    """An identity policy with one Allow statement."""
    return json.dumps(
        {"Version": "2012-10-17", "Statement": [_statement(action, resource, condition)]}
    )


def allow_creating_service_linked_role(service: str, role_name: str) -> str:
    """What the IAM User Guide grants an entity that may create one service's role.

    The guide's recipe ("Service-linked role permissions", allowing an entity to create a
    specific service-linked role) allows iam:CreateServiceLinkedRole on the role's ARN pattern
    under the condition iam:AWSServiceName, together with iam:AttachRolePolicy and
    iam:PutRolePolicy on the same ARN. That CreateServiceLinkedRole alone suffices is not
    documented, so the suite grants the whole recipe.
    """
    arn = f"arn:aws:iam::*:role/aws-service-role/{service}/{role_name}*"
    statements = [
        _statement(
            "iam:CreateServiceLinkedRole",
            arn,
            {"StringLike": {"iam:AWSServiceName": service}},
        ),
        _statement(["iam:AttachRolePolicy", "iam:PutRolePolicy"], arn),
    ]
    return json.dumps({"Version": "2012-10-17", "Statement": statements})


class Identities:
    """Short-lived IAM entities, each one removed again after the scenario."""

    def __init__(self, session: Session) -> None:
        self._session = session
        self.user_credentials: Credentials | None = None
        #: Whether the user was given a policy, whose effect may take a while to spread.
        self.user_granted = False
        self.entity: tuple[str, str] | None = None
        #: Every entity made for attaching a policy, in order (``entity`` is the latest).
        self.entities: list[tuple[str, str]] = []
        self.instance_profile: str | None = None
        self._customer_policy: str | None = None

    @property
    def _iam(self) -> Any:
        return self._session.client("iam")

    def user(self, policy_document: str | None) -> Credentials:
        """A new IAM user with at most one inline policy, and its access key."""
        iam, name = self._iam, self._session.tracker.name("user")
        entry = self._session.tracker.intend(IAM_USER, name)
        expect(
            "Creating an IAM user",
            lambda: iam.create_user(UserName=name, Tags=self._session.run_tags_list()),
        )
        self._session.tracker.created(f"user {name}", lambda: iam.delete_user(UserName=name), entry)
        self._session.wait_visible("IAM user", lambda: iam.get_user(UserName=name))
        if policy_document is not None:
            expect(
                "Giving the IAM user a policy",
                lambda: iam.put_user_policy(
                    UserName=name, PolicyName="grant", PolicyDocument=policy_document
                ),
            )
            self._session.tracker.created(
                f"user policy {name}",
                lambda: iam.delete_user_policy(UserName=name, PolicyName="grant"),
            )
        key = expect("Creating an access key", lambda: iam.create_access_key(UserName=name))[
            "AccessKey"
        ]
        self._session.tracker.created(
            f"access key {name}",
            lambda: iam.delete_access_key(UserName=name, AccessKeyId=key["AccessKeyId"]),
        )
        self.user_credentials = Credentials(key["AccessKeyId"], key["SecretAccessKey"])
        self.user_granted = policy_document is not None
        if self._session.backend.live:
            self._wait_for_key(self.user_credentials)
        return self.user_credentials

    def act(self, request: Callable[[Credentials], Attempt]) -> Attempt:
        """A request made as the scenario's IAM user.

        A user holding a grant may still be refused with AccessDenied until the grant has
        spread (IAM is eventually consistent), so such a refusal is asked again within
        ``Timeouts.grant``; the last answer is returned for the scenario to judge. A user
        without a grant is asked once: its refusal is the expected answer.
        """
        credentials = self.user_credentials
        if credentials is None:
            raise RuntimeError("no IAM user was created")
        if not self.user_granted:
            return request(credentials)
        return retry_while(
            self._session.clock,
            lambda: request(credentials),
            again=lambda outcome: outcome.error_code in ACCESS_DENIED,
            timeout=self._session.timeouts.grant,
            interval=self._session.timeouts.interval,
        )

    def _wait_for_key(self, credentials: Credentials) -> None:
        """New access keys take a few seconds to work on AWS (emulators need no wait): they
        spread like a grant does, so they get as long (``Timeouts.grant``)."""
        sts = self._session.client("sts", credentials=credentials)
        poll_until(
            self._session.clock,
            lambda: (
                True if attempt("GetCallerIdentity", sts.get_caller_identity).succeeded else None
            ),
            reason="make the new access key usable",
            timeout=self._session.timeouts.grant,
            interval=min(5.0, self._session.timeouts.interval),
        )

    def can_assume_ordinary_role(self, credentials: Credentials | None) -> bool:
        """Whether ``credentials`` (the account's own when ``None``) can assume a role that trusts
        the account: the positive control that makes a later refusal mean something.

        A new role's trust and a new user's grant may take a while to spread, so refusals are
        asked again within ``Timeouts.grant``.
        """
        _, name = self.entity_for_attachment("customer role")
        arn = str(expect("GetRole", lambda: self._iam.get_role(RoleName=name))["Role"]["Arn"])
        sts = self._session.client("sts", credentials=credentials)
        outcome = retry_while(
            self._session.clock,
            lambda: attempt(
                "AssumeRole",
                lambda: sts.assume_role(RoleArn=arn, RoleSessionName="slr-conformance"),
            ),
            again=lambda outcome: not outcome.succeeded,
            timeout=self._session.timeouts.grant,
            interval=self._session.timeouts.interval,
        )
        return outcome.succeeded

    def customer_policy(self) -> str:
        """A customer managed policy that scenarios may try to attach or use as a boundary;
        made once per scenario."""
        if self._customer_policy is not None:
            return self._customer_policy
        self._customer_policy = self._new_customer_policy()
        return self._customer_policy

    def _new_customer_policy(self) -> str:
        name = self._session.tracker.name("policy")
        document = allow("s3:GetObject")
        entry = self._session.tracker.intend(IAM_POLICY, name)
        arn = str(
            expect(
                "Creating a customer managed policy",
                lambda: self._iam.create_policy(PolicyName=name, PolicyDocument=document),
            )["Policy"]["Arn"]
        )
        self._session.tracker.created(
            f"policy {name}", lambda: self._iam.delete_policy(PolicyArn=arn), entry, arn
        )
        self._session.wait_visible("policy", lambda: self._iam.get_policy(PolicyArn=arn))
        return arn

    def trust_account(self) -> str:
        principal = f"arn:aws:iam::{self._session.backend.account_id}:root"
        return json.dumps(
            {
                "Version": "2012-10-17",
                "Statement": [
                    {"Effect": "Allow", "Principal": {"AWS": principal}, "Action": "sts:AssumeRole"}
                ],
            }
        )

    def entity_for_attachment(self, kind: str) -> tuple[str, str]:
        """A new user, group or customer role to try attaching the service policy to."""
        iam, tracker = self._iam, self._session.tracker
        name = tracker.name(kind.replace(" ", "-"))
        if kind == "user":
            entry = tracker.intend(IAM_USER, name)
            expect("Creating an IAM user", lambda: iam.create_user(UserName=name))
            tracker.created(f"user {name}", lambda: iam.delete_user(UserName=name), entry)
            self._session.wait_visible(kind, lambda: iam.get_user(UserName=name))
        elif kind == "group":
            entry = tracker.intend(IAM_GROUP, name)
            expect("Creating an IAM group", lambda: iam.create_group(GroupName=name))
            tracker.created(f"group {name}", lambda: iam.delete_group(GroupName=name), entry)
            self._session.wait_visible(kind, lambda: iam.get_group(GroupName=name))
        elif kind == "customer role":
            entry = tracker.intend(IAM_ROLE, name)
            expect(
                "Creating a customer role",
                lambda: iam.create_role(
                    RoleName=name, AssumeRolePolicyDocument=self.trust_account()
                ),
            )
            tracker.created(f"role {name}", lambda: iam.delete_role(RoleName=name), entry)
            self._session.wait_visible(kind, lambda: iam.get_role(RoleName=name))
        else:
            raise ValueError(f"unknown IAM entity kind: {kind}")
        self.entity = (kind, name)
        self.entities.append(self.entity)
        return self.entity

    def attach(self, policy_arn: str) -> Attempt:
        if self.entity is None:
            raise RuntimeError("no entity was created")
        kind, name = self.entity
        iam = self._iam
        calls = {
            "user": lambda: iam.attach_user_policy(UserName=name, PolicyArn=policy_arn),
            "group": lambda: iam.attach_group_policy(GroupName=name, PolicyArn=policy_arn),
            "customer role": lambda: iam.attach_role_policy(RoleName=name, PolicyArn=policy_arn),
        }
        outcome = attempt(f"Attaching the policy to a {kind}", calls[kind])
        if outcome.succeeded:
            detach = {
                "user": lambda: iam.detach_user_policy(UserName=name, PolicyArn=policy_arn),
                "group": lambda: iam.detach_group_policy(GroupName=name, PolicyArn=policy_arn),
                "customer role": lambda: iam.detach_role_policy(
                    RoleName=name, PolicyArn=policy_arn
                ),
            }
            self._session.tracker.created(f"attachment {name}", detach[kind])
        return outcome

    def entity_policies(self, entity: tuple[str, str] | None = None) -> list[str]:
        """The policies attached to ``entity`` (the latest one made when ``None``)."""
        entity = entity or self.entity
        if entity is None:
            raise RuntimeError("no entity was created")
        kind, name = entity
        iam = self._iam
        calls = {
            "user": lambda: iam.list_attached_user_policies(UserName=name),
            "group": lambda: iam.list_attached_group_policies(GroupName=name),
            "customer role": lambda: iam.list_attached_role_policies(RoleName=name),
        }
        answer = expect(f"Listing the {kind}'s policies", calls[kind])
        return [p["PolicyArn"] for p in answer["AttachedPolicies"]]

    def new_instance_profile(self) -> str:
        iam, name = self._iam, self._session.tracker.name("profile")
        entry = self._session.tracker.intend(IAM_INSTANCE_PROFILE, name)
        expect(
            "Creating an instance profile",
            lambda: iam.create_instance_profile(InstanceProfileName=name),
        )
        self._session.tracker.created(
            f"instance profile {name}",
            lambda: iam.delete_instance_profile(InstanceProfileName=name),
            entry,
        )
        self._session.wait_visible(
            "instance profile", lambda: iam.get_instance_profile(InstanceProfileName=name)
        )
        self.instance_profile = name
        return name

    def instance_profile_roles(self) -> list[str]:
        if self.instance_profile is None:
            raise RuntimeError("no instance profile was created")
        name = self.instance_profile
        answer = expect(
            "Reading the instance profile",
            lambda: self._iam.get_instance_profile(InstanceProfileName=name),
        )
        return [r["RoleName"] for r in answer["InstanceProfile"]["Roles"]]

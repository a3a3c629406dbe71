"""IAM users, groups, roles and policies that scenarios create to act on the role."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from conformance.backends.base import Credentials
from conformance.driver.calls import Attempt, attempt, expect
from conformance.driver.waiting import poll_until

if TYPE_CHECKING:
    from conformance.driver.world import IncidentManager


def allow(action: str, resource: str = "*", condition: dict[str, Any] | None = None) -> str:
    statement: dict[str, Any] = {"Effect": "Allow", "Action": action, "Resource": resource}
    if condition:
        statement["Condition"] = condition
    return json.dumps({"Version": "2012-10-17", "Statement": [statement]})


class Identities:
    """Short-lived IAM entities, each one removed again after the scenario."""

    def __init__(self, world: IncidentManager) -> None:
        self._world = world
        self.user_credentials: Credentials | None = None
        self.entity: tuple[str, str] | None = None
        self.instance_profile: str | None = None

    @property
    def _iam(self) -> Any:
        return self._world.client("iam")

    def user(self, policy_document: str | None) -> Credentials:
        """A new IAM user with at most one inline policy, and its access key."""
        iam, name = self._iam, self._world.tracker.name("user")
        expect(
            "Creating an IAM user",
            lambda: iam.create_user(UserName=name, Tags=self._world.run_tags_list()),
        )
        self._world.tracker.created(f"user {name}", lambda: iam.delete_user(UserName=name))
        if policy_document is not None:
            expect(
                "Giving the IAM user a policy",
                lambda: iam.put_user_policy(
                    UserName=name, PolicyName="grant", PolicyDocument=policy_document
                ),
            )
            self._world.tracker.created(
                f"user policy {name}",
                lambda: iam.delete_user_policy(UserName=name, PolicyName="grant"),
            )
        key = expect("Creating an access key", lambda: iam.create_access_key(UserName=name))[
            "AccessKey"
        ]
        self._world.tracker.created(
            f"access key {name}",
            lambda: iam.delete_access_key(UserName=name, AccessKeyId=key["AccessKeyId"]),
        )
        self.user_credentials = Credentials(key["AccessKeyId"], key["SecretAccessKey"])
        if self._world.backend.live:
            self._wait_for_key(self.user_credentials)
        return self.user_credentials

    def _wait_for_key(self, credentials: Credentials) -> None:
        """New access keys take a few seconds to work on AWS; emulators need no wait."""
        sts = self._world.client("sts", credentials=credentials)
        poll_until(
            self._world.clock,
            lambda: (
                True if attempt("GetCallerIdentity", sts.get_caller_identity).succeeded else None
            ),
            reason="make the new access key usable",
            timeout=120,
            interval=5,
        )

    def prove_user_can_assume_ordinary_role(self) -> None:
        """The user's grant works (on AWS, once it has spread), so a refusal later means something."""
        if self.user_credentials is None:
            raise RuntimeError("no IAM user was created")
        _, name = self.entity_for_attachment("customer role")
        arn = str(
            expect("Reading the customer role", lambda: self._iam.get_role(RoleName=name))["Role"][
                "Arn"
            ]
        )
        sts = self._world.client("sts", credentials=self.user_credentials)

        def probe() -> bool | None:
            outcome = attempt(
                "AssumeRole",
                lambda: sts.assume_role(RoleArn=arn, RoleSessionName="slr-conformance"),
            )
            return True if outcome.succeeded else None

        poll_until(
            self._world.clock,
            probe,
            reason="let the IAM user assume an ordinary role it is allowed to",
            timeout=120 if self._world.backend.live else self._world.timeouts.interval * 4,
            interval=5 if self._world.backend.live else self._world.timeouts.interval,
        )

    def customer_policy(self) -> str:
        """A customer managed policy that scenarios may try to attach or use as a boundary."""
        name = self._world.tracker.name("policy")
        document = allow("s3:GetObject")
        arn = str(
            expect(
                "Creating a customer managed policy",
                lambda: self._iam.create_policy(PolicyName=name, PolicyDocument=document),
            )["Policy"]["Arn"]
        )
        self._world.tracker.created(
            f"policy {name}", lambda: self._iam.delete_policy(PolicyArn=arn)
        )
        return arn

    def trust_account(self) -> str:
        principal = f"arn:aws:iam::{self._world.backend.account_id}:root"
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
        iam, name = self._iam, self._world.tracker.name(kind.replace(" ", "-"))
        if kind == "user":
            expect("Creating an IAM user", lambda: iam.create_user(UserName=name))
            self._world.tracker.created(f"user {name}", lambda: iam.delete_user(UserName=name))
        elif kind == "group":
            expect("Creating an IAM group", lambda: iam.create_group(GroupName=name))
            self._world.tracker.created(f"group {name}", lambda: iam.delete_group(GroupName=name))
        elif kind == "customer role":
            expect(
                "Creating a customer role",
                lambda: iam.create_role(
                    RoleName=name, AssumeRolePolicyDocument=self.trust_account()
                ),
            )
            self._world.tracker.created(f"role {name}", lambda: iam.delete_role(RoleName=name))
        else:
            raise ValueError(f"unknown IAM entity kind: {kind}")
        self.entity = (kind, name)
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
            self._world.tracker.created(f"attachment {name}", detach[kind])
        return outcome

    def entity_policies(self) -> list[str]:
        if self.entity is None:
            raise RuntimeError("no entity was created")
        kind, name = self.entity
        iam = self._iam
        calls = {
            "user": lambda: iam.list_attached_user_policies(UserName=name),
            "group": lambda: iam.list_attached_group_policies(GroupName=name),
            "customer role": lambda: iam.list_attached_role_policies(RoleName=name),
        }
        answer = expect(f"Listing the {kind}'s policies", calls[kind])
        return [p["PolicyArn"] for p in answer["AttachedPolicies"]]

    def new_instance_profile(self) -> str:
        iam, name = self._iam, self._world.tracker.name("profile")
        expect(
            "Creating an instance profile",
            lambda: iam.create_instance_profile(InstanceProfileName=name),
        )
        self._world.tracker.created(
            f"instance profile {name}",
            lambda: iam.delete_instance_profile(InstanceProfileName=name),
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

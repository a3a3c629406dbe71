"""The service-linked role as IAM shows it: reading it, editing it, deleting it."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from botocore.exceptions import ClientError

from conformance.driver import policy
from conformance.driver.calls import Attempt, attempt, expect, is_not_found
from conformance.driver.waiting import poll_until
from conformance.errors import ImplementationFailure

if TYPE_CHECKING:
    from conformance.driver.world import IncidentManager

SERVICE_PRINCIPAL = "ssm-incidents.amazonaws.com"
ROLE_PATH = f"/aws-service-role/{SERVICE_PRINCIPAL}/"
DOCUMENTED_ROLE_NAME = "AWSServiceRoleForIncidentManager"
POLICY_ARN = "arn:aws:iam::aws:policy/aws-service-role/AWSIncidentManagerServiceRolePolicy"
DOCUMENTED_ACTIONS = (
    "ssm-incidents:ListIncidentRecords",
    "ssm-incidents:CreateTimelineEvent",
    "ssm:CreateOpsItem",
    "ssm:AssociateOpsItemRelatedItem",
    "ssm-contacts:StartEngagement",
    "cloudwatch:PutMetricData",
)
TERMINAL_TASK_STATUSES = ("SUCCEEDED", "FAILED")


@dataclass(frozen=True)
class RoleSnapshot:
    """What the page says must not change: permissions, trust and identity."""

    name: str
    role_id: str
    arn: str
    attached: tuple[str, ...]
    inline: tuple[str, ...]
    trust: str
    boundary: str | None


class Roles:
    """Operations on the Incident Manager service-linked role."""

    def __init__(self, world: IncidentManager) -> None:
        self._world = world

    @property
    def _iam(self) -> Any:
        return self._world.client("iam")

    # -- finding -------------------------------------------------------------------------
    def service_roles(self) -> list[dict[str, Any]]:
        """Every role on the Incident Manager service-linked path."""
        pages = self._iam.get_paginator("list_roles").paginate(PathPrefix=ROLE_PATH)
        found = expect("Listing roles", lambda: [r for p in pages for r in p["Roles"]])
        return [r for r in found if r.get("Path") == ROLE_PATH]

    def find(self) -> dict[str, Any] | None:
        roles = self.service_roles()
        return roles[0] if roles else None

    def current(self) -> dict[str, Any]:
        """The role, read afresh; fails when there is none."""
        name = self._world.role_name
        if name is None:
            found = self.find()
            if found is None:
                raise ImplementationFailure("No role exists on the Incident Manager service path.")
            name = self._world.role_name = found["RoleName"]
        try:
            return dict(self._iam.get_role(RoleName=name)["Role"])
        except ClientError as exc:
            if is_not_found(exc):
                raise ImplementationFailure(f"The role {name} does not exist.") from None
            raise ImplementationFailure(f"Reading the role {name} was refused ({exc}).") from None

    def exists(self) -> bool:
        if self._world.role_name is None:
            return self.find() is not None
        try:
            self._iam.get_role(RoleName=self._world.role_name)
        except ClientError as exc:
            if is_not_found(exc):
                return False
            raise ImplementationFailure(f"Reading the role was refused ({exc}).") from None
        return True

    # -- creating ------------------------------------------------------------------------
    def create_through_iam(
        self, suffix: str | None = None, credentials: Any = None, service: str = SERVICE_PRINCIPAL
    ) -> Attempt:
        kwargs: dict[str, Any] = {"AWSServiceName": service}
        if suffix:
            kwargs["CustomSuffix"] = suffix
        iam = self._world.client("iam", credentials=credentials)
        outcome = attempt(
            "Creating the role through IAM", lambda: iam.create_service_linked_role(**kwargs)
        )
        if outcome.succeeded:
            role = outcome.response["Role"]
            self._world.role_name = role["RoleName"]
            self._world.track_role(role["RoleName"])
        return outcome

    def ensure(self) -> dict[str, Any]:
        """The role, created through IAM (the most direct documented way) when absent."""
        found = self.find()
        if found is None:
            outcome = self.create_through_iam()
            if not outcome.succeeded:
                raise ImplementationFailure(
                    "The role could not be created through IAM CreateServiceLinkedRole "
                    f"({outcome.error_code}: {outcome.error_message})."
                )
            found = outcome.response["Role"]
        self._world.role_name = found["RoleName"]
        self._world.role_id_before = found["RoleId"]
        return dict(found)

    # -- reading -------------------------------------------------------------------------
    def attached_policy_arns(self) -> list[str]:
        name = self.current()["RoleName"]
        answer = expect(
            "Listing the role's attached policies",
            lambda: self._iam.list_attached_role_policies(RoleName=name),
        )
        return [p["PolicyArn"] for p in answer["AttachedPolicies"]]

    def inline_policy_names(self) -> list[str]:
        name = self.current()["RoleName"]
        answer = expect(
            "Listing the role's inline policies",
            lambda: self._iam.list_role_policies(RoleName=name),
        )
        return list(answer["PolicyNames"])

    def trust_document(self) -> dict[str, Any]:
        return policy.parse_document(self.current()["AssumeRolePolicyDocument"])

    def managed_policy(self) -> dict[str, Any]:
        """The attached managed policy's metadata (fails unless exactly one is attached)."""
        arns = self.attached_policy_arns()
        if len(arns) != 1:
            raise ImplementationFailure(
                f"The role has {len(arns)} attached policies, not one: {arns}."
            )
        arn = arns[0]
        return dict(
            expect(f"Reading the policy {arn}", lambda: self._iam.get_policy(PolicyArn=arn))[
                "Policy"
            ]
        )

    def policy_document(self) -> dict[str, Any]:
        """The default version of the role's permissions policy."""
        arns = self.attached_policy_arns()
        if not arns:
            raise ImplementationFailure("The role has no attached permissions policy.")
        arn = POLICY_ARN if POLICY_ARN in arns else arns[0]
        meta = expect(f"Reading the policy {arn}", lambda: self._iam.get_policy(PolicyArn=arn))[
            "Policy"
        ]
        version = expect(
            f"Reading the default version of {arn}",
            lambda: self._iam.get_policy_version(PolicyArn=arn, VersionId=meta["DefaultVersionId"]),
        )
        return policy.parse_document(version["PolicyVersion"]["Document"])

    def snapshot(self) -> RoleSnapshot:
        role = self.current()
        trust = policy.parse_document(role["AssumeRolePolicyDocument"])
        boundary = role.get("PermissionsBoundary", {}).get("PermissionsBoundaryArn")
        return RoleSnapshot(
            name=role["RoleName"],
            role_id=role["RoleId"],
            arn=role["Arn"],
            attached=tuple(sorted(self.attached_policy_arns())),
            inline=tuple(sorted(self.inline_policy_names())),
            trust=json.dumps(trust, sort_keys=True),
            boundary=boundary,
        )

    # -- editing -------------------------------------------------------------------------
    def set_description(
        self, text: str, api: str = "UpdateRoleDescription", credentials: Any = None
    ) -> Attempt:
        """Change the description; a change that went through is put back after the scenario."""
        role = self.current()
        name, old = role["RoleName"], role.get("Description", "")
        iam = self._world.client("iam", credentials=credentials)
        if api == "UpdateRole":
            outcome = attempt(
                "UpdateRole", lambda: iam.update_role(RoleName=name, Description=text)
            )
        else:
            outcome = attempt(
                "UpdateRoleDescription",
                lambda: iam.update_role_description(RoleName=name, Description=text),
            )
        if outcome.succeeded:
            self._world.tracker.created(
                "role description", lambda: self._iam.update_role(RoleName=name, Description=old)
            )
        return outcome

    def tag(self, key: str, value: str) -> Attempt:
        name = self.current()["RoleName"]
        return attempt(
            "TagRole",
            lambda: self._iam.tag_role(RoleName=name, Tags=[{"Key": key, "Value": value}]),
        )

    def untag(self, key: str) -> Attempt:
        name = self.current()["RoleName"]
        return attempt("UntagRole", lambda: self._iam.untag_role(RoleName=name, TagKeys=[key]))

    def tags(self) -> dict[str, str]:
        name = self.current()["RoleName"]
        answer = expect("Listing the role's tags", lambda: self._iam.list_role_tags(RoleName=name))
        return {t["Key"]: t["Value"] for t in answer["Tags"]}

    # -- deleting ------------------------------------------------------------------------
    def request_deletion(self, credentials: Any = None) -> Attempt:
        name = self.current()["RoleName"]
        if self._world.snapshot_before is None:  # what "unchanged" is measured against
            self._world.snapshot_before = self.snapshot()
        iam = self._world.client("iam", credentials=credentials)
        outcome = attempt(
            "DeleteServiceLinkedRole", lambda: iam.delete_service_linked_role(RoleName=name)
        )
        if outcome.succeeded:
            self._world.task_ids.append(outcome.response["DeletionTaskId"])
        return outcome

    def delete_if_present(self, name: str | None = None) -> None:
        """Cleanup: delete the role (the one named, or the service's) and wait until it is gone."""
        if name is None:
            found = self.find()
            if found is None:
                return
            name = found["RoleName"]
        try:
            task = self._iam.delete_service_linked_role(RoleName=name)["DeletionTaskId"]
        except ClientError as exc:
            if is_not_found(exc):
                return
            raise

        def probe() -> str | None:
            status = str(self.task_status(task).get("Status"))
            return status if status in TERMINAL_TASK_STATUSES else None

        final = poll_until(
            self._world.clock,
            probe,
            reason="finish deleting the role during cleanup",
            timeout=self._world.timeouts.task,
            interval=self._world.timeouts.interval,
        )
        if final != "SUCCEEDED":
            raise ImplementationFailure(f"the role {name} could not be deleted (task {final})")

    def task_status(self, task_id: str) -> dict[str, Any]:
        return dict(
            expect(
                "Reading the deletion task's status",
                lambda: self._iam.get_service_linked_role_deletion_status(DeletionTaskId=task_id),
            )
        )

    def finish_task(self) -> str:
        """Poll the latest deletion task until it ends; every status seen is recorded."""
        if not self._world.task_ids:
            raise ImplementationFailure("No deletion task was started.")
        task_id = self._world.task_ids[-1]

        def probe() -> str | None:
            status = str(self.task_status(task_id).get("Status"))
            self._world.task_statuses.append(status)
            return status if status in TERMINAL_TASK_STATUSES else None

        final = poll_until(
            self._world.clock,
            probe,
            reason="finish the role's deletion task",
            timeout=self._world.timeouts.task,
            interval=self._world.timeouts.interval,
        )
        if final == "SUCCEEDED":
            self._world.forget_role()
        return final

"""The service-linked role as IAM shows it: reading it, editing it, deleting it."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote

from conformance.driver import policy
from conformance.driver.calls import Attempt, attempt, expect, look
from conformance.driver.waiting import poll_until, retry_while
from conformance.errors import ImplementationFailure
from conformance.live.journal import SERVICE_LINKED_ROLE

if TYPE_CHECKING:
    from conformance.driver.session import Session
    from conformance.live.services import ServiceRoles

SERVICE_PRINCIPAL = "ssm-incidents.amazonaws.com"
ROLE_PATH = f"/aws-service-role/{SERVICE_PRINCIPAL}/"
ROLE_NAME = "AWSServiceRoleForIncidentManager"
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
#: The trust policy in GetRole's XML answer (query protocol): URL-encoded JSON.
_TRUST_ELEMENT = re.compile(rb"<AssumeRolePolicyDocument>([^<]*)</AssumeRolePolicyDocument>")
#: The role's maximum session duration as AWS created it (recorded 2025-03-13; SLR-OVR-01).
MAX_SESSION_SECONDS = 3600


def service_role_path(principal: str) -> str:
    """The path of a service's service-linked roles: the IAM User Guide writes their ARNs as
    ``role/aws-service-role/<service principal>/<name>`` ("Service-linked role permissions")."""
    return f"/aws-service-role/{principal}/"


#: The path prefix every service's service-linked roles sit under.
SERVICE_ROLES_PREFIX = "/aws-service-role/"


def listed_roles(iam: Any, path_prefix: str) -> list[dict[str, Any]]:
    """Every role ``ListRoles`` gives under ``path_prefix``, over every page."""
    pages = iam.get_paginator("list_roles").paginate(PathPrefix=path_prefix)
    found: list[dict[str, Any]] = expect(
        "ListRoles", lambda: [r for p in pages for r in p["Roles"]]
    )
    return found


class NotOptedIn(RuntimeError):
    """A request to create a role the live run may only read: a defect of the suite, never the
    implementation's, stopped before it is sent (``live.services`` skips such examples)."""

    def __init__(self, principal: str) -> None:
        super().__init__(
            f"the role of {principal} may only be read on this account; it is never created "
            f"unless opted in with --create-roles {principal}"
        )


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
    """Operations on the Incident Manager service-linked role, and what a scenario saw of it.

    ``name`` is the role this scenario works on, ``id_before`` and ``snapshot_before`` what it
    looked like before the scenario acted, and ``task_ids`` and ``task_statuses`` every
    deletion task requested and every status read, in order. Only this class writes them.
    """

    def __init__(self, session: Session, services: ServiceRoles | None = None) -> None:
        self._session = session
        self._services = services
        #: Work on the role the account already has, and never create one: a live run's
        #: service that was not opted in for creation, or whose role existed before the run.
        self.existing_only = False
        #: The service whose role this scenario works on (Incident Manager's unless aimed).
        self.principal = SERVICE_PRINCIPAL
        self.path = ROLE_PATH
        self.name: str | None = None
        self.id_before: str | None = None
        self.snapshot_before: RoleSnapshot | None = None
        #: The role's name, ID and ARN before the scenario acted (set with ``id_before``).
        self.identity_before: tuple[str, str, str] | None = None
        self.task_ids: list[str] = []
        self.task_statuses: list[str] = []
        #: The maximum sign-in session duration before the scenario tried to change it.
        self.signin_before: int | None = None

    @property
    def _iam(self) -> Any:
        return self._session.client("iam")

    def aim_at(self, principal: str) -> None:
        """Work on ``principal``'s service-linked role from now on (before any role is read).

        Its role is found on the service's path; its name is never derived from the principal
        (IAM warns that the principal's form varies by service): scenarios name it themselves.
        """
        if self.name is not None and principal != self.principal:
            raise RuntimeError(f"the scenario already works on the role {self.name}")
        self.principal = principal
        self.path = service_role_path(principal)
        self.existing_only = self._services is not None and self._services.existing_only(principal)

    # -- finding -------------------------------------------------------------------------
    def service_roles(self) -> list[dict[str, Any]]:
        """Every role on the service's service-linked path, over every page."""
        return [r for r in listed_roles(self._iam, self.path) if r.get("Path") == self.path]

    def find(self) -> dict[str, Any] | None:
        roles = self.service_roles()
        return roles[0] if roles else None

    def current(self, found_name: str | None = None) -> dict[str, Any]:
        """The role, read afresh; fails when there is none.

        ``found_name`` is the role the caller has just found on the service's path: the
        scenario works on it when it names no role yet, without looking for it again.
        """
        if self.name is None:
            if found_name is None:
                found = self.find()
                if found is None:
                    raise ImplementationFailure(f"No role exists on the path {self.path}.")
                found_name = str(found["RoleName"])
            self.name = found_name
        name = self.name
        role = self._read_role(name, f"GetRole {name}", lambda: self._iam.get_role(RoleName=name))
        return role["Role"]  # type: ignore[no-any-return]

    def _read_role(self, name: str, what: str, read: Callable[[], Any]) -> Any:
        """``read`` (a request about the role ``name``), asked again while the role is not
        found: a role just created (by IAM or by the service) may not be found at once, as IAM
        is eventually consistent. A role still not found then is the implementation's failure."""
        return self._session.until_found(what, read, missing=f"The role {name} does not exist.")

    def exists(self) -> bool:
        if self.name is None:
            return self.find() is not None
        name = self.name
        return look(f"GetRole {name}", lambda: self._iam.get_role(RoleName=name)) is not None

    # -- creating ------------------------------------------------------------------------
    def create_through_iam(
        self,
        suffix: str | None = None,
        credentials: Any = None,
        service: str | None = None,
        *,
        existed: bool | None = None,
        description: str | None = None,
    ) -> Attempt:
        """Ask IAM for the role; only a role this request created is deleted afterwards.

        ``existed`` is whether the role was there just before, when the caller has just looked.
        """
        service = service or self.principal
        if self.existing_only:
            raise NotOptedIn(service)
        kwargs: dict[str, Any] = {"AWSServiceName": service}
        if suffix:
            kwargs["CustomSuffix"] = suffix
        if description is not None:
            kwargs["Description"] = description
        iam = self._session.client("iam", credentials=credentials)
        before: set[str] | None = None  # the roles on the service's path before, when looked
        if existed is None:
            # Only what this request creates is undone; a backend reset spares the look.
            if self._session.tracker.wiped:
                existed = True
            else:
                before = {str(r["RoleName"]) for r in self.service_roles()}
                existed = bool(before)
        entry = None
        if not existed:
            expected = f"{ROLE_NAME}_{suffix}" if suffix else ROLE_NAME
            entry = self.intend("iam", expected if service == SERVICE_PRINCIPAL else None)
        outcome = attempt(
            "CreateServiceLinkedRole", lambda: iam.create_service_linked_role(**kwargs)
        )
        if outcome.succeeded:
            role = outcome.response["Role"]
            name = self.name = str(role["RoleName"])
            if not existed:
                self._track(name, entry, str(role["Arn"]))
            elif before is not None and name not in before:
                # A second role of the service, wrongly made beside the one there was: it is
                # this request's, so it is journaled and removed like any role the run made.
                self._track(name, self.intend("iam", name), str(role["Arn"]))
        elif entry is not None:
            self._session.tracker.refused(entry)
        return outcome

    # -- journaling: only a role this run may have created is ever removed -----------------
    def intend(self, via: str, name: str | None = ROLE_NAME) -> int:
        """Journal that the service-linked role, absent now, may be created ``via`` a request.

        Only a role seen absent is journaled: the sweeper removes what the journal lists, and
        must never remove a role the account had before.
        """
        return self._session.tracker.intend(SERVICE_LINKED_ROLE, name, via=via)

    def _track(self, name: str, entry: int | None = None, arn: str | None = None) -> None:
        """The role was created by this scenario: delete it again afterwards, and wait."""
        self._session.tracker.created(
            "service-linked role", lambda: self.remove_after_scenario(name), entry, arn
        )

    def forget(self) -> None:
        """The scenario deleted the role itself: there is nothing left to undo."""
        self._session.tracker.forget("service-linked role")

    def _ensure(self) -> tuple[dict[str, Any], bool]:
        """The role, created through IAM (the most direct documented way) when absent, and
        whether this call created it. Right after a backend reset there is none to look for."""
        found = None if self._session.tracker.fresh_from_reset else self.find()
        created = found is None
        if found is None:
            outcome = self.create_through_iam(existed=False)
            if not outcome.succeeded:
                raise ImplementationFailure(
                    "The role could not be created through IAM CreateServiceLinkedRole "
                    f"({outcome.error_code}: {outcome.error_message})."
                )
            found = outcome.response["Role"]
        self.name = str(found["RoleName"])
        self.id_before = str(found["RoleId"])
        self.identity_before = (self.name, self.id_before, str(found["Arn"]))
        return found, created

    def ensure_and_remember(self) -> None:
        """The role exists, and the picture that later checks compare with is taken.

        A role this call created is pictured from IAM's answer to the creation, which carries
        the whole role as ``GetRole`` would (a role found by ``ListRoles`` does not: that
        answer leaves out the permissions boundary), so only its policies are read.
        """
        role, created = self._ensure()
        self.snapshot_before = self.snapshot(role if created else None)

    def ensure(self) -> None:
        """The role exists; no picture is taken (a later step that needs one takes it).

        Examples that only read the role spare the two list requests a picture costs.
        """
        self._ensure()

    def remember(self) -> None:
        """Take the picture that later 'unchanged' and 'same identity' checks compare with."""
        self.snapshot_before = before = self.snapshot()
        self.identity_before = (before.name, before.role_id, before.arn)

    # -- reading -------------------------------------------------------------------------
    def _known_name(self) -> str:
        """The role's name, looked up only when the scenario does not know it yet.

        For reads that fail on their own when the role is missing (IAM answers NoSuchEntity).
        """
        return self.name or str(self.current()["RoleName"])

    def attached_policy_arns(self, name: str | None = None) -> list[str]:
        """The ARNs attached to the role (named ``name`` when the caller has just read it)."""
        name = name or self._known_name()
        pages = self._iam.get_paginator("list_attached_role_policies")
        found = self._read_role(
            name,
            "ListAttachedRolePolicies",
            lambda: [a for p in pages.paginate(RoleName=name) for a in p["AttachedPolicies"]],
        )
        return [str(a["PolicyArn"]) for a in found]

    def inline_policy_names(self, name: str | None = None) -> list[str]:
        name = name or self._known_name()
        pages = self._iam.get_paginator("list_role_policies")
        found: list[str] = self._read_role(
            name,
            "ListRolePolicies",
            lambda: [n for p in pages.paginate(RoleName=name) for n in p["PolicyNames"]],
        )
        return found

    def stored_trust_text(self) -> str:
        """The trust policy exactly as IAM stores it (botocore hands back a parsed document,
        whose re-serialisation may differ in spacing or order): read from the answer's body."""
        name = self._known_name()
        bodies: list[bytes] = []

        def keep(http_response: Any, **_: Any) -> None:
            bodies.append(http_response.content)

        events = self._iam.meta.events
        events.register("after-call.iam.GetRole", keep, unique_id="slr-stored-trust")
        try:
            self._read_role(name, f"GetRole {name}", lambda: self._iam.get_role(RoleName=name))
        finally:
            events.unregister("after-call.iam.GetRole", unique_id="slr-stored-trust")
        found = _TRUST_ELEMENT.search(bodies[-1]) if bodies else None
        if found is None:
            raise ImplementationFailure(f"GetRole {name} answered no AssumeRolePolicyDocument.")
        return unquote(html.unescape(found.group(1).decode("utf-8")))

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
        found: dict[str, Any] = expect("GetPolicy", lambda: self._iam.get_policy(PolicyArn=arn))
        return found["Policy"]  # type: ignore[no-any-return]

    def policy_document(self) -> dict[str, Any]:
        """The default version of the role's permissions policy."""
        arns = self.attached_policy_arns()
        if not arns:
            raise ImplementationFailure("The role has no attached permissions policy.")
        arn = POLICY_ARN if POLICY_ARN in arns else arns[0]
        meta = expect("GetPolicy", lambda: self._iam.get_policy(PolicyArn=arn))["Policy"]
        version = expect(
            "GetPolicyVersion",
            lambda: self._iam.get_policy_version(PolicyArn=arn, VersionId=meta["DefaultVersionId"]),
        )
        return policy.parse_document(version["PolicyVersion"]["Document"])

    def snapshot(self, role: dict[str, Any] | None = None) -> RoleSnapshot:
        """The role as it is now; ``role`` is the whole role when the caller has just read it."""
        role = role if role is not None else self.current()
        trust = policy.parse_document(role["AssumeRolePolicyDocument"])
        boundary = role.get("PermissionsBoundary", {}).get("PermissionsBoundaryArn")
        return RoleSnapshot(
            name=role["RoleName"],
            role_id=role["RoleId"],
            arn=role["Arn"],
            attached=tuple(sorted(self.attached_policy_arns(role["RoleName"]))),
            inline=tuple(sorted(self.inline_policy_names(role["RoleName"]))),
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
        iam = self._session.client("iam", credentials=credentials)
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
            self._session.tracker.created(
                "role description", lambda: self._iam.update_role(RoleName=name, Description=old)
            )
        return outcome

    def signin_duration(self) -> int | None:
        """The role's maximum sign-in session duration, ``None`` while it is unset."""
        found = self.current().get("MaxSigninSessionDuration")
        return None if found is None else int(found)

    def try_set_signin_duration(self, seconds: int) -> Attempt:
        """Ask UpdateRole for a maximum sign-in session duration, after noting the current one;
        a change that went through is put back after the scenario."""
        name = self._known_name()
        before = self.signin_before = self.signin_duration()
        outcome = attempt(
            "UpdateRole",
            lambda: self._iam.update_role(RoleName=name, MaxSigninSessionDuration=seconds),
        )
        if outcome.succeeded:
            restore: dict[str, Any] = (
                {"ResetMaxSigninSessionDuration": True}
                if before is None
                else {"MaxSigninSessionDuration": before}
            )
            self._session.tracker.created(
                "role sign-in session duration",
                lambda: self._iam.update_role(RoleName=name, **restore),
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
        pages = self._iam.get_paginator("list_role_tags").paginate(RoleName=name)
        found = expect("ListRoleTags", lambda: [t for p in pages for t in p["Tags"]])
        return {t["Key"]: t["Value"] for t in found}

    # -- deleting ------------------------------------------------------------------------
    def request_deletion(self, credentials: Any = None) -> Attempt:
        """Ask IAM to delete the role, after taking the picture 'unchanged' is measured against."""
        if self.snapshot_before is None:
            self.remember()
        return self._request_deletion(credentials)

    def _request_deletion(self, credentials: Any = None, name: str | None = None) -> Attempt:
        """``name``: the role, when the caller has just read it (or the scenario knows it)."""
        if self.existing_only:
            raise NotOptedIn(self.principal)
        name = name or self._known_name()
        iam = self._session.client("iam", credentials=credentials)
        outcome = attempt(
            "DeleteServiceLinkedRole", lambda: iam.delete_service_linked_role(RoleName=name)
        )
        if outcome.succeeded:
            self.task_ids.append(str(outcome.response["DeletionTaskId"]))
        return outcome

    def request_deletion_again_while_running(self) -> Attempt | None:
        """Ask again while the first task is still running; ``None`` when that cannot be shown.

        The repeat is only telling while the first task has not ended: a task that already
        ended before the repeat was answered lets IAM start a new one, so the example is
        inconclusive then, never failed.
        """
        if not self.task_ids:
            raise ImplementationFailure("No deletion task was started.")
        first = self.task_ids[-1]
        if self._ended(first):
            return None
        outcome = self.request_deletion()
        if outcome.succeeded and self.task_ids[-1] != first and self._ended(first):
            return None
        return outcome

    def _ended(self, task_id: str) -> bool:
        status = str(self.task_status(task_id)["Status"])
        self.task_statuses.append(status)
        return status in TERMINAL_TASK_STATUSES

    def task_status(self, task_id: str) -> dict[str, Any]:
        found: dict[str, Any] = expect(
            "GetServiceLinkedRoleDeletionStatus",
            lambda: self._iam.get_service_linked_role_deletion_status(DeletionTaskId=task_id),
        )
        return found

    def _await(self, task_id: str) -> str:
        """Poll one deletion task until it ends; every status read is recorded."""

        def probe() -> str | None:
            status = str(self.task_status(task_id)["Status"])
            self.task_statuses.append(status)
            return status if status in TERMINAL_TASK_STATUSES else None

        return poll_until(
            self._session.clock,
            probe,
            reason="finish the role's deletion task",
            timeout=self._session.timeouts.task,
            interval=self._session.timeouts.interval,
        )

    def finish_task(self) -> str:
        """Wait for the latest deletion task to end, and return how it ended."""
        if not self.task_ids:
            raise ImplementationFailure("No deletion task was started.")
        final = self._await(self.task_ids[-1])
        if final == "SUCCEEDED":
            self.forget()
        return final

    def delete_once_released(self, name: str | None = None) -> str:
        """Delete the role, asking again while tasks end FAILED, within ``Timeouts.release``.

        The replication set's deletion is asynchronous and IAM is eventually consistent, so a
        correct AWS may fail the first task shortly after the set went, and succeed a little
        later. A new task is requested every ``Timeouts.release_interval`` seconds of the
        backend's clock; the last task's status is returned (``FAILED`` once time runs out).
        """
        timeouts = self._session.timeouts
        name = name or str(self.current()["RoleName"])

        def once() -> str:
            outcome = self._request_deletion(name=name)
            if not outcome.succeeded:
                raise ImplementationFailure(
                    f"Deleting the role was refused ({outcome.error_code}: {outcome.error_message})."
                )
            return self.finish_task()

        return retry_while(
            self._session.clock,
            once,
            again=lambda final: final == "FAILED",
            timeout=timeouts.release,
            interval=timeouts.release_interval,
        )

    def delete_completely(self) -> None:
        """Delete the role and wait for it to be gone (a precondition), after noting its ID.

        The ID is what 'the same role ID as before' and 'a new role ID' compare with.
        """
        role = self.current()
        self.id_before = role["RoleId"]
        final = self.delete_once_released(role["RoleName"])
        if final != "SUCCEEDED":
            raise ImplementationFailure(
                f"The role's deletion still ended {final} after "
                f"{self._session.timeouts.release:.0f} seconds of asking again."
            )
        self._confirm_gone(str(role["RoleName"]))

    def _confirm_gone(self, name: str) -> None:
        """After a task SUCCEEDED, IAM may show the role a moment longer; a role that stays
        is the implementation's failure."""
        if self._session.read_back(self.exists, settled=lambda there: not there):
            raise ImplementationFailure(
                f"the role {name}'s deletion task SUCCEEDED, but the role is still there"
            )

    def remove_after_scenario(self, name: str | None = None) -> None:
        """Cleanup of a role this run created: delete it, and remember for the rest of the run
        when that failed, so that a later scenario is not skipped for a role the run made."""
        try:
            self.delete_if_present(name)
        except Exception:
            self._session.run.role_left_by = self._session.scenario_name or "an earlier scenario"
            raise

    def delete_if_present(self, name: str | None = None) -> None:
        """Cleanup: delete the role (the one named, or the service's) and confirm it is gone.

        A task that reports SUCCEEDED while the role stays is a failure here, not a success.
        """
        if name is None:
            found = self.find()
            if found is None:
                return
            name = str(found["RoleName"])
        self.name = name
        if not self.exists():
            return
        final = self.delete_once_released(name)
        if final != "SUCCEEDED":
            raise ImplementationFailure(f"the role {name} could not be deleted (task {final})")
        self._confirm_gone(name)

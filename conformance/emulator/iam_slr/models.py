"""The service-linked role's rules, on top of moto's IAM backend.

moto stores users, roles and policies; this model adds what the Incident Manager page and the
IAM API reference say about *this* role: how it is created, which changes IAM refuses, how its
deletion runs as a task that fails while Incident Manager still uses the role, and (when the
``permissions`` control is on) which callers may create, edit or delete it. How quickly IAM
settles (deletion time, how long the service holds the role after its replication set is gone,
when a new grant counts, how IAM lists page) comes from ``consistency``, copied into the
``*_DELAY`` attributes so that a server in real time scales them with every other delay.

Each rule is one small method so that a deliberately broken variant can subclass this class
and break exactly one rule. Facts (names, documents, delays) come from ``definition``.
"""

from __future__ import annotations

import re
import threading
import uuid
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, cast

from moto.iam.models import AWSManagedPolicy, iam_backends
from moto.sts.models import sts_backends

from conformance.clock import VirtualClock
from conformance.emulator.consistency import IMMEDIATE, Consistency
from conformance.emulator.contracts import ReplicationSetView
from conformance.emulator.errors import AccessDeniedException, EmulatorError
from conformance.emulator.iam_slr import policy
from conformance.emulator.iam_slr.definition import DEFAULT_DEFINITION, RoleDefinition
from conformance.emulator.iam_slr.recordings import ServiceRecording, recorded_services
from conformance.emulator.iam_slr.services import RecordedServices, check_role_name_free

IN_PROGRESS = "IN_PROGRESS"
SUCCEEDED = "SUCCEEDED"
FAILED = "FAILED"

#: A service principal: DNS labels ending in ``.amazonaws.com``.
_SERVICE_PRINCIPAL = re.compile(r"(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+amazonaws\.com")

#: IAM actions that change a role and that IAM refuses on a service-linked role.
PROTECTED_ROLE_ACTIONS = frozenset(
    {
        "AttachRolePolicy",
        "DetachRolePolicy",
        "PutRolePolicy",
        "DeleteRolePolicy",
        "PutRolePermissionsBoundary",
        "DeleteRolePermissionsBoundary",
        "UpdateAssumeRolePolicy",
        "DeleteRole",
        "AddRoleToInstanceProfile",
    }
)


@dataclass(frozen=True)
class Caller:
    """Who signed a request: the account's root, one of its IAM users, or a role session.

    ``session_arn`` is the ``assumed-role`` ARN of a key that ``AssumeRole`` issued; such a
    caller is not a user, so it is not held to identity policies (as before), but it is named
    by its session wherever the service records who did something.
    """

    account_id: str
    access_key: str = ""
    user_name: str | None = None
    session_arn: str | None = None

    @property
    def arn(self) -> str:
        """The caller's ARN, shaped as ``GetCallerIdentity`` answers it."""
        if self.session_arn is not None:
            return self.session_arn
        if self.user_name is None:
            return f"arn:aws:iam::{self.account_id}:root"
        return f"arn:aws:iam::{self.account_id}:user/{self.user_name}"

    @property
    def is_root(self) -> bool:
        return self.user_name is None and self.session_arn is None

    @property
    def principal_names(self) -> list[str]:
        """The names a trust policy may use for this caller."""
        root = f"arn:aws:iam::{self.account_id}:root"
        return sorted({self.account_id, root, self.arn})


@dataclass(frozen=True)
class Grant:
    """One thing that gives a user permissions: a policy of a user or group, or a membership.

    ``holder`` is ``user`` or ``group``; ``kind`` is ``inline`` (``name`` is the policy name),
    ``managed`` (``name`` is the policy ARN) or ``member`` (``name`` is the user, of a group).
    """

    holder: str
    holder_name: str
    kind: str
    name: str


@dataclass
class DeletionTask:
    """One ``DeleteServiceLinkedRole`` request and its outcome."""

    task_id: str
    account_id: str
    role_name: str
    role_arn: str
    started_at: float
    due_at: float
    status: str = IN_PROGRESS
    reason: dict[str, Any] | None = field(default=None)


@dataclass(frozen=True)
class SetDeleted:
    """A replication set that finished deleting, and until when the service still held the role."""

    arn: str
    regions: tuple[str, ...]
    at: float
    in_use_until: float


def iam_backend(account_id: str) -> Any:
    """moto's IAM backend of ``account_id`` (IAM is global: one backend per partition)."""
    return iam_backends[account_id]["global"]


class ServiceLinkedRoles:
    """The IAM side of Incident Manager; also the ``RoleProvisioner`` of ``ssm-incidents``."""

    #: Seconds a deletion task runs; ``None``: the definition's ``deletion_delay_seconds``.
    DELETION_DELAY: float | None = None
    #: Seconds Incident Manager still holds its role after the replication set is gone.
    ROLE_IN_USE_DELAY = 0.0
    #: Seconds before a new grant to a user (or the user's groups) counts.
    POLICY_DELAY = 0.0
    #: Items per page of IAM ``List*`` answers; ``None`` leaves paging to moto.
    LIST_PAGE_SIZE: int | None = None
    #: Seconds a new IAM entity is unknown to the requests that name it.
    NEW_ENTITY_HIDDEN_DELAY = 0.0
    #: Seconds before a new role can be assumed, or used as an EventBridge target's role.
    NEW_ROLE_UNUSABLE_DELAY = 0.0

    def __init__(
        self,
        clock: VirtualClock,
        definition: RoleDefinition = DEFAULT_DEFINITION,
        consistency: Consistency = IMMEDIATE,
    ):
        self.clock = clock
        self.definition = definition
        self.consistency = consistency
        self.DELETION_DELAY = consistency.role_deletion_seconds
        self.ROLE_IN_USE_DELAY = consistency.role_in_use_seconds
        self.POLICY_DELAY = consistency.policy_delay_seconds
        self.LIST_PAGE_SIZE = consistency.list_page_size
        self.NEW_ENTITY_HIDDEN_DELAY = consistency.new_entity_hidden_seconds
        self.NEW_ROLE_UNUSABLE_DELAY = consistency.new_role_unusable_seconds
        #: The other services AWS was recorded creating a service-linked role for.
        self.services = RecordedServices(recorded_services(), definition.service_principal)
        #: Set by the emulator once ``ssm-incidents`` exists.
        self.replication_sets: ReplicationSetView | None = None
        self._lock = threading.RLock()
        self._acting = threading.local()
        self.tasks: dict[str, DeletionTask] = {}
        self.permission_checks = False
        self.role_in_use_window: tuple[float, float] | None = None
        #: Per account, when the service lets go of the role after its set was deleted.
        self.set_deleted: dict[str, SetDeleted] = {}
        #: When each grant to a user or group was last given, per account.
        self.grants: dict[tuple[str, Grant], float] = {}
        #: When each IAM entity was created over the wire, by (account, kind, name).
        self.created: dict[tuple[str, str, str], float] = {}

    def reset(self) -> None:
        with self._lock:
            self.tasks = {}
            self.permission_checks = False
            self.role_in_use_window = None
            self.set_deleted = {}
            self.grants = {}
            self.created = {}

    # -- moto's IAM, looked up -------------------------------------------------------------

    def find_role(self, account_id: str, role_name: str) -> Any | None:
        for role in list(iam_backend(account_id).roles.values()):
            if role.name == role_name:
                return role
        return None

    def find_role_by_arn(self, role_arn: str) -> Any | None:
        parts = role_arn.split(":")
        if len(parts) < 6 or not parts[4]:
            return None
        for role in list(iam_backend(parts[4]).roles.values()):
            if role.arn == role_arn:
                return role
        return None

    def role(self, account_id: str) -> Any | None:
        """Incident Manager's role in the account, if it exists."""
        return self.find_role(account_id, self.definition.role_name)

    def is_incident_manager_role(self, role: Any) -> bool:
        definition = self.definition
        return bool(role.name == definition.role_name and role.path == definition.role_path)

    # -- the managed policy ----------------------------------------------------------------

    def install_managed_policy(self, account_id: str) -> Any:
        """Make ``AWSIncidentManagerServiceRolePolicy`` exist in moto's backend, as defined."""
        backend = iam_backend(account_id)
        arn = self.definition.policy_arn
        existing = backend.managed_policies.get(arn)
        if existing is not None and self._policy_is_current(existing):
            return existing
        managed = cast(Any, AWSManagedPolicy)(
            self.definition.policy_name,
            account_id=account_id,
            region=backend.region_name,
            default_version_id=self.definition.policy_version_id,
            path=self.definition.policy_path,
            document=self.definition.policy_document,
            create_date=self.definition.policy_create_date,
            update_date=self.definition.policy_update_date,
        )
        if existing is not None:
            managed.attachment_count = existing.attachment_count
        backend.managed_policies[arn] = managed
        return managed

    def _policy_is_current(self, managed: Any) -> bool:
        """Asked on every request: the same text as defined is current without parsing it."""
        default = [v for v in managed.versions if v.is_default]
        if managed.default_version_id != self.definition.policy_version_id or not default:
            return False
        document, wanted = default[0].document, self.definition.policy_document
        return bool(
            document == wanted or policy.load_document(document) == policy.load_document(wanted)
        )

    # -- creation ---------------------------------------------------------------------------

    def ensure_service_linked_role(self, account_id: str) -> None:
        """Create the role unless it exists (``RoleProvisioner``); called by ``ssm-incidents``."""
        with self._lock:
            self.settle(account_id)
            if self.role(account_id) is not None:
                return
            caller = self.acting_caller(account_id)
            self.authorize(
                caller,
                "iam:CreateServiceLinkedRole",
                self.definition.role_arn(account_id),
                self.creation_context(),
                denied=AccessDeniedException,
            )
            self.create_role(account_id, description=None)

    def create_service_linked_role(
        self, account_id: str, description: str | None, custom_suffix: str | None
    ) -> Any:
        """IAM ``CreateServiceLinkedRole`` for Incident Manager's principal."""
        with self._lock:
            self.settle(account_id)
            self.check_custom_suffix(custom_suffix)
            self.check_name_free(account_id)
            return self.create_role(account_id, description)

    def creation_context(self) -> dict[str, str]:
        return {"iam:AWSServiceName": self.definition.service_principal}

    def check_custom_suffix(self, custom_suffix: str | None) -> None:
        """This service accepts no custom suffix."""
        if custom_suffix:
            raise EmulatorError(
                f"Custom suffix is not allowed for {self.definition.service_principal}",
                code="InvalidInput",
                status=400,
            )

    def check_service_principal(self, service_name: str) -> None:
        """``AWSServiceName`` names a service principal (``<service>.amazonaws.com``)."""
        if not _SERVICE_PRINCIPAL.fullmatch(service_name):
            raise EmulatorError(
                f"The service name {service_name[:128]!r} is not a service principal such as "
                f"{self.definition.service_principal}.",
                code="InvalidInput",
                status=400,
            )

    def check_name_free(self, account_id: str) -> None:
        """Role names are unique regardless of case; a taken name is ``InvalidInput``."""
        check_role_name_free(iam_backend(account_id), self.definition.role_name)

    def create_role(self, account_id: str, description: str | None) -> Any:
        """Store the role in moto with its trust policy and its one attached policy."""
        self.install_managed_policy(account_id)
        backend = iam_backend(account_id)
        role = backend.create_role(
            self.definition.role_name,
            self.trust_policy_document(),
            self.definition.role_path,
            permissions_boundary=None,
            description=description or None,
            tags=[],
            max_session_duration=str(self.definition.max_session_duration),
            linked_service=self.definition.service_principal,
        )
        role.create_date = datetime.fromtimestamp(self.clock.now(), UTC).replace(tzinfo=None)
        self.note_created(account_id, "role", role.name)
        for arn in self.attached_policy_arns():
            backend.managed_policies[arn].attach_to(role)
        return role

    def create_recorded_role(
        self,
        account_id: str,
        recording: ServiceRecording,
        description: str | None,
        custom_suffix: str | None,
    ) -> Any:
        """IAM ``CreateServiceLinkedRole`` for another recorded service: its recorded role."""
        with self._lock:
            self.settle(account_id)
            name = self.services.role_name(recording, custom_suffix)
            created = datetime.fromtimestamp(self.clock.now(), UTC).replace(tzinfo=None)
            backend = iam_backend(account_id)
            role = self.services.create_role(backend, recording, name, description, created)
            self.note_created(account_id, "role", role.name)
            return role

    def trust_policy_document(self) -> str:
        return self.definition.trust_policy_document

    def attached_policy_arns(self) -> list[str]:
        return [self.definition.policy_arn]

    # -- protections ------------------------------------------------------------------------

    def is_protected(self, role: Any) -> bool:
        return bool(str(role.path).startswith(self.definition.protected_path_prefix))

    def check_modifiable(self, action: str, role: Any) -> None:
        """IAM refuses changes to a service-linked role: ``UnmodifiableEntity``."""
        if action in PROTECTED_ROLE_ACTIONS and self.is_protected(role):
            raise EmulatorError(
                f"Cannot perform the operation on the protected role '{role.name}' - "
                "this role is only modifiable by AWS",
                code="UnmodifiableEntity",
                status=400,
            )

    def check_signin_duration_settable(self, role: Any) -> None:
        """IAM's UpdateRole says a service-linked role's maximum sign-in session duration
        cannot be changed; of the errors UpdateRole lists, ``UnmodifiableEntity`` is the one
        the API reference describes for service-linked roles."""
        if self.is_protected(role):
            raise EmulatorError(
                f"Cannot change the maximum sign-in session duration of the protected role "
                f"'{role.name}' - this role is only modifiable by AWS",
                code="UnmodifiableEntity",
                status=400,
            )

    def check_editable(self, action: str, role: Any) -> None:
        """The edits IAM allows on a service-linked role (description, tags) stay allowed.

        Nothing is refused here; the method is the seam where the rule lives, so a variant that
        breaks it has one place to do so.
        """
        return None

    def is_service_role_policy(self, policy_arn: str) -> bool:
        return policy_arn.startswith(self.definition.service_role_policy_prefix)

    def check_attachable(self, policy_arn: str, target_kind: str) -> None:
        """A service-role policy attaches to no user, group or customer role."""
        if self.is_service_role_policy(policy_arn):
            raise EmulatorError(
                f"Cannot attach a Service Role Policy to a {target_kind}.",
                code="PolicyNotAttachable",
                status=400,
            )

    # -- deletion ---------------------------------------------------------------------------

    def start_deletion(self, account_id: str, role: Any) -> str:
        """Start (or return the unfinished) deletion task of the role."""
        with self._lock:
            self.settle(account_id)
            running = self.unfinished_task(account_id, role.name)
            if running is not None:
                return running.task_id
            now = self.clock.now()
            task = DeletionTask(
                task_id=self.deletion_task_id(role, str(uuid.uuid4())),
                account_id=account_id,
                role_name=role.name,
                role_arn=role.arn,
                started_at=now,
                due_at=now + self.deletion_delay(),
            )
            self.tasks[task.task_id] = task
            return task.task_id

    def deletion_task_id(self, role: Any, unique: str) -> str:
        """``task/aws-service-role/<principal>/<role name>/<unique>``, as the definition
        writes it for Incident Manager's role."""
        if self.is_incident_manager_role(role):
            return self.definition.deletion_task_id(unique)
        return f"task{role.path}{role.name}/{unique}"

    def deletion_delay(self) -> float:
        configured = self.DELETION_DELAY
        return self.definition.deletion_delay_seconds if configured is None else configured

    def unfinished_task(self, account_id: str, role_name: str) -> DeletionTask | None:
        for task in self.tasks.values():
            if (task.account_id, task.role_name, task.status) == (
                account_id,
                role_name,
                IN_PROGRESS,
            ):
                return task
        return None

    def find_task(self, account_id: str, task_id: str) -> DeletionTask | None:
        with self._lock:
            self.settle(account_id)
            task = self.tasks.get(task_id)
            return task if task is not None and task.account_id == account_id else None

    def check_task_known(self, task_id: str) -> None:
        """A task ID in a service-linked role's format that was never issued (or was reset)
        is unknown."""
        prefixes = (
            self.definition.deletion_task_id(""),
            f"task{self.definition.protected_path_prefix}",
        )
        if task_id.startswith(prefixes):
            raise EmulatorError(
                f"Deletion task {task_id} not found.", code="NoSuchEntity", status=404
            )

    def settle(self, account_id: str | None = None) -> None:
        """End every deletion task whose delay has passed on the virtual clock."""
        with self._lock:
            now = self.clock.now()
            due = [
                t
                for t in self.tasks.values()
                if t.status == IN_PROGRESS
                and t.due_at <= now
                and (account_id is None or t.account_id == account_id)
            ]
            for task in sorted(due, key=lambda t: t.due_at):
                self.finish_task(task)

    def scheduled(self) -> list[float]:
        """The times at which something here changes by itself: a deletion task ends, the
        service lets go of its role, a fault ends, a grant starts to count."""
        with self._lock:
            times = [t.due_at for t in self.tasks.values() if t.status == IN_PROGRESS]
            times.extend(gone.in_use_until for gone in self.set_deleted.values())
            if self.role_in_use_window is not None:
                times.append(self.role_in_use_window[1])
            if self.POLICY_DELAY > 0:
                times.extend(given + self.POLICY_DELAY for given in self.grants.values())
            for (_, kind, _), at in self.created.items():
                times.append(at + self.NEW_ENTITY_HIDDEN_DELAY)
                if kind == "role":
                    times.append(at + self.NEW_ROLE_UNUSABLE_DELAY)
            return times

    def finish_task(self, task: DeletionTask) -> None:
        """End a due task: only Incident Manager's role can be in use (no other service runs
        here), so another service's role is deleted."""
        usage = (
            self.role_usage(task.account_id, task.due_at)
            if task.role_arn == self.definition.role_arn(task.account_id)
            else None
        )
        if usage is not None:
            task.status, task.reason = FAILED, usage
            return
        self.delete_role(task.account_id, task.role_name)
        task.status = SUCCEEDED

    def role_usage(self, account_id: str, at: float) -> dict[str, Any] | None:
        """Why the role cannot go yet, or ``None``.

        A replication set exists, or the service still holds the role a while after its set
        was deleted (eventual consistency only), or the in-use fault is active.
        """
        view = self.replication_sets
        arn = view.replication_set_arn(account_id) if view is not None else None
        if arn is not None and view is not None:
            regions = view.replication_set_regions(account_id)
            return {
                "Reason": "Incident Manager still uses the role: delete the replication set first.",
                "RoleUsageList": [{"Region": region, "Resources": [arn]} for region in regions],
            }
        gone = self.set_deleted.get(account_id)
        if gone is not None and self.still_used_after_set_deletion(gone, at):
            return {
                "Reason": "Incident Manager is still using the role after its replication set "
                "was deleted; retry in a few minutes.",
                "RoleUsageList": [
                    {"Region": region, "Resources": [gone.arn]} for region in gone.regions
                ],
            }
        if self.role_in_use_fault_active(at):
            return {
                "Reason": "The service is still using the role; retry later.",
                "RoleUsageList": [],
            }
        return None

    def delete_role(self, account_id: str, role_name: str) -> None:
        backend = iam_backend(account_id)
        role = self.find_role(account_id, role_name)
        if role is None:
            return
        for managed in list(role.managed_policies.values()):
            managed.detach_from(role)
        role.policies.clear()
        backend.delete_role(role_name)

    def deletion_status(self, task: DeletionTask) -> dict[str, Any]:
        answer: dict[str, Any] = {"Status": task.status}
        if task.status == FAILED and task.reason is not None:
            answer["Reason"] = task.reason
        return answer

    def replication_set_deleted(
        self, account_id: str, arn: str, regions: list[str], at: float
    ) -> None:
        """``ReplicationSetWatcher``: the service holds the role a while after its set is gone.

        Called by ``ssm-incidents`` under its own lock, so this takes no lock of its own (one
        dictionary store); nothing is kept when the service lets go of the role at once.
        """
        linger = self.ROLE_IN_USE_DELAY
        if linger > 0:
            self.set_deleted[account_id] = SetDeleted(arn, tuple(regions), at, at + linger)

    def still_used_after_set_deletion(self, gone: SetDeleted, at: float) -> bool:
        """A task ending before ``in_use_until`` fails; before ``at`` the set itself existed."""
        return at < gone.in_use_until

    # -- faults -----------------------------------------------------------------------------

    def inject_role_in_use(self, duration_seconds: float) -> None:
        now = self.clock.now()
        self.role_in_use_window = (now, now + duration_seconds)

    def clear_faults(self) -> None:
        self.role_in_use_window = None

    def role_in_use_fault_active(self, at: float) -> bool:
        window = self.role_in_use_window
        return window is not None and window[0] <= at < window[1]

    # -- who is calling ---------------------------------------------------------------------

    def caller(self, account_id: str, access_key: str) -> Caller:
        """The identity of an access key: an IAM user's key, a role session's, else the root."""
        key = iam_backend(account_id).access_keys.get(access_key)
        user_name = getattr(key, "user_name", None) if key is not None else None
        if user_name is not None:
            return Caller(account_id, access_key, user_name)
        if key is not None:  # a temporary key: find its session (kept by the caller's STS)
            for issuer in list(sts_backends.values()):
                session = issuer["aws"].get_assumed_role_from_access_key(access_key)
                if session is not None:
                    return Caller(account_id, access_key, session_arn=session.arn)
        return Caller(account_id, access_key)

    def acting_arn(self, account_id: str) -> str:
        """``CallerIdentity`` for the other services: the ARN of the request's caller."""
        return self.acting_caller(account_id).arn

    @contextmanager
    def acting_as(self, caller: Caller | None) -> Iterator[None]:
        """Remember the request's caller for dependent-action checks made on its behalf."""
        previous = getattr(self._acting, "caller", None)
        self._acting.caller = caller
        try:
            yield
        finally:
            self._acting.caller = previous

    def acting_caller(self, account_id: str) -> Caller:
        caller = getattr(self._acting, "caller", None)
        return caller if isinstance(caller, Caller) else Caller(account_id)

    # -- permission checks ------------------------------------------------------------------

    def authorize(
        self,
        caller: Caller,
        action: str,
        resource: str,
        context: dict[str, str] | None = None,
        *,
        denied: type[EmulatorError] = EmulatorError,
    ) -> None:
        """Refuse the call unless the user's identity policies allow it (when checks are on)."""
        if not self.permission_checks or caller.user_name is None:
            return
        documents = self.identity_documents(caller.account_id, caller.user_name)
        if policy.identity_decision(documents, action, resource, context or {}):
            return
        error = denied(
            f"User: {caller.arn} is not authorized to perform: {action} on resource: {resource}"
        )
        if denied is EmulatorError:
            error.code, error.status = "AccessDenied", 403
        raise error

    def check_permission(self, account_id: str, action: str, resource: str) -> None:
        """``PermissionChecker`` for the other services: the acting caller needs ``action``."""
        self.authorize(
            self.acting_caller(account_id), action, resource, denied=AccessDeniedException
        )

    def identity_documents(self, account_id: str, user_name: str) -> list[str]:
        """Inline and attached policies of the user and of the user's groups, once in effect."""
        backend = iam_backend(account_id)
        user = backend.users.get(user_name)
        if user is None:
            return []
        documents = self.holder_documents(account_id, user, "user")
        for group in backend.get_groups_for_user(user_name):
            if self.grant_in_effect(account_id, Grant("group", group.name, "member", user_name)):
                documents.extend(self.holder_documents(account_id, group, "group"))
        return documents

    def holder_documents(self, account_id: str, holder: Any, kind: str) -> list[str]:
        """The policy documents of one user or group whose grant is in effect."""
        documents = [
            document
            for name, document in holder.policies.items()
            if self.grant_in_effect(account_id, Grant(kind, holder.name, "inline", name))
        ]
        for arn, managed in holder.managed_policies.items():
            if self.grant_in_effect(account_id, Grant(kind, holder.name, "managed", arn)):
                documents.extend(v.document for v in managed.versions if v.is_default)
        return documents

    def note_grant(self, account_id: str, grant: Grant) -> None:
        """Remember when IAM accepted ``grant`` (a policy put or attached, a user added)."""
        with self._lock:
            self.grants[(account_id, grant)] = self.clock.now()

    def grant_in_effect(self, account_id: str, grant: Grant) -> bool:
        """Whether ``grant`` counts yet: IAM is eventually consistent.

        A grant counts ``POLICY_DELAY`` seconds after it was given; one never seen on the wire
        (made in moto directly) counts at once.
        """
        delay = self.POLICY_DELAY
        given = self.grants.get((account_id, grant))
        return delay <= 0 or given is None or given + delay <= self.clock.now()

    # -- new entities -----------------------------------------------------------------------

    def note_created(self, account_id: str, kind: str, name: str) -> None:
        """Remember when an IAM entity was created, for the eventual consistency rules."""
        if self.NEW_ENTITY_HIDDEN_DELAY > 0 or self.NEW_ROLE_UNUSABLE_DELAY > 0:
            with self._lock:
                self.created[(account_id, kind, name)] = self.clock.now()

    def _younger_than(self, account_id: str, kind: str, name: str, seconds: float) -> bool:
        at = self.created.get((account_id, kind, name))
        return seconds > 0 and at is not None and self.clock.now() < at + seconds

    def check_visible(self, account_id: str, named: Mapping[str, str]) -> None:
        """``NoSuchEntity`` for a request naming an entity too new to be seen yet.

        ``named`` maps each kind the request names (``user``, ``group``, ``role``, ``policy``,
        ``instance profile``) to its name (a policy's ARN).
        """
        for kind, name in named.items():
            if self._younger_than(account_id, kind, name, self.NEW_ENTITY_HIDDEN_DELAY):
                raise EmulatorError(
                    f"The {kind} with name {name} cannot be found.",
                    code="NoSuchEntity",
                    status=404,
                )

    def role_usable(self, account_id: str, role_arn: object) -> bool:
        """Whether a role (by ARN) is old enough to be assumed: a new one is not, for a while."""
        role = self.find_role_by_arn(str(role_arn)) if role_arn else None
        return role is None or not self._younger_than(
            account_id, "role", role.name, self.NEW_ROLE_UNUSABLE_DELAY
        )

    def check_role_usable(self, caller: Caller, role: Any) -> None:
        """``AccessDenied`` for AssumeRole on a role too new to be assumed yet."""
        if not self.role_usable(caller.account_id, role.arn):
            raise EmulatorError(
                f"User: {caller.arn} is not authorized to perform: sts:AssumeRole on "
                f"resource: {role.arn}",
                code="AccessDenied",
                status=403,
            )

    # -- listing ----------------------------------------------------------------------------

    def list_page_size(self, action: str) -> int | None:
        """Items per page of an IAM ``List*`` answer, or ``None`` to leave paging to moto."""
        return self.LIST_PAGE_SIZE if action.startswith("List") else None

    # -- trust ------------------------------------------------------------------------------

    def check_assume_role(self, caller: Caller, role: Any) -> None:
        """``AccessDenied`` unless the role's trust policy names a principal the caller is."""
        if not policy.trust_allows(
            role.assume_role_policy_document, "sts:AssumeRole", caller.principal_names
        ):
            raise EmulatorError(
                f"User: {caller.arn} is not authorized to perform: sts:AssumeRole on "
                f"resource: {role.arn}",
                code="AccessDenied",
                status=403,
            )

"""The mutant catalogue: deliberately broken emulators that the suite must tell apart.

A mutant breaks exactly one documented behaviour of the reference emulator and names the
requirements that behaviour belongs to. It is built only through the emulator's own seams
(a model class passed to ``Emulator`` or a replaced ``RoleDefinition``), never by editing or
patching code, so the reference emulator stays untouched and mutants can run one after the
other in one process. A mutant is *killed* when one of its named requirements fails. A
mutant that no black-box test can tell from the reference (because another rule hides what
it breaks) says why in ``equivalent``; it still runs, but its survival is not a gap.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

from conformance.catalogue import load_catalogue, spec_of
from conformance.emulator import Emulator
from conformance.emulator.contacts import ContactsService
from conformance.emulator.contracts import DEFAULT_ACCOUNT_ID
from conformance.emulator.iam_slr import DEFAULT_DEFINITION, RoleDefinition, ServiceLinkedRoles
from conformance.emulator.incidents import IncidentsService
from conformance.emulator.triggers import Triggers
from conformance.errors import ConfigurationError
from conformance.mutants import definitions as d
from conformance.mutants import recorded as rec
from conformance.mutants import roles as r
from conformance.mutants import services as s
from conformance.suggest import did_you_mean

#: The parts of ``Emulator`` a mutant may replace, with the reference value of each.
REFERENCE_PARTS: dict[str, object] = {
    "roles_cls": ServiceLinkedRoles,
    "incidents_cls": IncidentsService,
    "contacts_cls": ContactsService,
    "triggers_cls": Triggers,
    "definition": DEFAULT_DEFINITION,
}


@dataclass(frozen=True)
class Mutant:
    """One broken variant of the reference emulator."""

    name: str
    requirements: tuple[str, ...]
    description: str
    roles_cls: type[ServiceLinkedRoles] = ServiceLinkedRoles
    incidents_cls: type[IncidentsService] = IncidentsService
    contacts_cls: type[ContactsService] = ContactsService
    triggers_cls: type[Triggers] = Triggers
    definition: RoleDefinition = DEFAULT_DEFINITION
    #: Why no black-box test can tell this mutant from the reference emulator, if none can.
    #: An equivalent mutant that survives is reported as such and does not fail the run.
    equivalent: str | None = None

    def build(self) -> Emulator:
        """A fresh emulator with this mutant's part in place (it resets moto's state)."""
        return Emulator(
            roles_cls=self.roles_cls,
            incidents_cls=self.incidents_cls,
            contacts_cls=self.contacts_cls,
            triggers_cls=self.triggers_cls,
            definition=self.definition,
        )

    def replaced_parts(self) -> list[str]:
        """The ``Emulator`` arguments that differ from the reference emulator."""
        return [
            f.name
            for f in fields(self)
            if f.name in REFERENCE_PARTS and getattr(self, f.name) is not REFERENCE_PARTS[f.name]
        ]

    @property
    def spec(self) -> str:
        """The specification whose requirements the mutant names."""
        return spec_of(self.requirements[0])

    @property
    def section(self) -> str:
        """The page section of the first requirement the mutant names."""
        return load_catalogue(self.spec).requirement(self.requirements[0]).section


def _m(name: str, requirements: str, description: str, **parts: Any) -> Mutant:
    """A mutant; ``requirements`` is a space-separated list of IDs, ``parts`` its one part."""
    return Mutant(name, tuple(requirements.split()), description, **parts)


def _every(name: str, requirements: str, description: str, roles: type[Any]) -> Mutant:
    """A mutant of the service-linked-roles specification (it replaces the IAM model)."""
    return Mutant(name, tuple(requirements.split()), description, roles_cls=roles)


EVERY_ROLE = "service-linked-roles"

#: Broken rules of every service-linked role, for the recorded services' roles; the first two
#: break one service's row of the recordings only.
EVERY_ROLE_MUTANTS: tuple[Mutant, ...] = (
    _every(
        "one-service-role-misnamed",
        "IAM-OVR-01",
        "Only ecs.amazonaws.com's role is misnamed (AWSServiceRoleForECSs).",
        rec.OneRoleMisnamed,
    ),
    _every(
        "one-service-policy-wrong",
        "IAM-OVR-02",
        "Only ecs.amazonaws.com's role carries another service's managed policy.",
        rec.OnePolicyWrong,
    ),
    _every(
        "recorded-roles-long-sessions",
        "IAM-OVR-01",
        "The recorded services' roles allow 12-hour sessions.",
        rec.SessionsLonger,
    ),
    _every(
        "recorded-roles-path-without-principal",
        "IAM-OVR-01",
        "The recorded services' roles sit on /aws-service-role/ without their principal.",
        rec.PathWithoutPrincipal,
    ),
    _every(
        "recorded-roles-trust-account",
        "IAM-OVR-03",
        "The recorded services' roles also trust the account's root.",
        rec.TrustAlsoAccount,
    ),
    _every(
        "recorded-roles-assumable",
        "IAM-OVR-04",
        "AssumeRole is not checked against the role's trust policy.",
        r.TrustNotChecked,
    ),
    _every(
        "recorded-policy-attachable-to-customer-role",
        "IAM-OVR-05",
        "A service-role policy can be attached to a customer role.",
        r.attachable_to("Customer Role"),
    ),
    _every(
        "recorded-policy-attachable-to-user",
        "IAM-OVR-05",
        "A service-role policy can be attached to an IAM user.",
        r.attachable_to("User"),
    ),
    _every(
        "creation-not-checked-for-any-service",
        "IAM-PRM-01",
        "Creating a service-linked role does not check iam:CreateServiceLinkedRole.",
        r.unchecked("iam:CreateServiceLinkedRole"),
    ),
    _every(
        "creation-check-ignores-service-name",
        "IAM-PRM-01",
        "The creation check ignores iam:AWSServiceName, so the guide's grant for a service fails.",
        r.CreationIgnoresServiceName,
    ),
    _every(
        "description-edit-not-checked-for-any-service",
        "IAM-PRM-02",
        "Editing a role's description does not check iam:UpdateRoleDescription.",
        r.unchecked("iam:UpdateRoleDescription"),
    ),
    _every(
        "deletion-not-checked-for-any-service",
        "IAM-PRM-03",
        "Deleting a service-linked role does not check iam:DeleteServiceLinkedRole.",
        r.unchecked("iam:DeleteServiceLinkedRole"),
    ),
    _every(
        "suffix-accepted-everywhere",
        "IAM-CRT-01",
        "Every recorded service accepts a custom suffix.",
        rec.SuffixAcceptedEverywhere,
    ),
    _every(
        "suffix-refused-everywhere",
        "IAM-CRT-01",
        "No recorded service accepts a custom suffix.",
        rec.SuffixRefusedEverywhere,
    ),
    _every(
        "recorded-duplicate-accepted",
        "IAM-CRT-02",
        "A second role of a recorded service is created beside the first instead of being refused.",
        rec.DuplicateAccepted,
    ),
    _every(
        "role-names-case-sensitive",
        "IAM-CRT-03",
        "Role names that differ only in letter case are both accepted.",
        rec.NamesCaseSensitive,
    ),
    _every(
        "description-at-creation-dropped",
        "IAM-CRT-04",
        "A description given to CreateServiceLinkedRole is not kept.",
        rec.DescriptionDropped,
    ),
    _every(
        "recorded-roles-policies-editable",
        "IAM-EDT-01",
        "AttachRolePolicy, DetachRolePolicy and PutRolePolicy work on the recorded services' roles.",
        rec.unprotected(frozenset({"AttachRolePolicy", "DetachRolePolicy", "PutRolePolicy"})),
    ),
    _every(
        "recorded-roles-trust-editable",
        "IAM-EDT-01",
        "UpdateAssumeRolePolicy and PutRolePermissionsBoundary work on the recorded services' roles.",
        rec.unprotected(frozenset({"UpdateAssumeRolePolicy", "PutRolePermissionsBoundary"})),
    ),
    _every(
        "recorded-roles-deletable-with-delete-role",
        "IAM-EDT-02",
        "IAM DeleteRole deletes a recorded service's role.",
        rec.unprotected(frozenset({"DeleteRole"})),
    ),
    _every(
        "recorded-roles-description-locked",
        "IAM-EDT-03",
        "UpdateRole with a description is refused on the recorded services' roles.",
        rec.DescriptionLocked,
    ),
    _every(
        "recorded-roles-signin-duration-settable",
        "IAM-EDT-04",
        "UpdateRole sets a recorded service's role's maximum sign-in session duration.",
        rec.SigninDurationSettable,
    ),
    _every(
        "recorded-roles-bare-task-ids",
        "IAM-DEL-01",
        "The recorded services' deletion task IDs are bare UUIDs.",
        rec.BareTaskIds,
    ),
    _every(
        "task-status-undocumented",
        "IAM-DEL-02",
        "A running deletion task is reported as RUNNING.",
        rec.TaskStatusUndocumented,
    ),
    _every(
        "recorded-roles-never-deleted",
        "IAM-DEL-03",
        "The recorded services' deletion tasks always fail, though nothing uses the roles.",
        rec.DeletionAlwaysFails,
    ),
    _every(
        "new-task-each-request",
        "IAM-DEL-04",
        "A repeated deletion request starts a new task while the first still runs.",
        rec.NewTaskEachRequest,
    ),
)


_PROTECTED = (
    ("attach-role-policy", "AttachRolePolicy", "SLR-EDT-01"),
    ("detach-role-policy", "DetachRolePolicy", "SLR-EDT-01"),
    ("put-role-policy", "PutRolePolicy", "SLR-EDT-01"),
    ("delete-role-policy", "DeleteRolePolicy", "SLR-EDT-01"),
    ("put-permissions-boundary", "PutRolePermissionsBoundary", "SLR-EDT-01"),
    ("delete-permissions-boundary", "DeleteRolePermissionsBoundary", "SLR-EDT-01"),
    ("update-assume-role-policy", "UpdateAssumeRolePolicy", "SLR-EDT-01"),
    ("delete-role", "DeleteRole", "SLR-EDT-02"),
    ("add-role-to-instance-profile", "AddRoleToInstanceProfile", "SLR-EDT-02"),
)

_EQUIVALENT = {
    "DeleteRolePolicy": (
        "the role can never hold an inline policy (PutRolePolicy stays refused), so an "
        "unprotected DeleteRolePolicy answers NoSuchEntity, which the suite accepts because "
        "IAM does not document which of the two errors it checks first"
    ),
}

_ANY_AWS_NAMESPACE = {"StringLike": {"cloudwatch:namespace": ["AWS/*"]}}

MUTANTS: tuple[Mutant, ...] = (
    # -- identity
    _m(
        "role-path-other-service",
        "SLR-OVR-01",
        "The role sits under /aws-service-role/ssm.amazonaws.com/ instead of Incident Manager's path.",
        definition=d.moved("/aws-service-role/ssm.amazonaws.com/"),
    ),
    _m(
        "session-duration-12-hours",
        "SLR-OVR-01",
        "Sessions of the role may last 12 hours instead of one.",
        definition=d.longer_sessions(43200),
    ),
    _m(
        "name-lower-case-f",
        "SLR-PRM-01",
        "The role is named AWSServiceRoleforIncidentManager (lower-case f).",
        definition=d.renamed("AWSServiceRoleforIncidentManager"),
    ),
    # -- the attached policy
    _m(
        "policy-on-service-role-path",
        "SLR-OVR-02",
        "The managed policy lives under /service-role/ instead of /aws-service-role/.",
        definition=d.policy_path("/service-role/"),
    ),
    _m(
        "extra-managed-policy",
        "SLR-OVR-02",
        "A customer managed policy is attached beside the AWS managed one.",
        roles_cls=r.ExtraManagedPolicy,
    ),
    _m(
        "inline-policy",
        "SLR-OVR-02",
        "The role carries an inline policy beside its managed policy.",
        roles_cls=r.InlinePolicy,
    ),
    # -- trust
    _m(
        "trust-not-checked",
        "SLR-OVR-03",
        "AssumeRole on the role is not checked against its trust policy.",
        roles_cls=r.TrustNotChecked,
    ),
    _m(
        "trust-account-principal",
        "SLR-OVR-03 SLR-PRM-02",
        "The trust policy also names the account's root as a principal.",
        definition=d.trust_also_account(),
    ),
    _m(
        "trust-second-service",
        "SLR-PRM-02",
        "The trust policy also names ssm.amazonaws.com.",
        definition=d.trust_also_service("ssm.amazonaws.com"),
    ),
    _m(
        "trust-tag-session",
        "SLR-PRM-02",
        "The trust statement grants sts:TagSession beside sts:AssumeRole.",
        definition=d.trust_action(["sts:AssumeRole", "sts:TagSession"]),
    ),
    _m(
        "trust-web-identity",
        "SLR-PRM-02",
        "The trust statement grants sts:AssumeRoleWithWebIdentity instead of sts:AssumeRole.",
        definition=d.trust_action("sts:AssumeRoleWithWebIdentity"),
    ),
    _m(
        "trust-source-account-condition",
        "SLR-PRM-02",
        "The trust statement carries an aws:SourceAccount condition.",
        definition=d.trust_condition(
            {"StringEquals": {"aws:SourceAccount": DEFAULT_ACCOUNT_ID}},
        ),
    ),
    # -- attachability
    _m(
        "attachable-to-user",
        "SLR-OVR-04",
        "The service-role policy can be attached to an IAM user.",
        roles_cls=r.attachable_to("User"),
    ),
    _m(
        "attachable-to-group",
        "SLR-OVR-04",
        "The service-role policy can be attached to an IAM group.",
        roles_cls=r.attachable_to("Group"),
    ),
    _m(
        "attachable-to-customer-role",
        "SLR-OVR-04",
        "The service-role policy can be attached to a customer role.",
        roles_cls=r.attachable_to("Customer Role"),
    ),
    # -- policy contents
    _m(
        "policy-lacks-list-incident-records",
        "SLR-PRM-03",
        "The policy does not allow ssm-incidents:ListIncidentRecords.",
        definition=d.policy_without("ssm-incidents:ListIncidentRecords"),
    ),
    _m(
        "policy-lacks-create-timeline-event",
        "SLR-PRM-03",
        "The policy does not allow ssm-incidents:CreateTimelineEvent.",
        definition=d.policy_without("ssm-incidents:CreateTimelineEvent"),
    ),
    _m(
        "policy-lacks-create-ops-item",
        "SLR-PRM-04",
        "The policy does not allow ssm:CreateOpsItem.",
        definition=d.policy_without("ssm:CreateOpsItem"),
    ),
    _m(
        "policy-lacks-associate-ops-item",
        "SLR-PRM-04",
        "The policy does not allow ssm:AssociateOpsItemRelatedItem.",
        definition=d.policy_without("ssm:AssociateOpsItemRelatedItem"),
    ),
    _m(
        "policy-lacks-start-engagement",
        "SLR-PRM-05",
        "The policy does not allow ssm-contacts:StartEngagement.",
        definition=d.policy_without("ssm-contacts:StartEngagement"),
    ),
    _m(
        "engagement-scoped-to-contacts",
        "SLR-PRM-05",
        "ssm-contacts:StartEngagement is allowed only on contact ARNs, not on every resource.",
        definition=d.policy_resource(
            "ssm-contacts:StartEngagement", "arn:aws:ssm-contacts:*:*:contact/*"
        ),
    ),
    _m(
        "policy-lacks-put-metric-data",
        "SLR-PRM-06",
        "The policy does not allow cloudwatch:PutMetricData.",
        definition=d.policy_without("cloudwatch:PutMetricData"),
    ),
    _m(
        "metric-namespace-unrestricted",
        "SLR-PRM-06",
        "cloudwatch:PutMetricData is allowed without the namespace condition.",
        definition=d.policy_condition("cloudwatch:PutMetricData", None),
    ),
    _m(
        "metric-namespace-any-aws",
        "SLR-PRM-06",
        "The namespace condition admits every AWS/* namespace, not only Incident Manager's.",
        definition=d.policy_condition("cloudwatch:PutMetricData", _ANY_AWS_NAMESPACE),
    ),
    _m(
        "policy-extra-get-incident-record",
        "SLR-PRM-07",
        "The policy also allows the undocumented ssm-incidents:GetIncidentRecord.",
        definition=d.policy_with_extra(
            "ssm-incidents:GetIncidentRecord", beside="ssm-incidents:ListIncidentRecords"
        ),
    ),
    _m(
        "policy-incidents-wildcard",
        "SLR-PRM-07",
        "The incident record statement allows ssm-incidents:* instead of its two actions.",
        definition=d.policy_action_wildcard("ssm-incidents:ListIncidentRecords", "ssm-incidents:*"),
    ),
    # -- permission checks
    _m(
        "create-not-checked",
        "SLR-PRM-08",
        "Creating the role does not check iam:CreateServiceLinkedRole.",
        roles_cls=r.unchecked("iam:CreateServiceLinkedRole"),
    ),
    _m(
        "create-check-ignores-service",
        "SLR-PRM-08",
        "The creation check ignores iam:AWSServiceName, so a grant scoped to the service fails.",
        roles_cls=r.CreationIgnoresServiceName,
    ),
    _m(
        "description-edit-not-checked",
        "SLR-PRM-09",
        "Editing the description does not check iam:UpdateRoleDescription.",
        roles_cls=r.unchecked("iam:UpdateRoleDescription"),
    ),
    _m(
        "delete-not-checked",
        "SLR-PRM-10",
        "Deleting the role does not check iam:DeleteServiceLinkedRole.",
        roles_cls=r.unchecked("iam:DeleteServiceLinkedRole"),
    ),
    # -- creation
    _m(
        "replication-set-brings-no-role",
        "SLR-CRT-01",
        "Creating a replication set does not create the service-linked role.",
        incidents_cls=s.NoRoleWithReplicationSet,
    ),
    _m(
        "replication-set-role-misnamed",
        "SLR-CRT-01",
        "A replication set brings AWSServiceRoleforIncidentManager (lower-case f); IAM's role is right.",
        roles_cls=r.replication_set_brings(d.renamed("AWSServiceRoleforIncidentManager")),
    ),
    _m(
        "replication-set-role-wider-trust",
        "SLR-CRT-01",
        "The role a replication set brings also trusts the account's root; IAM's role is right.",
        roles_cls=r.replication_set_brings(d.trust_also_account()),
    ),
    _m(
        "replication-set-role-other-policy",
        "SLR-CRT-01",
        "The role a replication set brings has its policy under /service-role/; IAM's role is right.",
        roles_cls=r.replication_set_brings(d.policy_path("/service-role/")),
    ),
    _m(
        "replication-set-role-unprotected",
        "SLR-EDT-01 SLR-EDT-02",
        "The role a replication set brings is an ordinary role that anyone may edit or delete; "
        "IAM's role is protected.",
        roles_cls=r.ReplicationSetBringsOrdinaryRole,
    ),
    _m(
        "replication-set-role-inline-policy",
        "SLR-OVR-02 SLR-CRT-01",
        "The role a replication set brings carries an inline policy; IAM's role has none.",
        roles_cls=r.ReplicationSetRoleWithInlinePolicy,
    ),
    _m(
        "replication-set-role-long-sessions",
        "SLR-OVR-01 SLR-CRT-01",
        "Sessions of the role a replication set brings may last 12 hours; IAM's role is right.",
        roles_cls=r.replication_set_brings(d.longer_sessions(43200)),
    ),
    _m(
        "second-role-instead-of-reuse",
        "SLR-CRT-02",
        "A replication set creates a second role on the path although the role exists.",
        roles_cls=r.SecondRoleInsteadOfReuse,
    ),
    _m(
        "role-replaced-instead-of-reused",
        "SLR-CRT-02",
        "A replication set deletes and re-creates the existing role (a new role ID).",
        roles_cls=r.ReplacedInsteadOfReused,
    ),
    _m(
        "not-recreated-after-deletion",
        "SLR-CRT-03",
        "After IAM deleted the role, a new replication set does not create it again.",
        roles_cls=r.NotRecreatedAfterDeletion,
    ),
    _m(
        "iam-refuses-creation",
        "SLR-CRT-04",
        "IAM CreateServiceLinkedRole refuses ssm-incidents.amazonaws.com.",
        roles_cls=r.IamRefusesCreation,
    ),
    _m(
        "custom-suffix-accepted",
        "SLR-CRT-05",
        "A custom suffix is ignored and the role created instead of InvalidInput.",
        roles_cls=r.CustomSuffixAccepted,
    ),
    _m(
        "duplicate-accepted",
        "SLR-CRT-06",
        "Asking for the role while it exists answers with the existing role.",
        roles_cls=r.DuplicateAccepted,
    ),
    # -- editing: one mutant per protected IAM operation
    *(
        _m(
            f"unprotected-{slug}",
            requirement,
            f"IAM {action} on the role is no longer refused with UnmodifiableEntity.",
            roles_cls=r.unprotected(action),
            equivalent=_EQUIVALENT.get(action),
        )
        for slug, action, requirement in _PROTECTED
    ),
    _m(
        "description-edit-recreates-role",
        "SLR-EDT-03",
        "UpdateRoleDescription re-creates the role under the same name with a new role ID.",
        roles_cls=r.DescriptionEditRecreatesRole,
    ),
    _m(
        "description-not-editable",
        "SLR-EDT-04",
        "UpdateRoleDescription and UpdateRole are refused with UnmodifiableEntity.",
        roles_cls=r.description_refused("UpdateRoleDescription", "UpdateRole"),
    ),
    _m(
        "update-role-refused",
        "SLR-EDT-04",
        "UpdateRole is refused while UpdateRoleDescription still works.",
        roles_cls=r.description_refused("UpdateRole"),
    ),
    _m(
        "signin-duration-settable",
        "SLR-EDT-06",
        "UpdateRole sets the role's maximum sign-in session duration.",
        roles_cls=r.SigninDurationSettable,
    ),
    _m(
        "tags-discarded",
        "SLR-EDT-05",
        "Tags put on the role are dropped before the next IAM request.",
        roles_cls=r.TagsDiscarded,
    ),
    # -- the deletion task
    _m(
        "deletion-ignores-replication-set",
        "SLR-DEL-01",
        "The deletion task succeeds while a replication set exists.",
        roles_cls=r.DeletionIgnoresReplicationSet,
    ),
    _m(
        "deletion-sees-home-region-only",
        "SLR-DEL-01",
        "The deletion task looks for a replication set in the home Region only, so a set made "
        "through another Region's endpoint does not hold the role.",
        roles_cls=r.DeletionSeesHomeRegionOnly,
    ),
    _m(
        "failed-deletion-strips-policy",
        "SLR-DEL-01",
        "A deletion that fails has already detached the role's managed policy.",
        roles_cls=r.FailedDeletionStripsPolicy,
    ),
    _m(
        "succeeds-without-deleting",
        "SLR-DEL-02",
        "The deletion task reports SUCCEEDED but the role stays.",
        roles_cls=r.SucceedsWithoutDeleting,
    ),
    _m(
        "task-id-without-path",
        "SLR-DEL-03",
        "Deletion task IDs read task/<role name>/<id>, without the service path.",
        definition=d.ShortTaskIds(),
    ),
    _m(
        "repeat-deletion-new-task",
        "SLR-DEL-03",
        "Asking again while a deletion task runs returns a new task ID.",
        roles_cls=r.NewTaskEachRequest,
    ),
    _m(
        "deletion-answer-without-task-id",
        "SLR-DEL-03",
        "DeleteServiceLinkedRole starts the task but answers without its DeletionTaskId.",
        roles_cls=r.DeletionAnswerWithoutTaskId,
    ),
    _m(
        "task-status-pending",
        "SLR-DEL-03",
        "A running deletion task is reported as PENDING, an undocumented status.",
        roles_cls=r.UndocumentedTaskStatus,
    ),
    # -- data deleted with the replication set
    _m(
        "response-plans-survive",
        "SLR-DEL-04",
        "Deleting the replication set keeps the response plans.",
        incidents_cls=s.ResponsePlansSurvive,
    ),
    _m(
        "incident-records-survive",
        "SLR-DEL-04",
        "Deleting the replication set keeps the incident records.",
        incidents_cls=s.IncidentsSurvive,
    ),
    _m(
        "contacts-survive",
        "SLR-DEL-04",
        "Deleting the replication set keeps personal contacts in ssm-contacts.",
        contacts_cls=s.contacts_survive("PERSONAL"),
    ),
    _m(
        "escalation-plans-survive",
        "SLR-DEL-04",
        "Deleting the replication set keeps escalation plans in ssm-contacts.",
        contacts_cls=s.contacts_survive("ESCALATION"),
    ),
    # -- alarms and rules
    _m(
        "alarm-outlives-plan",
        "SLR-DEL-05",
        "An alarm aimed at a deleted response plan still starts an incident.",
        incidents_cls=s.deleted_plans_start_incidents(":alarm:"),
    ),
    _m(
        "alarm-never-fires",
        "SLR-DEL-05",
        "An alarm entering ALARM never starts an incident from its response plan.",
        triggers_cls=s.AlarmsNeverFire,
    ),
    _m(
        "rule-outlives-plan",
        "SLR-DEL-06",
        "An EventBridge rule aimed at a deleted response plan still starts an incident.",
        incidents_cls=s.deleted_plans_start_incidents(":rule/"),
    ),
    _m(
        "rule-never-fires",
        "SLR-DEL-06",
        "A matching event never starts an incident from the rule's response plan.",
        triggers_cls=s.RulesNeverFire,
    ),
    # -- Regions of the replication set
    _m(
        "final-region-keeps-set",
        "SLR-DEL-07",
        "Deleting the final Region is accepted but the replication set stays.",
        incidents_cls=s.FinalRegionKeepsSet,
    ),
    _m(
        "final-region-refused",
        "SLR-DEL-07",
        "Deleting the final Region is refused; only DeleteReplicationSet removes the set.",
        incidents_cls=s.FinalRegionRefused,
    ),
    _m(
        "deletion-protection-ignored",
        "SLR-DEL-07",
        "The final Region can be deleted while deletion protection is on.",
        incidents_cls=s.DeletionProtectionIgnored,
    ),
    _m(
        "deletion-protection-sticks",
        "SLR-DEL-07",
        "Once deletion protection was on, turning it off is accepted but changes nothing.",
        incidents_cls=s.ProtectionSticks,
    ),
    _m(
        "every-region-is-final",
        "SLR-DEL-07",
        "Deleting any one Region deletes the whole replication set.",
        incidents_cls=s.EveryRegionIsFinal,
    ),
    _m(
        "region-age-ignored",
        "SLR-DEL-08",
        "A Region can be deleted right after it was added.",
        incidents_cls=s.RegionAgeIgnored,
    ),
    _m(
        "region-age-from-set-creation",
        "SLR-DEL-08",
        "A Region's 24 hours are counted from the set's creation, not from its addition.",
        incidents_cls=s.RegionAgeFromSetCreation,
    ),
    _m(
        "region-age-one-hour",
        "SLR-DEL-08",
        "A Region can be deleted one hour after it was added instead of 24.",
        incidents_cls=s.RegionAgeOneHour,
    ),
    _m(
        "refused-region-stays-refused",
        "SLR-DEL-08",
        "A Region whose deletion was refused for its age can never be deleted afterwards.",
        incidents_cls=s.RefusedRegionStaysRefused,
    ),
    # -- Regions
    _m(
        "region-ca-central-1-refused",
        "SLR-RGN-01",
        "The published Region ca-central-1 cannot hold a replication set.",
        incidents_cls=s.region_refused("ca-central-1"),
    ),
    # -- every service-linked role (the service-linked-roles specification)
    *EVERY_ROLE_MUTANTS,
)


def select(names: list[str] | None, spec: str | None = None) -> list[Mutant]:
    """The named mutants in catalogue order, or all of them (of the specification ``spec``,
    when given); unknown names, or names of another specification's mutants, are an error."""
    mutants = [m for m in MUTANTS if spec is None or m.spec == spec]
    if not names:
        return mutants
    known = {m.name: m for m in mutants}
    unknown = [n for n in dict.fromkeys(names) if n not in known]
    if unknown:
        plural = "s" if len(unknown) > 1 else ""
        hint = did_you_mean(unknown[0], known) if len(unknown) == 1 else ""
        of = f" of the specification {spec}" if spec is not None else ""
        raise ConfigurationError(
            f"Unknown mutant{plural} {', '.join(unknown)}{hint}; the known mutants{of} are "
            f"{', '.join(known) or 'none'}."
        )
    wanted = set(names)
    return [m for m in mutants if m.name in wanted]

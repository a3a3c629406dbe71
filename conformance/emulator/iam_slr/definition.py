"""The facts of Incident Manager's service-linked role, as one frozen value.

Name, path, trust policy, managed policy and the deletion task's ID format are data, not code:
the rules in ``models`` read them from here. A deliberately broken variant of the emulator
changes one fact with ``dataclasses.replace(DEFAULT_DEFINITION, ...)`` and leaves every rule
intact. Sources of each fact are in the project's evidence notes.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime

from conformance.emulator.contracts import SERVICE_PRINCIPAL

#: The policy document of version v3 (the default since 2025-01-28), as moto ships it.
_POLICY_V3: dict[str, object] = {
    "Version": "2012-10-17",
    "Statement": [
        {
            "Sid": "UpdateIncidentRecordPermissions",
            "Effect": "Allow",
            "Action": ["ssm-incidents:ListIncidentRecords", "ssm-incidents:CreateTimelineEvent"],
            "Resource": "*",
        },
        {
            "Sid": "RelatedOpsItemPermissions",
            "Effect": "Allow",
            "Action": ["ssm:CreateOpsItem", "ssm:AssociateOpsItemRelatedItem"],
            "Resource": "*",
        },
        {
            "Sid": "IncidentEngagementPermissions",
            "Effect": "Allow",
            "Action": "ssm-contacts:StartEngagement",
            "Resource": "*",
        },
        {
            "Sid": "PutMetricDataPermission",
            "Effect": "Allow",
            "Action": ["cloudwatch:PutMetricData"],
            "Resource": "*",
            "Condition": {
                "StringEquals": {"cloudwatch:namespace": ["AWS/IncidentManager", "AWS/Usage"]}
            },
        },
    ],
}


def _trust_policy(principal: str) -> str:
    return json.dumps(
        {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Effect": "Allow",
                    "Principal": {"Service": principal},
                    "Action": "sts:AssumeRole",
                }
            ],
        }
    )


@dataclass(frozen=True)
class RoleDefinition:
    """Everything the emulator states about the role and its policy."""

    service_principal: str = SERVICE_PRINCIPAL
    role_name: str = "AWSServiceRoleForIncidentManager"
    role_path: str = f"/aws-service-role/{SERVICE_PRINCIPAL}/"
    max_session_duration: int = 3600
    trust_policy_document: str = field(default_factory=lambda: _trust_policy(SERVICE_PRINCIPAL))
    policy_name: str = "AWSIncidentManagerServiceRolePolicy"
    policy_path: str = "/aws-service-role/"
    policy_version_id: str = "v3"
    policy_document: str = field(default_factory=lambda: json.dumps(_POLICY_V3))
    policy_create_date: datetime = datetime(2021, 5, 10, 3, 34, 45)
    policy_update_date: datetime = datetime(2025, 1, 28, 2, 52, 6)
    #: Any role under this path is protected from changes by account principals.
    protected_path_prefix: str = "/aws-service-role/"
    #: AWS managed policies under this prefix attach only to service-linked roles.
    service_role_policy_prefix: str = "arn:aws:iam::aws:policy/aws-service-role/"
    #: Virtual seconds a deletion task stays IN_PROGRESS before it ends.
    deletion_delay_seconds: float = 30.0

    @property
    def policy_arn(self) -> str:
        return f"arn:aws:iam::aws:policy{self.policy_path}{self.policy_name}"

    def role_arn(self, account_id: str) -> str:
        return f"arn:aws:iam::{account_id}:role{self.role_path}{self.role_name}"

    def deletion_task_id(self, unique: str) -> str:
        """``task/aws-service-role/<principal>/<role name>/<unique>``."""
        return f"task{self.role_path}{self.role_name}/{unique}"


DEFAULT_DEFINITION = RoleDefinition()

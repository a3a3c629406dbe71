"""Incident Manager's service-linked role on top of moto's IAM: facts, rules, wire handlers."""

from conformance.emulator.iam_slr.definition import DEFAULT_DEFINITION, RoleDefinition
from conformance.emulator.iam_slr.models import Caller, DeletionTask, ServiceLinkedRoles

__all__ = ["DEFAULT_DEFINITION", "Caller", "DeletionTask", "RoleDefinition", "ServiceLinkedRoles"]

"""The reference emulator: an offline Incident Manager with its service-linked role.

``Emulator`` wires the parts together: moto (IAM, STS, CloudWatch, EventBridge and everything
else), the service-linked role's rules (``iam_slr``), ``ssm-incidents`` (``incidents``),
``ssm-contacts`` (``contacts``) and the alarm and rule triggers (``triggers``). Every part is a
class passed in, so a deliberately broken variant can replace one part by a subclass that breaks
one rule; the role's facts are a frozen ``RoleDefinition`` that a variant can ``replace``. How
quickly the account settles is a frozen ``Consistency``: ``IMMEDIATE`` by default, or
``EVENTUAL``, slow and eventually consistent as a real account may be.

moto keeps its state in module-global backends, so only one ``Emulator`` is active in a
process at a time: creating or resetting one clears moto's state for every other.
"""

from __future__ import annotations

from conformance.emulator.consistency import EVENTUAL, IMMEDIATE, Consistency
from conformance.emulator.iam_slr import DEFAULT_DEFINITION, RoleDefinition
from conformance.emulator.offline import IncidentManager, ServiceNotEmulated, mock_incident_manager
from conformance.emulator.world import Emulator

__all__ = [
    "DEFAULT_DEFINITION",
    "EVENTUAL",
    "IMMEDIATE",
    "Consistency",
    "Emulator",
    "IncidentManager",
    "RoleDefinition",
    "ServiceNotEmulated",
    "mock_incident_manager",
]

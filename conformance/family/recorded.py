"""What AWS recorded of each role, as facts of the same schema as a page's.

The recordings (``services.toml``, read by ``recorded_services``) give each principal's role
name, the principals its trust policy names and its managed policies; they say nothing of
descriptions, clean-up or Regions, so those facts have no recorded counterpart.
"""

from __future__ import annotations

from collections.abc import Mapping

from conformance.emulator.iam_slr.recordings import ServiceRecording, recorded_services
from conformance.family.facts import POLICIES, PRINCIPALS, RECORDING, ROLE_NAME, Fact, Provenance


def _trusted(recording: ServiceRecording) -> tuple[str, ...]:
    names: list[str] = []
    for statement in recording.trust.get("Statement", []):
        service = statement.get("Principal", {}).get("Service", [])
        names += [service] if isinstance(service, str) else list(service)
    return tuple(dict.fromkeys(names))


def recorded_facts(recording: ServiceRecording) -> dict[str, Fact]:
    """The role's name, trusted principals and policy names, each citing the recorded case."""
    source = recording.source
    provenance = Provenance(
        RECORDING, f"{source.repository}/blob/{source.commit}/{source.path}", recording.case
    )
    values = {
        ROLE_NAME: (recording.role_name,),
        PRINCIPALS: _trusted(recording),
        POLICIES: tuple(arn.rsplit("/", 1)[-1] for arn in recording.policy_arns),
    }
    return {
        name: Fact(recording.principal, name, found, provenance) for name, found in values.items()
    }


def all_recorded() -> Mapping[str, dict[str, Fact]]:
    """Every recorded principal's facts."""
    return {principal: recorded_facts(r) for principal, r in recorded_services().items()}

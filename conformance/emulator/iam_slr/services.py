"""Every recorded service's service-linked role, created in moto's IAM as AWS created it.

Incident Manager's role has its own definition (``definition``) and rules (``models``). For
the other principals AWS was recorded creating a role for (``recordings``, read from the
project's data file), ``CreateServiceLinkedRole`` makes the recorded role: its name, path,
trust policy and attached AWS managed policies; a custom suffix is answered as recorded
(``<name>_<suffix>`` where it was accepted, ``InvalidInput`` where it was refused); a second
role of the same name is ``InvalidInput``. IAM's protections and deletion tasks are the ones
``models`` applies to every role under ``/aws-service-role/``.

The managed policies must exist in moto's backend to be attached, as AWS managed policies
exist in every account. moto ships copies of most of them (loaded into accounts only when
``MOTO_IAM_LOAD_MANAGED_POLICIES`` is set); those copies are used as they are. A policy moto
does not ship gets a placeholder: the recorded name and path and an empty statement list,
because its document is not publicly recorded here and is never made up.
"""

from __future__ import annotations

import copy
import functools
import json
from collections.abc import Mapping
from datetime import datetime
from typing import Any, cast

from moto.iam.aws_managed_policies import aws_managed_policies_data
from moto.iam.models import AWSManagedPolicy

from conformance.emulator.errors import EmulatorError
from conformance.emulator.iam_slr.recordings import ServiceRecording

#: The document a placeholder policy holds: no statement, so it grants nothing.
PLACEHOLDER_DOCUMENT = json.dumps({"Version": "2012-10-17", "Statement": []})


@functools.cache
def moto_policy_copies() -> Mapping[str, Any]:
    """moto's copies of AWS managed policies, by name (parsed once per process)."""
    parsed: dict[str, Any] = json.loads(aws_managed_policies_data)
    return parsed


def managed_policy(arn: str, account_id: str, region: str) -> Any:
    """The AWS managed policy ``arn``, new to an account: moto's copy, or a placeholder where
    moto has none.

    The placeholder has the recorded name and path, an empty statement list, and moto's
    defaults for what is not recorded either (version ``v1``, dated when first made). Every
    account's backend is emptied before each scenario and gets these policies again, so each
    is built once per process (``_prototype``) and copied: a copy costs a fraction of parsing
    and serialising the policy again, and shares nothing a request can change.
    """
    prototype = _prototype(arn, account_id, region)
    fresh = copy.copy(prototype)
    fresh.versions = [copy.copy(version) for version in prototype.versions]
    fresh.tags = {}
    fresh.attachment_count = 0
    return fresh


@functools.lru_cache(maxsize=1024)
def _prototype(arn: str, account_id: str, region: str) -> Any:
    """The policy ``arn`` as ``managed_policy`` copies it (never handed out itself)."""
    path, _, name = arn.removeprefix("arn:aws:iam::aws:policy").rpartition("/")
    data = moto_policy_copies().get(name)
    if data is not None and data.get("Path") == f"{path}/":
        return AWSManagedPolicy.from_data(name, account_id, region, data)
    return cast(Any, AWSManagedPolicy)(
        name,
        account_id=account_id,
        region=region,
        path=f"{path}/",
        document=PLACEHOLDER_DOCUMENT,
    )


def check_role_name_free(backend: Any, role_name: str) -> None:
    """Role names are unique regardless of case; a taken name is ``InvalidInput``."""
    wanted = role_name.lower()
    for role in list(backend.roles.values()):
        if role.name.lower() == wanted:
            raise EmulatorError(
                f"Service role name {role_name} has been taken in this account, please try a "
                "different suffix.",
                code="InvalidInput",
                status=400,
            )


class RecordedServices:
    """The recorded services other than the one ``skip`` names (Incident Manager's)."""

    def __init__(self, recordings: Mapping[str, ServiceRecording], skip: str) -> None:
        self.recordings = {p: r for p, r in recordings.items() if p != skip}
        self.policy_arns = sorted({arn for r in self.recordings.values() for arn in r.policy_arns})

    def recording(self, principal: str) -> ServiceRecording | None:
        return self.recordings.get(principal)

    def install_policies(self, backend: Any) -> None:
        """Make every recorded service's managed policy exist in the account, once.

        Called on every IAM request without a lock: ``setdefault`` keeps the first copy when
        two requests install the same policy at once, so no role loses its attachment.
        """
        policies = backend.managed_policies
        for arn in self.policy_arns:
            if arn not in policies:
                policies.setdefault(
                    arn, managed_policy(arn, backend.account_id, backend.region_name)
                )

    def role_name(self, recording: ServiceRecording, custom_suffix: str | None) -> str:
        """The name the role gets; ``InvalidInput`` for a suffix the service refused."""
        if not custom_suffix:
            return recording.role_name
        answer = recording.custom_suffix
        if not answer.accepted:
            raise EmulatorError(
                f"Custom suffix is not allowed for {recording.principal}",
                code=answer.error or "InvalidInput",
                status=400,
            )
        return recording.suffixed_name(custom_suffix)

    def create_role(
        self,
        backend: Any,
        recording: ServiceRecording,
        role_name: str,
        description: str | None,
        created_at: datetime,
    ) -> Any:
        """Store the recorded role in moto with its trust policy and managed policies."""
        check_role_name_free(backend, role_name)
        self.install_policies(backend)
        role = backend.create_role(
            role_name,
            recording.trust_document,
            recording.path,
            permissions_boundary=None,
            description=description or None,
            tags=[],
            max_session_duration=str(recording.max_session_duration),
            linked_service=recording.principal,
        )
        role.create_date = created_at
        for arn in recording.policy_arns:
            backend.managed_policies[arn].attach_to(role)
        return role

"""What AWS answered when service-linked roles were created, one recording per service principal.

The facts live in ``conformance/specs/service_linked_roles/services.toml``; this module reads
them into frozen values and nothing else (no moto, no rules), so the reference emulator and
anything else that needs a service's recorded role read the same file. Each recording keeps
its source (a repository, commit, file and test case) beside the facts it supports.
"""

from __future__ import annotations

import functools
import json
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from importlib.resources import files
from types import MappingProxyType
from typing import Any

#: The data file, relative to the ``conformance`` package: the service-linked-roles
#: specification's per-service data (``conformance.specs``).
RECORDINGS_FILE = ("specs", "service_linked_roles", "services.toml")
#: What a recorded suffixed role name holds where the caller's suffix goes.
SUFFIX_PLACEHOLDER = "<suffix>"
ACCEPTED = "accepted"
REFUSED = "refused"


@dataclass(frozen=True)
class Source:
    """Where recordings were published: a file of a repository at one commit."""

    key: str
    repository: str
    commit: str
    path: str
    case_prefix: str
    about: str


@dataclass(frozen=True)
class SuffixAnswer:
    """How ``CreateServiceLinkedRole`` with a ``CustomSuffix`` was answered.

    ``accepted``: the role was named ``role_name`` with the placeholder replaced by the
    suffix. ``refused``: the call failed with ``error`` (an AWS error code).
    """

    answer: str
    recorded: datetime
    case: str
    role_name: str | None = None
    error: str | None = None

    @property
    def accepted(self) -> bool:
        return self.answer == ACCEPTED


@dataclass(frozen=True)
class ServiceRecording:
    """One service principal's service-linked role as AWS answered ``GetRole`` and the lists.

    ``has_description`` and ``used_before_recording`` are kept as recorded but describe a
    role that existed before the recording's own create call (see the data file's notes):
    nothing derives a rule from them.
    """

    principal: str
    role_name: str
    path: str
    trust: Mapping[str, Any]
    policy_arns: tuple[str, ...]
    max_session_duration: int
    inline_policies: bool
    recorded: datetime
    source: Source
    case: str
    custom_suffix: SuffixAnswer
    has_description: bool = False
    used_before_recording: bool = False

    @property
    def trust_document(self) -> str:
        """The trust policy as IAM stores it: a JSON document."""
        return json.dumps(self.trust)

    def role_arn(self, account_id: str, role_name: str | None = None) -> str:
        return f"arn:aws:iam::{account_id}:role{self.path}{role_name or self.role_name}"

    def suffixed_name(self, suffix: str) -> str:
        """The role's name with a custom suffix, for a service that accepted one."""
        template = self.custom_suffix.role_name or f"{self.role_name}_{SUFFIX_PLACEHOLDER}"
        return template.replace(SUFFIX_PLACEHOLDER, suffix)


class RecordingsError(ValueError):
    """The data file does not hold what this module expects."""


def _source(key: str, table: Mapping[str, Any]) -> Source:
    return Source(
        key=key,
        repository=str(table["repository"]),
        commit=str(table["commit"]),
        path=str(table["path"]),
        case_prefix=str(table["case_prefix"]),
        about=str(table.get("about", "")),
    )


def _suffix(table: Mapping[str, Any]) -> SuffixAnswer:
    return SuffixAnswer(
        answer=str(table["answer"]),
        recorded=table["recorded"],
        case=str(table["case"]),
        role_name=table.get("role_name"),
        error=table.get("error"),
    )


#: The keys a service's table may hold.
ROW_KEYS = frozenset(
    {
        "role_name",
        "path",
        "trust",
        "policy_arns",
        "max_session_duration",
        "inline_policies",
        "recorded",
        "source",
        "case",
        "custom_suffix",
        "has_description",
        "used_before_recording",
    }
)


def parse_recordings(document: Mapping[str, Any]) -> dict[str, ServiceRecording]:
    """The recordings of a parsed data file, by service principal."""
    try:
        sources = {key: _source(key, table) for key, table in document["sources"].items()}
        recordings: dict[str, ServiceRecording] = {}
        for principal, row in document["services"].items():
            recordings[principal] = ServiceRecording(
                principal=principal,
                role_name=str(row["role_name"]),
                path=str(row["path"]),
                trust=row["trust"],
                policy_arns=tuple(str(arn) for arn in row["policy_arns"]),
                max_session_duration=int(row["max_session_duration"]),
                inline_policies=bool(row["inline_policies"]),
                recorded=row["recorded"],
                source=sources[row["source"]],
                case=str(row["case"]),
                custom_suffix=_suffix(row["custom_suffix"]),
                has_description=bool(row.get("has_description", False)),
                used_before_recording=bool(row.get("used_before_recording", False)),
            )
    except (KeyError, TypeError, AttributeError) as exc:
        raise RecordingsError(f"The service recordings lack or misshape {exc}.") from exc
    return recordings


def recordings_text() -> str:
    """The data file as shipped with the package."""
    return files("conformance").joinpath(*RECORDINGS_FILE).read_text("utf-8")


@functools.cache
def recorded_services() -> Mapping[str, ServiceRecording]:
    """Every recorded service principal's role, read once per process."""
    return MappingProxyType(parse_recordings(tomllib.loads(recordings_text())))

"""Derive ``conformance/specs/service_linked_roles/services.toml`` from AWS-recorded responses.

The only public record of how many services' service-linked roles really look is LocalStack's
IAM snapshot file, recorded against AWS: for each service principal its test created the role
(or found it), then recorded ``GetRole``, ``ListRolePolicies`` and ``ListAttachedRolePolicies``;
other cases recorded how ``CreateServiceLinkedRole`` answered a custom suffix, a second role for
the same service, and a deletion. This tool reads that file from a git clone of
localstack/localstack at a pinned commit and writes the facts, each with its test case, as the
project's TOML data; the snapshot itself is never copied into the project. The unit tests check
the committed file against the same snapshot when a clone is at hand (``LOCALSTACK_REPO``).

Usage: ``python -m conformance.tools.slr_services PATH-TO-LOCALSTACK-GIT [--output FILE | --write]``
(``--write``: over the service-linked-roles specification's own file).
Exit status 0 on success, 2 when the clone, commit or file cannot be read.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from collections.abc import Mapping, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

#: The committed data file, which ``--write`` replaces (the emulator reads it, ``recordings``).
DATA_FILE = Path(__file__).resolve().parent.parent / "specs" / "service_linked_roles" / "services.toml"
REPOSITORY = "https://github.com/localstack/localstack"
COMMIT = "8b9a79f05846835cf4dff63ab7eefdde9df83783"
SNAPSHOT_PATH = "tests/aws/services/iam/test_iam.snapshot.json"
SOURCE_KEY = "localstack-iam-snapshot"
SOURCE_ABOUT = (
    "LocalStack's IAM snapshot tests, marked as validated against AWS; each case records "
    "AWS's answers with account IDs, role IDs, dates and UUIDs replaced by placeholders"
)

#: Every case's ID in the snapshot starts with this; the data file names cases without it.
CASE_PREFIX = "tests/aws/services/iam/test_iam.py::TestIAMServiceRoles::"
LIFECYCLE = "test_service_role_lifecycle["
SUFFIX_ACCEPTED = "test_service_role_lifecycle_custom_suffix["
SUFFIX_REFUSED = "test_service_role_lifecycle_custom_suffix_not_allowed["
DUPLICATE = "test_service_role_already_exists"
DELETION = "test_service_role_deletion"
#: The placeholder the snapshot writes for the partition of an ARN.
PARTITION_PLACEHOLDER = "arn:<partition>:"


class SnapshotError(Exception):
    """The snapshot cannot be read, or does not hold what the derivation expects."""


def read_snapshot(repo: Path, commit: str = COMMIT, path: str = SNAPSHOT_PATH) -> dict[str, Any]:
    """The snapshot file at ``commit`` of the git repository ``repo`` (a clone or a mirror)."""
    try:
        shown = subprocess.run(
            ["git", "-C", str(repo), "show", f"{commit}:{path}"],
            check=True,
            capture_output=True,
        )
    except (OSError, subprocess.CalledProcessError) as exc:
        raise SnapshotError(
            f"Cannot read {path} at {commit[:12]} from {repo}: is it a git clone of "
            "localstack/localstack that holds that commit?"
        ) from exc
    try:
        document = json.loads(shown.stdout)
    except ValueError as exc:
        raise SnapshotError(f"{path} at {commit[:12]} is not JSON.") from exc
    if not isinstance(document, dict):
        raise SnapshotError(f"{path} at {commit[:12]} is not a JSON object.")
    return document


def recorded_at(text: str) -> datetime:
    """A snapshot's ``recorded-date`` (``13-03-2025, 08:30:49``, no time zone given)."""
    return datetime.strptime(text, "%d-%m-%Y, %H:%M:%S")


def aws_partition(arn: str) -> str:
    """An ARN with the snapshot's partition placeholder written as the ``aws`` partition."""
    if not arn.startswith(PARTITION_PLACEHOLDER):
        raise SnapshotError(f"Unexpected ARN form {arn!r}.")
    return "arn:aws:" + arn.removeprefix(PARTITION_PLACEHOLDER)


def case(snapshot: Mapping[str, Any], case_id: str) -> Any:
    """The recording of one case, named without ``CASE_PREFIX``."""
    return snapshot[CASE_PREFIX + case_id]


def cases(snapshot: Mapping[str, Any], prefix: str) -> dict[str, dict[str, Any]]:
    """The parametrised cases ``prefix[<parameter>]``, by their parameter (a principal)."""
    start = CASE_PREFIX + prefix
    return {
        key[len(start) : -1]: value
        for key, value in snapshot.items()
        if key.startswith(start) and key.endswith("]")
    }


def _suffix_answer(
    principal: str, accepted: Mapping[str, Any] | None, refused: Mapping[str, Any] | None
) -> dict[str, Any]:
    if (accepted is None) == (refused is None):
        raise SnapshotError(f"{principal}: expected exactly one custom-suffix case.")
    if accepted is not None:
        role = accepted["recorded-content"]["describe-response"]["Role"]
        return {
            "answer": "accepted",
            "role_name": role["RoleName"],
            "recorded": recorded_at(accepted["recorded-date"]),
            "case": f"{SUFFIX_ACCEPTED}{principal}]",
        }
    assert refused is not None
    error = refused["recorded-content"]["custom-suffix-not-allowed"]["Error"]
    return {
        "answer": "refused",
        "error": error["Code"],
        "recorded": recorded_at(refused["recorded-date"]),
        "case": f"{SUFFIX_REFUSED}{principal}]",
    }


def _role_facts(content: Mapping[str, Any]) -> dict[str, Any]:
    """The facts of one recorded role (what a suffixed role must share with the plain one)."""
    role = content["describe-response"]["Role"]
    attached = content["attached-role-policies"]["AttachedPolicies"]
    return {
        "path": role["Path"],
        "trust": role["AssumeRolePolicyDocument"],
        "policy_arns": [aws_partition(item["PolicyArn"]) for item in attached],
        "max_session_duration": role["MaxSessionDuration"],
        "inline_policies": bool(content["inline-role-policies"]["PolicyNames"]),
    }


def derive(snapshot: Mapping[str, Any]) -> dict[str, Any]:
    """The data file's content (as TOML would parse it) derived from the snapshot."""
    lifecycle = cases(snapshot, LIFECYCLE)
    accepted = cases(snapshot, SUFFIX_ACCEPTED)
    refused = cases(snapshot, SUFFIX_REFUSED)
    if not lifecycle:
        raise SnapshotError("The snapshot holds no service-linked role cases.")
    unknown = (set(accepted) | set(refused)) - set(lifecycle)
    if unknown:
        raise SnapshotError(f"Suffix cases without a role case: {sorted(unknown)}.")
    services: dict[str, Any] = {}
    try:
        for principal in sorted(lifecycle):
            entry = lifecycle[principal]
            content = entry["recorded-content"]
            role = content["describe-response"]["Role"]
            row: dict[str, Any] = {"role_name": role["RoleName"], **_role_facts(content)}
            row["recorded"] = recorded_at(entry["recorded-date"])
            row["source"] = SOURCE_KEY
            row["case"] = f"{LIFECYCLE}{principal}]"
            if "Description" in role:
                row["has_description"] = True
            if role.get("RoleLastUsed"):
                row["used_before_recording"] = True
            row["custom_suffix"] = _suffix_answer(
                principal, accepted.get(principal), refused.get(principal)
            )
            if principal in accepted:
                suffixed = accepted[principal]["recorded-content"]
                if _role_facts(suffixed) != _role_facts(content):
                    raise SnapshotError(f"{principal}: the suffixed role differs beyond its name.")
            services[principal] = row
        calls = _calls(snapshot, services)
    except (KeyError, TypeError, ValueError) as exc:
        raise SnapshotError(f"The snapshot lacks or misshapes {exc}.") from exc
    source = {
        "repository": REPOSITORY,
        "commit": COMMIT,
        "path": SNAPSHOT_PATH,
        "case_prefix": CASE_PREFIX,
        "about": SOURCE_ABOUT,
    }
    return {
        "sources": {SOURCE_KEY: source},
        "calls": calls,
        "services": services,
    }


def _principal_of_task(task_id: str) -> str:
    match = re.fullmatch(r"task/aws-service-role/([^/]+)/[^/]+/<uuid>", task_id)
    if match is None:
        raise SnapshotError(f"Unexpected deletion task ID form {task_id!r}.")
    return match.group(1)


def _principal_named(message: str, services: Mapping[str, Any]) -> str:
    """The service whose role the duplicate refusal names (the case's only record of it)."""
    words = set(message.split())
    named = [p for p, row in services.items() if row["role_name"] in words]
    if len(named) != 1:
        raise SnapshotError(f"Cannot tell which service the refusal {message!r} is about.")
    return named[0]


def _calls(snapshot: Mapping[str, Any], services: Mapping[str, Any]) -> dict[str, Any]:
    """The single recorded duplicate refusal and deletion (both of one service)."""
    duplicate = case(snapshot, DUPLICATE)
    deletion = case(snapshot, DELETION)
    refusal = duplicate["recorded-content"]["role-already-exists-error"]["Error"]
    deleted = deletion["recorded-content"]
    task_id = deleted["service-linked-role-deletion-response"]["DeletionTaskId"]
    return {
        "duplicate": {
            "principal": _principal_named(refusal["Message"], services),
            "error": refusal["Code"],
            "recorded": recorded_at(duplicate["recorded-date"]),
            "source": SOURCE_KEY,
            "case": DUPLICATE,
        },
        "deletion": {
            "principal": _principal_of_task(task_id),
            "task_id": task_id,
            "final_status": deleted["service-linked-role-deletion-status-response"]["Status"],
            "recorded": recorded_at(deletion["recorded-date"]),
            "source": SOURCE_KEY,
            "case": DELETION,
        },
    }


# ---------------------------------------------------------------- TOML writing

HEADER = """\
# Service-linked roles as AWS created them, one table per service principal (generated by
# `python -m conformance.tools.slr_services PATH-TO-LOCALSTACK-GIT`; review changes by hand).
#
# Each service's table holds what AWS answered for its role: name, path, trust policy (as
# data), the ARNs of the attached managed policies (partition written as `aws`; the recording
# has a placeholder), the maximum session duration, whether it had inline policies, and how
# a `CustomSuffix` was answered: `accepted` with the suffixed role's name (`<suffix>` stands
# for the caller's suffix), or `refused` with the AWS error code. `recorded` is the
# recording's own date and time (no time zone was recorded); `source` names a [sources]
# table and `case` the test case whose recording supports the row (its ID in the recorded
# file is the source's `case_prefix` followed by `case`).
#
# Care points, from how the recordings were made:
# - Where a role already existed, the recording test read the existing role instead of
#   creating one. `used_before_recording = true` marks the roles AWS reported as used
#   (RoleLastUsed filled in), which must have existed before; a row without it may still
#   describe a role that existed. `has_description = true`: that earlier role had a
#   description (its text is not kept); the recordings' own create calls passed none.
# - The trust, name and policy were recorded for every row; the suffixed roles share
#   everything but the name with the plain one (checked when this file was generated).
"""


def _key(key: str) -> str:
    return key if re.fullmatch(r"[A-Za-z0-9_-]+", key) else json.dumps(key)


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return json.dumps(value)
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, list):
        return "[" + ", ".join(_value(item) for item in value) + "]"
    if isinstance(value, Mapping):
        inner = ", ".join(f"{_key(k)} = {_value(v)}" for k, v in value.items())
        return "{ " + inner + " }" if inner else "{}"
    raise TypeError(f"No TOML form for {type(value).__name__}.")


def _is_table(value: Any) -> bool:
    """Mappings are tables of their own unless short and flat (a ``Principal``)."""
    if not isinstance(value, Mapping):
        return False
    flat = not any(isinstance(v, Mapping | list) for v in value.values())
    return not (flat and len(_value(value)) <= 60)


def _is_table_array(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, Mapping) for v in value)


def _table(header: str, name: str, rows: Mapping[str, Any]) -> list[str]:
    """``rows`` under ``[name]`` (or ``[[name]]``): plain keys first, then nested tables."""
    lines = [header]
    nested: list[str] = []
    for key, value in rows.items():
        path = f"{name}.{_key(key)}"
        if _is_table(value):
            nested.extend(_table(f"[{path}]", path, value))
        elif _is_table_array(value):
            for item in value:
                nested.extend(_table(f"[[{path}]]", path, item))
        else:
            lines.append(f"{_key(key)} = {_value(value)}")
    return [*lines, "", *nested]


def render(data: Mapping[str, Any]) -> str:
    """The data file's text: a header, the sources, the single calls, then one table a service."""
    lines = [HEADER]
    for group in ("sources", "calls", "services"):
        for key, rows in data[group].items():
            name = f"{group}.{_key(key)}"
            lines.extend(_table(f"[{name}]", name, rows))
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m conformance.tools.slr_services",
        description="Write the per-service data file from LocalStack's AWS-recorded snapshot.",
    )
    parser.add_argument("repo", type=Path, help="a git clone (or mirror) of localstack/localstack")
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--output", type=Path, help="where to write (default: standard output)")
    where.add_argument(
        "--write",
        action="store_const",
        dest="output",
        const=DATA_FILE,
        help="write it over the specification's own file, "
        "conformance/specs/service_linked_roles/services.toml",
    )
    args = parser.parse_args(argv)
    try:
        text = render(derive(read_snapshot(args.repo)))
    except SnapshotError as exc:
        sys.stderr.write(f"{exc}\n")
        return 2
    if args.output is None:
        sys.stdout.write(text)
    else:
        args.output.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

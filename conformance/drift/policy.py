"""The managed policy the specification was written against, and copies to compare it with.

The record (``managed-policy.toml``) holds the policy's version and document as AWS published
them. Like the page's fingerprints it sits outside the catalogue digest: the requirements
state what the policy must allow whatever its version (SLR-PRM-06 admits the Incident Manager
namespace and is silent on others), so a new version that changes no requirement is recorded
without invalidating any certificate, and one that does changes ``requirements.toml``.

Copies to compare with: the one moto ships (``moto/iam/aws_managed_policies.py``, read
without network), a file saved from ``aws iam get-policy-version``, or the policy as a
backend's IAM serves it (a real account with ``--backend aws``).

Two documents are the same when their canonical forms are: statement order, ``Sid``, a single
string versus a list, the order of list items and of keys, and the case of action names and
condition keys (IAM ignores it) do not count.

A changed statement touches the requirements whose text names one of its actions, and every
requirement resting on the same statements (so ``cloudwatch:PutMetricData`` touches
SLR-PRM-06, which names it, and SLR-PRM-07, which bounds all the policy's actions). An action
that no requirement names touches the requirements that bound the whole list of actions: those
resting on every statement the named actions rest on.
"""

from __future__ import annotations

import hashlib
import json
import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from botocore.exceptions import BotoCoreError, ClientError

from conformance.backends.base import Backend
from conformance.catalogue import Catalogue, Requirement
from conformance.driver.policy import parse_document
from conformance.driver.roles import POLICY_ARN
from conformance.errors import ConfigurationError
from conformance.outputs import write_text

POLICY_FILE = "managed-policy.toml"
POLICY_NAME = POLICY_ARN.rsplit("/", 1)[-1]

ADDED, REMOVED, CHANGED = "added", "removed", "changed"


@dataclass(frozen=True)
class PolicyVersion:
    """One version of the managed policy; ``copy`` says where it was read."""

    version: str
    document: dict[str, Any]
    copy: str
    accepted: str | None = None

    @property
    def digest(self) -> str:
        canonical = json.dumps(_canonical(self.document), sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class StatementChange:
    change: str
    sid: str | None
    actions: tuple[str, ...]
    detail: str
    requirements: tuple[str, ...]


# ---------------------------------------------------------------- canonical form


def _as_list(value: Any) -> list[Any]:
    return list(value) if isinstance(value, list) else [value]


def _statements(document: Mapping[str, Any]) -> list[dict[str, Any]]:
    found = document.get("Statement", [])
    items = found if isinstance(found, list) else [found]
    if not all(isinstance(item, dict) for item in items):
        raise ConfigurationError("The policy copy's Statement is not a list of statements.")
    return items


def _canonical_statement(statement: Mapping[str, Any]) -> dict[str, Any]:
    canonical: dict[str, Any] = {}
    for key, value in statement.items():
        if key == "Sid":
            continue
        if key in ("Action", "NotAction"):
            canonical[key] = sorted({str(a).lower() for a in _as_list(value)})
        elif key in ("Resource", "NotResource"):
            canonical[key] = sorted({str(r) for r in _as_list(value)})
        elif key == "Condition" and isinstance(value, dict):
            canonical[key] = {
                operator: {
                    str(k).lower(): sorted({str(v) for v in _as_list(values)})
                    for k, values in block.items()
                }
                if isinstance(block, dict)
                else block
                for operator, block in value.items()
            }
        else:
            canonical[key] = value
    return canonical


def _key(statement: Mapping[str, Any]) -> str:
    return json.dumps(_canonical_statement(statement), sort_keys=True)


def _canonical(document: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "Version": document.get("Version"),
        "Statement": sorted(_key(s) for s in _statements(document)),
    }


# ---------------------------------------------------------------- the comparison


def compare(
    recorded: PolicyVersion, found: PolicyVersion, catalogue: Catalogue
) -> list[StatementChange]:
    """Statements added, removed or changed (paired by ``Sid``), with what they touch."""
    before = {_key(s): s for s in _statements(recorded.document)}
    after = {_key(s): s for s in _statements(found.document)}
    removed = [s for k, s in before.items() if k not in after]
    added = [s for k, s in after.items() if k not in before]
    touches = _Touches(catalogue, _actions(_statements(recorded.document)))
    changes: list[StatementChange] = []
    for old in removed:
        new = next((s for s in added if old.get("Sid") and s.get("Sid") == old.get("Sid")), None)
        if new is not None:
            added.remove(new)
            actions = _actions([old, new])
            changes.append(
                StatementChange(CHANGED, old["Sid"], actions, _detail(old, new), touches(actions))
            )
        else:
            actions = _actions([old])
            changes.append(StatementChange(REMOVED, old.get("Sid"), actions, "", touches(actions)))
    for new in added:
        actions = _actions([new])
        changes.append(StatementChange(ADDED, new.get("Sid"), actions, "", touches(actions)))
    if recorded.document.get("Version") != found.document.get("Version"):
        detail = (
            f"policy language {recorded.document.get('Version')} -> {found.document.get('Version')}"
        )
        changes.append(StatementChange(CHANGED, None, (), detail, ()))
    return changes


def _actions(statements: Iterable[Mapping[str, Any]]) -> tuple[str, ...]:
    """Every action a statement names (``NotAction`` included), once, in order of appearance."""
    seen: dict[str, str] = {}
    for statement in statements:
        for key in ("Action", "NotAction"):
            for action in _as_list(statement.get(key, [])):
                seen.setdefault(str(action).lower(), str(action))
    return tuple(seen.values())


def _detail(old: Mapping[str, Any], new: Mapping[str, Any]) -> str:
    """What differs between two versions of one statement, in a few words."""
    before, after = _canonical_statement(old), _canonical_statement(new)
    parts = []
    gained = [a for a in _actions([new]) if a.lower() not in _actions_lower(old)]
    lost = [a for a in _actions([old]) if a.lower() not in _actions_lower(new)]
    if gained:
        parts.append(f"also allows {', '.join(gained)}")
    if lost:
        parts.append(f"no longer names {', '.join(lost)}")
    for key in sorted(set(before) | set(after)):
        if key not in ("Action", "NotAction") and before.get(key) != after.get(key):
            parts.append(f"its {key} differs")
    return "; ".join(parts)


def _actions_lower(statement: Mapping[str, Any]) -> set[str]:
    return {a.lower() for a in _actions([statement])}


class _Touches:
    """Which requirements a set of actions touches (see the module's description)."""

    def __init__(self, catalogue: Catalogue, documented: tuple[str, ...]) -> None:
        self._catalogue = catalogue
        named = {s for r in self._naming(documented) for s in r.statements}
        self._whole_list = tuple(
            r.id for r in catalogue.requirements if named and named <= set(r.statements)
        )

    def _naming(self, actions: Iterable[str]) -> list[Requirement]:
        patterns = [
            re.compile(rf"(?<![\w:*-]){re.escape(a)}(?![\w:*-])", re.IGNORECASE) for a in actions
        ]
        return [r for r in self._catalogue.requirements if any(p.search(r.text) for p in patterns)]

    def __call__(self, actions: tuple[str, ...]) -> tuple[str, ...]:
        statements = {s for r in self._naming(actions) for s in r.statements}
        touched = {r.id for r in self._catalogue.requirements if statements & set(r.statements)}
        if any(not self._naming([a]) for a in actions):
            touched.update(self._whole_list)
        return tuple(r.id for r in self._catalogue.requirements if r.id in touched)


# ---------------------------------------------------------------- the record


def load_recorded(path: Path) -> PolicyVersion:
    try:
        document = tomllib.loads(path.read_text(encoding="utf-8"))
        return PolicyVersion(
            document["version"],
            parse_document(document["document"]),
            document["copy"],
            document["accepted"],
        )
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, KeyError, ValueError) as exc:
        raise ConfigurationError(f"The recorded policy {path} cannot be read ({exc}).") from None


_HEADER = f"""\
# The AWS managed policy {POLICY_NAME}, as the specification was written
# against it: its default version and document. `slr-conformance drift --policy` compares a
# copy with it (moto's, a saved one, or an account's); `slr-conformance drift --policy --accept`
# records the copy once the requirements have been reviewed against it. Outside the catalogue
# digest on purpose; the reference emulator serves the same document (a test checks it).
"""


def write_recorded(path: Path, policy: PolicyVersion) -> None:
    text = json.dumps(policy.document, indent=2)
    document = f"'''\n{text}\n'''" if "'''" not in text else json.dumps(text)
    lines = [
        _HEADER,
        f"version = {json.dumps(policy.version)}",
        f"accepted = {json.dumps(policy.accepted)}",
        f"copy = {json.dumps(policy.copy)}",
        f"document = {document}",
    ]
    write_text(path, "\n".join(lines) + "\n", "recorded policy")


# ---------------------------------------------------------------- copies to compare with


def from_moto() -> PolicyVersion:
    """The copy that ships with the installed moto; no network."""
    try:
        import moto
        from moto.iam.aws_managed_policies import aws_managed_policies_data
    except ImportError:
        raise ConfigurationError(
            "moto is not installed, so its copy of the managed policy cannot be read."
        ) from None
    entry = json.loads(aws_managed_policies_data).get(POLICY_NAME)
    if not isinstance(entry, dict):
        raise ConfigurationError(f"moto {moto.__version__} ships no copy of {POLICY_NAME}.")
    return _version(entry, f"moto {moto.__version__}'s copy")


def from_file(path: Path) -> PolicyVersion:
    """A saved copy: the output of ``aws iam get-policy-version``, or an entry like moto's."""
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigurationError(
            f"The policy copy {path} cannot be read ({exc.strerror or exc})."
        ) from None
    except (UnicodeDecodeError, ValueError):
        raise ConfigurationError(f"The policy copy {path} is not JSON.") from None
    if isinstance(document, dict) and isinstance(document.get("PolicyVersion"), dict):
        inner = document["PolicyVersion"]
        document = {"DefaultVersionId": inner.get("VersionId"), "Document": inner.get("Document")}
    return _version(document, f"the copy in {path.name}")


def from_backend(backend: Backend) -> PolicyVersion:
    """The default version as the backend's IAM serves it (GetPolicy, GetPolicyVersion)."""
    iam = backend.client("iam")
    try:
        version = iam.get_policy(PolicyArn=POLICY_ARN)["Policy"]["DefaultVersionId"]
        found = iam.get_policy_version(PolicyArn=POLICY_ARN, VersionId=version)["PolicyVersion"]
    except ClientError as exc:
        code = exc.response.get("Error", {}).get("Code", "an error")
        raise ConfigurationError(
            f"The {backend.name} backend does not give the policy {POLICY_NAME} ({code})."
        ) from None
    except BotoCoreError as exc:
        raise ConfigurationError(f"The {backend.name} backend cannot be asked ({exc}).") from None
    return _version(
        {"DefaultVersionId": version, "Document": found.get("Document")},
        f"the {backend.name} backend's copy",
    )


def _version(entry: Any, copy: str) -> PolicyVersion:
    version = entry.get("DefaultVersionId") if isinstance(entry, dict) else None
    document = entry.get("Document") if isinstance(entry, dict) else None
    if not isinstance(version, str) or document is None:
        raise ConfigurationError(
            f"{copy[0].upper()}{copy[1:]} is neither the output of 'aws iam get-policy-version' "
            "nor an entry of moto's managed policies."
        )
    try:
        parsed = parse_document(document)
    except ValueError:
        raise ConfigurationError(f"{copy[0].upper()}{copy[1:]} holds no policy document.") from None
    _statements(parsed)
    return PolicyVersion(version, parsed, copy)

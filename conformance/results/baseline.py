"""Expected verdicts for known implementations, and what changed against them.

A baseline records, requirement by requirement, the verdicts an implementation (stock moto
first) is known to get. A baseline run fails on any change, fixes included: a requirement that
starts passing must be recorded too, or the baseline would stop telling the truth. A baseline
recorded for another version of the specification, or another catalogue, is a change as well.

A baseline also records which passes were only partly checked (``partial``): a full pass that
becomes partial means examples stopped running, and a partial one that becomes full means more
is checked now; both are changes worth a look. Baselines recorded before partial checks were
tracked have no ``partial`` field; for them only the verdicts are compared.

A baseline names the implementation version and botocore it was recorded with
(``recorded_with``), so when verdicts change after an upgrade of moto the diff says so: the
change may be the upgrade's, not the project's. Baselines recorded before that have no such
field and are read as before. Re-record with ``make baselines``.

Baselines live with their specification (``conformance/specs/<spec>/baselines/<name>.json``)
and name it (``specification``); one recorded before baselines named theirs is Incident
Manager's. A run of another specification differs from the baseline as a whole.

Baselines are read with the guards of ``jsonfile`` and refuse control characters in any text,
since their keys and values are printed to a terminal in the diff.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from conformance.errors import ConfigurationError
from conformance.results.io import make_directory, shorten, write_text
from conformance.results.jsonfile import read_json
from conformance.results.model import LEGACY_SPECIFICATION, VERDICTS, RunResult, Verdict
from conformance.specs import DEFAULT as DEFAULT_SPEC
from conformance.specs import get as get_spec

BASELINE_KIND = "slr-conformance-baseline"
RECORDED_FIELDS = ("implementation", "version", "botocore")
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")

ChangeKind = Literal["verdict", "partial", "specification", "spec_version", "catalogue_digest"]
PARTLY_CHECKED = "a partly checked pass"
FULLY_CHECKED = "a fully checked pass"


@dataclass(frozen=True)
class Baseline:
    name: str
    spec_version: str
    catalogue_digest: str
    verdicts: dict[str, Verdict]
    #: Requirements whose recorded pass was only partly checked; ``None`` for a baseline
    #: recorded before that was tracked, where it is not compared.
    partial: frozenset[str] | None = None
    #: What the baseline was recorded with: ``implementation``, ``version`` and ``botocore``;
    #: ``None`` for a baseline recorded before that was written down.
    recorded_with: dict[str, str] | None = None
    #: The specification it was recorded for; Incident Manager's for one that does not say.
    specification: str = LEGACY_SPECIFICATION


@dataclass(frozen=True)
class VerdictChange:
    """One difference from the baseline.

    For a verdict change, ``requirement`` is the requirement ID and ``expected``/``actual`` are
    verdicts, ``None`` where the requirement is missing on that side. For a pass that became
    partly or fully checked, they are ``PARTLY_CHECKED`` or ``FULLY_CHECKED``. For a change of
    specification version or catalogue, ``requirement`` is empty and the two values are the
    baseline's and the run's version or digest.
    """

    requirement: str
    expected: str | None
    actual: str | None
    kind: ChangeKind = "verdict"

    def describe(self) -> str:
        """The change on one line, plain ASCII apart from what the data holds."""
        if self.kind == "specification":
            return (
                f"specification: the baseline was recorded for {self.expected}, "
                f"this run checked {self.actual}"
            )
        if self.kind == "spec_version":
            return (
                f"specification version: the baseline was recorded for {self.expected}, "
                f"this run checked {self.actual}"
            )
        if self.kind == "catalogue_digest":
            return (
                "catalogue: the requirements changed since the baseline was recorded "
                f"(digest {str(self.expected)[:12]} then, {str(self.actual)[:12]} now)"
            )
        if self.expected is None:
            return f"{self.requirement}: not in the baseline, now {self.actual}"
        if self.actual is None:
            return f"{self.requirement}: expected {self.expected}, not in this run"
        note = " (fixed)" if self.kind == "verdict" and self.actual == "pass" else ""
        return f"{self.requirement}: expected {self.expected}, now {self.actual}{note}"


def baseline_directory(spec: str = DEFAULT_SPEC) -> Path:
    """The ``baselines`` folder of the specification ``spec`` (``conformance/specs/<spec>/``;
    in the source tree for an editable install)."""
    return get_spec(spec).baselines


def known_baselines(directory: str | os.PathLike[str] | None = None) -> list[str]:
    """Names of the recorded baselines, sorted."""
    folder = Path(directory) if directory is not None else baseline_directory()
    if not folder.is_dir():
        return []
    return sorted(p.stem for p in folder.glob("*.json") if _NAME.match(p.stem))


def load_baseline(name: str, directory: str | os.PathLike[str] | None = None) -> Baseline:
    """Read the baseline called ``name``; unknown names are refused with the known ones."""
    folder = Path(directory) if directory is not None else baseline_directory()
    known = known_baselines(folder)
    if name not in known:
        listing = ", ".join(known) if known else "none is recorded yet"
        raise ConfigurationError(
            f"There is no baseline named {shorten(json.dumps(name))}; known baselines: {listing}."
        )
    path = folder / f"{name}.json"
    return _parse(read_json(path, f"The baseline file {path}"), path)


def _parse(document: Any, path: Path) -> Baseline:
    def bad(what: str) -> ConfigurationError:
        return ConfigurationError(f"The baseline file {path} is malformed: {what}.")

    if not isinstance(document, dict) or document.get("kind") != BASELINE_KIND:
        raise bad(f'its "kind" is not {BASELINE_KIND}')
    unprintable = _control_characters(document)
    if unprintable is not None:
        raise bad(f"{unprintable} holds control characters, which a terminal would obey")
    for key in ("name", "spec_version", "catalogue_digest"):
        if not isinstance(document.get(key), str) or not document[key]:
            raise bad(f"$.{key} must be a non-empty string")
    verdicts = document.get("verdicts")
    if not isinstance(verdicts, dict):
        raise bad("$.verdicts must be an object")
    for requirement, verdict in verdicts.items():
        if verdict not in VERDICTS:
            where = f"$.verdicts[{shorten(json.dumps(requirement))}]"
            raise bad(f"{where} must be one of {', '.join(VERDICTS)}")
    partial = document.get("partial")
    if partial is not None:
        if not isinstance(partial, list) or not all(isinstance(i, str) for i in partial):
            raise bad("$.partial must be a list of requirement IDs")
        passing = {i for i, verdict in verdicts.items() if verdict == "pass"}
        stray = sorted(set(partial) - passing)
        if stray:
            raise bad(f"$.partial names {shorten(stray[0])}, whose recorded verdict is not pass")
    specification = document.get("specification", LEGACY_SPECIFICATION)
    if not isinstance(specification, str) or not _NAME.match(specification):
        raise bad("$.specification must be the name of a specification")
    recorded = document.get("recorded_with")
    if recorded is not None and not (
        isinstance(recorded, dict)
        and set(recorded) <= set(RECORDED_FIELDS)
        and all(isinstance(recorded.get(key), str) for key in RECORDED_FIELDS)
    ):
        raise bad(f"$.recorded_with must be an object of the strings {', '.join(RECORDED_FIELDS)}")
    return Baseline(
        name=document["name"],
        spec_version=document["spec_version"],
        catalogue_digest=document["catalogue_digest"],
        verdicts=dict(verdicts),
        partial=None if partial is None else frozenset(partial),
        recorded_with=None if recorded is None else dict(recorded),
        specification=specification,
    )


def _control_characters(document: dict[str, Any]) -> str | None:
    """The JSON path of the first key or text holding a control character, else ``None``."""
    stack: list[tuple[str, Any]] = [("$", document)]
    while stack:
        where, value = stack.pop()
        if isinstance(value, str) and not value.isprintable():
            return where
        if isinstance(value, list):
            stack.extend((f"{where}[{i}]", item) for i, item in enumerate(value))
        if isinstance(value, dict):
            for key, item in value.items():
                if not key.isprintable():
                    return f"a key of {where}"
                stack.append((f"{where}.{key}", item))
    return None


def compare(result: RunResult, baseline: Baseline) -> list[VerdictChange]:
    """Every difference between a run and a baseline; empty means the baseline holds."""
    changes: list[VerdictChange] = []
    if result.specification != baseline.specification:
        names = (baseline.specification, result.specification)
        return [VerdictChange("", *names, kind="specification")]
    if result.spec_version != baseline.spec_version:
        changes.append(
            VerdictChange("", baseline.spec_version, result.spec_version, "spec_version")
        )
    elif result.catalogue_digest != baseline.catalogue_digest:
        digests = (baseline.catalogue_digest, result.catalogue_digest)
        changes.append(VerdictChange("", *digests, kind="catalogue_digest"))
    seen = set()
    for requirement in result.requirements:
        seen.add(requirement.id)
        expected = baseline.verdicts.get(requirement.id)
        if expected != requirement.verdict:
            changes.append(VerdictChange(requirement.id, expected, requirement.verdict))
        elif baseline.partial is not None and expected == "pass":
            was = requirement.id in baseline.partial
            if was != requirement.partial:
                changes.append(
                    VerdictChange(
                        requirement.id,
                        _checked(was),
                        _checked(requirement.partial),
                        "partial",
                    )
                )
    for requirement_id, expected in baseline.verdicts.items():
        if requirement_id not in seen:
            changes.append(VerdictChange(requirement_id, expected, None))
    return changes


def _checked(partial: bool) -> str:
    return PARTLY_CHECKED if partial else FULLY_CHECKED


def provenance_note(result: RunResult, baseline: Baseline) -> str | None:
    """A sentence for the diff when the run used another implementation version or botocore
    than the baseline was recorded with (or the baseline does not say), else ``None``."""
    backend = result.backend
    now = {
        "implementation": backend.implementation,
        "version": backend.version,
        "botocore": backend.botocore_version,
    }
    if baseline.recorded_with is None:
        return (
            "The baseline does not say which versions it was recorded with; "
            f"this run used {_versions(now)}."
        )
    if baseline.recorded_with == now:
        return None
    return (
        f"The baseline was recorded with {_versions(baseline.recorded_with)}, but this run "
        f"used {_versions(now)}: the changes may come from that difference."
    )


def _versions(recorded: dict[str, str]) -> str:
    return (
        f"{shorten(recorded['implementation'])} {shorten(recorded['version'])} "
        f"and botocore {shorten(recorded['botocore'])}"
    )


def render_diff(changes: list[VerdictChange], note: str | None = None) -> str:
    """The changes as plain text for a terminal, ending with what to do about them.

    ``note`` (from ``provenance_note``) says when the installed versions differ from the
    baseline's, which may explain every change at once.
    """
    if not changes:
        return "The baseline holds: no verdict changed.\n"
    noun = "change" if len(changes) == 1 else "changes"
    lines = [f"{len(changes)} {noun} against the baseline:"]
    lines.extend(f"  {change.describe()}" for change in changes)
    if note:
        lines.append(note)
    lines.append(
        "Fix the regression, or record the new verdicts with --update-baseline "
        "if they are intended."
    )
    return "\n".join(lines) + "\n"


def to_json(result: RunResult, name: str) -> dict[str, Any]:
    """The baseline document that records ``result`` under ``name``."""
    return {
        "kind": BASELINE_KIND,
        "name": name,
        "specification": result.specification,
        "spec_version": result.spec_version,
        "catalogue_digest": result.catalogue_digest,
        "verdicts": {r.id: r.verdict for r in result.requirements},
        "partial": [r.id for r in result.partly_checked()],
        "recorded_with": {
            "implementation": result.backend.implementation,
            "version": result.backend.version,
            "botocore": result.backend.botocore_version,
        },
    }


def write_baseline(
    result: RunResult, name: str, directory: str | os.PathLike[str] | None = None
) -> Path:
    """Record the run's verdicts as the baseline ``name`` (for ``--update-baseline``)."""
    if not _NAME.match(name):
        raise ConfigurationError(
            f"The baseline name {shorten(json.dumps(name))} is not usable: use letters, "
            "digits, dots, dashes and underscores, starting with a letter or digit."
        )
    folder = Path(directory) if directory is not None else baseline_directory(result.specification)
    make_directory(folder)
    text = json.dumps(to_json(result, name), indent=2, ensure_ascii=False) + "\n"
    return write_text(folder / f"{name}.json", text)

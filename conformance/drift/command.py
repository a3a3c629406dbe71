"""``slr-conformance drift``: has the page, the managed policy or the API reference moved?

Exit codes: 0 when nothing moved (or a change was recorded with ``--accept``), 1 when
something did, 2 when the comparison cannot be made (a file that cannot be read, that is not
the page, a policy copy that is not a policy), said in one sentence like every usage error.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from conformance.backends.base import Backend
from conformance.catalogue import Catalogue, load_catalogue
from conformance.drift import api, page, policy, record
from conformance.drift.paragraphs import SavedCopy, excerpt, read_copy
from conformance.errors import ConfigurationError
from conformance.specs import DEFAULT

SAME, DRIFT = 0, 1

#: Where the recorded fingerprints and policy live unless ``--data`` says otherwise: the
#: Incident Manager specification's data folder, whose page, policy and API are watched.
DATA_DIR = Path(__file__).resolve().parent.parent / "specs" / "incident_manager"


@dataclass(frozen=True)
class DriftOptions:
    """What to compare, and where the records are read and written."""

    page: Path | None = None
    policy: bool = False
    policy_file: Path | None = None
    api: bool = False
    accept: bool = False
    data: Path = DATA_DIR
    output: Path = Path("build/drift")
    changelog: Path = Path("docs/changelog.md")
    #: The specification whose statements the page, policy and API are compared with.
    spec: str = DEFAULT


def run_drift(options: DriftOptions, backend: Backend | None, stream: TextIO) -> int:
    if options.page is None and not options.policy and not options.api:
        raise ConfigurationError(
            "Name what to compare: a saved copy of the page (drift PAGE), --policy, --api, "
            "or any of them together."
        )
    if (options.policy_file or backend) and not options.policy:
        raise ConfigurationError("The options --policy-file and --backend go with --policy.")
    if options.policy_file and backend:
        raise ConfigurationError(
            "Compare the policy with a saved copy (--policy-file) or a backend (--backend), not both."
        )
    catalogue = load_catalogue(options.spec)
    codes = []
    if options.page is not None:
        codes.append(check_page(options, options.page, catalogue, stream))
    if options.policy:
        codes.append(check_policy(options, backend, catalogue, stream))
    if options.api:
        codes.append(check_api(options, catalogue, stream))
    return max(codes)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _today() -> str:
    return record.now().date().isoformat()


def _require_changelog(options: DriftOptions) -> None:
    """Before ``--accept`` writes anything: the changelog that gets its line must be there."""
    if not options.changelog.is_file():
        raise ConfigurationError(
            f"The changelog {options.changelog} does not exist; run from the repository's root "
            "or name it with --changelog."
        )


# ---------------------------------------------------------------- the page


def check_page(options: DriftOptions, path: Path, catalogue: Catalogue, stream: TextIO) -> int:
    saved = read_copy(path)
    copy = page.locate(saved.blocks, catalogue)
    if not copy.sections:
        raise ConfigurationError(
            f"The file {path} is not a copy of the page: none of its section headings is there."
        )
    fingerprints_path = options.data / page.FINGERPRINTS_FILE
    recorded = page.load_fingerprints(fingerprints_path, catalogue)
    if options.accept:
        return _accept_page(
            options,
            saved=saved,
            copy=copy,
            recorded=recorded,
            path=fingerprints_path,
            catalogue=catalogue,
            stream=stream,
        )
    if recorded is None:
        raise _nothing_recorded("of the page", fingerprints_path, "PAGE --accept")
    findings = page.compare(copy, recorded, catalogue)
    report = _page_report(saved, copy, recorded, findings, catalogue)
    return _reported(options, _page_record(saved, recorded, findings), report, catalogue, stream)


def _nothing_recorded(what: str, path: Path, accept: str) -> ConfigurationError:
    return ConfigurationError(
        f"No fingerprints {what} are recorded in {path}; "
        f"record them with 'slr-conformance drift {accept}'."
    )


def _reported(
    options: DriftOptions, check: dict[str, Any], report: str, catalogue: Catalogue, stream: TextIO
) -> int:
    """Keep the check as the last of its kind, print its report, and say whether it moved."""
    record.write_record(options.output, check["check"], check, catalogue)
    stream.write(report)
    return DRIFT if check["findings"] else SAME


def _page_record(
    saved: SavedCopy, recorded: page.Fingerprints, findings: list[page.Finding]
) -> dict[str, Any]:
    return {
        "check": "page",
        "checked_at": record.now().isoformat(),
        "copy": {"name": saved.name, "sha256": saved.sha256},
        "fingerprints": {
            "accepted": recorded.accepted,
            "copy": recorded.copy,
            "paragraphs": len(recorded.paragraphs),
        },
        "findings": [
            {
                "kind": f.kind,
                "section": f.section,
                "recorded": f.recorded,
                "found": f.found,
                "statements": list(f.statements),
                "requirements": list(f.requirements),
            }
            for f in findings
        ],
    }


def _page_report(
    saved: SavedCopy,
    copy: page.PageCopy,
    recorded: page.Fingerprints,
    findings: list[page.Finding],
    catalogue: Catalogue,
) -> str:
    lines = [
        f"The page copy {saved.name} (sha256 {saved.sha256[:12]}), against the fingerprints "
        f"accepted on {recorded.accepted}:"
    ]
    width = max(len(s.title) for s in catalogue.sections)
    for section in catalogue.sections:
        found = [f for f in findings if f.section == section.key]
        count = len(copy.sections.get(section.key, []))
        state = ", ".join(f"{n} {kind}" for kind, n in Counter(f.kind for f in found).items())
        lines.append(
            f"  {section.title:<{width}}  {_count(count, 'paragraph')}, {state or 'unchanged'}"
        )
        lines += [f"      {line}" for finding in found for line in _finding_lines(finding)]
    if not findings:
        lines.append(
            f"No drift: the {len(recorded.paragraphs)} paragraphs are as accepted on {recorded.accepted}."
        )
    else:
        lines.append(
            f"Drift: {_summary(findings)}. Review the requirements named, then record the page "
            "with 'slr-conformance drift PAGE --accept'."
        )
    return "\n".join(lines) + "\n"


def _finding_lines(finding: page.Finding) -> list[str]:
    requirements = f"requirements {', '.join(finding.requirements) or 'none'}"
    rests = f"statements {', '.join(finding.statements)}; {requirements}"
    quoted = f': "{excerpt(finding.text)}"' if finding.text else ""
    if finding.kind == page.CHANGED:
        return [
            f"changed, paragraph {finding.found}{quoted}",
            f"    {rests if finding.statements else 'no statement rests on it'}",
        ]
    if finding.kind == page.NEW:
        return [f"new, not yet reviewed, paragraph {finding.found}{quoted}"]
    if finding.kind == page.GONE:
        return [
            f"gone, recorded paragraph {finding.recorded}",
            f"    {rests if finding.statements else 'no statement rested on it'}",
        ]
    if finding.kind == page.UNPLACED:
        return [f"statement {finding.statements[0]} rests on no recorded paragraph; {requirements}"]
    return ["heading not found: its paragraphs are counted under the section before it"]


def _summary(findings: list[page.Finding]) -> str:
    counts = Counter(f.kind for f in findings)
    summary = f"{counts[page.CHANGED]} changed, {counts[page.NEW]} new, {counts[page.GONE]} gone"
    if counts[page.UNPLACED]:
        summary += f", {counts[page.UNPLACED]} statements on no paragraph"
    if counts[page.NO_HEADING]:
        summary += f", {counts[page.NO_HEADING]} headings not found"
    return summary


def _accept_page(
    options: DriftOptions,
    *,
    saved: SavedCopy,
    copy: page.PageCopy,
    recorded: page.Fingerprints | None,
    path: Path,
    catalogue: Catalogue,
    stream: TextIO,
) -> int:
    paragraphs = page.accepted(copy, recorded, catalogue)
    if recorded is not None and paragraphs == recorded.paragraphs:
        stream.write(f"Nothing moved since {recorded.accepted}; nothing recorded.\n")
        return SAME
    if recorded is None:
        summary = "the first fingerprints"
    else:
        moved = page.compare(copy, recorded, catalogue)
        summary = _summary([f for f in moved if f.kind in (page.CHANGED, page.NEW, page.GONE)])
    entry = (
        f"{_today()}, the page: {summary} (copy `{saved.name}`, sha256 `{saved.sha256[:12]}`); "
        f"specification {catalogue.spec_version}."
    )
    _require_changelog(options)
    page.write_fingerprints(path, page.Fingerprints(_today(), saved.name, paragraphs))
    record.log_review(options.changelog, entry)
    stream.write(
        f"Recorded the fingerprints of {len(paragraphs)} paragraphs ({summary}) in {path}, "
        f"and a line in {options.changelog}.\n"
    )
    placed = {sid for p in paragraphs for sid in p.statements}
    unplaced = [s.id for s in catalogue.statements if s.id not in placed]
    if unplaced:
        stream.write(
            f"Resting on no paragraph now: {', '.join(unplaced)}. Add each to the paragraph it "
            f"rests on in {path}, or retire it from statements.toml.\n"
        )
    return SAME


# ---------------------------------------------------------------- the managed policy


def check_policy(
    options: DriftOptions, backend: Backend | None, catalogue: Catalogue, stream: TextIO
) -> int:
    found = _found_policy(options, backend)
    path = options.data / policy.POLICY_FILE
    if options.accept:
        return _accept_policy(options, found, path, catalogue, stream)
    recorded = policy.load_recorded(path)
    changes = policy.compare(recorded, found, catalogue)
    record.write_record(
        options.output, "policy", _policy_record(recorded, found, changes), catalogue
    )
    stream.write(
        f"The managed policy {policy.POLICY_NAME}: recorded {recorded.version} (document sha256 "
        f"{recorded.digest[:12]}, accepted on {recorded.accepted}); {found.copy}: "
        f"{found.version} (sha256 {found.digest[:12]}).\n"
    )
    if found.version == recorded.version and not changes:
        stream.write("No drift: the same version and the same document.\n")
        return SAME
    if found.version != recorded.version:
        stream.write(f"  a new version: {recorded.version} -> {found.version}\n")
    for change in changes:
        what = f"statement {change.sid}" if change.sid else "the document"
        stream.write(f"  {change.change} {what}: {change.detail or ', '.join(change.actions)}\n")
        if change.requirements:
            stream.write(f"      requirements {', '.join(change.requirements)}\n")
    stream.write(
        "Drift: review the requirements named against this version, then record it with "
        "'slr-conformance drift --policy --accept'.\n"
    )
    return DRIFT


def _found_policy(options: DriftOptions, backend: Backend | None) -> policy.PolicyVersion:
    if options.policy_file is not None:
        return policy.from_file(options.policy_file)
    if backend is None:
        return policy.from_moto()
    backend.start()
    try:
        return policy.from_backend(backend)
    finally:
        backend.stop()


def _policy_record(
    recorded: policy.PolicyVersion,
    found: policy.PolicyVersion,
    changes: list[policy.StatementChange],
) -> dict[str, Any]:
    return {
        "check": "policy",
        "checked_at": record.now().isoformat(),
        "recorded": {
            "version": recorded.version,
            "sha256": recorded.digest,
            "accepted": recorded.accepted,
        },
        "found": {"copy": found.copy, "version": found.version, "sha256": found.digest},
        "findings": [
            {
                "change": c.change,
                "sid": c.sid,
                "actions": list(c.actions),
                "detail": c.detail,
                "requirements": list(c.requirements),
            }
            for c in changes
        ],
    }


def _accept_policy(
    options: DriftOptions,
    found: policy.PolicyVersion,
    path: Path,
    catalogue: Catalogue,
    stream: TextIO,
) -> int:
    if path.is_file():
        recorded = policy.load_recorded(path)
        if recorded.version == found.version and recorded.digest == found.digest:
            stream.write(f"Nothing moved since {recorded.accepted}; nothing recorded.\n")
            return SAME
    entry = (
        f"{_today()}, the managed policy: {found.version} from {found.copy} (document sha256 "
        f"`{found.digest[:12]}`); specification {catalogue.spec_version}."
    )
    _require_changelog(options)
    policy.write_recorded(
        path, policy.PolicyVersion(found.version, found.document, found.copy, _today())
    )
    record.log_review(options.changelog, entry)
    stream.write(
        f"Recorded version {found.version} of {policy.POLICY_NAME} in {path}, and a line in {options.changelog}.\n"
    )
    return SAME


# ---------------------------------------------------------------- the API reference


def check_api(options: DriftOptions, catalogue: Catalogue, stream: TextIO) -> int:
    path = options.data / api.FINGERPRINTS_FILE
    recorded = api.load_fingerprints(path)
    found = api.take(catalogue, api.installed_models())
    if options.accept:
        return _accept_api(
            options, found=found, recorded=recorded, path=path, catalogue=catalogue, stream=stream
        )
    if recorded is None:
        raise _nothing_recorded("of the API reference", path, "--api --accept")
    findings = api.compare(recorded, found, catalogue)
    check = _api_record(recorded, found, findings)
    return _reported(options, check, _api_report(recorded, found, findings), catalogue, stream)


def _api_record(
    recorded: api.Fingerprints, found: api.Fingerprints, findings: list[api.Finding]
) -> dict[str, Any]:
    return {
        "check": "api",
        "checked_at": record.now().isoformat(),
        "botocore": found.botocore,
        "fingerprints": {
            "botocore": recorded.botocore,
            "accepted": recorded.accepted,
            "operations": len(recorded.operations),
        },
        "findings": [
            {
                "operation": f.operation,
                "part": f.part,
                "name": f.name,
                "change": f.change,
                "detail": f.detail,
                "requirements": list(f.requirements),
            }
            for f in findings
        ],
    }


def _api_report(
    recorded: api.Fingerprints, found: api.Fingerprints, findings: list[api.Finding]
) -> str:
    lines = [
        f"The API reference in botocore {found.botocore}, against the fingerprints of "
        f"{_count(len(recorded.operations), 'operation')} taken from botocore "
        f"{recorded.botocore} ({_accepted(recorded)}):"
    ]
    moved = api.changed_operations(findings)
    for operation in moved:
        mine = [f for f in findings if f.operation == operation]
        lines.append(f"  {operation}: requirements {', '.join(mine[0].requirements) or 'none'}")
        lines += [f"      {f.describe()}" for f in mine]
    if not findings:
        lines.append(
            f"No drift: the {_count(len(recorded.operations), 'operation')} the specification "
            f"cites are as recorded from botocore {recorded.botocore}."
        )
    else:
        lines.append(
            f"Drift: {_count(len(moved), 'operation')} moved ({_count(len(findings), 'change')}). "
            "Review the requirements named, then record the API reference with "
            "'slr-conformance drift --api --accept'."
        )
    return "\n".join(lines) + "\n"


def _accepted(recorded: api.Fingerprints) -> str:
    return f"accepted on {recorded.accepted}" if recorded.accepted else "never accepted"


def _accept_api(
    options: DriftOptions,
    *,
    found: api.Fingerprints,
    recorded: api.Fingerprints | None,
    path: Path,
    catalogue: Catalogue,
    stream: TextIO,
) -> int:
    if recorded is None:
        summary = "the first fingerprints"
    else:
        moved = api.changed_operations(api.compare(recorded, found, catalogue))
        if not moved:
            stream.write(
                f"Nothing the specification cites moved since botocore {recorded.botocore} "
                f"({_accepted(recorded)}); nothing recorded.\n"
            )
            return SAME
        summary = f"{', '.join(moved)} moved since botocore {recorded.botocore}"
    entry = (
        f"{_today()}, the API reference: {summary} (botocore {found.botocore}, "
        f"{_count(len(found.operations), 'operation')}); specification {catalogue.spec_version}."
    )
    _require_changelog(options)
    api.write_fingerprints(path, api.Fingerprints(found.botocore, _today(), found.operations))
    record.log_review(options.changelog, entry)
    stream.write(
        f"Recorded the fingerprints of {_count(len(found.operations), 'operation')} from botocore "
        f"{found.botocore} ({summary}) in {path}, and a line in {options.changelog}.\n"
    )
    return SAME

"""What a drift check leaves behind: its record, a Markdown view of it, a changelog line.

Each check writes ``page.json``, ``policy.json`` or ``api.json`` into its output folder (the
last check of that kind) and renders ``drift.md`` from whichever of them are there; ``make drift`` copies
that fragment to ``docs/_generated/drift.md``, which the errata page includes. Neither holds
any text of the page or of the API reference: sections by title, paragraphs by ordinal,
operations, members and errors by name, statements and requirements by ID.

Accepting a change appends one dated line under the changelog's *Drift reviewed* heading
(created at the end of the file if it is missing), after the lines already there.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from conformance.catalogue import Catalogue
from conformance.drift import api
from conformance.errors import ConfigurationError
from conformance.outputs import write_text

CHANGELOG_HEADING = "## Drift reviewed"
MARKDOWN = "drift.md"
KINDS = ("page", "policy", "api")


def now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


def write_record(output: Path, kind: str, record: dict[str, Any], catalogue: Catalogue) -> None:
    """Keep this check as the last of its kind, and render the Markdown view again."""
    try:
        output.mkdir(parents=True, exist_ok=True)
        (output / f"{kind}.json").write_text(json.dumps(record, indent=2) + "\n", "utf-8")
        (output / MARKDOWN).write_text(render_markdown(output, catalogue), "utf-8")
    except OSError as exc:
        raise ConfigurationError(
            f"The output folder {output} cannot be written ({exc.strerror or exc})."
        ) from None


def render_markdown(output: Path, catalogue: Catalogue) -> str:
    parts = []
    for kind in KINDS:
        try:
            record = json.loads((output / f"{kind}.json").read_text("utf-8"))
        except (OSError, ValueError):
            continue
        parts.append(_RENDER[kind](record, catalogue))
    return "\n".join(parts) if parts else "No drift check has been recorded.\n"


def _when(record: dict[str, Any]) -> str:
    stamp = datetime.fromisoformat(record["checked_at"])
    return f"{stamp:%Y-%m-%d} at {stamp:%H:%M} UTC"


def _ids(role: str, ids: list[str]) -> str:
    return ", ".join(f"{{{role}}}`{i}`" for i in ids) or "none"


def _render_page(record: dict[str, Any], catalogue: Catalogue) -> str:
    titles = {s.key: s.title for s in catalogue.sections}
    copy, recorded, findings = record["copy"], record["fingerprints"], record["findings"]
    lines = [
        "### The page",
        "",
        f"Checked on {_when(record)} against the saved copy `{copy['name']}` (sha256 "
        f"`{copy['sha256'][:12]}`), with the fingerprints accepted on {recorded['accepted']} "
        f"from `{recorded['copy']}`.",
        "",
    ]
    if not findings:
        lines.append(
            f"**No drift**: the {recorded['paragraphs']} paragraphs of the page's "
            f"{len(catalogue.sections)} sections are as reviewed."
        )
        return "\n".join(lines) + "\n"
    lines += [
        f"**Drift**: {len(findings)} finding{'s' if len(findings) != 1 else ''}, to review.",
        "",
        "| Section | Paragraph | What moved | Statements | Requirements |",
        "|---|---|---|---|---|",
    ]
    for finding in findings:
        lines.append(
            f"| {titles.get(finding['section'], finding['section'])} | {_ordinal(finding)} "
            f"| {_PAGE_KINDS.get(finding['kind'], finding['kind'])} "
            f"| {_ids('slr-statement', finding['statements'])} "
            f"| {_ids('slr-req', finding['requirements'])} |"
        )
    return "\n".join(lines) + "\n"


_PAGE_KINDS = {
    "changed": "changed",
    "new": "new, not yet reviewed",
    "gone": "gone",
    "unplaced": "a statement on no recorded paragraph",
    "no-heading": "heading not found",
}


def _ordinal(finding: dict[str, Any]) -> str:
    recorded, found = finding.get("recorded"), finding.get("found")
    if found and recorded and found != recorded:
        return f"{found} (was {recorded})"
    return str(found or recorded or "-")


def _render_policy(record: dict[str, Any], catalogue: Catalogue) -> str:
    recorded, found, changes = record["recorded"], record["found"], record["findings"]
    lines = [
        "### The managed policy",
        "",
        f"Checked on {_when(record)} against {found['copy']}: version {found['version']}, "
        f"document sha256 `{found['sha256'][:12]}`. Recorded: version {recorded['version']}, "
        f"sha256 `{recorded['sha256'][:12]}`, accepted on {recorded['accepted']}.",
        "",
    ]
    if found["version"] == recorded["version"] and not changes:
        lines.append("**No drift**: the same version and the same document.")
        return "\n".join(lines) + "\n"
    if found["version"] != recorded["version"]:
        lines += [f"**Drift**: a new version, {recorded['version']} to {found['version']}.", ""]
    else:
        lines += ["**Drift**: the document changed.", ""]
    if changes:
        lines += [
            "| Statement | Change | Actions | Requirements |",
            "|---|---|---|---|",
        ]
        for change in changes:
            what = change["change"] + (f": {change['detail']}" if change["detail"] else "")
            actions = ", ".join(f"`{a}`" for a in change["actions"]) or "-"
            lines.append(
                f"| {change['sid'] or '-'} | {what} | {actions} "
                f"| {_ids('slr-req', change['requirements'])} |"
            )
    return "\n".join(lines) + "\n"


def _render_api(record: dict[str, Any], catalogue: Catalogue) -> str:
    recorded, findings = record["fingerprints"], record["findings"]
    accepted = f"accepted on {recorded['accepted']}" if recorded["accepted"] else "never accepted"
    lines = [
        "### The API reference",
        "",
        f"Checked on {_when(record)} against the service models of botocore "
        f"{record['botocore']}, with the fingerprints of the {recorded['operations']} operations "
        f"the requirements cite, taken from botocore {recorded['botocore']} ({accepted}).",
        "",
    ]
    if not findings:
        lines.append(
            "**No drift**: the documentation, members and errors of every cited operation are "
            "as reviewed."
        )
        return "\n".join(lines) + "\n"
    operations = list(dict.fromkeys(f["operation"] for f in findings))
    lines += [
        f"**Drift**: {len(operations)} operation{'s' if len(operations) != 1 else ''} moved, "
        "to review.",
        "",
        "| Operation | What moved | Requirements |",
        "|---|---|---|",
    ]
    for finding in findings:
        lines.append(
            f"| `{finding['operation']}` | {_api_change(finding)} "
            f"| {_ids('slr-req', finding['requirements'])} |"
        )
    return "\n".join(lines) + "\n"


def _api_change(finding: dict[str, Any]) -> str:
    return api.Finding(**{**finding, "requirements": tuple(finding["requirements"])}).describe("`")


_RENDER = {"page": _render_page, "policy": _render_policy, "api": _render_api}


def log_review(changelog: Path, entry: str) -> None:
    """Append ``- entry`` to the changelog's drift section (see the module's description)."""
    try:
        lines = changelog.read_text("utf-8").splitlines()
    except OSError as exc:
        raise ConfigurationError(
            f"The changelog {changelog} cannot be read ({exc.strerror or exc}); "
            "run from the repository's root or name it with --changelog."
        ) from None
    if CHANGELOG_HEADING not in lines:
        lines += ["", CHANGELOG_HEADING]
    start = lines.index(CHANGELOG_HEADING)
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("## ")), len(lines))
    while end > start + 1 and not lines[end - 1].strip():
        end -= 1
    new = [f"- {entry}"]
    if not lines[end - 1].startswith("- "):
        new.insert(0, "")
    if end < len(lines) and lines[end].strip():
        new.append("")
    lines[end:end] = new
    write_text(changelog, "\n".join(lines) + "\n", "changelog")

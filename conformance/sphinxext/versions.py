"""How an implementation's verdicts moved between the versions the site shows of it.

Runs of the same implementation (the ``implementation`` their certificates name) at different
versions, say two moto releases, one a project run and one a submitted certificate, are put
side by side on each one's page: every requirement whose verdict differs between the versions,
with its verdict at each, oldest version first, and how many were fixed or broke. Versions are
ordered by their numbers where they have them, else by when the run finished.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from docutils import nodes

from conformance.results.model import RequirementVerdict
from conformance.sphinxext import parts, why
from conformance.sphinxext.data import RecordedRun, SiteData


def _order(run: RecordedRun) -> tuple[tuple[int, ...], str]:
    numbers = tuple(int(n) for n in re.findall(r"\d+", run.result.backend.version))
    return numbers, run.result.run.finished


def versions_of(data: SiteData, run: RecordedRun) -> list[RecordedRun]:
    """The runs of ``run``'s implementation at other versions too, oldest first; ``[]`` when
    the site shows it at one version only."""
    backend = run.result.backend
    same = [r for r in data.shown if r.result.backend.implementation == backend.implementation]
    if len({r.result.backend.version for r in same}) < 2:
        return []
    return sorted(same, key=_order)


def _label(verdict: RequirementVerdict | None) -> str:
    if verdict is None:
        return "not run"
    return "partly checked" if verdict.partial else verdict.verdict


def moved(
    data: SiteData, runs: Sequence[RecordedRun]
) -> list[tuple[str, list[RequirementVerdict | None]]]:
    """The requirements whose verdict is not the same on every run, with each run's verdict."""
    found = []
    for requirement in data.catalogue.requirements:
        verdicts = [run.verdict(requirement.id) for run in runs]
        if len({_label(v) for v in verdicts}) > 1:
            found.append((requirement.id, verdicts))
    return found


def over_versions(data: SiteData, run: RecordedRun) -> list[nodes.Node]:
    """The section of ``run``'s page on how its verdicts moved across versions, if any."""
    runs = versions_of(data, run)
    if not runs:
        return []
    section = nodes.section(ids=[parts.make_id(f"versions-{run.key}")])
    section += nodes.title("", "Over versions")
    changes = moved(data, runs)
    first, last = runs[0], runs[-1]
    fixed = sum(
        1
        for _, verdicts in changes
        if _label(verdicts[0]) != "pass" and _label(verdicts[-1]) == "pass"
    )
    broke = sum(
        1
        for _, verdicts in changes
        if _label(verdicts[0]) == "pass" and _label(verdicts[-1]) != "pass"
    )
    versions = ", ".join(f"{r.result.backend.version} ({r.column})" for r in runs)
    section += parts.text_paragraph(
        f"The site shows {first.result.backend.implementation} at {len(runs)} versions: "
        f"{versions}. From {first.result.backend.version} to {last.result.backend.version}, "
        f"{len(changes)} requirement{'s' if len(changes) != 1 else ''} changed verdict: "
        f"{fixed} now pass{'es' if fixed == 1 else ''}, {broke} no longer "
        f"pass{'es' if broke == 1 else ''}."
    )
    if not changes:
        return [section]
    headers: list[parts.Cell | str] = [
        "Requirement",
        *(f"{r.result.backend.version} ({r.column})" for r in runs),
    ]
    rows: list[list[parts.Cell | str | None] | parts.Row] = []
    for requirement_id, verdicts in changes:
        row: list[parts.Cell | str | None] = [
            parts.Cell([parts.xref(parts.REQ, requirement_id)], classes=("slr-id",))
        ]
        for other, verdict in zip(runs, verdicts, strict=True):
            row.append(
                parts.Cell([why.linked_badge(verdict, other.column, requirement_id, other.key)])
            )
        rows.append(row)
    section += parts.build_table(headers, rows, classes=["slr-versions"])
    return [section]

"""The ``slr-matrix`` directive: every requirement against every recorded backend.

Requirements run down the page, grouped by section; backends run across, one column per
backend with a recorded run. The runs behind the columns are listed first (implementation,
version, when), so a reader can tell what each verdict was measured on; results that were read
but not used (another catalogue, an older run) are named with the reason. Passes that rest on
only some of their examples are counted apart as "partly checked", next to the passes.

A peer whose stored certificate is of another specification (``OutOfDateRun``) keeps its
column, every cell of it saying "out of date" and why, and its row in the table of runs says
when it was made and that ``make peers`` refreshes it: a change of the specification must not
break the site, nor show verdicts that no longer verify.

``slr-submitted`` shows the certificates submitted from elsewhere the same way, but in tables
of their own: each column is one file, labelled by the file's name, and the table of runs says
which file it is and which implementation it names. They never join the project's own columns.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from conformance.catalogue import Catalogue
from conformance.results.model import VERDICTS, RequirementVerdict
from conformance.sphinxext import parts, why
from conformance.sphinxext.data import OutOfDateRun, RecordedRun, SiteData, site

#: What a cell shows: a verdict, a badge made already (an out-of-date column's), or nothing.
Shown = RequirementVerdict | parts.badge | None
#: One column of a verdict table: its heading, and what it shows for a requirement ID.
Column = tuple[str, Callable[[str], Shown]]
OUT_OF_DATE = "out of date"


class MatrixDirective(SphinxDirective):
    """``.. slr-matrix::`` with the flag ``:no-runs:`` to leave out the table of runs."""

    has_content = False
    option_spec: ClassVar[dict[str, object]] = {"no-runs": directives.flag}

    def run(self) -> list[nodes.Node]:
        data = site(self.env)
        catalogue = data.catalogue
        result: list[nodes.Node] = [
            parts.text_paragraph(
                f"Specification {catalogue.spec_version}: {len(catalogue.requirements)} "
                f"requirements, catalogue digest ",
                nodes.literal("", catalogue.digest[:12]),
                ".",
            )
        ]
        if "no-runs" not in self.options:
            result.extend(runs_summary(data))
        result.append(matrix_table(data))
        return result


def runs_summary(data: SiteData) -> list[nodes.Node]:
    """The runs shown, the results set aside, and the backends never run."""
    result: list[nodes.Node] = []
    if data.runs:
        rows: list[list[parts.Cell | str | None] | parts.Row] = []
        for run in data.runs:
            backend = run.result.backend
            counts = run.result.counts()
            partial = len(run.result.partly_checked())
            rows.append(
                [
                    parts.Cell([nodes.strong("", backend.name)]),
                    f"{backend.implementation} {backend.version}".strip(),
                    backend.endpoint or "in process",
                    _when(run.result.run.finished),
                    f"{run.result.run.duration:.1f} s",
                    parts.Cell(_count_badges(counts, partial)),
                ]
            )
        result.append(
            parts.build_table(
                ["Backend", "Implementation", "Endpoint", "Finished", "Took", "Verdicts"],
                rows,
                classes=["slr-runs"],
            )
        )
    else:
        result.append(parts.text_paragraph("No run has been recorded yet.", classes=["slr-no-run"]))
    if data.out_of_date:
        result.append(out_of_date_runs(data.out_of_date))
    note = parts.no_run_note(data.missing_backends)
    if note is not None:
        result.append(note)
    if data.set_aside:
        items = nodes.bullet_list(classes=["slr-notes"])
        for path, reason in data.set_aside:
            items += nodes.list_item(
                "", parts.text_paragraph(nodes.literal("", path), f": not shown, {reason}.")
            )
        result.append(parts.text_paragraph("Results files read but not shown:"))
        result.append(items)
    return result


def out_of_date_runs(runs: Sequence[OutOfDateRun]) -> nodes.table:
    """The peers' certificates that no longer verify: which, from when, why, and the cure."""
    rows: list[list[parts.Cell | str | None] | parts.Row] = []
    for run in runs:
        rows.append(
            [
                parts.Cell([nodes.strong("", run.backend)]),
                run.implementation or "unknown",
                _when(run.finished) if run.finished else "unknown",
                parts.Cell(
                    [
                        parts.text_paragraph(
                            _out_of_date_badge(run),
                            " ",
                            nodes.literal("", run.path),
                            f" was {run.reason}; ",
                            nodes.literal("", "make peers"),
                            " runs it again.",
                        )
                    ]
                ),
            ]
        )
    return parts.build_table(
        ["Backend", "Implementation (as the file says)", "Finished", "Why it is not shown"],
        rows,
        classes=["slr-out-of-date"],
        widths=[2, 3, 3, 8],
    )


def _stale_cell(run: OutOfDateRun, requirement_id: str) -> Shown:
    """Every cell of an out-of-date column: no verdict, the reason in its tooltip."""
    return _out_of_date_badge(run)


def _out_of_date_badge(run: OutOfDateRun) -> parts.badge:
    return parts.make_badge(OUT_OF_DATE, "stale", f"{run.backend}: {run.reason}")


def _when(timestamp: str) -> str:
    """An ISO timestamp as a short UTC date and time, or as given if it is not one."""
    try:
        moment = datetime.fromisoformat(timestamp)
    except ValueError:
        return timestamp
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC)
    return moment.strftime("%Y-%m-%d %H:%M UTC")


def _count_badges(counts: dict[str, int], partial: int) -> list[nodes.Node]:
    """One badge per verdict that occurs; ``partial`` of the passes are only partly checked."""
    line = nodes.paragraph()
    for verdict in (*VERDICTS, "not run"):
        if counts.get(verdict):
            kind = "none" if verdict == "not run" else verdict
            line += parts.make_badge(f"{counts[verdict]} {verdict}", kind)
            line += nodes.Text(" ")
        if verdict == "pass" and partial:
            title = f"{partial} of the passes rest on only some of their examples"
            line += parts.make_badge(f"{partial} partly checked", "partial", title)
            line += nodes.Text(" ")
    return [line]


def matrix_table(data: SiteData) -> nodes.table:
    """Requirements down, backends across, a totals row at the bottom."""
    columns: list[Column] = [
        (backend, functools.partial(data.verdict, backend)) for backend in data.backends
    ]
    for run in data.out_of_date:
        columns.append((f"{run.backend} ({OUT_OF_DATE})", functools.partial(_stale_cell, run)))
    return verdict_table(data.catalogue, columns)


def verdict_table(
    catalogue: Catalogue,
    columns: Sequence[Column],
    classes: Sequence[str] = ("slr-matrix",),
    keys: Sequence[str] = (),
) -> nodes.table:
    """Requirements down, one column per run, a totals row at the bottom; each verdict links
    to why it is what it is, on its requirement's page (``keys``: the runs' keys, by default
    the column headings)."""
    backends = [label for label, _ in columns]
    headers: list[parts.Cell | str] = ["Requirement", "Title", "Level", *backends]
    width = len(headers)
    rows: list[list[parts.Cell | str | None] | parts.Row] = []
    sections = {s.key: s for s in catalogue.sections}
    current = None
    for requirement in catalogue.requirements:
        if requirement.section != current:
            current = requirement.section
            rows.append(
                parts.Row(
                    [parts.Cell([nodes.strong("", sections[current].title)], colspan=width)],
                    classes=("slr-section-row",),
                )
            )
        row: list[parts.Cell | str | None] = [
            parts.Cell([parts.xref(parts.REQ, requirement.id)], classes=("slr-id",)),
            requirement.title,
            parts.Cell([parts.make_badge(requirement.level, "level")]),
        ]
        for (backend, lookup), key in zip(columns, keys or backends, strict=True):
            shown = lookup(requirement.id)
            if isinstance(shown, parts.badge):
                row.append(parts.Cell([shown]))
            else:
                row.append(parts.Cell([why.linked_badge(shown, backend, requirement.id, key)]))
        rows.append(row)
    totals: list[parts.Cell | str | None] = [
        parts.Cell([nodes.strong("", "Totals")]),
        f"{len(catalogue.requirements)} requirements",
        "",
    ]
    for _, lookup in columns:
        counts = dict.fromkeys((*VERDICTS, "not run"), 0)
        partial = 0
        stale = None
        for requirement in catalogue.requirements:
            verdict = lookup(requirement.id)
            if isinstance(verdict, parts.badge):
                stale = verdict
                continue
            counts[verdict.verdict if verdict else "not run"] += 1
            partial += bool(verdict and verdict.partial)
        totals.append(parts.Cell([stale] if stale else _count_badges(counts, partial)))
    rows.append(parts.Row(totals, classes=("slr-totals",)))
    return parts.build_table(
        headers, rows, classes=list(classes), widths=[3, 8, 2, *([2] * len(backends))]
    )


class SubmittedDirective(SphinxDirective):
    """``.. slr-submitted::``: the submitted certificates, apart from the project's runs."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        data = site(self.env)
        if not data.submitted:
            return [
                parts.text_paragraph(
                    "No certificate has been submitted yet.", classes=["slr-no-run"]
                )
            ]
        columns: list[Column] = [(run.column, run.verdict) for run in data.submitted]
        keys = [run.key for run in data.submitted]
        table = verdict_table(data.catalogue, columns, ("slr-matrix", "slr-submitted"), keys)
        return [submitted_runs(data.submitted), table]


def submitted_runs(runs: Sequence[RecordedRun]) -> nodes.table:
    """Each submitted run: its column, its file, and the implementation it names."""
    rows: list[list[parts.Cell | str | None] | parts.Row] = []
    for run in runs:
        backend = run.result.backend
        rows.append(
            [
                parts.Cell([nodes.strong("", run.column)]),
                parts.Cell([nodes.literal("", run.path)]),
                backend.name,
                f"{backend.implementation} {backend.version}".strip(),
                backend.endpoint or "in process",
                _when(run.result.run.finished),
                parts.Cell(_count_badges(run.result.counts(), len(run.result.partly_checked()))),
            ]
        )
    return parts.build_table(
        [
            "Column",
            "File",
            "Backend it names",
            "Implementation",
            "Endpoint",
            "Finished",
            "Verdicts",
        ],
        rows,
        classes=["slr-runs", "slr-submitted"],
    )


#: For the other views of runs (the implementation pages, the home page's chart).
count_badges, when = _count_badges, _when


def setup_matrix(app: Sphinx) -> None:
    app.add_directive("slr-matrix", MatrixDirective)
    app.add_directive("slr-submitted", SubmittedDirective)

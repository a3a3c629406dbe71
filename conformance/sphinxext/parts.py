"""Small docutils building blocks shared by the directives: badges, tables, links.

Verdict badges are their own node so the HTML writer can give them a ``title`` (the tooltip
that carries a skip reason); other writers fall back to plain inline text because the node
subclasses ``nodes.inline``. The badge style sheet lives here as text and is written into the
output at the end of an HTML build, so the extension needs no package data.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import cast

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.writers.html5 import HTML5Translator

from conformance.catalogue import Requirement, Source
from conformance.results import causes, coverage
from conformance.results.model import Examples, RequirementVerdict, is_partial

CSS_FILE = "slr.css"

#: Cross-reference types registered in the standard domain.
REQ = "slr-req"
STATEMENT = "slr-statement"
SCENARIO = "slr-scenario"

KIND_LABELS = {
    "page": "AWS page",
    "api-ref": "API reference",
    "guide": "AWS guide",
    "observed": "observed on AWS",
}


class badge(nodes.inline):  # type: ignore[misc]  # docutils is untyped
    """A verdict (or status) label; ``title`` becomes a tooltip in HTML."""


def visit_badge_html(self: HTML5Translator, node: badge) -> None:
    attributes = {"title": node["title"]} if node.get("title") else {}
    self.body.append(self.starttag(node, "span", "", **attributes))


def depart_badge_html(self: HTML5Translator, node: badge) -> None:
    self.body.append("</span>")


def make_badge(label: str, kind: str, title: str | None = None) -> badge:
    node = badge("", label, classes=["slr-badge", f"slr-{kind}"])
    if title:
        node["title"] = title
    return node


def verdict_badge(verdict: RequirementVerdict | None, backend: str | None = None) -> badge:
    """The badge for one requirement on one backend; ``None`` means it was not run there.

    A partly checked pass gets its own look (``slr-partial``) and says in its label how many
    examples ran, and in its tooltip why the others did not.
    """
    prefix = f"{backend}: " if backend else ""
    if verdict is None:
        return make_badge("not run", "none", f"{prefix}this requirement was not in the run")
    if verdict.partial:
        return outcome_badge(verdict.verdict, verdict.examples, prefix)
    title = prefix + verdict.verdict
    if verdict.reason:
        title += f" ({verdict.reason})"
    elif verdict.verdict == "fail":
        failing = [s for s in verdict.scenarios if s.outcome == "failed"]
        if failing:
            first = failing[0]
            title += (
                f" (first failing example: {first.name.strip()}: {causes.cause(first.message)})"
            )
    return make_badge(verdict.verdict, verdict.verdict, title)


def outcome_badge(verdict: str, examples: Examples, prefix: str = "", reason: str = "") -> badge:
    """The badge for a verdict folded from ``examples``, partly checked passes marked as such."""
    partial = is_partial(verdict, examples)
    label = coverage.label(verdict, examples)
    title = prefix + coverage.detail(verdict, examples) + (f" ({reason})" if reason else "")
    return make_badge(label, "partial" if partial else verdict, title)


def text_paragraph(*parts: nodes.Node | str, classes: Sequence[str] = ()) -> nodes.paragraph:
    paragraph = nodes.paragraph(classes=list(classes))
    for part in parts:
        paragraph += nodes.Text(part) if isinstance(part, str) else part
    return paragraph


def external(url: str, text: str) -> nodes.reference:
    return nodes.reference("", text, refuri=url, internal=False)


def xref(reftype: str, target: str, text: str | None = None) -> addnodes.pending_xref:
    """A link to a requirement, statement or scenario wherever it is rendered; plain if absent."""
    ref = addnodes.pending_xref(
        "", refdomain="std", reftype=reftype, reftarget=target, refexplicit=True, refwarn=False
    )
    ref += nodes.inline("", text or target, classes=["slr-ref"])
    return cast(addnodes.pending_xref, ref)


def make_id(text: str) -> str:
    """The HTML id docutils would give ``text``."""
    return str(nodes.make_id(text))


def requirement_anchor(requirement_id: str) -> str:
    return make_id(requirement_id)


def scenario_key(stem: str, line: int) -> str:
    return f"{stem}:{line}"


def scenario_anchor(stem: str, line: int) -> str:
    return make_id(f"example-{stem}-{line}")


def statement_anchor(statement_id: str) -> str:
    return make_id(f"statement-{statement_id}")


def page_source(requirement: Requirement) -> Source | None:
    """The AWS page section the requirement comes from (its first ``page`` source)."""
    for source in requirement.sources:
        if source.kind == "page" and source.key == f"page-{requirement.section}":
            return source
    return next((s for s in requirement.sources if s.kind == "page"), None)


def validation_badge(requirement: Requirement) -> badge:
    if requirement.validation == "aws-validated" and requirement.validated_on:
        return make_badge(
            f"validated on AWS, {requirement.validated_on}",
            "validated",
            "the examples of this requirement have passed against real AWS",
        )
    return make_badge(
        "documented only",
        "documented",
        "taken from the documentation and the evidence listed; not yet run against real AWS",
    )


@dataclass(frozen=True)
class Cell:
    """A table cell: its content, how many rows and columns it spans, and extra classes."""

    content: Sequence[nodes.Node] | str
    rowspan: int = 1
    colspan: int = 1
    classes: tuple[str, ...] = ()


def cell_nodes(content: Sequence[nodes.Node] | str) -> list[nodes.Node]:
    if isinstance(content, str):
        return [nodes.paragraph("", content)] if content else []
    return [text_paragraph(c) if isinstance(c, nodes.Inline | nodes.Text) else c for c in content]


def build_table(
    headers: Sequence[Cell | str],
    rows: Sequence[Sequence[Cell | str | None] | Row],
    classes: Sequence[str] = (),
    widths: Sequence[int] | None = None,
) -> nodes.table:
    """A docutils table; a ``None`` in a row is a place taken by a cell spanning from above."""
    columns = len(headers)
    table = nodes.table(classes=["slr-table", *classes])
    group = nodes.tgroup(cols=columns)
    table += group
    for width in widths or [1] * columns:
        group += nodes.colspec(colwidth=width)
    head = nodes.thead()
    group += head
    head += _row(headers)
    body = nodes.tbody()
    group += body
    for row in rows:
        if isinstance(row, Row):
            body += _row(row.cells, row.classes)
        else:
            body += _row(row)
    return table


@dataclass(frozen=True)
class Row:
    """A table row that carries classes of its own (a totals row, a group heading)."""

    cells: Sequence[Cell | str | None]
    classes: tuple[str, ...] = ()


def _row(cells: Sequence[Cell | str | None], classes: Sequence[str] = ()) -> nodes.row:
    row = nodes.row(classes=list(classes))
    for cell in cells:
        if cell is None:
            continue
        value = cell if isinstance(cell, Cell) else Cell(cell)
        entry = nodes.entry(classes=list(value.classes))
        if value.rowspan > 1:
            entry["morerows"] = value.rowspan - 1
        if value.colspan > 1:
            entry["morecols"] = value.colspan - 1
        entry.extend(cell_nodes(value.content))
        row += entry
    return row


def no_run_note(backends: Sequence[str]) -> nodes.paragraph | None:
    """The honest sentence for expected backends with no recorded run, or ``None``."""
    if not backends:
        return None
    names = ", ".join(backends)
    return text_paragraph(f"No run has been recorded for: {names}.", classes=["slr-no-run"])


CSS = """\
.slr-badge {
  display: inline-block; padding: 0.05em 0.55em; margin: 0.1em 0.15em 0.1em 0;
  border-radius: 0.8em; font-size: 0.8em; font-weight: 600; line-height: 1.5;
  white-space: nowrap; color: #fff; background: #6b7280; vertical-align: baseline;
}
.slr-badge[title] { cursor: help; }
.slr-pass { background: #15803d; }
.slr-fail { background: #b91c1c; }
.slr-error { background: #7e22ce; }
.slr-skipped { background: #6b7280; }
.slr-partial { background: transparent; color: #15803d; border: 1px dashed currentColor; }
.slr-none { background: transparent; color: var(--color-foreground-secondary, #555);
  border: 1px dashed currentColor; }
.slr-stale { background: transparent; color: #b45309; border: 1px dashed currentColor; }
table.slr-out-of-date { font-size: 0.9em; }
.slr-level { background: #1d4ed8; }
.slr-documented { background: #b45309; }
.slr-validated { background: #15803d; }
.slr-backend-name { font-size: 0.8em; color: var(--color-foreground-secondary, #555);
  margin-right: 0.15em; }
.slr-verdicts { margin: 0.4em 0; }
.slr-verdicts .slr-verdict { display: inline-block; margin-right: 0.9em; }
.slr-requirement-text { font-size: 1.05em; border-left: 3px solid
  var(--color-brand-primary, #2962ff); padding-left: 0.7em; }
dl.slr-facts { display: grid; grid-template-columns: max-content auto; column-gap: 1em;
  row-gap: 0.25em; margin: 0.8em 0; }
dl.slr-facts > dt { font-weight: 600; margin: 0; }
dl.slr-facts > dd { margin: 0; }
dl.slr-facts > dd > p, dl.slr-facts > dd ul { margin: 0; }
dl.slr-facts > dd ul { padding-left: 1.1em; }
.slr-example-title { font-weight: 600; margin-bottom: 0.2em; }
.slr-example { margin: 1.2em 0; }
.slr-example .highlight { margin-top: 0.3em; }
.slr-notes { font-size: 0.9em; color: var(--color-foreground-secondary, #555); }
.slr-no-run { font-style: italic; }
table.slr-table { font-size: 0.9em; }
table.slr-table.align-default { margin-left: 0; margin-right: 0; }
table.slr-examples caption { padding-bottom: 0.2em; }
.slr-verdict-line { margin: 0 0 0.2em 0; white-space: nowrap; }
.slr-verdict-line .slr-backend-name { margin-left: 0.3em; }
tr.slr-section-row td { background: var(--color-background-secondary, #f8f9fb); }
table.slr-matrix { font-size: 0.8em; table-layout: fixed; width: 100%; }
table.slr-matrix th { font-size: 0.9em; overflow-wrap: break-word; }
table.slr-matrix .slr-badge { white-space: normal; }
table.slr-matrix th:nth-child(1) { width: 7.4em; }
table.slr-matrix th:nth-child(2) { width: 16%; }
table.slr-matrix th:nth-child(3) { width: 5em; }
table.slr-matrix td, table.slr-matrix th { text-align: center; vertical-align: middle; }
table.slr-matrix td:nth-child(-n+3), table.slr-matrix th:nth-child(-n+3) { text-align: left; }
table.slr-matrix tr.slr-totals td { font-weight: 600; }
table.slr-runs td:nth-child(4), table.slr-runs td:nth-child(5) { white-space: nowrap; }
table.slr-examples { margin-top: 0.3em; }
table.slr-examples caption { text-align: left; font-weight: 600; font-size: 0.95em; }
table.slr-trace td { vertical-align: top; }
.slr-api-note { font-size: 0.9em; font-style: italic; }
"""


def write_css(app: Sphinx, exception: Exception | None) -> None:
    """Write the badge style sheet into the HTML output's static folder."""
    if exception is not None or app.builder.format != "html":
        return
    static = Path(app.outdir) / "_static"
    static.mkdir(parents=True, exist_ok=True)
    (static / CSS_FILE).write_text(CSS, encoding="utf-8")


def setup_parts(app: Sphinx) -> None:
    """Register the badge node, the cross-reference types and the style sheet."""
    app.add_node(badge, html=(visit_badge_html, depart_badge_html))
    app.add_object_type(REQ, REQ, objname="requirement", ref_nodeclass=nodes.inline)
    app.add_object_type(STATEMENT, STATEMENT, objname="statement", ref_nodeclass=nodes.inline)
    app.add_object_type(SCENARIO, SCENARIO, objname="example", ref_nodeclass=nodes.inline)
    app.add_css_file(CSS_FILE)
    app.connect("build-finished", write_css)

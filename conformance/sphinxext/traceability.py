"""The ``slr-traceability`` directive: from each page statement to the verdicts that test it.

Every statement of the inventory gets a row per requirement covering it, with that
requirement's examples and its verdict on each recorded backend, and whether it rests on the
page or only on other AWS evidence (an IAM guide page, the API reference, a recorded AWS
response), naming it; an example tagged ``@evidence.<source>`` rests on that source instead of
the page, and says so. Statements that cannot be
fully tested through an API carry their written note, so a reader sees what is covered, how,
and what is not.
"""

from __future__ import annotations

from typing import ClassVar

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.domains.std import StandardDomain
from sphinx.util.docutils import SphinxDirective

from conformance.catalogue import Requirement, Statement
from conformance.speccheck import evidence_keys
from conformance.sphinxext import parts
from conformance.sphinxext.data import SiteData, site

#: The ``kind`` of the catalogue's sources that are sections of the page itself.
PAGE_KIND = "page"


class TraceabilityDirective(SphinxDirective):
    """``.. slr-traceability::``: statement, requirement, examples, verdict per backend."""

    has_content = False
    option_spec: ClassVar[dict[str, object]] = {}

    def run(self) -> list[nodes.Node]:
        data = site(self.env)
        std = self.env.get_domain("std")
        assert isinstance(std, StandardDomain)
        headers: list[parts.Cell | str] = [
            "Statement",
            "What the page says (paraphrased)",
            "Requirement and its examples",
            "Verdicts",
        ]
        rows: list[list[parts.Cell | str | None] | parts.Row] = []
        sections = {s.key: s for s in data.catalogue.sections}
        current = None
        for statement in data.catalogue.statements:
            if statement.section != current:
                current = statement.section
                title = nodes.strong("", sections[current].title)
                rows.append(
                    parts.Row(
                        [parts.Cell([title], colspan=len(headers))], classes=("slr-section-row",)
                    )
                )
            anchor = parts.statement_anchor(statement.id)
            std.note_object(parts.STATEMENT, statement.id, anchor, location=self.get_location())
            rows.extend(_statement_rows(data, statement, anchor, len(headers)))
        result: list[nodes.Node] = []
        note = parts.no_run_note(data.missing_backends)
        if note is not None:
            result.append(note)
        widths = [2, 8, 10, 4]
        result.append(parts.build_table(headers, rows, classes=["slr-trace"], widths=widths))
        return result


def _statement_rows(
    data: SiteData, statement: Statement, anchor: str, width: int
) -> list[list[parts.Cell | str | None]]:
    requirements = data.catalogue.covering(statement.id)
    span = max(1, len(requirements))
    label = nodes.paragraph(ids=[anchor])
    label += nodes.strong("", statement.id)
    said: list[nodes.Node] = [parts.text_paragraph(statement.text)]
    if statement.api_note:
        said.append(
            parts.text_paragraph(
                nodes.strong("", "Not fully testable through an API. "),
                statement.api_note,
                classes=["slr-api-note"],
            )
        )
    first: list[parts.Cell | str | None] = [
        parts.Cell([label], rowspan=span),
        parts.Cell(said, rowspan=span),
    ]
    if not requirements:
        why = statement.untestable or "No requirement covers this statement."
        cell = parts.text_paragraph(
            nodes.strong("", "Not checked. "), why, classes=["slr-untestable"]
        )
        return [[*first, parts.Cell([cell], colspan=width - 2)]]
    rows: list[list[parts.Cell | str | None]] = []
    for index, requirement in enumerate(requirements):
        row: list[parts.Cell | str | None] = first if index == 0 else []
        heading = parts.text_paragraph(
            parts.xref(parts.REQ, requirement.id), f" · {requirement.title}"
        )
        sources = {source.key: source for source in requirement.sources}
        examples = nodes.bullet_list(classes=["slr-notes"])
        for feature, scenario in data.scenarios_of(requirement.id):
            key = parts.scenario_key(feature.stem, scenario.line)
            entry = parts.text_paragraph(parts.xref(parts.SCENARIO, key, scenario.name))
            beyond = [sources[k].title for k in evidence_keys(scenario.tags) if k in sources]
            if beyond:
                entry += nodes.emphasis("", f" (rests on {'; '.join(beyond)}, not the page)")
            examples += nodes.list_item("", entry)
        if not len(examples):
            examples = parts.text_paragraph("No example yet.", classes=["slr-notes"])
        row.append(parts.Cell([heading, _rests_on(requirement), examples]))
        row.append(parts.Cell(_verdicts(data, requirement.id)))
        rows.append(row)
    return rows


def _rests_on(requirement: Requirement) -> nodes.paragraph:
    """Whether the requirement rests on the page, or only on other AWS evidence (named)."""
    others = [s.title for s in requirement.sources if s.kind != PAGE_KIND]
    if any(s.kind == PAGE_KIND for s in requirement.sources):
        return parts.text_paragraph("Rests on the page.", classes=["slr-evidence", "slr-on-page"])
    return parts.text_paragraph(
        nodes.strong("", "Rests on other evidence than the page: "),
        "; ".join(others) + ".",
        classes=["slr-evidence", "slr-beyond-page"],
    )


def _verdicts(data: SiteData, requirement_id: str) -> list[nodes.Node]:
    """One line per recorded backend: its name and its verdict badge."""
    if not data.backends:
        return [parts.text_paragraph("no run recorded", classes=["slr-no-run"])]
    lines: list[nodes.Node] = []
    for backend in data.backends:
        line = parts.text_paragraph(classes=["slr-verdict-line"])
        line += parts.verdict_badge(data.verdict(backend, requirement_id), backend)
        line += nodes.inline("", backend, classes=["slr-backend-name"])
        lines.append(line)
    return lines


def setup_traceability(app: Sphinx) -> None:
    app.add_directive("slr-traceability", TraceabilityDirective)

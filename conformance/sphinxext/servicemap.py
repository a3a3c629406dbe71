"""``slr-service-map``: per implementation, which services' roles it gets right, and which
rules it breaks for every service (a specification with examples per service).

Each example of such a specification names its service: its Examples table is named after the
service principal (behave writes it into the example's name, ``... -- @1.1 <principal>``), and
the few single scenarios of one service name it in their title. The map is read from the
certificates alone, so it shows exactly what ran: a service is *right* when every one of its
examples that ran passed; a rule is *broken for all* when it failed on every service it ran
for (at least two).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from conformance import specs
from conformance.results.model import RunResult
from conformance.sphinxext import parts
from conformance.sphinxext.data import RecordedRun, site

DIRECTIVE = "slr-service-map"
#: The Examples table's name at the end of a scenario's name: its service principal.
_EXAMPLES_NAME = re.compile(r" -- @\d+(?:\.\d+)* (\S+)$")
#: What a cell shows, by outcome (a service with no example for the requirement shows none).
MARKS = {"passed": "pass", "failed": "fail", "error": "error", "skipped": "skip"}


def service_of(name: str, principals: Sequence[str]) -> str | None:
    """The service principal an example of the scenario ``name`` ran for, or ``None``."""
    found = _EXAMPLES_NAME.search(name)
    if found and found.group(1) in principals:
        return found.group(1)
    named = [p for p in principals if p in name.split(" -- ", maxsplit=1)[0]]
    return max(named, key=len) if named else None


@dataclass
class ServiceMap:
    """One run's outcomes by service and requirement."""

    #: ``cells[principal][requirement]``: the worst outcome of its examples, ``MARKS`` order.
    cells: dict[str, dict[str, str]] = field(default_factory=dict)

    @classmethod
    def of(cls, result: RunResult, principals: Sequence[str]) -> ServiceMap:
        found = cls()
        rank = {"passed": 0, "skipped": 1, "failed": 2, "error": 3}
        for verdict in result.requirements:
            for scenario in verdict.scenarios:
                principal = service_of(scenario.name, principals)
                if principal is None:
                    continue
                row = found.cells.setdefault(principal, {})
                old = row.get(verdict.id)
                if old is None or rank[scenario.outcome] > rank[old]:
                    row[verdict.id] = scenario.outcome
        return found

    def right(self) -> list[str]:
        """Services every example of which that ran passed (one at least)."""
        return sorted(
            p
            for p, row in self.cells.items()
            if "passed" in row.values() and set(row.values()) <= {"passed", "skipped"}
        )

    def broken_for_all(self, requirements: Iterable[str]) -> list[str]:
        """Requirements that failed (or ended in error) for every service they ran for."""
        broken = []
        for requirement in requirements:
            ran = [
                row[requirement]
                for row in self.cells.values()
                if row.get(requirement) not in (None, "skipped")
            ]
            if len(ran) >= 2 and all(o in ("failed", "error") for o in ran):
                broken.append(requirement)
        return broken


class ServiceMapDirective(SphinxDirective):
    """``.. slr-service-map::``: a section per run shown, with its map."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        data = site(self.env)
        principals = specs.get(self.env.config.slr_spec).services()
        requirements = [r.id for r in data.catalogue.requirements]
        if not data.shown:
            return [parts.text_paragraph("No run has been recorded yet.")]
        return [
            _section(run, ServiceMap.of(run.result, principals), requirements, principals)
            for run in data.shown
        ]


def _section(
    run: RecordedRun, found: ServiceMap, requirements: list[str], principals: Sequence[str]
) -> nodes.section:
    section = nodes.section(ids=[parts.make_id(f"service-map-{run.key}")])
    section += nodes.title("", run.column)
    right = found.right()
    broken = found.broken_for_all(requirements)
    section += parts.text_paragraph(
        f"Roles it gets right (every example that ran passed): {len(right)} of "
        f"{len(found.cells)} services" + (f": {', '.join(right)}." if right else ".")
    )
    section += parts.text_paragraph(
        "Rules it breaks for every service they ran for: "
        + (", ".join(broken) if broken else "none")
        + "."
    )
    shown = [r for r in requirements if any(r in row for row in found.cells.values())]
    table = nodes.table(classes=["slr-service-map"])
    group = nodes.tgroup(cols=len(shown) + 1)
    table += group
    for _ in range(len(shown) + 1):
        group += nodes.colspec(colwidth=1)
    head = nodes.thead()
    head += _row(["service", *shown])
    group += head
    body = nodes.tbody()
    for principal in principals:
        row = found.cells.get(principal)
        if row is None:
            continue
        body += _row([principal, *(MARKS.get(row.get(r, ""), "") for r in shown)])
    group += body
    section += table
    return section


def _row(cells: list[str]) -> nodes.row:
    row = nodes.row()
    for text in cells:
        entry = nodes.entry()
        entry += nodes.paragraph("", text, classes=[f"slr-map-{text}"] if text else [])
        row += entry
    return row


def setup_service_map(app: Sphinx) -> None:
    app.add_directive(DIRECTIVE, ServiceMapDirective)

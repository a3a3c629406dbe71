"""A page per service of the family, and one table of the family's errata.

For every service whose page was read (``page-facts.toml``), a page is written at the start
of the build into ``slr_services_dir`` (``services`` on this site; unset, none is), holding one
``slr-service`` directive: what the service's own page states about its role, beside what AWS
recorded; its errata and questions, with how the specification decides; and whether its
wording is watched (its fingerprints). ``slr-family-errata`` is every erratum in one table.
Both read the same data as ``slr-conformance errata``, so the site and the command agree.
Generated pages carry a first line saying so; only such pages are removed.
"""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from conformance.family import fingerprints
from conformance.family.command import DATA_DIR, errata
from conformance.family.data import FAMILY_SPEC, PageFacts, recorded_page_facts
from conformance.family.errata import Erratum
from conformance.family.facts import FACTS, Fact
from conformance.family.recorded import all_recorded
from conformance.sphinxext import parts

MARKER = "<!-- Written by conformance.sphinxext at each build from the family's page facts. -->"
SERVICE, ERRATA = "slr-service", "slr-family-errata"
_FACT_TITLES = {
    "role_name": "Role name",
    "principals": "Trusted principals",
    "policies": "Managed policies",
    "description_editable": "Description may be edited",
    "deletion": "To delete first",
    "regions": "Regions",
}


def page_text(principal: str) -> str:
    return f"{MARKER}\n# {principal}\n\n```{{{SERVICE}}} {principal}\n```\n"


def write_pages(app: Sphinx) -> None:
    """A page per service into ``slr_services_dir``; generated pages no longer wanted go."""
    folder_name = app.config.slr_services_dir
    if not folder_name:
        return
    folder = Path(app.srcdir) / folder_name
    wanted = {f"{p}.md": page_text(p) for p in recorded_page_facts()}
    folder.mkdir(parents=True, exist_ok=True)
    for path in folder.glob("*.md"):
        if path.name not in wanted and path.read_text("utf-8").startswith(MARKER):
            path.unlink()
    for name, text in wanted.items():
        path = folder / name
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")


def _values(fact: Fact | None) -> str:
    if fact is None:
        return "not recorded"
    return ", ".join(fact.values) if fact.values else "silent"


def _section(fact: Fact) -> nodes.Node | str:
    if not fact.provenance.part:
        return ""
    return parts.external(fact.provenance.cite(), fact.provenance.part)


def facts_table(page: PageFacts) -> nodes.table:
    recorded = all_recorded().get(page.principal, {})
    rows: list[list[parts.Cell | str]] = [
        [
            _FACT_TITLES[name],
            _values(page.facts[name]),
            parts.Cell([parts.text_paragraph(_section(page.facts[name]))]),
            _values(recorded.get(name)) if name in ("role_name", "principals", "policies") else "",
        ]
        for name in FACTS
    ]
    return parts.build_table(["Fact", "The page says", "Section", "AWS recorded"], rows)


def _erratum_item(entry: Erratum) -> nodes.list_item:
    item = nodes.list_item()
    said = ", ".join(entry.page.values)
    item += parts.text_paragraph(
        nodes.strong("", f"{entry.kind.capitalize()}, {_FACT_TITLES[entry.fact].lower()}: "),
        f"{entry.difference}; the page says {said}"
        + (f", AWS recorded {', '.join(entry.recorded.values)}" if entry.recorded else "")
        + f". Decided: {entry.decision}.",
    )
    return item


def _watched(principal: str) -> nodes.paragraph:
    recorded = fingerprints.load(DATA_DIR / fingerprints.FINGERPRINTS_FILE)
    page = recorded.pages.get(principal) if recorded else None
    if recorded is None or page is None:
        return parts.text_paragraph("Its wording is not watched: no fingerprints are recorded.")
    count = sum(len(p) for p in page.sections.values())
    return parts.text_paragraph(
        f"Its wording is watched: {count} sentences in {len(page.sections)} sections, "
        f"fingerprints accepted on {recorded.accepted} (",
        nodes.literal("", f"slr-conformance drift --spec {FAMILY_SPEC} FOLDER"),
        ").",
    )


class ServiceDirective(SphinxDirective):
    """``slr-service <principal>``: one service's page (written by ``write_pages``)."""

    required_arguments = 1

    def run(self) -> list[nodes.Node]:
        principal = self.arguments[0].strip()
        page = recorded_page_facts().get(principal)
        if page is None:
            raise self.error(f"{SERVICE}: no page facts are recorded for {principal!r}.")
        mine = [e for e in errata(FAMILY_SPEC) if e.principal == principal]
        box = nodes.container(classes=["slr-service"])
        box += parts.text_paragraph(
            "What the service's own page states about its service-linked role (",
            parts.external(page.url, "the page"),
            "), beside what AWS recorded; a fact the page does not state is silent.",
        )
        box += facts_table(page)
        if mine:
            listed = nodes.bullet_list()
            listed.extend(_erratum_item(e) for e in mine)
            box += listed
        else:
            box += parts.text_paragraph(
                "No erratum: where the page and the recording both speak, they agree."
            )
        box += _watched(principal)
        return [box]


class FamilyErrataDirective(SphinxDirective):
    """``slr-family-errata``: every erratum and question of the family, one row each."""

    def run(self) -> list[nodes.Node]:
        rows: list[list[parts.Cell | str]] = [
            [
                parts.Cell(
                    [
                        parts.text_paragraph(
                            parts.xref("doc", f"/services/{e.principal}", e.principal)
                        )
                    ]
                ),
                _FACT_TITLES[e.fact],
                e.kind,
                e.difference,
                ", ".join(e.page.values),
                ", ".join(e.recorded.values) if e.recorded else "",
            ]
            for e in errata(FAMILY_SPEC)
        ]
        headers = ["Service", "Fact", "Kind", "Difference", "The page says", "AWS recorded"]
        return [parts.build_table(headers, rows, classes=["slr-family-errata"])]


def _on_builder_inited(app: Sphinx) -> None:
    write_pages(app)


def setup_family(app: Sphinx) -> None:
    app.add_config_value("slr_services_dir", "", "env", types=frozenset({str}))
    app.add_directive(SERVICE, ServiceDirective)
    app.add_directive(ERRATA, FamilyErrataDirective)
    app.connect("builder-inited", _on_builder_inited)

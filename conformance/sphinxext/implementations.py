"""A page per implementation shown on the site: what to fix, in order.

For every run the site shows (the project's own and the submitted certificates), a page is
written at the start of the build into ``slr_implementations_dir`` (``implementations/`` beside
the index), holding one ``slr-implementation`` directive; nothing on it is written by hand, so
an implementation added to the results gets its page and one removed loses it. The directive
shows what was run, then the failing requirements grouped by cause
(``conformance.results.causes``), the cause that fails the most requirements first, each
requirement with a ready-to-file bug report (``conformance.sphinxext.bugreport``), then what
was not checked, and, where the site shows the implementation at other versions too, how its
verdicts moved (``conformance.sphinxext.versions``). Generated files carry a first line saying so; only such files are removed.
"""

from __future__ import annotations

import re
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.domains.std import StandardDomain
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective
from sphinx.writers.html5 import HTML5Translator

from conformance.results import causes, coverage
from conformance.sphinxext import parts, why
from conformance.sphinxext.bugreport import bug_report
from conformance.sphinxext.data import RecordedRun, SiteData, site
from conformance.sphinxext.matrix import count_badges, when
from conformance.sphinxext.versions import over_versions

logger = logging.getLogger(__name__)

MARKER = "<!-- Written by conformance.sphinxext at each build from the recorded results. -->"
DIRECTIVE = "slr-implementation"


class details(nodes.container):  # type: ignore[misc]  # docutils is untyped
    """A block that HTML shows folded (``<details>``) under its ``summary``; other writers
    show it as a plain container."""


def visit_details_html(self: HTML5Translator, node: details) -> None:
    self.body.append(self.starttag(node, "details", ""))
    self.body.append(f"<summary>{self.encode(node['summary'])}</summary>\n")


def depart_details_html(self: HTML5Translator, node: details) -> None:
    self.body.append("</details>\n")


def page_name(run: RecordedRun) -> str:
    """The generated page of a run, without its folder: its key, made safe as a file name."""
    return re.sub(r"[^A-Za-z0-9._-]", "-", run.key)


def page_text(run: RecordedRun) -> str:
    """The whole source of a run's page: a title and the directive."""
    title = re.sub(r"([\\`*_{}\[\]<>()#+.!|~-])", r"\\\1", run.column)
    kind = " (submitted)" if run.label else ""
    return f"{MARKER}\n# {title}{kind}\n\n```{{{DIRECTIVE}}} {run.key}\n```\n"


def write_pages(app: Sphinx, data: SiteData) -> None:
    """Write a page per shown run into ``slr_implementations_dir``; remove ones no longer shown.

    A page is written only when its text changes, so an unchanged page is not read again."""
    folder_name = app.config.slr_implementations_dir
    if not folder_name:
        return
    folder = Path(app.srcdir) / folder_name
    wanted = {page_name(run) + ".md": page_text(run) for run in data.shown}
    folder.mkdir(parents=True, exist_ok=True)
    for path in folder.glob("*.md"):
        if path.name not in wanted and _generated(path):
            path.unlink()
    for name, text in wanted.items():
        path = folder / name
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")


def _generated(path: Path) -> bool:
    with path.open(encoding="utf-8") as handle:
        return handle.readline().strip() == MARKER


class ImplementationDirective(SphinxDirective):
    """``.. slr-implementation:: <run key>``: one run's page (written by ``write_pages``)."""

    required_arguments = 1
    has_content = False

    def run(self) -> list[nodes.Node]:
        data = site(self.env)
        key = self.arguments[0].strip()
        run = next((r for r in data.shown if r.key == key), None)
        if run is None:
            known = ", ".join(r.key for r in data.shown) or "none"
            raise self.error(f"{DIRECTIVE}: no run shown is called {key!r} (shown: {known}).")
        anchor = parts.make_id(f"implementation-{key}")
        std = self.env.get_domain("std")
        assert isinstance(std, StandardDomain)
        std.note_object(why.IMPLEMENTATION, key, anchor, location=self.get_location())
        box = nodes.container(ids=[anchor], classes=["slr-implementation"])
        box += _about(run)
        box.extend(_to_fix(data, run))
        box.extend(_not_checked(data, run))
        box.extend(over_versions(data, run))
        return [box]


def _about(run: RecordedRun) -> nodes.Element:
    result = run.result
    backend = result.backend
    rows: list[tuple[str, list[nodes.Node]]] = [
        ("Implementation", [nodes.Text(f"{backend.implementation} {backend.version}".strip())]),
        ("Backend", [nodes.literal("", backend.name)]),
        ("Endpoint", [nodes.Text(backend.endpoint or "in process")]),
        ("botocore", [nodes.Text(backend.botocore_version)]),
        ("Run finished", [nodes.Text(when(result.run.finished))]),
        ("Certificate", [nodes.literal("", run.path)]),
        ("Verdicts", list(count_badges(result.counts(), len(result.partly_checked()))[0])),
    ]
    return why.facts(rows)


def _to_fix(data: SiteData, run: RecordedRun) -> list[nodes.Node]:
    groups = causes.by_cause(run.result.requirements)
    failing = {verdict.id for _, entries in groups for verdict, _ in entries}
    section = nodes.section(ids=[parts.make_id(f"to-fix-{run.key}")])
    section += nodes.title("", "What to fix, in order")
    if not groups:
        section += parts.text_paragraph("No requirement fails on this run.")
        return [section]
    section += parts.text_paragraph(
        f"{len(failing)} requirement{'s fail' if len(failing) != 1 else ' fails'}, for "
        f"{len(groups)} cause{'s' if len(groups) != 1 else ''}. The cause that fails the most "
        "requirements comes first; a requirement that fails for two causes is under both. "
        "Each requirement has a bug report ready to paste into a tracker."
    )
    for number, (cause, entries) in enumerate(groups, 1):
        part = nodes.section(ids=[parts.make_id(f"cause-{run.key}-{number}")])
        count = f"{len(entries)} requirement{'s' if len(entries) != 1 else ''}"
        part += nodes.title("", f"{number}. {cause} ({count})")
        for verdict, scenarios in entries:
            requirement = data.catalogue.requirement(verdict.id)
            line = parts.text_paragraph(
                why.linked(
                    why.WHY,
                    why.why_key(verdict.id, run.key),
                    nodes.inline("", verdict.id, classes=["slr-ref"]),
                ),
                f" · {requirement.title} · ",
                parts.verdict_badge(verdict, run.column),
                f" {len(scenarios)} of {verdict.examples.total} examples",
                classes=["slr-fix-requirement"],
            )
            part += line
            report = bug_report(data, run.result, requirement, cause, scenarios)
            block = nodes.literal_block(report, report, classes=["slr-bug-report"])
            block["language"] = "text"
            folded = details(classes=["slr-report"])
            folded["summary"] = f"Bug report for {verdict.id}"
            folded += block
            part += folded
        section += part
    return [section]


def _not_checked(data: SiteData, run: RecordedRun) -> list[nodes.Node]:
    """The requirements skipped or only partly checked on the run, with why."""
    skipped = [v for v in run.result.requirements if v.verdict == "skipped" or v.partial]
    if not skipped:
        return []
    section = nodes.section(ids=[parts.make_id(f"not-checked-{run.key}")])
    section += nodes.title("", "Not checked, or only partly")
    section += parts.text_paragraph(
        "A requirement is skipped only when the backend lacks a test lever the example needs, "
        "never because the implementation lacks the behaviour."
    )
    items = nodes.bullet_list(classes=["slr-notes"])
    for verdict in skipped:
        items += nodes.list_item(
            "",
            parts.text_paragraph(
                why.linked(
                    why.WHY,
                    why.why_key(verdict.id, run.key),
                    nodes.inline("", verdict.id, classes=["slr-ref"]),
                ),
                " ",
                parts.verdict_badge(verdict, run.column),
                " "
                + (
                    causes.clean(verdict.reason)
                    or coverage.detail(verdict.verdict, verdict.examples)
                ),
            ),
        )
    section += items
    return [section]


def _on_builder_inited(app: Sphinx) -> None:
    write_pages(app, site(app.env))


def setup_implementations(app: Sphinx) -> None:
    app.add_config_value(
        "slr_implementations_dir", "implementations", "env", types=frozenset({str})
    )
    app.add_node(details, html=(visit_details_html, depart_details_html))
    app.add_directive(DIRECTIVE, ImplementationDirective)
    app.connect("builder-inited", _on_builder_inited)

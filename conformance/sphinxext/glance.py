"""The ``slr-glance`` directive: where each implementation stands, one small chart each.

For every run the site shows (the project's own and the submitted certificates), a card with
the run's name (linked to its page), what was run, and one bar per section of the AWS page:
how many of the section's requirements pass, pass but are only partly checked, fail, end in
an error, are skipped or were not run. The bars are plain HTML and CSS (no script, no
library), with the counts in a tooltip and in an ``aria-label``; other writers get a line of
text per section instead.
"""

from __future__ import annotations

from html import escape

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective
from sphinx.writers.html5 import HTML5Translator

from conformance.catalogue import Catalogue
from conformance.sphinxext import parts, why
from conformance.sphinxext.data import RecordedRun, site

#: What a bar shows, in order: the class of its segment and the word for it.
KINDS = (
    ("pass", "pass"),
    ("partial", "partly checked"),
    ("fail", "fail"),
    ("error", "error"),
    ("skipped", "skipped"),
    ("none", "not run"),
)


class bar(nodes.paragraph):  # type: ignore[misc]  # docutils is untyped
    """One section's bar; ``counts`` maps a kind of ``KINDS`` to a number of requirements.
    Writers other than HTML show its text child, the counts in words."""


def visit_bar_html(self: HTML5Translator, node: bar) -> None:
    counts: dict[str, int] = node["counts"]
    words = describe(counts)
    label = escape(node["label"])
    segments = "".join(
        f'<span class="slr-seg slr-{kind}" style="flex-grow: {counts[kind]}" '
        f'title="{counts[kind]} {escape(word)}"></span>'
        for kind, word in KINDS
        if counts.get(kind)
    )
    passed = counts.get("pass", 0) + counts.get("partial", 0)
    self.body.append(
        f'<div class="slr-glance-row"><span class="slr-glance-label">{label}</span>'
        f'<span class="slr-bar" role="img" aria-label="{label}: {escape(words)}" '
        f'title="{label}: {escape(words)}">{segments}</span>'
        f'<span class="slr-glance-count">{passed}/{sum(counts.values())}</span></div>\n'
    )
    raise nodes.SkipNode


def describe(counts: dict[str, int]) -> str:
    return ", ".join(f"{counts[kind]} {word}" for kind, word in KINDS if counts.get(kind))


def section_counts(catalogue: Catalogue, run: RecordedRun) -> list[tuple[str, dict[str, int]]]:
    """Per section of the page, in catalogue order: how many requirements of each kind."""
    found = {
        section.key: dict.fromkeys((kind for kind, _ in KINDS), 0) for section in catalogue.sections
    }
    for requirement in catalogue.requirements:
        verdict = run.verdict(requirement.id)
        kind = "none" if verdict is None else "partial" if verdict.partial else verdict.verdict
        found[requirement.section][kind] += 1
    titles = {s.key: s.title for s in catalogue.sections}
    return [(titles[key], counts) for key, counts in found.items() if sum(counts.values())]


def bars(catalogue: Catalogue, run: RecordedRun) -> nodes.container:
    """A run's bars, one per section."""
    box = nodes.container(classes=["slr-glance-bars"])
    for title, counts in section_counts(catalogue, run):
        node = bar("", f"{title}: {describe(counts)}")
        node["counts"] = counts
        node["label"] = title
        box += node
    return box


def legend() -> nodes.paragraph:
    line = parts.text_paragraph(classes=["slr-glance-legend"])
    for kind, word in KINDS:
        line += parts.make_badge(word, kind)
        line += nodes.Text(" ")
    return line


class GlanceDirective(SphinxDirective):
    """``.. slr-glance::``: a card per run shown, with a bar per section."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        data = site(self.env)
        if not data.shown:
            return [parts.text_paragraph("No run has been recorded yet.", classes=["slr-no-run"])]
        grid = nodes.container(classes=["slr-glance"])
        pages = bool(self.env.config.slr_implementations_dir)
        for run in data.shown:
            card = nodes.container(classes=["slr-glance-card"])
            name = nodes.inline("", run.column, classes=["slr-ref"])
            heading = parts.text_paragraph(
                nodes.strong(
                    "", "", why.linked(why.IMPLEMENTATION, run.key, name) if pages else name
                ),
                classes=["slr-glance-name"],
            )
            backend = run.result.backend
            heading += nodes.inline(
                "",
                f" {backend.implementation} {backend.version}".rstrip(),
                classes=["slr-glance-what"],
            )
            if run.label:
                heading += nodes.inline("", " (submitted)", classes=["slr-glance-what"])
            card += heading
            card += bars(data.catalogue, run)
            grid += card
        return [legend(), grid]


def setup_glance(app: Sphinx) -> None:
    app.add_node(bar, html=(visit_bar_html, None))
    app.add_directive("slr-glance", GlanceDirective)

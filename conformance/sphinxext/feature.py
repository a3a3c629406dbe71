"""The ``slr-feature`` directive: one section of the AWS page, as specification and results.

It renders, for each requirement of the section in catalogue order, what the requirement
says and on what evidence, which page statements it covers, how it stands on every backend
that has a recorded run, and its Gherkin examples as behave reads them. The catalogue drives
the page, so a requirement without an example is shown as such instead of disappearing.
"""

from __future__ import annotations

from typing import ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from pygments.lexers import get_lexer_by_name
from pygments.util import ClassNotFound
from sphinx.application import Sphinx
from sphinx.domains.std import StandardDomain
from sphinx.util.docutils import SphinxDirective

from conformance.catalogue import Requirement, Section
from conformance.results.model import Examples as Outcomes
from conformance.results.model import aggregate
from conformance.sphinxext import parts, why
from conformance.sphinxext.data import SiteData, site
from conformance.sphinxext.gherkin import (
    Examples,
    Feature,
    Rule,
    Scenario,
    format_background,
    format_scenario,
)

LEVEL_MEANINGS = {
    "MUST": "an absolute requirement (RFC 2119)",
    "SHOULD": "recommended; an implementation may differ for a good, understood reason (RFC 2119)",
    "MAY": "optional (RFC 2119)",
}


class FeatureDirective(SphinxDirective):
    """``.. slr-feature:: permissions`` (a section key or a feature file name)."""

    required_arguments = 1
    has_content = False
    option_spec: ClassVar[dict[str, object]] = {"no-examples": directives.flag}

    def run(self) -> list[nodes.Node]:
        data = site(self.env)
        section = self._section(data, self.arguments[0].strip())
        feature = data.feature_for_section(section.key)
        if feature is not None:
            self.env.note_dependency(feature.path)
        heading = nodes.section(ids=[parts.make_id(f"section-{section.key}")])
        heading += nodes.title("", section.title)
        heading.extend(self._introduction(data, section, feature))
        for requirement in data.catalogue.requirements:
            if requirement.section == section.key:
                heading += self._requirement(data, requirement, feature)
        return [heading]

    def _section(self, data: SiteData, argument: str) -> Section:
        by_key = {s.key: s for s in data.catalogue.sections}
        if argument in by_key:
            return by_key[argument]
        stem = argument.removesuffix(".feature").rsplit("/", 1)[-1]
        for feature in data.features:
            if feature.stem == stem:
                key = data.section_of_feature(feature)
                if key is not None:
                    return by_key[key]
        known = ", ".join(by_key)
        raise self.error(
            f"slr-feature: {argument!r} is neither a section ({known}) "
            "nor a feature file whose requirements belong to one."
        )

    def _introduction(
        self, data: SiteData, section: Section, feature: Feature | None
    ) -> list[nodes.Node]:
        result: list[nodes.Node] = []
        requirements = [r for r in data.catalogue.requirements if r.section == section.key]
        source = next((s for r in requirements if (s := parts.page_source(r))), None)
        if source is not None:
            result.append(
                parts.text_paragraph(
                    "On the AWS page: ", parts.external(source.url, section.heading), "."
                )
            )
        if feature is not None and feature.description:
            result.append(parts.text_paragraph(" ".join(feature.description)))
        counts = f"{len(requirements)} requirement{'s' if len(requirements) != 1 else ''}"
        if feature is None:
            result.append(
                parts.text_paragraph(
                    f"{counts}. No feature file has been written for this section yet, "
                    "so the requirements below have no examples.",
                    classes=["slr-no-run"],
                )
            )
        else:
            result.append(
                parts.text_paragraph(
                    f"{counts}; examples from ", nodes.literal("", f"{feature.stem}.feature"), "."
                )
            )
        note = parts.no_run_note(data.missing_backends)
        if note is not None:
            result.append(note)
        if feature is not None and feature.background:
            result.append(_gherkin(format_background(feature.background)))
        return result

    def _requirement(
        self, data: SiteData, requirement: Requirement, feature: Feature | None
    ) -> nodes.section:
        anchor = parts.requirement_anchor(requirement.id)
        node = nodes.section(ids=[anchor], classes=["slr-requirement"])
        node += nodes.title("", f"{requirement.id} — {requirement.title}")
        std = self.env.get_domain("std")
        assert isinstance(std, StandardDomain)
        std.note_object(parts.REQ, requirement.id, anchor, location=self.get_location())
        node += parts.text_paragraph(requirement.text, classes=["slr-requirement-text"])
        node += _facts(data, requirement)
        notes = why.why_notes(self.env, data, requirement, self.get_location())
        if notes is not None:
            node += notes
        if "no-examples" in self.options:
            return node
        for rule in _rules_of(data, requirement):
            if rule.description:
                node += parts.text_paragraph(" ".join(rule.description))
            if rule.background:
                node += _gherkin(format_background(rule.background))
        examples = data.scenarios_of(requirement.id)
        if not examples:
            node += parts.text_paragraph(
                "No example has been written for this requirement yet.", classes=["slr-no-run"]
            )
        for owner, scenario in examples:
            node += self._example(data, requirement, owner, scenario)
        return node

    def _example(
        self, data: SiteData, requirement: Requirement, feature: Feature, scenario: Scenario
    ) -> nodes.container:
        anchor = parts.scenario_anchor(feature.stem, scenario.line)
        primary = scenario.requirement_ids[:1] == (requirement.id,)
        if not primary:  # shown again under a second requirement: the anchor must differ
            anchor = parts.make_id(f"{anchor}-{requirement.id}")
        box = nodes.container(ids=[anchor], classes=["slr-example"])
        if primary:
            std = self.env.get_domain("std")
            assert isinstance(std, StandardDomain)
            key = parts.scenario_key(feature.stem, scenario.line)
            std.note_object(parts.SCENARIO, key, anchor, location=self.get_location())
        title = parts.text_paragraph(
            f"{'Outline' if scenario.is_outline else 'Example'}: {scenario.name}",
            classes=["slr-example-title"],
        )
        box += title
        outcomes = _scenario_badges(data, requirement, feature, scenario)
        if outcomes is not None:
            box += outcomes
        box += _gherkin(format_scenario(scenario))
        for examples in scenario.examples:
            box += _examples_table(examples)
        return box


def _facts(data: SiteData, requirement: Requirement) -> nodes.Element:
    """The requirement's properties as a compact definition list."""
    facts = nodes.definition_list(classes=["slr-facts"])

    def add(term: str, *content: nodes.Node) -> None:
        item = nodes.definition_list_item()
        item += nodes.term("", term)
        definition = nodes.definition()
        definition.extend(content)
        item += definition
        facts.append(item)

    level = parts.make_badge(
        requirement.level, "level", LEVEL_MEANINGS.get(requirement.level, requirement.level)
    )
    add("Level", parts.text_paragraph(level))
    add("Status", parts.text_paragraph(parts.validation_badge(requirement)))
    statements = nodes.bullet_list()
    for statement_id in requirement.statements:
        statement = next(s for s in data.catalogue.statements if s.id == statement_id)
        item = nodes.list_item(
            "",
            parts.text_paragraph(parts.xref(parts.STATEMENT, statement.id), f": {statement.text}"),
        )
        if statement.api_note:
            item += parts.text_paragraph(
                nodes.strong("", "Not fully testable through an API. "),
                statement.api_note,
                classes=["slr-api-note"],
            )
        statements += item
    add("Covers", statements)
    evidence = nodes.bullet_list()
    for source in requirement.sources:
        line = parts.text_paragraph(
            nodes.emphasis("", parts.KIND_LABELS.get(source.kind, source.kind)),
            ": ",
            parts.external(source.url, source.title),
        )
        if source.date:
            line += nodes.Text(f" ({source.date})")
        evidence += nodes.list_item("", line)
    add("Evidence", evidence)
    page = parts.page_source(requirement)
    if page is not None:
        section = next(s for s in data.catalogue.sections if s.key == requirement.section)
        add("AWS page", parts.text_paragraph(parts.external(page.url, section.heading), " ↗"))
    add("Verdicts", _verdict_line(data, requirement))
    return facts


def _verdict_line(data: SiteData, requirement: Requirement) -> nodes.paragraph:
    if not data.backends:
        return parts.text_paragraph("No run has been recorded yet.", classes=["slr-no-run"])
    line = nodes.paragraph(classes=["slr-verdicts"])
    for backend in data.backends:
        group = nodes.inline(classes=["slr-verdict"])
        group += nodes.inline("", backend, classes=["slr-backend-name"])
        group += parts.verdict_badge(data.verdict(backend, requirement.id), backend)
        line += group
        line += nodes.Text(" ")
    return line


def _scenario_badges(
    data: SiteData, requirement: Requirement, feature: Feature, scenario: Scenario
) -> nodes.paragraph | None:
    if not data.backends:
        return None
    line = nodes.paragraph(classes=["slr-verdicts"])
    for backend in data.backends:
        outcomes = data.scenario_outcomes(backend, requirement.id, feature, scenario)
        group = nodes.inline(classes=["slr-verdict"])
        group += nodes.inline("", backend, classes=["slr-backend-name"])
        if not outcomes:
            title = f"{backend}: no recorded run of this example"
            group += parts.make_badge("not run", "none", title)
        else:
            verdict, reason = aggregate(outcomes)
            rows = f"{len(outcomes)} rows, " if scenario.is_outline else ""
            counted = Outcomes.of(outcomes)
            group += parts.outcome_badge(verdict, counted, f"{backend}: {rows}", reason or "")
        line += group
        line += nodes.Text(" ")
    return line


def _rules_of(data: SiteData, requirement: Requirement) -> list[Rule]:
    return [
        rule
        for feature in data.features
        for rule in feature.rules
        if requirement.id in rule.requirement_ids
    ]


def _lexable(text: str) -> bool:
    """Whether Pygments' Gherkin lexer reads the text without an error token."""
    try:
        lexer = get_lexer_by_name("gherkin")
    except ClassNotFound:
        return False
    return not any(str(kind) == "Token.Error" for kind, _ in lexer.get_tokens(text))


def _gherkin(text: str) -> nodes.literal_block:
    block = nodes.literal_block(text, text, classes=["slr-gherkin"])
    block["language"] = "gherkin" if _lexable(text) else "text"
    return block


def _examples_table(examples: Examples) -> nodes.table:
    headings = examples.table.headings if examples.table else ()
    rows = [list(r) for r in examples.table.rows] if examples.table else []
    table = parts.build_table(list(headings), [list(r) for r in rows], classes=["slr-examples"])
    caption = f"{examples.keyword}: {examples.name}" if examples.name else examples.keyword
    if examples.tags:
        caption += "  " + " ".join("@" + t for t in examples.tags)
    table.insert(0, nodes.title("", caption))
    return table


def setup_feature(app: Sphinx) -> None:
    app.add_directive("slr-feature", FeatureDirective)

"""Why a requirement is not a full pass on a run: the failing example, step and message.

An emulator's author needs what came back more than the verdict: every requirement shows,
under its facts, one entry per run (the project's own and the submitted certificates) whose
verdict is not a full pass. A failure lists its failing examples grouped by cause
(``conformance.results.causes``), each with the step that failed and the message recorded; a
skip, an error or a partly checked pass says why. Each entry has an anchor of its own, and each
verdict in the matrix links to it (``linked_badge``). The messages come from the run of
someone's implementation: they are cleaned of control characters and only ever placed in text
nodes, never parsed as markup, so the writer escapes them.
"""

from __future__ import annotations

from collections.abc import Sequence

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.domains.std import StandardDomain
from sphinx.environment import BuildEnvironment

from conformance.catalogue import Requirement
from conformance.results import causes, coverage
from conformance.results.model import RequirementVerdict, ScenarioResult
from conformance.sphinxext import parts
from conformance.sphinxext.data import RecordedRun, SiteData, is_run_of

#: Cross-reference type of one run's entry under one requirement.
WHY = "slr-why"
#: Cross-reference type of one run's own page (``conformance.sphinxext.implementations``).
IMPLEMENTATION = "slr-implementation-page"
#: How many other examples of one cause are named before the rest are only counted.
OTHERS_NAMED = 8


def why_key(requirement_id: str, run_key: str) -> str:
    return f"{requirement_id}@{run_key}"


def why_anchor(requirement_id: str, run_key: str) -> str:
    return parts.make_id(f"why-{requirement_id}-{run_key}")


def full_pass(verdict: RequirementVerdict) -> bool:
    return verdict.verdict == "pass" and not verdict.partial


def linked(target_type: str, target: str, content: nodes.Node) -> nodes.Node:
    """``content`` as a link to a requirement, a why-entry or a page; plain if it is absent."""
    ref = addnodes.pending_xref(
        "",
        refdomain="std",
        reftype=target_type,
        reftarget=target,
        refexplicit=True,
        refwarn=False,
    )
    ref += content
    return ref


def linked_badge(
    verdict: RequirementVerdict | None, label: str, requirement_id: str, run_key: str
) -> nodes.Node:
    """A verdict badge for a table cell, linked to why it is not a full pass (or to the
    requirement when it is one)."""
    badge = parts.verdict_badge(verdict, label)
    if verdict is None:
        return badge
    if full_pass(verdict):
        return linked(parts.REQ, requirement_id, badge)
    return linked(WHY, why_key(requirement_id, run_key), badge)


def example_link(data: SiteData, requirement_id: str, result: ScenarioResult) -> nodes.Node:
    """The example's name, linked to its Gherkin on the site when it is found there."""
    name = causes.clean(result.name) or "(unnamed example)"
    for feature, scenario in data.scenarios_of(requirement_id):
        if is_run_of(result, feature, scenario):
            key = parts.scenario_key(feature.stem, scenario.line)
            return parts.xref(parts.SCENARIO, key, name)
    return nodes.inline("", name)


def failure_blocks(
    data: SiteData, requirement_id: str, verdict: RequirementVerdict
) -> list[nodes.Node]:
    """The failing examples of one verdict, one block per cause, most frequent first."""
    blocks: list[nodes.Node] = []
    for cause, scenarios in causes.grouped(causes.failing(verdict)):
        box = nodes.container(classes=["slr-cause"])
        count = f"{len(scenarios)} example{'s' if len(scenarios) != 1 else ''}"
        box += parts.text_paragraph(
            nodes.strong("", cause), f" ({count})", classes=["slr-cause-title"]
        )
        first = scenarios[0]
        box += facts(
            [
                ("Example", [example_link(data, requirement_id, first)]),
                ("Failing step", [_said(first.failing_step)]),
                ("What came back", [_said(first.message)]),
            ]
        )
        others = scenarios[1:]
        if others:
            line = parts.text_paragraph("The same in: ", classes=["slr-notes"])
            for index, other in enumerate(others[:OTHERS_NAMED]):
                line += nodes.Text("; " if index else "")
                line += example_link(data, requirement_id, other)
            if len(others) > OTHERS_NAMED:
                line += nodes.Text(f"; and {len(others) - OTHERS_NAMED} more")
            line += nodes.Text(".")
            box += line
        blocks.append(box)
    return blocks


def _said(text: str | None) -> nodes.inline:
    """A step or a message as recorded, cleaned, in a text node of its own (never markup),
    its quotes kept as they were (no typographic quotes: it is quoted evidence)."""
    said = nodes.inline("", causes.clean(text) or "(none recorded)", classes=["slr-said"])
    said["support_smartquotes"] = False
    return said


def facts(rows: Sequence[tuple[str, Sequence[nodes.Node]]]) -> nodes.definition_list:
    """Terms and their content as a compact definition list (``dl.slr-facts``)."""
    found = nodes.definition_list(classes=["slr-facts"])
    for term, content in rows:
        item = nodes.definition_list_item()
        item += nodes.term("", term)
        definition = nodes.definition()
        definition += parts.text_paragraph(*content)
        item += definition
        found += item
    return found


def _summary(verdict: RequirementVerdict) -> str:
    """What the verdict rests on, in a clause: how many examples failed, or why it skipped."""
    if verdict.partial:
        return coverage.detail(verdict.verdict, verdict.examples)
    examples = verdict.examples
    if verdict.verdict in ("fail", "error"):
        bad = examples.failed + examples.error
        return f"{bad} of {examples.total} examples did not pass"
    return causes.clean(verdict.reason) or verdict.verdict


def why_notes(
    env: BuildEnvironment, data: SiteData, requirement: Requirement, location: str
) -> nodes.Element | None:
    """One entry per run whose verdict on ``requirement`` is not a full pass, with its anchor."""
    std = env.get_domain("std")
    assert isinstance(std, StandardDomain)
    box = nodes.container(classes=["slr-why"])
    for run in data.shown:
        verdict = run.verdict(requirement.id)
        if verdict is None or full_pass(verdict):
            continue
        anchor = why_anchor(requirement.id, run.key)
        std.note_object(WHY, why_key(requirement.id, run.key), anchor, location=location)
        entry = nodes.container(ids=[anchor], classes=["slr-why-entry"])
        entry += _entry_heading(run, verdict, bool(env.config.slr_implementations_dir))
        if verdict.verdict in ("fail", "error"):
            entry.extend(failure_blocks(data, requirement.id, verdict))
        box += entry
    if not len(box):
        return None
    title = parts.text_paragraph("Why it is not a full pass", classes=["slr-why-title"])
    box.insert(0, title)
    return box


def _entry_heading(run: RecordedRun, verdict: RequirementVerdict, pages: bool) -> nodes.paragraph:
    heading = parts.text_paragraph(classes=["slr-why-heading"])
    heading += nodes.strong("", run.column)
    if run.label:
        heading += nodes.Text(" (submitted)")
    heading += nodes.Text(" ")
    heading += parts.verdict_badge(verdict, run.column)
    heading += nodes.Text(f" {_summary(verdict)}. ")
    if not pages:
        return heading
    page = nodes.inline("", f"Every failure of {run.column}, by cause", classes=["slr-ref"])
    heading += linked(IMPLEMENTATION, run.key, page)
    return heading


def setup_why(app: Sphinx) -> None:
    app.add_object_type(WHY, WHY, objname="why a verdict", ref_nodeclass=nodes.inline)
    app.add_object_type(
        IMPLEMENTATION, IMPLEMENTATION, objname="implementation", ref_nodeclass=nodes.inline
    )

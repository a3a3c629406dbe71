"""The text of a bug report an implementation's maintainers can paste into their tracker.

One report per failing requirement and cause, built from the certificate and the
specification alone: what the requirement says and the evidence it rests on, what was run,
each failing example with the step that failed (what was expected) and the message recorded
(what came back), the example as Gherkin, and the command that runs it again. The text is
plain (Markdown-friendly); the page shows it in a literal block, so nothing in it is markup.
"""

from __future__ import annotations

from collections.abc import Sequence

from conformance.catalogue import Requirement
from conformance.results import causes
from conformance.results.model import RunResult, ScenarioResult
from conformance.sphinxext import parts
from conformance.sphinxext.data import SiteData, is_run_of
from conformance.sphinxext.gherkin import format_background, format_scenario, format_table

#: How many failing examples a report spells out; the others are counted.
EXAMPLES_SPELLED_OUT = 3


def bug_report(
    data: SiteData,
    result: RunResult,
    requirement: Requirement,
    cause: str,
    scenarios: Sequence[ScenarioResult],
) -> str:
    """The report for ``requirement`` failing on the run ``result`` for ``cause``."""
    backend = result.backend
    implementation = f"{backend.implementation} {backend.version}".strip() or backend.name
    verdict = next(v for v in result.requirements if v.id == requirement.id)
    lines = [
        f"{requirement.id} fails on {implementation}: {cause}",
        "",
        f"What the specification requires ({requirement.id}, {requirement.level}: "
        f"{requirement.title}):",
        f"  {requirement.text}",
        "",
        "Evidence:",
    ]
    for source in requirement.sources:
        kind = parts.KIND_LABELS.get(source.kind, source.kind)
        lines.append(f"  - {kind}: {source.title}: {source.url}")
    lines += [
        "",
        f"What was run: {implementation} (backend {backend.name}, "
        f"endpoint {backend.endpoint or 'in process'}, botocore {backend.botocore_version}), "
        f"with slr-conformance specification {result.spec_version} "
        f"(catalogue {result.catalogue_digest[:12]}); run finished {result.run.finished}.",
        "",
        f"What failed ({len(scenarios)} of {verdict.examples.total} examples, for this cause):",
    ]
    for scenario in scenarios[:EXAMPLES_SPELLED_OUT]:
        lines += [
            f"  Example: {causes.clean(scenario.name)} ({scenario.location})",
            f"    Expected (the failing step): {causes.clean(scenario.failing_step)}",
            f"    What came back: {causes.clean(scenario.message) or causes.NO_MESSAGE}",
        ]
    if len(scenarios) > EXAMPLES_SPELLED_OUT:
        lines.append(f"  ... and {len(scenarios) - EXAMPLES_SPELLED_OUT} more examples alike.")
    gherkin = _gherkin_of(data, requirement.id, scenarios[0])
    if gherkin:
        lines += ["", "The first example, as the specification states it:", ""]
        lines += ["  " + line if line else "" for line in gherkin.splitlines()]
    command = f"slr-conformance run --backend {backend.name}"
    if backend.endpoint:
        command += f" --endpoint-url {backend.endpoint}"
    lines += ["", "To run it again:", f"  {command} --requirement {requirement.id}"]
    return "\n".join(lines)


def _gherkin_of(data: SiteData, requirement_id: str, result: ScenarioResult) -> str:
    """The background and scenario (with its examples) that ``result`` is a run of."""
    for feature, scenario in data.scenarios_of(requirement_id):
        if not is_run_of(result, feature, scenario):
            continue
        text = [format_background(feature.background)] if feature.background else []
        text.append(format_scenario(scenario))
        for examples in scenario.examples:
            if examples.table is not None:
                text.append(f"  {examples.keyword}: {examples.name}".rstrip())
                text.append("\n".join(format_table(examples.table, "    ")))
        return "\n".join(text)
    return ""

"""Plain-text views of a result for a terminal: the end-of-run table and ``report show``.

CI logs are read in narrow monospace windows that may not render Unicode or colour, so the
output is plain ASCII with columns padded by hand, and long messages are trimmed to one line.
A pass some of whose examples were skipped is labelled as partly checked wherever it appears,
so a skipped example never reads as a checked one.
"""

from __future__ import annotations

import unicodedata

from conformance.results import coverage
from conformance.results.model import VERDICTS, RequirementVerdict, RunResult, ScenarioResult

_TYPOGRAPHY = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u2026": "...",
        "\u00a0": " ",
    }
)
_TITLE = 40
_SCENARIO = 40
_MESSAGE = 70


def render_table(result: RunResult) -> str:
    """The end-of-run summary: counts, failing requirements, then partly checked ones."""
    lines = [_counts_line(result)]
    broken = [r for r in result.requirements if r.verdict in ("fail", "error")]
    if broken:
        lines.extend(_broken_table(broken))
    else:
        lines.append("No requirement failed.")
    partial = result.partly_checked()
    if partial:
        lines.extend(_partial_table(partial))
    return "\n".join(lines) + "\n"


def _partial_table(partial: tuple[RequirementVerdict, ...]) -> list[str]:
    """Each pass that rests on only some examples, with why the others were not run."""
    rows = [
        [
            r.id,
            coverage.label(r.verdict, r.examples),
            _trim(r.title, _TITLE),
            _trim(coverage.skipped(r.examples), _MESSAGE),
        ]
        for r in partial
    ]
    header = ["Requirement", "Verdict", "Title", "Not checked"]
    intro = "Partly checked (these pass, but some of their examples were skipped):"
    return ["", intro, *_table(header, rows)]


def _broken_table(broken: list[RequirementVerdict]) -> list[str]:
    rows = []
    for requirement in broken:
        scenario = _first_bad(requirement)
        rows.append(
            [
                requirement.id,
                requirement.verdict,
                _trim(requirement.title, _TITLE),
                _trim(scenario.name, _SCENARIO) if scenario else "-",
                _trim(_message(requirement, scenario), _MESSAGE),
            ]
        )
    header = ["Requirement", "Verdict", "Title", "First failing scenario", "Message"]
    return ["", *_table(header, rows)]


def render_show(result: RunResult) -> str:
    """Everything in a result, for ``report show``.

    Run details, all verdicts, then each requirement short of a full pass (failed, erroring,
    skipped or partly checked) with the examples that did not pass and why.
    """
    backend = result.backend
    run = result.run
    lines = [
        f"Backend:        {_ascii(backend.name)} ({_ascii(backend.implementation)} "
        f"{_ascii(backend.version)})",
        f"Endpoint:       {_ascii(backend.endpoint or 'in process')}",
        f"botocore:       {_ascii(backend.botocore_version)}",
        f"Specification:  {_ascii(result.spec_version)} (catalogue {result.catalogue_digest[:12]}"
        + (f", spec digest {result.spec_digest[:12]})" if result.spec_digest else ")"),
        f"Run:            {_ascii(run.started)} to {_ascii(run.finished)} ({run.duration:.1f} s)",
    ]
    if run.tags:
        lines.append(f"Tags:           {_ascii(run.tags)}")
    if run.requirements:
        lines.append(f"Restricted to:  {_ascii(', '.join(run.requirements))}")
    for key, value in sorted(backend.extra.items()):
        lines.append(f"{_ascii(key) + ':':<15} {_ascii(value)}")
    lines.extend(["", _counts_line(result), ""])
    rows = [
        [
            r.id,
            r.level,
            coverage.label(r.verdict, r.examples),
            f"{sum(1 for s in r.scenarios if s.outcome == 'passed')}/{len(r.scenarios)}",
            _trim(r.title, 60),
        ]
        for r in result.requirements
    ]
    lines.extend(_table(["Requirement", "Level", "Verdict", "Passed", "Title"], rows))
    for requirement in result.requirements:
        if requirement.verdict == "pass" and not requirement.partial:
            continue
        verdict = coverage.label(requirement.verdict, requirement.examples)
        heading = f"{_ascii(requirement.id)} {verdict}: {_ascii(requirement.title)}"
        lines.extend(["", heading])
        if requirement.reason:
            lines.append(f"  reason: {_trim(requirement.reason, 200)}")
        for scenario in requirement.scenarios:
            if scenario.outcome == "passed":
                continue
            lines.append(
                f"  {scenario.outcome}: {_ascii(scenario.name)} ({_ascii(scenario.location)})"
            )
            if scenario.failing_step:
                lines.append(f"    step: {_trim(scenario.failing_step, 200)}")
            if scenario.message:
                lines.append(f"    message: {_trim(scenario.message, 200)}")
    return "\n".join(lines) + "\n"


def _counts_line(result: RunResult) -> str:
    counts = result.counts()
    partly = coverage.partly_checked(len(result.partly_checked()))
    parts = ", ".join(f"{counts[v]} {v}" + (partly if v == "pass" else "") for v in VERDICTS)
    return (
        f"{len(result.requirements)} requirements on {_ascii(result.backend.name)} "
        f"(spec {_ascii(result.spec_version)}): {parts}"
    )


def _first_bad(requirement: RequirementVerdict) -> ScenarioResult | None:
    wanted = "error" if requirement.verdict == "error" else "failed"
    return next((s for s in requirement.scenarios if s.outcome == wanted), None)


def _message(requirement: RequirementVerdict, scenario: ScenarioResult | None) -> str:
    if scenario is not None and scenario.message:
        return scenario.message
    if scenario is not None and scenario.failing_step:
        return f"at step: {scenario.failing_step}"
    return requirement.reason or "-"


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    cells = [[_ascii(cell) for cell in row] for row in [header, *rows]]
    widths = [max(len(row[i]) for row in cells) for i in range(len(header))]

    def line(row: list[str]) -> str:
        return "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True))

    rule = "  ".join("-" * width for width in widths)
    return [line(cells[0]).rstrip(), rule, *(line(row).rstrip() for row in cells[1:])]


def _ascii(text: str) -> str:
    """One line of printable ASCII: typography mapped, accents dropped, the rest as '?'."""
    text = " ".join(text.translate(_TYPOGRAPHY).split())
    decomposed = unicodedata.normalize("NFKD", text)
    kept = "".join(c for c in decomposed if not unicodedata.combining(c))
    return "".join(c if " " <= c <= "~" else "?" for c in kept)


def _trim(text: str, limit: int) -> str:
    """The first line of ``text`` as ASCII, cut to ``limit`` characters with '...'."""
    lines = text.strip().splitlines()
    first = _ascii(lines[0]) if lines else ""
    if len(lines) > 1 and len(first) < limit:
        first += " ..."
    return first if len(first) <= limit else first[: limit - 3] + "..."

"""Plain-text views of a result for a terminal: the end-of-run table and ``report show``.

CI logs are read in narrow monospace windows that may not render Unicode or colour, so the
output is plain ASCII with columns padded by hand, and long messages are trimmed to one line.
"""

from __future__ import annotations

import unicodedata

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
    """The end-of-run summary: counts per verdict, then each failing or erroring requirement."""
    lines = [_counts_line(result)]
    broken = [r for r in result.requirements if r.verdict in ("fail", "error")]
    if not broken:
        lines.append("No requirement failed.")
        return "\n".join(lines) + "\n"
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
    lines.append("")
    header = ["Requirement", "Verdict", "Title", "First failing scenario", "Message"]
    lines.extend(_table(header, rows))
    return "\n".join(lines) + "\n"


def render_show(result: RunResult) -> str:
    """Everything in a result, for ``report show``: run details, all verdicts, then failures."""
    backend = result.backend
    run = result.run
    lines = [
        f"Backend:        {_ascii(backend.name)} ({_ascii(backend.implementation)} "
        f"{_ascii(backend.version)})",
        f"Endpoint:       {_ascii(backend.endpoint or 'in process')}",
        f"botocore:       {_ascii(backend.botocore_version)}",
        f"Specification:  {_ascii(result.spec_version)} (catalogue {result.catalogue_digest[:12]})",
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
            r.verdict,
            f"{sum(1 for s in r.scenarios if s.outcome == 'passed')}/{len(r.scenarios)}",
            _trim(r.title, 60),
        ]
        for r in result.requirements
    ]
    lines.extend(_table(["Requirement", "Level", "Verdict", "Passed", "Title"], rows))
    for requirement in result.requirements:
        if requirement.verdict == "pass":
            continue
        heading = f"{_ascii(requirement.id)} {requirement.verdict}: {_ascii(requirement.title)}"
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
    parts = ", ".join(f"{counts[v]} {v}" for v in VERDICTS)
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

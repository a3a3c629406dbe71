"""The Markdown summary of a run, for pull requests, job summaries and the published site.

A reader wants to know first what broke, so failures and errors come right after the header,
each with the scenario that failed and its message; then what was not fully checked (skipped
requirements, and passes some of whose examples were skipped); the full table follows.
"""

from __future__ import annotations

from conformance.results import coverage
from conformance.results.model import RequirementVerdict, RunResult, ScenarioResult
from conformance.specs import title_of

_BAD_OUTCOMES = ("error", "failed")


def render(result: RunResult) -> str:
    """The run as a Markdown document."""
    parts = [_header(result)]
    broken = [r for r in result.requirements if r.verdict in ("fail", "error")]
    if broken:
        parts.append("## Failures\n")
        parts.extend(_failure(requirement) for requirement in broken)
    skipped = [r for r in result.requirements if r.verdict == "skipped"]
    if skipped:
        parts.append("## Skipped\n")
        parts.append(
            "\n".join(
                f"- **{_inline(r.id)}** {_inline(r.title)}: "
                f"{_inline(r.reason or 'no reason given')}"
                for r in skipped
            )
            + "\n"
        )
    partial = result.partly_checked()
    if partial:
        parts.append("## Partly checked\n")
        parts.append(
            "These requirements pass, but only on some of their examples; the others were "
            "skipped, so they were not checked on this backend.\n"
        )
        parts.append(
            "\n".join(
                f"- **{_inline(r.id)}** {_inline(r.title)}: "
                f"{_inline(coverage.detail(r.verdict, r.examples))}"
                for r in partial
            )
            + "\n"
        )
    parts.append("## All requirements\n")
    parts.append(_table(result))
    return "\n".join(parts)


def _header(result: RunResult) -> str:
    backend = result.backend
    counts = result.counts()
    considered = len(result.requirements) - counts["skipped"]
    described = f"{backend.implementation} {backend.version}".strip()
    lines = [
        f"# {_inline(title_of(result.specification))} conformance: {_inline(backend.name)}\n",
        f"- **Backend:** {_inline(backend.name)} ({_inline(described) or 'unknown'})"
        + (f" at `{_code(backend.endpoint)}`" if backend.endpoint else ""),
        f"- **Specification:** {_inline(result.specification)}, "
        f"version {_inline(result.spec_version)}, "
        f"catalogue `{result.catalogue_digest[:12]}`"
        + (f", spec digest `{result.spec_digest[:12]}`" if result.spec_digest else ""),
        f"- **Run:** {_inline(result.run.started)} to {_inline(result.run.finished)} "
        f"({result.run.duration:.1f} s), botocore {_inline(backend.botocore_version)}",
        f"- **Result:** {counts['pass']} of {considered} requirements pass"
        f"{_partly(len(result.partly_checked()))} "
        f"({counts['fail']} fail, {counts['error']} error, {counts['skipped']} skipped)",
    ]
    if result.run.tags:
        lines.append(f"- **Selected by tags:** `{_code(result.run.tags)}`")
    return "\n".join(lines) + "\n"


def _failure(requirement: RequirementVerdict) -> str:
    lines = [
        f"### {_inline(requirement.id)}: {_inline(requirement.title)} ({requirement.verdict})\n"
    ]
    bad = [s for s in requirement.scenarios if s.outcome in _BAD_OUTCOMES]
    if not bad:
        lines.append(_inline(requirement.reason or f"The verdict is {requirement.verdict}.") + "\n")
    for scenario in bad:
        lines.append(_scenario(scenario))
    return "\n".join(lines)


def _scenario(scenario: ScenarioResult) -> str:
    label = "Error in" if scenario.outcome == "error" else "Failed:"
    text = f"- {label} *{_inline(scenario.name)}* (`{_code(scenario.location)}`)"
    if scenario.failing_step:
        text += f", at step `{_code(scenario.failing_step)}`"
    if scenario.message:
        text += "\n\n" + _fenced(scenario.message)
    return text + "\n"


def _table(result: RunResult) -> str:
    rows = ["| Requirement | Level | Title | Verdict | Scenarios passed |", "|---|---|---|---|---|"]
    for r in result.requirements:
        passed = sum(1 for s in r.scenarios if s.outcome == "passed")
        label = _inline(coverage.label(r.verdict, r.examples))
        verdict = f"**{label}**" if r.verdict in ("fail", "error") else label
        rows.append(
            f"| {_inline(r.id)} | {_inline(r.level)} | {_inline(r.title)} | {verdict} "
            f"| {passed}/{len(r.scenarios)} |"
        )
    return "\n".join(rows) + "\n"


def _partly(count: int) -> str:
    if not count:
        return ""
    return f", {count} of them only partly checked"


def _inline(text: str) -> str:
    """Text on one line, with the characters that would start Markdown markup escaped."""
    line = " ".join(text.split())
    for character in "\\`*_[]<>|":
        line = line.replace(character, "\\" + character)
    return line


def _code(text: str) -> str:
    """Text for an inline code span: one line, and no backtick that would close it."""
    return " ".join(text.split()).replace("`", "'")


def _fenced(text: str) -> str:
    """A fenced block that no run of backticks inside ``text`` can close early."""
    longest = 0
    run = 0
    for character in text:
        run = run + 1 if character == "`" else 0
        longest = max(longest, run)
    fence = "`" * max(3, longest + 1)
    body = "\n".join("  " + line for line in text.rstrip().splitlines())
    return f"  {fence}text\n{body}\n  {fence}"

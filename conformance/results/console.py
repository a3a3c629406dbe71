"""Plain-text views of a result for a terminal: the end-of-run table and ``report show``.

CI logs are read in narrow monospace windows that may not render Unicode, so the output is
plain ASCII with columns padded by hand. Tables fit the width they are given (the terminal's,
which ``COLUMNS`` overrides): the text columns wrap onto further lines rather than being cut, the
message column first of all, since it says what went wrong. Verdicts are coloured only when
asked (a terminal without ``NO_COLOR``). A pass some of whose examples were skipped is
labelled as partly checked wherever it appears, so a skipped example never reads as a
checked one.
"""

from __future__ import annotations

import os
import textwrap
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import IO

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
#: The longest message a table shows (wrapped over as many lines as it needs).
_MESSAGE = 1000
#: A wrapped column is never made narrower than this, whatever the width.
_NARROWEST = 12
_GAP = "  "
#: ANSI colours of the verdicts (SGR codes), for a terminal.
_COLOURS = {"pass": "32", "fail": "31", "error": "1;31", "skipped": "33"}


@dataclass(frozen=True)
class Layout:
    """How wide the tables may be (``None``: as wide as their longest cell) and whether the
    verdicts are coloured."""

    width: int | None = None
    colour: bool = False


def terminal_layout(stream: IO[str], width: int) -> Layout:
    """The layout for ``stream``: ``width`` columns (the caller's terminal size, which honours
    ``COLUMNS``), colour only on a terminal and only without ``NO_COLOR`` (no-color.org)."""
    is_terminal = bool(getattr(stream, "isatty", lambda: False)())
    plain = bool(os.environ.get("NO_COLOR")) or os.environ.get("TERM") == "dumb"
    return Layout(width=max(width, 40), colour=is_terminal and not plain)


def render_table(result: RunResult, layout: Layout = Layout()) -> str:
    """The end-of-run summary: counts, failing requirements, then partly checked ones."""
    lines = [_counts_line(result)]
    broken = [r for r in result.requirements if r.verdict in ("fail", "error")]
    if broken:
        lines.extend(_broken_table(broken, layout))
    else:
        lines.append("No requirement failed.")
    partial = result.partly_checked()
    if partial:
        lines.extend(_partial_table(partial, layout))
    return "\n".join(lines) + "\n"


def _partial_table(partial: tuple[RequirementVerdict, ...], layout: Layout) -> list[str]:
    """Each pass that rests on only some examples, with why the others were not run."""
    rows = [
        [
            r.id,
            coverage.label(r.verdict, r.examples),
            r.title,
            _clip(coverage.skipped(r.examples), _MESSAGE),
        ]
        for r in partial
    ]
    header = ["Requirement", "Verdict", "Title", "Not checked"]
    intro = "Partly checked (these pass, but some of their examples were skipped):"
    return ["", intro, *_table(header, rows, layout, wrap=(2, 3))]


def _broken_table(broken: list[RequirementVerdict], layout: Layout) -> list[str]:
    rows = []
    for requirement in broken:
        scenario = _first_bad(requirement)
        rows.append(
            [
                requirement.id,
                requirement.verdict,
                requirement.title,
                scenario.name if scenario else "-",
                _clip(_message(requirement, scenario), _MESSAGE),
            ]
        )
    header = ["Requirement", "Verdict", "Title", "First failing scenario", "Message"]
    return ["", *_table(header, rows, layout, wrap=(2, 3, 4))]


def render_show(result: RunResult, layout: Layout = Layout()) -> str:
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
        f"Specification:  {_ascii(result.specification)} {_ascii(result.spec_version)} "
        f"(catalogue {result.catalogue_digest[:12]}"
        + (f", spec digest {result.spec_digest[:12]})" if result.spec_digest else ")"),
        f"Run:            {_ascii(run.started)} to {_ascii(run.finished)} ({run.duration:.1f} s)",
    ]
    if run.tags:
        lines.append(f"Tags:           {_ascii(run.tags)}")
    if run.requirements:
        lines.append(f"Restricted to:  {_ascii(', '.join(run.requirements))}")
    if run.services:
        lines.append(f"Services:       {_ascii(', '.join(run.services))}")
    extra = dict(backend.extra)
    extra.setdefault("botocore", backend.botocore_version)  # once, whichever records it
    for key, value in sorted(extra.items()):
        lines.append(f"{_ascii(key) + ':':<15} {_ascii(value)}")
    lines.extend(["", _counts_line(result), ""])
    rows = [
        [
            r.id,
            r.level,
            coverage.label(r.verdict, r.examples),
            f"{sum(1 for s in r.scenarios if s.outcome == 'passed')}/{len(r.scenarios)}",
            r.title,
        ]
        for r in result.requirements
    ]
    header = ["Requirement", "Level", "Verdict", "Passed", "Title"]
    lines.extend(_table(header, rows, layout, wrap=(4,)))
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
    count = len(result.requirements)
    return (
        f"{count} requirement{'' if count == 1 else 's'} on {_ascii(result.backend.name)} "
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


def _table(
    header: list[str], rows: list[list[str]], layout: Layout, wrap: Sequence[int] = ()
) -> list[str]:
    """Rows padded into columns; the columns in ``wrap`` wrap onto further lines when the
    table would be wider than the layout allows (the last of them gets what is left)."""
    cells = [[_ascii(cell) for cell in row] for row in [header, *rows]]
    widths = _fit([max(len(row[i]) for row in cells) for i in range(len(header))], wrap, layout)

    def lines_of(row: list[str], colour: bool) -> list[str]:
        parts = [
            textwrap.wrap(cell, width, break_on_hyphens=False) or [""]
            for cell, width in zip(row, widths, strict=True)
        ]
        out = []
        for index in range(max(len(part) for part in parts)):
            texts = [part[index] if index < len(part) else "" for part in parts]
            padded = [text.ljust(width) for text, width in zip(texts, widths, strict=True)]
            if colour and index == 0 and texts[1]:
                padded[1] = _paint(texts[1], padded[1])
            out.append(_GAP.join(padded).rstrip())
        return out

    rule = _GAP.join("-" * width for width in widths)
    body = [line for row in cells[1:] for line in lines_of(row, layout.colour)]
    return [*lines_of(cells[0], False), rule, *body]


def _fit(natural: list[int], wrap: Sequence[int], layout: Layout) -> list[int]:
    """Column widths within ``layout.width``: the columns that cannot wrap keep their width;
    of the others, those that fit keep theirs, and the rest share what is left, the last of
    ``wrap`` (the message) counting twice; never narrower than ``_NARROWEST``."""
    if layout.width is None or not wrap:
        return natural
    room = layout.width - len(_GAP) * (len(natural) - 1)
    room -= sum(width for i, width in enumerate(natural) if i not in wrap)
    widths = list(natural)
    pending = sorted(wrap, key=lambda i: natural[i])
    while pending and natural[pending[0]] <= room // (len(pending) + 1):
        room -= natural[pending.pop(0)]  # fits as it is
    rest = [i for i in wrap if i in pending]
    for position, index in enumerate(rest):
        if position < len(rest) - 1:
            widths[index] = max(_NARROWEST, room // (len(rest) + 1 - position))
            room -= widths[index]
        else:
            widths[index] = max(_NARROWEST, room)
    return widths


def _paint(verdict: str, padded: str) -> str:
    """``padded`` with its verdict word coloured, the padding left as it is."""
    word = verdict.split(" ", 1)[0]
    code = _COLOURS.get(word)
    if code is None:
        return padded
    return padded.replace(word, f"\033[{code}m{word}\033[0m", 1)


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


def _clip(text: str, limit: int) -> str:
    """All of ``text`` on one line, up to ``limit`` characters (a table wraps it)."""
    flat = _ascii(text)
    return flat if len(flat) <= limit else flat[: limit - 3] + "..."

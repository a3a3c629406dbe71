"""Why examples failed, in words a maintainer can act on: one cause per failure message.

A certificate records, for every failed example, the step that failed and the message it
gave. Forty examples that all stopped at "Not yet implemented" are one thing to fix, not
forty, so failures are grouped by a *cause*: the message with what varies between examples
(Regions, quoted names, lists, numbers) taken out, or, where the message names an HTTP status
or an error code, just that. The messages come from a run of someone's implementation, so
they are also cleaned of terminal escapes and control characters before any view shows them;
escaping for the medium (HTML, Markdown) stays the view's job.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from conformance.results.model import RequirementVerdict, ScenarioResult

#: Outcomes that say something is wrong with the implementation or the run.
FAILING = ("failed", "error")
NO_MESSAGE = "no message recorded"

_ANSI = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b[@-_]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_HTTP = re.compile(r"\((\d{3}): (.*)\)", re.S)
_TITLE = re.compile(r"<title>([^<]*)</title>", re.I)
_TAG = re.compile(r"<[^>]*>")
#: How much of an error body a cause keeps.
BODY_WORDS = 80
_REFUSED_INSTEAD = re.compile(r"refused with (\w+), not (.+?)\.?$")
_SUCCEEDED = re.compile(r"succeeded, but it should be refused with (.+?)\.?$")
_QUOTED = re.compile(r"(?<!\w)'[^']*'(?!\w)|\"[^\"]*\"|\[[^\]]*\]")
_REGION = re.compile(r"\b[a-z]{2}(?:-gov)?-[a-z]+-\d\b(?:, )?")
_NUMBER = re.compile(r"\b\d+\b")


def clean(text: str | None) -> str:
    """``text`` without terminal escapes and control characters (newlines and tabs kept)."""
    if not text:
        return ""
    return _CONTROL.sub("", _ANSI.sub("", text)).strip()


def cause(message: str | None) -> str:
    """What a failure message comes down to, the same for every example it stopped.

    ``Creating a replication set in us-east-1 was refused (404: Not yet implemented).`` is
    ``HTTP 404: Not yet implemented``; ``... was refused with NoSuchEntity, not
    PolicyNotAttachable.`` is ``NoSuchEntity where PolicyNotAttachable was expected``; any
    other message keeps its words with the values that vary replaced by an ellipsis.
    """
    text = " ".join(clean(message).split())
    if not text:
        return NO_MESSAGE
    if match := _HTTP.search(text):
        return f"HTTP {match.group(1)}: {_body(match.group(2))}"
    if match := _REFUSED_INSTEAD.search(text):
        return f"{match.group(1)} where {match.group(2)} was expected"
    if match := _SUCCEEDED.search(text):
        return f"Accepted where {match.group(1)} was expected"
    text = _REGION.sub("… ", text)
    text = _NUMBER.sub("N", _QUOTED.sub("…", text))
    text = re.sub(r"…(\s*…)*\s*(?=[,.;:]|$)", "…", re.sub(r"(…\s*)+", "… ", text))
    return text.rstrip(".").strip() or NO_MESSAGE


def _body(body: str) -> str:
    """What an error body says, short: an HTML page's title, else its text's first clause."""
    if title := _TITLE.search(body):
        return title.group(1).strip()
    text = " ".join(_TAG.sub(" ", body).split())
    text = re.split(r"(?<=[.;])\s", text, maxsplit=1)[0]
    return text if len(text) <= BODY_WORDS else text[: BODY_WORDS - 1].rstrip() + "…"


def failing(verdict: RequirementVerdict | None) -> tuple[ScenarioResult, ...]:
    """The examples of a verdict that failed or ended in an error, in run order."""
    if verdict is None:
        return ()
    return tuple(s for s in verdict.scenarios if s.outcome in FAILING)


def grouped(
    scenarios: Iterable[ScenarioResult],
) -> list[tuple[str, list[ScenarioResult]]]:
    """The scenarios by cause, the most frequent cause first (ties in order of appearance)."""
    groups: dict[str, list[ScenarioResult]] = {}
    for scenario in scenarios:
        groups.setdefault(cause(scenario.message), []).append(scenario)
    order = {key: index for index, key in enumerate(groups)}
    return sorted(groups.items(), key=lambda item: (-len(item[1]), order[item[0]]))


def by_cause(
    verdicts: Sequence[RequirementVerdict],
) -> list[tuple[str, list[tuple[RequirementVerdict, list[ScenarioResult]]]]]:
    """Failing requirements grouped by cause: the cause that fails most requirements first.

    A requirement whose examples fail for two causes is listed under both, each time with the
    examples of that cause, so fixing one cause shows which requirements it unblocks.
    """
    groups: dict[str, list[tuple[RequirementVerdict, list[ScenarioResult]]]] = {}
    for verdict in verdicts:
        for key, scenarios in grouped(failing(verdict)):
            groups.setdefault(key, []).append((verdict, scenarios))
    order = {key: index for index, key in enumerate(groups)}
    return sorted(groups.items(), key=lambda item: (-len(item[1]), order[item[0]]))

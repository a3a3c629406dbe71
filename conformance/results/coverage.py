"""The words for a partly checked verdict, shared by every view so they all say the same.

A pass that rests on some of a requirement's examples while the others were skipped must never
read like a full pass: the console, the summary, the matrix, the badge and the documentation
site all label it with how many examples ran and why the rest did not. The text is plain; each
view escapes or trims it for its medium.
"""

from __future__ import annotations

from conformance.results.model import Examples, is_partial

NO_REASON = "no reason given"


def label(verdict: str, examples: Examples) -> str:
    """The verdict for a table cell: ``pass``, or ``pass (2 of 5 examples)`` if partly checked."""
    if not is_partial(verdict, examples):
        return verdict
    return f"{verdict} ({examples.passed} of {examples.total} examples)"


def detail(verdict: str, examples: Examples) -> str:
    """The verdict with why it is partial, for a line of its own or a tooltip.

    ``pass (2 of 5 examples; 3 skipped: needs the 'clock' test control, ...)``; any other
    verdict is returned as it is.
    """
    if not is_partial(verdict, examples):
        return verdict
    return f"{verdict} ({examples.passed} of {examples.total} examples; {skipped(examples)})"


def skipped(examples: Examples) -> str:
    """``3 skipped: reason one; reason two``, the reasons in the order they first appeared."""
    reasons = "; ".join(" ".join(reason.split()) for reason in examples.skip_reasons)
    return f"{examples.skipped} skipped: {reasons or NO_REASON}"


def partly_checked(count: int) -> str:
    """`` (2 partly checked)`` to follow a count of passes, or nothing when there are none."""
    return f" ({count} partly checked)" if count else ""

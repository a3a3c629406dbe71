"""An SVG badge, "IM SLR conformance 3.0.0 | 27/34 pass, 3 skipped, 2 partial", for a README.

The badge names the specification (its short label, ``conformance.specs``: "IM SLR" for
incident-manager, "IAM SLR" for service-linked-roles) and the version it holds for: a count
of passing requirements means nothing without the catalogue they were counted in.

The badge is drawn here rather than fetched from a badge service so a certificate is complete
offline and always matches its results file. The count is over every requirement of the
catalogue, and the skipped ones are named ("3 skipped"), so that a backend which lacks the test
controls of many requirements cannot read as nearly complete; passes that rest on only some of
their examples are named too ("2 partial"), and only fully checked passes earn colour, so a
badge never claims more than the examples that ran.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from conformance.results.model import RunResult
from conformance.specs import badge_label

# (lowest share passing, colour), best first; the shields.io palette.
_COLOURS = (
    (1.0, "#4c1"),
    (0.9, "#97ca00"),
    (0.75, "#dfb317"),
    (0.5, "#fe7d37"),
    (0.0, "#e05d44"),
)
_NO_DATA = "#9f9f9f"
_CHAR_WIDTH = 6.5
_PADDING = 10


def skipped(result: RunResult) -> int:
    """How many requirements were not checked at all."""
    return result.counts()["skipped"]


def partial(result: RunResult) -> int:
    """How many of the passing requirements are only partly checked."""
    return len(result.partly_checked())


def value(result: RunResult) -> str:
    """The badge's right-hand text: ``27/34 pass``, ``27/34 pass, 3 skipped, 2 partial``.

    The denominator is every requirement of the result, skipped ones included.
    """
    passed = result.counts()["pass"]
    left_out, partly = skipped(result), partial(result)
    return (
        f"{passed}/{len(result.requirements)} pass"
        + (f", {left_out} skipped" if left_out else "")
        + (f", {partly} partial" if partly else "")
    )


def label_of(result: RunResult) -> str:
    """The badge's left-hand text: ``IM SLR conformance 3.0.0``, naming the specification and
    its version."""
    return f"{badge_label(result.specification)} {result.spec_version}"


def colour(passed: int, counted: int) -> str:
    """The badge colour for a share of requirements passing."""
    if counted == 0:
        return _NO_DATA
    share = passed / counted
    return next(hex_colour for floor, hex_colour in _COLOURS if share >= floor)


def render(result: RunResult) -> str:
    """The badge as a standalone SVG document.

    The count is passing requirements over all requirements, followed by how many were skipped
    and how many of the passes are partly checked (see ``value``). The colour is the share of
    fully checked passes among all the requirements (errors and skips count as not passing),
    grey when every requirement was skipped.
    """
    passed, count, left_out = result.counts()["pass"], len(result.requirements), skipped(result)
    partly = partial(result)
    shown = value(result)
    fill = colour(passed - partly, count) if left_out < count else _NO_DATA
    left = _width(label_of(result))
    right = _width(shown)
    total = left + right
    summary = f"{passed} of {count} requirements pass on {result.backend.name}"
    if left_out:
        summary += f", {left_out} skipped"
    if partly:
        summary += f", {partly} of them only partly checked"
    title = _xml(
        f"{badge_label(result.specification)} (specification {result.specification} "
        f"{result.spec_version}): {summary}"
    )
    label = _xml(label_of(result))
    text = _xml(shown)
    return f"""<svg xmlns="http://www.w3.org/2000/svg" width="{total}" height="20" \
role="img" aria-label="{title}">
  <title>{title}</title>
  <linearGradient id="s" x2="0" y2="100%">
    <stop offset="0" stop-color="#bbb" stop-opacity=".1"/>
    <stop offset="1" stop-opacity=".1"/>
  </linearGradient>
  <clipPath id="r"><rect width="{total}" height="20" rx="3" fill="#fff"/></clipPath>
  <g clip-path="url(#r)">
    <rect width="{left}" height="20" fill="#555"/>
    <rect x="{left}" width="{right}" height="20" fill="{fill}"/>
    <rect width="{total}" height="20" fill="url(#s)"/>
  </g>
  <g fill="#fff" text-anchor="middle" font-family="Verdana,Geneva,DejaVu Sans,sans-serif" \
font-size="11">
    <text x="{left / 2:.1f}" y="15" fill="#010101" fill-opacity=".3">{label}</text>
    <text x="{left / 2:.1f}" y="14">{label}</text>
    <text x="{left + right / 2:.1f}" y="15" fill="#010101" fill-opacity=".3">{text}</text>
    <text x="{left + right / 2:.1f}" y="14">{text}</text>
  </g>
</svg>
"""


def _xml(text: str) -> str:
    """Text safe in XML content and in a double-quoted attribute, on one line."""
    printable = "".join(c if c.isprintable() else " " for c in text)
    return escape(" ".join(printable.split()), {'"': "&quot;"})


def _width(text: str) -> int:
    return round(len(text) * _CHAR_WIDTH) + 2 * _PADDING

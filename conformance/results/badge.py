"""An SVG badge, "IM SLR conformance | 27/31", for an implementation's README.

The badge is drawn here rather than fetched from a badge service so a certificate is complete
offline and always matches its results file.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from conformance.results.model import RunResult

LABEL = "IM SLR conformance"

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


def score(result: RunResult) -> tuple[int, int]:
    """Passing requirements, and requirements that count.

    Skipped requirements do not count either way (their scenarios need a test control the
    backend lacks, which says nothing about the implementation); errors count as not passing.
    """
    counts = result.counts()
    return counts["pass"], len(result.requirements) - counts["skipped"]


def colour(passed: int, counted: int) -> str:
    """The badge colour for a share of requirements passing."""
    if counted == 0:
        return _NO_DATA
    share = passed / counted
    return next(hex_colour for floor, hex_colour in _COLOURS if share >= floor)


def render(result: RunResult) -> str:
    """The badge as a standalone SVG document.

    The count is passing requirements over requirements not skipped (see ``score``); with no
    requirement counted the badge reads "n/a" in grey.
    """
    passed, counted = score(result)
    value = f"{passed}/{counted}" if counted else "n/a"
    fill = colour(passed, counted)
    left = _width(LABEL)
    right = _width(value)
    total = left + right
    title = _xml(f"{LABEL}: {value} requirements pass on {result.backend.name}")
    label = _xml(LABEL)
    text = _xml(value)
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

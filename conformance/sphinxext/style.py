"""The style sheet of the views that explain verdicts: why-entries, implementation pages and
the home page's bars. Like the badges' sheet (``parts.CSS``) it is text written into the HTML
output at the end of a build, so the extension needs no package data, and it uses the theme's
colour variables where furo has them, with plain fallbacks elsewhere."""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx

CSS_FILE = "slr-views.css"

CSS = """\
.slr-why { margin: 0.8em 0 1.2em; padding: 0.4em 0.9em; border-left: 3px solid #b91c1c;
  background: var(--color-background-secondary, #f8f9fb); }
.slr-why-title { font-weight: 600; margin: 0.3em 0; }
.slr-why-entry { margin: 0.5em 0 0.8em; }
.slr-why-heading { margin: 0.3em 0; }
.slr-cause { margin: 0.2em 0 0.6em 1em; }
.slr-cause-title { margin: 0.2em 0; }
.slr-cause dl.slr-facts { margin: 0.2em 0; }
.slr-said { font-family: var(--font-stack--monospace, monospace); font-size: 0.85em;
  overflow-wrap: anywhere; white-space: pre-wrap; }
.slr-fix-requirement { margin: 0.6em 0 0.1em; }
details.slr-report { margin: 0 0 0.6em 1em; }
details.slr-report > summary { cursor: pointer; font-size: 0.9em;
  color: var(--color-brand-content, #2962ff); }
details.slr-report pre { white-space: pre-wrap; overflow-wrap: anywhere; font-size: 0.8em; }
.slr-glance { display: grid; grid-template-columns: repeat(auto-fill, minmax(17em, 1fr));
  gap: 0.8em; margin: 0.6em 0 1.2em; }
.slr-glance-card { border: 1px solid var(--color-background-border, #ddd); border-radius: 0.4em;
  padding: 0.5em 0.7em; }
.slr-glance-name { margin: 0 0 0.4em; }
.slr-glance-what { font-size: 0.8em; color: var(--color-foreground-secondary, #555); }
.slr-glance-row { display: grid; grid-template-columns: 8.5em 1fr 2.6em; gap: 0.4em;
  align-items: center; font-size: 0.8em; margin: 0.15em 0; }
.slr-glance-label { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.slr-glance-count { text-align: right; font-variant-numeric: tabular-nums; }
.slr-bar { display: flex; height: 0.8em; border-radius: 0.2em; overflow: hidden;
  background: #e5e7eb; }
.slr-seg { display: block; min-width: 2px; }
.slr-seg.slr-pass { background: #15803d; }
.slr-seg.slr-partial { background: repeating-linear-gradient(45deg, #15803d 0 3px, #86efac 3px 6px); }
.slr-seg.slr-fail { background: #b91c1c; }
.slr-seg.slr-error { background: #7e22ce; }
.slr-seg.slr-skipped { background: #6b7280; }
.slr-seg.slr-none { background: #d1d5db; }
.slr-glance-legend .slr-badge { font-size: 0.75em; }
"""


def write_css(app: Sphinx, exception: Exception | None) -> None:
    """Write the views' style sheet into the HTML output's static folder."""
    if exception is None and app.builder.format == "html":
        static = Path(app.outdir) / "_static"
        static.mkdir(parents=True, exist_ok=True)
        (static / CSS_FILE).write_text(CSS, encoding="utf-8")


def setup_style(app: Sphinx) -> None:
    app.add_css_file(CSS_FILE)
    app.connect("build-finished", write_css)

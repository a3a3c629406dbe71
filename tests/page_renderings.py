"""A copy of an AWS page as a browser saves it: the site's furniture around the page's HTML.

The drift tests and the family's reader tests build their HTML copies from here, so that both
meet the same navigation, feedback questions, footer and table of contents a saved page has.
``markdown_html`` renders a page kept as Markdown the way the site does (headings with their
anchors as ids), with a real Markdown renderer.
"""

from __future__ import annotations

import html
import re

from markdown_it import MarkdownIt

FURNITURE_TOP = """<!DOCTYPE html>
<html lang="en-US"><head><meta charset="utf-8">
<title>{title} - Incident Manager</title>
<script>var fallback = "<p>Not content</p>";</script><style>p {{ margin: 0 }}</style>
</head><body>
<div id="js_error_message"><p><strong>Javascript is disabled or is unavailable in your
browser.</strong></p><p>To use the Amazon Web Services Documentation, Javascript must be
enabled. Please refer to your browser&#39;s Help pages for instructions.</p></div>
<header><a href="/">AWS</a> <button>Focus mode</button></header>
<nav aria-label="Breadcrumbs"><ol><li><a href="/">Documentation</a></li>
<li><a href="/im">Incident Manager</a></li><li><a href="#">{title}</a></li></ol></nav>
<div class="toc"><h6>On this page</h6><ul>{toc}</ul></div>
<main><div id="main-col-body">
"""
FURNITURE_BOTTOM = """
<div class="toc"><ul>{toc}</ul></div>
<awsdocs-thumb-feedback><h2>Did this page help you? - Yes</h2>
<p>Thanks for letting us know we&rsquo;re doing a good job!</p>
<p>If you&#39;ve got a moment, please tell us what we did right so we can do more of it.</p>
<h2>Did this page help you? - No</h2>
<p>Thanks for letting us know this page needs work. We&#39;re sorry we let you down.</p>
<p>If you&#39;ve got a moment, please tell us how we can make the documentation better.</p>
</awsdocs-thumb-feedback>
</div>
<div id="main-col-footer"><div id="doc-conventions"><a href="/conv">Document Conventions</a></div>
<div class="prev-next"><div id="previous"><a href="/a">Service-linked roles</a></div>
<div id="next"><a href="/b">Security in Incident Manager</a></div></div></div>
<p>A paragraph after the footer starts, which is not the page's.</p>
</main>
<footer><p>Privacy | Site terms | Cookie preferences | &copy; 2026, Amazon Web Services, Inc.
or its affiliates. All rights reserved.</p></footer>
</body></html>
"""


_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)
_LABEL = re.compile(r"^\s*\*\*[^*]+\*\*\s*$", re.M)
_ANCHOR_AFTER = re.compile(
    r"<h(?P<n>[1-6])>(?P<title>.*?)</h(?P=n)>\s*<p><a name=\"(?P<id>[^\"]+)\"></a></p>", re.S
)
_ANCHOR_INSIDE = re.compile(
    r"<h(?P<n>[1-6])>(?P<title>.*?)<a name=\"(?P<id>[^\"]+)\"></a></h(?P=n)>", re.S
)


def markdown_html(markdown: str, title: str) -> str:
    """The page as a browser saves it, from its Markdown: furniture, headings with ids."""
    # the site sets a note's label ("Note", "Important") and a procedure's title in an element
    # of their own, never run into the paragraph after them
    markdown = _LABEL.sub(r"\n\g<0>\n", _FRONT_MATTER.sub("", markdown))
    body = MarkdownIt("commonmark").enable("table").render(markdown)
    for pattern in (_ANCHOR_AFTER, _ANCHOR_INSIDE):
        body = pattern.sub(r'<h\g<n> id="\g<id>">\g<title></h\g<n>>', body)
    toc = "".join(
        f'<li><a href="#{m["id"]}">{m["title"]}</a></li>'
        for m in re.finditer(r'<h2 id="(?P<id>[^"]+)">(?P<title>.*?)</h2>', body)
    )
    safe = html.escape(title)
    return FURNITURE_TOP.format(title=safe, toc=toc) + body + FURNITURE_BOTTOM.format(toc=toc)

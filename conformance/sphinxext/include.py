"""The ``slr-include-optional`` directive: include a generated file when a run produced it.

Some pages show reports that only exist after an optional run (the mutation report, for
instance). A plain ``include`` fails the build when the file is missing; this directive
includes the file if it exists and otherwise renders its own content, which says plainly that
nothing has been recorded. The file is parsed with the including page's parser (Markdown for
MyST pages) and its headings become subsections of the page.
"""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from docutils.statemachine import StringList
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective


class OptionalIncludeDirective(SphinxDirective):
    """``.. slr-include-optional:: _generated/report.md`` with fallback content."""

    required_arguments = 1
    final_argument_whitespace = True
    has_content = True

    def run(self) -> list[nodes.Node]:
        relative, absolute = self.env.relfn2path(self.arguments[0].strip(), self.env.docname)
        path = Path(absolute)
        self.env.note_dependency(relative)
        holder = nodes.container()
        if path.is_file():
            lines = path.read_text(encoding="utf-8").splitlines()
            self.state.nested_parse(StringList(lines, str(path)), 0, holder, match_titles=True)
        else:
            self.state.nested_parse(self.content, self.content_offset, holder)
        return list(holder.children)


def setup_include(app: Sphinx) -> None:
    app.add_directive("slr-include-optional", OptionalIncludeDirective)

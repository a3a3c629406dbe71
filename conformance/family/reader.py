"""A service's page, as its sections: found by what their headings mean, not their wording.

The pages follow one template, but each service words its headings its own way ("Service-linked
role permissions for AWS Batch", "SLR permissions for ACM", "Cleaning up a service-linked
role"), and a page may spread a topic over several files. The page's title (a first-level heading)
opens the overview, unless the page is one part of a topic spread over several pages and its
title names the section it holds; any other heading is placed by the words it is about; a note's label set as a small heading ("Important") opens nothing; a heading about
nothing the template knows opens the section ``other`` at the second level and is part of the
section it sits in below it. Headings below the second level are kept as lines of their
section too: one copy sets a procedure's title as a small heading where another sets it in bold. Text before the first heading is the overview.

The copy is Markdown (``.md``, as AWS keeps its pages) or what a browser saves (HTML), read
by the paragraph reader the Incident Manager page's drift check uses.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from conformance.drift.paragraphs import Block, content, html_blocks, letters, markdown_blocks
from conformance.errors import ConfigurationError

OVERVIEW, PERMISSIONS, CREATING, EDITING, DELETING, REGIONS, OTHER = (
    "overview", "permissions", "creating", "editing", "deleting", "regions", "other",
)  # fmt: skip
#: The template's sections, in page order.
SECTIONS = (OVERVIEW, PERMISSIONS, CREATING, EDITING, DELETING, REGIONS)

#: What a heading is about, by the stems of its words (letters only), first match wins.
_MEANINGS = (
    (PERMISSIONS, ("permission", "aboutthe")),
    (DELETING, ("delet", "cleaningup", "cleanup", "remov")),
    (EDITING, ("edit", "modif")),
    (CREATING, ("creat",)),
    (REGIONS, ("region",)),
)
#: Labels of notes, which some copies set as headings.
_LABELS = frozenset({"note", "notes", "important", "warning", "tip", "caution"})
_URL = re.compile(r"\A---\n(?:.*\n)*?source_url:\s*(?P<url>\S+)\n(?:.*\n)*?---\n")


@dataclass(frozen=True)
class Section:
    """One section of a page: its key, the heading and anchor that opened it, its paragraphs."""

    key: str
    title: str
    anchor: str
    blocks: tuple[Block, ...]

    @property
    def text(self) -> str:
        return "\n".join(block.text for block in self.blocks)


@dataclass(frozen=True)
class Page:
    """A page's sections by key, in page order, and its live URL where the copy names it."""

    name: str
    url: str
    sections: dict[str, Section]

    def section(self, key: str) -> Section | None:
        return self.sections.get(key)


def meaning(heading: str) -> str | None:
    """The template section a heading is about, or ``None``."""
    folded = letters(heading)
    for key, stems in _MEANINGS:
        if any(stem in folded for stem in stems):
            return key
    return None


def title_meaning(title: str) -> str:
    """The section a page's title opens: the overview, unless the page is one section of a
    topic spread over several pages ("Edit a service-linked role for Amazon MSK")."""
    folded = letters(title)
    about_the_role = "servicelinkedrole" in folded or "slr" in folded
    if folded.startswith(("using", "use")) or not about_the_role:
        return OVERVIEW
    return meaning(title) or OVERVIEW


def is_label(block: Block) -> bool:
    return letters(block.text) in _LABELS


def sections_of(blocks: list[Block]) -> dict[str, Section]:
    """The blocks of a page (several copies' blocks one after the other) under their sections."""
    collected: dict[str, list[Block]] = {}
    opened: dict[str, tuple[str, str]] = {}
    current = OVERVIEW
    for block in content(blocks):
        if block.heading and not is_label(block):
            key = title_meaning(block.text) if block.level == 1 else meaning(block.text)
            if key is None and block.level == 2:
                key = OTHER
            if key is not None:
                current = key
                opened.setdefault(key, (block.text, block.anchor))
                collected.setdefault(key, [])
                if block.level <= 2:
                    continue  # a lower heading is also a line of its section (a step's title)
        collected.setdefault(current, []).append(block)
    order = [*SECTIONS, OTHER]
    return {
        key: Section(key, *opened.get(key, ("", "")), tuple(collected[key]))
        for key in sorted(collected, key=order.index)
    }


def blocks_of(path: Path) -> tuple[list[Block], str]:
    """The blocks of one copy and the live URL its front matter names (or "")."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigurationError(f"The page copy {path} cannot be read ({exc}).") from None
    if path.suffix.lower() in (".md", ".markdown"):
        found = _URL.match(text.replace("\r\n", "\n"))
        return markdown_blocks(text), found["url"] if found else ""
    return html_blocks(text), ""


def read_page(path: Path, extra: tuple[Path, ...] = (), url: str = "") -> Page:
    """A page from its copy and the copies of the pages its topic continues on."""
    first, named = blocks_of(path)
    blocks = list(content(first))  # each copy's own footer ends that copy's content only
    for more in extra:
        blocks += content(blocks_of(more)[0])
    return Page(path.name, url or named, sections_of(blocks))

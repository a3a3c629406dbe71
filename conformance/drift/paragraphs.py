"""A saved copy of the AWS page, as the paragraphs a reader sees, and their fingerprints.

A copy comes as the HTML a browser saves, as plain text (a transcription, or what a
browser saves as text), or as the Markdown AWS keeps its pages in (``markdown_blocks``). Both must give the *same* fingerprints for the same page, so the
fingerprint keeps only what carries meaning for the specification: the letters and digits of
the paragraph, lower-cased, in order. Whitespace, line breaks, punctuation, typographic
quotes and dashes, non-breaking spaces and HTML entities all fall away, and so do the joins a
transcription makes or misses (two words run together, an identifier set on its own line).

Paragraphs are the page's blocks: in HTML each ``p``, ``li``, heading, ``pre``, table cell,
definition, and the loose text of a ``div``; in text, lines, where a bullet (a line that is
only a dash, a line ending in one, or a number like ``1.``) starts an item and a line that
begins with a lower-case letter continues the paragraph before it (a transcription splits a
list item wherever the page set a word in code or a link).

The page's own furniture is not content: navigation, breadcrumbs, the feedback questions, the
notice about JavaScript, the footer and previous/next links. HTML subtrees that are
navigation by their element or role are skipped, a block that is nothing but links is
skipped (unless it is one identifier, such as a managed policy linked to its reference,
that leads off the page), and the site's fixed phrases are skipped wherever they appear; nothing after the
footer's "Document Conventions" is content. Anything unknown is
kept: at worst it shows up as a paragraph nobody has reviewed, never as a change missed.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from conformance.errors import ConfigurationError

#: Which normalisation produced a fingerprint; recorded with the fingerprints.
SCHEME = 1


@dataclass(frozen=True)
class Block:
    """One paragraph of a copy; ``heading`` says whether it may open a section of the page,
    ``link`` that its whole text is one link (previous/next, a table of contents)."""

    text: str
    heading: bool
    link: bool = False
    level: int = 0  # 1 to 6 for a heading whose level the copy shows (HTML, Markdown)
    anchor: str = ""  # the heading's anchor on the live page, where the copy keeps it


@dataclass(frozen=True)
class SavedCopy:
    """A file said to be a copy of the page: its name, the hash of its bytes, its blocks."""

    name: str
    sha256: str
    blocks: list[Block]


def letters(text: str) -> str:
    """The letters and digits of ``text``, lower-cased: what a fingerprint is taken over."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return "".join(ch for ch in folded if ch.isalnum())


def fingerprint(text: str) -> str:
    """A short hash of the paragraph's letters and digits (64 bits: plenty for one page)."""
    return hashlib.sha256(letters(text).encode("utf-8")).hexdigest()[:16]


def excerpt(text: str, words: int = 8) -> str:
    """The first few words of a paragraph, to point a reader at it on the console."""
    tokens = text.split()
    return " ".join(tokens[:words]) + (" …" if len(tokens) > words else "")


# ---------------------------------------------------------------- the site's furniture

#: Fixed phrases of the AWS documentation site, as ``letters`` gives them.
_FURNITURE_PREFIXES = (
    "didthispagehelpyou",
    "thanksforlettingusknow",
    "ifyouvegotamomentpleasetellus",
    "javascriptisdisabledorisunavailable",
    "tousetheamazonwebservicesdocumentationjavascriptmustbeenabled",
    "pleaserefertoyourbrowsershelppages",
    "providefeedback",
    "previoustopic",
    "nexttopic",
    "helpimprovethispage",  # the box some guides set on every page, inviting edits
    "tocontributetothisuserguide",
)
_FURNITURE_WHOLE = frozenset(
    {
        "documentconventions",
        "onthispage",
        "previous",
        "next",
        "yes",
        "no",
        "feedback",
        "focusmode",
        "pdf",
        "rss",
        "privacy",
        "siteterms",
        "cookiepreferences",
        "topics",  # the label of a page's list of its own subtopics
        "json",  # the label of a code sample's tab
    }
)
_FURNITURE_INSIDE = ("amazonwebservicesincoritsaffiliatesallrightsreserved",)
#: A link that is one identifier (a managed policy's name in a list, linked to its reference)
#: is content, not navigation, unless it leads within the page (a table of contents).
_IDENTIFIER = re.compile(r"[A-Z][A-Za-z0-9_+=,.@-]*[a-z0-9][A-Z][A-Za-z0-9_+=,.@-]*")
#: Where the page's content ends and the site's footer begins.
_END_OF_CONTENT = "documentconventions"


def is_furniture(text: str) -> bool:
    folded = letters(text)
    return (
        folded in _FURNITURE_WHOLE
        or folded.startswith(_FURNITURE_PREFIXES)
        or any(phrase in folded for phrase in _FURNITURE_INSIDE)
    )


def content(blocks: list[Block]) -> Iterator[Block]:
    """The blocks that can be the page's own: no furniture, nothing after the footer starts."""
    for block in blocks:
        folded = letters(block.text)
        if folded == _END_OF_CONTENT:
            return
        if folded and not block.link and not is_furniture(block.text):
            yield block


# ---------------------------------------------------------------- plain text

_MARK = r"[-*\u2022\u2013\u2014]"  # hyphen, asterisk, bullet, en and em dash
_BULLET = rf"(?:{_MARK}|\d+[.)])"  # or a number: "1." "2)"
_ONLY_BULLET = re.compile(_BULLET)
_LEADING_BULLET = re.compile(rf"{_BULLET}\s+(?P<rest>.*)")
_TRAILING_BULLET = re.compile(rf"(?P<rest>.*?)\s+{_MARK}")  # never a number: "in Region 2."


def text_blocks(text: str) -> list[Block]:
    """Paragraphs of a plain-text copy (see the module's description of the rules)."""
    blocks: list[Block] = []
    current: list[str] = []

    def close() -> None:
        if current:
            blocks.append(Block(" ".join(current), heading=True))
            current.clear()

    for raw in text.splitlines():
        line = raw.strip()
        if not line or _ONLY_BULLET.fullmatch(line):
            close()
            continue
        leading = _LEADING_BULLET.fullmatch(line)
        if leading:
            close()
            line = leading["rest"]
        trailing = _TRAILING_BULLET.fullmatch(line)
        if trailing:
            line = trailing["rest"]
        if current and not line[:1].islower():
            close()
        current.append(line)
        if trailing:
            close()
    close()
    return blocks


# ---------------------------------------------------------------- HTML

_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_BLOCKS = _HEADINGS | frozenset(
    {
        "address", "article", "blockquote", "body", "caption", "dd", "details", "dialog",
        "div", "dl", "dt", "fieldset", "figcaption", "figure", "hr", "li", "main", "ol", "p",
        "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
    }
)  # fmt: skip
#: Elements whose whole subtree is never the page's content.
_SKIPPED = frozenset(
    {
        "aside", "button", "footer", "form", "head", "header", "iframe", "nav", "noscript",
        "script", "select", "style", "svg", "template", "textarea",
    }
)  # fmt: skip
_SKIPPED_ROLES = frozenset({"navigation", "banner", "contentinfo", "complementary", "search"})
#: Elements that never have an end tag, so they can never open a skipped subtree.
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
)


class _BlockParser(HTMLParser):
    """Collects the text of each block, noting the blocks whose text is all inside links."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self._text: list[str] = []
        self._outside_links: list[str] = []
        self._links = 0
        self._links_seen = False
        self._in_page = False
        self._heading = 0
        self._level = 0
        self._anchor = ""
        self._skipping: list[str] = []

    def _flush(self) -> None:
        text = " ".join("".join(self._text).split())
        only_a_link = self._links_seen and not letters("".join(self._outside_links))
        if (
            only_a_link
            and not self._in_page
            and _IDENTIFIER.fullmatch(" ".join("".join(self._text).split()))
        ):
            only_a_link = False  # a name linked to its reference is the page's own text
        if text:
            heading = self._heading > 0  # a heading is never navigation, even as a self-link
            self.blocks.append(
                Block(
                    text,
                    heading,
                    link=only_a_link and not heading,
                    level=self._level if heading else 0,
                    anchor=self._anchor if heading else "",
                )
            )
        self._text, self._outside_links, self._links_seen, self._in_page = [], [], False, False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._skipping:
            if tag == self._skipping[-1]:
                self._skipping.append(tag)
            return
        attributes = dict(attrs)
        hidden = "hidden" in attributes or attributes.get("aria-hidden") == "true"
        if tag not in _VOID and (
            tag in _SKIPPED or attributes.get("role") in _SKIPPED_ROLES or hidden
        ):
            self._flush()
            self._skipping.append(tag)
            return
        if tag in _BLOCKS:
            self._flush()
        if tag in _HEADINGS:
            self._heading += 1
            self._level, self._anchor = int(tag[1]), attributes.get("id") or ""
        elif tag == "a":
            self._links += 1
            self._links_seen = True
            self._in_page = self._in_page or (attributes.get("href") or "").startswith("#")
        elif tag == "br":
            self._text.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if self._skipping:
            if tag == self._skipping[-1]:
                self._skipping.pop()
            return
        if tag in _BLOCKS:
            self._flush()
        if tag in _HEADINGS and self._heading:
            self._heading -= 1
        elif tag == "a" and self._links:
            self._links -= 1

    def handle_data(self, data: str) -> None:
        if self._skipping:
            return
        self._text.append(data)
        if not self._links:
            self._outside_links.append(data)

    def close(self) -> None:
        super().close()
        self._flush()


def html_blocks(text: str) -> list[Block]:
    """Paragraphs of an HTML copy; only ``h1`` to ``h6`` may open a section."""
    parser = _BlockParser()
    parser.feed(text)
    parser.close()
    return parser.blocks


# ---------------------------------------------------------------- Markdown

_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)
_MD_HEADING = re.compile(r"(?P<hashes>#{1,6})\s+(?P<text>.*?)\s*#*\s*")
_MD_ANCHOR = re.compile(r"<a\s+name=[\"'](?P<name>[^\"']*)[\"']\s*>\s*</a>", re.I)
_MD_ITEM = re.compile(r"(?:[-+*]|\d+[.)])\s+(?P<rest>.*)")
_MD_LABEL = re.compile(r"(?:\*\*|__)(?P<text>[^*_]+?)(?:\*\*|__)")
_MD_ONLY_LINK = re.compile(r"\s*(?:\*\*)?\[[^\]]*\]\((?P<url>[^)]*)\)(?:\*\*)?\s*")
_MD_FENCE = re.compile(r"(?:```|~~~)")
_MD_TABLE_RULE = re.compile(r"\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?")
_MD_INLINE = (
    (re.compile(r"!\[([^\]]*)\]\([^)]*\)"), ""),  # an image: a reader sees no text
    (re.compile(r"\[([^\]]*)\]\([^)]*\)"), r"\1"),  # a link: its text
    (re.compile(r"<[^>]+>"), ""),  # inline HTML (anchors, line breaks)
    (re.compile(r"\\(.)"), r"\1"),  # a backslash escape: the character
    (re.compile(r"(\*\*|__|`)"), ""),  # bold and code marks
    (re.compile(r"(?<!\w)\*(?=\S)(.*?)(?<=\S)\*(?!\w)"), r"\1"),  # emphasis
    (re.compile(r"(?<!\w)_(?=\S)(.*?)(?<=\S)_(?!\w)"), r"\1"),
)


#: A code span that holds a link's syntax: shown as written, never read as a link.
_MD_SPAN = re.compile(r"`([^`]*)`")
_MD_LITERAL = re.compile(r"`([^`]*\]\([^`]*)`")


def markdown_inline(text: str) -> str:
    """A line of Markdown as a reader sees it: links, marks, escapes and inline HTML gone."""
    plain = _MD_SPAN.sub(lambda m: m[0] if "](" in m[1] else m[1], text)
    pieces = _MD_LITERAL.split(plain)
    for i in range(0, len(pieces), 2):  # the pieces outside such code spans
        for pattern, replacement in _MD_INLINE:
            pieces[i] = pattern.sub(replacement, pieces[i])
    return " ".join("".join(pieces).split())


def _heading_line(line: str, blocks: list[Block]) -> None:
    """A heading (its anchor inside it, as AWS wrote them), or an anchor line naming the
    heading just read (as the mirrors write them)."""
    anchor = _MD_ANCHOR.fullmatch(line)
    if anchor:
        if blocks and blocks[-1].heading and not blocks[-1].anchor:
            last = blocks[-1]
            blocks[-1] = Block(last.text, True, level=last.level, anchor=anchor["name"])
        return
    heading = _MD_HEADING.fullmatch(line)
    assert heading is not None
    inline = _MD_ANCHOR.search(heading["text"])
    title = markdown_inline(heading["text"])
    level = len(heading["hashes"])
    blocks.append(Block(title, True, level=level, anchor=inline["name"] if inline else ""))


def markdown_blocks(text: str) -> list[Block]:
    """Paragraphs of a Markdown copy (AWS's own dialect and the mirrors' alike).

        AWS kept its pages as Markdown with escaped punctuation, anchors inside the headings and
        one paragraph a line; later mirrors wrap lines, put the anchor on a line of its own and
        set notes as small headings. Both come out the same here, and as a browser's copy does: a
    paragraph that is one link is a link (a table of contents), an image has no text, and a
    paragraph is a run of lines
        up to a blank line, a heading, a list item, a table's cell or a line that is all bold (a
        note's label); a fenced block is one paragraph; only ``#`` headings open sections, and
        each keeps its level and its anchor.
    """
    blocks: list[Block] = []
    current: list[str] = []
    fenced: list[str] | None = None

    def close() -> None:
        raw = " ".join(current)
        joined = markdown_inline(raw)
        if joined:
            only = _MD_ONLY_LINK.fullmatch(raw)
            named = only and not only["url"].startswith("#") and _IDENTIFIER.fullmatch(joined)
            blocks.append(Block(joined, heading=False, link=bool(only) and not named))
        current.clear()

    body = _FRONT_MATTER.sub("", text.replace("\r\n", "\n"), count=1)
    for raw in body.splitlines():
        line = raw.strip()
        if fenced is not None:
            if _MD_FENCE.match(line):
                blocks.append(Block(" ".join(" ".join(fenced).split()), heading=False))
                fenced = None
            else:
                fenced.append(line)
            continue
        if _MD_FENCE.match(line):
            close()
            fenced = []
            continue
        if _MD_ANCHOR.fullmatch(line) or _MD_HEADING.fullmatch(line):
            close()
            _heading_line(line, blocks)
            continue
        if not line or _MD_TABLE_RULE.fullmatch(line):
            close()
            continue
        if line.startswith("|"):  # a table's row: each cell a paragraph, as in HTML
            close()
            for cell in line.strip("|").split("|"):
                current.append(cell)
                close()
            continue
        item = _MD_ITEM.fullmatch(line)
        if item or _MD_LABEL.fullmatch(line):
            close()
            line = item["rest"] if item else line
        current.append(line)
        if _MD_LABEL.fullmatch(line):
            close()
    close()
    if fenced:
        blocks.append(Block(" ".join(" ".join(fenced).split()), heading=False))
    return blocks


# ---------------------------------------------------------------- reading a file

_LOOKS_LIKE_HTML = re.compile(r"<\s*(?:!doctype\s+html|html|head|body|p|div|h[1-6]|li)\b", re.I)


def read_copy(path: Path) -> SavedCopy:
    """Every block of the saved copy at ``path``, furniture included."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ConfigurationError(
            f"The page copy {path} cannot be read ({exc.strerror or exc})."
        ) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ConfigurationError(
            f"The page copy {path} is not UTF-8 text; save the page as HTML or text in UTF-8."
        ) from None
    blocks = html_blocks(text) if _LOOKS_LIKE_HTML.search(text[:65536]) else text_blocks(text)
    return SavedCopy(path.name, hashlib.sha256(raw).hexdigest(), blocks)

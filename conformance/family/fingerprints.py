"""Every page of the family watched for changed wording: fingerprints per page and section.

Like the Incident Manager page's (``conformance.drift.page``), the recorded fingerprints are
hashes of letters and digits, never text. Here they are taken per *sentence* within each
template section, because the same page reaches us in two Markdown dialects (AWS's own
repositories, one paragraph a line; later mirrors, wrapped, with notes as headings) and
browsers' HTML, which group sentences into paragraphs differently; a sentence reads the same
in all of them, so only wording shows as drift. Sentences are aligned in order within their
section as the Incident Manager page's paragraphs are (``aligned``): one in both is unchanged,
one whose place holds another is *changed*, what is left over is *new* or *gone*.

The pages are keyed by principal (a page that continues on others: each of those by its path
in the sources folder, ``pages/parts/...``, so that a copy of the first page alone compares
with the first page alone); the IAM User Guide's page on service-linked roles, which
the family's specification rests on, by ``IAM_GUIDE``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from conformance.drift import stored
from conformance.drift.page import CHANGED, GONE, NEW, Paragraph, aligned
from conformance.drift.paragraphs import SCHEME, fingerprint, letters
from conformance.errors import ConfigurationError
from conformance.family.reader import Page, Section
from conformance.outputs import write_text

FINGERPRINTS_FILE = "page-fingerprints.toml"
#: The IAM User Guide's page, "Using service-linked roles", as the fingerprints key it.
IAM_GUIDE = "iam-guide"
IAM_GUIDE_FILE = "using-service-linked-roles"
IAM_GUIDE_URL = "https://docs.aws.amazon.com/IAM/latest/UserGuide/using-service-linked-roles.html"

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"'(])")
#: A paragraph that is code (a policy document, a command): one unit, never split.
_CODE = re.compile(r"\s*(?:[{\[]|\$ )")


#: An address in the text: AWS's own repositories wrote many links with the address as their
#: text where the site shows a name; only the address's last part (a console's page, a
#: policy's name) is kept, in every copy alike.
_URL = re.compile(r"https?://\S*?([^/#\s]+?)(?:\.html?)?/?(?=[\s).,;]*(?:\s|$))")


def sentences(section: Section) -> Iterator[str]:
    """The section's sentences, in order: each paragraph split after its full stops."""
    for block in section.blocks:
        text = _URL.sub(r"\1", block.text)
        units = [text] if _CODE.match(text) else _SENTENCE_END.split(text)
        yield from (unit for unit in units if letters(unit))


@dataclass(frozen=True)
class PagePrints:
    """One page's fingerprints: its URL and, per section in page order, its sentences'."""

    key: str
    url: str
    sections: dict[str, tuple[str, ...]]


@dataclass(frozen=True)
class Moved:
    """What moved in one section of one page: counts of changed, new and gone sentences."""

    key: str
    section: str
    changed: int = 0
    new: int = 0
    gone: int = 0


def take(key: str, page: Page) -> PagePrints:
    sections = {
        name: tuple(fingerprint(s) for s in sentences(section))
        for name, section in page.sections.items()
    }
    return PagePrints(key, page.url, {k: v for k, v in sections.items() if v})


def compare(recorded: PagePrints, found: PagePrints) -> list[Moved]:
    """The sections of a page whose sentences moved, in the recorded order, new sections last."""
    moved = []
    for section in [*recorded.sections, *(s for s in found.sections if s not in recorded.sections)]:
        old = [Paragraph(section, f) for f in recorded.sections.get(section, ())]
        new = [Paragraph(section, f) for f in found.sections.get(section, ())]
        counts = {CHANGED: 0, NEW: 0, GONE: 0}
        for i, j in aligned(old, new):
            if i is not None and j is not None:
                counts[CHANGED] += old[i].fingerprint != new[j].fingerprint
            else:
                counts[NEW if i is None else GONE] += 1
        if any(counts.values()):
            moved.append(Moved(recorded.key, section, counts[CHANGED], counts[NEW], counts[GONE]))
    return moved


# ---------------------------------------------------------------- the file


@dataclass(frozen=True)
class Recorded:
    accepted: str
    pages: dict[str, PagePrints]


def load(path: Path) -> Recorded | None:
    """The recorded fingerprints, or ``None`` when none have been recorded at ``path``."""
    document = stored.fingerprints_document(path, SCHEME)
    if document is None:
        return None
    try:
        pages = {
            key: PagePrints(
                key,
                table["url"],
                {name: tuple(prints) for name, prints in table["sections"].items()},
            )
            for key, table in document["pages"].items()
        }
        return Recorded(document["accepted"], pages)
    except (KeyError, TypeError, AttributeError) as exc:
        raise stored.unreadable(path, exc) from None


_HEADER = """\
# Fingerprints of the family's pages: each service's page on its service-linked role (keyed by
# principal) and the IAM User Guide's page on service-linked roles (`iam-guide`). Per template
# section in page order, a hash of each sentence's letters and digits, never its text.
# `slr-conformance drift --spec service-linked-roles FOLDER` compares a folder of copies with
# them; `--accept` records the copies' fingerprints once the change is reviewed.
"""


def write(path: Path, recorded: Recorded) -> None:
    lines = [_HEADER, f"scheme = {SCHEME}", f"accepted = {json.dumps(recorded.accepted)}"]
    for key in sorted(recorded.pages):
        page = recorded.pages[key]
        lines += ["", f"[pages.{json.dumps(key)}]", f"url = {json.dumps(page.url)}"]
        for name, prints in page.sections.items():
            lines.append(f"sections.{name} = [")
            lines += [f'  "{p}",' for p in prints]
            lines.append("]")
    write_text(path, "\n".join(lines) + "\n", "fingerprints file")


def merged(recorded: Recorded | None, found: Mapping[str, PagePrints], today: str) -> Recorded:
    """The recorded fingerprints with the found pages' in place of theirs."""
    pages = dict(recorded.pages) if recorded else {}
    pages.update(found)
    return Recorded(today, pages)


# ---------------------------------------------------------------- a folder of copies

_SUFFIXES = (".md", ".markdown", ".html", ".htm")


def copies(folder: Path) -> dict[str, Page]:
    """The pages in ``folder``: by its manifest where it has one (a page's continuations
    included), else each file named after a principal (``batch.amazonaws.com.md``); and the
    IAM guide's page where a file bears its name (``using-service-linked-roles.md``)."""
    from conformance.family.reader import read_page
    from conformance.family.sources import MANIFEST, page_sources

    if not folder.is_dir():
        raise ConfigurationError(f"The folder {folder} of page copies does not exist.")
    found: dict[str, Page] = {}
    if (folder / MANIFEST).is_file():  # a page's continuations are pages of their own here
        for source in page_sources(folder):
            found[source.principal] = read_page(source.file, url=source.url)
            for more in source.extra:
                found[more.relative_to(folder).with_suffix("").as_posix()] = read_page(more)
    else:
        for path in sorted(folder.iterdir()):
            if path.suffix.lower() in _SUFFIXES and path.stem.endswith(".amazonaws.com"):
                found[path.stem] = read_page(path)
    for suffix in _SUFFIXES:
        guide = folder / f"{IAM_GUIDE_FILE}{suffix}"
        if guide.is_file():
            found[IAM_GUIDE] = read_page(guide, url=IAM_GUIDE_URL)
    if not found:
        raise ConfigurationError(
            f"The folder {folder} holds no page copy (.md or .html named after a principal)."
        )
    return found

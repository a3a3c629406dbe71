"""The page's recorded fingerprints, a copy compared with them, and what accepting records.

The fingerprints file (``page-fingerprints.toml``) lists the page's paragraphs section by
section, in page order: each with its fingerprint and the inventory statements that rest on it
(none for a paragraph that carries no testable statement). It holds no text. It is not part of
the catalogue digest, so recording a reviewed change to the page invalidates no certificate or
baseline; a change that alters a requirement changes ``requirements.toml`` and so the digest.

Sections are found in a copy by their headings, which the inventory records
(``statements.toml``). Within a section, the recorded and the found fingerprints are aligned
in order: a paragraph in both is unchanged; a recorded paragraph whose place holds a different
one is *changed*; what is left over is *new* (found only) or *gone* (recorded only). A changed
paragraph keeps its statements when the change is accepted.
"""

from __future__ import annotations

import difflib
import json
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from conformance.catalogue import Catalogue
from conformance.drift.paragraphs import SCHEME, Block, content, fingerprint, letters
from conformance.errors import ConfigurationError
from conformance.outputs import write_text

FINGERPRINTS_FILE = "page-fingerprints.toml"

CHANGED, NEW, GONE, UNPLACED, NO_HEADING = "changed", "new", "gone", "unplaced", "no-heading"


@dataclass(frozen=True)
class Paragraph:
    """One paragraph, recorded or found. ``text`` is empty for recorded ones: none is kept."""

    section: str
    fingerprint: str
    statements: tuple[str, ...] = ()
    text: str = ""


@dataclass(frozen=True)
class Fingerprints:
    """The recorded fingerprints: when they were accepted, from which copy, and the paragraphs."""

    accepted: str
    copy: str
    paragraphs: tuple[Paragraph, ...]

    def section(self, key: str) -> list[Paragraph]:
        return [p for p in self.paragraphs if p.section == key]


@dataclass(frozen=True)
class PageCopy:
    """A copy's paragraphs by section (page order), and the sections whose heading is missing."""

    sections: dict[str, list[Paragraph]]
    missing: tuple[str, ...]


@dataclass(frozen=True)
class Finding:
    """One thing that moved. Ordinals count paragraphs within their section, from 1."""

    kind: str
    section: str
    recorded: int | None = None
    found: int | None = None
    statements: tuple[str, ...] = ()
    requirements: tuple[str, ...] = ()
    text: str = ""  # the copy's paragraph, for the console only; never recorded


# ---------------------------------------------------------------- the fingerprints file


def load_fingerprints(path: Path, catalogue: Catalogue) -> Fingerprints | None:
    """The recorded fingerprints, or ``None`` when none have been recorded at ``path``."""
    if not path.is_file():
        return None
    try:
        document = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigurationError(f"The fingerprints file {path} cannot be read ({exc}).") from None
    if document.get("scheme") != SCHEME:
        raise ConfigurationError(
            f"The fingerprints in {path} were taken with another normalisation "
            f"(scheme {document.get('scheme')}, not {SCHEME}); record them again with --accept."
        )
    sections = {s.key for s in catalogue.sections}
    statements = {s.id for s in catalogue.statements}
    paragraphs = []
    for entry in document.get("paragraph", []):
        paragraph = Paragraph(entry["section"], entry["fingerprint"], tuple(entry["statements"]))
        if paragraph.section not in sections:
            raise ConfigurationError(
                f"The fingerprints file {path} names a section {paragraph.section!r} that the inventory does not have."
            )
        unknown = sorted(set(paragraph.statements) - statements)
        if unknown:
            raise ConfigurationError(
                f"The fingerprints file {path} names statement {unknown[0]}, which the inventory no longer has; remove it there."
            )
        paragraphs.append(paragraph)
    return Fingerprints(document["accepted"], document["copy"], tuple(paragraphs))


_HEADER = """\
# Fingerprints of the paragraphs of the AWS page "Using service-linked roles for Incident
# Manager", section by section in page order: a hash of each paragraph's letters and digits,
# never its text. `slr-conformance drift PAGE` compares a saved copy of the page with them;
# `slr-conformance drift PAGE --accept` rewrites this file once a change is reviewed, keeping
# the statements of every paragraph that is still there or changed in place. `statements`
# names the inventory statements (statements.toml) that rest on the paragraph: edit it by hand
# when a statement moves to another paragraph. Outside the catalogue digest on purpose.
"""


def write_fingerprints(path: Path, fingerprints: Fingerprints) -> None:
    lines = [
        _HEADER,
        f"scheme = {SCHEME}",
        f"accepted = {json.dumps(fingerprints.accepted)}",
        f"copy = {json.dumps(fingerprints.copy)}",
    ]
    for section, ordinal, paragraph in _numbered(fingerprints.paragraphs):
        lines += [
            "",
            f"[[paragraph]]  # {section}, paragraph {ordinal}",
            f"section = {json.dumps(section)}",
            f"fingerprint = {json.dumps(paragraph.fingerprint)}",
            f"statements = {json.dumps(list(paragraph.statements))}",
        ]
    write_text(path, "\n".join(lines) + "\n", "fingerprints file")


def _numbered(paragraphs: tuple[Paragraph, ...]) -> Iterator[tuple[str, int, Paragraph]]:
    counts: dict[str, int] = {}
    for paragraph in paragraphs:
        counts[paragraph.section] = counts.get(paragraph.section, 0) + 1
        yield paragraph.section, counts[paragraph.section], paragraph


# ---------------------------------------------------------------- a copy, by section


def locate(blocks: list[Block], catalogue: Catalogue) -> PageCopy:
    """Put each paragraph of a copy under the section whose heading comes before it.

    A heading opens its section unless that section already has paragraphs (a table of
    contents after the content repeats the headings). Blocks before the first heading are the
    site's header. A copy with no section at all is not this page.
    """
    headings = {letters(s.heading): s.key for s in catalogue.sections}
    sections: dict[str, list[Paragraph]] = {}
    current: str | None = None
    for block in content(blocks):
        key = headings.get(letters(block.text)) if block.heading else None
        if key is not None:
            if not sections.get(key):
                sections[key] = []
                current = key
            continue
        if current is not None:
            sections[current].append(Paragraph(current, fingerprint(block.text), text=block.text))
    ordered = {s.key: sections[s.key] for s in catalogue.sections if s.key in sections}
    missing = tuple(s.key for s in catalogue.sections if s.key not in sections)
    return PageCopy(ordered, missing)


# ---------------------------------------------------------------- comparing and accepting


def aligned(
    recorded: list[Paragraph], found: list[Paragraph]
) -> Iterator[tuple[int | None, int | None]]:
    """Pairs of indexes (recorded, found) in page order; ``None`` on the side that lacks it."""
    matcher = difflib.SequenceMatcher(
        None, [p.fingerprint for p in recorded], [p.fingerprint for p in found], autojunk=False
    )
    for _, i1, i2, j1, j2 in matcher.get_opcodes():
        old, new = list(range(i1, i2)), list(range(j1, j2))
        for k in range(max(len(old), len(new))):
            yield (old[k] if k < len(old) else None), (new[k] if k < len(new) else None)


def compare(copy: PageCopy, recorded: Fingerprints, catalogue: Catalogue) -> list[Finding]:
    """Everything that moved, section by section in page order."""
    findings: list[Finding] = []
    for section in catalogue.sections:
        if section.key in copy.missing:
            findings.append(Finding(NO_HEADING, section.key))
        old, new = recorded.section(section.key), copy.sections.get(section.key, [])
        for i, j in aligned(old, new):
            before = old[i] if i is not None else None
            after = new[j] if j is not None else None
            if before and after and before.fingerprint == after.fingerprint:
                continue
            kind = CHANGED if before and after else GONE if before else NEW
            statements = before.statements if before else ()
            findings.append(
                Finding(
                    kind,
                    section.key,
                    recorded=None if i is None else i + 1,
                    found=None if j is None else j + 1,
                    statements=statements,
                    requirements=_requirements(statements, catalogue),
                    text=after.text if after else "",
                )
            )
    placed = {sid for p in recorded.paragraphs for sid in p.statements}
    gone = {sid for f in findings if f.kind == GONE for sid in f.statements}
    for statement in catalogue.statements:
        if statement.id not in placed and statement.id not in gone:
            findings.append(
                Finding(
                    UNPLACED,
                    statement.section,
                    statements=(statement.id,),
                    requirements=_requirements((statement.id,), catalogue),
                )
            )
    return findings


def _requirements(statements: tuple[str, ...], catalogue: Catalogue) -> tuple[str, ...]:
    """The requirements that rest on any of ``statements``, in catalogue order."""
    return tuple(r.id for r in catalogue.requirements if set(r.statements) & set(statements))


def accepted(
    copy: PageCopy, recorded: Fingerprints | None, catalogue: Catalogue
) -> tuple[Paragraph, ...]:
    """The paragraphs to record for ``copy``: statements carried over, new ones with none."""
    if copy.missing:
        titles = ", ".join(s.title for s in catalogue.sections if s.key in copy.missing)
        raise ConfigurationError(
            f"The copy lacks the heading of {titles}; correct the heading in statements.toml "
            "(or the copy) before accepting."
        )
    paragraphs: list[Paragraph] = []
    for section in catalogue.sections:
        old = recorded.section(section.key) if recorded else []
        new = copy.sections[section.key]
        for i, j in aligned(old, new):
            if j is not None:
                statements = old[i].statements if i is not None else ()
                paragraphs.append(Paragraph(section.key, new[j].fingerprint, statements))
    return tuple(paragraphs)

"""The facts a page states about its service-linked role, and the one schema all facts share.

A fact is a name (``role_name``, ``principals``, ``policies``, ``description_editable``,
``deletion``, ``regions``), its values and where it comes from (``Provenance``): a page's URL
and section, or a recording and its test case. Page facts and recorded facts are the same
kind of value, so that comparing them is comparing two ``Fact``\\ s.

What a page states is read, never guessed: a fact the page does not state has no values and
is ``silent``. Names, principals and policy names are identifiers and kept as the page writes
them; the other facts are kept as short keywords of the project's own (``yes``, ``no``,
``resources-first``, ``all-where-available``...), never as the page's sentences; what must
be deleted before the role is kept as the page's term for it (``compute environments``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import partial

from conformance.drift.paragraphs import letters
from conformance.family.reader import (
    DELETING,
    EDITING,
    OTHER,
    OVERVIEW,
    PERMISSIONS,
    REGIONS,
    Page,
    Section,
)

PAGE, RECORDING = "page", "recording"
STATED, SILENT = "stated", "silent"
ROLE_NAME, PRINCIPALS, POLICIES = "role_name", "principals", "policies"
DESCRIPTION, DELETION, REGIONS_FACT = "description_editable", "deletion", "regions"
#: Every fact a page is read for, in the order the template states them.
FACTS = (ROLE_NAME, PRINCIPALS, POLICIES, DESCRIPTION, DELETION, REGIONS_FACT)
#: The keywords of the facts that are not identifiers.
YES, NO = "yes", "no"
RESOURCES_FIRST, NOT_BY_HAND = "resources-first", "no-manual-deletion"
ALL_REGIONS, LISTED_REGIONS = "all-where-available", "listed-regions-only"


@dataclass(frozen=True)
class Provenance:
    """Where a fact comes from: a page (``source`` its URL, ``part`` its section and
    ``anchor`` that section's anchor) or a recording (``source`` the recorded file, ``part``
    its test case)."""

    kind: str
    source: str
    part: str
    anchor: str = ""

    def cite(self) -> str:
        if self.kind == PAGE:
            return f"{self.source}#{self.anchor}" if self.anchor else self.source
        return f"{self.source}, case {self.part}"


@dataclass(frozen=True)
class Fact:
    """One fact about one principal's role; no values means the source is silent on it.
    ``reason`` says why a reviewed value replaces what the reader found (empty when none does)."""

    principal: str
    name: str
    values: tuple[str, ...]
    provenance: Provenance
    reason: str = ""

    @property
    def status(self) -> str:
        return STATED if self.values else SILENT


# ---------------------------------------------------------------- identifiers

_IDENT = r"[A-Za-z][A-Za-z0-9_+=,.@-]*[A-Za-z0-9]"
_NAMED_ROLE = re.compile(rf"\brole\s+(?:is\s+)?(?:named|called)\s+(?P<name>{_IDENT})")
_ROLE_NAME = re.compile(r"\bAWSServiceRole[A-Za-z0-9_+=,.@-]*[A-Za-z0-9]", re.I)
_PRINCIPAL = re.compile(r"\b[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.amazonaws\.com\b")
_POLICY_ARN = re.compile(rf"arn:aws[a-z-]*:iam::aws:policy/(?:[\w-]+/)*(?P<name>{_IDENT})")
_NAMED_POLICY = re.compile(
    rf"\bpolic(?:y|ies)\s+(?:is\s+)?(?:named\s+|called\s+)?(?P<name>{_IDENT})"
)
_POLICY_BEFORE = re.compile(rf"(?P<name>{_IDENT})\s+(?:AWS\s+)?(?:managed\s+)?(?:IAM\s+)?polic")
_IN_REFERENCE = re.compile(rf"(?P<name>{_IDENT})\s+in\s+the\s+AWS\s+Managed\s+Policy\s+Reference")
_WORD = re.compile(rf"(?<![\w:/.-]){_IDENT}")  # not an action (``iam:PutRolePolicy``) or a path
#: Policies a page names for its users, never a role's: AWS's full-access and read-only ones.
_USERS_POLICY = re.compile(r"(?:FullAccess|ReadOnlyAccess|ReadOnly)$")
_CAMEL = re.compile(r"[a-z0-9][A-Z]")
_PLACEHOLDER = re.compile(r"[<{]")


def _ordered(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(values))


def _identifier(word: str) -> bool:
    """A name as AWS writes its roles and policies: one word, mixed case (``BatchServiceRolePolicy``)."""
    return bool(_CAMEL.search(word)) and word[:1].isupper() and ":" not in word


def _where(page: Page, *keys: str) -> Iterator[Section]:
    for key in keys:
        section = page.section(key)
        if section is not None:
            yield section


def _first(
    page: Page, keys: tuple[str, ...], read: Callable[[Section], tuple[str, ...]]
) -> tuple[tuple[str, ...], Section | None]:
    """The values of the first section (in ``keys`` order) where ``read`` finds any."""
    for section in _where(page, *keys):
        values = read(section)
        if values:
            return values, section
    return (), None


#: Where the template puts the role's own facts, and where a page without that section does.
_ROLE_SECTIONS = (PERMISSIONS, OVERVIEW, OTHER)


def role_names(section: Section) -> tuple[str, ...]:
    """The role names a section gives: after "role named", and every ``AWSServiceRole…`` word."""
    text = section.text
    named = [m["name"] for m in _NAMED_ROLE.finditer(text) if _identifier(m["name"])]
    spelled = [m.group(0) for m in _ROLE_NAME.finditer(text)]
    return _ordered(
        n.rstrip("._-") for n in named + spelled if not _PLACEHOLDER.search(n) and "/" not in n
    )


def arn_names(section: Section, principal: str) -> tuple[str, ...]:
    """The role names in ARNs under ``principal``'s path: how a page shared by several
    services (Application Auto Scaling's) tells which role is whose."""
    path = re.escape(f"/aws-service-role/{principal}/")
    return _ordered(m["name"] for m in re.finditer(rf"{path}(?P<name>{_IDENT})", section.text))


def principals(section: Section) -> tuple[str, ...]:
    """The principals the role trusts: in the paragraph that speaks of trust and the list after it."""
    found: list[str] = []
    blocks = section.blocks
    for i, block in enumerate(blocks):
        if "trust" not in block.text.lower():
            continue
        found += _PRINCIPAL.findall(block.text)
        for after in blocks[i + 1 :]:
            listed = _PRINCIPAL.findall(after.text)
            if not listed or letters(after.text) != letters("".join(listed)):
                break
            found += listed
    return _ordered(found)


def policies(section: Section) -> tuple[str, ...]:
    """The managed policies a section names: by "policy named", by ARN, or a name ending in Policy."""
    names: list[str] = []
    for block in section.blocks:
        text = block.text
        names += [m["name"] for m in _POLICY_ARN.finditer(text)]
        names += [m["name"] for m in _NAMED_POLICY.finditer(text) if _identifier(m["name"])]
        names += [m["name"] for m in _POLICY_BEFORE.finditer(text) if _identifier(m["name"])]
        names += [m["name"] for m in _IN_REFERENCE.finditer(text)]
        names += [w for w in _WORD.findall(text) if w.endswith("Policy") and _identifier(w)]
    explicit = _explicit(section)
    return _ordered(
        re.sub(r"\.html?$", "", n)
        for n in names
        if (not _ROLE_NAME.fullmatch(n) or n in explicit) and not _USERS_POLICY.search(n)
    )


def _explicit(section: Section) -> set[str]:
    """Names a section calls a policy in so many words (a policy may bear its role's name)."""
    return {
        m["name"]
        for pattern in (_POLICY_ARN, _NAMED_POLICY, _POLICY_BEFORE, _IN_REFERENCE)
        for m in pattern.finditer(section.text)
    }


# ---------------------------------------------------------------- keywords

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9])")
_NEGATION = re.compile(
    r"\b(?:not|cannot|can['\u2019]t|doesn['\u2019]t|don['\u2019]t|never)\b", re.I
)
_CONTRAST = re.compile(r"\b(?:however|but)\b")
_CONTRAST = re.compile(r"\b(?:however|but)\b")
_EDIT = re.compile(r"\b(?:edit|change|modify|update)", re.I)


def sentences(section: Section) -> Iterator[str]:
    for block in section.blocks:
        yield from _SENTENCE_END.split(block.text)


def description_editable(section: Section) -> tuple[str, ...]:
    """``yes`` where the editing section lets the description be edited; ``no`` where it says
    the role cannot be edited and never mentions the description; nothing otherwise."""
    said = list(sentences(section))
    for sentence in said:
        lowered = sentence.lower()
        about = "description" in lowered and (_EDIT.search(sentence) or "UpdateRole" in sentence)
        if about and (not _NEGATION.search(sentence) or _CONTRAST.search(lowered)):
            return (YES,)
    if any(_EDIT.search(s) and _NEGATION.search(s) for s in said):
        return (NO,)
    return ()


_FIRST = re.compile(
    r"\b(?:before|first|prior to)\b.*\b(?:delet|remov|clean)|\b(?:delet|remov|clean)\w*\b.*\b(?:before|first)\b",
    re.I,
)
_NOTHING = re.compile(
    r"\b(?:don['\u2019]t|do not|doesn['\u2019]t|does not|no)\s+(?:need|have)\s+to\s+(?:manually\s+)?"
    r"(?:clean|delet|remov)|\bno\s+(?:manual\s+)?clean-?up\b|\bnot\s+required\s+to\s+(?:clean|delet|remov)",
    re.I,
)


_WHAT = re.compile(
    r"\b(?:delete|remove)\s+(?:all\s+)?(?:of\s+)?(?:the\s+|your\s+|any\s+)?"
    r"(?P<what>(?:[A-Za-z0-9-]+\s+){0,4}?[A-Za-z0-9-]+s)(?=\s+(?:that|which|in|from|before|"
    r"associated|using|used|for|and)\b|[,.;:]|\s*$)"
)
_NOT_WHAT = re.compile(r"\b(?:roles?|sessions?|this|these|its|steps)$", re.I)


def deletion(section: Section) -> tuple[str, ...]:
    """``resources-first`` (and the things named, where the page names them) where the
    deleting section asks for something to be removed before the role; ``no-manual-deletion``
    where it says the role is not for the reader to delete; nothing otherwise."""
    said = list(sentences(section))
    if any(_NOTHING.search(s) for s in said):
        return (NOT_BY_HAND,)
    if any(_FIRST.search(s) for s in said):
        named = [
            m["what"]
            for s in said
            if re.search(r"\b(?:must|need to|have to|first)\b", s)
            for m in _WHAT.finditer(s)
            if not _NOT_WHAT.search(m["what"]) and not _ROLE_NAME.search(m["what"])
        ]
        return (RESOURCES_FIRST, *_ordered(named)[:3])
    return ()


_ALL = re.compile(r"\b(?:all|every)\b(?: of)?(?: the)?(?: AWS)? Regions? (?:where|in which)", re.I)
_LISTED = re.compile(r"\bin the following\b.*\bRegions?\b|\bnot\b.*\bevery Region\b", re.I)


def regions(section: Section) -> tuple[str, ...]:
    said = list(sentences(section))
    if any(_LISTED.search(s) for s in said):
        return (LISTED_REGIONS,)
    if any(_ALL.search(s) for s in said):
        return (ALL_REGIONS,)
    return ()


# ---------------------------------------------------------------- a page's facts

_READERS: tuple[tuple[str, tuple[str, ...], Callable[..., tuple[str, ...]]], ...] = (
    (ROLE_NAME, _ROLE_SECTIONS, role_names),
    (PRINCIPALS, _ROLE_SECTIONS, principals),
    (POLICIES, _ROLE_SECTIONS, policies),
    (DESCRIPTION, (EDITING,), description_editable),
    (DELETION, (DELETING, OVERVIEW), deletion),
    # a page without a Regions section may say it in its overview or beside the role's facts
    (REGIONS_FACT, (REGIONS, OVERVIEW, PERMISSIONS), regions),
)


def _shared(page: Page) -> bool:
    """Whether the page speaks of roles under several services' paths."""
    paths = {
        m
        for s in page.sections.values()
        for m in re.findall(r"/aws-service-role/([\w.-]+)/", s.text)
    }
    return len(paths) > 1


def page_facts(principal: str, page: Page) -> dict[str, Fact]:
    """Every fact of ``FACTS`` as the page states it (or ``silent``), citing its section."""
    facts = {}
    for name, keys, read in _READERS:
        values, section = _first(page, keys, read)
        if name == ROLE_NAME and _shared(page):
            by_arn = _first(page, tuple(page.sections), partial(arn_names, principal=principal))
            values, section = by_arn if by_arn[0] else (values, section)
        provenance = Provenance(
            PAGE, page.url, section.key if section else "", section.anchor if section else ""
        )
        facts[name] = Fact(principal, name, values, provenance)
    return facts

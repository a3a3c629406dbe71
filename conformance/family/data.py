"""``page-facts.toml``: the facts read from every page, as reviewed, kept as data.

One table per principal: the page's URL, and per fact its values (none: the page is silent),
the section that states it and that section's anchor. Where the review found the reader wrong,
``[overrides."<principal>".<fact>]`` gives the values to keep and the reason; the reader's own
reading is then not kept. The file holds identifiers and the project's keywords, never the
pages' sentences. ``python -m conformance.tools.page_facts`` writes it again from the pages.
"""

from __future__ import annotations

import functools
import json
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import MappingProxyType
from typing import Any

from conformance import specs
from conformance.errors import ConfigurationError
from conformance.family.facts import FACTS, PAGE, Fact, Provenance

#: The specification whose data this is.
FAMILY_SPEC = "service-linked-roles"

#: The data file, in the ``service-linked-roles`` specification's data folder.
PAGE_FACTS_FILE = "page-facts.toml"


@dataclass(frozen=True)
class Override:
    """A reviewed value that replaces the reader's, and why."""

    values: tuple[str, ...]
    reason: str
    section: str = ""


@dataclass(frozen=True)
class PageFacts:
    """One page's facts about one principal's role."""

    principal: str
    url: str
    facts: dict[str, Fact] = field(default_factory=dict)


def overridden(page: PageFacts, overrides: Mapping[str, Override]) -> PageFacts:
    """The page's facts with the reviewed values in place of the reader's."""
    facts = dict(page.facts)
    for name, override in overrides.items():
        before = facts[name].provenance
        section = override.section or before.part
        anchor = before.anchor if section == before.part else ""
        provenance = Provenance(PAGE, page.url, section, anchor)
        facts[name] = Fact(page.principal, name, override.values, provenance, override.reason)
    return replace(page, facts=facts)


def parse(
    document: Mapping[str, Any],
) -> tuple[dict[str, PageFacts], dict[str, dict[str, Override]]]:
    """The pages' facts and the overrides, as the file holds them."""
    try:
        overrides = {
            principal: {
                name: Override(tuple(entry["values"]), entry["reason"], entry.get("section", ""))
                for name, entry in table.items()
            }
            for principal, table in document.get("overrides", {}).items()
        }
        pages = {}
        for principal, table in document.get("pages", {}).items():
            facts = {
                name: Fact(
                    principal,
                    name,
                    tuple(entry["values"]),
                    Provenance(PAGE, table["url"], entry["section"], entry.get("anchor", "")),
                    entry.get("reason", ""),
                )
                for name, entry in table["facts"].items()
            }
            missing = [name for name in FACTS if name not in facts]
            if missing:
                raise ConfigurationError(f"The page facts of {principal} lack {missing[0]}.")
            pages[principal] = PageFacts(principal, table["url"], facts)
    except (KeyError, TypeError, AttributeError) as exc:
        raise ConfigurationError(f"The page facts lack or misshape {exc}.") from None
    return pages, overrides


def page_facts_path() -> Path:
    return specs.defined(FAMILY_SPEC).data / PAGE_FACTS_FILE


def page_facts_text() -> str:
    return page_facts_path().read_text("utf-8")


@functools.cache
def recorded_page_facts() -> Mapping[str, PageFacts]:
    """Every page's reviewed facts, by principal, read once per process."""
    return MappingProxyType(parse(tomllib.loads(page_facts_text()))[0])


@functools.cache
def recorded_overrides() -> Mapping[str, dict[str, Override]]:
    return MappingProxyType(parse(tomllib.loads(page_facts_text()))[1])


_HEADER = """\
# What each service's own page states about its service-linked role, one table per principal
# (written by `python -m conformance.tools.page_facts PAGES-FOLDER`; review changes by hand).
#
# For each fact: `values` as the page gives them (identifiers as written, or the project's
# keywords: description_editable yes/no; deletion resources-first with the things named, or
# no-manual-deletion; regions all-where-available or listed-regions-only), `section` the
# template section that states it and `anchor` that section's anchor on the page's URL. No
# values: the page is silent on it. A fact with a `reason` was corrected on review: the
# `[overrides]` at the end hold those corrections, which the tool keeps when it writes again.
# No sentence of any page is kept here.
"""


def _value(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)


def render(pages: list[PageFacts], overrides: Mapping[str, Mapping[str, Override]]) -> str:
    """The data file for ``pages`` (in order) and ``overrides``."""
    lines = [_HEADER.rstrip("\n")]
    for page in pages:
        lines += ["", f"[pages.{_value(page.principal)}]", f"url = {_value(page.url)}"]
        for name in FACTS:
            fact = page.facts[name]
            entry = f"{name} = {{ values = {_value(list(fact.values))}, section = {_value(fact.provenance.part)}"
            if fact.provenance.anchor:
                entry += f", anchor = {_value(fact.provenance.anchor)}"
            if fact.reason:
                entry += f", reason = {_value(fact.reason)}"
            lines.append(entry.replace(f"{name} = ", f"facts.{name} = ", 1) + " }")
    for principal in sorted(overrides):
        for name, override in overrides[principal].items():
            lines += ["", f"[overrides.{_value(principal)}.{name}]"]
            lines.append(f"values = {_value(list(override.values))}")
            if override.section:
                lines.append(f"section = {_value(override.section)}")
            lines.append(f"reason = {_value(override.reason)}")
    return "\n".join(lines) + "\n"

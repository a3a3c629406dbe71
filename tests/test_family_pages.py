"""The family's pages read for their facts: sections by meaning, Markdown and HTML alike.

The pages are not kept in the repository: these tests read them from the sources folder
beside it (``../shared/sources/service-linked-roles/``) and skip, saying why, where it is
absent. HTML copies are rendered from the pages' Markdown at run time, with the site's
furniture around them, as a browser saves them.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from page_renderings import markdown_html

from conformance.drift.paragraphs import markdown_blocks
from conformance.family import facts as F
from conformance.family.data import page_facts_text, parse, recorded_page_facts, render
from conformance.family.reader import (
    DELETING,
    EDITING,
    OVERVIEW,
    PERMISSIONS,
    REGIONS,
    read_page,
    sections_of,
)
from conformance.family.sources import PageSource, page_sources
from conformance.tools.page_facts import read_all

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT.parent / "shared" / "sources" / "service-linked-roles"


@pytest.fixture(scope="module")
def sources() -> list[PageSource]:
    if not (SOURCES / "manifest.json").is_file():
        pytest.skip(f"no copies of the service pages at {SOURCES}; the repository keeps none")
    return page_sources(SOURCES)


def source(sources: list[PageSource], principal: str) -> PageSource:
    return next(s for s in sources if s.principal == principal)


def as_html(tmp_path: Path, markdown: Path) -> Path:
    """A page kept as Markdown, as a browser saves it."""
    path = tmp_path / f"{len(list(tmp_path.iterdir()))}.html"
    path.write_text(markdown_html(markdown.read_text(encoding="utf-8"), path.stem), "utf-8")
    return path


# ---------------------------------------------------------------- sections


def test_sections_are_found_by_meaning_whatever_the_wording():
    markdown = """---
source_url: https://example.com/page.html
---
# Using service-linked roles for Example
Intro.
## SLR permissions for Example<a name="perm"></a>
Example uses the role named **AWSServiceRoleForExample**.
###### Important
A note, not a section.
## Cleaning up the Example role
<a name="clean"></a>
Delete the widgets first.
## Supported Regions for Example service-linked roles
Everywhere.
"""
    sections = sections_of(markdown_blocks(markdown))
    assert list(sections) == [OVERVIEW, PERMISSIONS, DELETING, REGIONS]
    assert sections[PERMISSIONS].anchor == "perm" and sections[DELETING].anchor == "clean"
    assert "A note, not a section." in sections[PERMISSIONS].text


def test_every_page_has_the_template_sections(sources):
    for page in sources:
        found = page.read().sections
        assert {PERMISSIONS, OVERVIEW} & set(found), page.principal
        assert {EDITING, DELETING} & set(found) or page.principal == "kafka.amazonaws.com"


def test_a_topic_over_several_pages_is_read_whole(sources):
    kafka = source(sources, "kafka.amazonaws.com").read()
    assert {PERMISSIONS, EDITING, REGIONS} <= set(kafka.sections)


# ---------------------------------------------------------------- facts


def test_the_facts_of_a_page(sources):
    batch = F.page_facts("batch.amazonaws.com", source(sources, "batch.amazonaws.com").read())
    assert batch[F.ROLE_NAME].values == ("AWSServiceRoleForBatch",)
    assert batch[F.PRINCIPALS].values == ("batch.amazonaws.com",)
    assert batch[F.POLICIES].values == ("BatchServiceRolePolicy",)
    assert batch[F.DESCRIPTION].values == (F.YES,)
    assert batch[F.DELETION].values == (F.RESOURCES_FIRST, "AWS Batch compute environments")
    assert batch[F.REGIONS_FACT].values == (F.ALL_REGIONS,)
    cited = batch[F.ROLE_NAME].provenance
    assert (cited.kind, cited.part) == (F.PAGE, PERMISSIONS)
    assert cited.cite().endswith("#service-linked-role-permissions-batch-general")


def test_what_a_page_does_not_state_is_silent():
    markdown = "# Roles for Example\n\n## Service-linked role permissions\n\nNothing named.\n"
    found = F.page_facts("example.amazonaws.com", sections_of_page(markdown))
    assert all(fact.status == F.SILENT for fact in found.values())
    assert found[F.REGIONS_FACT].provenance.part == ""


def sections_of_page(markdown: str):
    from conformance.family.reader import Page

    return Page("example.md", "https://example.com", sections_of(markdown_blocks(markdown)))


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Example does not allow you to edit the role.", (F.NO,)),
        ("You cannot edit the role name, but you can edit its description.", (F.YES,)),
        ("You can't change the name. However, you can edit the description using IAM.", (F.YES,)),
        ("Example creates the role for you.", ()),
    ],
)
def test_whether_the_description_may_be_edited(sentence, expected):
    page = sections_of_page(f"# Example\n\n## Editing the role\n\n{sentence}\n")
    assert F.page_facts("x", page)[F.DESCRIPTION].values == expected


def test_a_page_shared_by_services_gives_each_its_own_role(sources):
    for principal, name in [
        ("cassandra.application-autoscaling.amazonaws.com", "CassandraTable"),
        ("ec2.application-autoscaling.amazonaws.com", "EC2SpotFleetRequest"),
    ]:
        found = F.page_facts(principal, source(sources, principal).read())[F.ROLE_NAME]
        assert found.values == (f"AWSServiceRoleForApplicationAutoScaling_{name}",)


def test_a_browser_copy_gives_the_same_facts_for_every_page(sources, tmp_path):
    for page in sources:
        markdown = F.page_facts(page.principal, page.read())
        extra = tuple(as_html(tmp_path, more) for more in page.extra)
        saved = read_page(as_html(tmp_path, page.file), extra, page.url)
        assert saved.sections.keys() == page.read().sections.keys(), page.principal
        saved_facts = F.page_facts(page.principal, saved)
        assert saved_facts == markdown, page.principal


# ---------------------------------------------------------------- the data file


def test_the_data_file_is_what_the_reader_finds_with_the_reviewed_overrides(sources):
    pages, overrides = parse(tomllib.loads(page_facts_text()))
    assert render(read_all(SOURCES, overrides), overrides) == page_facts_text(), (
        "the pages or the reader changed: run python -m conformance.tools.page_facts "
        f"{SOURCES} and review the difference"
    )
    assert len(pages) == len(sources) == 71


def test_every_override_gives_its_reason():
    _, overrides = parse(tomllib.loads(page_facts_text()))
    assert overrides and all(o.reason for table in overrides.values() for o in table.values())


def test_the_data_file_copies_no_sentence_of_any_page(sources):
    """No run of eight words of a page is in the data file (identifiers are single words)."""
    kept = " ".join(words_of(page_facts_text()))
    for page in sources:
        words = words_of(page.file.read_text(encoding="utf-8"))
        for i in range(0, len(words) - 8, 3):
            assert " ".join(words[i : i + 8]) not in kept, page.principal


def words_of(text: str) -> list[str]:
    """The words of a text, its URLs (which the data file cites) left out."""
    return re.findall(r"[a-z0-9]+", re.sub(r"https?://\S+", " ", text.lower()))


def test_every_fact_cites_the_page_and_a_section():
    for principal, page in recorded_page_facts().items():
        assert page.url.startswith("https://docs.aws.amazon.com/"), principal
        for fact in page.facts.values():
            assert fact.provenance.kind == F.PAGE and fact.provenance.source == page.url
            assert fact.provenance.part or fact.status == F.SILENT


def test_a_regions_statement_outside_a_regions_section_is_read(sources):
    """Redshift says it in its overview, the CloudHSM key stores' page beside the role's facts."""
    for principal, section in [
        ("redshift.amazonaws.com", OVERVIEW),
        ("cks.kms.amazonaws.com", PERMISSIONS),
    ]:
        found = F.page_facts(principal, source(sources, principal).read())[F.REGIONS_FACT]
        assert (found.values, found.provenance.part) == ((F.ALL_REGIONS,), section)

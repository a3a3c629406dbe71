"""The feature files and the catalogue stay in step, and the Regions table follows botocore."""

from __future__ import annotations

import pytest

from conformance.catalogue import load_catalogue
from conformance.runner import FEATURES_DIR
from conformance.speccheck import (
    check,
    parse_features,
    published_regions,
    region_drift,
    scenarios,
)


def test_the_shipped_specification_is_consistent():
    assert check(FEATURES_DIR) == []


def test_size_of_the_specification():
    refs = list(scenarios(parse_features(FEATURES_DIR)))
    assert len(load_catalogue().requirements) >= 25
    assert len(refs) >= 50


def test_every_statement_is_covered_or_says_why_not():
    catalogue = load_catalogue()
    for statement in catalogue.statements:
        assert bool(catalogue.covering(statement.id)) != bool(statement.untestable), statement.id


def test_the_retry_advice_is_untestable_with_its_reason():
    catalogue = load_catalogue()
    advice = next(s for s in catalogue.statements if s.id == "DEL-5")
    assert not catalogue.covering("DEL-5")
    assert advice.untestable and "advice" in advice.untestable.lower()


def test_regions_table_drift_is_reported(tmp_path):
    source = (FEATURES_DIR / "regions.feature").read_text(encoding="utf-8")
    first = published_regions()[0]
    (tmp_path / "regions.feature").write_text(
        source.replace(f"| {first} ", "| xx-nowhere-1 "), encoding="utf-8"
    )
    for other in FEATURES_DIR.glob("*.feature"):
        if other.name != "regions.feature":
            (tmp_path / other.name).write_text(other.read_text(encoding="utf-8"), encoding="utf-8")
    assert check(tmp_path) == []  # drift is reported, never a reason to refuse the run
    drift = region_drift(parse_features(tmp_path))
    assert drift is not None
    assert f"botocore publishes {first}, which the table lacks" in drift
    assert "the table lists xx-nowhere-1, which botocore does not publish" in drift
    assert drift.endswith(".") and "\n" not in drift
    assert region_drift(parse_features(FEATURES_DIR)) is None


def test_feature_files_do_not_copy_the_page():
    """Paraphrase only: no run of 12 words from the AWS page appears in a feature file."""
    import re
    from pathlib import Path

    page = (
        Path(__file__).resolve().parents[2]
        / "shared"
        / "sources"
        / "incident-manager-service-linked-roles.txt"
    )
    if not page.exists():
        pytest.skip("the AWS page's text is not beside this checkout")
    words = re.findall(r"[a-z0-9]+", page.read_text(encoding="utf-8").lower())
    grams = {tuple(words[i : i + 12]) for i in range(len(words) - 11)}
    for feature in FEATURES_DIR.glob("*.feature"):
        mine = re.findall(r"[a-z0-9]+", feature.read_text(encoding="utf-8").lower())
        assert not any(tuple(mine[i : i + 12]) in grams for i in range(len(mine) - 11)), (
            feature.name
        )


def test_a_statement_neither_covered_nor_explained_is_refused():
    from conformance.catalogue import CatalogueError, Statement, _check_coverage

    catalogue = load_catalogue()
    silent = Statement("XXX-1", "overview", "Something nobody checks.")
    with pytest.raises(CatalogueError, match="XXX-1 is covered by no requirement"):
        _check_coverage((*catalogue.statements, silent), list(catalogue.requirements))
    covered = next(s for s in catalogue.statements if catalogue.covering(s.id))
    both = Statement(covered.id, covered.section, covered.text, untestable="no reason")
    with pytest.raises(CatalogueError, match="marked untestable"):
        _check_coverage((both,), list(catalogue.requirements))

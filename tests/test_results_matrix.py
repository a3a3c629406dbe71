"""The matrix: runs side by side, never mixing specifications."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_results_support import assert_one_sentence, ids, make_result, with_requirements

from conformance.errors import ConfigurationError
from conformance.results import matrix


def test_combine_puts_requirements_down_and_backends_across() -> None:
    results = [
        make_result(backend="reference"),
        make_result({"SLR-OVR-02": "fail"}, backend="moto"),
    ]
    combined = matrix.combine(results)
    assert [c.label for c in combined.columns] == ["reference", "moto"]
    assert [r.id for r in combined.rows] == list(ids())
    row = next(r for r in combined.rows if r.id == "SLR-OVR-02")
    assert row.verdicts == ("pass", "fail")


def test_a_requirement_missing_from_one_run_is_blank() -> None:
    results = [make_result(backend="a"), with_requirements(make_result(backend="b"), 3)]
    combined = matrix.combine(results)
    assert combined.rows[-1].verdicts == ("pass", None)
    assert "| - |" in matrix.render_markdown(combined)


def test_duplicate_backend_names_are_told_apart() -> None:
    results = [
        make_result(backend="moto", version="5.2.5"),
        make_result(backend="moto", version="5.3.0"),
        make_result(backend="endpoint", endpoint="http://127.0.0.1:1"),
        make_result(backend="endpoint", endpoint="http://127.0.0.1:2"),
        make_result(backend="same"),
        make_result(backend="same"),
    ]
    labels = [c.label for c in matrix.combine(results).columns]
    assert len(set(labels)) == len(labels)
    assert labels[:2] == ["moto (5.2.5)", "moto (5.3.0)"]
    assert labels[4:] == ["same (5.2.5) #1", "same (5.2.5) #2"]


def test_combine_refuses_mixed_spec_versions() -> None:
    with pytest.raises(ConfigurationError) as error:
        matrix.combine([make_result(), make_result(spec_version="2.0.0")])
    assert "specification versions" in assert_one_sentence(error)


def test_combine_refuses_mixed_catalogues() -> None:
    with pytest.raises(ConfigurationError) as error:
        matrix.combine([make_result(), make_result(digest="0" * 64)])
    assert "catalogues" in assert_one_sentence(error)


def test_combine_refuses_nothing() -> None:
    with pytest.raises(ConfigurationError) as error:
        matrix.combine([])
    assert_one_sentence(error)


def test_markdown_has_a_column_per_backend_and_totals() -> None:
    combined = matrix.combine(
        [make_result(backend="reference"), make_result({"SLR-OVR-02": "fail"}, backend="moto")]
    )
    text = matrix.render_markdown(combined)
    header = next(line for line in text.splitlines() if line.startswith("| Requirement"))
    assert header.endswith("| reference | moto |")
    total = len(ids())
    assert f"| **Passing** | | | {total}/{total} | {total - 1}/{total} |" in text


def test_json_is_valid_and_keyed_by_label(tmp_path: Path) -> None:
    combined = matrix.combine([make_result(backend="reference"), make_result(backend="moto")])
    document = matrix.to_json(combined)
    matrix.validate(document)
    assert document["requirements"][0]["verdicts"] == {"reference": "pass", "moto": "pass"}
    paths = matrix.write_matrix(combined, tmp_path / "m")
    assert [p.name for p in paths] == ["matrix.json", "matrix.md"]
    assert json.loads(paths[0].read_text()) == document


def test_a_broken_matrix_document_is_refused() -> None:
    document = matrix.to_json(matrix.combine([make_result()]))
    document["requirements"][0]["verdicts"]["moto"] = "great"
    with pytest.raises(ConfigurationError) as error:
        matrix.validate(document)
    assert "$.requirements[0].verdicts.moto" in assert_one_sentence(error)

"""The matrix: runs side by side, never mixing specifications."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from results_builders import (
    CLOCK_REASON,
    assert_one_sentence,
    ids,
    make_result,
    with_requirements,
    with_skipped_examples,
)

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
        matrix.combine([make_result(), make_result(spec_version="9.9.9")])
    assert "specification versions" in assert_one_sentence(error)


def test_combine_refuses_runs_of_different_specifications() -> None:
    other = replace(make_result(), specification="service-linked-roles")
    with pytest.raises(ConfigurationError) as error:
        matrix.combine([make_result(), other])
    assert "different specifications" in assert_one_sentence(error)


def test_the_matrix_names_its_specification() -> None:
    combined = matrix.combine([make_result(backend="reference")])
    assert matrix.to_json(combined)["specification"] == "incident-manager"
    assert "Specification incident-manager, version" in matrix.render_markdown(combined)


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
    assert "partly" not in text


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


def _with_partial() -> matrix.Matrix:
    moto = with_skipped_examples(make_result({"SLR-OVR-02": "fail"}, backend="moto"), "SLR-OVR-01")
    return matrix.combine([make_result(backend="reference"), moto])


def test_a_partly_checked_pass_is_labelled_in_its_cell() -> None:
    combined = _with_partial()
    row = combined.rows[0]
    assert row.id == "SLR-OVR-01"
    assert row.verdicts == ("pass", "pass")
    assert row.partial() == (False, True)
    assert [c.partial for c in combined.columns] == [0, 1]
    text = matrix.render_markdown(combined)
    assert "| pass | pass (2 of 5 examples) |" in text
    total = len(ids())
    assert f"| {total}/{total} | {total - 1}/{total} (1 partly checked) |" in text
    assert "*pass (2 of 5 examples)* is a pass that is only partly checked" in text


def test_the_json_lists_partly_checked_cells_with_their_examples() -> None:
    document = matrix.to_json(_with_partial())
    matrix.validate(document)
    assert document["schema_version"] == "1.2"
    assert [c["partial"] for c in document["columns"]] == [0, 1]
    first = document["requirements"][0]
    assert first["verdicts"] == {"reference": "pass", "moto": "pass"}
    assert first["partial"] == ["moto"]
    assert first["examples"]["moto"] == {
        "total": 5,
        "passed": 2,
        "failed": 0,
        "error": 0,
        "skipped": 3,
        "skip_reasons": [CLOCK_REASON],
    }
    assert first["examples"]["reference"]["skipped"] == 0
    assert document["requirements"][1]["partial"] == []


def test_a_missing_run_has_no_examples_in_the_json() -> None:
    results = [make_result(backend="a"), with_requirements(make_result(backend="b"), 3)]
    document = matrix.to_json(matrix.combine(results))
    matrix.validate(document)
    assert document["requirements"][-1]["examples"]["b"] is None
    assert document["requirements"][-1]["partial"] == []


def test_a_matrix_document_without_partial_fields_is_refused() -> None:
    document = matrix.to_json(_with_partial())
    del document["requirements"][0]["partial"]
    with pytest.raises(ConfigurationError) as error:
        matrix.validate(document)
    assert "$.requirements[0].partial is missing" in assert_one_sentence(error)


def test_escape_sequences_from_a_file_never_reach_the_terminal_or_the_page(
    tmp_path: Path,
) -> None:
    title, clear = "\x1b]0;owned\x07", "\x1b[2J\x9b2J\u202e"
    results = [
        make_result(backend=f"moto{title}", version=f"5{clear}"),
        make_result(backend="reference", endpoint=f"http://x{clear}"),
    ]
    combined = matrix.combine(results)
    shown = matrix.render_markdown(combined)
    written = "".join(
        p.read_text(encoding="utf-8") for p in matrix.write_matrix(combined, tmp_path)
    )
    for text in (shown, written):
        assert not any(c in text for c in "\x1b\x07\x9b\u202e")
    assert "moto?\\]0;owned?" in shown

"""Baselines: any verdict change is caught, fixes included, and explained."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from test_results_support import assert_one_sentence, make_result

from conformance.errors import ConfigurationError
from conformance.results import baseline


@pytest.fixture
def recorded(tmp_path: Path) -> Path:
    baseline.write_baseline(make_result({"SLR-OVR-02": "fail"}), "moto", tmp_path)
    return tmp_path


def test_write_then_load(recorded: Path) -> None:
    loaded = baseline.load_baseline("moto", recorded)
    assert loaded.name == "moto"
    assert loaded.verdicts["SLR-OVR-02"] == "fail"
    assert loaded.verdicts["SLR-OVR-01"] == "pass"
    document = json.loads((recorded / "moto.json").read_text())
    assert document["kind"] == "slr-conformance-baseline"
    assert set(document) == {"kind", "name", "spec_version", "catalogue_digest", "verdicts"}


def test_the_same_run_holds_the_baseline(recorded: Path) -> None:
    loaded = baseline.load_baseline("moto", recorded)
    changes = baseline.compare(make_result({"SLR-OVR-02": "fail"}), loaded)
    assert changes == []
    assert "holds" in baseline.render_diff(changes)


def test_a_regression_is_a_change(recorded: Path) -> None:
    loaded = baseline.load_baseline("moto", recorded)
    result = make_result({"SLR-OVR-02": "fail", "SLR-PRM-01": "error"})
    assert baseline.compare(result, loaded) == [
        baseline.VerdictChange("SLR-PRM-01", "pass", "error")
    ]


def test_a_fix_is_a_change_too(recorded: Path) -> None:
    loaded = baseline.load_baseline("moto", recorded)
    changes = baseline.compare(make_result(), loaded)
    assert changes == [baseline.VerdictChange("SLR-OVR-02", "fail", "pass")]
    diff = baseline.render_diff(changes)
    assert "SLR-OVR-02: expected fail, now pass" in diff
    assert "--update-baseline" in diff


def test_requirements_on_one_side_only_are_changes(recorded: Path) -> None:
    loaded = baseline.load_baseline("moto", recorded)
    result = make_result({"SLR-OVR-02": "fail"})
    first, *rest = result.requirements
    extra = replace(first, id="SLR-NEW-01")
    changes = baseline.compare(replace(result, requirements=(*rest, extra)), loaded)
    assert baseline.VerdictChange("SLR-NEW-01", None, "pass") in changes
    assert baseline.VerdictChange(first.id, "pass", None) in changes
    diff = baseline.render_diff(changes)
    assert "not in the baseline" in diff and "not in this run" in diff


def test_a_different_spec_version_is_a_change(recorded: Path) -> None:
    loaded = baseline.load_baseline("moto", recorded)
    changes = baseline.compare(make_result({"SLR-OVR-02": "fail"}, spec_version="9.9.9"), loaded)
    assert [c.kind for c in changes] == ["spec_version"]
    assert "recorded for" in baseline.render_diff(changes)
    assert "9.9.9" in baseline.render_diff(changes)


def test_a_different_catalogue_is_a_change(recorded: Path) -> None:
    loaded = baseline.load_baseline("moto", recorded)
    result = make_result({"SLR-OVR-02": "fail"}, digest="0" * 64)
    changes = baseline.compare(result, loaded)
    assert [c.kind for c in changes] == ["catalogue_digest"]
    assert "catalogue" in baseline.render_diff(changes)


def test_an_unknown_name_lists_the_known_ones(recorded: Path) -> None:
    baseline.write_baseline(make_result(), "reference", recorded)
    with pytest.raises(ConfigurationError) as error:
        baseline.load_baseline("localstack", recorded)
    message = assert_one_sentence(error)
    assert "moto, reference" in message


def test_an_unknown_name_with_none_recorded(tmp_path: Path) -> None:
    with pytest.raises(ConfigurationError) as error:
        baseline.load_baseline("moto", tmp_path / "nothing")
    assert "none is recorded yet" in assert_one_sentence(error)


@pytest.mark.parametrize("name", ["../moto", "", "a b", ".hidden"])
def test_unusable_names_are_refused_on_write(tmp_path: Path, name: str) -> None:
    with pytest.raises(ConfigurationError) as error:
        baseline.write_baseline(make_result(), name, tmp_path)
    assert_one_sentence(error)


@pytest.mark.parametrize(
    "content",
    [
        "{",
        "[]",
        '{"kind": "slr-conformance-result"}',
        '{"kind": "slr-conformance-baseline", "name": "x", "spec_version": "1",'
        ' "catalogue_digest": "d", "verdicts": {"A": "great"}}',
        '{"kind": "slr-conformance-baseline", "name": "x", "spec_version": "1",'
        ' "catalogue_digest": "d", "verdicts": []}',
    ],
)
def test_broken_baseline_files_are_refused(tmp_path: Path, content: str) -> None:
    (tmp_path / "broken.json").write_text(content)
    with pytest.raises(ConfigurationError) as error:
        baseline.load_baseline("broken", tmp_path)
    assert "broken.json" in assert_one_sentence(error)


def test_the_default_directory_is_the_packaged_data() -> None:
    directory = baseline.baseline_directory()
    assert directory.parts[-2:] == ("data", "baselines")
    assert (directory.parent / "requirements.toml").is_file()

"""Baselines: any verdict change is caught, fixes included, and explained."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from results_builders import assert_one_sentence, make_result, with_skipped_examples

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
    assert set(document) == {
        "kind",
        "name",
        "specification",
        "spec_version",
        "catalogue_digest",
        "verdicts",
        "partial",
        "recorded_with",
    }
    assert document["recorded_with"] == {
        "implementation": "moto",
        "version": "5.2.5",
        "botocore": "1.44.8",
    }
    assert document["partial"] == []
    assert loaded.partial == frozenset()
    assert document["specification"] == loaded.specification == "incident-manager"


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


def test_a_run_of_another_specification_differs_as_a_whole(recorded: Path) -> None:
    loaded = baseline.load_baseline("moto", recorded)
    result = replace(make_result({"SLR-OVR-02": "fail"}), specification="service-linked-roles")
    changes = baseline.compare(result, loaded)
    assert changes == [
        baseline.VerdictChange("", "incident-manager", "service-linked-roles", "specification")
    ]
    assert "recorded for incident-manager, this run checked service-linked-roles" in (
        baseline.render_diff(changes)
    )


def test_a_baseline_that_names_no_specification_is_incident_managers(recorded: Path) -> None:
    document = json.loads((recorded / "moto.json").read_text())
    del document["specification"]
    (recorded / "old.json").write_text(json.dumps(document))
    assert baseline.load_baseline("old", recorded).specification == "incident-manager"
    document["specification"] = "Not a name!"
    (recorded / "bad.json").write_text(json.dumps(document))
    with pytest.raises(ConfigurationError) as error:
        baseline.load_baseline("bad", recorded)
    assert "$.specification" in assert_one_sentence(error)


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


def test_partly_checked_passes_are_recorded(tmp_path: Path) -> None:
    result = with_skipped_examples(make_result({"SLR-OVR-02": "fail"}), "SLR-OVR-01")
    baseline.write_baseline(result, "moto", tmp_path)
    document = json.loads((tmp_path / "moto.json").read_text())
    assert document["partial"] == ["SLR-OVR-01"]
    assert document["verdicts"]["SLR-OVR-01"] == "pass"
    loaded = baseline.load_baseline("moto", tmp_path)
    assert loaded.partial == frozenset({"SLR-OVR-01"})
    assert baseline.compare(result, loaded) == []


def test_a_full_pass_becoming_partial_is_a_change(recorded: Path) -> None:
    loaded = baseline.load_baseline("moto", recorded)
    result = with_skipped_examples(make_result({"SLR-OVR-02": "fail"}), "SLR-OVR-01")
    changes = baseline.compare(result, loaded)
    assert changes == [
        baseline.VerdictChange(
            "SLR-OVR-01", baseline.FULLY_CHECKED, baseline.PARTLY_CHECKED, "partial"
        )
    ]
    diff = baseline.render_diff(changes)
    assert "SLR-OVR-01: expected a fully checked pass, now a partly checked pass" in diff
    assert "(fixed)" not in diff


def test_a_partial_pass_becoming_full_is_a_change(tmp_path: Path) -> None:
    partly = with_skipped_examples(make_result({"SLR-OVR-02": "fail"}), "SLR-OVR-01")
    baseline.write_baseline(partly, "moto", tmp_path)
    loaded = baseline.load_baseline("moto", tmp_path)
    changes = baseline.compare(make_result({"SLR-OVR-02": "fail"}), loaded)
    assert [c.describe() for c in changes] == [
        "SLR-OVR-01: expected a partly checked pass, now a fully checked pass"
    ]


def test_a_verdict_change_is_reported_once_even_if_it_was_partial(tmp_path: Path) -> None:
    partly = with_skipped_examples(make_result(), "SLR-OVR-01")
    baseline.write_baseline(partly, "moto", tmp_path)
    loaded = baseline.load_baseline("moto", tmp_path)
    changes = baseline.compare(make_result({"SLR-OVR-01": "fail"}), loaded)
    assert changes == [baseline.VerdictChange("SLR-OVR-01", "pass", "fail")]


def test_a_baseline_without_a_partial_field_compares_verdicts_only(recorded: Path) -> None:
    path = recorded / "moto.json"
    document = json.loads(path.read_text())
    del document["partial"]
    path.write_text(json.dumps(document))
    loaded = baseline.load_baseline("moto", recorded)
    assert loaded.partial is None
    result = with_skipped_examples(make_result({"SLR-OVR-02": "fail"}), "SLR-OVR-01")
    assert baseline.compare(result, loaded) == []
    assert baseline.compare(make_result(), loaded) == [
        baseline.VerdictChange("SLR-OVR-02", "fail", "pass")
    ]


def test_the_packaged_baselines_still_load() -> None:
    for name in baseline.known_baselines():
        assert baseline.load_baseline(name).verdicts


@pytest.mark.parametrize(
    ("partial", "words"),
    [
        ('"SLR-OVR-01"', "$.partial must be a list of requirement IDs"),
        ("[1]", "$.partial must be a list of requirement IDs"),
        ('["SLR-OVR-02"]', "$.partial names SLR-OVR-02, whose recorded verdict is not pass"),
        ('["SLR-NEW-01"]', "$.partial names SLR-NEW-01, whose recorded verdict is not pass"),
    ],
)
def test_a_broken_partial_field_is_refused(tmp_path: Path, partial: str, words: str) -> None:
    (tmp_path / "broken.json").write_text(
        '{"kind": "slr-conformance-baseline", "name": "x", "spec_version": "1",'
        ' "catalogue_digest": "d", "verdicts": {"SLR-OVR-01": "pass", "SLR-OVR-02": "fail"},'
        f' "partial": {partial}}}'
    )
    with pytest.raises(ConfigurationError) as error:
        baseline.load_baseline("broken", tmp_path)
    message = assert_one_sentence(error)
    assert "broken.json" in message and words in message


def test_the_default_directory_is_the_default_specifications_data() -> None:
    directory = baseline.baseline_directory()
    assert directory.parts[-3:] == ("specs", "incident_manager", "baselines")
    assert (directory.parent / "requirements.toml").is_file()


def test_a_baseline_names_what_it_was_recorded_with_and_the_diff_says_when_it_differs(
    recorded: Path,
) -> None:
    loaded = baseline.load_baseline("moto", recorded)
    assert loaded.recorded_with == {
        "implementation": "moto",
        "version": "5.2.5",
        "botocore": "1.44.8",
    }
    same = make_result({"SLR-OVR-02": "fail"})
    assert baseline.provenance_note(same, loaded) is None
    upgraded = make_result({"SLR-OVR-02": "pass"}, version="5.3.0")
    changes = baseline.compare(upgraded, loaded)
    note = baseline.provenance_note(upgraded, loaded)
    assert note == (
        "The baseline was recorded with moto 5.2.5 and botocore 1.44.8, but this run used "
        "moto 5.3.0 and botocore 1.44.8: the changes may come from that difference."
    )
    diff = baseline.render_diff(changes, note)
    assert diff.splitlines()[-2] == note
    assert diff.splitlines()[-1].startswith("Fix the regression")


def test_a_baseline_that_does_not_say_what_it_was_recorded_with_is_read(recorded: Path) -> None:
    path = recorded / "moto.json"
    document = json.loads(path.read_text())
    del document["recorded_with"]
    path.write_text(json.dumps(document))
    loaded = baseline.load_baseline("moto", recorded)
    assert loaded.recorded_with is None
    note = baseline.provenance_note(make_result(), loaded)
    assert note is not None and "does not say which versions" in note and "moto 5.2.5" in note


def test_the_packaged_baselines_name_the_moto_they_were_recorded_with() -> None:
    import moto

    for name in ("moto", "moto-server"):
        recorded = baseline.load_baseline(name).recorded_with
        assert recorded is not None and recorded["version"] == moto.__version__


@pytest.mark.parametrize(
    "content",
    [
        '{"kind": "slr-conformance-baseline", "name": "x", "spec_version": "1",'
        ' "catalogue_digest": "d", "verdicts": {"\\u001b[2J\\u001b[31mSLR-OVR-01": "pass"}}',
        '{"kind": "slr-conformance-baseline", "name": "x\\u001b]0;title\\u0007",'
        ' "spec_version": "1", "catalogue_digest": "d", "verdicts": {}}',
        '{"kind": "slr-conformance-baseline", "name": "x", "spec_version": "1",'
        ' "catalogue_digest": "d", "verdicts": {}, "recorded_with": {"implementation": "m",'
        ' "version": "\\u009b2J", "botocore": "1"}}',
        "[" * 100_000 + "]" * 100_000,
        '{"kind": "slr-conformance-baseline", "x": ' + "9" * 5000 + "}",
    ],
)
def test_a_hostile_baseline_is_refused_before_it_reaches_a_terminal(
    tmp_path: Path, content: str
) -> None:
    (tmp_path / "hostile.json").write_text(content)
    with pytest.raises(ConfigurationError) as error:
        baseline.load_baseline("hostile", tmp_path)
    message = assert_one_sentence(error)
    assert "hostile.json" in message
    assert all(c.isprintable() for c in message)


def test_a_baseline_that_is_not_utf_8_is_refused(tmp_path: Path) -> None:
    (tmp_path / "latin.json").write_bytes(b'{"name": "caf\xe9"}')
    with pytest.raises(ConfigurationError) as error:
        baseline.load_baseline("latin", tmp_path)
    assert "not UTF-8" in assert_one_sentence(error)

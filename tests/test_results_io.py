"""Result documents: the schema accepts real ones, refuses broken ones by name, and round-trips."""

from __future__ import annotations

import copy
import json
import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from jsonschema import Draft202012Validator
from results_builders import (
    CLOCK_REASON,
    assert_one_sentence,
    make_result,
    run_results,
    with_skipped_examples,
)

from conformance.errors import ConfigurationError
from conformance.results import io
from conformance.results.model import SCHEMA_VERSION, RunResult

OLD_RESULT = Path(__file__).parent / "roots" / "test-slr-basic" / "results" / "moto.json"


def _document() -> dict[str, Any]:
    return make_result({"SLR-OVR-02": "fail", "SLR-PRM-01": "error"}).to_json()


def test_the_packaged_schema_is_a_valid_draft_2020_12_schema() -> None:
    schema = io.schema()
    Draft202012Validator.check_schema(schema)
    assert schema["properties"]["kind"]["const"] == "slr-conformance-result"
    assert schema["properties"]["schema_version"]["enum"] == ["1.0", "1.1", "1.2", "1.3", "1.4"]
    assert SCHEMA_VERSION == "1.4"


def test_a_real_document_is_valid() -> None:
    io.validate(_document())


def test_a_document_survives_json_text() -> None:
    document = json.loads(json.dumps(_document()))
    io.validate(document)


@pytest.mark.parametrize(
    ("breakage", "path"),
    [
        (lambda d: d["requirements"][3].update(verdict="maybe"), "$.requirements[3].verdict"),
        (lambda d: d["requirements"][0]["scenarios"][1].update(outcome="ok"), "outcome"),
        (lambda d: d["backend"].pop("name"), "$.backend.name"),
        (lambda d: d.pop("spec_version"), "$.spec_version"),
        (lambda d: d.update(catalogue_digest="abc"), "$.catalogue_digest"),
        (lambda d: d["run"].update(duration=-1), "$.run.duration"),
        (lambda d: d["run"].update(duration="3"), "$.run.duration"),
        (lambda d: d["requirements"][1].update(colour="red"), "$.requirements[1].colour"),
        (lambda d: d["requirements"][2].update(level="MUSTNT"), "$.requirements[2].level"),
        (lambda d: d["backend"]["extra"].update(x=1), "$.backend.extra.x"),
    ],
)
def test_a_broken_document_is_refused_naming_the_field(breakage: Any, path: str) -> None:
    document = _document()
    breakage(document)
    with pytest.raises(ConfigurationError) as error:
        io.validate(document)
    message = assert_one_sentence(error)
    assert path in message


def test_a_malformed_value_with_newlines_still_gives_one_sentence() -> None:
    document = _document()
    document["requirements"][0]["verdict"] = "line one\nline two"
    with pytest.raises(ConfigurationError) as error:
        io.validate(document)
    assert_one_sentence(error)


def test_round_trip_of_a_real_result() -> None:
    result = make_result({"SLR-OVR-01": "skipped", "SLR-OVR-03": "fail"})
    text = json.dumps(result.to_json())
    assert io.result_from_json(json.loads(text)) == result


@settings(max_examples=60, deadline=None)
@given(run_results)
def test_round_trip_of_any_result(result: RunResult) -> None:
    document = json.loads(json.dumps(result.to_json()))
    io.validate(document)
    assert io.result_from_json(document) == result


def _partial() -> RunResult:
    """SLR-OVR-01 partly checked (2 of 5 examples), SLR-OVR-02 failing, the rest full passes."""
    return with_skipped_examples(make_result({"SLR-OVR-02": "fail"}), "SLR-OVR-01")


def test_a_partly_checked_result_says_so_in_its_document() -> None:
    document = _partial().to_json()
    assert document["schema_version"] == "1.4"
    first, second, third = document["requirements"][:3]
    assert list(first)[list(first).index("verdict") :][:3] == ["verdict", "partial", "examples"]
    assert first["verdict"] == "pass" and first["partial"] is True
    assert first["examples"] == {
        "total": 5,
        "passed": 2,
        "failed": 0,
        "error": 0,
        "skipped": 3,
        "skip_reasons": [CLOCK_REASON],
    }
    assert second["verdict"] == "fail" and second["partial"] is False
    assert third["partial"] is False and third["examples"]["skipped"] == 0
    io.validate(document)


def test_a_partly_checked_result_round_trips(tmp_path: Path) -> None:
    result = _partial()
    loaded = io.load_result(io.write_result(result, tmp_path / "results.json"))
    assert loaded == result
    assert [r.id for r in loaded.partly_checked()] == ["SLR-OVR-01"]


def _as_version_1_0(document: dict[str, Any]) -> dict[str, Any]:
    old = copy.deepcopy(document)
    old["schema_version"] = "1.0"
    del old["spec_digest"], old["specification"]
    for requirement in old["requirements"]:
        del requirement["partial"], requirement["examples"]
    return old


def test_a_version_1_0_document_is_read_and_its_partial_checks_derived() -> None:
    result = _partial()
    loaded = io.result_from_json(_as_version_1_0(result.to_json()))
    assert loaded.schema_version == "1.0"
    assert loaded.requirements == result.requirements
    assert [r.id for r in loaded.partly_checked()] == ["SLR-OVR-01"]
    rewritten = loaded.to_json()
    assert rewritten["schema_version"] == "1.1"  # it has no spec digest to make it 1.2
    assert rewritten["requirements"][0]["partial"] is True
    io.validate(rewritten)


def test_a_result_names_its_specification_and_older_ones_are_incident_managers() -> None:
    document = _partial().to_json()
    assert list(document)[:3] == ["kind", "specification", "spec_version"]
    older = copy.deepcopy(document)
    older["schema_version"] = "1.3"
    del older["specification"]
    assert io.result_from_json(older).specification == "incident-manager"
    del document["specification"]
    with pytest.raises(ConfigurationError) as error:
        io.result_from_json(document)
    assert "specification" in assert_one_sentence(error)


def test_a_version_1_0_file_still_loads() -> None:
    loaded = io.load_result(OLD_RESULT)
    assert loaded.schema_version == "1.0"
    assert loaded.verdict_of("SLR-PRM-03") == "skipped"
    assert loaded.partly_checked() == ()


def test_a_version_1_1_document_must_say_how_much_was_checked() -> None:
    document = _partial().to_json()
    del document["requirements"][4]["partial"]
    with pytest.raises(ConfigurationError) as error:
        io.result_from_json(document)
    assert "$.requirements[4].partial is missing" in assert_one_sentence(error)


@pytest.mark.parametrize(
    ("breakage", "words"),
    [
        (
            lambda d: d["requirements"][0].update(partial=False),
            "$.requirements[0].partial is false, but the scenarios of SLR-OVR-01 make it true",
        ),
        (
            lambda d: d["requirements"][2].update(partial=True),
            "$.requirements[2].partial is true, but the scenarios of SLR-OVR-03 make it false",
        ),
        (
            lambda d: d["requirements"][0]["examples"].update(skipped=0, passed=5),
            "$.requirements[0].examples.passed is 5, but the scenarios of SLR-OVR-01 make it 2",
        ),
        (
            lambda d: d["requirements"][0]["examples"].update(skip_reasons=[]),
            "$.requirements[0].examples.skip_reasons is [], but the scenarios",
        ),
        (
            lambda d: d["requirements"][0]["scenarios"][2].update(outcome="passed", message=None),
            "$.requirements[0].examples.passed is 2, but the scenarios of SLR-OVR-01 make it 3",
        ),
    ],
)
def test_a_summary_that_contradicts_its_scenarios_is_refused(breakage: Any, words: str) -> None:
    document = _partial().to_json()
    breakage(document)
    io.validate(document)  # well-formed: only the scenarios show the claim is wrong
    with pytest.raises(ConfigurationError) as error:
        io.result_from_json(document)
    message = assert_one_sentence(error)
    assert message.startswith("The result document is malformed: ")
    assert words in message


def test_a_file_whose_summary_contradicts_its_scenarios_is_refused(tmp_path: Path) -> None:
    document = _partial().to_json()
    document["requirements"][0]["partial"] = False
    path = tmp_path / "results.json"
    path.write_text(json.dumps(document))
    with pytest.raises(ConfigurationError) as error:
        io.load_result(path)
    message = assert_one_sentence(error)
    assert str(path) in message and "$.requirements[0].partial" in message


@pytest.mark.parametrize(
    ("document", "words"),
    [
        ([], "not an object"),
        ({"spec_version": "1"}, 'no "kind"'),
        ({"kind": "slr-conformance-baseline"}, "its kind is"),
        ({"kind": "slr-conformance-result", "schema_version": "2.0"}, "schema version 2.0"),
        (
            {"kind": "slr-conformance-result", "schema_version": "1.5"},
            "versions 1.0, 1.1, 1.2, 1.3 and 1.4",
        ),
    ],
)
def test_documents_that_are_not_ours_are_refused(document: Any, words: str) -> None:
    with pytest.raises(ConfigurationError) as error:
        io.result_from_json(document)
    assert words in assert_one_sentence(error)


def test_duplicate_requirements_are_refused() -> None:
    document = _document()
    document["requirements"].append(copy.deepcopy(document["requirements"][0]))
    with pytest.raises(ConfigurationError) as error:
        io.result_from_json(document)
    assert "appears twice" in assert_one_sentence(error)


def test_write_then_load(tmp_path: Path) -> None:
    result = make_result({"SLR-OVR-02": "fail"})
    path = io.write_result(result, tmp_path / "r.json")
    assert io.load_result(path) == result
    assert io.load_result(str(path)) == result


def test_load_accepts_an_output_directory(tmp_path: Path) -> None:
    result = make_result()
    io.write_all(result, tmp_path)
    assert io.load_result(tmp_path) == result


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (None, "There is no result file"),
        (b"{not json", "is not JSON"),
        (b"\xff\xfe\x00", "is not JSON"),
        (b'{"kind": "something-else"}', "is not a conformance result"),
        (b'{"a": 1}', 'has no "kind" field'),
        (b'{"kind": "slr-conformance-result", "schema_version": "1.0"}', "$.spec_version"),
    ],
)
def test_load_result_explains_bad_files(tmp_path: Path, content: bytes | None, words: str) -> None:
    path = tmp_path / "results.json"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(ConfigurationError) as error:
        io.load_result(path)
    message = assert_one_sentence(error)
    assert words in message
    assert str(path) in message


def test_write_all_writes_the_four_files(tmp_path: Path) -> None:
    out = tmp_path / "deep" / "out"
    paths = io.write_all(make_result({"SLR-OVR-02": "fail"}), out)
    assert [p.name for p in paths] == ["results.json", "junit.xml", "summary.md", "badge.svg"]
    assert all(p.is_file() and p.stat().st_size > 0 for p in paths)
    assert not [p for p in out.iterdir() if p.name.startswith(".")]


def test_write_all_refuses_a_file_in_the_way(tmp_path: Path) -> None:
    blocker = tmp_path / "out"
    blocker.write_text("x")
    with pytest.raises(ConfigurationError) as error:
        io.write_all(make_result(), blocker)
    assert "Cannot write results" in assert_one_sentence(error)


def test_write_all_refuses_a_file_in_the_path(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x")
    with pytest.raises(ConfigurationError) as error:
        io.write_all(make_result(), tmp_path / "file" / "out")
    assert_one_sentence(error)


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write anywhere")
def test_write_all_refuses_a_read_only_directory(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        with pytest.raises(ConfigurationError) as error:
            io.write_all(make_result(), locked)
        assert "Cannot write" in assert_one_sentence(error)
    finally:
        locked.chmod(0o700)


def test_write_all_refuses_a_directory_where_a_file_goes(tmp_path: Path) -> None:
    (tmp_path / "results.json").mkdir()
    with pytest.raises(ConfigurationError) as error:
        io.write_all(make_result(), tmp_path)
    assert "Cannot write" in assert_one_sentence(error)
    assert [p.name for p in tmp_path.iterdir()] == ["results.json"]

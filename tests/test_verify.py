"""`report verify`: a genuine certificate passes, a doctored one fails with its reasons, a file
from another specification fails, and an unreadable or hostile file is one sentence, exit 2."""

from __future__ import annotations

import copy
import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from test_cli_errors import assert_one_sentence as assert_cli_sentence

from conformance.catalogue import load_catalogue
from conformance.cli import main
from conformance.errors import ConfigurationError
from conformance.results import verify
from conformance.specfiles import installed, portable_location

SPEC_VERSION = load_catalogue().spec_version


@pytest.fixture(scope="module")
def genuine(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """A full run on stock moto: passes, failures and skips, as the suite wrote it."""
    out = tmp_path_factory.mktemp("moto")
    assert main(["run", "--backend", "moto", "--output", str(out)]) == 1
    return dict(json.loads((out / "results.json").read_text(encoding="utf-8")))


@pytest.fixture(scope="module")
def restricted(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """A run restricted to two requirements on the reference emulator."""
    out = tmp_path_factory.mktemp("reference")
    argv = ["run", "--requirement", "SLR-PRM-01", "--requirement", "SLR-OVR-01"]
    assert main([*argv, "--output", str(out)]) == 0
    return dict(json.loads((out / "results.json").read_text(encoding="utf-8")))


def _write(tmp_path: Path, document: Any, name: str = "results.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def _verify(capsys: pytest.CaptureFixture[str], path: Path) -> tuple[int, str, str]:
    code = main(["report", "verify", str(path)])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


class _Result:
    """What ``assert_one_sentence`` of the CLI tests reads from a finished command."""

    def __init__(self, code: int, stderr: str) -> None:
        self.returncode = code
        self.stderr = stderr


def _first(document: dict[str, Any], verdict: str) -> dict[str, Any]:
    return next(r for r in document["requirements"] if r["verdict"] == verdict)


def test_a_genuine_certificate_verifies(
    genuine: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert genuine["schema_version"] == "1.4"
    assert genuine["specification"] == "incident-manager"
    assert genuine["spec_digest"] == installed().digest
    code, out, err = _verify(capsys, _write(tmp_path, genuine))
    assert code == 0, out + err
    assert f"is a faithful certificate of specification incident-manager {SPEC_VERSION}" in out
    assert "not who made it" in out
    assert err == ""


def test_locations_name_the_feature_file_not_the_install(genuine: dict[str, Any]) -> None:
    locations = {s["location"] for r in genuine["requirements"] for s in r["scenarios"]}
    assert all(location.startswith("features/incident-manager/") for location in locations), (
        locations
    )


def test_a_restricted_run_verifies_and_says_what_it_covers(
    restricted: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = _verify(capsys, _write(tmp_path, restricted))
    assert code == 0, out
    assert "covers only the 2 requirements it was restricted to" in out


def test_a_flipped_verdict_fails(
    genuine: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    forged = copy.deepcopy(genuine)
    failing = _first(forged, "fail")
    failing["verdict"] = "pass"
    code, out, _ = _verify(capsys, _write(tmp_path, forged))
    assert code == 1
    assert "is not a faithful certificate" in out
    assert f'the verdict of "{failing["id"]}" is "pass", but its scenarios make it "fail"' in out


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (lambda d: d.update(spec_version="1.0.0"), f'run against specification "1.0.0", not {SPEC_VERSION}'),
        (lambda d: d.update(catalogue_digest="0" * 64), "its requirements differ"),
        (lambda d: d.update(spec_digest="1" * 64), "the feature files it ran differ"),
    ],
)
def test_a_file_of_another_specification_fails(
    genuine: dict[str, Any],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    change: Any,
    words: str,
) -> None:
    other = copy.deepcopy(genuine)
    change(other)
    code, out, _ = _verify(capsys, _write(tmp_path, other))
    assert code == 1
    assert words in out
    assert verify.verify_document(other, "x").other_specification


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (lambda d: d["requirements"][0].update(title="A nicer title"), "the title of"),
        (lambda d: d["requirements"][0].update(level="MAY"), "the level of"),
        (lambda d: d["requirements"][0].update(id="SLR-XXX-01"), "is not in this catalogue"),
        (lambda d: d["requirements"].pop(), "leaves out 1 requirement"),
        (lambda d: d["requirements"][0]["scenarios"].pop(), "leaves out 1 of its example"),
        (
            lambda d: d["requirements"][0]["scenarios"][0].update(name="An easier example"),
            "which is not one of its examples",
        ),
        (lambda d: d["requirements"][0].update(reason="trust me"), "the reason given for"),
        (lambda d: d["requirements"][0]["examples"].update(total=99), "examples.total is 99"),
        (lambda d: d["run"].update(requirements=["SLR-PRM-01"]), "not restricted to"),
        (
            lambda d: d["requirements"].extend(d["requirements"] * 40),
            f"requirements, but this catalogue has {len(load_catalogue().ids)}",
        ),
        (
            lambda d: d["requirements"][0]["scenarios"].extend(
                d["requirements"][0]["scenarios"] * 99
            ),
            "scenarios, but this specification has",
        ),
    ],
)
def test_a_doctored_certificate_fails_with_its_reason(
    genuine: dict[str, Any], change: Any, words: str
) -> None:
    doctored = copy.deepcopy(genuine)
    change(doctored)
    verification = verify.verify_document(doctored, "results.json")
    assert not verification.faithful
    assert any(words in problem for problem in verification.problems), verification.problems
    assert not verification.other_specification


def test_a_certificate_is_checked_against_the_specification_it_names(
    genuine: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    unknown = copy.deepcopy(genuine)
    unknown["specification"] = "nonesuch"
    code, out, _ = _verify(capsys, _write(tmp_path, unknown))
    assert code == 1
    assert 'names the specification "nonesuch", which this suite does not carry' in out
    mine = installed()
    other = replace(mine, catalogue=replace(mine.catalogue, spec="other-spec"))
    verification = verify.verify_document(genuine, "results.json", other)
    assert verification.problems == (
        'it is a certificate of the specification "incident-manager", not other-spec',
    )
    assert verification.other_specification


def test_a_run_of_some_services_may_leave_requirements_out_and_says_so(
    genuine: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    some = copy.deepcopy(genuine)
    some["run"]["services"] = ["batch.amazonaws.com"]
    some["requirements"].pop()
    code, out, _ = _verify(capsys, _write(tmp_path, some))
    assert code == 0, out
    assert 'Note: it covers only the examples of the services "batch.amazonaws.com".' in out
    assert verify.verify_document(some, "x").result.run.services == ("batch.amazonaws.com",)


@pytest.mark.parametrize(
    ("dropped", "words"),
    [  # written before specifications were named: Incident Manager's
        (("1.3", "specification"), "faithful certificate of specification incident-manager"),
        (("1.1", "specification", "spec_digest"), "predates spec digests (result schema 1.1)"),
    ],
)
def test_an_older_certificate_verifies(
    genuine: dict[str, Any],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    dropped: tuple[str, ...],
    words: str,
) -> None:
    """``dropped``: the older schema version, then the fields it did not have yet."""
    older = copy.deepcopy(genuine)
    older["schema_version"], *missing = dropped
    for key in missing:
        del older[key]
    code, out, _ = _verify(capsys, _write(tmp_path, older))
    assert code == 0, out
    assert words in out


def test_the_output_names_at_most_five_reasons(
    genuine: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    forged = copy.deepcopy(genuine)
    for requirement in forged["requirements"]:
        requirement["title"] = "Anything"
    code, out, _ = _verify(capsys, _write(tmp_path, forged))
    assert code == 1
    assert out.count("  - ") == 5
    assert f"(and {len(forged['requirements']) - 5} more)" in out


def test_show_and_combine_refuse_an_unfaithful_file_in_one_sentence(
    genuine: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    forged = copy.deepcopy(genuine)
    _first(forged, "fail")["verdict"] = "pass"
    path = _write(tmp_path, forged, "forged.json")
    good = _write(tmp_path, genuine, "good.json")
    for argv in (
        ["report", "show", str(path)],
        ["report", "combine", str(good), str(path), "--output", str(tmp_path / "matrix")],
    ):
        code = main(argv)
        err = capsys.readouterr().err
        assert_cli_sentence(_Result(code, err), "forged.json", "not a faithful certificate")
    assert not (tmp_path / "matrix").exists()


def _hostile(tmp_path: Path, name: str) -> Path:
    path = tmp_path / "results.json"
    if name == "deep":
        path.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    elif name == "long-number":
        path.write_text('{"kind": "slr-conformance-result", "x": ' + "7" * 5000 + "}")
    elif name == "not-utf-8":
        path.write_bytes(b'{"kind": "slr-conformance-result", "name": "caf\xe9"}')
    elif name == "nan":
        path.write_text('{"kind": "slr-conformance-result", "x": NaN}', encoding="utf-8")
    elif name == "repeated-key":
        path.write_text('{"kind": "slr-conformance-result", "kind": "x"}', encoding="utf-8")
    elif name == "not-json":
        path.write_text("{", encoding="utf-8")
    elif name == "not-ours":
        path.write_text('{"hello": "world"}', encoding="utf-8")
    else:
        return tmp_path / "missing.json"
    return path


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("deep", "nested more than 64 levels deep"),
        ("long-number", "a number 5000 characters long"),
        ("not-utf-8", "not UTF-8 text"),
        ("nan", "NaN"),
        ("repeated-key", "appears twice"),
        ("not-json", "is not JSON"),
        ("not-ours", "not a conformance result"),
        ("missing", "There is no result file"),
    ],
)
def test_an_unreadable_or_hostile_file_is_one_sentence_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, words: str
) -> None:
    path = _hostile(tmp_path, name)
    for command in ("verify", "show"):
        code = main(["report", command, str(path)])
        captured = capsys.readouterr()
        assert captured.out == ""
        assert_cli_sentence(_Result(code, captured.err), words)


def test_a_hostile_file_never_reaches_the_terminal_raw(
    genuine: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    forged = copy.deepcopy(genuine)
    forged["requirements"][0]["id"] = "\x1b[2J\x1b]0;owned\x07SLR"
    forged["backend"]["name"] = "\x1b[31mred"
    code, out, err = _verify(capsys, _write(tmp_path, forged))
    assert code == 1
    assert "\x1b" not in out + err and "\x07" not in out + err
    assert "\\u001b[2J" in out


def test_the_verification_of_a_document_that_is_not_a_result_raises() -> None:
    with pytest.raises(ConfigurationError):
        verify.verify_document([], "x.json")


def test_portable_locations(tmp_path: Path) -> None:
    features = tmp_path / "spec" / "features"
    (features / "sub").mkdir(parents=True)
    inside = features / "sub" / "a.feature"
    assert portable_location(f"{inside}:12", features) == "features/sub/a.feature:12"
    assert portable_location("elsewhere/b.feature:3", features) == "elsewhere/b.feature:3"
    assert portable_location("no line", features) == "no line"


@pytest.mark.parametrize(
    ("run", "words"),
    [
        ({"started": "9999-99-99T99:99:99"}, "$.run.started"),
        ({"started": "9999-99-99T99:99:99Z"}, "$.run.started"),
        ({"finished": "yesterday"}, "$.run.finished"),
        ({"duration": 1e300}, "$.run.duration"),
        ({"finished": "2000-01-01T00:00:00+00:00"}, "finished before it started"),
    ],
)
def test_a_certificate_with_impossible_times_fails(
    genuine: dict[str, Any],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    run: dict[str, Any],
    words: str,
) -> None:
    forged = copy.deepcopy(genuine)
    forged["run"].update(run)
    code, out, _ = _verify(capsys, _write(tmp_path, forged))
    assert code == 1, out
    assert "is not a faithful certificate" in out and words in out, out

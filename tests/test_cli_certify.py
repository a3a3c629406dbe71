"""What a user certifying with a newer botocore or moto, or a hostile file, meets on the command
line: drift is a warning, a baseline names the versions behind a change, bad files are refused."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import ROOT
from test_cli_errors import assert_one_sentence

from conformance.results.baseline import baseline_directory
from conformance.speccheck import published_regions


def _specification_copy(tmp_path: Path) -> Path:
    """The specification in ``tmp_path`` (features copied, steps linked) to change a file of."""
    features = tmp_path / "features"
    features.mkdir()
    for path in (ROOT / "features" / "incident-manager").glob("*.feature"):
        (features / path.name).write_bytes(path.read_bytes())
    (tmp_path / "steps").symlink_to(ROOT / "steps")
    (tmp_path / "environment.py").write_bytes((ROOT / "environment.py").read_bytes())
    return features


def test_regions_that_differ_from_botocore_are_a_warning_not_a_refusal(cli, tmp_path):
    features = _specification_copy(tmp_path)
    regions = features / "regions.feature"
    first = published_regions()[0]
    regions.write_text(
        regions.read_text(encoding="utf-8").replace(f"| {first} ", "| xx-nowhere-1 "),
        encoding="utf-8",
    )
    result = cli(
        "run",
        "--features",
        str(features),
        "--requirement",
        "SLR-PRM-01",
        "--output",
        str(tmp_path / "out"),
    )
    assert result.returncode == 0, result.stdout + result.stderr
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning:")]
    assert len(warnings) == 1, result.stderr
    assert f"botocore publishes {first}, which the table lacks" in warnings[0]
    assert "the table lists xx-nowhere-1, which botocore does not publish" in warnings[0]
    assert "1 pass" in result.stdout


def test_a_feature_file_that_is_not_utf_8_is_one_sentence(cli, tmp_path):
    features = _specification_copy(tmp_path)
    (features / "latin.feature").write_bytes(b"Feature: Caf\xe9\n  Scenario: one\n    Given x\n")
    result = cli("run", "--features", str(features), "--output", str(tmp_path / "out"))
    assert_one_sentence(result, "latin.feature", "not UTF-8")


def test_a_baseline_with_escape_codes_in_its_keys_never_reaches_the_terminal(cli, tmp_path):
    document = json.loads((baseline_directory() / "moto.json").read_text(encoding="utf-8"))
    document["verdicts"]["\x1b[2J\x1b[31mSLR-OVR-99"] = "pass"
    hostile = tmp_path / "hostile.json"
    hostile.write_text(json.dumps(document), encoding="utf-8")
    result = cli(
        "run", "--backend", "moto", "--baseline", str(hostile), "--output", str(tmp_path / "o")
    )
    assert_one_sentence(result, "hostile.json", "control characters")
    assert "\x1b" not in result.stdout + result.stderr
    assert not (tmp_path / "o" / "results.json").exists()


def test_a_baseline_change_after_an_upgrade_of_moto_says_so(cli, tmp_path):
    document = json.loads((baseline_directory() / "moto.json").read_text(encoding="utf-8"))
    assert document["recorded_with"]["implementation"] == "moto (in process)"
    document["recorded_with"]["version"] = "5.0.0"
    document["verdicts"]["SLR-PRM-02"] = "fail"  # what the "older moto" got
    older = tmp_path / "moto-older.json"
    older.write_text(json.dumps(document), encoding="utf-8")
    result = cli(
        "run",
        "--backend",
        "moto",
        "--requirement",
        "SLR-PRM-02",
        "--baseline",
        str(older),
        "--output",
        str(tmp_path / "out"),
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert "SLR-PRM-02: expected fail, now pass (fixed)" in result.stdout
    assert "The baseline was recorded with moto (in process) 5.0.0 and botocore" in result.stdout
    assert "but this run used moto (in process) 5.2.5" in result.stdout

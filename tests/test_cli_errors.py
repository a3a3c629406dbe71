"""Every kind of bad input gets one plain sentence on stderr and exit code 2, never a traceback.

The command is called in process (the ``cli`` fixture of conftest.py), as quick as a function
call; two smoke tests at the end start it as a user does, in a subprocess.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conformance.cli import main


def assert_one_sentence(result, *fragments: str) -> None:
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert lines[0].endswith("."), lines[0]
    for fragment in fragments:
        assert fragment in lines[0]


def test_unknown_backend_names_the_known_ones(cli, tmp_path):
    result = cli("run", "--backend", "nonesuch", "--output", str(tmp_path))
    assert_one_sentence(result, "nonesuch", "reference", "moto-server", "endpoint", "aws")


def test_endpoint_that_does_not_answer_is_named(cli, tmp_path):
    from conformance.backends.common import free_port

    url = f"http://127.0.0.1:{free_port()}"
    result = cli("run", "--backend", "endpoint", "--endpoint-url", url, "--output", str(tmp_path))
    assert_one_sentence(result, url, "does not answer")


def test_endpoint_without_url(cli, tmp_path):
    assert_one_sentence(
        cli("run", "--backend", "endpoint", "--output", str(tmp_path)), "--endpoint-url"
    )


def test_aws_needs_an_allow_listed_account(cli, tmp_path):
    assert_one_sentence(
        cli("run", "--backend", "aws", "--output", str(tmp_path)), "--allow-aws-account"
    )


def test_aws_without_credentials(cli, tmp_path):
    env = {
        "AWS_ACCESS_KEY_ID": None,
        "AWS_SECRET_ACCESS_KEY": None,
        "AWS_SESSION_TOKEN": None,
        "AWS_PROFILE": None,
        "AWS_SHARED_CREDENTIALS_FILE": str(tmp_path / "none"),
        "AWS_CONFIG_FILE": str(tmp_path / "none"),
        "AWS_EC2_METADATA_DISABLED": "true",
        "AWS_CONTAINER_CREDENTIALS_FULL_URI": None,
        "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI": None,
    }
    result = cli(
        "run",
        "--backend",
        "aws",
        "--allow-aws-account",
        "123456789012",
        "--output",
        str(tmp_path / "out"),
        env=env,
    )
    assert_one_sentence(result, "credentials")


def test_unknown_requirement(cli, tmp_path):
    result = cli("run", "--requirement", "SLR-XXX-99", "--output", str(tmp_path))
    assert_one_sentence(result, "SLR-XXX-99")


def test_malformed_tag_expression(cli, tmp_path):
    result = cli("run", "--tags", "@a and (", "--output", str(tmp_path))
    assert_one_sentence(result, "tag expression")


def test_unwritable_output_folder(cli, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    result = cli("run", "--output", str(blocker / "results"))
    assert_one_sentence(result, "cannot be written")


def test_feature_file_that_does_not_parse_is_named_with_its_line(cli, tmp_path):
    features = tmp_path / "features"
    features.mkdir()
    (features / "broken.feature").write_text(
        "Feature: Broken\n  Scenario: one\n    Given something\n  Rule without colon\n    Then what\n",
        encoding="utf-8",
    )
    result = cli("run", "--features", str(features), "--output", str(tmp_path / "out"))
    assert_one_sentence(result, "broken.feature", "line")


def test_scenario_without_requirement_tag_fails_the_check(cli, tmp_path):
    features = tmp_path / "features"
    features.mkdir()
    (features / "untagged.feature").write_text(
        "Feature: Untagged\n  Scenario: lonely\n    Given the Incident Manager service-linked role exists\n",
        encoding="utf-8",
    )
    result = cli("run", "--features", str(features), "--output", str(tmp_path / "out"))
    assert_one_sentence(result, "lonely", "no requirement tag")


def test_usage_errors_are_one_sentence_too(cli):
    assert_one_sentence(cli("run", "--format", "yaml"), "format")


@pytest.mark.parametrize("argv", [["backends"], ["requirements"], ["schema"]])
def test_informational_commands_succeed(cli, argv):
    result = cli(*argv)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip()


def test_backends_lists_every_builtin_with_a_description(cli):
    lines = cli("backends").stdout.splitlines()
    names = {line.split()[0] for line in lines}
    assert names == {
        "reference",
        "reference-eventual",
        "reference-server",
        "moto",
        "moto-server",
        "localstack",
        "endpoint",
        "aws",
        "replay",
    }
    assert all(len(line.split()) > 3 for line in lines)


def test_requirements_json_lists_scenarios_for_every_requirement(cli):
    import json

    document = json.loads(cli("requirements", "--format", "json").stdout)
    entries = document["requirements"]
    assert len(entries) >= 25
    assert sum(len(e["scenarios"]) for e in entries) >= 50
    for entry in entries:
        assert entry["scenarios"], entry["id"]
        assert (
            entry["sources"] and entry["statements"] and entry["level"] in {"MUST", "SHOULD", "MAY"}
        )
        assert entry["status"] == "documented-only"


def test_run_selection_writes_results_and_exits_zero_on_reference(cli, tmp_path):
    out = tmp_path / "out"
    result = cli("run", "--requirement", "SLR-PRM-01", "--output", str(out))
    assert result.returncode == 0, result.stdout + result.stderr
    assert {p.name for p in Path(out).iterdir()} >= {
        "results.json",
        "junit.xml",
        "summary.md",
        "badge.svg",
    }
    assert "1 pass" in result.stdout


def test_aws_with_a_missing_profile(cli, tmp_path):
    result = cli(
        "run",
        "--backend",
        "aws",
        "--allow-aws-account",
        "123456789012",
        "--profile",
        "no-such-profile",
        "--output",
        str(tmp_path / "out"),
        env={
            "AWS_CONFIG_FILE": str(tmp_path / "none"),
            "AWS_SHARED_CREDENTIALS_FILE": str(tmp_path / "none"),
        },
    )
    assert_one_sentence(result, "no-such-profile")


def test_unknown_region(cli, tmp_path):
    assert_one_sentence(cli("run", "--region", "nowhere-1", "--output", str(tmp_path)), "nowhere-1")


def test_the_home_region_is_checked_against_the_specifications_service(cli, tmp_path):
    """Incident Manager is published in fewer Regions than STS, which the IAM rules call."""
    refused = cli("run", "--region", "af-south-1", "--output", str(tmp_path / "im"))
    assert_one_sentence(refused, "af-south-1", "Incident Manager")
    accepted = cli(
        "run", "--spec", "service-linked-roles", "--region", "af-south-1",
        "--service", "batch.amazonaws.com", "--requirement", "IAM-OVR-01",
        "--output", str(tmp_path / "slr"),
    )  # fmt: skip
    assert accepted.returncode == 0, accepted.stderr
    assert_one_sentence(
        cli("run", "--spec", "service-linked-roles", "--region", "nowhere-1"), "AWS STS"
    )


def test_serve_on_a_busy_port(cli):
    import socket

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        assert_one_sentence(cli("serve", "--port", str(port)), str(port))


def test_serve_on_an_impossible_port(cli):
    assert_one_sentence(cli("serve", "--port", "99999"), "99999")


def test_cleanup_refuses_a_run_id_that_could_match_other_runs(cli):
    assert_one_sentence(
        cli("cleanup", "--run-id", "abc-def", "--allow-aws-account", "123456789012"), "abc-def"
    )


def test_report_show_on_a_file_that_is_not_ours(cli, tmp_path):
    stray = tmp_path / "results.json"
    stray.write_text('{"hello": "world"}', encoding="utf-8")
    assert_one_sentence(cli("report", "show", str(stray)))


def test_a_fabricated_verdict_change_fails_the_baseline_run_with_its_diff(cli, tmp_path):
    import json

    from conformance.results.baseline import baseline_directory

    document = json.loads((baseline_directory() / "moto.json").read_text(encoding="utf-8"))
    assert document["verdicts"]["SLR-PRM-02"] == "pass"
    document["verdicts"]["SLR-PRM-02"] = "fail"  # pretend moto used to fail here: now a "fix"
    fabricated = tmp_path / "moto-fabricated.json"
    fabricated.write_text(json.dumps(document), encoding="utf-8")
    result = cli(
        "run", "--backend", "moto", "--baseline", str(fabricated), "--output", str(tmp_path / "out")
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert "SLR-PRM-02: expected fail, now pass" in result.stdout
    assert result.stdout.count("expected") == 1


def test_smoke_a_usage_error_in_a_subprocess(tmp_path):
    from conftest import run_cli

    assert_one_sentence(run_cli("run", "--backend", "nonesuch", "--output", str(tmp_path)))


def test_smoke_an_informational_command_in_a_subprocess():
    from conftest import run_cli

    result = run_cli("backends")
    assert result.returncode == 0, result.stderr
    assert "reference" in result.stdout


class _ClosedPipe:
    """Standard output whose reader has gone away (``slr-conformance ... | head -1``)."""

    def __init__(self, path: Path) -> None:
        self._file = path.open("wb")

    def write(self, text: str) -> int:
        raise BrokenPipeError(32, "Broken pipe")

    def flush(self) -> None:
        pass

    def fileno(self) -> int:
        return self._file.fileno()


def test_a_reader_that_goes_away_ends_the_command_quietly(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr("sys.stdout", _ClosedPipe(tmp_path / "stdout"))
    assert main(["mutants", "--list"]) == 141
    assert capsys.readouterr().err == ""

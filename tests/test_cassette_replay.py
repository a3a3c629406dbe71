"""Record a run on the reference emulator over HTTP, replay it offline, and try to break it.

One recording serves every test here: four requirements that use the clock and permission
controls, IAM users with access keys and temporary credentials, run with a planted access key
in the environment. The recording is made the way a user makes one, through the command line.
"""

from __future__ import annotations

import dataclasses
import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from conftest import run_cli

from conformance.backends import BackendOptions, parse_backend
from conformance.backends.common import DEFAULT_ACCOUNT_ID, EMULATOR_CREDENTIALS
from conformance.cassette.format import INDEX_FILE, read_cassette
from conformance.catalogue import load_catalogue
from conformance.errors import ConfigurationError

REQUIREMENTS = ("SLR-PRM-08", "SLR-DEL-08", "SLR-OVR-03", "SLR-DEL-03")
PLANTED_KEY = "AKIAPLANTEDFAKEKEY42"
PLANTED_SECRET = "planted/Secret+Key0000000000000000000000"


@pytest.fixture(scope="module")
def recording(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    base = tmp_path_factory.mktemp("recording")
    selection = [arg for r in REQUIREMENTS for arg in ("--requirement", r)]
    done = run_cli(
        "run",
        "--backend",
        "reference-server",
        *selection,
        "--record",
        str(base / "cassette"),
        "--output",
        str(base / "out"),
        env={"AWS_ACCESS_KEY_ID": PLANTED_KEY, "AWS_SECRET_ACCESS_KEY": PLANTED_SECRET},
    )
    assert done.returncode == 0, done.stderr
    return {
        "cassette": base / "cassette",
        "result": json.loads((base / "out" / "results.json").read_text("utf-8")),
        "stdout": done.stdout,
    }


def outcomes(result: dict[str, Any]) -> dict[str, tuple[str, str | None]]:
    """Each scenario's outcome and message, by feature file and line."""
    return {
        Path(s["location"]).name: (s["outcome"], s["message"])
        for r in result["requirements"]
        for s in r["scenarios"]
    }


def replay(cassette: Path, output: Path, *extra: str) -> Any:
    return run_cli(
        "run", "--backend", "replay", "--cassette", str(cassette), "--output", str(output), *extra
    )


def test_the_recording_holds_one_file_per_scenario_and_the_run(recording):
    cassette = read_cassette(recording["cassette"])
    assert "Cassette written to" in recording["stdout"]
    assert cassette.complete and cassette.backend["name"] == "reference-server"
    assert cassette.run["run_id"] == recording["result"]["run"]["run_id"]
    assert cassette.specification["spec_digest"] == recording["result"]["spec_digest"]
    assert cassette.verdicts == {r["id"]: r["verdict"] for r in recording["result"]["requirements"]}
    files = {p.name for p in recording["cassette"].iterdir()}
    assert files == {INDEX_FILE, "000-outside-scenarios.json"} | {
        s.file for s in cassette.scenarios
    }
    assert len(cassette.scenarios) == len(outcomes(recording["result"]))
    kinds = {i["kind"] for _, i in cassette.all_interactions()}
    controls = {i["control"] for _, i in cassette.all_interactions() if i["kind"] == "control"}
    assert kinds == {"call", "control", "clock"}
    assert {"reset", "set_permission_checks"} <= controls


def test_a_replay_gives_the_recorded_verdicts_with_zero_differences(recording, tmp_path: Path):
    done = replay(recording["cassette"], tmp_path)
    assert done.returncode == 0, done.stderr
    assert "The replay gives the recorded verdict for every requirement (4)." in done.stdout
    assert "unanswered" not in done.stderr
    replayed = json.loads((tmp_path / "results.json").read_text("utf-8"))
    assert replayed["run"]["run_id"] == recording["result"]["run"]["run_id"]
    assert replayed["backend"]["name"] == "replay"
    assert replayed["backend"]["extra"]["recorded_backend"] == "reference-server"
    verdicts = [(r["id"], r["verdict"]) for r in recording["result"]["requirements"]]
    assert [(r["id"], r["verdict"]) for r in replayed["requirements"]] == verdicts
    assert outcomes(replayed) == outcomes(recording["result"])


def test_no_secret_reaches_the_cassette(recording):
    text = "\n".join(p.read_text("utf-8") for p in sorted(recording["cassette"].iterdir()))
    for secret in (
        PLANTED_KEY,
        PLANTED_SECRET,
        DEFAULT_ACCOUNT_ID,
        EMULATOR_CREDENTIALS.access_key_id,
        EMULATOR_CREDENTIALS.secret_access_key,
    ):
        assert secret not in text
    keys = set(re.findall(r"(?:AKIA|ASIA)[A-Z0-9]{16}", text))
    assert keys and all("PLACEHOLDER" in key for key in keys)
    secrets = re.findall(r'"(?:SecretAccessKey|SessionToken)": "([^"]*)"', text)
    assert secrets and all(s.startswith("REDACTED-") for s in secrets)
    request_ids = re.findall(r'"RequestId": "([^"]*)"', text)
    assert request_ids and all(r.startswith("request-id-") for r in request_ids)
    index = json.loads((recording["cassette"] / INDEX_FILE).read_text("utf-8"))
    assert index["backend"]["account_id"] == "000000000001"


def test_a_request_the_cassette_lacks_is_an_error_that_names_scenario_and_call(
    recording, tmp_path: Path
):
    tampered = tmp_path / "cassette"
    shutil.copytree(recording["cassette"], tampered)
    cassette = read_cassette(tampered)
    scenario = next(s for s in cassette.scenarios if "SLR-DEL-03" in s.requirements)
    document = json.loads((tampered / scenario.file).read_text("utf-8"))
    call = next(i for i in document["interactions"] if i["kind"] == "call")
    call["operation"] = "GetAccountSummary"  # the recording now lacks the call the run makes
    (tampered / scenario.file).write_text(json.dumps(document), encoding="utf-8")

    done = replay(tampered, tmp_path / "out")
    assert done.returncode == 1
    sentence = next(
        line for line in done.stderr.splitlines() if line.startswith("slr-conformance:")
    )
    assert f"scenario '{scenario.name}' ({scenario.key})" in sentence
    assert "The cassette holds no answer to the call iam" in sentence
    assert sentence.count(". ") == 0  # one sentence
    assert "SLR-DEL-03: recorded pass, replayed error" in done.stdout
    replayed = json.loads((tmp_path / "out" / "results.json").read_text("utf-8"))
    verdict = next(r for r in replayed["requirements"] if r["id"] == "SLR-DEL-03")
    assert verdict["verdict"] == "error" and verdict["reason"].startswith("ReplayMismatch: ")
    others = [r["verdict"] for r in replayed["requirements"] if r["id"] != "SLR-DEL-03"]
    assert others == ["pass"] * 3  # the other scenarios replay from their own files


def test_a_replay_after_a_catalogue_change_is_refused(recording, monkeypatch):
    from conformance.backends import replay as module

    real = module.load_catalogue()
    changed = dataclasses.replace(real, digest="f" * 64)
    monkeypatch.setattr(module, "load_catalogue", lambda spec="incident-manager": changed)
    with pytest.raises(ConfigurationError) as caught:
        parse_backend("replay", BackendOptions(extra={"cassette": str(recording["cassette"])}))
    message = str(caught.value)
    assert message.endswith(
        "its requirements catalogue has changed since, so it cannot be replayed."
    )
    assert message.count(". ") == 0


def test_a_cassette_of_an_older_specification_is_refused_on_the_command_line(
    recording, tmp_path: Path
):
    older = tmp_path / "cassette"
    shutil.copytree(recording["cassette"], older)
    index = json.loads((older / INDEX_FILE).read_text("utf-8"))
    index["specification"]["spec_digest"] = "0" * 64
    (older / INDEX_FILE).write_text(json.dumps(index), encoding="utf-8")
    done = replay(older, tmp_path / "out")
    assert done.returncode == 2
    assert done.stderr.strip().endswith(
        "its feature files have changed since, so it cannot be replayed."
    )
    assert done.stderr.count("\n") == 1


@pytest.mark.parametrize(
    "args, fragment",
    [
        (("--backend", "replay"), "needs --cassette DIR"),
        (("--cassette", "x"), "goes with --backend replay"),
        (("--backend", "replay", "--cassette", "no-such-folder"), "does not exist"),
        (("--sanitise-rules", "x.toml"), "goes with --record DIR"),
    ],
)
def test_cassette_options_misused_are_one_sentence(cli, tmp_path: Path, args, fragment):
    done = cli("run", *args, "--output", str(tmp_path))
    assert done.returncode == 2
    assert fragment in done.stderr and done.stderr.count("\n") == 1


def test_a_replay_keeps_the_recorded_run_id_and_a_recording_never_overwrites(
    recording, cli, tmp_path: Path
):
    cassette = str(recording["cassette"])
    other = cli("run", "--backend", "replay", "--cassette", cassette, "--run-id", "other1")
    assert other.returncode == 2 and "reuses the recorded run ID" in other.stderr
    again = cli("run", "--record", cassette, "--output", str(tmp_path))
    assert again.returncode == 2 and "is not empty" in again.stderr


def test_the_report_shows_what_the_cassette_covers_and_says_what_it_proves(recording, cli):
    shown = cli("report", "cassette", str(recording["cassette"]))
    assert shown.returncode == 0
    assert "recorded 20" in shown.stdout and "reference-server" in shown.stdout
    assert f"specification {load_catalogue().spec_version.split('.')[0]}" in shown.stdout and "the same as this suite's" in shown.stdout
    row = next(line for line in shown.stdout.splitlines() if line.startswith("SLR-PRM-08"))
    assert "documented-only" in row and " pass " in row
    assert "consistency, not authenticity" in shown.stdout
    assert "not on live AWS" in shown.stdout
    as_json = cli("report", "cassette", str(recording["cassette"]), "--format", "json")
    document = json.loads(as_json.stdout)
    by_id = {r["id"]: r for r in document["requirements"]}
    assert by_id["SLR-DEL-08"]["examples_ran"] >= 1 and by_id["SLR-OVR-01"]["examples"] == 0
    assert by_id["SLR-DEL-08"]["catalogue_status"] == "documented-only"


def test_the_policy_command_prints_the_committed_policy_or_one_from_cassettes(recording, cli):
    from conformance.cassette import policy

    committed = cli("cassette", "policy")
    assert committed.returncode == 0 and committed.stdout == policy.committed_text()
    generated = cli("cassette", "policy", str(recording["cassette"]))
    assert generated.returncode == 0
    document = json.loads(generated.stdout)
    actions = {a for statement in document["Statement"] for a in statement["Action"]}
    assert {"iam:CreateUser", "iam:TagUser", "sts:AssumeRole"} <= actions
    full = json.loads(committed.stdout)
    assert all(policy.allows(full, action) for action in actions)

"""``slr-conformance drift --policy``: the recorded managed policy against other copies."""

from __future__ import annotations

import copy
import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from botocore.exceptions import ClientError

from conformance.catalogue import load_catalogue
from conformance.cli import main
from conformance.drift import policy
from conformance.drift.command import DATA_DIR
from conformance.errors import ConfigurationError

RECORDED = policy.load_recorded(DATA_DIR / policy.POLICY_FILE)


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["drift", "--policy", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def saved(tmp_path: Path, version: str, document: dict[str, Any]) -> str:
    """A copy as ``aws iam get-policy-version`` prints it."""
    path = tmp_path / f"{version}.json"
    path.write_text(json.dumps({"PolicyVersion": {"VersionId": version, "Document": document}}))
    return str(path)


def recorded_document() -> dict[str, Any]:
    return copy.deepcopy(RECORDED.document)


def changes(document: dict[str, Any]) -> list[policy.StatementChange]:
    found = policy.PolicyVersion(RECORDED.version, document, "a test copy")
    return policy.compare(RECORDED, found, load_catalogue())


def test_the_recorded_policy_is_the_one_the_reference_emulator_serves():
    from conformance.emulator.iam_slr.definition import DEFAULT_DEFINITION

    served = policy.PolicyVersion(
        DEFAULT_DEFINITION.policy_version_id,
        json.loads(DEFAULT_DEFINITION.policy_document),
        "the reference emulator",
    )
    assert (served.version, served.digest) == (RECORDED.version, RECORDED.digest)


def test_moto_ships_the_recorded_version(tmp_path, capsys):
    code, out, _ = run(capsys, "--output", str(tmp_path))
    assert code == 0, out
    assert re.search(r"moto [\d.]+'s copy: v3", out)
    assert "No drift" in out
    assert "**No drift**" in (tmp_path / "drift.md").read_text()


def test_a_newer_version_with_an_extra_action_is_reported(tmp_path, capsys):
    document = recorded_document()
    document["Statement"][0]["Action"].append("ssm-incidents:GetIncidentRecord")
    code, out, _ = run(
        capsys, "--policy-file", saved(tmp_path, "v4", document), "--output", str(tmp_path)
    )
    assert code == 1, out
    assert "a new version: v3 -> v4" in out
    assert (
        "changed statement UpdateIncidentRecordPermissions: "
        "also allows ssm-incidents:GetIncidentRecord" in out
    )
    assert "requirements SLR-PRM-03, SLR-PRM-07" in out
    record = json.loads((tmp_path / "policy.json").read_text())
    assert record["found"]["version"] == "v4"
    assert record["findings"][0]["requirements"] == ["SLR-PRM-03", "SLR-PRM-07"]
    assert "v3 to v4" in (tmp_path / "drift.md").read_text()


def test_a_new_version_with_the_same_document_is_still_reported(tmp_path, capsys):
    code, out, _ = run(capsys, "--policy-file", saved(tmp_path, "v4", recorded_document()))
    assert code == 1
    assert "a new version: v3 -> v4" in out


def test_order_keys_sids_and_single_actions_do_not_count():
    document = recorded_document()
    document["Statement"].reverse()
    for statement in document["Statement"]:
        statement.pop("Sid")
        action = statement["Action"]
        statement["Action"] = action[0] if isinstance(action, list) and len(action) == 1 else action
        if isinstance(statement["Action"], list):
            statement["Action"] = [a.upper() for a in reversed(statement["Action"])]
    reordered = {"Statement": document["Statement"], "Version": document["Version"]}
    assert not changes(reordered)
    assert policy.PolicyVersion("v3", reordered, "x").digest == RECORDED.digest


def test_a_narrower_condition_touches_the_metric_requirements():
    document = recorded_document()
    metric = next(s for s in document["Statement"] if s.get("Condition"))
    metric["Condition"]["StringEquals"]["cloudwatch:namespace"] = "AWS/IncidentManager"
    [change] = changes(document)
    assert change.change == "changed"
    assert "Condition" in change.detail
    assert change.requirements == ("SLR-PRM-06", "SLR-PRM-07")


def test_an_action_no_requirement_names_touches_the_bound_on_all_actions():
    document = recorded_document()
    document["Statement"].append(
        {"Effect": "Allow", "Action": "logs:PutLogEvents", "Resource": "*"}
    )
    [change] = changes(document)
    assert (change.change, change.actions, change.requirements) == (
        "added",
        ("logs:PutLogEvents",),
        ("SLR-PRM-07",),
    )


def test_a_removed_statement_names_what_it_allowed():
    document = recorded_document()
    document["Statement"] = [s for s in document["Statement"] if "ssm-contacts" not in str(s)]
    [change] = changes(document)
    assert (change.change, change.requirements) == ("removed", ("SLR-PRM-05", "SLR-PRM-07"))


# ---------------------------------------------------------------- an account's own copy


class _FakeIam:
    def __init__(self, document: dict[str, Any] | None) -> None:
        self._document = document

    def get_policy(self, PolicyArn: str) -> dict[str, Any]:
        if self._document is None:
            error = {"Error": {"Code": "AccessDenied", "Message": "no"}}
            raise ClientError(error, "GetPolicy")
        return {"Policy": {"Arn": PolicyArn, "DefaultVersionId": "v3"}}

    def get_policy_version(self, PolicyArn: str, VersionId: str) -> dict[str, Any]:
        return {"PolicyVersion": {"VersionId": VersionId, "Document": self._document}}


class _FakeBackend:
    """Just the part of a backend the comparison uses: its IAM client."""

    name = "fake"

    def __init__(self, document: dict[str, Any] | None) -> None:
        self._iam = _FakeIam(document)

    def client(self, service: str) -> _FakeIam:
        assert service == "iam"
        return self._iam


def test_a_backend_copy_is_read_with_get_policy_and_get_policy_version():
    found = policy.from_backend(_FakeBackend(recorded_document()))  # type: ignore[arg-type]
    assert (found.version, found.digest) == ("v3", RECORDED.digest)


def test_a_backend_that_refuses_cannot_be_compared():
    with pytest.raises(ConfigurationError, match=r"fake backend does not give .*AccessDenied"):
        policy.from_backend(_FakeBackend(None))  # type: ignore[arg-type]


def test_the_reference_emulator_serves_the_recorded_policy(tmp_path, capsys):
    code, out, _ = run(capsys, "--backend", "reference", "--output", str(tmp_path))
    assert code == 0, out
    assert "the reference backend's copy: v3" in out


# ---------------------------------------------------------------- cannot compare


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        ("not json", "is not JSON"),
        ('{"Policy": {}}', "neither the output of 'aws iam get-policy-version'"),
        ('{"PolicyVersion": {"VersionId": "v4", "Document": "%7B"}}', "holds no policy document"),
        ('{"DefaultVersionId": "v4", "Document": {"Statement": [1]}}', "not a list of statements"),
    ],
    ids=["not-json", "other-json", "broken-document", "odd-statements"],
)
def test_a_file_that_is_not_a_policy_cannot_be_compared(tmp_path, capsys, content, fragment):
    path = tmp_path / "copy.json"
    path.write_text(content)
    code, _, err = run(capsys, "--policy-file", str(path), "--output", str(tmp_path))
    assert code == 2
    assert len(err.strip().splitlines()) == 1 and fragment in err


def test_a_policy_file_without_policy_is_a_usage_error(tmp_path, capsys):
    code = main(["drift", "--policy-file", str(tmp_path / "x.json")])
    assert code == 2
    assert "--policy" in capsys.readouterr().err


# ---------------------------------------------------------------- accepting a review


def test_accepting_a_new_version_records_it_and_logs_the_review(tmp_path, capsys):
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy(DATA_DIR / policy.POLICY_FILE, data / policy.POLICY_FILE)
    changelog = tmp_path / "changelog.md"
    changelog.write_text("# Changelog\n\n## Drift reviewed\n\nIntro.\n\n## 1.0.0\n\nFirst.\n")
    document = recorded_document()
    document["Statement"][0]["Action"].append("ssm-incidents:GetIncidentRecord")
    options = ["--data", str(data), "--changelog", str(changelog), "--output", str(tmp_path)]
    copy_file = saved(tmp_path, "v4", document)

    code, out, _ = run(capsys, "--policy-file", copy_file, "--accept", *options)
    assert code == 0, out
    assert policy.load_recorded(data / policy.POLICY_FILE).version == "v4"
    log = changelog.read_text()
    assert re.search(
        r"Intro\.\n\n- \d{4}-\d\d-\d\d, the managed policy: v4 from the copy in v4\.json "
        r"\(document sha256 `[0-9a-f]{12}`\); specification [\d.]+\.\n\n## 1\.0\.0",
        log,
    )
    assert run(capsys, "--policy-file", copy_file, *options)[0] == 0
    assert run(capsys, *options)[0] == 1  # moto still ships v3

"""The per-service data file: its invariants always, and its facts against the recording.

``conformance/specs/service_linked_roles/services.toml`` holds, for each recorded service
principal, what AWS answered when its service-linked role was created. The first tests check
what must hold of any row whatever AWS answered (paths, trust, ARN forms, sources). The
snapshot tests compare every field with the recorded file itself, read from a git clone of
localstack/localstack named by ``LOCALSTACK_REPO``; they skip, saying so, without one.
"""

from __future__ import annotations

import copy
import json
import os
import re
import tomllib
from collections.abc import Mapping
from datetime import datetime
from importlib.resources import files
from pathlib import Path
from typing import Any

import pytest
from botocore.session import Session

from conformance.emulator.iam_slr import DEFAULT_DEFINITION
from conformance.emulator.iam_slr.recordings import (
    ACCEPTED,
    RECORDINGS_FILE,
    REFUSED,
    ROW_KEYS,
    SUFFIX_PLACEHOLDER,
    RecordingsError,
    ServiceRecording,
    parse_recordings,
    recorded_services,
    recordings_text,
)
from conformance.tools import slr_services

ROOT = Path(__file__).resolve().parent.parent
DATA_FILE = ROOT / "conformance" / "specs" / "service_linked_roles" / "services.toml"
SERVICE_PRINCIPAL = re.compile(r"(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+amazonaws\.com")
ROLE_NAME = re.compile(r"[\w+=,.@-]{1,64}")
SERVICE_ROLE_POLICY_ARN = re.compile(r"arn:aws:iam::aws:policy/aws-service-role/[\w+=,.@-]{1,128}")
SUFFIX_ACCEPTING = {"autoscaling.amazonaws.com", "connect.amazonaws.com", "lexv2.amazonaws.com"}


@pytest.fixture(scope="module")
def document() -> dict[str, Any]:
    return tomllib.loads(DATA_FILE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def recordings() -> Mapping[str, ServiceRecording]:
    return recorded_services()


def create_errors() -> set[str]:
    """The error codes botocore's IAM model lists for CreateServiceLinkedRole."""
    operation = Session().get_service_model("iam").operation_model("CreateServiceLinkedRole")
    return {shape.metadata["error"]["code"] for shape in operation.error_shapes}


# -- invariants of the committed file -------------------------------------------------------


def test_the_packaged_file_is_the_repository_file() -> None:
    assert recordings_text() == DATA_FILE.read_text(encoding="utf-8")


def test_71_principals_each_a_service_principal(recordings: Mapping[str, ServiceRecording]) -> None:
    assert len(recordings) == 71
    assert all(SERVICE_PRINCIPAL.fullmatch(p) for p in recordings)


def test_rows_hold_only_known_keys(document: dict[str, Any]) -> None:
    for principal, row in document["services"].items():
        assert set(row) <= ROW_KEYS, principal


def test_paths_are_the_service_role_path_of_their_principal(
    recordings: Mapping[str, ServiceRecording],
) -> None:
    for principal, recording in recordings.items():
        assert recording.path == f"/aws-service-role/{principal}/"


def test_trust_lets_exactly_that_principal_assume_the_role(
    recordings: Mapping[str, ServiceRecording],
) -> None:
    for principal, recording in recordings.items():
        assert recording.trust == {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Action": "sts:AssumeRole",
                    "Effect": "Allow",
                    "Principal": {"Service": principal},
                }
            ],
        }, principal


def test_role_names_are_valid_and_unique_regardless_of_case(
    recordings: Mapping[str, ServiceRecording],
) -> None:
    names = [r.role_name for r in recordings.values()]
    assert all(ROLE_NAME.fullmatch(name) for name in names)
    assert len({name.lower() for name in names}) == len(names)


def test_policy_arns_are_service_role_policies_in_the_aws_partition(
    recordings: Mapping[str, ServiceRecording],
) -> None:
    for principal, recording in recordings.items():
        assert recording.policy_arns, principal
        assert all(SERVICE_ROLE_POLICY_ARN.fullmatch(arn) for arn in recording.policy_arns)


def test_durations_flags_and_dates_have_their_types(document: dict[str, Any]) -> None:
    for principal, row in document["services"].items():
        assert type(row["max_session_duration"]) is int, principal
        assert 3600 <= row["max_session_duration"] <= 43200, principal
        assert type(row["inline_policies"]) is bool, principal
        for recorded in (row["recorded"], row["custom_suffix"]["recorded"]):
            assert isinstance(recorded, datetime) and recorded.tzinfo is None, principal


def test_every_row_names_its_source_and_cases(
    document: dict[str, Any], recordings: Mapping[str, ServiceRecording]
) -> None:
    for key, source in document["sources"].items():
        assert source["repository"].startswith("https://github.com/"), key
        assert re.fullmatch(r"[0-9a-f]{40}", source["commit"]), key
        assert source["path"] and source["case_prefix"], key
    for principal, row in document["services"].items():
        assert row["source"] in document["sources"], principal
    for principal, recording in recordings.items():
        assert recording.case == f"test_service_role_lifecycle[{principal}]"
        assert recording.custom_suffix.case.endswith(f"[{principal}]")


def test_custom_suffix_answers(recordings: Mapping[str, ServiceRecording]) -> None:
    """3 services accept a suffix (the role is ``<name>_<suffix>``); 68 refuse it with an
    error CreateServiceLinkedRole documents."""
    documented = create_errors()
    accepting = {p for p, r in recordings.items() if r.custom_suffix.answer == ACCEPTED}
    assert accepting == SUFFIX_ACCEPTING
    for principal, recording in recordings.items():
        answer = recording.custom_suffix
        if answer.accepted:
            assert answer.role_name == f"{recording.role_name}_{SUFFIX_PLACEHOLDER}"
            assert answer.error is None
            assert recording.suffixed_name("x1") == f"{recording.role_name}_x1"
        else:
            assert answer.answer == REFUSED, principal
            assert answer.error in documented and answer.role_name is None, principal


def test_the_single_calls_belong_to_recorded_services(
    document: dict[str, Any], recordings: Mapping[str, ServiceRecording]
) -> None:
    duplicate, deletion = document["calls"]["duplicate"], document["calls"]["deletion"]
    assert duplicate["error"] in create_errors()
    batch = recordings[deletion["principal"]]
    assert deletion["task_id"] == f"task{batch.path}{batch.role_name}/<uuid>"
    assert deletion["final_status"] == "SUCCEEDED"
    for call in (duplicate, deletion):
        assert call["principal"] in recordings and call["source"] in document["sources"]


def test_incident_managers_definition_agrees_with_its_recording(
    recordings: Mapping[str, ServiceRecording],
) -> None:
    recording = recordings[DEFAULT_DEFINITION.service_principal]
    assert recording.role_name == DEFAULT_DEFINITION.role_name
    assert recording.path == DEFAULT_DEFINITION.role_path
    assert recording.policy_arns == (DEFAULT_DEFINITION.policy_arn,)
    assert recording.max_session_duration == DEFAULT_DEFINITION.max_session_duration
    assert recording.trust == json.loads(DEFAULT_DEFINITION.trust_policy_document)
    assert not recording.inline_policies and not recording.custom_suffix.accepted


def test_the_recordings_cannot_be_changed_in_place() -> None:
    with pytest.raises(TypeError):
        recorded_services()["x.amazonaws.com"] = None  # type: ignore[index]


def test_a_row_without_its_source_is_refused(document: dict[str, Any]) -> None:
    broken = copy.deepcopy(document)
    del broken["services"]["acm.amazonaws.com"]["source"]
    with pytest.raises(RecordingsError, match="source"):
        parse_recordings(broken)


# -- the generator, on a small recording shaped like the real one ----------------------------


def role_case(principal: str, name: str, policy: str, date: str) -> dict[str, Any]:
    role = {
        "Arn": f"arn:<partition>:iam::111111111111:role/aws-service-role/{principal}/{name}",
        "AssumeRolePolicyDocument": {
            "Statement": [
                {"Action": "sts:AssumeRole", "Effect": "Allow", "Principal": {"Service": principal}}
            ],
            "Version": "2012-10-17",
        },
        "MaxSessionDuration": 3600,
        "Path": f"/aws-service-role/{principal}/",
        "RoleLastUsed": {},
        "RoleName": name,
    }
    arn = f"arn:<partition>:iam::aws:policy/aws-service-role/{policy}"
    return {
        "recorded-date": date,
        "recorded-content": {
            "describe-response": {"Role": role},
            "inline-role-policies": {"IsTruncated": False, "PolicyNames": []},
            "attached-role-policies": {
                "AttachedPolicies": [{"PolicyArn": arn, "PolicyName": policy}],
                "IsTruncated": False,
            },
        },
    }


def small_snapshot() -> dict[str, Any]:
    prefix = slr_services.CASE_PREFIX
    suffixed = role_case("b.amazonaws.com", "RoleB_<suffix>", "PolicyB", "13-03-2025, 08:31:00")
    refused = {"Error": {"Code": "InvalidInput", "Message": "m", "Type": "Sender"}}
    taken = {"Code": "InvalidInput", "Message": "Service role name RoleA has been taken"}
    task = "task/aws-service-role/a.amazonaws.com/RoleA/<uuid>"
    return {
        f"{prefix}test_service_role_lifecycle[a.amazonaws.com]": role_case(
            "a.amazonaws.com", "RoleA", "PolicyA", "13-03-2025, 08:30:49"
        ),
        f"{prefix}test_service_role_lifecycle[b.amazonaws.com]": role_case(
            "b.amazonaws.com", "RoleB", "PolicyB", "13-03-2025, 08:30:50"
        ),
        f"{prefix}test_service_role_lifecycle_custom_suffix[b.amazonaws.com]": suffixed,
        f"{prefix}test_service_role_lifecycle_custom_suffix_not_allowed[a.amazonaws.com]": {
            "recorded-date": "13-03-2025, 08:32:00",
            "recorded-content": {"custom-suffix-not-allowed": refused},
        },
        f"{prefix}test_service_role_already_exists": {
            "recorded-date": "13-03-2025, 15:18:42",
            "recorded-content": {"role-already-exists-error": {"Error": taken}},
        },
        f"{prefix}test_service_role_deletion": {
            "recorded-date": "13-03-2025, 16:11:23",
            "recorded-content": {
                "service-linked-role-deletion-response": {"DeletionTaskId": task},
                "service-linked-role-deletion-status-response": {"Status": "SUCCEEDED"},
            },
        },
    }


def test_the_generator_writes_toml_that_reads_back_as_derived() -> None:
    derived = slr_services.derive(small_snapshot())
    parsed = tomllib.loads(slr_services.render(derived))
    assert parsed == derived
    read = parse_recordings(parsed)
    assert read["a.amazonaws.com"].custom_suffix.error == "InvalidInput"
    assert read["b.amazonaws.com"].suffixed_name("s") == "RoleB_s"
    assert read["a.amazonaws.com"].policy_arns == (
        "arn:aws:iam::aws:policy/aws-service-role/PolicyA",
    )
    assert parsed["calls"]["duplicate"]["principal"] == "a.amazonaws.com"


def test_the_generator_refuses_a_suffixed_role_that_differs_beyond_its_name() -> None:
    snapshot = small_snapshot()
    key = f"{slr_services.CASE_PREFIX}test_service_role_lifecycle_custom_suffix[b.amazonaws.com]"
    snapshot[key]["recorded-content"]["describe-response"]["Role"]["MaxSessionDuration"] = 7200
    with pytest.raises(slr_services.SnapshotError, match="differs beyond its name"):
        slr_services.derive(snapshot)


def test_the_generator_says_so_when_the_clone_cannot_be_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert slr_services.main([str(tmp_path)]) == 2
    err = capsys.readouterr().err.strip()
    assert "localstack/localstack" in err and "\n" not in err and "Traceback" not in err


def test_write_replaces_the_file_the_emulator_reads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert slr_services.DATA_FILE == DATA_FILE
    assert Path(str(files("conformance").joinpath(*RECORDINGS_FILE))) == DATA_FILE
    target = tmp_path / "services.toml"
    monkeypatch.setattr(slr_services, "DATA_FILE", target)
    monkeypatch.setattr(slr_services, "read_snapshot", lambda repo: small_snapshot())
    assert slr_services.main([str(tmp_path), "--write"]) == 0
    assert target.read_text(encoding="utf-8") == slr_services.render(
        slr_services.derive(small_snapshot())
    )


# -- the committed facts against the recorded file ------------------------------------------


@pytest.fixture(scope="module")
def snapshot(document: dict[str, Any]) -> dict[str, Any]:
    repo = os.environ.get("LOCALSTACK_REPO")
    if not repo:
        pytest.skip("LOCALSTACK_REPO (a git clone of localstack/localstack) is not set")
    if not Path(repo).exists():
        pytest.skip(f"LOCALSTACK_REPO names {repo}, which does not exist")
    (source,) = document["sources"].values()
    return slr_services.read_snapshot(Path(repo), source["commit"], source["path"])


def recorded(snapshot: dict[str, Any], document: dict[str, Any], case: str) -> dict[str, Any]:
    (source,) = document["sources"].values()
    entry: dict[str, Any] = snapshot[source["case_prefix"] + case]
    return entry


def test_every_field_equals_the_recording(
    snapshot: dict[str, Any], document: dict[str, Any]
) -> None:
    """Field by field, read straight from the recorded answers (not through the generator)."""
    lifecycle = [k for k in snapshot if "::test_service_role_lifecycle[" in k]
    assert len(lifecycle) == len(document["services"])
    for principal, row in document["services"].items():
        entry = recorded(snapshot, document, row["case"])
        content = entry["recorded-content"]
        role = content["describe-response"]["Role"]
        assert role["RoleName"] == row["role_name"], principal
        assert role["Path"] == row["path"], principal
        assert role["AssumeRolePolicyDocument"] == row["trust"], principal
        assert role["MaxSessionDuration"] == row["max_session_duration"], principal
        attached = [p["PolicyArn"] for p in content["attached-role-policies"]["AttachedPolicies"]]
        assert [a.replace("arn:<partition>:", "arn:aws:", 1) for a in attached] == list(
            row["policy_arns"]
        ), principal
        assert bool(content["inline-role-policies"]["PolicyNames"]) == row["inline_policies"]
        assert entry["recorded-date"] == row["recorded"].strftime("%d-%m-%Y, %H:%M:%S")
        assert ("Description" in role) == row.get("has_description", False), principal
        assert bool(role["RoleLastUsed"]) == row.get("used_before_recording", False), principal
        answer = row["custom_suffix"]
        suffix_entry = recorded(snapshot, document, answer["case"])
        assert suffix_entry["recorded-date"] == answer["recorded"].strftime("%d-%m-%Y, %H:%M:%S")
        suffix_content = suffix_entry["recorded-content"]
        if answer["answer"] == ACCEPTED:
            suffixed = suffix_content["describe-response"]["Role"]
            assert suffixed["RoleName"] == answer["role_name"], principal
            assert suffixed["Path"] == row["path"], principal
        else:
            error = suffix_content["custom-suffix-not-allowed"]["Error"]
            assert error["Code"] == answer["error"], principal


def test_the_single_calls_equal_the_recording(
    snapshot: dict[str, Any], document: dict[str, Any]
) -> None:
    duplicate, deletion = document["calls"]["duplicate"], document["calls"]["deletion"]
    refusal = recorded(snapshot, document, duplicate["case"])["recorded-content"]
    assert refusal["role-already-exists-error"]["Error"]["Code"] == duplicate["error"]
    deleted = recorded(snapshot, document, deletion["case"])["recorded-content"]
    answer = deleted["service-linked-role-deletion-response"]
    assert answer["DeletionTaskId"] == deletion["task_id"]
    status = deleted["service-linked-role-deletion-status-response"]["Status"]
    assert status == deletion["final_status"]


def test_the_committed_file_is_what_the_generator_writes(snapshot: dict[str, Any]) -> None:
    assert DATA_FILE.read_text(encoding="utf-8") == slr_services.render(
        slr_services.derive(snapshot)
    )

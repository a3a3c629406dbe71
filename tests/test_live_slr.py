"""The service-linked-roles specification on a live account, against the served emulator.

As in ``test_live_aws``, boto3 is pointed at the reference emulator served in real time with
``AWS_ENDPOINT_URL``, and ``run --backend aws`` takes its whole live path. The account holds
roles of some services before the run; whatever the run does (read only, or create and delete
the role of an opted-in service), those roles must be answered byte for byte as before: the
role, its attached and inline policies, and its tags.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from test_live_support import (
    ASYNC_SECONDS,
    EmulatedAccount,
    emulated_account,
    live_args,
    run_in_process,
)

from conformance import specs
from conformance.cassette import policy
from conformance.cassette.format import read_cassette
from conformance.clock import WallClock
from conformance.emulator.iam_slr.models import ServiceLinkedRoles
from conformance.emulator.server import start_background
from conformance.emulator.timing import scale_asynchronous_delays
from conformance.emulator.world import Emulator
from conformance.live.journal import read_journal
from conformance.live.services import deletable

SPEC = ["--spec", "service-linked-roles"]
#: Services whose role the account has before the run, and one it has not.
EXISTING = ("autoscaling.amazonaws.com", "ssm-incidents.amazonaws.com")
ABSENT = "acm.amazonaws.com"
OPT_IN = "batch.amazonaws.com"


@pytest.fixture
def account():
    with emulated_account() as emulated:
        yield emulated


class Unguarded(ServiceLinkedRoles):
    """An IAM that wrongly accepts every edit of a service-linked role."""

    def check_modifiable(self, action: str, role: Any) -> None:
        return None


@pytest.fixture
def unguarded_account():
    emulator = Emulator(WallClock(), roles_cls=Unguarded)
    scale_asynchronous_delays(emulator, ASYNC_SECONDS)
    server = start_background(emulator=emulator)
    try:
        yield EmulatedAccount(server)
    finally:
        server.stop()


def _existing_roles(account: EmulatedAccount) -> dict[str, str]:
    """The roles the account had before, described and tagged as a team might have them."""
    iam = account.client("iam")
    names = {}
    for principal in EXISTING:
        role = iam.create_service_linked_role(
            AWSServiceName=principal, Description=f"Used by the team's {principal}"
        )["Role"]
        iam.tag_role(RoleName=role["RoleName"], Tags=[{"Key": "team", "Value": "ops"}])
        names[principal] = role["RoleName"]
    return names


def _raw(account: EmulatedAccount, names: dict[str, str]) -> list[tuple[str, bytes]]:
    """Every answer, one call after the other (``raw_answers`` keys by operation only)."""
    out = []
    for name in names.values():
        for operation in (
            "get_role",
            "list_attached_role_policies",
            "list_role_policies",
            "list_role_tags",
        ):
            body = account.raw_answers([("iam", operation, {"RoleName": name})])
            out.append((f"{operation} {name}", next(iter(body.values()))))
    return out


def _outcomes(output: Path) -> list[dict[str, Any]]:
    document = json.loads((output / "results.json").read_text(encoding="utf-8"))
    return [{"requirement": r["id"], **s} for r in document["requirements"] for s in r["scenarios"]]


def _run(
    account: EmulatedAccount, monkeypatch: Any, output: Path, run_id: str, *args: str
) -> tuple[int, str, str]:
    """``run --spec service-linked-roles --backend aws ARGS`` against the emulated account."""
    return run_in_process(
        live_args(*SPEC, *args, run_id=run_id, output=output), account.env(), monkeypatch
    )


def _services_args(*principals: str) -> list[str]:
    return [arg for p in principals for arg in ("--service", p)]


def test_by_default_existing_roles_are_only_read_and_the_rest_is_skipped(
    account, tmp_path, monkeypatch
):
    names = _existing_roles(account)
    before = _raw(account, names)
    inventory = account.inventory()
    output = tmp_path / "out"
    code, stdout, stderr = _run(
        account, monkeypatch, output, "slrread1", *_services_args(*EXISTING, ABSENT)
    )
    assert code == 0, stdout + stderr
    outcomes = _outcomes(output)
    ran = {(o["requirement"], o["outcome"]) for o in outcomes if o["outcome"] != "skipped"}
    # Only the reading requirements ran, each on an existing role, and each passed.
    assert {req for req, _ in ran} == {"IAM-OVR-01", "IAM-OVR-02", "IAM-OVR-03", "IAM-EDT-01"}
    assert {outcome for _, outcome in ran} == {"passed"}
    skipped = [o["message"] for o in outcomes if o["outcome"] == "skipped"]
    assert any(
        f"the account has no role of {ABSENT}, and creating it was not opted in" in m
        for m in skipped
    )
    assert any(
        "the account already has the role AWSServiceRoleForAutoScaling of autoscaling" in m
        for m in skipped
    )
    assert any("creating the role of acm.amazonaws.com was not opted in" in m for m in skipped)
    assert f"Service {ABSENT}: skipped, no role in the account" in stderr
    assert "Service autoscaling.amazonaws.com: its role AWSServiceRoleForAutoScaling was read" in (
        stderr
    )
    assert _raw(account, names) == before
    assert account.inventory() == inventory


def test_on_an_iam_that_accepts_every_edit_a_read_only_run_still_changes_nothing(
    unguarded_account, tmp_path, monkeypatch
):
    """Only edits that are no-ops even when accepted are sent to an existing role."""
    account = unguarded_account
    names = _existing_roles(account)
    before = _raw(account, names)
    output = tmp_path / "out"
    code, stdout, stderr = _run(
        account, monkeypatch, output, "slrread2", *_services_args(*EXISTING)
    )
    assert code == 1, stdout + stderr
    failed = {o["requirement"] for o in _outcomes(output) if o["outcome"] == "failed"}
    assert failed == {"IAM-EDT-01"}  # the no-op edits were wrongly accepted, and judged so
    assert _raw(account, names) == before


def test_an_opted_in_service_is_created_and_deleted_and_existing_roles_stay(
    account, tmp_path, monkeypatch
):
    names = _existing_roles(account)
    before = _raw(account, names)
    inventory = account.inventory()
    account.control("permissions", {"enforce": True})  # as AWS does, for IAM-PRM-*
    output = tmp_path / "out"
    code, stdout, stderr = _run(
        account,
        monkeypatch,
        output,
        "slrmake1",
        *_services_args(*EXISTING, OPT_IN),
        "--create-roles",
        OPT_IN,
        "--record",
        str(tmp_path / "cassette"),
    )
    assert code == 0, stdout + stderr
    outcomes = _outcomes(output)
    batch = [o for o in outcomes if OPT_IN in o["name"]]
    # The opted-in service ran its changing examples too: created, edited and deleted.
    assert {"IAM-CRT-02", "IAM-DEL-03", "IAM-EDT-02"} <= {
        o["requirement"] for o in batch if o["outcome"] == "passed"
    }
    assert not [o for o in outcomes if o["outcome"] in ("failed", "error")]
    assert _raw(account, names) == before
    assert account.inventory() == inventory
    contents = read_journal(output / "journal-slrmake1.jsonl")
    assert contents.finished and not contents.open_entries
    assert any(e.kind == "service-linked-role" for e in contents.entries)
    # The least-privilege live policy covers every call the run made with its own credentials.
    calls = policy.calls([read_cassette(tmp_path / "cassette")])
    committed = json.loads(policy.committed_text())
    assert "iam:CreateServiceLinkedRole" in {a for c in calls for a in policy.needs(c)}
    missing = {a for c in calls for a in policy.needs(c) if not policy.allows(committed, a)}
    assert sorted(missing) == []


def test_a_dry_run_lists_the_roles_it_would_create(account, tmp_path, monkeypatch):
    names = _existing_roles(account)
    before = _raw(account, names)
    code, stdout, stderr = _run(
        account,
        monkeypatch,
        tmp_path / "out",
        "slrdry1",
        *_services_args(*EXISTING, OPT_IN),
        "--create-roles",
        OPT_IN,
        "--dry-run",
    )
    assert code == 0, stdout + stderr
    assert "Service-linked roles a real run would create (and delete again):" in stdout
    assert f"    the role of {OPT_IN}\n" in stdout
    assert "the role of autoscaling.amazonaws.com\n" not in stdout
    assert _raw(account, names) == before


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (
            ["--create-roles", "acm.amazonaws.com"],
            "The suite does not create the role of 'acm.amazonaws.com': neither a recording nor",
        ),
        (["--create-roles", "batch.amazonaws.co"], "is not one the specification"),
    ],
)
def test_create_roles_is_refused_for_services_not_shown_deletable(
    account, tmp_path, monkeypatch, args, expected
):
    code, _, stderr = _run(account, monkeypatch, tmp_path / "out", "slrno1", *args)
    assert code == 2
    assert expected in stderr
    assert "Traceback" not in stderr


def test_create_roles_is_refused_off_a_live_backend_and_for_incident_manager(tmp_path, monkeypatch):
    code, _, stderr = run_in_process(
        [
            "run",
            *SPEC,
            "--backend",
            "reference",
            "--create-roles",
            OPT_IN,
            "--output",
            str(tmp_path),
        ],
        {},
        monkeypatch,
    )
    assert code == 2 and "applies only to a live backend" in stderr
    code, _, stderr = run_in_process(
        ["run", "--backend", "reference", "--create-roles", OPT_IN, "--output", str(tmp_path)],
        {},
        monkeypatch,
    )
    assert code == 2 and "applies only to a specification with examples per service" in stderr


def test_deletion_shown_by_a_recording_or_by_the_service_s_page_makes_a_service_deletable():
    allowed = deletable(specs.get("service-linked-roles"))
    assert OPT_IN in allowed  # the recorded deletion (and its page)
    assert "appmesh.amazonaws.com" in allowed  # its page: delete its resources, then the role
    assert "acm.amazonaws.com" not in allowed  # its page: the role cannot be deleted by hand
    assert "autoscaling-plans.amazonaws.com" not in allowed  # its page is silent on deletion

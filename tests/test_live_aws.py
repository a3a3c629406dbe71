"""The live path, end to end, against the emulator standing in for an AWS account.

Each test starts the reference emulator in real time on a free port, points boto3 at it with
``AWS_ENDPOINT_URL``, and runs ``slr-conformance run --backend aws`` as a team would against
its account: the STS check, the allow-list, the looks, the lock, the journal and the waits all
run for real. Real AWS is never contacted.
"""

from __future__ import annotations

import json
import os
import signal
import time
from pathlib import Path

import pytest
from test_live_support import (
    ACCOUNT,
    POLL,
    SLR,
    EmulatedAccount,
    emulated_account,
    journal_lines,
    last_line,
    live_args,
    run_in_process,
    start_subprocess,
)

from conformance.live.journal import read_journal
from conformance.live.lock import LOCK_PATH, lock_name


@pytest.fixture
def account():
    with emulated_account() as emulated:
        yield emulated


def _results(output: Path) -> dict[str, dict[str, str]]:
    """Scenario outcomes and messages from results.json, by scenario name."""
    document = json.loads((output / "results.json").read_text(encoding="utf-8"))
    return {
        s["name"]: {"outcome": s["outcome"], "message": s.get("message") or ""}
        for r in document["requirements"]
        for s in r["scenarios"]
    }


def _existing_account(account: EmulatedAccount) -> dict[str, bytes]:
    """A replication set, a response plan and the role it brought, answered byte for byte."""
    incidents = account.client("ssm-incidents")
    arn = incidents.create_replication_set(regions={"us-east-1": {}})["arn"]
    account.wait_active(arn)
    plan = incidents.create_response_plan(
        name="db-down", incidentTemplate={"title": "Database down", "impact": 2}
    )["arn"]
    return account.raw_answers(
        [
            ("ssm-incidents", "get_replication_set", {"arn": arn}),
            ("ssm-incidents", "get_response_plan", {"arn": plan}),
            ("iam", "get_role", {"RoleName": SLR}),
        ]
    )


def test_an_account_with_incident_manager_is_left_exactly_as_it_was(account, tmp_path, monkeypatch):
    before = _existing_account(account)
    inventory = account.inventory()
    output = tmp_path / "out"
    code, stdout, stderr = run_in_process(
        live_args(
            "--requirement",
            "SLR-PRM-01",
            "--requirement",
            "SLR-CRT-06",
            "--requirement",
            "SLR-OVR-04",
            "--requirement",
            "SLR-EDT-04",
            "--requirement",
            "SLR-CRT-01",
            "--requirement",
            "SLR-DEL-04",
            run_id="keep1",
            output=output,
        ),
        account.env(),
        monkeypatch,
    )
    assert code == 0, stdout + stderr
    outcomes = _results(output)
    assert outcomes["The role carries the documented name, with a capital F"]["outcome"] == "passed"
    assert outcomes["Asking for the role again while it exists is refused"]["outcome"] == "passed"
    skipped = {name: o["message"] for name, o in outcomes.items() if o["outcome"] == "skipped"}
    assert "the account already has the role" in skipped["UpdateRole sets the description"]
    assert (
        "already has a replication set"
        in skipped["An account without the role gets it with its first replication set"]
    )
    assert sum("already has a replication set" in m for m in skipped.values()) >= 6
    assert (
        account.raw_answers(
            [
                ("ssm-incidents", "get_replication_set", {"arn": _only_set(account)}),
                ("ssm-incidents", "get_response_plan", {"arn": _plan(account)}),
                ("iam", "get_role", {"RoleName": SLR}),
            ]
        )
        == before
    )
    assert account.inventory() == inventory
    contents = read_journal(output / "journal-keep1.jsonl")
    assert contents.finished and not contents.open_entries
    assert {e.kind for e in contents.entries} >= {"lock", "iam-user", "iam-group", "iam-role"}


def _only_set(account: EmulatedAccount) -> str:
    (arn,) = account.client("ssm-incidents").list_replication_sets()["replicationSetArns"]
    return str(arn)


def _plan(account: EmulatedAccount) -> str:
    plans = account.client("ssm-incidents").list_response_plans()["responsePlanSummaries"]
    return str(next(p["arn"] for p in plans if p["name"] == "db-down"))


def _user_denied(account: EmulatedAccount, action: str) -> tuple[str, str]:
    """An IAM user allowed everything except ``action``, and its keys."""
    iam = account.client("iam")
    iam.create_user(UserName="auditor")
    iam.put_user_policy(
        UserName="auditor",
        PolicyName="all-but-one",
        PolicyDocument=json.dumps(
            {
                "Version": "2012-10-17",
                "Statement": [
                    {"Effect": "Allow", "Action": "*", "Resource": "*"},
                    {"Effect": "Deny", "Action": action, "Resource": "*"},
                ],
            }
        ),
    )
    key = iam.create_access_key(UserName="auditor")["AccessKey"]
    return key["AccessKeyId"], key["SecretAccessKey"]


def test_a_refused_look_stops_the_run_before_anything_changes(account, tmp_path, monkeypatch):
    keys = _user_denied(account, "ssm-incidents:ListReplicationSets")
    account.control("permissions", {"enforce": True})
    inventory = account.inventory()
    output = tmp_path / "out"
    code, stdout, stderr = run_in_process(
        live_args("--requirement", "SLR-CRT-04", run_id="refused1", output=output),
        account.env(keys),
        monkeypatch,
    )
    assert code == 2, stdout + stderr
    assert "Traceback" not in stderr
    sentence = last_line(stderr)
    assert "could not be inspected" in sentence and "ListReplicationSets" in sentence
    assert sentence.endswith(".")
    assert account.inventory() == inventory
    assert not list(output.glob("journal-*"))


def test_a_run_killed_with_kill_9_is_swept_from_its_journal(account, tmp_path, monkeypatch):
    iam = account.client("iam")
    iam.create_user(UserName="alice")
    iam.create_access_key(UserName="alice")
    iam.create_user(UserName="slr-conf-kill10-user-1")  # another run's, whose ID starts alike
    iam.create_role(
        RoleName="app-role",
        AssumeRolePolicyDocument=json.dumps(
            {
                "Version": "2012-10-17",
                "Statement": [
                    {
                        "Effect": "Allow",
                        "Principal": {"Service": "ec2.amazonaws.com"},
                        "Action": "sts:AssumeRole",
                    }
                ],
            }
        ),
    )
    iam.create_policy(
        PolicyName="app-policy",
        PolicyDocument=json.dumps(
            {
                "Version": "2012-10-17",
                "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}],
            }
        ),
    )
    account.client("cloudwatch").put_metric_alarm(
        AlarmName="cpu-high",
        Namespace="App",
        MetricName="Cpu",
        Statistic="Average",
        Period=60,
        EvaluationPeriods=1,
        Threshold=90.0,
        ComparisonOperator="GreaterThanThreshold",
    )
    account.client("events").put_rule(Name="nightly", ScheduleExpression="rate(1 day)")
    before = account.inventory()

    output = tmp_path / "out"
    output.mkdir()
    journal = output / "journal-kill1.jsonl"
    run = start_subprocess(
        live_args(
            "--requirement",
            "SLR-DEL-06",
            run_id="kill1",
            output=output,
        ),
        account.env(),
    )
    try:
        deadline = time.monotonic() + 60
        while not _worth_killing(journal_lines(journal)):
            assert run.poll() is None, run.communicate()
            assert time.monotonic() < deadline, "the run never created enough to kill it"
            time.sleep(0.02)
        os.kill(run.pid, signal.SIGKILL)
    finally:
        run.kill()
        run.communicate()
    assert run.returncode == -signal.SIGKILL
    open_entries = read_journal(journal).open_entries
    assert {e.kind for e in open_entries} >= {"lock", "replication-set"}
    assert account.inventory() != before

    code, stdout, stderr = run_in_process(
        [
            "cleanup",
            "--journal",
            str(journal),
            "--allow-aws-account",
            ACCOUNT,
            "--poll-interval",
            POLL,
        ],
        account.env(),
        monkeypatch,
    )
    assert code == 0, stdout + stderr
    assert "0 left" in stdout
    after = account.inventory()
    left = {kind: sorted(set(after[kind]) - set(before[kind])) for kind in after}
    assert left == {kind: [] for kind in after}, left
    assert after == before  # nothing else was touched, the other run's user included
    assert iam.list_access_keys(UserName="alice")["AccessKeyMetadata"]
    assert not read_journal(journal).open_entries


def _worth_killing(lines: list[dict[str, object]]) -> bool:
    """The run holds its lock, a replication set, the role it brought, a response plan, an
    EventBridge rule and the rule's IAM role (with or without its policy and targets) by now."""
    kinds = {line.get("kind"): line.get("seq") for line in lines if line.get("event") == "intent"}
    created = {line.get("seq") for line in lines if line.get("event") == "created"}
    wanted = {"lock", "replication-set", "service-linked-role", "response-plan", "events-rule"}
    return wanted <= set(kinds) and kinds.get("iam-role") in created


def test_a_second_run_is_refused_while_the_first_holds_the_lock(account, tmp_path, monkeypatch):
    first_output = tmp_path / "first"
    first_output.mkdir()
    journal = first_output / "journal-first1.jsonl"
    first = start_subprocess(
        live_args(
            "--requirement",
            "SLR-OVR-04",
            "--requirement",
            "SLR-EDT-01",
            run_id="first1",
            output=first_output,
        ),
        account.env(),
    )
    try:
        deadline = time.monotonic() + 60
        while not any(
            line.get("event") == "created" and line.get("seq") == 1
            for line in journal_lines(journal)
        ):
            assert first.poll() is None, first.communicate()
            assert time.monotonic() < deadline, "the first run never took the lock"
            time.sleep(0.02)
        second_output = tmp_path / "second"
        code, stdout, stderr = run_in_process(
            live_args("--requirement", "SLR-PRM-01", run_id="second1", output=second_output),
            account.env(),
            monkeypatch,
        )
        assert first.poll() is None, "the first run ended before the second one looked"
        sweep = ["cleanup", "--journal", str(journal), "--allow-aws-account", ACCOUNT]
        swept, _, refusal = run_in_process(sweep, account.env(), monkeypatch)
        assert first.poll() is None, "the first run ended before cleanup looked"
        assert account.locks() == [lock_name("first1")]  # the live run's lock stays
        first.send_signal(signal.SIGINT)  # Ctrl-C: the first run stops and cleans up
        first.communicate(timeout=60)
    finally:
        first.kill()
        first.communicate()
    assert code == 2, stdout + stderr
    sentence = last_line(stderr)
    assert "first1" in sentence and "cleanup --run-id first1" in sentence, sentence
    assert not list(second_output.glob("journal-*"))
    assert swept == 2, refusal
    assert f"process {first.pid} on this host is still running" in last_line(refusal), refusal

    cleanup = ["cleanup", "--journal", str(journal), "--allow-aws-account", ACCOUNT]
    code, stdout, stderr = run_in_process(
        [*cleanup, "--poll-interval", POLL], account.env(), monkeypatch
    )
    assert code == 0, stdout + stderr
    assert account.locks() == []
    assert account.inventory()["users"] == []
    assert SLR not in account.inventory()["roles"]


def test_a_stale_lock_is_explained_and_removed_by_cleanup(account, tmp_path, monkeypatch):
    account.client("iam").create_policy(
        PolicyName=lock_name("gone1"),
        Path=LOCK_PATH,
        PolicyDocument=json.dumps(
            {
                "Version": "2012-10-17",
                "Statement": [
                    {"Effect": "Allow", "Action": "sts:GetCallerIdentity", "Resource": "*"}
                ],
            }
        ),
    )
    args = live_args("--requirement", "SLR-PRM-01", run_id="after1", output=tmp_path / "out")
    code, _, stderr = run_in_process(args, account.env(), monkeypatch)
    assert code == 2
    assert "gone1" in last_line(stderr) and "stale" in last_line(stderr)

    cleanup = ["cleanup", "--run-id", "gone1", "--allow-aws-account", ACCOUNT]
    code, stdout, stderr = run_in_process(cleanup, account.env(), monkeypatch)
    assert code == 0, stdout + stderr
    assert f"policy {lock_name('gone1')}" in stdout
    assert account.locks() == []
    code, stdout, stderr = run_in_process(args, account.env(), monkeypatch)
    assert code == 0, stdout + stderr


def test_a_dry_run_looks_everywhere_and_changes_nothing(account, tmp_path, monkeypatch):
    before = _existing_account(account)
    inventory = account.inventory()
    output = tmp_path / "out"
    code, stdout, stderr = run_in_process(
        [
            *live_args(
                "--requirement",
                "SLR-PRM-01",
                "--requirement",
                "SLR-OVR-04",
                "--requirement",
                "SLR-CRT-04",
                "--requirement",
                "SLR-CRT-02",
                run_id="dry1",
                output=output,
            ),
            "--dry-run",
        ],
        account.env(),
        monkeypatch,
    )
    assert code == 0, stdout + stderr
    assert "nothing was changed" in stdout
    assert "would create: iam CreateUser (UserName=slr-conf-dry1-user-" in stdout
    assert "skipped: the account already has the role" in stdout
    assert "skipped: the account already has a replication set" in stdout
    assert "The role carries the documented name, with a capital F\n    changes nothing" in stdout
    assert account.inventory() == inventory
    assert (
        account.raw_answers(
            [
                ("ssm-incidents", "get_replication_set", {"arn": _only_set(account)}),
                ("ssm-incidents", "get_response_plan", {"arn": _plan(account)}),
                ("iam", "get_role", {"RoleName": SLR}),
            ]
        )
        == before
    )
    assert not output.exists() or not list(output.iterdir())


def test_a_refused_listing_leaves_cleanup_unfinished_and_says_why(account, tmp_path, monkeypatch):
    keys = _user_denied(account, "ssm-incidents:ListResponsePlans")
    account.control("permissions", {"enforce": True})
    journal = tmp_path / "journal-swept1.jsonl"
    lines = [
        {
            "format": "slr-conformance-journal",
            "version": 1,
            "run_id": "swept1",
            "account": ACCOUNT,
            "home_region": "us-east-1",
            "started": "2026-01-01T00:00:00.000+00:00",
        },
        {
            "seq": 1,
            "event": "intent",
            "kind": "response-plan",
            "name": "slr-conf-swept1-plan-1",
            "region": "eu-west-1",
            "at": "2026-01-01T00:00:01.000+00:00",
        },
    ]
    journal.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    for argv in (
        ["cleanup", "--journal", str(journal), "--allow-aws-account", ACCOUNT],
        ["cleanup", "--run-id", "swept1", "--allow-aws-account", ACCOUNT],
    ):
        code, stdout, stderr = run_in_process(argv, account.env(keys), monkeypatch)
        assert code == 1, stdout + stderr
        assert "Traceback" not in stderr
        assert "ListResponsePlans" in stderr and "AccessDeniedException" in stderr, stderr
    assert [e.name for e in read_journal(journal).open_entries] == ["slr-conf-swept1-plan-1"]

"""What cleanup trusts: forged and damaged journals, live runs, and a set the service holds on to.

The forged journals name the account owner's own resources under a run's names; the sweeper
must read each from AWS and find the run's mark on it before deleting anything. A run that
still beats its lock's heartbeat is never swept without ``--force``. A damaged journal is one
sentence and exit 2, with nothing deleted.
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from test_live_support import (
    ACCOUNT,
    POLL,
    SLR,
    EmulatedAccount,
    emulated_account,
    last_line,
    run_in_process,
)

from conformance.backends.reference import ReferenceBackend
from conformance.backends.registry import BackendOptions
from conformance.cleanup import clean_up_run
from conformance.driver.session import RUN_TAG_KEY, Timeouts
from conformance.emulator import Emulator
from conformance.emulator.errors import InternalServerException
from conformance.emulator.incidents import IncidentsService
from conformance.live.journal import Header, Journal, read_journal
from conformance.live.lock import (
    BEAT_SECONDS,
    HEARTBEAT_KEY,
    HOST_KEY,
    LOCK_PATH,
    PID_KEY,
    AccountLock,
    Heartbeat,
    holders,
    instant,
    liveness,
    lock_name,
)
from conformance.live.sweep import sweep_journal

_LOCK_DOCUMENT = json.dumps(
    {
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Action": "sts:GetCallerIdentity", "Resource": "*"}],
    }
)


@pytest.fixture
def account():
    with emulated_account() as emulated:
        yield emulated


def _write_journal(path: Path, run_id: str, *events: dict[str, Any]) -> Path:
    header = {
        "format": "slr-conformance-journal",
        "version": 1,
        "run_id": run_id,
        "account": ACCOUNT,
        "home_region": "us-east-1",
        "started": "2000-01-01T00:00:00.000+00:00",
    }
    path.write_text(
        "".join(json.dumps(line) + "\n" for line in (header, *events)), encoding="utf-8"
    )
    return path


def _lock(iam: Any, run_id: str, *, beat: datetime, host: str = "elsewhere", pid: int = 1) -> str:
    """A lock marker of ``run_id`` whose heartbeat was last renewed at ``beat`` on ``host``."""
    return str(
        iam.create_policy(
            PolicyName=lock_name(run_id),
            Path=LOCK_PATH,
            PolicyDocument=_LOCK_DOCUMENT,
            Tags=[
                {"Key": RUN_TAG_KEY, "Value": run_id},
                {"Key": HEARTBEAT_KEY, "Value": beat.isoformat(timespec="seconds")},
                {"Key": HOST_KEY, "Value": host},
                {"Key": PID_KEY, "Value": str(pid)},
            ],
        )["Policy"]["Arn"]
    )


def _cleanup(account: EmulatedAccount, journal: Path, monkeypatch: Any, *extra: str) -> Any:
    argv = ["cleanup", "--journal", str(journal), "--allow-aws-account", ACCOUNT]
    return run_in_process([*argv, "--poll-interval", POLL, *extra], account.env(), monkeypatch)


# -- 1. a forged journal deletes nothing that is not the run's --------------------------------


def _owners_account(account: EmulatedAccount) -> dict[str, str]:
    """The account owner's own role, set, policy, plan, contact and incident record."""
    iam, incidents = account.client("iam"), account.client("ssm-incidents")
    contacts = account.client("ssm-contacts")
    owned = {
        "set": str(incidents.create_replication_set(regions={"us-east-1": {}})["arn"]),
    }
    account.wait_active(owned["set"])
    owned["policy"] = str(
        iam.create_policy(PolicyName="app-policy", PolicyDocument=_LOCK_DOCUMENT)["Policy"]["Arn"]
    )
    owned["plan"] = str(
        incidents.create_response_plan(
            name="db-down", incidentTemplate={"title": "Database down", "impact": 3}
        )["arn"]
    )
    owned["contact"] = str(
        contacts.create_contact(Alias="oncall", Type="PERSONAL", Plan={"Stages": []})["ContactArn"]
    )
    owned["record"] = str(
        incidents.start_incident(responsePlanArn=owned["plan"])["incidentRecordArn"]
    )
    return owned


def _forged(path: Path, owned: dict[str, str]) -> Path:
    """A journal of run ``forge1`` whose entries carry the run's names and the owner's ARNs."""
    events: list[dict[str, Any]] = []
    entries = [
        ("service-linked-role", SLR, None, {"via": "iam"}),
        ("iam-policy", "slr-conf-forge1-policy-1", owned["policy"], {}),
        ("response-plan", "slr-conf-forge1-plan-2", owned["plan"], {}),
        ("contact", "slr-conf-forge1-contact-3", owned["contact"], {}),
        ("incident-record", None, owned["record"], {"title": "slr-conf-forge1-plan-2"}),
    ]
    for seq, (kind, name, arn, detail) in enumerate(entries, start=1):
        region = None if kind.startswith(("iam", "service")) else "us-east-1"
        events.append(
            {
                "seq": seq,
                "event": "intent",
                "kind": kind,
                "name": name,
                "region": region,
                "at": "2000-01-01T00:00:00.000+00:00",
                **({"detail": detail} if detail else {}),
            }
        )
        events.append(
            {"seq": seq, "event": "created", "at": "2100-01-01T00:00:00.000+00:00"}
            | ({"arn": arn} if arn else {})
        )
    return _write_journal(path, "forge1", *events)


def _still_there(account: EmulatedAccount, owned: dict[str, str]) -> None:
    iam, incidents = account.client("iam"), account.client("ssm-incidents")
    assert iam.get_role(RoleName=SLR)["Role"]["RoleName"] == SLR
    assert iam.get_policy(PolicyArn=owned["policy"])["Policy"]["PolicyName"] == "app-policy"
    assert incidents.get_response_plan(arn=owned["plan"])["name"] == "db-down"
    assert account.client("ssm-contacts").get_contact(ContactId=owned["contact"])["Alias"]
    assert incidents.get_incident_record(arn=owned["record"])["incidentRecord"]["arn"]


@pytest.mark.parametrize("lock", ["no lock", "a stale lock"])
def test_a_forged_journal_removes_none_of_the_owners_resources(
    account, tmp_path, monkeypatch, lock
):
    iam = account.client("iam")
    if lock == "a stale lock":  # the forged run's marker exists, its last heartbeat long ago
        _lock(iam, "forge1", beat=datetime.now(UTC) - timedelta(hours=2))
    owned = _owners_account(account)
    journal = _forged(tmp_path / "journal-forge1.jsonl", owned)

    code, stdout, stderr = _cleanup(account, journal, monkeypatch)
    assert code == 1, stdout + stderr
    assert "0 removed" in stdout and "5 left" in stdout, stdout + stderr
    assert "not touched" in stderr
    _still_there(account, owned)

    # The owner retires the set: the role could now be deleted, and still is not.
    incidents = account.client("ssm-incidents")
    incidents.delete_replication_set(arn=owned["set"])
    account.wait_gone(owned["set"])
    code, stdout, stderr = _cleanup(account, journal, monkeypatch)
    assert code == 1, stdout + stderr
    assert "0 removed" in stdout, stdout + stderr
    assert iam.get_role(RoleName=SLR)["Role"]["RoleName"] == SLR
    assert iam.get_policy(PolicyArn=owned["policy"])
    # The set took the owner's Incident Manager data with it; the role and policy remain.
    assert {e.kind for e in read_journal(journal).open_entries} == {
        "service-linked-role",
        "iam-policy",
    }


def test_what_the_sweeper_removes_is_reported_by_its_real_name_and_arn(
    account, tmp_path, monkeypatch
):
    iam = account.client("iam")
    arn = str(
        iam.create_policy(PolicyName="slr-conf-real1-policy-1", PolicyDocument=_LOCK_DOCUMENT)[
            "Policy"
        ]["Arn"]
    )
    journal = _write_journal(
        tmp_path / "journal-real1.jsonl",
        "real1",
        {
            "seq": 1,
            "event": "intent",
            "kind": "iam-policy",
            "name": "slr-conf-real1-policy-1",
            "region": None,
            "at": "2026-01-01T00:00:00.000+00:00",
        },
    )
    code, stdout, stderr = _cleanup(account, journal, monkeypatch)
    assert code == 0, stdout + stderr
    assert f"removed policy slr-conf-real1-policy-1 ({arn})" in stdout


# -- 2. a run that still runs is not swept ---------------------------------------------------


def test_cleanup_refuses_a_run_whose_heartbeat_is_fresh_unless_forced(
    account, tmp_path, monkeypatch
):
    iam = account.client("iam")
    _lock(iam, "live1", beat=datetime.now(UTC))  # renewed just now, on another machine
    journal = _write_journal(
        tmp_path / "journal-live1.jsonl",
        "live1",
        {
            "seq": 1,
            "event": "intent",
            "kind": "lock",
            "name": lock_name("live1"),
            "region": None,
            "at": "2026-01-01T00:00:00.000+00:00",
        },
    )
    for argv in (
        ["cleanup", "--journal", str(journal), "--allow-aws-account", ACCOUNT],
        ["cleanup", "--run-id", "live1", "--allow-aws-account", ACCOUNT],
    ):
        code, stdout, stderr = run_in_process(argv, account.env(), monkeypatch)
        assert code == 2, stdout + stderr
        assert "Traceback" not in stderr
        sentence = last_line(stderr)
        assert "live1 still runs" in sentence and "heartbeat" in sentence, sentence
        assert "--force" in sentence and sentence.endswith("."), sentence
        assert account.locks() == [lock_name("live1")]

    code, stdout, stderr = _cleanup(account, journal, monkeypatch, "--force")
    assert code == 0, stdout + stderr
    assert "looks alive" in stderr and "--force" in stderr
    assert account.locks() == []


def test_cleanup_sweeps_a_run_whose_heartbeat_went_stale_without_force(
    account, tmp_path, monkeypatch
):
    iam = account.client("iam")
    _lock(iam, "dead1", beat=datetime.now(UTC) - timedelta(minutes=6))  # killed elsewhere
    code, stdout, stderr = run_in_process(
        ["cleanup", "--run-id", "dead1", "--allow-aws-account", ACCOUNT],
        account.env(),
        monkeypatch,
    )
    assert code == 0, stdout + stderr
    assert account.locks() == []


def _reference() -> ReferenceBackend:
    backend = ReferenceBackend(BackendOptions())
    backend.start()
    return backend


def test_the_heartbeat_goes_stale_on_the_backends_clock_and_the_pid_answers_on_this_host():
    backend = _reference()
    iam, clock = backend.client("iam"), backend.clock
    _lock(iam, "hb1", beat=instant(clock), host="elsewhere")
    (holder,) = holders(iam)
    assert liveness(iam, holder, instant(clock)).alive
    clock.sleep(4 * 60)
    assert liveness(iam, holder, instant(clock)).alive
    clock.sleep(2 * 60)
    stale = liveness(iam, holder, instant(clock))
    assert not stale.alive and "360 s old" in stale.why
    Heartbeat(iam, holder.arn, clock).beat()  # a run that still runs renews it
    assert liveness(iam, holder, instant(clock)).alive

    ended = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        check=True,
        capture_output=True,
        text=True,
    )
    _lock(iam, "hb2", beat=instant(clock), host="here", pid=int(ended.stdout))
    _lock(iam, "hb3", beat=instant(clock) - timedelta(hours=1), host="here", pid=1)
    mine = {h.run_id: h for h in holders(iam)}
    assert not liveness(iam, mine["hb2"], instant(clock), host="here").alive
    assert liveness(iam, mine["hb3"], instant(clock), host="here").alive  # PID 1 runs


# -- 3. a damaged journal is refused in one sentence -----------------------------------------


_INTENT = {
    "seq": 2,
    "event": "intent",
    "kind": "iam-user",
    "name": "slr-conf-dmg1-user-2",
    "region": None,
    "at": "2026-01-01T00:00:00.000+00:00",
}


@pytest.mark.parametrize(
    "damage",
    [
        "nested",
        {"at": "garbage"},
        {"detail": [1, 2]},
        {"name": 5},
        {"kind": "alarm", "region": "us-east-1.evil.example/x?"},
    ],
    ids=["nested", "at", "detail", "name", "region"],
)
def test_a_damaged_journal_is_one_sentence_and_deletes_nothing(
    account, tmp_path, monkeypatch, damage
):
    account.client("iam").create_user(UserName="slr-conf-dmg1-user-2")
    journal = _write_journal(tmp_path / "journal-dmg1.jsonl", "dmg1", {**_INTENT, "seq": 1})
    line = "[" * 100_000 + "]" * 100_000 if damage == "nested" else json.dumps(_INTENT | damage)
    with journal.open("a", encoding="utf-8") as file:
        file.write(line + "\n")
        file.write(json.dumps({"seq": 1, "event": "created", "at": _INTENT["at"]}) + "\n")
    code, stdout, stderr = _cleanup(account, journal, monkeypatch)
    assert code == 2, stdout + stderr
    assert "Traceback" not in stderr
    lines = [text for text in stderr.splitlines() if text.strip()]
    assert len(lines) == 1 and "damaged at line 3" in lines[0] and lines[0].endswith(".")
    assert account.inventory()["users"] == ["slr-conf-dmg1-user-2"]


# -- the replication set the service does not let go of at once -----------------------------


class _FirstDeletionsFail(IncidentsService):
    """Incident Manager whose first ``failures`` deletions of a set are refused."""

    failures = 1

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.asked = 0

    def delete_replication_set(self, account_id: str, arn: str) -> None:
        self.asked += 1
        if self.asked <= self.failures:
            raise InternalServerException("The service still uses its role; try again later.")
        super().delete_replication_set(account_id, arn)


class _AlwaysFails(_FirstDeletionsFail):
    failures = 10_000


def _tagged_set(backend: ReferenceBackend, run_id: str) -> str:
    incidents = backend.client("ssm-incidents")
    arn = str(
        incidents.create_replication_set(regions={"us-east-1": {}}, tags={RUN_TAG_KEY: run_id})[
            "arn"
        ]
    )
    backend.clock.sleep(600)
    assert incidents.get_replication_set(arn=arn)["replicationSet"]["status"] == "ACTIVE"
    return arn


def _set_journal(path: Path, run_id: str, arn: str) -> Path:
    return _write_journal(
        path,
        run_id,
        {
            "seq": 1,
            "event": "intent",
            "kind": "replication-set",
            "name": None,
            "region": "us-east-1",
            "at": "2026-01-01T00:00:00.000+00:00",
        },
        {"seq": 1, "event": "created", "arn": arn, "at": "2026-01-01T00:00:01.000+00:00"},
    )


@pytest.mark.parametrize("sweeper", ["journal", "run-id"])
def test_a_refused_set_deletion_is_asked_again_on_the_backends_clock(tmp_path, sweeper):
    emulator = Emulator(incidents_cls=_FirstDeletionsFail)
    backend = ReferenceBackend(BackendOptions(), emulator=emulator)
    backend.start()
    arn = _tagged_set(backend, "rs1")
    started = backend.clock.now()
    if sweeper == "journal":
        report = sweep_journal(backend, _set_journal(tmp_path / "journal-rs1.jsonl", "rs1", arn))
        removed, left = report.removed, report.left
    else:
        removed, left = clean_up_run(backend, "rs1")
    assert left == [] and removed == [f"replication set {arn}"]
    assert emulator.incidents.asked == 2
    assert backend.clock.now() - started >= Timeouts().release_interval
    assert backend.client("ssm-incidents").list_replication_sets()["replicationSetArns"] == []


def test_a_set_that_is_never_let_go_is_reported_after_the_release_timeout(tmp_path):
    emulator = Emulator(incidents_cls=_AlwaysFails)
    backend = ReferenceBackend(BackendOptions(), emulator=emulator)
    backend.start()
    arn = _tagged_set(backend, "rs2")
    started = backend.clock.now()
    report = sweep_journal(backend, _set_journal(tmp_path / "journal-rs2.jsonl", "rs2", arn))
    timeouts = Timeouts()
    assert report.removed == [] and len(report.left) == 1
    assert "still ACTIVE" in report.left[0] and "InternalServerException" in report.left[0]
    assert emulator.incidents.asked == int(timeouts.release // timeouts.release_interval)
    assert timeouts.release <= backend.clock.now() - started < timeouts.replication_set


def _beating() -> int:
    return sum(thread.name == "lock-heartbeat" for thread in threading.enumerate())


def test_a_run_beats_while_it_holds_the_lock_and_a_replay_never_does(tmp_path):
    backend = _reference()
    iam, clock = backend.client("iam"), backend.clock
    before = _beating()
    for run_id, every, beats in (("beat1", BEAT_SECONDS, 1), ("beat2", None, 0)):
        journal = Journal.create(
            tmp_path / f"journal-{run_id}.jsonl", Header(run_id, ACCOUNT, "us-east-1")
        )
        lock = AccountLock.acquire(
            iam, run_id, ACCOUNT, journal, clock=clock, settle_seconds=0, beat_every=every
        )
        assert _beating() == before + beats
        assert lock.release() is None
        assert _beating() == before
        journal.close()

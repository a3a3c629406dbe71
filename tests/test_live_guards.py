"""The pieces that keep a live run safe, one at a time: run IDs, the journal, the looks,
dry-run refusals, the sweeper's guards, and the options that only a live backend takes."""

from __future__ import annotations

import contextlib
import io
import itertools
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from botocore.awsrequest import AWSResponse

from conformance.backends.reference import ReferenceBackend
from conformance.backends.registry import BackendOptions
from conformance.cli import main
from conformance.driver.session import Timeouts
from conformance.errors import ConfigurationError
from conformance.live import dryrun
from conformance.live.journal import Header, Journal, read_journal
from conformance.live.regions import regions_named
from conformance.live.runid import check_run_id, name_prefix, run_id_of
from conformance.live.state import LiveState
from conformance.live.sweep import sweep_journal
from conformance.runner import FEATURES_DIR
from conformance.speccheck import parse_features, published_regions


def _main(*argv: str) -> tuple[int, str]:
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        try:
            code = main(list(argv))
        except SystemExit as exc:  # argparse's own refusals
            code = int(exc.code or 0)
    return code, err.getvalue()


def _one_sentence(code: int, stderr: str, *fragments: str) -> None:
    assert code == 2, stderr
    assert "Traceback" not in stderr
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].endswith("."), stderr
    for fragment in fragments:
        assert fragment in lines[0]


# -- run IDs ------------------------------------------------------------------------------


def test_no_run_id_can_make_names_another_run_id_starts():
    ids = ["".join(p) for n in (1, 2, 3) for p in itertools.product("a-1", repeat=n)]
    valid = [i for i in ids if _valid(i)]
    assert "a-1" not in valid and "a1" in valid
    for mine, other in itertools.permutations(valid, 2):
        name = f"{name_prefix(other)}user-1"
        assert not name.startswith(name_prefix(mine)), (mine, other)
        assert run_id_of(name) == other


def _valid(text: str) -> bool:
    try:
        check_run_id(text)
    except ConfigurationError:
        return False
    return True


@pytest.mark.parametrize("bad", ["foo-bar", "Foo", "", "a" * 17, "x_y"])
def test_run_and_cleanup_refuse_the_same_run_ids(bad, tmp_path):
    _one_sentence(*_main("run", "--run-id", bad, "--output", str(tmp_path)), repr(bad)[1:-1])
    _one_sentence(
        *_main("cleanup", "--run-id", bad, "--allow-aws-account", "123456789012"),
        repr(bad)[1:-1],
    )


# -- options only a live backend takes -------------------------------------------------------


@pytest.mark.parametrize("seconds", ["0", "-1", "nan", "soon"])
def test_the_poll_interval_is_a_positive_number_of_seconds(seconds, tmp_path):
    code, stderr = _main("run", "--poll-interval", seconds, "--output", str(tmp_path))
    _one_sentence(code, stderr, seconds)


@pytest.mark.parametrize("option", [["--dry-run"], ["--poll-interval", "1"]])
def test_live_options_on_an_emulator_are_refused(option, tmp_path):
    code, stderr = _main("run", *option, "--requirement", "SLR-PRM-01", "--output", str(tmp_path))
    _one_sentence(code, stderr, option[0], "live backend")


def test_the_poll_interval_sets_every_wait_of_a_live_run():
    class Live:
        live = True
        poll_interval = 0.2

    timeouts = Timeouts.for_backend(Live())  # type: ignore[arg-type]
    assert (timeouts.interval, timeouts.release_interval) == (0.2, 0.8)
    assert timeouts.replication_set == Timeouts().replication_set
    assert Timeouts.polling_every(15) == Timeouts()


def test_cleanup_takes_a_run_id_or_a_journal(tmp_path):
    code, stderr = _main("cleanup", "--allow-aws-account", "123456789012")
    _one_sentence(code, stderr, "--run-id", "--journal")
    missing = tmp_path / "journal-x.jsonl"
    code, stderr = _main("cleanup", "--journal", str(missing), "--allow-aws-account", "1" * 12)
    _one_sentence(code, stderr, str(missing))


# -- the journal ----------------------------------------------------------------------------


def test_the_journal_says_what_may_exist_even_when_its_last_line_was_cut(tmp_path):
    path = tmp_path / "journal-j1.jsonl"
    journal = Journal.create(path, Header("j1", "123456789012", "us-east-1"))
    user = journal.intent("iam-user", "slr-conf-j1-user-1")
    journal.created(user, "arn:aws:iam::123456789012:user/slr-conf-j1-user-1")
    refused = journal.intent("service-linked-role", "AWSServiceRoleForIncidentManager", via="iam")
    journal.failed(refused)
    gone = journal.intent("alarm", "slr-conf-j1-alarm-2", region="eu-west-1")
    journal.removed(gone)
    pending = journal.intent("replication-set", region="us-west-2", token="t-1")
    with path.open("ab") as raw:  # a crash in the middle of the next write
        raw.write(b'{"seq": 4, "event": "crea')
    contents = read_journal(path)
    assert contents.header.run_id == "j1" and not contents.finished
    assert [(e.seq, e.kind, e.state) for e in contents.open_entries] == [
        (pending, "replication-set", "intent"),
        (user, "iam-user", "created"),
    ]
    assert contents.open_entries[0].token == "t-1"
    assert contents.open_entries[0].region == "us-west-2"


def test_a_journal_is_never_overwritten_and_a_damaged_one_is_not_trusted(tmp_path):
    path = tmp_path / "journal-j2.jsonl"
    Journal.create(path, Header("j2", "123456789012", "us-east-1")).close()
    with pytest.raises(ConfigurationError, match="already exists"):
        Journal.create(path, Header("j2", "123456789012", "us-east-1"))
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join([lines[0], "not json", *lines[1:]]) + "\n", encoding="utf-8")
    with pytest.raises(ConfigurationError, match="damaged at line 2"):
        read_journal(path)
    header = json.loads(lines[0])
    path.write_text(json.dumps({**header, "version": 99}) + "\n", encoding="utf-8")
    with pytest.raises(ConfigurationError, match="version 99"):
        read_journal(path)


# -- looking before the run ------------------------------------------------------------------


def test_the_runs_regions_are_the_ones_its_selected_scenarios_name():
    features = parse_features(FEATURES_DIR)
    assert regions_named(features, "@SLR-PRM-01") == frozenset()
    assert regions_named(features, "@SLR-CRT-01") == {"us-east-1", "us-west-2", "eu-west-1"}
    assert regions_named(features, "@SLR-RGN-01") == set(published_regions())


class _Recording(ReferenceBackend):
    """The reference emulator, noting the Region of every ListReplicationSets."""

    def __init__(self, refuse_in: str | None = None) -> None:
        super().__init__(BackendOptions())
        self.looked: list[str] = []
        self._refuse_in = refuse_in

    def client(self, service: str, region: str | None = None, credentials: Any = None) -> Any:
        client = super().client(service, region, credentials)
        client.meta.events.register("before-call.ssm-incidents.ListReplicationSets", self._answer)
        return client

    def _answer(self, context: dict[str, Any], **_: Any) -> Any:
        region = context["client_region"]
        self.looked.append(region)
        if region != self._refuse_in:
            return None
        response = AWSResponse("https://example.invalid", 403, {}, None)
        error = {"Code": "AccessDeniedException", "Message": "not in this Region"}
        return response, {"Error": error, "ResponseMetadata": {"HTTPStatusCode": 403}}


def test_the_replication_set_is_looked_for_through_every_region_the_run_may_touch():
    backend = _Recording()
    backend.start()
    state = LiveState.read(backend, {"us-west-2", "eu-west-1"})
    assert backend.looked == ["us-east-1", "eu-west-1", "us-west-2"]
    assert state.regions == ("us-east-1", "eu-west-1", "us-west-2")
    assert state.replication_set is None


def test_a_look_refused_in_any_region_stops_the_run():
    backend = _Recording(refuse_in="eu-west-1")
    backend.start()
    with pytest.raises(ConfigurationError, match="eu-west-1") as raised:
        LiveState.read(backend, {"us-west-2", "eu-west-1"})
    assert "AccessDeniedException" in str(raised.value)


# -- dry runs --------------------------------------------------------------------------------


def test_a_dry_run_names_each_change_by_what_it_acts_on():
    call = dryrun.describe_call(
        "iam",
        "PutUserPolicy",
        {"UserName": "slr-conf-d1-user-1", "PolicyName": "grant", "PolicyDocument": "{...}"},
    )
    assert call == "iam PutUserPolicy (UserName=slr-conf-d1-user-1, PolicyName=grant)"
    assert [
        dryrun.effect_of(op) for op in ("CreateRole", "DeleteRole", "UpdateRole", "TagRole")
    ] == ["create", "delete", "change", "create"]
    assert all(dryrun.is_read_only(op) for op in ("GetRole", "ListRoles", "DescribeAlarms"))
    assert not dryrun.is_read_only("AssumeRole")


def test_a_dry_run_client_refuses_changes_before_they_are_sent():
    backend = ReferenceBackend(BackendOptions())
    backend.start()
    iam = dryrun.install(backend.client("iam"))
    assert iam.list_roles()["Roles"] == []
    with pytest.raises(dryrun.NotDoneInDryRun, match="iam CreateUser"):
        iam.create_user(UserName="slr-conf-d1-user-1")
    assert backend.client("iam").list_users()["Users"] == []


# -- the sweeper's guards -----------------------------------------------------------------


def _journal(path: Path, started: datetime, *entries: dict[str, Any]) -> Path:
    header = Header("g1", "123456789012", "us-east-1", started=started.isoformat())
    lines = [json.dumps(header.to_json())]
    for seq, entry in enumerate(entries, start=1):
        lines.append(
            json.dumps({"seq": seq, "event": "intent", "at": started.isoformat(), **entry})
        )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_the_sweeper_touches_nothing_the_journal_cannot_show_is_the_runs(tmp_path):
    backend = ReferenceBackend(BackendOptions())
    backend.start()
    iam = backend.client("iam")
    iam.create_user(UserName="alice")
    iam.create_service_linked_role(AWSServiceName="ssm-incidents.amazonaws.com")
    iam.create_user(UserName="slr-conf-g1-user-1")
    later = datetime.now(UTC) + timedelta(days=400)  # the role is far older than this "run"
    path = _journal(
        tmp_path / "journal-g1.jsonl",
        later,
        {"kind": "iam-user", "name": "alice", "region": None},
        {
            "kind": "service-linked-role",
            "name": "AWSServiceRoleForIncidentManager",
            "region": None,
            "detail": {"via": "iam"},
        },
        {"kind": "iam-user", "name": "slr-conf-g1-user-1", "region": None},
        {"kind": "alarm", "name": "slr-conf-g1-alarm-2", "region": "eu-west-1"},
    )
    report = sweep_journal(backend, path)
    assert report.removed == [
        "IAM user slr-conf-g1-user-1 (arn:aws:iam::123456789012:user/slr-conf-g1-user-1)"
    ]
    assert report.gone == ["alarm slr-conf-g1-alarm-2 in eu-west-1"]
    assert len(report.left) == 2
    assert any("lock marker is gone" in line for line in report.left)
    assert any("alice" in line and "not touched" in line for line in report.left)
    names = {u["UserName"] for u in iam.list_users()["Users"]}
    assert names == {"alice"}
    assert iam.get_role(RoleName="AWSServiceRoleForIncidentManager")
    assert [e.name for e in read_journal(path).open_entries] == [
        "AWSServiceRoleForIncidentManager",
        "alice",
    ]

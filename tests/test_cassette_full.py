"""The whole specification recorded on the in-process reference emulator and replayed offline,
and the least-privilege live policy that the same recording generates.

The recording is the one the committed policy comes from (``conformance.cassette.policy_run``):
the reference emulator with its reset lever withheld, so every scenario undoes what it made as
on AWS, plus a live run's looks and lock before it and the cleanup sweep after it. The replay
must give every recorded verdict without opening a single connection.
"""

from __future__ import annotations

import json
import socket
import time
from pathlib import Path
from typing import Any

import pytest

from conformance.backends import BackendOptions, parse_backend
from conformance.backends.replay import ReplayBackend
from conformance.cassette import policy
from conformance.cassette.format import Cassette
from conformance.cassette.policy_run import (
    POLICY_RUN_ID,
    record_policy_run,
    record_service_roles_run,
)
from conformance.catalogue import load_catalogue
from conformance.listening import scenario_key
from conformance.runner import FEATURES_DIR, RunOptions, run


@pytest.fixture(scope="module")
def recorded(tmp_path_factory: pytest.TempPathFactory) -> Cassette:
    return record_policy_run(tmp_path_factory.mktemp("policy") / "cassette")


@pytest.fixture(scope="module")
def service_roles(tmp_path_factory: pytest.TempPathFactory) -> Cassette:
    """The service-linked-roles specification, as an opted-in live run makes its calls."""
    return record_service_roles_run(tmp_path_factory.mktemp("policy") / "service-roles")


def test_the_whole_specification_replays_offline_with_every_recorded_verdict(
    recorded: Cassette, monkeypatch: pytest.MonkeyPatch
):
    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("a replay opened a connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    backend = parse_backend("replay", BackendOptions(extra={"cassette": str(recorded.path)}))
    assert isinstance(backend, ReplayBackend)
    backend.start()
    started = time.perf_counter()
    result = run(backend, RunOptions(run_id=POLICY_RUN_ID))
    seconds = time.perf_counter() - started
    assert seconds > 0  # measured, never asserted: see 'make bench'
    assert backend.replayer.mismatches == []
    unused = [label for label, _ in backend.replayer.unused() if label != "outside any scenario"]
    assert unused == []
    assert {r.id: r.verdict for r in result.requirements} == recorded.verdicts
    assert len(recorded.verdicts) == len(load_catalogue().ids) and set(recorded.verdicts.values()) == {"pass"}
    replayed = {key_of(s.location): s.outcome for r in result.requirements for s in r.scenarios}
    assert replayed == {s.key: s.outcome for s in recorded.scenarios}


def key_of(location: str) -> str:
    filename, _, line = location.rpartition(":")
    return scenario_key(filename, int(line), FEATURES_DIR)


def test_the_committed_policy_covers_every_call_the_suite_made(recorded: Cassette):
    committed = json.loads(policy.committed_text())
    calls = policy.calls([recorded])
    assert len(calls) > 1000
    missing = {a for call in calls for a in policy.needs(call) if not policy.allows(committed, a)}
    assert sorted(missing) == []


def test_the_committed_policy_covers_every_call_of_an_opted_in_service_roles_run(
    service_roles: Cassette,
):
    committed = json.loads(policy.committed_text())
    calls = policy.calls([service_roles])
    needed = {a for call in calls for a in policy.needs(call)}
    assert {"iam:CreateServiceLinkedRole", "iam:DeleteServiceLinkedRole", "sts:AssumeRole"} <= needed
    # Its home Region may be one without Incident Manager: it never looks for a replication set.
    assert not [a for a in needed if a.startswith("ssm-incidents:")]
    assert sorted(a for a in needed if not policy.allows(committed, a)) == []
    assert set(service_roles.verdicts.values()) == {"pass"}


def test_regenerating_the_policy_gives_the_committed_file(
    recorded: Cassette, service_roles: Cassette
):
    regenerated = policy.render(policy.document(policy.actions([recorded, service_roles])))
    assert regenerated == policy.committed_text(), "run 'make live-policy' and commit the result"


def test_only_the_suite_s_own_calls_shape_the_policy(recorded: Cassette):
    users = {
        i["identity"]
        for _, i in recorded.all_interactions()
        if i["kind"] == "call" and i["identity"] != "default"
    }
    assert users and all(u.startswith(("AKIAPLACEHOLDER", "ASIAPLACEHOLDER")) for u in users)
    needed = policy.actions([recorded])
    assert "cloudwatch:PutMetricAlarm" in needed  # signing name 'monitoring', IAM 'cloudwatch'
    assert {"iam:CreateServiceLinkedRole", "iam:PassRole", "iam:TagPolicy"} <= needed
    assert not any(a.startswith("monitoring:") for a in needed)


def test_the_documentation_shows_the_committed_policy():
    aws = (Path(__file__).resolve().parent.parent / "docs" / "aws.md").read_text("utf-8")
    assert "../conformance/data/live-policy.json" in aws


@pytest.mark.parametrize(
    "service, operation, action",
    [
        ("cloudwatch", "PutMetricAlarm", "cloudwatch:PutMetricAlarm"),
        ("events", "PutTargets", "events:PutTargets"),
        ("ssm-incidents", "CreateReplicationSet", "ssm-incidents:CreateReplicationSet"),
        ("ssm-contacts", "CreateContact", "ssm-contacts:CreateContact"),
        ("iam", "CreateUser", "iam:CreateUser"),
        ("sts", "AssumeRole", "sts:AssumeRole"),
    ],
)
def test_each_operation_maps_to_its_iam_action(service: str, operation: str, action: str):
    assert policy.iam_action(service, operation) == action

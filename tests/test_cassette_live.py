"""A live run recorded and replayed: the ``aws`` backend, every guard included, against the
reference emulator standing in for an account (boto3 honours ``AWS_ENDPOINT_URL``).

The replay must take the live path too (the looks at the account, the lock, the journal) and
answer all of it from the cassette, on a machine that need not be the one that recorded it.
"""

from __future__ import annotations

import json
import os
import socket
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import run_cli

from conformance.backends.common import DEFAULT_ACCOUNT_ID, ServerProcess
from conformance.cassette.format import OUTSIDE_FILE, read_cassette

PLANTED_KEY = "AKIAPLANTEDFAKEKEY42"
PLANTED_SECRET = "planted/Secret+Key0000000000000000000000"


@pytest.fixture(scope="module")
def account() -> Iterator[str]:
    server = ServerProcess(
        "The reference emulator",
        lambda port: [
            sys.executable,
            *("-m", "conformance.cli", "serve", "--host", "127.0.0.1", "--port", str(port)),
            *("--async-seconds", "0.2"),
        ],
    )
    try:
        yield server.start()
    finally:
        server.stop()


def test_a_live_run_replays_offline_with_its_looks_and_lock(account: str, tmp_path: Path):
    env: dict[str, str | None] = {
        "AWS_ENDPOINT_URL": account,
        "AWS_ACCESS_KEY_ID": PLANTED_KEY,  # the live run signs with these
        "AWS_SECRET_ACCESS_KEY": PLANTED_SECRET,
        "AWS_DEFAULT_REGION": "us-east-1",
        "AWS_SHARED_CREDENTIALS_FILE": os.devnull,
        "AWS_CONFIG_FILE": os.devnull,
    }
    live = ("--backend", "aws", "--allow-aws-account", DEFAULT_ACCOUNT_ID, "--poll-interval", "0.2")
    recorded = run_cli(
        "run",
        *live,
        *("--requirement", "SLR-EDT-04", "--record", str(tmp_path / "cassette")),
        *("--output", str(tmp_path / "live")),
        env=env,
    )
    assert recorded.returncode == 0, recorded.stderr
    cassette = read_cassette(tmp_path / "cassette")
    assert cassette.backend["live"] is True and cassette.backend["poll_interval"] == 0.2
    outside = cassette.interactions(OUTSIDE_FILE)
    operations = {i.get("operation") for i in outside}
    assert {"ListRoles", "ListPolicies", "CreatePolicy", "DeletePolicy"} <= operations
    lock = next(i for i in outside if i.get("operation") == "CreatePolicy")
    assert socket.gethostname() not in json.dumps(lock["params"])
    text = "".join(p.read_text("utf-8") for p in (tmp_path / "cassette").iterdir())
    for secret in (DEFAULT_ACCOUNT_ID, PLANTED_KEY, PLANTED_SECRET):
        assert secret not in text

    offline = {"AWS_ENDPOINT_URL": "http://127.0.0.1:9", "AWS_ACCESS_KEY_ID": None}
    replayed = run_cli(
        "run",
        *("--backend", "replay", "--cassette", str(tmp_path / "cassette")),
        *("--output", str(tmp_path / "replay")),
        env=offline,
    )
    assert replayed.returncode == 0, replayed.stderr
    assert "The replay gives the recorded verdict for every requirement (1)." in replayed.stdout
    assert "unanswered" not in replayed.stderr
    before = json.loads((tmp_path / "live" / "results.json").read_text("utf-8"))
    after = json.loads((tmp_path / "replay" / "results.json").read_text("utf-8"))
    assert [r["verdict"] for r in after["requirements"]] == ["pass"]
    assert [s["outcome"] for r in after["requirements"] for s in r["scenarios"]] == [
        s["outcome"] for r in before["requirements"] for s in r["scenarios"]
    ]

"""An emulated account for the live path: the reference emulator served in real time.

No test here has an AWS account. boto3 honours ``AWS_ENDPOINT_URL``, so the ``aws`` backend
runs its whole live path (the STS account check, the allow-list, the looks, the lock, the
journal, real-time waits) against the emulator standing in for an account. Asynchronous
changes take 0.2 s and the runs poll every 0.2 s, so each run lasts a few seconds.
"""

from __future__ import annotations

import contextlib
import functools
import io
import json
import os
import re
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import boto3

from conformance.backends.common import DEFAULT_ACCOUNT_ID, EMULATOR_CREDENTIALS
from conformance.cli import main
from conformance.emulator.server import RunningServer, start_background
from conformance.emulator.timing import timed_emulator
from conformance.live.lock import LOCK_PATH

ROOT = Path(__file__).resolve().parent.parent
ACCOUNT = DEFAULT_ACCOUNT_ID
REGION = "us-east-1"
SLR = "AWSServiceRoleForIncidentManager"
ASYNC_SECONDS = 0.2
POLL = "0.2"


@functools.cache
def _session() -> boto3.session.Session:
    """One boto3 session for the tests' own looks: service models are read once."""
    return boto3.session.Session()


class EmulatedAccount:
    """The served emulator, the environment that points boto3 at it, and ways to look at it."""

    def __init__(self, server: RunningServer) -> None:
        self.server = server
        self.url = server.url
        self.keys = (EMULATOR_CREDENTIALS.access_key_id, EMULATOR_CREDENTIALS.secret_access_key)
        self._clients: dict[tuple[str, str], Any] = {}

    def env(self, keys: tuple[str, str] | None = None) -> dict[str, str]:
        key, secret = keys or self.keys
        return {
            "AWS_ENDPOINT_URL": self.url,
            "AWS_ACCESS_KEY_ID": key,
            "AWS_SECRET_ACCESS_KEY": secret,
            "AWS_DEFAULT_REGION": REGION,
            "AWS_SHARED_CREDENTIALS_FILE": os.devnull,
            "AWS_CONFIG_FILE": os.devnull,
        }

    def client(self, service: str, region: str = REGION) -> Any:
        """A client of the account, made once per service and Region (models load once)."""
        key = (service, region)
        if key not in self._clients:
            access, secret = self.keys
            self._clients[key] = _session().client(
                service,
                region_name=region,
                endpoint_url=self.url,
                aws_access_key_id=access,
                aws_secret_access_key=secret,
            )
        return self._clients[key]

    def control(self, path: str, body: dict[str, Any]) -> None:
        request = urllib.request.Request(
            f"{self.url}/_conformance/v1/{path}",
            data=json.dumps(body).encode("utf-8"),
            headers={"Content-Type": "application/json"},
            method="POST",
        )
        with urllib.request.urlopen(request, timeout=10):
            pass

    # -- what is there ------------------------------------------------------------------

    def wait_active(self, arn: str) -> None:
        incidents = self.client("ssm-incidents")
        deadline = time.monotonic() + 20
        while incidents.get_replication_set(arn=arn)["replicationSet"]["status"] != "ACTIVE":
            assert time.monotonic() < deadline, "the replication set never became active"
            time.sleep(0.05)

    def wait_gone(self, arn: str) -> None:
        incidents = self.client("ssm-incidents")
        deadline = time.monotonic() + 20
        while arn in incidents.list_replication_sets()["replicationSetArns"]:
            assert time.monotonic() < deadline, "the replication set was never deleted"
            time.sleep(0.05)

    def inventory(self) -> dict[str, list[str]]:
        """Everything a run could have created or left, by kind (every page of every list)."""
        iam = self.client("iam")
        incidents = self.client("ssm-incidents")

        def every(client: Any, operation: str, key: str, **kwargs: Any) -> list[Any]:
            pages = client.get_paginator(operation).paginate(**kwargs)
            return [item for page in pages for item in page[key]]

        return {
            "users": sorted(u["UserName"] for u in every(iam, "list_users", "Users")),
            "groups": sorted(g["GroupName"] for g in every(iam, "list_groups", "Groups")),
            "roles": sorted(r["RoleName"] for r in every(iam, "list_roles", "Roles")),
            "policies": sorted(
                f"{p['Path']}{p['PolicyName']}"
                for p in every(iam, "list_policies", "Policies", Scope="Local")
            ),
            "instance profiles": sorted(
                p["InstanceProfileName"]
                for p in every(iam, "list_instance_profiles", "InstanceProfiles")
            ),
            "replication sets": sorted(
                every(incidents, "list_replication_sets", "replicationSetArns")
            ),
            "response plans": sorted(
                p["name"] for p in every(incidents, "list_response_plans", "responsePlanSummaries")
            ),
            "incident records": sorted(
                r["arn"]
                for r in every(incidents, "list_incident_records", "incidentRecordSummaries")
            ),
            "contacts": sorted(
                c["Alias"] for c in every(self.client("ssm-contacts"), "list_contacts", "Contacts")
            ),
            "alarms": sorted(
                a["AlarmName"]
                for a in every(self.client("cloudwatch"), "describe_alarms", "MetricAlarms")
            ),
            "rules": sorted(r["Name"] for r in every(self.client("events"), "list_rules", "Rules")),
        }

    def locks(self) -> list[str]:
        iam = self.client("iam")
        return [
            p["PolicyName"]
            for p in iam.list_policies(Scope="Local", PathPrefix=LOCK_PATH)["Policies"]
        ]

    def raw_answers(self, calls: list[tuple[str, str, dict[str, Any]]]) -> dict[str, bytes]:
        """The bodies of some answers as they came over the wire, request IDs blanked."""
        seen: list[bytes] = []

        def keep(http_response: Any, **_: Any) -> None:
            seen.append(http_response.content)

        bodies: dict[str, bytes] = {}
        for service, operation, params in calls:
            client = self.client(service)
            client.meta.events.register("after-call", keep)
            getattr(client, operation)(**params)
            bodies[f"{service} {operation}"] = re.sub(
                rb"<RequestId>[^<]*</RequestId>", b"", seen[-1]
            )
        return bodies


@contextlib.contextmanager
def emulated_account() -> Iterator[EmulatedAccount]:
    server = start_background(emulator=timed_emulator("real", ASYNC_SECONDS))
    try:
        yield EmulatedAccount(server)
    finally:
        server.stop()


def live_args(*args: str, run_id: str, output: Path) -> list[str]:
    """``run --backend aws`` against the emulated account, polling every 0.2 s."""
    return [
        "run",
        "--backend",
        "aws",
        "--allow-aws-account",
        ACCOUNT,
        "--poll-interval",
        POLL,
        "--run-id",
        run_id,
        "--output",
        str(output),
        *args,
    ]


def run_in_process(argv: list[str], env: dict[str, str], monkeypatch: Any) -> tuple[int, str, str]:
    """``slr-conformance ARGV`` in this process, with ``env``; (exit code, stdout, stderr)."""
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(argv)
    return code, out.getvalue(), err.getvalue()


def start_subprocess(argv: list[str], env: dict[str, str]) -> subprocess.Popen[str]:
    """``slr-conformance ARGV`` as its own process (to be killed, or to run beside another)."""
    return subprocess.Popen(
        [sys.executable, "-m", "conformance.cli", *argv],
        cwd=ROOT,
        env={**os.environ, **env},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def journal_lines(path: Path) -> list[dict[str, Any]]:
    if not path.exists():
        return []
    lines = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        with contextlib.suppress(ValueError):
            lines.append(json.loads(raw))
    return lines


def last_line(stderr: str) -> str:
    lines = [line for line in stderr.splitlines() if line.strip()]
    return lines[-1] if lines else ""

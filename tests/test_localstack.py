"""The localstack backend: found or said to be unavailable, started fresh and kept off the
network, stopped with everything it started.

Most tests need no LocalStack: a small HTTP server on 127.0.0.1 stands in for its process (the
backend's lifecycle is under test there, not LocalStack). The last test runs the real one when
``make peers`` has built it, and is skipped otherwise.
"""

from __future__ import annotations

import os
import socket
import sys
import textwrap
import time
from pathlib import Path

import pytest

from conformance.backends import BackendOptions, parse_backend
from conformance.backends.localstack import (
    LOCALSTACK_ENVIRONMENT,
    PYTHON_VARIABLE,
    LocalStackBackend,
    localstack_environment,
    localstack_python,
)
from conformance.errors import BackendUnavailable, ConfigurationError

#: A stand-in for LocalStack's process: serves the health page on GATEWAY_LISTEN, writes what
#: it was given, and starts a helper process of its own, as LocalStack may.
STAND_IN = textwrap.dedent(
    """
    import http.server, json, os, subprocess, sys
    from pathlib import Path

    host, port = os.environ["GATEWAY_LISTEN"].rsplit(":", 1)
    root = Path(os.environ["FILESYSTEM_ROOT"])
    helper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(120)"])
    record = {"argv": sys.argv[1:], "env": dict(os.environ), "helper": helper.pid}
    (root / "record.json").write_text(json.dumps(record))
    Path(os.environ["SLR_TEST_RECORD"]).write_text(json.dumps(record))

    class Health(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            body = json.dumps({"version": "2026.3.0:abc123", "services": {}}).encode()
            self.send_response(200 if self.path == "/_localstack/health" else 404)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    http.server.HTTPServer((host, int(port)), Health).serve_forever()
    """
)


@pytest.fixture
def stand_in(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An executable that LocalStack's interpreter would be, running the stand-in instead."""
    script = tmp_path / "stand_in.py"
    script.write_text(STAND_IN)
    python = tmp_path / "python"
    record = tmp_path / "record.json"
    # The backend passes on almost nothing of our environment: the record's path is baked in.
    python.write_text(
        f'#!/bin/sh\nSLR_TEST_RECORD="{record}" exec "{sys.executable}" "{script}" "$@"\n'
    )
    python.chmod(0o755)
    monkeypatch.setenv(PYTHON_VARIABLE, str(python))
    return record


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    with open(f"/proc/{pid}/stat") as stat:  # a zombie has ended too
        return stat.read().split(")")[-1].split()[0] != "Z"


def test_without_localstack_the_backend_is_unavailable_in_one_sentence(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, cli
):
    monkeypatch.setenv(PYTHON_VARIABLE, str(tmp_path / "no-such-python"))
    assert localstack_python() is None
    with pytest.raises(BackendUnavailable) as raised:
        parse_backend("localstack")
    assert isinstance(raised.value, ConfigurationError)  # a usage matter, not a failure
    answer = cli(
        "run",
        "--backend",
        "localstack",
        "--output",
        str(tmp_path / "out"),
        env={PYTHON_VARIABLE: str(tmp_path / "no-such-python")},
    )
    assert answer.returncode == 2
    assert answer.stderr.count("\n") == 1
    assert "LocalStack is not installed here: 'make peers' builds it" in answer.stderr


def test_the_environment_keeps_localstack_on_loopback_and_offline(tmp_path: Path):
    ours = {
        "PATH": "/usr/bin",
        "LOCALSTACK_AUTH_TOKEN": "ls-secret",
        "LOCALSTACK_API_KEY": "key",
        "AWS_ACCESS_KEY_ID": "AKIA",
        "SERVICES": "s3",
        "DNS_ADDRESS": "0.0.0.0",
        "PERSISTENCE": "1",
        "PYTHONPATH": "/somewhere",
    }
    env = localstack_environment(4566, tmp_path, ours)
    assert env["PATH"] == "/usr/bin"
    for withheld in ("LOCALSTACK_AUTH_TOKEN", "LOCALSTACK_API_KEY", "AWS_ACCESS_KEY_ID", "SERVICES"):
        assert withheld not in env
    assert "PYTHONPATH" not in env
    assert env["GATEWAY_LISTEN"] == "127.0.0.1:4566"
    assert env["GATEWAY_SERVER"] == "hypercorn"
    assert env["DNS_ADDRESS"] == "0"
    assert env["PERSISTENCE"] == "0"
    assert env["DISABLE_EVENTS"] == "1"
    assert env["SKIP_INFRA_DOWNLOADS"] == "1"
    assert env["SKIP_SSL_CERT_DOWNLOAD"] == "1"
    assert env["EAGER_SERVICE_LOADING"] == "0"
    for api in ("API_ENDPOINT", "ANALYTICS_API"):
        assert env[api].startswith("http://127.0.0.1:4566/")
    assert env["FILESYSTEM_ROOT"].startswith(str(tmp_path))
    assert env["HOME"].startswith(str(tmp_path))
    assert set(LOCALSTACK_ENVIRONMENT.items()) <= set(env.items())


def test_a_run_starts_fresh_names_the_version_and_stops_everything(stand_in: Path):
    import json

    backend = parse_backend("localstack", BackendOptions())
    assert isinstance(backend, LocalStackBackend)
    assert backend.controls is None  # no reset: the suite undoes every change instead
    backend.start()
    try:
        record = json.loads(stand_in.read_text())
        description = backend.describe()
        assert description.implementation == "LocalStack community"
        assert description.version == "2026.3.0"
        assert description.endpoint is not None
        assert description.endpoint.startswith("http://127.0.0.1:")
        assert record["argv"] == ["-m", "localstack.runtime.main"]
        assert record["env"]["GATEWAY_LISTEN"] == description.endpoint.removeprefix("http://")
        state = Path(record["env"]["FILESYSTEM_ROOT"])
        assert state.is_dir()
        assert _alive(record["helper"])
    finally:
        backend.stop()
    deadline = time.monotonic() + 10
    while _alive(record["helper"]) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _alive(record["helper"])  # the process group ended with it
    assert not state.exists()  # and its state went with it: the next run starts fresh


def test_a_second_run_gets_a_new_localstack(stand_in: Path):
    import json

    first = parse_backend("localstack")
    first.start()
    first_state = json.loads(stand_in.read_text())["env"]["FILESYSTEM_ROOT"]
    first.stop()
    second = parse_backend("localstack")
    second.start()
    try:
        second_state = json.loads(stand_in.read_text())["env"]["FILESYSTEM_ROOT"]
        assert second_state != first_state
    finally:
        second.stop()


def _listening_ports(pids: set[int]) -> set[tuple[str, int]]:
    """Where the given processes listen for TCP, read from /proc (IPv4 and IPv6)."""
    inodes: set[str] = set()
    for pid in pids:
        fd_dir = Path(f"/proc/{pid}/fd")
        for fd in fd_dir.iterdir() if fd_dir.exists() else ():
            try:
                target = os.readlink(fd)
            except OSError:
                continue
            if target.startswith("socket:["):
                inodes.add(target[8:-1])
    found = set()
    for table, family in (("/proc/net/tcp", socket.AF_INET), ("/proc/net/tcp6", socket.AF_INET6)):
        for line in Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            if fields[3] != "0A" or fields[9] not in inodes:  # 0A: LISTEN
                continue
            address, port = fields[1].split(":")
            raw = bytes.fromhex(address)
            if family == socket.AF_INET:
                host = socket.inet_ntop(family, raw[::-1])
            else:
                host = socket.inet_ntop(family, b"".join(raw[i : i + 4][::-1] for i in range(0, 16, 4)))
            found.add((host, int(port, 16)))
    return found


def _group(pgid: int) -> set[int]:
    members = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.split(")")[-1].split()[2]) == pgid:
                members.add(int(entry.name))
    return members


@pytest.mark.skipif(
    localstack_python({}) is None, reason="LocalStack is not built here ('make peers')"
)
def test_the_real_localstack_listens_on_its_gateway_alone(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.delenv(PYTHON_VARIABLE, raising=False)
    backend = LocalStackBackend(BackendOptions())
    backend.start()
    try:
        description = backend.describe()
        assert description.version[:4].isdigit()
        assert description.endpoint is not None
        port = int(description.endpoint.rsplit(":", 1)[1])
        iam = backend.client("iam")
        assert iam.list_roles()["Roles"] == []
        server = backend._server
        assert server is not None and server._process is not None
        assert _listening_ports(_group(server._process.pid)) == {("127.0.0.1", port)}
    finally:
        backend.stop()

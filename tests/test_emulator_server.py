"""The emulator over real HTTP on 127.0.0.1: boto3, the control protocol, bad input, threads.

Also the served emulator's defences: a client that stalls delays nobody else, the nine
malformed requests that once got a 5xx each get an AWS-shaped 4xx, moto's recorder can replay into
the server that serves it, and ``serve`` warns about addresses other machines can reach.
Run with ``pytest -s`` to see the latencies measured while a client stalls.
"""

from __future__ import annotations

import json
import socket
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import boto3
import pytest
from botocore.config import Config

from conformance.backends.controls import PREFIX, HttpControls
from conformance.clock import VirtualClock
from conformance.emulator import server as server_module
from conformance.emulator.exposure import Exposure
from conformance.emulator.fuzzing.oracle import python_names
from conformance.emulator.server import RunningServer, start_background

ROLE = "AWSServiceRoleForIncidentManager"
THREADS = 8
CALLS = 25


@pytest.fixture(scope="module")
def running() -> Iterator[RunningServer]:
    with start_background() as server:
        yield server


@pytest.fixture
def url(running: RunningServer) -> str:
    running.emulator.reset()
    return running.url


_SESSION = boto3.session.Session(
    aws_access_key_id="AKIAIOSFODNN7EXAMPLE",
    aws_secret_access_key="secret",
    region_name="us-east-1",
)


def client(url: str, service: str) -> Any:
    """A boto3 client over HTTP; made in the main thread, used from any (clients are shared)."""
    return _SESSION.client(service, endpoint_url=url, config=Config(retries={"max_attempts": 1}))


def raw(url: str, method: str, path: str, body: bytes, headers: dict[str, str]) -> tuple[int, str]:
    request = urllib.request.Request(url + path, data=body, method=method, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as answer:
            return answer.status, answer.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", "replace")


def test_binds_loopback_on_a_free_port(running: RunningServer) -> None:
    assert running.url.startswith("http://127.0.0.1:")
    assert not running.url.endswith(":0")


def test_boto3_creates_the_role_over_http(url: str) -> None:
    iam = client(url, "iam")
    role = iam.create_service_linked_role(AWSServiceName="ssm-incidents.amazonaws.com")["Role"]
    assert role["RoleName"] == ROLE


def test_control_protocol_over_http(url: str) -> None:
    controls = HttpControls.discover(url)
    assert controls is not None and "clock" in controls.capabilities
    iam = client(url, "iam")
    iam.create_service_linked_role(AWSServiceName="ssm-incidents.amazonaws.com")
    task = iam.delete_service_linked_role(RoleName=ROLE)["DeletionTaskId"]
    assert controls.advance_clock(30) == VirtualClock.START + 30
    assert iam.get_service_linked_role_deletion_status(DeletionTaskId=task)["Status"] == "SUCCEEDED"
    controls.reset()
    assert controls.now() == VirtualClock.START


SIGNED = (
    "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20260101/us-east-1/{}/aws4_request, "
    "SignedHeaders=host, Signature=00"
)
FORM = {"Content-Type": "application/x-www-form-urlencoded", "Authorization": SIGNED.format("iam")}


@pytest.mark.parametrize(
    ("method", "path", "body", "headers"),
    [
        ("POST", "/", b"\xff\xfe\x00garbage", FORM),
        ("POST", "/", b"Action=NoSuchThing&Version=2010-05-08", FORM),
        ("POST", "/", b"Action=TagRole&Version=2010-05-08", FORM),
        (
            "POST",
            "/",
            b"{]",
            {
                "Content-Type": "application/x-amz-json-1.1",
                "X-Amz-Target": "AWSEvents.PutRule",
                "Authorization": SIGNED.format("events"),
            },
        ),
        ("POST", f"{PREFIX}/clock", b"{nope", {"Content-Type": "application/json"}),
        ("POST", f"{PREFIX}/faults", b'{"fault": 3}', {"Content-Type": "application/json"}),
        ("GET", "/", b"", {}),
    ],
)
def test_malformed_requests_get_4xx_never_500(
    url: str, method: str, path: str, body: bytes, headers: dict[str, str]
) -> None:
    status, text = raw(url, method, path, body or None, headers)  # type: ignore[arg-type]
    assert 400 <= status < 500, text
    assert "Traceback" not in text


def test_concurrent_clients_lose_no_update(url: str) -> None:
    iam = client(url, "iam")
    iam.create_service_linked_role(AWSServiceName="ssm-incidents.amazonaws.com")

    clients = [(client(url, "iam"), client(url, "ssm-contacts")) for _ in range(THREADS)]

    def work(thread: int) -> None:
        own_iam, contacts = clients[thread]
        for call in range(CALLS):  # even calls tag the role, odd calls add a contact
            if call % 2 == 0:
                own_iam.tag_role(RoleName=ROLE, Tags=[{"Key": f"t{thread}", "Value": str(call)}])
            else:
                contacts.create_contact(
                    Alias=f"c-{thread}-{call}", Type="PERSONAL", Plan={"Stages": []}
                )

    with ThreadPoolExecutor(THREADS) as pool:
        list(pool.map(work, range(THREADS)))
    tags = {t["Key"]: t["Value"] for t in iam.list_role_tags(RoleName=ROLE)["Tags"]}
    assert tags == {f"t{n}": str(CALLS - 1) for n in range(THREADS)}
    pages = client(url, "ssm-contacts").get_paginator("list_contacts").paginate()
    aliases = {c["Alias"] for page in pages for c in page["Contacts"]}
    assert len(aliases) == THREADS * (CALLS // 2)


def test_stop_releases_the_port(running: RunningServer) -> None:
    server = start_background(emulator=running.emulator)
    server.stop()
    server.stop()
    with pytest.raises(OSError):
        urllib.request.urlopen(server.url + f"{PREFIX}/controls", timeout=2)


def test_serve_stops_cleanly_on_ctrl_c(
    running: RunningServer, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    closed = threading.Event()

    class Interrupted:
        server_port = 5999

        def serve_forever(self) -> None:
            raise KeyboardInterrupt

        def server_close(self) -> None:
            closed.set()

    seen: dict[str, Any] = {}

    def fake_make_server(host: str, port: int, app: Any, **kwargs: Any) -> Interrupted:
        seen.update(host=host, port=port)
        return Interrupted()

    monkeypatch.setattr(server_module, "make_server", fake_make_server)
    server_module.serve(emulator=running.emulator)
    assert closed.is_set()
    assert seen == {"host": "127.0.0.1", "port": 5000}
    assert "Traceback" not in capsys.readouterr().err


def test_module_entry_point_takes_the_serve_command_flags(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from conformance.emulator.__main__ import main

    with pytest.raises(SystemExit) as exited:
        main(["--async-seconds", "soon"])
    assert exited.value.code == 2
    assert "--async-seconds" in capsys.readouterr().err


# -- a client that stalls ---------------------------------------------------------------

STALL_BOUND = 5.0  # generous: the point is completion while the stall lasts, not speed


def stalled_connection(url: str) -> socket.socket:
    """Headers announcing a 100-byte body, and then nothing."""
    host, port = url.removeprefix("http://").rsplit(":", 1)
    sock = socket.create_connection((host, int(port)), timeout=30)
    sock.sendall(
        b"POST /createReplicationSet HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        b"Content-Type: application/json\r\n"
        + f"Authorization: {SIGNED.format('ssm-incidents')}\r\n".encode()
        + b"Content-Length: 100\r\n\r\n"
    )
    return sock


def test_a_stalled_client_delays_no_other_client() -> None:
    with start_background(read_timeout=3.0) as server:
        stalled = stalled_connection(server.url)
        try:
            time.sleep(0.2)  # the server is now waiting for the stalled body
            contacts = client(server.url, "ssm-contacts")
            iam = client(server.url, "iam")
            latencies: dict[str, float] = {}
            started = time.perf_counter()
            contacts.create_contact(Alias="oncall", Type="PERSONAL", Plan={"Stages": []})
            latencies["ssm-contacts CreateContact"] = time.perf_counter() - started
            started = time.perf_counter()
            iam.create_service_linked_role(AWSServiceName="ssm-incidents.amazonaws.com")
            latencies["iam CreateServiceLinkedRole"] = time.perf_counter() - started
            started = time.perf_counter()
            HttpControls(server.url, frozenset({"clock"})).advance_clock(1)
            latencies["control POST /clock"] = time.perf_counter() - started
            sys.stdout.write(
                "while a client stalls: "
                + ", ".join(
                    f"{name} {seconds * 1000:.1f} ms" for name, seconds in latencies.items()
                )
                + "\n"
            )
            assert all(seconds < STALL_BOUND for seconds in latencies.values()), latencies
            answer = stalled.recv(4096)  # the read timeout ends the stall with an AWS error
            assert answer.startswith(b"HTTP/1.1 408")
            assert b"RequestTimeoutException" in answer
        finally:
            stalled.close()


# -- nine malformed requests that once got a 5xx, over real HTTP ---------------------------

NESTED = b"[" * 100_000 + b"]" * 100_000
FORM_HEADERS = {"Content-Type": "application/x-www-form-urlencoded"}


@dataclass(frozen=True)
class Malformed:
    """One malformed request that once got a 5xx, and the answer it gets now."""

    case: str
    path: str
    body: bytes
    headers: dict[str, str]
    status: int
    code: str | None  # None: a control, whose errors are {"error": ...}


MALFORMED = [
    Malformed(
        "Authorization not SigV4",
        "/",
        b"Action=ListRoles&Version=2010-05-08",
        {**FORM_HEADERS, "Authorization": "Bearer"},
        400,
        "IncompleteSignature",
    ),
    Malformed(
        "unknown service in the credential scope",
        "/",
        b"Action=ListRoles",
        {**FORM_HEADERS, "Authorization": SIGNED.format("nosuchsvc")},
        403,
        "SignatureDoesNotMatch",
    ),
    Malformed(
        "CreateServiceLinkedRole AWSServiceName=foo",
        "/",
        b"Action=CreateServiceLinkedRole&AWSServiceName=foo&Version=2010-05-08",
        FORM,
        400,
        "InvalidInput",
    ),
    Malformed(
        "STS DurationSeconds=10^21",
        "/",
        b"Action=AssumeRole&RoleArn=arn:aws:iam::123456789012:role/some-role"
        b"&RoleSessionName=session&Version=2011-06-15&DurationSeconds=1" + b"0" * 21,
        {**FORM_HEADERS, "Authorization": SIGNED.format("sts")},
        400,
        "ValidationError",
    ),
    Malformed(
        "deeply nested JSON to ssm-incidents",
        "/createReplicationSet",
        NESTED,
        {"Content-Type": "application/json", "Authorization": SIGNED.format("ssm-incidents")},
        400,
        "SerializationException",
    ),
    Malformed(
        "deeply nested JSON to ssm-contacts",
        "/",
        NESTED,
        {
            "Content-Type": "application/x-amz-json-1.1",
            "X-Amz-Target": "SSMContacts.ListContacts",
            "Authorization": SIGNED.format("ssm-contacts"),
        },
        400,
        "SerializationException",
    ),
    Malformed(
        "deeply nested JSON to a control",
        f"{PREFIX}/clock",
        NESTED,
        {"Content-Type": "application/json"},
        400,
        None,
    ),
    Malformed(
        "a 401-digit advance_seconds",
        f"{PREFIX}/clock",
        b'{"advance_seconds": ' + b"9" * 401 + b"}",
        {"Content-Type": "application/json"},
        400,
        None,
    ),
    Malformed(
        "the clock moved ahead 1e17 seconds",
        f"{PREFIX}/clock",
        b'{"advance_seconds": 1e17}',
        {"Content-Type": "application/json"},
        400,
        None,
    ),
]


@pytest.mark.parametrize("malformed", MALFORMED, ids=lambda m: m.case)
def test_the_nine_malformed_requests_get_aws_shaped_4xx(url: str, malformed: Malformed) -> None:
    code = malformed.code
    got, text = raw(url, "POST", malformed.path, malformed.body, malformed.headers)
    sys.stdout.write(f"{malformed.case}: {got} {code or json.loads(text).get('error')}\n")
    assert got == malformed.status, text
    assert python_names(text, sent="") == []
    if code is None:
        assert isinstance(json.loads(text)["error"], str)
    elif text.startswith("{"):
        assert json.loads(text)["__type"] == code
    else:
        assert f"<Code>{code}</Code>" in text
    incidents = client(url, "ssm-incidents")  # and the emulator serves on as before
    assert incidents.create_replication_set(regions={"us-east-1": {}})["arn"]


def test_requests_too_malformed_for_http_get_aws_shaped_4xx(url: str) -> None:
    status, text = raw(url, "GET", "/" + "a" * 70_000, b"", {})
    assert status == 414
    assert "<Code>RequestURITooLong</Code>" in text


def test_a_chunked_body_is_served(url: str) -> None:
    host, port = url.removeprefix("http://").rsplit(":", 1)
    body = b"Action=CreateServiceLinkedRole&AWSServiceName=ssm-incidents.amazonaws.com"
    with socket.create_connection((host, int(port)), timeout=10) as sock:
        sock.sendall(
            b"POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n"
            b"Content-Type: application/x-www-form-urlencoded\r\n"
            + f"Authorization: {SIGNED.format('iam')}\r\n\r\n".encode()
            + b"%x\r\n%s\r\n0\r\n\r\n" % (len(body), body)
        )
        answer = sock.makefile("rb").read()
    assert answer.startswith(b"HTTP/1.1 200"), answer[:300]
    assert ROLE.encode() in answer


# -- moto's admin API -------------------------------------------------------------------


def test_motos_recorder_replays_without_hanging_the_server(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from moto.moto_api import recorder

    monkeypatch.setattr(recorder, "_location", str(tmp_path / "recording"))
    with start_background(exposure=Exposure(moto_api=True)) as server:
        row = {
            "module": "iam",
            "method": "POST",
            "url": server.url + "/",
            "headers": {**FORM, "Content-Type": "application/x-www-form-urlencoded"},
            "body": "Action=CreateUser&UserName=replayed&Version=2010-05-08",
            "body_encoded": False,
        }
        octets = {"Content-Type": "application/octet-stream"}
        upload = (json.dumps(row) + "\n").encode()
        assert (
            raw(server.url, "POST", "/moto-api/recorder/upload-recording", upload, octets)[0] == 200
        )
        status, _ = raw(server.url, "POST", "/moto-api/recorder/replay-recording", b"", octets)
        assert status == 200
        assert client(server.url, "iam").get_user(UserName="replayed")["User"]["UserName"]


# -- serve ------------------------------------------------------------------------------


def test_serve_warns_once_about_a_non_loopback_address_and_takes_allowed_hosts(
    running: RunningServer, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    class Interrupted:
        server_port = 5999

        def serve_forever(self) -> None:
            raise KeyboardInterrupt

        def server_close(self) -> None:
            return None

    monkeypatch.setattr(server_module, "make_server", lambda *a, **k: Interrupted())
    emulator = running.emulator
    exposure = emulator.app.exposure
    try:
        server_module.serve("0.0.0.0", emulator=emulator, allow_hosts=["Emulator"], moto_api=True)
        assert emulator.app.exposure == Exposure(
            frozenset({"emulator"}), moto_api=True, every_route=True
        )
        assert capsys.readouterr().err.count("not a loopback address") == 1
        server_module.serve("127.0.0.1", emulator=emulator)
        assert "not a loopback address" not in capsys.readouterr().err
    finally:
        emulator.app.exposure = exposure

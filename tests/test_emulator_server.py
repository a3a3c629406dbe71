"""The emulator over real HTTP on 127.0.0.1: boto3, the control protocol, bad input, threads."""

from __future__ import annotations

import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import boto3
import pytest
from botocore.config import Config

from conformance.clock import VirtualClock
from conformance.controls import PREFIX, HttpControls
from conformance.emulator import server as server_module
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
    with pytest.raises(SystemExit) as exited:
        server_module.main(["--async-seconds", "soon"])
    assert exited.value.code == 2
    assert "--async-seconds" in capsys.readouterr().err

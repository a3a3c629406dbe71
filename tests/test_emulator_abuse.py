"""The served emulator under abuse: memory freed per request, connections capped, headers on a
deadline, the Host and Origin rules on every route, and protocol errors with a status line.

Timing is never asserted here (``make bench`` measures it); each test checks what happens.
"""

from __future__ import annotations

import gc
import io
import json
import socket
import weakref
from collections.abc import Iterator
from typing import Any

import pytest
from werkzeug import Request

from conformance.emulator import Emulator
from conformance.emulator.exposure import Exposure
from conformance.emulator.server import RunningServer, start_background

SIGNED = (
    "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20260101/us-east-1/{}/aws4_request, "
    "SignedHeaders=host, Signature=00"
)


@pytest.fixture(scope="module")
def running() -> Iterator[RunningServer]:
    with start_background() as server:
        yield server


def _address(url: str) -> tuple[str, int]:
    host, _, port = url.removeprefix("http://").rpartition(":")
    return host, int(port)


def _exchange(url: str, data: bytes, timeout: float = 5.0) -> bytes:
    """Send ``data`` on a new connection; everything the server answers until it closes."""
    with socket.create_connection(_address(url), timeout=timeout) as sock:
        sock.sendall(data)
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
        return answer


def _request(
    url: str, path: str, headers: dict[str, str], body: bytes = b"", method: str = "POST"
) -> tuple[int, dict[str, str], bytes]:
    head = f"{method} {path} HTTP/1.1\r\nConnection: close\r\nContent-Length: {len(body)}\r\n"
    head += "".join(f"{k}: {v}\r\n" for k, v in headers.items())
    answer = _exchange(url, head.encode() + b"\r\n" + body)
    top, _, payload = answer.partition(b"\r\n\r\n")
    status_line, *lines = top.decode("latin-1").split("\r\n")
    fields = {k.lower(): v.strip() for k, _, v in (line.partition(":") for line in lines)}
    return int(status_line.split()[1]), fields, payload


# -- 4. memory ---------------------------------------------------------------------------


def test_a_request_is_freed_when_it_ends_without_the_cyclic_collector() -> None:
    emulator = Emulator()
    seen: list[weakref.ref[Request]] = []
    original = emulator.app.respond

    def respond(environ: dict[str, Any]) -> Any:
        answer = original(environ)
        seen.append(weakref.ref(environ["werkzeug.request"]))
        return answer

    emulator.app.respond = respond  # type: ignore[method-assign]
    body = json.dumps({}).encode() + b" " * 1_000_000
    environ = {
        "REQUEST_METHOD": "POST",
        "PATH_INFO": "/",
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "80",
        "HTTP_HOST": "127.0.0.1",
        "CONTENT_TYPE": "application/x-amz-json-1.1",
        "CONTENT_LENGTH": str(len(body)),
        "HTTP_X_AMZ_TARGET": "SSMContacts.ListContacts",
        "HTTP_AUTHORIZATION": SIGNED.format("ssm-contacts"),
        "wsgi.input": io.BytesIO(body),
        "wsgi.url_scheme": "http",
    }
    gc.disable()
    try:
        b"".join(emulator.app(environ, lambda *a: None))
        del environ
        assert seen and seen[0]() is None  # freed by reference counting alone
    finally:
        gc.enable()


# -- 5. connections and header deadlines ----------------------------------------------------


def test_connections_over_the_cap_are_answered_503_at_once() -> None:
    with start_background(max_connections=3) as server:
        held = [socket.create_connection(_address(server.url), timeout=5) for _ in range(3)]
        try:
            for sock in held:
                sock.sendall(b"POST / HTTP/1.1\r\nHost: 127.0.0.1\r\n")
            answer = _exchange(server.url, b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            assert answer.startswith(b"HTTP/1.1 503 ")
            assert b"ServiceUnavailable" in answer
        finally:
            for sock in held:
                sock.close()


def test_headers_that_trickle_past_their_deadline_are_answered_408() -> None:
    server = start_background(header_deadline=1.0)
    with server, socket.create_connection(_address(server.url), timeout=10) as sock:
        sock.sendall(b"POST / HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        answer = b""
        for number in range(8):  # one header line every 0.5 s, each well within the read timeout
            try:
                sock.sendall(f"X-Slow-{number}: 1\r\n".encode())
            except OSError:
                break
            sock.settimeout(0.5)
            try:
                answer += sock.recv(65536)
            except TimeoutError:
                continue
            if answer:
                break
        assert answer.startswith(b"HTTP/1.1 408 "), answer[:80]


# -- 6. Host and Origin on every route --------------------------------------------------------


_CONTACTS = {
    "Host": "127.0.0.1",
    "Content-Type": "application/x-amz-json-1.1",
    "X-Amz-Target": "SSMContacts.ListContacts",
    "Authorization": SIGNED.format("ssm-contacts"),
}


@pytest.mark.parametrize(
    ("headers", "status"),
    [
        ({}, 200),
        ({"Origin": "http://localhost:3000"}, 200),
        ({"Host": "rebound.example:5000"}, 403),
        ({"Origin": "https://evil.example"}, 403),
        ({"Origin": "null"}, 403),
    ],
)
def test_the_aws_routes_answer_loopback_hosts_and_origins_only(
    running: RunningServer, headers: dict[str, str], status: int
) -> None:
    code, fields, _ = _request(running.url, "/", {**_CONTACTS, **headers}, b"{}")
    assert code == status
    assert fields.get("access-control-allow-origin", "") in ("", "*", headers.get("Origin"))
    if status == 403:
        assert "access-control-allow-origin" not in fields
        assert fields.get("x-amzn-errortype", "").startswith("AccessDenied")


def test_an_allowed_host_name_reaches_the_aws_routes() -> None:
    with start_background(exposure=Exposure.serving(["emulator"])) as server:
        code, _, _ = _request(server.url, "/", {**_CONTACTS, "Host": "emulator:5000"}, b"{}")
        assert code == 200


def test_motos_admin_api_never_answers_a_foreign_origin() -> None:
    with start_background(exposure=Exposure.serving(moto_api=True)) as server:
        plain = {"Host": "127.0.0.1", "Content-Type": "text/plain"}
        code, fields, _ = _request(
            server.url, "/moto-api/reset", {**plain, "Origin": "https://evil.example"}
        )
        assert code == 403 and "access-control-allow-origin" not in fields
        assert _request(server.url, "/moto-api/reset", plain)[0] == 200


# -- 7. protocol errors ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line", [b"GET / HTTP/2.0", b"GET / HTTP/1.1.1", b"GET / HTTX/1.1", b"GET /"]
)
def test_a_bad_request_line_gets_a_status_line_and_headers(
    running: RunningServer, line: bytes
) -> None:
    answer = _exchange(running.url, line + b"\r\nHost: 127.0.0.1\r\n\r\n")
    assert answer.startswith(b"HTTP/1.1 400 "), answer[:80]
    head = answer.partition(b"\r\n\r\n")[0].lower()
    assert b"content-length:" in head and b"x-amzn-errortype:" in head


def test_put_events_with_a_detail_nested_5000_deep_is_a_4xx(running: RunningServer) -> None:
    detail = "[" * 5000 + "]" * 5000
    body = json.dumps(
        {"Entries": [{"Source": "app", "DetailType": "deep", "Detail": detail}]}
    ).encode()
    headers = {
        "Host": "127.0.0.1",
        "Content-Type": "application/x-amz-json-1.1",
        "X-Amz-Target": "AWSEvents.PutEvents",
        "Authorization": SIGNED.format("events"),
    }
    code, fields, _ = _request(running.url, "/", headers, body)
    assert code == 400, code
    assert fields.get("x-amzn-errortype", "").startswith("ValidationException")

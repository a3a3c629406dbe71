"""The served emulator under abuse: its memory, and a well-behaved client's latency.

Two measures, both against a server on 127.0.0.1 started in its own process, bounded in count
and time, and printed, never asserted:

* **Memory** (the server's resident set, from ``/proc``): at rest; after requests with bodies
  just under the 8 MB limit, one after another and many at once; after those clients left; with
  many connections open at once and after they closed. Memory that stays up after the clients
  left is memory the server did not free when each request ended.
* **Latency while connections trickle**: 300 connections each send a request line, then one
  header line every two seconds and never finish; meanwhile one boto3 client makes ordinary
  calls. The header deadline and the connection cap must keep that client's latency bounded.
"""

from __future__ import annotations

import http.client
import socket
import statistics
import threading
import time
from pathlib import Path

import boto3
from botocore.config import Config

from conformance.backends.common import EMULATOR_CREDENTIALS
from conformance.emulator.intake import MAX_BODY_BYTES

__all__ = ["memory_report", "trickle_report"]

_HEADERS = {
    "Host": "127.0.0.1",
    "Content-Type": "application/x-amz-json-1.1",
    "X-Amz-Target": "SSMContacts.ListContacts",
    "Authorization": (
        "AWS4-HMAC-SHA256 Credential=AKIAEXAMPLE/20260101/us-east-1/ssm-contacts/aws4_request, "
        "SignedHeaders=host, Signature=0"
    ),
}
_BODY = b"{" + b" " * (MAX_BODY_BYTES - 2048) + b"}"


def _status(pid: int, field: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


def _rss_mb(pid: int) -> float:
    return _status(pid, "VmRSS") / 1024


def _post(host: str, port: int, body: bytes) -> int:
    connection = http.client.HTTPConnection(host, port, timeout=60)
    try:
        connection.request("POST", "/", body=body, headers=_HEADERS)
        answer = connection.getresponse()
        answer.read()
        return answer.status
    except OSError:
        return 0
    finally:
        connection.close()


def _address(url: str) -> tuple[str, int]:
    host, _, port = url.removeprefix("http://").rpartition(":")
    return host, int(port)


def memory_report(url: str, pid: int, sequential: int = 60, concurrent: int = 48) -> str:
    """The server's memory at rest, under big bodies and many connections, and after."""
    host, port = _address(url)
    lines = [f"Server memory (resident, MB) under big bodies ({len(_BODY) >> 20} MB each)"]
    lines.append(f"  at rest: {_rss_mb(pid):.0f}")
    statuses = [_post(host, port, _BODY) for _ in range(sequential)]
    lines.append(
        f"  after {sequential} bodies one after another: {_rss_mb(pid):.0f} "
        f"(answers {sorted(set(statuses))})"
    )
    answers: list[int] = []
    threads = [
        threading.Thread(target=lambda: answers.append(_post(host, port, _BODY)))
        for _ in range(concurrent)
    ]
    for thread in threads:
        thread.start()
    peak = 0.0
    while any(t.is_alive() for t in threads):
        peak = max(peak, _rss_mb(pid))
        time.sleep(0.05)
    lines.append(
        f"  {concurrent} bodies at once: peak {peak:.0f}, answers "
        f"{ {s: answers.count(s) for s in sorted(set(answers))} }"
    )
    time.sleep(1.0)
    lines.append(f"  after those clients left: {_rss_mb(pid):.0f}")
    sockets = []
    for _ in range(600):
        try:
            sockets.append(socket.create_connection((host, port), timeout=5))
            sockets[-1].sendall(b"POST / HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        except OSError:
            break
    time.sleep(1.0)
    lines.append(
        f"  {len(sockets)} connections open: {_rss_mb(pid):.0f}, "
        f"{_status(pid, 'Threads')} server threads"
    )
    for sock in sockets:
        sock.close()
    time.sleep(1.0)
    lines.append(
        f"  after they closed: {_rss_mb(pid):.0f}, {_status(pid, 'Threads')} server threads"
    )
    return "\n".join(lines) + "\n"


def _trickle(sockets: list[socket.socket], stop: threading.Event, every: float) -> int:
    """Send each socket one more header line every ``every`` s; count those the server cut."""
    closed: set[int] = set()
    number = 0
    while not stop.wait(every):
        number += 1
        for index, sock in enumerate(sockets):
            if index in closed:
                continue
            try:
                sock.sendall(f"X-Trickle-{number}: {number}\r\n".encode())
            except OSError:
                closed.add(index)
    return len(closed)


def trickle_report(url: str, pid: int, connections: int = 300, seconds: float = 15.0) -> str:
    """A well-behaved client's latency while ``connections`` trickle their headers."""
    host, port = _address(url)
    sockets = []
    for _ in range(connections):
        try:
            sock = socket.create_connection((host, port), timeout=5)
            sock.sendall(b"POST / HTTP/1.1\r\nHost: 127.0.0.1\r\n")
            sockets.append(sock)
        except OSError:
            break
    stop = threading.Event()
    cut: list[int] = []
    trickler = threading.Thread(target=lambda: cut.append(_trickle(sockets, stop, 2.0)))
    trickler.start()
    contacts = boto3.session.Session().client(
        "ssm-contacts",
        region_name="us-east-1",
        endpoint_url=url,
        aws_access_key_id=EMULATOR_CREDENTIALS.access_key_id,
        aws_secret_access_key=EMULATOR_CREDENTIALS.secret_access_key,
        config=Config(retries={"total_max_attempts": 1}, connect_timeout=10, read_timeout=30),
    )
    latencies: list[float] = []
    failures = 0
    threads = 0
    deadline = time.monotonic() + seconds
    try:
        while time.monotonic() < deadline:
            started = time.perf_counter()
            try:
                contacts.list_contacts()
                latencies.append(time.perf_counter() - started)
            except Exception:  # a failed call is counted; the run goes on
                failures += 1
            threads = max(threads, _status(pid, "Threads"))
            time.sleep(0.25)
    finally:
        stop.set()
        trickler.join()
        for sock in sockets:
            sock.close()
    shown = (
        f"p50 {statistics.median(latencies) * 1000:.1f} ms, max {max(latencies) * 1000:.1f} ms"
        if latencies
        else "no call answered"
    )
    return (
        f"While {len(sockets)} connections trickle headers for {seconds:.0f} s: "
        f"{len(latencies)} calls of a well-behaved client, {shown}, {failures} failed; "
        f"the server cut {cut[0] if cut else 0} trickling connections; "
        f"at most {threads} server threads\n"
    )

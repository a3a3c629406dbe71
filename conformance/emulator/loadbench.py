"""A load benchmark of the served emulator: throughput and latency from 1 to 32 clients.

The emulator serves requests one at a time, so under load it must stay correct (no lost
update) and merely queue. The benchmark starts ``slr-conformance serve`` in its own process on
127.0.0.1 (virtual time), then, at each level of concurrency, runs that many threads, each
with its own boto3 clients, through a fixed mix of reads and writes across ``ssm-incidents``,
``ssm-contacts`` and IAM:

* append a timeline event to one incident that every client shares (a read-modify-write of
  one record's list), then read the incident;
* create a contact with an alias of its own, then list contacts;
* tag one role that every client shares with the client's own key, the call number as value
  (a read-modify-write of one role's tags), then read the role.

Afterwards one reader checks that every event, every contact and each client's last tag value
is there: anything missing is a lost update. It reports throughput, p50 and p99 latency, lost
updates and 5xx answers per level, and the latency other clients see while one client stalls
in the middle of sending its body. Each level is bounded in calls and in time. Then, on the
server it started, the abuse measures of ``abusebench``: memory under big bodies and many
connections, and latency while 300 connections trickle headers. Timing is printed, never
asserted.
"""

from __future__ import annotations

import argparse
import datetime as dt
import socket
import statistics
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import boto3
from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError

__all__ = ["LEVELS", "LevelResult", "main", "run_load"]

LEVELS = (1, 2, 4, 8, 16, 32)
#: Calls per level, shared among its clients: enough for a p99, bounded for a shared machine.
CALLS_PER_LEVEL = 384
LEVEL_SECONDS = 60.0
_ROLE = "load-shared-role"
_CONFIG = Config(retries={"total_max_attempts": 1}, connect_timeout=10, read_timeout=60)


@dataclass
class LevelResult:
    clients: int
    calls: int = 0
    seconds: float = 0.0
    latencies: list[float] = field(default_factory=list)
    server_errors: int = 0
    failures: int = 0
    lost_updates: int = 0

    @property
    def throughput(self) -> float:
        return self.calls / self.seconds if self.seconds else 0.0

    def percentile(self, q: int) -> float:
        if len(self.latencies) < 2:
            return self.latencies[0] if self.latencies else 0.0
        return statistics.quantiles(self.latencies, n=100, method="inclusive")[q - 1]

    def line(self) -> str:
        return (
            f"{self.clients:>7} {self.calls:>6} {self.seconds:>8.2f} {self.throughput:>8.1f} "
            f"{self.percentile(50) * 1000:>7.1f} {self.percentile(99) * 1000:>7.1f} "
            f"{self.server_errors:>4} {self.failures:>8} {self.lost_updates:>5}"
        )


HEADER = f"{'clients':>7} {'calls':>6} {'seconds':>8} {'calls/s':>8} {'p50 ms':>7} {'p99 ms':>7} {'5xx':>4} {'failures':>8} {'lost':>5}"


def _session() -> boto3.session.Session:
    return boto3.session.Session(
        aws_access_key_id="AKIAIOSFODNN7EXAMPLE",
        aws_secret_access_key="load",
        region_name="us-east-1",
    )


@dataclass
class _Shared:
    """What every client of a level works on, set up before the clock starts."""

    incident: str
    events_before: int


class _Client:
    """One load client: its own session and clients, and its own record of what it wrote."""

    def __init__(self, url: str, index: int, level: int) -> None:
        session = _session()
        self.index = index
        self.level = level
        self.incidents = session.client("ssm-incidents", endpoint_url=url, config=_CONFIG)
        self.contacts = session.client("ssm-contacts", endpoint_url=url, config=_CONFIG)
        self.iam = session.client("iam", endpoint_url=url, config=_CONFIG)
        self.events = 0
        self.aliases: list[str] = []
        self.last_tag: str | None = None
        self.latencies: list[float] = []
        self.server_errors = 0
        self.failures = 0

    def step(self, shared: _Shared, number: int) -> None:
        kind = number % 6
        calls: dict[int, Callable[[], Any]] = {
            0: lambda: self.incidents.create_timeline_event(
                incidentRecordArn=shared.incident,
                eventTime=dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
                eventType="Custom Event",
                eventData='"load"',
            ),
            1: lambda: self.incidents.get_incident_record(arn=shared.incident),
            2: lambda: self.contacts.create_contact(
                Alias=f"load-{self.level}-{self.index}-{number}",
                Type="PERSONAL",
                Plan={"Stages": []},
            ),
            3: lambda: self.contacts.list_contacts(MaxResults=20),
            4: lambda: self.iam.tag_role(
                RoleName=_ROLE, Tags=[{"Key": f"client-{self.index}", "Value": str(number)}]
            ),
            5: lambda: self.iam.get_role(RoleName=_ROLE),
        }
        started = time.perf_counter()
        try:
            calls[kind]()
        except ClientError as error:
            status = int(error.response.get("ResponseMetadata", {}).get("HTTPStatusCode", 0))
            self.server_errors += status >= 500
            self.failures += status < 500
            return
        except BotoCoreError:
            self.failures += 1
            return
        finally:
            self.latencies.append(time.perf_counter() - started)
        if kind == 0:
            self.events += 1
        elif kind == 2:
            self.aliases.append(f"load-{self.level}-{self.index}-{number}")
        elif kind == 4:
            self.last_tag = str(number)


def _controls(url: str, path: str, body: bytes) -> None:
    import urllib.request

    request = urllib.request.Request(
        url + "/_conformance/v1" + path,
        data=body,
        method="POST",
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=30) as answer:
        answer.read()


def _prepare(url: str) -> _Shared:
    _controls(url, "/reset", b"{}")
    session = _session()
    incidents = session.client("ssm-incidents", endpoint_url=url, config=_CONFIG)
    incidents.create_replication_set(regions={"us-east-1": {}})
    _controls(url, "/clock", b'{"advance_seconds": 600}')
    plan = incidents.create_response_plan(name="load", incidentTemplate={"title": "t", "impact": 3})
    incident = incidents.start_incident(responsePlanArn=plan["arn"])["incidentRecordArn"]
    session.client("iam", endpoint_url=url, config=_CONFIG).create_role(
        RoleName=_ROLE, AssumeRolePolicyDocument="{}"
    )
    return _Shared(incident, _count_events(incidents, incident))


def _count_events(incidents: Any, incident: str) -> int:
    pages = incidents.get_paginator("list_timeline_events").paginate(incidentRecordArn=incident)
    return sum(len(page["eventSummaries"]) for page in pages)


def _lost_updates(url: str, shared: _Shared, clients: list[_Client]) -> int:
    """What the clients were told was written, and a final read does not find."""
    session = _session()
    incidents = session.client("ssm-incidents", endpoint_url=url, config=_CONFIG)
    contacts = session.client("ssm-contacts", endpoint_url=url, config=_CONFIG)
    iam = session.client("iam", endpoint_url=url, config=_CONFIG)
    written_events = sum(c.events for c in clients)
    events_now = _count_events(incidents, shared.incident)
    lost: int = max(0, shared.events_before + written_events - events_now)
    found = {
        contact["Alias"]
        for page in contacts.get_paginator("list_contacts").paginate()
        for contact in page["Contacts"]
    }
    lost += sum(alias not in found for c in clients for alias in c.aliases)
    tags = {t["Key"]: t["Value"] for t in iam.list_role_tags(RoleName=_ROLE)["Tags"]}
    lost += sum(
        c.last_tag is not None and tags.get(f"client-{c.index}") != c.last_tag for c in clients
    )
    return lost


def run_level(
    url: str, level: int, calls: int = CALLS_PER_LEVEL, seconds: float = LEVEL_SECONDS
) -> LevelResult:
    """``level`` clients sharing ``calls`` calls (at most ``seconds`` long)."""
    shared = _prepare(url)
    clients = [_Client(url, index, level) for index in range(level)]
    each = max(6, calls // level)
    start = threading.Barrier(level + 1)
    deadline = [0.0]

    def work(client: _Client) -> None:
        start.wait()
        for number in range(each):
            if time.monotonic() > deadline[0]:
                return
            client.step(shared, number)

    threads = [threading.Thread(target=work, args=(c,), daemon=True) for c in clients]
    for thread in threads:
        thread.start()
    deadline[0] = time.monotonic() + seconds
    began = time.perf_counter()
    start.wait()
    for thread in threads:
        thread.join(timeout=seconds + 30)
    result = LevelResult(level, seconds=time.perf_counter() - began)
    for client in clients:
        result.latencies.extend(client.latencies)
        result.server_errors += client.server_errors
        result.failures += client.failures
    result.calls = len(result.latencies)
    result.lost_updates = _lost_updates(url, shared, clients)
    return result


def stalled_client_latency(url: str, calls: int = 60) -> list[float]:
    """Latencies of one client's mixed calls while another client stalls mid-request."""
    shared = _prepare(url)
    host, _, port = url.removeprefix("http://").rpartition(":")
    stalled = socket.create_connection((host, int(port)), timeout=60)
    try:
        stalled.sendall(
            b"POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-amz-json-1.1\r\n"
            b"X-Amz-Target: SSMContacts.ListContacts\r\nContent-Length: 100\r\n\r\n"
        )
        time.sleep(0.2)
        client = _Client(url, 0, 0)
        for number in range(calls):
            client.step(shared, number)
        control = time.perf_counter()
        _controls(url, "/clock", b'{"advance_seconds": 1}')
        client.latencies.append(time.perf_counter() - control)
        return client.latencies
    finally:
        stalled.close()


def run_load(url: str, levels: tuple[int, ...] = LEVELS, calls: int = CALLS_PER_LEVEL) -> str:
    """The load report for the emulator at ``url``."""
    lines = [
        "Load on the served emulator (mixed reads and writes, ssm-incidents, ssm-contacts, IAM)",
        HEADER,
    ]
    for level in levels:
        lines.append(run_level(url, level, calls).line())
    stall = stalled_client_latency(url)
    lines.append(
        f"while one client stalls mid-body: {len(stall)} calls of another client, "
        f"p50 {statistics.median(stall) * 1000:.1f} ms, max {max(stall) * 1000:.1f} ms"
    )
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--endpoint-url", help="an emulator already serving (default: start one)")
    parser.add_argument("--calls", type=int, default=CALLS_PER_LEVEL, help="calls per level")
    parser.add_argument("--levels", default=",".join(map(str, LEVELS)), help="client counts")
    args = parser.parse_args(argv)
    levels = tuple(int(n) for n in args.levels.split(","))
    if args.endpoint_url:
        sys.stdout.write(run_load(args.endpoint_url, levels, args.calls))
        return 0
    from conformance.backends.reference_server import reference_server_process
    from conformance.emulator.abusebench import memory_report, trickle_report

    server = reference_server_process()
    url = server.start()
    try:
        sys.stdout.write(run_load(url, levels, args.calls))
        if server.pid is not None:  # the server's own memory and threads, read from /proc
            sys.stdout.write(memory_report(url, server.pid))
            sys.stdout.write(trickle_report(url, server.pid))
    finally:
        server.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""The served emulator in real time: unmodified clients and boto3's own waiters see work finish.

A client that only polls cannot move a virtual clock, so ``serve`` follows the wall clock and
shortens the emulator's asynchronous delays to ``--async-seconds``; the clock control still
jumps over long waits such as the 24-hour Region rule.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import boto3
import pytest
from botocore.config import Config

from conformance.backends.controls import HttpControls
from conformance.cli import main as cli_main
from conformance.clock import DEFAULT_ASYNC_SECONDS, VirtualClock, WallClock
from conformance.emulator import DEFAULT_DEFINITION
from conformance.emulator import server as server_module
from conformance.emulator.incidents import IncidentsService
from conformance.emulator.server import RunningServer, start_background
from conformance.emulator.timing import asynchronous_delays, describe_time, timed_emulator

ASYNC_SECONDS = 0.2
#: boto3's waiter configuration, shortened in delay only (MaxAttempts stays the default 5).
FAST_WAITER = {"Delay": 0.25}
DAY = 24 * 3600.0
ROLE = "AWSServiceRoleForIncidentManager"

_SESSION = boto3.session.Session(
    aws_access_key_id="AKIAIOSFODNN7EXAMPLE",
    aws_secret_access_key="secret",
    region_name="us-east-1",
)


def client(url: str, service: str) -> Any:
    return _SESSION.client(service, endpoint_url=url, config=Config(retries={"max_attempts": 1}))


@pytest.fixture(scope="module")
def running() -> Iterator[RunningServer]:
    with start_background(emulator=timed_emulator("real", ASYNC_SECONDS)) as server:
        yield server


@pytest.fixture
def url(running: RunningServer) -> str:
    running.emulator.reset()
    return running.url


# -- the served emulator, as a client sees it ---------------------------------------------------


def test_boto3_waiters_reach_active_and_deleted(url: str) -> None:
    incidents = client(url, "ssm-incidents")
    arn = incidents.create_replication_set(regions={"us-east-1": {}})["arn"]
    incidents.get_waiter("wait_for_replication_set_active").wait(arn=arn, WaiterConfig=FAST_WAITER)
    assert incidents.get_replication_set(arn=arn)["replicationSet"]["status"] == "ACTIVE"
    incidents.delete_replication_set(arn=arn)
    incidents.get_waiter("wait_for_replication_set_deleted").wait(arn=arn, WaiterConfig=FAST_WAITER)
    assert incidents.list_replication_sets()["replicationSetArns"] == []


def test_role_deletion_task_ends_within_async_seconds(url: str) -> None:
    iam = client(url, "iam")
    iam.create_service_linked_role(AWSServiceName="ssm-incidents.amazonaws.com")
    task = iam.delete_service_linked_role(RoleName=ROLE)["DeletionTaskId"]
    deadline = time.monotonic() + 10 * ASYNC_SECONDS
    status = "IN_PROGRESS"
    while status == "IN_PROGRESS" and time.monotonic() < deadline:
        time.sleep(ASYNC_SECONDS / 4)
        status = iam.get_service_linked_role_deletion_status(DeletionTaskId=task)["Status"]
    assert status == "SUCCEEDED"


def test_clock_control_jumps_over_the_24_hour_region_rule(url: str) -> None:
    incidents = client(url, "ssm-incidents")
    active = incidents.get_waiter("wait_for_replication_set_active")
    arn = incidents.create_replication_set(regions={"us-east-1": {}})["arn"]
    active.wait(arn=arn, WaiterConfig=FAST_WAITER)
    add = {"addRegionAction": {"regionName": "us-west-2"}}
    incidents.update_replication_set(arn=arn, actions=[add])
    active.wait(arn=arn, WaiterConfig=FAST_WAITER)
    remove = {"deleteRegionAction": {"regionName": "us-west-2"}}
    with pytest.raises(incidents.exceptions.ValidationException):
        incidents.update_replication_set(arn=arn, actions=[remove])

    controls = HttpControls.discover(url)
    assert controls is not None
    before = controls.now()
    assert controls.advance_clock(DAY + 3600) >= before + DAY + 3600
    assert controls.now() >= before + DAY + 3600

    incidents.update_replication_set(arn=arn, actions=[remove])
    active.wait(arn=arn, WaiterConfig=FAST_WAITER)
    regions = incidents.get_replication_set(arn=arn)["replicationSet"]["regionMap"]
    assert list(regions) == ["us-east-1"]


def test_now_follows_the_wall_clock_and_a_reset_keeps_it(url: str) -> None:
    controls = HttpControls.discover(url)
    assert controls is not None
    first = controls.now()
    time.sleep(0.05)
    assert controls.now() >= first + 0.05
    moved = controls.advance_clock(3600)
    assert moved >= first + 3600
    controls.reset()
    assert controls.now() >= moved


# -- the clock and the scaling, without a server -----------------------------------------------


class FakeTime:
    """Wall and monotonic time that a test moves by hand."""

    def __init__(self) -> None:
        self.wall = 1_800_000_000.0
        self.elapsed = 0.0

    def pass_(self, seconds: float) -> None:
        self.wall += seconds
        self.elapsed += seconds


def test_wall_clock_follows_elapsed_time_plus_jumps() -> None:
    fake = FakeTime()
    clock = WallClock(lambda: fake.wall, lambda: fake.elapsed)
    assert clock.now() == 1_800_000_000.0
    fake.pass_(2.5)
    assert clock.now() == 1_800_000_002.5
    assert clock.advance(100) == 1_800_000_102.5
    fake.pass_(1)
    assert clock.now() == 1_800_000_103.5
    with pytest.raises(ValueError):
        clock.advance(-1)


def test_wall_clock_never_goes_backwards() -> None:
    fake = FakeTime()
    clock = WallClock(lambda: fake.wall, lambda: fake.elapsed)
    clock.advance(50)
    fake.wall -= 3600  # the system clock is set back an hour
    fake.elapsed += 1
    clock.reset()
    clock.reset(VirtualClock.START)
    assert clock.now() == 1_800_000_051.0


def test_real_time_scales_asynchronous_delays_and_keeps_long_rules() -> None:
    emulator = timed_emulator("real", 0.5)
    assert isinstance(emulator.clock, WallClock)
    delays = asynchronous_delays(emulator)
    assert max(delays.values()) == pytest.approx(0.5)
    assert delays["incidents.CREATE_DELAY"] == pytest.approx(0.5)
    assert delays["definition.deletion_delay_seconds"] == pytest.approx(0.25)
    assert emulator.incidents.REGION_MINIMUM_AGE == DAY
    assert emulator.definition is emulator.roles.definition
    assert IncidentsService.CREATE_DELAY == 60.0
    assert DEFAULT_DEFINITION.deletion_delay_seconds == 30.0
    assert describe_time(emulator) == "real time: asynchronous changes take up to 0.5 s"


def test_real_time_by_default_and_virtual_on_request() -> None:
    real = timed_emulator()
    assert max(asynchronous_delays(real).values()) == pytest.approx(DEFAULT_ASYNC_SECONDS)
    virtual = timed_emulator("virtual")
    assert type(virtual.clock) is VirtualClock
    assert virtual.clock.now() == VirtualClock.START
    assert asynchronous_delays(virtual)["incidents.CREATE_DELAY"] == 60.0
    with pytest.raises(ValueError):
        timed_emulator("virtual", 1.0)


def test_pytest_fixture_keeps_virtual_time(incident_manager: Any) -> None:
    assert type(incident_manager.clock) is VirtualClock
    assert incident_manager.advance(120) == VirtualClock.START + 120


# -- the command line --------------------------------------------------------------------------


def one_sentence(stderr: str) -> str:
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].endswith("."), stderr
    assert "Traceback" not in stderr
    return lines[0]


@pytest.mark.parametrize(
    ("flags", "longest"), [((), DEFAULT_ASYNC_SECONDS), (("--async-seconds", "0.3"), 0.3)]
)
def test_serve_runs_in_real_time_by_default(
    flags: tuple[str, ...],
    longest: float,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    served: list[Any] = []

    class Interrupted:
        server_port = 5999

        def serve_forever(self) -> None:
            raise KeyboardInterrupt

        def server_close(self) -> None:
            return None

    def fake_make_server(host: str, port: int, app: Any, **kwargs: Any) -> Interrupted:
        served.append(app.emulator)
        return Interrupted()

    monkeypatch.setattr(server_module, "make_server", fake_make_server)
    assert cli_main(["serve", "--port", "0", *flags]) == 0
    (emulator,) = served
    assert isinstance(emulator.clock, WallClock)
    assert max(asynchronous_delays(emulator).values()) == pytest.approx(longest)
    assert f"real time: asynchronous changes take up to {longest:g} s" in capsys.readouterr().err


def test_negative_async_seconds_exits_2_with_one_sentence(cli: Any) -> None:
    result = cli("serve", "--async-seconds", "-1")
    assert result.returncode == 2, result.stderr
    assert "--async-seconds" in one_sentence(result.stderr)


@pytest.mark.parametrize("value", ["-0.5", "soon", "nan", "inf", ""])
def test_bad_async_seconds_is_one_sentence(value: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        cli_main(["serve", f"--async-seconds={value}"])
    assert exited.value.code == 2
    line = one_sentence(capsys.readouterr().err)
    assert "--async-seconds" in line and f"'{value}'" in line


def test_async_seconds_with_a_virtual_clock_is_one_sentence(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert cli_main(["serve", "--clock", "virtual", "--async-seconds", "1"]) == 2
    assert "--clock real" in one_sentence(capsys.readouterr().err)


def test_serve_help_explains_every_flag(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        cli_main(["serve", "--help"])
    assert exited.value.code == 0
    text = " ".join(capsys.readouterr().out.split())
    for flag in ("--host", "--port", "--clock", "--async-seconds"):
        assert flag in text
    assert "{real,virtual}" in text and "24-hour Region rule" in text


def test_async_seconds_0_makes_every_change_finish_by_the_next_request() -> None:
    """The README's recipe for waiters against ``serve``: ``--async-seconds 0``, so that a
    waiter's first look already sees the change finished, whatever its ``Delay``."""
    with start_background(emulator=timed_emulator("real", 0)) as server:
        incidents = client(server.url, "ssm-incidents")
        arn = incidents.create_replication_set(regions={"us-east-1": {}})["arn"]
        assert incidents.get_replication_set(arn=arn)["replicationSet"]["status"] == "ACTIVE"
        incidents.get_waiter("wait_for_replication_set_active").wait(
            arn=arn, WaiterConfig={"Delay": 1, "MaxAttempts": 1}
        )
        incidents.delete_replication_set(arn=arn)
        incidents.get_waiter("wait_for_replication_set_deleted").wait(
            arn=arn, WaiterConfig={"Delay": 1, "MaxAttempts": 1}
        )

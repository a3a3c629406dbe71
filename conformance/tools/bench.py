"""Benchmarks: wall time of full runs on every offline backend, and the served emulator under load.

The ``every-role`` section times the service-linked-roles specification: the whole of it on
the in-process reference emulator, the time per example, and the time for 10, 20, 40 and 71
services in one process, with the line that fits them; then the whole of it as ``run`` does it
by default, its services shared among one process per core (``conformance.workers``). Each run
also says what it cost: API calls, wall time against the time spent inside those calls, and the
time per call against its floor (a plain boto3 ``get_role`` on moto in process,
measured in this process). The ``costs`` section runs the suite 1, 2 and 4 times in one
process (time and peak memory per run should stay flat) and all the mutants, against one run.
Timing is measured here and printed, never asserted in tests. ``time.sleep`` is wrapped only
to *count* the real seconds the suite sleeps in this process; on emulators that must be zero
outside server start-up (every wait uses the backend's clock). The load section
(``conformance.emulator.loadbench``) drives the served emulator with 1 to 32 concurrent
clients and reports throughput, latency, lost updates and 5xx answers.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import botocore.client

from conformance.backends.registry import BackendOptions, parse_backend
from conformance.runner import run
from conformance.workers import default_jobs

OFFLINE = ("reference", "reference-server", "reference-eventual", "moto", "moto-server")


@contextmanager
def counting_sleep() -> Iterator[list[float]]:
    """Record every real sleep of this process while the block runs."""
    slept: list[float] = []
    real = time.sleep

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        real(seconds)

    time.sleep = sleep  # type: ignore[assignment]
    try:
        yield slept
    finally:
        time.sleep = real


@dataclass
class Calls:
    """API calls made through botocore while a block runs, and the seconds spent inside them."""

    count: int = 0
    seconds: float = 0.0


@contextmanager
def counting_calls() -> Iterator[Calls]:
    """Count every botocore API call of this process while the block runs, and time it."""
    calls = Calls()
    real = botocore.client.BaseClient._make_api_call

    def make_api_call(client: Any, operation: str, params: Any) -> Any:
        begin = time.perf_counter()
        try:
            return real(client, operation, params)
        finally:
            calls.seconds += time.perf_counter() - begin
            calls.count += 1

    botocore.client.BaseClient._make_api_call = make_api_call
    try:
        yield calls
    finally:
        botocore.client.BaseClient._make_api_call = real


def call_floor(batches: int = 7, samples: int = 50) -> float:
    """Seconds per plain boto3 ``get_role`` on moto in process: the floor of a call.

    The fastest of a few batches, so that a busy machine inflates the floor as little as it can.
    """
    from moto import mock_aws

    with mock_aws():
        return _fastest_get_role(_plain_iam(), batches, samples)


def _plain_iam() -> Any:
    """A plain boto3 IAM client, for moto's in-process mock (which must be active)."""
    import boto3

    return boto3.client(
        "iam",
        region_name="us-east-1",
        aws_access_key_id="AKIAIOSFODNN7EXAMPLE",
        aws_secret_access_key="floor",
    )


#: The goals the figures are reported against (targets to read, never test gates).
GOAL_CALLS = 700
GOAL_WALL_OVER_CALLS = 1.3
GOAL_CALL_OVER_FLOOR = 1.2
GOAL_MUTANTS_OVER_RUN = 3.0


def _fastest_get_role(iam: Any, batches: int, samples: int) -> float:
    iam.create_role(RoleName="floor", AssumeRolePolicyDocument="{}")
    _batch(iam, 20)
    return min(_batch(iam, samples) for _ in range(batches))


def _batch(iam: Any, samples: int) -> float:
    """Seconds per ``get_role`` of the role ``floor``, over one batch of ``samples`` calls."""
    begin = time.perf_counter()
    for _ in range(samples):
        iam.get_role(RoleName="floor")
    return (time.perf_counter() - begin) / samples


def emulator_call(rounds: int = 7, samples: int = 50) -> str:
    """The same ``get_role`` through the reference emulator in process, against the floor.

    Like for like: one operation, so the ratio is the emulator's own cost per call (its
    routing, request validation and the service-linked role's rules), not the suite's mix.
    The two are measured in alternating batches and compared round by round (the median of
    the rounds' ratios), so that a machine that speeds up or slows down meanwhile moves both.
    Each round's plain moto ends with ``mock_aws`` resetting moto, the emulator's IAM too, so
    each round creates its role again.
    """
    from moto import mock_aws

    backend = parse_backend("reference", BackendOptions())
    backend.start()
    emulated_iam = backend.client("iam")
    floors: list[float] = []
    emulated: list[float] = []
    try:
        for _ in range(rounds):
            with mock_aws():
                plain_iam = _plain_iam()
                plain_iam.create_role(RoleName="floor", AssumeRolePolicyDocument="{}")
                _batch(plain_iam, 10)
                floors.append(_batch(plain_iam, samples))
            emulated_iam.create_role(RoleName="floor", AssumeRolePolicyDocument="{}")
            _batch(emulated_iam, 10)
            emulated.append(_batch(emulated_iam, samples))
    finally:
        backend.stop()
    ratio = statistics.median(e / f for e, f in zip(emulated, floors, strict=True))
    return (
        f"GetRole through the reference emulator in process: {statistics.median(emulated) * 1000:.2f}"
        f" ms against {statistics.median(floors) * 1000:.2f} ms on plain moto; {ratio:.2f}x, the "
        f"median of {rounds} alternating rounds (goal at most {GOAL_CALL_OVER_FLOOR}x)"
    )


def bench(name: str, repeat: int, floor: float) -> str:
    backend = parse_backend(name, BackendOptions())
    started = time.perf_counter()
    backend.start()
    startup = time.perf_counter() - started
    walls: list[float] = []
    per_scenario: list[float] = []
    slept_total = 0.0
    costs: list[Calls] = []
    try:
        for _ in range(repeat):
            with counting_sleep() as slept, counting_calls() as calls:
                begin = time.perf_counter()
                result = run(backend)
                walls.append(time.perf_counter() - begin)
            slept_total += sum(slept)
            costs.append(calls)
            per_scenario.extend(s.duration for r in result.requirements for s in r.scenarios)
    finally:
        backend.stop()
    counts = result.counts()
    scenarios = sum(len(r.scenarios) for r in result.requirements)
    return (
        f"{name:<17} start {startup:6.2f} s | run median {statistics.median(walls):6.2f} s "
        f"(min {min(walls):.2f}, n={repeat}) | {scenarios} scenarios, median "
        f"{statistics.median(per_scenario) * 1000:.0f} ms | verdicts {counts} | "
        f"real sleep during runs {slept_total:.3f} s\n{'':<17} {_costs(costs[-1], walls[-1], floor)}"
    )


def _costs(calls: Calls, wall: float, floor: float) -> str:
    per_call = calls.seconds / max(calls.count, 1)
    return (
        f"last run: {calls.count} API calls (goal at most {GOAL_CALLS}) | wall "
        f"{wall / max(calls.seconds, 1e-9):.2f}x the time inside calls (goal at most "
        f"{GOAL_WALL_OVER_CALLS}x) | {per_call * 1000:.2f} ms per call of the run's mix, "
        f"{per_call / floor:.2f}x the floor ({floor * 1000:.2f} ms)"
    )


def repeated_runs(counts: tuple[int, ...] = (1, 2, 4)) -> list[str]:
    """The suite 1, 2 and 4 times in one process: seconds and peak memory growth per run."""
    lines = []
    backend = parse_backend("reference", BackendOptions())
    backend.start()
    try:
        for times in counts:
            before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
            begin = time.perf_counter()
            for _ in range(times):
                run(backend)
            per_run = (time.perf_counter() - begin) / times
            grown = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024 / times
            lines.append(
                f"reference x{times} in one process: {per_run:.2f} s per run, "
                f"peak memory +{grown:.1f} MiB per run (goal: flat from x1 to x4)"
            )
    finally:
        backend.stop()
    return lines


def mutants_cost() -> str:
    """All the mutants, against one full run on the reference emulator.

    A mutants run starts with a full run of the unmutated emulator (no mutant can be judged
    without it); the goal is read on the mutants after it, and the whole is shown beside.
    """
    from conformance.mutants import run_mutants

    matrix = run_mutants(None)
    mutants = matrix.total_seconds - matrix.reference_seconds
    one = matrix.reference_seconds
    return (
        f"mutants: {len(matrix.outcomes)} in {mutants:.1f} s after the reference run, "
        f"{mutants / one:.2f}x one full run ({one:.2f} s; goal at most "
        f"{GOAL_MUTANTS_OVER_RUN}x); {matrix.total_seconds:.1f} s with the reference run, "
        f"{matrix.total_seconds / one:.2f}x"
    )


#: The service-linked-roles specification's goal on the in-process reference emulator.
GOAL_EVERY_ROLE_SECONDS = 20.0
SERVICE_COUNTS = (10, 20, 40, 71)


def _fit(points: list[tuple[int, float]]) -> tuple[float, float]:
    """The least-squares line through ``points``: (seconds at no service, seconds a service)."""
    mean_x = statistics.mean(x for x, _ in points)
    mean_y = statistics.mean(y for _, y in points)
    slope = sum((x - mean_x) * (y - mean_y) for x, y in points) / sum(
        (x - mean_x) ** 2 for x, _ in points
    )
    return mean_y - slope * mean_x, slope


def every_role() -> list[str]:
    """The service-linked-roles specification on the in-process reference emulator: parsing
    its feature files, the whole specification, the time per example, and how the time grows
    with the number of services (their first 10, 20, 40 and all 71, by principal)."""
    from behave.parser import parse_file

    from conformance import specs
    from conformance.runner import RunOptions, Selection

    spec = specs.get("service-linked-roles")
    begin = time.perf_counter()
    for path in sorted(spec.features.glob("*.feature")):
        parse_file(str(path))
    parsed = time.perf_counter() - begin
    principals = spec.services()
    backend = parse_backend("reference", BackendOptions())
    backend.start()
    lines = [f"service-linked-roles: behave parses its feature files in {parsed:.2f} s"]
    points: list[tuple[int, float]] = []
    cpu_points: list[tuple[int, float]] = []
    try:
        # One service first, not counted: the first run of a process loads the step modules.
        run(backend, RunOptions(spec=spec.name, selection=Selection(services=principals[:1])))
        for count in SERVICE_COUNTS:
            chosen = () if count >= len(principals) else principals[:count]
            options = RunOptions(spec=spec.name, selection=Selection(services=chosen))
            with counting_calls() as calls:
                begin, cpu = time.perf_counter(), time.process_time()
                result = run(backend, options)
                wall, cpu = time.perf_counter() - begin, time.process_time() - cpu
            examples = sum(len(r.scenarios) for r in result.requirements)
            services = min(count, len(principals))
            points.append((services, wall))
            cpu_points.append((services, cpu))
            lines.append(
                f"service-linked-roles, {services} services: {wall:6.2f} s ({cpu:.2f} s of CPU), "
                f"{examples} examples, {wall / examples * 1000:.1f} ms an example, "
                f"{calls.count} API calls, verdicts {result.counts()}"
            )
        # What 'run' does by default: the services shared among one process per core.
        jobs = default_jobs()
        begin = time.perf_counter()
        shared = run(backend, RunOptions(spec=spec.name, jobs=jobs))
        shared_wall = time.perf_counter() - begin
    finally:
        backend.stop()
    fixed, per_service = _fit(points)
    cpu_fixed, cpu_per_service = _fit(cpu_points)
    lines.append(
        f"service-linked-roles: the whole specification in one process in {points[-1][1]:.2f} s, "
        f"{cpu_points[-1][1]:.2f} s of CPU; {per_service:.3f} s a service over {fixed:.2f} s "
        f"({cpu_per_service:.3f} s of CPU a service over {cpu_fixed:.2f} s), least squares over "
        f"{', '.join(str(n) for n, _ in points)} services"
    )
    lines.append(
        f"service-linked-roles: the whole specification shared among {jobs} processes (the "
        f"default of 'run' on {jobs} cores) in {shared_wall:.2f} s (goal at most "
        f"{GOAL_EVERY_ROLE_SECONDS:.0f} s), verdicts {shared.counts()}"
    )
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", action="append", choices=OFFLINE)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--section",
        action="append",
        choices=("runs", "every-role", "costs", "load"),
        help="run only this section (repeatable; default: all)",
    )
    args = parser.parse_args(argv)
    sections = args.section or ["runs", "every-role", "costs", "load"]
    if "runs" in sections:
        sys.stdout.write(emulator_call() + "\n")
        floor = call_floor()
        for name in args.backend or OFFLINE:
            sys.stdout.write(bench(name, args.repeat, floor) + "\n")
            sys.stdout.flush()
    if "every-role" in sections:
        for line in every_role():
            sys.stdout.write(line + "\n")
            sys.stdout.flush()
    if "costs" in sections:
        for line in [*repeated_runs(), mutants_cost()]:
            sys.stdout.write(line + "\n")
            sys.stdout.flush()
    if "load" in sections:
        from conformance.emulator import loadbench

        loadbench.main([])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Benchmarks: wall time of full runs on every offline backend, and the served emulator under load.

Timing is measured here and printed, never asserted in tests. ``time.sleep`` is wrapped only
to *count* the real seconds the suite sleeps in this process; on emulators that must be zero
outside server start-up (every wait uses the backend's clock). The load section
(``conformance.emulator.loadbench``) drives the served emulator with 1 to 32 concurrent
clients and reports throughput, latency, lost updates and 5xx answers.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager

from conformance.backends.registry import BackendOptions, parse_backend
from conformance.runner import run

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


def bench(name: str, repeat: int) -> str:
    backend = parse_backend(name, BackendOptions())
    started = time.perf_counter()
    backend.start()
    startup = time.perf_counter() - started
    walls: list[float] = []
    per_scenario: list[float] = []
    slept_total = 0.0
    try:
        for _ in range(repeat):
            with counting_sleep() as slept:
                begin = time.perf_counter()
                result = run(backend)
                walls.append(time.perf_counter() - begin)
            slept_total += sum(slept)
            per_scenario.extend(s.duration for r in result.requirements for s in r.scenarios)
    finally:
        backend.stop()
    counts = result.counts()
    scenarios = sum(len(r.scenarios) for r in result.requirements)
    return (
        f"{name:<17} start {startup:6.2f} s | run median {statistics.median(walls):6.2f} s "
        f"(min {min(walls):.2f}, n={repeat}) | {scenarios} scenarios, median "
        f"{statistics.median(per_scenario) * 1000:.0f} ms | verdicts {counts} | "
        f"real sleep during runs {slept_total:.3f} s"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", action="append", choices=OFFLINE)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--section",
        action="append",
        choices=("runs", "load"),
        help="run only this section (repeatable; default: both)",
    )
    args = parser.parse_args(argv)
    sections = args.section or ["runs", "load"]
    if "runs" in sections:
        for name in args.backend or OFFLINE:
            sys.stdout.write(bench(name, args.repeat) + "\n")
            sys.stdout.flush()
    if "load" in sections:
        from conformance.emulator import loadbench

        loadbench.main([])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

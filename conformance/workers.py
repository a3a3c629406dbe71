"""Sharing a specification's services among processes, on the cores the machine has.

A specification with examples per service (service-linked-roles: 71 services, 751 scenarios)
spends its time in requests to the implementation, and one Python process uses one core. When
the backend's whole state lives in this process (``Backend.process_local``: the reference
emulator or moto, in process), ``fork`` gives each worker a copy of it that nothing else
touches. Each worker runs the examples of its share of the services through the same runner;
every scenario starts from a reset, so a scenario meets the state it meets in one process and
gets the same verdict (only the eventually consistent emulator's draw of which request to
throttle runs on in each worker, and the suite tolerates throttling wherever it falls). The
parent hands on each scenario's result as it arrives and puts them back in the order one
process would have run them.

Everything else runs in one process: a live account, a served emulator (its state is shared by
every client), a recording or a replay, a backend that cannot reset, a process with other
threads, and a selection with any scenario that names no service.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import traceback
from collections.abc import Callable, Sequence
from dataclasses import replace
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import TYPE_CHECKING, Any

from behave.parser import parse_file
from behave.runner_util import collect_feature_locations
from behave.tag_expression import make_tag_expression

from conformance.backends.base import RESET, Backend
from conformance.errors import ConfigurationError, WorkerStopped
from conformance.results.model import ScenarioResult
from conformance.specs import SERVICE_TAG

if TYPE_CHECKING:
    from conformance.catalogue import Catalogue
    from conformance.runner import RunOptions

Collected = list[tuple[list[str], ScenarioResult]]
Collect = Callable[
    [Backend, "RunOptions", "Catalogue", Callable[[ScenarioResult], None] | None], Collected
]


#: How a sentence about a worker that stopped ends.
ONE_PROCESS = "'--jobs 1' runs everything in one process."
#: The most processes ``run`` starts by default, whatever the machine: each holds a copy of
#: the emulator, and beyond a few the fork and the merge cost more than they save.
DEFAULT_MOST = 8


def available_cores() -> int:
    """The cores this process may use: those it may run on, fewer when its control group's
    CPU quota (cgroup v2 ``cpu.max``, as containers set it) allows less."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not every platform can tell
        cores = os.cpu_count() or 1
    quota = _cgroup_quota(Path("/sys/fs/cgroup/cpu.max"))
    return max(1, min(cores, quota)) if quota is not None else cores


def _cgroup_quota(path: Path) -> int | None:
    """The whole CPUs a cgroup v2 quota allows (rounded up), or ``None`` without a quota."""
    try:
        quota, period = path.read_text(encoding="ascii").split()[:2]
        return -(-int(quota) // int(period))
    except (OSError, ValueError):  # no such file, "max" (no quota), or not numbers
        return None


def default_jobs() -> int:
    """What ``run`` uses without ``--jobs``: one process per core, at most ``DEFAULT_MOST``."""
    return min(available_cores(), DEFAULT_MOST)


def shares(
    backend: Backend, options: RunOptions, catalogue: Catalogue, paths: Sequence[str]
) -> list[tuple[str, ...]]:
    """The services each worker runs, or none when the run stays in this process.

    ``paths`` are what behave is given (a folder, or the selected requirements' files).
    Services go to the least loaded worker, largest first, by their number of selected
    examples, so that the workers end at about the same time.
    """
    from conformance import specs

    if options.jobs < 2 or not specs.get(options.spec).per_service or not _forkable(backend):
        return []
    expression = options.selection.expression(catalogue)
    matcher = make_tag_expression(expression) if expression else None
    load: dict[str, int] = {}
    try:
        features = [parse_file(location.filename) for location in _locations(paths)]
    except Exception:  # a file behave cannot read: one process reports it as it always has
        return []
    for feature in features:
        for scenario in feature.walk_scenarios() if feature is not None else ():
            tags = {str(t) for t in scenario.effective_tags}
            if matcher is not None and not matcher.check(tags):
                continue
            named = [t.removeprefix(SERVICE_TAG) for t in tags if t.startswith(SERVICE_TAG)]
            if len(named) != 1:
                return []  # a scenario of no service, or of several: it cannot be given to one
            load[named[0]] = load.get(named[0], 0) + 1
    jobs = min(options.jobs, len(load))
    if jobs < 2:
        return []
    buckets: list[list[str]] = [[] for _ in range(jobs)]
    totals = [0] * jobs
    for service in sorted(load, key=lambda s: (-load[s], s)):
        emptiest = totals.index(min(totals))
        buckets[emptiest].append(service)
        totals[emptiest] += load[service]
    return [tuple(sorted(bucket)) for bucket in buckets]


def _locations(paths: Sequence[str]) -> list[Any]:
    """The feature files behave runs for ``paths``, in the order it runs them (it walks a
    folder itself, following links, each folder's files before its subfolders)."""
    found: list[Any] = collect_feature_locations(list(paths))
    return found


def _forkable(backend: Backend) -> bool:
    """Whether a forked copy of ``backend`` is an implementation of its own.

    Asked of the backend's class, so that a wrapper that hands on what it does not know
    (a recording) is never taken for the backend it wraps.
    """
    from conformance.listening import ScenarioListener

    if backend.live or not getattr(type(backend), "process_local", False):
        return False
    if isinstance(backend, ScenarioListener):
        return False
    controls = backend.controls
    if controls is None or RESET not in controls.capabilities:
        return False
    # fork copies only the thread that calls it: a lock another thread held at that moment
    # would stay held in the copy for ever, so a process with other threads never forks.
    return "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1


def collect(
    backend: Backend,
    options: RunOptions,
    catalogue: Catalogue,
    services: Sequence[tuple[str, ...]],
    *,
    paths: Sequence[str],
    run_here: Collect,
) -> Collected:
    """Run each share of ``services`` in a worker process through ``run_here``, the runner of
    one process, and gather what they found in the order one process would have."""
    context = multiprocessing.get_context("fork")
    running: dict[Connection, Any] = {}
    try:
        for share in services:
            mine = replace(
                options,
                selection=replace(options.selection, services=share),
                on_scenario=None,
                on_shared=None,
                jobs=1,
            )
            reader, writer = context.Pipe(duplex=False)
            worker = context.Process(
                target=_work, args=(writer, backend, mine, catalogue, run_here), daemon=True
            )
            try:
                worker.start()
            except OSError as exc:
                raise WorkerStopped(
                    f"A worker process could not be started ({exc.strerror or exc}); " + ONE_PROCESS
                ) from None
            running[reader] = worker
            writer.close()  # the worker's end: once it ends, reading says so
        collected = _gather(running, options.on_scenario)
    finally:
        for worker in running.values():
            if worker.is_alive():
                worker.terminate()
            worker.join()
    return sorted(collected, key=_order(paths))


def _work(
    writer: Connection,
    backend: Backend,
    options: RunOptions,
    catalogue: Catalogue,
    run_here: Collect,
) -> None:
    """In the worker: run the share, sending each result as it ends, then ``done``."""
    try:
        found = run_here(backend, options, catalogue, lambda r: writer.send(("scenario", r)))
        writer.send(("done", found))
    except ConfigurationError as exc:
        writer.send(("refused", str(exc)))
    except KeyboardInterrupt:
        writer.send(("refused", "Interrupted"))
    except BaseException as exc:  # a defect of the suite: the parent says so in one sentence
        writer.send(("crashed", "".join(traceback.format_exception_only(exc)).strip()))
    finally:
        writer.close()


def _gather(
    running: dict[Connection, Any], on_scenario: Callable[[ScenarioResult], None] | None
) -> Collected:
    """What the workers found: each result is handed on as it comes, and each worker's whole
    list (requirement tags and result) arrives when it is done."""
    pending = set(running)
    collected: Collected = []
    while pending:
        for reader in wait(list(pending)):
            assert isinstance(reader, Connection)
            try:
                kind, payload = reader.recv()
            except EOFError:  # it closed its end without a word: it has ended, or is ending
                worker = running[reader]
                worker.join(timeout=10)
                code = worker.exitcode
                raise WorkerStopped(
                    f"A worker process stopped before it finished (exit code {code}); "
                    + ONE_PROCESS
                ) from None
            if kind == "scenario":
                if on_scenario is not None:
                    on_scenario(payload)
            elif kind == "done":
                collected.extend(payload)
                pending.discard(reader)
            elif kind == "refused":
                if payload == "Interrupted":
                    raise KeyboardInterrupt
                raise ConfigurationError(payload)
            else:
                raise WorkerStopped(f"A worker process failed ({payload}); {ONE_PROCESS}")
    return collected


def _order(paths: Sequence[str]) -> Callable[[tuple[list[str], ScenarioResult]], tuple[int, int]]:
    """The place of a scenario in the run of one process: its feature file's place among those
    behave runs for ``paths``, then its line."""
    files: dict[str, int] = {}
    for location in _locations(paths):
        files.setdefault(os.path.realpath(location.filename), len(files))

    def place(entry: tuple[list[str], ScenarioResult]) -> tuple[int, int]:
        filename, _, line = entry[1].location.rpartition(":")
        return files.get(os.path.realpath(filename), len(files)), int(line or 0)

    return place

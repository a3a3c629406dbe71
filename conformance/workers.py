"""Sharing a specification's services among processes, on the cores the machine has.

A specification with examples per service (service-linked-roles: 71 services, 751 scenarios)
spends its time in requests to the implementation, and one Python process uses one core. When
the backend's whole state lives in this process (``Backend.process_local``: the reference
emulator or moto, in process), ``fork`` gives each worker a copy of it that nothing else
touches. Each worker runs the examples of its share of the services through the same runner;
every scenario starts from a reset, so a scenario meets the same state as in one process and
gets the same verdict. The parent hands on each scenario's result as it arrives and puts them
back in the order one process would have run them.

Everything else runs in one process: a live account, a served emulator (its state is shared by
every client), a recording or a replay, a backend that cannot reset, and a selection with any
scenario that names no service.
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


def available_cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not every platform can tell
        return os.cpu_count() or 1


def shares(
    backend: Backend, options: RunOptions, catalogue: Catalogue, features: Path
) -> list[tuple[str, ...]]:
    """The services each worker runs, or none when the run stays in this process.

    Services go to the least loaded worker, largest first, by their number of selected
    examples, so that the workers end at about the same time.
    """
    if options.jobs < 2 or not _forkable(backend):
        return []
    from conformance.speccheck import parse_features, scenarios

    expression = options.selection.expression(catalogue)
    matcher = make_tag_expression(expression) if expression else None
    load: dict[str, int] = {}
    for ref in scenarios(parse_features(features)):
        if matcher is not None and not matcher.check(ref.tags):
            continue
        named = [t.removeprefix(SERVICE_TAG) for t in ref.tags if t.startswith(SERVICE_TAG)]
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
    services: Sequence[tuple[str, ...]],
    features: Path,
    run_here: Collect,
) -> Collected:
    """Run each share of ``services`` in a worker process through ``run_here``, the runner of
    one process, and gather what they found in the order one process would have."""
    from conformance.catalogue import load_catalogue

    catalogue = load_catalogue(options.spec)
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
            worker.start()
            writer.close()
            running[reader] = worker
        collected = _gather(running, options.on_scenario)
    finally:
        for worker in running.values():
            if worker.is_alive():
                worker.terminate()
            worker.join()
    return sorted(collected, key=_order(features))


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
                    "'--jobs 1' runs everything in one process."
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
                raise WorkerStopped(
                    f"A worker process failed ({payload}); '--jobs 1' runs everything in one "
                    "process."
                )
    return collected


def _order(features: Path) -> Callable[[tuple[list[str], ScenarioResult]], tuple[int, int]]:
    """The place of a scenario in the run of one process: behave takes a folder's feature
    files walking it top-down, each folder's files before its subfolders, both sorted by
    name, and runs the scenarios of a file from its top."""
    files: dict[str, int] = {}
    for folder, subfolders, names in os.walk(features, followlinks=True):
        subfolders.sort()
        for name in sorted(names):
            if name.endswith(".feature"):
                files.setdefault(os.path.realpath(os.path.join(folder, name)), len(files))

    def place(entry: tuple[list[str], ScenarioResult]) -> tuple[int, int]:
        filename, _, line = entry[1].location.rpartition(":")
        return files.get(os.path.realpath(filename), len(files)), int(line or 0)

    return place

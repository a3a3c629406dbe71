"""Sharing a specification's services among processes gives the verdicts, and the order, of
one process; a run that cannot be shared safely stays in one process; a worker that stops is
said in one sentence."""

from __future__ import annotations

import importlib
import json
import os
from pathlib import Path
from typing import Any

import pytest
from conftest import run_cli

from conformance import specs, workers
from conformance.backends import parse_backend
from conformance.backends.registry import default_registry
from conformance.catalogue import load_catalogue
from conformance.errors import ConfigurationError, WorkerStopped
from conformance.runner import RunOptions, Selection
from conformance.speccheck import parse_features, scenarios

SPEC = specs.get("service-linked-roles")
#: Two of the sample's services (which run every rule) and three others, one of them accepting a
#: custom suffix (lex), so that the shares differ in size.
FEW = (
    "autoscaling.amazonaws.com",
    "batch.amazonaws.com",
    "ecs.amazonaws.com",
    "lex.amazonaws.com",
    "rds.amazonaws.com",
)


def _options(jobs: int = 2, services: tuple[str, ...] = FEW, **more: Any) -> RunOptions:
    return RunOptions(spec=SPEC.name, selection=Selection(services=services), jobs=jobs, **more)


def _picture(collected: list[tuple[list[str], Any]]) -> list[tuple[Any, ...]]:
    """What a verdict is made of, without what differs from run to run (times, random IDs)."""
    return [(tuple(t), r.location, r.name, r.outcome, r.failing_step) for t, r in collected]


def test_the_few_services_are_recorded_ones() -> None:
    assert set(FEW) <= set(SPEC.services())


def test_services_are_shared_by_their_number_of_examples() -> None:
    backend = parse_backend("reference")
    catalogue = load_catalogue(SPEC.name)
    shares = workers.shares(backend, _options(services=()), catalogue, SPEC.features)
    assert len(shares) == 2
    assert sorted(s for share in shares for s in share) == sorted(SPEC.services())
    per_service: dict[str, int] = {}
    for ref in scenarios(parse_features(SPEC.features)):
        (service,) = [t.removeprefix(specs.SERVICE_TAG) for t in ref.tags if t.startswith("serv")]
        per_service[service] = per_service.get(service, 0) + 1
    loads = [sum(per_service.get(s, 0) for s in share) for share in shares]
    assert abs(loads[0] - loads[1]) <= max(per_service.values())


@pytest.mark.parametrize(
    ("backend", "options"),
    [
        ("reference", _options(jobs=1)),  # asked for one process
        ("reference", _options(services=("batch.amazonaws.com",))),  # one service to share
        ("reference", RunOptions(jobs=2)),  # Incident Manager's scenarios name no service
    ],
)
def test_a_run_that_has_nothing_to_share_stays_in_one_process(
    backend: str, options: RunOptions
) -> None:
    spec = specs.get(options.spec)
    found = workers.shares(
        parse_backend(backend), options, load_catalogue(spec.name), spec.features
    )
    assert found == []


def test_only_backends_whose_state_lives_in_the_process_are_shared() -> None:
    forkable = set()
    for name, entry in default_registry().items():
        module, _, attribute = entry.factory.partition(":")
        if getattr(getattr(importlib.import_module(module), attribute), "process_local", False):
            forkable.add(name)
    assert forkable == {"reference", "reference-eventual", "moto"}


def test_a_recording_is_never_taken_for_the_backend_it_wraps(tmp_path: Path) -> None:
    from conformance.cassette.recording import Recorder, RecordingBackend

    inner = parse_backend("reference")
    inner.start()
    wrapped = RecordingBackend(inner, Recorder.__new__(Recorder))
    assert workers.shares(inner, _options(), load_catalogue(SPEC.name), SPEC.features)
    assert workers.shares(wrapped, _options(), load_catalogue(SPEC.name), SPEC.features) == []


def _refusing(*_: Any) -> Any:
    raise ConfigurationError("The features folder /nowhere does not exist.")


def _broken(*_: Any) -> Any:
    raise KeyError("a defect of the suite")


def _dying(*_: Any) -> Any:
    os._exit(3)


def test_a_worker_refusing_the_run_is_the_same_one_sentence() -> None:
    with pytest.raises(ConfigurationError, match="/nowhere does not exist"):
        workers.collect(object(), _options(), [("a",), ("b",)], SPEC.features, _refusing)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("work", "said"), [(_broken, r"KeyError: 'a defect of the suite'"), (_dying, "exit code 3")]
)
def test_a_worker_that_stops_is_said_in_one_sentence(work: Any, said: str) -> None:
    with pytest.raises(WorkerStopped, match=said):
        workers.collect(object(), _options(), [("a",), ("b",)], SPEC.features, work)  # type: ignore[arg-type]


def test_shared_among_workers_moto_gets_the_verdicts_and_order_of_one_process(
    tmp_path: Path,
) -> None:
    """moto fails most rules, so failures and their failing steps cross the processes too.

    Through the command, in a process of its own as a user runs it: a test process may have
    other threads, and then nothing is shared.
    """
    chosen = [arg for service in FEW[1:4] for arg in ("--service", service)]
    pictures = []
    for jobs in ("1", "2"):
        out = tmp_path / jobs
        done = run_cli(
            "run", "--spec", SPEC.name, "--backend", "moto", *chosen, "--jobs", jobs,
            "--output", str(out),
        )  # fmt: skip
        assert done.returncode == 1, done.stderr  # moto fails some requirements
        assert ("shared among 2 processes" in done.stderr) == (jobs == "2")
        found = json.loads((out / "results.json").read_text(encoding="utf-8"))
        pictures.append(
            [
                (r["id"], r["verdict"], [(s["location"], s["outcome"], s["failing_step"])
                                         for s in r["scenarios"]])
                for r in found["requirements"]
            ]
        )  # fmt: skip
    assert pictures[0] == pictures[1]
    outcomes = {s[1] for _, _, scenarios in pictures[0] for s in scenarios}
    assert outcomes >= {"passed", "failed"}


@pytest.mark.parametrize("given", ["0", "two", "-1"])
def test_jobs_must_be_a_whole_number_above_zero(cli: Any, given: str) -> None:
    done = cli("run", "--spec", SPEC.name, "--jobs", given)
    assert done.returncode == 2
    assert "is not a whole number of processes above 0" in done.stderr
    assert "Traceback" not in done.stderr

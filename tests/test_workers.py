"""Sharing a specification's services among processes gives the verdicts, and the order, of
one process; a run that cannot be shared safely stays in one process; a worker that stops is
said in one sentence."""

from __future__ import annotations

import importlib
import json
import os
import shutil
import threading
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
WHOLE = [str(SPEC.features)]
CATALOGUE = load_catalogue(SPEC.name)
#: Two of the sample's services (which run every rule) and three others, one of them accepting a
#: custom suffix (lex), so that the shares differ in size.
FEW = (
    "autoscaling.amazonaws.com",
    "batch.amazonaws.com",
    "ecs.amazonaws.com",
    "lex.amazonaws.com",
    "rds.amazonaws.com",
)


@pytest.fixture
def one_thread(monkeypatch: pytest.MonkeyPatch) -> None:
    """How the services are shared is under test, not the rule that a process with other
    threads never forks (a test process may have them): the process counts as one thread."""
    monkeypatch.setattr(workers.threading, "active_count", lambda: 1)


def _options(jobs: int = 2, services: tuple[str, ...] = FEW, **more: Any) -> RunOptions:
    return RunOptions(spec=SPEC.name, selection=Selection(services=services), jobs=jobs, **more)


def _shares(backend: Any, options: RunOptions, paths: list[str] = WHOLE) -> list[Any]:
    return workers.shares(backend, options, load_catalogue(options.spec), paths)


def test_the_few_services_are_recorded_ones() -> None:
    assert set(FEW) <= set(SPEC.services())


def test_services_are_shared_by_their_number_of_examples(one_thread: None) -> None:
    shares = _shares(parse_backend("reference"), _options(services=()))
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
        ("moto-server", _options()),  # served: every client shares its state
    ],
)
def test_a_run_that_has_nothing_to_share_stays_in_one_process(
    one_thread: None, backend: str, options: RunOptions
) -> None:
    assert _shares(parse_backend(backend), options) == []


def test_a_process_with_other_threads_never_forks() -> None:
    backend = parse_backend("reference")
    release = threading.Event()
    other = threading.Thread(target=release.wait)
    other.start()
    try:
        assert _shares(backend, _options()) == []
    finally:
        release.set()
        other.join()


def test_a_scenario_of_no_service_behind_a_linked_folder_keeps_the_run_in_one_process(
    one_thread: None, tmp_path: Path
) -> None:
    """behave follows a linked folder, so the shares are made from the files behave runs."""
    features = tmp_path / "features"
    shutil.copytree(SPEC.features, features)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "extra.feature").write_text(
        "Feature: Extra\n  @IAM-OVR-01\n  Rule: One\n    Scenario: of no service\n"
        "      Given IAM permission checks are enforced\n",
        encoding="utf-8",
    )
    backend = parse_backend("reference")
    assert _shares(backend, _options(), [str(features)])
    (features / "linked").symlink_to(elsewhere, target_is_directory=True)
    assert _shares(backend, _options(services=()), [str(features)]) == []


def test_only_backends_whose_state_lives_in_the_process_are_shared() -> None:
    forkable = set()
    for name, entry in default_registry().items():
        module, _, attribute = entry.factory.partition(":")
        if getattr(getattr(importlib.import_module(module), attribute), "process_local", False):
            forkable.add(name)
    assert forkable == {"reference", "reference-eventual", "moto"}


def test_a_recording_is_never_taken_for_the_backend_it_wraps(one_thread: None) -> None:
    from conformance.cassette.recording import Recorder, RecordingBackend

    inner = parse_backend("reference")
    inner.start()
    wrapped = RecordingBackend(inner, Recorder.__new__(Recorder))
    assert _shares(inner, _options())
    assert _shares(wrapped, _options()) == []


@pytest.mark.parametrize(
    ("text", "cores"),
    [("max 100000", None), ("150000 100000", 2), ("200000 100000", 2), ("x", None)],
)
def test_a_containers_cpu_quota_is_read_in_whole_cores(
    tmp_path: Path, text: str, cores: int | None
) -> None:
    quota = tmp_path / "cpu.max"
    quota.write_text(text + "\n", encoding="ascii")
    assert workers._cgroup_quota(quota) == cores
    assert workers._cgroup_quota(tmp_path / "absent") is None
    assert 1 <= workers.default_jobs() <= workers.DEFAULT_MOST


def _refusing(*_: Any) -> Any:
    raise ConfigurationError("The features folder /nowhere does not exist.")


def _broken(*_: Any) -> Any:
    raise KeyError("a defect of the suite")


def _dying(*_: Any) -> Any:
    os._exit(3)


def test_a_worker_refusing_the_run_is_the_same_one_sentence() -> None:
    with pytest.raises(ConfigurationError, match="/nowhere does not exist"):
        workers.collect(
            object(), _options(), CATALOGUE, [("a",), ("b",)], paths=WHOLE, run_here=_refusing
        )  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("work", "said"), [(_broken, r"KeyError: 'a defect of the suite'"), (_dying, "exit code 3")]
)
def test_a_worker_that_stops_is_said_in_one_sentence(work: Any, said: str) -> None:
    with pytest.raises(WorkerStopped, match=said):
        workers.collect(
            object(), _options(), CATALOGUE, [("a",), ("b",)], paths=WHOLE, run_here=work
        )  # type: ignore[arg-type]


def test_a_run_that_could_not_finish_exits_3_with_one_sentence(
    cli: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    def stopped(*_: Any, **__: Any) -> Any:
        raise WorkerStopped("A worker process stopped before it finished (exit code -9).")

    monkeypatch.setattr("conformance.commands.run_suite", stopped)
    done = cli("run", "--spec", SPEC.name, "--output", str(tmp_path))
    assert done.returncode == 3
    assert done.stderr.strip().endswith("(exit code -9).")
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "results.json").exists()


def _nested(tmp_path: Path) -> Path:
    """The specification's feature files, and in a subfolder a file that repeats the rule of
    IAM-CRT-02: behave runs a folder's files before its subfolders', but the files named by
    ``--requirement`` in the order given (the subfolder's first)."""
    features = tmp_path / "nested"
    shutil.copytree(SPEC.features, features)
    text = (features / "creating.feature").read_text(encoding="utf-8")
    rule = text[text.index("  @IAM-CRT-02") : text.index("  @IAM-CRT-03")]
    (features / "a").mkdir()
    (features / "a" / "again.feature").write_text(
        "Feature: Creating a service-linked role, again\n\n" + rule, encoding="utf-8"
    )
    return features


@pytest.mark.parametrize(
    "selection",
    [
        ["--service", FEW[1], "--service", FEW[2], "--service", FEW[3]],
        [
            "--service", FEW[1], "--service", FEW[2], "--requirement", "IAM-CRT-02",
            "--requirement", "IAM-EDT-02", "--requirement", "IAM-OVR-03",
            "--tags", "not @evidence.observed-duplicate", "--features", "{nested}",
        ],
    ],
    ids=["services", "requirements-tags-nested-folder"],
)  # fmt: skip
def test_shared_among_workers_moto_gets_the_verdicts_and_order_of_one_process(
    tmp_path: Path, selection: list[str]
) -> None:
    """moto fails most rules, so failures and their failing steps cross the processes too.

    Through the command, in a process of its own as a user runs it: a test process may have
    other threads, and then nothing is shared.
    """
    nested = _nested(tmp_path)
    chosen = [arg.format(nested=nested) for arg in selection]
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
        picture = [
            (r["id"], r["verdict"], [(s["location"], s["outcome"], s["failing_step"])
                                     for s in r["scenarios"]])
            for r in found["requirements"]
        ]  # fmt: skip
        ran = sum(len(scenarios) for _, _, scenarios in picture)
        assert f" {ran} scenarios" in done.stderr  # every result reached the progress line
        pictures.append(picture)
    assert pictures[0] == pictures[1]
    outcomes = {s[1] for _, _, scenarios in pictures[0] for s in scenarios}
    assert outcomes >= {"passed", "failed"}


@pytest.mark.parametrize("given", ["0", "two", "-1"])
def test_jobs_must_be_a_whole_number_above_zero(cli: Any, given: str) -> None:
    done = cli("run", "--spec", SPEC.name, "--jobs", given)
    assert done.returncode == 2
    assert "is not a whole number of processes above 0" in done.stderr
    assert "Traceback" not in done.stderr

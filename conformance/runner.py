"""Runs the specification with behave, in process, and turns what happened into verdicts.

A scenario *fails* when the implementation answered against the specification (an
``AssertionError``, which ``ImplementationFailure`` is); any other exception is an *error* of
the suite itself. The two are never mixed.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from behave.configuration import Configuration
from behave.exception import ConfigError as BehaveConfigError
from behave.model_type import Status
from behave.parser import ParserError
from behave.tag_expression import make_tag_expression

from conformance import specs, workers
from conformance.backends.base import Backend
from conformance.backends.common import botocore_version
from conformance.behaverunner import SpecRunner
from conformance.catalogue import Catalogue, load_catalogue, requirement_tags
from conformance.errors import ConfigurationError, ImplementationFailure
from conformance.listening import ListeningRunner, ScenarioListener
from conformance.live.regions import regions_named
from conformance.live.runid import check_run_id, new_run_id
from conformance.live.session import LiveOptions, LiveRun
from conformance.results.model import (
    BackendInfo,
    Outcome,
    RunInfo,
    RunResult,
    ScenarioResult,
    verdict_for,
)
from conformance.specfiles import features_dir, files_naming, portable
from conformance.specfiles import spec_digest as specification_digest
from conformance.suggest import did_you_mean

ROOT = Path(__file__).resolve().parent.parent
#: The default specification's features (``features/incident-manager/`` of the checkout, or the
#: copy an installed wheel carries; ``conformance.specfiles``).
FEATURES_DIR = features_dir()


@dataclass(frozen=True)
class Selection:
    tags: str | None = None
    requirements: tuple[str, ...] = ()
    #: Service principals whose examples to run (``--service``); checked by the command line.
    services: tuple[str, ...] = ()

    def expression(self, catalogue: Catalogue) -> str | None:
        unknown = [r for r in self.requirements if r not in catalogue.ids]
        if unknown:
            hint = did_you_mean(unknown[0], catalogue.ids) if len(unknown) == 1 else ""
            raise ConfigurationError(
                f"Unknown requirement {', '.join(unknown)}{hint}; "
                "see 'slr-conformance requirements' for the IDs."
            )
        parts = []
        if self.requirements:
            parts.append("(" + " or ".join(f"@{r}" for r in self.requirements) + ")")
        if self.tags:
            try:
                make_tag_expression(self.tags)
            except Exception as exc:
                raise ConfigurationError(
                    f"The tag expression '{self.tags}' is malformed ({exc})."
                ) from None
            parts.append(f"({self.tags})")
        if self.services:
            parts.append("(" + " or ".join(f"@{specs.SERVICE_TAG}{s}" for s in self.services) + ")")
        return " and ".join(parts) or None

    @property
    def narrowed(self) -> bool:
        """Whether tags or services pick examples, so a requirement may have none at all."""
        return bool(self.tags or self.services)


@dataclass
class RunOptions:
    selection: Selection = field(default_factory=Selection)
    #: Its specification's features folder when ``None``; another folder of feature files
    #: (``run --features``) is checked against the catalogue of ``spec``.
    features_dir: Path | None = None
    #: The name of the specification to run (``conformance.specs``).
    spec: str = specs.DEFAULT
    run_id: str | None = None
    on_scenario: Callable[[ScenarioResult], None] | None = None
    #: Live backends only: where the journal goes, and whether this is a dry run.
    live: LiveOptions | None = None
    #: How many processes may share the examples of a specification per service, on a
    #: backend whose state lives in this process (``conformance.workers``); 1 runs them here.
    jobs: int = 1
    #: Hears how many processes share the run, when more than one do.
    on_shared: Callable[[int], None] | None = None


def _outcome(scenario: Any) -> tuple[Outcome, str | None, str | None]:
    status = scenario.status
    if status == Status.passed:
        return "passed", None, None
    if status in (Status.skipped, Status.untested):
        return "skipped", None, getattr(scenario, "skip_reason", None) or "not selected"
    failing = next(
        (
            s
            for s in scenario.all_steps
            if s.status not in (Status.passed, Status.skipped, Status.untested)
        ),
        None,
    )
    step_text = f"{failing.keyword} {failing.name}" if failing is not None else None
    exception = getattr(failing, "exception", None) if failing is not None else None
    if failing is not None and isinstance(exception, ImplementationFailure):
        return "failed", step_text, str(exception).strip() or "assertion failed"
    if failing is not None and failing.status == Status.undefined:
        return "error", step_text, "the step has no implementation"
    message = getattr(failing, "error_message", None) if failing is not None else None
    if exception is not None:
        message = f"{type(exception).__name__}: {exception}"
    if getattr(scenario, "hook_failed", False) and not message:
        message = "a hook failed"
    return "error", step_text, (message or str(status)).strip()[:2000]


def scenario_result(scenario: Any) -> ScenarioResult:
    outcome, step, message = _outcome(scenario)
    return ScenarioResult(
        name=scenario.name,
        feature=scenario.feature.name,
        location=f"{scenario.location.filename}:{scenario.location.line}",
        outcome=outcome,
        duration=round(float(scenario.duration or 0.0), 4),
        failing_step=step,
        message=message,
    )


def _features(options: RunOptions) -> Path:
    """The folder of feature files the run hands behave."""
    return options.features_dir or features_dir(options.spec)


def behave_paths(options: RunOptions, features: Path) -> list[str]:
    """What behave is given to run: the feature files of the selected requirements, or the
    whole folder (behave walks it)."""
    named = files_naming(features, options.selection.requirements)
    return [str(path) for path in named or [features]]


def _behave_config(
    options: RunOptions,
    features: Path,
    backend: Backend,
    catalogue: Catalogue,
    hook: Callable[[Any], None],
) -> Configuration:
    args = [
        *behave_paths(options, features),
        "--format=null",
        "--no-capture",
        "--no-capture-stderr",
        "--no-logcapture",
        "--logging-level=ERROR",
        "--no-summary",
        "--no-snippets",
        "--show-skipped",
    ]
    expression = options.selection.expression(catalogue)
    if expression:
        args.append(f"--tags={expression}")
    config = Configuration(command_args=args, load_config=False)
    config.userdata["backend_instance"] = backend
    config.userdata["on_scenario"] = hook
    config.userdata["run_id"] = check_run_id(options.run_id or new_run_id())
    return config


def _open_live_run(
    backend: Backend, options: RunOptions, catalogue: Catalogue, run_id: str
) -> LiveRun:
    """Look at the live account through every Region the selected scenarios name, and lock it."""
    from conformance.speccheck import parse_features

    expression = options.selection.expression(catalogue)
    regions = regions_named(parse_features(_features(options)), expression)
    live = options.live or LiveOptions()
    spec = specs.get(options.spec)
    if spec.per_service:  # each selected service's role is looked for before anything runs
        live = replace(live, services=options.selection.services or spec.services())
    return LiveRun.open(backend, run_id, regions, live)


def run(backend: Backend, options: RunOptions | None = None) -> RunResult:
    """Run the selected scenarios against a started backend and build the verdicts."""
    options = options or RunOptions()
    catalogue = load_catalogue(options.spec)
    options = replace(options, run_id=check_run_id(options.run_id or new_run_id()))
    features = _features(options)
    digest = specification_digest(features, catalogue)  # read before it runs
    started = datetime.now(UTC)
    clock = time.perf_counter()
    paths = behave_paths(options, features)
    shares = workers.shares(backend, options, catalogue, paths)
    if shares:
        if options.on_shared is not None:
            options.on_shared(len(shares))
        collected = workers.collect(
            backend, options, catalogue, shares, paths=paths, run_here=collect
        )
    else:
        collected = collect(backend, options, catalogue, options.on_scenario)
    duration = time.perf_counter() - clock
    finished = datetime.now(UTC)
    return _result(
        catalogue=catalogue,
        backend=backend,
        selection=options.selection,
        collected=[(t, portable(r, features)) for t, r in collected],
        started=started,
        finished=finished,
        duration=duration,
        run_id=options.run_id,
        spec_digest=digest,
    )


def collect(
    backend: Backend,
    options: RunOptions,
    catalogue: Catalogue,
    on_result: Callable[[ScenarioResult], None] | None,
) -> list[tuple[list[str], ScenarioResult]]:
    """Run the selected scenarios with behave in this process: each one's requirement tags
    and result, in the order behave ran them (``on_result`` hears of each as it ends)."""
    collected: list[tuple[list[str], ScenarioResult]] = []

    def on_scenario(scenario: Any) -> None:
        result = scenario_result(scenario)
        collected.append((requirement_tags(str(t) for t in scenario.effective_tags), result))
        if on_result is not None:
            on_result(result)

    features = _features(options)
    config = _behave_config(options, features, backend, catalogue, on_scenario)
    runner = (  # a recording or a replay files each request under its scenario
        ListeningRunner(config, backend, features)
        if isinstance(backend, ScenarioListener)
        else SpecRunner(config)
    )
    logging.getLogger("behave").setLevel(logging.ERROR)  # skips are reported by us
    live_run = None
    if backend.live:  # looks and lock last, so that nothing between them and the run can fail
        live_run = _open_live_run(backend, options, catalogue, config.userdata["run_id"])
        config.userdata["live_run"] = live_run
    try:
        runner.run()
    except ParserError as exc:
        raise ConfigurationError(
            f"A feature file does not parse: {str(exc).splitlines()[0]}."
        ) from None
    except BehaveConfigError as exc:
        raise ConfigurationError(f"behave cannot run the feature files ({exc}).") from None
    finally:
        if live_run is not None:
            live_run.close()
    _collect_unreported(runner, collected)
    return collected


def _collect_unreported(
    runner: SpecRunner, collected: list[tuple[list[str], ScenarioResult]]
) -> None:
    """Scenarios that never reached after_scenario (deselected, or skipped early) still count."""
    seen = {r.location for _, r in collected}
    for feature in runner.features:
        for scenario in feature.walk_scenarios():
            location = f"{scenario.location.filename}:{scenario.location.line}"
            if location in seen:
                continue
            result = scenario_result(scenario)
            if result.outcome == "skipped" and result.message == "not selected":
                continue
            collected.append((requirement_tags(str(t) for t in scenario.effective_tags), result))


def _result(
    *,
    catalogue: Catalogue,
    backend: Backend,
    selection: Selection,
    collected: Sequence[tuple[list[str], ScenarioResult]],
    started: datetime,
    finished: datetime,
    duration: float,
    run_id: str | None = None,
    spec_digest: str | None = None,
) -> RunResult:
    verdicts = []
    wanted = set(selection.requirements)
    for requirement in catalogue.requirements:
        results = [r for tags, r in collected if requirement.id in tags]
        if not results and ((wanted and requirement.id not in wanted) or selection.narrowed):
            continue
        verdicts.append(verdict_for(requirement, results))
    description = backend.describe()
    return RunResult(
        specification=catalogue.spec,
        spec_version=catalogue.spec_version,
        catalogue_digest=catalogue.digest,
        spec_digest=spec_digest,
        backend=BackendInfo(
            name=description.name,
            implementation=description.implementation,
            version=description.version,
            endpoint=description.endpoint,
            botocore_version=botocore_version(),
            extra=dict(description.extra),
        ),
        run=RunInfo(
            started=started.isoformat(timespec="seconds"),
            finished=finished.isoformat(timespec="seconds"),
            duration=round(duration, 3),
            tags=selection.tags,
            requirements=selection.requirements,
            run_id=run_id,
            services=selection.services,
        ),
        requirements=tuple(verdicts),
    )

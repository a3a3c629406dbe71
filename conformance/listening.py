"""Telling a backend which scenario is running, so it can file each request under it.

A recording keeps one file per scenario and a replay answers each scenario from its own file,
so both must know when a scenario starts and ends, including its hooks: the reset before a
scenario and the cleanup after it belong to that scenario. behave tells its hooks, not the
backend; ``ListeningRunner`` forwards the two moments to any backend that implements
``ScenarioListener``. Everything outside a scenario (looking at a live account before the
run) is reported as outside.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

from conformance.behaverunner import SpecRunner
from conformance.catalogue import requirement_tags


@dataclass(frozen=True)
class ScenarioInfo:
    """One scenario, named stably: ``key`` is its feature file (relative) and line."""

    key: str
    name: str
    feature: str
    requirements: tuple[str, ...]


@runtime_checkable
class ScenarioListener(Protocol):
    """A backend that wants to know which scenario its requests belong to."""

    def scenario_started(self, scenario: ScenarioInfo) -> None: ...

    def scenario_finished(self, scenario: ScenarioInfo) -> None: ...


def scenario_key(filename: str, line: int, features_dir: Path | None = None) -> str:
    """``creating.feature:12``: independent of where the checkout lives."""
    path = Path(filename)
    if features_dir is not None:
        try:
            return f"{path.resolve().relative_to(features_dir.resolve()).as_posix()}:{line}"
        except ValueError:
            pass
    return f"{path.name}:{line}"


def scenario_info(scenario: Any, features_dir: Path | None = None) -> ScenarioInfo:
    """The stable description of a behave scenario."""
    return ScenarioInfo(
        key=scenario_key(
            str(scenario.location.filename), int(scenario.location.line), features_dir
        ),
        name=str(scenario.name),
        feature=str(scenario.feature.name),
        requirements=tuple(requirement_tags(str(t) for t in scenario.effective_tags)),
    )


class ListeningRunner(SpecRunner):
    """behave's runner, telling ``listener`` when each scenario's hooks begin and end."""

    def __init__(self, config: Any, listener: ScenarioListener, features_dir: Path) -> None:
        super().__init__(config)
        self._listener = listener
        self._features_dir = features_dir

    def run_hook_with_capture(self, hook_name: str, *args: Any, **kwargs: Any) -> Any:
        scenario = args[0] if args and hook_name in ("before_scenario", "after_scenario") else None
        if scenario is not None and hook_name == "before_scenario":
            self._listener.scenario_started(scenario_info(scenario, self._features_dir))
        try:
            return super().run_hook_with_capture(hook_name, *args, **kwargs)
        finally:
            if scenario is not None and hook_name == "after_scenario":
                self._listener.scenario_finished(scenario_info(scenario, self._features_dir))

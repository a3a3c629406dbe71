"""behave's runner, loading the step modules once per process instead of once per run.

Step modules register their steps into behave's one process-wide registry. behave executes
them again at every run, which only registers the same steps again; a process that runs the
suite many times (the mutants, one run each; the benchmark's repeated runs) pays for that every
time. ``SpecRunner`` executes each steps folder once per process; a load that failed is tried
again at the next run.

behave looks for the steps beside the feature files, or in a folder above them. A folder of
feature files outside the suite (``run --features``), or the files of a few requirements in a
subfolder of one, has none: ``SpecRunner`` then runs them with the suite's own steps and hooks.
"""

from __future__ import annotations

import os
from typing import Any

from behave.exception import ConfigError
from behave.runner import Runner

from conformance.specs import spec_root

_LOADED: set[tuple[str, ...]] = set()


class SpecRunner(Runner):  # type: ignore[misc]  # behave is untyped
    def setup_paths(self) -> None:
        try:
            super().setup_paths()
        except ConfigError as exc:
            if not str(exc).startswith(f"No {self.config.steps_dir} directory"):
                raise
            suite = str(spec_root())  # holds the suite's steps/ and environment.py
            self.config.base_dir = self.base_dir = suite
            self.path_manager.add(suite)
            if suite != os.getcwd():
                self.path_manager.add(os.getcwd())

    def load_step_definitions(self, extra_step_paths: Any = None) -> None:
        folders = [os.path.join(self.base_dir, self.config.steps_dir), *(extra_step_paths or [])]
        key = tuple(os.path.realpath(folder) for folder in folders)
        if key in _LOADED:
            return
        super().load_step_definitions(extra_step_paths)
        _LOADED.add(key)

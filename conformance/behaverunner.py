"""behave's runner, loading the step modules once per process instead of once per run.

Step modules register their steps into behave's one process-wide registry. behave executes
them again at every run, which only registers the same steps again; a process that runs the
suite many times (the mutants, one run each; the benchmark's repeated runs) pays for that every
time. ``SpecRunner`` executes each steps folder once per process; a load that failed is tried
again at the next run.
"""

from __future__ import annotations

import os
from typing import Any

from behave.runner import Runner

_LOADED: set[tuple[str, ...]] = set()


class SpecRunner(Runner):  # type: ignore[misc]  # behave is untyped
    def load_step_definitions(self, extra_step_paths: Any = None) -> None:
        folders = [os.path.join(self.base_dir, self.config.steps_dir), *(extra_step_paths or [])]
        key = tuple(os.path.realpath(folder) for folder in folders)
        if key in _LOADED:
            return
        super().load_step_definitions(extra_step_paths)
        _LOADED.add(key)

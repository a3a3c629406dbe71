"""Progress while a run goes: a line per scenario on a terminal, one compact line elsewhere."""

from __future__ import annotations

import sys
from typing import TextIO

from conformance.results.model import ScenarioResult

MARKS = {"passed": ".", "failed": "F", "error": "E", "skipped": "s"}
LABELS = {"passed": "pass", "failed": "FAIL", "error": "ERROR", "skipped": "skip"}


class Progress:
    def __init__(
        self, total: int, stream: TextIO | None = None, verbose: bool | None = None
    ) -> None:
        self.total = total
        self.stream = stream or sys.stderr
        self.verbose = self.stream.isatty() if verbose is None else verbose
        self.done = 0

    def __call__(self, result: ScenarioResult) -> None:
        self.done += 1
        if self.verbose:
            width = len(str(self.total))
            self.stream.write(
                f"[{self.done:>{width}}/{self.total}] {LABELS[result.outcome]:<5} {result.name}\n"
            )
        else:
            self.stream.write(MARKS[result.outcome])
        self.stream.flush()

    def finish(self) -> None:
        if not self.verbose and self.done:
            self.stream.write(f" {self.done} scenarios\n")
            self.stream.flush()

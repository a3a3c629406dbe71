"""Remembers what a scenario created, so it can be removed again, newest first.

Emulators with a reset control are wiped between scenarios instead; everywhere else this is
how the suite keeps its promise to leave behind nothing it created, and to touch nothing else.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from botocore.exceptions import ClientError

from conformance.driver.calls import is_not_found


@dataclass
class Tracker:
    run_id: str
    _undo: list[tuple[str, Callable[[], object]]] = field(default_factory=list)
    _counter: int = 0

    def name(self, kind: str) -> str:
        """A name unique to this run, recognisable by the cleanup command."""
        self._counter += 1
        return f"slr-conf-{self.run_id}-{kind}-{self._counter}"

    def created(self, what: str, undo: Callable[[], object]) -> None:
        self._undo.append((what, undo))

    def forget(self, what: str) -> None:
        self._undo = [(w, u) for w, u in self._undo if w != what]

    def clean_up(self) -> list[str]:
        """Undo everything recorded; returns what could not be removed."""
        left: list[str] = []
        while self._undo:
            what, undo = self._undo.pop()
            try:
                undo()
            except ClientError as exc:
                if not is_not_found(exc):
                    left.append(f"{what}: {exc}")
            except Exception as exc:  # one failed removal must not stop the others
                left.append(f"{what}: {exc}")
        return left

"""Remembers what a scenario created, so it can be removed again, newest first.

Emulators with a reset control are wiped between scenarios instead; everywhere else this is
how the suite keeps its promise to leave behind nothing it created, and to touch nothing else.
Beside the undo list sits the run's journal (``conformance.live.journal``): the undo list dies
with the process, the journal does not. A create site writes its intent to the journal before
the request (``intend``), and the tracker marks it created, refused or removed as that happens.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from botocore.exceptions import ClientError

from conformance.driver.calls import is_not_found
from conformance.live.journal import Journal
from conformance.live.runid import name_prefix

#: What was created, how to undo it, and its journal entry.
UndoItem = tuple[str, Callable[[], object], int | None]


@dataclass
class Tracker:
    run_id: str
    journal: Journal = field(default_factory=Journal.disabled)
    #: The backend is reset between scenarios: looks made only to know what to undo are spared.
    wiped: bool = False
    _undo: list[UndoItem] = field(default_factory=list)
    _counter: int = 0

    @property
    def fresh_from_reset(self) -> bool:
        """The backend was reset before this scenario, which has created nothing since."""
        return self.wiped and not self._undo

    def name(self, kind: str) -> str:
        """A name unique to this run, recognisable by the cleanup command."""
        self._counter += 1
        return f"{name_prefix(self.run_id)}{kind}-{self._counter}"

    def intend(
        self,
        kind: str,
        name: str | None = None,
        *,
        region: str | None = None,
        token: str | None = None,
        **detail: str,
    ) -> int:
        """Journal what is about to be created, before the request that creates it."""
        return self.journal.intent(kind, name, region=region, token=token, **detail)

    def refused(self, entry: int) -> None:
        """The create journaled as ``entry`` was refused: nothing of it exists."""
        self.journal.failed(entry)

    def created(
        self,
        what: str,
        undo: Callable[[], object],
        entry: int | None = None,
        arn: str | None = None,
    ) -> None:
        """Remember how to undo ``what``; ``entry`` (its journal intent) is now created."""
        if entry is not None:
            self.journal.created(entry, arn)
        self._undo.append((what, undo, entry))

    def may_have_created(self, what: str, undo: Callable[[], object], entry: int) -> None:
        """Like ``created``, for a side effect that may or may not have happened."""
        self._undo.append((what, undo, entry))

    def forget(self, what: str) -> None:
        """``what`` is gone already (the scenario removed it): nothing is left to undo."""
        for name, _, entry in self._undo:
            if name == what and entry is not None:
                self.journal.removed(entry)
        self._undo = [item for item in self._undo if item[0] != what]

    def clean_up(self, settle: Callable[[], object] | None = None) -> list[str]:
        """Undo everything recorded, newest first; returns what could not be removed.

        A removal can fail the first time while AWS settles (a user whose key was deleted a
        moment ago, a role still held by its service): with ``settle`` (which lets some time
        pass on the backend's clock), what failed is tried once more after everything else.
        """
        failed = self._undo_all(reversed(self._undo))
        self._undo = []
        if failed and settle is not None:
            settle()
            failed = self._undo_all(item for item, _ in failed)
        return [f"{what}: {error}" for (what, _, _), error in failed]

    def _undo_all(self, items: Iterable[UndoItem]) -> list[tuple[UndoItem, Exception]]:
        """Run each undo; answers those that failed, with their errors."""
        failed: list[tuple[UndoItem, Exception]] = []
        for item in items:
            _, undo, entry = item
            try:
                undo()
            except ClientError as exc:
                if not is_not_found(exc):
                    failed.append((item, exc))
                    continue
            except Exception as exc:  # one failed removal must not stop the others
                failed.append((item, exc))
                continue
            if entry is not None:
                self.journal.removed(entry)
        return failed

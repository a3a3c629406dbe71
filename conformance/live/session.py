"""A run against a live account, from its first look to its last removal.

``LiveRun.open`` does, in this order, before any scenario: look at the account (the role, the
replication set through every Region the run may touch, the lock markers), refuse when another
run holds the lock, start the journal, and take the lock (journaled like anything else the run
creates). A dry run makes the same looks and stops there. ``close`` gives the lock back and
closes the journal, and says how to remove what may remain.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from conformance.backends.base import Backend
from conformance.driver.session import Timeouts
from conformance.errors import ConfigurationError
from conformance.live.journal import Header, Journal
from conformance.live.lock import BEAT_SECONDS, AccountLock, Holder, holders, refusal
from conformance.live.state import LiveState

DEFAULT_JOURNAL_DIR = Path("build/results")


def journal_path(directory: Path, run_id: str) -> Path:
    """Where a run's journal goes: its output folder, one file per run ID."""
    return directory / f"journal-{run_id}.jsonl"


@dataclass(frozen=True)
class LiveOptions:
    """What the command line says about a live run: where its journal goes, and dry or not."""

    journal_dir: Path = DEFAULT_JOURNAL_DIR
    dry_run: bool = False
    #: A per-service specification's run: the services it selected (their roles are looked
    #: for), ``None`` for a specification of one role.
    services: tuple[str, ...] | None = None
    #: The services opted in for creation and deletion (``run --create-roles``).
    create_roles: frozenset[str] = frozenset()


class LiveRun:
    """What a live run saw at the start, the lock it holds, and the journal it writes."""

    def __init__(
        self,
        backend: Backend,
        state: LiveState,
        journal: Journal,
        *,
        lock: AccountLock | None,
        holders_seen: list[Holder],
        dry_run: bool,
    ) -> None:
        self.backend = backend
        self.state = state
        self.journal = journal
        self.lock = lock
        #: The lock markers seen at the start (a dry run reports them; a real run refused them).
        self.holders_seen = holders_seen
        self.dry_run = dry_run

    @classmethod
    def open(
        cls,
        backend: Backend,
        run_id: str,
        regions: Iterable[str] = (),
        options: LiveOptions | None = None,
    ) -> LiveRun:
        """Look, then lock; every failure is one sentence, and nothing has changed by then."""
        options = options or LiveOptions()
        services = None if options.services is None else (options.services, options.create_roles)
        state = LiveState.read(backend, regions, services)
        iam = backend.client("iam")
        seen = holders(iam)
        if options.dry_run:
            for holder in seen:
                sys.stderr.write(
                    f"Run {holder.run_id} holds this account's lock (the IAM policy "
                    f"{holder.name}): a real run now would be refused.\n"
                )
            return cls(
                backend, state, Journal.disabled(), lock=None, holders_seen=seen, dry_run=True
            )
        if seen:
            raise ConfigurationError(refusal(seen[0], backend.account_id))
        header = Header(run_id, backend.account_id, backend.home_region)
        journal = Journal.create(journal_path(options.journal_dir, run_id), header)
        try:
            lock = AccountLock.acquire(
                iam,
                run_id,
                backend.account_id,
                journal,
                clock=backend.clock,
                settle_seconds=Timeouts.for_backend(backend).interval,
                seen=[],
                # A replay answers from its cassette, which holds no beats at a replay's times.
                beat_every=None if backend.name == "replay" else BEAT_SECONDS,
            )
        except BaseException:
            journal.close()
            raise
        sys.stderr.write(f"Run {run_id} holds the account's lock; its journal is {journal.path}.\n")
        return cls(backend, state, journal, lock=lock, holders_seen=seen, dry_run=False)

    def close(self) -> None:
        """Give the lock back and close the journal; say what to do about anything left, and
        what became of each service's role (a per-service run).

        While the journal lists anything besides the lock that may remain, the run keeps its
        lock (and stops its heartbeat): the marker keeps other runs out until the leftovers are
        gone, and it is what proves to ``cleanup --journal`` when the run held the account.
        """
        if self.lock is not None:
            if self.journal.open_count > 1:
                self.lock.keep()
            else:
                problem = self.lock.release()
                if problem:
                    sys.stderr.write(f"The account's lock could not be removed: {problem}\n")
            self.lock = None
        if self.state.services is not None:
            sys.stderr.write(
                "".join(f"Service {line}.\n" for line in self.state.services.report())
            )
        left = self.journal.open_count
        path = self.journal.path
        self.journal.close()
        if left and path is not None:
            sys.stderr.write(
                f"The journal {path} lists {left} resource{'s' if left != 1 else ''} the run "
                f"may have left; remove {'them' if left != 1 else 'it'} with 'slr-conformance "
                f"cleanup --journal {path} --allow-aws-account {self.backend.account_id}'.\n"
            )

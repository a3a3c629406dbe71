"""One run at a time per account: a lock marker the run creates at start and removes at the end.

The marker is an IAM customer managed policy: IAM is global to the account (one marker covers
every Region), a policy costs nothing, exists apart from any role or user, and is never
attached to anything. It is named ``slr-conf-<run id>-lock`` (so ``cleanup --run-id`` removes
a stale one like any other leftover), lives on the path ``/slr-conformance/lock/`` (so one
listing finds every holder), carries the run tag, and says in its description who holds it.
Its document allows only ``sts:GetCallerIdentity``, which every caller may do anyway.

Taking the lock: list the markers (a refused listing stops the run, like any look); if another
run holds one, refuse. Otherwise create ours, give IAM one poll interval to show a rival's
marker created at the same moment, and list again: of the markers then present, the oldest
(by creation date, then name) wins and every other run backs off. IAM is eventually
consistent, so this is a guard against mistakes, not a distributed consensus.

Whether the holder still runs: the marker carries tags naming the holder's host and process and
a heartbeat, the time of its last sign of life, which the run renews every ``BEAT_SECONDS``
while it holds the lock. Another machine judges the run gone once the heartbeat is older than
``STALE_AFTER``; the same host asks the operating system whether the process still runs. A
run killed with ``kill -9`` stops beating, so its lock goes stale by itself.
"""

from __future__ import annotations

import json
import os
import re
import socket
import threading
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from conformance.clock import Clock
from conformance.driver.calls import attempt, expect, look
from conformance.driver.session import RUN_TAG_KEY
from conformance.errors import ConfigurationError, ImplementationFailure
from conformance.live.journal import LOCK, Journal
from conformance.live.runid import name_prefix, run_id_of

LOCK_PATH = "/slr-conformance/lock/"
_DOCUMENT = json.dumps(
    {
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Action": "sts:GetCallerIdentity", "Resource": "*"}],
    }
)


#: The marker's tags: the holder's last sign of life, its host and its process.
HEARTBEAT_KEY = "slr-conformance-heartbeat"
HOST_KEY = "slr-conformance-host"
PID_KEY = "slr-conformance-pid"
#: How often a run renews its heartbeat, and how old one may be before its run counts as gone
#: (several beats, plus room for two machines' clocks to disagree).
BEAT_SECONDS = 60.0
STALE_AFTER = timedelta(minutes=5)
#: What IAM allows in a tag value; anything else in a host name is dropped.
_TAG_VALUE = re.compile(r"[^\w\s.:/=+@-]")


def lock_name(run_id: str) -> str:
    return f"{name_prefix(run_id)}lock"


def this_host() -> str:
    """The host name as a tag value can hold it."""
    return _TAG_VALUE.sub("", socket.gethostname())[:256]


def instant(clock: Clock) -> datetime:
    """The clock's time as an aware UTC datetime."""
    return datetime.fromtimestamp(clock.now(), UTC)


@dataclass(frozen=True)
class Holder:
    """A run that holds (or held, when it was killed) the account's lock."""

    run_id: str
    name: str
    arn: str
    created: datetime

    def order(self) -> tuple[datetime, str]:
        return (self.created, self.name)


def holders(iam: Any) -> list[Holder]:
    """Every lock marker in the account, oldest first; a refused look fails closed."""
    pages = iam.get_paginator("list_policies").paginate(Scope="Local", PathPrefix=LOCK_PATH)
    try:
        found = expect(
            "Listing the account's lock markers (IAM ListPolicies)",
            lambda: [p for page in pages for p in page["Policies"]],
        )
    except ImplementationFailure as exc:
        raise ConfigurationError(
            f"The account could not be inspected before the run: {exc}".rstrip(".") + "."
        ) from None
    markers = [
        Holder(
            run_id_of(str(p["PolicyName"])) or "?", str(p["PolicyName"]), str(p["Arn"]), _date(p)
        )
        for p in found
        if p.get("Path") == LOCK_PATH
    ]
    return sorted(markers, key=Holder.order)


def _date(policy: Any) -> datetime:
    created = policy.get("CreateDate")
    if isinstance(created, datetime):
        return created
    return datetime.fromisoformat(str(created).replace("Z", "+00:00"))


@dataclass(frozen=True)
class Liveness:
    """Whether a lock's holder still runs, and the evidence, as part of a sentence."""

    alive: bool
    why: str


def liveness(iam: Any, holder: Holder, now: datetime, host: str | None = None) -> Liveness:
    """Judge from the marker's tags whether its run still runs (a refused look fails closed).

    On the holder's own host the process answers for itself; elsewhere the heartbeat does. A
    marker with no heartbeat was made by a version that did not beat: nothing shows it alive.
    """
    tags = _tags(iam, holder)
    pid = tags.get(PID_KEY, "")
    if tags.get(HOST_KEY) == (host or this_host()) and pid.isdigit():
        running = _process_runs(int(pid))
        state = "is still running" if running else "has ended"
        return Liveness(running, f"its process {pid} on this host {state}")
    beat = _beat(tags)
    if beat is None:
        return Liveness(False, "its lock carries no heartbeat")
    age = max(0, int((now - beat).total_seconds()))
    return Liveness(now - beat < STALE_AFTER, f"its heartbeat is {age} s old")


def last_beat(iam: Any, holder: Holder) -> datetime | None:
    """The marker's last heartbeat; ``None`` when it carries none."""
    return _beat(_tags(iam, holder))


def _tags(iam: Any, holder: Holder) -> dict[str, str]:
    try:
        found = expect(
            f"Reading the tags of the lock marker {holder.name} (IAM ListPolicyTags)",
            lambda: iam.list_policy_tags(PolicyArn=holder.arn),
        )
    except ImplementationFailure as exc:
        raise ConfigurationError(
            f"Whether run {holder.run_id} still runs could not be told: {exc}".rstrip(".") + "."
        ) from None
    return {str(t.get("Key")): str(t.get("Value")) for t in found.get("Tags", [])}


def _beat(tags: dict[str, str]) -> datetime | None:
    try:
        beat = datetime.fromisoformat(tags[HEARTBEAT_KEY])
    except (KeyError, ValueError):
        return None
    return beat if beat.tzinfo is not None else None


def lock_of(iam: Any, run_id: str) -> Holder | None:
    """The run's own lock marker as IAM lists it, if it still exists."""
    return next((h for h in holders(iam) if h.name == lock_name(run_id)), None)


def refuse_if_running(iam: Any, run_id: str, now: datetime, *, force: bool) -> str | None:
    """Refuse (one sentence) to sweep a run that still runs; with ``force``, say so instead.

    Returns the warning to print when ``force`` overrides a live run, else ``None``.
    """
    holder = lock_of(iam, run_id)
    if holder is None:
        return None
    state = liveness(iam, holder, now)
    if not state.alive:
        return None
    if not force:
        raise ConfigurationError(
            f"Run {run_id} still runs ({state.why}), so cleanup stops before removing anything; "
            "if that run has really stopped, run cleanup again with --force."
        )
    return f"Run {run_id} looks alive ({state.why}); cleaning up anyway, as --force asks.\n"


def _process_runs(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return pid > 0
    return True


def beat_tags(clock: Clock) -> list[dict[str, str]]:
    """The tags that say who holds the marker and that it was alive just now."""
    return [
        {"Key": HEARTBEAT_KEY, "Value": instant(clock).isoformat(timespec="seconds")},
        {"Key": HOST_KEY, "Value": this_host()},
        {"Key": PID_KEY, "Value": str(os.getpid())},
    ]


class Heartbeat:
    """Renews the marker's heartbeat every ``every`` seconds until stopped.

    A refused or unanswered renewal is tried again at the next beat: missing a few only makes
    the run look gone later, never sooner, than it is.
    """

    def __init__(self, iam: Any, arn: str, clock: Clock, every: float = BEAT_SECONDS) -> None:
        self._iam = iam
        self._arn = arn
        self._clock = clock
        self._every = every
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="lock-heartbeat", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def beat(self) -> None:
        attempt(
            "Renewing the lock's heartbeat (IAM TagPolicy)",
            lambda: self._iam.tag_policy(PolicyArn=self._arn, Tags=beat_tags(self._clock)),
        )

    def _run(self) -> None:
        while not self._stop.wait(self._every):
            try:
                self.beat()
            except Exception:  # a missed beat is retried; the run goes on
                continue

    def stop(self) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join()


def refusal(holder: Holder, account: str) -> str:
    """The one sentence a second run exits with."""
    return (
        f"Another run, {holder.run_id}, holds this account's lock (the IAM policy {holder.name}, "
        f"created {holder.created.isoformat(timespec='seconds')}), so this run stops before "
        f"changing anything; if run {holder.run_id} is no longer running, its lock is stale: "
        f"remove it with 'slr-conformance cleanup --run-id {holder.run_id} "
        f"--allow-aws-account {account}'."
    )


class AccountLock:
    """The lock this run holds; ``release`` removes its marker and journals that."""

    def __init__(
        self,
        iam: Any,
        holder: Holder,
        journal: Journal,
        entry: int,
        heartbeat: Heartbeat | None = None,
    ) -> None:
        self._iam = iam
        self.holder = holder
        self._journal = journal
        self._entry = entry
        self._heartbeat = heartbeat

    @classmethod
    def acquire(
        cls,
        iam: Any,
        run_id: str,
        account: str,
        journal: Journal,
        *,
        clock: Clock,
        settle_seconds: float,
        seen: list[Holder] | None = None,
        beat_every: float | None = BEAT_SECONDS,
    ) -> AccountLock:
        """Take the account's lock or explain, in one sentence, who holds it.

        ``seen`` is the listing the run already made among its looks, if any. ``beat_every``
        ``None`` renews no heartbeat (a replay, whose cassette answers only what was recorded).
        """
        others = holders(iam) if seen is None else seen
        if others:
            raise ConfigurationError(refusal(others[0], account))
        name = lock_name(run_id)
        entry = journal.intent(LOCK, name)
        description = (
            f"Lock of slr-conformance run {run_id} on {socket.gethostname()}; remove it with "
            f"'slr-conformance cleanup --run-id {run_id}' once that run no longer runs."
        )
        try:
            outcome = attempt(
                "Creating the lock marker (IAM CreatePolicy)",
                lambda: iam.create_policy(
                    PolicyName=name,
                    Path=LOCK_PATH,
                    PolicyDocument=_DOCUMENT,
                    Description=description,
                    Tags=[{"Key": RUN_TAG_KEY, "Value": run_id}, *beat_tags(clock)],
                ),
            )
        except ImplementationFailure as exc:  # no answer: the marker may exist, as journaled
            raise ConfigurationError(
                f"The run could not take the account's lock: {exc}".rstrip(".") + "."
            ) from None
        if not outcome.succeeded:
            journal.failed(entry)
            raise ConfigurationError(
                f"The run could not take the account's lock: IAM refused to create the policy "
                f"{name} ({outcome.error_code}: {outcome.error_message})".rstrip(".")
                + "."
            )
        created = outcome.response["Policy"]
        mine = Holder(run_id, name, str(created["Arn"]), _date(created))
        journal.created(entry, mine.arn)
        heartbeat = None if beat_every is None else Heartbeat(iam, mine.arn, clock, beat_every)
        lock = cls(iam, mine, journal, entry, heartbeat)
        if heartbeat is not None:
            heartbeat.start()
        try:
            clock.sleep(settle_seconds)
            rivals = [h for h in holders(iam) if h.name != name and h.order() < mine.order()]
            if rivals:
                raise ConfigurationError(refusal(rivals[0], account))
        except BaseException:
            lock.release()
            raise
        return lock

    def keep(self) -> None:
        """Stop beating and leave the marker in place, for ``cleanup --journal`` to remove."""
        if self._heartbeat is not None:
            self._heartbeat.stop()
            self._heartbeat = None

    def release(self) -> str | None:
        """Remove the marker; returns why it could not be removed, or ``None``."""
        arn = self.holder.arn
        self.keep()
        try:
            look("Removing the lock marker", lambda: self._iam.delete_policy(PolicyArn=arn))
        except ImplementationFailure as exc:
            return str(exc)
        self._journal.removed(self._entry)
        return None

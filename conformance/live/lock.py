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
"""

from __future__ import annotations

import json
import socket
from dataclasses import dataclass
from datetime import datetime
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


def lock_name(run_id: str) -> str:
    return f"{name_prefix(run_id)}lock"


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

    def __init__(self, iam: Any, holder: Holder, journal: Journal, entry: int) -> None:
        self._iam = iam
        self.holder = holder
        self._journal = journal
        self._entry = entry

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
    ) -> AccountLock:
        """Take the account's lock or explain, in one sentence, who holds it.

        ``seen`` is the listing the run already made among its looks, if any.
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
                    Tags=[{"Key": RUN_TAG_KEY, "Value": run_id}],
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
        lock = cls(iam, mine, journal, entry)
        try:
            clock.sleep(settle_seconds)
            rivals = [h for h in holders(iam) if h.name != name and h.order() < mine.order()]
            if rivals:
                raise ConfigurationError(refusal(rivals[0], account))
        except BaseException:
            lock.release()
            raise
        return lock

    def release(self) -> str | None:
        """Remove the marker; returns why it could not be removed, or ``None``."""
        arn = self.holder.arn
        try:
            look("Removing the lock marker", lambda: self._iam.delete_policy(PolicyArn=arn))
        except ImplementationFailure as exc:
            return str(exc)
        self._journal.removed(self._entry)
        return None

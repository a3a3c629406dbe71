"""Deleting a replication set on behalf of a sweep, asking again while the service holds on.

The AWS page's section on deleting the service-linked role warns that removing the resources
that use the role can fail while the service is still using it, and advises trying again
after a few minutes. So a sweep that asks for a set's deletion does not give up after one
answer: while the set stays ``ACTIVE`` or ``FAILED``, or a refusal other than access denied or
not found comes back, it asks again every ``Timeouts.release_interval`` on the backend's
clock, for at most ``Timeouts.release``, and only then reports the set as left. Both sweepers
(``cleanup --journal`` and ``cleanup --run-id``) delete sets through here.
"""

from __future__ import annotations

from typing import Any

from botocore.exceptions import BotoCoreError, ClientError
from botocore.parsers import ResponseParserError

from conformance.clock import Clock
from conformance.driver.calls import describe, error_code, is_not_found
from conformance.driver.session import Timeouts

#: Refusals that asking again cannot change: the caller may not, or the set is gone.
FINAL_REFUSALS = frozenset({"AccessDeniedException", "AccessDenied"})
#: States in which a set whose deletion was asked for is not being deleted.
NOT_DELETING = ("ACTIVE", "FAILED")


class SetLeft(Exception):
    """The replication set could not be deleted; the message says why, as part of a sentence."""


def _read(client: Any, arn: str) -> dict[str, Any] | None:
    """The set as the service shows it now; ``None`` when it is gone."""
    try:
        return dict(client.get_replication_set(arn=arn)["replicationSet"])
    except ClientError as exc:
        if is_not_found(exc):
            return None
        raise SetLeft(f"looking it up was refused ({describe(exc)})") from None
    except (BotoCoreError, ResponseParserError, KeyError, TypeError) as exc:
        raise SetLeft(f"looking it up got no valid answer ({describe(exc)})") from None


def _ask(client: Any, arn: str, current: dict[str, Any]) -> str | None:
    """Ask for the deletion once; the refusal worth asking again about, or ``None``."""
    try:
        if current.get("deletionProtected"):
            client.update_deletion_protection(arn=arn, deletionProtected=False)
        client.delete_replication_set(arn=arn)
    except ClientError as exc:
        if is_not_found(exc):
            return None
        if error_code(exc) in FINAL_REFUSALS:
            raise SetLeft(f"deleting it was refused ({describe(exc)})") from None
        return describe(exc)
    except (BotoCoreError, ResponseParserError) as exc:
        return describe(exc)
    return None


def delete_replication_set(client: Any, arn: str, clock: Clock, timeouts: Timeouts) -> bool:
    """Delete the set and wait until it is gone; False when it was gone already.

    A set still being created or updated is left to settle first. Raises ``SetLeft`` when it
    is still there after asking for ``timeouts.release`` seconds, or after
    ``timeouts.replication_set`` seconds in all.
    """
    start = clock.now()
    asked_at: float | None = None
    asked, last, seen = 0, "", False
    while True:
        current = _read(client, arn)
        if current is None:
            return seen
        seen = True
        status = str(current.get("status", ""))
        now = clock.now()
        if status in NOT_DELETING and (
            asked_at is None or now - asked_at >= timeouts.release_interval
        ):
            if asked_at is not None and now - start >= timeouts.release:
                raise SetLeft(
                    f"it is still {status} after {asked} request{'s' if asked != 1 else ''} "
                    f"to delete it over {now - start:.0f} s"
                    + (f" (last refusal: {last})" if last else "")
                )
            refusal = _ask(client, arn, current)
            asked, asked_at = asked + 1, now
            last = refusal or last
        elif now - start >= timeouts.replication_set:
            raise SetLeft(f"it is still {status or 'there'} after {now - start:.0f} s")
        clock.sleep(timeouts.interval)

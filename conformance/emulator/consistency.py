"""How quickly the emulated account settles: at once, or slowly and eventually, like AWS.

A correct real account is slow and eventually consistent: IAM changes take time to spread (a
new entity is not found at once, a new role cannot be assumed at once), its list operations
answer in pages, any request may be throttled, a replication set's deletion may fail and need
asking again, and the service lets go of its role some minutes after the replication set is
gone. The suite must never fail such an account, so the emulator can behave
that way too (the ``reference-eventual`` backend, ``slr-conformance serve --eventual``): every
behaviour below is legal for AWS, and a suite that passes against it tolerates a real account.

The mode is data, one frozen ``Consistency`` value, read by the models' rules; the default,
``IMMEDIATE``, changes nothing. Every duration is in seconds of the emulator's clock.
"""

from __future__ import annotations

from dataclasses import dataclass

#: Seconds a role deletion task stays IN_PROGRESS in the eventual mode (immediate: the role
#: definition's 30 s).
EVENTUAL_ROLE_DELETION_SECONDS = 300.0
#: Seconds after a replication set finishes deleting during which Incident Manager still holds
#: its role: a deletion task that ends in that time ends FAILED. Longer than one deletion task,
#: so the first task requested once the set is gone fails; shorter than two, so the retry that
#: follows it succeeds.
EVENTUAL_ROLE_IN_USE_SECONDS = 420.0
#: Seconds before a user's new inline policy, attached policy or group membership (and a
#: group's new policy) counts in permission checks.
EVENTUAL_POLICY_DELAY_SECONDS = 60.0
#: Items in one page of every IAM ``List*`` answer; a client that ignores ``Marker`` sees the
#: first item only.
EVENTUAL_LIST_PAGE_SIZE = 1
#: Seconds during which a new IAM user, group, role, policy or instance profile is unknown
#: (``NoSuchEntity``) to the requests that name it.
EVENTUAL_NEW_ENTITY_HIDDEN_SECONDS = 10.0
#: Seconds during which a new role cannot be assumed (AssumeRole answers ``AccessDenied``, and
#: an EventBridge rule cannot yet use it as its target's role).
EVENTUAL_NEW_ROLE_UNUSABLE_SECONDS = 20.0
#: The share of requests to the services the emulator answers that are throttled (never two
#: in a row), drawn from a generator seeded when the emulator is made, so runs repeat exactly.
EVENTUAL_THROTTLE_RATE = 0.04
EVENTUAL_THROTTLE_SEED = 20


@dataclass(frozen=True)
class Consistency:
    """The emulator's timing rules; zero and ``None`` mean "at once" and "as defined"."""

    name: str = "immediate"
    #: Seconds a role deletion task runs; ``None`` keeps the role definition's delay.
    role_deletion_seconds: float | None = None
    #: Seconds the service still uses its role after the replication set is gone.
    role_in_use_seconds: float = 0.0
    #: Seconds before a new grant to a user (or the user's groups) takes effect.
    policy_delay_seconds: float = 0.0
    #: Items per page of IAM ``List*`` answers; ``None`` leaves paging to moto.
    list_page_size: int | None = None
    #: Seconds a new IAM entity answers ``NoSuchEntity`` to the requests that name it.
    new_entity_hidden_seconds: float = 0.0
    #: Seconds a new role cannot be assumed or used by an EventBridge target.
    new_role_unusable_seconds: float = 0.0
    #: The share of requests throttled, and the seed of the draw.
    throttle_rate: float = 0.0
    throttle_seed: int = 0
    #: Whether a replication set's first deletion fails: it becomes ACTIVE again, as a set
    #: whose deletion the service could not finish yet (the page advises asking again).
    first_set_deletion_fails: bool = False


IMMEDIATE = Consistency()
EVENTUAL = Consistency(
    name="eventual",
    role_deletion_seconds=EVENTUAL_ROLE_DELETION_SECONDS,
    role_in_use_seconds=EVENTUAL_ROLE_IN_USE_SECONDS,
    policy_delay_seconds=EVENTUAL_POLICY_DELAY_SECONDS,
    list_page_size=EVENTUAL_LIST_PAGE_SIZE,
    new_entity_hidden_seconds=EVENTUAL_NEW_ENTITY_HIDDEN_SECONDS,
    new_role_unusable_seconds=EVENTUAL_NEW_ROLE_UNUSABLE_SECONDS,
    throttle_rate=EVENTUAL_THROTTLE_RATE,
    throttle_seed=EVENTUAL_THROTTLE_SEED,
    first_set_deletion_fails=True,
)

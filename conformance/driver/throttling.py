"""Asking a throttled request again, with backoff on the backend's clock.

Any AWS request may be throttled, and a client is expected to ask again after a pause. Clients
of a live account already do (botocore's standard retry mode sleeps in real time); an
emulator's clients are made to answer at once, so the suite retries their throttling errors
itself: a ``needs-retry`` handler lets the backend's clock pass (virtual time on emulators,
so no real second is spent) and tells botocore to send the request again at once. Only
throttling is retried, never another error, and never on a live backend, which would retry
twice over.
"""

from __future__ import annotations

from typing import Any

from conformance.clock import Clock

#: The error codes by which AWS services say "slow down" (those botocore's standard retry
#: mode treats as throttling).
THROTTLING_CODES = frozenset(
    {
        "Throttling",
        "ThrottlingException",
        "ThrottledException",
        "RequestThrottledException",
        "TooManyRequestsException",
        "ProvisionedThroughputExceededException",
        "TransactionInProgressException",
        "RequestLimitExceeded",
        "BandwidthLimitExceeded",
        "LimitExceededException",
        "RequestThrottled",
        "SlowDown",
        "PriorRequestNotComplete",
        "EC2ThrottledException",
    }
)
#: Attempts in all, as botocore's standard mode makes them.
MAX_ATTEMPTS = 5
#: Backoff before the second attempt, doubled for each further one, up to the cap.
BASE_SECONDS = 1.0
CAP_SECONDS = 20.0


def is_throttled(response: Any) -> bool:
    """Whether botocore's ``(http_response, parsed)`` pair is a throttling error."""
    if not isinstance(response, tuple) or len(response) != 2:
        return False
    parsed = response[1]
    code = parsed.get("Error", {}).get("Code") if isinstance(parsed, dict) else None
    return code in THROTTLING_CODES


def backoff_seconds(attempts: int) -> float:
    """The pause after the ``attempts``-th attempt was throttled."""
    return float(min(CAP_SECONDS, BASE_SECONDS * 2 ** (attempts - 1)))


def retry_throttling(client: Any, clock: Clock) -> Any:
    """Make ``client`` ask a throttled request again, up to ``MAX_ATTEMPTS`` in all, pausing on
    ``clock``; answers the client."""

    def needs_retry(response: Any = None, attempts: int = 1, **_: Any) -> float | None:
        if attempts >= MAX_ATTEMPTS or not is_throttled(response):
            return None
        clock.sleep(backoff_seconds(attempts))
        return 0.0  # botocore sleeps this long in real time before asking again

    client.meta.events.register("needs-retry", needs_retry)
    return client

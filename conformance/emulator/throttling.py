"""Throttling: any AWS request may be refused with a throttling error, and asked again.

AWS throttles requests beyond an account's rate, and a client that does not retry them fails
on a correct account. The eventually consistent emulator therefore throttles a small share of
the requests to the services it answers, drawn from a generator seeded when the emulator is
made, so that a run in a new process, and a baseline recorded from it, repeats exactly. Two requests in a row are never
throttled: a client that retries with backoff always gets through.
"""

from __future__ import annotations

import random

from conformance.emulator.errors import EmulatorError

#: The throttling error of each service the emulator answers: wire code and HTTP status, as
#: the service's API reference lists it (IAM, STS and CloudWatch's query protocol: Throttling).
THROTTLING_ERRORS: dict[str, tuple[str, int]] = {
    "ssm-incidents": ("ThrottlingException", 429),
    "ssm-contacts": ("ThrottlingException", 400),
    "iam": ("Throttling", 400),
    "sts": ("Throttling", 400),
    "events": ("ThrottlingException", 400),
    "monitoring": ("Throttling", 400),
}


class Throttle:
    """Refuses a seeded share of requests with the service's throttling error."""

    def __init__(self, rate: float, seed: int) -> None:
        self.rate = rate
        self.seed = seed
        #: Requests throttled over the emulator's life.
        self.throttled = 0
        self._draw = random.Random(seed)
        self._throttled_last = False

    def reset(self) -> None:
        """An emulator reset keeps the draw going: a scenario is shorter than the gap between
        two throttled requests, so starting again at every reset would throttle none. A new
        emulator starts from the seed, so a run in a new process throttles the same requests
        every time."""
        self._throttled_last = False

    def check(self, service: str | None) -> None:
        """Raise the service's throttling error for this request, when it is drawn."""
        if self.rate <= 0 or service not in THROTTLING_ERRORS:
            return
        if self._throttled_last or self._draw.random() >= self.rate:
            self._throttled_last = False
            return
        self._throttled_last = True
        self.throttled += 1
        code, status = THROTTLING_ERRORS[service]
        raise EmulatorError("Rate exceeded", code=code, status=status)

"""The one rule for run IDs, and the name prefix built from one.

Everything a run creates is named ``slr-conf-<run id>-<kind>-<n>``, and the cleanup command
removes what starts with ``slr-conf-<run id>-``. That prefix must never match another run's
names: were ``foo-bar`` a run ID, ``cleanup --run-id foo`` would remove its resources too. So
a run ID is lower-case letters and digits only: with no ``-`` in it, the ``-`` after the ID
ends the prefix, and no other run's ID can continue it. Lower case only, because IAM names are
unique regardless of case; at most 16 characters, so every name stays within IAM's limits.
"""

from __future__ import annotations

import re
import uuid

from conformance.errors import ConfigurationError

RUN_ID = re.compile(r"[0-9a-z]{1,16}")
NAME_PREFIX = "slr-conf-"


def check_run_id(text: str) -> str:
    """``text`` when it is a valid run ID; otherwise a one-sentence configuration error."""
    if not RUN_ID.fullmatch(text):
        raise ConfigurationError(
            "A run ID is 1 to 16 lower-case letters and digits, with no '-' so that no run's "
            f"names can start like another's, not '{text}'."
        )
    return text


def new_run_id() -> str:
    """A fresh run ID: eight lower-case hexadecimal digits."""
    return uuid.uuid4().hex[:8]


def name_prefix(run_id: str) -> str:
    """What every name a run creates starts with; no other run's names start with it."""
    return f"{NAME_PREFIX}{run_id}-"


def run_id_of(name: str) -> str | None:
    """The run ID a name was built from, or ``None`` when it was not built by a run."""
    if not name.startswith(NAME_PREFIX):
        return None
    candidate = name[len(NAME_PREFIX) :].split("-", 1)[0]
    return candidate if RUN_ID.fullmatch(candidate) else None

"""Near misses: "did you mean ..." for a word the user mistyped (a command, option or ID).

Shared by the command line and the selection of requirements, so that every refusal of a
user's word offers the closest valid ones in the same way.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def close_matches(word: str, choices: Iterable[str], limit: int = 3) -> list[str]:
    """The valid words closest to ``word``, best first (case ignored), at most ``limit``."""
    options = list(choices)
    lowered = {option.lower(): option for option in options}
    found = difflib.get_close_matches(word.lower(), list(lowered), n=limit, cutoff=0.6)
    return [lowered[match] for match in found]


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """`` (did you mean 'x'?)`` or ``(did you mean 'x' or 'y'?)``, or "" when nothing is close."""
    matches = close_matches(word, choices)
    if not matches:
        return ""
    return " (did you mean " + " or ".join(f"'{m}'" for m in matches) + "?)"

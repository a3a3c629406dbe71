"""Reading a recorded fingerprints file: absent, unreadable, or taken with another normalisation.

Every drift check keeps its fingerprints in a TOML file that names the normalisation
(``scheme``) they were taken with; fingerprints of another scheme cannot be compared and must be
recorded again. This is the one place that says so.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from conformance.errors import ConfigurationError


def fingerprints_document(path: Path, scheme: int) -> dict[str, Any] | None:
    """The file's TOML, or ``None`` when nothing is recorded at ``path``."""
    if not path.is_file():
        return None
    try:
        document = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise unreadable(path, exc) from None
    if document.get("scheme") != scheme:
        raise ConfigurationError(
            f"The fingerprints in {path} were taken with another normalisation "
            f"(scheme {document.get('scheme')}, not {scheme}); record them again with --accept."
        )
    return document


def unreadable(path: Path, exc: Exception) -> ConfigurationError:
    return ConfigurationError(f"The fingerprints file {path} cannot be read ({exc}).")

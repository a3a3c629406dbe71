"""What every command shares: its exit codes, JSON on stdout, and a writable output folder.

A leaf module: the command line (``cli``), its handlers (``commands``) and the mutants import
it, and it imports nothing of theirs.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from conformance.errors import ConfigurationError

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
#: A run that could not finish (a worker process stopped): no verdict, and no certificate.
EXIT_INCOMPLETE = 3
#: A command whose standard output its reader closed (``... | head``): 128 + SIGPIPE.
EXIT_BROKEN_PIPE = 141


def print_json(document: object) -> None:
    sys.stdout.write(json.dumps(document, indent=2, sort_keys=False) + "\n")


def ensure_writable(path: Path, what: str = "output folder") -> Path:
    """Create the folder and prove it is writable before a long run starts."""
    try:
        path.mkdir(parents=True, exist_ok=True)
        probe = path / ".write-test"
        probe.write_text("ok", encoding="utf-8")
        probe.unlink()
    except OSError as exc:
        raise _unwritable(what, path, exc) from None
    return path


def write_text(path: Path, text: str, what: str) -> None:
    """Write a whole file; failing, say which ``what`` (``"changelog"``) could not be written."""
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise _unwritable(what, path, exc) from None


def _unwritable(what: str, path: Path, exc: OSError) -> ConfigurationError:
    return ConfigurationError(f"The {what} {path} cannot be written ({exc.strerror or exc}).")

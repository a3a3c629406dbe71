"""``python -m conformance.emulator``: ``slr-conformance serve`` under another name."""

from __future__ import annotations

import sys

from conformance.cli import main as cli_main


def main(argv: list[str] | None = None) -> int:
    """One set of flags, one set of checks: those of ``slr-conformance serve``."""
    return cli_main(["serve", *(sys.argv[1:] if argv is None else argv)])


if __name__ == "__main__":
    raise SystemExit(main())

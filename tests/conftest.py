"""Shared test helpers: the command line, in process (``cli``) or in a subprocess (``run_cli``).

Most tests call the command in process, as quick as a function call and answering as
``subprocess.run`` does; a subprocess is for what only a separate process shows (its exit on
a signal, what it leaves behind when killed, the console script a user types).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--built-dist",
        default=None,
        help="a folder that `make wheel` has just filled; tests/test_packaging.py checks its "
        "wheel and sdist instead of building them again",
    )


def run_cli(
    *args: str, env: dict[str, str | None] | None = None, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    """Run the CLI; an ``env`` value of ``None`` removes that variable."""
    environment = dict(os.environ)
    for key, value in (env or {}).items():
        if value is None:
            environment.pop(key, None)
        else:
            environment[key] = value
    return subprocess.run(
        [sys.executable, "-m", "conformance.cli", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=environment,
        timeout=timeout,
        check=False,
    )


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch):
    """``main`` in process, from the repository's root as ``run_cli`` runs it; an ``env``
    value of ``None`` removes that variable."""
    from conformance.cli import main

    def run(
        *args: str, env: dict[str, str | None] | None = None
    ) -> subprocess.CompletedProcess[str]:
        with monkeypatch.context() as patch:
            patch.chdir(ROOT)
            for key, value in (env or {}).items():
                if value is None:
                    patch.delenv(key, raising=False)
                else:
                    patch.setenv(key, value)
            try:
                code = main(list(args))
            except SystemExit as exit:
                code = exit.code if isinstance(exit.code, int) else 2
        out = capsys.readouterr()
        return subprocess.CompletedProcess(list(args), code, out.out, out.err)

    return run

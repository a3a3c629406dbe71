"""The emulator as a loopback HTTP server, in the foreground or in a background thread.

``serve`` is for people and their clients: ``slr-conformance serve`` (or ``python -m
conformance.emulator.server``) listens until Ctrl-C and then stops without a traceback. It runs
in real time by default (see ``timing``), because an unmodified client polls and waits, and
cannot move a virtual clock. ``start_background`` is for programs (tests): it binds a free port
and hands back the URL and a ``stop``; it serves a virtual-time emulator unless it is handed
another, because a program that starts the server steers the clock itself. Both bind only the
address asked for, loopback by default, because the emulator has no authentication at all.
"""

from __future__ import annotations

import sys
import threading
from dataclasses import dataclass, field
from typing import Any

from werkzeug.serving import BaseWSGIServer, WSGIRequestHandler, make_server

from conformance.emulator import EVENTUAL, IMMEDIATE, Emulator
from conformance.emulator.timing import ClockMode, describe_time, timed_emulator

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 5000


class _QuietHandler(WSGIRequestHandler):
    """Background servers do not log every request."""

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        return None


@dataclass
class RunningServer:
    """A server running in a background thread."""

    url: str
    emulator: Emulator
    _server: BaseWSGIServer = field(repr=False)
    _thread: threading.Thread = field(repr=False)

    def stop(self) -> None:
        """Stop serving and release the port; idempotent."""
        if self._thread.is_alive():
            self._server.shutdown()
            self._thread.join(timeout=10)
        self._server.server_close()

    def __enter__(self) -> RunningServer:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.stop()


def _url(server: BaseWSGIServer, host: str) -> str:
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{server.server_port}"


def start_background(
    host: str = DEFAULT_HOST, port: int = 0, emulator: Emulator | None = None
) -> RunningServer:
    """Serve ``emulator`` (a new one by default) on ``host``; ``port`` 0 picks a free port."""
    emulator = emulator if emulator is not None else Emulator()
    server = make_server(host, port, emulator.app, threaded=True, request_handler=_QuietHandler)
    thread = threading.Thread(
        target=server.serve_forever,
        kwargs={"poll_interval": 0.05},
        name="emulator-server",
        daemon=True,
    )
    thread.start()
    return RunningServer(_url(server, host), emulator, server, thread)


def serve(
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    emulator: Emulator | None = None,
    *,
    clock: ClockMode = "real",
    async_seconds: float | None = None,
    eventual: bool = False,
) -> None:
    """Serve in the foreground until interrupted.

    Without an ``emulator``, a new one keeps time as ``clock`` and ``async_seconds`` say
    (``timing.timed_emulator``): real time, by default; ``eventual`` makes it eventually
    consistent (``consistency.EVENTUAL``).
    """
    consistency = EVENTUAL if eventual else IMMEDIATE
    if emulator is None:
        emulator = timed_emulator(clock, async_seconds, consistency)
    server = make_server(host, port, emulator.app, threaded=True)
    sys.stderr.write(
        f"Incident Manager emulator listening on {_url(server, host)} "
        f"({describe_time(emulator)}; Ctrl-C stops it)\n"
    )
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        sys.stderr.write("stopping\n")
    finally:
        server.server_close()


def main(argv: list[str] | None = None) -> int:
    """``slr-conformance serve`` under another name: one set of flags, one set of checks."""
    from conformance.cli import main as cli_main

    return cli_main(["serve", *(sys.argv[1:] if argv is None else argv)])


if __name__ == "__main__":
    raise SystemExit(main())

"""The emulator as a loopback HTTP server, in the foreground or in a background thread.

``serve`` is for people: ``python -m conformance.emulator.server`` listens until Ctrl-C and
then stops without a traceback. ``start_background`` is for programs (the ``reference-server``
backend, tests): it binds a free port and hands back the URL and a ``stop``. Both bind only the
address asked for, loopback by default, because the emulator has no authentication at all.
"""

from __future__ import annotations

import argparse
import sys
import threading
from dataclasses import dataclass, field
from typing import Any

from werkzeug.serving import BaseWSGIServer, WSGIRequestHandler, make_server

from conformance.emulator import Emulator

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
    host: str = DEFAULT_HOST, port: int = DEFAULT_PORT, emulator: Emulator | None = None
) -> None:
    """Serve in the foreground until interrupted."""
    emulator = emulator if emulator is not None else Emulator()
    server = make_server(host, port, emulator.app, threaded=True)
    sys.stderr.write(
        f"Incident Manager emulator listening on {_url(server, host)} (Ctrl-C stops it)\n"
    )
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        sys.stderr.write("stopping\n")
    finally:
        server.server_close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Run the reference Incident Manager emulator.")
    parser.add_argument("--host", default=DEFAULT_HOST, help="address to bind (default loopback)")
    parser.add_argument("--port", type=int, default=DEFAULT_PORT)
    options = parser.parse_args(argv)
    serve(options.host, options.port)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""The emulator as a loopback HTTP server, in the foreground or in a background thread.

``serve`` is for people and their clients: ``slr-conformance serve`` (or ``python -m
conformance.emulator``) listens until Ctrl-C and then stops without a traceback. It runs
in real time by default (see ``timing``), because an unmodified client polls and waits, and
cannot move a virtual clock. ``start_background`` is for programs (tests): it binds a free port
and hands back the URL and a ``stop``; it serves a virtual-time emulator unless it is handed
another, because a program that starts the server steers the clock itself. Both bind only the
address asked for, loopback by default, because the emulator has no authentication at all.

Each connection is served on its own thread, and every socket read has a timeout
(``READ_TIMEOUT_SECONDS``): a client that stalls costs one idle thread until then, never
another client's time (the emulator reads bodies before it takes its lock; see ``intake``).
Requests too malformed for the HTTP layer itself (an endless header line, an unknown HTTP
version) are answered in AWS shape too, always with a 4xx.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from werkzeug.serving import BaseWSGIServer, WSGIRequestHandler, make_server

from conformance.emulator import EVENTUAL, IMMEDIATE, Emulator
from conformance.emulator.errors import EmulatorError
from conformance.emulator.exposure import Exposure, is_loopback_address
from conformance.emulator.timing import ClockMode, describe_time, timed_emulator
from conformance.emulator.wire.errors import query_error

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 5000
#: Seconds a connection may stay silent while the server waits to read from it.
READ_TIMEOUT_SECONDS = 10.0

_HTTP_LAYER_CODES = {
    408: "RequestTimeout",
    413: "RequestEntityTooLarge",
    414: "RequestURITooLong",
    431: "RequestHeaderFieldsTooLarge",
}


class _Handler(WSGIRequestHandler):
    """werkzeug's handler, with a socket timeout and AWS-shaped refusals of its own."""

    timeout = READ_TIMEOUT_SECONDS

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """The HTTP layer's refusal, before anyone knows which service the request is for.

        The body is the query protocol's ``ErrorResponse`` and the code is also in
        ``x-amzn-ErrorType``, which is where SDKs of the JSON protocols read it when the body
        is not JSON: both families get an error code. http.server answers an unsupported
        HTTP version with 505; that is the client's mistake, so it is a 400 like every other
        malformed request line.
        """
        status = code if 400 <= code < 500 else 400
        error = EmulatorError(
            f"{message or self.responses.get(status, ('Bad Request',))[0]}.",
            code=_HTTP_LAYER_CODES.get(status, "BadRequest"),
            status=status,
        )
        answer = query_error(error)
        body = answer.get_data()
        self.log_error("code %d, message %s", status, error.message)
        self.send_response(status, self.responses.get(status, ("Bad Request",))[0])
        self.send_header("Connection", "close")
        self.send_header("Content-Type", answer.content_type or "text/xml")
        self.send_header("x-amzn-ErrorType", error.code)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if getattr(self, "command", None) != "HEAD":
            self.wfile.write(body)


class _QuietHandler(_Handler):
    """Background servers do not log every request."""

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        return None

    def log_error(self, format: str, *args: Any) -> None:
        return None


def _handler(timeout: float, quiet: bool) -> type[_Handler]:
    base = _QuietHandler if quiet else _Handler
    if timeout == base.timeout:
        return base
    return type(base.__name__, (base,), {"timeout": timeout})


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
    host: str = DEFAULT_HOST,
    port: int = 0,
    emulator: Emulator | None = None,
    *,
    exposure: Exposure | None = None,
    read_timeout: float = READ_TIMEOUT_SECONDS,
) -> RunningServer:
    """Serve ``emulator`` (a new one by default) on ``host``; ``port`` 0 picks a free port.

    ``exposure``, when given, replaces the emulator's (what it lets in, how much it reads).
    """
    emulator = emulator if emulator is not None else Emulator()
    if exposure is not None:
        emulator.app.exposure = exposure
    server = make_server(
        host, port, emulator.app, threaded=True, request_handler=_handler(read_timeout, True)
    )
    # stop() must not wait for the thread of a client that stalls
    server.daemon_threads = True  # type: ignore[attr-defined]
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
    allow_hosts: Iterable[str] = (),
    moto_api: bool = False,
) -> None:
    """Serve in the foreground until interrupted.

    Without an ``emulator``, a new one keeps time as ``clock`` and ``async_seconds`` say
    (``timing.timed_emulator``): real time, by default; ``eventual`` makes it eventually
    consistent (``consistency.EVENTUAL``). ``allow_hosts`` are host names, besides loopback,
    under which the control protocol answers; ``moto_api`` opens moto's admin API.
    """
    consistency = EVENTUAL if eventual else IMMEDIATE
    if emulator is None:
        emulator = timed_emulator(clock, async_seconds, consistency)
    emulator.app.exposure = Exposure.serving(allow_hosts, moto_api=moto_api)
    if not is_loopback_address(host):
        sys.stderr.write(
            f"warning: {host} is not a loopback address, so other machines can reach the "
            "emulator, which has no authentication; its control protocol still answers only "
            "loopback host names and those given with --allow-host\n"
        )
    server = make_server(host, port, emulator.app, threaded=True, request_handler=_Handler)
    # stop() must not wait for the thread of a client that stalls
    server.daemon_threads = True  # type: ignore[attr-defined]
    exposure = emulator.app.exposure
    extras = "".join(
        [
            f"; controls also for {', '.join(sorted(exposure.allowed_hosts))}"
            if exposure.allowed_hosts
            else "",
            "; moto's admin API at /moto-api" if exposure.moto_api else "",
        ]
    )
    sys.stderr.write(
        f"Incident Manager emulator listening on {_url(server, host)} "
        f"({describe_time(emulator)}{extras}; Ctrl-C stops it)\n"
    )
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        sys.stderr.write("stopping\n")
    finally:
        server.server_close()

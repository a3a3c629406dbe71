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
A client that trickles its request line and headers (one line every few seconds, each within
the read timeout) is cut off when ``HEADER_DEADLINE_SECONDS`` have passed since it began, and
the server holds at most ``MAX_CONNECTIONS`` connections at once: one more is answered 503 and
closed at once, so that no client can exhaust the server's threads. Requests too malformed
for the HTTP layer itself (an endless header line, an HTTP version other than 1.0 or 1.1, a
request line without one) are answered in AWS shape too, with a status line and a 4xx.
"""

from __future__ import annotations

import contextlib
import re
import socket
import sys
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from werkzeug.serving import BaseWSGIServer, ThreadedWSGIServer, WSGIRequestHandler

from conformance.emulator import EVENTUAL, IMMEDIATE, Emulator
from conformance.emulator.errors import EmulatorError
from conformance.emulator.exposure import Exposure, is_loopback_address
from conformance.emulator.timing import ClockMode, describe_time, timed_emulator
from conformance.emulator.wire.errors import query_error

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 5000
#: Seconds a connection may stay silent while the server waits to read from it.
READ_TIMEOUT_SECONDS = 10.0
#: Seconds a client has, from its first byte (or its previous answer), to send its headers.
HEADER_DEADLINE_SECONDS = 10.0
#: Connections served at once; more are refused with 503 until one ends.
MAX_CONNECTIONS = 512
#: A request line as HTTP/1.x writes it: method, target, version.
_REQUEST_LINE = re.compile(rb"[!#$%&'*+.^_`|~0-9A-Za-z-]{1,32} [^ \r\n]+ HTTP/1\.[01]\r?\n")
_HTTP_VERSION = re.compile(rb"HTTP/[0-9]+\.[0-9]+")

_HTTP_LAYER_CODES = {
    408: "RequestTimeout",
    413: "RequestEntityTooLarge",
    503: "ServiceUnavailable",
    414: "RequestURITooLong",
    431: "RequestHeaderFieldsTooLarge",
}


class _Deadlines:
    """Cuts off connections whose headers are not in by their deadline.

    One thread for the whole server looks twice a second; cutting is shutting the socket's
    reading side, so the handler's read ends at once and it can still answer 408.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._due: dict[_Handler, float] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="header-deadlines", daemon=True)
        self._thread.start()

    def watch(self, handler: _Handler, seconds: float) -> None:
        with self._lock:
            self._due[handler] = time.monotonic() + seconds

    def forget(self, handler: _Handler) -> None:
        with self._lock:
            self._due.pop(handler, None)

    def _run(self) -> None:
        while not self._stop.wait(0.5):
            now = time.monotonic()
            with self._lock:
                late = [h for h, due in self._due.items() if due <= now]
                for handler in late:
                    del self._due[handler]
            for handler in late:
                handler.cut_off()

    def stop(self) -> None:
        self._stop.set()


class _Server(ThreadedWSGIServer):
    """werkzeug's threaded server, with a cap on connections and a deadline for headers."""

    daemon_threads = True  # stop() must not wait for the thread of a client that stalls

    def __init__(self, *args: Any, max_connections: int = MAX_CONNECTIONS, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.slots = threading.BoundedSemaphore(max_connections)
        self.deadlines = _Deadlines()

    def process_request(self, request: Any, client_address: Any) -> None:
        if not self.slots.acquire(blocking=False):
            _refuse_busy(request)
            self.shutdown_request(request)
            return
        try:
            super().process_request(request, client_address)
        except BaseException:
            self.slots.release()
            raise

    def process_request_thread(self, request: Any, client_address: Any) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            self.slots.release()

    def server_close(self) -> None:
        self.deadlines.stop()
        super().server_close()


def make_server(
    host: str,
    port: int,
    app: Any,
    *,
    request_handler: type[_Handler],
    max_connections: int = MAX_CONNECTIONS,
) -> BaseWSGIServer:
    """A threaded server of ``app`` on ``host``, capped and with header deadlines."""
    return _Server(host, port, app, request_handler, max_connections=max_connections)


def _refuse_busy(request: socket.socket) -> None:
    """The answer to a connection over the cap, written before anything is read."""
    error = EmulatorError(
        "The emulator is serving as many connections as it takes; try again.",
        code="ServiceUnavailable",
        status=503,
    )
    body = query_error(error).get_data()
    head = (
        "HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nContent-Type: text/xml\r\n"
        f"x-amzn-ErrorType: ServiceUnavailable\r\nContent-Length: {len(body)}\r\n\r\n"
    )
    try:
        request.settimeout(1.0)
        request.sendall(head.encode("ascii") + body)
    except OSError:
        pass


class _Handler(WSGIRequestHandler):
    """werkzeug's handler, with socket and header deadlines and AWS-shaped refusals."""

    timeout = READ_TIMEOUT_SECONDS
    header_deadline = HEADER_DEADLINE_SECONDS
    _cut_off = False

    def handle_one_request(self) -> None:
        deadlines = getattr(self.server, "deadlines", None)
        if deadlines is None:
            super().handle_one_request()
            return
        deadlines.watch(self, self.header_deadline)
        try:
            super().handle_one_request()
        finally:
            deadlines.forget(self)

    def cut_off(self) -> None:
        """The headers missed their deadline: end the reading, so the handler answers 408."""
        self._cut_off = True
        with contextlib.suppress(OSError):
            self.connection.shutdown(socket.SHUT_RD)

    def parse_request(self) -> bool:
        """A request line of HTTP/1.0 or 1.1 and headers in time, else a 4xx with a status line."""
        refusal = self._request_line_refusal()
        if refusal is None:
            parsed = super().parse_request()
            deadlines = getattr(self.server, "deadlines", None)
            if deadlines is not None:
                deadlines.forget(self)  # the body has a deadline of its own (``intake``)
            if not self._cut_off:
                return parsed
            refusal = (408, "The request headers took too long to arrive")
        self.request_version = "HTTP/1.0"  # so that the refusal has a status line and headers
        self.close_connection = True
        self.send_error(*refusal)
        return False

    def _request_line_refusal(self) -> tuple[int, str] | None:
        line = bytes(self.raw_requestline)
        if self._cut_off:
            return 408, "The request line took too long to arrive"
        if _REQUEST_LINE.fullmatch(line):
            return None
        words = line.split()
        if len(words) == 3 and _HTTP_VERSION.fullmatch(words[2]):
            return 400, "Only HTTP/1.0 and HTTP/1.1 are served"
        return 400, "The request line is not METHOD TARGET HTTP/1.x"

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """The HTTP layer's refusal, before anyone knows which service the request is for.

        The body is the query protocol's ``ErrorResponse`` and the code is also in
        ``x-amzn-ErrorType``, which is where SDKs of the JSON protocols read it when the body
        is not JSON: both families get an error code. http.server answers an unsupported
        HTTP version with 505; that is the client's mistake, so it is a 400 like every other
        malformed request line.
        """
        status = code if 400 <= code < 500 or code == 503 else 400
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


def _handler(
    timeout: float, quiet: bool, header_deadline: float = HEADER_DEADLINE_SECONDS
) -> type[_Handler]:
    base = _QuietHandler if quiet else _Handler
    if timeout == base.timeout and header_deadline == base.header_deadline:
        return base
    return type(base.__name__, (base,), {"timeout": timeout, "header_deadline": header_deadline})


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
    header_deadline: float = HEADER_DEADLINE_SECONDS,
    max_connections: int = MAX_CONNECTIONS,
) -> RunningServer:
    """Serve ``emulator`` (a new one by default) on ``host``; ``port`` 0 picks a free port.

    ``exposure``, when given, replaces the emulator's (what it lets in, how much it reads);
    otherwise the emulator's own holds, with the ``Host`` rule on every route.
    """
    emulator = emulator if emulator is not None else Emulator()
    emulator.app.exposure = (
        exposure if exposure is not None else replace(emulator.app.exposure, every_route=True)
    )
    server = make_server(
        host,
        port,
        emulator.app,
        request_handler=_handler(read_timeout, True, header_deadline),
        max_connections=max_connections,
    )
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
            "emulator, which has no authentication; it still answers only loopback host names "
            "and those given with --allow-host\n"
        )
    server = make_server(host, port, emulator.app, request_handler=_Handler)
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

"""Reading a request's body before the emulator's lock is taken, bounded in size and time.

The emulator serves one request at a time (moto's backends are not thread-safe), but reading a
body is I/O at the client's pace: a client that announces ``Content-Length: 100`` and sends
nothing must delay nobody but itself. So the body is read here, outside the lock, into memory,
and every part of the emulator after this reads it from there. A body larger than the limit
is refused before it is read (``RequestEntityTooLarge``, 413); a client that stops sending is
refused when the server's socket timeout or the overall deadline passes
(``RequestTimeout``, 408).
"""

from __future__ import annotations

import io
import time
from typing import Any

from conformance.emulator.errors import (
    RequestEntityTooLarge,
    RequestTimeout,
    SerializationException,
)

__all__ = ["BODY_DEADLINE_SECONDS", "MAX_BODY_BYTES", "buffer_body", "release"]

#: The largest body the emulator reads: far above any Incident Manager or IAM request.
MAX_BODY_BYTES = 8 * 1024 * 1024
#: The longest a client may take to send its whole body, however steadily it trickles.
BODY_DEADLINE_SECONDS = 30.0
_CHUNK = 64 * 1024


def _announced_length(environ: dict[str, Any], limit: int) -> int | None:
    """The ``Content-Length`` (``None`` for a chunked body), refused when it cannot be served."""
    if (
        environ.get("wsgi.input_terminated")
        or "chunked" in str(environ.get("HTTP_TRANSFER_ENCODING", "")).lower()
    ):
        return None
    text = str(environ.get("CONTENT_LENGTH") or "").strip()
    if not text:
        return 0
    if not (text.isascii() and text.isdigit()):
        raise SerializationException(f"The Content-Length {text[:32]!r} is not a number of bytes.")
    length = int(text) if len(text) <= 18 else limit + 1
    if length > limit:
        raise RequestEntityTooLarge(
            f"The request body is larger than the emulator reads ({limit} bytes)."
        )
    return length


def buffer_body(
    environ: dict[str, Any],
    limit: int = MAX_BODY_BYTES,
    deadline_seconds: float = BODY_DEADLINE_SECONDS,
) -> bytes:
    """Read the whole body, then make ``environ``'s input that buffer; answers the body."""
    length = _announced_length(environ, limit)
    stream = environ.get("wsgi.input")
    parts: list[bytes] = []
    received = 0
    if stream is not None and length != 0:
        read = getattr(stream, "read1", None) or stream.read
        deadline = time.monotonic() + deadline_seconds
        while length is None or received < length:
            want = _CHUNK if length is None else min(_CHUNK, length - received)
            try:
                chunk = read(want)
            except TimeoutError:
                raise RequestTimeout("The client stopped sending the request body.") from None
            except OSError:  # a broken chunked encoding, or the client went away
                raise SerializationException("The request body could not be read.") from None
            if not chunk:
                if length is not None:
                    raise SerializationException(
                        f"The request body ended after {received} of {length} bytes."
                    )
                break
            parts.append(chunk)
            received += len(chunk)
            if received > limit:
                raise RequestEntityTooLarge(
                    f"The request body is larger than the emulator reads ({limit} bytes)."
                )
            if time.monotonic() > deadline:
                raise RequestTimeout(
                    f"The client took more than {deadline_seconds:g} s to send its body."
                )
    body = b"".join(parts)
    environ["wsgi.input"] = io.BytesIO(body)
    environ["CONTENT_LENGTH"] = str(len(body))
    environ.pop("wsgi.input_terminated", None)
    environ.pop("HTTP_TRANSFER_ENCODING", None)
    return body


def release(environ: dict[str, Any]) -> None:
    """Let go of a finished request's body and of the request object werkzeug parked in it.

    werkzeug's ``Request(environ)`` stores itself in ``environ["werkzeug.request"]`` and the
    environ in itself: a reference cycle that only the cyclic garbage collector frees, so
    every body stayed in memory until it ran. Breaking the cycle when the answer is made
    frees the body at once.
    """
    environ.pop("werkzeug.request", None)
    environ["wsgi.input"] = io.BytesIO()

"""Who may reach what on a served emulator: the control protocol, and moto's admin API.

The emulator has no authentication, so it listens on loopback; but a web page open in the
developer's browser can still send requests to 127.0.0.1. Two rules keep such a page from
resetting or steering the emulator through the control protocol:

* a control request that can change anything (any method but ``GET`` and ``HEAD``) must say
  ``Content-Type: application/json``, which a page can send cross-site only after a CORS
  preflight that the emulator never grants;
* every control request must name a loopback host (``127.0.0.1``, ``localhost`` or ``[::1]``,
  with any port) in its ``Host`` header, so that a page whose own host name was made to
  resolve to 127.0.0.1 (DNS rebinding) is refused. Inside a container, where clients use
  another name for the emulator, ``serve --allow-host NAME`` adds that name.

moto's own admin API (``/moto-api/...``: its dashboard, reset, seeding, and the recorder that
replays requests to any URL) is not part of the emulator and is reachable only with
``serve --moto-api``.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from dataclasses import dataclass, field

from werkzeug import Request

from conformance.emulator.intake import BODY_DEADLINE_SECONDS, MAX_BODY_BYTES

__all__ = ["LOOPBACK_HOSTS", "Exposure", "control_refusal", "host_name", "is_loopback_address"]

#: Host names that always reach the control protocol.
LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})
_READ_ONLY = frozenset({"GET", "HEAD"})


@dataclass(frozen=True)
class Exposure:
    """What a served emulator lets in, and how much of a request it reads."""

    allowed_hosts: frozenset[str] = field(default_factory=frozenset)
    moto_api: bool = False
    max_body_bytes: int = MAX_BODY_BYTES
    body_deadline_seconds: float = BODY_DEADLINE_SECONDS

    @classmethod
    def serving(cls, allowed_hosts: Iterable[str] = (), *, moto_api: bool = False) -> Exposure:
        """The exposure ``serve`` asks for: loopback, plus ``allowed_hosts`` (any case)."""
        names = frozenset(name for host in allowed_hosts if (name := host_name(host)))
        return cls(allowed_hosts=names, moto_api=moto_api)

    def host_allowed(self, host_header: str) -> bool:
        name = host_name(host_header)
        return name is not None and (name in LOOPBACK_HOSTS or name in self.allowed_hosts)


def host_name(host_header: str) -> str | None:
    """The host of a ``Host`` header without its port, lower case (``[::1]:5000`` -> ``::1``)."""
    text = host_header.strip().lower()
    if not text:
        return None
    if text.startswith("["):
        end = text.find("]")
        port = text[end + 1 :] if end >= 0 else None
        if port is None or (port and not (port[:1] == ":" and _is_port(port[1:]))):
            return None
        return text[1:end] or None
    name, colon, port = text.partition(":")
    if colon and not _is_port(port):
        return None
    return name.rstrip(".") or None


def _is_port(text: str) -> bool:
    return text.isascii() and text.isdigit() and len(text) <= 5


def is_loopback_address(host: str) -> bool:
    """Whether binding ``host`` keeps the emulator on this machine."""
    name = host.strip("[]").lower()
    if name == "localhost":
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def control_refusal(request: Request, exposure: Exposure) -> tuple[int, str] | None:
    """Why a control request is refused (status and one sentence), or ``None``."""
    if not exposure.host_allowed(request.headers.get("Host", "")):
        return 403, (
            "The control protocol answers only requests for a loopback host (127.0.0.1, "
            "localhost or [::1]); serve with --allow-host NAME to add another name."
        )
    if request.method not in _READ_ONLY and request.mimetype != "application/json":
        return (
            415,
            "Control requests that change anything must send Content-Type: application/json.",
        )
    return None

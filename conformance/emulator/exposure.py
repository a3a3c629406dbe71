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

The same page could reach the AWS routes (delete everything) and, with ``--moto-api``, moto's
admin API (a ``text/plain`` POST to reset needs no preflight). So a served emulator applies the
``Host`` rule to every route, and refuses any request whose ``Origin`` names a host that is not
loopback or allowed: the browser sends ``Origin`` on every cross-site request and preflight,
so a foreign page is refused before anything happens, and moto never echoes its origin back in
``Access-Control-Allow-Origin``. Clients outside a browser send no ``Origin`` at all. The
emulator in process (the ``reference`` backend) has no network to guard, and no ``Host`` rule.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

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
    #: Served over HTTP: the ``Host`` and ``Origin`` rules hold on every route, not only the
    #: control protocol's.
    every_route: bool = False

    @classmethod
    def serving(cls, allowed_hosts: Iterable[str] = (), *, moto_api: bool = False) -> Exposure:
        """The exposure ``serve`` asks for: loopback, plus ``allowed_hosts`` (any case)."""
        names = frozenset(name for host in allowed_hosts if (name := host_name(host)))
        return cls(allowed_hosts=names, moto_api=moto_api, every_route=True)

    def host_allowed(self, host_header: str) -> bool:
        name = host_name(host_header)
        return name is not None and (name in LOOPBACK_HOSTS or name in self.allowed_hosts)

    def origin_allowed(self, origin: str | None) -> bool:
        """No ``Origin`` (not a browser), or one whose host is loopback or allowed."""
        if origin is None:
            return True
        try:
            parts = urlsplit(origin.strip())
            name = parts.hostname
        except ValueError:
            return False
        if parts.scheme not in ("http", "https") or not name:
            return False  # "null" (a sandboxed page, a file) and anything unreadable
        return name.rstrip(".") in LOOPBACK_HOSTS or name.rstrip(".") in self.allowed_hosts

    def route_refusal(self, request: Request, *, admin: bool) -> str | None:
        """Why a request for an AWS route (or moto's ``admin`` API) is refused, or ``None``."""
        if (self.every_route or admin) and not self.origin_allowed(request.headers.get("Origin")):
            return (
                "Requests from a web page of another origin are refused: the emulator answers "
                "pages on loopback host names and those given with --allow-host."
            )
        if self.every_route and not self.host_allowed(request.headers.get("Host", "")):
            return (
                "The emulator answers only requests for a loopback host (127.0.0.1, localhost "
                "or [::1]); serve with --allow-host NAME to add the name clients use."
            )
        return None


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
    if not exposure.origin_allowed(request.headers.get("Origin")):
        return 403, "Control requests from a web page of another origin are refused."
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

"""The control protocol: test levers an emulator offers over HTTP, as small JSON documents.

Any emulator can implement it; the ``endpoint`` backend uses it whenever the emulator at the
URL answers the discovery request. The protocol, version 1 (all paths under ``/_conformance/v1``):

* ``GET /controls``: answers ``{"protocol": "slr-conformance-controls", "version": 1,
  "capabilities": [...]}``.
* ``POST /reset`` with ``{}``: every service's state is cleared; answers ``{}``.
* ``GET /clock``: answers ``{"now": <epoch seconds>}``.
* ``POST /clock`` with ``{"advance_seconds": <number >= 0>}``: answers ``{"now": <epoch seconds>}``.
* ``GET /clock/next`` (capability ``clock-next``): answers ``{"now": <epoch seconds>, "next":
  <epoch seconds> | null}``, the time of the emulator's next change that happens by itself (a
  replication set settling, a deletion task ending), or ``null`` when none is scheduled. The
  suite's waits jump straight to it; an emulator without it is polled every interval.
* ``POST /faults`` with ``{"fault": "role-in-use", "duration_seconds": <n>}``: answers ``{}``.
* ``DELETE /faults``: clears every fault; answers ``{}``.
* ``POST /permissions`` with ``{"enforce": true | false}``: answers ``{}``.

Errors answer 4xx with ``{"error": "<one sentence>"}``. Capabilities are ``reset``, ``clock``,
``clock-next``, ``faults`` and ``permissions``; a path whose capability is not listed may answer 404.

Clients send ``Content-Type: application/json`` on every request but ``GET`` and ``HEAD``, and
a ``Host`` that names the emulator as the URL does: the reference emulator refuses other
content types (415) and hosts other than loopback or those allowed with ``serve --allow-host``
(403), so that no web page can steer it. ``HttpControls`` does both.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from typing import Any

from conformance.backends.base import ALL_CAPABILITIES

PROTOCOL_NAME = "slr-conformance-controls"
PROTOCOL_VERSION = 1
PREFIX = "/_conformance/v1"


class ControlProtocolError(Exception):
    """The emulator answered a control request with an error."""


class HttpControls:
    """The control protocol's client side."""

    def __init__(self, endpoint_url: str, capabilities: frozenset[str], timeout: float = 10.0):
        self._base = endpoint_url.rstrip("/") + PREFIX
        self._capabilities = capabilities
        self._timeout = timeout

    @classmethod
    def discover(cls, endpoint_url: str, timeout: float = 5.0) -> HttpControls | None:
        """The emulator's controls, or ``None`` when it does not speak the protocol."""
        try:
            answer = _request("GET", endpoint_url.rstrip("/") + PREFIX + "/controls", None, timeout)
        except (ControlProtocolError, OSError, ValueError):
            return None
        if answer.get("protocol") != PROTOCOL_NAME or answer.get("version") != PROTOCOL_VERSION:
            return None
        offered = frozenset(str(c) for c in answer.get("capabilities", []))
        return cls(endpoint_url, offered & ALL_CAPABILITIES, timeout)

    @property
    def capabilities(self) -> frozenset[str]:
        return self._capabilities

    def _call(self, method: str, path: str, body: dict[str, Any] | None = None) -> dict[str, Any]:
        return _request(method, self._base + path, body, self._timeout)

    def reset(self) -> None:
        self._call("POST", "/reset", {})

    def now(self) -> float:
        return float(self._call("GET", "/clock")["now"])

    def advance_clock(self, seconds: float) -> float:
        return float(self._call("POST", "/clock", {"advance_seconds": seconds})["now"])

    def next_change(self) -> float | None:
        upcoming = self._call("GET", "/clock/next").get("next")
        return None if upcoming is None else float(upcoming)

    def inject_fault(self, fault: str, duration_seconds: float) -> None:
        self._call("POST", "/faults", {"fault": fault, "duration_seconds": duration_seconds})

    def clear_faults(self) -> None:
        self._call("DELETE", "/faults")

    def set_permission_checks(self, enabled: bool) -> None:
        self._call("POST", "/permissions", {"enforce": enabled})


def _request(method: str, url: str, body: dict[str, Any] | None, timeout: float) -> dict[str, Any]:
    data = None if body is None else json.dumps(body).encode("utf-8")
    request = urllib.request.Request(url, data=data, method=method)
    request.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            raw = response.read()
    except urllib.error.HTTPError as exc:
        detail = exc.read().decode("utf-8", "replace")
        raise ControlProtocolError(f"{method} {url} answered {exc.code}: {detail}") from exc
    parsed = json.loads(raw or b"{}")
    if not isinstance(parsed, dict):
        raise ControlProtocolError(f"{method} {url} did not answer a JSON object")
    return parsed

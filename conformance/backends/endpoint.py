"""Any emulator already running at a URL: LocalStack, a third party's, or ours.

When the emulator speaks the control protocol (``conformance.backends.controls``) the suite resets it
between scenarios and moves its clock; otherwise the suite cleans up after each scenario and
skips, with the reason, the scenarios that need a control.
"""

from __future__ import annotations

import json
import urllib.request

from conformance.backends.base import CLOCK, CLOCK_NEXT, BackendDescription
from conformance.backends.common import (
    BackendBase,
    EndpointClients,
    botocore_version,
    caller_account,
    check_reachable,
)
from conformance.backends.controls import HttpControls
from conformance.backends.registry import BackendOptions
from conformance.clock import RealClock, RemoteClock
from conformance.errors import ConfigurationError


class EndpointBackend(BackendBase):
    name = "endpoint"

    def __init__(self, options: BackendOptions) -> None:
        if not options.endpoint_url:
            raise ConfigurationError(
                "The endpoint backend needs --endpoint-url (for example http://127.0.0.1:5000)."
            )
        if not options.endpoint_url.startswith(("http://", "https://")):
            raise ConfigurationError(
                f"The endpoint URL {options.endpoint_url} must start with http:// or https://."
            )
        super().__init__(options.region, RealClock())
        self._url = options.endpoint_url.rstrip("/")
        self._clients = EndpointClients(self._url, self._region)

    def start(self) -> None:
        check_reachable(self._url)
        controls = self._controls = HttpControls.discover(self._url)
        if controls is not None and CLOCK in controls.capabilities:
            self._clock = RemoteClock(
                controls.now,
                controls.advance_clock,
                controls.next_change if CLOCK_NEXT in controls.capabilities else None,
            )
        self._account = caller_account(self.client, self._account)

    def stop(self) -> None:
        return None

    def describe(self) -> BackendDescription:
        return BackendDescription(
            self.name,
            _server_name(self._url),
            "unknown",
            self._url,
            {"botocore": botocore_version()},
        )


def _server_name(url: str) -> str:
    """What the emulator calls itself, when it says (LocalStack's health page does)."""
    try:
        with urllib.request.urlopen(f"{url}/_localstack/health", timeout=3) as answer:
            data = json.loads(answer.read() or b"{}")
            return f"LocalStack {data.get('version', '')}".strip()
    except Exception:
        return "emulator at URL"

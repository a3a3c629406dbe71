"""Stock moto's server on 127.0.0.1, started and stopped by the suite."""

from __future__ import annotations

import subprocess
import sys
import urllib.request
from typing import Any

import moto

from conformance.backends.base import RESET, BackendDescription, Controls, Credentials
from conformance.backends.common import (
    EndpointClients,
    botocore_version,
    free_port,
    wait_for_listener,
)
from conformance.backends.moto_inprocess import MotoResetControls
from conformance.backends.registry import BackendOptions
from conformance.clock import Clock, CountingClock
from conformance.errors import ConfigurationError

STARTUP_SECONDS = 30


class MotoServerResetControls(MotoResetControls):
    """Reset through moto's own HTTP API."""

    capabilities = frozenset({RESET})

    def __init__(self, url: str) -> None:
        self._url = url

    def reset(self) -> None:
        request = urllib.request.Request(f"{self._url}/moto-api/reset", data=b"", method="POST")
        with urllib.request.urlopen(request, timeout=10):
            pass


class MotoServerBackend:
    name = "moto-server"
    live = False

    def __init__(self, options: BackendOptions) -> None:
        self._region = options.region
        self._process: subprocess.Popen[bytes] | None = None
        self._clients: EndpointClients | None = None
        self._controls: MotoServerResetControls | None = None
        self._clock = CountingClock()

    def start(self) -> None:
        """Start ``python -m moto.server`` in its own process, bound to 127.0.0.1."""
        if self._process is not None:
            return
        port = free_port()
        url = f"http://127.0.0.1:{port}"
        self._process = subprocess.Popen(
            [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        if not wait_for_listener(url, self._process, STARTUP_SECONDS):
            self.stop()
            raise ConfigurationError(
                f"moto's server did not start on {url} within {STARTUP_SECONDS} seconds."
            )
        self._clients = EndpointClients(url, self._region)
        self._controls = MotoServerResetControls(url)

    def stop(self) -> None:
        if self._process is not None:
            self._process.terminate()
            try:
                self._process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
            self._process = None

    def client(
        self, service: str, region: str | None = None, credentials: Credentials | None = None
    ) -> Any:
        assert self._clients is not None, "the backend was not started"
        return self._clients.client(service, region, credentials)

    @property
    def account_id(self) -> str:
        return "123456789012"

    @property
    def home_region(self) -> str:
        return self._region

    @property
    def clock(self) -> Clock:
        return self._clock

    @property
    def controls(self) -> Controls | None:
        return self._controls

    def describe(self) -> BackendDescription:
        endpoint = self._clients.endpoint_url if self._clients else None
        return BackendDescription(
            self.name, "moto (server)", moto.__version__, endpoint, {"botocore": botocore_version()}
        )

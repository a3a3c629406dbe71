"""The reference emulator over real HTTP, in its own process on 127.0.0.1.

The suite starts ``slr-conformance serve`` on a free port and drives it exactly as it would
drive any third-party emulator: boto3 over HTTP, and the JSON control protocol.
"""

from __future__ import annotations

import subprocess
import sys
from typing import Any

from conformance import __version__
from conformance.backends.base import CLOCK, BackendDescription, Controls, Credentials
from conformance.backends.common import (
    EndpointClients,
    botocore_version,
    free_port,
    wait_for_listener,
)
from conformance.backends.registry import BackendOptions
from conformance.clock import Clock, RemoteClock
from conformance.controls import HttpControls
from conformance.errors import ConfigurationError

STARTUP_SECONDS = 30


class ReferenceServerBackend:
    name = "reference-server"
    live = False

    def __init__(self, options: BackendOptions) -> None:
        self._region = options.region
        self._process: subprocess.Popen[bytes] | None = None
        self._clients: EndpointClients | None = None
        self._controls: HttpControls | None = None
        self._clock: Clock | None = None

    def start(self) -> None:
        if self._process is not None:
            return
        port = free_port()
        url = f"http://127.0.0.1:{port}"
        self._process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "conformance.cli",
                "serve",
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
            ],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        if not wait_for_listener(url, self._process, STARTUP_SECONDS):
            self.stop()
            raise ConfigurationError(
                f"The reference emulator did not start on {url} within {STARTUP_SECONDS} seconds."
            )
        controls = HttpControls.discover(url)
        if controls is None or CLOCK not in controls.capabilities:
            self.stop()
            raise ConfigurationError(
                f"The reference emulator on {url} does not offer its controls."
            )
        self._controls = controls
        self._clock = RemoteClock(controls.now, controls.advance_clock)
        self._clients = EndpointClients(url, self._region)

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
        assert self._clock is not None, "the backend was not started"
        return self._clock

    @property
    def controls(self) -> Controls | None:
        return self._controls

    def describe(self) -> BackendDescription:
        endpoint = self._clients.endpoint_url if self._clients else None
        return BackendDescription(
            self.name,
            "slr-conformance reference emulator (HTTP)",
            __version__,
            endpoint,
            {"botocore": botocore_version()},
        )

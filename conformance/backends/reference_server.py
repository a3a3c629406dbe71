"""The reference emulator over real HTTP, in its own process on 127.0.0.1.

The suite starts ``slr-conformance serve`` on a free port and drives it exactly as it would
drive any third-party emulator: boto3 over HTTP, and the JSON control protocol.
"""

from __future__ import annotations

import sys

from conformance import __version__
from conformance.backends.base import CLOCK, BackendDescription
from conformance.backends.common import (
    BackendBase,
    EndpointClients,
    ServerProcess,
    botocore_version,
)
from conformance.backends.registry import BackendOptions
from conformance.clock import RealClock, RemoteClock
from conformance.controls import HttpControls
from conformance.errors import ConfigurationError


class ReferenceServerBackend(BackendBase):
    name = "reference-server"

    def __init__(self, options: BackendOptions) -> None:
        super().__init__(options.region, RealClock())
        self._server = ServerProcess(
            "The reference emulator",
            lambda port: [
                sys.executable,
                "-m",
                "conformance.cli",
                "serve",
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
            ],
        )

    def start(self) -> None:
        url = self._server.start()
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
        self._server.stop()

    def describe(self) -> BackendDescription:
        return BackendDescription(
            self.name,
            "slr-conformance reference emulator (HTTP)",
            __version__,
            self._server.url,
            {"botocore": botocore_version()},
        )

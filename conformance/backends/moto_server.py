"""Stock moto's server, in its own process on 127.0.0.1, started and stopped by the suite."""

from __future__ import annotations

import sys
import urllib.request

import moto

from conformance.backends.base import RESET, BackendDescription
from conformance.backends.common import (
    BackendBase,
    EndpointClients,
    ServerProcess,
    botocore_version,
)
from conformance.backends.moto_inprocess import MotoResetControls
from conformance.backends.registry import BackendOptions
from conformance.clock import CountingClock


class MotoServerResetControls(MotoResetControls):
    """Reset through moto's own HTTP API."""

    capabilities = frozenset({RESET})

    def __init__(self, url: str) -> None:
        self._url = url

    def reset(self) -> None:
        request = urllib.request.Request(f"{self._url}/moto-api/reset", data=b"", method="POST")
        with urllib.request.urlopen(request, timeout=10):
            pass


class MotoServerBackend(BackendBase):
    name = "moto-server"

    def __init__(self, options: BackendOptions) -> None:
        super().__init__(options.region, CountingClock())
        self._server = ServerProcess(
            "moto's server",
            lambda port: [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        )

    def start(self) -> None:
        url = self._server.start()
        self._clients = EndpointClients(url, self._region)
        self._controls = MotoServerResetControls(url)

    def stop(self) -> None:
        self._server.stop()

    def describe(self) -> BackendDescription:
        return BackendDescription(
            self.name,
            "moto (server)",
            moto.__version__,
            self._server.url,
            {"botocore": botocore_version()},
        )

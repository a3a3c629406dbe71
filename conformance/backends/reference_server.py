"""The reference emulator over real HTTP, in its own process on 127.0.0.1.

The suite starts ``slr-conformance serve`` on a free port and drives it exactly as it would
drive any third-party emulator: boto3 over HTTP, and the JSON control protocol.

It starts the server with ``--clock virtual``, not in the real time that ``serve`` uses by
default. The suite waits through the clock control anyway, so real time would save no wait,
but it would let time pass between two calls of a scenario: a state that a scenario observes
on purpose (a replication set still CREATING, a deletion task still IN_PROGRESS, a fault
still active) could then end before it is looked at on a slow or busy machine. Virtual time
keeps every run fast and its verdicts the same as the in-process ``reference`` backend's.
"""

from __future__ import annotations

import sys

from conformance import __version__
from conformance.backends.base import CLOCK, CLOCK_NEXT, BackendDescription
from conformance.backends.common import (
    BackendBase,
    EndpointClients,
    ServerProcess,
    botocore_version,
)
from conformance.backends.controls import HttpControls
from conformance.backends.registry import BackendOptions
from conformance.clock import RealClock, RemoteClock
from conformance.errors import ConfigurationError


def reference_server_process() -> ServerProcess:
    """``slr-conformance serve`` on 127.0.0.1 in virtual time, as the suite and its tools start it."""
    return ServerProcess(
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
            "--clock",
            "virtual",
        ],
    )


class ReferenceServerBackend(BackendBase):
    name = "reference-server"

    def __init__(self, options: BackendOptions) -> None:
        super().__init__(options.region, RealClock())
        self._server = reference_server_process()

    def start(self) -> None:
        url = self._server.start()
        controls = HttpControls.discover(url)
        if controls is None or CLOCK not in controls.capabilities:
            self.stop()
            raise ConfigurationError(
                f"The reference emulator on {url} does not offer its controls."
            )
        self._controls = controls
        self._clock = RemoteClock(
            controls.now,
            controls.advance_clock,
            controls.next_change if CLOCK_NEXT in controls.capabilities else None,
        )
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

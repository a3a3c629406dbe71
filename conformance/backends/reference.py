"""The reference emulator in process: no socket, virtual time, every control."""

from __future__ import annotations

from typing import Any

from conformance import __version__
from conformance.backends.base import BackendDescription, Controls, Credentials
from conformance.backends.common import EMULATOR_CREDENTIALS, BackendBase, botocore_version
from conformance.backends.registry import BackendOptions
from conformance.clock import Clock, CountingClock, RemoteClock
from conformance.emulator.transport import InProcessSession


class ReferenceBackend(BackendBase):
    name = "reference"
    process_local = True

    def __init__(self, options: BackendOptions, emulator: Any = None) -> None:
        super().__init__(options.region, CountingClock())
        self._emulator = emulator
        self._session: InProcessSession | None = None
        self._emulator_clock: RemoteClock | None = None

    @property
    def emulator(self) -> Any:
        if self._emulator is None:
            from conformance.emulator import Emulator

            self._emulator = Emulator()
        return self._emulator

    def switch_to(self, emulator: Any) -> None:
        """Test ``emulator`` from now on; clients already made follow it (the mutants, one
        emulator each, share one backend and its clients)."""
        self._emulator = emulator
        self._emulator_clock = None
        if self._session is not None:
            self._session.retarget(emulator.app)

    def start(self) -> None:
        if self._session is None:
            self._session = InProcessSession(self.emulator.app, EMULATOR_CREDENTIALS, self._region)

    def stop(self) -> None:
        self._session = None

    def client(
        self, service: str, region: str | None = None, credentials: Credentials | None = None
    ) -> Any:
        if self._session is None:
            self.start()
        assert self._session is not None
        return self._session.client(service, region, credentials)

    @property
    def clock(self) -> Clock:
        """The emulator's virtual clock, which also knows the emulator's next scheduled change."""
        if self._emulator_clock is None:
            emulator = self.emulator
            self._emulator_clock = RemoteClock(
                emulator.clock.now, emulator.clock.advance, emulator.next_change
            )
        return self._emulator_clock

    @property
    def controls(self) -> Controls | None:
        controls: Controls = self.emulator.controls
        return controls

    def describe(self) -> BackendDescription:
        return BackendDescription(
            self.name,
            "slr-conformance reference emulator (in process)",
            __version__,
            None,
            {"botocore": botocore_version()},
        )

"""Stock moto, in process, as an implementation under test (it is not the reference)."""

from __future__ import annotations

from typing import Any

import boto3
import moto
from moto import mock_aws

from conformance.backends.base import RESET, BackendDescription, Credentials
from conformance.backends.common import (
    EMULATOR_CONFIG,
    EMULATOR_CREDENTIALS,
    BackendBase,
    botocore_version,
)
from conformance.backends.registry import BackendOptions
from conformance.clock import CountingClock


class MotoResetControls:
    """moto offers one test lever of ours: wiping its state."""

    capabilities = frozenset({RESET})

    def reset(self) -> None:
        from moto.moto_api._internal.models import moto_api_backend

        moto_api_backend.reset()

    def now(self) -> float:  # pragma: no cover - not offered
        raise NotImplementedError

    def advance_clock(self, seconds: float) -> float:  # pragma: no cover - not offered
        raise NotImplementedError

    def inject_fault(self, fault: str, duration_seconds: float) -> None:  # pragma: no cover
        raise NotImplementedError

    def clear_faults(self) -> None:  # pragma: no cover - not offered
        raise NotImplementedError

    def set_permission_checks(self, enabled: bool) -> None:  # pragma: no cover - not offered
        raise NotImplementedError


class MotoBackend(BackendBase):
    name = "moto"
    process_local = True

    def __init__(self, options: BackendOptions) -> None:
        super().__init__(options.region, CountingClock())
        self._mock: Any = None
        self._controls = MotoResetControls()
        #: One session for every client (each carries its credentials): models load once.
        self._session: boto3.session.Session | None = None

    def start(self) -> None:
        if self._mock is None:
            self._mock = mock_aws()
            self._mock.start()

    def stop(self) -> None:
        if self._mock is not None:
            self._mock.stop()
            self._mock = None

    def client(
        self, service: str, region: str | None = None, credentials: Credentials | None = None
    ) -> Any:
        creds = credentials or EMULATOR_CREDENTIALS
        if self._session is None:
            self._session = boto3.session.Session(region_name=self._region)
        return self._session.client(
            service,
            region_name=region or self._region,
            aws_access_key_id=creds.access_key_id,
            aws_secret_access_key=creds.secret_access_key,
            config=EMULATOR_CONFIG,
        )

    def describe(self) -> BackendDescription:
        return BackendDescription(
            self.name, "moto (in process)", moto.__version__, None, {"botocore": botocore_version()}
        )

"""A recorded run, replayed offline: every answer, control and clock reading from a cassette.

``--backend replay --cassette DIR`` runs the specification against a cassette written by
``run --record DIR``. The replay takes on what the recording says about the backend it was
made on: its account (as sanitised), its home Region, whether it was live AWS, which
controls it offered and what kind of clock it had, so the suite takes the same paths and
reaches the same verdicts. It never opens a connection: a request the cassette does not hold
is an error of that scenario, named in one sentence (see ``conformance.cassette.replaying``).

A cassette made with another specification (requirements catalogue or feature files) is
refused: its answers belong to other examples.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import boto3
from botocore.config import Config

from conformance.backends.base import BackendDescription, Credentials
from conformance.backends.common import BackendBase, botocore_version
from conformance.backends.registry import BackendOptions
from conformance.cassette.format import Cassette, read_cassette
from conformance.cassette.matching import identity_of
from conformance.cassette.replaying import (
    REPLAY_URL,
    ReplayControls,
    Replayer,
    ReplayRealClock,
    ReplayVirtualClock,
)
from conformance.cassette.sanitise import Sanitiser
from conformance.catalogue import load_catalogue
from conformance.clock import Clock
from conformance.errors import ConfigurationError
from conformance.listening import ScenarioInfo
from conformance.specfiles import features_dir, spec_digest, spec_named_by
from conformance.specs import DEFAULT as DEFAULT_SPEC

REPLAY_CONFIG = Config(retries={"total_max_attempts": 1, "mode": "standard"})


def check_specification(cassette: Cassette, folder: Path) -> None:
    """Refuse, in one sentence, a cassette recorded with another specification."""
    recorded = cassette.specification
    catalogue = load_catalogue(spec_named_by(folder))
    if recorded["catalogue_digest"] != catalogue.digest:
        changed = "its requirements catalogue has"
    elif recorded["spec_digest"] != spec_digest(folder, catalogue):
        changed = "its feature files have"
    else:
        return
    raise ConfigurationError(
        f"The cassette {cassette.path} was recorded with specification "
        f"{recorded['spec_version']} and {changed} changed since, so it cannot be replayed."
    )


class ReplayBackend(BackendBase):
    name = "replay"

    def __init__(self, options: BackendOptions) -> None:
        folder = options.extra.get("cassette")
        if not folder:
            raise ConfigurationError(
                "The replay backend needs --cassette DIR, a folder written by run --record."
            )
        cassette = read_cassette(Path(folder))
        if not cassette.complete:
            raise ConfigurationError(
                f"The cassette {cassette.path} is incomplete (its run never finished), "
                "so it cannot be replayed."
            )
        features = options.extra.get("features")
        spec = str(options.extra.get("spec") or DEFAULT_SPEC)
        check_specification(cassette, Path(features) if features else features_dir(spec))
        recorded = cassette.backend
        self.cassette = cassette
        self.live = bool(recorded["live"])
        #: A live run's waits, as recorded (``--poll-interval``), so the replay waits alike.
        self.poll_interval: float | None = recorded.get("poll_interval")
        self._sanitiser = Sanitiser()
        self.replayer = Replayer(cassette, self._sanitiser)
        capabilities = frozenset(str(c) for c in recorded["capabilities"])
        clock: Clock = (
            ReplayVirtualClock(self.replayer)
            if recorded["clock"] == "virtual"
            else ReplayRealClock(self.replayer)
        )
        super().__init__(str(recorded["home_region"]), clock, str(recorded["account_id"]))
        self._controls = ReplayControls(self.replayer, capabilities) if capabilities else None
        self._session: boto3.session.Session | None = None
        self._replay_clients: dict[tuple[str, str, Credentials | None], Any] = {}

    def start(self) -> None:
        if self._session is None:
            self._session = boto3.session.Session(
                aws_access_key_id="REPLAY",
                aws_secret_access_key="REPLAY",
                region_name=self._region,
            )

    def stop(self) -> None:
        self._replay_clients.clear()
        self._session = None

    def client(
        self, service: str, region: str | None = None, credentials: Credentials | None = None
    ) -> Any:
        """A client answered from the cassette; kept, since a replay client holds no state."""
        key = (service, region or self._region, credentials)
        client = self._replay_clients.get(key)
        if client is None:
            self.start()
            assert self._session is not None
            signing: dict[str, Any] = {}
            if credentials is not None:
                signing = {
                    "aws_access_key_id": credentials.access_key_id,
                    "aws_secret_access_key": credentials.secret_access_key,
                    "aws_session_token": credentials.session_token,
                }
            client = self._session.client(
                service,
                region_name=key[1],
                endpoint_url=REPLAY_URL,
                config=REPLAY_CONFIG,
                **signing,
            )
            identity = identity_of(
                self._sanitiser, credentials.access_key_id if credentials else None
            )
            self.replayer.attach(client, key[1], identity)
            self._replay_clients[key] = client
        return client

    def describe(self) -> BackendDescription:
        recorded = self.cassette.backend
        return BackendDescription(
            self.name,
            f"replay of a recording on {recorded['name']} ({recorded['implementation']})",
            str(recorded["version"]),
            None,
            {
                "botocore": botocore_version(),
                "cassette": str(self.cassette.path),
                "recorded_backend": str(recorded["name"]),
                "recorded_at": self.cassette.recorded_at,
            },
        )

    def scenario_started(self, scenario: ScenarioInfo) -> None:
        self.replayer.scenario_started(scenario)

    def scenario_finished(self, scenario: ScenarioInfo) -> None:
        self.replayer.scenario_finished(scenario)

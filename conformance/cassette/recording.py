"""Recording a run: every request and answer, sanitised, one file per scenario.

``RecordingBackend`` wraps any backend. The clients it hands out are the wrapped backend's
own, with three botocore event handlers added: ``before-parameter-build`` (registered last,
so it sees the parameters as the API will, idempotency token included), ``after-call`` (the
parsed answer or error and the HTTP status, taken before botocore's own handlers change it)
and ``after-call-error`` (a request that got no answer at all). Nothing else about the
client changes, so a recorded run makes exactly the requests an unrecorded one would. Its
controls and its clock are wrapped too (``conformance.cassette.levers``).

Every interaction goes through the ``Sanitiser`` before it is kept in memory, and each
scenario's file is written when the scenario ends, so an interrupted run still leaves every
finished scenario on disk.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from conformance import __version__
from conformance.backends.base import Backend, BackendDescription, Controls, Credentials
from conformance.backends.common import botocore_version
from conformance.cassette.format import (
    FORMAT,
    INDEX_FILE,
    OUTSIDE_FILE,
    SCENARIO_FORMAT,
    VERSION,
    Interaction,
    encode,
    scenario_file_name,
    write_json,
)
from conformance.cassette.levers import (
    RecordingControls,
    RecordingRealClock,
    RecordingVirtualClock,
    clock_kind,
)
from conformance.cassette.matching import identity_of
from conformance.cassette.sanitise import LITERAL_RULES, Sanitiser
from conformance.catalogue import load_catalogue
from conformance.clock import Clock
from conformance.errors import ConfigurationError
from conformance.listening import ScenarioInfo, scenario_key
from conformance.outputs import ensure_writable
from conformance.results.model import RunResult
from conformance.specfiles import spec_digest, spec_named_by

PARAMS = "slr_conformance.recorded_params"


def prepare_folder(folder: Path) -> Path:
    """An empty folder for a new cassette; an existing cassette is never overwritten."""
    if folder.exists() and not folder.is_dir():
        raise ConfigurationError(f"The cassette folder {folder} is a file.")
    if folder.is_dir() and any(folder.iterdir()):
        raise ConfigurationError(
            f"The cassette folder {folder} is not empty; record into a new or empty folder."
        )
    return ensure_writable(folder, "cassette folder")


class Recorder:
    """Collects the interactions of a run, scenario by scenario, and writes the cassette."""

    def __init__(
        self,
        folder: Path,
        sanitiser: Sanitiser,
        *,
        run_id: str,
        tags: str | None,
        requirements: tuple[str, ...],
        features_dir: Path,
    ) -> None:
        self.folder = folder
        self._sanitiser = sanitiser
        self._features_dir = features_dir
        catalogue = load_catalogue(spec_named_by(features_dir))
        self._specification = {
            "spec_version": catalogue.spec_version,
            "catalogue_digest": catalogue.digest,
            "spec_digest": spec_digest(features_dir, catalogue),
        }
        self._run = {"run_id": run_id, "tags": tags, "requirements": list(requirements)}
        self._recorded_at = datetime.now(UTC).isoformat(timespec="seconds")
        self._backend: dict[str, Any] | None = None
        self._outside: list[Interaction] = []
        self._stream = self._outside
        self._current: ScenarioInfo | None = None
        self._entries: list[dict[str, Any]] = []
        self._outside_written = -1
        self.total = 0

    # -- what is recorded -------------------------------------------------------------------
    def describe_backend(self, backend: Backend) -> None:
        """Note the backend once it has started (only then is its account known)."""
        description: BackendDescription = backend.describe()
        controls = backend.controls
        self._sanitiser.add_secret(backend.account_id)
        self._backend = self.clean(
            {
                "name": description.name,
                "implementation": description.implementation,
                "version": description.version,
                "endpoint": description.endpoint,
                "live": bool(backend.live),
                "account_id": backend.account_id,
                "home_region": backend.home_region,
                "clock": clock_kind(backend.clock),
                "capabilities": sorted(controls.capabilities) if controls is not None else [],
                "poll_interval": getattr(backend, "poll_interval", None),
                "extra": {str(k): str(v) for k, v in description.extra.items()},
            }
        )

    def clean(self, data: dict[str, Any]) -> dict[str, Any]:
        """``data`` through the sanitising rules: the only way anything reaches the cassette."""
        cleaned: dict[str, Any] = json.loads(self._sanitiser.text(json.dumps(data)))
        return cleaned

    def add(self, interaction: Interaction) -> None:
        self._stream.append(self.clean(interaction))
        self.total += 1

    def attach(self, client: Any, region: str, credentials: Credentials | None) -> None:
        """Record every call ``client`` makes, signed by ``credentials`` (``None``: default).

        ``region`` is the Region the suite asked for: botocore may name another for a global
        service (IAM's clients say ``aws-global`` when they choose their own endpoint).
        """
        if credentials is not None:
            for secret in (
                credentials.access_key_id,
                credentials.secret_access_key,
                credentials.session_token,
            ):
                self._sanitiser.add_secret(secret)
        else:
            for secret in _signing_secrets(client):
                self._sanitiser.add_secret(secret)
        identity = identity_of(
            self._sanitiser, credentials.access_key_id if credentials is not None else None
        )
        calls = _CallRecording(self, str(client.meta.service_model.service_name), region, identity)
        # The answer is taken before botocore's own after-call handlers touch it (IAM's turn
        # policy documents from quoted text into dicts): a replay hands them the same text.
        service_id = client.meta.service_model.service_id.hyphenize()
        client.meta.events.register_last("before-parameter-build", calls.keep_params)
        client.meta.events.register_first(f"after-call.{service_id}.*", calls.after_call)
        client.meta.events.register_last("after-call-error", calls.after_error)

    # -- scenarios --------------------------------------------------------------------------
    def scenario_started(self, scenario: ScenarioInfo) -> None:
        self._current = scenario
        self._stream = []

    def scenario_finished(self, scenario: ScenarioInfo) -> None:
        file = scenario_file_name(len(self._entries) + 1, scenario.name)
        write_json(
            self.folder / file,
            {
                "format": SCENARIO_FORMAT,
                "version": VERSION,
                "scenario": _scenario_json(scenario),
                "interactions": self._stream,
            },
        )
        self._entries.append(
            {
                **_scenario_json(scenario),
                "file": file,
                "outcome": None,
                "interactions": len(self._stream),
            }
        )
        self._current = None
        self._stream = self._outside
        self._write_index(complete=False)

    # -- the files --------------------------------------------------------------------------
    def finish(self, result: RunResult) -> None:
        """Write the outside file and the final index, with the recorded verdicts."""
        outcomes = {}
        for requirement in result.requirements:
            for scenario in requirement.scenarios:
                filename, _, line = scenario.location.rpartition(":")
                if line.isdigit():
                    key = scenario_key(filename, int(line), self._features_dir)
                    outcomes[key] = scenario.outcome
        for entry in self._entries:
            entry["outcome"] = outcomes.get(entry["key"])
        verdicts = {r.id: str(r.verdict) for r in result.requirements}
        self._write_index(complete=True, verdicts=verdicts)

    def _write_index(self, *, complete: bool, verdicts: dict[str, str] | None = None) -> None:
        if self._backend is None:
            raise RuntimeError("the recorded backend was never started")
        if complete or len(self._outside) != self._outside_written:
            write_json(
                self.folder / OUTSIDE_FILE,
                {
                    "format": SCENARIO_FORMAT,
                    "version": VERSION,
                    "scenario": None,
                    "interactions": self._outside,
                },
            )
            self._outside_written = len(self._outside)
        index: dict[str, Any] = {
            "format": FORMAT,
            "version": VERSION,
            "complete": complete,
            "recorded_at": self._recorded_at,
            "finished_at": datetime.now(UTC).isoformat(timespec="seconds") if complete else None,
            "recorded_with": {"slr_conformance": __version__, "botocore": botocore_version()},
            "specification": self._specification,
            "backend": self._backend,
            "run": self._run,
            "sanitising": {
                "rules": [rule.name for rule in (*self._sanitiser.rules, *LITERAL_RULES)],
                "replaced": self._sanitiser.counts(),
            },
            "outside": {"file": OUTSIDE_FILE, "interactions": len(self._outside)},
            "scenarios": self._entries,
        }
        if verdicts is not None:
            index["verdicts"] = verdicts
        write_json(self.folder / INDEX_FILE, index)


class _CallRecording:
    """The event handlers that record one client's calls."""

    def __init__(self, recorder: Recorder, service: str, region: str, identity: str) -> None:
        self._recorder = recorder
        self._base: Interaction = {
            "kind": "call",
            "service": service,
            "region": region,
            "identity": identity,
        }

    def keep_params(self, params: dict[str, Any], context: dict[str, Any], **_: Any) -> None:
        context[PARAMS] = encode(params)

    def after_call(
        self,
        http_response: Any,
        parsed: dict[str, Any],
        model: Any,
        context: dict[str, Any],
        **_: Any,
    ) -> None:
        status = int(http_response.status_code)
        response = encode(parsed)
        metadata = response.get("ResponseMetadata")
        if isinstance(metadata, dict):
            metadata.pop("HTTPHeaders", None)  # dates and lengths: nothing a verdict reads
        interaction: Interaction = {
            **self._base,
            "operation": str(model.name),
            "params": context.pop(PARAMS, {}),
            "outcome": "error" if status >= 300 else "response",
            "http_status": status,
            "response": response,
        }
        if status >= 300:
            error = parsed.get("Error", {})
            interaction["error"] = {
                "code": error.get("Code"),
                "message": error.get("Message"),
                "http_status": status,
            }
        self._recorder.add(interaction)

    def after_error(
        self, exception: Exception, context: dict[str, Any], event_name: str = "", **_: Any
    ) -> None:
        self._recorder.add(
            {
                **self._base,
                "operation": event_name.rsplit(".", 1)[-1],
                "params": context.pop(PARAMS, {}),
                "outcome": "exception",
                "http_status": None,
                "response": None,
                "exception": {"type": type(exception).__name__, "message": str(exception)},
            }
        )


def _scenario_json(scenario: ScenarioInfo) -> dict[str, Any]:
    return {
        "key": scenario.key,
        "name": scenario.name,
        "feature": scenario.feature,
        "requirements": list(scenario.requirements),
    }


def _signing_secrets(client: Any) -> tuple[str | None, ...]:
    """The credentials a default client signs with, so that none of them is ever written.

    botocore keeps them on the client's request signer; a client without them (unsigned, or
    a botocore that moved them) simply adds nothing, and the pattern rules still apply.
    """
    credentials = getattr(getattr(client, "_request_signer", None), "_credentials", None)
    if credentials is None:
        return ()
    try:
        frozen = credentials.get_frozen_credentials()
    except Exception:
        return ()
    return (frozen.access_key, frozen.secret_key, frozen.token)


class RecordingBackend:
    """Any backend, recorded. Everything it does not wrap is the wrapped backend's own."""

    def __init__(self, inner: Backend, recorder: Recorder) -> None:
        self._inner = inner
        self.recorder = recorder
        self.name = inner.name
        self.live = inner.live
        self._clock: tuple[Clock, Clock] | None = None
        self._controls: tuple[Controls, RecordingControls] | None = None

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        return getattr(self._inner, name)

    def start(self) -> None:
        self._inner.start()
        self.recorder.describe_backend(self)

    def stop(self) -> None:
        self._inner.stop()

    def client(
        self, service: str, region: str | None = None, credentials: Credentials | None = None
    ) -> Any:
        client = self._inner.client(service, region=region, credentials=credentials)
        self.recorder.attach(client, region or self._inner.home_region, credentials)
        return client

    @property
    def account_id(self) -> str:
        return self._inner.account_id

    @property
    def home_region(self) -> str:
        return self._inner.home_region

    @property
    def clock(self) -> Clock:
        inner = self._inner.clock
        if self._clock is None or self._clock[0] is not inner:
            wrapper: Clock = (
                RecordingVirtualClock(inner, self.recorder)
                if clock_kind(inner) == "virtual"
                else RecordingRealClock(inner, self.recorder)
            )
            self._clock = (inner, wrapper)
        return self._clock[1]

    @property
    def controls(self) -> Controls | None:
        inner = self._inner.controls
        if inner is None:
            return None
        if self._controls is None or self._controls[0] is not inner:
            self._controls = (inner, RecordingControls(inner, self.recorder))
        return self._controls[1]

    def describe(self) -> BackendDescription:
        return self._inner.describe()

    def scenario_started(self, scenario: ScenarioInfo) -> None:
        self.recorder.scenario_started(scenario)

    def scenario_finished(self, scenario: ScenarioInfo) -> None:
        self.recorder.scenario_finished(scenario)

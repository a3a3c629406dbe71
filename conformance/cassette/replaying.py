"""Answering a run from a cassette: calls, control requests and clock readings alike.

A replay client is an ordinary boto3 client with two botocore event handlers: one keeps the
parameters at ``before-parameter-build`` (as the recorder did), the other answers at
``before-call``, where botocore accepts a ready answer instead of sending the request. So
nothing leaves the machine, and everything botocore does with an answer (raising the
modelled error for a refusal, paginating) happens exactly as it did when the run was
recorded.

Each scenario is answered from its own recording. A request is answered by the first
recorded interaction of the current scenario that has the same match key and has not been
used yet (see ``conformance.cassette.matching``), so equal requests get their answers in the
order they were recorded: the polls of a replication set that is ``CREATING`` and then
``ACTIVE`` come back in that order. A request with no such interaction raises
``ReplayMismatch``, naming the scenario and the request: the scenario ends as an *error*,
never as a verdict on an implementation.
"""

from __future__ import annotations

import builtins
import io
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import botocore.exceptions
import botocore.parsers
from botocore.awsrequest import AWSResponse

from conformance.backends.controls import ControlProtocolError
from conformance.cassette.format import OUTSIDE_FILE, Cassette, Interaction, decode, encode
from conformance.cassette.matching import (
    call_key,
    clock_key,
    control_key,
    interaction_key,
    sanitised,
)
from conformance.cassette.sanitise import Sanitiser
from conformance.clock import RealClock, RemoteClock
from conformance.listening import ScenarioInfo

PARAMS = "slr_conformance.replay_params"
#: Where replay clients point; nothing answers there, and nothing is ever sent.
REPLAY_URL = "http://replay.invalid"


class ReplayMismatch(Exception):
    """The replay asked for something its cassette does not hold (a defect of the run)."""


class RecordedTransportError(botocore.exceptions.BotoCoreError):  # type: ignore[misc]
    """A request that got no answer when it was recorded, of a kind botocore no longer has."""

    fmt = "{message}"


class RecordedControlError(Exception):
    """A control request that was refused when it was recorded."""


@dataclass
class _Stream:
    """One scenario's interactions, each used at most once."""

    label: str
    interactions: list[Interaction]
    keys: list[str] | None = None
    used: list[bool] = field(default_factory=list)

    def take(self, key: str) -> Interaction | None:
        if self.keys is None:
            self.keys = [interaction_key(i) for i in self.interactions]
            self.used = [False] * len(self.interactions)
        for position, candidate in enumerate(self.keys):
            if not self.used[position] and candidate == key:
                self.used[position] = True
                return self.interactions[position]
        return None

    @property
    def unused(self) -> int:
        if self.keys is None:
            return len(self.interactions)
        return self.used.count(False)


class Replayer:
    """Hands out the recorded answers, scenario by scenario, and keeps count of the rest."""

    def __init__(self, cassette: Cassette, sanitiser: Sanitiser | None = None) -> None:
        self._cassette = cassette
        self._sanitiser = sanitiser if sanitiser is not None else Sanitiser()
        self._files = {s.key: (s.name, s.file) for s in cassette.scenarios}
        self._streams: dict[str | None, _Stream] = {}
        self._current: ScenarioInfo | None = None
        self.mismatches: list[str] = []

    # -- scenarios --------------------------------------------------------------------------
    def scenario_started(self, scenario: ScenarioInfo) -> None:
        self._current = scenario

    def scenario_finished(self, scenario: ScenarioInfo) -> None:
        self._current = None

    def _stream(self) -> _Stream | None:
        key = self._current.key if self._current is not None else None
        stream = self._streams.get(key)
        if stream is None:
            if key is None:
                stream = _Stream("outside any scenario", self._cassette.interactions(OUTSIDE_FILE))
            elif key in self._files:
                name, file = self._files[key]
                stream = _Stream(f"scenario '{name}' ({key})", self._cassette.interactions(file))
            else:
                return None
            self._streams[key] = stream
        return stream

    def take(self, key: str, what: Callable[[], str]) -> Interaction:
        """The recorded interaction that answers ``key``, or a one-sentence ``ReplayMismatch``."""
        stream = self._stream()
        found = stream.take(key) if stream is not None else None
        if found is not None:
            return found
        if stream is None and self._current is not None:
            message = (
                f"The cassette holds no recording of scenario '{self._current.name}' "
                f"({self._current.key}), so it cannot answer {what()}."
            )
        else:
            label = stream.label if stream is not None else "outside any scenario"
            message = f"The cassette holds no answer to {what()} in {label}."
        self.mismatches.append(message)
        raise ReplayMismatch(message)

    def unused(self) -> Iterator[tuple[str, int]]:
        """Recorded interactions nobody asked for, per scenario the replay ran."""
        for stream in self._streams.values():
            if stream.unused:
                yield stream.label, stream.unused

    # -- clients ----------------------------------------------------------------------------
    def attach(self, client: Any, region: str, identity: str) -> None:
        """Make every call of ``client`` answered from the cassette, and nothing sent.

        ``region`` and ``identity`` are what the suite asked the backend for, as recorded.
        """
        service = str(client.meta.service_model.service_name)

        def keep_params(params: dict[str, Any], context: dict[str, Any], **_: Any) -> None:
            context[PARAMS] = encode(params)

        def answer(model: Any, context: dict[str, Any], **_: Any) -> tuple[AWSResponse, Any]:
            params = sanitised(self._sanitiser, context.pop(PARAMS, {}))
            operation = str(model.name)
            key = call_key(service, region, identity, operation, params)
            interaction = self.take(
                key, lambda: _describe_call(service, operation, region, identity, params)
            )
            if interaction["outcome"] == "exception":
                raise rebuild_exception(interaction["exception"])
            status = int(interaction["http_status"])
            response = AWSResponse(REPLAY_URL, status, {}, _EmptyBody())
            return response, decode(interaction["response"])

        client.meta.events.register_last("before-parameter-build", keep_params)
        client.meta.events.register_last("before-call", answer)

    def control(self, control: str, args: dict[str, Any]) -> Any:
        """The recorded answer to a control request (or its recorded refusal, raised again)."""
        args = sanitised(self._sanitiser, args)
        interaction = self.take(
            control_key(control, args), lambda: f"the control request {control} {json.dumps(args)}"
        )
        if "error" in interaction:
            raise rebuild_control_error(interaction["error"])
        return decode(interaction.get("result"))

    def clock(self, op: str, seconds: float | None) -> Any:
        what = "a reading of the clock" if op == "now" else f"a wait of {seconds} seconds"
        return self.take(clock_key(op, seconds), lambda: what).get("result")


def _describe_call(
    service: str, operation: str, region: str, identity: str, params: dict[str, Any]
) -> str:
    text = json.dumps(params, sort_keys=True)
    if len(text) > 300:
        text = text[:297] + "..."
    signer = "" if identity == "default" else f" signed by {identity}"
    return f"the call {service} {operation} in {region}{signer} with {text}"


class _EmptyBody(io.BytesIO):
    """The raw body of a replayed answer: already parsed, so there is nothing to read."""

    def stream(self, amt: int = 1024, decode_content: bool | None = None) -> Iterator[bytes]:
        yield from ()


def _bare(cls: type[Exception], message: str) -> Exception:
    """An exception of ``cls`` whose text is ``message``, whatever its constructor wants."""
    instance = cls.__new__(cls)
    Exception.__init__(instance, message)
    if isinstance(instance, botocore.exceptions.BotoCoreError):
        instance.kwargs = {}
    return instance


def rebuild_exception(recorded: dict[str, Any]) -> Exception:
    """The exception a request raised when it was recorded, as near as can be rebuilt."""
    name, message = str(recorded["type"]), str(recorded["message"])
    for module in (botocore.exceptions, botocore.parsers, builtins):
        cls = getattr(module, name, None)
        if isinstance(cls, type) and issubclass(cls, Exception):
            return _bare(cls, message)
    return _bare(RecordedTransportError, message)


def rebuild_control_error(recorded: dict[str, Any]) -> Exception:
    name, message = str(recorded["type"]), str(recorded["message"])
    if name == ControlProtocolError.__name__:
        return ControlProtocolError(message)
    cls = getattr(builtins, name, None)
    if isinstance(cls, type) and issubclass(cls, Exception):
        return _bare(cls, message)
    return RecordedControlError(f"{name}: {message}")


class ReplayControls:
    """Controls whose every answer comes from the cassette."""

    def __init__(self, replayer: Replayer, capabilities: frozenset[str]) -> None:
        self._replayer = replayer
        self._capabilities = capabilities

    @property
    def capabilities(self) -> frozenset[str]:
        return self._capabilities

    def reset(self) -> None:
        self._replayer.control("reset", {})

    def now(self) -> float:
        return float(self._replayer.control("now", {}))

    def advance_clock(self, seconds: float) -> float:
        return float(self._replayer.control("advance_clock", {"seconds": seconds}))

    def inject_fault(self, fault: str, duration_seconds: float) -> None:
        self._replayer.control(
            "inject_fault", {"fault": fault, "duration_seconds": duration_seconds}
        )

    def clear_faults(self) -> None:
        self._replayer.control("clear_faults", {})

    def set_permission_checks(self, enabled: bool) -> None:
        self._replayer.control("set_permission_checks", {"enabled": enabled})


class _ClockReplay:
    """Readings and waits answered from the cassette; nothing waits in real time."""

    _replayer: Replayer

    def now(self) -> float:
        return float(self._replayer.clock("now", None))

    def sleep(self, seconds: float) -> None:
        self._replayer.clock("sleep", seconds)


class ReplayVirtualClock(_ClockReplay, RemoteClock):
    """The replay of a clock on which waiting cost no real time."""

    def __init__(self, replayer: Replayer) -> None:
        super().__init__(lambda: 0.0, lambda seconds: 0.0)
        self._replayer = replayer


class ReplayRealClock(_ClockReplay, RealClock):
    """The replay of a clock that waited in real time; the replay itself never waits."""

    def __init__(self, replayer: Replayer) -> None:
        self._replayer = replayer

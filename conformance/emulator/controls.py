"""The emulator's test levers, in process and as the HTTP control protocol's server side.

``EmulatorControls`` implements ``conformance.backends.base.Controls`` for the in-process
backend and the pytest fixture; ``handle_control`` serves the same levers under
``/_conformance/v1`` (documented in ``conformance.backends.controls``) so that the reference server, or
any client of the protocol, can use them over HTTP.
"""

from __future__ import annotations

import json
import math
from typing import TYPE_CHECKING, Any

from werkzeug import Request, Response

from conformance.backends.base import ALL_CAPABILITIES, FAULT_ROLE_IN_USE
from conformance.backends.controls import PREFIX, PROTOCOL_NAME, PROTOCOL_VERSION
from conformance.emulator.errors import SerializationException
from conformance.emulator.wire.jsoncodec import LATEST_TIME, load_json

if TYPE_CHECKING:
    from conformance.emulator import Emulator

KNOWN_FAULTS = frozenset({FAULT_ROLE_IN_USE})


class ControlError(ValueError):
    """A control request the emulator cannot honour; answered 4xx."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.status = status


def _seconds(value: Any, name: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ControlError(f"{name} must be a number.")
    try:
        seconds = float(value)
    except OverflowError:  # an integer of hundreds of digits
        seconds = math.inf
    if not math.isfinite(seconds) or seconds < 0:
        raise ControlError(f"{name} must be a finite number >= 0.")
    return seconds


class EmulatorControls:
    """Reset, virtual clock, faults and permission checks of one ``Emulator``."""

    def __init__(self, emulator: Emulator) -> None:
        self._emulator = emulator

    @property
    def capabilities(self) -> frozenset[str]:
        return ALL_CAPABILITIES

    @property
    def consistency(self) -> str:
        """The emulator's mode, ``immediate`` or ``eventual``: said in the discovery answer."""
        return self._emulator.consistency.name

    def reset(self) -> None:
        self._emulator.reset()

    def now(self) -> float:
        return self._emulator.clock.now()

    def advance_clock(self, seconds: float) -> float:
        """Move the clock ahead; it never passes ``LATEST_TIME`` (9000-01-01), where the
        calendar, and every time the emulator computes from it, would soon run out."""
        seconds = _seconds(seconds, "seconds")
        if self._emulator.clock.now() + seconds > LATEST_TIME:
            raise ControlError(
                f"Moving the clock {seconds:g} s ahead would take it past 9000-01-01, "
                "beyond what the emulator can date."
            )
        now = self._emulator.clock.advance(seconds)
        self._emulator.roles.settle()
        return now

    def next_change(self) -> float | None:
        """The clock time of the emulator's next scheduled change, ``None`` if none is."""
        return self._emulator.next_change()

    def inject_fault(self, fault: str, duration_seconds: float) -> None:
        if fault not in KNOWN_FAULTS:
            raise ControlError(f"Unknown fault {fault!r}; known: {sorted(KNOWN_FAULTS)}.")
        seconds = _seconds(duration_seconds, "duration_seconds")
        if self._emulator.clock.now() + seconds > LATEST_TIME:
            raise ControlError(
                "duration_seconds would outlast 9000-01-01, beyond what the emulator can date."
            )
        self._emulator.roles.inject_role_in_use(seconds)

    def clear_faults(self) -> None:
        self._emulator.roles.clear_faults()

    def outbox(self, account_id: str | None = None) -> list[dict[str, Any]]:
        """What Incident Manager would have sent to people: pages and activation codes."""
        return self._emulator.contacts.outbox(account_id)

    def set_permission_checks(self, enabled: bool) -> None:
        if not isinstance(enabled, bool):
            raise ControlError("enforce must be true or false.")
        self._emulator.roles.permission_checks = enabled


def _json(payload: dict[str, Any], status: int = 200) -> Response:
    return Response(json.dumps(payload), status=status, content_type="application/json")


def control_error(status: int, message: str) -> Response:
    """A refusal in the control protocol's shape: ``{"error": ...}`` with a 4xx status."""
    return _json({"error": message}, status)


def _body(request: Request) -> dict[str, Any]:
    raw = request.get_data(cache=True)
    if not raw.strip():
        return {}
    try:
        parsed = load_json(raw)
    except SerializationException as exc:
        raise ControlError(f"The body is not valid JSON: {exc.message}") from None
    if not isinstance(parsed, dict):
        raise ControlError("The body must be a JSON object.")
    return parsed


def handle_control(controls: EmulatorControls, request: Request) -> Response:
    """Answer one request under ``PREFIX``; errors are ``{"error": ...}`` with a 4xx status."""
    path = request.path[len(PREFIX) :].rstrip("/") or "/"
    method = request.method
    routes = {
        ("GET", "/controls"): _discover,
        ("POST", "/reset"): _reset,
        ("GET", "/clock"): _now,
        ("POST", "/clock"): _advance,
        ("GET", "/clock/next"): _next,
        ("POST", "/faults"): _inject,
        ("DELETE", "/faults"): _clear,
        ("POST", "/permissions"): _permissions,
        ("GET", "/outbox"): _outbox,
    }
    route = routes.get((method, path))
    if route is None:
        if any(known == path for _, known in routes):
            return control_error(405, f"Method {method} is not allowed on {path[:128]}.")
        return control_error(404, f"No control at {path[:128]}.")
    try:
        return _json(route(controls, request))
    except ControlError as error:
        return control_error(error.status, str(error))


def _discover(controls: EmulatorControls, request: Request) -> dict[str, Any]:
    return {
        "protocol": PROTOCOL_NAME,
        "version": PROTOCOL_VERSION,
        "capabilities": sorted(controls.capabilities),
        "consistency": controls.consistency,
    }


def _reset(controls: EmulatorControls, request: Request) -> dict[str, Any]:
    _body(request)
    controls.reset()
    return {}


def _now(controls: EmulatorControls, request: Request) -> dict[str, Any]:
    return {"now": controls.now()}


def _advance(controls: EmulatorControls, request: Request) -> dict[str, Any]:
    body = _body(request)
    if "advance_seconds" not in body:
        raise ControlError("advance_seconds is required.")
    return {"now": controls.advance_clock(_seconds(body["advance_seconds"], "advance_seconds"))}


def _next(controls: EmulatorControls, request: Request) -> dict[str, Any]:
    return {"now": controls.now(), "next": controls.next_change()}


def _inject(controls: EmulatorControls, request: Request) -> dict[str, Any]:
    body = _body(request)
    fault = body.get("fault")
    if not isinstance(fault, str):
        raise ControlError("fault must be a string.")
    if "duration_seconds" not in body:
        raise ControlError("duration_seconds is required.")
    controls.inject_fault(fault, _seconds(body["duration_seconds"], "duration_seconds"))
    return {}


def _clear(controls: EmulatorControls, request: Request) -> dict[str, Any]:
    controls.clear_faults()
    return {}


def _permissions(controls: EmulatorControls, request: Request) -> dict[str, Any]:
    body = _body(request)
    enforce = body.get("enforce")
    if not isinstance(enforce, bool):
        raise ControlError("enforce must be true or false.")
    controls.set_permission_checks(enforce)
    return {}


def _outbox(controls: EmulatorControls, request: Request) -> dict[str, Any]:
    """``GET /outbox[?account=<id>]``: the messages sent, oldest first (times in epoch seconds)."""
    account = request.args.get("account")
    if account is not None and not (len(account) == 12 and account.isdigit()):
        raise ControlError("account must be a 12-digit AWS account ID.")
    return {"messages": controls.outbox(account)}

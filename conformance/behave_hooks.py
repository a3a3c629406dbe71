"""behave's hooks, kept in the package so ``environment.py`` stays a one-line shim.

The hooks pick the backend (``-D backend=NAME`` or the one the CLI built), give every
scenario a fresh domain driver and a clean state, and skip, with the reason, the scenarios
that need a test control the backend lacks or that would touch what a live account already has.
"""

from __future__ import annotations

import re
import sys
import uuid
from collections.abc import Callable, Iterable
from typing import Any

from conformance.backends.base import CLOCK, FAULTS, PERMISSIONS, RESET, Backend
from conformance.backends.registry import BackendOptions, parse_backend
from conformance.driver import IncidentManager
from conformance.errors import ConfigurationError, ImplementationFailure

REQUIREMENT_TAG = re.compile(r"^SLR-[A-Z]{3}-\d{2}$")
NEEDS = {"needs.clock": CLOCK, "needs.faults": FAULTS, "needs.permissions": PERMISSIONS}


def requirement_tags(tags: Iterable[str]) -> list[str]:
    return [t for t in tags if REQUIREMENT_TAG.match(t)]


def options_from_userdata(userdata: Any) -> BackendOptions:
    accounts = userdata.get("allow_aws_account", "")
    return BackendOptions(
        endpoint_url=userdata.get("endpoint_url") or None,
        region=userdata.get("region", "us-east-1"),
        allowed_aws_accounts=frozenset(a for a in re.split(r"[,\s]+", accounts) if a),
        run_id=userdata.get("run_id") or None,
    )


def before_all(context: Any) -> None:
    userdata = context.config.userdata
    backend: Backend | None = userdata.get("backend_instance")
    context.owns_backend = backend is None
    if backend is None:
        backend = parse_backend(userdata.get("backend"), options_from_userdata(userdata))
        backend.start()
    context.backend = backend
    context.run_id = userdata.get("run_id") or uuid.uuid4().hex[:8]
    context.live_state = userdata.get("live_state") or (
        LiveState.read(backend) if backend.live else None
    )


class LiveState:
    """What a live account already had before the run; it is never changed by the suite."""

    def __init__(self, replication_set: str | None, role: str | None) -> None:
        self.replication_set = replication_set
        self.role = role

    @classmethod
    def read(cls, backend: Backend) -> LiveState:
        """Look before touching anything; a refused look is a configuration error."""
        probe = IncidentManager(backend, run_id="probe")
        try:
            found = probe.roles.find()
            return cls(probe.replication_sets.existing_arn(), found["RoleName"] if found else None)
        except ImplementationFailure as exc:
            raise ConfigurationError(
                f"The account could not be inspected before the run: {exc}".rstrip(".") + "."
            ) from None


def skip_reason(tags: set[str], backend: Backend, live: LiveState | None) -> str | None:
    """Why a scenario with ``tags`` cannot run on ``backend``, or ``None`` when it can."""
    controls = backend.controls
    capabilities = controls.capabilities if controls is not None else frozenset()
    for tag, capability in NEEDS.items():
        if tag in tags and capability not in capabilities:
            if capability == PERMISSIONS and backend.live:
                continue
            if capability == CLOCK and backend.live:
                return "needs the clock control: on real AWS it would wait a real day"
            return f"needs the '{capability}' test control, which backend '{backend.name}' does not offer"
    if live is not None:
        if "changes.replication_set" in tags and live.replication_set:
            return (
                "the account already has a replication set; the suite never changes or deletes it"
            )
        if "changes.role" in tags and live.role:
            return "the account already has the role; the suite never changes or deletes it"
    return None


def before_scenario(context: Any, scenario: Any) -> None:
    reason = skip_reason(set(scenario.effective_tags), context.backend, context.live_state)
    if reason:
        scenario.skip(reason)
        return
    controls = context.backend.controls
    if controls is not None and RESET in controls.capabilities:
        controls.reset()
    context.im = IncidentManager(context.backend, context.run_id, scenario=scenario)


def after_scenario(context: Any, scenario: Any) -> None:
    world = getattr(context, "im", None)
    if world is not None:
        controls = context.backend.controls
        if controls is None or RESET not in controls.capabilities:
            left = world.clean_up()
            for line in left:
                sys.stderr.write(f"could not remove {line}\n")
        context.im = None
    callback: Callable[[Any], None] | None = context.config.userdata.get("on_scenario")
    if callback is not None:
        callback(scenario)


def after_all(context: Any) -> None:
    backend = getattr(context, "backend", None)
    if backend is not None and getattr(context, "owns_backend", False):
        backend.stop()

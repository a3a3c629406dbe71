"""behave's hooks, kept in the package so ``environment.py`` stays a one-line shim.

The hooks pick the backend (``-D backend=NAME`` or the one the CLI built), give every
scenario a fresh domain driver and a clean state, and skip, with the reason, the scenarios
that need a test control the backend lacks or that would touch what a live account already has.
"""

from __future__ import annotations

import re
import sys
import time
from collections.abc import Callable
from typing import Any

from conformance.backends.base import CLOCK, FAULTS, PERMISSIONS, RESET, Backend
from conformance.backends.registry import BackendOptions, parse_backend
from conformance.catalogue import requirement_tags
from conformance.driver import IncidentManager
from conformance.driver.session import RunRecord
from conformance.live import dryrun
from conformance.live.runid import check_run_id, new_run_id
from conformance.live.services import service_of
from conformance.live.state import LiveState

__all__ = [
    "LiveState",
    "after_all",
    "after_scenario",
    "before_all",
    "before_scenario",
    "options_from_userdata",
    "requirement_tags",
    "skip_reason",
]

NEEDS = {"needs.clock": CLOCK, "needs.faults": FAULTS, "needs.permissions": PERMISSIONS}


def options_from_userdata(userdata: Any) -> BackendOptions:
    accounts = userdata.get("allow_aws_account", "")
    return BackendOptions(
        endpoint_url=userdata.get("endpoint_url") or None,
        region=userdata.get("region", "us-east-1"),
        allowed_aws_accounts=frozenset(a for a in re.split(r"[,\s]+", accounts) if a),
        run_id=userdata.get("run_id") or None,
        poll_interval=float(userdata["poll_interval"]) if userdata.get("poll_interval") else None,
    )


def before_all(context: Any) -> None:
    userdata = context.config.userdata
    backend: Backend | None = userdata.get("backend_instance")
    context.owns_backend = backend is None
    if backend is None:
        backend = parse_backend(userdata.get("backend"), options_from_userdata(userdata))
        backend.start()
    context.backend = backend
    context.run_id = check_run_id(userdata.get("run_id") or new_run_id())
    live_run = userdata.get("live_run")
    context.owned_live_run = None
    if live_run is None and backend.live and userdata.get("live_state") is None:
        live_run = context.owned_live_run = _open_live_run(backend, context.run_id, userdata)
    context.live_state = live_run.state if live_run is not None else userdata.get("live_state")
    context.journal = live_run.journal if live_run is not None else None
    # Clients are made once per run, for every scenario: making one costs more than a call.
    context.clients = {}
    context.run_record = RunRecord()
    context.started = time.monotonic()


def _report_duration(context: Any) -> None:
    """Give behave's summary the run's real duration.

    behave adds up a feature's time from the scenarios directly under it, and every scenario
    of this specification is under a ``Rule``, so its summary would say "Took 0min 0.000s".
    """
    from behave.reporter.summary import SummaryReporter

    started = getattr(context, "started", None)
    if started is None:
        return
    for reporter in getattr(context.config, "reporters", ()):
        if isinstance(reporter, SummaryReporter):
            reporter.duration = time.monotonic() - started


def _open_live_run(backend: Backend, run_id: str, userdata: Any) -> Any:
    """Plain behave on a live backend: the same looks, lock and journal as the CLI's runs.

    behave does not tell the hooks which scenarios it selected, so the replication set is
    looked for through every published Region; the journal goes to ``-D output=DIR``.
    """
    from pathlib import Path

    from conformance.live.session import DEFAULT_JOURNAL_DIR, LiveOptions, LiveRun
    from conformance.speccheck import published_regions

    output = Path(userdata.get("output") or DEFAULT_JOURNAL_DIR)
    output.mkdir(parents=True, exist_ok=True)
    return LiveRun.open(backend, run_id, published_regions(), LiveOptions(journal_dir=output))


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
        principal = service_of(tags)
        if principal is not None:  # an example of one service's role: see live.services
            if live.services is None:
                return (
                    "the account's service-linked roles were not looked for before the run; "
                    "run it with 'slr-conformance run --spec' on a live backend"
                )
            return live.services.skip_reason(principal, requirement_tags(tags))
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
    context.im = IncidentManager(
        context.backend,
        context.run_id,
        scenario=scenario,
        journal=context.journal,
        clients=context.clients,
        run=context.run_record,
        services=context.live_state.services if context.live_state is not None else None,
    )


def after_scenario(context: Any, scenario: Any) -> None:
    dryrun.skip_if_stopped(scenario)
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
    _report_duration(context)
    live_run = getattr(context, "owned_live_run", None)
    if live_run is not None:
        live_run.close()
    backend = getattr(context, "backend", None)
    if backend is not None and getattr(context, "owns_backend", False):
        backend.stop()

"""A bounded, seeded fuzzing campaign against the served emulator, as part of ``make test``.

The campaign (``conformance.emulator.fuzzing``) draws requests from botocore's models of
``ssm-incidents``, ``ssm-contacts``, IAM and STS, sends them over real HTTP to a fresh emulator
on 127.0.0.1, and judges every answer: never a 5xx that is a defect, every error in AWS shape,
no Python names, and a server that still answers after every batch. ``make fuzz`` runs the
same campaign far longer. Its report is printed (``pytest -s`` shows it).
"""

from __future__ import annotations

import sys
import time
from typing import Any

import pytest

from conformance.emulator.fuzzing import campaign
from conformance.emulator.fuzzing.campaign import Budget, run_campaign

#: About half a minute on a shared two-core machine; the seed makes it the same every run.
BUDGET = Budget(sdk=300, raw=600, controls=120, seconds=50.0, seed=0)


def test_a_bounded_campaign_finds_no_defect() -> None:
    report = run_campaign(BUDGET)
    sys.stdout.write(report.render())
    assert report.requests >= 300, report.render()
    assert report.health_checks >= 5
    assert report.server_errors == 0, report.render()
    assert not report.findings, report.render()


class _TickingTime:
    """The campaign's ``time``, one second further on at every look: its deadline falls
    inside the first phase, after the same number of examples on every run."""

    def __init__(self) -> None:
        self.now = 0.0

    def monotonic(self) -> float:
        self.now += 1.0
        return self.now

    def __getattr__(self, name: str) -> Any:
        return getattr(time, name)


def test_a_campaign_whose_time_runs_out_mid_phase_stops_early_without_an_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """On a loaded machine the deadline falls inside a phase; that is a short campaign, not a
    hypothesis error about inconsistent generation."""
    monkeypatch.setattr(campaign, "time", _TickingTime())
    report = run_campaign(Budget(sdk=300, raw=600, controls=120, seconds=40.0, seed=0))
    assert report.stopped_early and 0 < report.requests < 300, report.render()
    assert report.server_errors == 0 and not report.findings, report.render()

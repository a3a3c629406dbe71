"""A bounded, seeded fuzzing campaign against the served emulator, as part of ``make test``.

The campaign (``conformance.emulator.fuzzing``) draws requests from botocore's models of
``ssm-incidents``, ``ssm-contacts``, IAM and STS, sends them over real HTTP to a fresh emulator
on 127.0.0.1, and judges every answer: never a 5xx that is a defect, every error in AWS shape,
no Python names, and a server that still answers after every batch. ``make fuzz`` runs the
same campaign far longer. Its report is printed (``pytest -s`` shows it).
"""

from __future__ import annotations

import sys

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


def test_a_campaign_cut_short_by_its_time_cap_still_reports() -> None:
    report = run_campaign(Budget(sdk=100_000, raw=0, controls=0, seconds=2.0, seed=0))
    assert report.stopped_early, report.render()
    assert report.requests > 0 and report.health_checks >= 1

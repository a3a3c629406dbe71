"""The driver's own judgement: missing fields, bounded retries and inconclusive examples."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from botocore.exceptions import ClientError

from conformance.backends.registry import BackendOptions, parse_backend
from conformance.clock import VirtualClock
from conformance.driver import IncidentManager
from conformance.driver.calls import answer, look
from conformance.driver.waiting import retry_while
from conformance.emulator import Emulator
from conformance.emulator.iam_slr import DEFAULT_DEFINITION
from conformance.errors import ImplementationFailure
from conformance.mutants.execution import run_emulator
from conformance.runner import ROOT, Selection


def test_a_missing_field_fails_the_implementation_and_names_its_path() -> None:
    found = answer({"Role": {"RoleName": "r", "Tags": [{"Key": "k"}]}}, "GetRole")
    assert found["Role"]["RoleName"] == "r"
    assert found["Role"].get("Path") is None
    with pytest.raises(ImplementationFailure, match=r"GetRole lacks the field Role\.Path\."):
        found["Role"]["Path"]
    with pytest.raises(ImplementationFailure, match=r"field Role\.Tags\[\]\.Value\."):
        found["Role"]["Tags"][0]["Value"]


def _refusal(code: str) -> ClientError:
    return ClientError({"Error": {"Code": code, "Message": "no"}}, "GetRole")


def test_look_reads_absence_as_none_and_any_other_refusal_as_a_failure() -> None:
    def absent() -> None:
        raise _refusal("NoSuchEntity")

    def refused() -> None:
        raise _refusal("AccessDenied")

    assert look("GetRole", absent) is None
    with pytest.raises(ImplementationFailure, match="GetRole was refused \\(AccessDenied: no\\)"):
        look("GetRole", refused)


def test_retry_while_stops_at_the_final_answer_or_hands_back_the_last_one() -> None:
    clock = VirtualClock()
    answers = iter(["FAILED", "FAILED", "SUCCEEDED"])
    started = clock.now()
    assert retry_while(
        clock, lambda: next(answers), again=lambda s: s == "FAILED", timeout=600, interval=60
    ) == ("SUCCEEDED")
    assert clock.now() - started == 120
    calls: list[float] = []
    last = retry_while(
        clock,
        lambda: calls.append(clock.now()) or "FAILED",
        again=lambda s: s == "FAILED",
        timeout=300,
        interval=60,
    )
    assert last == "FAILED" and len(calls) == 6


def test_a_repeat_request_after_the_task_ended_is_inconclusive_not_failed() -> None:
    """Deletion tasks that end at once leave nothing running to ask about again."""
    instant = Emulator(definition=replace(DEFAULT_DEFINITION, deletion_delay_seconds=0))
    result = run_emulator(instant, Selection(requirements=("SLR-DEL-03",)))
    verdict = result.requirements[0]
    repeat = next(s for s in verdict.scenarios if "Asking again" in s.name)
    assert repeat.outcome == "skipped"
    assert (repeat.message or "").startswith("inconclusive: the first deletion task had ended")
    assert verdict.verdict == "pass"


UNKNOWN_EDIT = """\
Feature: An edit nobody defined
  @SLR-EDT-01
  Rule: one
    Scenario: an unknown edit phrase
      Given the Incident Manager service-linked role exists
      When I try to rename the role on the role
      Then the request is refused with "UnmodifiableEntity"
"""


def test_an_unknown_edit_phrase_is_an_undefined_step(tmp_path: Path) -> None:
    """The edit phrase is a registered choice: behave reports an unknown one before running."""
    (tmp_path / "steps").symlink_to(ROOT / "steps")
    (tmp_path / "features").mkdir()
    (tmp_path / "features" / "edit.feature").write_text(UNKNOWN_EDIT, encoding="utf-8")
    known = tmp_path / "features" / "known.feature"
    known.write_text(UNKNOWN_EDIT.replace("rename the role", "put an inline policy"), "utf-8")

    def dry_run(feature: Path) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "behave", "--dry-run", "--no-summary", str(feature)],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            check=False,
        )

    unknown = dry_run(tmp_path / "features" / "edit.feature")
    assert unknown.returncode == 1
    assert "@when(u'I try to rename the role on the role')" in unknown.stdout + unknown.stderr
    assert dry_run(known).returncode == 0


def test_helpers_share_one_session_and_hold_only_the_siblings_they_use() -> None:
    """No helper reaches through the whole driver: each gets the session and named siblings."""
    world = IncidentManager(parse_backend("reference", BackendOptions()), run_id="wiring")
    helpers = (world.roles, world.replication_sets, world.data, world.identities, world.triggers)
    assert all(vars(h)["_session"] is world.session for h in helpers)
    assert vars(world.replication_sets)["_roles"] is world.roles
    assert not any(isinstance(v, IncidentManager) for h in helpers for v in vars(h).values())


def test_cleanup_tries_what_failed_once_more_after_the_rest_and_a_pause() -> None:
    """A removal may fail while AWS settles: it is tried again after every other one."""
    from conformance.driver.tracker import Tracker

    order: list[str] = []
    attempts = {"user": 0}

    def remove_user() -> None:
        attempts["user"] += 1
        order.append("user")
        if attempts["user"] == 1:
            raise RuntimeError("DeleteConflict: the user still has a key")

    tracker = Tracker("run")
    tracker.created("user", remove_user)
    tracker.created("key", lambda: order.append("key"))
    pauses: list[str] = []
    assert tracker.clean_up(settle=lambda: pauses.append("pause")) == []
    assert order == ["key", "user", "user"] and pauses == ["pause"]

    attempts["user"] = 0
    again = Tracker("run")
    again.created("user", remove_user)
    left = again.clean_up()
    assert left == ["user: DeleteConflict: the user still has a key"]

"""The mutant catalogue and its runner: broad, well-formed, and able to tell killed from survived.

A full mutants run takes a while, so these tests check the catalogue statically, run only a
few representative mutants on their own requirements, and stand in a small real result for
the reference run when they exercise ``run_mutants`` end to end.
"""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path

import pytest

from conformance.catalogue import load_catalogue
from conformance.cli import main
from conformance.emulator import Emulator
from conformance.emulator.iam_slr.models import PROTECTED_ROLE_ACTIONS
from conformance.errors import ConfigurationError
from conformance.mutants import ReferenceFails, execution, run_mutants
from conformance.mutants.catalogue import EVERY_ROLE, MUTANTS, select
from conformance.mutants.execution import MutantOutcome, run_emulator, run_mutant
from conformance.mutants.report import KillMatrix, write_matrix
from conformance.runner import Selection

NAME = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def by_name(name: str):
    return next(m for m in MUTANTS if m.name == name)


# -- the catalogue --------------------------------------------------------------------------


def test_the_catalogue_holds_at_least_thirty_uniquely_named_mutants():
    names = [m.name for m in MUTANTS]
    assert len(names) >= 30
    assert len(set(names)) == len(names)
    assert all(NAME.match(n) for n in names), [n for n in names if not NAME.match(n)]


def test_every_mutant_names_known_requirements_and_says_what_it_breaks_in_one_line():
    for mutant in MUTANTS:
        known = set(load_catalogue(mutant.spec).ids)
        assert mutant.requirements, mutant.name
        assert set(mutant.requirements) <= known, (mutant.name, mutant.requirements)
        assert mutant.description.endswith("."), mutant.name
        assert "\n" not in mutant.description, mutant.name


def test_equivalent_mutants_are_few_and_say_why():
    equivalent = [m for m in MUTANTS if m.equivalent]
    assert len(equivalent) <= 3
    assert all(len(m.equivalent or "") > 40 for m in equivalent)


def test_every_mutant_replaces_exactly_one_part_of_the_emulator():
    for mutant in MUTANTS:
        assert len(mutant.replaced_parts()) == 1, (mutant.name, mutant.replaced_parts())


def test_every_section_of_the_page_has_mutants():
    catalogue = load_catalogue()
    covered = {m.section for m in MUTANTS if m.spec == catalogue.spec}
    assert {s.key for s in catalogue.sections} <= covered


def test_every_requirement_of_every_service_linked_role_has_a_mutant():
    catalogue = load_catalogue(EVERY_ROLE)
    named = {r for m in select(None, EVERY_ROLE) for r in m.requirements}
    assert set(catalogue.ids) == named


def test_every_protected_iam_operation_has_its_own_mutant():
    classes = {m.roles_cls.__name__ for m in MUTANTS}
    missing = {a for a in PROTECTED_ROLE_ACTIONS if f"Unprotected{a}" not in classes}
    assert not missing


def test_every_mutant_builds_an_emulator():
    for mutant in MUTANTS[:3]:
        emulator = mutant.build()
        assert isinstance(emulator.roles, mutant.roles_cls)
    Emulator()  # leave moto's state to a reference emulator


# -- selecting ------------------------------------------------------------------------------


def test_selecting_keeps_catalogue_order_and_none_means_all():
    assert select(None) == list(MUTANTS)
    picked = select(["duplicate-accepted", "name-lower-case-f"])
    assert [m.name for m in picked] == ["name-lower-case-f", "duplicate-accepted"]


def test_mutants_are_selected_by_the_specification_their_requirements_belong_to():
    assert {m.spec for m in MUTANTS} == {"incident-manager", EVERY_ROLE}
    assert select(None, "incident-manager") == [m for m in MUTANTS if m.spec != EVERY_ROLE]
    assert {m.spec for m in select(None, EVERY_ROLE)} == {EVERY_ROLE}
    assert select(None, "another-spec") == []
    with pytest.raises(ConfigurationError) as caught:
        select(["name-lower-case-f"], "another-spec")
    assert "the known mutants of the specification another-spec are none" in str(caught.value)


def test_an_unknown_mutant_is_a_one_sentence_error_listing_the_known_ones():
    with pytest.raises(ConfigurationError) as caught:
        select(["name-lower-case-f", "no-such-mutant"])
    message = str(caught.value)
    assert message.startswith("Unknown mutant no-such-mutant;")
    assert message.endswith(".") and message.count(". ") == 0 and "\n" not in message
    assert all(m.name in message for m in MUTANTS)


def test_run_mutants_rejects_an_unknown_name_before_running_anything(tmp_path, monkeypatch):
    def must_not_run():
        raise AssertionError("the reference run started")

    monkeypatch.setattr(execution, "run_reference", must_not_run)
    with pytest.raises(ConfigurationError):
        run_mutants(["nope"])


# -- killing --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "requirement"),
    [
        ("name-lower-case-f", "SLR-PRM-01"),
        ("unprotected-delete-role", "SLR-EDT-02"),
        ("custom-suffix-accepted", "SLR-CRT-05"),
    ],
)
def test_representative_mutants_are_killed_by_their_requirement(name, requirement):
    outcome = run_mutant(by_name(name))
    assert outcome.killed
    assert outcome.named_failed == (requirement,)
    assert outcome.ran == by_name(name).requirements


# One service's row broken, and one general rule broken for every recorded service: each is
# killed by the service-linked-roles specification, the single-row ones by that row alone.
@pytest.mark.parametrize(
    ("name", "requirement", "failed"),
    [
        ("one-service-role-misnamed", "IAM-OVR-01", 1),
        ("one-service-policy-wrong", "IAM-OVR-02", 1),
        ("recorded-roles-deletable-with-delete-role", "IAM-EDT-02", 70),
    ],
)
def test_mutants_of_every_service_linked_role_are_killed(name, requirement, failed):
    mutant = by_name(name)
    result = execution.run_emulator(
        mutant.build(), execution.selection_for(mutant, "named"), mutant.spec
    )
    [verdict] = result.requirements
    assert (verdict.id, verdict.verdict) == (requirement, "fail")
    broken = [s for s in verdict.scenarios if s.outcome == "failed"]
    assert len(broken) == failed
    if failed == 1:
        assert "ecs.amazonaws.com" in broken[0].name


def test_the_section_scope_runs_the_named_requirements_whole_section():
    selection = execution.selection_for(by_name("custom-suffix-accepted"), "section")
    assert "SLR-CRT-05" in selection.requirements
    assert {load_catalogue().requirement(r).section for r in selection.requirements} == {"creating"}


# -- running and reporting ------------------------------------------------------------------


def small_reference(requirement: str = "SLR-CRT-05"):
    """A real, quick result standing in for the whole-suite reference run."""
    return run_emulator(Emulator(), Selection(requirements=(requirement,)))


def test_run_mutants_returns_the_kill_matrix_and_tells_its_progress(monkeypatch):
    reference = small_reference()
    monkeypatch.setattr(execution, "run_reference", lambda spec: reference)
    heard: list[object] = []
    matrix = run_mutants(
        ["custom-suffix-accepted"],
        on_reference=lambda count, seconds: heard.append(count),
        on_outcome=heard.append,
    )
    assert [o.name for o in matrix.outcomes] == ["custom-suffix-accepted"]
    assert matrix.outcomes[0].killed and not matrix.survivors
    assert heard == [1, matrix.outcomes[0]]


def test_the_mutants_command_writes_the_kill_matrix_and_exits_zero_when_all_are_killed(
    tmp_path, monkeypatch, capsys
):
    reference = small_reference()
    monkeypatch.setattr(execution, "run_reference", lambda spec: reference)
    code = main(["mutants", "--mutant", "custom-suffix-accepted", "--output", str(tmp_path / "out")])
    printed = capsys.readouterr().out
    assert code == 0, printed
    assert re.search(r"^killed\s+custom-suffix-accepted\s+SLR-CRT-05\s", printed, re.M)
    assert "1 of 1 mutants killed, 0 survived." in printed
    document = json.loads((tmp_path / "out" / "kill-matrix.json").read_text())
    assert document["kind"] == "slr-conformance-kill-matrix"
    assert document["specification"] == "incident-manager"
    assert document["summary"]["killed"] == 1
    row = document["mutants"][0]
    assert (row["name"], row["status"], row["named_failed"]) == (
        "custom-suffix-accepted",
        "killed",
        ["SLR-CRT-05"],
    )
    assert (
        "| `custom-suffix-accepted` | killed |" in (tmp_path / "out" / "kill-matrix.md").read_text()
    )


def test_the_mutants_command_stops_when_the_reference_emulator_fails(
    tmp_path, monkeypatch, capsys
):
    failing = run_emulator(
        by_name("custom-suffix-accepted").build(), Selection(requirements=("SLR-CRT-05",))
    )
    monkeypatch.setattr(execution, "run_reference", lambda spec: failing)
    with pytest.raises(ReferenceFails):
        run_mutants(None)
    assert main(["mutants", "--output", str(tmp_path)]) == 1
    assert "reference emulator does not pass the suite (SLR-CRT-05)" in capsys.readouterr().out
    assert not (tmp_path / "kill-matrix.json").exists()


def test_a_survivor_is_reported_and_collateral_failures_do_not_count(tmp_path: Path):
    survivor = MutantOutcome(
        name="example",
        section="creating",
        description="Breaks something.",
        requirements=("SLR-CRT-05",),
        ran=("SLR-CRT-05", "SLR-CRT-06"),
        named_failed=(),
        other_failed=("SLR-CRT-06",),
        errors=(),
        seconds=0.5,
    )
    equivalent = dataclasses.replace(survivor, name="hidden", equivalent="nothing shows it")
    matrix = KillMatrix("named", 1.0, 2.0, (survivor, equivalent))
    assert not survivor.killed
    assert matrix.survivors == ["example"]
    assert matrix.equivalents == ["hidden"]
    write_matrix(matrix, tmp_path)
    document = json.loads((tmp_path / "kill-matrix.json").read_text())
    assert document["mutants"][0]["status"] == "survived"
    assert document["mutants"][0]["other_failed"] == ["SLR-CRT-06"]
    assert document["mutants"][1]["status"] == "equivalent"
    assert "SLR-CRT-06" in document["unexercised_requirements"]

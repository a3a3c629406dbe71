"""The service-linked-roles specification: its catalogue, its links to Incident Manager's
requirements, and the driver's work on any recorded service's role."""

from __future__ import annotations

import pytest

from conformance.backends.registry import BackendOptions, parse_backend
from conformance.catalogue import general_rules, load_catalogue
from conformance.cli import main
from conformance.driver import IncidentManager, edits
from conformance.driver.calls import Attempt
from conformance.errors import ImplementationFailure

SPEC = "service-linked-roles"


def test_its_requirement_ids_start_with_iam_and_its_version_is_one() -> None:
    catalogue = load_catalogue(SPEC)
    assert catalogue.spec == SPEC and catalogue.spec_version == "1.0.0"
    assert all(r.id.startswith("IAM-") for r in catalogue.requirements)
    assert not set(catalogue.ids) & set(load_catalogue().ids)


def test_every_instance_is_an_incident_manager_requirement_which_names_its_rule_back() -> None:
    incident_manager = set(load_catalogue().ids)
    for rule in load_catalogue(SPEC).requirements:
        assert set(rule.instances) <= incident_manager, rule.id
        for instance in rule.instances:
            assert rule.id in general_rules(instance)
    assert general_rules("SLR-EDT-01") == ("IAM-EDT-01",)
    assert general_rules("SLR-DEL-04") == ()


def test_the_requirements_command_shows_both_directions_of_the_link(capsys) -> None:
    assert main(["requirements", "--spec", "incident-manager"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert any(line.startswith("SLR-EDT-01") and "instance of IAM-EDT-01" in line for line in lines)
    assert main(["requirements", "--spec", SPEC]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert any(line.startswith("IAM-EDT-01") and "instances SLR-EDT-01" in line for line in lines)


@pytest.fixture
def world():
    backend = parse_backend("reference", BackendOptions())
    backend.start()
    backend.controls.reset()
    yield IncidentManager(backend, "t-slr-spec")
    backend.stop()


def test_the_driver_works_on_the_role_of_the_service_it_is_aimed_at(world) -> None:
    world.roles.aim_at("batch.amazonaws.com")
    world.roles.ensure()
    role = world.roles.current()
    assert (role["RoleName"], role["Path"]) == (
        "AWSServiceRoleForBatch",
        "/aws-service-role/batch.amazonaws.com/",
    )
    assert [r["RoleName"] for r in world.roles.service_roles()] == ["AWSServiceRoleForBatch"]
    with pytest.raises(RuntimeError, match="already works on the role"):
        world.roles.aim_at("ecs.amazonaws.com")


def test_several_edits_are_each_judged(world) -> None:
    world.roles.aim_at("batch.amazonaws.com")
    world.roles.ensure()
    world.roles.remember()
    for outcome in edits.try_each(world, ["put an inline policy", "replace the trust policy"]):
        world.record(outcome)
    world.expect_each_refused("UnmodifiableEntity")
    world.record(Attempt("UpdateRoleDescription", response={}))
    with pytest.raises(ImplementationFailure, match=r"UpdateRoleDescription \(succeeded\)"):
        world.expect_each_refused("UnmodifiableEntity")

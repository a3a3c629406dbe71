"""The service x requirement map: each example is put under its service, and read back."""

from __future__ import annotations

from dataclasses import replace

from results_builders import make_result

from conformance.results.model import ScenarioResult
from conformance.sphinxext.servicemap import ServiceMap, service_of

PRINCIPALS = (
    "batch.amazonaws.com",
    "ecs.amazonaws.com",
    "ecs.application-autoscaling.amazonaws.com",
)


def _example(principal: str, outcome: str, title: str = "The role of x") -> ScenarioResult:
    return ScenarioResult(
        name=f"{title} -- @1.1 {principal}",
        feature="overview",
        location="features/service-linked-roles/overview.feature:10",
        outcome=outcome,
        duration=0.01,
    )


def test_an_example_s_service_is_its_examples_table_or_the_one_its_title_names():
    assert (
        service_of("The role of ecs -- @2.1 ecs.amazonaws.com", PRINCIPALS) == "ecs.amazonaws.com"
    )
    assert (
        service_of("The role of batch.amazonaws.com is deleted, as AWS recorded", PRINCIPALS)
        == "batch.amazonaws.com"
    )
    assert (
        service_of("Roles of ecs.application-autoscaling.amazonaws.com differ", PRINCIPALS)
        == "ecs.application-autoscaling.amazonaws.com"
    )
    assert service_of("A rule shown on no service", PRINCIPALS) is None


def test_services_it_gets_right_and_rules_it_breaks_for_every_service():
    result = make_result()
    first, second, third, *rest = result.requirements
    result = replace(
        result,
        requirements=(
            # broken for every service it ran for
            replace(first, scenarios=tuple(_example(p, "failed") for p in PRINCIPALS)),
            # broken for one service only; skipped for another
            replace(
                second,
                scenarios=(
                    _example("batch.amazonaws.com", "passed"),
                    _example("ecs.amazonaws.com", "failed"),
                    _example("ecs.application-autoscaling.amazonaws.com", "skipped"),
                ),
            ),
            # ran for one service only: not "broken for all"
            replace(third, scenarios=(_example("ecs.amazonaws.com", "error"),)),
            *rest,
        ),
    )
    found = ServiceMap.of(result, PRINCIPALS)
    ids = [v.id for v in result.requirements]
    assert found.broken_for_all(ids) == [first.id]
    assert found.cells["batch.amazonaws.com"] == {first.id: "failed", second.id: "passed"}
    assert found.cells["ecs.amazonaws.com"][third.id] == "error"
    assert found.right() == []
    fixed = ServiceMap.of(
        replace(
            result,
            requirements=(replace(second, scenarios=(_example("batch.amazonaws.com", "passed"),)),),
        ),
        PRINCIPALS,
    )
    assert fixed.right() == ["batch.amazonaws.com"]

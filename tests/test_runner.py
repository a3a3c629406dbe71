"""Verdict kinds: an implementation that answers wrongly fails; a defect of ours is an error."""

from __future__ import annotations

from pathlib import Path

from conformance.backends import parse_backend
from conformance.runner import RunOptions, Selection, run

FEATURE = """\
Feature: Classification
  @SLR-OVR-01
  Rule: one
    Scenario: answers wrongly
      Given the implementation answers wrongly
    Scenario: our own code breaks
      Given our own code breaks
  @SLR-OVR-02
  Rule: two
    Scenario: all is well
      Given all is well
"""

STEPS = """\
from behave import given
from conformance.errors import ImplementationFailure

@given("the implementation answers wrongly")
def step_wrong(context):
    raise ImplementationFailure("the role's name is wrong")

@given("our own code breaks")
def step_break(context):
    raise KeyError("a bug of the suite")

@given("all is well")
def step_fine(context):
    pass
"""


def test_failures_and_errors_are_never_mixed(tmp_path: Path) -> None:
    (tmp_path / "features").mkdir()
    (tmp_path / "steps").mkdir()
    (tmp_path / "features" / "classification.feature").write_text(FEATURE, encoding="utf-8")
    (tmp_path / "steps" / "classification_steps.py").write_text(STEPS, encoding="utf-8")
    backend = parse_backend("moto")
    options = RunOptions(
        selection=Selection(requirements=("SLR-OVR-01", "SLR-OVR-02")),
        features_dir=tmp_path / "features",
    )
    result = run(backend, options)
    outcomes = {s.name: s.outcome for r in result.requirements for s in r.scenarios}
    assert outcomes == {
        "answers wrongly": "failed",
        "our own code breaks": "error",
        "all is well": "passed",
    }
    assert result.verdict_of("SLR-OVR-01") == "error"
    assert result.verdict_of("SLR-OVR-02") == "pass"
    failed = next(s for r in result.requirements for s in r.scenarios if s.outcome == "failed")
    assert failed.failing_step == "Given the implementation answers wrongly"
    assert "role's name is wrong" in (failed.message or "")


SERVICES = """\
Feature: Per service
  @SLR-OVR-01
  Rule: one
    @service.batch.amazonaws.com
    Scenario: batch's role
      Given all is well for a service
    @service.acm.amazonaws.com
    Scenario: acm's role
      Given all is well for a service
  @SLR-OVR-02
  Rule: two
    Scenario: not of any service
      Given all is well for a service
"""


def test_a_service_selection_runs_only_that_services_examples(tmp_path: Path) -> None:
    (tmp_path / "features").mkdir()
    (tmp_path / "steps").mkdir()
    (tmp_path / "features" / "services.feature").write_text(SERVICES, encoding="utf-8")
    service_steps = '@given("all is well for a service")\ndef step_fine(context):\n    pass\n'
    (tmp_path / "steps" / "service_steps.py").write_text(
        "from behave import given\n\n" + service_steps, encoding="utf-8"
    )
    options = RunOptions(
        selection=Selection(services=("batch.amazonaws.com",)),
        features_dir=tmp_path / "features",
    )
    result = run(parse_backend("moto"), options)
    ran = {s.name for r in result.requirements for s in r.scenarios if s.outcome != "skipped"}
    assert ran == {"batch's role"}
    assert [r.id for r in result.requirements] == ["SLR-OVR-01"]  # no example, no verdict


def test_feature_files_without_steps_of_their_own_run_with_the_suites(tmp_path: Path) -> None:
    """A folder outside the checkout (``run --features``) has no steps beside or above it."""
    import shutil

    from conformance import specs

    spec = specs.get("service-linked-roles")
    features = tmp_path / "mine"
    shutil.copytree(spec.features, features)
    options = RunOptions(
        spec=spec.name,
        features_dir=features,
        selection=Selection(requirements=("IAM-OVR-01",), services=("batch.amazonaws.com",)),
    )
    result = run(parse_backend("reference"), options)
    assert [(r.id, r.verdict) for r in result.requirements] == [("IAM-OVR-01", "pass")]

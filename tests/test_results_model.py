"""A requirement is only as strong as the examples that ran: verdicts and partial checks."""

from __future__ import annotations

from hypothesis import given, settings
from results_builders import (
    CLOCK_REASON,
    make_result,
    requirements,
    with_skipped_examples,
)

from conformance.catalogue import load_catalogue
from conformance.results import coverage
from conformance.results.model import (
    VERDICTS,
    Examples,
    RequirementVerdict,
    ScenarioResult,
    verdict_for,
)

PERMISSIONS_REASON = "needs the 'permissions' test control, which backend 'moto' does not offer"


def _scenario(outcome: str, message: str | None = None) -> ScenarioResult:
    return ScenarioResult(
        name=f"an example that {outcome}",
        feature="overview",
        location="features/overview.feature:7",
        outcome=outcome,  # type: ignore[arg-type]
        duration=0.0,
        message=message,
    )


def _verdict(*outcomes: str, message: str | None = CLOCK_REASON) -> RequirementVerdict:
    requirement = load_catalogue().requirements[0]
    scenarios = [_scenario(o, message if o != "passed" else None) for o in outcomes]
    return verdict_for(requirement, scenarios)


def test_every_example_passed_is_a_full_pass() -> None:
    verdict = _verdict("passed", "passed")
    assert verdict.verdict == "pass"
    assert not verdict.partial
    assert verdict.examples == Examples(2, 2, 0, 0, 0, ())
    assert coverage.label(verdict.verdict, verdict.examples) == "pass"
    assert coverage.detail(verdict.verdict, verdict.examples) == "pass"


def test_a_pass_beside_skipped_examples_is_partly_checked() -> None:
    verdict = _verdict("passed", "skipped", "passed", "skipped", "skipped")
    assert verdict.verdict == "pass"
    assert verdict.partial
    assert verdict.examples == Examples(5, 2, 0, 0, 3, (CLOCK_REASON,))
    assert coverage.label(verdict.verdict, verdict.examples) == "pass (2 of 5 examples)"
    assert coverage.detail(verdict.verdict, verdict.examples) == (
        "pass (2 of 5 examples; 3 skipped: needs the 'clock' test control, "
        "which backend 'moto' does not offer)"
    )


def test_distinct_skip_reasons_are_kept_in_order() -> None:
    requirement = load_catalogue().requirements[0]
    scenarios = [
        _scenario("passed"),
        _scenario("skipped", PERMISSIONS_REASON),
        _scenario("skipped", CLOCK_REASON),
        _scenario("skipped", PERMISSIONS_REASON),
    ]
    verdict = verdict_for(requirement, scenarios)
    assert verdict.examples.skip_reasons == (PERMISSIONS_REASON, CLOCK_REASON)
    assert coverage.skipped(verdict.examples) == f"3 skipped: {PERMISSIONS_REASON}; {CLOCK_REASON}"


def test_a_skip_without_a_reason_says_so() -> None:
    verdict = _verdict("passed", "skipped", message=None)
    assert verdict.partial
    assert verdict.examples.skip_reasons == ()
    assert coverage.skipped(verdict.examples) == "1 skipped: no reason given"


def test_a_failure_dominates_passes_and_skips_and_is_not_partial() -> None:
    verdict = _verdict("passed", "failed", "skipped")
    assert verdict.verdict == "fail"
    assert not verdict.partial
    assert verdict.examples == Examples(3, 1, 1, 0, 1, (CLOCK_REASON,))
    assert coverage.label(verdict.verdict, verdict.examples) == "fail"


def test_an_error_dominates_everything() -> None:
    verdict = _verdict("passed", "failed", "error", "skipped")
    assert verdict.verdict == "error"
    assert not verdict.partial


def test_every_example_skipped_is_skipped_not_partial() -> None:
    verdict = _verdict("skipped", "skipped")
    assert verdict.verdict == "skipped"
    assert verdict.reason == CLOCK_REASON
    assert not verdict.partial
    assert coverage.detail(verdict.verdict, verdict.examples) == "skipped"


def test_no_example_at_all_is_an_error() -> None:
    verdict = _verdict()
    assert verdict.verdict == "error"
    assert verdict.examples == Examples(0, 0, 0, 0, 0, ())
    assert not verdict.partial


def test_counts_keep_the_four_verdicts_and_partial_passes_are_listed_apart() -> None:
    result = make_result({"SLR-OVR-02": "fail", "SLR-PRM-03": "skipped"})
    result = with_skipped_examples(result, "SLR-OVR-01")
    result = with_skipped_examples(result, "SLR-OVR-02")  # a failure stays a failure
    counts = result.counts()
    assert tuple(counts) == VERDICTS
    assert sum(counts.values()) == len(result.requirements)
    assert counts["pass"] == len(result.requirements) - 2
    assert [r.id for r in result.partly_checked()] == ["SLR-OVR-01"]


def test_the_partly_checked_phrase_is_empty_for_none() -> None:
    assert coverage.partly_checked(0) == ""
    assert coverage.partly_checked(2) == " (2 partly checked)"


@settings(max_examples=80, deadline=None)
@given(requirements)
def test_partial_is_exactly_a_pass_with_a_skipped_example(verdict: RequirementVerdict) -> None:
    examples = verdict.examples
    assert examples.total == len(verdict.scenarios)
    assert examples.passed + examples.failed + examples.error + examples.skipped == examples.total
    assert verdict.partial == (verdict.verdict == "pass" and examples.skipped > 0)
    label = coverage.label(verdict.verdict, examples)
    assert label.startswith(verdict.verdict)
    assert (label != verdict.verdict) == verdict.partial

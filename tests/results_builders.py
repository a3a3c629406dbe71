"""Builders and strategies shared by the result tests: small, deterministic runs to write.

Results built from the packaged catalogue stand for real runs; the hypothesis strategy covers
the corners (empty lists, odd text, unusual numbers) that a real run rarely produces.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import UTC, datetime

import pytest
from hypothesis import strategies as st

from conformance.catalogue import load_catalogue
from conformance.results.model import (
    BackendInfo,
    EvidenceRef,
    RequirementVerdict,
    RunInfo,
    RunResult,
    ScenarioResult,
    Verdict,
    verdict_for,
)
from conformance.specfiles import installed

_OUTCOME_FOR: dict[str, str] = {
    "pass": "passed",
    "fail": "failed",
    "error": "error",
    "skipped": "skipped",
}


def make_result(
    verdicts: dict[str, Verdict] | None = None,
    *,
    backend: str = "moto",
    version: str = "5.2.5",
    endpoint: str | None = None,
    spec_version: str | None = None,
    digest: str | None = None,
    spec_digest: str | None = None,
) -> RunResult:
    """A run over the real catalogue; every requirement passes unless ``verdicts`` says not.

    Each requirement gets two scenarios: one that passed and one with the outcome its verdict
    needs, so the verdict agrees with ``aggregate``.
    """
    catalogue = load_catalogue()
    wanted = verdicts or {}
    requirements = []
    for requirement in catalogue.requirements:
        verdict = wanted.get(requirement.id, "pass")
        outcome = _OUTCOME_FOR[verdict]
        scenarios = (
            ScenarioResult(
                name=f"{requirement.title} holds",
                feature=requirement.section,
                location=f"features/{requirement.section}.feature:10",
                outcome="skipped" if verdict == "skipped" else "passed",
                duration=0.01,
                message="needs the clock control" if verdict == "skipped" else None,
            ),
            ScenarioResult(
                name=f"{requirement.title} under load",
                feature=requirement.section,
                location=f"features/{requirement.section}.feature:20",
                outcome=outcome,  # type: ignore[arg-type]
                duration=0.02,
                failing_step=None if verdict == "pass" else "Then the role exists",
                message=None if verdict == "pass" else f"{requirement.id} went {outcome}",
            ),
        )
        built = verdict_for(requirement, scenarios)
        assert built.verdict == verdict
        requirements.append(built)
    return RunResult(
        spec_version=spec_version or catalogue.spec_version,
        catalogue_digest=digest or catalogue.digest,
        backend=BackendInfo(
            name=backend,
            implementation=backend,
            version=version,
            endpoint=endpoint,
            botocore_version="1.44.8",
        ),
        run=RunInfo(started="2026-01-05T10:00:00Z", finished="2026-01-05T10:00:03Z", duration=3.0),
        requirements=tuple(requirements),
        spec_digest=spec_digest or installed().digest,
    )


CLOCK_REASON = "needs the 'clock' test control, which backend 'moto' does not offer"


def with_skipped_examples(
    result: RunResult, requirement_id: str, count: int = 3, reason: str | None = CLOCK_REASON
) -> RunResult:
    """``result`` with ``count`` more examples of one requirement, each skipped for ``reason``.

    On a requirement of ``make_result`` that passes, the default gives the partly checked pass
    ``pass (2 of 5 examples; 3 skipped: ...)``; the verdict itself stays what it was.
    """

    def extended(requirement: RequirementVerdict) -> RequirementVerdict:
        if requirement.id != requirement_id:
            return requirement
        extra = tuple(
            ScenarioResult(
                name=f"{requirement.title} over time, case {n}",
                feature=requirement.section,
                location=f"features/{requirement.section}.feature:{30 + n}",
                outcome="skipped",
                duration=0.0,
                message=reason,
            )
            for n in range(count)
        )
        return replace(requirement, scenarios=requirement.scenarios + extra)

    return replace(result, requirements=tuple(extended(r) for r in result.requirements))


def ids() -> tuple[str, ...]:
    return load_catalogue().ids


def with_requirements(result: RunResult, keep: int) -> RunResult:
    return replace(result, requirements=result.requirements[:keep])


def assert_one_sentence(error: pytest.ExceptionInfo[BaseException]) -> str:
    """A ConfigurationError message is one plain sentence: one line, ending with a period."""
    message = str(error.value)
    assert message
    assert "\n" not in message
    assert message.endswith(".")
    assert re.search(r"[.!?] [A-Z]", message) is None, message
    return message


_text = st.text(max_size=30)
_optional = st.none() | _text
_seconds = st.floats(min_value=0, max_value=1e6, allow_nan=False, allow_infinity=False)


def _instants(first: int, last: int) -> st.SearchStrategy[str]:
    """RFC 3339 times in the years ``first`` to ``last``, as the runner writes them."""
    return st.datetimes(
        min_value=datetime(first, 1, 1), max_value=datetime(last, 12, 31), timezones=st.just(UTC)
    ).map(lambda instant: instant.isoformat(timespec="seconds"))


scenarios = st.builds(
    ScenarioResult,
    name=_text,
    feature=_text,
    location=_text,
    outcome=st.sampled_from(["passed", "failed", "error", "skipped"]),
    duration=_seconds,
    failing_step=_optional,
    message=_optional,
)

requirements = st.builds(
    RequirementVerdict,
    id=st.text(min_size=1, max_size=12),
    title=_text,
    section=_text,
    level=st.sampled_from(["MUST", "SHOULD", "MAY"]),
    statements=st.lists(st.text(min_size=1, max_size=8), max_size=3).map(tuple),
    evidence=st.lists(
        st.builds(
            EvidenceRef,
            kind=st.text(min_size=1, max_size=8),
            title=_text,
            url=_text,
            date=_optional,
        ),
        max_size=2,
    ).map(tuple),
    validation=st.sampled_from(["documented-only", "aws-validated"]),
    verdict=st.sampled_from(["pass", "fail", "error", "skipped"]),
    reason=_optional,
    scenarios=st.lists(scenarios, max_size=3).map(tuple),
)

run_results = st.builds(
    RunResult,
    spec_version=st.text(min_size=1, max_size=10),
    catalogue_digest=st.text(alphabet="0123456789abcdef", min_size=64, max_size=64),
    backend=st.builds(
        BackendInfo,
        name=st.text(min_size=1, max_size=20),
        implementation=_text,
        version=_text,
        endpoint=_optional,
        botocore_version=_text,
        extra=st.dictionaries(_text, _text, max_size=2),
    ),
    run=st.builds(
        RunInfo,
        started=_instants(2000, 2049),  # always before finished
        finished=_instants(2050, 2099),
        duration=_seconds,
        tags=_optional,
        requirements=st.lists(st.text(min_size=1, max_size=8), max_size=3).map(tuple),
    ),
    requirements=st.lists(requirements, max_size=5, unique_by=lambda r: r.id).map(tuple),
    spec_digest=st.text(alphabet="0123456789abcdef", min_size=64, max_size=64),
)

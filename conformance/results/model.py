"""Frozen models of a run's outcome, and their JSON form.

A run gives one verdict per requirement, built from the outcomes of that requirement's
scenarios. The JSON form is versioned (``SCHEMA_VERSION``) and validated against the schema
shipped in the package, so results written by one version can be read by another.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from conformance.catalogue import Requirement

SCHEMA_VERSION = "1.0"
RESULT_KIND = "slr-conformance-result"

Outcome = Literal["passed", "failed", "error", "skipped"]
Verdict = Literal["pass", "fail", "error", "skipped"]
VERDICTS: tuple[Verdict, ...] = ("pass", "fail", "error", "skipped")


@dataclass(frozen=True)
class ScenarioResult:
    """One executed example."""

    name: str
    feature: str
    location: str
    outcome: Outcome
    duration: float
    failing_step: str | None = None
    message: str | None = None


@dataclass(frozen=True)
class EvidenceRef:
    kind: str
    title: str
    url: str
    date: str | None = None


@dataclass(frozen=True)
class RequirementVerdict:
    """The verdict on one requirement, with what it rests on."""

    id: str
    title: str
    section: str
    level: str
    statements: tuple[str, ...]
    evidence: tuple[EvidenceRef, ...]
    validation: str
    verdict: Verdict
    reason: str | None
    scenarios: tuple[ScenarioResult, ...]


def verdict_for(
    requirement: Requirement, scenarios: Sequence[ScenarioResult]
) -> RequirementVerdict:
    """The verdict on a catalogue requirement, folded from its scenarios' outcomes."""
    verdict, reason = aggregate(list(scenarios))
    return RequirementVerdict(
        id=requirement.id,
        title=requirement.title,
        section=requirement.section,
        level=requirement.level,
        statements=requirement.statements,
        evidence=tuple(EvidenceRef(s.kind, s.title, s.url, s.date) for s in requirement.sources),
        validation=requirement.validation,
        verdict=verdict,
        reason=reason,
        scenarios=tuple(scenarios),
    )


@dataclass(frozen=True)
class BackendInfo:
    name: str
    implementation: str
    version: str
    endpoint: str | None
    botocore_version: str
    extra: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class RunInfo:
    started: str
    finished: str
    duration: float
    tags: str | None = None
    requirements: tuple[str, ...] = ()
    run_id: str | None = None


@dataclass(frozen=True)
class RunResult:
    spec_version: str
    catalogue_digest: str
    backend: BackendInfo
    run: RunInfo
    requirements: tuple[RequirementVerdict, ...]
    schema_version: str = SCHEMA_VERSION

    def counts(self) -> dict[str, int]:
        """How many requirements got each verdict."""
        tally: dict[str, int] = dict.fromkeys(VERDICTS, 0)
        for requirement in self.requirements:
            tally[requirement.verdict] += 1
        return tally

    def verdict_of(self, requirement_id: str) -> Verdict | None:
        for requirement in self.requirements:
            if requirement.id == requirement_id:
                return requirement.verdict
        return None

    def to_json(self) -> dict[str, Any]:
        """The JSON form: plain dicts, lists and scalars, ready for ``json.dumps``."""
        document = _plain(asdict(self))
        return {"kind": RESULT_KIND, **document}

    @classmethod
    def from_json(cls, document: dict[str, Any]) -> RunResult:
        """Rebuild a result from its JSON form.

        The document must already be valid against the schema (``conformance.results.io``
        checks that and reports what is wrong); this only rebuilds the frozen models.
        """
        backend = document["backend"]
        run = document["run"]
        return cls(
            spec_version=document["spec_version"],
            catalogue_digest=document["catalogue_digest"],
            backend=BackendInfo(
                name=backend["name"],
                implementation=backend["implementation"],
                version=backend["version"],
                endpoint=backend["endpoint"],
                botocore_version=backend["botocore_version"],
                extra=dict(backend.get("extra", {})),
            ),
            run=RunInfo(
                started=run["started"],
                finished=run["finished"],
                duration=run["duration"],
                tags=run.get("tags"),
                requirements=tuple(run.get("requirements", ())),
                run_id=run.get("run_id"),
            ),
            requirements=tuple(_verdict_from_json(r) for r in document["requirements"]),
            schema_version=document["schema_version"],
        )


def _plain(value: Any) -> Any:
    """Turn the tuples ``asdict`` keeps into lists, so the document is plain JSON data."""
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    return value


def _verdict_from_json(document: dict[str, Any]) -> RequirementVerdict:
    return RequirementVerdict(
        id=document["id"],
        title=document["title"],
        section=document["section"],
        level=document["level"],
        statements=tuple(document["statements"]),
        evidence=tuple(
            EvidenceRef(e["kind"], e["title"], e["url"], e.get("date"))
            for e in document["evidence"]
        ),
        validation=document["validation"],
        verdict=document["verdict"],
        reason=document["reason"],
        scenarios=tuple(
            ScenarioResult(
                name=s["name"],
                feature=s["feature"],
                location=s["location"],
                outcome=s["outcome"],
                duration=s["duration"],
                failing_step=s.get("failing_step"),
                message=s.get("message"),
            )
            for s in document["scenarios"]
        ),
    )


def aggregate(outcomes: list[ScenarioResult]) -> tuple[Verdict, str | None]:
    """Fold scenario outcomes into a requirement verdict.

    An error in our own code outranks everything (the verdict cannot be trusted); then any
    failure; then any pass; a requirement whose every scenario was skipped is skipped, with
    the first reason given.
    """
    if not outcomes:
        return "error", "no scenario of this requirement was selected or found"
    if any(o.outcome == "error" for o in outcomes):
        first = next(o for o in outcomes if o.outcome == "error")
        return "error", first.message
    if any(o.outcome == "failed" for o in outcomes):
        return "fail", None
    if any(o.outcome == "passed" for o in outcomes):
        return "pass", None
    return "skipped", outcomes[0].message

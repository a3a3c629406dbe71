"""Frozen models of a run's outcome, and their JSON form.

A run gives one verdict per requirement, built from the outcomes of that requirement's
scenarios. The JSON form is versioned (``SCHEMA_VERSION``) and validated against the schema
shipped in the package, so results written by one version can be read by another.

A requirement is only as strong as the examples that ran: a pass whose other examples were
skipped is *partly checked*. That is derived from the scenarios (``Examples``,
``RequirementVerdict.partial``) rather than stored beside them, so it can never disagree with
them; the JSON form still writes it out, for readers who do not want to recompute it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from conformance.catalogue import Requirement

SCHEMA_VERSION = "1.4"
#: Versions this suite reads. Version 1.0 lacks ``partial`` and ``examples``, which are derived;
#: 1.0 and 1.1 lack ``spec_digest``, so the feature files they ran cannot be checked; before 1.4
#: a result does not name its specification, and is one of ``LEGACY_SPECIFICATION``.
READABLE_VERSIONS = ("1.0", "1.1", "1.2", "1.3", SCHEMA_VERSION)
#: The specification of every result written before results named theirs (schema < 1.4).
LEGACY_SPECIFICATION = "incident-manager"
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
class Examples:
    """How a requirement's examples ended, and the distinct reasons given for skipping any.

    The counts say how much of a requirement was actually checked, which the verdict alone
    does not: one passing example among skipped ones still folds into ``pass``.
    """

    total: int
    passed: int
    failed: int
    error: int
    skipped: int
    skip_reasons: tuple[str, ...]

    @classmethod
    def of(cls, scenarios: Sequence[ScenarioResult]) -> Examples:
        """Count outcomes; skip reasons keep the order they first appear in."""
        reasons: dict[str, None] = {}
        for scenario in scenarios:
            if scenario.outcome == "skipped" and scenario.message:
                reasons.setdefault(scenario.message, None)
        return cls(
            total=len(scenarios),
            passed=sum(1 for s in scenarios if s.outcome == "passed"),
            failed=sum(1 for s in scenarios if s.outcome == "failed"),
            error=sum(1 for s in scenarios if s.outcome == "error"),
            skipped=sum(1 for s in scenarios if s.outcome == "skipped"),
            skip_reasons=tuple(reasons),
        )


def is_partial(verdict: str, examples: Examples) -> bool:
    """Whether a verdict is a pass that rests on only some of its examples.

    Only a pass can be partly checked: a failure or an error stands however many other
    examples were skipped, and an all-skipped requirement is ``skipped`` already.
    """
    return verdict == "pass" and examples.skipped > 0


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

    @property
    def examples(self) -> Examples:
        """The outcome counts of this requirement's examples, from its scenarios."""
        return Examples.of(self.scenarios)

    @property
    def partial(self) -> bool:
        """True for a pass some of whose examples were skipped: only partly checked."""
        return is_partial(self.verdict, self.examples)


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
    #: The service principals whose examples the run was restricted to (``run --service``).
    services: tuple[str, ...] = ()

    @property
    def narrowed(self) -> bool:
        """Whether tags or services picked examples, so a requirement may have none at all."""
        return bool(self.tags or self.services)


@dataclass(frozen=True)
class RunResult:
    spec_version: str
    catalogue_digest: str
    backend: BackendInfo
    run: RunInfo
    requirements: tuple[RequirementVerdict, ...]
    #: The version of the document this was read from; ``to_json`` always writes the current.
    schema_version: str = SCHEMA_VERSION
    #: SHA-256 over the catalogue and the feature files the run used (``conformance.specfiles``);
    #: ``None`` only in documents written before it was recorded (schema 1.0 and 1.1).
    spec_digest: str | None = None
    #: The name of the specification the run checked (``conformance.specs``).
    specification: str = LEGACY_SPECIFICATION

    def counts(self) -> dict[str, int]:
        """How many requirements got each verdict (partly checked passes count as ``pass``).

        The keys are exactly ``VERDICTS``, so the values add up to the number of requirements;
        ``partly_checked`` says how many of the passes are partial.
        """
        tally: dict[str, int] = dict.fromkeys(VERDICTS, 0)
        for requirement in self.requirements:
            tally[requirement.verdict] += 1
        return tally

    def partly_checked(self) -> tuple[RequirementVerdict, ...]:
        """The passing requirements some of whose examples were skipped, in run order."""
        return tuple(r for r in self.requirements if r.partial)

    def verdict_of(self, requirement_id: str) -> Verdict | None:
        for requirement in self.requirements:
            if requirement.id == requirement_id:
                return requirement.verdict
        return None

    def to_json(self) -> dict[str, Any]:
        """The JSON form (``SCHEMA_VERSION``, or 1.1 without a spec digest): plain JSON data.

        Each requirement also carries ``partial`` and ``examples``, derived from its scenarios,
        right after its verdict, so a reader of the certificate sees them next to each other;
        ``spec_digest`` follows ``catalogue_digest``, the two names of what was run.
        """
        plain = _plain(asdict(self))
        # A result read from a document older than spec digests can only be written as 1.1,
        # which names no specification (it can only be incident-manager's).
        modern = self.spec_digest is not None
        plain["schema_version"] = SCHEMA_VERSION if modern else "1.1"
        specification = plain.pop("specification")
        plain["requirements"] = [
            _with_coverage(entry, requirement)
            for entry, requirement in zip(plain["requirements"], self.requirements, strict=True)
        ]
        document: dict[str, Any] = {"kind": RESULT_KIND}
        for key, value in plain.items():
            if key == "spec_digest":
                continue
            if key == "spec_version" and modern:
                document["specification"] = specification
            document[key] = value
            if key == "catalogue_digest" and self.spec_digest is not None:
                document["spec_digest"] = self.spec_digest
        return document

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
                services=tuple(run.get("services", ())),
            ),
            requirements=tuple(_verdict_from_json(r) for r in document["requirements"]),
            schema_version=document["schema_version"],
            spec_digest=document.get("spec_digest"),
            specification=document.get("specification", LEGACY_SPECIFICATION),
        )


def _plain(value: Any) -> Any:
    """Turn the tuples ``asdict`` keeps into lists, so the document is plain JSON data."""
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    return value


def coverage_json(requirement: RequirementVerdict) -> dict[str, Any]:
    """The derived fields a requirement carries in the JSON form: ``partial`` and ``examples``."""
    return {"partial": requirement.partial, "examples": _plain(asdict(requirement.examples))}


def _with_coverage(document: dict[str, Any], requirement: RequirementVerdict) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in document.items():
        result[key] = value
        if key == "verdict":
            result.update(coverage_json(requirement))
    return result


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
    the first reason given. A pass beside skipped scenarios stays ``pass`` here, so baselines
    and mutant kills keep comparing four values; ``RequirementVerdict.partial`` marks it.
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

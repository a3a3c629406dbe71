"""What a cassette shows, requirement by requirement: evidence for a reviewer, never a verdict.

A requirement's status (``documented-only`` or ``aws-validated``) is a reviewed field of the
catalogue and only a person changes it. ``slr-conformance report cassette DIR`` puts in front
of that person what a cassette of a live run holds: when and against what it was recorded,
with which specification, and for each requirement the verdict recorded and how many of its
examples actually ran. A cassette shows *consistency*, not *authenticity*: that the suite's
verdicts follow from the answers it holds (a replay proves that), never that those answers
came from AWS, since anyone can write a cassette.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from conformance.cassette.format import Cassette
from conformance.catalogue import load_catalogue
from conformance.specfiles import features_dir, spec_digest

RAN = ("passed", "failed", "error")
CAVEAT = (
    "A cassette shows consistency, not authenticity: the recorded verdicts follow from the "
    "answers it holds (a replay proves that), but nothing in it proves those answers came from "
    "AWS, so weigh it with the run's certificate and its provenance before changing a "
    "requirement's status by hand."
)


@dataclass(frozen=True)
class Covered:
    """One catalogue requirement, as a cassette covers it."""

    id: str
    title: str
    status: str
    validated_on: str | None
    recorded: str | None
    examples: int
    ran: int
    passed: int

    @property
    def covered(self) -> bool:
        return self.ran > 0


def coverage(cassette: Cassette) -> tuple[Covered, ...]:
    """Every requirement of the current catalogue, with what the cassette holds for it."""
    verdicts = cassette.verdicts
    rows = []
    for requirement in load_catalogue().requirements:
        outcomes = [s.outcome for s in cassette.scenarios if requirement.id in s.requirements]
        rows.append(
            Covered(
                id=requirement.id,
                title=requirement.title,
                status=requirement.validation,
                validated_on=requirement.validated_on,
                recorded=verdicts.get(requirement.id),
                examples=len(outcomes),
                ran=sum(1 for o in outcomes if o in RAN),
                passed=sum(1 for o in outcomes if o == "passed"),
            )
        )
    return tuple(rows)


def specification_note(cassette: Cassette) -> str:
    recorded = cassette.specification
    catalogue = load_catalogue()
    if recorded["catalogue_digest"] != catalogue.digest:
        return f"{recorded['spec_version']}, not this suite's (the catalogue has changed)"
    if recorded["spec_digest"] != spec_digest(features_dir(), catalogue):
        return f"{recorded['spec_version']}, not this suite's (the feature files have changed)"
    return f"{recorded['spec_version']}, the same as this suite's"


def render_text(cassette: Cassette) -> str:
    rows = coverage(cassette)
    backend = cassette.backend
    index = cassette.index
    finished = index.get("finished_at") or "never (the run did not finish)"
    kind = "live AWS" if backend["live"] else "not live AWS"
    interactions = sum(s.interactions for s in cassette.scenarios)
    lines = [
        f"Cassette {cassette.path}",
        f"  recorded {cassette.recorded_at}, finished {finished}",
        f"  backend {backend['name']} ({backend['implementation']}, {kind}), "
        f"home Region {backend['home_region']}, run {cassette.run['run_id']}",
        f"  specification {specification_note(cassette)}",
        f"  {len(cassette.scenarios)} scenarios, {interactions} interactions; "
        f"{sum(1 for r in rows if r.covered)} of {len(rows)} requirements have examples that ran",
        "",
        f"{'requirement':<12} {'catalogue status':<28} {'recorded':<9} examples that ran",
    ]
    for row in rows:
        status = row.status + (f" ({row.validated_on})" if row.validated_on else "")
        lines.append(
            f"{row.id:<12} {status:<28} {row.recorded or '-':<9} "
            f"{row.ran} of {row.examples}" + (f" ({row.passed} passed)" if row.ran else "")
        )
    lines.append("")
    if not backend["live"]:
        lines.append(
            f"This cassette was recorded on {backend['name']}, not on live AWS: it is no evidence "
            "about AWS."
        )
    lines.append(CAVEAT)
    return "\n".join(lines) + "\n"


def to_json(cassette: Cassette) -> dict[str, Any]:
    return {
        "cassette": str(cassette.path),
        "recorded_at": cassette.recorded_at,
        "finished_at": cassette.index.get("finished_at"),
        "complete": cassette.complete,
        "backend": cassette.backend,
        "run": cassette.run,
        "specification": {**cassette.specification, "note": specification_note(cassette)},
        "requirements": [
            {
                "id": row.id,
                "title": row.title,
                "catalogue_status": row.status,
                "validated_on": row.validated_on,
                "recorded_verdict": row.recorded,
                "examples": row.examples,
                "examples_ran": row.ran,
                "examples_passed": row.passed,
            }
            for row in coverage(cassette)
        ],
        "caveat": CAVEAT,
    }

"""The kill matrix: which mutant the suite caught, by which requirement, at what cost.

One row per mutant, printed as the run goes and written at the end as ``kill-matrix.json``
(for tools) and ``kill-matrix.md`` (for people). Requirements that no mutant exercised are
listed too, because a requirement without a mutant is one whose scenarios were never shown
to catch anything.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from conformance.catalogue import load_catalogue
from conformance.mutants.execution import MutantOutcome, Scope
from conformance.specs import DEFAULT

KIND = "slr-conformance-kill-matrix"
SCHEMA_VERSION = "1.0"
JSON_NAME = "kill-matrix.json"
MARKDOWN_NAME = "kill-matrix.md"


@dataclass(frozen=True)
class KillMatrix:
    """The outcome of a mutants run."""

    scope: Scope
    reference_seconds: float
    total_seconds: float
    outcomes: tuple[MutantOutcome, ...]
    #: The specification whose mutants ran (``conformance.specs``).
    spec: str = DEFAULT

    @property
    def killed(self) -> int:
        return sum(1 for o in self.outcomes if o.killed)

    @property
    def survivors(self) -> list[str]:
        """Mutants the suite let through although a test could have caught them."""
        return [o.name for o in self.outcomes if o.status == "survived"]

    @property
    def equivalents(self) -> list[str]:
        """Surviving mutants that no black-box test can tell from the reference emulator."""
        return [o.name for o in self.outcomes if o.status == "equivalent"]

    @property
    def mutant_seconds(self) -> float:
        return round(sum(o.seconds for o in self.outcomes), 3)

    @property
    def seconds_per_mutant(self) -> float:
        return round(self.mutant_seconds / len(self.outcomes), 3) if self.outcomes else 0.0

    def unexercised(self) -> list[str]:
        """Requirements of the catalogue that no mutant of this run names."""
        named = {r for o in self.outcomes for r in o.requirements}
        return [r for r in load_catalogue(self.spec).ids if r not in named]

    def to_json(self) -> dict[str, Any]:
        catalogue = load_catalogue(self.spec)
        return {
            "kind": KIND,
            "schema_version": SCHEMA_VERSION,
            "specification": self.spec,
            "spec_version": catalogue.spec_version,
            "catalogue_digest": catalogue.digest,
            "scope": self.scope,
            "summary": {
                "mutants": len(self.outcomes),
                "killed": self.killed,
                "survived": len(self.survivors),
                "survivors": self.survivors,
                "equivalent": self.equivalents,
                "reference_seconds": self.reference_seconds,
                "mutant_seconds": self.mutant_seconds,
                "seconds_per_mutant": self.seconds_per_mutant,
                "total_seconds": self.total_seconds,
            },
            "unexercised_requirements": self.unexercised(),
            "mutants": [
                {
                    "name": o.name,
                    "section": o.section,
                    "description": o.description,
                    "requirements": list(o.requirements),
                    "status": o.status,
                    "equivalent": o.equivalent,
                    "named_failed": list(o.named_failed),
                    "other_failed": list(o.other_failed),
                    "errors": list(o.errors),
                    "requirements_run": len(o.ran),
                    "seconds": o.seconds,
                }
                for o in self.outcomes
            ],
        }


def _ids(ids: Sequence[str]) -> str:
    return ", ".join(ids) if ids else "-"


HEADER = f"{'status':<10} {'mutant':<41} {'named failed':<24} {'other failed':<24} {'time':>7}"


def console_row(outcome: MutantOutcome) -> str:
    """One line of the printed matrix; errors of the suite are appended when there are any."""
    line = (
        f"{outcome.status:<10} {outcome.name:<41} {_ids(outcome.named_failed):<24} "
        f"{_ids(outcome.other_failed):<24} {outcome.seconds:>6.2f}s"
    )
    if outcome.errors:
        line += f"  (errors: {_ids(outcome.errors)})"
    return line


def summary_lines(matrix: KillMatrix) -> list[str]:
    total = len(matrix.outcomes)
    equivalents = matrix.equivalents
    lines = [
        f"{matrix.killed} of {total} mutants killed, {len(matrix.survivors)} survived"
        + (f": {', '.join(matrix.survivors)}." if matrix.survivors else "."),
        *(
            [f"Equivalent (survived, not counted): {', '.join(equivalents)}."]
            if equivalents
            else []
        ),
        f"Reference run {matrix.reference_seconds:.1f} s; mutants {matrix.mutant_seconds:.1f} s "
        f"({matrix.seconds_per_mutant:.2f} s per mutant, scope '{matrix.scope}'); "
        f"total {matrix.total_seconds:.1f} s.",
    ]
    unexercised = matrix.unexercised()
    if unexercised:
        lines.append(f"Requirements no mutant exercised: {', '.join(unexercised)}.")
    return lines


def render_markdown(matrix: KillMatrix) -> str:
    rows = [
        f"# Mutant kill matrix: {matrix.spec}",
        "",
        *summary_lines(matrix),
        "",
        "| Mutant | Status | Named requirements | Named failed | Other failed | Time (s) | What it breaks |",
        "|---|---|---|---|---|---:|---|",
    ]
    for o in matrix.outcomes:
        note = f" Equivalent: {o.equivalent}." if o.equivalent else ""
        rows.append(
            f"| `{o.name}` | {o.status} | {_ids(o.requirements)} | {_ids(o.named_failed)} "
            f"| {_ids(o.other_failed)} | {o.seconds:.2f} | {o.description}{note} |"
        )
    return "\n".join(rows) + "\n"


def write_matrix(matrix: KillMatrix, output: Path) -> list[Path]:
    """Write ``kill-matrix.json`` and ``kill-matrix.md`` into ``output``."""
    json_path, markdown_path = output / JSON_NAME, output / MARKDOWN_NAME
    json_path.write_text(json.dumps(matrix.to_json(), indent=2) + "\n", encoding="utf-8")
    markdown_path.write_text(render_markdown(matrix), encoding="utf-8")
    return [json_path, markdown_path]

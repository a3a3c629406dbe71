"""Mutation testing of the specification: does the suite catch a broken implementation?

The catalogue (``catalogue``) holds deliberately broken variants of the reference emulator,
each breaking one documented behaviour. ``run_mutants`` first proves the unmutated emulator
passes the whole suite, then runs every selected mutant in the same process and reports which
ones the suite killed (``report``). A surviving mutant is a behaviour the page documents that
the suite would let an implementation get wrong.

Heavy imports (moto, behave) wait until a run starts, so importing this package stays cheap.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from conformance.specs import DEFAULT

if TYPE_CHECKING:
    from conformance.mutants.execution import MutantOutcome, Scope
    from conformance.mutants.report import KillMatrix

__all__ = ["ReferenceFails", "run_mutants"]


class ReferenceFails(Exception):
    """The unmutated reference emulator fails the suite, so no mutant can be judged."""

    def __init__(self, broken: list[str]) -> None:
        super().__init__(
            "The unmutated reference emulator does not pass the suite "
            f"({', '.join(broken) or 'no requirement ran'}), so no mutant can be judged; "
            "fix the emulator or the suite first."
        )
        self.broken = broken


def run_mutants(
    selected: list[str] | None,
    *,
    spec: str = DEFAULT,
    scope: Scope = "named",
    on_reference: Callable[[int, float], None] | None = None,
    on_outcome: Callable[[MutantOutcome], None] | None = None,
) -> KillMatrix:
    """Run the reference emulator, then each selected mutant; return the kill matrix.

    ``spec`` names the specification whose mutants run and whose whole suite the reference
    must pass. ``selected`` names mutants (``None`` or empty: all of them); an unknown name raises
    ``ConfigurationError`` before anything runs, and a reference emulator that fails the suite
    raises ``ReferenceFails``. ``on_reference`` hears how many requirements the reference run
    passed and in how many seconds, ``on_outcome`` each mutant's outcome as it comes, so a
    caller can show progress; printing and writing the matrix are the caller's.
    """
    from conformance.mutants.catalogue import select
    from conformance.mutants.execution import run_mutant, run_reference
    from conformance.mutants.report import KillMatrix

    mutants = select(selected, spec)
    started = time.perf_counter()
    reference = run_reference(spec)
    broken = [v.id for v in reference.requirements if v.verdict not in ("pass", "skipped")]
    if broken or not reference.requirements:
        raise ReferenceFails(broken)
    reference_seconds = round(time.perf_counter() - started, 3)
    if on_reference is not None:
        on_reference(len(reference.requirements), reference_seconds)
    outcomes = []
    for mutant in mutants:
        outcome = run_mutant(mutant, scope)
        outcomes.append(outcome)
        if on_outcome is not None:
            on_outcome(outcome)
    return KillMatrix(
        spec=spec,
        scope=scope,
        reference_seconds=reference_seconds,
        total_seconds=round(time.perf_counter() - started, 3),
        outcomes=tuple(outcomes),
    )

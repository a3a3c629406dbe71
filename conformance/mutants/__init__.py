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
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from conformance.mutants.execution import Scope

__all__ = ["run_mutants"]


def run_mutants(
    selected: list[str] | None,
    output: Path,
    *,
    stream: TextIO,
    scope: Scope = "named",
) -> int:
    """Run the reference emulator, then each selected mutant; write and print the kill matrix.

    ``selected`` names mutants (``None`` or empty: all of them); an unknown name raises
    ``ConfigurationError``. Returns 1 when the reference emulator fails the suite or when any
    mutant survives (mutants marked equivalent excepted), else 0.
    """
    from conformance.mutants.catalogue import select
    from conformance.mutants.execution import run_mutant, run_reference
    from conformance.mutants.report import (
        HEADER,
        KillMatrix,
        console_row,
        summary_lines,
        write_matrix,
    )
    from conformance.outputs import EXIT_FAILED, EXIT_OK, ensure_writable

    mutants = select(selected)
    output = ensure_writable(output)
    started = time.perf_counter()
    stream.write("Running the whole suite against the unmutated reference emulator...\n")
    stream.flush()
    reference = run_reference()
    broken = [v.id for v in reference.requirements if v.verdict not in ("pass", "skipped")]
    if broken or not reference.requirements:
        stream.write(
            "The unmutated reference emulator does not pass the suite "
            f"({', '.join(broken) or 'no requirement ran'}), so no mutant can be judged; "
            "fix the emulator or the suite first.\n"
        )
        return EXIT_FAILED
    reference_seconds = round(time.perf_counter() - started, 3)
    stream.write(
        f"Reference emulator: {len(reference.requirements)} requirements pass "
        f"({reference_seconds:.1f} s). Running {len(mutants)} mutants (scope '{scope}').\n\n"
    )
    stream.write(HEADER + "\n")
    outcomes = []
    for mutant in mutants:
        outcome = run_mutant(mutant, scope)
        outcomes.append(outcome)
        stream.write(console_row(outcome) + "\n")
        stream.flush()
    matrix = KillMatrix(
        scope=scope,
        reference_seconds=reference_seconds,
        total_seconds=round(time.perf_counter() - started, 3),
        outcomes=tuple(outcomes),
    )
    written = write_matrix(matrix, output)
    stream.write("\n" + "\n".join(summary_lines(matrix)) + "\n")
    stream.write(f"Kill matrix written to {', '.join(str(p) for p in written)}.\n")
    return EXIT_FAILED if matrix.survivors else EXIT_OK

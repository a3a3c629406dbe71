"""A role the run made and could not remove fails later scenarios; it never skips them.

Without a reset control, a scenario that needs no role is skipped when a role exists that
someone else may have made. A role this run made itself is different: an implementation whose
deletion reports SUCCEEDED but keeps the role must fail every later scenario that needs no
role, or one broken deletion would turn a whole section into skips. The mutants run with the
reset control and never show this, so this runs one without it.
"""

from __future__ import annotations

from typing import Any

from conformance.backends.base import RESET
from conformance.backends.common import WithheldControls
from conformance.backends.reference import ReferenceBackend
from conformance.backends.registry import BackendOptions
from conformance.mutants.catalogue import select
from conformance.runner import RunOptions, Selection, run

#: The requirements whose examples need no role, and one whose cleanup leaves it.
NEED_NO_ROLE = ("SLR-PRM-08", "SLR-RGN-01", "SLR-OVR-01")
SELECTED = ("SLR-DEL-02", *NEED_NO_ROLE)


class _WithoutReset(ReferenceBackend):
    """The reference backend (or a mutant) with its reset withheld, as on an endpoint."""

    name = "reference-without-reset"

    @property
    def controls(self) -> Any:
        return WithheldControls(super().controls, frozenset({RESET}))


def _verdicts(emulator: Any) -> dict[str, Any]:
    backend = _WithoutReset(BackendOptions(), emulator)
    backend.start()
    try:
        result = run(backend, RunOptions(selection=Selection(requirements=SELECTED)))
    finally:
        backend.stop()
    return {v.id: v for v in result.requirements}


def test_a_deletion_that_keeps_the_role_fails_the_later_scenarios_that_need_none() -> None:
    (mutant,) = select(["succeeds-without-deleting"])
    verdicts = _verdicts(mutant.build())
    assert verdicts["SLR-DEL-02"].verdict == "fail"
    for requirement in ("SLR-PRM-08", "SLR-RGN-01"):
        verdict = verdicts[requirement]
        assert verdict.verdict == "fail", requirement
        assert verdict.examples.skipped == 0, requirement
        assert all(
            "removing it after the scenario" in (s.message or "")
            for s in verdict.scenarios
            if s.outcome == "failed"
        ), requirement


def test_the_reference_without_a_reset_passes_them_all_unskipped() -> None:
    from conformance.emulator import Emulator

    verdicts = _verdicts(Emulator())
    assert {v.verdict for v in verdicts.values()} == {"pass"}
    assert all(v.examples.skipped == 0 for v in verdicts.values())


def test_a_second_role_wrongly_created_beside_the_first_is_removed_after_its_scenario() -> None:
    """Without a reset, a role an implementation wrongly made beside the one there was (a
    suffix differing only in case) is the scenario's: removed after it, so that the service's
    later examples find the path as they left it, not a leftover role."""
    (mutant,) = select(["role-names-case-sensitive"], "service-linked-roles")
    backend = _WithoutReset(BackendOptions(), mutant.build())
    backend.start()
    try:
        result = run(
            backend,
            RunOptions(
                spec="service-linked-roles",
                selection=Selection(
                    requirements=("IAM-CRT-03", "IAM-CRT-04", "IAM-DEL-01"),
                    services=("autoscaling.amazonaws.com",),
                ),
            ),
        )
    finally:
        backend.stop()
    verdicts = {v.id: v for v in result.requirements}
    assert verdicts["IAM-CRT-03"].verdict == "fail"
    for requirement in ("IAM-CRT-04", "IAM-DEL-01"):
        assert verdicts[requirement].verdict == "pass", verdicts[requirement]
        assert verdicts[requirement].examples.skipped == 0, requirement

"""Running the suite against the reference emulator and against one mutant, in process.

Each run builds a fresh emulator (moto's state is process-global, so runs go one after the
other) and hands it to the ordinary runner; imports, step definitions and the parsed
requirements catalogue are shared by every run of the process. A mutant runs either only the
scenarios of the requirements it names (``named``), those of every requirement in the same
page sections (``section``) or the whole suite (``full``); the verdict depends only on the
named requirements, the rest just reports collateral failures.
"""

from __future__ import annotations

import functools
import time
from dataclasses import dataclass
from typing import Any, Literal

from conformance import specs
from conformance.backends.base import Credentials
from conformance.backends.reference import ReferenceBackend
from conformance.backends.registry import BackendOptions
from conformance.catalogue import load_catalogue
from conformance.emulator import Emulator
from conformance.mutants.catalogue import Mutant
from conformance.results.model import RunResult
from conformance.runner import RunOptions, Selection, run

Scope = Literal["named", "section", "full"]
SCOPES: tuple[Scope, ...] = ("named", "section", "full")


@dataclass(frozen=True)
class MutantOutcome:
    """What the suite made of one mutant."""

    name: str
    section: str
    description: str
    requirements: tuple[str, ...]
    ran: tuple[str, ...]
    named_failed: tuple[str, ...]
    other_failed: tuple[str, ...]
    errors: tuple[str, ...]
    seconds: float
    equivalent: str | None = None

    @property
    def killed(self) -> bool:
        """Killed only when a requirement the mutant names fails; collateral does not count."""
        return bool(self.named_failed)

    @property
    def status(self) -> str:
        """``killed``, ``survived``, or ``equivalent`` (survived, and no test could kill it)."""
        if self.killed:
            return "killed"
        return "equivalent" if self.equivalent else "survived"


class _SharedBackend(ReferenceBackend):
    """The in-process backend of every mutant run of the process, with its clients made once:
    making boto3 clients afresh for each of dozens of short runs costs more than some runs.
    Only the default principal's clients are kept (each run's IAM users have new keys)."""

    def __init__(self) -> None:
        super().__init__(BackendOptions())
        self._kept: dict[tuple[str, str | None], Any] = {}

    def client(
        self, service: str, region: str | None = None, credentials: Credentials | None = None
    ) -> Any:
        if credentials is not None:
            return super().client(service, region, credentials)
        key = (service, region)
        if key not in self._kept:
            self._kept[key] = super().client(service, region)
        return self._kept[key]


@functools.cache
def _shared_backend() -> _SharedBackend:
    backend = _SharedBackend()
    backend.start()
    return backend


def run_emulator(
    emulator: Emulator, selection: Selection, spec: str = specs.DEFAULT
) -> RunResult:
    """Run the selected scenarios of ``spec`` against ``emulator`` in process."""
    backend = _shared_backend()
    backend.switch_to(emulator)
    return run(backend, RunOptions(selection=selection, spec=spec))


def run_reference(spec: str = specs.DEFAULT) -> RunResult:
    """The whole specification ``spec`` against the unmutated reference emulator."""
    return run_emulator(Emulator(), Selection(), spec)


def selection_for(mutant: Mutant, scope: Scope) -> Selection:
    """The requirements a mutant's run covers under ``scope`` (of its specification)."""
    if scope == "full":
        return Selection()
    if scope == "named":
        return Selection(requirements=mutant.requirements)
    catalogue = load_catalogue(mutant.spec)
    sections = {catalogue.requirement(r).section for r in mutant.requirements}
    return Selection(
        requirements=tuple(r.id for r in catalogue.requirements if r.section in sections)
    )


def run_mutant(mutant: Mutant, scope: Scope = "named") -> MutantOutcome:
    """Build the mutant, run its selection and sort the failing requirements."""
    started = time.perf_counter()
    result = run_emulator(mutant.build(), selection_for(mutant, scope), mutant.spec)
    failed = [v.id for v in result.requirements if v.verdict == "fail"]
    named = set(mutant.requirements)
    return MutantOutcome(
        name=mutant.name,
        section=mutant.section,
        description=mutant.description,
        requirements=mutant.requirements,
        ran=tuple(v.id for v in result.requirements),
        named_failed=tuple(r for r in failed if r in named),
        other_failed=tuple(r for r in failed if r not in named),
        errors=tuple(v.id for v in result.requirements if v.verdict == "error"),
        seconds=round(time.perf_counter() - started, 3),
        equivalent=mutant.equivalent,
    )

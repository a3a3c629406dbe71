"""Whether a ``results.json`` is a faithful certificate of the specification it names.

A certificate travels without the run that made it, so before it is shown, combined or
published every claim in it that can be recomputed is recomputed: the schema; each verdict,
its reason and its example counts from the scenarios listed under it; each requirement's ID,
title, level and the rest against the installed catalogue; the scenarios against the examples
the feature files hold; the specification's version and digests; and that a run which says it
ran everything lists every requirement.

A certificate names its specification (``specification``; one written before it did is
Incident Manager's), and is checked against that specification as installed here, unless the
caller gives one: then a certificate of any other specification is set aside as such.

This proves that a file is *consistent* with this specification. It cannot prove who made the
file or that the run happened: anyone can write a consistent file by hand. Trust in the
implementation it names still comes from running the specification yourself.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from conformance import specs
from conformance.catalogue import Catalogue, Requirement
from conformance.errors import ConfigurationError
from conformance.results import io
from conformance.results.model import (
    LEGACY_SPECIFICATION,
    RequirementVerdict,
    RunResult,
    aggregate,
)
from conformance.specfiles import Specification, installed

#: How many reasons ``report verify`` prints before "and N more".
SHOWN = 5

Example = tuple[str, str]  # (feature name, scenario name)


@dataclass(frozen=True)
class Verification:
    """The outcome of checking one document against one specification."""

    source: str
    result: RunResult | None
    #: Why the document is not a faithful certificate, most telling first; empty when it is.
    problems: tuple[str, ...]
    #: True and worth saying, but no reason to refuse (a run restricted to some requirements).
    notes: tuple[str, ...] = ()
    #: When the document is of another specification (version, catalogue or feature files):
    #: how, in a phrase the documentation site shows beside it, as set aside, not as an error.
    other_specification: str | None = None
    #: The specification it was checked against; ``None`` when none of ours could be.
    spec: Specification | None = None

    @property
    def faithful(self) -> bool:
        return not self.problems

    def _of(self) -> str:
        """``specification incident-manager`` (or this one, when none could be checked)."""
        return f"specification {self.spec.name}" if self.spec else "this specification"

    def sentence(self) -> str:
        """The refusal in one sentence, naming the file and the first reason."""
        return (
            f"{self.source} is not a faithful certificate of {self._of()}: "
            f"{self.problems[0]}."
        )


def verify_file(path: str | os.PathLike[str], spec: Specification | None = None) -> Verification:
    """Read and check one result file; a file that cannot be read raises ConfigurationError."""
    target = io.result_path(path)
    return verify_document(io.read_result_document(target), str(target), spec)


def load_verified(path: str | os.PathLike[str], spec: Specification | None = None) -> RunResult:
    """The result in ``path`` if it is a faithful certificate; else one sentence saying why not."""
    verification = verify_file(path, spec)
    if verification.result is None or not verification.faithful:
        raise ConfigurationError(verification.sentence())
    return verification.result


def verify_document(document: Any, source: str, spec: Specification | None = None) -> Verification:
    """Check a parsed document; one that is not a result document at all raises instead.

    Without ``spec`` the document is checked against the specification it names.
    """
    io.identify(document, source)
    named = _named_specification(document)
    if spec is None:
        if named not in specs.names():
            problem = f"it names the specification {_quote(named)}, which this suite does not carry"
            return Verification(source, None, (problem,), other_specification=problem[9:])
        spec = installed(named)
    other = _identity(document, spec, named)
    if other is not None:  # nothing else can hold; the rest is not even read
        problem, phrase = other
        return Verification(source, None, (problem,), other_specification=phrase, spec=spec)
    oversized = _oversized(document, spec)
    if oversized is not None:
        return Verification(source, None, (oversized,), spec=spec)
    malformed = io.structural_problem(document)
    if malformed is not None:
        return Verification(source, None, (f"it is malformed: {malformed}",), spec=spec)
    result = RunResult.from_json(document)
    problems: list[str] = []
    if not any(verdict.scenarios for verdict in result.requirements):
        # a selection that matched nothing is not a pass: there is nothing to certify
        problems.append("it lists no scenario, so it certifies nothing")
    coverage = io.coverage_problem(document, result)
    if coverage is not None:
        problems.append(coverage)
    catalogue = spec.catalogue
    examples = _examples(spec.features, spec.digest)
    selected_by_tags = result.run.narrowed
    known = set(catalogue.ids)
    for verdict in result.requirements:
        problems.extend(_verdict_problems(verdict))
        if verdict.id not in known:
            problems.append(f"requirement {_quote(verdict.id)} is not in this catalogue")
            continue
        problems.extend(_catalogue_problems(verdict, catalogue.requirement(verdict.id)))
        problems.extend(_example_problems(verdict, examples.get(verdict.id), selected_by_tags))
    problems.extend(_selection_problems(result, catalogue))
    return Verification(source, result, tuple(problems), _notes(result), spec=spec)


def _named_specification(document: dict[str, Any]) -> str:
    """The specification a document names; one written before they were named is the first."""
    named = document.get("specification", LEGACY_SPECIFICATION)
    return named if isinstance(named, str) else LEGACY_SPECIFICATION


def _oversized(document: dict[str, Any], spec: Specification) -> str | None:
    """More verdicts or scenarios than this specification has: refused before the schema is
    checked, which would take long on a file padded with thousands of them."""
    requirements = document.get("requirements")
    if not isinstance(requirements, list):
        return None
    known = len(spec.catalogue.requirements)
    if len(requirements) > known:
        return f"it lists {len(requirements)} requirements, but this catalogue has {known}"
    examples = sum(sum(c.values()) for c in _examples(spec.features, spec.digest).values())
    listed = sum(
        len(r["scenarios"])
        for r in requirements
        if isinstance(r, dict) and isinstance(r.get("scenarios"), list)
    )
    if examples and listed > examples:
        return f"it lists {listed} scenarios, but this specification has {examples} examples"
    return None


def _identity(document: dict[str, Any], spec: Specification, named: str) -> tuple[str, str] | None:
    """How the document names another specification (its name, version, catalogue or feature
    files): the problem, and a phrase for a list of files set aside; ``None`` when it names
    this one.

    Read from the document's own fields before anything else is checked, so a file of another
    specification is told apart quickly however large it is. Fields of the wrong type are left
    for the schema to name.
    """
    catalogue = spec.catalogue
    if named != spec.name:
        return (
            f"it is a certificate of the specification {_quote(named)}, not {spec.name}",
            f"a certificate of the specification {_quote(named)}, not {spec.name}",
        )
    version = document.get("spec_version")
    if isinstance(version, str) and version != catalogue.spec_version:
        return (
            f"it was run against specification {_quote(version)}, not {catalogue.spec_version}",
            f"recorded against specification {_quote(version)}, "
            f"not the current {catalogue.spec_version}",
        )
    digest = document.get("catalogue_digest")
    if isinstance(digest, str) and digest != catalogue.digest:
        return (
            f"its catalogue digest {_quote(digest[:12])} is not this specification's "
            f"{catalogue.digest[:12]}: its requirements differ",
            "recorded against a different revision of the catalogue (its digest differs)",
        )
    features = document.get("spec_digest")
    if isinstance(features, str) and features != spec.digest:
        return (
            f"its spec digest {_quote(features[:12])} is not this specification's "
            f"{spec.digest[:12]}: the feature files it ran differ",
            "recorded against different feature files (its spec digest differs)",
        )
    return None


def _verdict_problems(verdict: RequirementVerdict) -> list[str]:
    """The verdict and its reason, folded again from the scenarios listed under it."""
    folded, reason = aggregate(list(verdict.scenarios))
    if folded != verdict.verdict:
        return [
            f"the verdict of {_quote(verdict.id)} is {_quote(verdict.verdict)}, "
            f"but its scenarios make it {_quote(folded)}"
        ]
    if reason != verdict.reason:
        return [
            f"the reason given for {_quote(verdict.id)} is {_quote(verdict.reason)}, "
            f"but its scenarios give {_quote(reason)}"
        ]
    return []


def _catalogue_problems(verdict: RequirementVerdict, requirement: Requirement) -> list[str]:
    """Every catalogue fact the document repeats must be the catalogue's."""
    evidence = [(s.kind, s.title, s.url, s.date) for s in requirement.sources]
    facts: list[tuple[str, Any, Any]] = [
        ("title", verdict.title, requirement.title),
        ("level", verdict.level, requirement.level),
        ("section", verdict.section, requirement.section),
        ("statements", list(verdict.statements), list(requirement.statements)),
        ("validation", verdict.validation, requirement.validation),
        ("evidence", [(e.kind, e.title, e.url, e.date) for e in verdict.evidence], evidence),
    ]
    return [
        f"the {name} of {_quote(verdict.id)} is {_quote(written)}, "
        f"but the catalogue says {_quote(known)}"
        for name, written, known in facts
        if written != known
    ]


def _example_problems(
    verdict: RequirementVerdict, expected: Counter[Example] | None, selected_by_tags: bool
) -> list[str]:
    """The scenarios under a requirement are its examples in the feature files, all of them
    unless the run selected scenarios by tags."""
    expected = expected or Counter()
    listed = Counter((s.feature, s.name) for s in verdict.scenarios)
    extra = listed - expected
    if extra:
        feature, name = next(iter(extra))
        return [
            f"{_quote(verdict.id)} lists the scenario {_quote(name)} ({_quote(feature)}), "
            "which is not one of its examples in this specification"
        ]
    missing = expected - listed
    if missing and not selected_by_tags:
        _, name = next(iter(missing))
        count = sum(missing.values())
        noun = "example" if count == 1 else "examples"
        return [f"{_quote(verdict.id)} leaves out {count} of its {noun} (first {_quote(name)})"]
    return []


def _selection_problems(result: RunResult, catalogue: Catalogue) -> list[str]:
    """A run lists exactly the requirements it says it ran: all of them, the ones it was
    restricted to, or (selected by tags) those whose scenarios were selected."""
    present = [r.id for r in result.requirements]
    present_set = set(present)
    tags = result.run.narrowed
    if result.run.requirements:
        wanted = list(result.run.requirements)
        wanted_set = set(wanted)
        known = set(catalogue.ids)
        unknown = [i for i in wanted if i not in known]
        if unknown:
            return [
                f"it says it ran requirement {_quote(unknown[0])}, which is not in this catalogue"
            ]
        stray = [i for i in present if i not in wanted_set]
        if stray:
            return [
                f"it gives a verdict for {_quote(stray[0])}, which the run was not restricted to"
            ]
        absent = [i for i in wanted if i not in present_set]
        if absent and not tags:
            return [f"it says it ran {_quote(absent[0])} but gives no verdict for it"]
        return []
    absent = [i for i in catalogue.ids if i not in present_set]
    if absent and not tags:
        count = len(absent)
        noun = "requirement" if count == 1 else "requirements"
        return [
            f"it says it ran the whole specification but leaves out {count} {noun} "
            f"(first {absent[0]})"
        ]
    return []


def _notes(result: RunResult) -> tuple[str, ...]:
    notes = []
    if result.spec_digest is None:
        notes.append(
            f"it predates spec digests (result schema {result.schema_version}), so the feature "
            "files it ran cannot be checked"
        )
    if result.run.requirements:
        notes.append(
            f"it covers only the {_count(len(result.run.requirements), 'requirement')} it was "
            "restricted to"
        )
    if result.run.tags:
        notes.append(f"it covers only the scenarios selected by the tags {_quote(result.run.tags)}")
    if result.run.services:
        named = ", ".join(_quote(s) for s in result.run.services)
        notes.append(f"it covers only the examples of the services {named}")
    return tuple(notes)


@cache
def _examples(features: Path, digest: str) -> dict[str, Counter[Example]]:
    """Each requirement's examples in the feature files (``digest`` keys the cache)."""
    from conformance.speccheck import parse_features, scenarios

    found: dict[str, Counter[Example]] = {}
    if not features.is_dir():
        return found
    for ref in scenarios(parse_features(features)):
        if ref.requirement is not None:
            found.setdefault(ref.requirement, Counter())[(ref.feature, ref.name)] += 1
    return found


def _quote(value: Any) -> str:
    """A value from the document, quoted, one line, every control character escaped."""
    return io.shorten(json.dumps(value, ensure_ascii=True))


def render(verification: Verification, limit: int = SHOWN) -> str:
    """What ``report verify`` prints: the verdict on the file, then its reasons or notes."""
    spec = verification.spec or installed()
    lines: list[str] = []
    if verification.faithful and verification.result is not None:
        result = verification.result
        backend = result.backend
        counts = result.counts()
        tally = ", ".join(f"{count} {verdict}" for verdict, count in counts.items())
        lines.append(
            f"{verification.source} is a faithful certificate of specification "
            f"{spec.name} {spec.catalogue.spec_version} (spec digest {spec.digest[:12]})."
        )
        lines.append(
            f"  It names backend {_quote(backend.name)}, implementation "
            f"{_quote(backend.implementation)} version {_quote(backend.version)}, finished "
            f"{_quote(result.run.finished)}: {_count(len(result.requirements), 'requirement')}, {tally}."
        )
    else:
        lines.append(
            f"{verification.source} is not a faithful certificate of specification "
            f"{spec.name} {spec.catalogue.spec_version}:"
        )
        lines.extend(f"  - {problem}" for problem in verification.problems[:limit])
        if len(verification.problems) > limit:
            lines.append(f"  (and {len(verification.problems) - limit} more)")
    lines.extend(f"  Note: {note}." for note in verification.notes)
    lines.append(
        "  This checks that the file is consistent with this specification, not who made it."
    )
    return "\n".join(lines) + "\n"


def verify_all(
    paths: Iterable[str | os.PathLike[str]], spec: Specification | None = None
) -> list[RunResult]:
    """``load_verified`` for several files, in order; the first unfaithful one is refused."""
    return [load_verified(path, spec) for path in paths]


def _count(number: int, noun: str) -> str:
    """``1 requirement``, ``2 requirements``."""
    return f"{number} {noun}{'' if number == 1 else 's'}"

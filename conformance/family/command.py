"""``slr-conformance errata``: every disagreement between a page and what AWS recorded.

``--spec service-linked-roles`` lists the family's pages (one entry per disagreement, and the
pages' questions against IAM's rules); ``--spec incident-manager`` lists the Incident Manager
page's, which are the same entries (one per disagreement, naming both specifications). Text
by default, ``--format json`` for machines. Exit 0; 2 for a name that is no specification.
"""

from __future__ import annotations

import json
from typing import TextIO

from conformance.errors import ConfigurationError
from conformance.family.data import recorded_page_facts
from conformance.family.errata import (
    ERRATUM,
    FAMILY_SPEC,
    INCIDENT_MANAGER_SPEC,
    QUESTION,
    Erratum,
    family_errata,
    for_specification,
)
from conformance.family.recorded import all_recorded
from conformance.suggest import did_you_mean

SPECIFICATIONS = (INCIDENT_MANAGER_SPEC, FAMILY_SPEC)


def specification(name: str) -> str:
    """``name`` if it is a specification, else the one-sentence refusal."""
    if name not in SPECIFICATIONS:
        raise ConfigurationError(
            f"There is no specification {name!r}{did_you_mean(name, SPECIFICATIONS)}; "
            f"the specifications are {', '.join(SPECIFICATIONS)}."
        )
    return name


def errata(spec: str) -> list[Erratum]:
    """The errata of one specification, from the reviewed page facts and the recordings."""
    return for_specification(family_errata(recorded_page_facts(), all_recorded()), spec)


def run_errata(spec: str, output_format: str, stream: TextIO) -> int:
    found = errata(specification(spec))
    if output_format == "json":
        document = {
            "specification": spec,
            "errata": sum(e.kind == ERRATUM for e in found),
            "questions": sum(e.kind == QUESTION for e in found),
            "entries": [e.as_json() for e in found],
        }
        stream.write(json.dumps(document, indent=2) + "\n")
        return 0
    stream.write(_text(spec, found))
    return 0


def _text(spec: str, found: list[Erratum]) -> str:
    count = sum(e.kind == ERRATUM for e in found)
    questions = len(found) - count
    lines = [
        f"The {spec} specification: {count} disagreement{'s' * (count != 1)} between a page and "
        f"what AWS recorded, {questions} question{'s' * (questions != 1)} to a page."
    ]
    for entry in found:
        lines.append(f"  {entry.principal}  {entry.fact}: {entry.kind}, {entry.difference}")
        lines.append(
            f"      the page ({entry.page.provenance.part}) says "
            f"{', '.join(entry.page.values)}: {entry.page.provenance.cite()}"
        )
        if entry.recorded is not None:
            lines.append(
                f"      AWS recorded {', '.join(entry.recorded.values)}: "
                f"{entry.recorded.provenance.cite()}"
            )
        lines.append(f"      decided: {entry.decision}")
    return "\n".join(lines) + "\n"

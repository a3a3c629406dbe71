"""``slr-conformance errata`` and the family's ``drift``: the pages against the recordings, and
against their own fingerprints.

``--spec service-linked-roles`` lists the family's pages (one entry per disagreement, and the
pages' questions against IAM's rules); ``--spec incident-manager`` lists the Incident Manager
page's, which are the same entries (one per disagreement, naming both specifications). Text
by default, ``--format json`` for machines. Exit 0; 2 for a name that is no specification.

``drift --spec service-linked-roles FOLDER`` names the services (and the IAM guide's page) whose
sections' wording moved since their fingerprints were recorded: exit 0 when none did, 1 when
some did, 2 when the folder cannot be compared.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TextIO

from conformance import specs
from conformance.drift import record
from conformance.drift.command import DRIFT, SAME
from conformance.errors import ConfigurationError
from conformance.family import fingerprints
from conformance.family.data import FAMILY_SPEC, recorded_page_facts
from conformance.family.errata import (
    ERRATUM,
    QUESTION,
    Erratum,
    family_errata,
    for_specification,
)
from conformance.family.recorded import all_recorded


def specification(name: str) -> str:
    """``name`` if the registry defines it (runnable here or not: only its data is read),
    else the registry's one-sentence refusal."""
    return specs.defined(name).name


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


# ---------------------------------------------------------------- drift over a folder

#: Where the family's fingerprints live unless ``--data`` says otherwise.
DATA_DIR = specs.defined(FAMILY_SPEC).data


def is_family_drift(args: argparse.Namespace) -> bool:
    """Whether ``drift`` compares the family's pages: ``--spec service-linked-roles`` without
    ``--policy`` or ``--api`` (those compare a specification's policy and API reference)."""
    return specification(args.spec) == FAMILY_SPEC and not (args.policy or args.api)


def family_drift(args: argparse.Namespace, stream: TextIO) -> int:
    """The ``drift`` command's arguments, for the family's pages."""
    if args.policy_file or args.backend:
        raise ConfigurationError("The options --policy-file and --backend go with --policy.")
    if not args.page:
        raise ConfigurationError(
            "Name the folder of page copies to compare: drift --spec service-linked-roles FOLDER."
        )
    return run_family_drift(
        Path(args.page),
        accept=args.accept,
        data=Path(args.data) if args.data else DATA_DIR,
        changelog=Path(args.changelog),
        stream=stream,
    )


def run_family_drift(
    folder: Path, *, accept: bool, data: Path, changelog: Path, stream: TextIO
) -> int:
    """``drift --spec service-linked-roles FOLDER``: which services' pages moved, and where."""
    path = data / fingerprints.FINGERPRINTS_FILE
    recorded = fingerprints.load(path)
    found = {key: fingerprints.take(key, page) for key, page in fingerprints.copies(folder).items()}
    if accept:
        if not changelog.is_file():
            raise ConfigurationError(
                f"The changelog {changelog} does not exist; run from the repository's root "
                "or name it with --changelog."
            )
        today = record.now().date().isoformat()
        moved = _moved(recorded, found) if recorded else []
        fingerprints.write(path, fingerprints.merged(recorded, found, today))
        summary = f"{len({m.key for m in moved})} moved" if recorded else "the first fingerprints"
        record.log_review(
            changelog,
            f"{today}, the family's pages: {len(found)} pages from `{folder.name}` ({summary}).",
        )
        stream.write(f"Recorded the fingerprints of {len(found)} pages in {path}.\n")
        return SAME
    if recorded is None:
        raise ConfigurationError(
            f"No fingerprints of the family's pages are recorded in {path}; record them with "
            "'slr-conformance drift --spec service-linked-roles FOLDER --accept'."
        )
    moved = _moved(recorded, found)
    stream.write(_drift_report(folder, recorded, found, moved))
    return DRIFT if moved else SAME


def _moved(
    recorded: fingerprints.Recorded, found: dict[str, fingerprints.PagePrints]
) -> list[fingerprints.Moved]:
    return [
        moved
        for key in sorted(found)
        if key in recorded.pages
        for moved in fingerprints.compare(recorded.pages[key], found[key])
    ]


def _drift_report(
    folder: Path,
    recorded: fingerprints.Recorded,
    found: dict[str, fingerprints.PagePrints],
    moved: list[fingerprints.Moved],
) -> str:
    lines = [
        f"The {len(found)} page cop{'ies' if len(found) != 1 else 'y'} in {folder}, against the fingerprints accepted on "
        f"{recorded.accepted} (sentences by section):"
    ]
    keys = sorted({m.key for m in moved})
    for key in keys:
        parts = []
        for m in (m for m in moved if m.key == key):
            counts = [
                f"{n} {kind}"
                for kind, n in (("changed", m.changed), ("new", m.new), ("gone", m.gone))
                if n
            ]
            parts.append(f"{m.section} {', '.join(counts)}")
        lines.append(f"  {key}: {'; '.join(parts)}")
    unchanged = [k for k in found if k in recorded.pages and k not in keys]
    unknown = sorted(k for k in found if k not in recorded.pages)
    lines.append(f"  unchanged: {len(unchanged)} page{'s' * (len(unchanged) != 1)}")
    if unknown:
        lines.append(f"  never recorded, not compared: {', '.join(unknown)}")
    if moved:
        lines.append(
            f"Drift: {len(keys)} page{'s' * (len(keys) != 1)} moved. Review their facts "
            "(page-facts.toml) and errata, then record them with 'slr-conformance drift "
            "--spec service-linked-roles FOLDER --accept'."
        )
    else:
        lines.append("No drift: every page compared reads as recorded.")
    return "\n".join(lines) + "\n"

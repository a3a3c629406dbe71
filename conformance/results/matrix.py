"""Several runs side by side: requirements down, implementations across.

The matrix is what readers compare implementations by, so it only combines results that were
measured against the same specification: the same spec version and the same catalogue digest.
Columns are labelled by backend name, made unique when two runs share one. A pass that rests on
only some of its examples is shown with how many ran (``pass (2 of 5 examples)``), and the JSON
form lists such cells under ``partial``, so the matrix never makes a partial check look whole.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from dataclasses import asdict, dataclass
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator

from conformance.errors import ConfigurationError
from conformance.results import coverage
from conformance.results.io import check_document, make_directory, printable, write_text
from conformance.results.model import BackendInfo, Examples, RunResult, Verdict, is_partial

MATRIX_KIND = "slr-conformance-matrix"
MATRIX_SCHEMA_VERSION = "1.2"
MATRIX_JSON = "matrix.json"
MATRIX_MARKDOWN = "matrix.md"


@dataclass(frozen=True)
class Column:
    label: str
    backend: BackendInfo
    started: str
    finished: str
    counts: dict[str, int]
    #: How many of the column's passes are only partly checked.
    partial: int


@dataclass(frozen=True)
class Row:
    id: str
    title: str
    section: str
    level: str
    #: One verdict per column, ``None`` where that run has no verdict for the requirement.
    verdicts: tuple[Verdict | None, ...]
    #: How the examples behind each verdict ended, ``None`` where there is no verdict.
    examples: tuple[Examples | None, ...]

    def partial(self) -> tuple[bool, ...]:
        """For each column, whether its verdict is a partly checked pass."""
        return tuple(
            verdict is not None and examples is not None and is_partial(verdict, examples)
            for verdict, examples in zip(self.verdicts, self.examples, strict=True)
        )


@dataclass(frozen=True)
class Matrix:
    #: The name of the specification every combined run checked (``conformance.specs``).
    specification: str
    spec_version: str
    catalogue_digest: str
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]


def combine(results: list[RunResult]) -> Matrix:
    """Put runs side by side; refuse runs of different specifications."""
    if not results:
        raise ConfigurationError("There are no results to combine.")
    named = sorted({r.specification for r in results})
    if len(named) > 1:
        raise ConfigurationError(
            f"Cannot combine results of different specifications ({', '.join(named)}); "
            "combine the runs of each specification apart."
        )
    versions = sorted({r.spec_version for r in results})
    if len(versions) > 1:
        raise ConfigurationError(
            "Cannot combine results of different specification versions "
            f"({', '.join(versions)}); rerun them against one version."
        )
    digests = sorted({r.catalogue_digest[:12] for r in results})
    if len({r.catalogue_digest for r in results}) > 1:
        raise ConfigurationError(
            "Cannot combine results of different requirement catalogues "
            f"(digests {', '.join(digests)}); rerun them against one catalogue."
        )
    labels = _labels([r.backend for r in results])
    columns = tuple(
        Column(label, r.backend, r.run.started, r.run.finished, r.counts(), len(r.partly_checked()))
        for label, r in zip(labels, results, strict=True)
    )
    order: dict[str, tuple[str, str, str]] = {}
    for result in results:
        for requirement in result.requirements:
            order.setdefault(
                requirement.id, (requirement.title, requirement.section, requirement.level)
            )
    found = [{v.id: v for v in r.requirements} for r in results]
    rows = tuple(
        Row(
            rid,
            title,
            section,
            level,
            tuple(r.verdict_of(rid) for r in results),
            tuple(v[rid].examples if rid in v else None for v in found),
        )
        for rid, (title, section, level) in order.items()
    )
    first = results[0]
    return Matrix(first.specification, first.spec_version, first.catalogue_digest, columns, rows)


def _labels(backends: list[BackendInfo]) -> list[str]:
    """Backend names, with version, then endpoint, then a number added where they repeat."""
    labels = [b.name for b in backends]
    for refine in (_with_version, _with_endpoint):
        counts = Counter(labels)
        labels = [
            refine(b) if counts[label] > 1 else label
            for b, label in zip(backends, labels, strict=True)
        ]
    counts = Counter(labels)
    seen: Counter[str] = Counter()
    unique = []
    for label in labels:
        numbered = label
        while counts[label] > 1 and (numbered == label or numbered in counts):
            seen[label] += 1
            numbered = f"{label} #{seen[label]}"
        unique.append(numbered)
    return unique


def _with_version(backend: BackendInfo) -> str:
    return f"{backend.name} ({backend.version})" if backend.version else backend.name


def _with_endpoint(backend: BackendInfo) -> str:
    if not backend.endpoint:
        return _with_version(backend)
    return f"{backend.name} ({backend.version}, {backend.endpoint})"


def render_markdown(matrix: Matrix) -> str:
    """The matrix as a Markdown table, with a legend of what each column ran."""
    labels = [_escape(c.label) for c in matrix.columns]
    lines = [
        f"# Conformance matrix: {_escape(matrix.specification)}\n",
        f"Specification {_escape(matrix.specification)}, version {_escape(matrix.spec_version)}, "
        f"catalogue `{matrix.catalogue_digest[:12]}`.\n",
        "| Requirement | Level | Title | " + " | ".join(labels) + " |",
        "|---|---|---|" + "---|" * len(labels),
    ]
    for row in matrix.rows:
        cells = [
            _cell(verdict, examples)
            for verdict, examples in zip(row.verdicts, row.examples, strict=True)
        ]
        lines.append(
            f"| {_escape(row.id)} | {_escape(row.level)} | {_escape(row.title)} | "
            + " | ".join(cells)
            + " |"
        )
    totals = [_passing(column) for column in matrix.columns]
    lines.append("| **Passing** | | | " + " | ".join(totals) + " |")
    legend = "\nPassing counts requirements that pass over those not skipped."
    if any(column.partial for column in matrix.columns):
        legend += (
            " A cell such as *pass (2 of 5 examples)* is a pass that is only partly checked: "
            "the requirement's other examples were skipped on that backend (its summary.md "
            "says why)."
        )
    lines.append(legend + "\n")
    lines.append("| Column | Implementation | Version | Endpoint | Run started |")
    lines.append("|---|---|---|---|---|")
    for column, label in zip(matrix.columns, labels, strict=True):
        backend = column.backend
        lines.append(
            f"| {label} | {_escape(backend.implementation)} | {_escape(backend.version)} | "
            f"{_escape(backend.endpoint or '(in process)')} | {_escape(column.started)} |"
        )
    return "\n".join(lines) + "\n"


def _cell(verdict: Verdict | None, examples: Examples | None) -> str:
    if verdict is None:
        return "-"
    if verdict in ("fail", "error"):
        return f"**{verdict}**"
    return _escape(coverage.label(verdict, examples)) if examples is not None else verdict


def _passing(column: Column) -> str:
    counted = sum(column.counts.values()) - column.counts.get("skipped", 0)
    passing = f"{column.counts.get('pass', 0)}/{counted}"
    return passing + coverage.partly_checked(column.partial)


def _escape(text: str) -> str:
    """Markdown-safe and terminal-safe: the matrix is printed as well as written."""
    line = printable(text)
    for character in "\\`*_[]<>|":
        line = line.replace(character, "\\" + character)
    return line


def to_json(matrix: Matrix) -> dict[str, Any]:
    """The matrix as a JSON document (kind ``slr-conformance-matrix``)."""
    labels = [c.label for c in matrix.columns]
    return {
        "kind": MATRIX_KIND,
        "schema_version": MATRIX_SCHEMA_VERSION,
        "specification": matrix.specification,
        "spec_version": matrix.spec_version,
        "catalogue_digest": matrix.catalogue_digest,
        "columns": [
            {
                "label": c.label,
                "backend": {
                    "name": c.backend.name,
                    "implementation": c.backend.implementation,
                    "version": c.backend.version,
                    "endpoint": c.backend.endpoint,
                    "botocore_version": c.backend.botocore_version,
                },
                "started": c.started,
                "finished": c.finished,
                "counts": dict(c.counts),
                "partial": c.partial,
            }
            for c in matrix.columns
        ],
        "requirements": [
            {
                "id": row.id,
                "title": row.title,
                "section": row.section,
                "level": row.level,
                "verdicts": dict(zip(labels, row.verdicts, strict=True)),
                "partial": [
                    label for label, partial in zip(labels, row.partial(), strict=True) if partial
                ],
                "examples": {
                    label: None if examples is None else _examples_json(examples)
                    for label, examples in zip(labels, row.examples, strict=True)
                },
            }
            for row in matrix.rows
        ],
    }


def _examples_json(examples: Examples) -> dict[str, Any]:
    return {**asdict(examples), "skip_reasons": list(examples.skip_reasons)}


@cache
def schema() -> dict[str, Any]:
    """The packaged JSON Schema of a matrix document."""
    raw = files("conformance").joinpath("data", "matrix.schema.json").read_text("utf-8")
    document: dict[str, Any] = json.loads(raw)
    return document


def validate(document: Any) -> None:
    """Check a matrix document against its schema; raise on the first problem found."""
    check_document(document, "The matrix document", Draft202012Validator(schema()))


def write_matrix(matrix: Matrix, out_dir: str | os.PathLike[str]) -> list[Path]:
    """Write matrix.json and matrix.md into ``out_dir``; returns their paths."""
    directory = Path(out_dir)
    make_directory(directory)
    document = to_json(matrix)
    validate(document)
    # ASCII only: every control character is written as an escape JSON reads back, never raw
    text = json.dumps(document, indent=2, ensure_ascii=True) + "\n"
    return [
        write_text(directory / MATRIX_JSON, text),
        write_text(directory / MATRIX_MARKDOWN, render_markdown(matrix)),
    ]

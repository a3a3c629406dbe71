"""Reading and writing result documents, with every bad input explained in one sentence.

Results outlive the run that made them: they are combined into matrices, compared with
baselines and shown again later, possibly by another version of the suite. So every document
is checked against the packaged schema on the way in and on the way out, and a problem is
reported as a ``ConfigurationError`` that names the file and the first bad field. The fields a
document derives from its scenarios (``partial``, ``examples``) are checked against them too:
a certificate whose summary claims more than its examples show is refused, not believed.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable
from datetime import datetime
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator, FormatChecker
from jsonschema.exceptions import ValidationError, best_match

from conformance.errors import ConfigurationError
from conformance.results import badge, jsonfile, junit, summary
from conformance.results.model import (
    READABLE_VERSIONS,
    RESULT_KIND,
    RunResult,
    coverage_json,
)

RESULTS_FILE = "results.json"
JUNIT_FILE = "junit.xml"
SUMMARY_FILE = "summary.md"
BADGE_FILE = "badge.svg"


@cache
def schema() -> dict[str, Any]:
    """The packaged JSON Schema (draft 2020-12) of a result document."""
    raw = files("conformance").joinpath("data", "result.schema.json").read_text("utf-8")
    document: dict[str, Any] = json.loads(raw)
    return document


#: RFC 3339's date-time: a date, a time, and the UTC offset (``Z`` or ``+hh:mm``).
_DATE_TIME = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt][0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,9})?([Zz]|[+-][0-9]{2}:[0-9]{2})"
)
#: The formats a result's schema names, checked here rather than by optional packages, so
#: that every installation refuses the same documents.
FORMATS = FormatChecker(formats=())


@FORMATS.checks("date-time", raises=ValueError)
def _date_time(value: object) -> bool:
    """A real instant: ``9999-99-99T99:99:99`` matches the shape and still is refused."""
    if not isinstance(value, str):
        return True  # the type is the schema's own rule
    if not _DATE_TIME.fullmatch(value):
        return False
    datetime.fromisoformat(value.upper().replace("Z", "+00:00"))
    return True


@cache
def _validator() -> Draft202012Validator:
    Draft202012Validator.check_schema(schema())
    return Draft202012Validator(schema(), format_checker=FORMATS)


def validate(document: Any) -> None:
    """Check a result document against the schema; raise on the first problem found."""
    check_document(document, "The result document", _validator())


def check_document(document: Any, source: str, validator: Draft202012Validator) -> None:
    """Validate ``document`` and turn the most relevant error into one sentence.

    ``source`` names the document in the sentence (a file name, or "The result document").
    Shared with the matrix so both kinds of document explain themselves the same way.
    """
    error = best_match(validator.iter_errors(document))
    if error is not None:
        raise ConfigurationError(f"{source} is malformed: {describe(error)}.")


def describe(error: ValidationError) -> str:
    """Say what is wrong, and where, without a newline or a trailing period."""
    path = list(error.absolute_path)
    instance = error.instance
    rule: Any = error.validator_value
    where_in_schema: Any = error.schema
    if error.validator == "required" and isinstance(instance, dict):
        missing = [str(name) for name in rule if name not in instance]
        if missing:
            return f"{json_path([*path, missing[0]])} is missing"
    if error.validator == "additionalProperties" and isinstance(instance, dict):
        known = set(where_in_schema.get("properties", {}))
        extras = sorted(str(key) for key in instance if key not in known)
        if extras:
            return f"{json_path([*path, extras[0]])} is not a known field"
    where = json_path(path)
    if error.validator in ("enum", "const"):
        allowed = rule if error.validator == "enum" else [rule]
        choices = ", ".join(shorten(json.dumps(value)) for value in allowed)
        return f"{where} is {shorten(json.dumps(instance))} but must be one of {choices}"
    if error.validator == "type":
        names = " or ".join(rule) if isinstance(rule, list) else str(rule)
        return f"{where} must be of type {names}, not {_json_type(instance)}"
    if error.validator == "minimum":
        return f"{where} must be at least {rule}"
    if error.validator == "minLength":
        return f"{where} must not be empty"
    if error.validator == "pattern":
        return f"{where} is {shorten(json.dumps(instance))}, which does not match the expected form"
    return f"{where} is not valid ({error.validator} check failed)"


def json_path(parts: Iterable[str | int]) -> str:
    """``["requirements", 3, "verdict"]`` becomes ``$.requirements[3].verdict``."""
    text = "$"
    for part in parts:
        if isinstance(part, int):
            text += f"[{part}]"
        elif part.isidentifier():
            text += f".{part}"
        else:
            text += f"[{json.dumps(part)}]"
    return text


def printable(text: str) -> str:
    """One line, every control character as ``?``: a value from a file never reaches a
    terminal (or a page a terminal shows) as an escape sequence."""
    return "".join(c if c.isprintable() else "?" for c in " ".join(text.split()))


def shorten(text: str, limit: int = 60) -> str:
    """One line of at most ``limit`` characters, for quoting a value inside a sentence.

    Control characters become ``?`` (``printable``).
    """
    line = printable(text)
    return line if len(line) <= limit else line[: limit - 3] + "..."


def _instant(text: str) -> datetime:
    return datetime.fromisoformat(text.upper().replace("Z", "+00:00"))


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "object"


def result_from_json(document: Any) -> RunResult:
    """Validate a parsed result document and rebuild the frozen ``RunResult``."""
    return _parse(document, "The result document")


def _parse(document: Any, source: str) -> RunResult:
    identify(document, source)
    problem = structural_problem(document)
    if problem is not None:
        raise ConfigurationError(f"{source} is malformed: {problem}.")
    result = RunResult.from_json(document)
    problem = coverage_problem(document, result)
    if problem is not None:
        raise ConfigurationError(f"{source} is malformed: {problem}.")
    return result


def identify(document: Any, source: str) -> None:
    """Refuse anything that is not a result document of a schema version this suite reads.

    What passes is a result document, though perhaps a malformed or untruthful one: that is
    for ``structural_problem``, ``coverage_problem`` and ``conformance.results.verify``.
    """
    if not isinstance(document, dict):
        raise ConfigurationError(
            f"{source} is not a conformance result: it is a JSON {_json_type(document)}, "
            "not an object."
        )
    if "kind" not in document:
        raise ConfigurationError(f'{source} is not a conformance result: it has no "kind" field.')
    if document["kind"] != RESULT_KIND:
        kind = shorten(json.dumps(document["kind"]))
        raise ConfigurationError(
            f"{source} is not a conformance result: its kind is {kind}, not {RESULT_KIND}."
        )
    version = document.get("schema_version")
    if isinstance(version, str) and version not in READABLE_VERSIONS:
        readable = ", ".join(READABLE_VERSIONS[:-1]) + " and " + READABLE_VERSIONS[-1]
        raise ConfigurationError(
            f"{source} uses result schema version {shorten(version)}, "
            f"but this suite reads versions {readable}."
        )


def structural_problem(document: dict[str, Any]) -> str | None:
    """What makes an identified result document malformed, in a few words, or ``None``."""
    error = best_match(_validator().iter_errors(document))
    if error is not None:
        return describe(error)
    run = document["run"]
    if _instant(run["finished"]) < _instant(run["started"]):
        return "the run finished before it started"
    ids = Counter(requirement["id"] for requirement in document["requirements"])
    duplicates = sorted(i for i, count in ids.items() if count > 1)
    if duplicates:
        return f"requirement {shorten(duplicates[0])} appears twice"
    return None


def coverage_problem(document: dict[str, Any], result: RunResult) -> str | None:
    """Where a document's ``partial`` or ``examples`` disagree with its own scenarios."""
    pairs = zip(document["requirements"], result.requirements, strict=True)
    for index, (written, requirement) in enumerate(pairs):
        derived = coverage_json(requirement)
        for key in ("examples", "partial"):
            if key not in written or written[key] == derived[key]:
                continue
            where, claimed, actual = _first_difference(
                ["requirements", index, key], written[key], derived[key]
            )
            return (
                f"{json_path(where)} is {shorten(json.dumps(claimed))}, "
                f"but the scenarios of {shorten(requirement.id)} make it "
                f"{shorten(json.dumps(actual))}"
            )
    return None


def _first_difference(
    path: list[str | int], written: Any, derived: Any
) -> tuple[list[str | int], Any, Any]:
    """The deepest field where ``written`` and ``derived`` part, to name it in the sentence."""
    if isinstance(written, dict) and isinstance(derived, dict):
        for key, value in derived.items():
            if written.get(key) != value:
                return _first_difference([*path, key], written.get(key), value)
    return path, written, derived


def load_result(path: str | os.PathLike[str]) -> RunResult:
    """Read a result file (or the ``results.json`` inside a directory) and check it."""
    target = result_path(path)
    return _parse(read_result_document(target), str(target))


def result_path(path: str | os.PathLike[str]) -> Path:
    """The result file a user named: the file itself, or ``results.json`` in a folder."""
    target = Path(path)
    return target / RESULTS_FILE if target.is_dir() else target


def read_result_document(target: Path) -> Any:
    """The parsed JSON of a result file, read with every guard of ``jsonfile``."""
    if not target.is_file():
        raise ConfigurationError(f"There is no result file at {target}.")
    return jsonfile.read_json(target, str(target))


def write_result(result: RunResult, path: str | os.PathLike[str]) -> Path:
    """Write the result as JSON after checking it against the schema; returns the path."""
    document = result.to_json()
    validate(document)
    text = json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    return write_text(Path(path), text)


def write_all(result: RunResult, out_dir: str | os.PathLike[str]) -> list[Path]:
    """Write the whole certificate: results.json, junit.xml, summary.md and badge.svg."""
    directory = Path(out_dir)
    make_directory(directory)
    writers: list[tuple[str, Callable[[RunResult], str]]] = [
        (JUNIT_FILE, junit.render),
        (SUMMARY_FILE, summary.render),
        (BADGE_FILE, badge.render),
    ]
    paths = [write_result(result, directory / RESULTS_FILE)]
    for name, render in writers:
        paths.append(write_text(directory / name, render(result)))
    return paths


def make_directory(directory: Path) -> None:
    """Create an output directory, or say in one sentence why it cannot be."""
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise ConfigurationError(
            f"Cannot write results to {directory}: a file of that name is in the way."
        ) from None
    except OSError as error:
        raise ConfigurationError(
            f"Cannot create the output directory {directory}: {_reason(error)}."
        ) from None


def write_text(path: Path, text: str) -> Path:
    """Write a file whole or not at all (a temporary file renamed into place)."""
    try:
        descriptor, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
        try:
            with os.fdopen(descriptor, "w", encoding="utf-8", newline="\n") as stream:
                stream.write(text)
            os.chmod(temporary, 0o644)
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError as error:
        raise ConfigurationError(f"Cannot write {path}: {_reason(error)}.") from None
    return path


def _reason(error: OSError) -> str:
    reason = error.strerror or type(error).__name__
    return shorten(reason[:1].lower() + reason[1:], 80).rstrip(".")

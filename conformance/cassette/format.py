"""The cassette format, version 1: a folder of JSON files, one per scenario, and an index.

``cassette.json`` (the index) says what was recorded: when, against which backend, with which
specification (the catalogue digest and the spec digest of ``conformance.specfiles``, which
also covers the feature files, as ``results.json`` has them), the run ID and the
selection, the sanitising rules, and each scenario with its file, its requirements and its
recorded outcome. Each scenario file holds that scenario's interactions in the order they
happened: AWS calls, control requests and clock readings. The JSON Schema
``conformance/data/cassette.schema.json`` describes both; every file is checked against it
when read, so a damaged or foreign cassette is refused in one sentence. A reader refuses any
version it does not know: a later version may mean something else by the same field.

Answers hold values JSON has no type for: a timestamp is written ``{"$datetime": ISO 8601}``
and binary data ``{"$bytes": base64}``.
"""

from __future__ import annotations

import base64
import json
import os
import re
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import best_match

from conformance.errors import ConfigurationError

FORMAT = "slr-conformance-cassette"
SCENARIO_FORMAT = "slr-conformance-cassette-scenario"
VERSION = 1
INDEX_FILE = "cassette.json"
#: The file for what happens outside every scenario (looking at a live account first).
OUTSIDE_FILE = "000-outside-scenarios.json"

Interaction = dict[str, Any]


def encode(value: Any) -> Any:
    """A parsed botocore value as plain JSON data (timestamps and bytes tagged)."""
    if isinstance(value, dict):
        return {str(key): encode(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [encode(item) for item in value]
    if isinstance(value, datetime | date):
        return {"$datetime": value.isoformat()}
    if isinstance(value, bytes | bytearray):
        return {"$bytes": base64.b64encode(bytes(value)).decode("ascii")}
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return {"$unsupported": type(value).__name__}


def decode(value: Any) -> Any:
    """The inverse of ``encode``: what botocore would have handed the caller."""
    if isinstance(value, dict):
        if len(value) == 1 and "$datetime" in value:
            return datetime.fromisoformat(value["$datetime"])
        if len(value) == 1 and "$bytes" in value:
            return base64.b64decode(value["$bytes"])
        return {key: decode(item) for key, item in value.items()}
    if isinstance(value, list):
        return [decode(item) for item in value]
    return value


def scenario_file_name(position: int, name: str) -> str:
    """``012-the-role-is-named-...json``: run order first, then a readable slug."""
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:60].rstrip("-") or "scenario"
    return f"{position:03d}-{slug}.json"


def write_json(path: Path, document: dict[str, Any]) -> None:
    """Write atomically, so an interrupted run never leaves half a file."""
    text = json.dumps(document, indent=1, ensure_ascii=False) + "\n"
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


@cache
def _validators() -> dict[str, Draft202012Validator]:
    raw = files("conformance").joinpath("data", "cassette.schema.json").read_text("utf-8")
    schema: dict[str, Any] = json.loads(raw)
    Draft202012Validator.check_schema(schema)
    definitions = schema["$defs"]
    return {
        kind: Draft202012Validator({**definitions[kind], "$defs": definitions})
        for kind in ("index", "scenario")
    }


def _check(document: Any, kind: str, path: Path) -> None:
    error = best_match(_validators()[kind].iter_errors(document))
    if error is not None:
        where = "/".join(str(p) for p in error.absolute_path) or "the top level"
        raise ConfigurationError(
            f"The cassette file {path} is not valid at {where} ({error.message})."
        )


def _load(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigurationError(f"The cassette file {path} is missing.") from None
    except OSError as exc:
        raise ConfigurationError(
            f"The cassette file {path} cannot be read ({exc.strerror or exc})."
        ) from None
    except (ValueError, UnicodeDecodeError) as exc:
        raise ConfigurationError(f"The cassette file {path} is not JSON ({exc}).") from None


def _check_version(document: Any, expected: str, path: Path) -> None:
    if not isinstance(document, dict) or document.get("format") != expected:
        raise ConfigurationError(f"The file {path} is not an slr-conformance cassette.")
    if document.get("version") != VERSION:
        raise ConfigurationError(
            f"The cassette {path} has format version {document.get('version')!r}; "
            f"this suite reads version {VERSION}."
        )


@dataclass(frozen=True)
class RecordedScenario:
    """One scenario of a cassette, as the index lists it."""

    key: str
    name: str
    feature: str
    requirements: tuple[str, ...]
    file: str
    outcome: str | None
    interactions: int


@dataclass(frozen=True)
class Cassette:
    """A cassette's index, read and checked; ``interactions`` reads a scenario's file."""

    path: Path
    index: dict[str, Any]
    #: Scenario files already read and checked, by name: each is read once.
    _files: dict[str, list[Interaction]] = field(default_factory=dict, compare=False, repr=False)

    @property
    def backend(self) -> dict[str, Any]:
        backend: dict[str, Any] = self.index["backend"]
        return backend

    @property
    def specification(self) -> dict[str, Any]:
        specification: dict[str, Any] = self.index["specification"]
        return specification

    @property
    def run(self) -> dict[str, Any]:
        run: dict[str, Any] = self.index["run"]
        return run

    @property
    def recorded_at(self) -> str:
        return str(self.index["recorded_at"])

    @property
    def complete(self) -> bool:
        return bool(self.index["complete"])

    @property
    def verdicts(self) -> dict[str, str]:
        return {str(k): str(v) for k, v in self.index.get("verdicts", {}).items()}

    @property
    def scenarios(self) -> tuple[RecordedScenario, ...]:
        return tuple(
            RecordedScenario(
                key=s["key"],
                name=s["name"],
                feature=s["feature"],
                requirements=tuple(s["requirements"]),
                file=s["file"],
                outcome=s.get("outcome"),
                interactions=s["interactions"],
            )
            for s in self.index["scenarios"]
        )

    def interactions(self, file: str) -> list[Interaction]:
        """The interactions of one file of this cassette, checked against the schema."""
        if file not in self._files:
            path = self.path / file
            document = _load(path)
            _check_version(document, SCENARIO_FORMAT, path)
            _check(document, "scenario", path)
            self._files[file] = document["interactions"]
        return self._files[file]

    def all_interactions(self) -> Iterable[tuple[RecordedScenario | None, Interaction]]:
        """Every interaction, outside the scenarios first, then scenario by scenario."""
        for interaction in self.interactions(OUTSIDE_FILE):
            yield None, interaction
        for scenario in self.scenarios:
            for interaction in self.interactions(scenario.file):
                yield scenario, interaction


def read_cassette(folder: Path) -> Cassette:
    """Read and check a cassette's index; every problem is one sentence."""
    if not folder.is_dir():
        raise ConfigurationError(f"The cassette folder {folder} does not exist.")
    path = folder / INDEX_FILE
    if not path.is_file():
        raise ConfigurationError(
            f"The folder {folder} holds no cassette ({INDEX_FILE} is missing)."
        )
    document = _load(path)
    _check_version(document, FORMAT, path)
    _check(document, "index", path)
    return Cassette(folder, document)

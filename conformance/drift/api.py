"""The API reference the specification cites, as botocore's service models carry it.

The requirements cite the IAM, STS and Incident Manager API references (sources of kind
``api-ref`` in ``requirements.toml``); those references reach the suite, and every emulator
author, through botocore's service models. A source's title names the operations it rests on
("IAM API Reference: UpdateRoleDescription, UpdateRole, TagRole, UntagRole"): a word of the
title that is an operation of the services its reference covers (``REFERENCES``) is *cited*,
and the requirements that list the source cite it. A source whose title starts with no
reference of ``REFERENCES`` cites no operation (the endpoint data of ``api-endpoints``, which
the suite reads at run time).

For each cited operation the fingerprints file (``api-fingerprints.toml``) records what the
specification rests on: the hash of its documentation; its input and output members, nested
ones too (``Role.Tags[].Key``), each with its type, whether it is required and the hash of its
documentation; and its errors, each with its code and the hash of its documentation. Hashes
are the page's (``paragraphs.fingerprint``) over the text without its HTML tags, so no AWS
text is kept. The file names the botocore version the fingerprints were taken from and, like
the page's fingerprints, sits outside the catalogue digest.
"""

from __future__ import annotations

import functools
import gzip
import html
import json
import re
import sys
import zipfile
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from conformance.catalogue import Catalogue
from conformance.drift import stored
from conformance.drift.paragraphs import SCHEME, fingerprint
from conformance.errors import ConfigurationError
from conformance.outputs import write_text

FINGERPRINTS_FILE = "api-fingerprints.toml"

#: The API references the catalogue's sources cite, by the start of a source's title, and the
#: botocore services whose operations each documents.
REFERENCES: dict[str, tuple[str, ...]] = {
    "IAM API Reference": ("iam",),
    "STS API Reference": ("sts",),
    "Incident Manager API Reference": ("ssm-incidents", "ssm-contacts"),
}

ADDED, REMOVED, CHANGED = "added", "removed", "changed"
NEW, GONE = "new", "gone"


@dataclass(frozen=True)
class Member:
    """One input or output member: its shape's type, whether it is required, its doc's hash."""

    type: str
    required: bool
    documentation: str


@dataclass(frozen=True)
class Error:
    """One error an operation lists: its code and the hash of its documentation."""

    code: str
    documentation: str


@dataclass(frozen=True)
class Operation:
    service: str
    name: str
    documentation: str
    input: dict[str, Member] = field(default_factory=dict)
    output: dict[str, Member] = field(default_factory=dict)
    errors: dict[str, Error] = field(default_factory=dict)

    @property
    def key(self) -> str:
        return f"{self.service} {self.name}"


@dataclass(frozen=True)
class Fingerprints:
    """The recorded fingerprints: the botocore they were taken from, when, and the operations."""

    botocore: str
    accepted: str
    operations: tuple[Operation, ...]


@dataclass(frozen=True)
class Finding:
    """One thing that moved. ``part`` is ``operation``, ``input``, ``output`` or ``error``;
    ``name`` the member's path or the error's shape (empty for the operation itself)."""

    operation: str
    part: str
    name: str
    change: str
    detail: str
    requirements: tuple[str, ...]

    def describe(self, quote: str = "") -> str:
        """In a few words, for the console; ``quote`` goes around names (Markdown's backtick)."""
        if self.part == "operation":
            return self.detail if self.change == CHANGED else f"{self.change}: {self.detail}"
        name = f"{quote}{self.name}{quote}"
        what = f"{self.part} member {name}" if self.part != "error" else f"error {name}"
        return f"{what} {self.change}" + (f" ({self.detail})" if self.detail else "")


# ---------------------------------------------------------------- the models


@dataclass(frozen=True)
class Models:
    """Where service models are read: the installed botocore, or a botocore wheel."""

    botocore: str
    load: Callable[[str], Mapping[str, Any] | None]


def installed_models() -> Models:
    """The models of the botocore this process imports; no network."""
    import botocore
    from botocore.exceptions import DataNotFoundError
    from botocore.loaders import create_loader

    loader = create_loader()

    def load(service: str) -> Mapping[str, Any] | None:
        try:
            model: Mapping[str, Any] = loader.load_service_model(service, "service-2")
        except DataNotFoundError:
            return None
        return model

    return Models(botocore.__version__, load)


def wheel_models(path: Path) -> Models:
    """The models inside a botocore wheel, read as the zip it is (nothing is installed)."""
    match = re.match(r"botocore-([^-]+)-", path.name)
    try:
        archive = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as exc:
        raise ConfigurationError(f"The botocore wheel {path} cannot be read ({exc}).") from None
    if match is None:
        raise ConfigurationError(f"The file {path.name} is not named like a botocore wheel.")

    def load(service: str) -> Mapping[str, Any] | None:
        names = sorted(
            n
            for n in archive.namelist()
            if PurePosixPath(n).parent.parent == PurePosixPath("botocore/data", service)
            and PurePosixPath(n).name in ("service-2.json", "service-2.json.gz")
        )
        if not names:
            return None
        raw = archive.read(names[-1])  # the newest API version, as botocore's loader takes it
        model: Mapping[str, Any] = json.loads(
            gzip.decompress(raw) if names[-1].endswith(".gz") else raw
        )
        return model

    return Models(match.group(1), functools.cache(load))


# ---------------------------------------------------------------- what the catalogue cites


def _services(title: str) -> tuple[str, ...]:
    return next((s for ref, s in REFERENCES.items() if title.startswith(ref)), ())


def cited(catalogue: Catalogue, models: Models) -> list[tuple[str, str]]:
    """Every (service, operation) the catalogue's API references name, sorted."""
    operations: dict[str, set[str]] = {}
    found: set[tuple[str, str]] = set()
    for source in {s.key: s for r in catalogue.requirements for s in r.sources}.values():
        if source.kind != "api-ref":
            continue
        for service in _services(source.title):
            if service not in operations:
                model = models.load(service)
                operations[service] = set(model["operations"]) if model else set()
            words = set(re.findall(r"[A-Za-z]+", source.title))
            found |= {(service, name) for name in words & operations[service]}
    return sorted(found)


def citing(catalogue: Catalogue, service: str, name: str) -> tuple[str, ...]:
    """The requirements that cite ``name`` of ``service`` through one of their sources."""
    return tuple(
        r.id
        for r in catalogue.requirements
        if any(
            s.kind == "api-ref"
            and service in _services(s.title)
            and name in re.findall(r"[A-Za-z]+", s.title)
            for s in r.sources
        )
    )


def uncited_sources(catalogue: Catalogue) -> list[str]:
    """The API-reference sources that cite no operation (their title names no reference)."""
    return sorted(
        {s.key for r in catalogue.requirements for s in r.sources if s.kind == "api-ref"}
        - {s.key for r in catalogue.requirements for s in r.sources if _services(s.title)}
    )


# ---------------------------------------------------------------- fingerprints of a model


def text_fingerprint(documentation: str) -> str:
    """The hash of a documentation string's letters and digits, its HTML tags left out."""
    if not documentation:
        return ""
    return fingerprint(html.unescape(re.sub(r"<[^>]*>", " ", documentation)))


def take(catalogue: Catalogue, models: Models) -> Fingerprints:
    """The fingerprints of every cited operation in ``models`` (``accepted`` left empty)."""
    operations = []
    for service, name in cited(catalogue, models):
        model = models.load(service)
        assert model is not None  # cited() found the operation in it
        operations.append(_operation(model, service, name))
    return Fingerprints(models.botocore, "", tuple(operations))


def _operation(model: Mapping[str, Any], service: str, name: str) -> Operation:
    shapes = model["shapes"]
    operation = model["operations"][name]
    errors = {}
    for ref in operation.get("errors", []):
        shape = shapes[ref["shape"]]
        text = " ".join(filter(None, (ref.get("documentation"), shape.get("documentation"))))
        code = shape.get("error", {}).get("code", ref["shape"])
        errors[ref["shape"]] = Error(code, text_fingerprint(text))
    return Operation(
        service,
        name,
        text_fingerprint(operation.get("documentation", "")),
        dict(_members(shapes, operation.get("input", {}).get("shape"))),
        dict(_members(shapes, operation.get("output", {}).get("shape"))),
        errors,
    )


def _members(
    shapes: Mapping[str, Any],
    name: str | None,
    prefix: str = "",
    seen: frozenset[str] = frozenset(),
) -> Iterator[tuple[str, Member]]:
    """Every member of structure ``name`` by path, depth first; a shape within itself stops."""
    if name is None or name in seen:
        return
    shape = shapes[name]
    required = set(shape.get("required", []))
    for member, ref in shape.get("members", {}).items():
        path = prefix + member
        yield (
            path,
            Member(
                _type(shapes, ref["shape"]),
                member in required,
                text_fingerprint(ref.get("documentation", "")),
            ),
        )
        inner, suffix = ref["shape"], ""
        while shapes[inner]["type"] in ("list", "map"):
            key = "member" if shapes[inner]["type"] == "list" else "value"
            inner, suffix = (
                shapes[inner][key]["shape"],
                suffix + ("[]" if key == "member" else "{}"),
            )
        if shapes[inner]["type"] == "structure":
            yield from _members(shapes, inner, f"{path}{suffix}.", seen | {name})


def _type(shapes: Mapping[str, Any], name: str) -> str:
    shape = shapes[name]
    if shape["type"] == "list":
        return f"list of {_type(shapes, shape['member']['shape'])}"
    if shape["type"] == "map":
        return f"map of {_type(shapes, shape['value']['shape'])}"
    return str(shape["type"])


# ---------------------------------------------------------------- the comparison


def compare(recorded: Fingerprints, found: Fingerprints, catalogue: Catalogue) -> list[Finding]:
    """Everything that moved, operation by operation in the order of the recorded file."""
    before = {o.key: o for o in recorded.operations}
    after = {o.key: o for o in found.operations}
    findings: list[Finding] = []
    for key in [*before, *(k for k in after if k not in before)]:
        old, new = before.get(key), after.get(key)
        service, name = key.split(" ", 1)
        requirements = citing(catalogue, service, name)

        def note(part: str, item: str, change: str, detail: str = "") -> None:
            findings.append(Finding(key, part, item, change, detail, requirements))  # noqa: B023

        if old is None or new is None:
            if old is None:
                note("operation", "", NEW, "cited, and not yet reviewed")
            else:
                note("operation", "", GONE, "no longer cited, or not in this botocore")
            continue
        if old.documentation != new.documentation:
            note("operation", "", CHANGED, "documentation changed")
        for part in ("input", "output"):
            olds, news = getattr(old, part), getattr(new, part)
            for path in [*olds, *(p for p in news if p not in olds)]:
                if path not in olds:
                    note(part, path, ADDED, news[path].type)
                elif path not in news:
                    note(part, path, REMOVED)
                elif olds[path] != news[path]:
                    note(part, path, CHANGED, _member_detail(olds[path], news[path]))
        for error in [*old.errors, *(e for e in new.errors if e not in old.errors)]:
            if error not in old.errors:
                note("error", error, ADDED, new.errors[error].code)
            elif error not in new.errors:
                note("error", error, REMOVED)
            elif old.errors[error] != new.errors[error]:
                before_error, after_error = old.errors[error], new.errors[error]
                detail = (
                    f"code {before_error.code} -> {after_error.code}"
                    if before_error.code != after_error.code
                    else "documentation changed"
                )
                note("error", error, CHANGED, detail)
    return findings


def _member_detail(old: Member, new: Member) -> str:
    parts = []
    if old.type != new.type:
        parts.append(f"type {old.type} -> {new.type}")
    if old.required != new.required:
        parts.append("now required" if new.required else "no longer required")
    if old.documentation != new.documentation:
        parts.append("documentation changed")
    return ", ".join(parts)


def changed_operations(findings: list[Finding]) -> list[str]:
    """The operations named by ``findings``, once each, in order."""
    return list(dict.fromkeys(f.operation for f in findings))


# ---------------------------------------------------------------- the fingerprints file


def load_fingerprints(path: Path) -> Fingerprints | None:
    """The recorded fingerprints, or ``None`` when none have been recorded at ``path``."""
    document = stored.fingerprints_document(path, SCHEME)
    if document is None:
        return None
    try:
        operations = tuple(
            Operation(
                entry["service"],
                entry["name"],
                entry["documentation"],
                {p: Member(**m) for p, m in entry.get("input", {}).items()},
                {p: Member(**m) for p, m in entry.get("output", {}).items()},
                {e: Error(**v) for e, v in entry.get("errors", {}).items()},
            )
            for entry in document.get("operation", [])
        )
        return Fingerprints(document["botocore"], document["accepted"], operations)
    except (KeyError, TypeError) as exc:
        raise stored.unreadable(path, exc) from None


_HEADER = """\
# Fingerprints of the API reference the specification cites, as botocore's service models
# carry it: for every operation a requirement's API-reference source names, the hash of its
# documentation, its input and output members (type, required, hash of the documentation) and
# its errors (code, hash of the documentation). Hashes only, never AWS text; see
# conformance/drift/api.py. `slr-conformance drift --api` compares the installed botocore
# with them; `slr-conformance drift --api --accept` rewrites this file once the requirements
# that cite a change are reviewed. Outside the catalogue digest on purpose.
"""


def write_fingerprints(path: Path, fingerprints: Fingerprints, header: str = _HEADER) -> None:
    lines = [
        header,
        f"scheme = {SCHEME}",
        f"botocore = {json.dumps(fingerprints.botocore)}",
        f"accepted = {json.dumps(fingerprints.accepted)}",
    ]
    for operation in fingerprints.operations:
        lines += [
            "",
            "[[operation]]",
            f"service = {json.dumps(operation.service)}",
            f"name = {json.dumps(operation.name)}",
            f"documentation = {json.dumps(operation.documentation)}",
        ]
        for part in ("input", "output"):
            members: dict[str, Member] = getattr(operation, part)
            if members:
                lines += ["", f"[operation.{part}]"]
                lines += [
                    f"{json.dumps(p)} = {{ type = {json.dumps(m.type)}, required = "
                    f"{str(m.required).lower()}, documentation = {json.dumps(m.documentation)} }}"
                    for p, m in members.items()
                ]
        if operation.errors:
            lines += ["", "[operation.errors]"]
            lines += [
                f"{json.dumps(e)} = {{ code = {json.dumps(v.code)}, documentation = "
                f"{json.dumps(v.documentation)} }}"
                for e, v in operation.errors.items()
            ]
    write_text(path, "\n".join(lines) + "\n", "fingerprints file")


# ---------------------------------------------------------------- fingerprints of a wheel

_WHEEL_HEADER = """\
# Fingerprints of the API reference the specification cites, taken from the models inside
# {wheel} (never installed) by `make api-drift-demo`:
#   pip download --no-deps --only-binary=:all: botocore=={version}
#   python -m conformance.drift.api {wheel} --write THIS-FILE
# Test data: tests/test_drift_api.py compares the installed botocore with it.
"""


def main(argv: list[str] | None = None) -> int:
    """Write the fingerprints of a botocore wheel's models (``make api-drift-demo``)."""
    import argparse

    from conformance.catalogue import load_catalogue

    parser = argparse.ArgumentParser(
        prog="python -m conformance.drift.api", description=main.__doc__
    )
    parser.add_argument("wheel", type=Path, help="a botocore wheel, as pip download saves it")
    parser.add_argument("--write", type=Path, required=True, help="the fingerprints file to write")
    args = parser.parse_args(argv)
    try:
        models = wheel_models(args.wheel)
        taken = take(load_catalogue(), models)
        header = _WHEEL_HEADER.format(wheel=args.wheel.name, version=models.botocore)
        write_fingerprints(args.write, Fingerprints(taken.botocore, "", taken.operations), header)
    except ConfigurationError as exc:
        parser.exit(2, f"{parser.prog}: {exc}\n")
    sys.stdout.write(
        f"Wrote the fingerprints of {len(taken.operations)} operations from botocore "
        f"{taken.botocore} to {args.write}.\n"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""The requirements catalogue and the statement inventory of a specification, from its data.

Each specification (``conformance.specs``) has its own ``requirements.toml``, the single source
of truth for its requirement IDs, and ``statements.toml``; feature files refer to the IDs by
tag, and every report carries the catalogue's hash so results from different versions of the
specification are never mixed. ``load_catalogue()`` with no name reads the default
specification's (Incident Manager's).
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

from conformance import specs

#: How a feature file tags a rule or scenario with the requirement it shows: ``SLR-`` for
#: Incident Manager's requirements, ``IAM-`` for those of the service-linked-roles
#: specification, so that IDs never collide across specifications.
REQUIREMENT_TAG = re.compile(r"^(?:SLR|IAM)-[A-Z]{3}-\d{2}$")
LEVELS = ("MUST", "SHOULD", "MAY")
SOURCE_KINDS = ("page", "api-ref", "guide", "observed")
VALIDATION_STATUSES = ("documented-only", "aws-validated")


@dataclass(frozen=True)
class Source:
    key: str
    kind: str
    title: str
    url: str
    date: str | None = None


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    heading: str


@dataclass(frozen=True)
class Statement:
    id: str
    section: str
    text: str
    api_note: str | None = None
    #: Why no requirement checks this statement; ``None`` for every statement that is checked.
    untestable: str | None = None


@dataclass(frozen=True)
class Requirement:
    id: str
    section: str
    title: str
    statements: tuple[str, ...]
    level: str
    text: str
    sources: tuple[Source, ...]
    validation: str = "documented-only"
    validated_on: str | None = None
    #: The requirements of other specifications that check this general rule on one service's
    #: role (the service-linked-roles rules name Incident Manager's).
    instances: tuple[str, ...] = ()


@dataclass(frozen=True)
class Catalogue:
    spec_version: str
    digest: str
    sections: tuple[Section, ...]
    statements: tuple[Statement, ...]
    requirements: tuple[Requirement, ...]
    #: The name of the specification it belongs to (``conformance.specs``).
    spec: str = specs.DEFAULT

    def requirement(self, requirement_id: str) -> Requirement:
        for requirement in self.requirements:
            if requirement.id == requirement_id:
                return requirement
        raise KeyError(requirement_id)

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(r.id for r in self.requirements)

    def covering(self, statement_id: str) -> tuple[Requirement, ...]:
        return tuple(r for r in self.requirements if statement_id in r.statements)


class CatalogueError(ValueError):
    """The packaged catalogue contradicts itself."""


def _read(spec: specs.Spec, name: str) -> tuple[bytes, dict[str, Any]]:
    raw = (spec.data / name).read_bytes()
    return raw, tomllib.loads(raw.decode("utf-8"))


def load_catalogue(spec: str = specs.DEFAULT) -> Catalogue:
    """Read and cross-check the catalogue of the specification named ``spec``.

    Cached per name (with or without it given): a catalogue never changes within a process.
    """
    return _load(spec)


@cache
def _load(spec: str) -> Catalogue:
    definition = specs.get(spec)
    raw_statements, statements_doc = _read(definition, "statements.toml")
    raw_requirements, requirements_doc = _read(definition, "requirements.toml")
    sections = tuple(
        Section(key, value["title"], value["heading"])
        for key, value in statements_doc["sections"].items()
    )
    section_keys = {s.key for s in sections}
    statements = tuple(
        Statement(s["id"], s["section"], s["text"], s.get("api_note"), s.get("untestable"))
        for s in statements_doc["statement"]
    )
    statement_ids = {s.id for s in statements}
    sources = {
        key: Source(key, v["kind"], v["title"], v["url"], v.get("date"))
        for key, v in requirements_doc["sources"].items()
    }
    requirements = []
    for entry in requirements_doc["requirement"]:
        requirement = Requirement(
            id=entry["id"],
            section=entry["section"],
            title=entry["title"],
            statements=tuple(entry["statements"]),
            level=entry["level"],
            text=entry["text"],
            sources=tuple(sources[key] for key in entry["sources"]),
            validation=entry.get("validation", "documented-only"),
            validated_on=entry.get("validated_on"),
            instances=tuple(entry.get("instances", ())),
        )
        _check(requirement, section_keys, statement_ids)
        requirements.append(requirement)
    ids = [r.id for r in requirements]
    if len(ids) != len(set(ids)):
        raise CatalogueError("The catalogue lists a requirement ID twice.")
    for source in sources.values():
        if source.kind not in SOURCE_KINDS:
            raise CatalogueError(f"Source {source.key} has an unknown kind {source.kind!r}.")
    _check_coverage(statements, requirements)
    digest = hashlib.sha256(raw_statements + b"\0" + raw_requirements).hexdigest()
    return Catalogue(
        spec_version=requirements_doc["spec_version"],
        digest=digest,
        sections=sections,
        statements=statements,
        requirements=tuple(requirements),
        spec=definition.name,
    )


def general_rules(requirement_id: str) -> tuple[str, ...]:
    """The general rules, in any specification, that ``requirement_id`` is an instance of.

    The link is written once, on the general rule (``instances``); this reads it back, so the
    Incident Manager catalogue can name the rule each of its requirements instantiates.
    """
    return tuple(
        rule.id
        for name in specs.names()
        for rule in load_catalogue(name).requirements
        if requirement_id in rule.instances
    )


def _check_coverage(statements: tuple[Statement, ...], requirements: list[Requirement]) -> None:
    """Every statement is checked by a requirement or says why not; never both, never neither."""
    covered = {sid for r in requirements for sid in r.statements}
    for statement in statements:
        if statement.id in covered and statement.untestable:
            raise CatalogueError(
                f"{statement.id} is covered by a requirement yet marked untestable."
            )
        if statement.id not in covered and not statement.untestable:
            raise CatalogueError(
                f"{statement.id} is covered by no requirement and gives no reason."
            )


def _check(requirement: Requirement, sections: set[str], statements: set[str]) -> None:
    if requirement.section not in sections:
        raise CatalogueError(f"{requirement.id} names an unknown section {requirement.section!r}.")
    if requirement.level not in LEVELS:
        raise CatalogueError(f"{requirement.id} has an unknown level {requirement.level!r}.")
    if requirement.validation not in VALIDATION_STATUSES:
        raise CatalogueError(f"{requirement.id} has an unknown validation status.")
    if requirement.validation == "aws-validated" and not requirement.validated_on:
        raise CatalogueError(f"{requirement.id} is aws-validated but gives no date.")
    unknown = set(requirement.statements) - statements
    if unknown:
        raise CatalogueError(f"{requirement.id} covers unknown statements {sorted(unknown)}.")
    if not requirement.sources:
        raise CatalogueError(f"{requirement.id} names no evidence.")


def spec_of(requirement_id: str) -> str:
    """The specification whose catalogue holds ``requirement_id`` (the default when none does,
    so that the default's own checks name an unknown ID)."""
    for name in specs.names():
        if requirement_id in load_catalogue(name).ids:
            return name
    return specs.DEFAULT


def requirement_tags(tags: Iterable[str]) -> list[str]:
    """The requirement IDs among a scenario's tags."""
    return [t for t in tags if REQUIREMENT_TAG.match(t)]

"""Checks that keep the feature files and the catalogue in step.

Every scenario carries exactly one known requirement tag (inherited from its Rule), and every
requirement has at least one scenario: a run refuses to start otherwise.

The Regions table of the regions feature should equal the Regions botocore publishes for
ssm-incidents. A difference is drift to report, not a reason to stop: a user whose botocore is
newer (or older) than ours must still be able to certify, so ``region_drift`` names the
difference and ``run`` prints it as a warning.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import boto3
import botocore
from behave.parser import ParserError, parse_file

from conformance.catalogue import Catalogue, load_catalogue, requirement_tags
from conformance.errors import ConfigurationError

REGIONS_FEATURE = "regions.feature"
#: The tag prefix of an example that rests on one of its requirement's sources instead of the
#: page: `@evidence.<source key>`.
EVIDENCE_TAG = "evidence."


@dataclass(frozen=True)
class ScenarioRef:
    feature: str
    name: str
    location: str
    requirement: str | None
    tags: frozenset[str]


def feature_files(features_dir: Path) -> list[Path]:
    return sorted(features_dir.rglob("*.feature"))


def parse_features(features_dir: Path) -> list[Any]:
    """Parse every feature file with behave's own parser; a bad file is a configuration error."""
    parsed = []
    for path in feature_files(features_dir):
        try:
            feature = parse_file(str(path))
        except UnicodeDecodeError:
            raise ConfigurationError(f"The feature file {path} is not UTF-8 text.") from None
        except ParserError as exc:
            line = getattr(exc, "line", None)
            where = f" at line {line}" if line else ""
            first = str(exc).splitlines()[0].split(" at line ")[0]
            raise ConfigurationError(
                f"The feature file {path}{where} does not parse: {first}."
            ) from None
        if feature is not None:
            parsed.append(feature)
    return parsed


def scenarios(features: list[Any]) -> Iterator[ScenarioRef]:
    for feature in features:
        for scenario in feature.walk_scenarios():
            tags = frozenset(str(t) for t in scenario.effective_tags)
            found = requirement_tags(tags)
            yield ScenarioRef(
                feature=feature.name,
                name=scenario.name,
                location=f"{scenario.location.filename}:{scenario.location.line}",
                requirement=found[0] if len(found) == 1 else ("|".join(found) or None),
                tags=tags,
            )


def published_regions(service: str = "ssm-incidents") -> list[str]:
    """The Regions botocore publishes ``service`` in (Incident Manager's by default)."""
    return sorted(boto3.session.Session().get_available_regions(service))


def _regions_table(features: list[Any]) -> list[str] | None:
    for feature in features:
        if Path(feature.filename).name != REGIONS_FEATURE:
            continue
        for rule in feature.rules or []:
            for outline in rule.scenarios:
                for examples in getattr(outline, "examples", []) or []:
                    return sorted(row["region"] for row in examples.table.rows)
    return None


def check(
    features_dir: Path, catalogue: Catalogue | None = None, features: list[Any] | None = None
) -> list[str]:
    """Every problem found, each one sentence; an empty list means all is in step.

    ``features`` may pass the already parsed feature files of ``features_dir``.
    """
    catalogue = catalogue or load_catalogue()
    features = features if features is not None else parse_features(features_dir)
    problems: list[str] = []
    known = set(catalogue.ids)
    covered: set[str] = set()
    for ref in scenarios(features):
        if ref.requirement is None:
            problems.append(f"The scenario '{ref.name}' ({ref.location}) has no requirement tag.")
        elif "|" in ref.requirement:
            problems.append(
                f"The scenario '{ref.name}' ({ref.location}) has several requirement tags."
            )
        elif ref.requirement not in known:
            problems.append(
                f"The scenario '{ref.name}' ({ref.location}) names the unknown requirement {ref.requirement}."
            )
        else:
            covered.add(ref.requirement)
            problems.extend(_evidence_problems(ref, catalogue))
    for requirement_id in catalogue.ids:
        if requirement_id not in covered:
            problems.append(f"The requirement {requirement_id} has no scenario.")
    return problems


def evidence_keys(tags: Iterable[str]) -> list[str]:
    """The sources an example rests on instead of the page: its ``@evidence.<source>`` tags."""
    return sorted(t.removeprefix(EVIDENCE_TAG) for t in tags if t.startswith(EVIDENCE_TAG))


def _evidence_problems(ref: ScenarioRef, catalogue: Catalogue) -> list[str]:
    """An ``@evidence`` tag must name one of the scenario's requirement's own sources."""
    own = {s.key for s in catalogue.requirement(str(ref.requirement)).sources}
    return [
        f"The scenario '{ref.name}' ({ref.location}) rests on the source '{key}', which "
        f"{ref.requirement} does not list."
        for key in evidence_keys(ref.tags)
        if key not in own
    ]


def region_drift(features: list[Any]) -> str | None:
    """How the Regions table of regions.feature differs from botocore's Regions, or ``None``.

    One sentence naming the Regions on either side only, and the botocore that publishes them.
    """
    table = _regions_table(features)
    if table is None:
        return None
    published = published_regions()
    missing = [r for r in published if r not in table]
    extra = [r for r in table if r not in published]
    if not missing and not extra:
        return None
    parts = []
    if missing:
        parts.append(f"botocore publishes {', '.join(missing)}, which the table lacks")
    if extra:
        parts.append(f"the table lists {', '.join(extra)}, which botocore does not publish")
    return (
        "The Regions table of regions.feature differs from the Regions of botocore "
        f"{botocore.__version__}: {'; '.join(parts)}."
    )

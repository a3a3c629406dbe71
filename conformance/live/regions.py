"""Which Regions a run may touch: the home Region and every Region its scenarios name.

Scenarios name Regions in their steps (``a replication set is created in "us-west-2"``),
often through an Examples table (``features/regions.feature``). behave expands outlines, so
reading every step of every selected scenario finds them all; a Region is any Region where
Incident Manager is published, so a Region the page's examples do not name is never looked at,
and one they name is never missed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from behave.tag_expression import make_tag_expression

from conformance.speccheck import published_regions


def regions_named(features: Iterable[Any], expression: str | None) -> frozenset[str]:
    """The published Regions named in the steps of the scenarios ``expression`` selects."""
    matcher = make_tag_expression(expression) if expression else None
    known = published_regions()
    found: set[str] = set()
    for feature in features:
        for scenario in feature.walk_scenarios():
            tags = [str(t) for t in scenario.effective_tags]
            if matcher is not None and not matcher.check(tags):
                continue
            for step in scenario.all_steps:
                text = " ".join([step.name, step.text or ""])
                found.update(region for region in known if _names(text, region))
    return frozenset(found)


def _names(text: str, region: str) -> bool:
    """Whether ``text`` names ``region`` as a whole word (``us-east-1``, not ``us-east-10``)."""
    return re.search(rf"(?<![a-z0-9-]){re.escape(region)}(?![a-z0-9-])", text) is not None

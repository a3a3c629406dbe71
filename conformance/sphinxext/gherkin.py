"""Feature files, read through behave's own parser and frozen into plain data.

The site must show exactly what behave runs, so the files are parsed by
``behave.parser.parse_file`` and never by hand-written patterns. behave's model objects are
mutable and hold back-references; this module copies what the documentation needs into small
frozen dataclasses that can be cached on the build environment and compared between builds.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from behave.parser import parse_file

from conformance.catalogue import REQUIREMENT_TAG

#: How a requirement ID looks as a tag (behave strips the leading ``@``).


@dataclass(frozen=True)
class Table:
    headings: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Step:
    keyword: str
    name: str
    text: str | None = None
    table: Table | None = None


@dataclass(frozen=True)
class Examples:
    keyword: str
    name: str
    tags: tuple[str, ...]
    table: Table | None


@dataclass(frozen=True)
class Scenario:
    """One example; ``run_names`` and ``run_lines`` are how behave reports its runs."""

    keyword: str
    name: str
    line: int
    tags: tuple[str, ...]
    description: tuple[str, ...]
    steps: tuple[Step, ...]
    examples: tuple[Examples, ...]
    requirement_ids: tuple[str, ...]
    run_names: tuple[str, ...]
    run_lines: tuple[int, ...]

    @property
    def is_outline(self) -> bool:
        return bool(self.examples)


@dataclass(frozen=True)
class Rule:
    keyword: str
    name: str
    line: int
    tags: tuple[str, ...]
    description: tuple[str, ...]
    background: tuple[Step, ...]
    scenarios: tuple[Scenario, ...]

    @property
    def requirement_ids(self) -> tuple[str, ...]:
        return tuple(t for t in self.tags if REQUIREMENT_TAG.match(t))


@dataclass(frozen=True)
class Feature:
    path: str
    stem: str
    keyword: str
    name: str
    tags: tuple[str, ...]
    description: tuple[str, ...]
    background: tuple[Step, ...]
    rules: tuple[Rule, ...]
    scenarios: tuple[Scenario, ...]

    def all_scenarios(self) -> tuple[Scenario, ...]:
        """Scenarios outside rules first, then each rule's, in file order."""
        return self.scenarios + tuple(s for r in self.rules for s in r.scenarios)

    def requirement_ids(self) -> tuple[str, ...]:
        seen: dict[str, None] = {}
        for scenario in self.all_scenarios():
            seen.update(dict.fromkeys(scenario.requirement_ids))
        for rule in self.rules:
            seen.update(dict.fromkeys(rule.requirement_ids))
        return tuple(seen)

    def tag_lines(self) -> tuple[tuple[str, int], ...]:
        """Every requirement tag with the line of the rule or scenario carrying it."""
        found: list[tuple[str, int]] = []
        for rule in self.rules:
            found.extend((tag, rule.line) for tag in rule.requirement_ids)
        for scenario in self.all_scenarios():
            own = (t for t in scenario.tags if REQUIREMENT_TAG.match(t))
            found.extend((tag, scenario.line) for tag in own)
        return tuple(found)


def read_feature(path: Path) -> Feature:
    """Parse one feature file with behave and freeze what the documentation shows."""
    parsed: Any = parse_file(str(path))
    if parsed is None:  # behave answers None for a file with no Feature
        return Feature(str(path), path.stem, "Feature", path.stem, (), (), (), (), ())
    rules = tuple(_rule(rule) for rule in getattr(parsed, "rules", ()))
    return Feature(
        path=str(path),
        stem=path.stem,
        keyword=str(parsed.keyword),
        name=str(parsed.name),
        tags=_tags(parsed.tags),
        description=tuple(str(line) for line in parsed.description or ()),
        background=_background(parsed.background),
        rules=rules,
        scenarios=tuple(_scenario(s, ()) for s in parsed.scenarios),
    )


def _tags(tags: Any) -> tuple[str, ...]:
    return tuple(str(tag) for tag in tags or ())


def _table(table: Any) -> Table | None:
    if table is None:
        return None
    return Table(
        tuple(str(h) for h in table.headings),
        tuple(tuple(str(c) for c in row.cells) for row in table.rows),
    )


def _steps(steps: Any) -> tuple[Step, ...]:
    return tuple(
        Step(str(s.keyword), str(s.name), None if s.text is None else str(s.text), _table(s.table))
        for s in steps or ()
    )


def _background(background: Any) -> tuple[Step, ...]:
    return () if background is None else _steps(background.steps)


def _rule(rule: Any) -> Rule:
    tags = _tags(rule.tags)
    inherited = tuple(t for t in tags if REQUIREMENT_TAG.match(t))
    return Rule(
        keyword=str(rule.keyword),
        name=str(rule.name),
        line=int(rule.line),
        tags=tags,
        description=tuple(str(line) for line in rule.description or ()),
        background=_background(rule.background),
        scenarios=tuple(_scenario(s, inherited) for s in rule.scenarios),
    )


def _scenario(scenario: Any, inherited: tuple[str, ...]) -> Scenario:
    tags = _tags(scenario.tags)
    own = tuple(t for t in tags if REQUIREMENT_TAG.match(t))
    requirement_ids = tuple(dict.fromkeys(inherited + own))
    examples = tuple(
        Examples(str(e.keyword), str(e.name), _tags(e.tags), _table(e.table))
        for e in getattr(scenario, "examples", None) or ()
    )
    if examples:
        expanded = list(scenario.scenarios)
        run_names = tuple(str(s.name) for s in expanded)
        run_lines = tuple(int(s.line) for s in expanded)
    else:
        run_names, run_lines = (str(scenario.name),), (int(scenario.line),)
    return Scenario(
        keyword=str(scenario.keyword),
        name=str(scenario.name),
        line=int(scenario.line),
        tags=tags,
        description=tuple(str(line) for line in scenario.description or ()),
        steps=_steps(scenario.steps),
        examples=examples,
        requirement_ids=requirement_ids,
        run_names=run_names,
        run_lines=run_lines,
    )


def format_steps(steps: tuple[Step, ...], indent: str = "  ") -> list[str]:
    """Steps as Gherkin text, with their doc strings and data tables."""
    lines: list[str] = []
    for step in steps:
        lines.append(f"{indent}{step.keyword} {step.name}")
        if step.text is not None:
            lines.append(f'{indent}  """')
            lines.extend(f"{indent}  {line}" if line else "" for line in step.text.splitlines())
            lines.append(f'{indent}  """')
        if step.table is not None:
            lines.extend(format_table(step.table, indent + "  "))
    return lines


def format_table(table: Table, indent: str) -> list[str]:
    """A Gherkin data table with aligned columns."""
    rows = [table.headings, *table.rows]
    widths = [max(len(row[i]) for row in rows) for i in range(len(table.headings))]
    return [
        indent + "| " + " | ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) + " |"
        for row in rows
    ]


def format_scenario(scenario: Scenario) -> str:
    """The scenario (without its Examples, which the page shows as tables) as Gherkin text."""
    lines = [" ".join("@" + t for t in scenario.tags)] if scenario.tags else []
    lines.append(f"{scenario.keyword}: {scenario.name}")
    lines.extend("  " + line for line in scenario.description)
    lines.extend(format_steps(scenario.steps))
    return "\n".join(lines)


def format_background(steps: tuple[Step, ...]) -> str:
    return "\n".join(["Background:", *format_steps(steps)])

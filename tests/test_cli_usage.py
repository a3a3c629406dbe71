"""The command line as a user meets it: help on every command and option, errors in the
user's own words with near misses offered, an empty selection refused, and ``make help``
naming every target the README tells people to run."""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from test_cli_errors import assert_one_sentence

from conformance import cli
from conformance.cli import main

ROOT = Path(__file__).resolve().parents[1]


def _parsers(
    parser: argparse.ArgumentParser,
) -> Iterator[argparse.ArgumentParser]:
    yield parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for child in action.choices.values():
                yield from _parsers(child)


def test_every_command_and_option_has_a_help_line() -> None:
    missing = []
    for parser in _parsers(cli._parser()):
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):  # each command has its own
                missing += [
                    f"{parser.prog} {c.dest}" for c in action._choices_actions if not c.help
                ]
            elif not action.help:
                missing.append(f"{parser.prog} {'/'.join(action.option_strings) or action.dest}")
    assert missing == []


def test_every_command_says_what_it_does_and_help_has_no_markup() -> None:
    for parser in _parsers(cli._parser()):
        text = parser.format_help()
        assert parser.description, parser.prog
        assert "`" not in text and "%(" not in text and "**" not in text, parser.prog


@pytest.mark.parametrize("command", ["show", "verify", "combine"])
def test_report_commands_say_what_they_take(cli, command: str) -> None:
    result = cli("report", command, "--help")
    assert result.returncode == 0
    assert "results.json" in result.stdout
    assert (
        "positional arguments" in result.stdout and "FILE" in result.stdout
    ) or "DIR" in result.stdout


def test_help_shows_the_defaults(cli) -> None:
    run = cli("run", "--help").stdout
    assert "(default: build/results)" in " ".join(run.split())
    assert "(default: us-east-1)" in run
    combine = " ".join(cli("report", "combine", "--help").stdout.split())
    assert "(default: build/matrix)" in combine


@pytest.mark.parametrize(
    ("argv", "fragments"),
    [
        (["rn"], ["'rn' is not a command", "did you mean 'run'"]),
        (["report", "shw", "x"], ["'shw' is not a command of 'slr-conformance report'", "'show'"]),
        (["run", "--outptu", "x"], ["'slr-conformance run' has no option --outptu", "'--output'"]),
        (["run", "--format", "jsn"], ["'jsn' is not a value --format takes", "'json'"]),
        (["run", "--requirement", "SLR-PRM-1"], ["SLR-PRM-1", "did you mean 'SLR-PRM-10'"]),
        (["run", "--backend", "mot"], ["'mot'", "did you mean 'moto'"]),
        (["report", "show"], ["'slr-conformance report show' needs FILE"]),
        (["serve", "--port", "abc"], ["--port takes a whole number, not 'abc'"]),
        (["run", "--re", "x"], ["--re is ambiguous"]),
    ],
)
def test_errors_name_the_users_words(
    cli, tmp_path: Path, argv: list[str], fragments: list[str]
) -> None:
    result = cli(*argv, "--output", str(tmp_path)) if argv[0] == "run" else cli(*argv)
    assert_one_sentence(result, *fragments)
    assert "Argument command" not in result.stderr and "argument" not in result.stderr.lower()


@pytest.mark.parametrize(
    "selection",
    [
        ["--tags", "@nonexistent"],
        ["--requirement", "SLR-PRM-01", "--tags", "@changes.replication_set"],
    ],
)
def test_a_selection_of_nothing_is_a_usage_error(cli, tmp_path: Path, selection: list[str]) -> None:
    out = tmp_path / "out"
    result = cli("run", *selection, "--output", str(out))
    assert_one_sentence(result, "selects no scenario")
    assert not (out / "results.json").exists()


def test_verify_refuses_a_certificate_with_no_scenarios(tmp_path: Path, capsys) -> None:
    out = tmp_path / "one"
    assert main(["run", "--requirement", "SLR-PRM-01", "--output", str(out)]) == 0
    document: dict[str, Any] = json.loads((out / "results.json").read_text(encoding="utf-8"))
    document["requirements"] = []
    document["run"]["requirements"] = []
    document["run"]["tags"] = "@nonexistent"
    empty = tmp_path / "results.json"
    empty.write_text(json.dumps(document), encoding="utf-8")
    capsys.readouterr()
    assert main(["report", "verify", str(empty)]) == 1
    assert "lists no scenario" in capsys.readouterr().out


def test_make_help_lists_every_target_the_readme_mentions() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    mentioned = set(re.findall(r"`make ([a-z][a-z-]*)`|^make ([a-z][a-z-]*)", readme, re.M))
    targets = {name for pair in mentioned for name in pair if name}
    shown = subprocess.run(
        ["make", "-s", "--no-print-directory", "help"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    listed = set(re.findall(r"make ([a-z][a-z-]*)", shown))
    assert targets and targets <= listed, targets - listed


def test_plain_behave_reports_how_long_the_run_took() -> None:
    shown = subprocess.run(
        [
            str(Path(sys.executable).parent / "behave"),
            "-D",
            "backend=reference",
            "--format",
            "progress",
            "features/incident-manager/editing.feature",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    took = re.search(r"Took (\d+)min (\d+\.\d+)s", shown)
    assert took is not None, shown
    assert float(took.group(2)) > 0 or int(took.group(1)) > 0


def test_the_failure_table_follows_columns_and_wraps_the_message(cli, tmp_path: Path) -> None:
    argv = ["run", "--backend", "moto", "--requirement", "SLR-OVR-02", "--output", str(tmp_path)]
    result = cli(*argv, env={"COLUMNS": "72", "NO_COLOR": "1"})
    assert result.returncode == 1, result.stderr
    lines = result.stdout.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("Requirement"))
    table = lines[start : next(i for i, line in enumerate(lines) if line.startswith("Results"))]
    assert len(table) > 3 and max(len(line) for line in table) <= 72
    assert "\033[" not in result.stdout

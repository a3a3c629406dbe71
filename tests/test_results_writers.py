"""The certificate's human and CI views: JUnit XML, Markdown summary, SVG badge, console text."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import replace

import pytest
from hypothesis import given, settings
from results_builders import (
    CLOCK_REASON,
    ids,
    make_result,
    run_results,
    with_skipped_examples,
)

from conformance.catalogue import load_catalogue
from conformance.results import badge, console, junit, summary
from conformance.results.model import RunResult, ScenarioResult

SVG = "{http://www.w3.org/2000/svg}"


def _mixed() -> RunResult:
    return make_result(
        {
            "SLR-OVR-02": "fail",
            "SLR-PRM-01": "error",
            "SLR-PRM-03": "skipped",
            "SLR-PRM-04": "fail",
        }
    )


def _partial() -> RunResult:
    """The mixed run, with SLR-OVR-01 passing on 2 of its 5 examples (3 skipped)."""
    return with_skipped_examples(_mixed(), "SLR-OVR-01")


PARTIAL_DETAIL = f"pass (2 of 5 examples; 3 skipped: {CLOCK_REASON})"


# JUnit


def test_junit_parses_and_counts_match() -> None:
    result = _mixed()
    root = ET.fromstring(junit.render(result))
    assert root.tag == "testsuites"
    suites = root.findall("testsuite")
    assert len(suites) == len(result.requirements)
    cases = root.findall("testsuite/testcase")
    assert len(cases) == sum(len(r.scenarios) for r in result.requirements)
    assert int(root.get("tests", "")) == len(cases)
    assert int(root.get("failures", "")) == len(root.findall("testsuite/testcase/failure")) == 2
    assert int(root.get("errors", "")) == len(root.findall("testsuite/testcase/error")) == 1
    assert int(root.get("skipped", "")) == len(root.findall("testsuite/testcase/skipped")) == 2
    for suite in suites:
        assert int(suite.get("tests", "")) == len(suite.findall("testcase"))


def test_junit_failure_carries_the_message_and_step() -> None:
    root = ET.fromstring(junit.render(_mixed()))
    suite = next(s for s in root.findall("testsuite") if s.get("id") == "SLR-OVR-02")
    failure = suite.find("testcase/failure")
    assert failure is not None
    assert failure.get("message") == "SLR-OVR-02 went failed"
    assert "Then the role exists" in (failure.text or "")


def test_junit_gives_a_requirement_without_scenarios_a_case() -> None:
    result = make_result()
    lonely = replace(
        result.requirements[0], verdict="error", reason="no scenario was found", scenarios=()
    )
    result = replace(result, requirements=(lonely, *result.requirements[1:]))
    root = ET.fromstring(junit.render(result))
    error = root.find("testsuite/testcase/error")
    assert error is not None
    assert error.get("message") == "no scenario was found"


def test_junit_survives_control_characters_in_messages() -> None:
    result = make_result()
    scenario = ScenarioResult(
        "ansi", "overview", "features/overview.feature:3", "failed", 0.1, "step", "\x1b[31mred\x00"
    )
    first = replace(result.requirements[0], verdict="fail", scenarios=(scenario,))
    root = ET.fromstring(junit.render(replace(result, requirements=(first,))))
    assert root.find("testsuite/testcase/failure") is not None


def test_junit_marks_a_partly_checked_suite() -> None:
    root = ET.fromstring(junit.render(_partial()))
    suites = {s.get("id"): s for s in root.findall("testsuite")}

    def properties(requirement: str) -> dict[str | None, str | None]:
        found = suites[requirement].findall("properties/property")
        return {p.get("name"): p.get("value") for p in found}

    assert properties("SLR-OVR-01")["verdict"] == "pass"
    assert properties("SLR-OVR-01")["partial"] == "true"
    assert properties("SLR-OVR-01")["verdict_detail"] == PARTIAL_DETAIL
    assert properties("SLR-OVR-03")["partial"] == "false"
    assert properties("SLR-OVR-03")["verdict_detail"] == "pass"
    assert suites["SLR-OVR-01"].get("skipped") == "3"


@settings(max_examples=40, deadline=None)
@given(run_results)
def test_junit_always_parses(result: RunResult) -> None:
    root = ET.fromstring(junit.render(result))
    assert len(root.findall("testsuite")) == len(result.requirements)


# Markdown summary


def test_summary_lists_failures_before_the_table() -> None:
    text = summary.render(_mixed())
    failures = text.index("## Failures")
    table = text.index("## All requirements")
    assert failures < table
    section = text[failures:table]
    for requirement in ("SLR-OVR-02", "SLR-PRM-01", "SLR-PRM-04"):
        assert requirement in section
    assert "SLR-OVR-02 went failed" in section
    assert "SLR-OVR-01" not in section


def test_summary_header_names_backend_spec_and_counts() -> None:
    result = _mixed()
    header = summary.render(result).split("## ")[0]
    assert "moto" in header
    assert result.spec_version in header
    passing = len(result.requirements) - 4
    assert f"{passing} of {len(result.requirements) - 1} requirements pass" in header


def test_summary_table_lists_every_requirement() -> None:
    text = summary.render(_mixed())
    table = text[text.index("## All requirements") :]
    rows = [line for line in table.splitlines() if line.startswith("| SLR-")]
    assert len(rows) == len(ids())


def test_summary_without_failures_has_no_failure_section() -> None:
    assert "## Failures" not in summary.render(make_result())


def test_summary_names_partly_checked_requirements_with_the_reason() -> None:
    result = _partial()
    text = summary.render(result)
    header = text.split("## ")[0]
    passing = len(result.requirements) - 4
    assert (
        f"{passing} of {len(result.requirements) - 1} requirements pass, "
        "1 of them only partly checked (2 fail" in header
    )
    section = text[text.index("## Partly checked") : text.index("## All requirements")]
    assert "- **SLR-OVR-01** " in section
    assert PARTIAL_DETAIL in section
    table = text[text.index("## All requirements") :]
    row = next(line for line in table.splitlines() if line.startswith("| SLR-OVR-01 "))
    assert "| pass (2 of 5 examples) | 2/5 |" in row
    full = next(line for line in table.splitlines() if line.startswith("| SLR-OVR-03 "))
    assert "| pass | 2/2 |" in full


def test_summary_without_partial_checks_has_no_such_section() -> None:
    text = summary.render(_mixed())
    assert "## Partly checked" not in text
    assert "partly" not in text


# Badge


def test_badge_is_svg_with_the_right_count() -> None:
    result = _mixed()
    root = ET.fromstring(badge.render(result))
    assert root.tag == f"{SVG}svg"
    texts = [t.text for t in root.iter(f"{SVG}text")]
    total = len(result.requirements)
    # every requirement counts, and the skipped one is named, so the badge cannot flatter
    assert f"{total - 4}/{total} pass, 1 skipped" in texts
    assert f"IM SLR conformance {load_catalogue().spec_version}" in texts  # the badge names the version it holds for


def test_badge_and_summary_name_the_specification() -> None:
    result = replace(_mixed(), specification="service-linked-roles", spec_version="0.1.0")
    root = ET.fromstring(badge.render(result))
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert "IAM SLR conformance 0.1.0" in texts
    text = summary.render(result)
    assert text.startswith("# IAM service-linked roles conformance: ")
    assert "- **Specification:** service-linked-roles, version 0.1.0" in text
    unknown = replace(result, specification="later-spec")
    assert "later-spec conformance 0.1.0" in badge.render(unknown)


def test_badge_names_partly_checked_passes() -> None:
    result = _partial()
    root = ET.fromstring(badge.render(result))
    texts = [t.text for t in root.iter(f"{SVG}text")]
    total = len(result.requirements)
    assert f"{total - 4}/{total} pass, 1 skipped, 1 partial" in texts
    title = root.find(f"{SVG}title")
    assert title is not None and title.text is not None
    assert title.text.endswith(
        f"{total - 4} of {total} requirements pass on moto, 1 skipped, "
        "1 of them only partly checked"
    )
    assert root.get("aria-label") == title.text


def test_badge_colour_counts_only_fully_checked_passes() -> None:
    full = make_result()
    assert 'fill="#4c1"' in badge.render(full)
    assert badge.value(full) == f"{len(full.requirements)}/{len(full.requirements)} pass"
    partly = with_skipped_examples(full, "SLR-OVR-01")
    assert badge.value(partly).endswith(", 1 partial")
    assert 'fill="#4c1"' not in badge.render(partly)
    assert 'fill="#97ca00"' in badge.render(partly)


def test_badge_colours_by_share() -> None:
    assert badge.colour(31, 31) == "#4c1"
    assert badge.colour(28, 31) == "#97ca00"
    assert badge.colour(1, 31) == "#e05d44"
    assert badge.colour(0, 0) == "#9f9f9f"


def test_badge_with_nothing_counted_says_all_were_skipped_in_grey() -> None:
    result = make_result(dict.fromkeys(ids(), "skipped"))
    total = len(result.requirements)
    assert badge.value(result) == f"0/{total} pass, {total} skipped"
    assert 'fill="#9f9f9f"' in badge.render(result)


@settings(max_examples=30, deadline=None)
@given(run_results)
def test_badge_always_parses(result: RunResult) -> None:
    ET.fromstring(badge.render(result))


# Console


def test_console_table_counts_and_lists_failures() -> None:
    text = console.render_table(_mixed())
    first = text.splitlines()[0]
    assert "1 fail" not in first
    assert "2 fail" in first and "1 error" in first and "1 skipped" in first
    assert "SLR-OVR-02" in text and "SLR-PRM-01" in text
    assert "SLR-OVR-01 " not in text
    assert text.isascii()


def test_console_table_without_failures() -> None:
    text = console.render_table(make_result())
    assert "No requirement failed." in text
    assert "partly" not in text.lower()


def test_console_counts_and_lists_partly_checked_requirements() -> None:
    result = _partial()
    text = console.render_table(result)
    first = text.splitlines()[0]
    passing = len(result.requirements) - 4
    assert f": {passing} pass (1 partly checked), 2 fail, 1 error, 1 skipped" in first
    partial = text[text.index("Partly checked") :]
    row = next(line for line in partial.splitlines() if line.startswith("SLR-OVR-01"))
    assert "pass (2 of 5 examples)" in row
    assert "3 skipped: needs the 'clock' test control" in row
    assert "SLR-OVR-03" not in partial
    assert text.isascii()


def test_console_partial_table_without_failures() -> None:
    text = console.render_table(with_skipped_examples(make_result(), "SLR-PRM-01"))
    assert "No requirement failed." in text
    assert "pass (1 partly checked)" in text.splitlines()[0]
    row = next(line for line in text.splitlines()[2:] if line.startswith("SLR-PRM-01"))
    assert re.match(r"SLR-PRM-01 +pass \(2 of 5 examples\) +\S", row)


def _one_failure(message: str) -> RunResult:
    result = make_result()
    scenario = ScenarioResult("s", "f", "f.feature:1", "failed", 0.0, "step", message)
    first = replace(result.requirements[0], verdict="fail", scenarios=(scenario,))
    return replace(result, requirements=(first,))


@pytest.mark.parametrize("width", [72, 100, 190])
def test_console_table_fits_the_width_and_wraps_the_whole_message(width: int) -> None:
    words = " ".join(f"word{i}" for i in range(80))
    text = console.render_table(_one_failure(words + "\nlast-line"), console.Layout(width))
    lines = text.splitlines()
    assert max(len(line) for line in lines[1:]) <= width
    table = " ".join(line.split("  ")[-1].strip() for line in lines[3:])
    assert "word0" in table and "word79" in table and "last-line" in table  # wrapped, not cut


def test_console_verdicts_coloured_only_when_asked() -> None:
    result = _one_failure("boom")
    assert "\033[" not in console.render_table(result, console.Layout(100))
    coloured = console.render_table(result, console.Layout(100, colour=True))
    assert "\033[31mfail\033[0m" in coloured


class _Stream:
    def __init__(self, tty: bool) -> None:
        self.tty = tty

    def isatty(self) -> bool:
        return self.tty


def test_console_colours_a_terminal_unless_no_color(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    assert console.terminal_layout(_Stream(True), 120) == console.Layout(120, colour=True)
    assert not console.terminal_layout(_Stream(False), 120).colour
    monkeypatch.setenv("NO_COLOR", "1")
    assert not console.terminal_layout(_Stream(True), 120).colour


def test_console_counts_one_requirement_in_the_singular() -> None:
    assert console.render_table(_one_failure("x")).startswith("1 requirement on ")


def test_console_show_names_botocore_once() -> None:
    result = make_result()
    recorded = replace(result, backend=replace(result.backend, extra={"botocore": "1.2.3"}))
    for shown in (result, recorded):
        assert console.render_show(shown).count("botocore:") == 1


def test_console_show_has_everything() -> None:
    result = _mixed()
    text = console.render_show(result)
    assert text.isascii()
    for requirement in result.requirements:
        assert requirement.id in text
    assert "SLR-OVR-02 went failed" in text
    assert result.catalogue_digest[:12] in text


def test_console_show_labels_a_partly_checked_pass_and_its_skipped_examples() -> None:
    text = console.render_show(_partial())
    row = next(line for line in text.splitlines() if line.startswith("SLR-OVR-01 "))
    assert "pass (2 of 5 examples)  2/5" in row
    detail = text[text.index("SLR-OVR-01 pass (2 of 5 examples): ") :]
    assert detail.count("  skipped: ") >= 3
    assert f"    message: {CLOCK_REASON}" in detail
    assert "SLR-OVR-03 pass: " not in text  # a full pass gets no detail section


@settings(max_examples=30, deadline=None)
@given(run_results)
def test_console_output_is_always_ascii(result: RunResult) -> None:
    assert console.render_table(result).isascii()
    assert console.render_show(result).isascii()

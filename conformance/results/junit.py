"""JUnit XML for CI systems, one test suite per requirement and one test case per scenario.

CI systems (GitHub Actions reporters, GitLab, Jenkins) already know how to show JUnit XML, so
a failing requirement shows up where developers look. Suites are per requirement, not per
feature, because the requirement is the unit of the certificate; a requirement with no
scenario still gets one test case, so its error verdict is not lost. Skipped examples are
skipped test cases, and a pass resting on only some examples says so in its suite's
``partial`` and ``verdict_detail`` properties.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from conformance.results import coverage
from conformance.results.model import RequirementVerdict, RunResult, ScenarioResult

# Characters XML 1.0 cannot carry at all (control characters, lone surrogates, U+FFFE/F).
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_ELEMENT_FOR = {"failed": "failure", "error": "error", "skipped": "skipped"}
_OUTCOME_FOR_VERDICT = {"pass": "passed", "fail": "failed", "error": "error", "skipped": "skipped"}


def render(result: RunResult) -> str:
    """The run as a JUnit XML document (UTF-8, with declaration)."""
    root = ET.Element("testsuites", name=_clean(f"IM SLR conformance: {result.backend.name}"))
    totals = dict.fromkeys(("tests", "failures", "errors", "skipped"), 0)
    for requirement in result.requirements:
        suite = _suite(requirement, result)
        root.append(suite)
        for key in totals:
            totals[key] += int(suite.get(key, "0"))
    for key, value in totals.items():
        root.set(key, str(value))
    root.set("time", _seconds(result.run.duration))
    ET.indent(root)
    body = ET.tostring(root, encoding="unicode")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n"


def _suite(requirement: RequirementVerdict, result: RunResult) -> ET.Element:
    suite = ET.Element(
        "testsuite",
        name=_clean(f"{requirement.id}: {requirement.title}"),
        id=_clean(requirement.id),
        timestamp=_clean(result.run.started),
    )
    properties = ET.SubElement(suite, "properties")
    for name, value in (
        ("requirement", requirement.id),
        ("level", requirement.level),
        ("section", requirement.section),
        ("verdict", requirement.verdict),
        ("partial", "true" if requirement.partial else "false"),
        ("verdict_detail", coverage.detail(requirement.verdict, requirement.examples)),
        ("validation", requirement.validation),
        ("specification", result.specification),
        ("spec_version", result.spec_version),
        ("backend", result.backend.name),
    ):
        ET.SubElement(properties, "property", name=name, value=_clean(value))
    cases = [_case(requirement, scenario) for scenario in requirement.scenarios]
    if not cases:
        cases = [_placeholder(requirement)]
    suite.extend(cases)
    suite.set("tests", str(len(cases)))
    for key, element in (("failures", "failure"), ("errors", "error"), ("skipped", "skipped")):
        suite.set(key, str(sum(1 for case in cases if case.find(element) is not None)))
    duration = sum(scenario.duration for scenario in requirement.scenarios)
    suite.set("time", _seconds(duration))
    return suite


def _case(requirement: RequirementVerdict, scenario: ScenarioResult) -> ET.Element:
    case = ET.Element(
        "testcase",
        name=_clean(scenario.name),
        classname=_clean(f"{requirement.id}.{scenario.feature}"),
        time=_seconds(scenario.duration),
    )
    if scenario.location:
        case.set("file", _clean(scenario.location.rpartition(":")[0] or scenario.location))
    element = _ELEMENT_FOR.get(scenario.outcome)
    if element is not None:
        detail = ET.SubElement(case, element, message=_clean(_headline(scenario)))
        if element != "skipped":
            detail.set("type", "ImplementationFailure" if element == "failure" else "SuiteError")
            detail.text = _clean(_details(scenario))
    return case


def _placeholder(requirement: RequirementVerdict) -> ET.Element:
    """A test case standing for a requirement that has no scenario results."""
    case = ET.Element(
        "testcase", name="(no scenario)", classname=_clean(requirement.id), time=_seconds(0)
    )
    element = _ELEMENT_FOR.get(_OUTCOME_FOR_VERDICT[requirement.verdict])
    if element is not None:
        reason = requirement.reason or f"the verdict is {requirement.verdict}"
        detail = ET.SubElement(case, element, message=_clean(reason))
        if element != "skipped":
            detail.text = _clean(reason)
    return case


def _headline(scenario: ScenarioResult) -> str:
    message = (scenario.message or "").strip()
    if message:
        return message.splitlines()[0]
    if scenario.failing_step:
        return f"{scenario.outcome} at step: {scenario.failing_step}"
    return scenario.outcome


def _details(scenario: ScenarioResult) -> str:
    lines = [f"Scenario: {scenario.name}", f"Location: {scenario.location}"]
    if scenario.failing_step:
        lines.append(f"Step: {scenario.failing_step}")
    if scenario.message:
        lines.extend(["", scenario.message])
    return "\n".join(lines)


def _seconds(value: float) -> str:
    return f"{max(value, 0.0):.3f}"


def _clean(text: str) -> str:
    """Drop the characters XML 1.0 cannot represent, so the document always parses."""
    return _NOT_XML.sub("\ufffd", text)

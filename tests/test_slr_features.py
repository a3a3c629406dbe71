"""The service-linked-roles feature files: generated from templates and the recorded services,
committed, and checked to be current."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from behave.parser import parse_file

from conformance.emulator.iam_slr.recordings import recorded_services
from conformance.tools import slr_features
from conformance.tools.slr_features import SAMPLE, TemplateError, expand, generate, stale

TEMPLATE = """Feature: f
  Rule: r
    Scenario Outline: <principal>
      Given the service-linked role of "<principal>" exists
      Then the role's name is "<role_name>"

      # examples: principal, role_name{only}
"""


def _services(*principals: str) -> list:
    rows = recorded_services()
    return [rows[p] for p in principals]


def test_the_committed_feature_files_are_what_the_generator_writes() -> None:
    assert stale() == [], "run `python -m conformance.tools.slr_features` and commit the result"


def test_every_service_gets_its_own_tagged_examples_table_with_its_recorded_values() -> None:
    text = expand(TEMPLATE.format(only=""), _services("batch.amazonaws.com", "ecs.amazonaws.com"))
    assert "      @service.batch.amazonaws.com\n      Examples: batch.amazonaws.com\n" in text
    assert "| batch.amazonaws.com | AWSServiceRoleForBatch |" in text
    assert "| ecs.amazonaws.com | AWSServiceRoleForECS |" in text
    assert "# examples:" not in text


def test_a_filter_keeps_only_the_services_it_names() -> None:
    everyone = list(recorded_services().values())
    accepted = expand(TEMPLATE.format(only="; only: suffix accepted"), everyone)
    assert accepted.count("Examples:") == 3
    sampled = expand(TEMPLATE.format(only="; only: sample"), everyone)
    assert sorted(line.split()[-1] for line in sampled.splitlines() if "Examples:" in line) == (
        sorted(SAMPLE)
    )


def test_behave_reads_the_tables_with_their_service_tags(tmp_path: Path) -> None:
    path = tmp_path / "f.feature"
    path.write_text(expand(TEMPLATE.format(only=""), _services("batch.amazonaws.com")), "utf-8")
    feature = parse_file(str(path))
    [scenario] = list(feature.walk_scenarios())
    assert "service.batch.amazonaws.com" in scenario.effective_tags
    assert scenario.steps[1].name == 'the role\'s name is "AWSServiceRoleForBatch"'


@pytest.mark.parametrize(
    ("directive", "message"),
    [
        ("# examples: principal, colour", "unknown columns"),
        ("# examples: principal; only: x", "filter"),
    ],
)
def test_a_malformed_directive_is_a_template_error(directive: str, message: str) -> None:
    with pytest.raises(TemplateError, match=message):
        expand(f"Feature: f\n  {directive}\n", _services("batch.amazonaws.com"))


def test_a_changed_recording_or_template_makes_the_files_stale(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    templates, features = tmp_path / "templates", tmp_path / "features"
    templates.mkdir()
    (templates / "a.feature").write_text(TEMPLATE.format(only=""), "utf-8")
    monkeypatch.setattr(slr_features, "FEATURES", features)
    monkeypatch.setattr(slr_features, "TEMPLATES", templates)
    assert stale(features, templates) == ["a.feature"]
    slr_features.write(features, templates)
    assert stale(features, templates) == []
    assert slr_features.main(["--check"]) == 0
    rows = dict(recorded_services())
    rows["ecs.amazonaws.com"] = replace(rows["ecs.amazonaws.com"], role_name="Renamed")
    monkeypatch.setattr(slr_features, "recorded_services", lambda: rows)
    assert stale(features, templates) == ["a.feature"]
    assert slr_features.main(["--check"]) == 1
    (features / "extra.feature").write_text("Feature: x\n", "utf-8")
    assert "extra.feature" in stale(features, templates)


def test_every_generated_file_says_it_is_generated() -> None:
    for generated in generate():
        assert generated.text.startswith("# Generated from conformance/specs/service_linked_roles")


def test_a_documented_option_writes_what_each_service_s_page_states_beside_the_recording() -> None:
    template = TEMPLATE.format(only="; documented: role_name")
    lines = expand(template, _services("batch.amazonaws.com", "config.amazonaws.com")).splitlines()
    batch = lines.index("      @service.batch.amazonaws.com")
    config = lines.index("      @service.config.amazonaws.com")
    assert lines[batch - 1].startswith("      # role_name: the service's page (https://")
    assert lines[batch - 1].endswith("agrees with the recording")
    assert lines[config - 1].endswith(
        "gives AwsServiceRoleForConfig, an erratum (case); the recording is checked"
    )
    assert "| config.amazonaws.com | AWSServiceRoleForConfig |" in lines[config + 3]


def test_a_documented_option_naming_no_page_fact_is_refused() -> None:
    with pytest.raises(TemplateError, match="unknown page fact"):
        expand(TEMPLATE.format(only="; documented: description"), _services("batch.amazonaws.com"))


def test_every_erratum_of_a_name_policy_or_principal_is_written_beside_its_service_s_examples() -> (
    None
):
    from conformance.family.command import errata

    overview = (slr_features.FEATURES / "overview.feature").read_text("utf-8")
    found = [e for e in errata("service-linked-roles") if e.kind == "erratum"]
    assert found
    for erratum in found:
        assert f"# {erratum.fact}: the service's page (" in overview
        assert any(
            line.strip().startswith(f"# {erratum.fact}:") and "an erratum" in line
            for line in overview.splitlines()
        ), erratum

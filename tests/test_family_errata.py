"""``slr-conformance errata``: pages against what AWS recorded, decided by the evidence rule.

These read only what the package ships (the reviewed page facts and the recordings), so they
run without the pages.
"""

from __future__ import annotations

import json

import pytest

from conformance.cli import main
from conformance.family import facts as F
from conformance.family.data import PageFacts, recorded_page_facts
from conformance.family.errata import (
    CASE,
    ERRATUM,
    INCIDENT_MANAGER,
    NAMED_AFTER_POLICY,
    NAMED_AFTER_ROLE,
    NOT_ON_ROLE,
    OTHER_NAME,
    QUESTION,
    errata_of,
)
from conformance.family.recorded import all_recorded


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["errata", *argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def entries(capsys: pytest.CaptureFixture[str], spec: str) -> list[dict[str, object]]:
    code, out, _ = run(capsys, "--spec", spec, "--format", "json")
    assert code == 0
    document = json.loads(out)
    assert document["specification"] == spec
    return document["entries"]


def test_recorded_and_page_facts_share_one_schema_with_provenance():
    recorded = all_recorded()["batch.amazonaws.com"][F.ROLE_NAME]
    page = recorded_page_facts()["batch.amazonaws.com"].facts[F.ROLE_NAME]
    assert type(recorded) is type(page) and recorded.values == page.values
    assert recorded.provenance.kind == F.RECORDING and page.provenance.kind == F.PAGE
    assert "test_service_role_lifecycle[batch.amazonaws.com]" in recorded.provenance.cite()


def test_the_family_errata_as_json(capsys):
    found = {(e["principal"], e["fact"]): e for e in entries(capsys, "service-linked-roles")}
    config = found[("config.amazonaws.com", F.ROLE_NAME)]
    assert config["kind"] == ERRATUM and config["difference"] == CASE
    assert config["page_says"] == ["AwsServiceRoleForConfig"]
    assert config["aws_recorded"] == ["AWSServiceRoleForConfig"]
    assert config["page_source"].startswith("https://docs.aws.amazon.com/config/")
    assert "recording wins" in config["decision"]
    grafana = found[("grafana.amazonaws.com", F.ROLE_NAME)]
    assert grafana["difference"] == OTHER_NAME
    assert found[("ops.apigateway.amazonaws.com", F.POLICIES)]["difference"] == NAMED_AFTER_ROLE
    assert found[("iotmanagedintegrations.amazonaws.com", F.POLICIES)]["difference"] == NOT_ON_ROLE
    question = found[("ec2-instance-connect.amazonaws.com", F.DESCRIPTION)]
    assert question["kind"] == QUESTION and question["aws_recorded"] is None
    assert ("batch.amazonaws.com", F.ROLE_NAME) not in found


def test_incident_manager_has_one_entry_per_disagreement_in_both_specifications(capsys):
    mine = entries(capsys, "incident-manager")
    family = [
        e for e in entries(capsys, "service-linked-roles") if e["principal"] == INCIDENT_MANAGER
    ]
    assert mine == family
    (role,) = mine
    assert role["page_says"] == ["AWSServiceRoleforIncidentManager"]
    assert role["requirement"] == "SLR-PRM-01"
    assert role["specifications"] == ["incident-manager", "service-linked-roles"]


def test_the_text_says_each_disagreement_and_its_decision(capsys):
    code, out, _ = run(capsys, "--spec", "service-linked-roles")
    assert code == 0
    assert out.startswith("The service-linked-roles specification: 9 disagreements")
    assert "AwsServiceRoleForConfig" in out and "decided: the recording wins" in out


def test_the_default_specification_is_incident_managers(capsys):
    code, out, _ = run(capsys)
    assert code == 0 and "ssm-incidents.amazonaws.com" in out and "grafana" not in out


def test_an_unknown_specification_is_one_sentence_and_exit_2(capsys):
    code, out, err = run(capsys, "--spec", "service-linked-role")
    assert code == 2 and not out
    assert err.count("\n") == 1 and "did you mean 'service-linked-roles'" in err


def _page(principal: str, **values: tuple[str, ...]) -> PageFacts:
    facts = {
        name: F.Fact(
            principal, name, values.get(name, ()), F.Provenance(F.PAGE, "u", "permissions")
        )
        for name in F.FACTS
    }
    return PageFacts(principal, "u", facts)


@pytest.mark.parametrize(
    ("fact", "said", "difference"),
    [
        (F.ROLE_NAME, ("AWSServiceRoleforBatch",), CASE),
        (F.ROLE_NAME, ("BatchServiceRolePolicy",), NAMED_AFTER_POLICY),
        (F.ROLE_NAME, ("AWSServiceRoleForBatches",), OTHER_NAME),
        (F.POLICIES, ("AWSServiceRoleForBatch",), NAMED_AFTER_ROLE),
        (F.POLICIES, ("BatchPolicy",), NOT_ON_ROLE),
        (F.ROLE_NAME, ("AWSServiceRoleForBatch", "AWSServiceRoleForOther"), None),
        (F.ROLE_NAME, (), None),
    ],
)
def test_how_a_page_differs_from_the_recording(fact, said, difference):
    page = _page("batch.amazonaws.com", **{fact: said})
    found = list(errata_of(page, all_recorded()["batch.amazonaws.com"]))
    assert [e.difference for e in found] == ([difference] if difference else [])


def test_the_familys_data_is_read_while_its_specification_cannot_run_yet():
    """errata and the pages' drift read only the specification's data folder."""
    from conformance import specs

    spec = specs.defined("service-linked-roles")
    assert (spec.data / "page-facts.toml").is_file() and (spec.data / "services.toml").is_file()

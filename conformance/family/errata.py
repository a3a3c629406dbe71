"""Errata across the family: where a page and what AWS recorded disagree, and pages to ask about.

For the role's name, its trusted principals and its managed policies, a page's facts are set
beside the recording's. The evidence rule decides every disagreement the same way: what AWS
recorded wins, as for the Incident Manager page's role name (``SLR-PRM-01``); the page's
version is listed, never asserted. A page that is silent disagrees with nothing.

A page may also state something that contradicts IAM's own rules, which every
service-linked role follows: IAM lets the description of any service-linked role be edited
(IAM User Guide, "Editing a service-linked role"), so a page saying its role cannot be edited
at all is listed as a *question*, not a verdict.

Incident Manager's page is covered by both specifications; its disagreements are listed once,
naming both.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

from conformance.emulator.iam_slr.recordings import recorded_services
from conformance.family.data import FAMILY_SPEC, PageFacts, recorded_page_facts
from conformance.family.facts import DESCRIPTION, NO, POLICIES, PRINCIPALS, ROLE_NAME, Fact
from conformance.family.recorded import recorded_facts

ERRATUM, QUESTION = "erratum", "question"
INCIDENT_MANAGER_SPEC = "incident-manager"
#: The principal whose page the Incident Manager specification was written from.
INCIDENT_MANAGER = "ssm-incidents.amazonaws.com"
#: Requirements of the Incident Manager specification that already decide a disagreement.
_DECIDED_BY = {(INCIDENT_MANAGER, ROLE_NAME): "SLR-PRM-01"}
IAM_EDITING = (
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/using-service-linked-roles.html"
    "#edit-service-linked-role"
)

# How a page's value differs from the recorded one.
CASE = "case"  # the same letters, another case
NAMED_AFTER_POLICY = "named-after-policy"  # the page's role name is the role's policy's
NAMED_AFTER_ROLE = "named-after-role"  # the page's policy name is the role's name
OTHER_NAME = "not-the-recorded-name"  # the page never gives the name AWS recorded
NOT_ON_ROLE = "not-on-the-role"  # a policy the recorded role does not have
OTHER_PRINCIPAL = "other-principal"
NOT_EDITABLE = "not-editable"


@dataclass(frozen=True)
class Erratum:
    """One disagreement (or one question), with both sides and how it is decided."""

    principal: str
    fact: str
    kind: str
    difference: str
    page: Fact
    recorded: Fact | None
    decision: str
    specifications: tuple[str, ...]
    requirement: str = ""

    @property
    def id(self) -> str:
        return f"{self.principal}/{self.fact}"

    def as_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "principal": self.principal,
            "fact": self.fact,
            "kind": self.kind,
            "difference": self.difference,
            "page_says": list(self.page.values),
            "page_source": self.page.provenance.cite(),
            "page_section": self.page.provenance.part,
            "aws_recorded": list(self.recorded.values) if self.recorded else None,
            "recorded_source": self.recorded.provenance.cite() if self.recorded else IAM_EDITING,
            "decision": self.decision,
            "specifications": list(self.specifications),
            "requirement": self.requirement or None,
        }


def _folded(values: Iterable[str]) -> set[str]:
    return {v.casefold() for v in values}


def _difference(fact: str, page: tuple[str, ...], recorded: Mapping[str, Fact]) -> str | None:
    """How the page's values miss the recorded one, or ``None`` when the page gives it."""
    mine = recorded[fact].values
    if set(mine) <= set(page):
        return None
    if _folded(mine) <= _folded(page):
        return CASE
    if fact == ROLE_NAME and _folded(page) & _folded(recorded[POLICIES].values):
        return NAMED_AFTER_POLICY
    if fact == POLICIES and _folded(page) & _folded(recorded[ROLE_NAME].values):
        return NAMED_AFTER_ROLE
    return {ROLE_NAME: OTHER_NAME, POLICIES: NOT_ON_ROLE, PRINCIPALS: OTHER_PRINCIPAL}[fact]


def _specifications(principal: str) -> tuple[str, ...]:
    return (INCIDENT_MANAGER_SPEC, FAMILY_SPEC) if principal == INCIDENT_MANAGER else (FAMILY_SPEC,)


def errata_of(page: PageFacts, recorded: Mapping[str, Fact]) -> Iterator[Erratum]:
    """The page's disagreements with the recording, then its questions."""
    for fact in (ROLE_NAME, PRINCIPALS, POLICIES):
        said = page.facts[fact]
        if not said.values or fact not in recorded:
            continue
        difference = _difference(fact, said.values, recorded)
        if difference is None:
            continue
        requirement = _DECIDED_BY.get((page.principal, fact), "")
        decision = (
            f"the recording wins: the specification takes {', '.join(recorded[fact].values)}"
            + (f" ({requirement})" if requirement else "")
            + "; the page's version is not asserted"
        )
        yield Erratum(
            page.principal, fact, ERRATUM, difference, said, recorded[fact], decision,
            _specifications(page.principal), requirement,
        )  # fmt: skip
    editable = page.facts[DESCRIPTION]
    if editable.values == (NO,):
        yield Erratum(
            page.principal, DESCRIPTION, QUESTION, NOT_EDITABLE, editable, None,
            "a question, not a verdict: IAM lets every service-linked role's description be "
            "edited; the specification follows IAM's rule and asks the page",
            _specifications(page.principal),
        )  # fmt: skip


def family_errata(
    pages: Mapping[str, PageFacts], recorded: Mapping[str, Mapping[str, Fact]]
) -> list[Erratum]:
    """Every page's errata and questions, by principal."""
    return [
        erratum
        for principal in sorted(pages)
        for erratum in errata_of(pages[principal], recorded.get(principal, {}))
    ]


def for_specification(errata: list[Erratum], spec: str) -> list[Erratum]:
    return [e for e in errata if spec in e.specifications]


def documented(principal: str, fact: str) -> str:
    """What the service's own page states of ``fact`` beside the recording, in one line.

    The feature generator writes it above each service's examples, so the page's statement is
    part of that service's specification: where the page agrees it is a second source for the
    checked value; where it differs, the erratum says so and the recording is what is checked.
    """
    page = recorded_page_facts().get(principal)
    if page is None or fact not in page.facts:
        return f"{fact}: no page of this service was read"
    said = page.facts[fact]
    where = said.provenance.cite()
    if not said.values:
        return f"{fact}: the service's page ({page.url}) is silent on it; the recording is checked"
    recording = recorded_services().get(principal)
    recorded = recorded_facts(recording) if recording is not None else {}
    difference = _difference(fact, said.values, recorded) if fact in recorded else None
    if difference is None:
        return f"{fact}: the service's page ({where}) agrees with the recording"
    return (
        f"{fact}: the service's page ({where}) gives {', '.join(said.values)}, an erratum "
        f"({difference}); the recording is checked"
    )

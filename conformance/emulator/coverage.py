"""Which operations of Incident Manager the emulator answers, from botocore's installed models.

Every operation of ``ssm-incidents`` and ``ssm-contacts`` in the installed botocore is listed
with whether the emulator answers it (its handler table has it; any other operation answers
``501 NotImplementedException``) and the section of the emulator's documentation page that
describes its behaviour. ``python -m conformance.emulator.coverage PATH`` writes the table as
Markdown for the documentation build (``make docs``).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from conformance.emulator.contacts.responses import ContactsResponses
from conformance.emulator.incidents.responses import IncidentsResponses
from conformance.emulator.wire.models import service_model

__all__ = ["SERVICES", "Row", "answered", "markdown", "rows", "section_of"]

SERVICES = ("ssm-incidents", "ssm-contacts")

#: Sections of ``docs/emulator.md`` (their titles; MyST makes the anchors).
SECTIONS = {
    "incidents": "Replication sets, response plans and incidents",
    "findings": "Findings and resource policies",
    "contacts": "Contacts, channels and engagements",
    "pages": "Pages",
    "policies": "Contact policies",
    "rotations": "Rotations, shifts and overrides",
    "tags": "Tags",
}


@dataclass(frozen=True)
class Row:
    service: str
    operation: str
    answered: bool
    section: str

    @property
    def anchor(self) -> str:
        title = SECTIONS[self.section].lower().replace(",", "")
        return "#" + "-".join(title.split())


def answered(service: str) -> frozenset[str]:
    """The operations in the emulator's own handler table of ``service``."""
    if service == "ssm-incidents":  # listing the table needs no state: skip the constructor
        return frozenset(IncidentsResponses.__new__(IncidentsResponses).operations())
    return frozenset(ContactsResponses.__new__(ContactsResponses).operations())


def section_of(service: str, operation: str) -> str:
    """The documentation section that describes ``operation``."""
    if operation in ("TagResource", "UntagResource", "ListTagsForResource"):
        return "tags"
    if service == "ssm-incidents":
        if "Finding" in operation or "ResourcePolic" in operation:
            return "findings"
        return "incidents"
    if "Page" in operation:
        return "pages"
    if "Rotation" in operation:
        return "rotations"
    if "ContactPolicy" in operation:
        return "policies"
    return "contacts"


def rows() -> list[Row]:
    """Every operation of both services, in service then name order."""
    table = []
    for service in SERVICES:
        served = answered(service)
        for operation in sorted(service_model(service).operation_names):
            table.append(
                Row(service, operation, operation in served, section_of(service, operation))
            )
    return table


def markdown() -> str:
    """The coverage table as Markdown, with its figure."""
    table = rows()
    count = sum(row.answered for row in table)
    lines = [
        "### Operations answered",
        "",
        f"The emulator answers **{count} of the {len(table)}** operations of `ssm-incidents` "
        "and `ssm-contacts` in the botocore this documentation was built with.",
        "",
        "| service | operation | answered | behaviour |",
        "|---|---|---|---|",
    ]
    for row in table:
        mark = "yes" if row.answered else "no (501)"
        link = f"[{SECTIONS[row.section]}]({row.anchor})"
        lines.append(f"| `{row.service}` | `{row.operation}` | {mark} | {link} |")
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) != 1:
        sys.stderr.write("usage: python -m conformance.emulator.coverage OUTPUT.md\n")
        return 2
    path = Path(args[0])
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(markdown(), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

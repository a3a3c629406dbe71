"""Write the service-linked-roles specification's feature files from its templates and data.

behave reads an Examples table only from a feature file, and the per-service values (the role's
name, path, policy, how a suffix was answered) are data: ``services.toml`` of the
specification. So the feature files under ``features/service-linked-roles/`` are generated from
hand-written templates (``conformance/specs/service_linked_roles/templates/``) and that data,
and committed: a reader sees every service's recorded values in the feature itself, behave
runs them as they are (no hook parses step text), and a unit test fails while a committed file
differs from what this module writes (``python -m conformance.tools.slr_features --check``).

In a template, a comment line ``# examples: COLUMN, COLUMN[; only: FILTER]`` below a Scenario
Outline becomes one Examples table per recorded service, in principal order, each tagged
``@service.<principal>`` (behave applies tags to Examples tables, not to rows, so one table per
service is what lets ``--service PRINCIPAL`` pick a service's examples). The columns are
those of ``COLUMNS``; the filters, those of ``FILTERS``. A last option ``; documented: FACT, ...``
writes, above each service's table, what that service's own page states of the fact beside
the recording (``conformance.family.errata.documented``): a second source where it agrees, an
erratum where it differs, and in both cases the recording is what the example checks.

Usage: ``python -m conformance.tools.slr_features [--check]``; exit status 0 when written (or
current), 1 when ``--check`` finds a stale file, 2 when a template is malformed.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from conformance.emulator.iam_slr.recordings import ServiceRecording, recorded_services
from conformance.family.errata import documented as documented_fact
from conformance.specs import SERVICE_TAG

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = ROOT / "conformance" / "specs" / "service_linked_roles" / "templates"
FEATURES = ROOT / "features" / "service-linked-roles"
#: The suffix the examples ask for where a service accepts one.
EXAMPLE_SUFFIX = "conformance"

_DIRECTIVE = re.compile(
    r"^(?P<indent>\s*)# examples: (?P<columns>[^;]+?)(?:; only: (?P<only>[^;]+?))?"
    r"(?:; documented: (?P<documented>[^;]+?))?\s*$"
)
#: The page facts a ``documented:`` option may name (``conformance.family``'s fact names).
DOCUMENTED = ("role_name", "principals", "policies")


def _only_policy(recording: ServiceRecording) -> str:
    if len(recording.policy_arns) != 1:
        raise TemplateError(
            f"{recording.principal} has {len(recording.policy_arns)} recorded policies; the "
            "column policy_arn needs exactly one."
        )
    return recording.policy_arns[0]


#: The values a table may show, each read from one service's recording.
COLUMNS: Mapping[str, Callable[[ServiceRecording], str]] = {
    "principal": lambda r: r.principal,
    "role_name": lambda r: r.role_name,
    "path": lambda r: r.path,
    "policy_arn": _only_policy,
    "max_session_duration": lambda r: str(r.max_session_duration),
    "suffixed_name": lambda r: r.suffixed_name(EXAMPLE_SUFFIX),
    "suffix_error": lambda r: str(r.custom_suffix.error),
}

#: The services that show the rules whose answer no recording varies by service (the
#: permission checks, who may assume a role, the description, the deletion task's course):
#: batch.amazonaws.com (AWS recorded its deletion and its duplicate refusal),
#: ssm-incidents.amazonaws.com (Incident Manager's role, which the other specification checks
#: in depth) and autoscaling.amazonaws.com (a service that accepts a custom suffix). Showing
#: such a rule on all 71 would cost 71 times the requests and show nothing more: the rules
#: that depend on a service's data, or that protect the role (UnmodifiableEntity), have
#: examples for every service.
SAMPLE = ("autoscaling.amazonaws.com", "batch.amazonaws.com", "ssm-incidents.amazonaws.com")

#: Which services a table holds.
FILTERS: Mapping[str, Callable[[ServiceRecording], bool]] = {
    "suffix accepted": lambda r: r.custom_suffix.accepted,
    "suffix refused": lambda r: not r.custom_suffix.accepted,
    "sample": lambda r: r.principal in SAMPLE,
}


class TemplateError(ValueError):
    """A template asks for a column or filter that does not exist."""


@dataclass(frozen=True)
class Generated:
    name: str
    text: str


def header(template: str) -> str:
    return (
        f"# Generated from conformance/specs/service_linked_roles/templates/{template} and the\n"
        "# recorded services (services.toml) by `python -m conformance.tools.slr_features`: edit\n"
        "# those, not this file. One Examples table per service, tagged @service.<principal>, so\n"
        "# that `run --service PRINCIPAL` selects that service's examples; a unit test fails\n"
        "# while this file differs from what the generator writes. Rules that no recording\n"
        "# varies by service are shown on a sample of three (conformance.tools.slr_features).\n"
    )


def _table(
    indent: str, columns: list[str], recording: ServiceRecording, documented: Sequence[str] = ()
) -> list[str]:
    values = [COLUMNS[c](recording) for c in columns]
    widths = [max(len(c), len(v)) for c, v in zip(columns, values, strict=True)]

    def row(cells: list[str]) -> str:
        padded = (cell.ljust(width) for cell, width in zip(cells, widths, strict=True))
        return "| " + " | ".join(padded) + " |"

    notes = [f"{indent}# {documented_fact(recording.principal, fact)}" for fact in documented]
    return [
        *notes,
        f"{indent}@{SERVICE_TAG}{recording.principal}",
        f"{indent}Examples: {recording.principal}",
        f"{indent}  {row(columns)}",
        f"{indent}  {row(values)}",
    ]


def expand(template: str, services: Sequence[ServiceRecording]) -> str:
    """The template with every examples directive replaced by its tables."""
    out: list[str] = []
    for number, line in enumerate(template.splitlines(), start=1):
        match = _DIRECTIVE.match(line)
        if match is None:
            out.append(line)
            continue
        indent = match["indent"]
        columns = [c.strip() for c in match["columns"].split(",")]
        unknown = [c for c in columns if c not in COLUMNS]
        if unknown:
            raise TemplateError(f"line {number} names unknown columns {unknown}.")
        only = (match["only"] or "").strip()
        if only and only not in FILTERS:
            raise TemplateError(f"line {number} names an unknown filter {only!r}.")
        documented = [f.strip() for f in (match["documented"] or "").split(",") if f.strip()]
        if set(documented) - set(DOCUMENTED):
            raise TemplateError(f"line {number} names an unknown page fact {documented}.")
        chosen = [s for s in services if not only or FILTERS[only](s)]
        for index, recording in enumerate(chosen):
            if index:
                out.append("")
            out.extend(_table(indent, columns, recording, documented))
    return "\n".join(out) + "\n"


def generate(
    templates: Path = TEMPLATES, services: Mapping[str, ServiceRecording] | None = None
) -> list[Generated]:
    """Every feature file of the specification, as the generator writes it."""
    services = services if services is not None else recorded_services()
    ordered = [services[p] for p in sorted(services)]
    return [
        Generated(path.name, header(path.name) + expand(path.read_text("utf-8"), ordered))
        for path in sorted(templates.glob("*.feature"))
    ]


def stale(features: Path = FEATURES, templates: Path = TEMPLATES) -> list[str]:
    """The feature files that differ from what the generator writes (or are extra or missing)."""
    wanted = {g.name: g.text for g in generate(templates)}
    present = {p.name for p in features.glob("*.feature")} if features.is_dir() else set()
    problems = [
        name
        for name, text in wanted.items()
        if name not in present or (features / name).read_text("utf-8") != text
    ]
    problems.extend(sorted(present - set(wanted)))
    return sorted(problems)


def write(features: Path = FEATURES, templates: Path = TEMPLATES) -> list[str]:
    features.mkdir(parents=True, exist_ok=True)
    written = []
    for generated in generate(templates):
        (features / generated.name).write_text(generated.text, "utf-8")
        written.append(generated.name)
    return written


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m conformance.tools.slr_features")
    parser.add_argument(
        "--check", action="store_true", help="fail when a committed feature file is stale"
    )
    args = parser.parse_args(argv)
    try:
        if args.check:
            found = stale()
            if found:
                sys.stderr.write(
                    f"Stale feature files in {FEATURES}: {', '.join(found)}; run "
                    "`python -m conformance.tools.slr_features` and commit the result.\n"
                )
                return 1
            sys.stdout.write("The service-linked-roles feature files are current.\n")
            return 0
        for name in write():
            sys.stdout.write(f"wrote {FEATURES / name}\n")
    except TemplateError as exc:
        sys.stderr.write(f"A template is malformed: {exc}\n")
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())

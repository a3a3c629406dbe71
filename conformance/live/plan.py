"""What a dry run prints: scenario by scenario, what a real run would create, change or delete.

Everything here is read from the run's own outcomes, so it cannot claim more than happened: a
scenario the dry run stopped names the first request it would have sent; one that needed only
looks ran for real and changes nothing; one skipped for another reason says that reason.
"""

from __future__ import annotations

import re

from conformance.live.dryrun import DRY_RUN_PREFIX
from conformance.results.model import RunResult

#: A dry run's stop at a role's creation names the service (``dryrun.describe_call``).
_CREATED_ROLE = re.compile(r"CreateServiceLinkedRole \(AWSServiceName=([^,)\s]+)")


def render_plan(result: RunResult) -> str:
    """The dry run's report, one line per scenario, and a count at the end."""
    lines = [f"Dry run on {result.backend.name}: every look was made, nothing was changed.", ""]
    would = reads = other = 0
    roles: dict[str, None] = {}
    for verdict in result.requirements:
        for scenario in verdict.scenarios:
            name = f"{verdict.id} {scenario.name}"
            message = scenario.message or ""
            if scenario.outcome == "skipped" and message.startswith(DRY_RUN_PREFIX):
                would += 1
                roles.update(dict.fromkeys(_CREATED_ROLE.findall(message)))
                lines.append(f"{name}\n    {message[len(DRY_RUN_PREFIX) + 2 :]}")
            elif scenario.outcome == "skipped":
                other += 1
                lines.append(f"{name}\n    skipped: {message}")
            else:
                reads += 1
                lines.append(f"{name}\n    changes nothing (it only reads, and {scenario.outcome})")
    if roles:
        lines += ["", "Service-linked roles a real run would create (and delete again):"]
        lines += [f"    the role of {principal}" for principal in sorted(roles)]
    lines += [
        "",
        f"{would} scenarios would change the account, {reads} only read it, "
        f"{other} would be skipped.",
        "",
    ]
    return "\n".join(lines)

"""``--dry-run``: every look is made, and every request that would change something is not.

A botocore event handler on every client of the live backend sees each request before it is
built. Reads (operations named ``Get*``, ``List*`` and ``Describe*``) go through; anything else
is refused on the spot with ``NotDoneInDryRun``, which names the call. No driver code catches
it (it is neither an AWS error nor a botocore one), so the scenario stops at the first request
it would have sent, and the hooks report it as skipped, "dry run", with that call. What a
scenario would do after its first change depends on the answer to it, so the dry run says so
rather than guessing.
"""

from __future__ import annotations

import re
from typing import Any

READ_PREFIXES = ("Get", "List", "Describe")
#: Parameters that name what a call acts on; the rest (documents, secrets) are not shown.
_NAMING = re.compile(r"(name|arn|alias|id|regions?|rule|namespace)$", re.IGNORECASE)
_SECRET = re.compile(r"(secret|password|token|document)", re.IGNORECASE)
DRY_RUN_PREFIX = "dry run"


class NotDoneInDryRun(Exception):
    """A request that would change the account, refused before it was sent."""

    def __init__(self, call: str, effect: str) -> None:
        super().__init__(f"{effect}: {call}")
        self.call = call
        self.effect = effect


def is_read_only(operation: str) -> bool:
    return operation.startswith(READ_PREFIXES)


def effect_of(operation: str) -> str:
    """What a changing operation would do to the account, in one word."""
    if operation.startswith(("Delete", "Remove", "Detach", "Untag")):
        return "delete"
    if operation.startswith(("Create", "Put", "Add", "Attach", "Tag", "Start")):
        return "create"
    return "change"


def describe_call(service: str, operation: str, params: dict[str, Any]) -> str:
    """``iam CreateUser (UserName=slr-conf-1a2b-user-1)``: the call, by what it names."""
    shown = []
    for key, value in params.items():
        if _SECRET.search(key) or not _NAMING.search(key):
            continue
        text = _plain(value)
        if text:
            shown.append(f"{key}={text}")
    return f"{service} {operation}" + (f" ({', '.join(shown)})" if shown else "")


def _plain(value: Any) -> str:
    """A parameter's value in a few characters: the keys of a map, the items of a list."""
    if isinstance(value, dict):
        return ",".join(sorted(str(k) for k in value))
    if isinstance(value, list):
        return ",".join(str(v) for v in value if isinstance(v, str | int))
    return str(value) if isinstance(value, str | int) else ""


def _refuse_changes(params: dict[str, Any], model: Any, **_: Any) -> None:
    operation = str(model.name)
    if is_read_only(operation):
        return
    service = str(model.service_model.service_name)
    raise NotDoneInDryRun(describe_call(service, operation, params), effect_of(operation))


def install(client: Any) -> Any:
    """Make ``client`` refuse every changing request; returns the client."""
    client.meta.events.register("before-parameter-build", _refuse_changes)
    return client


def dry_run_reason(exc: NotDoneInDryRun, steps_not_run: int) -> str:
    """The skip reason of a scenario that stopped at its first change."""
    after = ""
    if steps_not_run == 1:
        after = "; the step after it depends on its answer"
    elif steps_not_run:
        after = f"; the {steps_not_run} steps after it depend on its answer"
    return f"{DRY_RUN_PREFIX}: would {exc.effect}: {exc.call}{after}"


def skip_if_stopped(scenario: Any) -> bool:
    """Report a scenario that a dry run stopped as skipped, with what it would have done.

    behave marked the step that raised ``NotDoneInDryRun`` as an error; the step did nothing
    wrong, it was only not done, so it and every later step become skipped, with the reason.
    """
    from behave.model_type import Status

    steps = list(scenario.all_steps)
    for index, step in enumerate(steps):
        exc = getattr(step, "exception", None)
        if isinstance(exc, NotDoneInDryRun):
            step.status = Status.skipped
            step.exception = None
            step.error_message = None
            scenario.skip(dry_run_reason(exc, len(steps) - index - 1))
            return True
    return False

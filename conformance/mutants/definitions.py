"""Broken facts of the role: variants of ``RoleDefinition`` for the mutant catalogue.

A fact (a name, a path, a trust or permissions document) is data in the reference emulator,
so breaking one needs no code: ``dataclasses.replace`` on ``DEFAULT_DEFINITION`` changes that
one field and leaves every rule intact. Only the deletion task's ID format is a method of the
definition; it is broken by a frozen subclass. Documents are derived from the reference ones
so that each variant differs from them in exactly the one place its mutant names.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from conformance.emulator.contracts import DEFAULT_ACCOUNT_ID
from conformance.emulator.iam_slr import DEFAULT_DEFINITION, RoleDefinition

Document = dict[str, Any]


def _edited(document: str, edit: Callable[[Document], None]) -> str:
    """A copy of the JSON ``document`` after ``edit`` has changed it in place."""
    parsed: Document = copy.deepcopy(json.loads(document))
    edit(parsed)
    return json.dumps(parsed)


def _statements(document: Document) -> list[dict[str, Any]]:
    found = document["Statement"]
    return [found] if isinstance(found, dict) else list(found)


def _actions(statement: dict[str, Any]) -> list[str]:
    action = statement.get("Action", [])
    return [action] if isinstance(action, str) else list(action)


# -- identity ------------------------------------------------------------------------------


def renamed(role_name: str) -> RoleDefinition:
    """The role under another name."""
    return replace(DEFAULT_DEFINITION, role_name=role_name)


def moved(role_path: str) -> RoleDefinition:
    """The role on another path."""
    return replace(DEFAULT_DEFINITION, role_path=role_path)


def longer_sessions(seconds: int) -> RoleDefinition:
    """Sessions of the role may last ``seconds``."""
    return replace(DEFAULT_DEFINITION, max_session_duration=seconds)


# -- trust ---------------------------------------------------------------------------------


def _trust(edit: Callable[[dict[str, Any]], None]) -> RoleDefinition:
    """The trust policy with its single statement changed by ``edit``."""

    def apply(document: Document) -> None:
        edit(_statements(document)[0])

    return replace(
        DEFAULT_DEFINITION,
        trust_policy_document=_edited(DEFAULT_DEFINITION.trust_policy_document, apply),
    )


def trust_also_service(principal: str) -> RoleDefinition:
    """A second service principal may assume the role."""

    def edit(statement: dict[str, Any]) -> None:
        statement["Principal"] = {"Service": [statement["Principal"]["Service"], principal]}

    return _trust(edit)


def trust_also_account() -> RoleDefinition:
    """The account itself may assume the role, beside the service."""

    def edit(statement: dict[str, Any]) -> None:
        statement["Principal"] = {
            "Service": statement["Principal"]["Service"],
            "AWS": f"arn:aws:iam::{DEFAULT_ACCOUNT_ID}:root",
        }

    return _trust(edit)


def trust_action(action: str | list[str]) -> RoleDefinition:
    """The trust statement grants ``action`` instead of plain ``sts:AssumeRole``."""

    def edit(statement: dict[str, Any]) -> None:
        statement["Action"] = action

    return _trust(edit)


def trust_condition(condition: dict[str, Any]) -> RoleDefinition:
    """The trust statement carries a condition."""

    def edit(statement: dict[str, Any]) -> None:
        statement["Condition"] = condition

    return _trust(edit)


# -- permissions ---------------------------------------------------------------------------


def _policy(edit: Callable[[Document], None]) -> RoleDefinition:
    return replace(
        DEFAULT_DEFINITION, policy_document=_edited(DEFAULT_DEFINITION.policy_document, edit)
    )


def _statement_allowing(document: Document, action: str) -> dict[str, Any]:
    for statement in _statements(document):
        if action in _actions(statement):
            return statement
    raise KeyError(f"no statement of the reference policy allows {action}")


def policy_without(action: str) -> RoleDefinition:
    """The managed policy no longer allows ``action`` (its statement goes if left empty)."""

    def edit(document: Document) -> None:
        statement = _statement_allowing(document, action)
        remaining = [a for a in _actions(statement) if a != action]
        if remaining:
            statement["Action"] = remaining
        else:
            document["Statement"] = [s for s in _statements(document) if s is not statement]

    return _policy(edit)


def policy_with_extra(action: str, beside: str) -> RoleDefinition:
    """The managed policy also allows ``action``, in the statement that allows ``beside``."""

    def edit(document: Document) -> None:
        statement = _statement_allowing(document, beside)
        statement["Action"] = [*_actions(statement), action]

    return _policy(edit)


def policy_action_wildcard(action: str, pattern: str) -> RoleDefinition:
    """The statement allowing ``action`` allows ``pattern`` instead of its listed actions."""

    def edit(document: Document) -> None:
        _statement_allowing(document, action)["Action"] = [pattern]

    return _policy(edit)


def policy_resource(action: str, resource: str) -> RoleDefinition:
    """The statement allowing ``action`` is scoped to ``resource`` instead of ``*``."""

    def edit(document: Document) -> None:
        _statement_allowing(document, action)["Resource"] = resource

    return _policy(edit)


def policy_condition(action: str, condition: dict[str, Any] | None) -> RoleDefinition:
    """The statement allowing ``action`` has ``condition`` (``None``: no condition)."""

    def edit(document: Document) -> None:
        statement = _statement_allowing(document, action)
        if condition is None:
            statement.pop("Condition", None)
        else:
            statement["Condition"] = condition

    return _policy(edit)


def policy_path(path: str) -> RoleDefinition:
    """The managed policy lives on another path (so under another ARN)."""
    return replace(DEFAULT_DEFINITION, policy_path=path)


# -- deletion ------------------------------------------------------------------------------


@dataclass(frozen=True)
class ShortTaskIds(RoleDefinition):
    """Deletion task IDs leave out the role's path: ``task/<role name>/<id>``."""

    def deletion_task_id(self, unique: str) -> str:
        return f"task/{self.role_name}/{unique}"

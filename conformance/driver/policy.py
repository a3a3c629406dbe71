"""Reading IAM policy documents: what a policy allows, judged locally from its JSON.

The page lists what the managed policy allows; the policy document is the evidence. A small
evaluator over the document is enough: action and resource patterns with wildcards, and the
string conditions the managed policy uses. A construct it does not understand is reported by
``unsupported`` so that a check that something is *not* allowed never passes on a guess.
"""

from __future__ import annotations

import fnmatch
import json
from collections.abc import Callable, Iterable, Mapping
from typing import Any
from urllib.parse import unquote

Document = Mapping[str, Any]


def parse_document(document: str | Mapping[str, Any]) -> dict[str, Any]:
    """A policy document as a dict, whether the SDK already decoded it or not."""
    if isinstance(document, Mapping):
        return dict(document)
    text = document if document.lstrip().startswith("{") else unquote(document)
    parsed = json.loads(text)
    if not isinstance(parsed, dict):
        raise ValueError("a policy document must be a JSON object")
    return parsed


def statements(document: Document) -> list[dict[str, Any]]:
    found = document.get("Statement", [])
    return [found] if isinstance(found, dict) else list(found)


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, list | tuple) else [value]


def _matches(pattern: str, value: str, case_sensitive: bool = False) -> bool:
    if not case_sensitive:
        pattern, value = pattern.lower(), value.lower()
    return fnmatch.fnmatchcase(value, pattern.replace("[", "[[]"))


def _action_matches(statement: Mapping[str, Any], action: str) -> bool:
    if "NotAction" in statement:
        return not any(_matches(p, action) for p in _as_list(statement["NotAction"]))
    return any(_matches(p, action) for p in _as_list(statement.get("Action")))


def _resource_matches(statement: Mapping[str, Any], resource: str) -> bool:
    if "NotResource" in statement:
        return not any(_matches(p, resource, True) for p in _as_list(statement["NotResource"]))
    return any(_matches(p, resource, True) for p in _as_list(statement.get("Resource")))


_STRING_OPERATORS: dict[str, Callable[[str, str], bool]] = {
    "StringEquals": lambda expected, actual: expected == actual,
    "StringLike": lambda expected, actual: fnmatch.fnmatchcase(actual, expected),
    "StringEqualsIgnoreCase": lambda expected, actual: expected.lower() == actual.lower(),
}


def _conditions_hold(conditions: Mapping[str, Any], context: Mapping[str, str]) -> bool:
    for operator, clauses in conditions.items():
        base = operator.split(":")[-1]
        test = _STRING_OPERATORS.get(base)
        if test is None:
            return False  # an operator we do not understand never grants access
        for key, expected in clauses.items():
            actual = next((v for k, v in context.items() if k.lower() == key.lower()), None)
            if actual is None or not any(test(str(e), actual) for e in _as_list(expected)):
                return False
    return True


def allows(
    document: Document,
    action: str,
    resource: str = "*",
    context: Mapping[str, str] | None = None,
) -> bool:
    """Whether ``document`` allows ``action`` on ``resource`` for a request with ``context``.

    An explicit Deny wins; otherwise one matching Allow whose conditions hold is enough.
    """
    context = context or {}
    allowed = False
    for statement in statements(document):
        if not (_action_matches(statement, action) and _resource_matches(statement, resource)):
            continue
        if not _conditions_hold(statement.get("Condition", {}), context):
            continue
        if statement.get("Effect") == "Deny":
            return False
        if statement.get("Effect") == "Allow":
            allowed = True
    return allowed


def allows_unconditionally(document: Document, action: str) -> bool:
    """Whether ``action`` is allowed on every resource with no condition attached."""
    return any(
        statement.get("Effect") == "Allow"
        and not statement.get("Condition")
        and _action_matches(statement, action)
        and "*" in _as_list(statement.get("Resource"))
        for statement in statements(document)
    ) and allows(document, action)


def unsupported(document: Document) -> list[str]:
    """Constructs this evaluator cannot judge (negative checks must not pass over them)."""
    found: list[str] = []
    for statement in statements(document):
        for key in ("NotResource", "NotPrincipal"):
            if key in statement:
                found.append(key)
        for operator in statement.get("Condition", {}):
            if operator.split(":")[-1] not in _STRING_OPERATORS:
                found.append(f"condition operator {operator}")
    return found


def allowed_action_patterns(document: Document) -> list[str]:
    """Every action pattern an Allow statement names; ``NotAction`` counts as '*'."""
    patterns: list[str] = []
    for statement in statements(document):
        if statement.get("Effect") != "Allow":
            continue
        if "NotAction" in statement:
            patterns.append("*")
        patterns.extend(str(p) for p in _as_list(statement.get("Action")))
    return patterns


def trust_principals(document: Document) -> set[tuple[str, str]]:
    """Every (principal type, principal) an Allow statement of a trust policy names."""
    found: set[tuple[str, str]] = set()
    for statement in statements(document):
        if statement.get("Effect") != "Allow":
            continue
        principal = statement.get("Principal", {})
        if principal == "*":
            found.add(("*", "*"))
            continue
        for kind, values in dict(principal).items():
            found.update((str(kind), str(v)) for v in _as_list(values))
        if "NotPrincipal" in statement:
            found.add(("NotPrincipal", "*"))
    return found


def trust_actions(document: Document) -> set[str]:
    return {
        str(a)
        for statement in statements(document)
        if statement.get("Effect") == "Allow"
        for a in _as_list(statement.get("Action"))
    }


def undocumented(patterns: Iterable[str], documented: Iterable[str]) -> list[str]:
    """Patterns that name, or could match, an action outside ``documented``."""
    known = {d.lower() for d in documented}
    return [p for p in patterns if p.lower() not in known]

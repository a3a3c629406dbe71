"""Just enough IAM policy evaluation for the rules the page states, and no more.

Two questions are asked of policy documents: may this IAM user call this IAM action on this
role (identity policies; the page says creating, editing and deleting the role needs
permission), and may this caller assume this role (the role's trust policy; only the service
may assume the service-linked role). Explicit Deny wins, an Allow is needed, ``*`` and ``?``
wildcards work in actions and resources; conditions support the string operators, which is
what ``iam:AWSServiceName`` needs. Anything richer is out of scope on purpose.
"""

from __future__ import annotations

import fnmatch
import json
from collections.abc import Iterable, Mapping
from typing import Any
from urllib.parse import unquote

ALLOW = "Allow"
DENY = "Deny"


def load_document(document: str | Mapping[str, Any]) -> dict[str, Any]:
    """A policy document as a dict; URL-encoded or broken text reads as an empty policy."""
    if isinstance(document, Mapping):
        return dict(document)
    for text in (document, unquote(document)):
        try:
            parsed = json.loads(text)
        except ValueError:
            continue
        if isinstance(parsed, dict):
            return parsed
    return {}


def statements(document: str | Mapping[str, Any]) -> list[dict[str, Any]]:
    raw = load_document(document).get("Statement", [])
    items = raw if isinstance(raw, list) else [raw]
    return [item for item in items if isinstance(item, dict)]


def as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def wildcard_match(pattern: str, value: str, *, ignore_case: bool = False) -> bool:
    """IAM wildcards: ``*`` any run of characters, ``?`` one character."""
    if ignore_case:
        pattern, value = pattern.lower(), value.lower()
    return fnmatch.fnmatchcase(value, pattern.replace("[", "[[]"))


def _element_matches(statement: Mapping[str, Any], key: str, value: str, ignore_case: bool) -> bool:
    if key in statement:
        return any(
            wildcard_match(str(p), value, ignore_case=ignore_case) for p in as_list(statement[key])
        )
    negated = f"Not{key}"
    if negated in statement:
        return not any(
            wildcard_match(str(p), value, ignore_case=ignore_case)
            for p in as_list(statement[negated])
        )
    return False


def condition_holds(condition: Any, context: Mapping[str, str]) -> bool:
    """Whether every operator block of a ``Condition`` holds for ``context``."""
    if not condition:
        return True
    if not isinstance(condition, Mapping):
        return False
    lowered = {key.lower(): value for key, value in context.items()}
    for operator, block in condition.items():
        if not isinstance(block, Mapping):
            return False
        if_exists = operator.endswith("IfExists")
        base = operator.removesuffix("IfExists")
        for key, expected in block.items():
            actual = lowered.get(str(key).lower())
            if actual is None:
                if if_exists:
                    continue
                return False
            if not _string_test(base, actual, [str(v) for v in as_list(expected)]):
                return False
    return True


def _string_test(operator: str, actual: str, expected: list[str]) -> bool:
    if operator == "StringEquals":
        return actual in expected
    if operator == "StringNotEquals":
        return actual not in expected
    if operator == "StringEqualsIgnoreCase":
        return actual.lower() in {e.lower() for e in expected}
    if operator == "StringNotEqualsIgnoreCase":
        return actual.lower() not in {e.lower() for e in expected}
    if operator == "StringLike":
        return any(wildcard_match(e, actual) for e in expected)
    if operator == "StringNotLike":
        return not any(wildcard_match(e, actual) for e in expected)
    return False  # operators this emulator does not model never grant anything


def identity_decision(
    documents: Iterable[str | Mapping[str, Any]],
    action: str,
    resource: str,
    context: Mapping[str, str],
) -> bool:
    """True when some statement allows the call and none denies it."""
    allowed = False
    for document in documents:
        for statement in statements(document):
            if not _element_matches(statement, "Action", action, ignore_case=True):
                continue
            if not _element_matches(statement, "Resource", resource, ignore_case=False):
                continue
            if not condition_holds(statement.get("Condition"), context):
                continue
            if statement.get("Effect") == DENY:
                return False
            if statement.get("Effect") == ALLOW:
                allowed = True
    return allowed


def principal_matches(principal: Any, candidates: Iterable[str]) -> bool:
    """Whether a ``Principal`` element names one of ``candidates`` (AWS principals only).

    A ``Service``, ``Federated`` or ``CanonicalUser`` principal never matches: a caller that
    signs with access keys is none of those.
    """
    if principal == "*":
        return True
    if not isinstance(principal, Mapping):
        return False
    names = {str(name) for name in as_list(principal.get("AWS"))}
    return "*" in names or any(candidate in names for candidate in candidates)


def trust_allows(document: str | Mapping[str, Any], action: str, candidates: list[str]) -> bool:
    """Whether a role's trust policy lets a caller known as any of ``candidates`` do ``action``."""
    allowed = False
    for statement in statements(document):
        if not _element_matches(statement, "Action", action, ignore_case=True):
            continue
        if "NotPrincipal" in statement:
            continue  # not modelled: grants nothing here
        if not principal_matches(statement.get("Principal"), candidates):
            continue
        if statement.get("Effect") == DENY:
            return False
        if statement.get("Effect") == ALLOW:
            allowed = True
    return allowed

"""Failure messages come down to causes a maintainer can act on, and are shown harmless."""

from __future__ import annotations

from conformance.results import causes
from conformance.results.model import RequirementVerdict, ScenarioResult


def _failed(name: str, message: str | None) -> ScenarioResult:
    return ScenarioResult(name, "f", "features/f.feature:1", "failed", 0.0, "Then x", message)


def _verdict(requirement_id: str, *scenarios: ScenarioResult) -> RequirementVerdict:
    return RequirementVerdict(
        requirement_id, "t", "s", "MUST", (), (), "documented-only", "fail", None, scenarios
    )


def test_an_http_status_is_the_cause_whatever_the_region() -> None:
    one = "Creating a replication set in us-east-1 was refused (404: Not yet implemented)."
    three = (
        "Creating a replication set in us-east-1, us-west-2 was refused (404: Not yet implemented)."
    )
    assert causes.cause(one) == causes.cause(three) == "HTTP 404: Not yet implemented"


def test_an_html_error_page_comes_down_to_its_title() -> None:
    page = (
        "Creating a replication set in us-east-1 was refused (500: <!doctype html> <html> "
        "<title>500 Internal Server Error</title> <h1>Internal Server Error</h1> <p>The "
        "server encountered an internal error (really).</p>)."
    )
    assert causes.cause(page) == "HTTP 500: 500 Internal Server Error"
    long = "Refused (400: " + "word " * 40 + ")."
    assert causes.cause(long).startswith("HTTP 400: word word") and len(causes.cause(long)) < 95


def test_a_wrong_error_code_names_both_codes() -> None:
    message = (
        "Attaching the policy to a user was refused with NoSuchEntity, not PolicyNotAttachable."
    )
    assert causes.cause(message) == "NoSuchEntity where PolicyNotAttachable was expected"
    accepted = "AssumeRole succeeded, but it should be refused with AccessDenied."
    assert causes.cause(accepted) == "Accepted where AccessDenied was expected"


def test_other_messages_keep_their_words_without_the_values() -> None:
    first = "The role's name is 'AWSServiceRoleForssm-incidents', not 'AWSServiceRoleForX'."
    second = "The role's name is 'other', not 'AWSServiceRoleForY'."
    assert causes.cause(first) == causes.cause(second) == "The role's name is …, not …"
    assert causes.cause("The role has 0 attached policies, not one: [].") == (
        "The role has N attached policies, not one: …"
    )
    assert causes.cause(None) == causes.cause("  ") == causes.NO_MESSAGE


def test_terminal_escapes_and_control_characters_are_removed() -> None:
    assert causes.clean("\x1b[31mred\x1b[0m\x07 and\tplain\nline\x00") == "red and\tplain\nline"
    assert causes.cause("\x1b[1mBoom\x1b[0m") == "Boom"


def test_requirements_are_grouped_by_cause_the_largest_first() -> None:
    missing = "Creating a replication set in {} was refused (404: Not yet implemented)."
    one = _verdict("R-1", _failed("a", "The role has no attached permissions policy."))
    two = _verdict("R-2", _failed("b", missing.format("eu-west-1")))
    three = _verdict(
        "R-3",
        _failed("c", missing.format("us-east-1")),
        _failed("d", "The role has no attached permissions policy."),
        _failed("e", missing.format("us-west-2")),
    )
    groups = causes.by_cause([one, two, three])
    assert [(key, [v.id for v, _ in entries]) for key, entries in groups] == [
        ("The role has no attached permissions policy", ["R-1", "R-3"]),
        ("HTTP 404: Not yet implemented", ["R-2", "R-3"]),
    ]  # as many requirements each: the cause met first comes first
    by_key = dict(groups)
    assert [s.name for s in by_key["HTTP 404: Not yet implemented"][1][1]] == ["c", "e"]
    assert causes.grouped(three.scenarios)[0][0] == "HTTP 404: Not yet implemented"

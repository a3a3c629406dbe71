"""Sanitising: named rules, one stable placeholder per value, placeholders left alone."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conformance.cassette.format import decode, encode
from conformance.cassette.sanitise import RULES, Rule, Sanitiser, load_rules
from conformance.errors import ConfigurationError

ACCOUNT = "123456789012"
KEY = "AKIAIOSFODNN7EXAMPLE"
SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"


def clean(sanitiser: Sanitiser, data: object) -> dict[str, object]:
    result: dict[str, object] = json.loads(sanitiser.text(json.dumps(data)))
    return result


def test_every_built_in_rule_has_a_name_a_pattern_and_a_numbered_placeholder():
    names = [rule.name for rule in RULES]
    assert len(names) == len(set(names))
    assert {"account-id", "access-key-id", "secret-access-key", "session-token"} <= set(names)
    assert {"request-id", "signature"} <= set(names)
    for rule in RULES:
        assert rule.description and "{n" in rule.replacement
        assert rule.placeholders.fullmatch(rule.placeholder(3))


def test_one_value_gets_one_placeholder_and_no_secret_survives():
    sanitiser = Sanitiser()
    answer = {
        "User": {"Arn": f"arn:aws:iam::{ACCOUNT}:user/a", "UserId": KEY},
        "AccessKey": {"AccessKeyId": "AKIAZZZZZZZZZZZZZZZZ", "SecretAccessKey": SECRET},
        "Credentials": {"SessionToken": "FwoGZXIvYXdzEJr//////////"},
        "ResponseMetadata": {"RequestId": "7a62c49f-347e-4fc4-9331-6e8eEXAMPLE"},
    }
    first = clean(sanitiser, answer)
    again = clean(sanitiser, {"Arn": f"arn:aws:sts::{ACCOUNT}:assumed-role/x", "Key": KEY})
    text = json.dumps([first, again])
    for secret in (ACCOUNT, KEY, SECRET, "AKIAZZZZZZZZZZZZZZZZ", "FwoGZXIv", "7a62c49f"):
        assert secret not in text
    assert again["Arn"] == "arn:aws:sts::000000000001:assumed-role/x"
    assert first["User"] == {"Arn": "arn:aws:iam::000000000001:user/a", "UserId": again["Key"]}
    assert first["AccessKey"]["AccessKeyId"] != again["Key"]  # type: ignore[index]
    assert sanitiser.text(text) == text  # placeholders are never replaced again


def test_a_credential_the_clients_sign_with_is_caught_whatever_its_shape():
    sanitiser = Sanitiser()
    sanitiser.add_secret("not-shaped-like-a-key")
    assert clean(sanitiser, {"x": "echo not-shaped-like-a-key!"}) == {
        "x": "echo REDACTED-CREDENTIAL-1!"
    }


def test_the_last_group_of_a_uuid_is_not_an_account():
    arn = "arn:aws:ssm-incidents::123456789012:replication-set/d5d39c23-7c8c-4802-b947-000000000002"
    assert clean(Sanitiser(), {"arn": arn})["arn"] == arn.replace(ACCOUNT, "000000000001")


def test_a_placeholder_is_never_issued_for_a_value_that_already_looks_like_one():
    sanitiser = Sanitiser()
    assert clean(sanitiser, {"a": "000000000001", "b": ACCOUNT}) == {
        "a": "000000000001",
        "b": "000000000002",
    }


def test_answers_keep_timestamps_and_bytes_through_json():
    from datetime import UTC, datetime

    value = {"when": datetime(2026, 1, 1, tzinfo=UTC), "blob": b"\x00\x01", "n": [1.5, None]}
    assert decode(json.loads(json.dumps(encode(value)))) == value


def test_users_add_rules_in_a_toml_file(tmp_path: Path):
    path = tmp_path / "rules.toml"
    path.write_text(
        '[[rule]]\nname = "host"\npattern = "[a-z]+\\\\.corp\\\\.example"\n'
        'replacement = "host-{n}.example"\ndescription = "our hosts"\n',
        encoding="utf-8",
    )
    rules = load_rules(path)
    assert rules == (Rule("host", r"[a-z]+\.corp\.example", "host-{n}.example", "our hosts"),)
    sanitiser = Sanitiser((*RULES, *rules))
    assert clean(sanitiser, {"u": "https://db.corp.example/x"}) == {"u": "https://host-1.example/x"}


@pytest.mark.parametrize(
    "text, fragment",
    [
        ("rule = 1", "has no [[rule]] tables"),
        ('[[rule]]\nname = "x"\npattern = "("\nreplacement = "{n}"\n', "is not valid"),
        ('[[rule]]\nname = "x"\npattern = "a"\nreplacement = "fixed"\n', "must contain {n}"),
        ('[[rule]]\nname = "account-id"\npattern = "a"\nreplacement = "{n}"\n', "already taken"),
        ('[[rule]]\nname = "x"\n', "lacks pattern, replacement"),
        ("[[rule]\n", "is not valid TOML"),
    ],
)
def test_a_bad_rules_file_is_one_sentence(tmp_path: Path, text: str, fragment: str):
    path = tmp_path / "rules.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigurationError) as caught:
        load_rules(path)
    assert fragment in str(caught.value) and "\n" not in str(caught.value)


def test_the_command_line_prints_the_rules_and_refuses_a_bad_file(cli, tmp_path: Path):
    listed = cli("cassette", "rules")
    assert listed.returncode == 0
    for rule in RULES:
        assert f"{rule.name}: {rule.description}" in listed.stdout
    assert "client-credential" in listed.stdout and "host-name" in listed.stdout
    bad = tmp_path / "bad.toml"
    bad.write_text("nothing = 1\n", encoding="utf-8")
    refused = cli("cassette", "rules", "--sanitise-rules", str(bad))
    assert refused.returncode == 2
    assert refused.stderr.count("\n") == 1 and "has no [[rule]] tables" in refused.stderr

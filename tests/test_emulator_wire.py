"""The one wire layer: one model loader, one validator, one way to write each protocol's errors.

These test the layer's parts directly; ``test_emulator_protocol.py`` tests the JSON protocols
through whole requests, ``test_emulator_front.py`` the front door that uses them.
"""

from __future__ import annotations

import datetime as dt
import json
from xml.etree import ElementTree

import pytest
from botocore.parsers import create_parser

from conformance.emulator.errors import (
    EmulatorError,
    IncompleteSignature,
    InternalServerException,
    SerializationException,
    ValidationException,
)
from conformance.emulator.wire import models
from conformance.emulator.wire.errors import error_response
from conformance.emulator.wire.jsoncodec import LATEST_TIME, load_json, parse_timestamp
from conformance.emulator.wire.query import parse_form, read_call
from conformance.emulator.wire.validation import check


def test_one_loader_caches_each_model() -> None:
    assert models.service_model("iam") is models.service_model("iam")
    assert models.operation_model("sts", "AssumeRole") is not None
    assert models.operation_model("sts", "NoSuchThing") is None
    assert "ListRoles" in models.paginator_config("iam")


@pytest.mark.parametrize(
    ("raw", "says"),
    [
        (b"[" * 100_000 + b"]" * 100_000, "nests too deeply"),
        (b"\xff\xfe{}", "not valid UTF-8"),
        (b'{"a": NaN}', "not a number"),
        (b'{"a": ' + b"9" * 5_000 + b"}", "too large"),
        (b"{oops", "not valid JSON"),
    ],
)
def test_malformed_json_is_a_serialization_exception(raw: bytes, says: str) -> None:
    with pytest.raises(SerializationException) as caught:
        load_json(raw)
    assert says in caught.value.message


def test_timestamps_outside_the_calendar_stay_unparsed() -> None:
    assert parse_timestamp(0).year == 1970
    assert parse_timestamp(LATEST_TIME + 1) == LATEST_TIME + 1
    assert not isinstance(parse_timestamp("1e400"), dt.datetime)
    assert parse_timestamp("10000-01-01T00:00:00Z") == "10000-01-01T00:00:00Z"


# -- the query protocol ------------------------------------------------------------------


def test_a_form_is_read_into_the_input_structure() -> None:
    call = read_call(
        "iam",
        {
            "Action": "CreateRole",
            "RoleName": "r",
            "AssumeRolePolicyDocument": "{}",
            "MaxSessionDuration": "3600",
            "Tags.member.2.Key": "b",
            "Tags.member.2.Value": "2",
            "Tags.member.1.Key": "a",
            "Tags.member.1.Value": "1",
        },
    )
    assert call.params["MaxSessionDuration"] == 3600
    assert call.params["Tags"] == [{"Key": "a", "Value": "1"}, {"Key": "b", "Value": "2"}]


@pytest.mark.parametrize(
    ("pairs", "expected"),
    [
        (
            {
                "Action": "AssumeRole",
                "RoleArn": "a" * 20,
                "RoleSessionName": "ss",
                "DurationSeconds": "1" + "0" * 21,
            },
            "durationSeconds",
        ),
        (
            {
                "Action": "AssumeRole",
                "RoleArn": "a" * 20,
                "RoleSessionName": "ss",
                "DurationSeconds": "ten",
            },
            "Member must be an integer",
        ),
        ({"Action": "GetRole", "RoleName": "has space"}, "regular expression pattern"),
        ({"Action": "TagRole", "RoleName": "x", "Tags.member.0.Key": "k"}, "numbered"),
        ({"Action": "TagRole", "RoleName": "x", "Tags.member.99999999.Key": "k"}, "numbered"),
        ({"Action": "ListRoles", "MaxItems": "0"}, "greater than or equal to 1"),
        ({"Action": "CreateRole"}, "Member must not be null"),
    ],
)
def test_query_input_breaking_the_model_is_a_validation_error(
    pairs: dict[str, str], expected: str
) -> None:
    with pytest.raises(ValidationException) as caught:
        read_call("sts" if pairs["Action"] == "AssumeRole" else "iam", pairs)
    assert caught.value.code_in("query") == "ValidationError"
    assert expected in caught.value.message


def test_query_forms_that_cannot_be_read_are_malformed() -> None:
    with pytest.raises(SerializationException) as caught:
        parse_form(b"RoleName=%FF%FE")
    assert caught.value.code_in("query") == "MalformedQueryString"
    with pytest.raises(EmulatorError) as missing:
        read_call("iam", {"Version": "2010-05-08"})
    assert missing.value.code == "MissingAction"


def test_control_characters_never_reach_an_xml_answer() -> None:
    problems = check(
        models.service_model("sts").operation_model("AssumeRole").input_shape,
        {"RoleArn": "arn:aws:iam::123456789012:role/\x10x", "RoleSessionName": "ss"},
        patterns=True,
    )
    assert [p.where for p in problems] == ["RoleArn"]


# -- errors, one writer per protocol -----------------------------------------------------


@pytest.mark.parametrize("style", ["query", "json", "rest-json"])
@pytest.mark.parametrize(
    "error",
    [
        ValidationException("bad \x01 input"),
        IncompleteSignature("no"),
        InternalServerException("x"),
    ],
)
def test_every_error_is_read_by_botocore_in_its_protocol(style: str, error: EmulatorError) -> None:
    service = {"query": "iam", "json": "ssm-contacts", "rest-json": "ssm-incidents"}[style]
    answer = error_response(error, style, service)  # type: ignore[arg-type]
    parsed = create_parser(style).parse(
        {
            "status_code": answer.status_code,
            "headers": dict(answer.headers),
            "body": answer.get_data(),
        },
        None,
    )
    assert parsed["Error"]["Code"] == error.code_in(style)
    assert answer.status_code == error.status
    if style == "query":
        root = ElementTree.fromstring(answer.get_data())
        assert root.find("./{*}Error/{*}Type").text == (
            "Sender" if error.status < 500 else "Receiver"
        )  # type: ignore[union-attr]
    else:
        assert json.loads(answer.get_data())["__type"] == error.code


def test_a_modelled_error_takes_its_status_and_members_from_the_model() -> None:
    error = EmulatorError(
        "gone",
        code="ResourceNotFoundException",
        status=400,
        fields={"resourceType": "REPLICATION_SET"},
    )
    answer = error_response(error, "rest-json", "ssm-incidents")
    assert answer.status_code == 404
    assert json.loads(answer.get_data())["resourceType"] == "REPLICATION_SET"

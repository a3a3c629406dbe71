"""The generic protocol layer: requests parsed and answers serialized from botocore's models.

Well-formed calls go through real boto3 clients; malformed ones are sent raw, because botocore
would refuse to send them. Whatever arrives, the answer is an AWS-shaped 4xx, never a 500.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from typing import Any

import pytest
from botocore.exceptions import ClientError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from werkzeug.test import Client
from werkzeug.wrappers import Request, Response

from conformance.backends.base import Credentials
from conformance.clock import VirtualClock
from conformance.emulator import wire as protocol
from conformance.emulator.contacts import ContactsService
from conformance.emulator.contacts import handle as contacts_handle
from conformance.emulator.errors import EmulatorError, ValidationException
from conformance.emulator.incidents import IncidentsService
from conformance.emulator.incidents import handle as incidents_handle
from conformance.emulator.transport import InProcessSession

ACCOUNT = "123456789012"
REGION = "us-east-1"

INCIDENTS_MODEL = protocol.protocol_for("ssm-incidents").model
CONTACTS_MODEL = protocol.protocol_for("ssm-contacts").model


def _app(
    clock: VirtualClock,
) -> Callable[[dict[str, Any], Callable[..., Any]], Any]:
    incidents = IncidentsService(clock)
    contacts = ContactsService(clock)

    def app(environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        request = Request(environ)
        if "X-Amz-Target" in request.headers or (request.method == "POST" and request.path == "/"):
            response = contacts_handle(contacts, request, ACCOUNT, REGION)
        else:
            response = incidents_handle(incidents, request, ACCOUNT, REGION)
        return response(environ, start_response)

    return app


@pytest.fixture
def app() -> Callable[..., Any]:
    return _app(VirtualClock())


@pytest.fixture
def raw(app: Callable[..., Any]) -> Client:
    return Client(app)


@pytest.fixture
def session(app: Callable[..., Any]) -> InProcessSession:
    return InProcessSession(app, Credentials("testing", "testing"), REGION)


def _error(response: Any) -> dict[str, Any]:
    body: dict[str, Any] = json.loads(response.get_data())
    assert "__type" in body
    assert response.headers["x-amzn-ErrorType"] == body["__type"]
    return body


def _contacts(raw: Client, target: str | None, body: bytes | str) -> Any:
    headers = {"Content-Type": "application/x-amz-json-1.1"}
    if target is not None:
        headers["X-Amz-Target"] = target
    return raw.post("/", data=body, headers=headers)


# --------------------------------------------------------------------------- malformed requests

INCIDENTS_CASES = [
    # (method, path, body, status, code)
    ("POST", "/createReplicationSet", b"not json", 400, "SerializationException"),
    ("POST", "/createReplicationSet", b"[1, 2]", 400, "SerializationException"),
    ("POST", "/createReplicationSet", b"\xff\xfe", 400, "SerializationException"),
    ("POST", "/createReplicationSet", b"{}", 400, "ValidationException"),
    ("POST", "/createReplicationSet", b'{"regions": "us-east-1"}', 400, "ValidationException"),
    (
        "POST",
        "/createReplicationSet",
        b'{"regions": {"us-east-1": {}}, "tags": {"k": 5}}',
        400,
        "ValidationException",
    ),
    (
        "POST",
        "/createReplicationSet",
        b'{"regions": {"us-east-1": {}}, "clientToken": "' + b"x" * 129 + b'"}',
        400,
        "ValidationException",
    ),
    (
        "POST",
        "/updateDeletionProtection",
        b'{"arn": "a", "deletionProtected": "yes"}',
        400,
        "ValidationException",
    ),
    (
        "POST",
        "/createResponsePlan",
        b'{"name": "p", "incidentTemplate": {"title": "t", "impact": 9}}',
        400,
        "ValidationException",
    ),
    (
        "POST",
        "/createResponsePlan",
        b'{"name": "p", "incidentTemplate": {"title": "t", "impact": true}}',
        400,
        "ValidationException",
    ),
    (
        "POST",
        "/updateIncidentRecord",
        b'{"arn": "a", "status": "CLOSED"}',
        400,
        "ValidationException",
    ),
    (
        "POST",
        "/createTimelineEvent",
        b'{"incidentRecordArn": "a", "eventTime": "yesterday", "eventType": "t", "eventData": "d"}',
        400,
        "ValidationException",
    ),
    ("GET", "/getReplicationSet", b"", 400, "ValidationException"),
    ("GET", "/getTimelineEvent?eventId=e", b"", 400, "ValidationException"),
    ("POST", "/listReplicationSets", b'{"maxResults": 0}', 400, "ValidationException"),
    ("POST", "/listReplicationSets", b'{"maxResults": "ten"}', 400, "ValidationException"),
    ("GET", "/noSuchOperation", b"", 404, "UnknownOperationException"),
    ("GET", "/", b"", 404, "UnknownOperationException"),
    ("DELETE", "/createReplicationSet", b"", 405, "UnknownOperationException"),
]


@pytest.mark.parametrize("case", INCIDENTS_CASES)
def test_malformed_rest_json_requests_get_aws_shaped_4xx(
    raw: Client, case: tuple[str, str, bytes, int, str]
) -> None:
    method, path, body, status, code = case
    response = raw.open(
        path, method=method, data=body, headers={"Content-Type": "application/json"}
    )
    assert response.status_code == status
    error = _error(response)
    assert error["__type"] == code
    assert isinstance(error["message"], str)


CONTACTS_CASES = [
    # (target, body, code)
    (None, b"{}", "UnknownOperationException"),
    ("SSMContacts.NoSuchThing", b"{}", "UnknownOperationException"),
    ("SSMIncidents.CreateContact", b"{}", "UnknownOperationException"),
    ("CreateContact", b"{}", "UnknownOperationException"),
    ("SSMContacts.CreateContact", b"{nope", "SerializationException"),
    ("SSMContacts.CreateContact", b'"a string"', "SerializationException"),
    ("SSMContacts.CreateContact", b"{}", "ValidationException"),
    (
        "SSMContacts.CreateContact",
        b'{"Alias": "a", "Type": "BOSS", "Plan": {}}',
        "ValidationException",
    ),
    (
        "SSMContacts.CreateContact",
        json.dumps({"Alias": "a" * 256, "Type": "PERSONAL", "Plan": {}}).encode(),
        "ValidationException",
    ),
    (
        "SSMContacts.CreateContact",
        b'{"Alias": 7, "Type": "PERSONAL", "Plan": {}}',
        "ValidationException",
    ),
    (
        "SSMContacts.CreateContact",
        b'{"Alias": "a", "Type": "PERSONAL", "Plan": {"Stages": '
        b'[{"DurationInMinutes": 99, "Targets": []}]}}',
        "ValidationException",
    ),
    ("SSMContacts.ListContacts", b'{"MaxResults": -1}', "ValidationException"),
    (
        "SSMContacts.ListEngagements",
        b'{"TimeRangeValue": {"StartTime": "soon"}}',
        "ValidationException",
    ),
    (
        "SSMContacts.ActivateContactChannel",
        b'{"ContactChannelId": "arn:x", "ActivationCode": "12"}',
        "ValidationException",
    ),
]


@pytest.mark.parametrize(("target", "body", "code"), CONTACTS_CASES)
def test_malformed_json_requests_get_aws_shaped_400(
    raw: Client, target: str | None, body: bytes, code: str
) -> None:
    response = _contacts(raw, target, body)
    assert response.status_code == 400
    error = _error(response)
    assert error["__type"] == code
    assert isinstance(error.get("Message", error.get("message")), str)


def test_json_protocol_refuses_other_methods(raw: Client) -> None:
    response = raw.get("/", headers={"X-Amz-Target": "SSMContacts.ListContacts"})
    assert response.status_code == 400
    assert _error(response)["__type"] == "UnknownOperationException"


def test_contacts_validation_error_names_the_fields(raw: Client) -> None:
    body = _error(_contacts(raw, "SSMContacts.CreateContact", b'{"Alias": "a"}'))
    assert body["Reason"] == "FIELD_VALIDATION_FAILED"
    assert {field["Name"] for field in body["Fields"]} == {"Type", "Plan"}


def test_unknown_members_are_ignored_like_aws(raw: Client) -> None:
    response = raw.post("/listReplicationSets", data=b'{"surprise": [1, {"x": null}]}')
    assert response.status_code == 200
    assert json.loads(response.get_data()) == {"replicationSetArns": []}


# --------------------------------------------------------------------------- fuzzing

_json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=8,
)


def _member_bodies(model: Any, name: str) -> st.SearchStrategy[bytes]:
    shape = model.operation_model(name).input_shape
    names = list(shape.members) if shape is not None else ["x"]
    documents = st.dictionaries(st.sampled_from(names), _json_values, max_size=4)
    return documents.map(lambda d: json.dumps(d).encode()) | st.binary(max_size=40)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_fuzzed_rest_json_requests_never_crash(raw: Client, data: st.DataObject) -> None:
    name = data.draw(st.sampled_from(INCIDENTS_MODEL.operation_names))
    operation = INCIDENTS_MODEL.operation_model(name)
    path = operation.http["requestUri"].replace("{resourceArn}", "arn%3Aaws%3Ax")
    query = data.draw(st.sampled_from(["", "?arn=", "?arn=x&tagKeys=a&tagKeys=b", "?maxResults=z"]))
    body = data.draw(_member_bodies(INCIDENTS_MODEL, name))
    response = raw.open(path + query, method=operation.http["method"], data=body)
    assert response.status_code < 500 or response.status_code == 501
    if response.status_code >= 400:
        assert _error(response)["__type"]


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_fuzzed_json_requests_never_crash(raw: Client, data: st.DataObject) -> None:
    name = data.draw(
        st.sampled_from(CONTACTS_MODEL.operation_names)
        | st.text(st.characters(min_codepoint=33, max_codepoint=126), max_size=10)
    )
    body = data.draw(
        _member_bodies(CONTACTS_MODEL, name)
        if name in CONTACTS_MODEL.operation_names
        else st.binary(max_size=20)
    )
    response = _contacts(raw, f"SSMContacts.{name}", body)
    assert response.status_code < 500 or response.status_code == 501
    if response.status_code >= 400:
        assert _error(response)["__type"]


# --------------------------------------------------------------------------- serialization


def test_rest_json_status_codes_and_empty_204(raw: Client) -> None:
    created = raw.post("/createReplicationSet", data=b'{"regions": {"us-east-1": {}}}')
    assert created.status_code == 201
    arn = json.loads(created.get_data())["arn"]
    protected = raw.post(
        "/updateDeletionProtection", data=json.dumps({"arn": arn, "deletionProtected": True})
    )
    assert protected.status_code == 204
    assert protected.get_data() == b""


def test_timestamps_are_epoch_seconds_and_none_is_omitted(raw: Client) -> None:
    arn = json.loads(
        raw.post("/createReplicationSet", data=b'{"regions": {"us-east-1": {}}}').get_data()
    )["arn"]
    body = json.loads(raw.get(f"/getReplicationSet?arn={arn}").get_data())["replicationSet"]
    assert body["createdTime"] == VirtualClock.START
    assert isinstance(body["regionMap"]["us-east-1"]["statusUpdateDateTime"], int | float)
    assert "statusMessage" not in body["regionMap"]["us-east-1"]


def test_error_status_and_members_come_from_the_model(raw: Client) -> None:
    response = raw.get("/getReplicationSet?arn=arn%3Aaws%3Assm-incidents%3A%3A1%3Ax")
    assert response.status_code == 404
    body = _error(response)
    assert body["__type"] == "ResourceNotFoundException"
    assert body["resourceType"] == "REPLICATION_SET"
    assert response.headers["Content-Type"] == "application/json"


def test_uri_labels_holding_slashes_and_querystring_lists(session: InProcessSession) -> None:
    client = session.client("ssm-incidents")
    arn = client.create_replication_set(regions={"us-east-1": {}}, tags={"a": "1", "b": "2"})["arn"]
    client.untag_resource(resourceArn=arn, tagKeys=["a", "b"])
    assert client.list_tags_for_resource(resourceArn=arn)["tags"] == {}


def test_boto3_reads_json_errors(session: InProcessSession) -> None:
    client = session.client("ssm-contacts")
    with pytest.raises(ClientError) as caught:
        client.get_contact(ContactId="arn:aws:ssm-contacts:us-east-1:123456789012:contact/x")
    assert caught.value.response["Error"]["Code"] == "ResourceNotFoundException"
    assert caught.value.response["ResourceType"] == "CONTACT"


def test_json_answers_use_the_amz_json_content_type(raw: Client) -> None:
    response = _contacts(raw, "SSMContacts.ListContacts", b"")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/x-amz-json-1.1"
    assert json.loads(response.get_data()) == {"Contacts": []}


# --------------------------------------------------------------------------- handle() itself


def _call(operations: protocol.OperationTable, body: bytes = b"{}") -> Response:
    environ_client = Client(
        lambda environ, start: protocol.handle("ssm-contacts", operations, Request(environ))(
            environ, start
        )
    )
    return environ_client.post("/", data=body, headers={"X-Amz-Target": "SSMContacts.ListContacts"})


def test_handler_errors_keep_their_code_and_status() -> None:
    def refuse(params: dict[str, Any]) -> dict[str, Any]:
        raise EmulatorError("slow down", code="ThrottlingException", status=429)

    response = _call({"ListContacts": refuse})
    assert response.status_code == 429
    assert _error(response)["__type"] == "ThrottlingException"


def test_unexpected_exceptions_become_internal_server_errors() -> None:
    def crash(params: dict[str, Any]) -> dict[str, Any]:
        raise RuntimeError("bug")

    response = _call({"ListContacts": crash})
    assert response.status_code == 500
    assert _error(response)["__type"] == "InternalServerException"


def test_operations_without_handler_answer_not_implemented() -> None:
    response = _call({})
    assert response.status_code == 501
    assert _error(response)["__type"] == "NotImplementedException"


def test_handlers_receive_decoded_timestamps() -> None:
    seen: dict[str, Any] = {}

    def capture(params: dict[str, Any]) -> dict[str, Any]:
        seen.update(params)
        return {}

    client = Client(
        lambda environ, start: protocol.handle(
            "ssm-contacts", {"ListEngagements": capture}, Request(environ)
        )(environ, start)
    )
    client.post(
        "/",
        data=b'{"TimeRangeValue": {"StartTime": 1767225600}}',
        headers={"X-Amz-Target": "SSMContacts.ListEngagements"},
    )
    assert seen["TimeRangeValue"]["StartTime"] == dt.datetime(2026, 1, 1, tzinfo=dt.UTC)


def test_validate_input_reports_every_problem() -> None:
    operation = CONTACTS_MODEL.operation_model("CreateContact")
    with pytest.raises(ValidationException) as caught:
        protocol.validate_input(operation, {"Alias": "", "Type": "X"})
    names = {field["Name"] for field in caught.value.fields["Fields"]}
    assert names == {"Alias", "Type", "Plan"}


@pytest.mark.parametrize(
    ("token", "size", "expected", "following"),
    [
        (None, 2, [0, 1], "2"),
        ("2", 2, [2, 3], "4"),
        ("4", 2, [4], None),
        (None, None, [0, 1, 2, 3, 4], None),
    ],
)
def test_paginate(
    token: str | None, size: int | None, expected: list[int], following: str | None
) -> None:
    assert protocol.paginate(list(range(5)), size, token) == (expected, following)


@pytest.mark.parametrize("token", ["x", "-1", "99"])
def test_paginate_refuses_bad_tokens(token: str) -> None:
    with pytest.raises(ValidationException):
        protocol.paginate([1, 2], 1, token)


def test_routes_match_decoded_paths_when_the_raw_uri_is_lost() -> None:
    from werkzeug.test import EnvironBuilder

    arn = "arn:aws:ssm-incidents::123456789012:replication-set/abc"
    environ = EnvironBuilder(path="/tags/" + arn.replace("/", "%2F")).get_environ()
    environ.pop("RAW_URI")
    environ.pop("REQUEST_URI")
    parsed_operation, params = protocol.protocol_for("ssm-incidents").parse(Request(environ))
    assert parsed_operation.name == "ListTagsForResource"
    assert params == {"resourceArn": arn}

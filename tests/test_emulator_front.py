"""The emulator's front door: reading bodies, routing, exposure, and moto kept in AWS shape.

In process, through werkzeug's test client; the same rules over real HTTP (a stalled client,
the nine malformed requests) are in ``test_emulator_server.py``.
"""

from __future__ import annotations

import io
import json
from typing import Any

import pytest
from moto import mock_aws, settings
from moto.core.responses import ActionAuthenticatorMixin
from werkzeug import Response
from werkzeug.test import Client, EnvironBuilder

from conformance.backends.controls import PREFIX
from conformance.emulator import Emulator, motoproxy
from conformance.emulator.errors import (
    IncompleteSignature,
    RequestEntityTooLarge,
    SerializationException,
)
from conformance.emulator.exposure import Exposure, host_name, is_loopback_address
from conformance.emulator.fuzzing.oracle import python_names
from conformance.emulator.intake import buffer_body
from conformance.emulator.motoproxy import MotoProxy
from conformance.emulator.pytest_plugin import IncidentManager
from conformance.emulator.routing import route_of

SIGNED = (
    "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20260101/us-east-1/{}/aws4_request, "
    "SignedHeaders=host, Signature=00"
)


@pytest.fixture
def http(incident_manager: IncidentManager) -> Client:
    return Client(incident_manager.emulator.app)


@pytest.fixture
def emulator(incident_manager: IncidentManager) -> Emulator:
    return incident_manager.emulator


# -- reading the body --------------------------------------------------------------------


def environ(body: bytes, length: str | None = None, **extra: Any) -> dict[str, Any]:
    env: dict[str, Any] = {"wsgi.input": io.BytesIO(body), **extra}
    env["CONTENT_LENGTH"] = str(len(body)) if length is None else length
    return env


def test_the_body_is_buffered_and_the_input_replaced() -> None:
    env = environ(b"Action=ListRoles")
    assert buffer_body(env) == b"Action=ListRoles"
    assert env["wsgi.input"].read() == b"Action=ListRoles"


@pytest.mark.parametrize(
    ("length", "body", "error"),
    [
        ("100", b"", SerializationException),  # the client went away after the headers
        ("abc", b"x", SerializationException),
        ("-1", b"x", SerializationException),
        (str(9 * 1024 * 1024), b"", RequestEntityTooLarge),
        ("9" * 40, b"", RequestEntityTooLarge),
    ],
)
def test_bodies_that_cannot_be_read_are_refused_before_any_work(
    length: str, body: bytes, error: type[Exception]
) -> None:
    with pytest.raises(error):
        buffer_body(environ(body, length))


def test_a_chunked_body_is_read_to_its_end_within_the_limit() -> None:
    env = environ(b"x" * 100, "", **{"wsgi.input_terminated": True})
    assert buffer_body(env) == b"x" * 100
    with pytest.raises(RequestEntityTooLarge):
        buffer_body(environ(b"x" * 100, "", **{"wsgi.input_terminated": True}), limit=10)


def test_too_large_a_body_is_an_aws_shaped_413(http: Client, emulator: Emulator) -> None:
    emulator.app.exposure = Exposure(max_body_bytes=1024)
    answer = http.post(
        "/",
        data=b"x" * 2048,
        content_type="application/x-www-form-urlencoded",
        headers={"Authorization": SIGNED.format("iam")},
    )
    assert answer.status_code == 413
    assert "<Code>RequestEntityTooLarge</Code>" in answer.get_data(as_text=True)


# -- routing -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "header",
    [
        "Bearer",
        "Bearer abc",
        "AWS AKIDEXAMPLE:c2ln",
        "AWS4-HMAC-SHA256",
        "AWS4-HMAC-SHA256 Credential=a/b/c",
        "Credential=AKID/20260101/us-east-1/iam/aws4_request",
    ],
)
def test_an_authorization_that_is_not_sigv4_is_an_incomplete_signature(header: str) -> None:
    with pytest.raises(IncompleteSignature):
        route_of({"HTTP_AUTHORIZATION": header})


@pytest.mark.parametrize(
    ("service", "content_type", "status", "code"),
    [
        (
            "nosuchsvc",
            "application/x-www-form-urlencoded",
            403,
            "<Code>SignatureDoesNotMatch</Code>",
        ),
        ("nosuchsvc", "application/x-amz-json-1.1", 403, '"InvalidSignatureException"'),
    ],
)
def test_a_service_nobody_serves_is_refused_in_the_requests_protocol(
    http: Client, service: str, content_type: str, status: int, code: str
) -> None:
    answer = http.post(
        "/",
        data=b"{}",
        content_type=content_type,
        headers={"Authorization": SIGNED.format(service)},
    )
    assert answer.status_code == status
    assert code in answer.get_data(as_text=True)


def test_flask_pages_of_moto_are_answered_in_aws_shape(http: Client) -> None:
    answer = http.get("/nowhere", headers={"Authorization": SIGNED.format("events")})
    assert answer.status_code == 404
    assert json.loads(answer.get_data())["__type"] == "UnknownOperationException"
    assert "<html" not in answer.get_data(as_text=True).lower()


def test_moto_crashes_are_answered_in_aws_shape_without_python_names(http: Client) -> None:
    form = (
        b"Action=AssumeRoleWithSAML&Version=2011-06-15"
        b"&RoleArn=arn:aws:iam::123456789012:role/some-role-name"
        b"&PrincipalArn=arn:aws:iam::123456789012:saml-provider/provider&SAMLAssertion=xxxxxxxxxx"
    )
    answer = http.post(
        "/",
        data=form,
        content_type="application/x-www-form-urlencoded",
        headers={"Authorization": SIGNED.format("sts")},
    )
    text = answer.get_data(as_text=True)
    assert answer.status_code == 500
    assert "<Code>InternalFailure</Code>" in text
    assert python_names(text, sent="") == []


def test_what_moto_does_not_implement_is_a_501(http: Client) -> None:
    answer = http.post(
        "/",
        data=b"Action=ChangePassword&Version=2010-05-08&OldPassword=old&NewPassword=new",
        content_type="application/x-www-form-urlencoded",
        headers={"Authorization": SIGNED.format("iam")},
    )
    assert answer.status_code == 501
    assert "<Code>NotImplemented</Code>" in answer.get_data(as_text=True)


_PRESENT = "Action=CreateRole&Version=2010-05-08&RoleName=present&AssumeRolePolicyDocument=%7B%7D"
_ORIGIN = {"Origin": "https://console.example"}


@pytest.mark.parametrize(
    ("service", "method", "form", "headers"),
    [
        ("iam", "POST", "Action=GetRole&Version=2010-05-08&RoleName=present", {}),
        ("iam", "POST", "Action=GetRole&Version=2010-05-08&RoleName=absent", {}),
        ("iam", "POST", "Action=ListRoles&Version=2010-05-08&MaxItems=1", {}),
        ("iam", "POST", "Action=GetRole&Version=2010-05-08", {}),
        ("iam", "GET", "Action=GetRole&Version=2010-05-08&RoleName=present", {}),
        ("iam", "POST", "Action=GetRole&Version=2010-05-08&RoleName=present", _ORIGIN),
        ("iam", "TRACE", "Action=GetRole&Version=2010-05-08&RoleName=present", {}),
        ("sts", "POST", "Action=GetCallerIdentity&Version=2011-06-15", {}),
        ("sts", "POST", "Action=GetCallerIdentity&Version=2011-06-15", _ORIGIN),
    ],
)
def test_iam_and_sts_asked_without_flask_answer_as_flask_does(
    service: str, method: str, form: str, headers: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """moto's IAM and STS are called past its Flask application; the answer is the same."""
    direct_answer, flask_answer = _both_ways(service, method, form, headers, monkeypatch)
    assert direct_answer.status_code == flask_answer.status_code
    assert _without_ids(direct_answer) == _without_ids(flask_answer)


def test_motos_own_authentication_refuses_as_through_flask(monkeypatch: pytest.MonkeyPatch) -> None:
    """moto's refusal has no content type of its own: Flask's default decides its shape."""
    monkeypatch.setattr(settings, "INITIAL_NO_AUTH_ACTION_COUNT", 0)
    monkeypatch.setattr(ActionAuthenticatorMixin, "request_count", 0)
    form = "Action=GetRole&Version=2010-05-08&RoleName=present"
    direct_answer, flask_answer = _both_ways("iam", "POST", form, {}, monkeypatch)
    assert direct_answer.status_code == flask_answer.status_code == 403
    assert _without_ids(direct_answer) == _without_ids(flask_answer)


def _both_ways(
    service: str, method: str, form: str, headers: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> list[Response]:
    answers = []
    with mock_aws():
        proxy = MotoProxy()
        proxy.call(moto_environ("iam", "POST", _PRESENT), _PRESENT.encode(), "query", "iam")
        for direct in (motoproxy._DIRECT, frozenset()):  # the same read, past Flask and through
            monkeypatch.setattr(motoproxy, "_DIRECT", direct)
            environ = moto_environ(service, method, form, headers)
            body = environ["wsgi.input"].read()
            answers.append(proxy.call(environ, body, "query", service))
    return answers


def test_iam_and_sts_requests_to_their_root_skip_flask() -> None:
    for service in ("iam", "sts"):
        assert motoproxy._handler_for(service, moto_environ(service, "POST", "")) is not None
    assert motoproxy._handler_for("iam", moto_environ("iam", "POST", "", path="/x")) is None
    assert motoproxy._handler_for("iam", moto_environ("iam", "TRACE", "")) is None


def moto_environ(
    service: str, method: str, form: str, headers: dict[str, str] | None = None, path: str = "/"
) -> dict[str, Any]:
    """A signed query-protocol request: its form in the body, or in the query string of a GET."""
    in_query = method == "GET"
    return EnvironBuilder(
        path=path,
        method=method,
        query_string=form if in_query else None,
        data=b"" if in_query else form.encode(),
        content_type=None if in_query else "application/x-www-form-urlencoded",
        headers={"Authorization": SIGNED.format(service), **(headers or {})},
    ).get_environ()


def _without_ids(answer: Response) -> tuple[bytes, dict[str, str]]:
    request_id = answer.headers.get("x-amzn-requestid", "")
    headers = {k.lower(): v for k, v in answer.headers.items() if "requestid" not in k.lower()}
    return answer.get_data().replace(request_id.encode(), b""), headers


# -- exposure ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "name"),
    [
        ("127.0.0.1:5000", "127.0.0.1"),
        ("LOCALHOST", "localhost"),
        ("[::1]:8080", "::1"),
        ("[::1]", "::1"),
        ("emulator.:5000", "emulator"),
        ("[::1]x", None),
        ("host:port", None),
        ("", None),
    ],
)
def test_host_names_are_read_without_their_port(header: str, name: str | None) -> None:
    assert host_name(header) == name


def test_loopback_addresses() -> None:
    assert is_loopback_address("127.0.0.1") and is_loopback_address("::1")
    assert is_loopback_address("localhost") and is_loopback_address("127.8.9.1")
    assert not is_loopback_address("0.0.0.0") and not is_loopback_address("example.com")


@pytest.mark.parametrize(
    ("method", "host", "content_type", "status"),
    [
        ("POST", "evil.example", "application/json", 403),
        ("GET", "evil.example", None, 403),
        ("POST", "127.0.0.1:5000", "text/plain", 415),
        ("POST", "127.0.0.1:5000", "application/x-www-form-urlencoded", 415),
        ("POST", "127.0.0.1:5000", None, 415),
        ("DELETE", "localhost", None, 415),
        ("POST", "[::1]:5000", "application/json", 200),
        ("POST", "localhost", "application/json; charset=utf-8", 200),
        ("GET", "127.0.0.1", None, 200),
    ],
)
def test_controls_answer_loopback_hosts_and_json_only(
    http: Client, method: str, host: str, content_type: str | None, status: int
) -> None:
    headers = {"Host": host}
    if content_type:
        headers["Content-Type"] = content_type
    path = f"{PREFIX}/clock"
    body = b'{"advance_seconds": 1}' if method == "POST" else None
    if method == "DELETE":
        path = f"{PREFIX}/faults"
    answer = http.open(path, method=method, data=body, headers=headers)
    assert answer.status_code == status
    payload = json.loads(answer.get_data())
    assert isinstance(payload.get("error"), str) if status >= 400 else "error" not in payload
    assert "Access-Control-Allow-Origin" not in answer.headers


def test_allowed_host_names_reach_the_controls(http: Client, emulator: Emulator) -> None:
    headers = {"Host": "emulator:5000", "Content-Type": "application/json"}
    assert http.post(f"{PREFIX}/reset", data=b"{}", headers=headers).status_code == 403
    emulator.app.exposure = Exposure.serving(["Emulator"])
    assert http.post(f"{PREFIX}/reset", data=b"{}", headers=headers).status_code == 200


def test_motos_admin_api_is_off_unless_asked_for(http: Client, emulator: Emulator) -> None:
    for path in ("/moto-api/", "/moto-api/reset", "/moto-api/recorder/replay-recording"):
        answer = http.post(path)
        assert answer.status_code == 404
        assert "--moto-api" in answer.get_data(as_text=True)
    emulator.app.exposure = Exposure(moto_api=True)
    assert http.get("/moto-api/data.json").status_code == 200


# -- the nine malformed requests, in process ---------------------------------------------


def test_the_clock_cannot_be_moved_past_what_the_emulator_can_date(
    incident_manager: IncidentManager, http: Client
) -> None:
    headers = {"Content-Type": "application/json"}
    answer = http.post(f"{PREFIX}/clock", data=b'{"advance_seconds": 1e17}', headers=headers)
    assert answer.status_code == 400
    incidents = incident_manager.client("ssm-incidents")
    assert incidents.create_replication_set(regions={"us-east-1": {}})["arn"]


# -- what moto would crash on never reaches it -------------------------------------------


def query(http: Client, service: str | None, body: bytes) -> tuple[int, str]:
    headers = {"Authorization": SIGNED.format(service)} if service else {}
    answer = http.post(
        "/", data=body, content_type="application/x-www-form-urlencoded", headers=headers
    )
    return answer.status_code, answer.get_data(as_text=True)


def test_a_marker_moto_cannot_read_is_a_validation_error(http: Client) -> None:
    status, text = query(http, "iam", b"Action=ListPolicies&Marker=zz&Version=2010-05-08")
    assert status == 400 and "<Code>ValidationError</Code>" in text


def test_every_iam_list_is_paged_by_the_emulator(incident_manager: IncidentManager) -> None:
    iam = incident_manager.client("iam")
    for name in ("a", "b", "c"):
        iam.create_user(UserName=name)
    first = iam.list_users(MaxItems=2)
    assert [u["UserName"] for u in first["Users"]] == ["a", "b"] and first["IsTruncated"]
    rest = iam.list_users(Marker=first["Marker"])
    assert [u["UserName"] for u in rest["Users"]] == ["c"] and not rest["IsTruncated"]


def test_unsigned_sts_requests_are_validated_like_signed_ones(http: Client) -> None:
    status, text = query(
        http, None, b"Action=AssumeRoleWithWebIdentity&Version=2011-06-15&RoleSessionName=s1"
    )
    assert status == 400 and "<Code>ValidationError</Code>" in text
    assert "roleArn" in text


def test_other_methods_than_get_and_post_are_not_the_query_protocol(http: Client) -> None:
    answer = http.open(
        "/?Action=ListRoles&Version=2010-05-08",
        method="HEAD",
        headers={"Authorization": SIGNED.format("iam")},
    )
    assert answer.status_code == 405

"""Ways to break a well-formed request: its body, its headers, its request line.

Each mutation takes a request built from the model and returns one that a careless or hostile
client could send: JSON nested thousands deep, bytes that are not UTF-8, numbers of hundreds
of digits, a body that contradicts its ``Content-Type``, an ``Authorization`` that is not
SigV4 or names a service nobody serves, a form whose list positions are absurd, a request
line or header too long for HTTP itself. None of them may earn a 5xx or a Python name.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from hypothesis import strategies as st

from conformance.emulator.fuzzing.sending import RawRequest, signature

__all__ = ["MUTATIONS", "Mutation"]

Mutation = Callable[[RawRequest, st.DataObject], RawRequest]


def _nested(depth: int, kind: str) -> bytes:
    if kind == "list":
        return b"[" * depth + b"]" * depth
    return b'{"a":' * depth + b"1" + b"}" * depth


def deep_nesting(request: RawRequest, data: st.DataObject) -> RawRequest:
    depth = data.draw(st.sampled_from([40, 200, 1_100, 5_000, 100_000]), label="depth")
    kind = data.draw(st.sampled_from(["list", "object"]), label="kind")
    inner = _nested(depth, kind)
    body = data.draw(st.sampled_from([inner, b'{"x": ' + inner + b"}"]), label="where")
    return replace(request, body=body, mutation=f"deep-{kind}-{depth}")


def not_utf8(request: RawRequest, data: st.DataObject) -> RawRequest:
    junk = data.draw(st.sampled_from([b"\xff\xfe", b"\xc3\x28", b"\xed\xa0\x80", b"\x80"]))
    at = data.draw(st.integers(0, len(request.body)), label="at")
    return replace(request, body=request.body[:at] + junk + request.body[at:], mutation="not-utf8")


def huge_number(request: RawRequest, data: st.DataObject) -> RawRequest:
    number = data.draw(
        st.sampled_from(
            [b"9" * 401, b"9" * 5_000, b"1e999", b"-1e999", b"NaN", b"Infinity", b"1e-400"]
        ),
        label="number",
    )
    shape = data.draw(
        st.sampled_from([b'{"x": %s}', b"%s", b'{"maxResults": %s, "MaxResults": %s}'])
    )
    return replace(request, body=shape.replace(b"%s", number), mutation="huge-number")


def not_an_object(request: RawRequest, data: st.DataObject) -> RawRequest:
    body = data.draw(
        st.sampled_from([b"[]", b"1", b"null", b'"x"', b"{", b'{"a": }', b"{}}", b'{"a":1,"a":2}'])
    )
    return replace(request, body=body, mutation="not-an-object")


def random_bytes(request: RawRequest, data: st.DataObject) -> RawRequest:
    return replace(request, body=data.draw(st.binary(max_size=64)), mutation="random-bytes")


def content_type(request: RawRequest, data: st.DataObject) -> RawRequest:
    value = data.draw(
        st.sampled_from(
            [
                None,
                "text/plain",
                "application/xml",
                "multipart/form-data; boundary=x",
                "application/json; charset=latin-1",
                "application/x-www-form-urlencoded",
                "application/x-amz-json-1.0",
                ";;;",
            ]
        )
    )
    return replace(request.with_header("Content-Type", value), mutation="content-type")


def authorization(request: RawRequest, data: st.DataObject) -> RawRequest:
    value = data.draw(
        st.sampled_from(
            [
                None,
                "",
                "Bearer",
                "Bearer abc",
                "AWS AKIDEXAMPLE:c2lnbmF0dXJl",
                "AWS4-HMAC-SHA256",
                "AWS4-HMAC-SHA256 Credential=a/b/c",
                "AWS4-HMAC-SHA256 Credential=//////aws4_request",
                "Credential=AKID/20260101/us-east-1/iam/aws4_request",
                signature("no-such-service"),
                signature("s3"),
                signature("iam", region="nowhere-9"),
                signature("sts", region="x" * 300),
            ]
        ),
        label="authorization",
    )
    return replace(
        request.with_header("Authorization", value), routed=False, mutation="authorization"
    )


def target(request: RawRequest, data: st.DataObject) -> RawRequest:
    value = data.draw(
        st.sampled_from(
            [
                None,
                "",
                ".",
                "SSMContacts.",
                "SSMContacts.NoSuchThing",
                "AWSEvents.PutEvents",
                "x" * 5000,
            ]
        )
    )
    return replace(request.with_header("X-Amz-Target", value), mutation="target")


def method(request: RawRequest, data: st.DataObject) -> RawRequest:
    verb = data.draw(st.sampled_from(["GET", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD", "FOO"]))
    return replace(request, method=verb, mutation="method")


def path(request: RawRequest, data: st.DataObject) -> RawRequest:
    tail = data.draw(
        st.sampled_from(
            [
                "/x",
                "/../../etc/passwd",
                "%",
                "%ZZ",
                "%00",
                "/%ff%fe",
                "/\u00e9",
                "?a=%E0%A4%A",
                "//",
                "/" + "a" * 70_000,
            ]
        )
    )
    return replace(request, path=request.path + tail, mutation="path")


def query_string(request: RawRequest, data: st.DataObject) -> RawRequest:
    extra = data.draw(
        st.sampled_from(
            [
                "arn=",
                "maxResults=abc",
                "nextToken=-1",
                "tagKeys=",
                "a" * 5000 + "=1",
                "%FF=%FE",
                "&&&=",
            ]
        )
    )
    separator = "&" if "?" in request.path else "?"
    return replace(request, path=request.path + separator + extra, mutation="query-string")


def form_keys(request: RawRequest, data: st.DataObject) -> RawRequest:
    extra = data.draw(
        st.sampled_from(
            [
                b"&Tags.member.0.Key=a",
                b"&Tags.member.x.Key=a",
                b"&Tags.member.99999999999999999999.Key=a",
                b"&Tags.member.1=a",
                b"&Tags=a&Tags.member.1.Key=b",
                b"&RoleName.x=a",
                b"&..=1&.=2",
                b"&DurationSeconds=1e3",
                b"&MaxItems=%C2%B2",
                b"&Marker=%C2%B2",
                b"&RoleName=%FF%FE",
                b"&PolicyArn=arn%3Aaws%3Aiam%3A%3Aaws%3Apolicy%2F",
                b"&novalue",
            ]
        )
    )
    return replace(request, body=request.body + extra, mutation="form-keys")


def framing(request: RawRequest, data: st.DataObject) -> RawRequest:
    choice = data.draw(
        st.sampled_from(["chunked", "bad-chunk", "short-length", "bad-length", "expect"])
    )
    if choice == "chunked":
        body = (
            b"%x\r\n%s\r\n0\r\n\r\n" % (len(request.body), request.body)
            if request.body
            else b"0\r\n\r\n"
        )
        return replace(
            request.with_header("Transfer-Encoding", "chunked"), body=body, mutation=choice
        )
    if choice == "bad-chunk":
        return replace(
            request.with_header("Transfer-Encoding", "chunked"),
            body=b"zz\r\nxx\r\n",
            mutation=choice,
        )
    if choice == "short-length":
        length = str(max(0, len(request.body) // 2))
        return replace(request.with_header("Content-Length", length), mutation=choice)
    if choice == "bad-length":
        value = data.draw(st.sampled_from(["abc", "-1", "1e3", "9" * 30]))
        return replace(request.with_header("Content-Length", value), mutation=choice)
    return replace(request.with_header("Expect", "100-continue"), mutation=choice)


def headers(request: RawRequest, data: st.DataObject) -> RawRequest:
    choice = data.draw(st.sampled_from(["many", "long", "odd-host", "moto-account"]))
    if choice == "many":
        extra = tuple((f"X-Fuzz-{n}", "1") for n in range(150))
        return replace(request, headers=request.headers + extra, mutation="many-headers")
    if choice == "long":
        return replace(request.with_header("X-Fuzz", "a" * 70_000), mutation="long-header")
    if choice == "odd-host":
        return replace(request.with_header("Host", "evil.example"), mutation="odd-host")
    account = data.draw(st.sampled_from(["", "x", "1" * 500, "000000000000"]))
    return replace(request.with_header("X-Moto-Account-Id", account), mutation="moto-account")


def body_too_large(request: RawRequest, data: st.DataObject) -> RawRequest:
    return replace(
        request.with_header("Content-Length", str(64 * 1024 * 1024)), body=b"", mutation="too-large"
    )


#: Mutations that fit any request, and those that fit a protocol's bodies.
COMMON: tuple[Mutation, ...] = (
    not_utf8,
    random_bytes,
    content_type,
    authorization,
    method,
    path,
    query_string,
    framing,
    headers,
    body_too_large,
)
JSON_BODIES: tuple[Mutation, ...] = (deep_nesting, huge_number, not_an_object, target)
FORM_BODIES: tuple[Mutation, ...] = (form_keys, form_keys)

MUTATIONS: dict[str, tuple[Mutation, ...]] = {
    "rest-json": COMMON + JSON_BODIES,
    "json": COMMON + JSON_BODIES,
    "query": COMMON + FORM_BODIES,
}

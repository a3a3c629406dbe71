"""Putting fuzzed inputs on the wire: as raw HTTP built from the model, or through boto3.

The raw form writes each protocol by hand from botocore's model (the URI template and
locations of ``rest-json``, the target header of JSON 1.1, the flattened form of the query
protocol), so that it can carry what no SDK would: members of the wrong type, bytes that are
not UTF-8, headers and bodies that contradict each other. Requests go to the served emulator
on 127.0.0.1 over a plain socket, one connection each, with a timeout.
"""

from __future__ import annotations

import base64
import contextlib
import datetime as dt
import http.client
import json
import re
import socket
from dataclasses import dataclass, field, replace
from typing import Any
from urllib.parse import quote, urlencode

from botocore.model import OperationModel, Shape

from conformance.emulator.fuzzing.targets import Target

__all__ = ["RawRequest", "RawResponse", "build_raw", "send_raw", "signature"]

ACCESS_KEY = "AKIAIOSFODNN7EXAMPLE"


def signature(signing_name: str, region: str = "us-east-1") -> str:
    """A SigV4 ``Authorization`` header (the emulator reads the scope, not the signature)."""
    return (
        f"AWS4-HMAC-SHA256 Credential={ACCESS_KEY}/20260101/{region}/{signing_name}/aws4_request, "
        "SignedHeaders=host;x-amz-date, Signature=00"
    )


@dataclass(frozen=True)
class RawRequest:
    method: str
    path: str  # as sent: percent-encoded, with the query string
    headers: tuple[tuple[str, str], ...]
    body: bytes = b""
    #: Whether the request still says which service it is for (its signature scope).
    routed: bool = True
    mutation: str = ""

    def header(self, name: str) -> str | None:
        for key, value in self.headers:
            if key.lower() == name.lower():
                return value
        return None

    def with_header(self, name: str, value: str | None) -> RawRequest:
        kept = tuple((k, v) for k, v in self.headers if k.lower() != name.lower())
        return replace(self, headers=kept if value is None else (*kept, (name, value)))

    def wire(self, host: str) -> bytes:
        lines = [f"{self.method} {self.path} HTTP/1.1", f"Host: {self.header('Host') or host}"]
        lines += [f"{k}: {v}" for k, v in self.headers if k.lower() != "host"]
        if self.header("Content-Length") is None and self.header("Transfer-Encoding") is None:
            lines.append(f"Content-Length: {len(self.body)}")
        head = "\r\n".join(lines).encode("utf-8", "surrogateescape") + b"\r\n\r\n"
        return head + self.body

    def text(self) -> str:
        return self.wire("127.0.0.1").decode("utf-8", "replace")


@dataclass(frozen=True)
class RawResponse:
    status: int
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""


def send_raw(host: str, port: int, request: RawRequest, timeout: float = 15.0) -> RawResponse:
    """Send one request on its own connection; the server closes it after answering."""
    with socket.create_connection((host, port), timeout=timeout) as sock:
        # the server may answer (413, 431) before it has read everything
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            sock.sendall(request.wire(f"{host}:{port}"))
        answer = http.client.HTTPResponse(sock, method=request.method)
        answer.begin()
        body = answer.read()
        return RawResponse(answer.status, {k.lower(): v for k, v in answer.getheaders()}, body)


# -- building requests from the model ----------------------------------------------------


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, bytes | bytearray):
        return base64.b64encode(bytes(value)).decode("ascii")
    if value is None:
        return ""
    return str(value)


def _jsonable(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.timestamp()
    if isinstance(value, bytes | bytearray):
        return base64.b64encode(bytes(value)).decode("ascii")
    return str(value)


def _dumps(value: Any) -> bytes:
    return json.dumps(value, default=_jsonable).encode("utf-8", "surrogatepass")


def flatten(shape: Shape | None, value: Any, prefix: str, out: list[tuple[str, str]]) -> None:
    """A value as query-protocol form pairs, led by its shape where the value agrees."""
    kind = shape.type_name if shape is not None else None
    if isinstance(value, dict) and kind == "map":
        for index, (key, item) in enumerate(value.items(), start=1):
            out.append((f"{prefix}.entry.{index}.key", _scalar(key)))
            flatten(shape.value if shape else None, item, f"{prefix}.entry.{index}.value", out)
    elif isinstance(value, dict):
        members = shape.members if shape is not None and kind == "structure" else {}
        for key, item in value.items():
            name = f"{prefix}.{key}" if prefix else str(key)
            flatten(members.get(key), item, name, out)
    elif isinstance(value, list):
        member = shape.member if shape is not None and kind == "list" else None
        if not value:
            out.append((prefix, ""))
        for index, item in enumerate(value, start=1):
            flatten(member, item, f"{prefix}.member.{index}", out)
    else:
        out.append((prefix, _scalar(value)))


def build_raw(target: Target, operation: OperationModel, params: dict[str, Any]) -> RawRequest:
    """The request an SDK would send for ``params``, written from the model by hand."""
    auth = ("Authorization", signature(target.signing_name))
    model = target.model
    if target.protocol == "query":
        pairs: list[tuple[str, str]] = [("Action", operation.name), ("Version", model.api_version)]
        flatten(operation.input_shape, params, "", pairs)
        body = urlencode(pairs, errors="surrogatepass").encode("ascii")
        form = ("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
        return RawRequest("POST", "/", (auth, form), body)
    if target.protocol == "json":
        json_headers = (
            auth,
            ("Content-Type", "application/x-amz-json-1.1"),
            ("X-Amz-Target", f"{model.metadata['targetPrefix']}.{operation.name}"),
        )
        return RawRequest("POST", "/", json_headers, _dumps(params))
    return _rest_json(operation, params, auth)


def _rest_json(
    operation: OperationModel, params: dict[str, Any], auth: tuple[str, str]
) -> RawRequest:
    uri: str = operation.http.get("requestUri", "/")
    path_template, _, fixed = uri.partition("?")
    shape = operation.input_shape
    members: dict[str, Shape] = shape.members if shape is not None else {}
    labels: dict[str, str] = {}
    query = [(key, value) for key, _, value in (p.partition("=") for p in fixed.split("&") if p)]
    headers: list[tuple[str, str]] = [auth, ("Content-Type", "application/json")]
    body: dict[str, Any] = {}
    for name, value in params.items():
        member = members.get(name)
        location = member.serialization.get("location") if member is not None else None
        wire = member.serialization.get("name", name) if member is not None else name
        if location == "uri":
            labels[wire] = _scalar(value)
        elif location == "querystring":
            query.extend(_query_pairs(wire, value))
        elif location == "header":
            headers.append((wire, _header_safe(_scalar(value))))
        else:
            body[wire] = value

    def fill(match: re.Match[str]) -> str:
        name = match.group(1)
        greedy = name.endswith("+")
        text = labels.get(name.rstrip("+"), "x")
        return quote(text, safe="/" if greedy else "", errors="surrogatepass")

    path = re.sub(r"\{([^}]+)\}", fill, path_template) or "/"
    if query:
        path += "?" + urlencode(query, errors="surrogatepass")
    method = str(operation.http.get("method", "POST")).upper()
    return RawRequest(method, path, tuple(headers), _dumps(body) if body else b"")


def _query_pairs(wire: str, value: Any) -> list[tuple[str, str]]:
    if isinstance(value, dict):  # a map member: its keys are the parameter names
        return [(_scalar(key), _scalar(item)) for key, item in value.items()]
    items = value if isinstance(value, list) else [value]
    return [(wire, _scalar(item)) for item in items]


def _header_safe(text: str) -> str:
    return "".join(ch if " " <= ch <= "~" else "?" for ch in text)[:1024]

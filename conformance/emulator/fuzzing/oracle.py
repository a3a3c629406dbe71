"""What every answer of the emulator must be, whatever it was asked.

* Never a 5xx, except ``501 NotImplemented`` for an operation the emulator does not implement
  and, for operations that pass through to moto, moto's own crash (reported, in AWS shape).
* Every error in AWS shape, read by botocore's own parser of the service's protocol into an
  error code: ``<ErrorResponse><Error><Code>`` for IAM and STS, ``{"__type", "message"}`` for
  the JSON services. A request that no longer says which service it is for (its signature
  broken) may be answered in either family.
* Every success read by botocore's parser without complaint.
* No Python exception name, and no traceback, in any answer (unless the request itself
  carried that word, which an error message may echo).
"""

from __future__ import annotations

import builtins
import json
import re
from dataclasses import dataclass
from typing import Any
from xml.etree import ElementTree

from botocore.model import OperationModel
from botocore.parsers import create_parser

from conformance.emulator.fuzzing.sending import RawResponse

__all__ = ["Finding", "Verdict", "judge", "python_names"]

_PYTHON_NAMES = sorted(
    {
        name
        for name, value in vars(builtins).items()
        if isinstance(value, type)
        and issubclass(value, BaseException)
        and not issubclass(value, Warning)
        and name not in ("Exception", "BaseException")
    }
    | {"Traceback", "JSONDecodeError", "botocore", "werkzeug", "moto.core"}
)
_NAMES = re.compile(r"\b(" + "|".join(re.escape(n) for n in _PYTHON_NAMES) + r")\b")


#: What a request may be answered in once it no longer says which service it is for: any
#: service's protocol (moto's S3, say, answers rest-xml).
_OTHER_FAMILIES = {
    "query": ("json", "rest-xml"),
    "json": ("query", "rest-xml"),
    "rest-json": ("query", "rest-xml"),
}
_NOT_IMPLEMENTED = frozenset({"NotImplementedException", "NotImplemented"})
#: Statuses the HTTP layer answers before the request's headers are read.
_HTTP_LAYER = frozenset({414, 431})


@dataclass(frozen=True)
class Finding:
    """One answer that broke a rule."""

    rule: str
    service: str
    operation: str
    status: int
    detail: str
    request: str

    def key(self) -> tuple[str, str, str, int, str]:
        return (self.rule, self.service, self.operation, self.status, self.detail[:80])


@dataclass(frozen=True)
class Verdict:
    """What one answer was: its status, error code, and whatever rules it broke."""

    status: int
    code: str | None
    findings: tuple[Finding, ...]
    moto_crash: bool = False


def python_names(text: str, sent: str) -> list[str]:
    """Python exception names in ``text`` that the request (``sent``) did not carry itself."""
    return sorted({m for m in _NAMES.findall(text) if m not in sent})


def _error_code(
    protocol: str, response: RawResponse, operation: OperationModel | None
) -> str | None:
    """The error code botocore's parser of ``protocol`` reads from ``response``, if any."""
    parser = create_parser(protocol)
    shape = operation.output_shape if operation is not None else None
    try:
        parsed: dict[str, Any] = parser.parse(
            {"status_code": response.status, "headers": response.headers, "body": response.body},
            shape,
        )
    except Exception:  # the body is not what this protocol's SDKs can read
        return None
    code = parsed.get("Error", {}).get("Code")
    if not code or code == str(response.status):  # botocore's guess when it found no code
        return None
    return str(code)


def _shaped(protocol: str, response: RawResponse) -> bool:
    """The body itself, beyond what botocore tolerates: the AWS error document."""
    if protocol in ("query", "rest-xml"):
        try:
            root = ElementTree.fromstring(response.body)
        except ElementTree.ParseError:
            return False
        if protocol == "rest-xml" and root.tag.endswith("Error"):
            return root.find("./{*}Code") is not None
        return root.tag.endswith("ErrorResponse") and root.find("./{*}Error/{*}Code") is not None
    try:
        body = json.loads(response.body)
    except ValueError:
        return False
    return isinstance(body, dict) and "__type" in body and ("message" in body or "Message" in body)


def judge(
    protocol: str,
    service: str,
    operation: OperationModel | None,
    response: RawResponse,
    sent: str,
    *,
    routed: bool = True,
    strict: bool = True,
    own_implemented: bool = False,
    check_success: bool = True,
    head: bool = False,
) -> Verdict:
    """The verdict on one answer (``sent`` is the request as text, for the echo rule).

    ``strict``: a 5xx is a defect (otherwise it is moto's crash, reported apart);
    ``own_implemented``: the emulator itself implements the operation, so not even 501;
    ``check_success``: a 2xx must be readable as the operation's output (not when the request
    was mutated into another operation's); ``head``: the answer to a ``HEAD`` has no body.
    """
    name = operation.name if operation is not None else "-"
    findings: list[Finding] = []

    def note(rule: str, detail: str) -> None:
        findings.append(Finding(rule, service, name, response.status, detail, sent[:600]))

    text = response.body.decode("utf-8", "replace")
    names = python_names(text + json.dumps(response.headers), sent)
    if names:
        note("python-name", f"the answer names {', '.join(names)}: {text[:200]}")
    code: str | None = None
    moto_crash = False
    if head:
        code = response.headers.get("x-amzn-errortype")
    elif response.status >= 400:
        # Before the headers are read (a request line or headers too long for HTTP), nobody
        # knows the request's protocol: either family's SDKs must read a code.
        unknown = not routed or response.status in _HTTP_LAYER
        families = [protocol, *_OTHER_FAMILIES[protocol]] if unknown else [protocol]
        for family in families:
            code = _error_code(family, response, operation)
            if code is not None and _shaped(family, response):
                break
            code = None
        if code is None:
            note("shape", f"an error that is not AWS-shaped: {text[:200]}")
    elif check_success and operation is not None and response.status not in (204, 304):
        try:
            create_parser(protocol).parse(
                {
                    "status_code": response.status,
                    "headers": response.headers,
                    "body": response.body,
                },
                operation.output_shape,
            )
        except Exception as exc:
            note("unparseable", f"botocore cannot read the success: {type(exc).__name__}")
    if response.status >= 500:
        not_implemented = response.status == 501 and (head or code in _NOT_IMPLEMENTED)
        if not_implemented:
            if own_implemented and routed:
                note("5xx", f"an operation the emulator implements answered 501: {text[:200]}")
        elif strict and routed:
            note("5xx", f"{response.status} {code}: {text[:200]}")
        else:
            moto_crash = True
    return Verdict(response.status, code, tuple(findings), moto_crash)

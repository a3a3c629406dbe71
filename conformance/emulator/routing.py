"""Which service, Region and account a request is for, told from its headers alone.

A signed request names its service and Region in the SigV4 credential scope
(``Authorization: AWS4-HMAC-SHA256 Credential=KEY/DATE/REGION/SERVICE/aws4_request, ...``); a
few unsigned ones say it in ``X-Amz-Target``. The account comes from the access key, as moto
has it, so that IAM users of other accounts work. An ``Authorization`` header of any other
form is refused here (``IncompleteSignature``), because moto's own router reads it by
position and crashes on some of them.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from typing import Any

from moto.iam.models import get_account_id_from
from werkzeug import Request

from conformance.emulator.contracts import DEFAULT_ACCOUNT_ID
from conformance.emulator.errors import IncompleteSignature
from conformance.emulator.wire.errors import Style
from conformance.emulator.wire.query import FORM_CONTENT_TYPE

__all__ = ["OWN_SERVICES", "Route", "WsgiEnviron", "account_of", "error_style", "route_of"]

WsgiEnviron = dict[str, Any]

_SIGV4 = re.compile(
    r"AWS4-HMAC-SHA256[ \t]+Credential=([^/,\s]+)/([^/,\s]+)/([^/,\s]+)/([^/,\s]+)/aws4_request"
    r"[ \t]*(?:,.*)?",
    re.DOTALL,
)
#: ``X-Amz-Target`` prefixes of the unsigned JSON requests the emulator routes itself.
_TARGET_PREFIXES = {"AWSEvents": "events", "GraniteServiceVersion20100801": "monitoring"}
_DEFAULT_REGION = "us-east-1"
_DEFAULT_ACCESS_KEY = "AKIAEXAMPLE"

#: The services the emulator answers or fronts, by signing name: their protocol, and the
#: botocore name of their model.
OWN_SERVICES: dict[str, tuple[Style, str]] = {
    "ssm-incidents": ("rest-json", "ssm-incidents"),
    "ssm-contacts": ("json", "ssm-contacts"),
    "iam": ("query", "iam"),
    "sts": ("query", "sts"),
    "events": ("json", "events"),
    "monitoring": ("json", "cloudwatch"),
}


@dataclass(frozen=True)
class Route:
    """What the request says about itself: service (signing name), Region and access key."""

    service: str | None
    region: str
    access_key: str


def route_of(environ: WsgiEnviron) -> Route:
    """The request's route; ``IncompleteSignature`` for an ``Authorization`` not SigV4."""
    auth = str(environ.get("HTTP_AUTHORIZATION", ""))
    if auth:
        match = _SIGV4.fullmatch(auth.strip())
        if match is None:
            raise IncompleteSignature(
                "The Authorization header is not an AWS Signature Version 4 "
                "(AWS4-HMAC-SHA256 Credential=KEY/DATE/REGION/SERVICE/aws4_request, ...)."
            )
        access_key, _date, region, service = match.groups()
        return Route(service.lower(), region, access_key)
    target = str(environ.get("HTTP_X_AMZ_TARGET", ""))
    service = _TARGET_PREFIXES.get(target.split(".", 1)[0]) if target else None
    return Route(service, _DEFAULT_REGION, _DEFAULT_ACCESS_KEY)


def account_of(environ: WsgiEnviron, access_key: str) -> str:
    """The account moto would use: ``MOTO_ACCOUNT_ID``, the moto header, else the access key."""
    if os.environ.get("MOTO_ACCOUNT_ID"):
        return os.environ["MOTO_ACCOUNT_ID"]
    header = environ.get("HTTP_X_MOTO_ACCOUNT_ID")
    if header:
        return str(header)
    return str(get_account_id_from(access_key) or DEFAULT_ACCOUNT_ID)


def error_style(request: Request, service: str | None) -> tuple[Style, str | None]:
    """How to write an error for ``request``: its protocol, and the botocore model to consult.

    A service the emulator fronts has one protocol (CloudWatch two: JSON with ``X-Amz-Target``,
    the query protocol without). For any other request the headers decide: a target or a JSON
    body means JSON; anything else gets query XML, which SDKs of the XML protocols also read.
    """
    if service == "monitoring" and "X-Amz-Target" not in request.headers:
        return "query", "cloudwatch"
    if service in OWN_SERVICES:
        return OWN_SERVICES[service]
    if "X-Amz-Target" in request.headers:
        return "json", None
    mimetype = request.mimetype
    if mimetype == FORM_CONTENT_TYPE:
        return "query", None
    if "json" in mimetype:
        return "rest-json", None
    return "query", None

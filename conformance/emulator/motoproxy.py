"""moto behind the emulator: asked in memory, its answers kept in AWS shape.

moto serves everything the emulator does not write itself (IAM and STS beyond the
service-linked role's rules, CloudWatch, EventBridge, and every other service). It is a Flask
application in debug mode, so a defect in it arrives here as an exception; some of its answers
are Flask's HTML pages (an unknown path, a wrong method) or a bare text message. The proxy
turns each of those into an AWS-shaped error of the request's protocol: ``NotImplemented``
(501) for what moto does not implement, ``InternalFailure`` (500) for a crash, and a 4xx
with an AWS error code for Flask's own refusals. No answer names a Python exception.
IAM and STS, asked on nearly every call, skip Flask and reach moto's handler directly.
"""

from __future__ import annotations

import importlib
import io
import json
import logging
import re
from collections.abc import Callable, Iterable
from functools import cache, lru_cache
from typing import Any
from xml.etree import ElementTree

from botocore.exceptions import ClientError
from flask import Response as FlaskResponse
from moto import backends
from moto.moto_api import recorder
from moto.moto_server.werkzeug_app import (
    HTTP_METHODS,
    BackendRequest,
    DomainDispatcherApplication,
    create_backend_app,
)
from moto.settings import DISABLE_GLOBAL_CORS
from werkzeug import Response
from werkzeug.exceptions import BadRequestKeyError, HTTPException

from conformance.emulator.errors import (
    EmulatorError,
    InternalServerException,
    NotImplementedOperation,
    UnknownOperationException,
)
from conformance.emulator.intake import release
from conformance.emulator.wire.errors import Style, error_response

__all__ = ["MotoProxy"]

#: The services the emulator asks most (it fronts them and re-reads their answers), which moto
#: answers from one handler per path: they are called directly, not through Flask, whose
#: routing and request set-up cost as much as moto's own work. The answers are the same.
_DIRECT = frozenset({"iam", "sts"})

_log = logging.getLogger(__name__)
_DEFECT = "moto failed to process the request."
_TRACEBACK = b"Traceback (most recent call last)"


class _Dispatcher(DomainDispatcherApplication):
    """moto's host dispatcher, with each host's backend looked up once.

    moto looks it up on every request by listing its modules on disk, which costs more than
    the call itself.
    """

    def get_backend_for_host(self, host: str | None) -> Any:
        if host is None or host == "moto_api":
            return super().get_backend_for_host(host)
        return _backend_for(host, self)


class MotoProxy:
    """moto's server application, called in memory."""

    def __init__(self) -> None:
        self.app = _Dispatcher(create_backend_app)

    # -- routing --------------------------------------------------------------------------

    def infer_host(self, environ: dict[str, Any], path: str) -> str | None:
        """The host moto would route the request to, or ``None`` when it cannot tell."""
        try:
            host = self.app.infer_service_region_host(environ, path)
        except Exception:  # moto's router reads headers by position; it may fail on any
            return None
        return str(host) if host else None

    def serves(self, host: str) -> bool:
        """Whether moto has a backend for ``host`` (``sns.us-east-1.amazonaws.com``)."""
        return _backend_for(host, self.app) is not None

    # -- calling --------------------------------------------------------------------------

    def call(
        self, environ: dict[str, Any], body: bytes, style: Style, service: str | None = None
    ) -> Response:
        """moto's answer, buffered so that it can be read before it is returned."""
        environ = dict(environ)
        environ.pop("werkzeug.request", None)  # the caller's; moto makes its own
        environ["wsgi.input"] = io.BytesIO(body)
        environ["CONTENT_LENGTH"] = str(len(body))
        captured: dict[str, Any] = {}

        def start_response(
            status: str, headers: list[tuple[str, str]], exc_info: Any = None
        ) -> Callable[[bytes], None]:
            captured["status"] = int(status.split(" ", 1)[0])
            captured["headers"] = headers
            return lambda data: None

        handler = _handler_for(service, environ) if service in _DIRECT else None
        try:
            return self._answer(
                environ, handler, start_response, captured, style=style, service=service
            )
        finally:
            release(environ)

    def _answer(
        self,
        environ: dict[str, Any],
        handler: Callable[..., Any] | None,
        start_response: Callable[..., Any],
        captured: dict[str, Any],
        *,
        style: Style,
        service: str | None,
    ) -> Response:
        try:
            if handler is None:
                payload = _drain(self.app(environ, start_response))
            else:
                payload = _drain(_direct(handler, environ, start_response))
        except NotImplementedError:
            return error_response(
                NotImplementedOperation("moto, which answers this request, does not implement it."),
                style,
                service,
            )
        except Exception:
            _log.exception(
                "moto failed on %s %s", environ.get("REQUEST_METHOD"), environ.get("PATH_INFO")
            )
            return error_response(InternalServerException(_DEFECT), style, service)
        headers = [(k, v) for k, v in captured["headers"] if k.lower() != "content-length"]
        response = Response(payload, status=captured["status"], headers=headers)
        refusal = _misshapen(response, style, known=service is not None)
        return response if refusal is None else error_response(refusal, style, service)


def _drain(chunks: Iterable[bytes]) -> bytes:
    try:
        return b"".join(chunks)
    finally:
        close = getattr(chunks, "close", None)
        if close is not None:
            close()


@cache
def _paths(service: str) -> tuple[tuple[re.Pattern[str], Callable[..., Any]], ...]:
    """moto's handlers of ``service``, each with the paths it answers."""
    module = importlib.import_module(f"moto.{service}.urls")
    return tuple(
        (re.compile(path.format("")), handler) for path, handler in module.url_paths.items()
    )


def _handler_for(service: str | None, environ: dict[str, Any]) -> Callable[..., Any] | None:
    """The handler moto's Flask application would route the request for ``service`` to, if
    any; a request it would not route (another path, a method of no rule) goes through Flask,
    which answers it as it always has."""
    if environ.get("REQUEST_METHOD") not in HTTP_METHODS:
        return None
    path = environ.get("PATH_INFO", "")
    for pattern, handler in _paths(str(service)):
        if pattern.fullmatch(path):
            return handler
    return None


def _direct(
    handler: Callable[..., Any], environ: dict[str, Any], start_response: Any
) -> Iterable[bytes]:
    """What moto's Flask view would answer, without Flask: the same request class, the same
    recording of the request, the same response class (whose default type is HTML, which
    ``_misshapen`` reads), a ``ClientError`` as a 400, an HTTP exception as its page (but a
    missing form key as a crash, as Flask in debug mode raises it) and the CORS headers."""
    request = BackendRequest(environ)
    try:
        recorder._record_request(request)
        result = handler(request, request.raw_url, dict(request.headers))
    except ClientError as exc:
        result = 400, {}, exc.response["Error"]["Message"]
    except BadRequestKeyError:
        raise
    except HTTPException as exc:
        result = exc.get_response(environ)
    if not isinstance(result, Response):
        status, headers, content = result if len(result) == 3 else (200, {}, result)
        result = FlaskResponse(response=content, status=status, headers=headers)
    response: Response = result
    if not DISABLE_GLOBAL_CORS:
        _add_cors(response, environ.get("HTTP_ORIGIN"))
    return response(environ, start_response)


def _add_cors(response: Response, origin: str | None) -> None:
    """What the CORS extension of moto's Flask application adds to an answer: every origin
    is allowed, named back to a request that names one."""
    if "Access-Control-Allow-Origin" in response.headers:
        return
    if origin is None:
        response.headers["Access-Control-Allow-Origin"] = "*"
        return
    response.headers["Access-Control-Allow-Origin"] = origin
    response.vary.add("Origin")


@lru_cache(maxsize=512)
def _backend_for(host: str, app: DomainDispatcherApplication) -> str | None:
    """moto's ``get_backend_for_host``, without the line it prints when there is none."""
    if host in backends.list_of_moto_modules():
        return host
    for backend, pattern in app.backend_url_patterns:
        if pattern.match(f"http://{host}"):
            return str(backend)
    return None


def _misshapen(response: Response, style: Style, *, known: bool) -> EmulatorError | None:
    """The AWS error to answer instead of moto's, when moto's is not in AWS shape."""
    status = response.status_code
    if status < 400:
        return None
    data = response.get_data()
    if status >= 500 or _TRACEBACK in data:
        return InternalServerException(_DEFECT)
    head = data.lstrip()[:64].lower()
    html = head.startswith((b"<!doctype html", b"<html")) or "text/html" in (
        response.content_type or ""
    )
    if not html and (not known or _shaped(data, style)):
        return None
    if status in (404, 405):
        return UnknownOperationException(
            "No operation of this service matches the request's method and path.", status=status
        )
    message = "" if html else data.decode("utf-8", "replace").strip()[:512]
    return EmulatorError(
        message or "The request is not valid.", code="InvalidRequest", status=status
    )


def _shaped(data: bytes, style: Style) -> bool:
    """Whether an error body is one the SDKs of ``style`` read an error code from."""
    if style == "query":
        try:
            root = ElementTree.fromstring(data)
        except ElementTree.ParseError:
            return False
        return root.find(".//Code") is not None or root.find(".//{*}Code") is not None
    try:
        parsed = json.loads(data)
    except ValueError:
        return False
    return isinstance(parsed, dict) and any(key in parsed for key in ("__type", "code", "Code"))

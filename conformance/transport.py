"""An in-memory transport: boto3 clients whose requests go straight into a WSGI application.

The reference emulator is one WSGI application. Served over HTTP it is the
``reference-server`` backend; called through this transport it is the in-process
``reference`` backend. Both paths run the same code, and no socket is opened in process.
"""

from __future__ import annotations

import io
from typing import Any
from urllib.parse import urlsplit

import boto3
from botocore.awsrequest import AWSPreparedRequest, AWSResponse
from botocore.config import Config
from werkzeug.test import EnvironBuilder, run_wsgi_app

from conformance.backends.base import Credentials

#: The URL in-process clients are pointed at; nothing listens there.
IN_PROCESS_URL = "http://in-process.emulator"

WsgiApp = Any


class _RawBody(io.BytesIO):
    """What botocore expects of ``AWSResponse.raw``: a readable with a ``stream`` method."""

    def stream(self, amt: int = 1024, decode_content: bool | None = None) -> Any:
        while chunk := self.read(amt):
            yield chunk


def call_wsgi(app: WsgiApp, request: AWSPreparedRequest) -> AWSResponse:
    """Run one prepared botocore request through ``app`` and wrap the answer for botocore.

    werkzeug builds the WSGI environ (percent-decoded ``PATH_INFO``, the raw path kept in
    ``RAW_URI`` as a real server keeps it) and runs the application.
    """
    parts = urlsplit(request.url)
    body = request.body or b""
    if isinstance(body, str):
        body = body.encode("utf-8")
    elif not isinstance(body, bytes):
        body = body.read()
    headers = [
        (name, value.decode("utf-8") if isinstance(value, bytes) else str(value))
        for name, value in request.headers.items()
        if name.lower() != "content-length"
    ]
    environ = EnvironBuilder(
        path=parts.path or "/",
        base_url=f"{parts.scheme or 'http'}://{parts.netloc}",
        query_string=parts.query,
        method=request.method,
        headers=headers,
        data=body,
    ).get_environ()
    app_iter, status, response_headers = run_wsgi_app(app, environ, buffered=True)
    try:
        payload = b"".join(app_iter)
    finally:
        close = getattr(app_iter, "close", None)
        if close is not None:
            close()
    return AWSResponse(
        request.url, int(status.split(" ", 1)[0]), dict(response_headers), _RawBody(payload)
    )


class InProcessSession:
    """A boto3 session whose clients all talk to one WSGI application in memory."""

    def __init__(self, app: WsgiApp, credentials: Credentials, region: str) -> None:
        self._app = app
        self._default = credentials
        self._region = region
        self._sessions: dict[Credentials, boto3.session.Session] = {}

    def _session(self, credentials: Credentials) -> boto3.session.Session:
        session = self._sessions.get(credentials)
        if session is None:
            session = boto3.session.Session(
                aws_access_key_id=credentials.access_key_id,
                aws_secret_access_key=credentials.secret_access_key,
                aws_session_token=credentials.session_token,
                region_name=self._region,
            )
            session.events.register("before-send", self._send)
            self._sessions[credentials] = session
        return session

    def _send(self, request: AWSPreparedRequest, **_: Any) -> AWSResponse:
        return call_wsgi(self._app, request)

    def client(
        self, service: str, region: str | None = None, credentials: Credentials | None = None
    ) -> Any:
        session = self._session(credentials or self._default)
        return session.client(
            service,
            region_name=region or self._region,
            endpoint_url=IN_PROCESS_URL,
            config=Config(retries={"total_max_attempts": 1, "mode": "standard"}),
        )

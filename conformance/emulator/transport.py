"""An in-memory transport: boto3 clients whose requests go straight into a WSGI application.

The reference emulator is one WSGI application. Served over HTTP it is the
``reference-server`` backend; called through this transport it is the in-process
``reference`` backend. Both paths run the same code, and no socket is opened in process.
"""

from __future__ import annotations

import functools
import io
from typing import Any
from urllib.parse import urlsplit

import boto3
from botocore.awsrequest import AWSPreparedRequest, AWSResponse
from botocore.config import Config
from moto.core.models import botocore_stubber
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
    # Buffered: werkzeug reads the answer whole and closes the application's iterator itself.
    app_iter, status, response_headers = run_wsgi_app(app, environ, buffered=True)
    payload = b"".join(app_iter)
    return AWSResponse(
        request.url, int(status.split(" ", 1)[0]), dict(response_headers), _RawBody(payload)
    )


@functools.cache
def _shared_session() -> boto3.session.Session:
    """One boto3 session for every in-process client of this process: the service models are
    read from disk once, not once per emulator (the mutants make one emulator each)."""
    return boto3.session.Session()


class InProcessSession:
    """boto3 clients that all talk to one WSGI application in memory.

    Every client carries its own credentials and sends through this application; the boto3
    session under them is shared, so that making a client costs no model loading.
    """

    def __init__(self, app: WsgiApp, credentials: Credentials, region: str) -> None:
        self._app = app
        self._default = credentials
        self._region = region

    def retarget(self, app: WsgiApp) -> None:
        """Send every request, of clients made before too, to ``app`` from now on."""
        self._app = app

    def _send(self, request: AWSPreparedRequest, **_: Any) -> AWSResponse:
        return call_wsgi(self._app, request)

    def client(
        self, service: str, region: str | None = None, credentials: Credentials | None = None
    ) -> Any:
        creds = credentials or self._default
        client = _shared_session().client(
            service,
            region_name=region or self._region,
            endpoint_url=IN_PROCESS_URL,
            aws_access_key_id=creds.access_key_id,
            aws_secret_access_key=creds.secret_access_key,
            aws_session_token=creds.session_token,
            config=Config(retries={"total_max_attempts": 1, "mode": "standard"}),
        )
        # First in line, and alone: moto's mock_aws, when active, must not answer it too.
        client.meta.events.register_first("before-send", self._send)
        client.meta.events.unregister("before-send", botocore_stubber)
        return client

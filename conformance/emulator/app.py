"""The emulator's one WSGI application: route each request to the part that owns it.

Served over HTTP it is the ``reference-server`` backend; called in memory it is the
``reference`` backend. The route comes from the SigV4 credential scope
(``Credential=KEY/DATE/REGION/SERVICE/aws4_request``) or the ``X-Amz-Target`` header, the
account from the access key (as moto does, so IAM users of other accounts work).

* ``/_conformance/v1/...``: the control protocol.
* ``ssm-incidents``, ``ssm-contacts``: the emulator's own services.
* ``iam``, ``sts``: the service-linked role's interceptors, then moto (IAM lists cut into
  pages when the emulator's consistency says so).
* ``monitoring``, ``events``: moto, then the alarm and rule triggers.
* anything else: moto unchanged.

Malformed requests to the services the emulator fronts are refused with AWS-shaped 4xx errors
before moto sees them (moto crashes on some of them). Requests are served one at a time: moto's
backends are not thread-safe, and a lost update is worse than a short wait.
"""

from __future__ import annotations

import io
import json
import logging
import os
import re
import threading
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from botocore.loaders import Loader
from botocore.model import OperationNotFoundError, ServiceModel
from moto.cloudwatch.models import cloudwatch_backends
from moto.events.models import events_backends
from moto.iam.models import get_account_id_from
from moto.moto_server.werkzeug_app import DomainDispatcherApplication, create_backend_app
from werkzeug import Request, Response

from conformance.controls import PREFIX
from conformance.emulator import querywire
from conformance.emulator.contracts import DEFAULT_ACCOUNT_ID
from conformance.emulator.controls import handle_control
from conformance.emulator.errors import EmulatorError
from conformance.emulator.iam_slr import paging
from conformance.emulator.iam_slr.handlers import IamInterceptor, QueryCall, StsInterceptor
from conformance.emulator.iam_slr.models import Caller
from conformance.emulator.protocol import validate_input

if TYPE_CHECKING:
    from conformance.emulator import Emulator

_log = logging.getLogger(__name__)

_CREDENTIAL = re.compile(r"Credential=([^/,\s]+)/[^/,\s]*/([^/,\s]+)/([^/,\s]+)/aws4_request")
#: ``X-Amz-Target`` prefixes of the JSON services the emulator fronts.
_TARGET_PREFIXES = {"AWSEvents": "events", "GraniteServiceVersion20100801": "monitoring"}
#: botocore's name of a service, by its signing name.
_MODEL_NAMES = {"monitoring": "cloudwatch", "events": "events", "iam": "iam", "sts": "sts"}
_QUERY_SERVICES = frozenset({"iam", "sts"})
#: moto's backends of the regional services the emulator fronts, for the Region check.
_REGIONAL_BACKENDS: dict[str, Any] = {"events": events_backends, "monitoring": cloudwatch_backends}
_DEFAULT_REGION = "us-east-1"
_DEFAULT_ACCESS_KEY = "AKIAEXAMPLE"

WsgiEnviron = dict[str, Any]
StartResponse = Callable[..., Any]


@dataclass(frozen=True)
class Route:
    """What the request says about itself: service (signing name), Region and access key."""

    service: str | None
    region: str
    access_key: str


def route_of(environ: WsgiEnviron) -> Route:
    auth = str(environ.get("HTTP_AUTHORIZATION", ""))
    match = _CREDENTIAL.search(auth)
    if match:
        access_key, region, service = match.groups()
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


@cache
def _model(service: str) -> ServiceModel:
    return ServiceModel(Loader().load_service_model(service, "service-2"), service_name=service)


def json_error(code: str, message: str, status: int) -> Response:
    """An error of the AWS JSON protocols."""
    body = json.dumps({"__type": code, "message": message})
    return Response(
        body,
        status=status,
        content_type="application/x-amz-json-1.1",
        headers={"x-amzn-ErrorType": code, "x-amzn-RequestId": querywire.new_request_id()},
    )


class EmulatorApp:
    """The WSGI callable of one ``Emulator``."""

    def __init__(self, emulator: Emulator) -> None:
        self.emulator = emulator
        self.lock = threading.RLock()
        self.moto = DomainDispatcherApplication(create_backend_app)
        self.iam = IamInterceptor(emulator.roles)
        self.sts = StsInterceptor(emulator.roles)

    def __call__(self, environ: WsgiEnviron, start_response: StartResponse) -> Iterable[bytes]:
        request = Request(environ)
        route = route_of(environ)
        try:
            with self.lock:
                response = self.dispatch(request, route)
        except Exception:  # a defect of the emulator: answer in AWS shape, never crash
            _log.exception("the emulator failed on %s %s", request.method, request.path)
            response = self.internal_error(route.service)
        return response(environ, start_response)

    def internal_error(self, service: str | None) -> Response:
        message = "The emulator failed to process the request."
        if service in _QUERY_SERVICES:
            return querywire.error_response(service, "InternalFailure", message, 500)
        return json_error("InternalFailure", message, 500)

    # -- routing ----------------------------------------------------------------------------

    def dispatch(self, request: Request, route: Route) -> Response:
        if request.path.startswith(PREFIX + "/") or request.path == PREFIX:
            return handle_control(self.emulator.controls, request)
        body = request.get_data(cache=True)
        if route.service is None and not request.path.startswith("/moto-api"):
            probe = dict(request.environ, **{"wsgi.input": io.BytesIO(body)})
            if self.moto.infer_service_region_host(probe, request.path) is None:
                return querywire.error_response(
                    None,
                    "MissingAuthenticationToken",
                    "The request is not signed, so its service cannot be told.",
                    403,
                )
        account_id = account_of(request.environ, route.access_key)
        self.emulator.roles.settle()
        caller = self.emulator.roles.caller(account_id, route.access_key)
        with self.emulator.roles.acting_as(caller):
            if route.service == "ssm-incidents":
                return self.emulator.incidents_handler(
                    self.emulator.incidents, request, account_id, route.region
                )
            if route.service == "ssm-contacts":
                return self.emulator.contacts_handler(
                    self.emulator.contacts, request, account_id, route.region
                )
            if route.service in _QUERY_SERVICES:
                return self.query_service(request, body, route, caller)
            if route.service in ("events", "monitoring"):
                return self.json_service(request, body, route, account_id)
        return self.call_moto(request.environ, body)

    def query_service(
        self, request: Request, body: bytes, route: Route, caller: Caller
    ) -> Response:
        service = str(route.service)
        try:
            params = querywire.parse_form(body, request.query_string.decode("latin-1"))
            action = querywire.validated_action(service, params)
        except EmulatorError as error:
            return querywire.emulator_error_response(service, error)
        call = QueryCall(action, params, caller, route.region)
        if service == "sts":
            answer = self.sts.handle(call)
            return answer if answer is not None else self.call_moto(request.environ, body)
        answer = self.iam.handle(call)
        if answer is None:
            answer = self.iam_moto(request, body, call)
        if answer.status_code == 200:
            self.iam.answered(call)
        return answer

    def iam_moto(self, request: Request, body: bytes, call: QueryCall) -> Response:
        """moto's answer to an IAM call, one page at a time when lists are paged."""
        page_size = self.emulator.roles.list_page_size(call.action)
        if page_size is None:
            return self.call_moto(request.environ, body)

        def fetch(form: Mapping[str, str]) -> Response:
            environ = dict(request.environ, QUERY_STRING="")
            environ["CONTENT_TYPE"] = querywire.FORM_CONTENT_TYPE
            return self.call_moto(environ, urlencode(form).encode("utf-8"))

        return paging.answer_in_pages(call.action, call.params, page_size, fetch)

    def json_service(
        self, request: Request, body: bytes, route: Route, account_id: str
    ) -> Response:
        service = str(route.service)
        if route.region not in _REGIONAL_BACKENDS[service][account_id].regions:
            return json_error(
                "InvalidSignatureException", "Credential should be scoped to a valid region.", 400
            )
        target = request.headers.get("X-Amz-Target", "")
        if not target:
            if request.mimetype == querywire.FORM_CONTENT_TYPE:
                return self.query_json_service(request, body, route, account_id)
            return self.call_moto(request.environ, body)  # rpc-v2-cbor and others: moto's
        operation = target.split(".", 1)[-1]
        try:
            params = self.json_params(_MODEL_NAMES[service], operation, body)
        except EmulatorError as error:
            return json_error(error.code, error.message, error.status)
        return self.after_moto(request, body, route, account_id, operation=operation, params=params)

    def query_json_service(
        self, request: Request, body: bytes, route: Route, account_id: str
    ) -> Response:
        """CloudWatch still speaks the query protocol to older clients."""
        service = _MODEL_NAMES[str(route.service)]
        try:
            params = querywire.parse_form(body, request.query_string.decode("latin-1"))
            action = querywire.validated_action(service, params)
        except EmulatorError as error:
            return querywire.error_response(None, error.code, error.message, error.status)
        return self.after_moto(request, body, route, account_id, operation=action, params={})

    def json_params(self, service: str, operation: str, body: bytes) -> dict[str, Any]:
        """The JSON input of ``operation``, refused in AWS terms when it cannot be served."""
        try:
            operation_model = _model(service).operation_model(operation)
        except OperationNotFoundError:
            raise EmulatorError(
                f"Unknown operation {operation}.", code="UnknownOperationException", status=400
            ) from None
        try:
            params = json.loads(body or b"{}")
        except (ValueError, UnicodeDecodeError):
            raise EmulatorError(
                "The request body is not valid JSON.", code="SerializationException", status=400
            ) from None
        if not isinstance(params, dict):
            raise EmulatorError(
                "The request body must be a JSON object.", code="SerializationException", status=400
            )
        try:
            validate_input(operation_model, params)
        except EmulatorError as error:
            raise EmulatorError(error.message, code="ValidationException", status=400) from None
        return params

    def after_moto(
        self,
        request: Request,
        body: bytes,
        route: Route,
        account_id: str,
        *,
        operation: str,
        params: dict[str, Any],
    ) -> Response:
        """Let moto answer, then run the triggers the answer implies."""
        triggers = self.emulator.triggers
        if route.service == "monitoring" and operation == "SetAlarmState":
            before = triggers.alarm_states(account_id, route.region)
            response = self.call_moto(request.environ, body)
            if response.status_code == 200:
                triggers.after_alarm_change(account_id, route.region, before)
            return response
        if route.service == "events" and operation == "PutEvents":
            with triggers.hidden_plan_targets(account_id, route.region):
                response = self.call_moto(request.environ, body)
            if response.status_code == 200:
                results = json.loads(response.get_data() or b"{}").get("Entries", [])
                triggers.after_put_events(
                    account_id, route.region, list(params.get("Entries", [])), list(results)
                )
            return response
        return self.call_moto(request.environ, body)

    # -- moto -------------------------------------------------------------------------------

    def call_moto(self, environ: WsgiEnviron, body: bytes) -> Response:
        """moto's answer, buffered so that it can be read before it is returned."""
        environ = dict(environ)
        environ["wsgi.input"] = io.BytesIO(body)
        environ["CONTENT_LENGTH"] = str(len(body))
        captured: dict[str, Any] = {}

        def start_response(
            status: str, headers: list[tuple[str, str]], exc_info: Any = None
        ) -> Callable[[bytes], None]:
            captured["status"] = int(status.split(" ", 1)[0])
            captured["headers"] = headers
            return lambda data: None

        chunks = self.moto(environ, start_response)
        try:
            payload = b"".join(chunks)
        finally:
            close = getattr(chunks, "close", None)
            if close is not None:
                close()
        headers = [(k, v) for k, v in captured["headers"] if k.lower() != "content-length"]
        return Response(payload, status=captured["status"], headers=headers)

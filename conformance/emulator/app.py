"""The emulator's one WSGI application: route each request to the part that owns it.

Served over HTTP it is the ``reference-server`` backend; called in memory it is the
``reference`` backend. The route comes from the SigV4 credential scope or the
``X-Amz-Target`` header (``routing``), the account from the access key.

* ``/_conformance/v1/...``: the control protocol, for loopback hosts only (``exposure``).
* ``ssm-incidents``, ``ssm-contacts``: the emulator's own services.
* ``iam``, ``sts``: the service-linked role's interceptors, then moto (IAM lists cut into
  pages when the emulator's consistency says so).
* ``monitoring``, ``events``: moto, then the alarm and rule triggers.
* ``/moto-api/...``: moto's admin API, only when the exposure allows it.
* anything else that moto serves: moto unchanged.

Every request is read whole before anything else (``intake``), outside the lock: requests are
served one at a time, because moto's backends are not thread-safe and a lost update is worse
than a short wait, but a slow client must not hold up the others while it sends. Malformed
requests to the services the emulator fronts are refused with AWS-shaped 4xx errors before
moto sees them; whatever still fails is answered in AWS shape too, never with a crash.
"""

from __future__ import annotations

import io
import json
import logging
import threading
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from moto.cloudwatch.models import cloudwatch_backends
from moto.events.models import events_backends
from werkzeug import Request, Response

from conformance.backends.controls import PREFIX
from conformance.emulator.controls import control_error, handle_control
from conformance.emulator.errors import (
    AccessDeniedException,
    EmulatorError,
    InternalServerException,
    MissingAuthenticationToken,
    UnknownOperationException,
    UnknownService,
)
from conformance.emulator.exposure import Exposure, control_refusal
from conformance.emulator.iam_slr import paging
from conformance.emulator.iam_slr.handlers import IamInterceptor, QueryCall, StsInterceptor
from conformance.emulator.iam_slr.models import Caller
from conformance.emulator.intake import buffer_body, release
from conformance.emulator.motoproxy import MotoProxy
from conformance.emulator.routing import (
    OWN_SERVICES,
    Route,
    WsgiEnviron,
    account_of,
    error_style,
    route_of,
)
from conformance.emulator.wire import Style, error_response, json_input
from conformance.emulator.wire.query import FORM_CONTENT_TYPE, parse_form, read_call

if TYPE_CHECKING:
    from conformance.emulator import Emulator

__all__ = ["EmulatorApp", "account_of", "route_of"]

_log = logging.getLogger(__name__)

#: moto's backends of the regional services the emulator fronts, for the Region check.
_REGIONAL_BACKENDS: dict[str, Any] = {"events": events_backends, "monitoring": cloudwatch_backends}
_MOTO_API = "/moto-api"
#: moto's recorder replays a recording by sending its requests to this server again, so it
#: must not hold the lock those requests need.
_UNLOCKED_MOTO_API = frozenset({"/moto-api/recorder/replay-recording"})
_DEFECT = "The emulator failed to process the request."

StartResponse = Callable[..., Any]


class EmulatorApp:
    """The WSGI callable of one ``Emulator``."""

    def __init__(self, emulator: Emulator, exposure: Exposure | None = None) -> None:
        self.emulator = emulator
        self.exposure = exposure if exposure is not None else Exposure()
        self.lock = threading.RLock()
        self.moto = MotoProxy()
        self.iam = IamInterceptor(emulator.roles)
        self.sts = StsInterceptor(emulator.roles)

    def __call__(self, environ: WsgiEnviron, start_response: StartResponse) -> Iterable[bytes]:
        try:
            response = self.respond(environ)
        except Exception:  # a defect before the request was understood at all
            _log.exception("the emulator failed on a request")
            response = error_response(InternalServerException(_DEFECT), "json")
        try:
            return response(environ, start_response)
        finally:
            release(environ)

    def respond(self, environ: WsgiEnviron) -> Response:
        """The answer to one request; any failure is an AWS-shaped error."""
        request = Request(environ)
        if _is_control(request.path):
            return self.control(request)
        style, model = error_style(request, None)
        try:
            route = route_of(environ)
            style, model = error_style(request, route.service)
            refusal = self.exposure.route_refusal(request, admin=_is_admin(request.path))
            if refusal is not None:
                raise AccessDeniedException(refusal)
            buffer_body(environ, self.exposure.max_body_bytes, self.exposure.body_deadline_seconds)
            if _is_admin(request.path):
                return self.moto_api(request, style)
            route = self.check_service(request, route)
            style, model = error_style(request, route.service)
            with self.lock:
                self.emulator.throttle.check(route.service)
                return self.dispatch(request, route)
        except EmulatorError as error:
            return error_response(error, style, model)
        except Exception:  # a defect of the emulator: answer in AWS shape, never crash
            _log.exception("the emulator failed on %s %s", request.method, request.path)
            return error_response(InternalServerException(_DEFECT), style, model)

    # -- the front door ---------------------------------------------------------------------

    def control(self, request: Request) -> Response:
        """The control protocol, for loopback hosts and JSON bodies only."""
        refusal = control_refusal(request, self.exposure)
        if refusal is not None:
            return control_error(*refusal)
        try:
            buffer_body(
                request.environ, self.exposure.max_body_bytes, self.exposure.body_deadline_seconds
            )
            with self.lock:
                return handle_control(self.emulator.controls, request)
        except EmulatorError as error:
            return control_error(error.status, error.message)
        except Exception:  # a defect: still the control protocol's shape
            _log.exception("the emulator failed on %s %s", request.method, request.path)
            return control_error(500, _DEFECT)

    def moto_api(self, request: Request, style: Style) -> Response:
        """moto's admin API, when the exposure opens it; otherwise an AWS-shaped 404."""
        if not self.exposure.moto_api:
            raise UnknownOperationException(
                "moto's admin API is off; serve the emulator with --moto-api to reach it.",
                status=404,
            )
        body = request.get_data(cache=True)
        if request.path.rstrip("/") in _UNLOCKED_MOTO_API:
            return self.moto.call(request.environ, body, style)
        with self.lock:
            return self.moto.call(request.environ, body, style)

    def check_service(self, request: Request, route: Route) -> Route:
        """The request's route, once moto's router is sure to cope with it.

        A signed request for a service nobody serves is refused before moto's router crashes
        on it. An unsigned one (``AssumeRoleWithWebIdentity`` is unsigned by design) is routed
        as moto would route it, and then checked like a signed one when it is for a service
        the emulator fronts.
        """
        if route.service in OWN_SERVICES:
            return route
        probe = dict(request.environ, **{"wsgi.input": io.BytesIO(request.get_data(cache=True))})
        probe.pop("werkzeug.request", None)
        try:
            host = self.moto.infer_host(probe, request.path)
        finally:
            release(probe)
        if route.service is not None:
            if host is None or not self.moto.serves(host):
                raise UnknownService(
                    f"Credential should be scoped to a service this emulator serves; "
                    f"{route.service[:64]!r} is not one."
                )
            return route
        if host is None or not self.moto.serves(host):
            raise MissingAuthenticationToken(
                "The request is not signed, so its service cannot be told."
            )
        service, _, rest = host.partition(".")
        if service in OWN_SERVICES:
            return Route(service, rest.partition(".")[0] or route.region, route.access_key)
        return route

    # -- routing ----------------------------------------------------------------------------

    def dispatch(self, request: Request, route: Route) -> Response:
        body = request.get_data(cache=True)
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
            if route.service in ("iam", "sts"):
                return self.query_service(request, body, route, caller)
            if route.service in ("events", "monitoring"):
                return self.json_service(request, body, route, account_id)
        style, model = error_style(request, route.service)
        return self.moto.call(request.environ, body, style, model)

    def query_service(
        self, request: Request, body: bytes, route: Route, caller: Caller
    ) -> Response:
        service = str(route.service)
        if request.method not in ("GET", "POST"):
            raise UnknownOperationException(
                f"The query protocol has no {request.method[:16]} requests; use POST or GET.",
                status=405,
            )
        form = parse_form(body, request.query_string.decode("latin-1"))
        query_input = read_call(service, form)
        call = QueryCall(query_input.action, form, caller, route.region, query_input.params)
        if service == "sts":
            answer = self.sts.handle(call)
            return (
                answer
                if answer is not None
                else self.moto.call(request.environ, body, "query", service)
            )
        answer = self.iam.handle(call)
        if answer is None:
            answer = self.iam_moto(request, body, call)
        if answer.status_code == 200:
            self.iam.answered(call)
        return answer

    def iam_moto(self, request: Request, body: bytes, call: QueryCall) -> Response:
        """moto's answer to an IAM call; a paged list one page at a time, cut by the emulator.

        The emulator pages every list itself (at the consistency's page size, else at
        ``MaxItems``), so that moto never sees a caller's ``Marker``: moto reads some of them
        with ``int()`` and crashes on any other.
        """
        if paging.result_keys(call.action) is None:
            return self.moto.call(request.environ, body, "query", "iam")
        page_size = self.emulator.roles.list_page_size(call.action) or paging.MAX_MAX_ITEMS

        def fetch(form: Mapping[str, str]) -> Response:
            environ = dict(request.environ, QUERY_STRING="", REQUEST_METHOD="POST")
            environ["CONTENT_TYPE"] = FORM_CONTENT_TYPE
            return self.moto.call(environ, urlencode(form).encode("utf-8"), "query", "iam")

        return paging.answer_in_pages(call.action, call.params, page_size, fetch)

    def json_service(
        self, request: Request, body: bytes, route: Route, account_id: str
    ) -> Response:
        service = str(route.service)
        model = OWN_SERVICES[service][1]
        if route.region not in _REGIONAL_BACKENDS[service][account_id].regions:
            raise EmulatorError(
                "Credential should be scoped to a valid region.",
                code="InvalidSignatureException",
                status=400,
            )
        target = request.headers.get("X-Amz-Target", "")
        if not target:
            if request.mimetype == FORM_CONTENT_TYPE:
                return self.query_json_service(request, body, route, account_id)
            return self.moto.call(request.environ, body, "json", model)  # rpc-v2-cbor: moto's
        operation = target.split(".", 1)[-1]
        params = json_input(model, operation, body)
        return self.after_moto(request, body, route, account_id, operation=operation, params=params)

    def query_json_service(
        self, request: Request, body: bytes, route: Route, account_id: str
    ) -> Response:
        """CloudWatch still speaks the query protocol to older clients."""
        form = parse_form(body, request.query_string.decode("latin-1"))
        action = read_call("cloudwatch", form).action
        return self.after_moto(request, body, route, account_id, operation=action, params={})

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
        style, model = error_style(request, route.service)
        if route.service == "monitoring" and operation == "SetAlarmState":
            before = triggers.alarm_states(account_id, route.region)
            response = self.moto.call(request.environ, body, style, model)
            if response.status_code == 200:
                triggers.after_alarm_change(account_id, route.region, before)
            return response
        if route.service == "events" and operation == "PutEvents":
            _check_details(params.get("Entries"))
            with triggers.hidden_plan_targets(account_id, route.region):
                response = self.moto.call(request.environ, body, style, model)
            if response.status_code == 200:
                results = json.loads(response.get_data() or b"{}").get("Entries", [])
                triggers.after_put_events(
                    account_id, route.region, list(params.get("Entries", [])), list(results)
                )
            return response
        return self.moto.call(request.environ, body, style, model)


def _check_details(entries: Any) -> None:
    """Refuse an event whose ``Detail`` nests deeper than JSON can be read (moto would crash)."""
    for number, entry in enumerate(entries if isinstance(entries, list) else [], start=1):
        detail = entry.get("Detail") if isinstance(entry, dict) else None
        if not isinstance(detail, str):
            continue
        try:
            json.loads(detail)
        except RecursionError:
            raise EmulatorError(
                f"The Detail of entry {number} nests too deeply to be read as JSON.",
                code="ValidationException",
                status=400,
            ) from None
        except ValueError:
            continue  # moto answers a Detail that is not JSON for itself


def _is_admin(path: str) -> bool:
    """moto's admin API (and the dashboard's icon)."""
    return path.startswith(_MOTO_API) or path == "/favicon.ico"


def _is_control(path: str) -> bool:
    return path == PREFIX or path.startswith(PREFIX + "/")

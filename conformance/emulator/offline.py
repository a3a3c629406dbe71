"""An offline Incident Manager for any test: every botocore client made while it is active
is served by the reference emulator in memory, and nothing reaches AWS.

``mock_incident_manager`` (a decorator and a context manager) and the pytest fixture
``incident_manager`` activate an ``IncidentManager``. While one is active:

* every client botocore makes, however it is made (``boto3.client``, a ``boto3.Session`` of any
  kind, a resource, in any thread), is a client of the emulator when its service is one the
  emulator answers (``ssm-incidents``, ``ssm-contacts``, ``iam``, ``sts``, ``events``,
  ``cloudwatch``). ``botocore.session.Session.create_client`` is wrapped for this, and the
  client gets a ``before-send`` handler, first in line, that answers each request in process;
  the request never reaches a socket.
* a client made without keys of its own signs with the account root's fake keys, whatever
  the environment, profile or credentials file holds, and one made without a Region gets the
  manager's; keys given explicitly (to the client or to its session) are kept, so that a test
  can act as an IAM user or an assumed role it made in the emulator.
* a client of any other service raises ``ServiceNotEmulated`` on its first request, unless
  moto's ``mock_aws`` is active too, which then answers it. A client made before activation
  that tries to send anywhere but loopback raises ``ServiceNotEmulated`` as well.
* a boto3 waiter's sleep moves the emulator's virtual clock on by the waiter's delay instead of
  sleeping, so waiters see asynchronous changes finish at once in real time.

moto keeps its state in process-global backends, so one emulator is shared by every
activation of a process, and reset when one starts and when it ends.
"""

from __future__ import annotations

import functools
import inspect
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import urlsplit

import botocore.endpoint
import botocore.session
import botocore.waiter
from moto.core.models import botocore_stubber

from conformance.backends.base import DEFAULT_ACCOUNT_ID, Credentials
from conformance.emulator.exposure import is_loopback_address
from conformance.emulator.routing import OWN_SERVICES
from conformance.emulator.transport import IN_PROCESS_URL, InProcessSession, call_wsgi

if TYPE_CHECKING:
    from botocore.awsrequest import AWSPreparedRequest, AWSResponse

    from conformance.clock import VirtualClock
    from conformance.emulator.controls import EmulatorControls
    from conformance.emulator.world import Emulator

__all__ = [
    "DEFAULT_REGION",
    "ROOT_ACCESS_KEY",
    "IncidentManager",
    "ServiceNotEmulated",
    "mock_incident_manager",
    "shared_manager",
]

#: The account root's fake keys: what a client signs with when it is given no keys of its own.
ROOT_ACCESS_KEY = "AKIAIOSFODNN7EXAMPLE"
ROOT_SECRET_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
DEFAULT_REGION = "us-east-1"

#: Signing names of the services the emulator answers.
SERVED = frozenset(OWN_SERVICES)
_SERVED_NAMES = "ssm-incidents, ssm-contacts, iam, sts, events and cloudwatch"

F = TypeVar("F", bound=Callable[..., Any])


class ServiceNotEmulated(Exception):
    """A request the offline Incident Manager stopped before it could leave the machine."""


class IncidentManager:
    """One offline Incident Manager: its emulator, its clients and its levers.

    ``client`` makes clients of the emulator whether or not the manager is active; while it
    is active (``with manager:``), every client botocore makes is one.
    """

    def __init__(self, emulator: Emulator, region: str = DEFAULT_REGION) -> None:
        self.emulator = emulator
        self.region = region
        self.account_id = DEFAULT_ACCOUNT_ID
        self._session = InProcessSession(
            emulator.app, Credentials(ROOT_ACCESS_KEY, ROOT_SECRET_KEY), region
        )
        self._clients: dict[tuple[str, str | None, Credentials | None], Any] = {}

    def client(
        self, service: str, region: str | None = None, credentials: Credentials | None = None
    ) -> Any:
        """A real boto3 client whose requests go to the emulator in memory (made once).

        Its retries are off (one attempt per call), so that a test sees every refusal as
        the emulator answered it; a client the code under test makes keeps its own settings.
        """
        key = (service, region, credentials)
        if key not in self._clients:
            self._clients[key] = self._session.client(service, region, credentials)
        return self._clients[key]

    @property
    def controls(self) -> EmulatorControls:
        return self.emulator.controls

    @property
    def clock(self) -> VirtualClock:
        return self.emulator.clock

    def advance(self, seconds: float) -> float:
        """Let ``seconds`` of virtual time pass; asynchronous work due by then completes."""
        return self.emulator.controls.advance_clock(seconds)

    def reset(self) -> None:
        """Forget every resource; the clock goes back to its start."""
        self.emulator.reset()

    # -- activation -------------------------------------------------------------------------

    def __enter__(self) -> IncidentManager:
        self.reset()
        _activate(self)
        return self

    def __exit__(self, *exc: object) -> None:
        try:
            _deactivate(self)
        finally:
            self.reset()

    def serve(self, request: AWSPreparedRequest, **_: Any) -> AWSResponse:
        """The ``before-send`` handler of a client made while this manager was active."""
        if not _is_active(self):
            raise ServiceNotEmulated(
                "This client was made while the offline Incident Manager was active and is "
                "used after it ended; its request was not sent."
            )
        return call_wsgi(self.emulator.app, request)

    def sleep(self, seconds: float) -> None:
        """A waiter's sleep while this manager is active: the virtual clock moves on instead."""
        self.advance(seconds)


_shared: dict[str, IncidentManager] = {}
_shared_lock = threading.Lock()


def shared_manager() -> IncidentManager:
    """The process's one manager, over one emulator, made on first use."""
    with _shared_lock:
        manager = _shared.get("manager")
        if manager is None:
            from conformance.emulator.world import Emulator

            manager = _shared["manager"] = IncidentManager(Emulator())
        return manager


def mock_incident_manager(func: F | None = None) -> Any:
    """An offline Incident Manager for the block or the function it decorates.

    As a context manager it gives the ``IncidentManager``; as a decorator it activates the
    manager around each call (the function is not given it: ``shared_manager()`` returns it).
    """
    if func is None:
        return _activated()

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        with _activated():
            return func(*args, **kwargs)

    return wrapper


@contextmanager
def _activated() -> Iterator[IncidentManager]:
    with shared_manager() as manager:
        yield manager


# -- the interception, process-wide while any manager is active ---------------------------

_active: list[IncidentManager] = []
_lock = threading.RLock()
_create_client = botocore.session.Session.create_client
_create_client_signature = inspect.signature(_create_client)
_send = botocore.endpoint.Endpoint._send
_waiter_time = botocore.waiter.time


def _is_active(manager: IncidentManager) -> bool:
    with _lock:
        return manager in _active


def _current() -> IncidentManager | None:
    with _lock:
        return _active[-1] if _active else None


def _activate(manager: IncidentManager) -> None:
    with _lock:
        if not _active:
            botocore.session.Session.create_client = _intercepted_create_client
            botocore.endpoint.Endpoint._send = _guarded_send
            botocore.waiter.time = _VirtualTime()
        _active.append(manager)


def _deactivate(manager: IncidentManager) -> None:
    with _lock:
        if manager in _active:
            del _active[len(_active) - 1 - _active[::-1].index(manager)]
        if not _active:
            botocore.session.Session.create_client = _create_client
            botocore.endpoint.Endpoint._send = _send
            botocore.waiter.time = _waiter_time


def _intercepted_create_client(session: botocore.session.Session, *args: Any, **kwargs: Any) -> Any:
    """``Session.create_client`` while a manager is active: fake keys, a Region, and a client
    whose requests the manager answers (or refuses)."""
    manager = _current()
    bound = _create_client_signature.bind(session, *args, **kwargs)
    given = bound.arguments
    if manager is None or given.get("endpoint_url") == IN_PROCESS_URL:
        return _create_client(*bound.args, **bound.kwargs)  # already the emulator's own client
    if given.get("aws_access_key_id") is None and not _has_explicit_keys(session):
        given["aws_access_key_id"] = ROOT_ACCESS_KEY
        given["aws_secret_access_key"] = ROOT_SECRET_KEY
        given["aws_session_token"] = None
    if given.get("region_name") is None and session.get_config_variable("region") is None:
        given["region_name"] = manager.region
    client = _create_client(*bound.args, **bound.kwargs)
    events = client.meta.events
    if client.meta.service_model.signing_name in SERVED:
        events.register_first("before-send", manager.serve)
        events.unregister("before-send", botocore_stubber)  # moto's mock_aws must not answer too
    else:
        events.register_first("before-send", _refuse)
    return client


def _has_explicit_keys(session: botocore.session.Session) -> bool:
    """Whether the session was given keys in code (not found in the environment or a file)."""
    credentials = getattr(session, "_credentials", None)
    return getattr(credentials, "method", None) == "explicit"


def _refuse(request: AWSPreparedRequest, event_name: str = "", **_: Any) -> None:
    """A client of a service the emulator does not answer: moto's, or nobody's."""
    if botocore_stubber.enabled:
        return  # moto's mock_aws is active and answers it
    service = event_name.split(".")[1] if event_name.count(".") >= 1 else "this service"
    raise ServiceNotEmulated(
        f"The offline Incident Manager answers {_SERVED_NAMES}; the request to {service} was "
        f"stopped so that it cannot reach AWS (activate moto's mock_aws too to serve it)."
    )


def _guarded_send(endpoint: botocore.endpoint.Endpoint, request: AWSPreparedRequest) -> Any:
    """A real send while a manager is active: only to loopback, never to AWS."""
    host = urlsplit(request.url).hostname or ""
    if is_loopback_address(host):
        return _send(endpoint, request)
    raise ServiceNotEmulated(
        f"A request to {host} was stopped: its client was made before the offline Incident "
        "Manager became active, so it was not routed to the emulator; make clients inside."
    )


class _VirtualTime:
    """``time`` as botocore's waiters see it while a manager is active: a sleep moves the
    active manager's virtual clock on by the waiter's delay, and returns at once."""

    def sleep(self, seconds: float) -> None:
        manager = _current()
        if manager is None:
            time.sleep(seconds)
        else:
            manager.sleep(seconds)

    def __getattr__(self, name: str) -> Any:
        return getattr(time, name)

"""Pieces every HTTP-reachable backend shares: clients, free ports, reachability."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Mapping
from typing import Any

import boto3
import botocore
from botocore.config import Config

from conformance.backends.base import DEFAULT_ACCOUNT_ID, Controls, Credentials
from conformance.clock import Clock
from conformance.errors import ConfigurationError

#: Credentials for emulators: never valid anywhere else.
EMULATOR_CREDENTIALS = Credentials(
    "AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
)
EMULATOR_CONFIG = Config(
    retries={"total_max_attempts": 1, "mode": "standard"}, connect_timeout=10, read_timeout=60
)


def botocore_version() -> str:
    return str(botocore.__version__)


class EndpointClients:
    """boto3 clients aimed at one URL; one session for all, each client with its credentials."""

    def __init__(
        self, endpoint_url: str, region: str, credentials: Credentials = EMULATOR_CREDENTIALS
    ):
        self.endpoint_url = endpoint_url
        self._region = region
        self._default = credentials
        self._session = boto3.session.Session(region_name=region)

    def client(
        self, service: str, region: str | None = None, credentials: Credentials | None = None
    ) -> Any:
        creds = credentials or self._default
        return self._session.client(
            service,
            region_name=region or self._region,
            endpoint_url=self.endpoint_url,
            aws_access_key_id=creds.access_key_id,
            aws_secret_access_key=creds.secret_access_key,
            aws_session_token=creds.session_token,
            config=EMULATOR_CONFIG,
        )


class WithheldControls:
    """Another backend's controls with some capabilities withheld; the rest passes through.

    A wrapper that must keep the driver from one lever (a recording withholds the clock's
    next change, the live-policy run the reset) says so once here.
    """

    def __init__(self, inner: Controls, withheld: frozenset[str]) -> None:
        self._inner = inner
        self._withheld = withheld

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        return getattr(self._inner, name)

    @property
    def capabilities(self) -> frozenset[str]:
        return self._inner.capabilities - self._withheld


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((host, 0))
        return int(probe.getsockname()[1])


def check_reachable(url: str, timeout: float = 5.0) -> None:
    """Any HTTP answer counts as reachable; no answer at all is a configuration error."""
    try:
        with urllib.request.urlopen(url, timeout=timeout):
            return
    except urllib.error.HTTPError:
        return
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", exc)
        raise ConfigurationError(f"The endpoint {url} does not answer ({reason}).") from None


def wait_for_listener(url: str, process: subprocess.Popen[bytes], seconds: float) -> bool:
    """Wait, in real time, for a server process we started to answer HTTP (start-up only)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            return False
        try:
            with urllib.request.urlopen(url, timeout=1):
                return True
        except urllib.error.HTTPError:
            return True
        except (urllib.error.URLError, OSError):
            time.sleep(0.05)
    return False


class ServerProcess:
    """A server the suite starts in its own process on 127.0.0.1 and stops again.

    ``env``, given the port, is the child's whole environment (by default it inherits ours);
    ``ready_path`` is the path that must
    answer before the server counts as started (a health page that answers only once every
    part is up). The server runs in a process group of its own, and stopping it ends the whole
    group, so helpers it starts do not outlive it.
    """

    def __init__(
        self,
        what: str,
        command: Callable[[int], list[str]],
        startup_seconds: float = 30,
        env: Callable[[int], Mapping[str, str]] | None = None,
        ready_path: str = "",
    ) -> None:
        self._what = what
        self._command = command
        self._startup = startup_seconds
        self._env = env
        self._ready_path = ready_path
        self._process: subprocess.Popen[bytes] | None = None
        self.url: str | None = None

    def start(self) -> str:
        if self._process is not None and self.url is not None:
            return self.url
        port = free_port()
        url = f"http://127.0.0.1:{port}"
        self._process = subprocess.Popen(
            self._command(port),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env=None if self._env is None else dict(self._env(port)),
            start_new_session=True,
        )
        if not wait_for_listener(url + self._ready_path, self._process, self._startup):
            self.stop()
            raise ConfigurationError(
                f"{self._what} did not start on {url} within {self._startup:.0f} seconds."
            )
        self.url = url
        return url

    @property
    def pid(self) -> int | None:
        """The server's process ID while it runs (for the benchmark to read its memory)."""
        return None if self._process is None else self._process.pid

    def stop(self) -> None:
        if self._process is not None:
            _signal_group(self._process, signal.SIGTERM)
            try:
                self._process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                _signal_group(self._process, signal.SIGKILL)
                self._process.wait()
            self._process = None


def _signal_group(process: subprocess.Popen[bytes], signum: int) -> None:
    """Signal the process group a server was started in (its own, by ``start_new_session``)."""
    with contextlib.suppress(ProcessLookupError):  # it has ended already
        os.killpg(process.pid, signum)


def caller_account(client: Callable[[str], Any], default: str) -> str:
    """The account an emulator serves, as its STS says (LocalStack's is 000000000000, not
    moto's); ``default`` for an emulator without STS."""
    try:
        return str(client("sts").get_caller_identity()["Account"])
    except Exception:  # an emulator without STS keeps the default account
        return default


class BackendBase:
    """What most backends share: a home Region, an account, a clock and optional controls."""

    name = "base"
    live = False
    #: Whether its whole state lives in this process, so that a forked copy is an
    #: implementation of its own (``conformance.workers`` shares services among such copies).
    process_local = False

    def __init__(self, region: str, clock: Clock, account_id: str = DEFAULT_ACCOUNT_ID) -> None:
        self._region = region
        self._clock = clock
        self._account = account_id
        self._controls: Controls | None = None
        self._clients: EndpointClients | None = None

    def client(
        self, service: str, region: str | None = None, credentials: Credentials | None = None
    ) -> Any:
        """A client of the backend's endpoint (backends without one override this)."""
        if self._clients is None:
            raise ConfigurationError(f"The backend {self.name} was used before it was started.")
        return self._clients.client(service, region, credentials)

    @property
    def account_id(self) -> str:
        return self._account

    @property
    def home_region(self) -> str:
        return self._region

    @property
    def clock(self) -> Clock:
        return self._clock

    @property
    def controls(self) -> Controls | None:
        return self._controls

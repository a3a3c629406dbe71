"""LocalStack community, in its own process on 127.0.0.1, started and stopped by the suite.

LocalStack pins its own botocore and ships its own fork of moto, which clash with ours, so it
lives in a virtual environment of its own that ``make peers`` builds from the package registry
with pinned versions (``peers/localstack-constraints.txt``); nothing is installed or downloaded
at run time. The interpreter of that environment is ``$SLR_LOCALSTACK_PYTHON`` when set, else
``build/peers/localstack/bin/python`` in the repository. Where there is none, the backend says
that LocalStack is unavailable here (``BackendUnavailable``), which is not a failure of it.

Each run starts a fresh LocalStack on a free port, with its state in a temporary folder that is
removed afterwards, and kept off the network (``LOCALSTACK_ENVIRONMENT``). The community edition
has no reset endpoint and speaks none of our control protocol, so the backend offers no
controls: the suite removes what each scenario made, and skips, with the reason, the scenarios
that need a control.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import urllib.request
from collections.abc import Mapping
from pathlib import Path

from conformance.backends.base import BackendDescription
from conformance.backends.common import (
    BackendBase,
    EndpointClients,
    ServerProcess,
    botocore_version,
    caller_account,
)
from conformance.backends.registry import BackendOptions
from conformance.clock import RealClock
from conformance.errors import BackendUnavailable

#: Where ``make peers`` builds LocalStack's environment, relative to the repository.
PEER_ENV = Path("build") / "peers" / "localstack"
#: Names another interpreter, one with LocalStack installed.
PYTHON_VARIABLE = "SLR_LOCALSTACK_PYTHON"
HEALTH_PATH = "/_localstack/health"
#: LocalStack loads hundreds of modules before it answers: generous on a busy machine.
STARTUP_SECONDS = 180

#: LocalStack's settings for a run: loopback only, nothing fetched, sent or kept. Each was read
#: in LocalStack's configuration code and checked on a run (docs/backends.md, *LocalStack*).
LOCALSTACK_ENVIRONMENT: Mapping[str, str] = {
    "DNS_ADDRESS": "0",  # no DNS server of its own (it would bind port 53 on every address)
    "DISABLE_EVENTS": "1",  # no analytics events sent to LocalStack's servers
    "SKIP_INFRA_DOWNLOADS": "1",  # no tools downloaded when a service starts
    "SKIP_SSL_CERT_DOWNLOAD": "1",  # no TLS certificate fetched at start
    "PERSISTENCE": "0",  # no state kept between runs
    "EAGER_SERVICE_LOADING": "0",  # a service starts when first asked, none in advance
    # Its default web server (twisted) binds every address whatever GATEWAY_LISTEN names;
    # hypercorn binds the address named.
    "GATEWAY_SERVER": "hypercorn",
}
#: The only variables of ours LocalStack sees: it reads hundreds of settings from its
#: environment, and none of the user's (a licence key, a service list, a proxy) may change a run.
PASSED_ON = ("PATH", "LANG", "LC_ALL", "LC_CTYPE", "TZ")


def repository_root() -> Path:
    """The checkout this package runs from (an installed wheel has none with a peer in it)."""
    return Path(__file__).resolve().parent.parent.parent


def localstack_python(environ: Mapping[str, str] | None = None) -> Path | None:
    """The interpreter that has LocalStack, or ``None`` when this machine has none."""
    environ = os.environ if environ is None else environ
    named = environ.get(PYTHON_VARIABLE)
    candidate = Path(named) if named else repository_root() / PEER_ENV / "bin" / "python"
    return candidate if candidate.is_file() and os.access(candidate, os.X_OK) else None


def localstack_environment(
    port: int, state_dir: Path, environ: Mapping[str, str] | None = None
) -> dict[str, str]:
    """The child's whole environment: LocalStack's settings, and of ours only ``PASSED_ON``."""
    environ = os.environ if environ is None else environ
    kept = {k: environ[k] for k in PASSED_ON if k in environ}
    gateway = f"127.0.0.1:{port}"
    # Asked for a service it lacks, LocalStack fetches its catalogue of services from its
    # company's API (no setting turns that off); aimed at its own gateway, the fetch fails
    # at once and it answers from what it has.
    offline_api = f"http://{gateway}/_slr-conformance-offline"
    return {
        **kept,
        **LOCALSTACK_ENVIRONMENT,
        "GATEWAY_LISTEN": gateway,
        "LOCALSTACK_HOST": gateway,
        "API_ENDPOINT": offline_api,
        "ANALYTICS_API": offline_api,
        # Its files, all in one folder removed after the run; HOME too, so that no profile of
        # the user's (~/.localstack/*.env) changes these settings.
        "FILESYSTEM_ROOT": str(state_dir / "filesystem"),
        "HOME": str(state_dir / "home"),
    }


class LocalStackBackend(BackendBase):
    name = "localstack"

    def __init__(self, options: BackendOptions) -> None:
        super().__init__(options.region, RealClock())
        python = localstack_python()
        if python is None:
            raise BackendUnavailable(
                "LocalStack is not installed here: 'make peers' builds it (with Python 3.12 or "
                f"newer), or {PYTHON_VARIABLE} names an interpreter that has it."
            )
        self._python = python
        self._state: Path | None = None
        self._version = "unknown"
        self._server: ServerProcess | None = None

    def start(self) -> None:
        if self._server is not None:
            return
        state = self._state = Path(tempfile.mkdtemp(prefix="slr-localstack-"))
        for folder in ("filesystem", "home"):
            (state / folder).mkdir()
        server = ServerProcess(
            "LocalStack",
            lambda port: [str(self._python), "-m", "localstack.runtime.main"],
            startup_seconds=STARTUP_SECONDS,
            env=lambda port: localstack_environment(port, state),
            ready_path=HEALTH_PATH,
        )
        try:
            url = server.start()
        except BaseException:
            self._discard_state()
            raise
        self._server = server
        self._version = _version(url)
        self._clients = EndpointClients(url, self._region)
        self._account = caller_account(self.client, self._account)

    def stop(self) -> None:
        if self._server is not None:
            self._server.stop()
            self._server = None
        self._discard_state()

    def _discard_state(self) -> None:
        if self._state is not None:
            shutil.rmtree(self._state, ignore_errors=True)
            self._state = None

    def describe(self) -> BackendDescription:
        return BackendDescription(
            self.name,
            "LocalStack community",
            self._version,
            self._server.url if self._server is not None else None,
            {"botocore": botocore_version()},
        )


def _version(url: str) -> str:
    """The version LocalStack's health page names (``2026.3.0``), without a build suffix."""
    try:
        with urllib.request.urlopen(url + HEALTH_PATH, timeout=10) as answer:
            data = json.loads(answer.read() or b"{}")
    except (OSError, ValueError):
        return "unknown"
    version = data.get("version") if isinstance(data, dict) else None
    return str(version).split(":")[0] if version else "unknown"

"""The immutable registry of backends and the one parser every entry point shares.

``slr-conformance run --backend NAME`` and ``behave -D backend=NAME`` both end in
``parse_backend``. Third-party packages add backends through the ``slr_conformance.backends``
entry point group: each entry point names a ``BackendSpec``.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from importlib.metadata import entry_points
from types import MappingProxyType

from conformance.backends.base import Backend
from conformance.errors import ConfigurationError
from conformance.suggest import did_you_mean

ENTRY_POINT_GROUP = "slr_conformance.backends"
DEFAULT_BACKEND = "reference"


@dataclass(frozen=True)
class BackendOptions:
    """What a user can say about a backend beyond its name."""

    endpoint_url: str | None = None
    region: str = "us-east-1"
    allowed_aws_accounts: frozenset[str] = frozenset()
    run_id: str | None = None
    profile: str | None = None
    extra: Mapping[str, str] = field(default_factory=dict)
    #: Live backends: seconds between two looks while waiting (``None``: the backend's default).
    poll_interval: float | None = None
    #: Live backends: make every look, change nothing (``--dry-run``).
    dry_run: bool = False


@dataclass(frozen=True)
class BackendSpec:
    """A named way to build a backend. ``factory`` is ``module:callable``, imported lazily."""

    name: str
    summary: str
    factory: str

    def build(self, options: BackendOptions) -> Backend:
        module_name, _, attribute = self.factory.partition(":")
        builder: Callable[[BackendOptions], Backend] = getattr(
            importlib.import_module(module_name), attribute
        )
        return builder(options)


BUILTIN_SPECS = (
    BackendSpec(
        "reference",
        "the project's reference emulator, in process (default)",
        "conformance.backends.reference:ReferenceBackend",
    ),
    BackendSpec(
        "reference-eventual",
        "the reference emulator in process, slow and eventually consistent like a real account",
        "conformance.backends.reference_eventual:ReferenceEventualBackend",
    ),
    BackendSpec(
        "reference-server",
        "the reference emulator over real HTTP on 127.0.0.1, started by the suite",
        "conformance.backends.reference_server:ReferenceServerBackend",
    ),
    BackendSpec(
        "moto",
        "stock moto, in process, as an implementation under test",
        "conformance.backends.moto_inprocess:MotoBackend",
    ),
    BackendSpec(
        "moto-server",
        "stock moto's server over HTTP on 127.0.0.1, started by the suite",
        "conformance.backends.moto_server:MotoServerBackend",
    ),
    BackendSpec(
        "localstack",
        "LocalStack community over HTTP on 127.0.0.1, started by the suite ('make peers' installs it)",
        "conformance.backends.localstack:LocalStackBackend",
    ),
    BackendSpec(
        "endpoint",
        "any emulator already running at --endpoint-url (LocalStack, a third party)",
        "conformance.backends.endpoint:EndpointBackend",
    ),
    BackendSpec(
        "aws",
        "real AWS, opt-in, only in an account named with --allow-aws-account",
        "conformance.backends.aws:AwsBackend",
    ),
    BackendSpec(
        "replay",
        "a run recorded with --record, replayed offline from --cassette DIR",
        "conformance.backends.replay:ReplayBackend",
    ),
)


class Registry(Mapping[str, BackendSpec]):
    """A read-only mapping from backend name to ``BackendSpec``."""

    def __init__(self, specs: tuple[BackendSpec, ...]) -> None:
        table: dict[str, BackendSpec] = {}
        for spec in specs:
            table.setdefault(spec.name, spec)
        self._specs = MappingProxyType(table)

    def __getitem__(self, name: str) -> BackendSpec:
        return self._specs[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._specs)

    def __len__(self) -> int:
        return len(self._specs)

    def with_specs(self, *specs: BackendSpec) -> Registry:
        """A new registry with ``specs`` added; built-in names cannot be replaced."""
        return Registry((*self._specs.values(), *specs))


def _plugin_specs() -> tuple[BackendSpec, ...]:
    found: list[BackendSpec] = []
    for entry in entry_points(group=ENTRY_POINT_GROUP):
        try:
            spec = entry.load()
        except Exception as exc:  # a broken plugin must not break the built-in backends
            raise ConfigurationError(
                f"The backend plugin '{entry.name}' ({entry.value}) could not be loaded: {exc}."
            ) from exc
        if not isinstance(spec, BackendSpec):
            raise ConfigurationError(
                f"The backend plugin '{entry.name}' does not name a BackendSpec."
            )
        found.append(spec)
    return tuple(found)


def default_registry() -> Registry:
    """The built-in backends plus every installed plugin."""
    return Registry(BUILTIN_SPECS + _plugin_specs())


def parse_backend(
    text: str | None, options: BackendOptions | None = None, registry: Registry | None = None
) -> Backend:
    """Turn a backend name into a backend, or explain in one sentence why not."""
    registry = registry if registry is not None else default_registry()
    name = (text or DEFAULT_BACKEND).strip().lower()
    if name not in registry:
        known = ", ".join(sorted(registry))
        hint = did_you_mean(name, registry)
        raise ConfigurationError(
            f"Unknown backend '{text}'{hint}; the known backends are: {known}."
        )
    return registry[name].build(options or BackendOptions())

"""Backends: one module per implementation, all behind ``Backend``, found by name through the
read-only ``Registry`` that ``default_registry()`` builds (``parse_backend`` reads a name)."""

from conformance.backends.base import Backend, BackendDescription, Controls, Credentials
from conformance.backends.registry import (
    DEFAULT_BACKEND,
    BackendOptions,
    BackendSpec,
    Registry,
    default_registry,
    parse_backend,
)

__all__ = [
    "DEFAULT_BACKEND",
    "Backend",
    "BackendDescription",
    "BackendOptions",
    "BackendSpec",
    "Controls",
    "Credentials",
    "Registry",
    "default_registry",
    "parse_backend",
]

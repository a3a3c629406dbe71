"""botocore's service models, loaded once per process for every part of the emulator.

Every wire format the emulator speaks (rest-json, JSON 1.1, the query protocol) is read and
written from the same machine-readable models that AWS SDKs are generated from, so a request
is understood, and an answer shaped, exactly as a real SDK expects. Loading a model costs tens
of milliseconds; one cached loader serves the protocol layer, the IAM paging and the fuzzer.
"""

from __future__ import annotations

import threading
from functools import cache
from typing import Any

from botocore.loaders import Loader
from botocore.model import OperationModel, OperationNotFoundError, ServiceModel

__all__ = ["operation_model", "paginator_config", "service_model"]

_lock = threading.Lock()


@cache
def _loader() -> Loader:
    return Loader()


def service_model(service: str) -> ServiceModel:
    """botocore's model of ``service`` by its botocore name (``iam``, ``ssm-incidents``)."""
    with _lock:
        return _service_model(service)


@cache
def _service_model(service: str) -> ServiceModel:
    return ServiceModel(_loader().load_service_model(service, "service-2"), service_name=service)


def operation_model(service: str, operation: str) -> OperationModel | None:
    """The model of one operation, or ``None`` when the service has no such operation."""
    try:
        return service_model(service).operation_model(operation)
    except OperationNotFoundError:
        return None


def paginator_config(service: str) -> dict[str, Any]:
    """The ``pagination`` table of a service: what SDK paginators follow, by operation."""
    with _lock:
        return _paginators(service)


@cache
def _paginators(service: str) -> dict[str, Any]:
    config: dict[str, Any] = _loader().load_service_model(service, "paginators-1")["pagination"]
    return config

"""How the driver talks to an implementation: every answer is either expected or a failure.

``expect`` turns an error the specification did not foresee into an ``ImplementationFailure``
(so behave reports the scenario as failed, never as an error of ours). ``attempt`` records the
outcome of a request the scenario expects might be refused, for a later step to judge.
``look`` reads something that may legitimately be absent. All three hand back the answer as
an ``Answer``: a field the driver needs and the answer lacks is the implementation's failure,
named by its path, never a ``KeyError`` of the suite.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

import botocore.session
from botocore.exceptions import BotoCoreError, ClientError
from botocore.parsers import ResponseParserError

from conformance.errors import ImplementationFailure

T = TypeVar("T")

#: The error codes that say "no such thing" in the services the suite reads.
NOT_FOUND_CODES = frozenset({"ResourceNotFoundException", "NoSuchEntity", "NoSuchEntityException"})


class Answer(dict[str, Any]):
    """A parsed response whose missing fields fail the implementation, naming the field."""

    def __init__(self, data: dict[str, Any], what: str, path: str = "") -> None:
        super().__init__((key, _wrap(value, what, f"{path}{key}.")) for key, value in data.items())
        self._what = what
        self._path = path

    def __missing__(self, key: str) -> Any:
        raise ImplementationFailure(
            f"The answer to {self._what} lacks the field {self._path}{key}."
        )


def _wrap(value: Any, what: str, path: str) -> Any:
    if isinstance(value, Answer):
        return value
    if isinstance(value, dict):
        return Answer(value, what, path)
    if isinstance(value, list):
        return [_wrap(item, what, path.rstrip(".") + "[].") for item in value]
    return value


def answer(value: T, what: str) -> T:
    """``value`` with every dict in it made an ``Answer`` (lists and scalars pass through)."""
    wrapped: T = _wrap(value, what, "")
    return wrapped


@dataclass(frozen=True)
class Attempt:
    """The outcome of a request that may be refused."""

    what: str
    response: Any = None
    error_code: str | None = None
    error_message: str | None = None

    @property
    def succeeded(self) -> bool:
        return self.error_code is None


def error_code(exc: ClientError) -> str:
    """The AWS error code of a refused request (HTTP status when the answer carries none)."""
    error = exc.response.get("Error", {})
    code = error.get("Code")
    if code:
        return str(code)
    status = exc.response.get("ResponseMetadata", {}).get("HTTPStatusCode")
    return f"HTTP {status}"


def describe(exc: Exception) -> str:
    if isinstance(exc, ClientError):
        message = exc.response.get("Error", {}).get("Message") or ""
        text = f"{error_code(exc)}: {message}".strip().rstrip(":")
        return text[:300]
    return f"{type(exc).__name__}: {exc}"[:300]


def expect(what: str, call: Callable[[], T]) -> T:
    """Run ``call``; an AWS error means the implementation did not do ``what``."""
    try:
        return answer(call(), what)
    except ClientError as exc:
        raise ImplementationFailure(f"{what} was refused ({describe(exc)}).") from None
    except (BotoCoreError, ResponseParserError) as exc:
        raise ImplementationFailure(
            f"{what} did not get a valid answer ({describe(exc)})."
        ) from None


def attempt(what: str, call: Callable[[], Any]) -> Attempt:
    """Run ``call`` and record whether it was refused, and with which code."""
    try:
        return Attempt(what, response=answer(call(), what))
    except ClientError as exc:
        message = exc.response.get("Error", {}).get("Message")
        return Attempt(what, error_code=error_code(exc), error_message=message)
    except (BotoCoreError, ResponseParserError) as exc:
        raise ImplementationFailure(
            f"{what} did not get a valid answer ({describe(exc)})."
        ) from None


def look(what: str, call: Callable[[], Any]) -> Any:
    """Like ``expect``, but an answer that the thing does not exist is ``None``."""
    outcome = attempt(what, call)
    if outcome.succeeded:
        return outcome.response
    if outcome.error_code in NOT_FOUND_CODES:
        return None
    raise ImplementationFailure(
        f"{what} was refused ({outcome.error_code}: {outcome.error_message or ''}".rstrip(": ")
        + ")."
    )


def is_not_found(exc: ClientError) -> bool:
    return error_code(exc) in NOT_FOUND_CODES


@functools.cache
def listed_errors(service: str, operation: str) -> frozenset[str]:
    """The wire codes of the errors the API reference (botocore's model) lists for
    ``operation`` of ``service``."""
    model = botocore.session.get_session().get_service_model(service)
    return frozenset(
        str(shape.metadata.get("error", {}).get("code") or shape.name)
        for shape in model.operation_model(operation).error_shapes
    )

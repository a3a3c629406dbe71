"""One exception type for every AWS error the emulator answers with.

Every part of the emulator (the protocol layer, ``ssm-incidents``, ``ssm-contacts``, the
service-linked role rules on IAM) raises ``EmulatorError`` or a subclass; the protocol layer
turns it into the wire form of the service's protocol. Keeping the wire code and HTTP status on
the exception means models never think about serialization.
"""

from __future__ import annotations

from typing import Any


class EmulatorError(Exception):
    """An AWS error: wire ``code`` (e.g. ``ValidationException``), HTTP ``status``, ``message``.

    ``fields`` holds extra members of the error shape (for example ``resourceIdentifier`` and
    ``resourceType`` of ``ResourceNotFoundException``); they are serialized next to the message.
    """

    code: str = "InternalServerException"
    status: int = 500

    def __init__(
        self,
        message: str = "",
        *,
        code: str | None = None,
        status: int | None = None,
        fields: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        if code is not None:
            self.code = code
        if status is not None:
            self.status = status
        self.fields: dict[str, Any] = dict(fields or {})

    def __repr__(self) -> str:
        name = type(self).__name__
        return f"{name}(code={self.code!r}, status={self.status}, message={self.message!r})"


class ValidationException(EmulatorError):
    """The request broke a documented rule or the input shape (400)."""

    code = "ValidationException"
    status = 400


class SerializationException(EmulatorError):
    """The request body could not be read as the protocol requires (400)."""

    code = "SerializationException"
    status = 400


class UnknownOperationException(EmulatorError):
    """No operation of the service matches the request (400)."""

    code = "UnknownOperationException"
    status = 400


class AccessDeniedException(EmulatorError):
    """The caller may not do this (403)."""

    code = "AccessDeniedException"
    status = 403


class InternalServerException(EmulatorError):
    """A defect of the emulator itself, answered in AWS shape rather than as a crash (500)."""

    code = "InternalServerException"
    status = 500

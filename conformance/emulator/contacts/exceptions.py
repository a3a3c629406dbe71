"""The errors of ``ssm-contacts``, with the wire codes and members of its botocore model.

The model gives these errors no HTTP status; the statuses here follow the usual AWS JSON
convention (404 for a missing resource, 409 for a conflict, 400 for bad input).
"""

from __future__ import annotations

from conformance.emulator.errors import EmulatorError

__all__ = ["ConflictException", "ResourceNotFoundException", "ValidationException"]


class ResourceNotFoundException(EmulatorError):
    """The named contact, channel or engagement does not exist."""

    code = "ResourceNotFoundException"
    status = 404

    def __init__(self, message: str, resource_type: str, resource_id: str) -> None:
        super().__init__(message, fields={"ResourceType": resource_type, "ResourceId": resource_id})


class ConflictException(EmulatorError):
    """The resource exists already (for example a contact alias that is taken)."""

    code = "ConflictException"
    status = 409

    def __init__(self, message: str, resource_type: str, resource_id: str) -> None:
        super().__init__(message, fields={"ResourceType": resource_type, "ResourceId": resource_id})


class ValidationException(EmulatorError):
    """The request breaks a rule of the service; ``Reason`` says which kind."""

    code = "ValidationException"
    status = 400

    def __init__(self, message: str, reason: str = "OTHER") -> None:
        super().__init__(message, fields={"Reason": reason})

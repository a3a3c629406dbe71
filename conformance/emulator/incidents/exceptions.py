"""The errors of ``ssm-incidents``, with the wire codes and members of its botocore model.

``ResourceNotFoundException`` and ``ConflictException`` carry ``resourceIdentifier`` and
``resourceType`` so clients can tell which resource was missing or in the way.
"""

from __future__ import annotations

from conformance.emulator.errors import EmulatorError, ValidationException

__all__ = [
    "ConflictException",
    "ResourceNotFoundException",
    "ServiceQuotaExceededException",
    "ValidationException",
]


class ResourceNotFoundException(EmulatorError):
    """The named resource does not exist (404)."""

    code = "ResourceNotFoundException"
    status = 404

    def __init__(self, message: str, resource_type: str, identifier: str | None = None) -> None:
        fields: dict[str, object] = {"resourceType": resource_type}
        if identifier is not None:
            fields["resourceIdentifier"] = identifier
        super().__init__(message, fields=fields)


class ConflictException(EmulatorError):
    """The resource exists already, or is in a state that does not allow the change (409)."""

    code = "ConflictException"
    status = 409

    def __init__(
        self, message: str, resource_type: str | None = None, identifier: str | None = None
    ) -> None:
        fields: dict[str, object] = {}
        if resource_type is not None:
            fields["resourceType"] = resource_type
        if identifier is not None:
            fields["resourceIdentifier"] = identifier
        super().__init__(message, fields=fields)


class ServiceQuotaExceededException(EmulatorError):
    """A service quota would be exceeded (402, as the model says)."""

    code = "ServiceQuotaExceededException"
    status = 402

    def __init__(self, message: str, quota_code: str) -> None:
        super().__init__(message, fields={"quotaCode": quota_code, "serviceCode": "ssm-incidents"})

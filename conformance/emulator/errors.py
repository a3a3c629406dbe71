"""One exception type for every AWS error the emulator answers with.

Every part of the emulator (the wire layer, ``ssm-incidents``, ``ssm-contacts``, the
service-linked role rules on IAM, the front door that reads requests) raises ``EmulatorError``
or a subclass; the wire layer (``wire.errors``) turns it into the wire form of the service's
protocol. Keeping the wire code and HTTP status on the exception means models never think
about serialization. Some errors have another name in the query protocol (IAM, STS) than in
the JSON protocols (``ValidationError`` there, ``ValidationException`` here): ``query_code``
holds that name, and ``code_in`` picks the right one.
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
    #: The same error's code in the query protocol, when AWS names it differently there.
    query_code: str | None = None

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
            self.query_code = None  # a code given by name is the same in every protocol
        if status is not None:
            self.status = status
        self.fields: dict[str, Any] = dict(fields or {})

    def code_in(self, style: str) -> str:
        """The wire code in ``style`` (``query``, ``json`` or ``rest-json``)."""
        if style == "query" and self.query_code:
            return self.query_code
        return self.code

    def __repr__(self) -> str:
        name = type(self).__name__
        return f"{name}(code={self.code!r}, status={self.status}, message={self.message!r})"


class ValidationException(EmulatorError):
    """The request broke a documented rule or the input shape (400)."""

    code = "ValidationException"
    query_code = "ValidationError"
    status = 400


class SerializationException(EmulatorError):
    """The request body could not be read as the protocol requires (400)."""

    code = "SerializationException"
    query_code = "MalformedQueryString"
    status = 400


class UnknownOperationException(EmulatorError):
    """No operation of the service matches the request (400, or 404/405 for a path)."""

    code = "UnknownOperationException"
    query_code = "InvalidAction"
    status = 400


class AccessDeniedException(EmulatorError):
    """The caller may not do this (403)."""

    code = "AccessDeniedException"
    status = 403


class NotImplementedOperation(EmulatorError):
    """The operation exists in the AWS API but the emulator (or moto) does not implement it."""

    code = "NotImplementedException"
    query_code = "NotImplemented"
    status = 501


class InternalServerException(EmulatorError):
    """A defect of the emulator itself, answered in AWS shape rather than as a crash (500)."""

    code = "InternalServerException"
    query_code = "InternalFailure"
    status = 500


# -- refusals of the front door, before any service sees the request ---------------------


class MissingAuthenticationToken(EmulatorError):
    """Neither a signature nor anything else says which service the request is for (403)."""

    code = "MissingAuthenticationTokenException"
    query_code = "MissingAuthenticationToken"
    status = 403


class IncompleteSignature(EmulatorError):
    """An ``Authorization`` header that is not AWS Signature Version 4 (400)."""

    code = "IncompleteSignatureException"
    query_code = "IncompleteSignature"
    status = 400


class UnknownService(EmulatorError):
    """The credential scope names a service nobody here serves (403, as AWS answers a
    signature scoped to the wrong service)."""

    code = "InvalidSignatureException"
    query_code = "SignatureDoesNotMatch"
    status = 403


class RequestEntityTooLarge(EmulatorError):
    """A body larger than the emulator reads (413)."""

    code = "RequestEntityTooLargeException"
    query_code = "RequestEntityTooLarge"
    status = 413


class RequestTimeout(EmulatorError):
    """The client stopped sending its body (408)."""

    code = "RequestTimeoutException"
    query_code = "RequestTimeout"
    status = 408

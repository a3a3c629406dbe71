"""The emulator's one wire layer: AWS protocols read and written from botocore's models.

* ``models``: the one (cached) loader of botocore's service models and paginators.
* ``errors``: the one way to write an AWS error, per protocol (query XML, JSON, rest-json).
* ``validation``: the one validator of input against a shape, for every protocol.
* ``jsoncodec``: values by shape, and the one bounded reader of JSON bodies.
* ``jsonproto``: the JSON protocols (``rest-json``, JSON 1.1): routing, parsing, serializing.
* ``query``: the query protocol (IAM, STS): forms into input structures, answers into XML.

moto 5 has request parsers and response serializers of its own (``moto.core.parse``,
``moto.core.serialize``). They are written for the well-formed requests of botocore and
crash on malformed ones (``int('abc')`` while parsing), they pass out-of-range numbers through
unchecked, skip list items after a gap, and read long lists in quadratic time, so the front
door of an emulator that must answer every request in AWS shape cannot stand on them.
"""

from conformance.emulator.wire.errors import Style, error_response, json_error, query_error
from conformance.emulator.wire.jsoncodec import load_json
from conformance.emulator.wire.jsonproto import (
    Handler,
    OperationTable,
    ServiceProtocol,
    handle,
    json_input,
    paginate,
    protocol_for,
)
from conformance.emulator.wire.models import operation_model, paginator_config, service_model
from conformance.emulator.wire.validation import validate_input

__all__ = [
    "Handler",
    "OperationTable",
    "ServiceProtocol",
    "Style",
    "error_response",
    "handle",
    "json_error",
    "json_input",
    "load_json",
    "operation_model",
    "paginate",
    "paginator_config",
    "protocol_for",
    "query_error",
    "service_model",
    "validate_input",
]

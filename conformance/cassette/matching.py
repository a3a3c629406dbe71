"""How a replay recognises a request: the same call, with the same normalised parameters.

A request's *match key* is its kind (an AWS call, a control request, a clock reading), and
for a call the service, the Region, who signed it (``default``, or the sanitised access key
ID of a user the scenario made), the operation and the parameters after sanitising and
normalising. Normalising removes what differs between two runs of the same scenario through
no fault of the implementation: idempotency tokens that botocore invents for each request
(``clientToken``) and timestamps, found through botocore's service model. Everything else
that could differ is made equal at the source: a replay reuses the recorded run ID, so the
names the suite makes are the same, and every ARN or ID the implementation handed out comes
back from the cassette, so the requests that use it match.
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any

import botocore.session

from conformance.cassette.sanitise import Sanitiser

TOKEN = "<idempotency-token>"
TIMESTAMP = "<timestamp>"


@cache
def _session() -> Any:
    return botocore.session.get_session()


@cache
def operation_model(service: str, operation: str) -> Any:
    """botocore's model of an operation; ``None`` for one botocore does not know."""
    try:
        return _session().get_service_model(service).operation_model(operation)
    except Exception:
        return None


def normalise(value: Any, shape: Any) -> Any:
    """``value`` (plain JSON data) with tokens and timestamps replaced, walking ``shape``."""
    if isinstance(value, dict) and len(value) == 1 and "$datetime" in value:
        return TIMESTAMP
    kind = getattr(shape, "type_name", None)
    if kind == "timestamp":
        return TIMESTAMP
    if isinstance(value, dict):
        members = shape.members if kind == "structure" else {}
        result = {}
        for key, item in value.items():
            member = members.get(key)
            if member is not None and member.metadata.get("idempotencyToken"):
                result[key] = TOKEN
            elif kind == "map":
                result[key] = normalise(item, shape.value)
            else:
                result[key] = normalise(item, member)
        return result
    if isinstance(value, list):
        member = shape.member if kind == "list" else None
        return [normalise(item, member) for item in value]
    return value


def call_key(
    service: str, region: str, identity: str, operation: str, params: dict[str, Any]
) -> str:
    """The match key of an AWS call whose ``params`` are sanitised plain JSON data."""
    model = operation_model(service, operation)
    shape = model.input_shape if model is not None else None
    normalised = normalise(params, shape)
    return json.dumps(
        ["call", service, region, identity, operation, normalised], sort_keys=True, default=str
    )


def control_key(control: str, args: dict[str, Any]) -> str:
    return json.dumps(["control", control, args], sort_keys=True)


def clock_key(op: str, seconds: float | None) -> str:
    return json.dumps(["clock", op, seconds])


def interaction_key(interaction: dict[str, Any]) -> str:
    """The match key of a recorded interaction."""
    kind = interaction["kind"]
    if kind == "call":
        return call_key(
            interaction["service"],
            interaction["region"],
            interaction["identity"],
            interaction["operation"],
            interaction["params"],
        )
    if kind == "control":
        return control_key(interaction["control"], interaction["args"])
    return clock_key(interaction["op"], interaction.get("seconds"))


def sanitised(sanitiser: Sanitiser, data: Any) -> Any:
    """Plain JSON data through the sanitising rules (they work on its JSON text)."""
    return json.loads(sanitiser.text(json.dumps(data)))


def identity_of(sanitiser: Sanitiser, access_key_id: str | None) -> str:
    """Who signs a client's requests, as a cassette names it."""
    return "default" if access_key_id is None else sanitiser.text(access_key_id)

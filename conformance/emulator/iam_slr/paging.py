"""IAM ``List*`` answers cut into pages of a few items, over moto's complete listing.

Real IAM pages every list (``MaxItems``, ``IsTruncated``, ``Marker``) and may answer fewer
items than asked for, so a correct client follows ``Marker`` until ``IsTruncated`` is false.
moto 5 honours ``MaxItems`` on only some list operations (ListRoles, ListPolicies, the
ListAttached*Policies, the tag lists of roles and policies) and answers every item at once on
the others (ListUsers, ListRolePolicies, ListGroups, ListAccessKeys ...). So the emulator pages
every list itself, the same way: it asks moto for the whole listing (following moto's own
markers where moto pages), then answers one page of it, its ``Marker`` the position of the next
item. Which operations page, and which members hold their items, comes from botocore's
paginator configuration: exactly what an SDK's paginator follows.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from botocore.parsers import QueryParser
from werkzeug import Response

from conformance.emulator.errors import EmulatorError
from conformance.emulator.wire.errors import query_error
from conformance.emulator.wire.models import paginator_config, service_model
from conformance.emulator.wire.query import success_response

IAM = "iam"
#: IAM's default and largest ``MaxItems``.
DEFAULT_MAX_ITEMS = 100
MAX_MAX_ITEMS = 1000

#: Asks moto one request (the form's parameters) and returns its answer.
Fetch = Callable[[Mapping[str, str]], Response]


def result_keys(action: str) -> tuple[str, ...] | None:
    """The members holding the items of a paged ``List*`` action, or ``None`` if it does not page."""
    config = paginator_config(IAM).get(action)
    if not action.startswith("List") or config is None:
        return None
    if (config.get("input_token"), config.get("limit_key")) != ("Marker", "MaxItems"):
        return None
    keys = config["result_key"]
    return tuple(keys) if isinstance(keys, list) else (str(keys),)


def read_answer(action: str, body: bytes) -> dict[str, Any]:
    """moto's XML answer of ``action`` as the members of its output shape."""
    shape = service_model(IAM).operation_model(action).output_shape
    parsed: dict[str, Any] = QueryParser().parse(
        {"body": body, "headers": {}, "status_code": 200}, shape
    )
    parsed.pop("ResponseMetadata", None)
    return parsed


def _position(marker: str | None) -> int:
    if marker is None:
        return 0
    if not (marker.isascii() and marker.isdigit() and len(marker) <= 12):
        raise EmulatorError(
            f"Invalid Marker {marker!r}: pass the Marker of the previous page unchanged.",
            code="ValidationError",
            status=400,
        )
    return int(marker)


def _max_items(params: Mapping[str, str]) -> int:
    text = params.get("MaxItems")
    if text is None:
        return DEFAULT_MAX_ITEMS
    if not (text.isascii() and text.isdigit() and len(text) <= 6) or not (
        1 <= int(text) <= MAX_MAX_ITEMS
    ):
        raise EmulatorError(
            f"1 validation error detected: Value '{text}' at 'maxItems' failed to satisfy "
            f"constraint: Member must have value between 1 and {MAX_MAX_ITEMS}",
            code="ValidationError",
            status=400,
        )
    return int(text)


def complete_listing(
    action: str, params: Mapping[str, str], keys: tuple[str, ...], fetch: Fetch
) -> Response | dict[str, Any]:
    """Every item moto holds for the request, or moto's error answer unchanged."""
    form = {k: v for k, v in params.items() if k not in ("Marker", "MaxItems")}
    listing: dict[str, Any] | None = None
    seen: set[str] = set()
    while True:
        response = fetch(form)
        if response.status_code != 200:
            return response
        answer = read_answer(action, response.get_data())
        if listing is None:
            listing = answer
        else:
            for key in keys:
                listing.setdefault(key, []).extend(answer.get(key, []))
        marker = answer.get("Marker") if answer.get("IsTruncated") else None
        if not marker or marker in seen:  # moto paged to the end, or repeats itself
            return listing
        seen.add(marker)
        form = {**form, "Marker": str(marker)}


def page_of(
    listing: Mapping[str, Any], keys: tuple[str, ...], marker: str | None, size: int
) -> dict[str, Any]:
    """The page of ``size`` items starting at ``marker``, with ``IsTruncated`` and ``Marker``."""
    items = [(key, item) for key in keys for item in listing.get(key) or []]
    start = _position(marker)
    end = start + size
    page = {k: v for k, v in listing.items() if k not in ("IsTruncated", "Marker")}
    for key in keys:
        page[key] = [item for owner, item in items[start:end] if owner == key]
    page["IsTruncated"] = end < len(items)
    if page["IsTruncated"]:
        page["Marker"] = str(end)
    return page


def answer_in_pages(action: str, params: Mapping[str, str], size: int, fetch: Fetch) -> Response:
    """Answer ``action`` with at most ``size`` items (fewer if the caller asked for fewer)."""
    keys = result_keys(action)
    if keys is None:
        return fetch(params)
    try:
        size = min(size, _max_items(params))
        _position(params.get("Marker"))
    except EmulatorError as error:
        return query_error(error, IAM)
    listing = complete_listing(action, params, keys, fetch)
    if isinstance(listing, Response):
        return listing
    page = page_of(listing, keys, params.get("Marker"), size)
    return success_response(IAM, action, page)

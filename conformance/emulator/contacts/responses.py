"""HTTP handlers of ``ssm-contacts``: unpack validated parameters, call the model, pack results.

The wire layer has already routed and validated the request (JSON 1.1, ``X-Amz-Target``),
so each handler is a line or two; all rules live in ``models.ContactsService``.
"""

from __future__ import annotations

from typing import Any

from werkzeug.wrappers import Request, Response

from conformance.emulator import wire
from conformance.emulator.contacts.models import ContactsService
from conformance.emulator.wire import paginate as page

SERVICE_NAME = "ssm-contacts"

Params = dict[str, Any]
Result = dict[str, Any] | None


class ContactsResponses:
    """The operations of ``ssm-contacts`` for one caller (account and Region)."""

    def __init__(self, service: ContactsService, account_id: str, region: str) -> None:
        self.service = service
        self.account_id = account_id
        self.region = region

    def operations(self) -> dict[str, wire.Handler]:
        return {
            "CreateContact": self.create_contact,
            "GetContact": self.get_contact,
            "ListContacts": self.list_contacts,
            "UpdateContact": self.update_contact,
            "DeleteContact": self.delete_contact,
            "CreateContactChannel": self.create_contact_channel,
            "GetContactChannel": self.get_contact_channel,
            "ListContactChannels": self.list_contact_channels,
            "DeleteContactChannel": self.delete_contact_channel,
            "ActivateContactChannel": self.activate_contact_channel,
            "DeactivateContactChannel": self.deactivate_contact_channel,
            "StartEngagement": self.start_engagement,
            "DescribeEngagement": self.describe_engagement,
            "ListEngagements": self.list_engagements,
            "StopEngagement": self.stop_engagement,
            "TagResource": self.tag_resource,
            "UntagResource": self.untag_resource,
            "ListTagsForResource": self.list_tags_for_resource,
            "SendActivationCode": self.send_activation_code,
            "UpdateContactChannel": self.update_contact_channel,
            "DescribePage": self.describe_page,
            "AcceptPage": self.accept_page,
            "ListPagesByContact": self.list_pages_by_contact,
            "ListPagesByEngagement": self.list_pages_by_engagement,
            "ListPageReceipts": self.list_page_receipts,
            "ListPageResolutions": self.list_page_resolutions,
            "PutContactPolicy": self.put_contact_policy,
            "GetContactPolicy": self.get_contact_policy,
            "CreateRotation": self.create_rotation,
            "GetRotation": self.get_rotation,
            "UpdateRotation": self.update_rotation,
            "DeleteRotation": self.delete_rotation,
            "ListRotations": self.list_rotations,
            "ListRotationShifts": self.list_rotation_shifts,
            "ListPreviewRotationShifts": self.list_preview_rotation_shifts,
            "CreateRotationOverride": self.create_rotation_override,
            "GetRotationOverride": self.get_rotation_override,
            "DeleteRotationOverride": self.delete_rotation_override,
            "ListRotationOverrides": self.list_rotation_overrides,
        }

    def _page(self, items: list[Any], p: Params) -> tuple[list[Any], str | None]:
        return page(items, p.get("MaxResults") or None, p.get("NextToken"))

    # contacts
    def create_contact(self, p: Params) -> Result:
        return {"ContactArn": self.service.create_contact(self.account_id, self.region, p)}

    def get_contact(self, p: Params) -> Result:
        return self.service.get_contact(self.account_id, p["ContactId"])

    def list_contacts(self, p: Params) -> Result:
        contacts = self.service.list_contacts(self.account_id, p.get("AliasPrefix"), p.get("Type"))
        items, token = self._page(contacts, p)
        return {"Contacts": items, "NextToken": token}

    def update_contact(self, p: Params) -> Result:
        self.service.update_contact(self.account_id, p["ContactId"], p)
        return None

    def delete_contact(self, p: Params) -> Result:
        self.service.delete_contact(self.account_id, p["ContactId"])
        return None

    # channels
    def create_contact_channel(self, p: Params) -> Result:
        return {"ContactChannelArn": self.service.create_contact_channel(self.account_id, p)}

    def get_contact_channel(self, p: Params) -> Result:
        return self.service.get_contact_channel(self.account_id, p["ContactChannelId"])

    def list_contact_channels(self, p: Params) -> Result:
        channels = self.service.list_contact_channels(self.account_id, p["ContactId"])
        items, token = self._page(channels, p)
        return {"ContactChannels": items, "NextToken": token}

    def delete_contact_channel(self, p: Params) -> Result:
        self.service.delete_contact_channel(self.account_id, p["ContactChannelId"])
        return None

    def activate_contact_channel(self, p: Params) -> Result:
        self.service.activate_contact_channel(
            self.account_id, p["ContactChannelId"], p["ActivationCode"]
        )
        return None

    def deactivate_contact_channel(self, p: Params) -> Result:
        self.service.deactivate_contact_channel(self.account_id, p["ContactChannelId"])
        return None

    def send_activation_code(self, p: Params) -> Result:
        self.service.send_activation_code(self.account_id, p["ContactChannelId"])
        return None

    def update_contact_channel(self, p: Params) -> Result:
        self.service.update_contact_channel(self.account_id, p["ContactChannelId"], p)
        return None

    # engagements
    def start_engagement(self, p: Params) -> Result:
        return {"EngagementArn": self.service.start_engagement(self.account_id, self.region, p)}

    def describe_engagement(self, p: Params) -> Result:
        return self.service.describe_engagement(self.account_id, p["EngagementId"])

    def list_engagements(self, p: Params) -> Result:
        engagements = self.service.list_engagements(
            self.account_id, p.get("IncidentId"), p.get("TimeRangeValue")
        )
        items, token = self._page(engagements, p)
        return {"Engagements": items, "NextToken": token}

    def stop_engagement(self, p: Params) -> Result:
        self.service.stop_engagement(self.account_id, p["EngagementId"])
        return None

    # pages
    def describe_page(self, p: Params) -> Result:
        return self.service.describe_page(self.account_id, p["PageId"])

    def accept_page(self, p: Params) -> Result:
        self.service.accept_page(self.account_id, p)
        return None

    def list_pages_by_contact(self, p: Params) -> Result:
        items, token = self._page(
            self.service.list_pages_by_contact(self.account_id, p["ContactId"]), p
        )
        return {"Pages": items, "NextToken": token}

    def list_pages_by_engagement(self, p: Params) -> Result:
        items, token = self._page(
            self.service.list_pages_by_engagement(self.account_id, p["EngagementId"]), p
        )
        return {"Pages": items, "NextToken": token}

    def list_page_receipts(self, p: Params) -> Result:
        items, token = self._page(self.service.list_page_receipts(self.account_id, p["PageId"]), p)
        return {"Receipts": items, "NextToken": token}

    def list_page_resolutions(self, p: Params) -> Result:
        items, token = self._page(
            self.service.list_page_resolutions(self.account_id, p["PageId"]), p
        )
        return {"PageResolutions": items, "NextToken": token}

    # contact policies
    def put_contact_policy(self, p: Params) -> Result:
        self.service.put_contact_policy(self.account_id, p["ContactArn"], p["Policy"])
        return None

    def get_contact_policy(self, p: Params) -> Result:
        return self.service.get_contact_policy(self.account_id, p["ContactArn"])

    # rotations
    def create_rotation(self, p: Params) -> Result:
        return {"RotationArn": self.service.create_rotation(self.account_id, self.region, p)}

    def get_rotation(self, p: Params) -> Result:
        return self.service.get_rotation(self.account_id, p["RotationId"])

    def update_rotation(self, p: Params) -> Result:
        self.service.update_rotation(self.account_id, p["RotationId"], p)
        return None

    def delete_rotation(self, p: Params) -> Result:
        self.service.delete_rotation(self.account_id, p["RotationId"])
        return None

    def list_rotations(self, p: Params) -> Result:
        rotations = self.service.list_rotations(self.account_id, p.get("RotationNamePrefix"))
        items, token = self._page(rotations, p)
        return {"Rotations": items, "NextToken": token}

    def list_rotation_shifts(self, p: Params) -> Result:
        shifts = self.service.list_rotation_shifts(self.account_id, p["RotationId"], p)
        items, token = self._page(shifts, p)
        return {"RotationShifts": items, "NextToken": token}

    def list_preview_rotation_shifts(self, p: Params) -> Result:
        items, token = self._page(self.service.list_preview_rotation_shifts(p), p)
        return {"RotationShifts": items, "NextToken": token}

    def create_rotation_override(self, p: Params) -> Result:
        return {"RotationOverrideId": self.service.create_rotation_override(self.account_id, p)}

    def get_rotation_override(self, p: Params) -> Result:
        return self.service.get_rotation_override(
            self.account_id, p["RotationId"], p["RotationOverrideId"]
        )

    def delete_rotation_override(self, p: Params) -> Result:
        self.service.delete_rotation_override(
            self.account_id, p["RotationId"], p["RotationOverrideId"]
        )
        return None

    def list_rotation_overrides(self, p: Params) -> Result:
        overrides = self.service.list_rotation_overrides(self.account_id, p["RotationId"], p)
        items, token = self._page(overrides, p)
        return {"RotationOverrides": items, "NextToken": token}

    # tags
    def tag_resource(self, p: Params) -> Result:
        self.service.tag_resource(self.account_id, p["ResourceARN"], p["Tags"])
        return None

    def untag_resource(self, p: Params) -> Result:
        self.service.untag_resource(self.account_id, p["ResourceARN"], p["TagKeys"])
        return None

    def list_tags_for_resource(self, p: Params) -> Result:
        return {"Tags": self.service.list_tags_for_resource(self.account_id, p["ResourceARN"])}


def handle(service: ContactsService, request: Request, account_id: str, region: str) -> Response:
    """Answer one ``ssm-contacts`` request for the caller's account and Region."""
    if service.before_access is not None:
        service.before_access(account_id)
    operations = ContactsResponses(service, account_id, region).operations()
    return wire.handle(SERVICE_NAME, operations, request)

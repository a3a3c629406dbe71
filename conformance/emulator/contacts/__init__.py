"""The emulated ``ssm-contacts`` service: contacts, escalation plans, channels, engagements.

``ContactsService`` holds the state and rules (and is the ``DataPurger`` that forgets an
account when its replication set is deleted); ``responses.handle`` answers HTTP requests.
"""

from conformance.emulator.contacts.models import ContactsService
from conformance.emulator.contacts.responses import handle

__all__ = ["ContactsService", "handle"]

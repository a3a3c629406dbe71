"""The emulated ``ssm-incidents`` service: replication sets, response plans and incidents.

``IncidentsService`` holds the state and rules; ``responses.handle`` answers HTTP requests.
"""

from conformance.emulator.incidents.models import IncidentsService
from conformance.emulator.incidents.responses import handle

__all__ = ["IncidentsService", "handle"]

"""``Emulator``: one emulated AWS account world, its parts wired together.

Kept apart from the package's ``__init__`` so that the modules the package exports (the
offline manager among them) can make an ``Emulator`` without importing the package itself.
"""


from __future__ import annotations

from collections.abc import Callable

from moto.moto_api._internal.models import moto_api_backend
from werkzeug import Request, Response

from conformance.clock import VirtualClock
from conformance.emulator import contacts as contacts_package
from conformance.emulator import incidents as incidents_package
from conformance.emulator.app import EmulatorApp
from conformance.emulator.consistency import IMMEDIATE, Consistency
from conformance.emulator.contacts import ContactsService
from conformance.emulator.controls import EmulatorControls
from conformance.emulator.iam_slr import DEFAULT_DEFINITION, RoleDefinition, ServiceLinkedRoles
from conformance.emulator.incidents import IncidentsService
from conformance.emulator.throttling import Throttle
from conformance.emulator.triggers import Triggers

IncidentsHandler = Callable[[IncidentsService, Request, str, str], Response]
ContactsHandler = Callable[[ContactsService, Request, str, str], Response]


class Emulator:
    """One emulated AWS account world: ``app`` serves it, ``controls`` steers it."""

    def __init__(
        self,
        clock: VirtualClock | None = None,
        *,
        roles_cls: type[ServiceLinkedRoles] = ServiceLinkedRoles,
        incidents_cls: type[IncidentsService] = IncidentsService,
        contacts_cls: type[ContactsService] = ContactsService,
        triggers_cls: type[Triggers] = Triggers,
        definition: RoleDefinition = DEFAULT_DEFINITION,
        consistency: Consistency = IMMEDIATE,
    ) -> None:
        self.clock = clock if clock is not None else VirtualClock()
        self._start = self.clock.now()
        self.definition = definition
        self.consistency = consistency
        self.roles = roles_cls(self.clock, definition, consistency)
        self.contacts = contacts_cls(self.clock)
        self.incidents = incidents_cls(self.clock, self.roles, self.contacts)
        self.incidents.FIRST_DELETION_FAILS = consistency.first_set_deletion_fails
        self.roles.replication_sets = self.incidents
        self.incidents.set_watcher = self.roles
        self.incidents.permission_checker = self.roles
        self.triggers = triggers_cls(self.incidents)
        self.triggers.role_gate = self.roles
        self.throttle = Throttle(consistency.throttle_rate, consistency.throttle_seed)
        self.incidents_handler: IncidentsHandler = incidents_package.handle
        self.contacts_handler: ContactsHandler = contacts_package.handle
        self.controls = EmulatorControls(self)
        self.app = EmulatorApp(self)
        self.reset()

    def reset(self) -> None:
        """Forget everything: moto's state, every model, faults; the clock goes back to start."""
        with self.app.lock:
            moto_api_backend.reset()
            self.roles.reset()
            self.incidents.reset()
            self.contacts.reset()
            self.throttle.reset()
            self.clock.reset(self._start)

    def next_change(self) -> float | None:
        """The clock time of the next change that happens by itself (a replication set settling,
        a deletion task ending, the service letting go of its role, a fault or a grant's delay
        running out, an escalation plan's next stage), or ``None`` when nothing is scheduled."""
        with self.app.lock:
            now = self.clock.now()
            scheduled = (
                self.incidents.scheduled() + self.roles.scheduled() + self.contacts.scheduled()
            )
            return min((at for at in scheduled if at > now), default=None)

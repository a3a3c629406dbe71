"""The reference emulator in process, slow and eventually consistent as a real account may be.

A correct AWS account takes minutes to delete a role, keeps the role in use for a while after
the replication set is gone, lets a new policy take effect only after a delay, and answers
IAM lists in pages. The suite must never fail such an account; this backend runs the
emulator's ``EVENTUAL`` consistency so that the whole specification is proven tolerant of it.
Everything else is the ``reference`` backend: no socket, virtual time, every control.
"""

from __future__ import annotations

from typing import Any

from conformance import __version__
from conformance.backends.base import BackendDescription
from conformance.backends.common import botocore_version
from conformance.backends.reference import ReferenceBackend


class ReferenceEventualBackend(ReferenceBackend):
    name = "reference-eventual"

    @property
    def emulator(self) -> Any:
        if self._emulator is None:
            from conformance.emulator import EVENTUAL, Emulator

            self._emulator = Emulator(consistency=EVENTUAL)
        return self._emulator

    def describe(self) -> BackendDescription:
        return BackendDescription(
            self.name,
            "slr-conformance reference emulator, eventually consistent (in process)",
            __version__,
            None,
            {"botocore": botocore_version(), "consistency": self.emulator.consistency.name},
        )

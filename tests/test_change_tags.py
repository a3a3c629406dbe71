"""Every scenario that may change what an account had before carries the tag that says so.

On a live account, ``@changes.role`` and ``@changes.replication_set`` are what keep a
scenario away from the account's own role and replication set: an untagged scenario runs
there. So the tags are checked against what the scenarios do, not read off the feature files:
every scenario runs on the reference emulator in an account that already has the role and a
replication set, with no reset between scenarios (each cleans up after itself, as on AWS),
while a recorder notes every request that would change or delete that role or that set. A
scenario that makes such a request must carry the matching tag. Requests made during the
scenario's cleanup count too: queuing the account's role for deletion is as bad as deleting it.

Scenarios that carry both tags may do anything and are not run, which keeps this cheap.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from conformance.backends.base import RESET, BackendDescription, Credentials
from conformance.backends.common import WithheldControls
from conformance.backends.reference import ReferenceBackend
from conformance.backends.registry import BackendOptions
from conformance.clock import Clock
from conformance.runner import FEATURES_DIR, RunOptions, Selection, run
from conformance.speccheck import parse_features, scenarios

ROLE = "AWSServiceRoleForIncidentManager"
READS = ("Get", "List", "Describe")
BOTH = "not (@changes.role and @changes.replication_set)"


class _AccountThatHadThem:
    """The reference emulator in process, holding the role and a replication set, recording."""

    name = "reference-with-existing"
    live = False

    def __init__(self) -> None:
        self._inner = ReferenceBackend(BackendOptions())
        self._controls = WithheldControls(self._inner.controls, frozenset({RESET}))
        self.set_arn = ""
        self.touched: dict[str, set[str]] = defaultdict(set)
        self._calls: list[tuple[str, str]] = []

    # -- the backend protocol -----------------------------------------------------------
    def start(self) -> None:
        self._inner.start()
        self.restore()

    def stop(self) -> None:
        self._inner.stop()

    def client(
        self, service: str, region: str | None = None, credentials: Credentials | None = None
    ) -> Any:
        client = self._inner.client(service, region, credentials)
        client.meta.events.register("before-parameter-build", self._record)
        return client

    @property
    def account_id(self) -> str:
        return str(self._inner.account_id)

    @property
    def home_region(self) -> str:
        return str(self._inner.home_region)

    @property
    def clock(self) -> Clock:
        return self._inner.clock

    @property
    def controls(self) -> Any:
        return self._controls

    def describe(self) -> BackendDescription:
        return self._inner.describe()

    # -- what the scenario did ------------------------------------------------------------
    def _record(self, params: dict[str, Any], model: Any, **_: Any) -> None:
        operation = str(model.name)
        if operation.startswith(READS):
            return
        service = str(model.service_model.service_name)
        if service == "iam" and params.get("RoleName") == ROLE:
            self._calls.append(("role", operation))
        named = {params.get("arn"), params.get("resourceArn")}
        if service == "ssm-incidents" and self.set_arn in named:
            self._calls.append(("replication_set", operation))

    def take_calls(self) -> list[tuple[str, str]]:
        calls, self._calls = self._calls, []
        return calls

    def restore(self) -> None:
        """Give the account its role and an active replication set again, unrecorded."""
        iam = self._inner.client("iam")
        incidents = self._inner.client("ssm-incidents")
        self._inner.controls.set_permission_checks(False)
        if not [r for r in iam.list_roles()["Roles"] if r["RoleName"] == ROLE]:
            iam.create_service_linked_role(AWSServiceName="ssm-incidents.amazonaws.com")
        arns = incidents.list_replication_sets()["replicationSetArns"]
        if not arns:
            arns = [incidents.create_replication_set(regions={"us-east-1": {}})["arn"]]
        self.set_arn = arns[0]
        while incidents.get_replication_set(arn=self.set_arn)["replicationSet"]["status"] != (
            "ACTIVE"
        ):
            self._inner.controls.advance_clock(60)


def test_scenarios_that_change_what_existed_before_carry_the_tag():
    account = _AccountThatHadThem()
    account.start()
    tags_at = {ref.location: ref.tags for ref in scenarios(parse_features(FEATURES_DIR))}
    touched: dict[str, set[str]] = defaultdict(set)
    seen: list[str] = []

    def after(result: Any) -> None:
        for what, operation in account.take_calls():
            touched[result.location].add(f"{what}:{operation}")
        seen.append(result.location)
        account.restore()

    try:
        run(
            account,  # type: ignore[arg-type]
            RunOptions(selection=Selection(tags=BOTH), on_scenario=after),
        )
    finally:
        account.stop()

    untagged = []
    for location, calls in touched.items():
        tags = tags_at[location]
        for call in sorted(calls):
            what = call.split(":", 1)[0]
            if f"changes.{what}" not in tags:
                untagged.append(f"{location} makes {call} without @changes.{what}")
    assert untagged == []
    assert len(seen) >= 50
    # The recorder sees what it is meant to: the tagged edits of the role do touch it.
    role_edits = [loc for loc, calls in touched.items() if "role:UpdateRoleDescription" in calls]
    assert role_edits and all("changes.role" in tags_at[loc] for loc in role_edits)

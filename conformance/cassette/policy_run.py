"""The recording the committed live policy is generated from: what a live run does, offline.

A live run looks at the account and takes its lock, runs the specification without any reset
(so every scenario removes what it made), and may need the cleanup command afterwards. This
module records all three on the reference emulator: the looks and the lock as a live backend
takes them, the whole specification with the reset lever withheld, and the cleanup sweep over
one of everything a run may leave behind; and, in a second recording, the service-linked-roles
specification as a run that opted its services in for creation makes its calls.
``conformance.cassette.policy`` turns the calls into the policy:

    python -m conformance.cassette.policy_run --write     # or: make live-policy
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from conformance.backends.base import RESET, Backend, Controls
from conformance.backends.common import WithheldControls
from conformance.cassette.format import Cassette, read_cassette
from conformance.cassette.policy import POLICY_FILE, actions, document, render

if TYPE_CHECKING:
    from conformance.cassette.recording import Recorder, RecordingBackend

#: The run ID of the committed policy's recording, so that regenerating it is repeatable.
POLICY_RUN_ID = "livepolicy"


class _Unwiped:
    """A backend as a live run treats an account: nothing is wiped for it (and, with
    ``live``, it takes the live run's looks and lock as well)."""

    def __init__(self, inner: Backend, live: bool = False) -> None:
        self._inner = inner
        self.name = inner.name
        self.live = live

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        return getattr(self._inner, name)

    @property
    def controls(self) -> Controls | None:
        inner = self._inner.controls  # without the reset, each scenario removes what it made
        return None if inner is None else WithheldControls(inner, frozenset({RESET}))


def leave_behind(backend: Backend, run_id: str) -> None:
    """One of everything a run may leave behind, named and tagged as the run names its own,
    made without recording, so that the cleanup sweep recorded next has something to remove."""
    from conformance.driver.identities import allow
    from conformance.driver.session import RUN_TAG_KEY

    prefix = f"slr-conf-{run_id}-leftover"
    tags = [{"Key": RUN_TAG_KEY, "Value": run_id}]
    trust = json.dumps(
        {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Effect": "Allow",
                    "Principal": {"AWS": f"arn:aws:iam::{backend.account_id}:root"},
                    "Action": "sts:AssumeRole",
                }
            ],
        }
    )
    iam = backend.client("iam")
    policy = iam.create_policy(PolicyName=f"{prefix}-policy", PolicyDocument=allow("s3:GetObject"))
    arn = policy["Policy"]["Arn"]
    iam.create_user(UserName=f"{prefix}-user", Tags=tags)
    iam.create_access_key(UserName=f"{prefix}-user")
    iam.put_user_policy(
        UserName=f"{prefix}-user", PolicyName="grant", PolicyDocument=allow("s3:GetObject")
    )
    iam.attach_user_policy(UserName=f"{prefix}-user", PolicyArn=arn)
    iam.create_group(GroupName=f"{prefix}-group")
    iam.add_user_to_group(GroupName=f"{prefix}-group", UserName=f"{prefix}-user")
    iam.attach_group_policy(GroupName=f"{prefix}-group", PolicyArn=arn)
    iam.put_group_policy(
        GroupName=f"{prefix}-group", PolicyName="grant", PolicyDocument=allow("s3:GetObject")
    )
    iam.create_role(RoleName=f"{prefix}-role", AssumeRolePolicyDocument=trust)
    iam.put_role_policy(
        RoleName=f"{prefix}-role", PolicyName="grant", PolicyDocument=allow("s3:GetObject")
    )
    iam.attach_role_policy(RoleName=f"{prefix}-role", PolicyArn=arn)
    iam.create_instance_profile(InstanceProfileName=f"{prefix}-profile")
    iam.add_role_to_instance_profile(
        InstanceProfileName=f"{prefix}-profile", RoleName=f"{prefix}-role"
    )
    incidents = backend.client("ssm-incidents")
    incidents.create_replication_set(regions={backend.home_region: {}}, tags={RUN_TAG_KEY: run_id})
    backend.clock.sleep(3600)  # virtual time: the set is ACTIVE long before
    incidents.create_response_plan(
        name=f"{prefix}-plan", incidentTemplate={"title": "leftover", "impact": 3}
    )
    backend.client("ssm-contacts").create_contact(
        Alias=f"{prefix}-contact", Type="PERSONAL", Plan={"Stages": []}
    )
    backend.client("cloudwatch").put_metric_alarm(
        AlarmName=f"{prefix}-alarm",
        Namespace="slr-conformance",
        MetricName="leftover",
        Statistic="Sum",
        Period=60,
        EvaluationPeriods=1,
        Threshold=1.0,
        ComparisonOperator="GreaterThanThreshold",
    )
    events = backend.client("events")
    events.put_rule(Name=f"{prefix}-rule", EventPattern=json.dumps({"source": ["leftover"]}))
    events.put_targets(
        Rule=f"{prefix}-rule",
        Targets=[
            {
                "Id": "leftover",
                "Arn": f"arn:aws:sns:{backend.home_region}:{backend.account_id}:leftover",
            }
        ],
    )


def _recording(folder: Path, features_dir: Path) -> tuple[Recorder, RecordingBackend, _Unwiped]:
    """A recorder into ``folder``, and the reference emulator as a live run treats an account,
    recorded by it (and unrecorded, for what the recording must not show)."""
    from conformance.backends.registry import parse_backend
    from conformance.cassette.recording import Recorder, RecordingBackend, prepare_folder
    from conformance.cassette.sanitise import Sanitiser

    recorder = Recorder(
        prepare_folder(folder),
        Sanitiser(),
        run_id=POLICY_RUN_ID,
        tags=None,
        requirements=(),
        features_dir=features_dir,
    )
    unwiped = _Unwiped(parse_backend("reference"))
    return recorder, RecordingBackend(unwiped, recorder), unwiped


def _look_and_lock(backend: Backend, regions: list[str], **options: Any) -> None:
    """A live run's first look at the account and its lock, taken and released."""
    from conformance.live.session import LiveOptions, LiveRun

    with tempfile.TemporaryDirectory() as journals:
        live = _Unwiped(backend, live=True)
        chosen = LiveOptions(journal_dir=Path(journals), **options)
        LiveRun.open(live, POLICY_RUN_ID, regions, chosen).close()


def record_policy_run(folder: Path) -> Cassette:
    """Record the run the committed policy is generated from (see the module's docstring)."""
    from conformance.cleanup import clean_up_run
    from conformance.runner import FEATURES_DIR, RunOptions
    from conformance.runner import run as run_suite
    from conformance.speccheck import published_regions

    recorder, backend, unwiped = _recording(folder, FEATURES_DIR)
    backend.start()
    try:
        _look_and_lock(backend, published_regions())
        result = run_suite(backend, RunOptions(run_id=POLICY_RUN_ID))
        leave_behind(unwiped, POLICY_RUN_ID)
        clean_up_run(backend, POLICY_RUN_ID)
    finally:
        backend.stop()
    recorder.finish(result)
    return read_cassette(folder)


def record_service_roles_run(folder: Path) -> Cassette:
    """Record the service-linked-roles specification as an opted-in live run makes its calls:
    the look at the account's service-linked roles, then every example of the specification's
    sample of services, whose examples take every rule (the other services' take the same
    calls), with the reset lever withheld."""
    from conformance import specs
    from conformance.runner import RunOptions, Selection
    from conformance.runner import run as run_suite
    from conformance.tools.slr_features import SAMPLE

    spec = specs.get("service-linked-roles")
    recorder, backend, _ = _recording(folder, spec.features)
    backend.start()
    try:
        _look_and_lock(
            backend, [backend.home_region], services=SAMPLE, create_roles=frozenset(SAMPLE)
        )
        selection = Selection(services=SAMPLE)
        result = run_suite(
            backend, RunOptions(spec=spec.name, selection=selection, run_id=POLICY_RUN_ID)
        )
    finally:
        backend.stop()
    recorder.finish(result)
    return read_cassette(folder)


def recorded_runs(folder: Path) -> list[Cassette]:
    """Every recording the committed policy is generated from, each in a folder of ``folder``."""
    return [
        record_policy_run(folder / "incident-manager"),
        record_service_roles_run(folder / "service-linked-roles"),
    ]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m conformance.cassette.policy_run",
        description="Regenerate the least-privilege policy for live runs from a recorded run.",
    )
    parser.add_argument(
        "--write", action="store_true", help=f"write it to conformance/data/{POLICY_FILE}"
    )
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as temporary:
        text = render(document(actions(recorded_runs(Path(temporary)))))
    if args.write:
        target = Path(__file__).resolve().parent.parent / "data" / POLICY_FILE
        target.write_text(text, encoding="utf-8")
        sys.stdout.write(f"Policy written to {target}.\n")
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())

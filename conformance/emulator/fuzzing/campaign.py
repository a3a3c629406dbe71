"""A fuzzing campaign against a served emulator: bounded, deterministic, and reported.

The campaign serves a fresh emulator on 127.0.0.1 (a free port), fills it with a few real
resources, then lets Hypothesis draw requests in three phases: typed inputs through boto3 with
its parameter validation off, wild inputs and mutations as raw HTTP, and the control
protocol. Every answer goes to the oracle. After each batch the server must still answer a
health request (the control protocol's discovery), and the emulator is reset so that state
stays small. The budget bounds both the number of examples and the wall time; a fixed seed
makes a run repeatable.
"""

from __future__ import annotations

import json
import logging
import re
import time
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import boto3
from botocore import xform_name
from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError, ConnectionClosedError
from botocore.exceptions import ConnectionError as BotoConnectionError
from hypothesis import HealthCheck, Phase, Verbosity, given, seed, settings
from hypothesis import strategies as st
from hypothesis.errors import FlakyStrategyDefinition

from conformance.backends.controls import PREFIX, ControlProtocolError, HttpControls
from conformance.emulator import Emulator
from conformance.emulator.fuzzing.mutations import MUTATIONS
from conformance.emulator.fuzzing.oracle import Finding, Verdict, judge, python_names
from conformance.emulator.fuzzing.report import Report
from conformance.emulator.fuzzing.sending import RawRequest, RawResponse, build_raw, send_raw
from conformance.emulator.fuzzing.shapes import Mode, Pool, input_strategy, wrong_value
from conformance.emulator.fuzzing.targets import TARGETS, Target
from conformance.emulator.server import RunningServer, start_background

__all__ = ["Budget", "Report", "run_campaign"]

_HARVEST = re.compile(
    r"(?:\"|<)(\w*(?:Name|Id|Arn|arn|eventId|ContactId))(?:\"\s*:\s*\"|>)([^\"<]{1,256})"
)
_ARN = re.compile(r"arn:aws:[A-Za-z0-9:/_+=,.@-]{3,256}")
_PHASES = ("sdk", "raw", "controls")


@dataclass(frozen=True)
class Budget:
    """How much to fuzz: examples per phase (sdk, raw, controls), and a wall-time cap."""

    sdk: int = 300
    raw: int = 500
    controls: int = 150
    seconds: float = 45.0
    batch: int = 50
    seed: int = 0


class _CrashNotes(logging.Handler):
    """Keeps the last exception the emulator logged while answering (moto's crashes)."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.last = ""

    def emit(self, record: logging.LogRecord) -> None:
        if record.exc_info and record.exc_info[1] is not None:
            error = record.exc_info[1]
            frames = traceback.extract_tb(record.exc_info[2])
            moto = [f for f in frames if "/moto/" in f.filename] or frames
            where = ""
            if moto:
                frame = moto[-1]
                where = f" in {frame.name} ({frame.filename.split('site-packages/')[-1]}:{frame.lineno})"
            self.last = f"{type(error).__name__}: {str(error)[:120]}{where}"


@contextmanager
def _noting_crashes() -> Iterator[_CrashNotes]:
    """Catch what the emulator logs (instead of printing it) for the report."""
    logger = logging.getLogger("conformance.emulator")
    notes = _CrashNotes()
    logger.addHandler(notes)
    propagate, logger.propagate = logger.propagate, False
    try:
        yield notes
    finally:
        logger.removeHandler(notes)
        logger.propagate = propagate


@dataclass
class _Exchange:
    """What boto3 last sent and received, caught from its event hooks."""

    request: str = ""
    response: RawResponse | None = None


class _Campaign:
    def __init__(self, server: RunningServer, budget: Budget, notes: _CrashNotes) -> None:
        self.server = server
        self.notes = notes
        self.budget = budget
        host, _, port = server.url.removeprefix("http://").rpartition(":")
        self.host, self.port = host, int(port)
        self.report = Report()
        self.controls = HttpControls(server.url, frozenset({"reset", "clock"}))
        self.pool = Pool()
        self.targets = TARGETS()
        self.exchange = _Exchange()
        self.deadline = time.monotonic() + budget.seconds
        self.steps = 0
        self.alive = True
        self.strategies: dict[tuple[str, str, str], st.SearchStrategy[dict[str, Any]]] = {}
        session = boto3.session.Session(
            aws_access_key_id="AKIAIOSFODNN7EXAMPLE",
            aws_secret_access_key="fuzz",
            region_name="us-east-1",
        )
        loose = Config(
            parameter_validation=False,
            retries={"total_max_attempts": 1},
            connect_timeout=5,
            read_timeout=20,
        )
        self.clients = {
            t.service: session.client(t.service, endpoint_url=server.url, config=loose)
            for t in self.targets
        }
        self.setup = {
            name: session.client(
                name, endpoint_url=server.url, config=Config(retries={"total_max_attempts": 1})
            )
            for name in ("ssm-incidents", "ssm-contacts", "iam")
        }
        for client in self.clients.values():
            client.meta.events.register("before-send", self._sent)
            client.meta.events.register("response-received", self._received)

    # -- boto3's hooks --------------------------------------------------------------------

    def _sent(self, request: Any, **_: Any) -> None:
        body = request.body or b""
        text = body if isinstance(body, str) else bytes(body).decode("utf-8", "replace")
        headers = json.dumps({k: _text(v) for k, v in request.headers.items()})
        self.exchange.request = f"{request.method} {request.url} {headers} {text}"

    def _received(self, response_dict: dict[str, Any] | None = None, **_: Any) -> None:
        if response_dict is None:
            return
        headers = {str(k).lower(): str(v) for k, v in response_dict.get("headers", {}).items()}
        body = response_dict.get("body") or b""
        self.exchange.response = RawResponse(int(response_dict["status_code"]), headers, body)

    # -- the phases -----------------------------------------------------------------------

    def run(self) -> Report:
        started = time.monotonic()
        self.checkpoint()
        for phase in _PHASES:
            examples = getattr(self.budget, phase)
            if examples and self.alive and time.monotonic() < self.deadline:
                self._explore(phase, examples)
        self.health()
        self.report.seconds = time.monotonic() - started
        return self.report

    def _explore(self, phase: str, examples: int) -> None:
        step: Callable[[st.DataObject], None] = getattr(self, f"_{phase}")

        @seed(self.budget.seed)
        @settings(
            max_examples=examples,
            database=None,
            deadline=None,
            phases=[Phase.generate],
            suppress_health_check=list(HealthCheck),
            verbosity=Verbosity.quiet,
        )
        @given(st.data())
        def explore(data: st.DataObject) -> None:
            if not self.alive or time.monotonic() > self.deadline:
                self.report.stopped_early = self.alive
                return
            self.steps += 1
            if self.steps % self.budget.batch == 0:
                self.checkpoint()
            step(data)

        try:
            explore()
        except FlakyStrategyDefinition:
            # An example that stops (the time cap, a dead server) draws less than one that
            # went the same way before it, which Hypothesis takes for flaky data generation.
            if self.alive and time.monotonic() <= self.deadline:
                raise

    def _operation(self, target: Target, data: st.DataObject) -> str:
        favoured = sorted(target.strict & set(target.operations))
        return data.draw(st.sampled_from(favoured) | st.sampled_from(target.operations), label="op")

    def _sdk(self, data: st.DataObject) -> None:
        self.notes.last = ""
        target = data.draw(st.sampled_from(self.targets), label="service")
        name = self._operation(target, data)
        operation = target.model.operation_model(name)
        params = data.draw(self.inputs(target, name, "typed"), label="input")
        self.exchange = _Exchange()
        call = getattr(self.clients[target.service], xform_name(name))
        try:
            call(**params)
        except ClientError:
            pass
        except (BotoConnectionError, ConnectionClosedError) as exc:
            if self.exchange.request and self.exchange.response is None:
                self._unresponsive(target.service, name, str(exc), self.exchange.request)
                return
        except Exception:  # boto3 could not serialize the input, or could not read the answer
            pass  # (the oracle judges whatever answer there was)
        response = self.exchange.response
        if response is None:
            self.report.unsent += 1
            return
        verdict = judge(
            target.protocol,
            target.service,
            operation,
            response,
            self.exchange.request,
            strict=target.is_strict(name),
            own_implemented=target.own and name in target.strict,
        )
        self.report.add(verdict, target.service, name, self.exchange.request, self.notes.last)
        if verdict.status < 300:
            self.harvest(response.body)

    def _raw(self, data: st.DataObject) -> None:
        self.notes.last = ""
        target = data.draw(st.sampled_from(self.targets), label="service")
        name = self._operation(target, data)
        operation = target.model.operation_model(name)
        params = data.draw(self.inputs(target, name, "wild"), label="input")
        request = build_raw(target, operation, params)
        if data.draw(st.integers(0, 2), label="mutate") > 0:
            mutation = data.draw(st.sampled_from(MUTATIONS[target.protocol]), label="mutation")
            request = mutation(request, data)
        response = self.send(target.service, name, request)
        if response is None:
            return
        verdict = judge(
            target.protocol,
            target.service,
            operation,
            response,
            request.text(),
            routed=request.routed,
            strict=target.is_strict(name),
            own_implemented=target.own and name in target.strict and not request.mutation,
            check_success=not request.mutation,
            head=request.method == "HEAD",
        )
        self.report.add(verdict, target.service, name, request.text(), self.notes.last)

    def _controls(self, data: st.DataObject) -> None:
        method = data.draw(st.sampled_from(["GET", "POST", "POST", "DELETE", "PUT", "OPTIONS"]))
        path = data.draw(
            st.sampled_from(
                [
                    "/controls",
                    "/reset",
                    "/clock",
                    "/clock",
                    "/faults",
                    "/permissions",
                    "",
                    "/",
                    "/nowhere",
                    "/clock/x",
                ]
            )
        )
        seconds = st.sampled_from(
            [0, 1, 59.5, 90_000, 10**9, 2.2e11, 1e17, 10**401, -1, "ten", None, True, 1e308]
        )
        documents = st.one_of(
            st.fixed_dictionaries({"advance_seconds": seconds}),
            st.fixed_dictionaries(
                {
                    "fault": st.sampled_from(["role-in-use", "meteor", 3, None]),
                    "duration_seconds": seconds,
                }
            ),
            st.fixed_dictionaries({"enforce": st.sampled_from([True, False, "yes", None, 1])}),
            wrong_value(),
        )
        body = data.draw(
            documents.map(lambda d: json.dumps(d).encode())
            | st.sampled_from(
                [
                    b"",
                    b"{",
                    b"[" * 5000 + b"]" * 5000,
                    b"\xff\xfe",
                    b'{"advance_seconds": ' + b"9" * 401 + b"}",
                ]
            )
        )
        content_type = data.draw(st.sampled_from(["application/json"] * 4 + ["text/plain", None]))
        host = data.draw(
            st.sampled_from(["127.0.0.1"] * 4 + ["localhost:1", "[::1]:5000", "evil.example"])
        )
        headers: tuple[tuple[str, str], ...] = (("Host", host),)
        if content_type:
            headers += (("Content-Type", content_type),)
        request = RawRequest(method, PREFIX + path, headers, body)
        response = self.send("controls", path, request)
        if response is None:
            return
        findings: list[Finding] = []
        text = response.body.decode("utf-8", "replace")
        names = python_names(text, request.text())
        if names:
            findings.append(
                Finding(
                    "python-name",
                    "controls",
                    path,
                    response.status,
                    ", ".join(names),
                    request.text()[:600],
                )
            )
        if response.status >= 500:
            findings.append(
                Finding("5xx", "controls", path, response.status, text[:200], request.text()[:600])
            )
        if method != "HEAD" and not _control_shaped(response):
            findings.append(
                Finding(
                    "shape", "controls", path, response.status, text[:200], request.text()[:600]
                )
            )
        self.report.add(
            Verdict(response.status, None, tuple(findings)), "controls", path, request.text()
        )

    # -- plumbing -------------------------------------------------------------------------

    def inputs(self, target: Target, name: str, mode: Mode) -> st.SearchStrategy[dict[str, Any]]:
        """The input strategy of one operation, built once (building one is not cheap)."""
        key = (target.service, name, mode)
        strategy = self.strategies.get(key)
        if strategy is None:
            shape = target.model.operation_model(name).input_shape
            strategy = self.strategies[key] = input_strategy(shape, mode, self.pool)
        return strategy

    def send(self, service: str, operation: str, request: RawRequest) -> RawResponse | None:
        try:
            return send_raw(self.host, self.port, request)
        except (OSError, ValueError) as exc:
            self._unresponsive(service, operation, f"{type(exc).__name__}: {exc}", request.text())
            return None

    def _unresponsive(self, service: str, operation: str, detail: str, sent: str) -> None:
        finding = Finding("unresponsive", service, operation, 0, detail[:200], sent[:600])
        self.report.findings.setdefault(finding.key(), finding)
        self.report.finding_counts[finding.key()] += 1
        self.report.requests += 1

    def health(self) -> bool:
        """The server still answers its discovery request, promptly."""
        self.report.health_checks += 1
        request = RawRequest("GET", PREFIX + "/controls", (("Host", "127.0.0.1"),))
        try:
            answer = send_raw(self.host, self.port, request, timeout=5.0)
            healthy = answer.status == 200
        except (OSError, ValueError):
            healthy = False
        if not healthy:
            self._unresponsive(
                "controls", "health", "the server did not answer its health request", ""
            )
            self.alive = False
        return healthy

    def checkpoint(self) -> None:
        """Between batches: the server must be healthy; then start again from a known state."""
        if not self.health():
            return
        self.controls.reset()
        self.pool.strings.clear()
        self.seed_state()

    def seed_state(self) -> None:
        """A few real resources whose identifiers fuzzed requests can name."""
        incidents, contacts, iam = (self.setup[n] for n in ("ssm-incidents", "ssm-contacts", "iam"))
        steps: list[Callable[[], Any]] = [
            lambda: incidents.create_replication_set(regions={"us-east-1": {}}),
            lambda: self.controls.advance_clock(600),
            lambda: incidents.create_response_plan(
                name="plan", incidentTemplate={"title": "t", "impact": 3}
            ),
            lambda: incidents.start_incident(responsePlanArn=_plan_arn(incidents)),
            lambda: contacts.create_contact(Alias="oncall", Type="PERSONAL", Plan={"Stages": []}),
            # A channel, a rotation with an override, an on-call schedule and an engagement
            # (which pages): identifiers for the pages, rotations and policies operations.
            lambda: contacts.create_contact_channel(
                ContactId=_contact_arn(contacts),
                Name="mail",
                Type="EMAIL",
                DeliveryAddress={"SimpleAddress": "oncall@example.com"},
            ),
            lambda: contacts.create_rotation(
                Name="rotation",
                ContactIds=[_contact_arn(contacts)],
                TimeZoneId="UTC",
                Recurrence={
                    "DailySettings": [{"HourOfDay": 9, "MinuteOfHour": 0}],
                    "NumberOfOnCalls": 1,
                    "RecurrenceMultiplier": 1,
                },
            ),
            lambda: contacts.create_contact(
                Alias="schedule",
                Type="ONCALL_SCHEDULE",
                Plan={"RotationIds": [_rotation_arn(contacts)]},
            ),
            lambda: contacts.start_engagement(
                ContactId=_contact_arn(contacts), Sender="fuzz", Subject="s", Content="c"
            ),
            lambda: iam.create_user(UserName="fuzz-user"),
            lambda: iam.create_group(GroupName="fuzz-group"),
            lambda: iam.create_role(RoleName="fuzz-role", AssumeRolePolicyDocument="{}"),
        ]
        for step in steps:
            try:
                answer = step()
            except (ClientError, BotoCoreError, ControlProtocolError):
                continue
            if isinstance(answer, dict):
                self.harvest(json.dumps(answer, default=str).encode())
        for record in _records(incidents):
            self.pool.add(record)

    def harvest(self, body: bytes) -> None:
        text = body.decode("utf-8", "replace")
        for match in _ARN.finditer(text):
            self.pool.add(match.group(0))
        for _key, value in _HARVEST.findall(text):
            self.pool.add(value)


def _contact_arn(contacts: Any) -> str:
    found = contacts.list_contacts(AliasPrefix="oncall")["Contacts"]
    return str(found[0]["ContactArn"]) if found else "arn:aws:ssm-contacts:us-east-1:1:contact/x"


def _rotation_arn(contacts: Any) -> str:
    found = contacts.list_rotations()["Rotations"]
    return str(found[0]["RotationArn"]) if found else "arn:aws:ssm-contacts:us-east-1:1:rotation/x"


def _plan_arn(incidents: Any) -> str:
    plans = incidents.list_response_plans()["responsePlanSummaries"]
    return (
        str(plans[0]["arn"]) if plans else "arn:aws:ssm-incidents::123456789012:response-plan/none"
    )


def _records(incidents: Any) -> list[str]:
    try:
        return [r["arn"] for r in incidents.list_incident_records()["incidentRecordSummaries"]]
    except (ClientError, BotoCoreError):
        return []


def _control_shaped(response: RawResponse) -> bool:
    try:
        body = json.loads(response.body)
    except ValueError:
        return False
    if not isinstance(body, dict):
        return False
    return response.status < 400 or isinstance(body.get("error"), str)


@contextmanager
def served() -> Iterator[RunningServer]:
    """A fresh emulator in virtual time, served on 127.0.0.1 for the campaign only."""
    server = start_background(emulator=Emulator())
    try:
        yield server
    finally:
        server.stop()


def run_campaign(budget: Budget, server: RunningServer | None = None) -> Report:
    """Fuzz ``server`` (a fresh loopback one by default) within ``budget``."""
    with _noting_crashes() as notes:
        if server is not None:
            return _Campaign(server, budget, notes).run()
        with served() as running:
            return _Campaign(running, budget, notes).run()


def _text(value: Any) -> str:
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)

"""The backend registry, its one name parser, and the endpoint backend with and without controls."""

from __future__ import annotations

import pytest

from conformance.backends import BackendOptions, BackendSpec, default_registry, parse_backend
from conformance.backends.base import ALL_CAPABILITIES, Backend
from conformance.backends.registry import BUILTIN_SPECS, Registry
from conformance.errors import ConfigurationError


def test_registry_is_read_only_and_keeps_builtins():
    registry = default_registry()
    with pytest.raises(TypeError):
        registry["x"] = BUILTIN_SPECS[0]  # type: ignore[index]
    impostor = BackendSpec("moto", "not moto", "builtins:object")
    assert registry.with_specs(impostor)["moto"].summary == registry["moto"].summary


def test_parser_is_case_insensitive_and_defaults_to_reference():
    assert parse_backend("MOTO").name == "moto"
    assert parse_backend(None).name == "reference"


def test_every_builtin_backend_satisfies_the_protocol():
    for name in ("reference", "moto"):
        assert isinstance(parse_backend(name), Backend)


def test_reference_eventual_is_registered_and_runs_the_eventual_emulator():
    assert "reference-eventual" in default_registry()
    backend = parse_backend("reference-eventual")
    assert isinstance(backend, Backend) and backend.name == "reference-eventual"
    backend.start()
    try:
        assert backend.controls is not None
        assert backend.controls.capabilities == ALL_CAPABILITIES
        before = backend.clock.now()
        backend.clock.sleep(300)
        assert backend.controls.now() == before + 300  # the emulator's own virtual clock
        iam = backend.client("iam")
        for name in ("a", "b"):
            iam.create_user(UserName=name)
        assert len(iam.list_users()["Users"]) == 1  # the eventual mode: one item per page
        description = backend.describe()
        assert description.extra["consistency"] == "eventual"
        assert "eventually consistent" in description.implementation
    finally:
        assert backend.controls is not None
        backend.controls.reset()
        backend.stop()


def test_reference_keeps_the_immediate_emulator():
    backend = parse_backend("reference")
    backend.start()
    try:
        iam = backend.client("iam")
        for name in ("a", "b"):
            iam.create_user(UserName=name)
        assert len(iam.list_users()["Users"]) == 2
    finally:
        assert backend.controls is not None
        backend.controls.reset()
        backend.stop()


def test_backends_command_lists_reference_eventual(cli):
    lines = {line.split()[0]: line for line in cli("backends").stdout.splitlines()}
    assert "eventually consistent" in lines["reference-eventual"]


def test_serve_help_documents_the_eventual_flag(cli):
    result = cli("serve", "--eventual", "--help")
    assert result.returncode == 0, result.stderr
    text = " ".join(result.stdout.split())
    assert "--eventual" in text and "eventually consistent" in text
    from conformance.emulator import EVENTUAL

    durations = (
        EVENTUAL.role_deletion_seconds,
        EVENTUAL.role_in_use_seconds,
        EVENTUAL.policy_delay_seconds,
    )
    for seconds in durations:
        assert f"{seconds:g} s" in text  # the help states the mode's values
    assert EVENTUAL.list_page_size == 1 and "one item per page" in text


def test_third_party_spec_is_found_through_the_registry():
    spec = BackendSpec(
        "custom", "a custom backend", "conformance.backends.moto_inprocess:MotoBackend"
    )
    registry = Registry(BUILTIN_SPECS).with_specs(spec)
    assert parse_backend("custom", registry=registry).describe().implementation.startswith("moto")


def test_unknown_name_is_one_sentence():
    with pytest.raises(
        ConfigurationError, match=r"^Unknown backend 'x'; the known backends are: .*\.$"
    ):
        parse_backend("x")


def test_endpoint_backend_discovers_the_control_protocol():
    from conformance.emulator.server import start_background

    with start_background("127.0.0.1", 0) as server:
        backend = parse_backend("endpoint", BackendOptions(endpoint_url=server.url))
        backend.start()
        assert backend.controls is not None
        assert backend.controls.capabilities == ALL_CAPABILITIES
        before = backend.clock.now()
        backend.clock.sleep(3600)
        assert backend.clock.now() - before == pytest.approx(3600)
        assert backend.client("sts").get_caller_identity()["Account"] == backend.account_id


def test_cleanup_fallback_leaves_nothing_behind_and_keeps_verdicts():
    """An endpoint without the control protocol gets no controls, so the suite removes what
    each scenario made; the verdicts equal those of the same implementation run with resets
    (moto's server baseline). One server for all of it: this is the fallback's only run."""
    from conformance.backends.moto_server import MotoServerBackend
    from conformance.results.baseline import compare, load_baseline
    from conformance.runner import run

    moto_server = MotoServerBackend(BackendOptions())
    moto_server.start()
    try:
        backend = parse_backend(
            "endpoint", BackendOptions(endpoint_url=moto_server.describe().endpoint)
        )
        backend.start()
        assert backend.controls is None
        result = run(backend)
        assert compare(result, load_baseline("moto-server")) == []
        iam = backend.client("iam")
        assert iam.list_roles()["Roles"] == []
        assert iam.list_users()["Users"] == []
        assert iam.list_groups()["Groups"] == []
        assert iam.list_policies(Scope="Local")["Policies"] == []
        assert iam.list_instance_profiles()["InstanceProfiles"] == []
    finally:
        moto_server.stop()


def test_reference_server_runs_its_emulator_in_virtual_time():
    """``serve`` defaults to real time; the suite's own server must stand still between calls."""
    from conformance.backends.reference_server import ReferenceServerBackend
    from conformance.clock import VirtualClock

    backend = ReferenceServerBackend(BackendOptions())
    backend.start()
    try:
        assert backend.clock.now() == VirtualClock.START
        backend.clock.sleep(60)
        assert backend.clock.now() == VirtualClock.START + 60
    finally:
        backend.stop()

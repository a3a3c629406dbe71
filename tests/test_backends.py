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


def test_endpoint_backend_without_controls_falls_back_to_cleanup():
    from conformance.backends.moto_server import MotoServerBackend

    moto_server = MotoServerBackend(BackendOptions())
    moto_server.start()
    try:
        url = moto_server.describe().endpoint
        backend = parse_backend("endpoint", BackendOptions(endpoint_url=url))
        backend.start()
        assert backend.controls is None
    finally:
        moto_server.stop()


def test_cleanup_fallback_leaves_nothing_behind_and_keeps_verdicts():
    """Without a reset control the suite removes what each scenario made; the verdicts equal
    those of the same implementation run with resets (moto's server baseline)."""
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

"""The registry of specifications: what is listed, how a name is refused, and ``--service``."""

from __future__ import annotations

import pytest
from test_cli_errors import assert_one_sentence

from conformance import specs
from conformance.catalogue import load_catalogue
from conformance.errors import ConfigurationError
from conformance.specfiles import features_dir, installed, spec_digest

#: The per-service specification as registered, whether or not its catalogue is there yet.
PER_SERVICE = specs.Spec(
    name="service-linked-roles", title="t", package="service_linked_roles", per_service=True
)


def test_the_default_specification_is_listed_first_with_its_files() -> None:
    assert specs.names()[0] == specs.DEFAULT == "incident-manager"
    spec = specs.get("incident-manager")
    assert spec.default
    assert (spec.data / "requirements.toml").is_file()
    assert spec.features.parts[-2:] == ("features", "incident-manager")
    assert spec.baselines == spec.data / "baselines"


def test_a_specification_without_its_catalogue_or_features_is_not_listed(tmp_path) -> None:
    unfinished = specs.Spec(name="unfinished", title="t", package=str(tmp_path))
    assert not unfinished.available
    (tmp_path / "requirements.toml").write_text("", encoding="utf-8")
    (tmp_path / "statements.toml").write_text("", encoding="utf-8")
    assert unfinished.has_catalogue and not unfinished.available  # no features folder yet


def test_an_unknown_name_is_one_sentence_with_the_known_names() -> None:
    with pytest.raises(ConfigurationError) as error:
        specs.get("incident-manger")
    message = str(error.value)
    assert "'incident-manager'" in message and "known specifications: incident-manager" in message


def test_a_registered_specification_whose_files_are_missing_says_so(monkeypatch, tmp_path):
    unfinished = specs.Spec(name="unfinished", title="t", package=str(tmp_path))
    monkeypatch.setattr(specs, "_DEFINED", (*specs._DEFINED, unfinished))
    with pytest.raises(ConfigurationError) as error:
        specs.get("unfinished")
    assert "'unfinished' is not complete here" in str(error.value)
    assert "unfinished" not in specs.names()


def test_the_catalogue_without_a_name_is_the_default_specifications() -> None:
    assert load_catalogue() is load_catalogue("incident-manager")
    assert load_catalogue().spec == "incident-manager"
    assert installed().name == "incident-manager"


def test_the_digest_covers_paths_inside_the_features_folder_so_moving_it_keeps_it(
    tmp_path,
) -> None:
    moved = tmp_path / "elsewhere" / "features"
    for path in features_dir().glob("*.feature"):
        (moved / path.name).parent.mkdir(parents=True, exist_ok=True)
        (moved / path.name).write_bytes(path.read_bytes())
    assert spec_digest(moved, load_catalogue()) == installed().digest


def test_known_service_principals_are_kept_once_each_in_order() -> None:
    assert "batch.amazonaws.com" in PER_SERVICE.services()
    chosen = ("batch.amazonaws.com", "acm.amazonaws.com", "batch.amazonaws.com")
    assert specs.check_services(PER_SERVICE, chosen) == chosen[:2]


def test_an_unknown_service_principal_is_refused_with_the_near_ones() -> None:
    with pytest.raises(ConfigurationError) as error:
        specs.check_services(PER_SERVICE, ["bach.amazonaws.com"])
    assert "'batch.amazonaws.com'" in str(error.value)


def test_a_service_is_refused_for_a_specification_without_services() -> None:
    with pytest.raises(ConfigurationError) as error:
        specs.check_services(specs.get("incident-manager"), ["batch.amazonaws.com"])
    assert "--spec service-linked-roles" in str(error.value)


def test_run_refuses_an_unknown_specification(cli, tmp_path) -> None:
    result = cli("run", "--spec", "incident", "--output", str(tmp_path / "out"))
    assert_one_sentence(result, "no specification named 'incident'", "incident-manager")


def test_run_refuses_a_service_for_incident_manager(cli, tmp_path) -> None:
    result = cli(
        "run", "--service", "batch.amazonaws.com", "--output", str(tmp_path / "out")
    )
    assert_one_sentence(result, "--service", "'incident-manager'")


def test_requirements_names_its_specification(cli) -> None:
    result = cli("requirements", "--spec", "incident-manager", "--format", "json")
    assert result.returncode == 0
    assert '"specification": "incident-manager"' in result.stdout


@pytest.mark.parametrize(
    "command",
    [
        ("requirements",),
        ("mutants", "--list"),
        ("drift", "--api"),
    ],
)
def test_every_command_that_takes_a_specification_refuses_an_unknown_one(cli, command):
    result = cli(*command, "--spec", "incident-manger")
    assert_one_sentence(result, "no specification named 'incident-manger'", "incident-manager")


def test_drift_compares_with_the_named_specifications_own_records(cli, tmp_path):
    result = cli("drift", "--api", "--spec", "incident-manager", "--output", str(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr

"""The wheel and the sdist carry the whole specification, so `pip install` is all a user needs.

Both are built once per module the way `make wheel` builds them (the wheel from the sdist, with
the pins of constraints.txt); `make wheel-check` then installs the wheel and runs it. `make test`
builds them once: its `wheel-check` runs these tests on the very files it built and installs
(``pytest --built-dist build/dist``), and its unit tests leave this module out.
"""

from __future__ import annotations

import email.parser
import os
import shutil
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT

#: What the build never reads; everything else of the checkout is copied, so that building
#: writes nothing into the checkout (``make wheel`` may be building there at the same time).
_NOT_SOURCES = shutil.ignore_patterns(
    ".git", ".venv", "build", "_build", "dist", "*.egg-info", "__pycache__", ".*_cache"
)


@pytest.fixture(scope="module")
def dist(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    built = request.config.getoption("--built-dist")
    if built:
        return Path(built)
    out = tmp_path_factory.mktemp("dist")
    source = tmp_path_factory.mktemp("checkout") / "source"
    shutil.copytree(ROOT, source, ignore=_NOT_SOURCES)
    environment = dict(os.environ, PIP_CONSTRAINT=str(ROOT / "constraints.txt"))
    built = subprocess.run(
        [sys.executable, "-m", "build", "--quiet", "--outdir", str(out), str(source)],
        capture_output=True,
        text=True,
        env=environment,
        timeout=600,
        check=False,
    )
    assert built.returncode == 0, built.stdout + built.stderr
    return out


def _wheel(dist: Path) -> zipfile.ZipFile:
    (path,) = dist.glob("slr_conformance-*.whl")
    return zipfile.ZipFile(path)


def _repository(folder: str, pattern: str) -> set[str]:
    """The files of ``folder`` matching ``pattern``, by their path inside it."""
    return {p.relative_to(ROOT / folder).as_posix() for p in (ROOT / folder).glob(pattern)}


def test_the_wheel_carries_features_steps_hooks_catalogue_and_baselines(dist: Path) -> None:
    with _wheel(dist) as wheel:
        names = set(wheel.namelist())
        spec = "conformance/spec/"
        features = {
            n.removeprefix(spec + "features/") for n in names if n.startswith(spec + "features/")
        }
        steps = {n.removeprefix(spec + "steps/") for n in names if n.startswith(spec + "steps/")}
        assert features == _repository("features", "**/*.feature")
        assert "incident-manager/overview.feature" in features
        assert "service-linked-roles/overview.feature" in features
        assert steps == _repository("steps", "*.py")
        assert "parameter_types.py" in steps  # what `import parameter_types` in the steps needs
        assert spec + "environment.py" in names
        data_files = (
            "data/result.schema.json",
            "specs/incident_manager/requirements.toml",
            "specs/incident_manager/statements.toml",
            "specs/service_linked_roles/services.toml",
            "specs/service_linked_roles/requirements.toml",
            "specs/service_linked_roles/statements.toml",
        )
        for data in data_files:
            assert f"conformance/{data}" in names
        specs = "conformance/specs/"
        baselines = {n.removeprefix(specs) for n in names if "/baselines/" in n}
        assert baselines == _repository("conformance/specs", "*/baselines/*.json")
        assert "conformance/py.typed" in names
        for name in _repository("features", "**/*.feature"):
            packaged = wheel.read(f"{spec}features/{name}")
            assert packaged == (ROOT / "features" / name).read_bytes(), name


def test_the_wheel_declares_its_pythons_and_pins_nothing(dist: Path) -> None:
    with _wheel(dist) as wheel:
        (metadata_name,) = [n for n in wheel.namelist() if n.endswith(".dist-info/METADATA")]
        metadata = email.parser.Parser().parsestr(wheel.read(metadata_name).decode("utf-8"))
    assert metadata["Requires-Python"] == ">=3.11"
    classifiers = set(metadata.get_all("Classifier") or [])
    for version in ("3.11", "3.12", "3.13"):
        assert f"Programming Language :: Python :: {version}" in classifiers
    requirements = metadata.get_all("Requires-Dist") or []
    pinned = [r for r in requirements if "==" in r.split(";")[0] or "<" in r.split(";")[0]]
    assert requirements and not pinned  # exact pins live in constraints.txt


def test_the_sdist_carries_the_specification_as_the_repository_lays_it_out(dist: Path) -> None:
    (path,) = dist.glob("slr_conformance-*.tar.gz")
    with tarfile.open(path) as sdist:
        names = {name.split("/", 1)[1] for name in sdist.getnames() if "/" in name}
    for name in _repository("features", "**/*.feature"):
        assert f"features/{name}" in names
    for name in _repository("steps", "*.py"):
        assert f"steps/{name}" in names
    for name in ("environment.py", "setup.py", "constraints.txt", "pyproject.toml"):
        assert name in names
    assert not any(name.startswith("conformance/spec/") for name in names)


def test_the_repository_holds_one_copy_of_the_specification() -> None:
    assert not (ROOT / "conformance" / "spec").exists()

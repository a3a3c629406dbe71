"""Where the specifications' files are, and the digest that names exactly what they say.

In a checkout the feature files (``features/<specification>/``), the step modules and
behave's ``environment.py`` sit at the top of the repository, where plain ``behave`` finds
them (behave walks up from a features sub-folder to the shared ``steps/``). An installed wheel carries copies of
them inside the package (``conformance/spec``, put there by the build step in ``setup.py``),
because users who certify in their own CI install the package and never clone the repository.
The checkout wins when both exist, so an editable install always runs what is being edited.

The *spec digest* covers the catalogue and every feature file, so a certificate says which
examples it ran, not only which requirements: a fixed example changes the digest even when
no requirement changed. It names each file by its path *inside* the specification's features
folder, so moving that folder (as ``features/`` became ``features/incident-manager/``) keeps
the digest.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from conformance import specs
from conformance.catalogue import Catalogue, load_catalogue
from conformance.results.model import ScenarioResult
from conformance.specs import spec_root

_TAG = re.compile(r"@([A-Z]+-[A-Z]+-[0-9]+)\b")


def features_root() -> Path:
    """The folder holding every specification's features folder."""
    return spec_root() / "features"


def features_dir(spec: str = specs.DEFAULT) -> Path:
    """The feature files of the specification ``spec`` (which may not exist in a broken install)."""
    return specs.get(spec).features


def feature_files(folder: Path) -> list[Path]:
    """Every feature file under ``folder``, in a stable order."""
    return sorted(folder.rglob("*.feature"), key=lambda p: p.relative_to(folder).as_posix())


def files_naming(folder: Path, requirements: Iterable[str]) -> list[Path]:
    """The feature files under ``folder`` that carry a tag of one of ``requirements``.

    A run of a few requirements (a mutant's, ``--requirement``) hands behave only these, so
    that it parses and filters one file instead of all of them. A file is kept whenever the
    tag appears in it at all, so the list is never short of a file that holds one.
    """
    wanted = set(requirements)
    return [
        path
        for path in feature_files(folder)
        if wanted & set(_TAG.findall(path.read_text(encoding="utf-8", errors="replace")))
    ]


def spec_digest(folder: Path, catalogue: Catalogue | None = None) -> str:
    """SHA-256 over the catalogue's digest and every feature file under ``folder``.

    Each file counts by its path inside ``folder`` and its bytes, with CRLF line ends read as
    LF, so a checkout on Windows names the same specification as one on Linux.
    """
    catalogue = catalogue or load_catalogue(spec_named_by(folder))
    hasher = hashlib.sha256(b"slr-conformance spec digest 1\0")
    hasher.update(catalogue.digest.encode("ascii") + b"\0")
    for path in feature_files(folder):
        content = path.read_bytes().replace(b"\r\n", b"\n")
        hasher.update(path.relative_to(folder).as_posix().encode("utf-8") + b"\0")
        hasher.update(str(len(content)).encode("ascii") + b"\0" + content)
    return hasher.hexdigest()


@dataclass(frozen=True)
class Specification:
    """What a certificate is checked against: a catalogue and the feature files it ran."""

    catalogue: Catalogue
    digest: str
    features: Path

    @classmethod
    def of(cls, folder: Path, catalogue: Catalogue | None = None) -> Specification:
        catalogue = catalogue or load_catalogue(spec_named_by(folder))
        return cls(catalogue, spec_digest(folder, catalogue), folder)

    @property
    def name(self) -> str:
        """The name of the specification (``conformance.specs``)."""
        return self.catalogue.spec


def installed(spec: str = specs.DEFAULT) -> Specification:
    """The specification named ``spec`` as this installation runs it."""
    return Specification.of(features_dir(spec), load_catalogue(spec))


def spec_named_by(folder: Path) -> str:
    """The specification whose features ``folder`` holds: the one it is named after, else the
    default (a folder of one's own, ``run --features``, is checked against the default's)."""
    return folder.name if folder.name in specs.names() else specs.DEFAULT


def portable_location(location: str, features: Path) -> str:
    """``features/incident-manager/overview.feature:10`` for a scenario of ``features``.

    behave names a scenario's file relative to the current folder, which in an installed
    package is a path into site-packages; a certificate should name the same location on every
    machine. A specification's own features are named by their path in the checkout
    (``features/<specification>/...``); those of any other folder by that folder's name and
    the path inside it. Locations outside ``features`` are kept as they are.
    """
    path, colon, line = location.rpartition(":")
    if not colon or not line.isdigit():
        return location
    try:
        inside = Path(path).resolve().relative_to(features.resolve())
    except (OSError, ValueError):
        return location
    return f"{_display_name(features)}/{inside.as_posix()}:{line}"


def _display_name(features: Path) -> str:
    """``features/<name>`` for a specification's own features folder, else the folder's name."""
    try:
        inside_root = features.resolve().relative_to(features_root().resolve())
    except (OSError, ValueError):
        return features.name
    return Path("features", inside_root).as_posix()


def portable(result: ScenarioResult, features: Path) -> ScenarioResult:
    """``result`` with its location made portable (``portable_location``)."""
    return replace(result, location=portable_location(result.location, features))

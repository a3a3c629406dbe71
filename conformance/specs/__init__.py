"""The specifications this suite carries, by name: the unit the runner, certificates and site take.

A specification owns its data (statements, requirements, fingerprints, baselines, per-service
facts), kept as package data in a folder of its own beside this module, and its feature files,
in ``features/<name>/`` of the checkout (``conformance/spec/features/<name>/`` of a wheel). The
step modules and behave's ``environment.py`` are shared by every specification, so a step that
checks a general IAM rule is written once.

A specification is *listed* only once its data folder holds a catalogue (``requirements.toml``
and ``statements.toml``) and its features folder exists: a specification being written is
simply not offered until both are there (``service-linked-roles`` is registered already and
appears as soon as its files do). Adding another is one more entry in ``_DEFINED``.
"""

from __future__ import annotations

import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from conformance.errors import ConfigurationError
from conformance.suggest import did_you_mean

#: The specification a run checks when none is named (``make run``, ``slr-conformance run``).
DEFAULT = "incident-manager"
#: A per-service specification's data file: one ``[services."<principal>"]`` table a service.
SERVICES_FILE = "services.toml"
#: The tag prefix naming an example's service, in a specification per service
#: (``@service.batch.amazonaws.com``).
SERVICE_TAG = "service."

_HERE = Path(__file__).resolve().parent


#: The ``conformance`` package folder.
PACKAGE = Path(__file__).resolve().parent.parent
#: Where the build step puts the specification inside an installed package.
PACKAGED = PACKAGE / "spec"
#: The repository checkout, when the package is used from one.
CHECKOUT = PACKAGE.parent


def _is_specification(folder: Path) -> bool:
    return (folder / "features").is_dir() and (folder / "steps").is_dir()


def spec_root() -> Path:
    """The folder holding ``features/``, ``steps/`` and ``environment.py`` for this install.

    A checkout is recognised by its ``pyproject.toml`` too, so a stray ``features`` folder in
    site-packages is never taken for the specification.
    """
    if (CHECKOUT / "pyproject.toml").is_file() and _is_specification(CHECKOUT):
        return CHECKOUT
    return PACKAGED


@dataclass(frozen=True)
class Spec:
    """One specification: its name, its title, and where its files are."""

    #: The name users type (``run --spec NAME``), and the name of its features folder.
    name: str
    #: What it is about, for headings: "<title> conformance: <backend>".
    title: str
    #: The Python package folder beside this module that holds its data (``incident_manager``).
    package: str
    #: The left-hand text of its badge, before the version: "<badge> 3.0.0".
    badge: str = ""
    default: bool = False
    #: Whether its examples carry ``@service.<principal>`` tags, read from ``services.toml``.
    per_service: bool = False
    #: The service (botocore's name) whose Regions a run's home Region must be one of, and the
    #: name a refusal gives it.
    regions_of: str = "ssm-incidents"
    regions_named: str = "Incident Manager"

    @property
    def data(self) -> Path:
        """The folder of its statements, requirements, fingerprints and per-service data."""
        return _HERE / self.package

    @property
    def baselines(self) -> Path:
        """The folder of its recorded baselines (``<backend>.json``)."""
        return self.data / "baselines"

    @property
    def features(self) -> Path:
        """Its feature files: ``features/<name>/`` of the checkout, or of the installed copy."""
        return spec_root() / "features" / self.name

    @property
    def has_catalogue(self) -> bool:
        return (self.data / "requirements.toml").is_file() and (
            self.data / "statements.toml"
        ).is_file()

    def services(self) -> tuple[str, ...]:
        """The service principals its examples are tagged with, sorted; none if not per service."""
        if not self.per_service:
            return ()
        return _principals(self.data / SERVICES_FILE)

    @property
    def available(self) -> bool:
        """Whether it can be run here: its catalogue and its features folder are both there."""
        return self.has_catalogue and self.features.is_dir()


_DEFINED: tuple[Spec, ...] = (
    Spec(
        name="incident-manager",
        title="Incident Manager service-linked role",
        package="incident_manager",
        badge="IM SLR conformance",
        default=True,
    ),
    Spec(
        name="service-linked-roles",
        title="IAM service-linked roles",
        package="service_linked_roles",
        badge="IAM SLR conformance",
        per_service=True,
        # IAM is global; its examples call STS in the home Region (AssumeRole), which botocore
        # publishes in every Region of the partition.
        regions_of="sts",
        regions_named="AWS STS",
    ),
)


def all_specs() -> tuple[Spec, ...]:
    """Every specification that can be run here, the default first."""
    return tuple(spec for spec in _DEFINED if spec.available)


def names() -> tuple[str, ...]:
    """The names of the specifications that can be run here."""
    return tuple(spec.name for spec in all_specs())


def get(name: str) -> Spec:
    """The specification called ``name``; any other name is refused in one sentence."""
    known = names()
    spec = _entry(name)
    if spec is not None and (spec.available or spec.default):
        return spec
    if spec is not None:
        raise ConfigurationError(
            f"The specification '{name}' is not complete here (its catalogue or its "
            f"features folder is missing); known specifications: {', '.join(known)}."
        )
    raise ConfigurationError(
        f"There is no specification named '{name}'{did_you_mean(name, known)}; "
        f"known specifications: {', '.join(known)}."
    )


def defined(name: str) -> Spec:
    """The specification called ``name`` whether or not it can be run here: for commands that
    read only its data folder (its pages' facts, errata and fingerprints)."""
    spec = _entry(name)
    if spec is not None:
        return spec
    every = tuple(entry.name for entry in _DEFINED)
    raise ConfigurationError(
        f"There is no specification named '{name}'{did_you_mean(name, every)}; "
        f"known specifications: {', '.join(every)}."
    )


def badge_label(name: str) -> str:
    """The badge text of the specification ``name``, whether or not its files are here
    (a certificate of a specification this install lacks is still drawn); else its name."""
    entry = _entry(name)
    return entry.badge if entry is not None and entry.badge else f"{name} conformance"


def title_of(name: str) -> str:
    """The title of the specification ``name`` for headings, or its name when unknown."""
    entry = _entry(name)
    return entry.title if entry is not None else name


def _entry(name: str) -> Spec | None:
    return next((spec for spec in _DEFINED if spec.name == name), None)


def check_services(spec: Spec, principals: Sequence[str]) -> tuple[str, ...]:
    """``principals`` (``run --service``), once each is known to ``spec``; else one sentence."""
    if not principals:
        return ()
    if not spec.per_service:
        per_service = " or ".join(f"--spec {d.name}" for d in _DEFINED if d.per_service)
        raise ConfigurationError(
            f"The option --service applies only to a specification with examples per service "
            f"({per_service}), not to '{spec.name}'."
        )
    known = spec.services()
    for principal in principals:
        if principal not in known:
            raise ConfigurationError(
                f"The service principal '{principal}' is not one the specification "
                f"'{spec.name}' records{did_you_mean(principal, known)}; "
                f"its {len(known)} services are listed in its {SERVICES_FILE}."
            )
    return tuple(dict.fromkeys(principals))


@cache
def _principals(path: Path) -> tuple[str, ...]:
    with path.open("rb") as handle:
        return tuple(sorted(tomllib.load(handle).get("services", {})))

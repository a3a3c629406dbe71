"""Everything the directives show, loaded once per build and shared by every page.

The catalogue, the feature files and the recorded results (through
``conformance.results.verify.verify_file``) are read when the builder starts (``builder-inited``),
checked against each other, and kept on the build environment, so a page with twenty
directives does not read twenty results files, and parallel readers (forked after this point)
see the same data. Fingerprints of the inputs decide which pages must be read again although
their sources did not change: every page when the catalogue or the features changed, and the
pages that show data (they are noted as they read it) when only results changed.

Every results file is verified first (``conformance.results.verify``) against the catalogue and
the feature files the site shows: one that is not a faithful certificate is refused with a
warning naming it and the reason, and never reaches a page; one of another specification is
listed as set aside. The project's own runs (``slr_results``) are known by where they lie: the
run of backend ``moto`` is ``.../moto/results.json`` (or ``moto.json``), so a file cannot take a
backend's place by calling itself that. Submitted certificates (``slr_submitted``) are kept
apart, labelled with their file and the implementation they name, and never become a column of
the project's own runs, whatever they call themselves.

The peers' certificates (``slr_peers``, stored in the repository by ``make peers``) are the
project's own runs too, but made less often: one of another specification is not set aside but
kept as an out-of-date column (``OutOfDateRun``), which says why and when it was made, until
``make peers`` runs again. A fresh run of the same backend takes its place.
"""

from __future__ import annotations

import glob
import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging

from conformance.catalogue import Catalogue, Requirement, load_catalogue
from conformance.errors import ConfigurationError
from conformance.results.model import RequirementVerdict, RunResult, ScenarioResult
from conformance.results.verify import Verification, verify_file
from conformance.specfiles import Specification
from conformance.specs import DEFAULT as DEFAULT_SPEC
from conformance.sphinxext.gherkin import Feature, Scenario, read_feature

logger = logging.getLogger(__name__)

#: The built-in backends, in the order the site shows them.
DEFAULT_BACKENDS = (
    "reference",
    "reference-server",
    "reference-eventual",
    "moto",
    "moto-server",
    "localstack",
    "endpoint",
    "aws",
)
_ENV_KEY = "slr_site"
#: The pages that read the data while they were read; only they depend on it.
_READERS_KEY = "slr_site_readers"
_CHANGED_KEY = "slr_site_changed"
_EVERY_PAGE, _READERS = "every page", "readers"


@dataclass(frozen=True)
class RecordedRun:
    """One run shown on the site, with the file it came from."""

    path: str
    result: RunResult
    #: The column heading of a submitted run (from its file's name); empty for the project's own.
    label: str = ""

    @property
    def backend(self) -> str:
        return self.result.backend.name

    @property
    def column(self) -> str:
        """What the run's column is headed with: its label, else its backend."""
        return self.label or self.backend

    @property
    def key(self) -> str:
        """A name unique among every run shown: the backend of the project's own run, else
        ``submitted-`` and the label (a submitted file may call itself ``moto`` too)."""
        return f"submitted-{nodes.make_id(self.label)}" if self.label else self.backend

    def verdict(self, requirement_id: str) -> RequirementVerdict | None:
        for verdict in self.result.requirements:
            if verdict.id == requirement_id:
                return verdict
        return None


@dataclass(frozen=True)
class OutOfDateRun:
    """A peer's stored certificate of another specification: its column says so, not verdicts.

    What it names (implementation, version, when) is read from the file as it says, for the
    reader's orientation only: a file of another specification is not verified further."""

    path: str
    backend: str
    #: Why it is out of date, as a phrase ("recorded against specification '2.0.0', not ...").
    reason: str
    implementation: str = ""
    finished: str = ""


@dataclass(frozen=True)
class SiteData:
    catalogue: Catalogue
    features: tuple[Feature, ...]
    runs: tuple[RecordedRun, ...]
    #: Results files that were read but not shown, with the reason.
    set_aside: tuple[tuple[str, str], ...]
    expected_backends: tuple[str, ...]
    fingerprint: str
    #: The same, of the catalogue and the feature files alone: what the pages' targets come from.
    spec_fingerprint: str = ""
    #: Certificates submitted from elsewhere, verified, shown apart from the project's runs.
    submitted: tuple[RecordedRun, ...] = ()
    #: Peers' certificates of another specification, for backends with no run shown.
    out_of_date: tuple[OutOfDateRun, ...] = ()
    _verdicts: dict[tuple[str, str], RequirementVerdict] = field(
        default_factory=dict, compare=False, repr=False
    )

    def __post_init__(self) -> None:
        for run in self.runs:
            for verdict in run.result.requirements:
                self._verdicts[(run.backend, verdict.id)] = verdict

    @property
    def shown(self) -> tuple[RecordedRun, ...]:
        """Every run the site shows: the project's own, then the submitted certificates."""
        return self.runs + self.submitted

    @property
    def backends(self) -> tuple[str, ...]:
        """Backends with a recorded run, in display order."""
        return tuple(run.backend for run in self.runs)

    @property
    def missing_backends(self) -> tuple[str, ...]:
        """Expected backends for which no run has been recorded (an out-of-date one counts)."""
        recorded = {*self.backends, *(run.backend for run in self.out_of_date)}
        return tuple(b for b in self.expected_backends if b not in recorded)

    def verdict(self, backend: str, requirement_id: str) -> RequirementVerdict | None:
        return self._verdicts.get((backend, requirement_id))

    def scenarios_of(self, requirement_id: str) -> tuple[tuple[Feature, Scenario], ...]:
        """Every scenario, in any feature file, that carries the requirement's tag."""
        return tuple(
            (feature, scenario)
            for feature in self.features
            for scenario in feature.all_scenarios()
            if requirement_id in scenario.requirement_ids
        )

    def section_of_feature(self, feature: Feature) -> str | None:
        """The page section a feature file documents: by file name, else by its tags."""
        keys = [s.key for s in self.catalogue.sections]
        if feature.stem in keys:
            return feature.stem
        counts: dict[str, int] = {}
        for requirement_id in feature.requirement_ids():
            requirement = _find(self.catalogue, requirement_id)
            if requirement is not None:
                counts[requirement.section] = counts.get(requirement.section, 0) + 1
        return max(counts, key=lambda k: counts[k]) if counts else None

    def feature_for_section(self, section: str) -> Feature | None:
        for feature in self.features:
            if self.section_of_feature(feature) == section:
                return feature
        return None

    def scenario_outcomes(
        self, backend: str, requirement_id: str, feature: Feature, scenario: Scenario
    ) -> list[ScenarioResult]:
        """The recorded runs of one scenario (every row of an outline) on one backend."""
        return outcomes_of(self.verdict(backend, requirement_id), feature, scenario)


def outcomes_of(
    verdict: RequirementVerdict | None, feature: Feature, scenario: Scenario
) -> list[ScenarioResult]:
    """The results, under one verdict, of one scenario (every row of an outline)."""
    if verdict is None:
        return []
    return [result for result in verdict.scenarios if is_run_of(result, feature, scenario)]


def is_run_of(result: ScenarioResult, feature: Feature, scenario: Scenario) -> bool:
    """Whether ``result`` is a run of ``scenario`` (of any row, for an outline)."""
    line = _line_of(result.location, feature.stem)
    by_line = line is not None and line in scenario.run_lines
    return by_line or result.name in scenario.run_names


def _find(catalogue: Catalogue, requirement_id: str) -> Requirement | None:
    try:
        return catalogue.requirement(requirement_id)
    except KeyError:
        return None


def _line_of(location: str, stem: str) -> int | None:
    path, _, line = location.rpartition(":")
    if Path(path).stem != stem or not line.isdigit():
        return None
    return int(line)


def site(env: BuildEnvironment) -> SiteData:
    """The data loaded for this build; the page being read is noted as one that shows it.

    Only a page that asks while it is read is noted: code that shows data later (a transform
    after reading, a role resolved when writing) must ask during reading too, or its page
    keeps old verdicts when only results change."""
    data = getattr(env, _ENV_KEY, None)
    if not isinstance(data, SiteData):
        raise RuntimeError("conformance.sphinxext data was not loaded; is the extension set up?")
    docname = env.current_document.docname
    if docname:
        _readers(env).add(docname)
    return data


def _readers(env: BuildEnvironment) -> set[str]:
    readers = getattr(env, _READERS_KEY, None)
    if not isinstance(readers, set):
        readers = set()
        setattr(env, _READERS_KEY, readers)
    return readers


# --------------------------------------------------------------------------- the build


def root_dir(app: Sphinx) -> Path:
    """Where relative ``slr_`` paths start: ``slr_root``, else the parent of conf.py's folder."""
    configured = app.config.slr_root
    confdir = Path(app.confdir)
    return (confdir / configured).resolve() if configured else confdir.parent.resolve()


def _results_paths(root: Path, patterns: Iterable[str]) -> list[Path]:
    found: dict[Path, None] = {}
    for pattern in patterns:
        full = pattern if Path(pattern).is_absolute() else str(root / pattern)
        matches = sorted(glob.glob(full)) if glob.has_magic(full) else [full]
        found.update((Path(m).resolve(), None) for m in matches if Path(m).is_file())
    return list(found)


def load_site(app: Sphinx) -> SiteData:
    """Read the catalogue, every feature file and every results file named by the config."""
    root = root_dir(app)
    catalogue = load_catalogue(app.config.slr_spec)
    features_dir = root / app.config.slr_features_dir
    feature_paths = sorted(features_dir.glob("*.feature")) if features_dir.is_dir() else []
    features = tuple(read_feature(p) for p in feature_paths)
    hasher = hashlib.sha256(catalogue.digest.encode())
    for path in feature_paths:
        hasher.update(path.name.encode() + b"\0" + path.read_bytes())

    spec_fingerprint = hasher.hexdigest()
    expected = tuple(app.config.slr_backends)
    spec = Specification.of(features_dir, catalogue)
    chosen: dict[str, RecordedRun] = {}
    set_aside: list[tuple[str, str]] = []
    stale: dict[str, OutOfDateRun] = {}
    peers = set(_results_paths(root, _patterns(app.config.slr_peers)))
    own = _results_paths(root, [*_patterns(app.config.slr_results), *_patterns(app.config.slr_peers)])
    for path in own:
        hasher.update(str(path).encode() + b"\0" + path.read_bytes())
        shown = _display_path(path, root)
        place = _file_label(path)
        result = _verified(path, shown, spec, set_aside, keep_other=path in peers)
        if isinstance(result, str):
            stale[place] = _out_of_date(path, shown, place, result)
            continue
        if result is None:
            continue
        if result.backend.name != place:
            set_aside.append(
                (
                    shown,
                    f"it names the backend {result.backend.name}, but this place holds the "
                    f"project's run of {place}",
                )
            )
            continue
        earlier = chosen.get(result.backend.name)
        if earlier is not None and earlier.result.run.finished >= result.run.finished:
            set_aside.append((shown, f"a later run of {result.backend.name} is shown"))
            continue
        if earlier is not None:
            set_aside.append((earlier.path, f"a later run of {result.backend.name} is shown"))
        chosen[result.backend.name] = RecordedRun(shown, result)
    for name, old in stale.items():
        if name in chosen:
            set_aside.append((old.path, f"{old.reason}; a run of this specification is shown"))

    submitted: list[RecordedRun] = []
    for path in _results_paths(root, _patterns(app.config.slr_submitted)):
        hasher.update(b"submitted\0" + str(path).encode() + b"\0" + path.read_bytes())
        shown = _display_path(path, root)
        result = _verified(path, shown, spec, set_aside)
        if isinstance(result, RunResult):
            submitted.append(RecordedRun(shown, result, _unique_label(path, submitted)))

    order = {name: i for i, name in enumerate(expected)}
    runs = tuple(
        sorted(chosen.values(), key=lambda r: (order.get(r.backend, len(order)), r.backend))
    )
    return SiteData(
        catalogue=catalogue,
        features=features,
        runs=runs,
        set_aside=tuple(set_aside),
        expected_backends=expected,
        fingerprint=hasher.hexdigest(),
        spec_fingerprint=spec_fingerprint,
        submitted=tuple(submitted),
        out_of_date=tuple(
            old for name, old in sorted(stale.items(), key=lambda i: order.get(i[0], len(order)))
            if name not in chosen
        ),
    )


def _patterns(value: str | list[str]) -> list[str]:
    return [value] if isinstance(value, str) else list(value)


def _verified(
    path: Path,
    shown: str,
    spec: Specification,
    set_aside: list[tuple[str, str]],
    keep_other: bool = False,
) -> RunResult | str | None:
    """The result in ``path`` if it is a faithful certificate of ``spec``.

    A file of another specification is set aside with the reason (the page lists it), or with
    ``keep_other`` the reason is returned instead; a file that cannot be read or is not
    faithful is a warning, which fails a ``-W`` build.
    """
    try:
        verification: Verification = verify_file(path, spec)
    except ConfigurationError as exc:
        logger.warning("%s", exc, location=str(path), type="slr", subtype="results")
        return None
    result = verification.result
    if verification.other_specification is not None:
        if keep_other:
            return verification.other_specification
        set_aside.append((shown, verification.other_specification))
        return None
    if result is None or not verification.faithful:
        logger.warning(
            "%s", verification.sentence(), location=str(path), type="slr", subtype="results"
        )
        return None
    return result


def _out_of_date(path: Path, shown: str, backend: str, reason: str) -> OutOfDateRun:
    """What a peer's certificate of another specification says of itself, as plain text."""
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        document = {}
    described = document.get("backend") if isinstance(document, dict) else None
    run = document.get("run") if isinstance(document, dict) else None
    described = described if isinstance(described, dict) else {}
    run = run if isinstance(run, dict) else {}
    implementation = " ".join(
        str(described[key])[:80] for key in ("implementation", "version") if described.get(key)
    )
    finished = str(run.get("finished", ""))[:40]
    return OutOfDateRun(shown, backend, reason, implementation, finished)


def _file_label(path: Path) -> str:
    """What a results file is called by where it lies: ``x/moto/results.json`` is ``moto``."""
    return path.parent.name if path.name == "results.json" else path.stem


def _unique_label(path: Path, taken: list[RecordedRun]) -> str:
    label = _file_label(path)
    labels = {run.label for run in taken}
    candidate, number = label, 1
    while candidate in labels:
        number += 1
        candidate = f"{label} #{number}"
    return candidate


def _display_path(path: Path, root: Path) -> str:
    try:
        return str(path.relative_to(root))
    except ValueError:
        return str(path)


def _warn_unknown_tags(data: SiteData) -> None:
    known = set(data.catalogue.ids)
    for feature in data.features:
        for tag, line in feature.tag_lines():
            if tag not in known:
                logger.warning(
                    "the tag @%s names no requirement of the catalogue",
                    tag,
                    location=(feature.path, line),
                    type="slr",
                    subtype="tag",
                )


def _on_builder_inited(app: Sphinx) -> None:
    data = load_site(app)
    env = app.env
    previous = getattr(env, _ENV_KEY, None)
    if not isinstance(previous, SiteData) or previous.spec_fingerprint != data.spec_fingerprint:
        changed = _EVERY_PAGE  # requirements, statements and examples may have moved
    elif previous.fingerprint != data.fingerprint:
        changed = _READERS  # verdicts changed, and only the pages that show them
    else:
        changed = ""
    setattr(env, _ENV_KEY, data)
    setattr(env, _CHANGED_KEY, changed)
    _warn_unknown_tags(data)


def _on_env_get_outdated(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """Pages to read again although their sources did not change: every page when the
    catalogue or the features changed (a link on any page may point elsewhere now); only the
    pages that read the data when just results changed, so that the others (the API
    reference, whose autodoc is most of a build's time) are kept."""
    outdated = getattr(env, _CHANGED_KEY, "")
    if outdated == _EVERY_PAGE:
        return sorted(env.found_docs - added - changed)
    if outdated == _READERS:
        return sorted((_readers(env) & env.found_docs) - added - changed)
    return []


def _on_env_purge_doc(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    _readers(env).discard(docname)  # read again, it says again whether it reads the data


def _on_env_merge_info(
    app: Sphinx, env: BuildEnvironment, docnames: set[str], other: BuildEnvironment
) -> None:
    _readers(env).update(_readers(other) & docnames)


def setup_data(app: Sphinx) -> None:
    """Register the ``slr_`` config values and load the data once per build."""
    app.add_config_value("slr_root", "", "env", types=frozenset({str}))
    app.add_config_value("slr_spec", DEFAULT_SPEC, "env", types=frozenset({str}))
    app.add_config_value("slr_features_dir", "features", "env", types=frozenset({str}))
    app.add_config_value(
        "slr_results", ["build/results/*/results.json"], "env", types=frozenset({list, str})
    )
    app.add_config_value("slr_backends", list(DEFAULT_BACKENDS), "env", types=frozenset({list}))
    app.add_config_value("slr_submitted", [], "env", types=frozenset({list, str}))
    app.add_config_value("slr_peers", [], "env", types=frozenset({list, str}))
    app.connect("builder-inited", _on_builder_inited)
    app.connect("env-get-outdated", _on_env_get_outdated)
    app.connect("env-purge-doc", _on_env_purge_doc)
    app.connect("env-merge-info", _on_env_merge_info)

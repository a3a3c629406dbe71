"""What each ``slr-conformance`` subcommand does, behind the argument parsing in ``cli``."""

from __future__ import annotations

import argparse
import shutil
import socket
import sys
from pathlib import Path
from typing import Any

from behave.tag_expression import make_tag_expression

from conformance import specs
from conformance.backends.base import Backend
from conformance.backends.registry import BackendOptions, default_registry, parse_backend
from conformance.cassette import command as cassette_cli
from conformance.catalogue import general_rules, load_catalogue
from conformance.errors import ConfigurationError
from conformance.live.plan import render_plan
from conformance.live.runid import check_run_id, new_run_id
from conformance.live.services import check_create_roles
from conformance.live.session import LiveOptions
from conformance.outputs import EXIT_FAILED, EXIT_OK, ensure_writable, print_json
from conformance.progress import Progress
from conformance.results import baseline, console, io, matrix
from conformance.results.model import RunResult
from conformance.runner import RunOptions, Selection
from conformance.runner import run as run_suite
from conformance.speccheck import check, parse_features, published_regions, region_drift, scenarios
from conformance.workers import default_jobs


def _options(
    args: argparse.Namespace, run_id: str | None = None, spec: specs.Spec | None = None
) -> BackendOptions:
    """The backend's options; the home Region must be one the specification's service is
    published in (any specification's, for a command that serves them all)."""
    chosen = [spec] if spec is not None else list(specs.all_specs())
    regions = sorted({r for s in chosen for r in published_regions(s.regions_of)})
    if args.region not in regions:
        named = " or ".join(dict.fromkeys(s.regions_named for s in chosen))
        raise ConfigurationError(
            f"The Region {args.region} is not one where {named} is published "
            f"({', '.join(regions)})."
        )
    return BackendOptions(
        endpoint_url=getattr(args, "endpoint_url", None),
        region=args.region,
        allowed_aws_accounts=frozenset(args.allow_aws_account),
        run_id=run_id,
        profile=getattr(args, "profile", None),
        poll_interval=getattr(args, "poll_interval", None),
        dry_run=getattr(args, "dry_run", False),
        extra=cassette_cli.backend_extra(args),
    )


def _count(selection: Selection, features: list[Any], spec: str) -> int:
    expression = selection.expression(load_catalogue(spec))
    matcher = make_tag_expression(expression) if expression else None
    refs = scenarios(features)
    return sum(1 for ref in refs if matcher is None or matcher.check(ref.tags))


def run(args: argparse.Namespace) -> int:
    cassette_cli.prepare(args)
    spec = specs.get(args.spec)
    services = specs.check_services(spec, args.service)
    selection = Selection(args.tags, tuple(args.requirement), services)
    features_dir = Path(args.features) if args.features else spec.features
    features = _checked_features(features_dir, spec.name)
    total = _count(selection, features, spec.name)
    if not total:  # nothing selected is not a pass, and leaves no certificate behind
        raise ConfigurationError(f"{_describe(selection)} selects no scenario: nothing to run.")
    output = ensure_writable(Path(args.output))
    drift = region_drift(features)
    if drift:
        sys.stderr.write(f"warning: {drift}\n")
    baseline_name, baseline_dir = _baseline_location(args.baseline, spec)
    if args.baseline and not args.update_baseline:
        expected = baseline.load_baseline(baseline_name, baseline_dir)
    run_id = new_run_id() if args.run_id is None else check_run_id(args.run_id)
    backend = parse_backend(args.backend, _options(args, run_id, spec))
    backend = cassette_cli.wrap(backend, args, run_id, features_dir)
    _check_live_options(args, backend)
    create_roles = check_create_roles(spec, getattr(args, "create_roles", []), backend.live)
    backend.start()
    sys.stderr.write(f"Run {run_id}: {total} scenarios on backend '{backend.name}'.\n")
    progress = Progress(total)
    try:
        result = run_suite(
            backend,
            RunOptions(
                selection=selection,
                features_dir=features_dir,
                spec=spec.name,
                run_id=run_id,
                on_scenario=progress,
                jobs=args.jobs or default_jobs(),
                on_shared=_say_shared,
                live=LiveOptions(
                    journal_dir=output, dry_run=args.dry_run, create_roles=create_roles
                ),
            ),
        )
    finally:
        progress.finish()
        backend.stop()
    if args.dry_run:
        sys.stdout.write(render_plan(result))
        return EXIT_OK
    io.write_all(result, output)
    if args.format == "json":
        print_json(result.to_json())
    else:
        layout = console.terminal_layout(sys.stdout, shutil.get_terminal_size().columns)
        sys.stdout.write(console.render_table(result, layout))
        sys.stdout.write(
            f"Results written to {output}/ in {result.run.duration:.1f} s (run {run_id}).\n"
        )
    if not cassette_cli.finish(backend, result, args):
        return EXIT_FAILED
    if args.update_baseline:
        path = baseline.write_baseline(result, baseline_name or result.backend.name, baseline_dir)
        sys.stdout.write(f"Baseline written to {path}.\n")
        return EXIT_OK
    if args.baseline:
        changes = baseline.compare(result, expected)
        if changes:
            note = baseline.provenance_note(result, expected)
            sys.stdout.write(baseline.render_diff(changes, note))
            return EXIT_FAILED
        sys.stdout.write(f"Every verdict matches the baseline '{args.baseline}'.\n")
        return EXIT_OK
    return _exit_code(result)


def _say_shared(processes: int) -> None:
    sys.stderr.write(
        f"Its services are shared among {processes} processes ('--jobs 1' runs them in one).\n"
    )


def _checked_features(features_dir: Path, spec: str) -> list[Any]:
    """The feature files of ``features_dir``, once they pass the specification's own checks."""
    if not features_dir.is_dir():
        raise ConfigurationError(f"The features folder {features_dir} does not exist.")
    features = parse_features(features_dir)
    problems = check(features_dir, load_catalogue(spec), features=features)
    if problems:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise ConfigurationError(problems[0].rstrip(".") + more + ".")
    return features


def _describe(selection: Selection) -> str:
    """The user's selection in their own words, for a sentence."""
    parts = [f"--requirement {r}" for r in selection.requirements]
    if selection.tags:
        parts.append(f"--tags '{selection.tags}'")
    parts.extend(f"--service {s}" for s in selection.services)
    return "The selection " + " ".join(parts)


def _check_live_options(args: argparse.Namespace, backend: Backend) -> None:
    """``--dry-run`` and ``--poll-interval`` mean something only to a live backend."""
    live = backend.live
    used = [
        option
        for option, given in (
            ("--dry-run", getattr(args, "dry_run", False)),
            ("--poll-interval", getattr(args, "poll_interval", None) is not None),
        )
        if given
    ]
    if used and not live:
        raise ConfigurationError(
            f"The option {' and '.join(used)} applies only to a live backend (--backend aws): "
            "emulators wait on their own clock and are never at risk."
        )
    if getattr(args, "dry_run", False) and not getattr(backend, "dry_run", False):
        raise ConfigurationError(
            "The option --dry-run needs a backend that can refuse every change before it is "
            "sent, and only the aws backend can."
        )
    if getattr(args, "dry_run", False) and getattr(args, "record", None):
        raise ConfigurationError(
            "A dry run sends no request that changes anything, so it has no run to record: "
            "drop --record or --dry-run."
        )


def _baseline_location(text: str | None, spec: specs.Spec) -> tuple[str, Path]:
    """A baseline of the specification by name (``moto``), or any file by path (``x/y.json``)."""
    if text and text.endswith(".json"):
        path = Path(text)
        return path.stem, path.parent
    return text or "", spec.baselines


def _exit_code(result: RunResult) -> int:
    counts = result.counts()
    return EXIT_FAILED if counts["fail"] or counts["error"] else EXIT_OK


def requirements(args: argparse.Namespace) -> int:
    spec = specs.get(args.spec)
    catalogue = load_catalogue(spec.name)
    refs = list(scenarios(parse_features(spec.features)))
    entries = [
        {
            "id": r.id,
            "title": r.title,
            "section": r.section,
            "statements": list(r.statements),
            "level": r.level,
            "requirement": r.text,
            "sources": [
                {"kind": s.kind, "title": s.title, "url": s.url, "date": s.date} for s in r.sources
            ],
            "status": r.validation,
            "instances": list(r.instances),
            "instance_of": list(general_rules(r.id)),
            "scenarios": [ref.name for ref in refs if ref.requirement == r.id],
        }
        for r in catalogue.requirements
    ]
    if args.format == "json":
        print_json(
            {
                "specification": spec.name,
                "spec_version": catalogue.spec_version,
                "requirements": entries,
            }
        )
        return EXIT_OK
    for r, entry in zip(catalogue.requirements, entries, strict=True):
        links = "".join(
            f"; {label} {', '.join(ids)}"
            for label, ids in (("instance of", general_rules(r.id)), ("instances", r.instances))
            if ids
        )
        sys.stdout.write(
            f"{r.id}  {r.level:<6} {r.title} ({len(entry['scenarios'])} scenarios{links})\n"
        )
    return EXIT_OK


def backends(args: argparse.Namespace) -> int:
    for name, spec in default_registry().items():
        sys.stdout.write(f"{name:<18} {spec.summary}\n")
    return EXIT_OK


def schema(args: argparse.Namespace) -> int:
    print_json(io.schema())
    return EXIT_OK


def report(args: argparse.Namespace) -> int:
    from conformance.results import verify

    if args.report_command == "cassette":
        return cassette_cli.report_cassette(args)
    if args.report_command == "verify":
        verification = verify.verify_file(args.path)
        sys.stdout.write(verify.render(verification))
        return EXIT_OK if verification.faithful else EXIT_FAILED
    if args.report_command == "show":
        layout = console.terminal_layout(sys.stdout, shutil.get_terminal_size().columns)
        sys.stdout.write(console.render_show(verify.load_verified(args.path), layout))
        return EXIT_OK
    results = verify.verify_all(args.paths)
    for path, result in zip(args.paths, results, strict=True):
        if result.run.requirements or result.run.narrowed:
            sys.stderr.write(
                f"note: {path} covers only part of the specification (a selected run).\n"
            )
    combined = matrix.combine(results)
    written = matrix.write_matrix(combined, ensure_writable(Path(args.output)))
    sys.stdout.write(matrix.render_markdown(combined))
    sys.stdout.write(f"Matrix written to {', '.join(str(p) for p in written)}.\n")
    return EXIT_OK


def serve(args: argparse.Namespace) -> int:
    if not 0 <= args.port <= 65535:
        raise ConfigurationError(f"The port {args.port} is not between 0 and 65535.")
    if args.clock == "virtual" and args.async_seconds is not None:
        raise ConfigurationError(
            "The option --async-seconds applies only to --clock real: "
            "in virtual time an asynchronous change costs no real seconds."
        )
    from conformance.emulator.server import serve as serve_emulator

    try:
        family = socket.AF_INET6 if ":" in args.host else socket.AF_INET
        with socket.socket(family, socket.SOCK_STREAM) as probe:  # say why, before werkzeug does
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind((args.host, args.port))
        serve_emulator(
            args.host,
            args.port,
            clock=args.clock,
            async_seconds=args.async_seconds,
            eventual=args.eventual,
            allow_hosts=args.allow_host,
            moto_api=args.moto_api,
        )
    except (OSError, SystemExit) as exc:
        reason = getattr(exc, "strerror", None) or exc
        raise ConfigurationError(
            f"The emulator cannot listen on {args.host}:{args.port} ({reason})."
        ) from None
    return EXIT_OK


def cleanup(args: argparse.Namespace) -> int:
    from conformance.cleanup import clean_up_run

    if args.journal:
        return _cleanup_journal(args)
    run_id = check_run_id(args.run_id)
    # A sweep by run ID looks for Incident Manager's resources in the home Region too.
    backend = parse_backend(args.backend, _options(args, run_id, specs.get(specs.DEFAULT)))
    backend.start()
    _refuse_if_running(backend, run_id, args.force)
    removed, left = clean_up_run(backend, run_id)
    for line in removed:
        sys.stdout.write(f"removed {line}\n")
    for line in left:
        sys.stderr.write(f"could not remove {line}\n")
    return EXIT_FAILED if left else EXIT_OK


def _refuse_if_running(backend: Backend, run_id: str, force: bool) -> None:
    """Stop (one sentence, exit 2) before sweeping a run whose lock shows it alive."""
    from conformance.live.lock import instant, refuse_if_running

    warning = refuse_if_running(backend.client("iam"), run_id, instant(backend.clock), force=force)
    if warning:
        sys.stderr.write(warning)


def _cleanup_journal(args: argparse.Namespace) -> int:
    """Remove what a run journal lists; the journal must be of the account the credentials are."""
    from conformance.live.journal import read_journal
    from conformance.live.sweep import sweep_journal

    path = Path(args.journal)
    header = read_journal(path).header
    backend = parse_backend(args.backend, _options(args, header.run_id))
    backend.start()
    if backend.account_id != header.account:
        raise ConfigurationError(
            f"The journal {path} is of account {header.account}, and the credentials belong to "
            f"account {backend.account_id}."
        )
    _refuse_if_running(backend, header.run_id, args.force)
    report = sweep_journal(backend, path)
    for line in report.removed:
        sys.stdout.write(f"removed {line}\n")
    for line in report.left:
        sys.stderr.write(f"could not remove {line}\n")
    sys.stdout.write(
        f"Journal {path} (run {header.run_id}): {len(report.removed)} removed, "
        f"{len(report.gone)} already gone, {len(report.left)} left.\n"
    )
    return EXIT_FAILED if report.left else EXIT_OK


def mutants(args: argparse.Namespace) -> int:
    from conformance.mutants import ReferenceFails, run_mutants
    from conformance.mutants.catalogue import select
    from conformance.mutants.execution import MutantOutcome
    from conformance.mutants.report import HEADER, console_row, summary_lines, write_matrix

    spec = specs.get(args.spec).name
    chosen = select(args.mutant or None, spec)
    if args.list:
        for mutant in chosen:
            sys.stdout.write(
                f"{mutant.name:<40} {', '.join(mutant.requirements):<24} {mutant.description}\n"
            )
        return EXIT_OK
    output = ensure_writable(Path(args.output))

    def reference_passed(requirements: int, seconds: float) -> None:
        sys.stdout.write(
            f"Reference emulator: {requirements} requirements pass ({seconds:.1f} s). "
            f"Running {len(chosen)} mutants (scope '{args.scope}').\n\n{HEADER}\n"
        )

    def judged(outcome: MutantOutcome) -> None:
        sys.stdout.write(console_row(outcome) + "\n")
        sys.stdout.flush()

    sys.stdout.write("Running the whole suite against the unmutated reference emulator...\n")
    sys.stdout.flush()
    try:
        matrix = run_mutants(
            args.mutant or None,
            spec=spec,
            scope=args.scope,
            on_reference=reference_passed,
            on_outcome=judged,
        )
    except ReferenceFails as failure:
        sys.stdout.write(f"{failure}\n")
        return EXIT_FAILED
    written = write_matrix(matrix, output)
    sys.stdout.write("\n" + "\n".join(summary_lines(matrix)) + "\n")
    sys.stdout.write(f"Kill matrix written to {', '.join(str(p) for p in written)}.\n")
    return EXIT_FAILED if matrix.survivors else EXIT_OK


def drift(args: argparse.Namespace) -> int:
    from conformance.drift.command import DriftOptions, run_drift
    from conformance.family.command import family_drift, is_family_drift

    if is_family_drift(args):
        return family_drift(args, sys.stdout)

    spec = specs.get(args.spec)
    options = DriftOptions(
        page=Path(args.page) if args.page else None,
        policy=args.policy,
        policy_file=Path(args.policy_file) if args.policy_file else None,
        api=args.api,
        accept=args.accept,
        data=Path(args.data) if args.data else spec.data,
        output=Path(args.output),
        changelog=Path(args.changelog),
        spec=spec.name,
    )
    backend = parse_backend(args.backend, _options(args, spec=spec)) if args.backend else None
    return run_drift(options, backend, sys.stdout)


def errata(args: argparse.Namespace) -> int:
    from conformance.family.command import run_errata

    return run_errata(args.spec, args.format, sys.stdout)

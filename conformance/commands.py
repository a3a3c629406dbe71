"""What each ``slr-conformance`` subcommand does, behind the argument parsing in ``cli``."""

from __future__ import annotations

import argparse
import re
import socket
import sys
from pathlib import Path
from typing import Any

from behave.tag_expression import make_tag_expression

from conformance.backends.registry import BackendOptions, default_registry, parse_backend
from conformance.catalogue import load_catalogue
from conformance.cli import EXIT_FAILED, EXIT_OK, ensure_writable, new_run_id, print_json
from conformance.errors import ConfigurationError
from conformance.progress import Progress
from conformance.results import baseline, console, io, matrix
from conformance.results.model import RunResult
from conformance.runner import FEATURES_DIR, RunOptions, Selection
from conformance.runner import run as run_suite
from conformance.speccheck import check, parse_features, published_regions, scenarios


def _options(args: argparse.Namespace, run_id: str | None = None) -> BackendOptions:
    regions = published_regions()
    if args.region not in regions:
        raise ConfigurationError(
            f"The Region {args.region} is not one where Incident Manager is published ({', '.join(regions)})."
        )
    return BackendOptions(
        endpoint_url=getattr(args, "endpoint_url", None),
        region=args.region,
        allowed_aws_accounts=frozenset(args.allow_aws_account),
        run_id=run_id,
        profile=getattr(args, "profile", None),
    )


def _count(selection: Selection, features: list[Any]) -> int:
    expression = selection.expression(load_catalogue())
    matcher = make_tag_expression(expression) if expression else None
    refs = scenarios(features)
    return sum(1 for ref in refs if matcher is None or matcher.check(ref.tags))


def run(args: argparse.Namespace) -> int:
    output = ensure_writable(Path(args.output))
    selection = Selection(args.tags, tuple(args.requirement))
    features_dir = Path(args.features) if args.features else FEATURES_DIR
    if not features_dir.is_dir():
        raise ConfigurationError(f"The features folder {features_dir} does not exist.")
    features = parse_features(features_dir)
    problems = check(features_dir, features=features)
    if problems:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise ConfigurationError(problems[0].rstrip(".") + more + ".")
    baseline_name, baseline_dir = _baseline_location(args.baseline)
    if args.baseline and not args.update_baseline:
        expected = baseline.load_baseline(baseline_name, baseline_dir)
    total = _count(selection, features)
    run_id = args.run_id or new_run_id()
    backend = parse_backend(args.backend, _options(args, run_id))
    backend.start()
    sys.stderr.write(f"Run {run_id}: {total} scenarios on backend '{backend.name}'.\n")
    progress = Progress(total)
    try:
        result = run_suite(
            backend,
            RunOptions(
                selection=selection, features_dir=features_dir, run_id=run_id, on_scenario=progress
            ),
        )
    finally:
        progress.finish()
        backend.stop()
    io.write_all(result, output)
    if args.format == "json":
        print_json(result.to_json())
    else:
        sys.stdout.write(console.render_table(result))
        sys.stdout.write(
            f"Results written to {output}/ in {result.run.duration:.1f} s (run {run_id}).\n"
        )
    if args.update_baseline:
        path = baseline.write_baseline(result, baseline_name or result.backend.name, baseline_dir)
        sys.stdout.write(f"Baseline written to {path}.\n")
        return EXIT_OK
    if args.baseline:
        changes = baseline.compare(result, expected)
        if changes:
            sys.stdout.write(baseline.render_diff(changes))
            return EXIT_FAILED
        sys.stdout.write(f"Every verdict matches the baseline '{args.baseline}'.\n")
        return EXIT_OK
    return _exit_code(result)


def _baseline_location(text: str | None) -> tuple[str, Path | None]:
    """A packaged baseline by name (``moto``), or any baseline file by path (``x/y.json``)."""
    if not text:
        return "", None
    if text.endswith(".json"):
        path = Path(text)
        return path.stem, path.parent
    return text, None


def _exit_code(result: RunResult) -> int:
    counts = result.counts()
    return EXIT_FAILED if counts["fail"] or counts["error"] else EXIT_OK


def requirements(args: argparse.Namespace) -> int:
    catalogue = load_catalogue()
    refs = list(scenarios(parse_features(FEATURES_DIR)))
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
            "scenarios": [ref.name for ref in refs if ref.requirement == r.id],
        }
        for r in catalogue.requirements
    ]
    if args.format == "json":
        print_json({"spec_version": catalogue.spec_version, "requirements": entries})
        return EXIT_OK
    for entry in entries:
        sys.stdout.write(
            f"{entry['id']}  {entry['level']:<6} {entry['title']} ({len(entry['scenarios'])} scenarios)\n"
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
    if args.report_command == "show":
        sys.stdout.write(console.render_show(io.load_result(args.path)))
        return EXIT_OK
    results = [io.load_result(p) for p in args.paths]
    for path, result in zip(args.paths, results, strict=True):
        if result.run.requirements or result.run.tags:
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
        with socket.socket(
            socket.AF_INET, socket.SOCK_STREAM
        ) as probe:  # say why, before werkzeug does
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind((args.host, args.port))
        serve_emulator(
            args.host,
            args.port,
            clock=args.clock,
            async_seconds=args.async_seconds,
            eventual=args.eventual,
        )
    except (OSError, SystemExit) as exc:
        reason = getattr(exc, "strerror", None) or exc
        raise ConfigurationError(
            f"The emulator cannot listen on {args.host}:{args.port} ({reason})."
        ) from None
    return EXIT_OK


def cleanup(args: argparse.Namespace) -> int:
    from conformance.cleanup import clean_up_run

    if not re.fullmatch(r"[0-9a-z]+", args.run_id):
        raise ConfigurationError(f"A run ID is letters and digits only, not '{args.run_id}'.")
    backend = parse_backend(args.backend, _options(args, args.run_id))
    backend.start()
    removed, left = clean_up_run(backend, args.run_id)
    for line in removed:
        sys.stdout.write(f"removed {line}\n")
    for line in left:
        sys.stderr.write(f"could not remove {line}\n")
    return EXIT_FAILED if left else EXIT_OK


def mutants(args: argparse.Namespace) -> int:
    from conformance.mutants import run_mutants
    from conformance.mutants.catalogue import select

    if args.list:
        for mutant in select(args.mutant or None):
            sys.stdout.write(
                f"{mutant.name:<40} {', '.join(mutant.requirements):<24} {mutant.description}\n"
            )
        return EXIT_OK
    return run_mutants(args.mutant or None, Path(args.output), stream=sys.stdout, scope=args.scope)

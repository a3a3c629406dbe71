"""The command line of cassettes: ``run --record``, ``run --backend replay``, ``report cassette``
and ``cassette rules|policy``.

Kept apart from ``conformance.cli`` and ``conformance.commands`` so those only gain a line
or two: the arguments are added here, and ``run`` calls ``prepare``, ``wrap`` and ``finish``.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any, TextIO

from conformance.backends.base import Backend
from conformance.errors import ConfigurationError
from conformance.results.model import RunResult

REPLAY = "replay"


def add_run_arguments(run: argparse.ArgumentParser) -> None:
    run.add_argument(
        "--record",
        metavar="DIR",
        help="write every request and answer of the run into DIR as a cassette, sanitised "
        "(a new or empty folder); replay it with --backend replay --cassette DIR",
    )
    run.add_argument(
        "--cassette", metavar="DIR", help="the cassette that --backend replay answers from"
    )
    run.add_argument(
        "--sanitise-rules",
        metavar="FILE",
        help="a TOML file of sanitising rules to apply besides the built-in ones (with --record)",
    )


def add_report_commands(reports: Any) -> None:
    cassette = reports.add_parser(
        "cassette",
        help="what a cassette holds, requirement by requirement: evidence for a review",
    )
    cassette.add_argument("path", metavar="DIR", help="the cassette's folder")
    cassette.add_argument(
        "--format", choices=("text", "json"), default="text", help="what to print on stdout"
    )


def add_commands(commands: Any) -> None:
    cassette = commands.add_parser("cassette", help="sanitising rules and the live IAM policy")
    tools = cassette.add_subparsers(
        dest="cassette_command", required=True, parser_class=type(cassette)
    )
    rules = tools.add_parser("rules", help="print the sanitising rules, in the order they apply")
    rules.add_argument(
        "--sanitise-rules", metavar="FILE", help="a TOML file of further rules to check and show"
    )
    policy = tools.add_parser(
        "policy",
        help="the least-privilege IAM policy for live runs: generated from cassettes, or without "
        "DIR the committed one",
    )
    policy.add_argument(
        "paths", nargs="*", metavar="DIR", help="cassettes to generate the policy from"
    )
    policy.add_argument("--output", metavar="FILE", help="write the policy here, not to stdout")


def is_replay(args: argparse.Namespace) -> bool:
    return (args.backend or "").strip().lower() == REPLAY


def prepare(args: argparse.Namespace) -> None:
    """Check the cassette options before anything starts; a replay takes the recorded run ID
    and, unless the command line names one, the recorded selection."""
    record = getattr(args, "record", None)
    cassette = getattr(args, "cassette", None)
    if cassette and not is_replay(args):
        raise ConfigurationError("The option --cassette goes with --backend replay.")
    if getattr(args, "sanitise_rules", None) and not record:
        raise ConfigurationError("The option --sanitise-rules goes with --record DIR.")
    if record and getattr(args, "dry_run", False):
        raise ConfigurationError(
            "A dry run changes nothing and so shows nothing worth keeping; record a real run."
        )
    if record:
        if is_replay(args):
            raise ConfigurationError(
                "A replay is not recorded again: its cassette already holds every answer."
            )
        from conformance.cassette.recording import prepare_folder

        prepare_folder(Path(record))
        _extra_rules(args)
    if not is_replay(args):
        return
    if not cassette:
        raise ConfigurationError(
            "The replay backend needs --cassette DIR, a folder written by run --record."
        )
    from conformance.cassette.format import read_cassette

    recorded = read_cassette(Path(cassette)).run
    if args.run_id and args.run_id != recorded["run_id"]:
        raise ConfigurationError(
            f"A replay reuses the recorded run ID {recorded['run_id']}, not {args.run_id}, "
            "since the names the run made carry it."
        )
    args.run_id = recorded["run_id"]
    if not args.tags and not args.requirement:
        args.tags = recorded["tags"]
        args.requirement = list(recorded["requirements"])


def _extra_rules(args: argparse.Namespace) -> tuple[Any, ...]:
    from conformance.cassette.sanitise import load_rules

    path = getattr(args, "sanitise_rules", None)
    return load_rules(Path(path)) if path else ()


def backend_extra(args: argparse.Namespace) -> dict[str, str]:
    """What the replay backend reads from ``BackendOptions.extra``."""
    extra = {}
    if getattr(args, "cassette", None):
        extra["cassette"] = str(args.cassette)
    if getattr(args, "features", None):
        extra["features"] = str(args.features)
    if getattr(args, "spec", None):
        extra["spec"] = str(args.spec)
    return extra


def wrap(backend: Backend, args: argparse.Namespace, run_id: str, features_dir: Path) -> Backend:
    """The backend, recorded when ``--record`` asks for it."""
    record = getattr(args, "record", None)
    if not record:
        return backend
    from conformance.cassette.recording import Recorder, RecordingBackend
    from conformance.cassette.sanitise import Sanitiser, all_rules

    recorder = Recorder(
        Path(record),
        Sanitiser(all_rules(_extra_rules(args))),
        run_id=run_id,
        tags=args.tags,
        requirements=tuple(args.requirement),
        features_dir=features_dir,
    )
    return RecordingBackend(backend, recorder)


def finish(backend: Backend, result: RunResult, args: argparse.Namespace) -> bool:
    """Close a recording, or compare a replay with its recording; False when they differ.

    What it says goes to stdout beside the table, or to stderr when stdout carries JSON.
    """
    from conformance.backends.replay import ReplayBackend
    from conformance.cassette.recording import RecordingBackend

    stream: TextIO = sys.stderr if getattr(args, "format", "text") == "json" else sys.stdout

    if isinstance(backend, RecordingBackend):
        backend.recorder.finish(result)
        stream.write(
            f"Cassette written to {backend.recorder.folder}/ "
            f"({len(result.requirements)} requirements, {backend.recorder.total} interactions).\n"
        )
        return True
    if not isinstance(backend, ReplayBackend):
        return True
    replayer = backend.replayer
    if replayer.mismatches:
        more = len(replayer.mismatches) - 1
        sys.stderr.write(
            f"slr-conformance: {replayer.mismatches[0].rstrip('.')}"
            + (f" (and {more} more)" if more else "")
            + ".\n"
        )
    unused = list(replayer.unused())
    if unused:
        total = sum(count for _, count in unused)
        sys.stderr.write(
            f"note: {total} recorded interaction{'s' if total != 1 else ''} went unanswered "
            f"in {len(unused)} scenario{'s' if len(unused) != 1 else ''}, first in "
            f"{unused[0][0]}.\n"
        )
    recorded = backend.cassette.verdicts
    differences = [
        (r.id, recorded.get(r.id), r.verdict)
        for r in result.requirements
        if recorded.get(r.id) != r.verdict
    ]
    if not differences:
        stream.write(
            f"The replay gives the recorded verdict for every requirement "
            f"({len(result.requirements)}).\n"
        )
        return True
    stream.write("The replay differs from its recording:\n")
    for requirement, before, after in differences:
        stream.write(f"  {requirement}: recorded {before or 'nothing'}, replayed {after}\n")
    return False


def report_cassette(args: argparse.Namespace) -> int:
    from conformance.cassette import evidence
    from conformance.cassette.format import read_cassette

    cassette = read_cassette(Path(args.path))
    if args.format == "json":
        sys.stdout.write(json.dumps(evidence.to_json(cassette), indent=2) + "\n")
    else:
        sys.stdout.write(evidence.render_text(cassette))
    return 0


def cassette_command(args: argparse.Namespace) -> int:
    """``slr-conformance cassette rules`` and ``cassette policy``."""
    if args.cassette_command == "rules":
        from conformance.cassette.sanitise import all_rules, describe_rules

        sys.stdout.write(describe_rules(all_rules(_extra_rules(args))))
        return 0
    from conformance.cassette import policy
    from conformance.cassette.format import read_cassette

    if args.paths:
        cassettes = [read_cassette(Path(p)) for p in args.paths]
        text = policy.render(policy.document(policy.actions(cassettes)))
    else:
        text = policy.committed_text()
    if args.output:
        try:
            Path(args.output).write_text(text, encoding="utf-8")
        except OSError as exc:
            raise ConfigurationError(
                f"The policy cannot be written to {args.output} ({exc.strerror or exc})."
            ) from None
        sys.stdout.write(f"Policy written to {args.output}.\n")
    else:
        sys.stdout.write(text)
    return 0

"""The ``slr-conformance`` command: run the specification, read results, serve the emulator.

Exit codes: 0 when every selected requirement passes (or a baseline matches), 1 when any
fails or errs (or differs from the baseline), 2 for a usage or configuration error, which is
always explained in one plain sentence on stderr.
"""

from __future__ import annotations

import argparse
import math
import os
import re
import sys
from collections.abc import Sequence
from typing import Any, NoReturn

from conformance import __version__
from conformance.cassette import command as cassette_cli
from conformance.clock import DEFAULT_ASYNC_SECONDS
from conformance.errors import ConfigurationError, WorkerStopped
from conformance.outputs import EXIT_BROKEN_PIPE, EXIT_INCOMPLETE, EXIT_USAGE
from conformance.suggest import did_you_mean

#: What ``slr-conformance --help`` says the command is for.
DESCRIPTION = (
    "Run an executable specification of AWS service-linked roles against a backend, read and "
    "combine its certificates, and serve the reference emulator. The specification is named "
    "with --spec: incident-manager (the default) is Incident Manager's service-linked role."
)


class _HelpFormatter(argparse.HelpFormatter):
    """argparse's help, with each option's default named when it has a meaningful one."""

    def _get_help_string(self, action: argparse.Action) -> str | None:
        text = action.help or ""
        default = action.default
        if (
            text
            and "default" not in text
            and action.option_strings
            and default not in (None, False, [], argparse.SUPPRESS)
        ):
            text += " (default: %(default)s)"
        return text


class _Parser(argparse.ArgumentParser):
    """argparse, but its errors are one sentence in the user's words and exit code 2, like ours."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _HelpFormatter)
        super().__init__(*args, **kwargs)

    #: The words of the command line being parsed, to name the subcommand in an error.
    words: tuple[str, ...] = ()

    def parse_known_args(self, args: Any = None, namespace: Any = None) -> Any:
        if not self.words:
            self.words = tuple(sys.argv[1:] if args is None else args)
        return super().parse_known_args(args, namespace)

    def error(self, message: str) -> NoReturn:
        sentence = _plain_error(self, message)
        sys.stderr.write(f"slr-conformance: {sentence[0].upper()}{sentence[1:].rstrip('.')}.\n")
        raise SystemExit(EXIT_USAGE)

    def _check_value(self, action: argparse.Action, value: Any) -> None:
        """A word that is not one of the choices, named as the user typed it, with near misses."""
        choices = action.choices
        if choices is None or value in choices:
            return
        names = [str(choice) for choice in choices]
        hint = did_you_mean(str(value), names)
        if isinstance(action, argparse._SubParsersAction):
            what = f"'{value}' is not a command of '{self.prog}'{hint}; choose from "
        else:
            option = "/".join(action.option_strings) or str(action.metavar or action.dest)
            what = f"'{value}' is not a value {option} takes{hint}; choose from "
        raise argparse.ArgumentError(None, what + ", ".join(names))


#: argparse's messages that only need other words: (its message, ours).
_REWORDED = (
    (r"ambiguous option: (\S+) could match (.*)", "The option {} is ambiguous: it could be {}"),
    (r"argument (\S+): expected one argument", "The option {} needs a value"),
)


def _plain_error(parser: argparse.ArgumentParser, message: str) -> str:
    """argparse's message as one sentence that names the user's words, not internal names."""
    unknown = re.fullmatch(r"unrecognized arguments: (.*)", message, re.DOTALL)
    if unknown:
        word = unknown.group(1).split()[0]
        named = _named_parser(parser, getattr(parser, "words", ()))
        if word.startswith("-"):
            option = word.split("=", 1)[0]
            hint = did_you_mean(option, _option_strings(named))
            return f"'{named.prog}' has no option {option}{hint}; see '{named.prog} --help'"
        return f"The argument '{word}' was not expected; see '{named.prog} --help'"
    for pattern, sentence in _REWORDED:
        match = re.fullmatch(pattern, message)
        if match:
            return sentence.format(*match.groups())
    required = re.fullmatch(r"the following arguments are required: (.*)", message)
    if required:
        names = [name.strip() for name in required.group(1).split(",")]
        wanted = ", ".join("a command" if name.endswith("command") else name for name in names)
        return f"'{parser.prog}' needs {wanted}; see '{parser.prog} --help'"
    typed = re.fullmatch(r"argument (\S+): invalid (\w+) value: (.*)", message)
    if typed:
        kind = {"int": "a whole number", "float": "a number"}.get(typed.group(2), typed.group(2))
        return f"The option {typed.group(1)} takes {kind}, not {typed.group(3)}"
    return re.sub(r"^argument (-\S+): ", r"option \1: ", message)


def _named_parser(parser: argparse.ArgumentParser, words: Sequence[str]) -> argparse.ArgumentParser:
    """The (sub)command the words name: ``report show`` in ``report show x --bad``."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for index, word in enumerate(words):
                if word in action.choices:
                    return _named_parser(action.choices[word], words[index + 1 :])
    return parser


def _option_strings(parser: argparse.ArgumentParser) -> list[str]:
    """The long options of ``parser``, for "did you mean"."""
    return sorted({o for action in parser._actions for o in action.option_strings if o[1] == "-"})


def _describe_commands(parser: argparse.ArgumentParser) -> None:
    """Each subcommand's ``--help`` opens with the line the command list shows for it."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            helps = {choice.dest: choice.help for choice in action._choices_actions}
            for name, child in action.choices.items():
                if child.description is None:
                    child.description = helps.get(name)
                _describe_commands(child)


def _add_spec_argument(parser: argparse.ArgumentParser) -> None:
    """``--spec NAME``: which specification a command works on (``conformance.specs``)."""
    from conformance import specs

    parser.add_argument(
        "--spec",
        default=specs.DEFAULT,
        metavar="NAME",
        help=f"the specification: {', '.join(specs.names())}",
    )


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="slr-conformance", description=DESCRIPTION)
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    run = commands.add_parser("run", help="run a specification against a backend")
    _add_account_arguments(run, None, "backend name (default: reference); see 'backends'")
    _add_spec_argument(run)
    run.add_argument(
        "--service",
        action="append",
        default=[],
        metavar="PRINCIPAL",
        help="run only the examples of this service principal, e.g. batch.amazonaws.com "
        "(repeatable; only with --spec service-linked-roles)",
    )
    run.add_argument("--tags", help="behave tag expression selecting scenarios")
    run.add_argument(
        "--requirement",
        action="append",
        default=[],
        metavar="ID",
        help="run only this requirement (repeatable)",
    )
    run.add_argument(
        "--output",
        default="build/results",
        metavar="DIR",
        help="folder for results.json, junit.xml, summary.md and badge.svg",
    )
    run.add_argument(
        "--baseline", help="compare the verdicts with this baseline (a name, or a .json file)"
    )
    run.add_argument(
        "--update-baseline", action="store_true", help="rewrite the baseline from this run"
    )
    run.add_argument(
        "--format", choices=("text", "json"), default="text", help="what to print on stdout"
    )
    run.add_argument("--run-id", help="tag for everything the run creates (default: random)")
    run.add_argument(
        "--features", default=None, help="folder of feature files (default: the suite's)"
    )
    run.add_argument(
        "--jobs",
        type=_jobs,
        default=None,
        metavar="N",
        help="processes that share a specification's services, on an in-process backend "
        "(default: one per core, at most 8)",
    )
    _add_live_arguments(run, dry_run=True)
    cassette_cli.add_run_arguments(run)

    requirements = commands.add_parser("requirements", help="print a requirements catalogue")
    _add_spec_argument(requirements)
    requirements.add_argument(
        "--format", choices=("text", "json"), default="text", help="what to print on stdout"
    )
    _add_errata_command(commands)
    commands.add_parser("backends", help="list the backends")
    commands.add_parser("schema", help="print the JSON Schema of results.json")
    cassette_cli.add_commands(commands)

    report = commands.add_parser(
        "report", help="read certificates again: show, combine or verify them, or read a cassette"
    )
    reports = report.add_subparsers(dest="report_command", required=True, parser_class=_Parser)
    show = reports.add_parser(
        "show", help="print everything a certificate holds (a results.json, or its folder)"
    )
    show.add_argument("path", metavar="FILE", help="a results.json, or the folder holding one")
    combine = reports.add_parser(
        "combine",
        help="merge the certificates of several runs into one conformance matrix "
        "(matrix.json and matrix.md)",
    )
    combine.add_argument(
        "paths",
        nargs="+",
        metavar="DIR",
        help="folders of runs (or their results.json), one column each",
    )
    combine.add_argument(
        "--output", default="build/matrix", metavar="DIR", help="folder for the matrix files"
    )
    verify = reports.add_parser(
        "verify",
        help="check that a results.json is a faithful certificate of this specification "
        "(exit 0), say why not (1), or that it cannot be read (2)",
    )
    verify.add_argument("path", metavar="FILE", help="a results.json, or the folder holding one")
    cassette_cli.add_report_commands(reports)

    mutants = commands.add_parser(
        "mutants", help="run the specification against broken variants of the reference emulator"
    )
    mutants.add_argument(
        "--mutant",
        action="append",
        default=[],
        metavar="NAME",
        help="run only this mutant (repeatable)",
    )
    mutants.add_argument(
        "--scope",
        choices=("named", "section", "full"),
        default="named",
        help="what each mutant runs: its named requirements (default), its section, or everything",
    )
    mutants.add_argument(
        "--output", default="build/mutants", help="folder for kill-matrix.json and .md"
    )
    mutants.add_argument("--list", action="store_true", help="list the mutants and exit")
    _add_spec_argument(mutants)

    serve = commands.add_parser("serve", help="serve the reference emulator over HTTP")
    serve.add_argument(
        "--host",
        default="127.0.0.1",
        help="address to bind (default 127.0.0.1); the emulator has no authentication, so "
        "any address other than loopback is warned about",
    )
    serve.add_argument(
        "--port", type=int, default=5000, help="port to listen on (default 5000; 0: any free one)"
    )
    _add_time_arguments(serve)
    serve.add_argument(
        "--eventual",
        action="store_true",
        help="behave like a slow, eventually consistent AWS account: role deletion tasks run "
        "300 s and fail for 420 s after the replication set is deleted, a user's new policy "
        "counts after 60 s, a new IAM entity is not found for 10 s and a new role cannot be "
        "assumed for 20 s, about 4%% of requests are throttled, a replication set's first "
        "deletion fails, and every IAM List* answers one item per page (seconds of the "
        "emulator's clock, scaled like every delay in real time; see the emulator's documentation)",
    )
    _add_exposure_arguments(serve)

    _add_cleanup_command(commands)
    _add_drift_command(commands)
    _describe_commands(parser)
    return parser


def _add_cleanup_command(commands: argparse._SubParsersAction[_Parser]) -> None:
    cleanup = commands.add_parser("cleanup", help="remove what a run left behind in AWS")
    which = cleanup.add_mutually_exclusive_group(required=True)
    which.add_argument("--run-id", help="remove what carries this run's tag or name prefix")
    which.add_argument(
        "--journal",
        metavar="PATH",
        help="remove exactly what this run journal lists and still exists, in every Region",
    )
    _add_account_arguments(cleanup, "aws", "backend name; see 'backends'")
    cleanup.add_argument(
        "--force",
        action="store_true",
        help="clean up even though the run's lock shows it still running (only once it has "
        "really stopped)",
    )
    _add_live_arguments(cleanup, dry_run=False)


def _add_errata_command(commands: argparse._SubParsersAction[_Parser]) -> None:
    """``errata``: where the pages and AWS's recordings disagree (``conformance.family``)."""
    errata = commands.add_parser(
        "errata",
        help="where the AWS pages and what AWS recorded disagree, and how the specification decides",
    )
    _add_spec_argument(errata)
    errata.add_argument(
        "--format", choices=("text", "json"), default="text", help="what to print on stdout"
    )


def _add_drift_command(commands: argparse._SubParsersAction[_Parser]) -> None:
    """``drift``: the page's paragraphs, the managed policy and the API reference against
    what was reviewed."""
    drift = commands.add_parser(
        "drift",
        help="has the AWS page, the managed policy or the API reference changed since the "
        "specification was reviewed? (exit 0 no, 1 yes, 2 cannot compare)",
    )
    drift.add_argument(
        "page",
        nargs="?",
        help="a saved copy of the AWS page (browser HTML or plain text); with --spec "
        "service-linked-roles, a folder of the family's pages",
    )
    drift.add_argument(
        "--policy",
        action="store_true",
        help="compare the recorded managed policy with moto's copy (or --policy-file, --backend)",
    )
    drift.add_argument(
        "--policy-file",
        metavar="FILE",
        help="a saved copy: the JSON of 'aws iam get-policy-version'",
    )
    drift.add_argument(
        "--api",
        action="store_true",
        help="compare the API reference in the installed botocore with the recorded fingerprints",
    )
    _add_account_arguments(drift, None, "ask this backend's IAM for the policy (e.g. aws)")
    drift.add_argument(
        "--accept",
        action="store_true",
        help="record the copy as reviewed (fingerprints or policy) and add a changelog line",
    )
    drift.add_argument(
        "--output", default="build/drift", help="folder for the record of the last check"
    )
    drift.add_argument(
        "--data",
        help="folder of the recorded fingerprints and policy (default: the specification's own)",
    )
    _add_spec_argument(drift)
    drift.add_argument(
        "--changelog", default="docs/changelog.md", help="where --accept adds its line"
    )


def _add_account_arguments(
    parser: argparse.ArgumentParser, backend: str | None, backend_help: str
) -> None:
    """Which backend, Region and account a command talks to."""
    parser.add_argument("--backend", default=backend, help=backend_help)
    parser.add_argument("--endpoint-url", help="URL of the emulator, for --backend endpoint")
    parser.add_argument("--region", default="us-east-1", help="home Region")
    parser.add_argument(
        "--allow-aws-account",
        action="append",
        default=[],
        metavar="ID",
        help="an AWS account the aws backend may use (repeatable)",
    )
    parser.add_argument("--profile", help="AWS profile for the aws backend")


def _jobs(text: str) -> int:
    """``--jobs``: a whole number of processes, at least 1."""
    try:
        jobs = int(text)
    except ValueError:
        jobs = 0
    if jobs < 1:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number of processes above 0")
    return jobs


def _poll_interval(text: str) -> float:
    """``--poll-interval``: a finite number of seconds, more than zero."""
    try:
        seconds = float(text)
    except ValueError:
        seconds = math.nan
    if not math.isfinite(seconds) or seconds <= 0:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number of seconds above 0")
    return seconds


def _add_live_arguments(parser: argparse.ArgumentParser, *, dry_run: bool) -> None:
    """Options of a live backend (``--backend aws``); see docs/aws.md."""
    parser.add_argument(
        "--poll-interval",
        type=_poll_interval,
        default=None,
        metavar="SECONDS",
        help="live backends: seconds between two looks while waiting (default 15)",
    )
    if dry_run:
        parser.add_argument(
            "--create-roles",
            action="append",
            default=[],
            metavar="PRINCIPAL",
            help="live backends, --spec service-linked-roles: create (and delete again) this "
            "service's role where an example needs it; repeatable. Without it, only the roles "
            "the account already has are read. Only services whose deletion is shown possible",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="live backends: make every look, change nothing, and print what each "
            "scenario would create, change or delete",
        )


def _async_seconds(text: str) -> float:
    """``--async-seconds``: a finite number of seconds, zero or more."""
    try:
        seconds = float(text)
    except ValueError:
        seconds = math.nan
    if not math.isfinite(seconds) or seconds < 0:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number of seconds, 0 or more")
    return seconds


def _add_exposure_arguments(serve: argparse.ArgumentParser) -> None:
    """What the served emulator lets in (``conformance.emulator.exposure``)."""
    serve.add_argument(
        "--allow-host",
        action="append",
        default=[],
        metavar="NAME",
        help="a host name, besides 127.0.0.1, localhost and [::1], under which the control "
        "protocol (/_conformance/v1) answers (repeatable); for containers, where clients "
        "reach the emulator by a name such as 'emulator'. Other host names are refused, so "
        "that a web page cannot steer the emulator through DNS rebinding",
    )
    serve.add_argument(
        "--moto-api",
        action="store_true",
        help="also serve moto's own admin API under /moto-api (dashboard, reset, seeding, the "
        "recorder); off by default, when /moto-api answers 404",
    )


def _add_time_arguments(serve: argparse.ArgumentParser) -> None:
    """How the served emulator keeps time (``conformance.emulator.timing``)."""
    serve.add_argument(
        "--clock",
        choices=("real", "virtual"),
        default="real",
        help="real (default): the emulator's time follows the wall clock, so clients that poll "
        "(SDK waiters, the AWS CLI, Terraform) see asynchronous changes finish by themselves; "
        "virtual: time moves only when the clock control moves it (deterministic, for test "
        "harnesses). Either way POST /_conformance/v1/clock jumps ahead",
    )
    serve.add_argument(
        "--async-seconds",
        type=_async_seconds,
        default=None,
        metavar="N",
        help=f"with --clock real, the real seconds the longest asynchronous change takes "
        f"(without --eventual: creating, updating or deleting a replication set); every shorter "
        f"one, such as a role's deletion task, keeps its proportion; default "
        f"{DEFAULT_ASYNC_SECONDS:g}. Long waits such as the 24-hour Region rule keep their true "
        f"length: jump over them with the clock control",
    )


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return _dispatch(args)
    except ConfigurationError as exc:
        sys.stderr.write(f"slr-conformance: {exc}\n")
        return EXIT_USAGE
    except KeyboardInterrupt:
        sys.stderr.write("slr-conformance: Interrupted.\n")
        return 130
    except WorkerStopped as exc:
        sys.stderr.write(f"slr-conformance: {exc}\n")
        return EXIT_INCOMPLETE
    except BrokenPipeError:  # the reader went away (`... | head`): stop quietly, as tools do
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # so that flushing at exit cannot fail again
        return EXIT_BROKEN_PIPE


def _dispatch(args: argparse.Namespace) -> int:
    from conformance import commands

    handlers = {
        "run": commands.run,
        "requirements": commands.requirements,
        "backends": commands.backends,
        "schema": commands.schema,
        "report": commands.report,
        "serve": commands.serve,
        "mutants": commands.mutants,
        "cleanup": commands.cleanup,
        "drift": commands.drift,
        "errata": commands.errata,
        "cassette": cassette_cli.cassette_command,
    }
    return handlers[args.command](args)


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())

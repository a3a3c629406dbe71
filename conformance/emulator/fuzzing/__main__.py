"""``python -m conformance.emulator.fuzzing``: fuzz a fresh emulator served on 127.0.0.1.

Exits 1 when any answer broke a rule (a 5xx that is a defect, an error not in AWS shape, a
Python name, a server that stopped answering), 0 otherwise; the report goes to stdout.
"""

from __future__ import annotations

import argparse
import sys

from conformance.emulator.fuzzing.campaign import Budget, run_campaign


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m conformance.emulator.fuzzing", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--sdk", type=int, default=4_000, help="examples sent through boto3")
    parser.add_argument("--raw", type=int, default=8_000, help="examples sent as raw HTTP")
    parser.add_argument("--controls", type=int, default=1_500, help="control-protocol examples")
    parser.add_argument("--seconds", type=float, default=900.0, help="wall-time cap, seconds")
    parser.add_argument("--seed", type=int, default=0, help="Hypothesis seed (default 0)")
    args = parser.parse_args(argv)
    budget = Budget(args.sdk, args.raw, args.controls, args.seconds, seed=args.seed)
    report = run_campaign(budget)
    sys.stdout.write(report.render())
    return 1 if report.findings else 0


if __name__ == "__main__":
    raise SystemExit(main())

"""What a fuzzing campaign sent and found, and the report it prints.

Findings are kept once per kind (rule, service, operation, status, first words of the
detail) with a count and the first request that earned them; moto's crashes on operations
that pass through to it are kept apart, with the exception moto raised, because they are
moto's defects rather than the emulator's.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from conformance.emulator.fuzzing.oracle import Finding, Verdict

__all__ = ["Report"]


@dataclass
class Report:
    """What a campaign sent and found."""

    requests: int = 0
    statuses: Counter[int] = field(default_factory=Counter)
    findings: dict[tuple[str, str, str, int, str], Finding] = field(default_factory=dict)
    finding_counts: Counter[tuple[str, str, str, int, str]] = field(default_factory=Counter)
    moto_crashes: Counter[tuple[str, str, int, str]] = field(default_factory=Counter)
    moto_samples: dict[tuple[str, str, int, str], str] = field(default_factory=dict)
    not_implemented: Counter[str] = field(default_factory=Counter)
    unsent: int = 0
    health_checks: int = 0
    seconds: float = 0.0
    stopped_early: bool = False

    @property
    def server_errors(self) -> int:
        """5xx answers that are defects (not 501 for what is not implemented, not moto's)."""
        return sum(n for key, n in self.finding_counts.items() if key[0] in ("5xx", "unresponsive"))

    def add(
        self, verdict: Verdict, service: str, operation: str, sample: str, cause: str = ""
    ) -> None:
        self.requests += 1
        self.statuses[verdict.status] += 1
        for finding in verdict.findings:
            key = finding.key()
            self.findings.setdefault(key, finding)
            self.finding_counts[key] += 1
        if verdict.moto_crash:
            crash = (service, operation, verdict.status, verdict.code or "-")
            self.moto_crashes[crash] += 1
            self.moto_samples.setdefault(crash, f"{cause} <- {sample[:300]}")
        if verdict.status == 501:
            self.not_implemented[f"{service} {operation}"] += 1

    def render(self) -> str:
        five = sum(n for status, n in self.statuses.items() if status >= 500)
        lines = [
            f"fuzzed {self.requests} requests in {self.seconds:.1f} s "
            f"({self.unsent} inputs boto3 would not serialize; {self.health_checks} health checks"
            f"{'; stopped at the time cap' if self.stopped_early else ''})",
            "statuses: "
            + ", ".join(f"{status}: {n}" for status, n in sorted(self.statuses.items())),
            f"5xx answers: {five} (501 not implemented: {sum(self.not_implemented.values())}, "
            f"moto crashes on pass-through operations: {sum(self.moto_crashes.values())}, "
            f"defects: {self.server_errors})",
            f"findings: {len(self.findings)} distinct, {sum(self.finding_counts.values())} in all",
        ]
        for key, finding in sorted(self.findings.items()):
            lines.append(
                f"  [{finding.rule}] {finding.service} {finding.operation} {finding.status} "
                f"x{self.finding_counts[key]}: {finding.detail}\n    request: "
                f"{finding.request[:300]!r}"
            )
        for crash, n in sorted(self.moto_crashes.items()):
            service, operation, status, code = crash
            lines.append(
                f"  [moto crash] {service} {operation} {status} {code} x{n}: "
                f"{self.moto_samples[crash][:400]!r}"
            )
        return "\n".join(lines) + "\n"

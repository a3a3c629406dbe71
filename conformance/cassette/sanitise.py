"""Sanitising: what a cassette must never hold, as named rules that anyone can read and extend.

A cassette is meant to be kept and shared, so every interaction passes through these rules
before it touches the disk. A rule is a regular expression over the interaction's JSON text
and a placeholder template. When the pattern has a group named ``value`` only that group is
replaced, otherwise the whole match; ``{n}`` in the template numbers the distinct values the
rule met in one cassette. So one secret always becomes the same placeholder, and a replay,
which only ever sees placeholders, still matches its requests. A value that already is one
of a rule's placeholders is left alone, which is what makes sanitising a replay's requests
harmless.

Add rules for what the built-in ones cannot know (your host names, your naming scheme) in a
TOML file passed with ``--sanitise-rules``; ``slr-conformance cassette rules`` prints them.
"""

from __future__ import annotations

import re
import socket
import string
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from conformance.errors import ConfigurationError


@dataclass(frozen=True)
class Rule:
    """One thing to replace: ``pattern`` (a regular expression) by ``replacement`` (``{n}``)."""

    name: str
    pattern: str
    replacement: str
    description: str = ""

    def __post_init__(self) -> None:
        if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", self.name):
            raise ValueError(f"the rule name '{self.name}' is not lower-case words with hyphens")
        try:
            re.compile(self.pattern)
        except re.error as exc:
            raise ValueError(f"the pattern of rule '{self.name}' is not valid ({exc})") from None
        fields = [f for _, f, _, _ in string.Formatter().parse(self.replacement) if f is not None]
        if fields != ["n"]:
            raise ValueError(f"the replacement of rule '{self.name}' must contain {{n}} once")
        try:
            self.replacement.format(n=1)
        except (ValueError, IndexError) as exc:
            raise ValueError(
                f"the replacement of rule '{self.name}' is not a valid template ({exc})"
            ) from None

    @cached_property
    def regex(self) -> re.Pattern[str]:
        return re.compile(self.pattern)

    @cached_property
    def placeholders(self) -> re.Pattern[str]:
        """What this rule's placeholders look like, so they are never replaced again."""
        parts = []
        for literal, name, spec, _ in string.Formatter().parse(self.replacement):
            parts.append(re.escape(literal))
            if name is not None:
                width = re.fullmatch(r"0(\d+)d", spec or "")
                parts.append(rf"\d{{{width.group(1)}}}" if width else r"\d+")
        return re.compile("".join(parts))

    def placeholder(self, n: int) -> str:
        return self.replacement.format(n=n)


#: The built-in rules, applied in this order. Secrets named by their JSON field come first, so
#: a secret key is never half-replaced by a more general rule.
RULES: tuple[Rule, ...] = (
    Rule(
        "secret-access-key",
        r'"(?:SecretAccessKey|aws_secret_access_key|SecretKey)"\s*:\s*"(?P<value>[^"]+)"',
        "REDACTED-SECRET-KEY-{n}",
        "the secret half of an access key (CreateAccessKey, AssumeRole)",
    ),
    Rule(
        "session-token",
        r'"(?:SessionToken|aws_session_token|SecurityToken)"\s*:\s*"(?P<value>[^"]+)"',
        "REDACTED-SESSION-TOKEN-{n}",
        "temporary credentials' session token",
    ),
    Rule(
        "signature",
        r'(?i)(?:"(?:Authorization|X-Amz-Signature|Signature)"\s*:\s*"|Signature=)(?P<value>[^",&\s]+)',
        "REDACTED-SIGNATURE-{n}",
        "request signatures, wherever an answer echoes one",
    ),
    Rule(
        "request-id",
        r'"(?i:RequestId|x-amzn-RequestId|x-amz-request-id|x-amz-id-2)"\s*:\s*"(?P<value>[^"]+)"',
        "request-id-{n:05d}",
        "the ID AWS gives each request (it differs on every run)",
    ),
    Rule(
        "access-key-id",
        r"(?<![A-Z0-9])AKIA[A-Z0-9]{16}(?![A-Z0-9])",
        "AKIAPLACEHOLDER{n:05d}",
        "long-term access key IDs",
    ),
    Rule(
        "temporary-access-key-id",
        r"(?<![A-Z0-9])ASIA[A-Z0-9]{16}(?![A-Z0-9])",
        "ASIAPLACEHOLDER{n:05d}",
        "temporary access key IDs (STS)",
    ),
    Rule(
        "lock-liveness",
        r'"Key"\s*:\s*"slr-conformance-(?:heartbeat|pid)"\s*,\s*"Value"\s*:\s*"(?P<value>[^"]+)"',
        "lock-liveness-{n}",
        "the time and process ID a live run's lock carries as its heartbeat (they differ on "
        "every run)",
    ),
    Rule(
        "account-id",
        r"(?<![0-9])(?<![0-9A-Fa-f]-)[0-9]{12}(?![0-9])",
        "000000{n:06d}",
        "twelve-digit AWS account IDs, in ARNs and answers alike (not a UUID's last group)",
    ),
)

#: Exact values the recorder learns at run time (the credentials its clients sign with).
CREDENTIAL_RULE = Rule(
    "client-credential",
    r"(?!)",
    "REDACTED-CREDENTIAL-{n}",
    "any credential the suite's clients sign with, caught verbatim after the rules above",
)
#: This machine's name, which a live run writes into the description of its account lock.
#: It is a literal of its own, so that a replay on another machine still matches.
HOST_RULE = Rule(
    "host-name",
    r"(?!)",
    "host-name-{n}",
    "the name of the machine that runs the suite (a live run's lock names it)",
)
LITERAL_RULES = (CREDENTIAL_RULE, HOST_RULE)


def this_host() -> str:
    return socket.gethostname()


@dataclass
class Sanitiser:
    """Applies rules to JSON text, giving each distinct value one placeholder per cassette.

    Besides the pattern rules it knows literal values (``add_secret``, ``add_host``): each is
    replaced wherever it stands as a whole word, after the patterns have had their turn.
    """

    rules: tuple[Rule, ...] = RULES
    _issued: dict[str, dict[str, str]] = field(default_factory=dict)
    _literals: dict[str, set[str]] = field(default_factory=dict)
    _literal_regex: dict[str, re.Pattern[str]] = field(default_factory=dict)
    #: Every placeholder in use per rule, issued or met already made: none is given twice.
    _taken: dict[str, set[str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.add_host(this_host())

    def add_secret(self, value: str | None) -> None:
        """Never let ``value`` reach the disk, wherever it stands, whatever its shape."""
        self._add_literal(CREDENTIAL_RULE, value, shortest=4, whole_word=False)

    def add_host(self, value: str | None) -> None:
        """Replace this machine's name where it stands alone (``on vm;``), not inside a word."""
        self._add_literal(HOST_RULE, value, shortest=2, whole_word=True)

    def _add_literal(self, rule: Rule, value: str | None, shortest: int, whole_word: bool) -> None:
        values = self._literals.setdefault(rule.name, set())
        if not value or len(value) < shortest or value in values:
            return
        values.add(value)
        pattern = "|".join(re.escape(v) for v in sorted(values, key=len, reverse=True))
        if whole_word:
            pattern = rf"(?<![A-Za-z0-9_.-])(?:{pattern})(?![A-Za-z0-9_-])"
        self._literal_regex[rule.name] = re.compile(pattern)

    def text(self, text: str) -> str:
        for rule in self.rules:
            text = self._apply(rule, rule.regex, text)
        for rule in LITERAL_RULES:
            regex = self._literal_regex.get(rule.name)
            if regex is not None:
                text = self._apply(rule, regex, text)
        return text

    def _apply(self, rule: Rule, regex: re.Pattern[str], text: str) -> str:
        issued = self._issued.setdefault(rule.name, {})

        def replace(match: re.Match[str]) -> str:
            group = "value" if "value" in regex.groupindex else 0
            value = match.group(group)
            if value is None:
                return match.group(0)
            taken = self._taken.setdefault(rule.name, set())
            if value in issued:
                placeholder = issued[value]
            elif value in taken or rule.placeholders.fullmatch(value):
                taken.add(value)  # a placeholder already, ours or not: never given twice
                placeholder = value
            else:
                placeholder = self._issue(rule, value)
            start, end = match.span(group)
            whole = match.group(0)
            offset = match.start(0)
            return whole[: start - offset] + placeholder + whole[end - offset :]

        return regex.sub(replace, text)

    def _issue(self, rule: Rule, value: str) -> str:
        """The next placeholder of ``rule`` that no value has yet, kept or issued."""
        issued, taken = self._issued[rule.name], self._taken[rule.name]
        n = len(issued) + 1
        while rule.placeholder(n) in taken:
            n += 1
        issued[value] = rule.placeholder(n)
        taken.add(issued[value])
        return issued[value]

    def counts(self) -> dict[str, int]:
        """How many distinct values each rule replaced so far."""
        return {name: len(values) for name, values in self._issued.items() if values}


def load_rules(path: Path) -> tuple[Rule, ...]:
    """Extra rules from a TOML file: ``[[rule]]`` tables with name, pattern and replacement."""
    try:
        document = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigurationError(
            f"The sanitising rules file {path} cannot be read ({exc.strerror or exc})."
        ) from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigurationError(
            f"The sanitising rules file {path} is not valid TOML ({exc})."
        ) from None
    entries = document.get("rule")
    if not isinstance(entries, list) or not entries:
        raise ConfigurationError(f"The sanitising rules file {path} has no [[rule]] tables.")
    rules = []
    for entry in entries:
        if not isinstance(entry, dict):
            raise ConfigurationError(f"The sanitising rules file {path} has a malformed rule.")
        rules.append(_rule(entry, path))
    names = [r.name for r in (*RULES, *LITERAL_RULES, *rules)]
    duplicate = next((n for n in names if names.count(n) > 1), None)
    if duplicate:
        raise ConfigurationError(
            f"The sanitising rule name '{duplicate}' in {path} is already taken."
        )
    return tuple(rules)


def _rule(entry: dict[str, Any], path: Path) -> Rule:
    missing = [k for k in ("name", "pattern", "replacement") if not isinstance(entry.get(k), str)]
    if missing:
        raise ConfigurationError(
            f"A rule in {path} lacks {', '.join(missing)} (each must be a string)."
        )
    try:
        return Rule(
            entry["name"],
            entry["pattern"],
            entry["replacement"],
            str(entry.get("description", "")),
        )
    except ValueError as exc:
        raise ConfigurationError(f"In {path}, {exc}.") from None


def describe_rules(rules: Iterable[Rule]) -> str:
    """The rules as text, in the order they apply."""
    lines = []
    for rule in (*rules, *LITERAL_RULES):
        lines.append(f"{rule.name}: {rule.description}" if rule.description else rule.name)
        if rule not in LITERAL_RULES:
            lines.append(f"  pattern:     {rule.pattern}")
        lines.append(f"  placeholder: {rule.replacement}")
    return "\n".join(lines) + "\n"


def all_rules(extra: Sequence[Rule] = ()) -> tuple[Rule, ...]:
    """The built-in rules followed by a user's."""
    return (*RULES, *extra)

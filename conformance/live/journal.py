"""The run journal: what a live run may have created, written down before it creates it.

A run killed with ``kill -9`` gets no chance to clean up, and its undo list dies with it. So
before each create the run appends what it is about to create to a journal file, flushed to
disk, and afterwards marks it created (or refused, or removed). Whatever the run's fate, the
journal says exactly what may exist, and ``slr-conformance cleanup --journal`` removes that.

The format is JSON lines, append-only, version ``VERSION``. The first line is the header::

    {"format": "slr-conformance-journal", "version": 1, "run_id": "1a2b3c4d",
     "account": "123456789012", "home_region": "us-east-1", "started": "...", ...}

then one line per event, each naming the entry it is about by ``seq``::

    {"seq": 3, "event": "intent", "kind": "iam-user", "name": "slr-conf-1a2b3c4d-user-1",
     "region": null, "at": "..."}
    {"seq": 3, "event": "created", "arn": "arn:aws:iam::123456789012:user/...", "at": "..."}
    {"seq": 3, "event": "removed", "at": "..."}

``intent`` may carry ``token`` (a client token) and ``detail`` (more strings the sweeper
needs). ``failed`` says the create was refused, so nothing exists. A run that ends normally
writes ``{"event": "end"}``. An entry with an intent and neither ``failed`` nor ``removed``
may exist. Every line is written with one ``write`` and ``fsync``ed, so a crash can at worst
cut the last line short; a reader ignores a cut-short last line and nothing else.
"""

from __future__ import annotations

import json
import os
import socket
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from conformance.errors import ConfigurationError

FORMAT = "slr-conformance-journal"
VERSION = 1

#: The kinds of resource a journal names; the sweeper knows how to remove each.
LOCK = "lock"
IAM_USER = "iam-user"
IAM_GROUP = "iam-group"
IAM_ROLE = "iam-role"
IAM_POLICY = "iam-policy"
IAM_INSTANCE_PROFILE = "iam-instance-profile"
SERVICE_LINKED_ROLE = "service-linked-role"
REPLICATION_SET = "replication-set"
RESPONSE_PLAN = "response-plan"
CONTACT = "contact"
INCIDENT_RECORD = "incident-record"
ALARM = "alarm"
EVENTS_RULE = "events-rule"
KINDS = (
    LOCK,
    IAM_USER,
    IAM_GROUP,
    IAM_ROLE,
    IAM_POLICY,
    IAM_INSTANCE_PROFILE,
    SERVICE_LINKED_ROLE,
    REPLICATION_SET,
    RESPONSE_PLAN,
    CONTACT,
    INCIDENT_RECORD,
    ALARM,
    EVENTS_RULE,
)

#: Events that close an entry: after either, nothing of it exists.
CLOSING = ("failed", "removed")


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


@dataclass(frozen=True)
class Header:
    """Which run wrote the journal, against which account, and when it started."""

    run_id: str
    account: str
    home_region: str
    started: str = field(default_factory=_now)
    host: str = field(default_factory=socket.gethostname)
    pid: int = field(default_factory=os.getpid)

    def to_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "version": VERSION,
            "run_id": self.run_id,
            "account": self.account,
            "home_region": self.home_region,
            "started": self.started,
            "host": self.host,
            "pid": self.pid,
        }


@dataclass
class Entry:
    """One thing the run set out to create, and what became of it."""

    seq: int
    kind: str
    name: str | None
    region: str | None
    at: str
    token: str | None = None
    detail: dict[str, str] = field(default_factory=dict)
    state: str = "intent"
    arn: str | None = None
    #: When the journal last heard of the entry (its intent, creation or removal).
    last_at: str = ""

    @property
    def open(self) -> bool:
        """True while the thing may exist: intended or created, never refused or removed."""
        return self.state not in CLOSING

    def describe(self) -> str:
        where = f" in {self.region}" if self.region else ""
        what = self.name or self.arn or self.token or "(unnamed)"
        return f"{self.kind.replace('-', ' ')} {what}{where}"


class Journal:
    """An append-only journal file; ``Journal.disabled()`` is one that writes nothing."""

    def __init__(self, path: Path | None, fd: int | None, next_seq: int = 1) -> None:
        self.path = path
        self._fd = fd
        self._next = next_seq
        self._open: set[int] = set()

    @classmethod
    def disabled(cls) -> Journal:
        """For runs that need none (emulators, dry runs): every call is a no-op."""
        return cls(None, None)

    @classmethod
    def create(cls, path: Path, header: Header) -> Journal:
        """Start a new journal at ``path``; an existing file there is never overwritten."""
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_APPEND, 0o644)
        except FileExistsError:
            raise ConfigurationError(
                f"The journal {path} already exists: a run with this ID wrote it, so remove what "
                f"it lists with 'slr-conformance cleanup --journal {path}', or choose another run ID."
            ) from None
        except OSError as exc:
            raise ConfigurationError(
                f"The journal {path} cannot be written ({exc.strerror or exc})."
            ) from None
        journal = cls(path, fd)
        journal._write(header.to_json())
        _sync_directory(path.parent)
        return journal

    @classmethod
    def append_to(cls, path: Path) -> Journal:
        """Reopen an existing journal to record removals (the sweeper's progress)."""
        contents = read_journal(path)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_APPEND)
        except OSError as exc:
            raise ConfigurationError(
                f"The journal {path} cannot be written ({exc.strerror or exc})."
            ) from None
        return cls(path, fd, max((e.seq for e in contents.entries), default=0) + 1)

    @property
    def enabled(self) -> bool:
        return self._fd is not None

    @property
    def open_count(self) -> int:
        """How many entries this writer journaled that may still exist."""
        return len(self._open)

    def intent(
        self,
        kind: str,
        name: str | None = None,
        *,
        region: str | None = None,
        token: str | None = None,
        **detail: str,
    ) -> int:
        """Write down what is about to be created; returns the entry's ``seq``."""
        if kind not in KINDS:
            raise ValueError(f"unknown journal kind {kind!r}")
        seq = self._next
        self._next += 1
        self._open.add(seq)
        line: dict[str, Any] = {
            "seq": seq,
            "event": "intent",
            "kind": kind,
            "name": name,
            "region": region,
        }
        if token is not None:
            line["token"] = token
        if detail:
            line["detail"] = dict(detail)
        self._write(line)
        return seq

    def created(self, seq: int, arn: str | None = None) -> None:
        self._write({"seq": seq, "event": "created", **({"arn": arn} if arn else {})})

    def failed(self, seq: int) -> None:
        """The create was refused: nothing of the entry exists."""
        self._open.discard(seq)
        self._write({"seq": seq, "event": "failed"})

    def removed(self, seq: int) -> None:
        self._open.discard(seq)
        self._write({"seq": seq, "event": "removed"})

    def close(self, finished: bool = True) -> None:
        """Close the file; ``finished`` writes the end marker of a run that ran to its end."""
        if self._fd is None:
            return
        if finished:
            self._write({"event": "end"})
        os.close(self._fd)
        self._fd = None

    def _write(self, line: dict[str, Any]) -> None:
        if self._fd is None:
            return
        line.setdefault("at", _now())
        data = (json.dumps(line, separators=(",", ":")) + "\n").encode("utf-8")
        os.write(self._fd, data)
        os.fsync(self._fd)


def _sync_directory(directory: Path) -> None:
    """Make the new file's name itself durable (a crash right after must not lose it)."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


@dataclass(frozen=True)
class Contents:
    """A journal as read back: its header, every entry, and whether the run reached its end."""

    header: Header
    entries: list[Entry]
    finished: bool
    #: When the run last journaled a create (an intent, a creation or a refusal).
    last_activity: str = ""

    @property
    def open_entries(self) -> list[Entry]:
        """What may still exist, newest first (the order to remove things in)."""
        return sorted((e for e in self.entries if e.open), key=lambda e: e.seq, reverse=True)


def read_journal(path: Path) -> Contents:
    """Read a journal; anything but a cut-short last line that does not parse is refused."""
    try:
        lines = path.read_bytes().split(b"\n")
    except OSError as exc:
        raise ConfigurationError(
            f"The journal {path} cannot be read ({exc.strerror or exc})."
        ) from None
    if lines and lines[-1] == b"":
        lines.pop()
    records: list[dict[str, Any]] = []
    for number, raw in enumerate(lines, start=1):
        try:
            record = json.loads(raw)
            if not isinstance(record, dict):
                raise ValueError("not an object")
        except ValueError:
            if number == len(lines) and number > 1:
                break  # the last write was cut short by a crash: nothing after it exists
            raise ConfigurationError(
                f"The journal {path} is damaged at line {number}, so it cannot be trusted."
            ) from None
        records.append(record)
    if not records or records[0].get("format") != FORMAT:
        raise ConfigurationError(f"The file {path} is not a slr-conformance journal.")
    first = records[0]
    if first.get("version") != VERSION:
        raise ConfigurationError(
            f"The journal {path} is version {first.get('version')}, and this slr-conformance "
            f"reads version {VERSION}."
        )
    try:
        header = Header(
            run_id=str(first["run_id"]),
            account=str(first["account"]),
            home_region=str(first["home_region"]),
            started=str(first["started"]),
            host=str(first.get("host", "")),
            pid=int(first.get("pid", 0)),
        )
    except (KeyError, TypeError, ValueError):
        raise ConfigurationError(f"The journal {path} has an incomplete header.") from None
    entries: dict[int, Entry] = {}
    finished = False
    last_activity = header.started
    for number, record in enumerate(records[1:], start=2):
        event = record.get("event")
        if event in ("intent", "created", "failed") and record.get("at"):
            last_activity = max(last_activity, str(record["at"]))
        if event == "end":
            finished = True
            continue
        seq = record.get("seq")
        if event == "intent" and isinstance(seq, int) and record.get("kind") in KINDS:
            at = str(record.get("at", ""))
            entries[seq] = Entry(
                seq=seq,
                kind=str(record["kind"]),
                name=record.get("name"),
                region=record.get("region"),
                at=at,
                token=record.get("token"),
                detail={str(k): str(v) for k, v in (record.get("detail") or {}).items()},
                last_at=at,
            )
        elif event in ("created", *CLOSING) and isinstance(seq, int) and seq in entries:
            entry = entries[seq]
            if entry.state not in CLOSING:
                entry.state = str(event)
            entry.arn = record.get("arn") or entry.arn
            entry.last_at = str(record.get("at", entry.last_at))
        else:
            raise ConfigurationError(
                f"The journal {path} has an event it does not know at line {number}."
            )
    return Contents(header, sorted(entries.values(), key=lambda e: e.seq), finished, last_activity)

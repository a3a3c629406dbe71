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
import re
import socket
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from conformance.errors import ConfigurationError
from conformance.live.runid import RUN_ID

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


#: A Region as AWS names them (``us-east-1``, ``ap-southeast-2``): a journal's Region reaches an
#: endpoint's host name, so nothing else is ever taken from one.
REGION = re.compile(r"[a-z]{2}(-[a-z]+)+-[0-9]{1,2}")
_ACCOUNT = re.compile(r"[0-9]{12}")


class _Damaged(ValueError):
    """One line of a journal is not what this version writes; the message says what."""


class _CutShort(_Damaged):
    """A line that is not JSON at all: as the last line, a write a crash cut short."""


def _text(record: dict[str, Any], key: str, *, optional: bool = True) -> str | None:
    value = record.get(key)
    if value is None and optional:
        return None
    if not isinstance(value, str):
        raise _Damaged(f"its {key} is not a string")
    return value


def _instant_of(record: dict[str, Any], key: str) -> str:
    """An ISO 8601 timestamp with its offset, as the journal writes them."""
    value = _text(record, key, optional=False) or ""
    try:
        when = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise _Damaged(f"its {key} is not an ISO 8601 time") from None
    if when.tzinfo is None:
        raise _Damaged(f"its {key} has no UTC offset")
    return value


def _region_of(record: dict[str, Any]) -> str | None:
    region = _text(record, "region")
    if region is not None and not REGION.fullmatch(region):
        raise _Damaged("its region is not an AWS Region name")
    return region


def _detail_of(record: dict[str, Any]) -> dict[str, str]:
    detail = record.get("detail") or {}
    if not isinstance(detail, dict) or not all(isinstance(v, str) for v in detail.values()):
        raise _Damaged("its detail is not an object of strings")
    return {str(k): v for k, v in detail.items()}


def _seq_of(record: dict[str, Any]) -> int:
    seq = record.get("seq")
    if not isinstance(seq, int) or isinstance(seq, bool) or seq < 1:
        raise _Damaged("its seq is not a positive whole number")
    return seq


def _header_of(record: dict[str, Any]) -> Header:
    """The first line: every field of the expected type, the run ID a valid one."""
    run_id = _text(record, "run_id", optional=False) or ""
    account = _text(record, "account", optional=False) or ""
    home = _region_of({"region": record.get("home_region")})
    pid = record.get("pid", 0)
    if not RUN_ID.fullmatch(run_id):
        raise _Damaged("its run_id is not a run ID")
    if not _ACCOUNT.fullmatch(account):
        raise _Damaged("its account is not a 12-digit account ID")
    if home is None:
        raise _Damaged("its home_region is missing")
    if not isinstance(pid, int) or isinstance(pid, bool) or pid < 0:
        raise _Damaged("its pid is not a process ID")
    return Header(
        run_id=run_id,
        account=account,
        home_region=home,
        started=_instant_of(record, "started"),
        host=_text(record, "host") or "",
        pid=pid,
    )


def _parse(raw: bytes) -> dict[str, Any]:
    try:
        record = json.loads(raw)
    except RecursionError:
        raise _Damaged("it is nested too deeply") from None
    except ValueError:
        raise _CutShort("it is not JSON") from None
    if not isinstance(record, dict):
        raise _Damaged("it is not a JSON object")
    return record


def _damaged(path: Path, number: int, why: _Damaged) -> ConfigurationError:
    return ConfigurationError(
        f"The journal {path} is damaged at line {number} ({why}), so it cannot be trusted."
    )


def read_journal(path: Path) -> Contents:
    """Read a journal; anything but a cut-short last line that is not as written is refused.

    Every field is checked for its type and form before anything reads it (a name is a
    string, a time is ISO 8601, a Region is a Region name), so a damaged or edited journal is
    one sentence naming its line, never a traceback or a request sent somewhere unexpected.
    """
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
            records.append(_parse(raw))
        except _Damaged as exc:
            if isinstance(exc, _CutShort) and number == len(lines) and number > 1:
                break  # the last write was cut short by a crash: nothing after it exists
            raise _damaged(path, number, exc) from None
    if not records or records[0].get("format") != FORMAT:
        raise ConfigurationError(f"The file {path} is not a slr-conformance journal.")
    first = records[0]
    if first.get("version") != VERSION:
        raise ConfigurationError(
            f"The journal {path} is version {str(first.get('version'))[:20]}, and this "
            f"slr-conformance reads version {VERSION}."
        )
    try:
        header = _header_of(first)
    except _Damaged as exc:
        raise _damaged(path, 1, exc) from None
    entries: dict[int, Entry] = {}
    finished = False
    last_activity = header.started
    for number, record in enumerate(records[1:], start=2):
        try:
            finished = _read_event(record, entries) or finished
            if record.get("event") in ("intent", "created", "failed") and "at" in record:
                last_activity = max(last_activity, _instant_of(record, "at"))
        except _Damaged as exc:
            raise _damaged(path, number, exc) from None
    return Contents(header, sorted(entries.values(), key=lambda e: e.seq), finished, last_activity)


def _read_event(record: dict[str, Any], entries: dict[int, Entry]) -> bool:
    """Apply one event line to ``entries``; True when it is the run's end marker."""
    event = record.get("event")
    at = _instant_of(record, "at") if "at" in record else ""
    if event == "end":
        return True
    if event == "intent":
        kind = record.get("kind")
        if kind not in KINDS:
            raise _Damaged("its kind is not one this version knows")
        seq = _seq_of(record)
        entries[seq] = Entry(
            seq=seq,
            kind=str(kind),
            name=_text(record, "name"),
            region=_region_of(record),
            at=at,
            token=_text(record, "token"),
            detail=_detail_of(record),
            last_at=at,
        )
        return False
    if event in ("created", *CLOSING):
        seq = _seq_of(record)
        if seq not in entries:
            raise _Damaged("it names an entry with no intent before it")
        entry = entries[seq]
        if entry.state not in CLOSING:
            entry.state = str(event)
        entry.arn = _text(record, "arn") or entry.arn
        entry.last_at = at or entry.last_at
        return False
    raise _Damaged("its event is not one this version knows")

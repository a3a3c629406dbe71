"""The shifts of an on-call rotation, computed from its recurrence settings on any clock.

A rotation's recurrence names hand-off times: every day (``DailySettings``), on days of the
week (``WeeklySettings``) or on days of the month (``MonthlySettings``), in the rotation's
IANA time zone. Counting from the rotation's start, every ``RecurrenceMultiplier``-th hand-off
ends a shift and starts the next; the first shift runs from the start to the first such
hand-off. Shift ``s`` puts ``NumberOfOnCalls`` contacts on call, taking the members in their
listed order and wrapping round. ``ShiftCoverages`` (day of the week to covered hours) leave
nobody on call outside the covered hours; overrides replace the on-call contacts for a time.

Choices where the API reference is silent:

* A hand-off on a wall-clock time that does not exist (the hour skipped when daylight-saving
  time starts) happens at the instant that time names under the offset in force before the
  change, one hour later on the new wall clock; a wall-clock time that occurs twice (when it
  ends) means its first occurrence.
* A ``DayOfMonth`` beyond the end of a month hands off on the month's last day.
* A coverage window whose end is at or before its start runs past midnight into the next day.
* Shifts are listed whole when they overlap the requested range, not cut to it.
"""

from __future__ import annotations

import calendar
import datetime as dt
import itertools
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

__all__ = [
    "MAX_SHIFTS",
    "Override",
    "Shift",
    "TimeZoneError",
    "TooManyShifts",
    "shifts",
    "time_zone",
]

#: The most shifts one computation may produce: a bound on the work of one request.
MAX_SHIFTS = 5000

DAYS = ("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN")
_EPOCH_MONDAY = dt.date(1970, 1, 5)


class TimeZoneError(ValueError):
    """The time zone is not an IANA zone the standard library knows."""


class TooManyShifts(ValueError):
    """The range holds more than ``MAX_SHIFTS`` shifts."""


def time_zone(name: str) -> ZoneInfo:
    """The IANA zone ``name``; fixed designators without daylight-saving rules are refused."""
    if not name or name != name.strip() or name.startswith("/") or ".." in name:
        raise TimeZoneError(f"{name!r} is not an IANA time zone")
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        raise TimeZoneError(f"{name!r} is not an IANA time zone") from None


@dataclass(frozen=True)
class Override:
    """Other contacts on call from ``start`` to ``end`` (epoch seconds)."""

    start: float
    end: float
    contacts: tuple[str, ...]


@dataclass
class Shift:
    """Contacts on call from ``start`` to ``end`` (epoch seconds)."""

    start: float
    end: float
    contacts: list[str]
    overridden: list[str] | None = field(default=None)

    def to_wire(self) -> dict[str, Any]:
        wire: dict[str, Any] = {
            "ContactIds": list(self.contacts),
            "StartTime": dt.datetime.fromtimestamp(self.start, tz=dt.UTC),
            "EndTime": dt.datetime.fromtimestamp(self.end, tz=dt.UTC),
            "Type": "REGULAR" if self.overridden is None else "OVERRIDDEN",
        }
        if self.overridden is not None:
            wire["ShiftDetails"] = {"OverriddenContactIds": list(self.overridden)}
        return wire


def _instant(day: dt.date, hour: int, minute: int, zone: ZoneInfo) -> float:
    """The instant of a wall-clock time; fold 0 picks the documented choice at DST edges."""
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=zone).timestamp()


def _hand_off(entry: Mapping[str, Any]) -> tuple[int, int]:
    time = entry.get("HandOffTime", entry)
    return int(time.get("HourOfDay", 0)), int(time.get("MinuteOfHour", 0))


class _Recurrence:
    """Hand-off instants, period by period, counted from the period of the rotation's start."""

    def __init__(self, recurrence: Mapping[str, Any], zone: ZoneInfo, start: float) -> None:
        self.zone = zone
        self.start = start
        self.local_start = dt.datetime.fromtimestamp(start, tz=zone).date()
        if recurrence.get("DailySettings"):
            self.kind = "daily"
            self.entries = sorted({_hand_off(e) for e in recurrence["DailySettings"]})
        elif recurrence.get("WeeklySettings"):
            self.kind = "weekly"
            self.weekly = sorted(
                {
                    (DAYS.index(str(e["DayOfWeek"])), *_hand_off(e))
                    for e in recurrence["WeeklySettings"]
                }
            )
        else:
            self.kind = "monthly"
            self.monthly = sorted(
                {(int(e["DayOfMonth"]), *_hand_off(e)) for e in recurrence["MonthlySettings"]}
            )

    def period_of(self, day: dt.date) -> int:
        if self.kind == "daily":
            return (day - self.local_start).days
        if self.kind == "weekly":
            first = self.local_start - dt.timedelta(days=self.local_start.weekday())
            return (day - first).days // 7
        return (day.year - self.local_start.year) * 12 + day.month - self.local_start.month

    def per_period(self) -> int:
        if self.kind == "daily":
            return len(self.entries)
        return len(self.weekly) if self.kind == "weekly" else len(self.monthly)

    def hand_offs(self, period: int) -> list[float]:
        """The hand-off instants of one period, in order."""
        if self.kind == "daily":
            day = self.local_start + dt.timedelta(days=period)
            return [_instant(day, h, m, self.zone) for h, m in self.entries]
        if self.kind == "weekly":
            monday = self.local_start - dt.timedelta(days=self.local_start.weekday())
            monday += dt.timedelta(weeks=period)
            return [
                _instant(monday + dt.timedelta(days=d), h, m, self.zone) for d, h, m in self.weekly
            ]
        months = self.local_start.year * 12 + self.local_start.month - 1 + period
        year, month = divmod(months, 12)
        last = calendar.monthrange(year, month + 1)[1]
        return sorted(
            _instant(dt.date(year, month + 1, min(d, last)), h, m, self.zone)
            for d, h, m in self.monthly
        )


def _boundaries(
    recurrence: Mapping[str, Any], zone: ZoneInfo, start: float, since: float, until: float
) -> Iterator[tuple[float, int]]:
    """(instant, shift index) of every shift start that matters to ``[since, until)``."""
    multiplier = max(1, int(recurrence.get("RecurrenceMultiplier") or 1))
    plan = _Recurrence(recurrence, zone, start)
    per_period = plan.per_period()
    first_period = max(0, plan.period_of(dt.datetime.fromtimestamp(since, tz=zone).date()))
    # Go back far enough to find the shift that is running at ``since``.
    period = max(0, first_period - multiplier - 2)
    in_first = sum(1 for t in plan.hand_offs(0) if t > start)
    if period == 0:
        count = 0
        yield start, 0
    else:
        count = in_first + (period - 1) * per_period
    while True:
        instants = [t for t in plan.hand_offs(period) if t > start]
        for instant in instants:
            count += 1
            if count % multiplier == 0:
                yield instant, count // multiplier
                if instant >= until:
                    return
        period += 1


def _on_call(members: Sequence[str], on_calls: int, index: int) -> list[str]:
    if on_calls >= len(members):
        return list(members)
    return [members[(index * on_calls + i) % len(members)] for i in range(on_calls)]


def _covered(
    coverages: Mapping[str, Sequence[Mapping[str, Any]]], zone: ZoneInfo, start: float, end: float
) -> list[tuple[float, float]]:
    """The parts of ``[start, end)`` that the coverage windows cover."""
    windows: list[tuple[float, float]] = []
    day = dt.datetime.fromtimestamp(start, tz=zone).date() - dt.timedelta(days=1)
    last = dt.datetime.fromtimestamp(end, tz=zone).date()
    while day <= last:
        for window in coverages.get(DAYS[day.weekday()], ()):
            begin_at = window.get("Start") or {"HourOfDay": 0, "MinuteOfHour": 0}
            end_at = window.get("End") or {"HourOfDay": 0, "MinuteOfHour": 0}
            begin, finish = _hand_off(begin_at), _hand_off(end_at)
            end_day = day if finish > begin else day + dt.timedelta(days=1)
            low = max(start, _instant(day, *begin, zone))
            high = min(end, _instant(end_day, *finish, zone))
            if low < high:
                windows.append((low, high))
                if len(windows) > MAX_SHIFTS:
                    raise TooManyShifts(f"the range holds more than {MAX_SHIFTS} shifts")
        day += dt.timedelta(days=1)
    windows.sort()
    merged: list[tuple[float, float]] = []
    for low, high in windows:
        if merged and low <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], high))
        else:
            merged.append((low, high))
    return merged


def _apply(shift: Shift, overrides: Iterable[Override]) -> list[Shift]:
    pieces = [shift]
    for override in overrides:
        cut: list[Shift] = []
        for piece in pieces:
            low, high = max(piece.start, override.start), min(piece.end, override.end)
            if low >= high:
                cut.append(piece)
                continue
            if piece.start < low:
                cut.append(Shift(piece.start, low, piece.contacts, piece.overridden))
            original = piece.overridden if piece.overridden is not None else piece.contacts
            cut.append(Shift(low, high, list(override.contacts), list(original)))
            if high < piece.end:
                cut.append(Shift(high, piece.end, piece.contacts, piece.overridden))
        pieces = cut
    return pieces


def shifts(
    *,
    members: Sequence[str],
    recurrence: Mapping[str, Any],
    zone: ZoneInfo,
    start: float,
    since: float,
    until: float,
    overrides: Sequence[Override] = (),
) -> list[Shift]:
    """The shifts of a rotation that overlap ``[since, until)``, in order."""
    if until <= since or until <= start or not members:
        return []
    on_calls = max(1, int(recurrence.get("NumberOfOnCalls") or 1))
    coverages: Mapping[str, Sequence[Mapping[str, Any]]] = recurrence.get("ShiftCoverages") or {}
    marks: list[tuple[float, int]] = []
    for mark in _boundaries(recurrence, zone, start, max(since, start), until):
        marks.append(mark)
        if len(marks) > MAX_SHIFTS + 1:
            raise TooManyShifts(f"the range holds more than {MAX_SHIFTS} shifts")
    result: list[Shift] = []
    for (begin, index), (finish, _) in itertools.pairwise(marks):
        if finish <= since or begin >= until or finish <= begin:
            continue
        contacts = _on_call(members, on_calls, index)
        parts = _covered(coverages, zone, begin, finish) if coverages else [(begin, finish)]
        for low, high in parts:
            if high <= since or low >= until:
                continue
            result.extend(_apply(Shift(low, high, contacts), overrides))
        if len(result) > MAX_SHIFTS:
            raise TooManyShifts(f"the range holds more than {MAX_SHIFTS} shifts")
    return [s for s in result if s.end > since and s.start < until]

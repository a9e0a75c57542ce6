"""The brief log of the guide's step 5, "Document": "the time, movements performed, and any
immediate sensations", day by day, newest day first.

:func:`log_days` turns session records (see :mod:`microtui.core.session_log`) into
:class:`LogDay` rows for the Log view. A set in which nothing was moved (skipped, abandoned)
performed no movement and is not listed. Pure: the time zone comes in as an argument.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from typing import Any

from microtui.core.day_records import record_started
from microtui.core.sensations import Sensation, parse_sensation

MOVED = frozenset({"completed", "partial", "stopped-for-pain"})
"""The outcomes of a set in which something was moved."""
NOT_SAID = "–"
"""What the log shows for a set whose sensation was not given."""


@dataclass(frozen=True)
class LogEntry:
    """One set: when it started, the movements done in it and how it felt."""

    started: datetime
    movements: tuple[str, ...]
    sensation: Sensation | None
    words: str | None
    stopped_for_pain: bool = False

    @property
    def time(self) -> str:
        return f"{self.started:%H:%M}"

    @property
    def movements_text(self) -> str:
        return ", ".join(self.movements)

    @property
    def felt_text(self) -> str:
        """``tight: calves warm``; the words alone, or ``–``, when no sensation was given;
        a set stopped with ``!`` says so."""
        felt = str(self.sensation) if self.sensation is not None else ""
        if self.words:
            felt = f"{felt}: {self.words}" if felt else f"“{self.words}”"
        if self.stopped_for_pain:
            felt = f"stopped (!) · {felt}" if felt else "stopped (!)"
        return felt or NOT_SAID


@dataclass(frozen=True)
class LogDay:
    day: date
    entries: tuple[LogEntry, ...]

    @property
    def heading(self) -> str:
        sets = len(self.entries)
        return f"{self.day:%A %-d %B %Y} · {sets} set{'s' if sets != 1 else ''}"


def movements_done(record: Mapping[str, Any]) -> tuple[str, ...]:
    """The names of the exercises of a record with some time done, each once, in order."""
    names: dict[str, None] = {}
    for row in record.get("exercises") or ():
        if not isinstance(row, Mapping):
            continue
        done = row.get("done_seconds")
        if isinstance(done, int | float) and not isinstance(done, bool) and done > 0:
            names[str(row.get("name") or row.get("id") or "?")] = None
    return tuple(names)


def log_entry(record: Mapping[str, Any], tz: tzinfo) -> LogEntry | None:
    """The log's line for a record, or None (nothing moved, or no readable start)."""
    started = record_started(record, tz)
    movements = movements_done(record)
    if started is None or record.get("outcome") not in MOVED or not movements:
        return None
    words = record.get("note")
    return LogEntry(started.astimezone(tz), movements, parse_sensation(record.get("sensation")),
                    words.strip() if isinstance(words, str) and words.strip() else None,
                    record.get("outcome") == "stopped-for-pain")


def log_days(records: Iterable[Mapping[str, Any]], tz: tzinfo) -> list[LogDay]:
    """Every day with a set moved, newest first; each day's sets in the order played."""
    by_day: dict[date, list[LogEntry]] = {}
    for record in records:
        entry = log_entry(record, tz)
        if entry is not None:
            by_day.setdefault(entry.started.date(), []).append(entry)
    return [LogDay(day, tuple(sorted(entries, key=lambda e: e.started)))
            for day, entries in sorted(by_day.items(), reverse=True)]

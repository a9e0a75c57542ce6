"""What Today reads from the session log (and the day's typed meetings), and the messages
that bring it back.

Three reads, each a plain function the screen runs where it fits: today's records before
the first paint (:func:`records_of_day` on what the store holds in memory), today and the
week chart's days in a thread worker (:func:`read_week`, posted as :class:`LogRead`), and
the days behind the streak once the first paint is out (:func:`read_streak_days`, posted
as :class:`StreakRead`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, timedelta, tzinfo
from typing import TYPE_CHECKING, Any

from textual.message import Message

from microtui.core.day_records import done_by_day, record_day
from microtui.core.typed_meetings import TypedMeeting, typed_meetings_of

if TYPE_CHECKING:
    from microtui.store import Store

HISTORY_DAYS = 400
"""How far back the session log is read for the streak."""
CHART_DAYS = 7
"""The days the week chart shows before today."""


class LogRead(Message):
    """Today's records and the week chart's days were read (or ``problem`` says why not)."""

    def __init__(self, day: date, *, records: list[Mapping[str, Any]] | None = None,
                 history: dict[date, int] | None = None, problem: str = "",
                 meetings: list[TypedMeeting] | None = None) -> None:
        super().__init__()
        self.day = day
        self.records = records or []
        self.history = history or {}
        self.problem = problem
        self.meetings = meetings or []
        """The meetings typed in for the day."""


class StreakRead(Message):
    """The days behind the streak were read: sets done per day."""

    def __init__(self, day: date, history: dict[date, int]) -> None:
        super().__init__()
        self.day = day
        self.history = history


def records_of_day(records: Iterable[Mapping[str, Any]], day: date,
                   tz: tzinfo) -> list[Mapping[str, Any]]:
    """The records of ``day``: those of its sets, and those started on it (in ``tz``)."""
    prefix = f"{day.isoformat()}:"
    return [r for r in records
            if str(r.get("event_id") or "").startswith(prefix) or record_day(r, tz) == day]


def read_week(store: Store, day: date, tz: tzinfo) -> LogRead:
    """Today's records and the sets done on each of the week chart's days before it (what
    the first paint needs); a read that fails says why."""
    try:
        records = store.sessions(since=(day - timedelta(days=CHART_DAYS)).isoformat())
        meetings = typed_meetings_of(store.meetings(day.isoformat()), day)
    except Exception as exc:
        return LogRead(day, problem=f"{exc}")
    history = done_by_day(records, tz)
    history.pop(day, None)
    return LogRead(day, records=records_of_day(records, day, tz), history=history,
                   meetings=meetings)


def read_streak_days(store: Store, day: date, tz: tzinfo,
                     history: Mapping[date, int]) -> dict[date, int]:
    """``history`` (the week's days, from :func:`read_week`) with the older days behind the
    streak added: sets done per day back to :data:`HISTORY_DAYS`. Raises what the store
    raises."""
    since = (day - timedelta(days=HISTORY_DAYS)).isoformat()
    before = (day - timedelta(days=CHART_DAYS + 1)).isoformat()
    days = dict(history)
    # A day at the seam may be split between the two reads (local days are not the
    # records' own date prefixes): counts add up.
    for older_day, count in done_by_day(store.iter_sessions(since, before), tz).items():
        if older_day != day:
            days[older_day] = days.get(older_day, 0) + count
    return days

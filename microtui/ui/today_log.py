"""What Today reads from the session log, and the messages that bring it back.

Three reads, each a plain function the screen runs where it fits: today's records before
the first paint (:func:`records_of_day` on what the store holds in memory), today and the
week chart's days in a thread worker (:func:`read_week`, posted as :class:`LogRead`), and
the days behind the streak once the first paint is out (:func:`read_streak_days`: the app's
:class:`~microtui.log_history.LogHistory`, read once and shared with Progress, posted as
:class:`StreakRead`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, timedelta, tzinfo
from typing import TYPE_CHECKING, Any

from textual.message import Message

from microtui.core.day_records import record_day
from microtui.core.day_totals import DayTotals, fold_sessions
from microtui.core.time_text import iso_day

if TYPE_CHECKING:
    from microtui.log_history import LogHistory
    from microtui.store import Store

CHART_DAYS = 7
"""The days the week chart shows before today."""


class LogRead(Message):
    """Today's records and the week chart's days were read (or ``problem`` says why not)."""

    def __init__(self, day: date, *, records: list[Mapping[str, Any]] | None = None,
                 history: dict[date, DayTotals] | None = None, problem: str = "") -> None:
        super().__init__()
        self.day = day
        self.records = records or []
        self.history = history or {}
        self.problem = problem


class StreakRead(Message):
    """The days behind the streak were read: each day's folded records."""

    def __init__(self, day: date, history: dict[date, DayTotals]) -> None:
        super().__init__()
        self.day = day
        self.history = history


def records_of_day(records: Iterable[Mapping[str, Any]], day: date,
                   tz: tzinfo) -> list[Mapping[str, Any]]:
    """The records of ``day``: those of its sets, and those started on it (in ``tz``)."""
    prefix = f"{day.isoformat()}:"
    return [r for r in records
            if str(r.get("event_id") or "").startswith(prefix) or record_day(r, tz) == day]


def past_days(days: Mapping[str, DayTotals], day: date) -> dict[date, DayTotals]:
    """``days`` (keyed ``YYYY-MM-DD``) before ``day``, keyed by date."""
    out = {}
    for key, totals in days.items():
        found = iso_day(key)
        if found is not None and found < day:
            out[found] = totals
    return out


def read_week(store: Store, day: date, tz: tzinfo) -> LogRead:
    """Today's records and the week chart's days before it (what the first paint needs); a
    read that fails says why."""
    try:
        records = store.sessions(since=(day - timedelta(days=CHART_DAYS)).isoformat())
    except Exception as exc:
        return LogRead(day, problem=f"{exc}")
    history = past_days(fold_sessions(records, {}), day)
    return LogRead(day, records=records_of_day(records, day, tz), history=history)


def read_streak_days(history: LogHistory, day: date) -> dict[date, DayTotals]:
    """Every day of the log before ``day``, from the app's log history (which reads the
    older days once for every screen). Raises what the store raises."""
    return past_days(history.all_days(day), day)

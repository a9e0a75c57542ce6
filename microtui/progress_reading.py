"""What Progress reads off the event loop: the check-ins, the mobility screens and the days'
totals of the log, as a :class:`~microtui.core.progress.History`.

What the app's :class:`~microtui.log_history.LogHistory` holds already, still current
(:meth:`~microtui.log_history.LogHistory.snapshot`), makes a history at once
(:func:`from_snapshot`, on the event loop: no disk read). Else two reads: :func:`read_first`
gives every day when the app's
:class:`~microtui.log_history.LogHistory` holds the older days already (or the log is
young), else only the last ``recent_days`` days and an :class:`OlderDays` to finish with
:func:`read_older` once those are on screen. Reading five years of day files at once made
the first charts wait for the interpreter lock; read after they are drawn, it waits for
nothing on screen.

No Textual here: the screen calls these from its thread workers. Store errors propagate.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from microtui.core.exercises import Exercise
from microtui.core.progress import History

if TYPE_CHECKING:
    from microtui.log_history import LogHistory, LogSnapshot
    from microtui.store import Store


@dataclass(frozen=True)
class OlderDays:
    """What the first read left for :func:`read_older`: the day it read for and what it
    read already (check-ins and mobility screens are one file each)."""

    today: date
    checkins: Sequence[Mapping[str, Any]]
    measurements: Sequence[Mapping[str, Any]]


def read_first(store: Store | None, log: LogHistory, exercises: Mapping[str, Exercise],
               today: date, recent_days: int) -> tuple[History, OlderDays | None]:
    """The history to draw first, and what is left to read (None: it is whole)."""
    if store is None:
        return History({}, (), (), exercises), None
    cutoff = today - timedelta(days=recent_days - 1)
    first_day = store.first_session_day()
    if log.loaded or first_day is None or first_day >= cutoff.isoformat():
        return from_snapshot(log.read(today), exercises), None
    checkins = store.checkins()
    measurements = store.measurements()
    recent = log.recent(today, recent_days)
    # Only the recent check-ins too (years of them take longer to fold than the days'
    # files to read), or the last one, so that "no check-ins yet" stays true or false.
    since = cutoff.isoformat()
    recent_checkins = [c for c in checkins if str(c.get("date", "")) >= since]
    history = History(recent, recent_checkins or checkins[-1:], measurements, exercises,
                      complete=False, since=cutoff)
    return history, OlderDays(today, checkins, measurements)


def read_older(log: LogHistory, exercises: Mapping[str, Exercise], older: OlderDays) -> History:
    """The whole history: every day of the log (read once for the app) with what the first
    read left."""
    return History(log.all_days(older.today), older.checkins, older.measurements, exercises)


def from_snapshot(snapshot: LogSnapshot, exercises: Mapping[str, Exercise]) -> History:
    """The whole history from what the app's history of the log holds (no disk read)."""
    return History(snapshot.days, snapshot.checkins, snapshot.measurements, exercises)

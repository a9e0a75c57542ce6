"""The log's per-day totals, read once for the whole app and kept.

The days before today never change: they are folded once (:meth:`LogHistory.load`, in a
worker thread, the first time anyone asks or after the app's first paint) and kept in
memory. Today's totals are folded afresh from the store (today's file) whenever asked. A
new day folds the days it has not seen yet on the next ask.

:meth:`LogHistory.read` also keeps what it read - every day's totals, the check-ins and the
mobility screens - as a :class:`LogSnapshot` noted with the count of records the app's
:class:`~microtui.log_writer.LogWriter` had written before the read: while no record has
been written since and the day is the same, :meth:`LogHistory.snapshot` hands it out
without touching the disk (Progress draws its first frame from it).

No Textual here: screens call it from their own ``@work`` threads. Thread-safe: one load
at a time; a second asker waits for the first and uses what it read.
"""

import threading
from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any, NamedTuple

from microtui.core.day_totals import DayTotals, fold_sessions
from microtui.core.exercises import Exercise

if TYPE_CHECKING:
    from microtui.log_writer import LogWriter
    from microtui.store import Store


class LogSnapshot(NamedTuple):
    """What :meth:`LogHistory.read` read, for ``today``, with ``written`` records written
    before it (:attr:`LogWriter.written`). Shared: never change it."""

    today: date
    written: int
    days: Mapping[str, DayTotals]
    checkins: Sequence[Mapping[str, Any]]
    measurements: Sequence[Mapping[str, Any]]


class LogHistory:
    """Per-day totals of the whole log (see the module docstring)."""

    def __init__(self, store: "Store | None", exercises: Mapping[str, Exercise],
                 writer: "LogWriter | None" = None) -> None:
        self.store = store
        self.writer = writer
        """The app's one writer of records: without it no snapshot is handed out (nothing
        would tell whether the log changed since)."""
        self._snapshot: LogSnapshot | None = None
        self.regions = {ex_id: ex.region.value for ex_id, ex in exercises.items()}
        self._load_lock = threading.Lock()
        self._older: dict[str, DayTotals] | None = None
        self._through: date | None = None
        """The last day in ``_older``."""
        self.loads = 0
        """How many times the days before today were read from disk (for tests)."""

    @property
    def loaded(self) -> bool:
        """Whether the days before today are in memory."""
        return self._older is not None

    def recent(self, today: date, days: int) -> dict[str, DayTotals]:
        """Totals of the last ``days`` days up to today, read from the store now (for a
        first draw that cannot wait for the whole log)."""
        if self.store is None:
            return {}
        since = (today - timedelta(days=days - 1)).isoformat()
        return fold_sessions(self.store.iter_sessions(since=since), self.regions)

    def all_days(self, today: date) -> dict[str, DayTotals]:
        """Totals of every day of the log up to today, keyed ``YYYY-MM-DD``: the older days
        read once (here, if nobody has yet), today's afresh. A new dict each time."""
        if self.store is None:
            return {}
        yesterday = today - timedelta(days=1)
        with self._load_lock:
            if self._older is None:
                self._older = fold_sessions(
                    self.store.iter_sessions(until=yesterday.isoformat()), self.regions)
                self._through = yesterday
                self.loads += 1
            elif self._through is not None and self._through < yesterday:
                since = (self._through + timedelta(days=1)).isoformat()
                fold_sessions(self.store.iter_sessions(since=since,
                                                       until=yesterday.isoformat()),
                              self.regions, self._older)
                self._through = yesterday
            older = dict(self._older)
        day = today.isoformat()
        # A day folded as "today" earlier may have grown since: today's comes afresh.
        older.pop(day, None)
        return {**older, **fold_sessions(self.store.sessions(since=day, until=day),
                                         self.regions)}

    def read(self, today: date) -> LogSnapshot:
        """Every day's totals (:meth:`all_days`), the check-ins and the mobility screens,
        read now and kept as the snapshot."""
        if self.store is None:
            return LogSnapshot(today, 0, {}, (), ())
        written = self.writer.written if self.writer is not None else 0
        checkins = self.store.checkins()
        measurements = self.store.measurements()
        snapshot = LogSnapshot(today, written, self.all_days(today), checkins, measurements)
        if self.writer is not None:
            self._snapshot = snapshot
        return snapshot

    def snapshot(self, today: date) -> LogSnapshot | None:
        """The last :meth:`read` if it is for ``today`` and no record was written since;
        else None. Reads nothing."""
        snapshot, writer = self._snapshot, self.writer
        if snapshot is None or writer is None or snapshot.today != today or (
                snapshot.written != writer.written):
            return None
        return snapshot

    def load(self, today: date) -> None:
        """Read the log now (the app does, in a worker, after start-up): the snapshot too
        when a writer says whether it stays current, else the days' totals only."""
        if self.writer is None:
            self.all_days(today)
        else:
            self.read(today)

    def forget(self) -> None:
        """Read the older days again on the next ask (``r`` on Progress)."""
        with self._load_lock:
            self._older = None
            self._through = None
            self._snapshot = None

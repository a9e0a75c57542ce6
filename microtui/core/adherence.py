"""Sets done against sets planned, day by day, and the streaks: what
:func:`~microtui.core.set_counts.count_sets` works out for Today, Progress and the report.

Apart from the rest of :mod:`microtui.core.progress_view` so that Today's summary line (done,
planned, streak) does not bring in the Progress screen's figures."""

from datetime import date, timedelta
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from microtui.core.buckets import Bucket


class DayPoint(NamedTuple):
    day: date
    done: int
    planned: int


class Adherence(NamedTuple):
    start: date
    end: date
    days: tuple[DayPoint, ...]
    current_streak: int
    best_streak: int
    first_day: date | None  # the first day with a set logged (None: nothing logged yet)
    streak_open: bool = False  # the history read so far ends inside the current streak

    @property
    def done(self) -> int:
        return sum(p.done for p in self.days)

    @property
    def planned(self) -> int:
        return sum(p.planned for p in self.days)

    @property
    def rate(self) -> float | None:
        """Done as a share of planned (may pass 1 with ad hoc sets); None if none planned."""
        return self.done / self.planned if self.planned else None

    def bucketed(self, max_slots: int) -> "list[tuple[Bucket, int, int]]":
        """``(bucket, done, planned)`` with at most ``max_slots`` buckets."""
        from microtui.core.buckets import buckets  # Progress's, not Today's

        by_day = {p.day: p for p in self.days}
        out = []
        for bucket in buckets(self.start, self.end, max_slots):
            done = planned = 0
            day = bucket.start
            while day <= bucket.end:
                point = by_day.get(day)
                if point is not None:
                    done += point.done
                    planned += point.planned
                day += timedelta(days=1)
            out.append((bucket, done, planned))
        return out

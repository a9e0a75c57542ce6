"""Progress: what the log, the check-ins and the mobility screens add up to.

The guide's "Monitoring Progress and Adjusting" asks for three things - subjective ratings
before and after each workday, a fortnightly mobility screen, and adjusting the routine -
and its pitfall table warns against "Neglecting Symmetry: favoring the dominant side". This
module turns the stored records into the numbers the Progress screen and ``microtui
report`` draw:

* **adherence** per day: sets done against sets planned;
* the **current and best streak**: consecutive working days with at least one set done;
* **how you feel**: each metric's start-of-day and end-of-day rating, and the average
  end-minus-start change;
* **mobility**: the four measured angles over time;
* **balance**: minutes per body region, and left against right for sided exercises, with a
  note when one side gets less than 90 % of the other's time;
* the **summary line**.

The pieces: :mod:`~microtui.core.day_totals` (the fold), :mod:`~microtui.core.set_counts`
(done, planned, adherence and streaks), :mod:`~microtui.core.progress_view` (what a range shows) and
:mod:`~microtui.core.progress_text` (the summary line); this module's :class:`History` puts
them together.

Scale. People keep this up for years: :meth:`History.build` reads every record exactly once
and folds it into a per-day :class:`~microtui.core.day_totals.DayTotals`. Everything a range
needs is then a sum over at most a few thousand days, so switching ranges costs nothing
worth measuring.

Definitions (the tests pin each one):

* A record belongs to the local date written in its ``started`` (``YYYY-MM-DD...``): the
  wall-clock date where and when it was logged, so a DST change or travel never moves a set
  to another day.
* Which sets count as **done** and **planned**, adherence and the **streaks** are the one
  rule of :mod:`microtui.core.set_counts` (Today and ``microtui report`` use it too).
* **Minutes moved** is the sum of ``active_seconds`` (every outcome: any movement counts).
  **Region minutes** and **side seconds** sum the exercises' ``done_seconds``.
* The summary's **week** is the last seven days, today included.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime, timedelta
from typing import Any

from microtui.core.checkin import METRICS, MOBILITY_FIELDS, MOMENTS
from microtui.core.day_totals import DayTotals, fold_sessions
from microtui.core.exercises import Exercise, Region
from microtui.core.planned_sets import PlanCounter
from microtui.core.progress_text import summary_line
from microtui.core.progress_view import (
    Adherence,
    Balance,
    Feel,
    Mobility,
    ProgressView,
    Range,
    Series,
    SideRow,
)
from microtui.core.set_counts import count_sets
from microtui.core.time_text import iso_day

WEEK_DAYS = 7
MOBILITY_MIN_DAYS = 56
"""Mobility is measured fortnightly, so its chart never looks back less than eight weeks."""


def _rating(value: Any) -> float | None:
    if isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value):
        return float(value)
    return None


class History:
    """Every record folded once; :meth:`view` answers any range from the totals.

    Build it with :meth:`build` (in a worker thread for a big log) and keep it: ranges,
    redraws and resizes never touch the records again.
    """

    def __init__(self, days: Mapping[str, DayTotals], checkins: Sequence[Mapping[str, Any]],
                 measurements: Sequence[Mapping[str, Any]], exercises: Mapping[str, Exercise],
                 *, complete: bool = True, since: date | None = None) -> None:
        """``complete`` False: ``days`` holds only the days from ``since`` on (the older
        ones follow); the current streak is then marked open if it reaches back to
        ``since``."""
        self.totals: dict[date, DayTotals] = {}
        for key, totals in days.items():
            day = iso_day(key)
            if day is not None:
                self.totals[day] = totals
        self.exercises = exercises
        self.complete = complete
        self.first_day = min(self.totals, default=None)
        self.since = since
        self.total_moved_seconds = sum(t.moved_seconds for t in self.totals.values())
        self.done = {d: t.sets_done for d, t in self.totals.items() if t.sets_done}
        self._streaks: dict[tuple[date, frozenset[int]], tuple[int, int]] = {}
        # check-ins: date → moment → metric → value
        self.checkins: dict[date, dict[str, dict[str, float]]] = {}
        for record in checkins:
            day = iso_day(record.get("date"))
            moment = record.get("moment")
            if day is None or moment not in MOMENTS:
                continue
            values = {m: v for m in METRICS if (v := _rating(record.get(m))) is not None}
            self.checkins.setdefault(day, {})[moment] = values
        self.measurements: list[tuple[date, dict[str, float]]] = []
        for record in measurements:
            day = iso_day(record.get("date"))
            if day is None:
                continue
            values = {f: v for f in MOBILITY_FIELDS if (v := _rating(record.get(f))) is not None}
            self.measurements.append((day, values))
        self.measurements.sort(key=lambda item: item[0])

    @classmethod
    def build(
        cls,
        sessions: Iterable[Mapping[str, Any]],
        checkins: Sequence[Mapping[str, Any]] = (),
        measurements: Sequence[Mapping[str, Any]] = (),
        *,
        exercises: Mapping[str, Exercise],
        complete: bool = True,
    ) -> History:
        """Fold the records (one pass over the sessions). ``complete`` False marks a history
        read from the recent days only (the best streak and "all" may grow when the rest
        arrives)."""
        regions = {ex_id: ex.region.value for ex_id, ex in exercises.items()}
        days = fold_sessions(sessions, regions)
        return cls(days, checkins, measurements, exercises, complete=complete)

    @property
    def empty(self) -> bool:
        return not self.totals and not self.checkins and not self.measurements

    # -- ranges --

    def span(self, today: date, days: int | None) -> tuple[date, date]:
        """The first and last day of a range ending ``today`` (all: from the first record)."""
        if days is not None:
            return today - timedelta(days=max(1, days) - 1), today
        firsts = [d for d in (self.first_day, min(self.checkins, default=None),
                              self.measurements[0][0] if self.measurements else None)
                  if d is not None and d <= today]
        return min(firsts, default=today), today

    def adherence(self, start: date, end: date, plan: PlanCounter | None = None,
                  now: datetime | None = None, *,
                  working_weekdays: Iterable[int] | None = None) -> Adherence:
        """Sets done and planned per day and the streaks: :func:`count_sets`'s rule."""
        plan = plan or PlanCounter(None)
        working = frozenset(plan.settings.working_weekdays if working_weekdays is None
                            else working_weekdays)
        found = count_sets(self.totals, start, end, plan, now, working_weekdays=working,
                           memo=self._streaks)
        current = found.current_streak
        open_ = False
        oldest = self.since or found.first_day
        if not self.complete and current and oldest is not None:
            last = end if self.done.get(end, 0) > 0 else end - timedelta(days=1)
            span = (last - oldest).days + 1
            open_ = current >= sum(1 for n in range(span)
                                   if (oldest + timedelta(days=n)).weekday() in working)
        return found._replace(streak_open=open_)

    def feel(self, start: date, end: date) -> Feel:
        lines: dict[str, list[tuple[date, float]]] = {
            f"{m}:{moment}": [] for m in METRICS for moment in MOMENTS}
        deltas: dict[str, list[float]] = {m: [] for m in METRICS}
        count = 0
        for day in sorted(d for d in self.checkins if start <= d <= end):
            moments = self.checkins[day]
            count += len(moments)
            for moment, values in moments.items():
                for metric, value in values.items():
                    lines[f"{metric}:{moment}"].append((day, value))
            first, last = moments.get("start", {}), moments.get("end", {})
            for metric in METRICS:
                if metric in first and metric in last:
                    deltas[metric].append(last[metric] - first[metric])
        change = tuple((m, sum(v) / len(v) if v else None) for m, v in deltas.items())
        series = tuple(Series(key, tuple(points)) for key, points in lines.items())
        ever = sum(len(moments) for moments in self.checkins.values())
        return Feel(start, end, series, change, count, ever)

    def mobility(self, start: date, end: date) -> Mobility:
        start = min(start, end - timedelta(days=MOBILITY_MIN_DAYS - 1))
        window = [(d, v) for d, v in self.measurements if start <= d <= end]
        series = tuple(
            Series(f, tuple((d, v[f]) for d, v in window if f in v)) for f in MOBILITY_FIELDS)
        last = max((d for d, _ in self.measurements if d <= end), default=None)
        return Mobility(start, end, series, len(window), last)

    def balance(self, start: date, end: date, regions: Sequence[Region] | None = None,
                ) -> Balance:
        region_seconds: dict[str, float] = {}
        sides: dict[str, list[float]] = {}
        for day, totals in self.totals.items():
            if not start <= day <= end:
                continue
            for region, seconds in totals.region_seconds.items():
                region_seconds[region] = region_seconds.get(region, 0.0) + seconds
            for exercise_id, (left, right) in totals.side_seconds.items():
                pair = sides.setdefault(exercise_id, [0.0, 0.0])
                pair[0] += left
                pair[1] += right
        if regions is None:
            present = {ex.region for ex in self.exercises.values()}
            regions = [r for r in Region if r in present] or list(Region)
        rows = tuple((r.value, region_seconds.get(r.value, 0.0) / 60) for r in regions)
        side_rows = []
        for exercise_id, (left, right) in sides.items():
            exercise = self.exercises.get(exercise_id)
            side_rows.append(SideRow(exercise_id, exercise.name if exercise else exercise_id,
                                     left, right))
        side_rows.sort(key=lambda r: r.name)
        return Balance(start, end, rows, tuple(side_rows))

    def view(
        self,
        today: date,
        range_: Range,
        *,
        plan: PlanCounter | None = None,
        now: datetime | None = None,
        suggestions: int = 0,
    ) -> ProgressView:
        """Everything one range shows, ending ``today``."""
        start, end = self.span(today, range_.days)
        adherence = self.adherence(start, end, plan, now)
        week_start = today - timedelta(days=WEEK_DAYS - 1)
        week = self.balance(week_start, today)
        week_sets = sum(self.done.get(week_start + timedelta(days=n), 0)
                        for n in range(WEEK_DAYS))
        summary = summary_line(self.total_moved_seconds, week_sets, week, suggestions)
        compact = summary_line(self.total_moved_seconds, week_sets, week, suggestions,
                               compact=True)
        return ProgressView(
            today=today,
            range=range_,
            adherence=adherence,
            feel=self.feel(start, end),
            mobility=self.mobility(start, end),
            balance=week if range_.days == WEEK_DAYS else self.balance(start, end),
            summary=summary,
            total_moved_seconds=self.total_moved_seconds,
            week_sets=week_sets,
            compact_summary=compact,
        )

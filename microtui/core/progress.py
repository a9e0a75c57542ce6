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

Scale. People keep this up for years: about 20 sets a working day for five years is some
26,000 session records. :meth:`History.build` reads every record exactly once and folds it
into a per-day :class:`DayTotals` (keyed by the record's own ``started`` date, sliced from
the ISO string - no date-time parsing per record). Everything a range needs is then a sum
over at most a few thousand days, so switching ranges costs nothing worth measuring.

Definitions (the tests pin each one):

* A record belongs to the local date written in its ``started`` (``YYYY-MM-DD...``): the
  wall-clock date where and when it was logged, so a DST change or travel never moves a set
  to another day.
* A set is **done** when its outcome is ``completed`` (or the legacy ``done``) or
  ``partial``. ``stopped-for-pain``, ``skipped``, ``missed`` and ``abandoned`` are not.
  (The Today screen's streak counts only completed sets.)
* Sets **planned** on a working day are the events of that day's trigger timeline for the
  routine and the schedule settings (:func:`microtui.core.schedule.build_timeline`, without
  meetings: the default routine gives 18 on a 09:00-17:30 day), plus every other event id
  the log names for that day (a pre-meeting set from the calendar, a typed-in meeting). Days
  off plan nothing but their logged events. Today plans only the events whose time has come
  (when ``now`` is given). Days before the first logged set plan nothing: the user had not
  started yet. Ad hoc sets (no event id) are done but were never planned.
* A **streak** counts working days only: days off neither count nor break it, and today
  does not break it before it is over (the same rule as Today's streak).
* **Minutes moved** is the sum of ``active_seconds`` (every outcome: any movement counts).
  **Region minutes** and **side seconds** sum the exercises' ``done_seconds``.
* The summary's **week** is the last seven days, today included.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, tzinfo
from typing import Any

from microtui.core.checkin import METRICS, MOBILITY_FIELDS, MOMENTS
from microtui.core.exercises import Exercise, Region
from microtui.core.routine import Routine
from microtui.core.schedule import ScheduleSettings, build_timeline
from microtui.core.time_text import minutes_text

DONE_OUTCOMES = frozenset({"completed", "done", "partial"})
"""Outcomes that count as a set done for adherence, streaks and "sets this week"."""

LAG_RATIO = 0.9
"""One side "lags" when it got less than this share of the other side's time."""

WEEK_DAYS = 7
MOBILITY_MIN_DAYS = 56
"""Mobility is measured fortnightly, so its chart never looks back less than eight weeks."""


@dataclass(frozen=True)
class Range:
    """A span of days ending today; ``days`` of None means all the history."""

    days: int | None
    label: str


RANGES: tuple[Range, ...] = (
    Range(7, "7 days"),
    Range(30, "30 days"),
    Range(90, "90 days"),
    Range(None, "all"),
)
"""The Progress screen's ranges, in the order ``[`` and ``]`` step through them."""


# -- per-day totals -----------------------------------------------------------------------


@dataclass(slots=True)
class DayTotals:
    """One day's sessions folded together."""

    sets_done: int = 0
    sets_logged: int = 0
    moved_seconds: float = 0.0
    region_seconds: dict[str, float] = field(default_factory=dict)
    #: exercise id → [left seconds, right seconds]
    side_seconds: dict[str, list[float]] = field(default_factory=dict)
    event_ids: set[str] = field(default_factory=set)


def fold_sessions(
    sessions: Iterable[Mapping[str, Any]],
    regions: Mapping[str, str],
    days: dict[str, DayTotals] | None = None,
) -> dict[str, DayTotals]:
    """Fold session records into per-day totals keyed by ``YYYY-MM-DD``, in one pass.

    ``regions`` maps exercise ids to their region's value; unknown exercises count for
    minutes moved but no region. Malformed fields count as nothing. This is the hot loop of
    opening Progress on a long history, hence the plain local-variable style.
    """
    days = {} if days is None else days
    done_outcomes = DONE_OUTCOMES
    get_region = regions.get
    inf = math.inf
    for record in sessions:
        started = record.get("started")
        if type(started) is not str or len(started) < 10:
            continue
        key = started[:10]
        totals = days.get(key)
        if totals is None:
            if key[4] != "-" or key[7] != "-":
                continue
            totals = days[key] = DayTotals()
        totals.sets_logged += 1
        if record.get("outcome") in done_outcomes:
            totals.sets_done += 1
        active = record.get("active_seconds")
        if (type(active) is float or type(active) is int) and 0 < active < inf:
            totals.moved_seconds += active
        event_id = record.get("event_id")
        if type(event_id) is str and event_id:
            totals.event_ids.add(event_id)
        rows = record.get("exercises")
        if type(rows) is not list:
            continue
        region_seconds = totals.region_seconds
        for row in rows:
            if type(row) is not dict:
                continue
            seconds = row.get("done_seconds")
            if not ((type(seconds) is float or type(seconds) is int) and 0 < seconds < inf):
                continue
            exercise_id = row.get("id")
            if type(exercise_id) is not str:
                continue
            region = get_region(exercise_id)
            if region is not None:
                region_seconds[region] = region_seconds.get(region, 0.0) + seconds
            side = row.get("side")
            if side == "left" or side == "right":
                pair = totals.side_seconds.get(exercise_id)
                if pair is None:
                    pair = totals.side_seconds[exercise_id] = [0.0, 0.0]
                pair[0 if side == "left" else 1] += seconds
    return days


# -- planned sets -------------------------------------------------------------------------


class PlanCounter:
    """How many sets were planned on a day (see the module doc), memoised.

    The timeline of a working day depends only on the routine, the settings and the day's
    UTC offsets at the start and end of work, so it is built once per distinct pair (twice
    a year at most with DST) rather than once per day.
    """

    def __init__(self, routine: Routine | None, settings: ScheduleSettings | None = None,
                 tz: tzinfo | None = None) -> None:
        self.routine = routine
        self.settings = settings or ScheduleSettings()
        self.tz = tz or UTC
        #: key → (the events' id ends, the same plus merged interval ids)
        self._memo: dict[tuple[Any, ...], tuple[frozenset[str], frozenset[str]]] = {}

    def _plans(self, day: date) -> bool:
        return self.routine is not None and day.weekday() in self.settings.working_weekdays

    def _ends(self, day: date) -> tuple[frozenset[str], frozenset[str]]:
        """The ``kind:HH:MM`` ends of the day's event ids, without and with merged ids."""
        if not self._plans(day):
            return frozenset(), frozenset()
        start = datetime.combine(day, self.settings.workday_start, tzinfo=self.tz)
        end = datetime.combine(day, self.settings.workday_end, tzinfo=self.tz)
        key = (start.utcoffset(), end.utcoffset())
        found = self._memo.get(key)
        if found is None:
            assert self.routine is not None
            events = build_timeline(self.routine, self.settings, day, self.tz).events
            own = frozenset(e.id.split(":", 1)[1] for e in events)
            merged = frozenset(i.split(":", 1)[1] for e in events for i in e.merged_ids)
            found = self._memo[key] = (own, own | merged)
        return found

    def planned(self, day: date, logged_ids: Iterable[str] = (),
                now: datetime | None = None) -> int:
        """Sets planned on ``day``: the timeline's events (only those whose time has come when
        ``now`` falls on ``day``) plus logged events that are not in it."""
        prefix = f"{day.isoformat()}:"
        own, known = self._ends(day)
        extra = sum(1 for i in set(logged_ids)
                    if i.startswith(prefix) and i[len(prefix):] not in known)
        if now is not None and self._plans(day):
            local_now = now.astimezone(self.tz)
            if local_now.date() == day:
                assert self.routine is not None
                timeline = build_timeline(self.routine, self.settings, day, self.tz)
                return sum(1 for e in timeline.events if e.planned <= local_now) + extra
        return len(own) + extra


# -- streaks ------------------------------------------------------------------------------


def streaks(done: Mapping[date, int], today: date,
            working_weekdays: Iterable[int]) -> tuple[int, int]:
    """``(current, best)`` runs of working days with at least one set done.

    Days off neither count nor break a run; today, until a set is done, does not break the
    current one (it is not over yet). The best is at least the current.
    """
    working = frozenset(working_weekdays)
    if not working:
        return 0, 0
    done_days = sorted(d for d, n in done.items() if n > 0 and d <= today)
    # Current: walk back from today (or yesterday, while today has nothing yet).
    current = 0
    day = today if done.get(today, 0) > 0 else today - timedelta(days=1)
    while True:
        if day.weekday() in working:
            if done.get(day, 0) <= 0:
                break
            current += 1
        day -= timedelta(days=1)
    # Best: one walk over the working days from the first done day to today.
    best = run = 0
    if done_days:
        day, last = done_days[0], today
        while day <= last:
            if day.weekday() in working:
                if done.get(day, 0) > 0:
                    run += 1
                    best = max(best, run)
                elif day != today:
                    run = 0
            day += timedelta(days=1)
    return current, max(best, current)


# -- buckets (days, weeks, months) for charts ---------------------------------------------


@dataclass(frozen=True)
class Bucket:
    """A run of days shown as one bar or point: ``start`` to ``end`` inclusive."""

    start: date
    end: date
    unit: str  # "day" | "week" | "month" | "quarter" | "year"

    @property
    def label(self) -> str:
        if self.unit in ("day", "week"):
            return f"{self.start.day} {self.start:%b}"
        if self.unit == "month":
            return f"{self.start:%b} {self.start:%y}"
        if self.unit == "quarter":
            return f"Q{(self.start.month - 1) // 3 + 1} {self.start:%y}"
        return f"{self.start.year}"


UNITS = ("day", "week", "month", "quarter", "year")


def _unit_start(day: date, unit: str) -> date:
    if unit == "day":
        return day
    if unit == "week":
        return day - timedelta(days=day.weekday())
    if unit == "month":
        return day.replace(day=1)
    if unit == "quarter":
        return date(day.year, (day.month - 1) // 3 * 3 + 1, 1)
    return date(day.year, 1, 1)


def _unit_next(start: date, unit: str) -> date:
    if unit == "day":
        return start + timedelta(days=1)
    if unit == "week":
        return start + timedelta(days=7)
    if unit == "year":
        return date(start.year + 1, 1, 1)
    months = 1 if unit == "month" else 3
    year, month = divmod(start.month - 1 + months, 12)
    return date(start.year + year, month + 1, 1)


def buckets(start: date, end: date, max_slots: int) -> list[Bucket]:
    """Split ``start..end`` into the finest unit (day, week, month, quarter, year) that
    gives at most ``max_slots`` buckets; the first and last are clipped to the span."""
    if end < start:
        return []
    max_slots = max(1, max_slots)
    for unit in UNITS:
        out = []
        cursor = _unit_start(start, unit)
        while cursor <= end:
            following = _unit_next(cursor, unit)
            out.append(Bucket(max(cursor, start), min(following - timedelta(days=1), end), unit))
            if len(out) > max_slots:
                break
            cursor = following
        if len(out) <= max_slots or unit == "year":
            return out
    return []  # pragma: no cover - the year loop always returns


# -- the view of one range ----------------------------------------------------------------


@dataclass(frozen=True)
class DayPoint:
    day: date
    done: int
    planned: int


@dataclass(frozen=True)
class Adherence:
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

    def bucketed(self, max_slots: int) -> list[tuple[Bucket, int, int]]:
        """``(bucket, done, planned)`` with at most ``max_slots`` buckets."""
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


@dataclass(frozen=True)
class Series:
    """One line: ``points`` of ``(date, value)`` sorted by date."""

    key: str
    points: tuple[tuple[date, float], ...]

    def bucketed(self, start: date, end: date, max_slots: int) -> list[tuple[Bucket, float]]:
        """The mean of each bucket that holds points (empty buckets are gaps)."""
        out = []
        items = iter(self.points)
        pending = next(items, None)
        for bucket in buckets(start, end, max_slots):
            values = []
            while pending is not None and pending[0] <= bucket.end:
                if pending[0] >= bucket.start:
                    values.append(pending[1])
                pending = next(items, None)
            if values:
                out.append((bucket, sum(values) / len(values)))
        return out


@dataclass(frozen=True)
class Feel:
    """Check-in ratings: a series per ``metric:moment`` and the average end-minus-start."""

    start: date
    end: date
    series: tuple[Series, ...]
    change: tuple[tuple[str, float | None], ...]  # (metric, mean end - start) over paired days
    count: int  # check-ins in the range
    ever: int = 0  # check-ins in all the history

    def line(self, metric: str, moment: str) -> Series:
        key = f"{metric}:{moment}"
        return next((s for s in self.series if s.key == key), Series(key, ()))

    def change_of(self, metric: str) -> float | None:
        return dict(self.change).get(metric)


@dataclass(frozen=True)
class Mobility:
    start: date
    end: date
    series: tuple[Series, ...]  # one per MOBILITY_FIELDS, in that order
    count: int  # measurements in the window
    last: date | None  # the latest measurement ever

    def line(self, field_name: str) -> Series:
        return next((s for s in self.series if s.key == field_name), Series(field_name, ()))


@dataclass(frozen=True)
class SideRow:
    exercise_id: str
    name: str
    left: float
    right: float

    @property
    def lagging(self) -> str | None:
        """``"left"`` or ``"right"`` when that side got < 90 % of the other's time."""
        return lagging_side(self.left, self.right)


def lagging_side(left: float, right: float, ratio: float = LAG_RATIO) -> str | None:
    if left <= 0 and right <= 0:
        return None
    if left < ratio * right:
        return "left"
    if right < ratio * left:
        return "right"
    return None


def lag_note(name: str, left: float, right: float) -> str | None:
    """``"Wrist Pulses: left lags (72 % of right)"``, or None when balanced."""
    side = lagging_side(left, right)
    if side is None:
        return None
    weak, strong = (left, right) if side == "left" else (right, left)
    other = "right" if side == "left" else "left"
    return f"{name}: {side} lags ({math.floor(100 * weak / strong)} % of {other})"


@dataclass(frozen=True)
class Balance:
    start: date
    end: date
    regions: tuple[tuple[str, float], ...]  # (region value, minutes), in Region order
    sides: tuple[SideRow, ...]  # sided exercises done in the range, by name

    @property
    def left(self) -> float:
        return sum(r.left for r in self.sides)

    @property
    def right(self) -> float:
        return sum(r.right for r in self.sides)

    @property
    def notes(self) -> tuple[str, ...]:
        """A lag note for every sided exercise out of balance, and one for all of them."""
        notes = [n for r in self.sides if (n := lag_note(r.name, r.left, r.right))]
        if len(self.sides) > 1 and (total := lag_note("All sided exercises", self.left,
                                                      self.right)):
            notes.append(total)
        return tuple(notes)

    def most_least(self) -> tuple[str | None, str | None]:
        """The most and least trained regions (None when nothing was done); ties go to the
        region listed first."""
        if not self.regions or not any(m > 0 for _, m in self.regions):
            return None, None
        order = {value: n for n, (value, _) in enumerate(self.regions)}
        most = min(self.regions, key=lambda item: (-item[1], order[item[0]]))
        least = min(self.regions, key=lambda item: (item[1], order[item[0]]))
        return most[0], least[0]


@dataclass(frozen=True)
class ProgressView:
    """Everything one range of the Progress screen shows (plain, comparable data)."""

    today: date
    range: Range
    adherence: Adherence
    feel: Feel
    mobility: Mobility
    balance: Balance
    summary: str
    total_moved_seconds: float
    week_sets: int
    compact_summary: str = ""


# -- the history --------------------------------------------------------------------------


def _parse_day(value: Any) -> date | None:
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


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
            day = _parse_day(key)
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
            day = _parse_day(record.get("date"))
            moment = record.get("moment")
            if day is None or moment not in MOMENTS:
                continue
            values = {m: v for m in METRICS if (v := _rating(record.get(m))) is not None}
            self.checkins.setdefault(day, {})[moment] = values
        self.measurements: list[tuple[date, dict[str, float]]] = []
        for record in measurements:
            day = _parse_day(record.get("date"))
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
        plan = plan or PlanCounter(None)
        working = plan.settings.working_weekdays if working_weekdays is None else working_weekdays
        points = []
        day = start
        first = self.first_day
        while day <= end:
            totals = self.totals.get(day)
            if first is None or day < first:
                planned = 0
            else:
                planned = plan.planned(day, totals.event_ids if totals else (), now)
            points.append(DayPoint(day, totals.sets_done if totals else 0, planned))
            day += timedelta(days=1)
        key = (end, frozenset(working))
        found = self._streaks.get(key)
        if found is None:
            found = self._streaks[key] = streaks(self.done, end, working)
        current, best = found
        open_ = False
        oldest = self.since or first
        if not self.complete and current and oldest is not None:
            last = end if self.done.get(end, 0) > 0 else end - timedelta(days=1)
            working = frozenset(working)
            span = (last - oldest).days + 1
            open_ = current >= sum(1 for n in range(span)
                                   if (oldest + timedelta(days=n)).weekday() in working)
        return Adherence(start, end, tuple(points), current, best, first, open_)

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


# -- words --------------------------------------------------------------------------------


def region_title(value: str) -> str:
    try:
        return Region(value).title
    except ValueError:
        return value


def summary_line(total_moved_seconds: float, week_sets: int, week: Balance,
                 suggestions: int = 0, *, compact: bool = False) -> str:
    """``Moved 1,234 min in all · 96 sets this week · most: Core · least: Hand and wrist ·
    2 progressions suggested``; ``compact`` says the same in fewer characters."""
    most, least = week.most_least()
    plural = "" if week_sets == 1 else "s"
    if compact:
        parts = [f"{minutes_text(total_moved_seconds)} moved", f"{week_sets} set{plural} this week"]
        if most is not None:
            parts.append(f"most {region_title(most)}, least {region_title(least or most)}")
        noun = "progression" if suggestions == 1 else "progressions"
        parts.append(f"{suggestions or 'no'} {noun} due")
        return " · ".join(parts)
    parts = [f"Moved {minutes_text(total_moved_seconds)} in all",
             f"{week_sets} set{plural} this week"]
    if most is None:
        parts.append("no region trained this week")
    else:
        parts.append(f"most: {region_title(most)}")
        parts.append(f"least: {region_title(least or most)}")
    noun = "progression" if suggestions == 1 else "progressions"
    parts.append(f"{suggestions} {noun} suggested" if suggestions else "no progressions pending")
    return " · ".join(parts)


def feel_change_text(change: float | None, metric: str) -> str:
    """``"+1.2"`` / ``"−0.5"`` / ``"–"`` (no paired days)."""
    if change is None:
        return "–"
    if abs(change) < 0.05:
        return "±0"
    return f"{change:+.1f}".replace("-", "−")

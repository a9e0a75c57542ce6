"""Is it working? Movement against feeling, and mobility against your first screen.

The guide promises less stiffness, more energy and focus and better mobility, and says that
"over weeks, patterns emerge that guide refinements". This module puts the records side by
side, honestly; Progress and ``microtui report`` both show :func:`build_insights`' lines, so
the two never disagree.

**Movement against feeling.** Working days before today are split by the share of planned
sets done (given in by the caller, ``date -> 0..1``; this module does not decide what counts
as a set done): days with at least 75 % done (:data:`HIGH_SHARE`) against days under 50 %
(:data:`LOW_SHARE`); days in between are in neither group, so the two sides differ clearly.
For stiffness, energy and focus it compares the end-of-day rating, and the change from the
morning's rating to the evening's (days with both), by the difference of the two means.

* **At least 10 days a side** (:data:`MIN_DAYS`). Ratings are whole numbers from 1 to 10 and
  move from day to day by about 1.5 points for reasons that have nothing to do with moving
  (sleep, deadlines). With 10 days a side the standard error of a difference of means is
  about 1.5 x sqrt(2/10), 0.7 points, so a real difference of a point and a half can show;
  with fewer, one odd day shifts a side's mean by more than half a point. Ten working days
  is also two weeks, the guide's own rhythm for checking progress. Below it a line says
  "not enough days yet (N more needed)".
* **No effect smaller than the spread.** A difference is shown only when it is at least two
  standard errors of the difference (Welch's: each side's own day-to-day spread, sqrt(s1²/n1
  + s2²/n2), about a 95 % interval) and at least half a point (less than the scale can
  tell). Otherwise the line says there is no difference larger than the day-to-day spread
  and gives that spread.
* **Never a cause.** The lines say what went together ("was 1.4 points lower on days
  with..."), with the number of days on each side, and :data:`NOT_A_CAUSE` says so.

**Mobility against your first screen.** For each of the four angles, the change from the
first screen that measured it to the latest: "+8° hip flexion left since 2 September".
Changes under 5° (:data:`MOBILITY_PRECISION`) read "about the same": an angle estimated by
eye is good to about 5°. A left-right gap over 10 % (:data:`SIDE_GAP`) on the latest screen
is pointed out (the guide's pitfall "Neglecting Symmetry"), and so is a screen that is due
(every 14 days).

Pure: ``today`` is an argument, nothing reads the clock.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from microtui.core.checkin import METRICS, MOBILITY_FIELDS, mobility_status

HIGH_SHARE = 0.75
LOW_SHARE = 0.5
MIN_DAYS = 10
"""Days needed on each side before a comparison is made (see the module doc)."""
STANDARD_ERRORS = 2.0
MIN_POINTS = 0.5
MOBILITY_PRECISION = 5.0
"""Degrees: a smaller change than this is within what an estimated angle can tell."""
SIDE_GAP = 0.10

OUTCOMES: tuple[tuple[str, str], ...] = tuple(
    [(m, "end") for m in METRICS] + [(m, "change") for m in METRICS])
"""What is compared: each metric's end-of-day rating, then its morning-to-evening change."""

NOT_A_CAUSE = ("These compare days side by side: they show what went together, "
               "not that moving caused it.")

Shares = Mapping[date, float] | Callable[[date], float | None]
Checkins = Mapping[date, Mapping[str, Mapping[str, float]]]
"""date → moment (``start``/``end``) → metric → rating, as :class:`History` holds them."""
Measurements = Sequence[tuple[date, Mapping[str, float]]]


def _mean(values: Sequence[float]) -> float:
    return sum(values) / len(values)


def _variance(values: Sequence[float]) -> float:
    mean = _mean(values)
    return sum((v - mean) ** 2 for v in values) / (len(values) - 1)


def _points(value: float) -> str:
    shown = f"{abs(value):.1f}"
    return f"{shown} point" if shown == "1.0" else f"{shown} points"


def _signed(value: float) -> str:
    text = f"{value:+.1f}".replace("-", "−")
    return "0.0" if text in ("+0.0", "−0.0") else text


@dataclass(frozen=True)
class Comparison:
    """One outcome on the days you moved a lot (``high``) against the days you didn't."""

    metric: str
    moment: str  # "end": the end-of-day rating; "change": end minus start
    high: tuple[float, ...]
    low: tuple[float, ...]

    @property
    def needed(self) -> int:
        """Days still needed before the comparison is made (0: enough)."""
        return max(0, MIN_DAYS - len(self.high)) + max(0, MIN_DAYS - len(self.low))

    @property
    def difference(self) -> float | None:
        """Mean of the high days minus mean of the low days (None below the minimum)."""
        if self.needed:
            return None
        return _mean(self.high) - _mean(self.low)

    @property
    def standard_error(self) -> float | None:
        """Welch's standard error of the difference of means (None below the minimum)."""
        if self.needed:
            return None
        return math.sqrt(_variance(self.high) / len(self.high)
                         + _variance(self.low) / len(self.low))

    @property
    def margin(self) -> float | None:
        """The smallest difference shown: two standard errors, and at least half a point."""
        error = self.standard_error
        return None if error is None else max(STANDARD_ERRORS * error, MIN_POINTS)

    @property
    def shown(self) -> bool:
        """True when the difference is larger than the spread of the data."""
        difference, margin = self.difference, self.margin
        return difference is not None and margin is not None and abs(difference) >= margin

    def _subject(self) -> str:
        if self.moment == "end":
            return f"end-of-day {self.metric}"
        return f"the change in {self.metric} from morning to evening"

    def text(self) -> str:
        counts = f"{len(self.high)} days vs {len(self.low)}"
        subject = self._subject()
        if self.needed:
            return (f"{subject[0].upper()}{subject[1:]}: "
                    f"{not_enough(self.needed, len(self.high), len(self.low))}")
        difference, margin = self.difference, self.margin
        assert difference is not None and margin is not None
        if not self.shown:
            return (f"{subject[0].upper()}{subject[1:]}: no difference larger than the "
                    f"day-to-day spread (±{margin:.1f}) between days with at least 75 % "
                    f"of your sets done and days under 50 % ({counts})")
        high, low = _mean(self.high), _mean(self.low)
        if self.moment == "end":
            way = "higher" if difference > 0 else "lower"
            return (f"On days with at least 75 % of your sets done, {subject} was "
                    f"{_points(difference)} {way} than on days under 50 % "
                    f"({high:.1f} vs {low:.1f}; {counts})")
        return (f"On days with at least 75 % of your sets done, {self.metric} changed by "
                f"{_signed(high)} from morning to evening, against {_signed(low)} on days "
                f"under 50 % ({counts})")


def not_enough(needed: int, high: int, low: int) -> str:
    """``"not enough days yet (4 more needed; 12 days with at least 75 % ... a side)"``"""
    return (f"not enough days yet ({needed} more needed; {high} days with at least 75 % of "
            f"your sets done vs {low} under 50 %, at least {MIN_DAYS} a side)")


def _share_of(shares: Shares) -> Callable[[date], float | None]:
    return shares if callable(shares) else shares.get


def compare_days(shares: Shares, checkins: Checkins, today: date) -> tuple[Comparison, ...]:
    """Every outcome of :data:`OUTCOMES` on high against low days before ``today``."""
    share_of = _share_of(shares)
    values: dict[tuple[str, str], tuple[list[float], list[float]]] = {
        key: ([], []) for key in OUTCOMES}
    for day in sorted(checkins):
        if day >= today:
            continue
        share = share_of(day)
        if share is None:
            continue
        if share >= HIGH_SHARE:
            side = 0
        elif share < LOW_SHARE:
            side = 1
        else:
            continue
        moments = checkins[day]
        start, end = moments.get("start", {}), moments.get("end", {})
        for metric in METRICS:
            if metric in end:
                values[(metric, "end")][side].append(end[metric])
                if metric in start:
                    values[(metric, "change")][side].append(end[metric] - start[metric])
    return tuple(Comparison(metric, moment, tuple(high), tuple(low))
                 for (metric, moment), (high, low) in values.items())


# -- mobility -------------------------------------------------------------------------------


def _words(field: str) -> str:
    """``hip_flexion_left`` → ``hip flexion left``."""
    return field.replace("_", " ")


def _when(day: date, today: date) -> str:
    return f"{day:%-d %B}" if day.year == today.year else f"{day:%-d %B %Y}"


def _degrees(value: float) -> str:
    return f"{value:g}°"


@dataclass(frozen=True)
class MobilityChange:
    field: str
    first_day: date
    first: float
    last_day: date
    last: float

    @property
    def change(self) -> float:
        return self.last - self.first

    def text(self, today: date) -> str:
        since = f"since {_when(self.first_day, today)}"
        values = f"({_degrees(self.first)} → {_degrees(self.last)})"
        if abs(self.change) < MOBILITY_PRECISION:
            return f"{_words(self.field).capitalize()}: about the same {since} {values}"
        return f"{self.change:+g}° {_words(self.field)} {since} {values}".replace("-", "−")


@dataclass(frozen=True)
class SideGap:
    joint: str  # "hip_flexion" or "neck_rotation"
    day: date
    left: float
    right: float

    @property
    def gap(self) -> float:
        """The difference as a share of the larger side (0 when both are 0)."""
        larger = max(self.left, self.right)
        return abs(self.left - self.right) / larger if larger > 0 else 0.0

    @property
    def pointed_out(self) -> bool:
        return self.gap > SIDE_GAP

    def text(self, today: date) -> str:
        return (f"{_words(self.joint).capitalize()}: left {_degrees(self.left)}, right "
                f"{_degrees(self.right)} on {_when(self.day, today)}, a gap of "
                f"{math.floor(self.gap * 100)} % (over 10 %: mirror each exercise on both "
                f"sides)")


@dataclass(frozen=True)
class MobilityInsights:
    today: date
    changes: tuple[MobilityChange, ...]
    gaps: tuple[SideGap, ...]  # the latest screen's gaps over 10 %
    screens: int
    last: date | None
    due: bool
    next_due: date

    def lines(self) -> list[str]:
        out: list[str] = []
        if self.screens == 0:
            return ["Mobility: no screen yet. Record one on Progress (m) to see changes."]
        if self.screens == 1 and self.last is not None:
            out.append(f"Mobility: one screen so far ({_when(self.last, self.today)}); "
                       "the next shows the change.")
        else:
            out.extend(change.text(self.today) for change in self.changes)
        out.extend(gap.text(self.today) for gap in self.gaps)
        if self.due and self.last is not None:
            out.append(f"A mobility screen is due (the last was on "
                       f"{_when(self.last, self.today)}).")
        return out


def mobility_insights(measurements: Measurements, today: date) -> MobilityInsights:
    """Changes since the first screen, the latest screen's side gaps and whether one is due
    (screens after ``today`` are left out)."""
    screens = sorted((d, v) for d, v in measurements if d <= today)
    changes = []
    for field in MOBILITY_FIELDS:
        measured = [(d, v[field]) for d, v in screens if field in v]
        if len(measured) >= 2:
            (first_day, first), (last_day, last) = measured[0], measured[-1]
            changes.append(MobilityChange(field, first_day, first, last_day, last))
    gaps = []
    if screens:
        last_day, latest = screens[-1]
        for joint in ("hip_flexion", "neck_rotation"):
            left, right = latest.get(f"{joint}_left"), latest.get(f"{joint}_right")
            if left is not None and right is not None:
                gap = SideGap(joint, last_day, left, right)
                if gap.pointed_out:
                    gaps.append(gap)
    status = mobility_status([{"date": d.isoformat()} for d, _ in screens], today)
    return MobilityInsights(today, tuple(changes), tuple(gaps), len(screens), status.last,
                            status.due, status.next)


# -- all of it ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Insights:
    """Every insight line, as Progress and ``microtui report`` show them."""

    comparisons: tuple[Comparison, ...]
    mobility: MobilityInsights

    def feeling_lines(self) -> list[str]:
        """A line per comparison; one line in all while none has enough days yet."""
        if self.comparisons and all(c.needed for c in self.comparisons):
            most = max(self.comparisons, key=lambda c: (len(c.high) + len(c.low), -c.needed))
            return ["Movement against feeling (days with an end-of-day check-in): "
                    + not_enough(most.needed, len(most.high), len(most.low))]
        out = [c.text() for c in self.comparisons]
        if any(not c.needed for c in self.comparisons):
            out.append(NOT_A_CAUSE)
        return out

    def lines(self) -> list[str]:
        return [*self.feeling_lines(), *self.mobility.lines()]


def build_insights(shares: Shares, checkins: Checkins, measurements: Measurements,
                   today: date) -> Insights:
    """The movement-against-feeling comparisons and the mobility lines (see the module doc).

    ``shares`` is the share of planned sets done per day (0 to 1; None or missing: nothing
    planned); ``checkins`` and ``measurements`` as :class:`~microtui.core.progress.History`
    holds them."""
    return Insights(compare_days(shares, checkins, today),
                    mobility_insights(measurements, today))

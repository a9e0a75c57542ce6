"""What one range of the Progress screen shows: plain, comparable data for the charts.

:class:`Adherence` (sets done against planned, the streaks), :class:`Feel` (check-in
ratings), :class:`Mobility` (the measured angles), :class:`Balance` (minutes per body region,
left against right) and the :class:`ProgressView` holding them all;
:class:`~microtui.core.progress.History` builds them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

# Re-exported: a range's figures hold them, and they were first defined here.
from microtui.core.adherence import Adherence as Adherence
from microtui.core.adherence import DayPoint as DayPoint
from microtui.core.buckets import Bucket, buckets

LAG_RATIO = 0.9
"""One side "lags" when it got less than this share of the other side's time."""


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

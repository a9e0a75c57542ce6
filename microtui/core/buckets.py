"""Runs of days shown as one bar or point of a chart: days, weeks, months, quarters, years.

:func:`buckets` splits a span into the finest unit that gives no more than a chart's slots,
so a long range stays readable at any width.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta


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

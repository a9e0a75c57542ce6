"""The 12-week heatmap: one cell per working day, shaded by the share of planned sets done.

Rows are the working weekdays (Monday first), columns the last :data:`WEEKS` weeks, the
current week on the right. Each cell holds the day's share of planned sets done (0 to 1),
given in by the caller as a mapping or a function ``date -> share | None`` (None or missing:
nothing was planned, e.g. before you started); this module only draws it, it does not decide
what counts as a set done.

The shades read without colour: every level has its own character (:data:`SHADES`), so the
grid works in a monochrome terminal, on paper and for people who don't tell hues apart.
Today is marked with brackets (``[▓]``); days still to come in this week stay blank.

Pure: ``today`` is an argument.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta

WEEKS = 12
"""How many weeks the heatmap shows (Entracte's and the issue's "12 weeks")."""

WEEKDAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")

NOTHING_PLANNED = "·"
"""A working day with no sets planned (before you started, or a day nothing was due)."""

LEVELS: tuple[tuple[float, str, str], ...] = (
    # (lowest share of the level, its character, what it means)
    (0.0, "-", "none"),
    (0.0, "░", "under 50 %"),  # more than none
    (0.5, "▒", "50–74 %"),
    (0.75, "▓", "75–99 %"),
    (1.0, "█", "all"),
)
"""The shade levels, lowest first: "none" is exactly 0, "all" 1 or more; in between a share
belongs to the highest level whose lowest share it reaches (the same 50 % and 75 % lines as
:mod:`microtui.core.insights`)."""

SHADES = tuple(char for _, char, _ in LEVELS)

Shares = Mapping[date, float] | Callable[[date], float | None]


def shade_level(share: float) -> int:
    """The level (index into :data:`LEVELS`) of a share of planned sets done (0 to 1; more
    than 1, with sets done beyond the plan, counts as all)."""
    if share <= 0:
        return 0
    level = 1
    for n, (lowest, _, _) in enumerate(LEVELS[2:], start=2):
        if share >= lowest:
            level = n
    return level


@dataclass(frozen=True)
class Cell:
    day: date
    share: float | None  # None: nothing planned
    level: int | None  # None: nothing planned, or still to come
    today: bool = False
    future: bool = False

    @property
    def char(self) -> str:
        if self.future:
            return " "
        if self.level is None:
            return NOTHING_PLANNED
        return SHADES[self.level]

    @property
    def text(self) -> str:
        """Three characters: the shade between spaces, or between brackets for today."""
        return f"[{self.char}]" if self.today else f" {self.char} "

    @property
    def label(self) -> str:
        """``"Tue 24 Nov: 83 % of planned sets done"`` (for a tooltip or a screen reader)."""
        when = f"{self.day:%a %-d %b}"
        if self.future:
            return f"{when}: still to come"
        if self.share is None:
            return f"{when}: no sets planned"
        return f"{when}: {math.floor(self.share * 100)} % of planned sets done"


@dataclass(frozen=True)
class Heatmap:
    today: date
    weeks: tuple[date, ...]  # the Monday of each week, oldest first
    weekdays: tuple[int, ...]  # the rows: working weekdays, Monday = 0
    rows: tuple[tuple[Cell, ...], ...]  # one per weekday, one cell per week

    @property
    def cells(self) -> list[Cell]:
        return [cell for row in self.rows for cell in row]

    @property
    def days_with_plan(self) -> int:
        return sum(1 for c in self.cells if c.level is not None)

    def month_line(self) -> str:
        """Month names above the columns, each over the first week that starts in it."""
        out = " " * 4
        last_month = None
        for monday in self.weeks:
            month = (monday.year, monday.month)
            out += f"{monday:%b}" if month != last_month else "   "
            last_month = month
        return out.rstrip()

    def lines(self) -> list[str]:
        """The grid as text: a month line, then one line per working weekday (40 columns
        for 12 weeks)."""
        out = [self.month_line()]
        for weekday, row in zip(self.weekdays, self.rows, strict=True):
            out.append(WEEKDAY_NAMES[weekday] + " " + "".join(c.text for c in row).rstrip())
        return out

    def title(self) -> str:
        return f"Last {len(self.weeks)} weeks: share of planned sets done each working day"

    @staticmethod
    def legend_items() -> tuple[str, ...]:
        """``("- none", "░ under 50 %", …, "· nothing planned", "[ ] today")``: the legend's
        entries, for a narrow column to lay out without splitting one."""
        return (*(f"{char} {meaning}" for _, char, meaning in LEVELS),
                f"{NOTHING_PLANNED} nothing planned", "[ ] today")

    @staticmethod
    def legend() -> str:
        """``"- none  ░ under 50 %  ▒ 50–74 %  ▓ 75–99 %  █ all  · nothing planned  [ ] today"``"""
        return "  ".join(Heatmap.legend_items())

    def text_lines(self) -> list[str]:
        """Title, grid and legend: what Progress and ``microtui report`` show as-is."""
        return [self.title(), *self.lines(), self.legend()]


def _share_of(shares: Shares) -> Callable[[date], float | None]:
    if callable(shares):
        return shares
    return shares.get


def build_heatmap(shares: Shares, today: date, working_weekdays: Iterable[int] = range(5),
                  weeks: int = WEEKS) -> Heatmap:
    """The heatmap of the ``weeks`` weeks ending with ``today``'s week (see the module doc).

    ``working_weekdays`` are the rows (Monday = 0; at least one is shown: Monday to Friday
    when none is given)."""
    weekdays = tuple(sorted(set(working_weekdays))) or tuple(range(5))
    share_of = _share_of(shares)
    this_monday = today - timedelta(days=today.weekday())
    mondays = tuple(this_monday - timedelta(weeks=n) for n in range(weeks - 1, -1, -1))
    rows = []
    for weekday in weekdays:
        row = []
        for monday in mondays:
            day = monday + timedelta(days=weekday)
            if day > today:
                row.append(Cell(day, None, None, future=True))
                continue
            share = share_of(day)
            level = None if share is None else shade_level(share)
            row.append(Cell(day, share, level, today=day == today))
        rows.append(tuple(row))
    return Heatmap(today, mondays, weekdays, tuple(rows))

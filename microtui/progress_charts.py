"""The Progress charts, drawn for the Progress screen and ``microtui report`` alike.

Each ``draw_*`` function takes a plotext figure - the :mod:`plotext` module itself in the
report, or the Progress screen's :class:`textual_plotext.PlotextPlot` ``plt`` - plus the
data from :mod:`microtui.core.progress_view` and a size, and only calls plotext functions: so the
screen and the report show the same charts, and this module never imports Textual. Each
chart's titles, legends and empty-state message are here too.

Rules every chart follows:

* numeric x positions with our own tick labels (``plotext.datetimes_to_string`` is broken
  under textual-plotext), spaced so labels never overlap at any width;
* x limits set explicitly, so one point, a gap or a single day never collapses the axis;
* a title, an x label and a y label; colours for the terminal, and marker shapes that
  still read without colour (``█`` done, ``░`` planned in the plain report);
* nothing to draw → :func:`empty_message` says what to do instead.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date
from typing import Any

from microtui.core.buckets import Bucket, buckets
from microtui.core.checkin import METRIC_TITLES, METRICS, MOBILITY_FIELDS, MOMENTS
from microtui.core.progress_text import feel_change_text
from microtui.core.progress_view import Adherence, Balance, Feel, Mobility, ProgressView, Range
from microtui.core.time_text import fmt_seconds, number_text

# -- looks --------------------------------------------------------------------------------

DONE_COLOR, PLANNED_COLOR = "green", "gray"
DONE_MARKER = "sd"
PLANNED_MARKER = "sd"  # grey behind the green done bar
PLANNED_MARKER_MONO = "░"  # without colour a shade tells planned from done
LINE_MARKER = "braille"
METRIC_COLORS = {"stiffness": "red", "energy": "green", "focus": "cyan"}
FEEL_SHORT = {"stiffness": "stiff", "energy": "energy", "focus": "focus"}
MOBILITY_COLORS = {
    "hip_flexion_left": "orange",
    "hip_flexion_right": "red",
    "neck_rotation_left": "cyan",
    "neck_rotation_right": "blue",
}
MOBILITY_SHORT = {
    "hip_flexion_left": "hip L",
    "hip_flexion_right": "hip R",
    "neck_rotation_left": "neck L",
    "neck_rotation_right": "neck R",
}
REGION_SHORT = {
    "core": "Core",
    "upper-body": "Upper body",
    "lower-body": "Lower body",
    "neck-shoulder": "Neck/shoulder",
    "hand-wrist": "Hand/wrist",
}
REGION_SHORTER = {
    "core": "Core",
    "upper-body": "Upper",
    "lower-body": "Lower",
    "neck-shoulder": "Neck",
    "hand-wrist": "Hand",
}
REGION_SHORTEST = {
    "core": "C",
    "upper-body": "U",
    "lower-body": "L",
    "neck-shoulder": "N",
    "hand-wrist": "H",
}
SIDE_COLORS = {"left": "blue", "right": "magenta"}

#: Columns plotext spends outside the plot area (y tick labels, frame).
_FRAME_COLUMNS = 6


def plot_columns(width: int) -> int:
    """Roughly how many columns of a ``width``-wide chart hold data."""
    return max(4, width - _FRAME_COLUMNS)


def tick_positions(count: int, label_width: int, columns: int) -> list[int]:
    """Indices of ``count`` evenly spaced slots to label so labels never overlap."""
    if count <= 0:
        return []
    fit = max(1, columns // (label_width + 2))
    step = max(1, math.ceil(count / fit))
    return list(range(0, count, step))


def _x_ticks(plt: Any, items: Sequence[Bucket], columns: int) -> None:
    labels = [b.label for b in items]
    width = max((len(label) for label in labels), default=1)
    picks = tick_positions(len(items), width, columns)
    plt.xticks(picks, [labels[i] for i in picks])
    plt.xlim(-0.6, len(items) - 0.4)


def _unit_label(items: Sequence[Bucket]) -> str:
    unit = items[0].unit if items else "day"
    return {"day": "day", "week": "week (from Monday)", "month": "month",
            "quarter": "quarter", "year": "year"}[unit]


def nice_ticks(high: float, count: int) -> list[float]:
    """About ``count`` round ticks from 0 whose last is at or above ``high`` (never 0)."""
    high = max(high, 1e-9)
    raw = high / max(1, count - 1)
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10)
                if m * magnitude >= raw - 1e-12)
    ticks = [0.0]
    while ticks[-1] < high - 1e-9:
        ticks.append(round(ticks[-1] + step, 10))
    return ticks


def _y_ticks(plt: Any, high: float, rows: int, *, even: bool = False) -> None:
    """Round whole-number y ticks from 0 to at least ``high``: fewer on a short chart.
    ``even``: evenly spaced (a whole step; 0 2 4 6 rather than 0 2 3 5 6)."""
    count = 3 if rows < 14 else 5
    ticks = nice_ticks(max(high, 1), count)
    if even and len(ticks) > 1:
        step = float(math.ceil(ticks[1] - 1e-9))
        ticks = [0.0]
        while ticks[-1] < high - 1e-9:
            ticks.append(ticks[-1] + step)
    ticks = sorted({float(math.ceil(t)) for t in ticks})
    plt.yticks(ticks, [number_text(t) for t in ticks])
    plt.ylim(0, ticks[-1] * 1.04)


def days_text(count: int) -> str:
    return f"{count} day{'' if count == 1 else 's'}"


def range_text(range_: Range) -> str:
    return "all your history" if range_.days is None else f"the last {range_.label}"


# -- titles and legends ------------------------------------------------------------------
#
# Each title and legend comes in variants, longest first: a chart shows the longest that
# fits its width (the report the first).


def adherence_title(a: Adherence, *, complete: bool = True) -> tuple[str, ...]:
    best = str(a.best_streak) if complete else "…"
    current = f"≥{a.current_streak}" if a.streak_open else str(a.current_streak)
    streak = f"streak {current} day{'' if a.current_streak == 1 else 's'} (best {best})"
    if a.rate is None:
        return (f"Adherence · {streak}", f"Adherence · streak {current} d", "Adherence")
    rate = round(100 * a.rate)
    return (
        f"Adherence · {rate} % of planned sets done · {streak}",
        f"Adherence · {rate} % done · {streak}",
        f"Adherence {rate} % · streak {current} d · best {best}",
        f"Adherence {rate} % · streak {current} d",
        "Adherence",
    )


def feel_title(f: Feel) -> tuple[str, ...]:
    return (
        "How you feel · start of the day • dots, end of the day ━ lines",
        "How you feel · • start ━ end of the day",
        "How you feel · • start ━ end",
        "How you feel",
    )


def mobility_title(m: Mobility, due: str = "") -> tuple[str, ...]:
    """``due``: ``""``, ``"due"`` or the date the next screen is due (``"30 Nov"``)."""
    weeks = (m.end - m.start).days // 7 + 1
    span = f"last {weeks} weeks" if weeks <= 26 else f"since {m.start:%b %Y}"
    short_span = f"{weeks} weeks" if weeks <= 26 else f"since {m.start:%b %y}"
    long_due = short_due = ""
    if due == "due":
        long_due, short_due = " · a screen is due: press m", " · due: press m"
    elif due:
        long_due, short_due = f" · next screen {due}", f" · next {due}"
    return (
        f"Mobility in degrees · {span}{long_due}",
        f"Mobility (°) · {short_span}{short_due}",
        f"Mobility (°){short_due}",
        "Mobility (°)",
    )


SECONDS_BELOW = 120.0
"""The balance charts count in seconds while their tallest bar is under this many seconds
(a few sets: "0.025 … 0.1" minutes read as nothing), and in whole minutes from two up."""


def time_unit(seconds: Sequence[float]) -> tuple[str, float]:
    """``("seconds", 1)`` or ``("minutes", 60)``: the unit a chart of ``seconds`` counts in."""
    return ("seconds", 1.0) if max(seconds, default=0.0) < SECONDS_BELOW else ("minutes", 60.0)


def region_seconds(b: Balance) -> list[float]:
    return [minutes * 60 for _, minutes in b.regions]


def regions_title(b: Balance) -> tuple[str, ...]:
    span = _span_text(b.start, b.end)
    unit = time_unit(region_seconds(b))[0]
    return (f"Balance · {unit} per body region · {span}",
            f"Balance · {unit} per region · {span}", f"{unit.capitalize()} per region · {span}",
            f"{unit.capitalize()} per region", "Regions")


def sides_title(b: Balance) -> tuple[str, ...]:
    return ("Left vs right · sided exercises", "Left vs right", "L vs R")


def _span_text(start: date, end: date) -> str:
    days = (end - start).days + 1
    return f"last {days_text(days)}" if days <= 120 else f"since {start:%b %Y}"


Legend = list[tuple[str, str, str]]
"""``(symbol, plotext colour, text)`` items: the screen colours them, the report prints them.
(plotext's own legend would cover the data in a small chart.)"""


def adherence_legend(*, monochrome: bool = False) -> tuple[Legend, ...]:
    planned = PLANNED_MARKER_MONO if monochrome else "█"
    return ([("█", DONE_COLOR, "done"), (planned, PLANNED_COLOR, "planned")],)


def feel_legend(f: Feel | None = None) -> tuple[Legend, ...]:
    """The metrics' colours with their average end-minus-start change."""

    def change(metric: str) -> str:
        return "" if f is None else f" {feel_change_text(f.change_of(metric), metric)}"

    long = [("", "default", "end − start:")]
    long += [("━", METRIC_COLORS[m], f"{METRIC_TITLES[m].lower()}{change(m)}") for m in METRICS]
    short = [("", "default", "Δ")]
    short += [("━", METRIC_COLORS[m], f"{FEEL_SHORT[m]}{change(m)}") for m in METRICS]
    return long, short


def mobility_legend() -> tuple[Legend, ...]:
    return ([("━", MOBILITY_COLORS[f], MOBILITY_SHORT[f]) for f in MOBILITY_FIELDS],)


def legend_text(items: Sequence[tuple[str, str, str]]) -> str:
    return "  ".join(f"{symbol} {text}".strip() for symbol, _, text in items)


# -- empty states -------------------------------------------------------------------------


def empty_message(chart: str, view: ProgressView, *, in_app: bool = True) -> str | None:
    """What to do when ``chart`` (adherence, feel, mobility, regions, sides) has nothing to
    show for ``view``'s range; None when it has something."""
    span = range_text(view.range)
    today_hint = "press 1 for Today" if in_app else "open microtui (Today)"
    if chart == "adherence":
        a = view.adherence
        if a.first_day is None:
            return (f"No sets logged yet: {today_hint} and start the next set when it is due. "
                    "Each one you do shows up here.")
        if a.done == 0 and a.planned == 0:
            return f"Nothing planned or done in {span}: sets on working days show up here."
        return None
    if chart == "feel":
        f = view.feel
        if f.count == 0 and not f.ever:
            return ("No check-ins yet: answer the start-of-day check-in tomorrow (stiffness, "
                    "energy and focus, 1-10) and the end-of-day one before you log off.")
        if f.count == 0:
            return (f"No check-ins in {span}: answer the start-of-day check-in "
                    "tomorrow (stiffness, energy and focus, 1-10) and the end-of-day one "
                    "before you log off.")
        return None
    if chart == "mobility":
        m = view.mobility
        how = "press m here" if in_app else "open Progress (4) in microtui and press m"
        if m.count == 0:
            if m.last is None:
                return (f"No mobility screen yet: {how} to record hip flexion and neck "
                        "rotation. Repeat it every two weeks.")
            return (f"No mobility screen since {m.last:%-d %b %Y}: {how} to record one "
                    "(every two weeks).")
        return None
    if chart == "regions":
        if not any(minutes > 0 for _, minutes in view.balance.regions):
            return f"No exercises done in {span}: {today_hint} and do a set."
        return None
    if chart == "sides":
        if not view.balance.sides:
            return (f"No one-sided exercises in {span}. Wrist pulses and the neck releases "
                    "work each side in turn: the guide says mirror both sides equally.")
        return None
    raise ValueError(f"unknown chart {chart!r}")


# -- the charts ---------------------------------------------------------------------------


def _start(plt: Any, width: int, height: int, title: str | None) -> None:
    plt.clear_figure()
    plt.plotsize(width, height)
    if title:
        plt.title(title)


def draw_adherence(plt: Any, a: Adherence, width: int, height: int,
                   title: str | None = None, *, monochrome: bool = False) -> None:
    """Bars per day (or week/month for long ranges): planned (grey, or ``░`` when
    ``monochrome``) behind done (green ``█``)."""
    _start(plt, width, height, title)
    columns = plot_columns(width)
    rows = a.bucketed(max(1, columns // 2))
    items = [bucket for bucket, _, _ in rows]
    xs = list(range(len(rows)))
    planned = [p for _, _, p in rows]
    done = [d for _, d, _ in rows]
    bar_width = 0.5 if len(rows) > 1 else 0.3
    _bars(plt, xs, planned, width=bar_width, color=PLANNED_COLOR,
          marker=PLANNED_MARKER_MONO if monochrome else PLANNED_MARKER)
    _bars(plt, xs, done, width=bar_width, color=DONE_COLOR, marker=DONE_MARKER)
    _x_ticks(plt, items, columns)
    _y_ticks(plt, max([*planned, *done, 1]), height)
    plt.xlabel(_unit_label(items))
    plt.ylabel("sets")


def adherence_plotted(a: Adherence) -> tuple[Any, ...]:
    """What :func:`draw_adherence` draws of ``a``: the days, not the streaks (they are in
    the title, and the best one grows when the older history comes in)."""
    return a.start, a.end, a.days


def feel_plotted(f: Feel) -> tuple[Any, ...]:
    """What :func:`draw_feel` draws of ``f``: the series, not the counts (the first read of
    Progress holds only the recent check-ins)."""
    return f.start, f.end, f.series


def _bars(plt: Any, xs: Sequence[float], ys: Sequence[float], **style: Any) -> None:
    """Bars at every position (plotext scales a bar's width by the spacing of the x values
    it is given, so gaps in ``xs`` would widen the bars), or none when all are zero."""
    if any(y > 0 for y in ys):
        plt.bar(list(xs), list(ys), **style)


def _line(plt: Any, xs: list[int], ys: list[float], *, color: str, marker: str) -> None:
    if len(xs) == 1:  # one point: a line of one point draws nothing in some versions
        plt.scatter(xs, ys, color=color, marker="dot")
    elif xs:
        plt.plot(xs, ys, color=color, marker=marker)


def draw_feel(plt: Any, f: Feel, width: int, height: int, title: str | None = None) -> None:
    """Each metric's end-of-day rating as a line and its start-of-day rating as dots (1-10);
    averaged per week or month when the range is long, so the lines stay readable."""
    _start(plt, width, height, title)
    columns = plot_columns(width)
    slots = max(1, columns // 2)
    items = buckets(f.start, f.end, slots)
    index = {b.start: n for n, b in enumerate(items)}
    for moment in reversed(MOMENTS):  # the end-of-day lines first, the start's dots on top
        for metric in METRICS:
            points = f.line(metric, moment).bucketed(f.start, f.end, slots)
            xs = [index[b.start] for b, _ in points]
            ys = [v for _, v in points]
            if moment == "start":
                if xs:
                    plt.scatter(xs, ys, color=METRIC_COLORS[metric], marker="dot")
            else:
                _line(plt, xs, ys, color=METRIC_COLORS[metric], marker=LINE_MARKER)
    _x_ticks(plt, items, columns)
    ticks = [1, 5, 10] if height < 14 else [1, 3, 5, 7, 10]
    plt.yticks(ticks, [str(t) for t in ticks])
    plt.ylim(0.5, 10.5)
    plt.xlabel(_unit_label(items))
    plt.ylabel("rating 1-10")


def draw_mobility(plt: Any, m: Mobility, width: int, height: int,
                  title: str | None = None) -> None:
    """Four lines: hip flexion and neck rotation, left and right, in degrees."""
    _start(plt, width, height, title)
    columns = plot_columns(width)
    items = buckets(m.start, m.end, max(1, columns // 2))
    index = {b.start: n for n, b in enumerate(items)}
    values = []
    for field_name in MOBILITY_FIELDS:
        points = m.line(field_name).bucketed(m.start, m.end, max(1, columns // 2))
        xs = [index[b.start] for b, _ in points]
        ys = [v for _, v in points]
        values += ys
        _line(plt, xs, ys, color=MOBILITY_COLORS[field_name], marker=LINE_MARKER)
    _x_ticks(plt, items, columns)
    if values:
        ticks = degree_ticks(min(values), max(values), 3 if height < 14 else 5)
        plt.yticks(ticks, [f"{t}°" for t in ticks])
        plt.ylim(ticks[0], ticks[-1])
    plt.xlabel(_unit_label(items))
    plt.ylabel("degrees")


def degree_ticks(low: float, high: float, count: int) -> list[int]:
    """About ``count`` round tick values (steps of 5, 10, 15, 20, 30 or 45 degrees) that
    cover ``low`` to ``high`` with a little room, within 0-180."""
    span = max(high - low, 1) + 6
    step = next((s for s in (5, 10, 15, 20, 30, 45) if s * (count - 1) >= span), 45)
    bottom = max(0, math.floor((low - 3) / step) * step)
    ticks = list(range(bottom, 181, step))
    ticks = [t for t in ticks if t < high + 3] + [t for t in ticks if t >= high + 3][:1]
    return ticks if len(ticks) >= 2 else [bottom, bottom + step]


def region_labels(values: Sequence[str], columns: int) -> list[str]:
    """Region names that fit under their bars: full, short, or shortest."""
    for names in (REGION_SHORT, REGION_SHORTER, REGION_SHORTEST):
        labels = [names.get(v, v) for v in values]
        if sum(len(label) + 2 for label in labels) <= columns:
            return labels
    return labels


def draw_regions(plt: Any, b: Balance, width: int, height: int,
                 title: str | None = None) -> None:
    """Bars: time per body region (every region of the library, trained or not), in
    seconds or whole minutes (:func:`time_unit`)."""
    _start(plt, width, height, title)
    columns = plot_columns(width)
    labels = region_labels([value for value, _ in b.regions], columns)
    seconds = region_seconds(b)
    unit, per = time_unit(seconds)
    values = [round(s / per, 1) for s in seconds]
    positions = list(range(len(labels)))
    _bars(plt, positions, values, width=0.5, color="cyan", marker=DONE_MARKER)
    plt.xticks(positions, labels)
    plt.xlim(-0.6, len(labels) - 0.4)
    _y_ticks(plt, max([*values, 1]), height, even=True)
    plt.xlabel("region")
    plt.ylabel(unit)


def draw_sides(plt: Any, b: Balance, width: int, height: int,
               title: str | None = None) -> None:
    """Two bars: time on the left side and on the right side of sided exercises, in seconds
    or whole minutes (:func:`time_unit`)."""
    _start(plt, width, height, title)
    unit, per = time_unit([b.left, b.right])
    left, right = round(b.left / per, 1), round(b.right / per, 1)
    _bars(plt, [1], [left], width=0.5, color=SIDE_COLORS["left"], marker=DONE_MARKER)
    _bars(plt, [2], [right], width=0.5, color=SIDE_COLORS["right"], marker=DONE_MARKER)
    plt.xticks([1, 2], ["left", "right"])
    plt.xlim(0.4, 2.6)
    _y_ticks(plt, max(left, right, 1), height, even=True)
    plt.xlabel("side")
    plt.ylabel(unit)


def sides_text(b: Balance) -> str:
    """``left 12.5 min · right 14.0 min`` (``left 24 s · right 26 s`` while the chart counts
    in seconds), then on a line of their own any lag notes."""
    if not b.sides:
        return ""
    if time_unit([b.left, b.right])[0] == "seconds":
        times = f"left {fmt_seconds(round(b.left))} · right {fmt_seconds(round(b.right))}"
    else:
        times = f"left {b.left / 60:.1f} min · right {b.right / 60:.1f} min"
    notes = b.notes
    return f"{times}\n" + ("; ".join(notes) if notes else "balanced (within 10 %)")

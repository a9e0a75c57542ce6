"""``microtui report``: the Progress screen's summary and charts as plain text.

The charts are :mod:`microtui.progress_charts`' (the Progress screen draws the same ones);
this module reads the data, lays the charts out one under the other and runs the command.
It never imports Textual.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import textwrap
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import partial
from pathlib import Path
from typing import Any

from microtui.core.checkin import mobility_status
from microtui.core.loader import Library
from microtui.core.planned_sets import PlanCounter
from microtui.core.progress import History
from microtui.core.progress_view import RANGES, ProgressView, Range
from microtui.core.schedule import ScheduleSettings
from microtui.core.sensation_patterns import sensation_patterns
from microtui.core.settings import UserSettings
from microtui.progress_charts import (
    adherence_legend,
    adherence_title,
    draw_adherence,
    draw_feel,
    draw_mobility,
    draw_regions,
    draw_sides,
    empty_message,
    feel_legend,
    feel_title,
    legend_text,
    mobility_legend,
    mobility_title,
    range_text,
    regions_title,
    sides_text,
    sides_title,
)
from microtui.report_insights import InsightPanel, insight_panel

# -- the report ---------------------------------------------------------------------------


def saved_settings(settings: Any) -> UserSettings:
    """The settings saved in ``settings.json`` (as :meth:`Store.export_all` gives them, or
    read already), read leniently: a schedule that is not valid reads as the defaults."""
    if isinstance(settings, UserSettings):
        return settings
    if not isinstance(settings, Mapping):
        return UserSettings()
    return UserSettings.from_dict(settings, lenient=True)


def schedule_settings(settings: Any) -> ScheduleSettings:
    """The schedule settings saved in ``settings.json`` (see :func:`saved_settings`), or the
    defaults when there are none or they are invalid."""
    if isinstance(settings, ScheduleSettings):
        return settings
    return saved_settings(settings).schedule


def range_for(days: int | None) -> Range:
    """The named range for ``days`` (0 or None: all), or an ad hoc one."""
    if not days:
        return RANGES[-1]
    for range_ in RANGES:
        if range_.days == days:
            return range_
    return Range(days, f"{days} day{'s' if days != 1 else ''}")


def _builtin_library() -> Library:
    from microtui.core.loader import builtin_path, load_library

    return load_library([builtin_path()])


@dataclass(frozen=True)
class ReportData:
    """What a report shows, read once: the folded history, the range's view, and the
    heatmap and insights (with the share of planned sets done per day they come from)."""

    today: date
    history: History
    view: ProgressView
    panel: InsightPanel

    @property
    def sections(self) -> list[tuple[str, list[str]]]:
        """Every insight section, the patterns in how sets felt last."""
        return self.panel.sections


@dataclass(frozen=True)
class ChartBlock:
    """One chart as text: its title, the drawn chart (None when there is nothing to draw),
    its legend (``(symbol, plotext colour, text)`` items) and the lines under it (a note, or
    what to do when it is empty)."""

    name: str
    title: str
    chart: str | None
    legend: tuple[tuple[str, str, str], ...]
    notes: tuple[str, ...]


def report_data(
    store_data: Mapping[str, Any],
    today: date,
    days: int | None,
    *,
    library: Library | None = None,
    suggestions: int = 0,
    now: datetime | None = None,
) -> ReportData:
    """Read ``store_data`` (see :func:`report_text`) for a range of ``days`` ending today."""
    library = library or _builtin_library()
    history = History.build(store_data.get("sessions") or (),
                            store_data.get("checkins") or (),
                            store_data.get("measurements") or (),
                            exercises=library.exercises)
    from microtui.context import active_routine

    saved = saved_settings(store_data.get("settings"))
    settings = saved.schedule
    # Sets planned per day come from the routine the user made active, as in the app.
    routine = active_routine(library, saved, store_data.get("routines") or [])
    plan = PlanCounter(routine, settings, now.tzinfo if now else None,
                       first_seen=saved.first_seen_on(today))
    view = history.view(today, range_for(days), plan=plan, now=now, suggestions=suggestions)
    patterns = sensation_patterns(store_data.get("sessions") or (), library.exercises)
    return ReportData(today, history, view, insight_panel(history, plan, today, now, patterns))


def chart_blocks(data: ReportData, width: int, *, color: bool = False,
                 chart_height: int = 15, shaded: bool | None = None) -> list[ChartBlock]:
    """Every Progress chart drawn as text ``width`` columns wide; ``color`` keeps plotext's
    ANSI colours; ``shaded`` (default: without colour) tells planned from done sets by a
    shade as well."""
    import plotext as plt

    view, history, today = data.view, data.history, data.today
    shaded = not color if shaded is None else shaded
    blocks: list[ChartBlock] = []

    def chart(name: str, title: str, draw: Any, chart_data: Any,
              legend: Sequence[tuple[str, str, str]] = (), note: str = "",
              chart_width: int = width) -> None:
        message = empty_message(name, view, in_app=False)
        if message is not None:
            blocks.append(ChartBlock(name, title, None, (), (message,)))
            return
        draw(plt, chart_data, chart_width, chart_height, title)
        built = plt.build()
        text = (built if color else plt.uncolorize(built)).rstrip("\n")
        blocks.append(ChartBlock(name, title, text, tuple(legend), (note,) if note else ()))

    chart("adherence", adherence_title(view.adherence)[0],
          partial(draw_adherence, monochrome=shaded), view.adherence,
          adherence_legend(monochrome=shaded)[0])
    chart("feel", feel_title(view.feel)[0], draw_feel, view.feel, feel_legend(view.feel)[0])
    status = mobility_status([{"date": d.isoformat()} for d, _ in history.measurements], today)
    due = "due" if status.due else f"{status.next:%-d %b}"
    chart("mobility", mobility_title(view.mobility, due)[0], draw_mobility, view.mobility,
          mobility_legend()[0])
    chart("regions", regions_title(view.balance)[0], draw_regions, view.balance)
    chart("sides", sides_title(view.balance)[0], draw_sides, view.balance,
          note=sides_text(view.balance), chart_width=min(width, 44))
    plt.clear_figure()
    return blocks


def heading(data: ReportData) -> str:
    return f"microtui progress · {range_text(data.view.range)} to {data.today:%a %-d %b %Y}"


def report_text(
    store_data: Mapping[str, Any],
    today: date,
    days: int | None,
    width: int,
    *,
    library: Library | None = None,
    color: bool = False,
    chart_height: int = 15,
    suggestions: int = 0,
    now: datetime | None = None,
) -> str:
    """The summary line, the 12-week heatmap, the insight lines and every Progress chart
    for ``days`` (0/None: all) as text.

    ``store_data`` is :meth:`microtui.store.Store.export_all` (``sessions``, ``checkins``,
    ``measurements``, ``settings``). ``color`` keeps plotext's ANSI colours. ``now`` (on
    ``today``) limits today's planned sets to those already due.
    """
    width = max(40, width)
    data = report_data(store_data, today, days, library=library, suggestions=suggestions,
                       now=now)

    def wrap(text: str, indent: str = "") -> list[str]:
        return textwrap.wrap(text, width, initial_indent=indent, subsequent_indent=indent)

    out = [*wrap(heading(data)), *wrap(data.view.summary), ""]
    heatmap = data.panel.heatmap
    out.extend([*wrap(heatmap.title()), *heatmap.lines(), *wrap(heatmap.legend(), "  "), ""])
    for title, lines in data.sections:
        out.extend(wrap(title))
        for line in lines:
            out.extend(textwrap.wrap(line, width, initial_indent="  · ",
                                     subsequent_indent="    "))
        out.append("")
    for block in chart_blocks(data, width, color=color, chart_height=chart_height):
        if block.chart is None:
            out.extend([*wrap(block.title), *wrap(block.notes[0], "  "), ""])
            continue
        out.append(block.chart)
        for note in (legend_text(block.legend), *block.notes):
            out.extend(wrap(note, "  "))
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


def main(args: argparse.Namespace) -> int:
    """Run ``microtui report``: ``args.data`` (the --data option, may be None),
    ``args.days`` (1 or more; None for all; default 30), ``args.format`` (``text`` or
    ``html``) and ``args.out`` (a file; None: stdout). Returns the exit code."""
    from microtui.core.clock import clock_from_env

    try:
        clock = clock_from_env(dict(os.environ))
    except ValueError as exc:
        print(f"microtui: {exc}", file=sys.stderr)
        return 2
    days = getattr(args, "days", 30)
    if days is not None and days < 1:
        print("microtui: --days must be 1 or more, or all (your whole history)",
              file=sys.stderr)
        return 2
    from microtui.context import SetupError, export_data

    try:
        data = export_data(getattr(args, "data", None))
    except SetupError as exc:
        print(f"microtui: {exc}", file=sys.stderr)
        return exc.exit_code
    library = None
    extra = getattr(args, "exercises", None)
    if extra is not None:
        from microtui.core.loader import LibraryError, builtin_path, load_library

        try:
            library = load_library([builtin_path(), extra])
        except LibraryError as exc:
            print(f"microtui: {exc}", file=sys.stderr)
            return 2
    fmt = getattr(args, "format", None) or "text"
    out_path = getattr(args, "out", None)
    tty = sys.stdout.isatty() and out_path is None
    width = min(shutil.get_terminal_size((100, 30)).columns, 120) if tty else 100
    now = clock.now()
    if fmt == "html":
        from microtui.report_html import report_html

        page = report_html(data, now.date(), days, library=library, now=now)
    else:
        page = report_text(data, now.date(), days, width, library=library,
                           color=tty and not os.environ.get("NO_COLOR"), now=now)
    if out_path is None:
        sys.stdout.write(page)
        return 0
    return write_report(Path(out_path), page)


def write_report(path: Path, page: str) -> int:
    """Write ``page`` to ``path`` whole or not at all (a temporary file renamed over it)."""
    temporary = path.with_name(f".{path.name}.tmp")
    try:
        temporary.write_text(page, encoding="utf-8")
        os.replace(temporary, path)
    except OSError as exc:
        temporary.unlink(missing_ok=True)
        print(f"microtui: could not write the report to {path}: {exc.strerror or exc}",
              file=sys.stderr)
        return 1
    print(f"Wrote the report to {path}", file=sys.stderr)
    return 0


if __name__ == "__main__":  # pragma: no cover - a convenience: python -m microtui.report
    from microtui.cli import main as cli_main

    raise SystemExit(cli_main(["report", *sys.argv[1:]]))

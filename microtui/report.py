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
from collections.abc import Mapping
from datetime import date, datetime
from functools import partial
from typing import Any

from microtui.core.checkin import mobility_status
from microtui.core.loader import Library
from microtui.core.planned_sets import PlanCounter
from microtui.core.progress import History
from microtui.core.progress_view import RANGES, Range
from microtui.core.schedule import ScheduleSettings
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
    """The summary line and every Progress chart for ``days`` (0/None: all) as text.

    ``store_data`` is :meth:`microtui.store.Store.export_all` (``sessions``, ``checkins``,
    ``measurements``, ``settings``). ``color`` keeps plotext's ANSI colours. ``now`` (on
    ``today``) limits today's planned sets to those already due.
    """
    import plotext as plt

    library = library or _builtin_library()
    width = max(40, width)
    history = History.build(store_data.get("sessions") or (),
                            store_data.get("checkins") or (),
                            store_data.get("measurements") or (),
                            exercises=library.exercises)
    from microtui.context import active_routine

    saved = saved_settings(store_data.get("settings"))
    settings = saved.schedule
    # Sets planned per day come from the routine the user made active, as in the app.
    routine = active_routine(library, saved, store_data.get("routines") or [])
    plan = PlanCounter(routine, settings, now.tzinfo if now else None)
    view = history.view(today, range_for(days), plan=plan, now=now, suggestions=suggestions)
    def wrap(text: str, indent: str = "") -> list[str]:
        return textwrap.wrap(text, width, initial_indent=indent, subsequent_indent=indent)

    out = [
        *wrap(f"microtui progress · {range_text(view.range)} to {today:%a %-d %b %Y}"),
        *wrap(view.summary),
        "",
    ]

    def chart(name: str, title: str, draw: Any, data: Any, legend: str = "",
              note: str = "", chart_width: int = width) -> None:
        message = empty_message(name, view, in_app=False)
        if message is not None:
            out.extend([*wrap(title), *wrap(message, "  "), ""])
            return
        draw(plt, data, chart_width, chart_height, title)
        built = plt.build()
        out.append((built if color else plt.uncolorize(built)).rstrip("\n"))
        out.extend([*wrap(legend, "  "), *wrap(note, "  "), ""])

    chart("adherence", adherence_title(view.adherence)[0],
          partial(draw_adherence, monochrome=not color), view.adherence,
          legend_text(adherence_legend(monochrome=not color)[0]))
    chart("feel", feel_title(view.feel)[0], draw_feel, view.feel,
          legend_text(feel_legend(view.feel)[0]))
    status = mobility_status([{"date": d.isoformat()} for d, _ in history.measurements], today)
    due = "due" if status.due else f"{status.next:%-d %b}"
    chart("mobility", mobility_title(view.mobility, due)[0], draw_mobility, view.mobility,
          legend_text(mobility_legend()[0]))
    chart("regions", regions_title(view.balance)[0], draw_regions, view.balance)
    chart("sides", sides_title(view.balance)[0], draw_sides, view.balance,
          note=sides_text(view.balance), chart_width=min(width, 44))
    plt.clear_figure()
    return "\n".join(out).rstrip("\n") + "\n"


def main(args: argparse.Namespace) -> int:
    """Run ``microtui report``: ``args.data`` (the --data option, may be None) and
    ``args.days`` (1 or more; None for all; default 30). Prints to stdout; returns the exit
    code."""
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
    tty = sys.stdout.isatty()
    width = min(shutil.get_terminal_size((100, 30)).columns, 120) if tty else 100
    now = clock.now()
    sys.stdout.write(report_text(data, now.date(), days, width, library=library,
                                 color=tty and not os.environ.get("NO_COLOR"), now=now))
    return 0


if __name__ == "__main__":  # pragma: no cover - a convenience: python -m microtui.report
    from microtui.cli import main as cli_main

    raise SystemExit(cli_main(["report", *sys.argv[1:]]))

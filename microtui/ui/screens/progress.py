"""Progress: adherence, how you feel, mobility and balance, over 7, 30, 90 days or all.

The guide's "Monitoring Progress and Adjusting", drawn: a summary line, then four charts -

* **Adherence**: sets done against planned per day (per week or month on long ranges), the
  current and best streak in the title;
* **How you feel**: stiffness, energy and focus at the start (dots) and end (lines) of the
  day, and their average end-minus-start change in the title;
* **Mobility**: hip flexion and neck rotation, left and right, in degrees (never less than
  eight weeks: it is measured fortnightly). ``m`` records a new screen;
* **Balance**: minutes per body region, and left against right for sided exercises with a
  note when one side lags (the guide's "Neglecting Symmetry" pitfall).

``[`` and ``]`` step through the ranges. The numbers come from
:class:`microtui.core.progress.History` and the charts are drawn by :mod:`microtui.report`'s
plotext functions inside :class:`~microtui.ui.widgets.charts.Chart`, which re-plots only when
its data or size changes.

Opening it on years of history: a thread worker reads the last :data:`RECENT_DAYS` days
first (a dozen day files and the check-ins) and draws every chart from them, then reads the
older days in the background for the longer ranges, the best streak and the totals (the
title shows "best …" and the summary "reading older history…" until then). The older days'
totals are kept in memory: coming back to the screen re-reads only the recent ones.
Nothing here touches the disk on the event loop, imports TinyDB or reads the system clock.

Construct it as ``ProgressScreen()``: it reads ``app.store``, ``app.library`` and
``app.clock``, and, if the app has them, ``app.routine`` (the routine whose timeline counts
as "planned"; default: the library's default routine), ``app.settings`` or
``app.schedule_settings`` (a :class:`ScheduleSettings`; default: ``{"schedule": ...}`` in the
store's settings, else the defaults) and ``app.pending_suggestions`` (an int, or a callable
returning one). Each can be passed explicitly instead.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from functools import partial
from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual._context import NoActiveAppError
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, ScrollableContainer
from textual.screen import Screen
from textual.widgets import Footer, Header, Static
from textual.worker import get_current_worker

from microtui.core.checkin import mobility_status
from microtui.core.progress import (
    RANGES,
    DayTotals,
    History,
    PlanCounter,
    ProgressView,
    Range,
    fold_sessions,
)
from microtui.core.schedule import ScheduleSettings
from microtui.report import (
    adherence_legend,
    adherence_plotted,
    adherence_title,
    draw_adherence,
    draw_feel,
    draw_mobility,
    draw_regions,
    draw_sides,
    empty_message,
    feel_legend,
    feel_plotted,
    feel_title,
    mobility_legend,
    mobility_title,
    regions_title,
    schedule_settings,
    sides_text,
    sides_title,
)
from microtui.ui.screens.checkin import MobilityScreen
from microtui.ui.widgets.charts import ChartPanel

if TYPE_CHECKING:
    from microtui.core.clock import Clock
    from microtui.core.loader import Library
    from microtui.core.routine import Routine
    from microtui.store import Store

RECENT_DAYS = 14
"""The first read covers this many days (the 7-day range, this week's balance and a margin);
the older ones follow once the charts are drawn. Reading a hundred day files first made the
charts wait a third of a second on five years of history, mostly for the interpreter lock:
each file read hands it to the event loop, busy drawing the screen, and waits to get it
back."""

WIDE_COLUMNS = 130
"""From this width on, Balance draws left against right as a chart of its own (narrower, the
numbers and any lag note sit under the region chart)."""
LOADING = "Loading your history…"
CHARTS = ("adherence", "feel", "mobility", "regions", "sides")


@dataclass
class _Older:
    """Per-day totals of the days before ``cutoff`` (kept between visits)."""

    cutoff: date
    days: dict[str, DayTotals]


@dataclass
class _Rest:
    """What the second read (the older days) needs from the first."""

    store: Any
    regions: dict[str, str]
    cutoff: date
    recent: dict[str, DayTotals]
    checkins: list[dict[str, Any]]
    measurements: list[dict[str, Any]]


class ProgressScreen(Screen[None]):
    """Charts of the log, the check-ins and the mobility screens. See the module docstring."""

    CSS_PATH = "progress.tcss"
    SUB_TITLE = "Progress"
    BINDING_GROUP_TITLE = "Progress"
    HORIZONTAL_BREAKPOINTS: ClassVar[list[tuple[int, str]]] = [
        (0, "-narrow"),
        (90, "-medium"),
        (WIDE_COLUMNS, "-wide"),
    ]
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left_square_bracket", "range(-1)", "Shorter", id="progress.shorter",
                key_display="["),
        Binding("right_square_bracket", "range(1)", "Longer", id="progress.longer",
                key_display="]"),
        Binding("m", "measure", "Mobility check", id="progress.measure"),
        Binding("r", "reload", "Reload", id="progress.reload", show=False),
    ]

    def __init__(
        self,
        *,
        store: Store | None | Any = ...,
        library: Library | None = None,
        clock: Clock | None = None,
        routine: Routine | None = None,
        settings: ScheduleSettings | None = None,
        suggestions: int | Callable[[], int] | None = None,
        range_index: int = 0,
        name: str | None = None,
        id: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id)
        self._store_arg = store
        self._library_arg = library
        self._clock_arg = clock
        self._routine_arg = routine
        self._settings_arg = settings
        self._suggestions_arg = suggestions
        self.range_index = max(0, min(len(RANGES) - 1, range_index))
        self.history: History | None = None
        self.view: ProgressView | None = None
        self._older: _Older | None = None
        self._plan: PlanCounter | None = None
        self._loads = 0
        self._mounted = False
        self._resumed = False
        self._host: Any = None
        self._early: tuple[Any, ...] | None = None
        """A first read that finished before the screen was mounted (shown on mount)."""
        with contextlib.suppress(NoActiveAppError):  # made outside an app: read on resume
            self.load()  # now: the read overlaps composing and mounting the screen

    # -- what the app provides --

    @property
    def store(self) -> Store | None:
        if self._store_arg is not ...:
            return self._store_arg
        return getattr(self.app, "store", None)

    @property
    def library(self) -> Library:
        return self._library_arg or self.app.library  # type: ignore[attr-defined]

    @property
    def clock(self) -> Clock:
        return self._clock_arg or self.app.clock  # type: ignore[attr-defined]

    def _routine(self) -> Routine | None:
        routine = self._routine_arg or getattr(self.app, "routine", None)
        if routine is None:
            routines = self.library.routines
            routine = routines[0] if routines else None
        return routine

    def _settings(self) -> ScheduleSettings | None:
        """The explicit settings, else the app's (``app.settings`` or
        ``app.schedule_settings``); None: read them from the store."""
        for candidate in (self._settings_arg, getattr(self.app, "settings", None),
                          getattr(self.app, "schedule_settings", None)):
            if isinstance(candidate, ScheduleSettings):
                return candidate
        return None

    def _suggestions(self) -> int:
        source = self._suggestions_arg
        if source is None:
            source = getattr(self.app, "pending_suggestions", 0)
        try:
            value = source() if callable(source) else source
        except Exception:  # a suggestion source must never take Progress down
            return 0
        return value if isinstance(value, int) and value >= 0 else 0

    # -- layout --

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(LOADING, id="progress-summary", markup=False)
        yield Static(id="progress-range")
        # A scrollable grid: below 90 columns the charts stack and scroll (↑↓ pgup pgdn).
        with ScrollableContainer(id="progress-charts"):
            yield ChartPanel(draw_adherence, plotted=adherence_plotted, id="adherence",
                             classes="chart-panel")
            yield ChartPanel(draw_feel, plotted=feel_plotted, id="feel", classes="chart-panel")
            yield ChartPanel(draw_mobility, id="mobility", classes="chart-panel")
            with Horizontal(id="balance"):
                yield ChartPanel(draw_regions, id="regions", classes="chart-panel")
                yield ChartPanel(draw_sides, id="sides", classes="chart-panel")
        yield Footer()

    def on_mount(self) -> None:
        # Textual sets the breakpoint class after the first layout: set it now, or a chart
        # whose data is already in is plotted once at the narrower layout's size first.
        width = self.app.size.width
        current = max((b for b in self.HORIZONTAL_BREAKPOINTS if width >= b[0]), default=None)
        for _, name in self.HORIZONTAL_BREAKPOINTS:
            self.set_class(current is not None and name == current[1], name)
        self._show_range()
        for chart in CHARTS:
            self.query_one(f"#{chart}", ChartPanel).show(chart.capitalize(), None,
                                                         empty=LOADING)
        self._mounted = True
        if self._early is not None:
            early, self._early = self._early, None
            self._history_ready(*early)

    def on_screen_resume(self) -> None:
        if self._resumed or self._loads == 0:
            self.load()  # the first time, the read started when the screen was made
        self._resumed = True

    # -- loading (thread worker) --

    def load(self, *, everything: bool = False) -> None:
        """Re-read the records off the event loop (recent days first; older ones only the
        first time, or with ``everything``)."""
        if everything:
            self._older = None
        self._host = self.app
        now = self.clock.now()
        routine = self._routine()
        settings = self._settings()
        self._loads += 1
        self.run_worker(
            partial(self._read, self.store, self.library.exercises, now.date(), self._older,
                    self._loads, settings),
            thread=True, group="progress-load", exclusive=True, exit_on_error=False,
        )
        if self._plan is None or self._plan.routine is not routine or (
                settings is not None and self._plan.settings != settings):
            self._plan = PlanCounter(routine, settings, now.tzinfo)

    def _read(self, store: Store | None, exercises: Any, today: date, older: _Older | None,
              load: int, settings: ScheduleSettings | None) -> None:
        """Worker: the recent days, check-ins and measurements (and the cached older
        days). Reading the older days waits until the charts are drawn: a second thread
        parsing JSON would hold the GIL while the event loop tries to paint."""
        if store is None:
            self._deliver(History({}, (), (), exercises), None, load, settings or
                          ScheduleSettings())
            return
        cutoff = today - timedelta(days=RECENT_DAYS - 1)
        regions = {ex_id: ex.region.value for ex_id, ex in exercises.items()}
        try:
            saved = store.user_settings() if settings is None else None
            recent = fold_sessions(store.iter_sessions(since=cutoff.isoformat()), regions)
            checkins = store.checkins()
            measurements = store.measurements()
            first_day = store.first_session_day()
        except Exception as exc:  # StoreError and friends: say so, keep the app running
            self._from_thread(self.notify, f"{exc}", title="Could not read your history",
                              severity="error", timeout=10)
            return
        if settings is None:
            settings = schedule_settings(saved)
        if older is not None and older.cutoff != cutoff:
            older = None
        if older is not None or first_day is None or first_day >= cutoff.isoformat():
            days = {**(older.days if older else {}), **recent}
            self._deliver(History(days, checkins, measurements, exercises), older, load,
                          settings)
            return
        if get_current_worker().is_cancelled:
            return
        # Only the recent check-ins too (years of them take longer to fold than the days'
        # files to read), or the last one, so that "no check-ins yet" stays true or false.
        since = cutoff.isoformat()
        recent_checkins = [c for c in checkins if str(c.get("date", "")) >= since]
        history = History(recent, recent_checkins or checkins[-1:], measurements, exercises,
                          complete=False, since=cutoff)
        rest = _Rest(store, regions, cutoff, recent, checkins, measurements)
        self._from_thread(self._history_ready, history, None, load, settings, rest)

    def _read_older(self, rest: _Rest, load: int, settings: ScheduleSettings) -> None:
        """Worker: the days before the recent ones, in one walk of the log a day file at a
        time (the store's lock is let go between files), stopping if a newer load begins."""
        worker = get_current_worker()
        days: dict[str, DayTotals] = {}
        before = (rest.cutoff - timedelta(days=1)).isoformat()

        def records() -> Iterator[dict[str, Any]]:
            for record in rest.store.iter_sessions(until=before):
                if worker.is_cancelled:
                    return
                yield record

        try:
            fold_sessions(records(), rest.regions, days)
        except Exception as exc:
            self._from_thread(self.notify, f"{exc}", title="Could not read older history",
                              severity="error", timeout=10)
            return
        if worker.is_cancelled:
            return
        history = History({**days, **rest.recent}, rest.checkins, rest.measurements,
                          self.library.exercises)
        self._deliver(history, _Older(rest.cutoff, days), load, settings)

    def _deliver(self, history: History, older: _Older | None, load: int,
                 settings: ScheduleSettings) -> None:
        self._from_thread(self._history_ready, history, older, load, settings)

    def _history_ready(self, history: History, older: _Older | None, load: int,
                       settings: ScheduleSettings, rest: _Rest | None = None) -> None:
        if load != self._loads:
            return  # a newer load is on its way
        if not self._mounted:
            self._early = (history, older, load, settings, rest)
            return
        if self._plan is not None and self._plan.settings != settings:
            self._plan = PlanCounter(self._plan.routine, settings, self._plan.tz)
        if older is not None:
            self._older = older
        self.history = history
        self.refresh_view()
        if rest is not None:
            self._after_drawn(partial(self._start_older, rest, load, settings))

    def _after_drawn(self, callback: Callable[[], None], tries: int = 20) -> None:
        """Run ``callback`` once the charts have been painted (or after ``tries`` refreshes)."""
        if self.charts_drawn() or tries <= 0:
            callback()
        else:
            self.call_after_refresh(self._after_drawn, callback, tries - 1)

    def _start_older(self, rest: _Rest, load: int, settings: ScheduleSettings) -> None:
        if load != self._loads:
            return
        self.run_worker(partial(self._read_older, rest, load, settings), thread=True,
                        group="progress-load", exclusive=True, exit_on_error=False)

    def _from_thread(self, callback: Any, *args: Any, **kwargs: Any) -> None:
        # The app as load() found it: a read started when the screen was made may finish
        # before the screen is in the app's tree, where self.app could not find it.
        app = self._host if self._host is not None else self.app
        with contextlib.suppress(RuntimeError):  # the app is shutting down
            app.call_from_thread(callback, *args, **kwargs)

    # -- showing --

    @property
    def range(self) -> Range:
        return RANGES[self.range_index]

    def refresh_view(self) -> None:
        """Recompute the current range from the history in memory and update what changed."""
        if self.history is None:
            return
        now = self.clock.now()
        today = now.date()
        view = self.history.view(today, self.range, plan=self._plan, now=now,
                                 suggestions=self._suggestions())
        self.view = view
        complete = self.history.complete
        self._show_summary()
        self._show_range()
        panel = partial(self.query_one, expect_type=ChartPanel)
        panel("#adherence").show(adherence_title(view.adherence, complete=complete),
                                 view.adherence, empty=empty_message("adherence", view),
                                 legend=adherence_legend())
        panel("#feel").show(feel_title(view.feel), view.feel,
                            empty=empty_message("feel", view), legend=feel_legend(view.feel))
        status = mobility_status(
            [{"date": d.isoformat()} for d, _ in self.history.measurements], today)
        due = "due" if status.due else f"{status.next:%-d %b}"
        panel("#mobility").show(mobility_title(view.mobility, due), view.mobility,
                                empty=empty_message("mobility", view),
                                legend=mobility_legend())
        sides = sides_text(view.balance)
        panel("#regions").show(regions_title(view.balance), view.balance,
                               empty=empty_message("regions", view), note=sides)
        panel("#sides").show(sides_title(view.balance), view.balance,
                             empty=empty_message("sides", view), note=sides)

    def _show_summary(self) -> None:
        if self.view is None or self.history is None:
            return
        line = self.query_one("#progress-summary", Static)
        room = (line.size.width or self.app.size.width) - line.styles.padding.width
        more = "" if self.history.complete else " · reading older history…"
        summary = self.view.summary + more
        if len(summary) > room and self.view.compact_summary:
            summary = self.view.compact_summary + more
        if len(summary) > room and more:
            summary = self.view.compact_summary + " · …"
        line.update(summary)

    def on_resize(self) -> None:
        self._show_summary()

    def _show_range(self) -> None:
        line = Text(no_wrap=True, overflow="ellipsis")
        current = self.range
        line.append("Range ", style="dim")
        for option in RANGES:
            if option is current:
                line.append(f" {option.label} ", style="bold reverse")
            else:
                line.append(f" {option.label} ", style="dim")
        line.append("   ")
        heading = "all your history" if current.days is None else f"last {current.label}"
        line.append(f"Showing {heading}", style="bold")
        self.query_one("#progress-range", Static).update(line)

    def charts_drawn(self) -> bool:
        """True once the history is in and every chart with data has been plotted."""
        if self.history is None:
            return False
        return all(self.query_one(f"#{chart}", ChartPanel).drawn for chart in CHARTS)

    # -- keys --

    def action_range(self, step: int) -> None:
        index = max(0, min(len(RANGES) - 1, self.range_index + step))
        if index == self.range_index:
            self.app.bell()
            return
        self.range_index = index
        self._show_range()
        self.refresh_view()

    def action_reload(self) -> None:
        self.load(everything=True)

    def action_measure(self) -> None:
        self.app.push_screen(MobilityScreen(day=self.clock.now().date()), self._measured)

    def _measured(self, record: dict[str, Any] | None) -> None:
        if record is None:
            return
        store = self.store
        if store is None:
            self.notify("There is no data store to save it to.", severity="warning")
            return
        self.run_worker(partial(self._save_measurement, store, record), thread=True,
                        group="progress-write", exit_on_error=False)

    def _save_measurement(self, store: Store, record: dict[str, Any]) -> None:
        try:
            store.add_measurement(record)
        except Exception as exc:
            keep = getattr(self.app, "keep_unsaved", None)  # the app retries it later
            if keep is not None:
                self._from_thread(keep, "measurement", record, f"{exc}",
                                  title="Could not save the measurement")
            else:
                self._from_thread(self.notify, f"{exc}", title="Could not save the measurement",
                                  severity="error", timeout=10)
            return
        self._from_thread(self.notify, "Mobility screen saved. The next one is due in two "
                                       "weeks.", title="Saved", timeout=4)
        self._from_thread(self.load)

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
:class:`microtui.core.progress.History` and the charts are drawn by the plotext functions of
:mod:`microtui.progress_charts` inside :class:`~microtui.ui.widgets.charts.Chart`, which
re-plots only when its data or size changes.

Opening it on years of history: a thread worker reads the last :data:`RECENT_DAYS` days
first (a dozen day files and the check-ins) and draws every chart from them, then reads the
older days in the background for the longer ranges, the best streak and the totals (the
title shows "best …" and the summary "reading older history…" until then). The older days'
totals are kept in memory: coming back to the screen re-reads only the recent ones.
Nothing here touches the disk on the event loop, imports TinyDB or reads the system clock.

Construct it as ``ProgressScreen(services)``: the routine whose timeline counts as
"planned" and its schedule are the settings in force; ``suggestions`` (an int, or a callable
returning one) is how many progression suggestions are waiting.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from functools import partial
from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, ScrollableContainer
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Header, Static
from textual.worker import get_current_worker

from microtui.core.checkin import mobility_status
from microtui.core.day_totals import DayTotals, fold_sessions
from microtui.core.planned_sets import PlanCounter
from microtui.core.progress import History
from microtui.core.progress_view import RANGES, ProgressView, Range
from microtui.progress_charts import (
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
    sides_text,
    sides_title,
)
from microtui.ui.screens.checkin import MobilityScreen
from microtui.ui.services import Services, SettingsChanged
from microtui.ui.widgets.charts import ChartPanel
from microtui.ui.workday import notify_kept

if TYPE_CHECKING:
    from microtui.core.clock import Clock
    from microtui.core.loader import Library
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


class HistoryRead(Message):
    """A read of the log finished: ``history`` to show; ``older`` the older days' totals to
    keep; ``rest`` what reading the older days needs, when they are still to come."""

    def __init__(self, history: History, older: _Older | None, load: int,
                 rest: _Rest | None = None) -> None:
        super().__init__()
        self.history = history
        self.older = older
        self.load = load
        self.rest = rest


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
        services: Services,
        *,
        suggestions: int | Callable[[], int] = 0,
        range_index: int = 0,
        name: str | None = None,
        id: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id)
        self.services = services
        self.store: Store | None = services.store
        self.library: Library = services.library
        self.clock: Clock = services.clock
        self._suggestions_arg = suggestions
        self.range_index = max(0, min(len(RANGES) - 1, range_index))
        self.history: History | None = None
        self.view: ProgressView | None = None
        self._older: _Older | None = None
        self._plan: PlanCounter | None = None
        self._loads = 0

    def _suggestions(self) -> int:
        source = self._suggestions_arg
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

    def on_screen_resume(self) -> None:
        self.load()

    def on_settings_changed(self, message: SettingsChanged) -> None:
        """Another routine or schedule: "planned" is counted from it."""
        if self.is_attached and self.history is not None:
            self.load()

    # -- loading (thread worker) --

    def load(self, *, everything: bool = False) -> None:
        """Re-read the records off the event loop (recent days first; older ones only the
        first time, or with ``everything``)."""
        if everything:
            self._older = None
        now = self.clock.now()
        settings = self.services.settings.current
        self._loads += 1
        self._read(self.store, self.library.exercises, now.date(), self._older, self._loads)
        if self._plan is None or self._plan.routine is not settings.routine or (
                self._plan.settings != settings.schedule):
            self._plan = PlanCounter(settings.routine, settings.schedule, now.tzinfo)

    @work(thread=True, group="progress-load", exclusive=True, exit_on_error=False)
    def _read(self, store: Store | None, exercises: Any, today: date, older: _Older | None,
              load: int) -> None:
        """The recent days, check-ins and measurements (and the cached older days). The
        older days are read once the charts are drawn (:meth:`_read_older`)."""
        if store is None:
            self.post_message(HistoryRead(History({}, (), (), exercises), None, load))
            return
        cutoff = today - timedelta(days=RECENT_DAYS - 1)
        regions = {ex_id: ex.region.value for ex_id, ex in exercises.items()}
        try:
            recent = fold_sessions(store.iter_sessions(since=cutoff.isoformat()), regions)
            checkins = store.checkins()
            measurements = store.measurements()
            first_day = store.first_session_day()
        except Exception as exc:  # StoreError and friends: say so, keep the app running
            self.notify(f"{exc}", title="Could not read your history", severity="error",
                        timeout=10)
            return
        if older is not None and older.cutoff != cutoff:
            older = None
        if older is not None or first_day is None or first_day >= cutoff.isoformat():
            days = {**(older.days if older else {}), **recent}
            self.post_message(HistoryRead(History(days, checkins, measurements, exercises),
                                          older, load))
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
        self.post_message(HistoryRead(history, None, load, rest))

    @work(thread=True, group="progress-load", exclusive=True, exit_on_error=False)
    def _read_older(self, rest: _Rest, load: int) -> None:
        """The days before the recent ones, in one walk of the log a day file at a time
        (the store's lock is let go between files), stopping if a newer load begins."""
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
            self.notify(f"{exc}", title="Could not read older history", severity="error",
                        timeout=10)
            return
        if worker.is_cancelled:
            return
        history = History({**days, **rest.recent}, rest.checkins, rest.measurements,
                          self.library.exercises)
        self.post_message(HistoryRead(history, _Older(rest.cutoff, days), load))

    def on_history_read(self, message: HistoryRead) -> None:
        if message.load != self._loads:
            return  # a newer load is on its way
        if message.older is not None:
            self._older = message.older
        self.history = message.history
        self.refresh_view()
        if message.rest is not None:
            self._after_drawn(partial(self._start_older, message.rest, message.load))

    def _after_drawn(self, callback: Callable[[], None], tries: int = 20) -> None:
        """Run ``callback`` once the charts have been painted (or after ``tries`` refreshes)."""
        if self.charts_drawn() or tries <= 0:
            callback()
        else:
            self.call_after_refresh(self._after_drawn, callback, tries - 1)

    def _start_older(self, rest: _Rest, load: int) -> None:
        if load == self._loads:
            self._read_older(rest, load)

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
        self.app.push_screen(MobilityScreen(day=self.clock.now().date(), clock=self.clock),
                            self._measured)

    def _measured(self, record: dict[str, Any] | None) -> None:
        if record is None:
            return
        if self.store is None:
            self.notify("There is no data store to save it to.", severity="warning")
            return
        self._save_measurement(record)

    @work(thread=True, group="progress-write", exit_on_error=False)
    def _save_measurement(self, record: dict[str, Any]) -> None:
        failed = self.services.log.write("measurement", record)
        if failed is not None:
            notify_kept(self, failed, "measurement", title="Could not save the measurement")
            return
        self.notify("Mobility screen saved. The next one is due in two weeks.", title="Saved",
                    timeout=4)
        self.app.call_from_thread(self.load)

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

``[`` and ``]`` step through the ranges. ``i`` shows the insights instead of the charts (and
``i`` again the charts): the 12-week heatmap and every insight line - movement against
feeling, mobility against the first screen - as ``microtui report`` shows them, computed
by the same function (:func:`microtui.report_insights.insight_panel`) in a thread worker
once the whole log is in, and only while they are on show (tens of milliseconds on years
of history: the charts' first draw does not share the interpreter with it).

The numbers come from :class:`microtui.core.progress.History`; the charts are drawn by the
plotext functions of :mod:`microtui.progress_charts` inside its ``Chart``, which re-plots
only when its data or size changes.

The days' totals come from the app's :class:`~microtui.log_history.LogHistory` (read once,
after start-up, and kept): when it is current the first frame draws from it. Before that, a
thread worker draws from the last :data:`RECENT_DAYS` days first (the first frame waits up
to :data:`FIRST_READ_WAIT` for it), then from the whole log
(:mod:`microtui.progress_reading`). Shown again with no record written since on the same
day, it reads nothing. Nothing here touches the disk on the event loop or reads the clock.

``ProgressScreen(services)``: "planned" is counted from the routine and schedule in force;
``suggestions`` (an int, or a callable returning one) is how many suggestions are waiting.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from functools import partial
from typing import TYPE_CHECKING, Any, ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, ScrollableContainer
from textual.message import Message
from textual.widgets import Static
from textual.worker import Worker, get_current_worker

from microtui.core.checkin import mobility_status
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
from microtui.progress_reading import OlderDays, from_snapshot, read_first, read_older
from microtui.ui.services import Services, SettingsChanged
from microtui.ui.textual_compat import ModeScreen, after_first_frame
from microtui.ui.widgets.charts import ChartPanel
from microtui.ui.widgets.footer import Footer
from microtui.ui.widgets.header import Header
from microtui.ui.widgets.insights import InsightsPanel
from microtui.ui.widgets.range_line import range_line
from microtui.ui.workday import notify_kept
from microtui.ui.worker_wait import finished_within

if TYPE_CHECKING:
    from microtui.core.clock import Clock
    from microtui.core.loader import Library
    from microtui.report_insights import InsightPanel
    from microtui.store import Store

RECENT_DAYS = 14
"""The first read covers this many days (the 7-day range, this week's balance and a margin);
the older ones follow once the charts are drawn (each file read waits for the event loop)."""

WIDE_COLUMNS = 130
"""From this width on, Balance draws left against right as a chart of its own (narrower, the
numbers and any lag note sit under the region chart)."""
LOADING = "Loading your history…"
READ_FAILED = "Your history could not be read (see the message). r reads it again."
FIRST_READ_WAIT = 0.1
"""Seconds the first frame waits for the first read when the app's read of the log is not
current: it usually takes a few milliseconds, and a "Loading…" frame that lasts that long
only flickers. The wait gives the read the whole interpreter: one begun while the screen
was laying itself out took eight times as long, as each of its file reads waited for the
interpreter lock (five years of history, the last two weeks: 47 ms against 6 ms)."""
READING_INSIGHTS = "Reading your whole history for the heatmap and the insights…"
CHARTS = ("adherence", "feel", "mobility", "regions", "sides")


class HistoryRead(Message):
    """A read of the log finished: ``history`` to show (None: the read failed; not
    ``complete``: only the recent days, and ``older`` is what is left to read)."""

    def __init__(self, history: History | None, load: int,
                 older: OlderDays | None = None) -> None:
        super().__init__()
        self.history = history
        self.load = load
        self.older = older


class InsightsWorkedOut(Message):
    """The heatmap and the insights of the whole log, worked out in the worker."""

    def __init__(self, panel: InsightPanel, load: int) -> None:
        super().__init__()
        self.panel = panel
        self.load = load


class ProgressScreen(ModeScreen[None]):
    """Charts of the log, the check-ins and the mobility screens. See the module docstring."""

    CSS_PATH = "progress.tcss"
    SUB_TITLE = "Progress"
    BINDING_GROUP_TITLE = "Progress"
    HORIZONTAL_BREAKPOINTS = [
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
        Binding("i", "view('insights')", "Insights", id="progress.insights"),  # ? lists it if cut
        Binding("i", "view('charts')", "Charts", id="progress.charts"),
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
        self._plan: PlanCounter | None = None
        self._loads = 0
        self._read_for: tuple[date, int] | None = None
        """The day and :attr:`LogWriter.written` of the last read: a show with both the same
        reads nothing."""
        self.insights: InsightPanel | None = None
        self._insights_for: int | None = None
        """The load whose history the insights were asked for."""
        self.showing = "charts"
        """What the screen shows under its summary: "charts" or "insights" (``i``)."""

    def _suggestions(self) -> int:
        source = self._suggestions_arg
        try:
            value = source() if callable(source) else source
        except Exception:  # a suggestion source must never take Progress down
            return 0
        return value if isinstance(value, int) and value >= 0 else 0

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(LOADING, id="progress-summary", markup=False)
        yield Static(id="progress-range")
        # A scrollable grid: below 90 columns the charts stack and scroll (↑↓ pgup pgdn).
        empty = self._take_snapshot()  # each panel starts as its first frame shows it
        classes = {chart: "chart-panel -empty" if chart in empty else "chart-panel"
                   for chart in CHARTS}
        with ScrollableContainer(id="progress-charts"):
            yield ChartPanel(draw_adherence, plotted=adherence_plotted, id="adherence",
                             classes=classes["adherence"])
            yield ChartPanel(draw_feel, plotted=feel_plotted, id="feel", classes=classes["feel"])
            yield ChartPanel(draw_mobility, id="mobility", classes=classes["mobility"])
            with Horizontal(id="balance"):
                yield ChartPanel(draw_regions, id="regions", classes=classes["regions"])
                yield ChartPanel(draw_sides, id="sides", classes=classes["sides"])
        yield InsightsPanel(id="insights")
        yield Footer()

    async def on_mount(self) -> None:
        # The breakpoint class now (Textual's comes after the first layout): a chart with
        # its data in would first be plotted at the narrower layout's size.
        width = self.app.size.width
        current = max((b for b in self.HORIZONTAL_BREAKPOINTS if width >= b[0]), default=None)
        for _, name in self.HORIZONTAL_BREAKPOINTS:
            self.set_class(current is not None and name == current[1], name)
        self._show_range()
        reading = self.load(again=False)  # None: drawn from the app's read, in this frame
        if reading is not None and not await finished_within(reading, FIRST_READ_WAIT):
            self._show_instead(LOADING)
        self.query_one(InsightsPanel).waiting(LOADING)
        self._show_view()

    def _show_instead(self, message: str) -> None:
        """``message`` in every chart's place."""
        for chart in CHARTS:
            self.query_one(f"#{chart}", ChartPanel).show(chart.capitalize(), None,
                                                         empty=message)

    def on_screen_resume(self) -> None:
        self.load(again=False)

    def on_settings_changed(self, message: SettingsChanged) -> None:
        """Another routine or schedule: "planned" is counted from it."""
        if self.is_attached and self.history is not None:
            self.load()

    # -- loading (thread worker) --

    def load(self, *, again: bool = True) -> Worker[None] | None:
        """Re-read the records off the event loop: every day from the app's history of the
        log when it has read the older days, else the recent ones first. Not ``again``
        (a show): no read when no record was written since the last one and the day is the
        same, only the range worked out afresh for the time. Returns the read started, if
        any."""
        now = self._plan_now()
        read_for = (now.date(), self.services.log.written)
        if not again and read_for == self._read_for:
            self.refresh_view()  # nothing new to read (or its read is under way)
            return None
        self._read_for = read_for
        self._loads += 1
        snapshot = None if again else self.services.history.snapshot(now.date())
        if snapshot is None:
            return self._read(now.date(), self._loads)
        # What the app read is current: drawn in this frame, no worker.
        self.on_history_read(HistoryRead(from_snapshot(snapshot, self.library.exercises),
                                         self._loads))
        return None

    def _plan_now(self) -> datetime:
        """Now, with the plan that counts sets as planned made for the settings in force."""
        now = self.clock.now()
        settings = self.services.settings.current
        plan = self._plan
        if plan is None or plan.routine is not settings.routine or (
                (plan.settings, plan.first_seen, plan.quiet)
                != (settings.schedule, settings.first_seen, settings.quiet)):
            # Today's start-of-day set is where the user sat down, as on Today.
            self._plan = PlanCounter(settings.routine, settings.schedule, now.tzinfo,
                                     first_seen=settings.first_seen, quiet=settings.quiet)
        return now

    def _take_snapshot(self) -> set[str]:
        """Before the first frame: the app's read of the log as the history, when current;
        the charts that show a message instead (none while there is no history: the first
        read most often comes before the first frame, and a log with history in it shows
        every chart)."""
        now = self._plan_now()
        snapshot = self.services.history.snapshot(now.date())
        if snapshot is None:
            return set()
        self._loads += 1
        self._read_for = (now.date(), self.services.log.written)
        self.history = from_snapshot(snapshot, self.library.exercises)
        view = self.history.view(now.date(), self.range, plan=self._plan, now=now,
                                 suggestions=self._suggestions())
        return {chart for chart in CHARTS if empty_message(chart, view)}

    @work(thread=True, group="progress-load", exclusive=True, exit_on_error=False)
    def _read(self, today: date, load: int) -> None:
        """Check-ins, measurements and the days' totals; when the older days are not in
        memory yet, only the recent days (:meth:`_read_older` follows)."""
        try:
            history, older = read_first(self.store, self.services.history,
                                        self.library.exercises, today, RECENT_DAYS)
        except Exception as exc:  # StoreError and friends: say so, keep the app running
            self.post_message(HistoryRead(None, load))
            self.notify(f"{exc}", title="Could not read your history", severity="error",
                        timeout=10)
            return
        self.post_message(HistoryRead(history, load, older))

    @work(thread=True, group="progress-load", exclusive=True, exit_on_error=False)
    def _read_older(self, older: OlderDays, load: int) -> None:
        """Every day of the log, once the recent days are drawn (read once for the app)."""
        try:
            history = read_older(self.services.history, self.library.exercises, older)
        except Exception as exc:
            self.post_message(HistoryRead(None, load))
            self.notify(f"{exc}", title="Could not read older history", severity="error",
                        timeout=10)
            return
        if not get_current_worker().is_cancelled:
            self.post_message(HistoryRead(history, load))

    def _older_after_drawing(self, older: OlderDays, load: int) -> None:
        if load == self._loads:  # else a newer read is under way: it reads them
            self._read_older(older, load)

    @work(thread=True, group="progress-insights", exclusive=True, exit_on_error=False)
    def _work_out_insights(self, history: History, plan: PlanCounter, now: datetime,
                           load: int) -> None:
        """The heatmap and the insights of the whole log, as ``microtui report`` works
        them out (the patterns in how sets felt; their code imported then, not on show)."""
        from microtui.core.sensation_patterns import sensation_patterns
        from microtui.report_insights import insight_panel

        store = self.services.store
        patterns = None
        if store is not None:
            try:
                patterns = sensation_patterns(store.sessions(), self.services.library.exercises)
            except Exception:  # noqa: BLE001 - a log that can't be read: said by the history
                patterns = None
        self.post_message(InsightsWorkedOut(
            insight_panel(history, plan, now.date(), now, patterns), load))

    def on_history_read(self, message: HistoryRead) -> None:
        if message.load != self._loads:
            return  # a newer load is on its way
        if message.history is None:  # the read failed: the next show reads again
            self._read_for = None
            if self.history is None:
                self._show_instead(READ_FAILED)
            return
        self.history = message.history
        if message.older is not None:
            after_first_frame(self.app, partial(self._older_after_drawing, message.older,
                                                message.load))
        self.refresh_view()
        self._insights_for = None  # worked out again for this history when on show
        self._show_insights()

    def _show_insights(self) -> None:
        """On show: the insights of the history in memory, worked out once it is whole."""
        history, plan = self.history, self._plan
        if self.showing != "insights" or history is None or plan is None:
            return
        if not history.complete:
            if self.insights is None:
                self.query_one(InsightsPanel).waiting(READING_INSIGHTS)
            return
        if self._insights_for != self._loads:
            self._insights_for = self._loads
            self._work_out_insights(history, plan, self.clock.now(), self._loads)

    def on_insights_worked_out(self, message: InsightsWorkedOut) -> None:
        if message.load != self._loads:
            return
        self.insights = message.panel
        self.query_one(InsightsPanel).show(message.panel.heatmap, message.panel.sections)

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

        def panel(selector: str) -> ChartPanel:
            return self.query_one(selector, ChartPanel)

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
        self._show_range()

    def _show_range(self) -> None:
        line = range_line(self.range, self.showing, self.size.width)
        self.query_one("#progress-range", Static).update(line)

    def charts_drawn(self) -> bool:
        """True once the history is in and every chart with data has been plotted."""
        if self.history is None:
            return False
        return all(self.query_one(f"#{chart}", ChartPanel).drawn for chart in CHARTS)

    # -- keys --

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "view":
            return parameters[0] != self.showing  # ``i`` shows the other one
        if action == "range":
            return self.showing == "charts"  # the insights do not follow the range
        return True

    def action_view(self, showing: str) -> None:
        self.showing = showing
        self._show_view()
        self.refresh_bindings()
        self._show_insights()
        # The arrows and page keys scroll what is shown.
        shown = "#insights" if showing == "insights" else "#progress-charts"
        self.query_one(shown).focus()

    def _show_view(self) -> None:
        insights = self.showing == "insights"
        self.query_one("#progress-charts").display = not insights
        self.query_one(InsightsPanel).display = insights
        self._show_range()

    def action_range(self, step: int) -> None:
        index = max(0, min(len(RANGES) - 1, self.range_index + step))
        if index == self.range_index:
            self.app.bell()
            return
        self.range_index = index
        self._show_range()
        self.refresh_view()

    def action_reload(self) -> None:
        self.services.history.forget()
        self.load()

    def action_measure(self) -> None:
        from microtui.ui.screens.checkin import MobilityScreen  # when asked for (m)
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

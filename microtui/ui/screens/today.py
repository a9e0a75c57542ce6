"""Today: the day's sets on a timeline, what is due, and a live countdown to the next one.

The screen is a thin shell around :class:`microtui.core.day.DayTracker`: a tick once a
second (on the app's clock, :func:`microtui.ui.timers.every`) samples the clock, asks the
tracker for the view and hands the pieces to reactive attributes and to the
:class:`Timeline`, which only repaint what changed (a countdown line a second when a set is
under a minute away or due, else a repaint a minute).

What the timeline, the summary line and the selection show is worked out by plain
presenters (:mod:`microtui.ui.presenters`); the next-set panel, the week chart and the
meeting dialog are widgets and a screen of their own.

Disk work runs in thread workers (but today's records, read for the first frame): the log
(read once the first frame is out and on resume) and the calendar (looked at every few
seconds: :mod:`microtui.ui.calendar_watch`), through the :class:`~microtui.store.Store`.

Keys: ``enter`` start the selected (by default the due or next) set - the screen posts
:class:`TodayScreen.StartSet` and the app opens the player; ``s`` snooze, ``x`` skip,
``u`` undo the last of them (:mod:`microtui.ui.today_answers`);
``m`` add a meeting for today, ``e``/``d`` edit or delete the selected set's meeting
(:mod:`microtui.ui.today_meetings`); ``l`` the log (:mod:`microtui.ui.screens.log`);
``up``/``down`` move the selection.
"""

from __future__ import annotations

import contextlib
from collections.abc import Mapping
from datetime import date, datetime, timedelta, tzinfo
from typing import TYPE_CHECKING, Any, ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Static
from textual.worker import get_current_worker

from microtui.core.day import DayTracker
from microtui.core.day_view import title_text
from microtui.ui.calendar_watch import CalendarLook, CalendarRead, CalendarWatch
from microtui.ui.presenters.day_summary import DaySummaryLine
from microtui.ui.presenters.selection import ACTIONS, Selection
from microtui.ui.presenters.timeline_rows import TimelineRows, only_time_passed, panel_key
from microtui.ui.screen_preload import after_start
from microtui.ui.screen_seen import seen
from microtui.ui.services import Services, SettingsChanged
from microtui.ui.terminal import TerminalSignals, terminal_for
from microtui.ui.textual_compat import ModeScreen
from microtui.ui.timers import every
from microtui.ui.today_answers import DUE_TOAST, TodayAnswers
from microtui.ui.today_log import (
    CHART_DAYS,
    LogRead,
    StreakRead,
    read_streak_days,
    read_week,
    records_of_day,
)
from microtui.ui.today_meetings import MEETING_ACTIONS, TodayMeetings, stored_meetings
from microtui.ui.widgets.footer import Footer
from microtui.ui.widgets.header import Header
from microtui.ui.widgets.next_set import NextSetPanel
from microtui.ui.widgets.timeline import Timeline
from microtui.ui.widgets.week_chart import WeekChart

if TYPE_CHECKING:
    from microtui.calendar_source import CalendarSource
    from microtui.core.day_view import DayView
    from microtui.core.event_states import EventView
    from microtui.core.exercises import Exercise
    from microtui.core.routine import Routine
    from microtui.core.schedule import ScheduleSettings
    from microtui.core.timeline import TriggerEvent
    from microtui.store import Store

WIDE_COLUMNS = 120
"""From this width on, Today also shows the next set's exercises and the week chart."""


class TodayScreen(ModeScreen[None]):
    """Today's sets, what is due and what comes next. See the module docstring.

    From ``services.settings.current``: the routine and schedule, ``first_seen`` (when the
    user sat down today: the start-of-day set moves there and nothing before it is
    scheduled; None keeps the workday start), the calendar, and ``notify_protocol``
    ("osc9" or "osc777": desktop notifications on). The app calls :meth:`session_logged`
    with a record it has just logged (the log is read again whenever it is shown again).
    """

    CSS_PATH = "today.tcss"
    COMPOSED_OF = (Horizontal, Header, Static, Timeline, NextSetPanel, WeekChart,
                   Footer)
    SUB_TITLE = "Today"
    BINDING_GROUP_TITLE = "Today"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (WIDE_COLUMNS, "-wide")]
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "start", "Start", id="today.start"),
        Binding("s", "snooze", "Snooze", id="today.snooze"),
        Binding("x", "skip", "Skip", id="today.skip"),
        Binding("u", "undo", "Undo", id="today.undo"),
        Binding("m", "add_meeting", "Meeting", id="today.meeting"),
        Binding("l", "log", "Log", id="today.log"),
        # Only when the selected set comes before a meeting typed in with m (d is in ? help:
        # the footer keeps its room for Help and Quit at 80 columns).
        Binding("e", "edit_meeting", "Edit meeting", id="today.meeting-edit"),
        Binding("d", "delete_meeting", "Delete meeting", id="today.meeting-delete",
                show=False),
        # Arrows are listed in ? help; the footer keeps its room for Help and Quit at 80 cols.
        Binding("up", "select(-1)", "Select", id="today.up", key_display="↑↓", show=False),
        Binding("down", "select(1)", "Select next", id="today.down", show=False),
    ]

    class StartSet(Message):
        """The user asked to start ``event``'s set (the app opens the player)."""

        def __init__(self, event: TriggerEvent) -> None:
            super().__init__()
            self.event = event

    summary: reactive[DaySummaryLine | None] = reactive(None, init=False)
    calendar_problem: reactive[str] = reactive("", init=False)
    panel: reactive[tuple[Any, ...]] = reactive((), init=False)
    week: reactive[tuple[tuple[str, int], ...]] = reactive((), init=False)
    action_targets: reactive[tuple[Any, ...]] = reactive((), init=False)
    in_player: str | None = None
    """The day's set waiting in the player, paused while another screen is in front (the
    app says so)."""

    def __init__(self, services: Services, *, name: str | None = None,
                 id: str | None = None) -> None:
        super().__init__(name=name, id=id)
        self.services = services
        settings = services.settings.current
        self.clock = services.clock
        self.store = services.store
        self.exercises: Mapping[str, Exercise] = services.library.exercises
        self.tracker = DayTracker(settings.routine, settings.schedule,
                                  exercises=self.exercises, first_seen=settings.first_seen)
        self.tracker.quiet = settings.quiet
        self.calendar_watch = CalendarWatch(self.clock, settings.calendar_path)
        self.timeline_rows = TimelineRows(self.exercises)
        self.day_view: DayView | None = None
        self.selection = Selection()
        self.meetings = TodayMeetings(self)
        self.answers = TodayAnswers(self)
        self._announced: set[tuple[str, datetime]] = set()
        self._seen_day: date | None = None
        self._log_ready = self.store is None
        self._shown = False  # its first ScreenResume has come
        self._streak_known = self.store is None
        self._timeline: Timeline | None = None

    @property
    def routine(self) -> Routine:
        """The routine Today follows."""
        return self.services.settings.current.routine

    @property
    def settings(self) -> ScheduleSettings:
        return self.services.settings.current.schedule

    @property
    def calendar_path(self) -> CalendarSource | None:
        """The calendar whose meetings get a set before them (None: no calendar)."""
        return self.calendar_watch.path

    # -- layout --

    def compose(self) -> ComposeResult:
        # Each part sits on the screen itself, in one column: a container costs the first
        # frame about 1 ms (composed, styled, laid out and drawn). The screen's six
        # children cost a repaint of a timeline line (Textual draws every child of the
        # line's ancestors again, from its caches) 0.27 ms, against 0.23 ms with the parts
        # above and below the timeline grouped in two containers.
        yield Header()
        yield Static(id="today-summary")
        yield Static(id="today-calendar", markup=False)
        yield Timeline(id="timeline")
        with Horizontal(id="today-side"):
            yield NextSetPanel(self.exercises, id="next-set")
            yield WeekChart(id="week-chart")
        yield Footer()

    @property
    def terminal(self) -> TerminalSignals:
        """The app's title/bell/notification writer (shared with any other screen)."""
        return terminal_for(self.app,
                            notify_protocol=self.services.settings.current.notify_protocol)

    def on_mount(self) -> None:
        self._read_today_now()
        self.tick()
        # The week once the first frame is out (it has today's records; the chart comes
        # later): a thread reading it takes the interpreter from that frame in turns.
        after_start(self.app, self.load_log, then_on=self)
        self.check_calendar(throttle=False)
        every(self, self.clock, 1.0, self.tick, name="today-tick")

    def on_screen_resume(self) -> None:
        """Back from the player (or another mode): the log may have grown meanwhile."""
        if not self._shown:  # first shown: just mounted, the log read is under way
            self._shown = True
            return
        if self.day_view is not None:
            self.load_log()
            self.tick()

    def on_settings_changed(self, message: SettingsChanged) -> None:
        """Follow the settings in force: another routine or schedule (saved in the builder,
        or an exercise taken out after the safety stop), another calendar."""
        settings = message.settings
        self.tracker.set_routine(settings.routine, settings.schedule)
        self.tracker.quiet = settings.quiet  # a set inside it never comes due
        if settings.calendar_path != self.calendar_path:
            self.calendar_watch.follow(settings.calendar_path)
            if settings.calendar_path is None:
                self.calendar_problem = ""
                self.tracker.set_calendar_meetings([], self.tracker.day)
            else:
                self.check_calendar(throttle=False)
        if self.day_view is not None:  # the rows too: shown again, its first frame has them
            self._show(self.tracker.view(self.clock.now()), hidden_too=True)

    def on_unmount(self) -> None:
        self.terminal.restore()

    # -- the tick --

    def tick(self) -> None:
        """Sample the clock and update whatever changed (called once a second)."""
        view = self.tracker.sample(self.clock.now(), self.clock.monotonic())
        if view.rolled_over or (self._seen_day is not None and view.day != self._seen_day):
            self._new_day()
        self._seen_day = view.day
        if only_time_passed(self.day_view, view):
            self._show_time(view)
        else:
            self._show(view)
        self.check_calendar()

    def _show_time(self, view: DayView) -> None:
        """:meth:`_show` for a view in which only time passed (see
        :func:`~microtui.ui.presenters.timeline_rows.only_time_passed`): nothing but the
        timeline and the title can change."""
        # The rows on the timeline are those of the last view (not of an older one, left
        # there while the screen was hidden): they can stay until a relative time changes.
        last = self.day_view
        rows_current = last is not None and self.timeline_rows.built_from is last.events
        self.day_view = view
        self._show_timeline(view, same_events=rows_current)
        self.terminal.set_title(title_text(view))

    def _new_day(self) -> None:
        self._announced.clear()
        self.selection.follow()
        self.calendar_watch.forget()
        self.load_log()
        self.check_calendar(throttle=False)

    def refresh_view(self) -> None:
        """Redraw from the tracker without waiting for the next tick (after an action)."""
        self._show(self.tracker.view(self.clock.now()))

    def _show(self, view: DayView, *, hidden_too: bool = False) -> None:
        self.day_view = view
        due = view.due
        # Not before the log is read: the set may have been done before the app started.
        if due is not None and self._log_ready and (due.id, due.at) not in self._announced:
            self._announce(view, due)
        self.selection.update(view)
        self._show_timeline(view, hidden_too=hidden_too)
        self.terminal.set_title(title_text(view))
        self.summary = DaySummaryLine.of(view, streak_known=self._streak_known)
        self.panel = panel_key(view, self.selection.event_id, follow=self.selection.follows)
        self.week = tuple((f"{d:%a}", n) for d, n in self.tracker.done_counts(CHART_DAYS))
        self.action_targets = (*self.selection.targets(view), self.selection.follows,
                               self.meetings.selected is not None, self.tracker.can_undo)

    def _show_timeline(self, view: DayView, *, same_events: bool = False,
                       hidden_too: bool = False) -> None:
        if not (hidden_too or seen(self)):
            return
        timeline = self._timeline
        if timeline is None:
            timeline = self._timeline = self.query_one(Timeline)
        highlight = view.next.view.id if view.next is not None else None
        rows = self.timeline_rows
        timeline.show(
            rows.rows(view, same_events=same_events),
            highlight=highlight,
            selected=self.selection.event_id,
            countdown=rows.countdown(view, next_day_set=self._next_day_set(view),
                                     in_player=self.in_player),
            message=rows.day_off_text(view, next_day_set=self._next_day_set(view)),
        )
        if self.selection.follows:
            timeline.scroll_to_event(self.selection.event_id)

    def _next_day_set(self, view: DayView) -> datetime | None:
        """When the next set after today is, once today has none left (else None)."""
        return self.tracker.next_day_set() if view.next is None else None

    def _announce(self, view: DayView, due: EventView) -> None:
        """A set just came due: a toast, the bell, a desktop notification (if on)."""
        self._announced.add((due.id, due.at))
        self.selection.follow()
        label = view.label(due.event)
        total = self.timeline_rows.set_seconds(due.event)
        self.notify(f"{label}" + (f" · {total}" if total else ""),
                    title=f"{due.event.name} {DUE_TOAST}", timeout=10)
        self.terminal.bell()
        self.terminal.notify_desktop("microtui", f"{label} due")

    # -- reactive watchers: each runs only when its value really changed --

    def watch_summary(self, summary: DaySummaryLine) -> None:
        timeline = self.query_one(Timeline)
        timeline.border_title = summary.title
        timeline.border_subtitle = summary.subtitle
        self.query_one("#today-summary", Static).update(summary.text())

    def watch_calendar_problem(self, problem: str) -> None:
        line = self.query_one("#today-calendar", Static)
        line.update(f"⚠ {problem}" if problem else "")
        line.set_class(bool(problem), "-visible")

    def watch_panel(self, key: tuple[Any, ...]) -> None:
        _day, event_id, state, heading, reason, has_sets = key
        event = None
        if event_id is not None and self.tracker.timeline is not None:
            event = self.tracker.timeline.by_id(event_id)
        self.query_one(NextSetPanel).show(event, state, heading=heading, reason=reason,
                                          has_sets=has_sets)

    def watch_week(self, week: tuple[tuple[str, int], ...]) -> None:
        """Re-plot only when the counts (or the day) change - never on a timer."""
        self.query_one(WeekChart).show_week(week)

    def watch_action_targets(self) -> None:
        self.refresh_bindings()

    # -- keys --

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in MEETING_ACTIONS:
            return self.meetings.selected is not None
        if action in ("snooze", "skip", "undo"):
            return self.answers.shows(action)
        if action not in ACTIONS:
            return True
        return True if self.selection.target(action, self.day_view) is not None else None

    def action_start(self) -> None:
        target = self.selection.target("start", self.day_view)
        if target is None or self.tracker.timeline is None:
            self.notify("Nothing to start right now.", severity="warning")
            return
        event = self.tracker.timeline.by_id(target)
        if event is not None:
            self.post_message(self.StartSet(event))

    def action_snooze(self) -> None:
        self.answers.snooze()

    def action_skip(self) -> None:
        self.answers.skip()

    def action_undo(self) -> None:
        self.answers.undo()

    def action_select(self, step: int) -> None:
        if self.day_view is None or self.selection.step(self.day_view, step) is None:
            return
        self.refresh_view()
        self.query_one(Timeline).scroll_to_event(self.selection.event_id)

    def action_log(self) -> None:
        from microtui.ui.screens.log import LogScreen  # loaded when first opened

        self.app.push_screen(LogScreen(self.services))

    def action_add_meeting(self) -> None:
        self.meetings.add()

    def action_edit_meeting(self) -> None:
        self.meetings.edit()

    def action_delete_meeting(self) -> None:
        self.meetings.delete()

    # -- for the app --

    def session_logged(self, record: Mapping[str, Any]) -> None:
        """Count a session record the app just logged (a set played to the end, say)."""
        self.tracker.add_record(record)
        self.refresh_view()

    # -- the session log (thread workers) --

    def _read_today_now(self) -> None:
        """Today's records, before the first paint: a set done before the app started shows
        as done from the first frame, never as due. The store holds the newest day's file
        in memory from the moment it opened, so this costs no disk read."""
        if self.store is None:
            return
        view = self.tracker.sample(self.clock.now(), self.clock.monotonic())
        tz = self.tracker.tz
        assert tz is not None  # the sample set it
        try:
            records = self.store.sessions(since=(view.day - timedelta(days=1)).isoformat())
        except Exception:  # noqa: BLE001 - the worker's read says what is wrong
            return
        self.tracker.set_records(records_of_day(records, view.day, tz))
        with contextlib.suppress(Exception):  # the worker's read says what is wrong
            self.tracker.load_typed_meetings(stored_meetings(self.store, view.day))
        self._log_ready = True

    def load_log(self) -> None:
        """Re-read today's session records, then the history behind the streak."""
        if self.store is None or self.tracker.day is None or self.tracker.tz is None:
            return
        self._read_log(self.store, self.tracker.day, self.tracker.tz)

    @work(thread=True, group="today-log", exclusive=True, exit_on_error=False)
    def _read_log(self, store: Store, day: date, tz: tzinfo) -> None:
        """Today and the week chart's days: what the first paint needs."""
        read = read_week(store, day, tz)
        if read.problem or not get_current_worker().is_cancelled:
            self.post_message(read)

    @work(thread=True, group="today-log", exclusive=True, exit_on_error=False)
    def _read_streak(self, day: date) -> None:
        """The days behind the streak (once the first paint is out): the app's history of
        the log, read once and shared with Progress."""
        try:
            days = read_streak_days(self.services.history, day)
        except Exception as exc:
            self.notify(f"{exc}", title="Could not read the streak's days",
                        severity="error", timeout=10)
            return
        if not get_current_worker().is_cancelled:
            self.post_message(StreakRead(day, days))

    def on_log_read(self, message: LogRead) -> None:
        if message.problem:
            self.notify(message.problem, title="Could not read the log", severity="error",
                        timeout=10)
            self._log_ready = True  # announce what is due rather than stay silent all day
            self.refresh_view()
            return
        if self.tracker.day != message.day:
            return
        self.tracker.set_history(message.history)
        self.tracker.set_records(message.records)
        self.tracker.load_typed_meetings(message.meetings)
        self._log_ready = True
        self.refresh_view()
        if self.store is not None:
            self.call_after_refresh(self._read_streak, message.day)

    def on_streak_read(self, message: StreakRead) -> None:
        if self.tracker.day != message.day:
            return
        self.tracker.set_history(message.history)
        self._streak_known = True
        self.refresh_view()

    # -- the calendar (thread workers) --

    def check_calendar(self, *, throttle: bool = True) -> None:
        """Re-read the calendar if its file changed (looked at every few seconds at most)."""
        look = self.calendar_watch.next_look(self.tracker.day, self.tracker.tz,
                                             throttle=throttle)
        if look is not None:
            self._look_at_calendar(look)

    @work(thread=True, group="today-calendar", exit_on_error=False)
    def _look_at_calendar(self, look: CalendarLook) -> None:
        self.post_message(look.run())

    def on_calendar_read(self, message: CalendarRead) -> None:
        news = self.calendar_watch.take(message, self.tracker.day)
        self.check_calendar()  # a look asked for while this one ran (else: throttled)
        if not news:
            return
        if message.problem:
            if message.notice != self.calendar_problem:
                self.notify(message.problem, title="Calendar not read", severity="error",
                            timeout=10)
            self.calendar_problem = message.notice  # the last good meetings stay in place
            return
        self.calendar_problem = message.notice  # "", or the events it left out
        if message.meetings is not None and self.tracker.set_calendar_meetings(
                message.meetings, message.day):
            self.refresh_view()

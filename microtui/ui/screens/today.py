"""Today: the day's sets on a timeline, what is due, and a live countdown to the next one.

The screen is a thin shell around :class:`microtui.core.day.DayTracker`: one
``set_interval(1.0)`` tick samples the clock, asks the tracker for the view and hands the
pieces to reactive attributes and to the :class:`Timeline`, which only repaint what changed.
An idle minute therefore costs a repainted countdown line per second when a set is under a
minute away or due, and otherwise one repaint a minute (relative times are in minutes).

Everything that touches the disk runs in thread workers: the session log (read on resume,
written when a set is skipped) and the calendar (checked every few seconds by its mtime).
The UI never imports TinyDB: it calls the :class:`~microtui.store.Store` it is given.

Keys: ``enter`` start the selected (by default the due or next) set - the screen posts
:class:`TodayScreen.StartSet` and the app opens the player; ``s`` snooze; ``x`` skip;
``m`` add a meeting for today; ``up``/``down`` move the selection.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

import humanize
from rich.table import Table
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.reactive import reactive
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, Footer, Header, Input, Label, Static
from textual.worker import get_current_worker
from textual_plotext import PlotextPlot

from microtui.calendar import CalendarError, read_meetings
from microtui.core.day import DayTracker
from microtui.core.day_records import done_by_day, record_day
from microtui.core.day_view import DayView, title_text
from microtui.core.event_states import EventState, EventView
from microtui.core.routine import TriggerKind
from microtui.core.schedule import ScheduleSettings
from microtui.core.time_text import fmt_duration, fmt_seconds, minutes_text, parse_hhmm
from microtui.core.timeline import TriggerEvent
from microtui.ui.services import Services, SettingsChanged
from microtui.ui.terminal import TerminalSignals, terminal_for
from microtui.ui.widgets.timeline import Countdown, Timeline, TimelineRow
from microtui.ui.workday import notify_kept

if TYPE_CHECKING:
    from microtui.core.exercises import Exercise
    from microtui.store import Store

WIDE_COLUMNS = 120
"""From this width on, Today also shows the next set's exercises and the week chart."""
CALENDAR_CHECK_SECONDS = 5.0
HISTORY_DAYS = 400
"""How far back the session log is read for the streak."""
CHART_DAYS = 7
_UNREAD = object()


# -- wording ------------------------------------------------------------------------------


def relative_text(at: datetime, now: datetime) -> str:
    """``in 12 min``, ``25 min ago``, ``just now``: whole minutes, so it changes once a
    minute at most (the countdown line shows the seconds)."""
    return _relative_words(*_relative_minutes(at, now))


def _relative_minutes(at: datetime, now: datetime) -> tuple[bool, int]:
    """(ahead, whole minutes): all that :func:`relative_text` depends on."""
    seconds = (at - now).total_seconds()
    if seconds > 0:
        return True, math.ceil(seconds / 60 - 1e-9)
    return False, math.floor(-seconds / 60 + 1e-9)


def _relative_until(at: datetime, ahead: bool, minutes: int) -> datetime:
    """Until when :func:`_relative_minutes` gives (ahead, minutes) for ``at`` (a little
    before, to be safe): the next moment its relative time can read differently."""
    if ahead:
        change = at - timedelta(minutes=max(0, minutes - 1))
    else:
        change = at + timedelta(minutes=minutes + 1)
    return change - timedelta(milliseconds=10)


@lru_cache(maxsize=1024)
def _relative_words(ahead: bool, minutes: int) -> str:
    if ahead:
        return "in " + _short(humanize.naturaldelta(timedelta(minutes=minutes)))
    if minutes < 1:
        return "just now"
    return _short(humanize.naturaldelta(timedelta(minutes=minutes))) + " ago"


def _short(delta: str) -> str:
    return delta.replace(" minutes", " min")


def _next_key(view: DayView) -> tuple[str, bool] | None:
    """The next set and whether it is due: what :class:`TodayScreen` follows."""
    return None if view.next is None else (view.next.view.id, view.next.is_due)


def clock_text(seconds: float) -> str:
    """``0:42``, ``9:05``, ``1:02:03`` (rounded up: a countdown never shows 0:00 early)."""
    whole = max(0, math.ceil(seconds - 1e-9))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


# -- what the screen's workers report --------------------------------------------------------


class LogRead(Message):
    """Today's records and the week chart's days were read (or ``problem`` says why not)."""

    def __init__(self, day: date, *, records: list[dict[str, Any]] | None = None,
                 history: dict[date, int] | None = None, problem: str = "") -> None:
        super().__init__()
        self.day = day
        self.records = records or []
        self.history = history or {}
        self.problem = problem


class StreakRead(Message):
    """The days behind the streak were read: sets done per day."""

    def __init__(self, day: date, history: dict[date, int]) -> None:
        super().__init__()
        self.day = day
        self.history = history


class CalendarRead(Message):
    """The calendar at ``path`` was looked at for ``day``: ``meetings`` if it changed (its
    file's ``key`` differs from ``known``), ``problem`` if it could not be read."""

    def __init__(self, path: Path, day: date, key: Any, known: Any,
                 meetings: list[Any] | None, problem: str) -> None:
        super().__init__()
        self.path = path
        self.day = day
        self.key = key
        self.known = known
        self.meetings = meetings
        self.problem = problem


# -- the meeting dialog -------------------------------------------------------------------


class MeetingDialog(ModalScreen[tuple[time, str] | None]):
    """Two fields: the meeting's start (HH:MM) and its title. Nothing is saved until the
    time is a valid time of day; a bad one is explained next to the field."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="meeting.cancel"),
    ]
    BINDING_GROUP_TITLE = "Add a meeting"

    def __init__(self, lead_minutes: int | None = None) -> None:
        super().__init__()
        self.lead_minutes = lead_minutes

    def compose(self) -> ComposeResult:
        with Vertical(id="meeting-dialog") as dialog:
            dialog.border_title = "Add a meeting today"
            dialog.border_subtitle = "enter add · esc cancel"
            with Horizontal(classes="meeting-row"):
                yield Label("Time", classes="meeting-label")
                yield Input(placeholder="HH:MM", id="meeting-time", max_length=5)
                yield Static("", id="meeting-time-error", markup=False)
            with Horizontal(classes="meeting-row"):
                yield Label("Title", classes="meeting-label")
                yield Input(placeholder="Meeting", id="meeting-title", max_length=80)
            if self.lead_minutes is None:
                hint = "Your routine has no set before meetings."
            elif self.lead_minutes:
                hint = f"A set comes {_plural(self.lead_minutes, 'minute')} before it."
            else:
                hint = "A set comes as it starts."
            yield Static(hint, id="meeting-hint", markup=False)
            with Horizontal(id="meeting-buttons"):
                yield Button("Add", variant="primary", id="meeting-add")
                yield Button("Cancel", id="meeting-cancel")

    def on_mount(self) -> None:
        self.query_one("#meeting-time", Input).focus()

    @on(Input.Changed, "#meeting-time")
    def _clear_error(self) -> None:
        self._show_error("")

    def _show_error(self, message: str) -> None:
        error = self.query_one("#meeting-time-error", Static)
        error.update(message)
        error.set_class(bool(message), "-visible")
        self.query_one("#meeting-time", Input).set_class(bool(message), "-invalid")

    @on(Input.Submitted)
    @on(Button.Pressed, "#meeting-add")
    def _submit(self) -> None:
        time_input = self.query_one("#meeting-time", Input)
        try:
            at = parse_hhmm(time_input.value)
        except ValueError as exc:
            message = str(exc)
            self._show_error(message[:1].upper() + message[1:])
            time_input.focus()
            return
        title = " ".join(self.query_one("#meeting-title", Input).value.split())
        self.dismiss((at, title or "Meeting"))

    @on(Button.Pressed, "#meeting-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


# -- the screen ---------------------------------------------------------------------------


class TodayScreen(Screen[None]):
    """Today's sets, what is due and what comes next. See the module docstring.

    ``first_seen`` is when the user sat down today (the start-of-day set moves there and
    nothing before it is scheduled); None keeps the workday start. ``notify_protocol``
    ("osc9" or "osc777") switches desktop notifications on. The app calls
    :meth:`session_logged` with a record it has just logged (the screen also re-reads the
    log whenever it is shown again).
    """

    CSS_PATH = "today.tcss"
    SUB_TITLE = "Today"
    BINDING_GROUP_TITLE = "Today"
    HORIZONTAL_BREAKPOINTS: ClassVar[list[tuple[int, str]]] = [
        (0, "-narrow"),
        (WIDE_COLUMNS, "-wide"),
    ]
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "start", "Start", id="today.start"),
        Binding("s", "snooze", "Snooze", id="today.snooze"),
        Binding("x", "skip", "Skip", id="today.skip"),
        Binding("m", "add_meeting", "Meeting", id="today.meeting"),
        # Arrows are listed in ? help; the footer keeps its room for Help and Quit at 80 cols.
        Binding("up", "select(-1)", "Select", id="today.up", key_display="↑↓", show=False),
        Binding("down", "select(1)", "Select next", id="today.down", show=False),
    ]

    class StartSet(Message):
        """The user asked to start ``event``'s set (the app opens the player)."""

        def __init__(self, event: TriggerEvent) -> None:
            super().__init__()
            self.event = event

    summary: reactive[tuple[Any, ...]] = reactive((), init=False)
    calendar_problem: reactive[str] = reactive("", init=False)
    panel: reactive[tuple[Any, ...]] = reactive((), init=False)
    week: reactive[tuple[tuple[str, int], ...]] = reactive((), init=False)
    action_targets: reactive[tuple[Any, ...]] = reactive((), init=False)

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
        self.calendar_path: Path | None = settings.calendar_path
        self.day_view: DayView | None = None
        self._follow = True
        self._selected: str | None = None
        self._announced: set[tuple[str, datetime]] = set()
        self._calendar_key: Any = _UNREAD
        self._calendar_checked = -math.inf
        self._calendar_busy = False
        self._seen_day: date | None = None
        self._log_ready = self.store is None
        self._streak_known = self.store is None
        # Timeline rows by event id, with what they were built from: a row is rebuilt only
        # when its event, state, label or relative minute changes (not every second).
        self._rows: dict[str, tuple[tuple[Any, ...], TriggerEvent, TimelineRow]] = {}
        self._details: dict[str, tuple[TriggerEvent, str]] = {}
        self._rows_shown: list[TimelineRow] = []
        self._timeline: Timeline | None = None
        self._rows_events: tuple[EventView, ...] | None = None
        self._rows_until = datetime.min.replace(tzinfo=UTC)

    @property
    def routine(self):
        return self.services.settings.current.routine

    @property
    def settings(self) -> ScheduleSettings:
        return self.services.settings.current.schedule

    # -- layout --

    def compose(self) -> ComposeResult:
        # The Timeline is one of only three children of the screen: the widgets above it and
        # those below it are grouped. A repaint of one of its lines (the countdown, every
        # second while a set is due) makes Textual draw every child of each of its
        # ancestors again (from its caches), so the fewer of those the better.
        with Vertical(id="today-top"):
            yield Header()
            yield Static(id="today-summary")
            yield Static(id="today-calendar", markup=False)
        yield Timeline(id="timeline")
        with Vertical(id="today-bottom"):
            with Horizontal(id="today-side"):
                panel = Static(id="next-set")
                panel.border_title = "Next set"
                yield panel
                chart = PlotextPlot(id="week-chart")
                chart.border_title = "Sets done · last 7 days"
                yield chart
            yield Footer()

    @property
    def terminal(self) -> TerminalSignals:
        """The app's title/bell/notification writer (shared with any other screen)."""
        return terminal_for(self.app,
                            notify_protocol=self.services.settings.current.notify_protocol)

    def on_mount(self) -> None:
        self._read_today_now()
        self.tick()
        self.load_log()
        self.check_calendar(throttle=False)
        self.set_interval(1.0, self.tick, name="today-tick")

    def on_screen_resume(self) -> None:
        """Back from the player (or another mode): the log may have grown meanwhile."""
        if self.day_view is not None:
            self.load_log()
            self.tick()

    def on_settings_changed(self, message: SettingsChanged) -> None:
        """Follow the settings in force: another routine or schedule (saved in the builder,
        or an exercise taken out after the safety stop), another calendar."""
        settings = message.settings
        self.tracker.set_routine(settings.routine, settings.schedule)
        if settings.calendar_path != self.calendar_path:
            self.calendar_path = settings.calendar_path
            self._calendar_key = _UNREAD
            if settings.calendar_path is None:
                self.calendar_problem = ""
                self.tracker.set_calendar_meetings([], self.tracker.day)
            else:
                self.check_calendar(throttle=False)
        if self.day_view is not None:
            self.refresh_view()

    def on_unmount(self) -> None:
        self.terminal.restore()

    # -- the tick --

    def tick(self) -> None:
        """Sample the clock and update whatever changed (called once a second)."""
        view = self.tracker.sample(self.clock.now(), self.clock.monotonic())
        if view.rolled_over or (self._seen_day is not None and view.day != self._seen_day):
            self._new_day()
        self._seen_day = view.day
        if self._only_time_passed(view):
            self._show_time(view)
        else:
            self._show(view)
        self.check_calendar()

    def _only_time_passed(self, view: DayView) -> bool:
        """Whether ``view`` differs from the one shown only by the passing of time: the
        same events in the same states, the same summary, the same next set. Then only
        the timeline (its countdown, its relative times) and the title can change. Every
        other change (an action, the log read, a meeting added) goes through
        :meth:`refresh_view`, which shows everything."""
        last = self.day_view
        return (
            last is not None
            and view.jump is None
            and not view.rolled_over
            and view.timeline is last.timeline
            and view.labels is last.labels
            and _next_key(view) == _next_key(last)
            and view.summary == last.summary
            and view.events == last.events
        )

    def _show_time(self, view: DayView) -> None:
        """:meth:`_show` for a view in which only time passed (see
        :meth:`_only_time_passed`): nothing but the timeline and the title can change."""
        # The rows on the timeline are those of the last view (not of an older one, left
        # there while the screen was hidden): they can stay until a relative time changes.
        last = self.day_view
        rows_current = last is not None and self._rows_events is last.events
        self.day_view = view
        self._show_timeline(view, same_events=rows_current)
        self.terminal.set_title(title_text(view))

    def _new_day(self) -> None:
        self._announced.clear()
        self._follow = True
        self._calendar_key = _UNREAD
        self.load_log()
        self.check_calendar(throttle=False)

    def refresh_view(self) -> None:
        """Redraw from the tracker without waiting for the next tick (after an action)."""
        self._show(self.tracker.view(self.clock.now()))

    def _show(self, view: DayView) -> None:
        self.day_view = view
        due = view.due
        # Not before the log is read: the set may have been done before the app started.
        if due is not None and self._log_ready and (due.id, due.at) not in self._announced:
            self._announce(view, due)
        ids = [v.id for v in view.events]
        if self._follow or self._selected not in ids:
            self._follow = True
            self._selected = view.next.view.id if view.next is not None else None
        self._show_timeline(view)
        self.terminal.set_title(title_text(view))
        s = view.summary
        self.summary = (view.day, bool(view.timeline.events), s.done, s.planned_so_far,
                        s.planned_total, fmt_duration(s.moved_seconds),
                        s.streak if self._streak_known else None)
        self.panel = self._panel_key(view)
        self.week = tuple((f"{d:%a}", n) for d, n in self.tracker.done_counts(CHART_DAYS))
        self.action_targets = (self._start_target(), self._snooze_target(),
                               self._skip_target())

    def _show_timeline(self, view: DayView, *, same_events: bool = False) -> None:
        if not self._shows():
            return
        timeline = self._timeline
        if timeline is None:
            timeline = self._timeline = self.query_one(Timeline)
        highlight = view.next.view.id if view.next is not None else None
        timeline.show(
            self._rows_of(view, same_events=same_events),
            highlight=highlight,
            selected=self._selected,
            countdown=self._countdown(view),
            message=self._day_off_text(view),
        )
        if self._follow:
            timeline.scroll_to_event(self._selected)

    def _shows(self) -> bool:
        """Whether the screen can be seen: it is on top, or only see-through screens (the
        dialogs) are above it. Under the player or in another mode the timeline is not
        redrawn every second; :meth:`on_screen_resume` brings it up to date."""
        try:
            stack = self.app.screen_stack
        except Exception:  # no app or no screens yet (mounting)
            return True
        if self not in stack:
            return not self.is_attached or self.app.screen is self
        above = stack[stack.index(self) + 1:]
        return all(screen.styles.background.a < 1 for screen in above)

    def _announce(self, view: DayView, due: EventView) -> None:
        """A set just came due: a toast, the bell, a desktop notification (if on)."""
        self._announced.add((due.id, due.at))
        self._follow = True
        label = view.label(due.event)
        total = fmt_seconds(due.event.trigger.seconds(self.exercises)) if self._known(
            due.event) else ""
        self.notify(f"{label}" + (f" · {total}" if total else ""),
                    title=f"{due.event.name} set due · enter to start", timeout=10)
        self.terminal.bell()
        self.terminal.notify_desktop("microtui", f"{label} due")

    def _known(self, event: TriggerEvent) -> bool:
        return all(i.exercise_id in self.exercises for i in event.trigger.items)

    # -- what the widgets show --

    def _rows_of(self, day: DayView, *, same_events: bool = False) -> list[TimelineRow]:
        """The timeline's rows, each rebuilt only when what it shows changed.

        ``same_events``: the events are those the rows were last built from, in the same
        states (see :meth:`_only_time_passed`); then the rows stay as they are until one
        of their relative times changes (once a minute at most), without looking at each.
        """
        if same_events and self._rows_shown and day.now < self._rows_until:
            self._rows_events = day.events
            return self._rows_shown
        rows: list[TimelineRow] = []
        cache: dict[str, tuple[tuple[Any, ...], TriggerEvent, TimelineRow]] = {}
        until = datetime.max.replace(tzinfo=day.now.tzinfo)
        for view in day.events:
            event = view.event
            relative = _relative_minutes(view.at, day.now)
            until = min(until, _relative_until(view.at, *relative))
            key = (view.state, view.at, relative, day.labels.get(event.id))
            cached = self._rows.get(event.id)
            if (cached is not None and cached[0] == key
                    and (cached[1] is event or cached[1] == event)):
                row = cached[2]
            else:
                row = self._row(view, day)
            cache[event.id] = (key, event, row)
            rows.append(row)
        self._rows = cache
        self._rows_shown, self._rows_until, self._rows_events = rows, until, day.events
        return rows

    def _row(self, view: EventView, day: DayView) -> TimelineRow:
        event = view.event
        name = event.name
        if event.meeting_title:
            name = f"{name} · {event.meeting_title}"
        seconds = (fmt_seconds(event.trigger.seconds(self.exercises))
                   if self._known(event) else "")
        return TimelineRow(
            event_id=event.id,
            time=f"{event.planned:%H:%M}",
            name=name,
            label=day.label(event),
            seconds=seconds,
            state=view.state,
            relative=relative_text(view.at, day.now),
        )

    def _countdown(self, view: DayView) -> Countdown | None:
        nxt = view.next
        if nxt is None:
            return None
        event = nxt.view.event
        detail = self._set_detail(event)
        if nxt.is_due:
            left = (nxt.view.grace_ends - view.now).total_seconds()
            return Countdown(event.id, f"▶ Due now · {clock_text(left)} left to start",
                             detail, urgent=True)
        when = clock_text(nxt.seconds) if nxt.seconds < 60 else minutes_text(nxt.seconds)
        if nxt.view.state is EventState.SNOOZED:
            return Countdown(event.id, f"⏸ Snoozed · due again in {when}", detail)
        return Countdown(event.id, f"◷ Next in {when}", detail, urgent=nxt.seconds < 60)

    def _set_detail(self, event: TriggerEvent) -> str:
        """``Ankle Pumps 10 s + Cervical Nod 12 s`` (worked out once per event: the
        countdown line asks for it every second)."""
        cached = self._details.get(event.id)
        if cached is not None and (cached[0] is event or cached[0] == event):
            return cached[1]
        detail = ""
        if self._known(event):
            detail = " + ".join(
                f"{self.exercises[i.exercise_id].name} "
                f"{fmt_seconds(i.seconds(self.exercises[i.exercise_id]))}"
                for i in event.trigger.items
            )
        self._details[event.id] = (event, detail)
        return detail

    @staticmethod
    def _day_off_text(view: DayView) -> str:
        if view.timeline.events or not view.reason:
            return ""
        reason = view.reason[:1].upper() + view.reason[1:]
        return f"{reason} — no sets today"

    def _panel_key(self, view: DayView) -> tuple[Any, ...]:
        event_id = self._selected
        state = None
        if event_id is not None and (found := view.view_of(event_id)) is not None:
            state = found.state
        heading = "Next set"
        if not self._follow:
            heading = "Selected set"
        elif view.due is not None:
            heading = "Due now"
        return (view.day, event_id, state, heading, view.reason,
                bool(view.timeline.events))

    # -- reactive watchers: each runs only when its value really changed --

    def watch_summary(self, summary: tuple[Any, ...]) -> None:
        day, has_sets, done, so_far, total, moved, streak = summary
        timeline = self.query_one(Timeline)
        timeline.border_title = f"{day:%A} {day.day} {day:%B}"
        timeline.border_subtitle = _plural(total, "set") if has_sets else ""
        text = Text(no_wrap=True, overflow="ellipsis")
        if has_sets:
            text.append("Done ")
            text.append(f"{done} of {so_far}", "bold")
            text.append(" so far")
        else:
            text.append("No sets today")
        text.append("  ·  Moved ")
        text.append(moved or "0 s", "bold")
        text.append(" today  ·  Streak ")
        text.append("…" if streak is None else _plural(streak, "day"), "bold")
        self.query_one("#today-summary", Static).update(text)

    def watch_calendar_problem(self, problem: str) -> None:
        line = self.query_one("#today-calendar", Static)
        line.update(f"⚠ Calendar not read: {problem}" if problem else "")
        line.set_class(bool(problem), "-visible")

    def watch_panel(self, key: tuple[Any, ...]) -> None:
        panel = self.query_one("#next-set", Static)
        _day, event_id, state, heading, reason, has_sets = key
        panel.border_title = heading
        event = None
        if event_id is not None and self.tracker.timeline is not None:
            event = self.tracker.timeline.by_id(event_id)
        if event is None:
            if not has_sets:
                panel.update(Text(f"{(reason or 'no sets today').capitalize()}.\n\n"
                                  "Enjoy the day.", "dim"))
            else:
                panel.update(Text("No more sets today.\n\nWell done — see you tomorrow.",
                                  "dim"))
            return
        panel.update(self._panel_content(event, state))

    def _panel_content(self, event: TriggerEvent, state: EventState | None) -> Table:
        grid = Table.grid(expand=True, padding=(0, 1))
        grid.add_column(ratio=1)
        grid.add_column(justify="right", no_wrap=True)
        head = Text.assemble((event.name, "bold"), (f"  {event.planned:%H:%M}", "dim"))
        grid.add_row(head, Text(str(state or ""), "dim"))
        if event.meeting_title:
            grid.add_row(Text(f"before {event.meeting_title}", "italic"), "")
        grid.add_row(Text(event.trigger.cue, "dim"), "")
        grid.add_row("", "")
        total = 0.0
        for item in event.trigger.items:
            exercise = self.exercises.get(item.exercise_id)
            if exercise is None:
                grid.add_row(item.exercise_id, "")
                continue
            seconds = item.seconds(exercise)
            total += seconds
            grid.add_row(exercise.name, fmt_seconds(seconds))
            grid.add_row(Text(f"  {exercise.region.label} · {exercise.posture}", "dim"), "")
        grid.add_row("", Text("────", "dim"))
        grid.add_row(Text("in all", "dim"), Text(fmt_seconds(total), "bold"))
        return grid

    def watch_week(self, week: tuple[tuple[str, int], ...]) -> None:
        """Re-plot only when the counts (or the day) change - never on a timer."""
        chart = self.query_one("#week-chart", PlotextPlot)
        plt = chart.plt
        plt.clear_figure()
        if week:
            labels = [label for label, _ in week[:-1]] + ["today"]
            counts = [count for _, count in week]
            positions = list(range(1, len(counts) + 1))
            plt.bar(positions, counts, width=0.5)
            plt.xticks(positions, labels)
            top = max(max(counts), 1)
            ticks = sorted({0, math.ceil(top / 2), top})
            plt.yticks(ticks)
            plt.ylim(0, top * 1.1)
        chart.refresh()

    def watch_action_targets(self) -> None:
        self.refresh_bindings()

    # -- keys --

    def _selected_view(self) -> EventView | None:
        if self.day_view is None or self._selected is None:
            return None
        return self.day_view.view_of(self._selected)

    def _start_target(self) -> str | None:
        selected = self._selected_view()
        return selected.id if selected is not None else None

    def _snooze_target(self) -> str | None:
        selected = self._selected_view()
        if selected is not None and selected.state in (EventState.DUE, EventState.SNOOZED):
            return selected.id
        return None

    def _skip_target(self) -> str | None:
        selected = self._selected_view()
        if selected is not None and selected.state in (
                EventState.DUE, EventState.UPCOMING, EventState.SNOOZED):
            return selected.id
        return None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        target = {"start": self._start_target, "snooze": self._snooze_target,
                  "skip": self._skip_target}.get(action)
        if target is None:
            return True
        return True if target() is not None else None

    def action_start(self) -> None:
        target = self._start_target()
        if target is None or self.tracker.timeline is None:
            self.notify("Nothing to start right now.", severity="warning")
            return
        event = self.tracker.timeline.by_id(target)
        if event is not None:
            self.post_message(self.StartSet(event))

    def action_snooze(self) -> None:
        target = self._snooze_target()
        if target is None:
            self.notify("Nothing is due to snooze.", severity="warning")
            return
        until = self.tracker.snooze(target, self.clock.now())
        self.notify(f"Snoozed until {until:%H:%M}.", timeout=3)
        self._follow = True
        self.refresh_view()

    def action_skip(self) -> None:
        target = self._skip_target()
        if target is None:
            self.notify("Nothing to skip.", severity="warning")
            return
        record = self.tracker.skip(target, self.clock.now())
        self._follow = True
        self.refresh_view()
        self._save_record(record)

    def action_select(self, step: int) -> None:
        if self.day_view is None or not self.day_view.events:
            return
        ids = [v.id for v in self.day_view.events]
        index = ids.index(self._selected) if self._selected in ids else 0
        index = max(0, min(len(ids) - 1, index + step))
        self._selected = ids[index]
        self._follow = False
        self.refresh_view()
        self.query_one(Timeline).scroll_to_event(self._selected)

    def action_add_meeting(self) -> None:
        trigger = self.routine.trigger(TriggerKind.PRE_MEETING)
        lead = None
        if trigger is not None:
            lead = self.settings.pre_meeting_lead_minutes
            lead = (trigger.lead_minutes or 0) if lead is None else lead
        self.app.push_screen(MeetingDialog(lead), self._meeting_entered)

    def _meeting_entered(self, result: tuple[time, str] | None) -> None:
        if result is None:
            return
        at, title = result
        meeting, event = self.tracker.add_meeting(at, title)
        if event is not None:
            self._selected, self._follow = event.id, False
            self.notify(f"{meeting.title} at {at:%H:%M}: a set at {event.planned:%H:%M} "
                        "before it.", title="Meeting added", timeout=5)
        else:
            self.notify(f"{meeting.title} at {at:%H:%M} gets no set of its own: it is "
                        "outside the working day or already under way.",
                        title="Meeting added", timeout=6)
        self.refresh_view()
        if event is not None:
            self.query_one(Timeline).scroll_to_event(event.id)

    # -- for the app --

    def session_logged(self, record: Mapping[str, Any]) -> None:
        """Count a session record the app just logged (a set played to the end, say)."""
        self.tracker.add_record(record)
        self.refresh_view()

    # -- the session log (thread workers) --

    @work(thread=True, group="today-write", exit_on_error=False)
    def _save_record(self, record: dict[str, Any]) -> None:
        """Log a skip (kept for the next write if it cannot be saved)."""
        failed = self.services.log.write("session", record)
        if failed is not None:
            notify_kept(self, failed, "session", title="Could not save the skip")

    def _read_today_now(self) -> None:
        """Today's records, before the first paint: a set done before the app started shows
        as done from the first frame, never as due. The store holds the newest day's file
        in memory from the moment it opened, so this costs no disk read."""
        if self.store is None:
            return
        view = self.tracker.sample(self.clock.now(), self.clock.monotonic())
        day, tz = view.day, self.tracker.tz
        try:
            records = self.store.sessions(since=(day - timedelta(days=1)).isoformat())
        except Exception:  # noqa: BLE001 - the worker's read says what is wrong
            return
        prefix = f"{day.isoformat()}:"
        self.tracker.set_records(
            [r for r in records
             if str(r.get("event_id") or "").startswith(prefix) or record_day(r, tz) == day])
        self._log_ready = True

    def load_log(self) -> None:
        """Re-read today's session records, then the history behind the streak."""
        if self.store is None or self.tracker.day is None or self.tracker.tz is None:
            return
        self._read_log(self.store, self.tracker.day, self.tracker.tz)

    @work(thread=True, group="today-log", exclusive=True, exit_on_error=False)
    def _read_log(self, store: Store, day: date, tz: tzinfo) -> None:
        """Today and the week chart's days: what the first paint needs."""
        week = (day - timedelta(days=CHART_DAYS)).isoformat()
        try:
            records = store.sessions(since=week)
        except Exception as exc:
            self.post_message(LogRead(day, problem=f"{exc}"))
            return
        history = done_by_day(records, tz)
        history.pop(day, None)
        prefix = f"{day.isoformat()}:"
        today = [r for r in records
                 if str(r.get("event_id") or "").startswith(prefix) or record_day(r, tz) == day]
        if not get_current_worker().is_cancelled:
            self.post_message(LogRead(day, records=today, history=history))

    @work(thread=True, group="today-log", exclusive=True, exit_on_error=False)
    def _read_streak(self, store: Store, day: date, tz: tzinfo,
                     history: dict[date, int]) -> None:
        """The days behind the streak (read once the first paint is out)."""
        since = (day - timedelta(days=HISTORY_DAYS)).isoformat()
        before = (day - timedelta(days=CHART_DAYS + 1)).isoformat()
        history = dict(history)
        try:
            # A day at the seam may be split between the two reads (local days are not
            # the records' own date prefixes): counts add up.
            for older_day, count in done_by_day(store.iter_sessions(since, before), tz).items():
                if older_day != day:
                    history[older_day] = history.get(older_day, 0) + count
        except Exception as exc:
            self.notify(f"{exc}", title="Could not read the streak's days",
                        severity="error", timeout=10)
            return
        if not get_current_worker().is_cancelled:
            self.post_message(StreakRead(day, history))

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
        self._log_ready = True
        self.refresh_view()
        if self.store is not None and self.tracker.tz is not None:
            self.call_after_refresh(self._read_streak, self.store, message.day,
                                    self.tracker.tz, message.history)

    def on_streak_read(self, message: StreakRead) -> None:
        if self.tracker.day != message.day:
            return
        self.tracker.set_history(message.history)
        self._streak_known = True
        self.refresh_view()

    # -- the calendar (thread workers) --

    def check_calendar(self, *, throttle: bool = True) -> None:
        """Re-read the calendar if its file changed (checked every few seconds at most)."""
        if self.calendar_path is None or self.tracker.day is None or self._calendar_busy:
            return
        now = self.clock.monotonic()
        if throttle and now - self._calendar_checked < CALENDAR_CHECK_SECONDS:
            return
        self._calendar_checked = now
        self._calendar_busy = True
        self._read_calendar(self.calendar_path, self.tracker.day, self.tracker.tz,
                            self._calendar_key)

    @work(thread=True, group="today-calendar", exit_on_error=False)
    def _read_calendar(self, path: Path, day: date, tz: tzinfo, known: Any) -> None:
        meetings, problem = None, ""
        try:
            stat = path.stat()
            key: Any = (stat.st_mtime_ns, stat.st_size)
        except OSError:
            key = None
        if key != known:
            try:
                meetings = read_meetings(path, day, tz)
            except CalendarError as exc:
                problem = str(exc)
            except Exception as exc:  # a bug in a parser must not take the day down
                problem = f"{path}: {exc}"
        self.post_message(CalendarRead(path, day, key, known, meetings, problem))

    def on_calendar_read(self, message: CalendarRead) -> None:
        self._calendar_busy = False
        day, key, known = message.day, message.key, message.known
        meetings, problem = message.meetings, message.problem
        if key == known or self.tracker.day != day or message.path != self.calendar_path:
            return
        self._calendar_key = key
        if problem:
            if problem != self.calendar_problem:
                self.notify(problem, title="Calendar not read", severity="error", timeout=10)
            self.calendar_problem = problem  # the last good meetings stay in place
            return
        self.calendar_problem = ""
        if meetings is not None and self.tracker.set_calendar_meetings(meetings, day):
            self.refresh_view()

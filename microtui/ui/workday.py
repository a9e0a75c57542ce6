"""What happens to the app during the workday: sets logged, check-ins asked, sets started by
themselves, suggestions offered, and a clean exit when the terminal goes away.

:class:`Workday` is the base class of :class:`~microtui.ui.app.MicroTuiApp`: it declares the
little it needs of the app shell (the screens it finds and the player it opens), and the
app itself only knows modes, keys and screens. Every record goes through the app's one
:class:`~microtui.log_writer.LogWriter`, in a thread worker, when its event happens.
"""

from __future__ import annotations

import asyncio
import contextlib
import signal
from collections.abc import Callable
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import events, work
from textual.app import App
from textual.widget import Widget

from microtui.core.routine import TriggerKind
from microtui.log_writer import KINDS, WriteFailed, count_unsaved
from microtui.ui.calendar_refresh import CalendarFetched, CalendarRefresh, fetch_source
from microtui.ui.leaving import StopKeysWhenLeaving
from microtui.ui.screen_preload import after_start
from microtui.ui.textual_compat import forget_removed_styles
from microtui.ui.timers import every, later

if TYPE_CHECKING:
    from microtui.calendar_source import CalendarAddress
    from microtui.core.event_states import EventView
    from microtui.core.routine import SetItem
    from microtui.core.settings import UserSettings
    from microtui.ui.screens.checkin import CheckinScreen
    from microtui.ui.screens.player import PlayerScreen
    from microtui.ui.screens.routine_offers import IntervalChanged
    from microtui.ui.screens.today import TodayScreen
    from microtui.ui.services import Services
    from microtui.ui.widgets.mental_break import MentalBreakSetting

#: Seconds after start-up before the whole store is checked in the background.
VERIFY_AFTER_SECONDS = 5.0

MOVED = ("completed", "partial", "stopped-for-pain")
"""Outcomes of a set in which the user moved (the end-of-day check-in is offered then)."""
ENDED = ("completed", "partial")
"""Outcomes of a set followed by the brief mental break (not a stop for pain)."""


class Workday(StopKeysWhenLeaving):
    """The workday's side of the app (see the module docstring)."""

    services: Services
    pending_suggestions: int
    """Progression suggestions found at start-up (Progress's summary counts them)."""
    calendar_refresh: CalendarRefresh
    """When the calendar address is fetched next, and the failure said once."""
    asking_checkin = False
    leave_after_end_set = False
    _break: Widget | None = None
    """The mental break's line while it shows."""
    """Quitting offered the End of Day set and it is being played: leave after it."""
    on_terminate: Callable[[int], None] | None = None
    """Called with the exit code when the terminal goes away (SIGHUP) or the app is told to
    stop (SIGTERM), after the set in progress is logged: the command line's watchdog, which
    ends the process if Textual cannot shut down (its terminal is gone)."""

    # -- what the app shell provides ------------------------------------------------------

    def today_screen(self) -> TodayScreen | None:
        """Today, if it has been made."""
        raise NotImplementedError

    def player_screen(self) -> PlayerScreen | None:
        """The player, if a set is being played."""
        raise NotImplementedError

    def push_player(self, items: tuple[SetItem, ...], *, title: str, event_id: str | None,
                    trigger: str | None) -> None:
        """Open the player on ``items`` now (no check-in first)."""
        raise NotImplementedError

    def change_settings(self, **changes: object) -> None:
        """Change the settings in force and tell every screen."""
        raise NotImplementedError

    # -- the workday ----------------------------------------------------------------------

    def start_workday(self) -> None:
        self._checkins_asked: set[tuple[date, str]] = set()
        services = self.services
        if services.settings.current.autostart_seconds is not None:
            self._autostarted: set[str] = set()
            every(self, services.clock, 1.0, self._autostart_tick, name="autostart")
        if services.store is not None:  # once the first frame has had time to show
            after_start(self, self._find_offers)
            after_start(self, self._read_history)
            # The store checks older days of the log when they are first read; the whole
            # of it is checked once, after start-up, so damage is known early.
            later(self, services.clock, VERIFY_AFTER_SECONDS, self._verify_store,
                  name="verify")
        # Textual skips unmount handlers on SIGHUP (the terminal tab closed) and SIGTERM:
        # log a set in progress as partial, then leave.
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGHUP, signal.SIGTERM):
            with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
                loop.add_signal_handler(sig, self.terminated, sig)

    @property
    def unsaved(self) -> list[tuple[str, dict[str, Any]]]:
        """Records whose write failed, as ``(kind, record)``: retried with the next write
        and at exit, and printed as JSON on the way out if they still cannot be saved."""
        return self.services.log.unsaved

    def today_date(self) -> date:
        return self.services.clock.now().date()

    # -- background checks ----------------------------------------------------------------

    @work(thread=True, group="verify", exit_on_error=False)
    def _verify_store(self) -> None:
        """Check every data file (in a thread); a damaged one is reported, never touched."""
        from microtui.store import StoreError

        store = self.services.store
        if store is None:
            return
        try:
            store.verify()
        except StoreError as exc:
            self.notify(str(exc), title="Damaged data file", severity="error", timeout=30)

    @work(thread=True, group="history", exclusive=True, exit_on_error=False)
    def _read_history(self) -> None:
        """The log's older days, read once for every screen (a worker starts after the
        first paint); a damaged day is reported by Progress, which reads it again."""
        with contextlib.suppress(Exception):
            self.services.history.load(self.today_date())

    @work(thread=True, group="offers", exit_on_error=False)
    def _find_offers(self) -> None:
        """What Today offers at start: the fortnightly mobility screen (the guide's objective
        checks) and progression suggestions (its progressive variation)."""
        from microtui.core.checkin import mobility_due
        from microtui.core.fatigue import fatigue_for
        from microtui.core.progression import progression_log, progression_suggestions

        store, library = self.services.store, self.services.library
        routine = self.services.settings.current.routine
        assert store is not None
        from microtui.ui.widgets.mental_break import MentalBreakSetting

        today = self.today_date()
        since = (today - timedelta(days=120)).isoformat()
        sessions = store.sessions(since=since)
        settings = store.user_settings()
        self.post_message(MentalBreakSetting(settings.mental_break, stored=True))
        declined, accepted = progression_log(settings)
        suggestions = progression_suggestions(sessions, routine, library.exercises,
                                              today, declined, accepted=accepted)
        self.pending_suggestions = len(suggestions)
        offers = []
        if sessions and mobility_due(store.measurements(), today):
            offers.append("Your fortnightly mobility screen is due: press 4, then m.")
        for suggestion in suggestions:
            offers.append(f"{suggestion.describe(library.exercises, routine)} "
                          "Press 3 to accept or decline.")
        fatigue = fatigue_for(store.checkins(), today, settings, routine)
        if fatigue is not None:
            offers.append(f"{fatigue.describe()} Press 3 to accept or decline.")
        if offers:
            self.notify("\n".join(offers), title="Suggested", timeout=20)

    # -- settings the screens change --------------------------------------------------------

    def on_mental_break_setting(self, message: MentalBreakSetting) -> None:
        """The pause after a set turned on or off (stored at once), or read at start."""
        self.services.settings.change(mental_break=message.on)
        if not message.stored and self.services.store is not None:
            on = message.on
            self.write_settings(lambda saved: saved.with_mental_break(on))

    def on_interval_changed(self, message: IntervalChanged) -> None:
        """The 15-minute interval was taken (and stored): Today follows it."""
        self.change_settings(schedule=message.schedule)

    @work(thread=True, group="settings-write", exit_on_error=False)
    def write_settings(self, change: Callable[[UserSettings], UserSettings], *,
                       title: str = "Could not save the setting", then: str = "") -> None:
        """Store ``change`` of the settings (the store's one update, under its lock) in a
        thread worker; a failure is said in a toast (``title``, ``then`` after the reason)."""
        store = self.services.store
        assert store is not None
        try:
            store.update_settings(change)
        except Exception as exc:  # noqa: BLE001 - StoreWriteError and the like
            self.notify(f"{exc}{then}", title=title, severity="error", timeout=15)

    # -- a calendar address: fetched on start and every 15 minutes, in a thread --

    def refresh_calendar(self) -> None:
        source = self.calendar_refresh.next_fetch(self.services.settings.current.calendar_path)
        if source is not None:
            self._fetch_calendar(source)

    @work(thread=True, group="calendar-fetch", exit_on_error=False)
    def _fetch_calendar(self, source: CalendarAddress) -> None:
        self.post_message(fetch_source(source, self.services.clock.now()))

    def on_calendar_fetched(self, message: CalendarFetched) -> None:
        problem = self.calendar_refresh.take(message)
        today = self.today_screen()
        if not message.problem and today is not None:
            today.calendar_watch.changed()
            today.check_calendar(throttle=False)  # a new copy: read it now
        if problem:
            self.notify(problem, title="Calendar not updated", severity="warning", timeout=10)

    # -- sets started by themselves -------------------------------------------------------

    def _autostart_tick(self) -> None:
        """Open the player by itself once a due set has waited ``autostart_seconds``.

        Nobody may be at the keyboard, so nothing that waits for an answer may hold up the
        day: the set opens without the start-of-day check-in (that comes with the first set
        the user starts), and the previous set's summary, left unanswered, is closed (with
        whatever note was typed) when the next set is due (the set was logged when it ended;
        the note is added to it)."""
        from microtui.ui.screens.player_dialogs import SetSummaryScreen

        today = self.today_screen()
        view = today.day_view if today is not None else None
        due = view.due if view is not None else None
        if due is None or due.id in self._autostarted:
            return
        wait = self.services.settings.current.autostart_seconds or 0
        if (self.services.clock.now() - due.at).total_seconds() < wait:
            return
        player = self.player_screen()
        if player is not None:
            if isinstance(self.screen, SetSummaryScreen) and self.screen_stack[-2] is player:
                self.screen.action_close()  # the player then logs its set and closes
            return
        if self.asking_checkin or len(self.screen_stack) > 1:
            return  # never over a dialog or another screen the user is in
        self._autostarted.add(due.id)
        event = due.event
        self.push_player(event.trigger.items, title=event.name, event_id=event.id,
                         trigger=event.kind.value)

    # -- records --------------------------------------------------------------------------

    def on_player_screen_set_recorded(self, message: PlayerScreen.SetRecorded) -> None:
        """The set so far (an exercise done, or its end): logged now, each version in turn
        replacing the one before, so a process killed mid-set or with the summary open
        keeps it."""
        self.save_session(message.record)

    def set_ended(self, record: dict[str, Any] | None) -> None:
        """The player closed with ``record`` (None: nothing to log); it was logged when the
        set ended, and a note typed into the summary is added to it now."""
        forget_removed_styles()  # of the summary, the toasts, the check-ins (textual#6665)
        if record is None:
            return
        today = self.today_screen()
        if today is not None:
            today.session_logged(record)
        if record.get("note"):
            self.save_session(record)
        end_of_day = record.get("trigger") == TriggerKind.END_OF_DAY.value
        leave = self.leave if end_of_day and self.leave_after_end_set else None
        if end_of_day and self.checkin_due("end"):
            self._remember_in_background()
            self.ask_checkin("end", then=leave)  # itself a pause
        elif leave is not None:
            leave()
        elif record.get("outcome") in ENDED and self.services.settings.current.mental_break:
            self.call_after_refresh(self._take_break)

    # -- the brief mental break after a set -------------------------------------------------

    def _take_break(self) -> None:
        """One line on the screen in front: a few seconds to look away and breathe."""
        from microtui.ui.widgets.mental_break import show_break

        self._end_break()
        self._break = show_break(self, self.services.clock)

    def _end_break(self) -> None:
        from microtui.ui.widgets.mental_break import MentalBreak

        line, self._break = self._break, None
        if isinstance(line, MentalBreak):
            line.end()

    async def on_event(self, event: events.Event) -> None:
        """Any key ends the mental break early (and still does what it does)."""
        if isinstance(event, events.Key) and self._break is not None:
            self._end_break()
        await super().on_event(event)

    def save_session(self, record: dict[str, Any]) -> None:
        """Log a set (with whatever earlier writes failed); a failed write is kept."""
        self.write_record("session", record)

    def write_record(self, kind: str, record: dict[str, Any]) -> None:
        """Write ``record`` in a worker; records handed over here are written in order."""
        self.services.log.enqueue(kind, record)
        self._write_queued(kind)

    @work(thread=True, group="log-write", exit_on_error=False)
    def _write_queued(self, kind: str) -> None:
        failed = self.services.log.write_queued()
        if failed is not None:
            notify_kept(self, failed, kind)

    # -- check-ins (the guide's subjective metrics, start and end of the workday) -----------

    def checkin_due(self, moment: str) -> bool:
        from microtui.core.checkin import checkin_due

        store = self.services.store
        if store is None or (self.today_date(), moment) in self._checkins_asked:
            return False
        try:
            return checkin_due(store.checkins(), self.today_date(), moment)
        except Exception:  # noqa: BLE001 - a read problem must not block a set
            return False

    def start_checkin_due(self) -> bool:
        """Whether the set about to start opens with the start-of-day check-in: not answered
        today, and the workday has not ended (``2`` at 19:00 just plays)."""
        from microtui.core.checkin import start_checkin_time

        return (self.checkin_due("start")
                and start_checkin_time(self.services.settings.current.schedule,
                                       self.services.clock.now()))

    def ask_checkin(self, moment: str, *, then: Callable[[], None] | None = None,
                    end_set: EventView | None = None, rate: bool = True) -> None:
        """Ask stiffness, energy and focus (1-10); save the answer, then go on with ``then``
        (escape skips). ``end_set`` (quitting late) is offered too: ``p`` plays it (then
        the check-in, then leaves), ``x`` skips it; ``rate`` False asks no ratings."""
        from microtui.ui.screens.checkin import CheckinScreen

        def answered(record: dict[str, Any] | None) -> None:
            self.asking_checkin = False
            if end_set is not None and screen.end_set_choice == "play":
                self._checkins_asked.discard((self.today_date(), moment))  # after the set
                self.leave_after_end_set = True
                event = end_set.event
                self.push_player(event.trigger.items, title=event.name, event_id=event.id,
                                 trigger=event.kind.value)
                return
            if record is not None and self.services.store is not None:
                if then == self.leave:  # leaving: write now, the workers are about to stop
                    failed = self.services.log.write("checkin", record)
                    if failed is not None:
                        notify_kept(self, failed, "checkin")
                else:
                    self.write_record("checkin", record)
            if then is not None:
                then()

        self.asking_checkin = True
        self._checkins_asked.add((self.today_date(), moment))  # escape skips it for today
        screen = CheckinScreen(moment, day=self.today_date(), clock=self.services.clock,
                               end_set=end_set.event.name if end_set else None,
                               end_set_id=end_set.id if end_set else None, rate=rate)
        self.push_screen(screen, answered)

    def on_checkin_screen_end_set_skipped(self, message: CheckinScreen.EndSetSkipped) -> None:
        """``x`` on quitting's dialog: the End of Day set is logged skipped, at once."""
        from microtui.ui.end_set_offer import skip_end_set

        skip_end_set(self, message.event_id)

    # -- leaving --------------------------------------------------------------------------

    def _end_checkin_offered_on_quit(self) -> bool:
        """Whether ``q`` offers the end-of-day check-in: not answered today, not offered on
        quitting today already (escape skips it for the day, across restarts), a set moved
        today, and the day's end is near (:func:`~microtui.core.checkin.end_checkin_time`)."""
        from microtui.core.checkin import end_checkin_time

        store = self.services.store
        if store is None or not self.checkin_due("end"):
            return False
        now = self.services.clock.now()
        today = now.date().isoformat()
        try:
            if store.user_settings().end_checkin_offered == now.date():
                return False
            sessions = store.sessions(since=today, until=today)
        except Exception:  # noqa: BLE001
            return False
        end_played = any(s.get("trigger") == TriggerKind.END_OF_DAY.value
                         and s.get("outcome") in MOVED for s in sessions)
        return (any(s.get("outcome") in MOVED for s in sessions)
                and end_checkin_time(self.services.settings.current.schedule, now,
                                     end_of_day_set_played=end_played))

    def _offered_on_quit_today(self) -> bool:
        store = self.services.store
        try:
            return store is None or store.user_settings().end_checkin_offered == self.today_date()
        except Exception:  # noqa: BLE001 - a read problem: offer nothing
            return True

    def _remember_end_checkin_offered(self) -> None:
        """Quitting offered the end-of-day check-in today: not again today."""
        store = self.services.store
        day = self.today_date()
        if store is not None:
            with contextlib.suppress(Exception):  # at worst it is offered once more
                store.update_settings(lambda saved: saved.with_end_checkin_offered(day))

    @work(thread=True, group="settings-write", exit_on_error=False)
    def _remember_in_background(self) -> None:
        self._remember_end_checkin_offered()

    def quit_now(self) -> None:
        """``q``: leave, offering the end-of-day check-in first when it is time for it, and
        the End of Day set in the workday's last hour or later if it is not done."""
        from microtui.ui.end_set_offer import end_set_to_offer

        end_set = (None if self.asking_checkin or self._offered_on_quit_today()
                   else end_set_to_offer(self))
        self.finish_interrupted_set()
        checkin = not self.asking_checkin and self._end_checkin_offered_on_quit()
        if checkin or end_set is not None:
            self._remember_end_checkin_offered()  # once a day: escape means not today
            self.ask_checkin("end", then=self.leave, end_set=end_set, rate=checkin)
            return
        self.leave()

    def quit_at_once(self) -> None:
        """``ctrl+q``: leave now, asking nothing; the set in progress and whatever could not
        be saved are still written first."""
        self.finish_interrupted_set()
        self.leave()

    def leave(self) -> None:
        from microtui.ui.terminal import terminal_for

        terminal_for(self).restore()
        report = self.unsaved_report()
        self.leaving = True
        # Still unsaved after the last try: printed once the terminal is back, not lost.
        self.exit(return_code=1 if report is not None else 0, message=report)

    def unsaved_report(self) -> Text | None:
        """What could not be saved, as JSON in the shape of ``microtui export``; None if all
        is saved."""
        report = self.services.log.report()
        return Text(report) if report is not None else None

    def finish_interrupted_set(self) -> None:
        """Log the set in progress (partial, with what was done) before the app goes, and
        try once more to save what could not be saved."""
        player = self.player_screen()
        record = player.interrupt_record() if player is not None else None
        if record is not None:
            self.services.log.write("session", record)
        else:
            self.services.log.retry()

    def terminated(self, sig: int) -> None:
        self.finish_interrupted_set()
        store = self.services.store
        if store is not None:
            with contextlib.suppress(Exception):  # e.g. the lock in a now read-only directory
                store.close()
        if self.on_terminate is not None:
            self.on_terminate(128 + sig)
        self.exit(return_code=128 + sig, message=self.unsaved_report())


def notify_kept(node: App[Any] | Widget, failed: WriteFailed, kind: str, *,
                title: str | None = None) -> None:
    """Tell the user that a write failed and what is kept for the next try (thread-safe,
    as ``notify`` is). ``kind`` is the record just written; ``title`` names it otherwise
    than its kind does ("Could not save the skip")."""
    if kind == "session" and title is None:
        kept = count_unsaved(failed.kept)
        kept = "The set is" if kept == "1 set" else f"{kept} are"
        node.notify(f"{failed.problem}\n{kept} kept and will be saved with the next set "
                    "(or on quit).", title="Could not save the set", severity="error",
                    timeout=15)
        return
    what = KINDS[kind].one
    node.notify(f"{failed.problem}\nThe {what} is kept and will be saved with your next set "
                "(or on quit).", title=title or f"Could not save the {what}",
                severity="error", timeout=15)

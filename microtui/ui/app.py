"""The microtui application shell: modes, global keys, help and the command palette.

Each top-level screen is a Textual *mode* with its own screen stack, switched with a
number key. To add one, write its screen and add one line to :data:`APP_MODES`; the
mode, its key binding (id ``mode.<name>``) and its footer label all follow from it.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import json
import os
import signal
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual.app import App
from textual.binding import Binding, BindingType
from textual.screen import Screen

from microtui.core.clock import Clock, SystemClock
from microtui.core.loader import Library
from microtui.core.routine import Routine, SetItem, TriggerKind, routine_to_dict
from microtui.core.schedule import ScheduleSettings, TriggerEvent
from microtui.ui.commands import ExerciseCommands
from microtui.ui.screens.today import TodayScreen
from microtui.ui.terminal import NotifyProtocol, terminal_for

if TYPE_CHECKING:
    from microtui.store import Store
    from microtui.ui.screens.player import PlayerScreen
    from microtui.ui.screens.routine import RoutineScreen

# Only Today is imported up front: the other screens load when first opened, which keeps
# start-up to first paint short.


@dataclass(frozen=True)
class AppMode:
    """A top-level screen: its mode name, the key that shows it, and its base screen."""

    name: str
    key: str
    title: str
    screen: Callable[[MicroTuiApp], Screen] | None
    """Builds the mode's base screen; None for a key that opens a screen on top instead."""

    def binding(self) -> Binding:
        action = f"app.switch_mode('{self.name}')" if self.screen else f"app.{self.name}"
        return Binding(self.key, action, self.title, id=f"mode.{self.name}", group=SCREENS)


#: What a record whose write failed is (``MicroTuiApp.unsaved``): the store method that saves
#: it, the key it has in ``microtui export``, and how to name it in a message.
UNSAVED_KINDS: dict[str, tuple[str, str, str, str]] = {
    "session": ("add_session", "sessions", "set", "sets"),
    "checkin": ("add_checkin", "checkins", "check-in", "check-ins"),
    "measurement": ("add_measurement", "measurements", "mobility screen", "mobility screens"),
}


def count_unsaved(items: list[tuple[str, dict[str, Any]]]) -> str:
    """``1 set and 2 check-ins``: what ``items`` hold, in words."""
    parts = []
    for kind, (_, _, one, many) in UNSAVED_KINDS.items():
        n = sum(1 for k, _ in items if k == kind)
        if n:
            parts.append(f"{n} {one if n == 1 else many}")
    return " and ".join(parts) or "nothing"


#: Seconds after start-up before the whole store is checked in the background.
VERIFY_AFTER_SECONDS = 5.0

SWITCH_INTERVAL = 0.001
"""Seconds a thread may keep the interpreter lock while another waits for it (Python's
default: 0.005). The store is read in worker threads while the event loop draws, and every
system call a reader makes hands the lock to the event loop: at the default it then waits
5 ms to get it back. Progress's first read (about 80 calls, 40 ms of work) took a quarter of
a second on a busy event loop; the event loop, in turn, now waits at most a millisecond for
a worker that parses."""


def tune_interpreter() -> None:
    """Process-wide settings the app runs with (see :data:`SWITCH_INTERVAL`)."""
    sys.setswitchinterval(SWITCH_INTERVAL)

SCREENS = Binding.Group("Screens", compact=True)
"""The footer shows the mode keys as one group (``12345 Screens``); help lists each."""

APP_MODES: tuple[AppMode, ...] = (
    AppMode("today", "1", "Today", lambda app: app.make_today()),
    AppMode("play", "2", "Player", None),
    AppMode("routine", "3", "Routine", lambda app: app.make_routine()),
    AppMode("progress", "4", "Progress", lambda app: app.make_progress()),
    AppMode("library", "5", "Library", lambda app: app.make_library()),
)
"""The app's modes in key order. The player (``2``) is pushed over Today, not a mode."""


class MicroTuiApp(App[None]):
    """Micro-movements for desk workers, in the terminal."""

    TITLE = "microtui"
    CSS_PATH = "app.tcss"
    BINDING_GROUP_TITLE = "Everywhere"
    DEFAULT_MODE = "today"
    COMMANDS = App.COMMANDS | {ExerciseCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        *(mode.binding() for mode in APP_MODES),
        Binding("question_mark", "help", "Help", id="help"),
        Binding("q", "quit", "Quit", id="quit"),
        Binding(
            "ctrl+p",
            "command_palette",
            "Find",  # exercises and commands; short, so Help and Quit fit at 80 columns
            id="command-palette",
            show=False,
            priority=True,
        ),
    ]

    def __init__(
        self,
        library: Library,
        *,
        clock: Clock | None = None,
        store: Store | None = None,
        data_dir: Path | None = None,
        routine: Routine | None = None,
        settings: ScheduleSettings | None = None,
        calendar_path: Path | None = None,
        first_seen: datetime | None = None,
        notify_protocol: NotifyProtocol | None = None,
        autostart_seconds: int | None = None,
        mode: str = "today",
    ) -> None:
        self.DEFAULT_MODE = mode
        super().__init__()
        tune_interpreter()
        self.library = library
        self.clock: Clock = clock if clock is not None else SystemClock()
        self.store = store
        self.data_dir = data_dir
        self.routine = routine or library.default_routine
        self.settings = settings or ScheduleSettings()
        self.calendar_path = calendar_path
        self.first_seen = first_seen
        self.notify_protocol = notify_protocol
        self.autostart_seconds = autostart_seconds
        self._checkins_asked: set[tuple[Any, str]] = set()
        self.pending_suggestions = 0
        self.unsaved: list[tuple[str, dict[str, Any]]] = []
        """Records whose write failed, as ``(kind, record)`` (kinds: :data:`UNSAVED_KINDS`);
        retried with the next set's write and at exit, and printed as JSON on the way out if
        they still cannot be saved."""
        self._unsaved_problem = ""
        for app_mode in APP_MODES:
            if app_mode.screen is not None:
                self._modes[app_mode.name] = partial(app_mode.screen, self)

    # -- screens ------------------------------------------------------------------------

    def make_today(self) -> TodayScreen:
        return TodayScreen(
            self.library, self.routine, self.clock, self.store, self.settings,
            self.calendar_path, first_seen=self.first_seen,
            notify_protocol=self.notify_protocol,
        )

    def make_routine(self) -> RoutineScreen:
        from microtui.ui.screens.routine import RoutineScreen

        return RoutineScreen(self.library, self.store, self.clock, self.settings, self.routine)

    def make_progress(self) -> Screen:
        from microtui.ui.screens.progress import ProgressScreen

        return ProgressScreen()

    def make_library(self) -> Screen:
        from microtui.ui.screens.library import LibraryScreen

        return LibraryScreen()

    def use_routine(self, routine: Routine, settings: ScheduleSettings | None = None) -> None:
        """Make ``routine`` the one Today follows; Today and the builder are rebuilt."""
        self.routine = routine
        if settings is not None:
            self.settings = settings
        today = self._today()
        if today is not None:
            today.use_routine(self.routine, self.settings)
        if self.current_mode != "routine" and "routine" in self._screen_stacks:
            # The builder is rebuilt from the new routine the next time it is opened.
            self.remove_mode("routine")
            self._modes["routine"] = self.make_routine

    def on_routine_screen_routine_saved(self, message: RoutineScreen.RoutineSaved) -> None:
        if self.store is not None:
            self.calendar_path = self.store.user_settings().calendar_path()
        self.use_routine(message.routine, message.settings)
        self.notify(f"Today now follows {message.routine.name}.", timeout=4)

    def _today(self) -> TodayScreen | None:
        for stack in self._screen_stacks.values():
            for screen in stack:
                if isinstance(screen, TodayScreen):
                    return screen
        return None

    def _player(self) -> PlayerScreen | None:
        module = sys.modules.get("microtui.ui.screens.player")
        if module is None:  # never opened, so no player is running
            return None
        for stack in self._screen_stacks.values():
            for screen in stack:
                if isinstance(screen, module.PlayerScreen):
                    return screen
        return None

    def on_mount(self) -> None:
        self.set_interval(60.0, self.release_removed_widgets, name="release-widgets")
        if self.autostart_seconds is not None:
            self._autostarted: set[str] = set()
            self.set_interval(1.0, self._autostart_tick, name="autostart")
        if self.store is not None:
            self.run_worker(self._find_offers, thread=True, group="offers",
                            exit_on_error=False)
            # The store checks older days of the log when they are first read; the whole
            # of it is checked once, after start-up, so damage is known early.
            self.set_timer(VERIFY_AFTER_SECONDS, self._verify_store_later, name="verify")
        # Textual skips unmount handlers on SIGHUP (the terminal tab closed) and SIGTERM:
        # log a set in progress as partial, then leave.
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGHUP, signal.SIGTERM):
            with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
                loop.add_signal_handler(sig, self._terminated, sig)

    def _verify_store_later(self) -> None:
        self.run_worker(self._verify_store, thread=True, group="verify", exit_on_error=False)

    def _verify_store(self) -> None:
        """Check every data file (in a thread); a damaged one is reported, never touched."""
        from microtui.store import StoreError

        if self.store is None:
            return
        try:
            self.store.verify()
        except StoreError as exc:
            self.call_from_thread(self.notify, str(exc), title="Damaged data file",
                                  severity="error", timeout=30)

    def release_removed_widgets(self) -> None:
        """Let go of removed widgets that Textual (8.2) would otherwise keep for good.

        * A ``watch`` or ``data_bind`` entry of a removed widget is dropped only when the
          watched attribute next changes. Each player's Header watches the app's title and
          each Footer rebuild binds its keys to the footer's ``compact``; neither changes.
        * ``StylesCache.get_inner_outer`` is an ``lru_cache`` on a method: its 1024 entries
          hold their widgets' style caches, with the last rendered lines in them.

        Every set played left about 45 widgets and 170 style caches behind, some 12,000
        objects a set for the rest of the day (found by bench/soak.py). Called when a set
        ends and once a minute.
        """
        nodes = [self, *(node for stack in self._screen_stacks.values() for screen in stack
                         for node in screen.walk_children(with_self=True))]
        for node in nodes:
            for entries in (getattr(node, "__watchers", None) or {}).values():
                entries[:] = [(owner, callback) for owner, callback in entries
                              if not getattr(owner, "_closing", False)]
        from textual._styles_cache import StylesCache

        with contextlib.suppress(AttributeError):  # gone or no longer cached
            StylesCache.get_inner_outer.cache_clear()

    def _autostart_tick(self) -> None:
        """Open the player by itself once a due set has waited ``autostart_seconds``.

        Nobody may be at the keyboard, so nothing that waits for an answer may hold up the
        day: the set opens without the start-of-day check-in (that comes with the first set
        the user starts), and the previous set's summary, left unanswered, is closed (with
        whatever note was typed) when the next set is due, so that set is logged first."""
        today = self._today()
        view = today.day_view if today is not None else None
        due = view.due if view is not None else None
        if due is None or due.id in self._autostarted:
            return
        if (self.clock.now() - due.at).total_seconds() < (self.autostart_seconds or 0):
            return
        player = self._player()
        if player is not None:
            summary = sys.modules["microtui.ui.screens.player"].SetSummaryScreen
            if isinstance(self.screen, summary) and self.screen_stack[-2] is player:
                self.screen.action_close()  # the player then logs its set and closes
            return
        if self._asking_checkin or len(self.screen_stack) > 1:
            return  # never over a dialog or another screen the user is in
        self._autostarted.add(due.id)
        # The player freezes the heap while it plays (see PlayerScreen._freeze_heap): collect
        # first, or the last player, garbage by now, is frozen with it. Back to back
        # autostarted sets leave no room for a full pass in between, and every set's
        # widgets stayed for good.
        gc.collect()
        event = due.event
        self._push_player(event.trigger.items, title=event.name, event_id=event.id,
                          trigger=event.kind.value)

    def _find_offers(self) -> None:
        """What Today offers at start: the fortnightly mobility screen (the guide's objective
        checks) and progression suggestions (its progressive variation)."""
        from datetime import timedelta

        from microtui.core.checkin import mobility_due
        from microtui.core.routine_design import progression_log, progression_suggestions

        assert self.store is not None
        today = self._today_date()
        since = (today - timedelta(days=120)).isoformat()
        sessions = self.store.sessions(since=since)
        declined, accepted = progression_log(self.store.user_settings())
        suggestions = progression_suggestions(sessions, self.routine, self.library.exercises,
                                              today, declined, accepted=accepted)
        self.pending_suggestions = len(suggestions)
        offers = []
        if sessions and mobility_due(self.store.measurements(), today):
            offers.append("Your fortnightly mobility screen is due: press 4, then m.")
        for suggestion in suggestions:
            offers.append(f"{suggestion.describe(self.library.exercises, self.routine)} "
                          "Press 3 to accept or decline.")
        if offers:
            self.call_from_thread(self.notify, "\n".join(offers), title="Suggested",
                                  timeout=20)

    def _terminated(self, sig: int) -> None:
        self.finish_interrupted_set()
        if self.store is not None:
            with contextlib.suppress(Exception):  # e.g. the lock in a now read-only directory
                self.store.close()
        # The terminal may be gone, and Textual's shutdown can then block for ever writing
        # to it (the event loop with it): a timer on its own thread ends the process.
        fallback = threading.Timer(2.0, os._exit, args=(128 + sig,))
        fallback.daemon = True
        fallback.start()
        self.exit(return_code=128 + sig, message=self.unsaved_report())

    def _routine_with_unsaved_changes(self) -> Screen | None:
        """The routine builder, if it is open (in any mode) with changes not saved."""
        module = sys.modules.get("microtui.ui.screens.routine")
        if module is None:  # never opened
            return None
        for stack in self._screen_stacks.values():
            for screen in stack:
                if isinstance(screen, module.RoutineScreen) and screen.dirty:
                    return screen
        return None

    async def action_switch_mode(self, mode: str) -> None:
        """Switch screens. The routine builder keeps its edits in the background; leaving it
        with changes not saved says where they are (Today follows the saved routine)."""
        leaving_routine = self.current_mode == "routine" and mode != "routine"
        await super().action_switch_mode(mode)
        if leaving_routine and self._routine_with_unsaved_changes() is not None:
            self.notify("Your routine has unsaved changes: 3 goes back to them, ctrl+s "
                        "there saves them. Today follows the saved routine until then.",
                        title="Not saved yet", severity="warning", timeout=8)

    async def action_quit(self) -> None:
        """Quit; asks first when the routine builder has unsaved changes, and offers the
        end-of-day check-in on a day with sets done."""
        if self._routine_with_unsaved_changes() is not None:
            from microtui.ui.screens.routine import ConfirmDiscardScreen

            if isinstance(self.screen, ConfirmDiscardScreen):
                return  # already asking

            def answered(discard: bool | None) -> None:
                if discard:
                    self._quit_now()
                else:
                    self.switch_mode("routine")

            self.push_screen(ConfirmDiscardScreen(
                "Quit and lose the changes to your routine? (n goes back to them)"), answered)
            return
        self._quit_now()

    def _quit_now(self) -> None:
        self.finish_interrupted_set()
        if not self._asking_checkin and self._end_checkin_offered_on_quit():
            self.ask_checkin("end", then=self._leave)
            return
        self._leave()

    def _leave(self) -> None:
        terminal_for(self).restore()
        report = self.unsaved_report()
        # Still unsaved after the last try: printed once the terminal is back, not lost.
        self.exit(return_code=1 if report is not None else 0, message=report)

    def unsaved_report(self) -> Text | None:
        """What could not be saved, as JSON in the shape of ``microtui export``; None if all
        is saved."""
        if not self.unsaved:
            return None
        where = self.data_dir or (self.store.data_dir if self.store is not None else "")
        data: dict[str, list[dict[str, Any]]] = {}
        for kind, record in self.unsaved:
            data.setdefault(UNSAVED_KINDS[kind][1], []).append(record)
        return Text(
            f"microtui could not save {count_unsaved(self.unsaved)} in {where}: "
            f"{self._unsaved_problem}\nHere they are as JSON, to keep:\n"
            f"{json.dumps(data, indent=2, ensure_ascii=False, default=str)}\n"
        )

    # -- check-ins (the guide's subjective metrics, start and end of the workday) -----------

    _asking_checkin = False

    def _today_date(self):
        return self.clock.now().date()

    def checkin_due(self, moment: str) -> bool:
        from microtui.core.checkin import checkin_due

        if self.store is None or (self._today_date(), moment) in self._checkins_asked:
            return False
        try:
            return checkin_due(self.store.checkins(), self._today_date(), moment)
        except Exception:  # noqa: BLE001 - a read problem must not block a set
            return False

    def _end_checkin_offered_on_quit(self) -> bool:
        if self.store is None or not self.checkin_due("end"):
            return False
        today = self._today_date().isoformat()
        moved = ("completed", "partial", "stopped-for-pain")
        try:
            sessions = self.store.sessions(since=today, until=today)
        except Exception:  # noqa: BLE001
            return False
        return any(s.get("outcome") in moved for s in sessions)

    def ask_checkin(self, moment: str, *, then: Callable[[], None] | None = None) -> None:
        """Ask stiffness, energy and focus (1-10); save the answer, then go on with ``then``
        (escape skips)."""
        from microtui.ui.screens.checkin import CheckinScreen

        def answered(record: dict[str, Any] | None) -> None:
            self._asking_checkin = False
            if record is not None and self.store is not None:
                if then == self._leave:  # leaving: write now, the workers are about to stop
                    self._write_checkin(record)
                else:
                    self.run_worker(partial(self._write_checkin, record), thread=True,
                                    group="checkin-write", exit_on_error=False)
            if then is not None:
                then()

        self._asking_checkin = True
        self._checkins_asked.add((self._today_date(), moment))  # escape skips it for today
        self.push_screen(CheckinScreen(moment, day=self._today_date(), clock=self.clock),
                         answered)

    def _write_checkin(self, record: dict[str, Any]) -> None:
        assert self.store is not None
        try:
            self.store.add_checkin(record)
        except Exception as exc:  # noqa: BLE001 - StoreWriteError and the like
            if threading.current_thread() is threading.main_thread():
                self.keep_unsaved("checkin", record, f"{exc}")
            else:
                self.call_from_thread(self.keep_unsaved, "checkin", record, f"{exc}")

    def keep_unsaved(self, kind: str, record: dict[str, Any], problem: str, *,
                     title: str | None = None) -> None:
        """A record whose write failed (``kind`` in :data:`UNSAVED_KINDS`): say so, keep it
        and try again with the next set's write and at exit."""
        self.unsaved.append((kind, record))
        self._unsaved_problem = problem
        what = UNSAVED_KINDS[kind][2]
        self.notify(f"{problem}\nThe {what} is kept and will be saved with your next set "
                    "(or on quit).", title=title or f"Could not save the {what}",
                    severity="error", timeout=15)

    def _save_records(self, items: list[tuple[str, dict[str, Any]]]
                      ) -> list[tuple[str, dict[str, Any]]]:
        """Write each record; return those that failed (the last problem is remembered)."""
        assert self.store is not None
        failed = []
        for kind, record in items:
            try:
                getattr(self.store, UNSAVED_KINDS[kind][0])(record)
            except Exception as exc:  # noqa: BLE001 - StoreWriteError, disk full, ...
                failed.append((kind, record))
                self._unsaved_problem = str(exc)
        return failed

    def finish_interrupted_set(self) -> None:
        """Log the set in progress (partial, with what was done) before the app goes, and
        try once more to save what could not be saved."""
        player = self._player()
        record = player.interrupt_record() if player is not None else None
        items = [*self.unsaved, *([("session", record)] if record is not None else [])]
        self.unsaved = []
        if self.store is None:
            return
        self.unsaved = self._save_records(items)

    # -- the player -----------------------------------------------------------------------

    async def action_play(self) -> None:
        """``2``: open the player on the due set, else the next one, else an interval set."""
        if self._player() is not None:
            return
        await self.switch_mode("today")
        today = self._today()
        view = today.day_view if today is not None else None
        if view is not None and view.next is not None:
            self.start_set(view.next.view.event)
            return
        trigger = self.routine.trigger(TriggerKind.INTERVAL) or self.routine.triggers[0]
        self.open_player(trigger.items, title=trigger.name, event_id=None,
                         trigger=trigger.kind.value)

    def on_today_screen_start_set(self, message: TodayScreen.StartSet) -> None:
        self.start_set(message.event)

    def start_set(self, event: TriggerEvent) -> None:
        self.open_player(event.trigger.items, title=event.name, event_id=event.id,
                         trigger=event.kind.value)

    def open_player(self, items: tuple[SetItem, ...], *, title: str, event_id: str | None,
                    trigger: str | None) -> None:
        """Open the player; the day's first set opens with the start-of-day check-in."""
        if self._player() is not None or self._asking_checkin:
            return
        if self.checkin_due("start"):
            self.ask_checkin("start", then=partial(self._push_player, items, title=title,
                                                    event_id=event_id, trigger=trigger))
            return
        self._push_player(items, title=title, event_id=event_id, trigger=trigger)

    def _push_player(self, items: tuple[SetItem, ...], *, title: str, event_id: str | None,
                     trigger: str | None) -> None:
        from microtui.ui.screens.player import PlayerScreen

        screen = PlayerScreen(items, self.library.exercises, self.clock, title=title,
                              event_id=event_id, trigger=trigger)
        # The "set due" toast has done its job; at 80x24 it would cover the set's progress.
        self.clear_notifications()
        self.push_screen(screen, self._set_ended)

    def _set_ended(self, record: dict[str, Any] | None) -> None:
        self.release_removed_widgets()
        if record is None:
            return
        today = self._today()
        if today is not None:
            today.session_logged(record)
        self.save_session(record)
        if record.get("trigger") == TriggerKind.END_OF_DAY.value and self.checkin_due("end"):
            self.ask_checkin("end")

    def save_session(self, record: dict[str, Any]) -> None:
        """Write a session record off the event loop, with whatever earlier writes failed;
        a failed write is kept and retried."""
        if self.store is None:
            return
        self.run_worker(partial(self._write_sessions, [*self.unsaved, ("session", record)]),
                        thread=True, group="log-write", exit_on_error=False)
        self.unsaved = []

    def _write_sessions(self, items: list[tuple[str, dict[str, Any]]]) -> None:
        failed = self._save_records(items)
        if failed:
            self.call_from_thread(self._write_failed, failed, self._unsaved_problem)

    def _write_failed(self, items: list[tuple[str, dict[str, Any]]], problem: str) -> None:
        self.unsaved = [*items, *self.unsaved]
        kept = count_unsaved(items)
        kept = "The set is" if kept == "1 set" else f"{kept} are"
        self.notify(f"{problem}\n{kept} kept and will be saved with the next set "
                    "(or on quit).", title="Could not save the set", severity="error",
                    timeout=15)

    def on_player_screen_remove_from_routine(
        self, message: PlayerScreen.RemoveFromRoutine
    ) -> None:
        """After the safety stop: the exercise leaves every set of the active routine. The
        built-in day plan is never changed: a copy of it becomes the user's own routine."""
        name = self.library.exercises[message.exercise_id].name
        routine = self.routine
        if any(routine.id == builtin.id for builtin in self.library.routines):
            routine = routine.without_exercise(message.exercise_id, id=f"{routine.id}-mine",
                                               name=f"{routine.name} (without {name})")
        else:
            routine = routine.without_exercise(message.exercise_id)
        if not routine.triggers:
            self.notify(f"{name} is the only movement in your routine; it stays.",
                        severity="warning")
            return
        self.use_routine(routine)
        if self.store is not None:
            self.run_worker(partial(self._save_active_routine, routine), thread=True,
                            group="routine-write", exit_on_error=False)
        self.notify(f"{name} is out of your routine ({routine.name}).", timeout=8)

    def _save_active_routine(self, routine: Routine) -> None:
        assert self.store is not None
        try:
            self.store.save_routine(routine_to_dict(routine))
            self.store.update_settings(lambda saved: saved.with_active_routine(routine.id))
        except Exception as exc:  # noqa: BLE001 - StoreWriteError and the like
            self.call_from_thread(self.notify, str(exc), title="Could not save the routine",
                                  severity="error", timeout=15)

    def action_help(self) -> None:
        """Show the keys of the app and of the current screen."""
        from microtui.ui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    async def show_exercise(self, exercise_id: str) -> None:
        """Switch to the Library and select ``exercise_id`` there."""
        from microtui.ui.screens.library import LibraryScreen

        await self.switch_mode("library")
        for screen in reversed(self.screen_stack):
            if isinstance(screen, LibraryScreen):
                screen.select_exercise(exercise_id)
                return

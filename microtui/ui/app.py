"""The microtui application shell: modes, global keys, help, the palette and the player.

Each top-level screen is a Textual *mode* with its own screen stack, switched with a
number key. To add one, write its screen and add one line to :data:`APP_MODES`; the
mode, its key binding (id ``mode.<name>``) and its footer label all follow from it.

Every screen is given the app's :class:`~microtui.ui.services.Services` when it is made and
never reaches back into the app; it tells the app things with messages. What happens during
the workday (sets logged, check-ins asked, sets started by themselves) is in
:class:`~microtui.ui.workday.Workday`.
"""

from collections.abc import Callable, Iterator
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, NamedTuple

from textual.app import App
from textual.binding import Binding, BindingType
from textual.notifications import Notify
from textual.screen import ModalScreen, Screen

from microtui.core.calendar_address import REFRESH_SECONDS
from microtui.core.clock import Clock
from microtui.core.loader import Library
from microtui.core.routine import Routine, SetItem, TriggerKind
from microtui.core.schedule import ScheduleSettings
from microtui.core.timeline import TriggerEvent
from microtui.ui.app_commands import AppCommands
from microtui.ui.calendar_refresh import CalendarRefresh
from microtui.ui.first_run import SETUP_MODE, FirstRun
from microtui.ui.mode_switch import SwitchAtOnce
from microtui.ui.next_upkeep import NextStateUpkeep
from microtui.ui.presenters.return_key import RETURN_KEY
from microtui.ui.quiet import QUIET_BINDING
from microtui.ui.safety_stop import SafetyStop
from microtui.ui.screen_preload import (
    ScreenBuilder,
    add_screen_css,
    after_start,
    import_in_turn,
    shown,
    styled,
)
from microtui.ui.screens.today import TodayScreen
from microtui.ui.services import Services, SettingsChanged
from microtui.ui.terminal import NotifyProtocol
from microtui.ui.textual_compat import (
    after_first_frame,
    keep_strips_acyclic,
    make_strip_caches_when_used,
    take_down_whole_toasts,
)
from microtui.ui.timers import every
from microtui.ui.toasts import ToastHold

if TYPE_CHECKING:
    from microtui.calendar_source import CalendarSource
    from microtui.next_keeper import NextStateKeeper
    from microtui.store import Store
    from microtui.ui.screens.library import LibraryScreen
    from microtui.ui.screens.player import PlayerScreen
    from microtui.ui.screens.routine import RoutineScreen
    from microtui.ui.widgets.set_in_progress import SetInProgress


class AppMode(NamedTuple):
    """A top-level screen: its mode name, the key that shows it, and its base screen."""

    name: str
    key: str
    title: str
    screen: "Callable[[MicroTuiApp], Screen] | None"
    """Builds the mode's base screen; None for a key that opens a screen on top instead."""

    def binding(self) -> Binding:
        action = f"app.switch_mode('{self.name}')" if self.screen else f"app.{self.name}"
        return Binding(self.key, action, self.title, id=f"mode.{self.name}", group=SCREENS)


SCREENS = Binding.Group("Screens", compact=True)
"""The footer shows the mode keys as one group (``12345 Screens``); help lists each."""

APP_MODES: tuple[AppMode, ...] = (
    AppMode("today", "1", "Today", lambda app: app.make_today()),
    AppMode("play", "2", "Player", None),
    AppMode("routine", "3", "Routine", lambda app: app.make_routine()),
    AppMode("progress", "4", "Progress", lambda app: app.make_progress()),
    AppMode("library", "5", "Library", lambda app: app.make_library()),
)
"""The app's modes in key order. The player (``2``) is a mode of its own, entered only with a
set to play (:meth:`MicroTuiApp.push_player`)."""

PLAYER_SCREEN = "player"
"""The player's name among the installed screens and the modes: made once and kept, its
dialogs on its own stack, so a set and its summary never land on another screen's stack."""

BUILT_WHILE_IDLE = (PLAYER_SCREEN, "progress")
"""The screens made while the app is idle, before they are first shown (their first show then
only lays out and draws): the player, which every set opens, and Progress (~1 MB). Each costs
its memory from start-up on: the routine builder (6 MB, seldom opened) and the library are
made when first shown."""

IMPORTED_WHEN_IDLE = ("microtui.ui.screens.routine", "microtui.ui.screens.progress",
                      "microtui.ui.screens.library", "microtui.ui.screens.checkin",
                      "textual.scrollbar")
"""Only Today is imported up front (start-up to first paint stays short); the other screens'
code (and the check-in's, and Textual's scroll bars, which Today needs only when its rows do
not fit) once Today has drawn, not while a first visit waits."""

RETURN_TO_SET = Binding(RETURN_KEY, "app.return_to_set", "Back to the set in progress",
                        id="set.return", group=SCREENS)
"""``2`` while a set is in progress and another screen is in front (see the set's line)."""


class MicroTuiApp(FirstRun, SafetyStop, AppCommands, SwitchAtOnce, App[None]):
    """Micro-movements for desk workers, in the terminal."""

    TITLE = "microtui"
    DEFAULT_MODE = "today"
    CSS_PATH = ["screens/today.tcss"]  # with the first frame; every other screen names its own
    BINDING_GROUP_TITLE = "Everywhere"
    BINDINGS: ClassVar[list[BindingType]] = [
        QUIET_BINDING,
        *(mode.binding() for mode in APP_MODES),
        RETURN_TO_SET,
        Binding("question_mark", "help", "Help", id="help"),
        Binding("f1", "help", "Help", id="help-f1", show=False),  # also in a text field
        Binding("q", "quit", "Quit", id="quit"),
        # Textual's own ctrl+q asks nothing either; this one still writes what is unsaved.
        Binding("ctrl+q", "quit_at_once", "Quit", id="quit-now", show=False,
                priority=True),
        # Exercises and commands; "Find" is short, so Help and Quit fit at 80 columns.
        Binding("ctrl+p", "command_palette", "Find", id="command-palette", show=False,
                priority=True),
    ]

    def __init__(
        self,
        library: Library,
        *,
        clock: Clock | None = None,
        store: "Store | None" = None,
        data_dir: Path | None = None,
        routine: Routine | None = None,
        settings: ScheduleSettings | None = None,
        calendar_path: "CalendarSource | None" = None,
        first_seen: datetime | None = None,
        notify_protocol: NotifyProtocol | None = None,
        autostart_seconds: int | None = None,
        mode: str = "today",
        services: Services | None = None,
        first_run: bool = False,
        next_keeper: "NextStateKeeper | None" = None,
        build_screens_after: float | None = None,
    ) -> None:
        # Textual annotates DEFAULT_MODE as a ClassVar, yet App.__init__ reads it from the
        # instance: set there, it chooses the first mode of this app only.
        self.DEFAULT_MODE = SETUP_MODE if first_run else mode  # type: ignore[misc]
        keep_strips_acyclic()  # every line drawn goes when it is no longer used
        make_strip_caches_when_used()  # and makes only the caches it uses
        take_down_whole_toasts()  # a toast cleared early goes with its holder
        super().__init__()
        self.services = services or Services.create(
            library, clock=clock, store=store, data_dir=data_dir, routine=routine,
            schedule=settings, calendar_path=calendar_path, first_seen=first_seen,
            notify_protocol=notify_protocol, autostart_seconds=autostart_seconds)
        self.add_setup_mode(first_run)  # a fresh data directory: the setup comes first
        self.next_keeper = next_keeper
        """Keeps the answers of ``microtui next`` while the app runs (None: nobody asks)."""
        self.pending_suggestions = 0
        self.calendar_refresh = CalendarRefresh()
        self._player: PlayerScreen | None = None
        """The player, made for the first set and given every set after it."""
        self.toast_hold = ToastHold(self)
        """Keeps toasts off the dialogs: they show when the dialog closes."""
        self._set_open = False
        """A set is in the player: playing, paused, or ending (its summary open)."""
        self._return_mode = "today"
        """The mode shown again when the set in the player is over."""
        self._paused_away = False
        """The set was paused because another screen came in front of it."""
        self._set_lines: list[SetInProgress] = []
        self.build_screens_after = build_screens_after
        """Seconds after Today's first frame to start making the other screens while the
        app is idle (:class:`ScreenBuilder`); None: each is made when first shown."""
        for app_mode in APP_MODES:
            if app_mode.screen is not None:
                self.add_mode(app_mode.name, partial(styled, self, app_mode.screen))

    # -- screens ------------------------------------------------------------------------

    def make_today(self) -> TodayScreen:
        return TodayScreen(self.services)

    def make_routine(self) -> "RoutineScreen":
        from microtui.ui.screens.routine import RoutineScreen

        return RoutineScreen(self.services)

    def make_progress(self) -> Screen:
        from microtui.ui.screens.progress import ProgressScreen

        return ProgressScreen(self.services, suggestions=lambda: self.pending_suggestions)

    def make_library(self) -> Screen:
        from microtui.ui.screens.library import LibraryScreen

        return LibraryScreen(self.services)

    def all_screens(self) -> Iterator[Screen]:
        """Every screen on every mode's stack that has been made so far."""
        for app_mode in APP_MODES:
            if app_mode.screen is None:
                continue
            try:
                stack = self.get_screen_stack(app_mode.name)
            except KeyError:  # not opened yet
                continue
            yield from stack

    def find_screen(self, kind: type[Screen]) -> Screen | None:
        return next((s for s in self.all_screens() if isinstance(s, kind)), None)

    def today_screen(self) -> TodayScreen | None:
        screen = self.find_screen(TodayScreen)
        return screen if isinstance(screen, TodayScreen) else None

    def player_screen(self) -> "PlayerScreen | None":
        """The player while it plays a set (or ends one), in front or not."""
        return self._player if self._set_open else None

    # -- the settings in force ------------------------------------------------------------

    def change_settings(self, **changes: object) -> None:
        """Change the settings in force and tell every screen (the builder, if it has no
        unsaved edits and is not showing, is made again from them when next opened; the
        quiet periods are not the builder's)."""
        current = self.services.settings.change(**changes)
        for screen in list(self.all_screens()):
            screen.post_message(SettingsChanged(current))
        if self.current_mode != "routine" and set(changes) != {"quiet"}:
            from microtui.ui.screens.routine import RoutineScreen

            builder = self.find_screen(RoutineScreen)
            if builder is not None:
                self.remove_mode("routine")
                self.add_mode("routine", self.make_routine)

    def use_routine(self, routine: Routine, settings: ScheduleSettings | None = None) -> None:
        """Make ``routine`` the one Today follows."""
        changes: dict[str, object] = {"routine": routine}
        if settings is not None:
            changes["schedule"] = settings
        self.change_settings(**changes)

    def on_routine_screen_routine_saved(self, message: "RoutineScreen.RoutineSaved") -> None:
        self.change_settings(routine=message.routine, schedule=message.settings,
                             calendar_path=message.calendar_path)
        self.refresh_calendar()
        self.notify(f"Today now follows {message.routine.name}.", timeout=4)

    # -- start-up -------------------------------------------------------------------------

    def on_mount(self) -> None:
        self.toast_hold.start()
        after_start(self, partial(add_screen_css, self))
        after_start(self, partial(import_in_turn, self, IMPORTED_WHEN_IDLE))
        if self.build_screens_after is not None:
            builder = ScreenBuilder(self, BUILT_WHILE_IDLE, ready=self._idle_at_today,
                                    prepare=self._prepare_mode)
            after_first_frame(self, partial(builder.start, self.build_screens_after))
        every(self, self.services.clock, REFRESH_SECONDS, self.refresh_calendar,
              name="calendar-fetch")
        self.refresh_calendar()
        self.screen_change_signal.subscribe(self, self._front_changed, immediate=True)
        if self.next_keeper is not None:
            NextStateUpkeep(self, self.services.clock, self.next_keeper).start()
        self.start_workday()

    def _idle_at_today(self) -> bool:
        """Today in front with nothing on it, no set open, not leaving: a screen may be made."""
        return (self.current_mode == "today" and len(self.screen_stack) == 1
                and not self._set_open and not self.asking_checkin and not self.leaving)

    def _prepare_mode(self, mode: str) -> None:
        if mode == PLAYER_SCREEN:
            self.make_player()

    # -- toasts ---------------------------------------------------------------------------

    def on_notify(self, event: Notify) -> None:
        """A toast raised while a dialog is open waits for it to close (never covers it)."""
        if self.toast_hold.takes(event.notification):
            event.prevent_default()

    def clear_notifications(self) -> None:
        self.toast_hold.clear()
        super().clear_notifications()

    async def action_switch_mode(self, mode: str) -> None:
        """Switch screens. The routine builder keeps its edits in the background; leaving it
        with changes not saved says where they are (Today follows the saved routine)."""
        leaving_routine = self.current_mode == "routine" and mode != "routine"
        await super().action_switch_mode(mode)
        if leaving_routine and self._routine_with_unsaved_changes() is not None:
            self.notify("Your routine has unsaved changes: 3 goes back to them, ctrl+s "
                        "there saves them. Today follows the saved routine until then.",
                        title="Not saved yet", severity="warning", timeout=8)

    def _routine_with_unsaved_changes(self) -> "RoutineScreen | None":
        """The routine builder, if it is open (in any mode) with changes not saved."""
        from microtui.ui.screens.routine import RoutineScreen

        return next((s for s in self.all_screens()
                     if isinstance(s, RoutineScreen) and s.dirty), None)

    # -- quitting -------------------------------------------------------------------------

    async def action_quit(self) -> None:
        """Quit; asks first when the routine builder has unsaved changes, and offers the
        end-of-day check-in on a day with sets done."""
        builder = self._routine_with_unsaved_changes()
        if builder is not None:
            from microtui.ui.screens.routine_dialogs import ConfirmDiscardScreen, Unsaved

            if isinstance(self.screen, ConfirmDiscardScreen):
                return  # already asking

            def answered(answer: Unsaved | None) -> None:
                if answer is Unsaved.DISCARD:
                    self.quit_now()
                elif answer is not Unsaved.SAVE or not builder.save_then(self.quit_now):
                    self.switch_mode("routine")  # to keep editing, or to see the error

            self.push_screen(ConfirmDiscardScreen(
                "Quit with unsaved changes to your routine? s saves them first, y loses "
                "them, n goes back to them."), answered)
            return
        self.quit_now()

    def action_quit_at_once(self) -> None:
        """Quit now: no check-in, no question (the routine's unsaved edits are lost); the
        set in progress and any record not saved yet are written first."""
        self.quit_at_once()

    # -- the player -----------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("play", "return_to_set"):  # the one ``2`` in force, in help too
            away = self.player_screen() is not None and self.current_mode != PLAYER_SCREEN
            return (action == "return_to_set") == away
        return True

    async def action_play(self) -> None:
        """``2``: open the player on the due set, else the next one, else an interval set."""
        if self.player_screen() is not None:
            self.action_return_to_set()
            return
        await self.switch_mode("today")
        today = self.today_screen()
        view = today.day_view if today is not None else None
        if view is not None and view.next is not None:
            self.start_set(view.next.view.event)
            return
        routine = self.services.settings.current.routine
        trigger = routine.trigger(TriggerKind.INTERVAL) or routine.triggers[0]
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
        if self.player_screen() is not None:
            self.action_return_to_set()  # one set at a time: the one in progress first
            return
        if self.asking_checkin:
            return
        if self.start_checkin_due():
            self.ask_checkin("start", then=partial(self.push_player, items, title=title,
                                                    event_id=event_id, trigger=trigger))
            return
        self.push_player(items, title=title, event_id=event_id, trigger=trigger)

    def make_player(self) -> "PlayerScreen":
        """The player: made once (for the first set, or while the app is idle before it),
        then given every set."""
        from microtui.ui.screens.player import PlayerScreen

        if self._player is None:
            self._player = styled(self, lambda app: PlayerScreen(app.services))
            self.install_screen(self._player, PLAYER_SCREEN)  # kept, widgets and all
            self.add_mode(PLAYER_SCREEN, PLAYER_SCREEN)
        return self._player

    def push_player(self, items: tuple[SetItem, ...], *, title: str, event_id: str | None,
                    trigger: str | None) -> None:
        if self.player_screen() is not None:
            self.action_return_to_set()  # one set at a time: the one in progress first
            return
        player = self.make_player()
        # The player refuses a set while one is open in it, whatever asked (a key, a
        # check-in's answer, autostart): then it is that set that comes back in front.
        self._set_open = True
        if not player.play(items, title=title, event_id=event_id, trigger=trigger):
            self.action_return_to_set()
            return
        # The "set due" toast has done its job; at 80x24 it would cover the set's progress.
        self.clear_notifications()
        self.action_return_to_set()

    def action_return_to_set(self) -> None:
        """Bring the set in progress in front (its player, with its dialogs)."""
        if self.player_screen() is None or self.current_mode == PLAYER_SCREEN:
            return
        self._return_mode = self.current_mode
        self.switch_mode(PLAYER_SCREEN)

    def on_player_screen_set_logged(self, message: "PlayerScreen.SetLogged") -> None:
        """The set's summary closed (on the player's own stack): the player goes, the
        screen the set was started from (or returned to from) comes back."""
        self._set_open = False
        self._paused_away = False
        if self.current_mode == PLAYER_SCREEN:
            self.switch_mode(self._return_mode)
        self.keep_set_in_sight()
        self.set_ended(message.record)

    def _front_changed(self, screen: Screen) -> None:
        """The screen in front changed: a set whose player left the front is paused at once
        (it must not end out of sight), and named on the new screen once that is up."""
        shown(self, screen)
        player = self.player_screen()
        if player is not None and self.current_mode != PLAYER_SCREEN and player.player.running:
            self._paused_away = True
            player.action_pause()
        self.call_later(self.keep_set_in_sight)

    def keep_set_in_sight(self) -> None:
        """Whenever the screen in front changes: a set in progress whose player is not in front
        is paused and named on the screen that is (one line, with the key that returns to
        it); back in front, it goes on where it was."""
        player = self.player_screen()
        today = self.today_screen()
        if today is not None:  # Today's countdown says where its due set is
            away = player is not None and self.current_mode != PLAYER_SCREEN
            today.in_player = player.event_id if away and player is not None else None
        for line in self._set_lines:
            line.remove()
        self._set_lines = []
        self.refresh_bindings()
        if player is None:
            return
        if self.current_mode == PLAYER_SCREEN:
            if self._paused_away:
                self._paused_away = False
                player.action_resume()
            return
        if player.player.running:
            self._paused_away = True
            player.action_pause()
        # Over a dialog, the screen under it shows the line.
        front = next((s for s in reversed(self.screen_stack)
                      if not isinstance(s, ModalScreen)), None)
        if front is None:  # the app starting or ending: no screen to name it on
            return
        from microtui.ui.widgets.set_in_progress import SetInProgress, set_in_progress_text

        line = SetInProgress(set_in_progress_text(player.moment(), self.services.library
                                                  .exercises, ended=player.outcome is not None))
        self._set_lines.append(line)
        front.mount(line)

    def on_library_screen_try_exercise(self, message: "LibraryScreen.TryExercise") -> None:
        """Try one exercise from the Library: the player plays it alone, over the Library
        (no check-in first: it is not one of the day's sets)."""
        exercise = self.services.library.exercises[message.exercise_id]
        if not self.asking_checkin:
            self.push_player((SetItem(exercise.id),), title=f"Try {exercise.name}",
                             event_id=None, trigger=None)

    # -- help (the palette's commands: AppCommands) ---------------------------------------

    def action_help(self) -> None:
        """Show the keys of the app and of the current screen."""
        from microtui.ui.screens.help import HelpScreen, help_screen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(help_screen(self, self.screen))

"""Every app action as a palette command (``ctrl+p``), and the app actions they run.

The commands are named in the words people search for (:mod:`microtui.ui.palette` finds
them by their other words too): start, snooze or skip the due set, undo, add a meeting, go
to each screen, record the mobility screen, switch routine, play an exercise, export, and
quiet for a while (:mod:`microtui.ui.quiet`). A command that cannot run now says why (no set
due: since when it is quiet, or when the next one is). The theme picked in the palette is
remembered (:class:`~microtui.ui.theme_memory.ThemeMemory`).
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Iterable, Iterator
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual import work
from textual.app import App, SystemCommand
from textual.screen import Screen

from microtui.core.quiet import quiet_text
from microtui.core.routine import Routine, SetItem, routine_from_dict
from microtui.core.time_text import fmt_seconds
from microtui.ui.presenters.day_summary import QUIET_KEY
from microtui.ui.quiet import QuietMode
from microtui.ui.theme_memory import ThemeMemory

if TYPE_CHECKING:
    from textual.command import Provider

    from microtui.core.timeline import TriggerEvent
    from microtui.ui.palette import PaletteCommand
    from microtui.ui.screens.today import TodayScreen

EXPORTS_DIR = "exports"
"""Where the palette's exports go, in the data directory."""

PLAY_RANK = 0.9
"""'Play exercise: X' comes after "Show exercise: X" (enter on "shoulder ci" shows it)."""

SCREENS = (("today", "Go to Today", "the day's sets timeline due next"),
           ("routine", "Go to Routine", "edit routine schedule workday sets calendar settings"),
           ("progress", "Go to Progress", "stats adherence streak history charts report"),
           ("library", "Go to Library", "exercises browse movements"))
"""The screens the palette goes to: mode, command, other words."""


def palette_provider() -> type[Provider]:
    """The palette's provider of the app's commands, imported when the palette first opens
    (Textual calls a callable in ``COMMANDS`` then)."""
    from microtui.ui.palette import AppCommandsProvider

    return AppCommandsProvider


class AppCommands(QuietMode):
    """The palette's commands and their actions (see the module docstring)."""

    COMMANDS: ClassVar[set[type[Provider] | Any]] = {*App.COMMANDS, palette_provider}

    # -- what the app shell provides ------------------------------------------------------

    def use_routine(self, routine: Routine) -> None:
        """Make ``routine`` the one Today follows."""
        raise NotImplementedError

    def start_set(self, event: TriggerEvent) -> None:
        """Open the player on ``event``'s set."""
        raise NotImplementedError

    def find_screen(self, kind: type[Screen[Any]]) -> Screen[Any] | None:
        raise NotImplementedError

    def _routine_with_unsaved_changes(self) -> Screen[Any] | None:
        raise NotImplementedError

    # -- start-up -------------------------------------------------------------------------

    def on_mount(self) -> None:
        """(Textual calls this besides the app's own ``on_mount``.)"""
        self._offered_routines: dict[str, Routine] = {}
        """The routines the palette last offered to switch to, by id."""
        self.theme_memory = ThemeMemory(self, self.services)
        self.theme_memory.start()

    # -- the commands ---------------------------------------------------------------------

    def read_for_palette(self) -> dict[str, Routine]:
        """The routines the user can switch to, by id: the library's and the saved ones (read
        in a thread by the palette)."""
        library = self.services.library
        routines = {routine.id: routine for routine in library.routines}
        store = self.services.store
        if store is not None:
            with contextlib.suppress(Exception):  # the routine builder says what is wrong
                for raw in store.routines():
                    with contextlib.suppress(ValueError, KeyError, TypeError):
                        routine = routine_from_dict(raw, library.exercises)
                        routines.setdefault(routine.id, routine)
        return routines

    def palette_commands(self, read: object) -> list[PaletteCommand]:
        """Every command that makes sense now (``read``: :meth:`read_for_palette`'s)."""
        self._offered_routines = read if isinstance(read, dict) else {}
        return list(self._commands())

    def _commands(self) -> Iterator[PaletteCommand]:
        from microtui.ui.palette import PaletteCommand

        snooze = self.services.settings.current.schedule.snooze_minutes
        yield PaletteCommand("Start the due set", "Open the player on the set that is due",
                             "app.due_set('start')", "play begin go exercise now")
        yield PaletteCommand("Snooze the due set", f"It comes due again in {snooze} min",
                             "app.due_set('snooze')", "later postpone delay remind")
        yield PaletteCommand("Skip the due set", "Log it skipped (undo takes it back)",
                             "app.due_set('skip')", "pass dismiss not now")
        yield PaletteCommand("Undo the last skip or snooze", "Today's last answer to a set",
                             "app.on_today('undo')", "take back revert unskip unsnooze")
        yield PaletteCommand("Add a meeting", "Today: a set comes before it",
                             "app.on_today('add_meeting')", "calendar event appointment call")
        until = self.quiet_until()
        if until is None:
            yield PaletteCommand(
                "Quiet for a while", "Pause every reminder: 30 min, 1 h, 2 h or until "
                f"tomorrow ({QUIET_KEY})", "app.quiet",
                "pause mute silence do not disturb focus presentation break")
        else:
            now = self.services.clock.now()
            yield PaletteCommand(
                "End the quiet", f"It is {quiet_text(until, now)}; sets ring again ({QUIET_KEY})",
                "app.quiet", "quiet unpause unmute resume reminders")
        for mode, name, words in SCREENS:
            if mode != self.current_mode:
                yield PaletteCommand(name, "", f"app.switch_mode('{mode}')", words)
        yield PaletteCommand("Help: keys", "Every key that works here, and the safety advice",
                             "app.help", "shortcuts keyboard safety")
        if self.player_screen() is not None:
            yield PaletteCommand("Back to the set in progress", "", "app.return_to_set",
                                 "player resume")
        yield PaletteCommand("Record the mobility screen", "The fortnightly checks, on Progress",
                             "app.record_mobility", "measure mobility check test")
        current = self.services.settings.current.routine.id
        for routine_id, routine in self._offered_routines.items():
            if routine_id != current:
                yield PaletteCommand(f"Switch routine: {routine.name}",
                                     "Today follows it from now on",
                                     f"app.switch_routine({routine_id!r})", "routine change use")
        yield PaletteCommand("Export everything (JSON)",
                             "A backup file that microtui import reads back",
                             "app.export('json')", "backup save download data")
        yield PaletteCommand("Export the log (CSV)", "One row per exercise performed",
                             "app.export('csv')", "spreadsheet save download")
        for exercises in self.services.library.by_region().values():
            for ex in exercises:
                yield PaletteCommand(
                    f"Play exercise: {ex.name}",
                    f"{ex.region.label} · {ex.posture} · {fmt_seconds(ex.total_seconds())}",
                    f"app.try_exercise({ex.id!r})", "try start", discover=False,
                    rank=PLAY_RANK)

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """Textual's own commands, then one per exercise: "Show exercise: Shoulder Circle"
        opens it in the Library."""
        yield from super().get_system_commands(screen)
        for exercises in self.services.library.by_region().values():
            for ex in exercises:
                yield SystemCommand(
                    f"Show exercise: {ex.name}",
                    f"{ex.region.label} · {ex.posture} · {fmt_seconds(ex.total_seconds())}",
                    partial(self.show_exercise, ex.id),
                )

    # -- what they run --------------------------------------------------------------------

    async def show_exercise(self, exercise_id: str) -> None:
        """Switch to the Library and select ``exercise_id`` there."""
        from microtui.ui.screens.library import LibraryScreen

        await self.switch_mode("library")
        for screen in reversed(self.screen_stack):
            if isinstance(screen, LibraryScreen):
                screen.select_exercise(exercise_id)
                return

    def why_no_set_is_due(self) -> str:
        """Why there is no due set to start, snooze or skip."""
        now = self.services.clock.now()
        until = self.quiet_until()
        if until is not None:
            return (f"It is {quiet_text(until, now)}: no set comes due until then. "
                    f"{QUIET_KEY} ends the quiet.")
        today = self.today_screen()
        view = today.day_view if today is not None else None
        if view is None or view.next is None:
            return "No set is due, and none is left today."
        nxt = view.next.view
        return (f"No set is due now. The next, {view.label(nxt.event)}, is at "
                f"{nxt.at:%H:%M}; 2 plays it now.")

    async def action_due_set(self, what: str) -> None:
        """Start, snooze or skip the set that is due (on Today)."""
        await self.switch_mode("today")
        today = self.today_screen()
        view = today.day_view if today is not None else None
        if today is None or view is None or view.due is None:
            self.notify(self.why_no_set_is_due(), title=f"Nothing to {what}",
                        severity="warning", timeout=8)
            return
        if what == "start":
            self.start_set(view.due.event)
            return
        today.selection.follow()  # the due set, wherever the arrows left the selection
        today.refresh_view()
        if what == "snooze":
            today.action_snooze()
        else:
            today.action_skip()

    async def action_on_today(self, what: str) -> None:
        """Today's ``undo`` or ``add_meeting``."""
        await self.switch_mode("today")
        today: TodayScreen | None = self.today_screen()
        if today is None:
            return
        if what == "undo":
            today.action_undo()
        else:
            today.action_add_meeting()

    async def action_record_mobility(self) -> None:
        from microtui.ui.screens.progress import ProgressScreen

        await self.switch_mode("progress")
        progress = self.find_screen(ProgressScreen)
        if isinstance(progress, ProgressScreen):
            progress.action_measure()

    def action_try_exercise(self, exercise_id: str) -> None:
        """Play one exercise alone (no check-in first: it is not one of the day's sets)."""
        exercise = self.services.library.exercises.get(exercise_id)
        if exercise is not None and not self.asking_checkin:
            self.push_player((SetItem(exercise.id),), title=f"Try {exercise.name}",
                             event_id=None, trigger=None)

    def action_switch_routine(self, routine_id: str) -> None:
        routine = self._offered_routines.get(routine_id)
        if routine is None:
            return
        if self._routine_with_unsaved_changes() is not None:
            self.notify("Your routine has unsaved changes: 3 goes back to them, to save "
                        "(ctrl+s) or leave them first.", title="Not switched",
                        severity="warning", timeout=8)
            return
        self.use_routine(routine)
        self.notify(f"Today now follows {routine.name}.", timeout=4)
        if self.services.store is not None:
            routine_id = routine.id
            self.write_settings(lambda saved: saved.with_active_routine(routine_id),
                                title="Could not save the routine choice")

    def action_export(self, kind: str) -> None:
        store = self.services.store
        if store is None:
            self.notify("Nothing to export: there is no data folder.", severity="warning")
            return
        self._export(kind, self.services.clock.now())

    @work(thread=True, group="export", exit_on_error=False)
    def _export(self, kind: str, now: datetime) -> None:
        """Write the export (private, like the data it copies) and say where it went."""
        from microtui.export import csv_text

        store = self.services.store
        assert store is not None
        try:
            data = store.export_all()
            if kind == "json":
                text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
            else:
                text = csv_text(data["sessions"], self.services.library.exercises)
            path = write_export(Path(store.data_dir) / EXPORTS_DIR,
                                f"microtui-{now:%Y-%m-%d-%H%M%S}.{kind}", text)
        except Exception as exc:  # noqa: BLE001 - a read or a write that failed: say so
            self.notify(str(exc), title="Not exported", severity="error", timeout=15)
            return
        self.notify(str(path), title=f"Exported ({kind.upper()})", timeout=15)


def write_export(directory: Path, name: str, text: str) -> Path:
    """Write ``text`` to ``directory/name`` (0600, in a 0700 directory); returns the path."""
    directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    path = directory / name
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with open(fd, "w", encoding="utf-8") as out:
        out.write(text)
    return path

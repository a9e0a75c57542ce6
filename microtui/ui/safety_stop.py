"""After the player's safety stop ("sharp pain, dizziness, or persistent discomfort"), the
exercise can leave the routine: the app's side of it.

:class:`SafetyStop` is a base class of :class:`~microtui.ui.app.MicroTuiApp` (beside
:class:`~microtui.ui.first_run.FirstRun`); it declares the little it needs of the app shell.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import work

from microtui.core.routine import Routine, routine_to_dict
from microtui.ui.workday import Workday

if TYPE_CHECKING:
    from microtui.core.schedule import ScheduleSettings
    from microtui.ui.screens.player import PlayerScreen


class SafetyStop(Workday):
    """Takes an exercise out of the routine when the user asks after a safety stop."""

    def use_routine(self, routine: Routine, settings: ScheduleSettings | None = None) -> None:
        """Make ``routine`` the one Today follows."""
        raise NotImplementedError

    def on_player_screen_remove_from_routine(
        self, message: PlayerScreen.RemoveFromRoutine
    ) -> None:
        """After the safety stop: the exercise leaves every set of the active routine. The
        built-in day plan is never changed: a copy of it becomes the user's own routine."""
        library = self.services.library
        name = library.exercises[message.exercise_id].name
        routine = self.services.settings.current.routine
        if any(routine.id == builtin.id for builtin in library.routines):
            routine = routine.without_exercise(message.exercise_id, id=f"{routine.id}-mine",
                                               name=f"{routine.name} (without {name})")
        else:
            routine = routine.without_exercise(message.exercise_id)
        if not routine.triggers:
            self.notify(f"{name} is the only movement in your routine; it stays.",
                        severity="warning")
            return
        self.use_routine(routine)
        if self.services.store is not None:
            self._save_active_routine(routine)
        self.notify(f"{name} is out of your routine ({routine.name}).", timeout=8)

    @work(thread=True, group="routine-write", exit_on_error=False)
    def _save_active_routine(self, routine: Routine) -> None:
        store = self.services.store
        assert store is not None
        try:
            store.save_routine(routine_to_dict(routine))
            store.update_settings(lambda saved: saved.with_active_routine(routine.id))
        except Exception as exc:  # noqa: BLE001 - StoreWriteError and the like
            self.notify(str(exc), title="Could not save the routine", severity="error",
                        timeout=15)

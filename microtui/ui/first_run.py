"""The app's side of the first-run setup: on a fresh data directory the app opens on it
(a mode of its own, before Today is made), then follows what it saved
(:mod:`microtui.ui.screens.setup`).

:class:`FirstRun` is a base class of :class:`~microtui.ui.app.MicroTuiApp`, between it and
:class:`~microtui.ui.workday.Workday`; it declares the little it needs of the app shell.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from microtui.ui.workday import Workday

if TYPE_CHECKING:
    from microtui.core.routine import SetItem
    from microtui.ui.screens.setup import SetupScreen

SETUP_MODE = "setup"
"""The setup's mode: the app's first on a fresh data directory, removed once answered."""


class FirstRun(Workday):
    """Opens on the setup once, and follows its answers."""

    # -- what the app shell provides ------------------------------------------------------

    def change_settings(self, **changes: object) -> None:
        """Change the settings in force and tell every screen."""
        raise NotImplementedError

    def open_player(self, items: tuple[SetItem, ...], *, title: str, event_id: str | None,
                    trigger: str | None) -> None:
        """Open the player on ``items`` (the day's first set opens with its check-in)."""
        raise NotImplementedError

    # -- the setup ------------------------------------------------------------------------

    def add_setup_mode(self, first_run: bool) -> None:
        """On a first run, the setup is the mode the app opens on."""
        if first_run:
            from microtui.ui.screens.setup import SetupScreen

            self.add_mode(SETUP_MODE, lambda: SetupScreen(self.services))

    def on_setup_screen_saved(self, message: SetupScreen.Saved) -> None:
        """The answers are saved: they are the settings in force from now on (Today is made
        with them)."""
        answered = message.answered
        self.change_settings(schedule=answered.schedule, first_seen=answered.first_seen)

    async def on_setup_screen_finished(self, message: SetupScreen.Finished) -> None:
        """The setup is over: Today, and on a late first start one set now if asked."""
        await self.switch_mode("today")
        self.remove_mode(SETUP_MODE)
        if message.play_now:
            from microtui.ui.screens.setup import one_set_now

            routine = self.services.settings.current.routine
            trigger = one_set_now(routine)
            self.open_player(trigger.items, title=trigger.name, event_id=None,
                             trigger=trigger.kind.value)

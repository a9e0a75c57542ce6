"""The microtui application shell: modes, global keys, help and the command palette.

Each top-level screen is a Textual *mode* with its own screen stack, switched with a
number key. To add one, write its screen and add one line to :data:`APP_MODES`; the
mode, its key binding (id ``mode.<name>``) and its footer label all follow from it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from textual.app import App
from textual.binding import Binding, BindingType
from textual.screen import Screen

from microtui.core.clock import Clock, SystemClock
from microtui.core.loader import Library
from microtui.ui.commands import ExerciseCommands
from microtui.ui.screens.help import HelpScreen
from microtui.ui.screens.library import LibraryScreen


@dataclass(frozen=True)
class AppMode:
    """A top-level screen: its mode name, the key that shows it, and its base screen."""

    name: str
    key: str
    title: str
    screen: Callable[[], Screen]

    def binding(self) -> Binding:
        return Binding(
            self.key,
            f"app.switch_mode('{self.name}')",
            self.title,
            id=f"mode.{self.name}",
        )


APP_MODES: tuple[AppMode, ...] = (
    # AppMode("today", "1", "Today", TodayScreen),
    # AppMode("player", "2", "Player", PlayerScreen),
    # AppMode("routine", "3", "Routine", RoutineScreen),
    # AppMode("progress", "4", "Progress", ProgressScreen),
    AppMode("library", "5", "Library", LibraryScreen),
)
"""The app's modes in key order; the first listed is not necessarily the default."""


class MicroTuiApp(App[None]):
    """Micro-movements for desk workers, in the terminal."""

    TITLE = "microtui"
    CSS_PATH = "app.tcss"
    BINDING_GROUP_TITLE = "Everywhere"
    MODES: ClassVar[dict[str, str | Callable[[], Screen]]] = {
        mode.name: mode.screen for mode in APP_MODES
    }
    DEFAULT_MODE = "library"
    COMMANDS = App.COMMANDS | {ExerciseCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        *(mode.binding() for mode in APP_MODES),
        Binding("question_mark", "help", "Help", id="help"),
        Binding("q", "quit", "Quit", id="quit"),
        Binding(
            "ctrl+p",
            "command_palette",
            "Commands",
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
        store: object | None = None,
        data_dir: Path | None = None,
    ) -> None:
        super().__init__()
        self.library = library
        self.clock: Clock = clock if clock is not None else SystemClock()
        self.store = store
        self.data_dir = data_dir

    def action_help(self) -> None:
        """Show the keys of the app and of the current screen."""
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    async def show_exercise(self, exercise_id: str) -> None:
        """Switch to the Library and select ``exercise_id`` there."""
        await self.switch_mode("library")
        for screen in reversed(self.screen_stack):
            if isinstance(screen, LibraryScreen):
                screen.select_exercise(exercise_id)
                return

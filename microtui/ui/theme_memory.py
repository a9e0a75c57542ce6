"""The theme picked in the palette, remembered across restarts.

At start the stored theme (the settings' ``"theme"``) is put back; a theme picked later is
stored in a thread worker, through the store's one settings update (under its lock). A
stored name this Textual does not know is left alone, and the default theme used.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual.theme import Theme

    from microtui.ui.services import Services
    from microtui.ui.workday import Workday


class ThemeMemory:
    """Puts the stored theme back on ``app`` and stores the theme picked after that."""

    def __init__(self, app: Workday, services: Services) -> None:
        self.app = app
        self.services = services

    def start(self) -> None:
        theme = self.services.settings.current.theme
        if theme and theme != self.app.theme and self.app.get_theme(theme) is not None:
            self.app.theme = theme
        self.app.theme_changed_signal.subscribe(self.app, self.changed)

    def changed(self, theme: Theme) -> None:
        if theme.name == self.services.settings.current.theme:
            return
        # Not a change any screen follows (Textual restyles them): no SettingsChanged.
        self.services.settings.change(theme=theme.name)
        if self.services.store is not None:
            name = theme.name
            self.app.write_settings(lambda saved: saved.with_theme(name),
                                    title="Could not save the theme",
                                    then="\nThe theme holds until microtui is closed.")

"""The header: the app's icon and the title of the screen in front, on one line, drawn by one
widget.

Textual's ``Header`` is four widgets on every screen (``Header``, ``HeaderIcon``,
``HeaderTitle`` and ``HeaderClockSpace``), each composed, styled, laid out and drawn on the
screen's first visit, and on start-up before Today's first frame. This header draws the same
line itself, cell for cell:

* the icon (``⭘``) in the first :data:`ICON_WIDTH` cells, one space in; under the pointer it
  is highlighted and says what a click does; a click opens the command palette;
* the title, ``microtui — Today``, centred between the icon and the :data:`CLOCK_WIDTH`
  cells Textual keeps on the right for its clock (which microtui does not show), cut with
  an ellipsis when the terminal is narrow. It is the screen's title and subtitle, else the
  app's, as :meth:`textual.app.App.format_title` makes it, and it follows them when they
  change (the player's subtitle is the set's name).
"""

from __future__ import annotations

from typing import ClassVar

from textual import events
from textual.content import Content
from textual.widget import Widget

ICON = "⭘"
ICON_WIDTH = 8
"""Cells of the icon's part, its one-cell margins included (as Textual's ``HeaderIcon``)."""
CLOCK_WIDTH = 10
"""Cells kept blank on the right, where Textual's header has its clock."""
ICON_TOOLTIP = "Open the command palette"


class Header(Widget, can_focus=False):
    """The icon and the title (see the module's docstring)."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES: ClassVar[set[str]] = {"header--icon-hover"}
    DEFAULT_CSS = """
    Header {
        dock: top;
        width: 100%;
        height: 1;
        background: $panel;
        color: $foreground;
        .header--icon-hover {
            background: $foreground 10%;
        }
    }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._icon_hover = False

    # -- what it shows ------------------------------------------------------------------

    @property
    def screen_title(self) -> str:
        """The screen's title, else the app's."""
        title = self.screen.title
        return title if title is not None else self.app.title

    @property
    def screen_sub_title(self) -> str:
        """The screen's subtitle, else the app's."""
        sub_title = self.screen.sub_title
        return sub_title if sub_title is not None else self.app.sub_title

    def render(self) -> Content:
        width = self.size.width
        icon = Content(f" {ICON}".ljust(ICON_WIDTH))
        if self._icon_hover:
            icon = icon.stylize(self.get_visual_style("header--icon-hover"))
        room = max(0, width - ICON_WIDTH - CLOCK_WIDTH)
        title = self.app.format_title(self.screen_title, self.screen_sub_title)
        title = title.rstrip().truncate(room, ellipsis=True)
        left = (room - title.cell_length) // 2
        line = Content.assemble(icon, title.pad(left, room - left - title.cell_length))
        return line.pad_right(max(0, width - line.cell_length))

    # -- keeping up ---------------------------------------------------------------------

    def on_mount(self) -> None:
        for owner in (self.app, self.screen):
            self.watch(owner, "title", self._retitle, init=False)
            self.watch(owner, "sub_title", self._retitle, init=False)

    def _retitle(self) -> None:
        self.refresh()

    # -- the pointer --------------------------------------------------------------------

    def _over_icon(self, x: int) -> bool:
        return 0 <= x < ICON_WIDTH and self.app.ENABLE_COMMAND_PALETTE

    def on_mouse_move(self, event: events.MouseMove) -> None:
        self._hover(self._over_icon(event.x))

    def on_leave(self) -> None:
        self._hover(False)

    def _hover(self, over_icon: bool) -> None:
        if over_icon != self._icon_hover:
            self._icon_hover = over_icon
            self.tooltip = ICON_TOOLTIP if over_icon else None
            self.refresh()

    async def on_click(self, event: events.Click) -> None:
        if self._over_icon(event.x):
            event.stop()
            await self.run_action("app.command_palette")

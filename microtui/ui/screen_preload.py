"""Less work when a screen comes in front, so a number key only shows one.

Textual makes a mode's screen when the mode is first shown, reads the CSS files the screen
names then, re-parses and re-applies the whole stylesheet for it, and styles the screen
once more when its breakpoint class (``-wide``, ``-narrow``) is set on the first resize.
Here a mode's screen is made with its breakpoint classes for the terminal's size
(:func:`styled`); the app's stylesheet gets every screen's CSS once Today has drawn
(:func:`add_screen_css`), so no screen shown later makes Textual parse it again; and a
screen that has been in front is recorded as styled (:func:`shown`), so showing it again
does not parse and apply the whole stylesheet again. The screens' code is imported once
Today has drawn too (:func:`import_in_turn`), and the screens the app names are made while
it is idle (:class:`ScreenBuilder`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from importlib import import_module
from pathlib import Path
from typing import Any, TypeVar

from textual.app import App
from textual.geometry import Size
from textual.message_pump import MessagePump
from textual.screen import Screen
from textual.widget import Widget

from microtui.ui.textual_compat import (
    ModeScreen,
    add_default_css,
    add_stylesheets,
    after_first_frame,
    mark_styles_current,
    screen_parts,
    select_parts,
    style_app_first,
)

ScreenType = TypeVar("ScreenType", bound=Screen[Any])
AppType = TypeVar("AppType", bound=App[Any])

SCREEN_CSS = tuple(sorted(Path(__file__).with_name("screens").glob("*.tcss")))
"""The CSS files the screens and dialogs name (every rule in them is scoped to its own
screen or to ids and classes only that screen uses)."""


def add_screen_css(app: App[Any]) -> None:
    """Put every screen's CSS in the app's stylesheet, and the default CSS of the widgets
    they are made of: called once Today has drawn its first frame, so that no screen shown
    later makes Textual parse and apply the whole stylesheet again (on every visit to the
    screens that name a file of their own), nor parse it again for each kind of widget new
    to the app (on a first visit)."""
    add_stylesheets(app, SCREEN_CSS)
    add_default_css(app, screen_widget_types())


def screen_widget_types() -> tuple[type[Widget], ...]:
    """The kinds of widget the other screens are made of and Today is not (imported when
    Today has drawn: Textual's are in already, or nearly all; the charts' plotext comes
    for Today's week chart then)."""
    from textual.containers import VerticalScroll
    from textual.lazy import Lazy
    from textual.widgets import Checkbox, Input, Label, OptionList, Select, SelectionList

    from microtui.ui.widgets.charts import Chart, ChartPanel
    from microtui.ui.widgets.insights import InsightsPanel
    from microtui.ui.widgets.set_in_progress import SetInProgress

    return (VerticalScroll, Lazy, Select, *select_parts(), Input, OptionList, SelectionList,
            Checkbox, Label, ChartPanel, Chart, InsightsPanel, SetInProgress)


def import_in_turn(app: App[Any], modules: Sequence[str]) -> None:
    """Import ``modules`` one at a time, each once the app has handled what came before it
    (a key pressed meanwhile waits for one import at most): called once Today has drawn,
    so that a screen's first visit does not wait for its code (10-15 ms for the routine
    builder or Progress, about 1.3 MiB for all three screens)."""
    if modules:
        import_module(modules[0])
        app.call_later(import_in_turn, app, modules[1:])


def breakpoint_classes(app: App[Any], screen: Screen[Any], size: Size) -> dict[str, bool]:
    """The breakpoint classes Textual gives ``screen`` at ``size`` (as on a resize): for
    each of width and height, the class of the widest breakpoint it reaches, set, and the
    other classes of those breakpoints, unset."""
    classes: dict[str, bool] = {}
    for breakpoints, cells in (
        (screen.HORIZONTAL_BREAKPOINTS if screen.HORIZONTAL_BREAKPOINTS is not None
         else app.HORIZONTAL_BREAKPOINTS, size.width),
        (screen.VERTICAL_BREAKPOINTS if screen.VERTICAL_BREAKPOINTS is not None
         else app.VERTICAL_BREAKPOINTS, size.height),
    ):
        reached = [(at, name) for at, name in (breakpoints or ()) if cells >= at]
        for _at, name in breakpoints or ():
            classes.setdefault(name, False)
        if reached:
            classes[max(reached)[1]] = True
    return classes


def styled(app: AppType, make: Callable[[AppType], ScreenType]) -> ScreenType:
    """``make(app)``, a mode's screen, with its breakpoint classes for the terminal's size,
    recorded as styled with the stylesheet in force when its CSS files are in it already
    (its widgets are styled as they mount: Textual's whole-stylesheet refresh before a
    mode's first show would only restyle every other screen's widgets, twice)."""
    screen = make(app)
    screen.update_classes(breakpoint_classes(app, screen, app.size), update=False)
    if not app.screen_stack:  # the first screen: styled against the app's own styles
        if isinstance(screen, ModeScreen):  # its widgets' CSS parsed with the app's, once
            add_default_css(app, (type(screen), *screen_parts(), *screen.COMPOSED_OF))
        style_app_first(app)
    mark_styles_current(app, screen)
    return screen


def shown(app: App[Any], screen: Screen[Any]) -> None:
    """``screen`` has come in front, styled with the stylesheet in force: it needs no CSS
    refresh when it is shown again (unless the stylesheet changes meanwhile)."""
    mark_styles_current(app, screen)


def made(app: App[Any], mode: str) -> bool:
    """Whether ``mode``'s screen has been made (shown at least once)."""
    try:
        app.get_screen_stack(mode)
    except KeyError:
        return False
    return True


START_SETTLES = 0.1
"""Seconds the terminal is given to draw the app's first frame before what comes after it
starts (the log, the week chart, the day's offers, the other screens' CSS and code): on a
two-core machine that work, begun at once, took the processor the terminal needed to draw
the frame, and the frame showed later."""


def after_start(app: App[Any], callback: Callable[[], object], *,
                then_on: MessagePump | None = None) -> None:
    """Call ``callback`` :data:`START_SETTLES` seconds after the app's first frame was
    written (on ``then_on``'s queue when given): what start-up leaves for later."""
    after_first_frame(app, callback, then_on=then_on, settle=START_SETTLES)


AFTER_START = 0.5
"""Seconds after the first frame before the first screen is made in the background: what
comes right after start-up (the log, the calendar, the week chart, the other screens'
code) is done by then (within about 0.2 s), and the screens are made before a person who
looks at Today for a second or two presses a key."""


class ScreenBuilder:
    """Makes the screens of ``modes`` while the app is idle, one at a time, so that a
    screen's first visit only lays it out and draws it (no compose, no mount, no styling
    of a hundred widgets while the key waits).

    A screen is made as when a person shows it and goes back at once: its mode is shown and
    the mode in front shown again, in one batch, so nothing of it is drawn. This happens
    only while ``ready()`` (the app says when: a workday screen in front with nothing on
    it, no set open) and not for a mode already shown; it is tried again every
    :data:`BUILD_EVERY` seconds until every screen is made.
    """

    BUILD_EVERY = 0.25
    """Seconds between two screens (one mounts meanwhile: about 60 ms each), or between two
    tries."""

    def __init__(self, app: App[Any], modes: Sequence[str], ready: Callable[[], bool],
                 prepare: Callable[[str], object] = lambda mode: None) -> None:
        self.app = app
        self.modes = tuple(modes)
        self.ready = ready
        self.prepare = prepare
        """Called with a mode before it is first shown (e.g. to add the mode)."""

    def start(self, after: float) -> None:
        """Make the first screen ``after`` seconds from now (0: once the app is idle),
        then the others."""
        if after > 0:
            self.app.set_timer(after, self.build_next, name="build-screens")
        else:
            self.app.call_later(self.build_next)

    def build_next(self) -> None:
        pending = [mode for mode in self.modes if not made(self.app, mode)]
        if not pending:
            return
        if self.ready():
            front = self.app.current_mode
            self.prepare(pending[0])
            with self.app.batch_update():
                self.app.switch_mode(pending[0])
                self.app.switch_mode(front)
        self.app.set_timer(self.BUILD_EVERY, self.build_next, name="build-screens")

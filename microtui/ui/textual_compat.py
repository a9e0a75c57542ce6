"""Everything microtui needs from Textual beyond its public API, in one place.

Each workaround names the upstream issue, the Textual versions it applies to (those
``pyproject.toml`` allows: 8.x), and has a test in ``tests/unit/test_textual_compat.py``
that fails once upstream has fixed the issue, so the workaround can go. Nothing outside
this module imports ``textual._*`` or touches private attributes of Textual objects.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable, Sequence
from functools import partial
from pathlib import PurePath
from types import SimpleNamespace
from typing import Any, ClassVar, TypeVar
from weakref import WeakKeyDictionary

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.app import App
from textual.dom import DOMNode
from textual.message_pump import MessagePump
from textual.notifications import Notification
from textual.screen import Screen
from textual.strip import Strip
from textual.widget import Widget


def terminal_writer(app: App[Any]) -> Callable[[str], object] | None:
    """A function that writes escape sequences to the app's terminal, in order with what
    Textual draws; None under a headless driver (tests) or before the app has a driver.

    Textual has no public way to set the terminal's window title or to write any other
    escape sequence (the title, the bell with a text, OSC 9/777 desktop notifications):
    https://github.com/Textualize/textual/issues/1782 (open; Textual 8.x). The driver's
    ``write`` is what Textual itself draws with.
    """
    driver = getattr(app, "_driver", None)
    if driver is None or driver.is_headless:
        return None
    write: Callable[[str], object] = driver.write
    return write


def forget_removed_styles() -> None:
    """Let go of the style caches (and the lines they last drew) of removed widgets.

    https://github.com/Textualize/textual/issues/6665 (open; Textual 8.x):
    ``StylesCache.get_inner_outer`` is an ``lru_cache`` on a method: its 1024 entries hold
    the style caches of widgets long removed (a set's summary, its toasts, the check-ins),
    with the last rendered lines in them. Called when a set ends.
    """
    from textual._styles_cache import StylesCache

    with contextlib.suppress(AttributeError):  # gone or no longer cached
        StylesCache.get_inner_outer.cache_clear()


def keep_strips_acyclic() -> None:
    """A line that is asked for whole (cropped to its own length, or divided with no cut)
    is returned as it is, without being cached in itself.

    Not reported upstream yet (Textual 8.2.8; textual PR #6410 replaced the DOM's reference
    cycles with weak references, and left these): ``Strip.crop_extend`` and ``Strip.divide``
    cache their result in the strip itself, and when that result is the strip (or a list
    holding it) the strip refers to itself. Almost every line drawn takes that path, so
    instead of going when its last reference does, each waits, with its seven caches and
    segments, for a full garbage collection: about 1,500 lines and 23,000 objects per set
    played, which keep the memory of the day's high-water mark. Idempotent.
    """
    if hasattr(Strip.crop_extend, "textual"):  # done already
        return
    crop_extend, divide = Strip.crop_extend, Strip.divide

    def whole_crop_extend(self: Strip, start: int, end: int, style: Style | None) -> Strip:
        if start <= 0 and end == self.cell_length:
            return self  # what crop_extend gives (extended to itself, cropped to itself)
        return crop_extend(self, start, end, style)

    def whole_divide(self: Strip, cuts: Iterable[int]) -> Sequence[Strip]:
        cuts = list(cuts)
        if [cut for cut in cuts if cut <= self.cell_length] == [self.cell_length]:
            return [self]  # what divide gives for no cut inside the line
        return divide(self, cuts)

    whole_crop_extend.textual = crop_extend  # type: ignore[attr-defined]  # Textual's own
    whole_divide.textual = divide  # type: ignore[attr-defined]
    Strip.crop_extend = whole_crop_extend  # type: ignore[method-assign]
    Strip.divide = whole_divide  # type: ignore[method-assign,assignment]


STRIP_CACHES = {"_divide_cache": 4, "_crop_cache": 16, "_style_cache": 16, "_filter_cache": 4,
                "_line_length_cache": 4, "_crop_extend_cache": 4, "_offsets_cache": 4}
"""The caches Textual's ``Strip.__init__`` makes, and their sizes (Textual 8.2.8)."""


def make_strip_caches_when_used() -> None:
    """A line makes each of its caches the first time it uses it.

    Not reported upstream yet (Textual 8.2.8): ``Strip.__init__`` makes seven ``FIFOCache``
    objects for every line, used or not, and most lines use none or one of them (a line
    cut out of another is drawn once). Each is an object the garbage collector tracks:
    about 28,000 of the 139,000 after a first visit to each screen. They made every full
    collection that much longer (one lands in a screen's first visit), and the many
    short-lived ones brought collections on sooner. Here ``__init__`` sets everything else
    as Textual's does, and a cache is made, with Textual's size, when first looked up.
    Idempotent.
    """
    if hasattr(Strip.__init__, "textual"):  # done already
        return
    from textual.cache import FIFOCache

    textual_init = Strip.__init__

    def __init__(self: Strip, segments: Iterable[Segment], cell_length: int | None = None,
                 ) -> None:
        self._segments = list(segments)
        self._cell_length = cell_length
        self._render_cache = None
        self._link_ids = None
        self._cell_count = None

    def __getattr__(self: Strip, name: str) -> Any:
        """Called only for an attribute that is not set: a cache not made yet."""
        size = STRIP_CACHES.get(name)
        if size is None:
            raise AttributeError(f"'Strip' object has no attribute {name!r}", name=name,
                                 obj=self)
        cache: FIFOCache[Any, Any] = FIFOCache(size)
        setattr(self, name, cache)
        return cache

    __init__.textual = textual_init  # type: ignore[attr-defined]  # Textual's own
    Strip.__init__ = __init__  # type: ignore[method-assign]
    Strip.__getattr__ = __getattr__  # type: ignore[attr-defined]


def take_down_whole_toasts() -> None:
    """A toast taken down before its time goes with the holder it is shown in.

    Not reported upstream yet (Textual 8.2.8): ``ToastRack.show`` removes a toast whose
    notification is gone (``App.clear_notifications``, or a toast raised again elsewhere)
    but not the ``ToastHolder`` around it, as ``Toast._expire`` does. The empty holder stays
    in the screen's toast rack, running, for as long as the app: every set's "set due"
    toast left two (Today's and the player's), with their styles and drawn lines, which
    kept the memory of a workday growing. Idempotent.
    """
    from textual.widgets._toast import Toast, ToastHolder, ToastRack

    if hasattr(ToastRack.show, "textual"):  # done already
        return
    textual_show = ToastRack.show

    def show(self: ToastRack, notifications: Any) -> None:
        for holder in self.query_children(ToastHolder).results():
            toasts = list(holder.query_children(Toast).results())
            if toasts and not any(t._notification in notifications for t in toasts):
                holder.remove()  # and the toast in it
        textual_show(self, notifications)

    show.textual = textual_show  # type: ignore[attr-defined]  # Textual's own
    ToastRack.show = show  # type: ignore[method-assign]


def add_stylesheets(app: App[Any], paths: Iterable[str | PurePath]) -> None:
    """Add CSS files to the app's stylesheet before the screens that name them are made,
    parsing only the files it did not have (the others come from its parse cache).

    Textual reads a screen's ``CSS_PATH`` when the screen is first shown and then
    re-parses every source it has from scratch (``Stylesheet.reparse``): a few
    milliseconds per source, again on each screen's first visit. A screen whose files are
    all in already costs nothing there (see :func:`mark_styles_current`).
    """
    stylesheet = app.stylesheet
    added = False
    for path in paths:
        if not stylesheet.has_source(str(path), ""):
            stylesheet.read(path)
            added = True
    if added:
        stylesheet.parse()


def add_default_css(app: App[Any], widget_types: Iterable[type[Widget]]) -> None:
    """Add the ``DEFAULT_CSS`` of ``widget_types`` (and of the classes they inherit it from)
    to the app's stylesheet, parsed once, before any of them is mounted.

    Not reported upstream yet (Textual 8.2.8): the first widget of a class adds its default
    CSS when it is registered (``Widget._post_register``), and the next widget styled parses
    every source of the stylesheet again and rebuilds its rules; a screen whose widgets are
    of eight classes new to the app (the routine builder: an Input, a Select, ...) parses
    it five times as it mounts, about 11 ms of its first visit. The locations, tie-breakers
    and scopes are Textual's own (``DOMNode._get_default_css``), so a widget registered
    later finds its CSS in already.
    """
    stylesheet = app.stylesheet
    for widget_type in widget_types:
        bases = SimpleNamespace(_node_bases=widget_type._css_bases(widget_type))
        for read_from, css, tie_breaker, scope in DOMNode._get_default_css(bases):  # type: ignore[arg-type]
            stylesheet.add_source(css, read_from=read_from, is_default_css=True,
                                  tie_breaker=tie_breaker, scope=scope)
    stylesheet.rules  # noqa: B018 - parsed now (only if a source was added), not on a visit


def select_parts() -> tuple[type[Widget], ...]:
    """The widgets a ``Select`` is made of, which Textual (8.x) does not export."""
    from textual.widgets._select import SelectCurrent, SelectOverlay

    return SelectCurrent, SelectOverlay


def mark_styles_current(app: App[Any], screen: Screen[Any]) -> Screen[Any]:
    """Record that a screen in front is styled with the app's stylesheet as it is now, if
    every CSS file it names is in that stylesheet.

    https://github.com/Textualize/textual/pull/5211 (Textual 8.x; "could be improved upon
    in future, by avoiding a CSS refresh when not strictly required"): a mode's screen that
    has not seen the latest CSS update gets ``refresh_css`` (the whole stylesheet parsed
    again and applied to every widget of the app) when it is shown. When a mode is first
    shown that refresh runs before its screen is mounted, so the screen is never recorded as
    refreshed, and every later visit pays for the refresh again.
    """
    if not screen.CSS and all(app.stylesheet.has_source(str(path), "")
                              for path in screen.css_path):
        screen._css_update_count = app._css_update_count
    return screen


def style_app_first(app: App[Any]) -> None:
    """Style the app itself before its first screen is made (Textual styles it only after
    that screen is composed, and then applies the whole stylesheet to that screen again
    through ``refresh_css``; see :func:`mark_styles_current`): the first screen's widgets
    are then styled against the app's colours as they are made, once."""
    app.stylesheet.apply(app)


def after_first_frame(app: App[Any], callback: Callable[[], object], *,
                      then_on: MessagePump | None = None, settle: float = 0.0) -> None:
    """Call ``callback`` once the screen in front has drawn a frame that was written (on
    ``then_on``'s own queue when given: a widget mounting or composing there), ``settle``
    seconds later if given (the terminal draws the frame meanwhile).

    Not reported upstream yet (Textual 8.2.8): an app starts inside a batch update (its
    compose, first resize and mount), where a frame is drawn but not written, yet a widget's
    ``call_after_refresh`` calls back as after one; Today's week chart was plotted before
    its first frame. The app's own queue is taken only once that batch is over, so this goes
    through it: its first ``call_after_refresh`` comes after the next refresh is asked for,
    before that frame is written; the second after it.
    """
    if then_on is not None:
        callback = partial(then_on.call_later, callback)
    _WAITING[app] = _WAITING.get(app, 0) + 1

    def call() -> object:
        _WAITING[app] -= 1
        return callback()

    later: Callable[[], object] = call
    if settle > 0:
        later = partial(app.set_timer, settle, call, name="after-first-frame")
    app.call_after_refresh(app.call_after_refresh, later)


_WAITING: WeakKeyDictionary[App[Any], int] = WeakKeyDictionary()
"""How many callbacks of :func:`after_first_frame` each app has yet to call."""


def waiting_after_first_frame(app: App[Any]) -> int:
    """How many callbacks given to :func:`after_first_frame` are still to be called (for
    a test that waits until what follows the first frame has started)."""
    return _WAITING.get(app, 0)


ScreenResult = TypeVar("ScreenResult")


def screen_parts() -> tuple[type[Widget], ...]:
    """The widgets Textual (8.x) puts on every screen itself (not exported)."""
    from textual.widgets._toast import ToastRack
    from textual.widgets._tooltip import Tooltip

    return ToastRack, Tooltip


class ModeScreen(Screen[ScreenResult]):
    """A screen of one of the app's modes, shown again with the styles it has.

    Textual (8.x) styles every widget of a mode's screen from scratch each time the mode
    is shown again (``App.switch_mode`` posts ``ScreenResume(refresh_styles=True)``),
    although a widget is styled again whenever its classes change, and a change of the
    stylesheet or the theme refreshes the screen's CSS anyway (see
    :func:`mark_styles_current`, https://github.com/Textualize/textual/pull/5211). When the
    screen's styles are as current as the app's CSS, that restyle is skipped; otherwise
    (the first time it is shown, after a change of theme) Textual's is kept.

    Nor does it draw a frame inside a batch update. Not reported upstream yet (Textual
    8.2.8): a screen laid out inside a batch (as the first screen is, in the batch an app
    starts in) asks for its frame later on its own queue, which draws it while the batch
    is still on; ``App._display`` then drops it, and the frame written after the batch is
    drawn again. On Today that dropped frame cost about 15 ms of the start (the written
    one 4-5 ms more). Skipped here, the screen keeps what it has to draw (its dirty widgets
    and regions), and draws it once, on the first refresh after the batch (the resize that
    follows the app's start, or its next idle).
    """

    COMPOSED_OF: ClassVar[tuple[type[Widget], ...]] = ()
    """The kinds of widget the screen composes, when their default CSS is to be in the
    stylesheet before it is first made (see :func:`add_default_css`)."""

    def _on_screen_resume(self, event: events.ScreenResume) -> None:
        if self._css_update_count == self.app._css_update_count:
            event.refresh_styles = False

    def _compositor_refresh(self) -> None:
        if self.app._batch_count:  # drawn now, it would be dropped
            return
        super()._compositor_refresh()


def take_notifications(app: App[Any],
                       which: Callable[[Notification], bool] | None = None
                       ) -> list[Notification]:
    """Take down the toasts on show that ``which`` picks (all of them without it) and
    return them (their ``time_left`` as it was): all when a dialog opens, a "set due"
    toast once its set is skipped.

    Textual has ``App.notify`` and ``App.clear_notifications`` (all of them) but no public
    way to read the toasts on show, take down one, or show one again (Textual 8.x keeps them
    in ``App._notifications``, ``App._unnotify`` takes one down, and
    ``App._refresh_notifications`` redraws the screen in front only: the screen under a
    dialog keeps drawing its toasts, and a modal dialog lets it show through).
    """
    from textual.widgets._toast import ToastRack

    taken = [n for n in list(app._notifications) if which is None or which(n)]
    for notification in taken:
        app._unnotify(notification, refresh=False)
    if taken:
        for screen in app.screen_stack:
            for rack in screen.query_children(ToastRack):
                rack.show(app._notifications)
    return taken


def show_notification(app: App[Any], notification: Notification) -> None:
    """Show ``notification`` now, on the main thread (see :func:`take_notifications`);
    ``App.notify`` would post it, to be shown after whatever is already queued."""
    app._notifications.add(notification)
    app._refresh_notifications()

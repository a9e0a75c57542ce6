"""Each workaround in microtui.ui.textual_compat stands on an open Textual issue. These tests
check that the issue is still there: one that fails means upstream fixed it, and the
workaround (and this test) can go."""

from __future__ import annotations

import asyncio

from textual.app import App, ComposeResult
from textual.screen import Screen
from textual.widgets import Label, Static

from microtui.ui.textual_compat import (
    ModeScreen,
    forget_removed_styles,
    mark_styles_current,
    show_notification,
    take_notifications,
)
from microtui.ui.widgets.footer import Footer
from tests.functional.helpers import record_frames, wait_for


def test_textual_6665_the_styles_cache_lru_is_still_on_a_method():
    from textual._styles_cache import StylesCache

    # Still an lru_cache on the method, keeping every StylesCache it saw alive.
    assert hasattr(StylesCache.get_inner_outer, "cache_clear")


class Cards(App[None]):
    def compose(self) -> ComposeResult:
        for number in range(5):
            yield Static(f"card {number}", classes="card")


async def test_textual_6665_removed_widgets_styles_stay_until_forgotten():
    import gc

    from textual._styles_cache import StylesCache

    def live_styles_caches() -> int:
        gc.collect()
        return sum(isinstance(o, StylesCache) for o in gc.get_objects())

    app = Cards()
    async with app.run_test() as pilot:
        await pilot.pause()
        forget_removed_styles()
        shown = live_styles_caches()  # the screen's and the five cards'
        for round in range(3):  # the cards are replaced three times
            await app.query(".card").remove()
            await app.mount(*(Static(f"card {round}.{n}", classes="card") for n in range(5)))
            await pilot.pause()
        assert live_styles_caches() >= shown + 10  # upstream keeps removed cards' caches
        forget_removed_styles()
        assert live_styles_caches() == shown


def test_textual_1782_there_is_still_no_public_way_to_write_to_the_terminal():
    public = {name for name in dir(App) if not name.startswith("_")}
    assert not public & {"driver", "write", "set_window_title", "set_terminal_title"}


class Keys(App[None]):
    BINDINGS = [("a", "nothing", "A"), ("b", "nothing", "B")]

    def __init__(self, footer: type) -> None:
        super().__init__()
        self.footer = footer

    def compose(self) -> ComposeResult:
        yield self.footer()


def test_there_is_still_no_public_way_to_take_down_one_toast():
    """:func:`take_notifications` can go once Textual can take down one notification."""
    import inspect

    from textual.app import App

    assert inspect.signature(App.notify).return_annotation in (None, "None")
    assert not hasattr(App, "unnotify") and hasattr(App, "_unnotify")


def test_textual_has_still_no_public_way_to_read_or_show_again_the_toasts():
    public = {name for name in dir(App) if not name.startswith("_")}
    assert not public & {"notifications", "show_notification", "hold_notifications"}


async def test_toasts_taken_down_and_shown_again():
    app = Keys(Footer)
    async with app.run_test(notifications=True) as pilot:
        app.notify("hello", timeout=30)
        await pilot.pause()
        taken = take_notifications(app)
        await pilot.pause()
        assert [n.message for n in taken] == ["hello"] and not list(app._notifications)
        show_notification(app, taken[0])
        await pilot.pause()
        assert [n.message for n in app._notifications] == ["hello"]


async def test_toasts_taken_down_by_choice_leave_the_others_up():
    app = Keys(Footer)
    async with app.run_test(notifications=True) as pilot:
        app.notify("Start of Day set due", timeout=30)
        app.notify("Saved", timeout=30)
        await pilot.pause()
        taken = take_notifications(app, lambda n: n.message.endswith("set due"))
        await pilot.pause()
        assert [n.message for n in taken] == ["Start of Day set due"]
        assert [n.message for n in app._notifications] == ["Saved"]


class TwoModes(App[None]):
    CSS = "Static { color: red; }"

    def __init__(self) -> None:
        super().__init__()
        self.refreshes: list[str] = []
        for name in ("one", "two"):
            self.add_mode(name, lambda name=name: _StaticScreen(name))

    def refresh_css(self, animate: bool = True) -> None:
        self.refreshes.append(self.current_mode)
        super().refresh_css(animate)


class _StaticScreen(Screen[None]):
    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def compose(self) -> ComposeResult:
        yield Static(self.text)


async def test_textual_5211_a_mode_first_shown_refreshes_the_whole_stylesheet():
    """Upstream refreshes the whole stylesheet when a mode is first shown, before its
    screen is mounted (``mark_styles_current`` records the screen as styled once shown)."""
    app = TwoModes()
    async with app.run_test() as pilot:
        await app.switch_mode("one")
        await pilot.pause()
        app.refreshes.clear()
        await app.switch_mode("two")
        await pilot.pause()
        assert app.refreshes  # upstream refreshes for a new mode
        mark_styles_current(app, app.screen)
        await app.switch_mode("one")
        await pilot.pause()
        app.refreshes.clear()
        await app.switch_mode("two")
        await pilot.pause()
        assert app.refreshes == []


def _strips_left_to_the_collector(make_and_use) -> int:  # type: ignore[no-untyped-def]
    """How many Strips ``make_and_use()`` leaves for the cyclic garbage collector (those
    kept alive by a reference to themselves once nothing else refers to them)."""
    import gc

    from textual.strip import Strip

    gc.collect()
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        make_and_use()
        gc.collect()
        return sum(isinstance(obj, Strip) for obj in gc.garbage)
    finally:
        gc.set_debug(0)
        gc.garbage.clear()


def _whole_line_uses(crop_extend, divide):  # type: ignore[no-untyped-def]
    from rich.segment import Segment
    from textual.strip import Strip

    def use() -> None:
        for _ in range(10):
            strip = Strip([Segment("line "), Segment("drawn")], 10)
            crop_extend(strip, 0, 10, None)
            divide(strip, [10])

    return use


def test_textual_strips_asked_for_whole_still_cache_themselves():
    from textual.strip import Strip

    from microtui.ui.textual_compat import keep_strips_acyclic

    keep_strips_acyclic()
    textual_crop_extend = Strip.crop_extend.textual  # type: ignore[attr-defined]
    textual_divide = Strip.divide.textual  # type: ignore[attr-defined]
    # Textual's own: each line cropped or divided whole refers to itself (fails once fixed).
    assert _strips_left_to_the_collector(
        _whole_line_uses(textual_crop_extend, textual_divide)) == 10


def test_strips_asked_for_whole_go_when_no_longer_used():
    from rich.segment import Segment
    from textual.strip import Strip

    from microtui.ui.textual_compat import keep_strips_acyclic

    keep_strips_acyclic()
    keep_strips_acyclic()  # idempotent
    assert _strips_left_to_the_collector(
        _whole_line_uses(Strip.crop_extend, Strip.divide)) == 0
    # The same lines as Textual's own, whole or not.
    textual_crop_extend = Strip.crop_extend.textual  # type: ignore[attr-defined]
    textual_divide = Strip.divide.textual  # type: ignore[attr-defined]
    for start, end in ((0, 10), (-2, 10), (0, 12), (2, 10), (0, 4), (3, 7)):
        strip = Strip([Segment("line "), Segment("drawn")], 10)
        assert Strip.crop_extend(strip, start, end, None) == textual_crop_extend(
            Strip([Segment("line "), Segment("drawn")], 10), start, end, None)
    for cuts in ([10], [4, 10], [10, 12], [3, 7, 10], [12]):
        ours = Strip.divide(Strip([Segment("line "), Segment("drawn")], 10), cuts)
        theirs = textual_divide(Strip([Segment("line "), Segment("drawn")], 10), cuts)
        assert list(ours) == list(theirs)


class _Toaster(App[None]):
    def compose(self) -> ComposeResult:
        yield Static("toasts")


async def _holders_after_clearing(pilot, count: int) -> int:  # type: ignore[no-untyped-def]
    """Raise ``count`` toasts, clear them, and count the toast holders left on screen."""
    from textual.widgets._toast import Toast, ToastHolder

    from tests.functional.helpers import wait_for

    app = pilot.app
    for number in range(count):
        app.notify(f"set due {number}", timeout=30)
    await wait_for(pilot, lambda: len(app.screen.query(Toast)) == count, "the toasts shown")
    app.clear_notifications()
    await wait_for(pilot, lambda: not app.screen.query(Toast), "the toasts taken down")
    await pilot.pause()
    return len(app.screen.query(ToastHolder))


async def test_textual_cleared_toasts_still_leave_their_holders(monkeypatch):
    from textual.widgets._toast import ToastRack

    from microtui.ui.textual_compat import take_down_whole_toasts

    take_down_whole_toasts()
    monkeypatch.setattr(ToastRack, "show", ToastRack.show.textual)  # type: ignore[attr-defined]
    async with _Toaster().run_test(notifications=True) as pilot:
        # Textual's own: one empty holder per toast, for good (fails once fixed).
        assert await _holders_after_clearing(pilot, 3) == 3


async def test_cleared_toasts_go_with_their_holders():
    from textual.widgets._toast import Toast

    from microtui.ui.textual_compat import take_down_whole_toasts
    from tests.functional.helpers import wait_for

    take_down_whole_toasts()
    take_down_whole_toasts()  # idempotent
    async with _Toaster().run_test(notifications=True) as pilot:
        assert await _holders_after_clearing(pilot, 3) == 0
        assert await _holders_after_clearing(pilot, 2) == 0
        pilot.app.notify("still shown")  # a toast raised afterwards shows as ever
        await wait_for(pilot, lambda: pilot.app.screen.query(Toast), "the new toast")


async def test_textual_still_calls_back_after_a_frame_it_drops_at_start(monkeypatch):
    """Upstream (Textual 8.2.8): fails once a widget's ``call_after_refresh`` waits for a
    frame that is written, or the app no longer starts inside a batch update."""
    events: list[str] = []
    record_frames(monkeypatch, events)

    class Waiting(Label):
        def on_mount(self) -> None:
            self.call_after_refresh(self.call_after_refresh, events.append, "called back")

    class Bare(App[None]):
        def compose(self) -> ComposeResult:
            yield Waiting("bare")

        async def on_mount(self) -> None:
            await asyncio.sleep(0.1)  # the app's mount, still inside the start-up batch

    app = Bare()
    async with app.run_test() as pilot:
        await wait_for(pilot, lambda: "called back" in events and "frame" in events)
    assert events.index("called back") < events.index("frame"), events


def refresh_asked_in_batch(monkeypatch, screen_type: type[Screen]) -> asyncio.Event:  # noqa: ANN001
    """Set once a screen of ``screen_type`` has been asked for a frame inside a batch."""
    asked = asyncio.Event()
    compositor_refresh = screen_type._compositor_refresh

    def refresh(self: Screen) -> None:
        if self.app._batch_count:
            asked.set()
        compositor_refresh(self)

    monkeypatch.setattr(screen_type, "_compositor_refresh", refresh)
    return asked


async def test_textual_still_draws_a_frame_inside_the_batch_it_starts_in_and_drops_it(
        monkeypatch):
    """Upstream (Textual 8.2.8): fails once a screen laid out inside a batch update no
    longer asks for its frame inside it (then :class:`ModeScreen` need not wait itself)."""
    events: list[str] = []
    record_frames(monkeypatch, events)
    asked = refresh_asked_in_batch(monkeypatch, Screen)

    class Bare(App[None]):
        def compose(self) -> ComposeResult:
            yield Label("bare")

        async def on_mount(self) -> None:  # the app's mount, still inside the start-up batch
            await asyncio.wait_for(asked.wait(), timeout=10)

    async with Bare().run_test() as pilot:
        await wait_for(pilot, lambda: "frame" in events, "a frame written")
    assert events[0] == "frame dropped", events


async def test_a_mode_screen_draws_no_frame_inside_the_batch_its_app_starts_in(monkeypatch):
    events: list[str] = []
    record_frames(monkeypatch, events)
    asked = refresh_asked_in_batch(monkeypatch, ModeScreen)

    class Modes(App[None]):
        MODES = {"only": ModeScreen}  # noqa: RUF012 - as Textual declares it
        DEFAULT_MODE = "only"

        async def on_mount(self) -> None:
            self.screen.mount(Label("drawn once"))
            await asyncio.wait_for(asked.wait(), timeout=10)

    async with Modes().run_test() as pilot:
        await wait_for(pilot, lambda: "frame" in events, "a frame written")
        assert pilot.app.screen.query_one(Label)
    assert "frame dropped" not in events, events


class FirstOfItsKind(Static):
    DEFAULT_CSS = "FirstOfItsKind { color: red; }"


class SecondOfItsKind(Static):
    DEFAULT_CSS = "SecondOfItsKind { color: blue; }"


async def test_the_first_widget_of_a_kind_makes_textual_parse_the_stylesheet_again(monkeypatch):
    from textual.css.stylesheet import Stylesheet

    from microtui.ui.textual_compat import add_default_css

    parses: list[int] = []
    original = Stylesheet.parse

    def counted(self: Stylesheet) -> None:
        parses.append(len(self.source))
        original(self)

    monkeypatch.setattr(Stylesheet, "parse", counted)
    app = App[None]()
    async with app.run_test() as pilot:
        await pilot.pause()
        # Textual's own: the whole stylesheet parsed again as the widget mounts (fails once
        # upstream parses a new kind's CSS alone, or ahead).
        parses.clear()
        await app.screen.mount(FirstOfItsKind("one"))
        assert len(parses) == 1
        # Added ahead: parsed then, once; nothing to parse as it mounts, and styled by it.
        add_default_css(app, [SecondOfItsKind])
        assert len(parses) == 2
        second = SecondOfItsKind("two")
        await app.screen.mount(second)
        assert len(parses) == 2
        assert second.styles.color.rgb == (0, 0, 255)
        add_default_css(app, [SecondOfItsKind])  # in already: nothing parsed
        assert len(parses) == 2


def _caches_set(strip) -> list[str]:  # type: ignore[no-untyped-def]
    """The names of the caches set on ``strip`` (read through the slots, not lookups)."""
    from textual.strip import Strip

    from microtui.ui.textual_compat import STRIP_CACHES

    set_now = []
    for name in STRIP_CACHES:
        try:
            Strip.__dict__[name].__get__(strip, Strip)
        except AttributeError:
            continue
        set_now.append(name)
    return set_now


def test_textual_strips_still_make_every_cache_up_front():
    from rich.segment import Segment
    from textual.cache import FIFOCache
    from textual.strip import Strip

    from microtui.ui.textual_compat import STRIP_CACHES, make_strip_caches_when_used

    make_strip_caches_when_used()
    strip = Strip.__new__(Strip)
    Strip.__init__.textual(strip, [Segment("line")])  # type: ignore[attr-defined]
    # Textual's own: all seven, with these sizes (fails once Textual makes them when used).
    assert _caches_set(strip) == list(STRIP_CACHES)
    for name, size in STRIP_CACHES.items():
        cache = getattr(strip, name)
        assert isinstance(cache, FIFOCache) and cache._maxsize == size


def test_a_strip_makes_a_cache_only_when_it_uses_it():
    from rich.segment import Segment
    from rich.style import Style
    from textual.strip import Strip

    from microtui.ui.textual_compat import make_strip_caches_when_used

    make_strip_caches_when_used()
    make_strip_caches_when_used()  # idempotent
    strip = Strip([Segment("line "), Segment("drawn")], 10)
    assert _caches_set(strip) == []
    cropped = strip.crop(2, 7)
    assert _caches_set(strip) == ["_crop_cache"]
    assert strip.crop(2, 7) is cropped  # cached, as Textual's
    assert cropped.text == "ne dr" and _caches_set(cropped) == []
    styled = strip.apply_style(Style(bold=True))
    assert _caches_set(strip) == ["_crop_cache", "_style_cache"]
    assert strip.apply_style(Style(bold=True)) is styled
    # The same lines as a strip made by Textual's own __init__.
    theirs = Strip.__new__(Strip)
    Strip.__init__.textual(theirs, [Segment("line "), Segment("drawn")], 10)  # type: ignore[attr-defined]
    assert theirs.crop(2, 7) == cropped and theirs.apply_style(Style(bold=True)) == styled
    assert list(theirs.divide([3, 10])) == list(strip.divide([3, 10]))
    try:
        strip.not_an_attribute  # noqa: B018
    except AttributeError as error:
        assert error.name == "not_an_attribute"
    else:
        raise AssertionError("a missing attribute is still an AttributeError")

"""Each workaround in microtui.ui.textual_compat stands on an open Textual issue. These tests
check that the issue is still there: one that fails means upstream fixed it, and the
workaround (and this test) can go."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Footer as TextualFooter
from textual.widgets import Static
from textual.widgets._footer import FooterKey

from microtui.ui.textual_compat import (
    WATCHERS_ATTRIBUTE,
    Footer,
    forget_removed_styles,
    release_removed_watchers,
)


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


class Watched(App[None]):
    label = reactive("a")

    def compose(self) -> ComposeResult:
        yield Static(id="watcher")

    def on_mount(self) -> None:
        self.query_one("#watcher").watch(self, "label", lambda value: None)


def owners(app: App) -> list[Widget]:
    return [owner for owner, _ in getattr(app, WATCHERS_ATTRIBUTE)["label"]]


async def test_textual_6666_a_removed_widget_stays_a_watcher_until_released():
    app = Watched()
    async with app.run_test() as pilot:
        watcher = app.query_one("#watcher")
        await watcher.remove()
        await pilot.pause()
        assert watcher in owners(app)  # upstream keeps it until "label" next changes
        release_removed_watchers([app])
        assert watcher not in owners(app)


class Keys(App[None]):
    BINDINGS = [("a", "nothing", "A"), ("b", "nothing", "B")]

    def __init__(self, footer: type) -> None:
        super().__init__()
        self.footer = footer

    def compose(self) -> ComposeResult:
        yield self.footer()


async def rebuilt_footer_watchers(footer: type) -> tuple[int, int]:
    """A footer rebuilt five times: its ``compact`` watchers, and its live keys."""
    app = Keys(footer)
    async with app.run_test() as pilot:
        shown = app.query_one(footer)
        for _ in range(5):
            app.screen.refresh_bindings()
            await pilot.pause()
            await pilot.pause()
        keys = len(shown.query(FooterKey).exclude(".-command-palette"))  # bound ones
        return len(getattr(shown, WATCHERS_ATTRIBUTE)["compact"]), keys


async def test_textual_6666_a_rebuilt_footer_keeps_its_old_keys_as_watchers():
    watchers, keys = await rebuilt_footer_watchers(TextualFooter)
    assert watchers > keys  # upstream: the replaced keys are still watching


async def test_our_footer_lets_go_of_the_keys_it_replaces():
    watchers, keys = await rebuilt_footer_watchers(Footer)
    assert watchers == keys > 0

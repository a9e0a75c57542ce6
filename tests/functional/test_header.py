"""The one-widget header: the same line as Textual's four-widget ``Header`` at every width,
the title kept up as it changes, and its icon opening the command palette."""

from __future__ import annotations

from datetime import datetime

import pytest
from textual.app import App, ComposeResult
from textual.command import CommandPalette
from textual.widgets import Header as TextualHeader
from textual.widgets import Static

from microtui.core.fake_clock import FakeClock
from microtui.store import Store
from microtui.ui.app import MicroTuiApp
from microtui.ui.screens.today import TodayScreen
from microtui.ui.widgets.header import ICON_TOOLTIP, Header
from tests.functional.helpers import screen_text, settle, wait_for, wait_for_screen

LONG = "Seated Hip Abduction/Adduction + Micro-Squat with a name longer than a line"


class Titled(App[None]):
    """A header over one line of text; the screen's subtitle as given."""

    TITLE = "microtui"

    def __init__(self, header: type, sub_title: str | None) -> None:
        super().__init__()
        self.header = header
        self.given = sub_title

    def compose(self) -> ComposeResult:
        yield self.header()
        yield Static("body")

    def on_mount(self) -> None:
        self.screen.sub_title = self.given


async def top_line(header: type, width: int, sub_title: str | None) -> list[tuple[str, str]]:
    """The header's row as drawn: each cell's character and background colour."""
    app = Titled(header, sub_title)
    async with app.run_test(size=(width, 4)) as pilot:
        await wait_for(pilot, lambda: "body" in screen_text(app), "the first frame")
        await settle(pilot)
        strip = app.screen._compositor.render_strips()[0]
        return [(char, str(segment.style.bgcolor)) for segment in strip
                for char in segment.text]


@pytest.mark.parametrize("width", [120, 80, 60, 30, 20, 12])
@pytest.mark.parametrize("sub_title", [None, "Today", LONG])
async def test_the_line_is_textuals_headers_cell_for_cell(width, sub_title):
    mine = await top_line(Header, width, sub_title)
    textuals = await top_line(TextualHeader, width, sub_title)
    assert "".join(char for char, _ in mine) == "".join(char for char, _ in textuals)
    assert mine == textuals  # the background of every cell too


async def test_the_title_follows_the_screen_and_the_app(tmp_path):
    app = Titled(Header, "Today")
    async with app.run_test(size=(80, 4)) as pilot:
        await wait_for(pilot, lambda: "microtui — Today" in screen_text(app), "the title")
        app.screen.sub_title = "Ankle Pumps"
        await wait_for(pilot, lambda: "microtui — Ankle Pumps" in screen_text(app),
                       "the new subtitle")
        app.title = "micro"
        await wait_for(pilot, lambda: "micro — Ankle Pumps" in screen_text(app),
                       "the app's new title")
        app.screen.title = "Screen's own"
        await wait_for(pilot, lambda: "Screen's own — Ankle Pumps" in screen_text(app),
                       "the screen's title over the app's")


async def test_the_icon_opens_the_command_palette_and_says_so_under_the_pointer():
    app = Titled(Header, "Today")
    async with app.run_test(size=(80, 4)) as pilot:
        header = app.query_one(Header)
        await wait_for(pilot, lambda: "Today" in screen_text(app), "the title")
        plain = header.render()
        await pilot.hover(Header, offset=(40, 0))  # the title: nothing to say
        await settle(pilot)
        assert header.tooltip is None
        await pilot.hover(Header, offset=(1, 0))
        await wait_for(pilot, lambda: header.tooltip == ICON_TOOLTIP, "the icon's tooltip")
        hovered = header.render()
        assert hovered.plain == plain.plain and hovered.spans != plain.spans
        await pilot.click(Header, offset=(40, 0))
        await settle(pilot)
        assert not isinstance(app.screen, CommandPalette)
        await pilot.click(Header, offset=(1, 0))
        await wait_for(pilot, lambda: isinstance(app.screen, CommandPalette), "the palette")


async def test_todays_header_is_one_widget(library, tmp_path):
    with Store.open(tmp_path / "data") as store:
        app = MicroTuiApp(library, clock=FakeClock(datetime(2026, 11, 25, 9, 31)),
                          store=store)
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await wait_for_screen(pilot, TodayScreen)
            header = screen.query_one(Header)
            assert list(header.children) == []
            assert screen_text(app).splitlines()[0].strip().endswith("microtui — Today")

"""The footer of every screen at 60, 80 and 120 columns: Help and Quit always shown at its
right end, every key whole (none cut, none under another), groups spaced from what follows."""

from __future__ import annotations

from datetime import datetime

import pytest
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Input

from microtui.core.fake_clock import FakeClock
from microtui.store import Store
from microtui.ui.app import MicroTuiApp
from microtui.ui.screens.help import HelpScreen
from microtui.ui.screens.library import LibraryScreen
from microtui.ui.screens.player import PlayerScreen
from microtui.ui.screens.progress import ProgressScreen
from microtui.ui.screens.routine import RoutineScreen
from microtui.ui.screens.today import TodayScreen
from microtui.ui.widgets.footer import Footer
from tests.functional.helpers import screen_text, settle, wait_for, wait_for_screen

NOW = datetime(2026, 11, 25, 9, 29, 50).astimezone()
SIZES = [(60, 20), (80, 24), (120, 40)]


@pytest.fixture
def store(tmp_path):
    with Store.open(tmp_path / "data") as store:
        yield store


def footer_problems(screen: Screen) -> list[str]:
    """What is wrong with ``screen``'s footer as drawn: an empty list when all is well. The
    compact player (below 80x24) has a line of keys instead, ending with Help and Quit."""
    if screen.has_class("-compact"):
        last_line = screen_text(screen.app).splitlines()[-1].rstrip()
        return [] if last_line.endswith("? help  q quit") else [f"no Help, Quit: {last_line!r}"]
    footer = screen.query_one(Footer)
    problems = []
    if footer.region.width != screen.size.width:
        problems.append(f"the footer is {footer.region.width} cells of {screen.size.width}")
    line = screen_text(screen.app).splitlines()[-1]
    drawn = footer.drawn
    shown = {shown.unit.label for shown in drawn}
    for wanted in ("Help", "Quit"):
        if wanted not in shown:
            problems.append(f"no {wanted}")
    end = 0
    for shown in drawn:
        whole = shown.unit.text.rstrip()  # a key's trailing space may go at the end
        if not shown.text.startswith(whole):
            problems.append(f"{shown.unit.label!r} cut to {shown.text!r}")
        if shown.x < end:
            problems.append(f"{shown.unit.label!r} at {shown.x} overlaps what ends at {end}")
        if shown.x + len(shown.text) > footer.region.width:
            problems.append(f"{shown.unit.label!r} runs past the footer's end")
        if line[shown.x:shown.x + len(shown.text)] != shown.text:
            problems.append(f"{shown.text!r} is not drawn at {shown.x}: {line!r}")
        end = shown.x + len(shown.text)
    last_line = screen_text(screen.app).splitlines()[-1]
    for glued in ("Screens?", "Screens^p", "Find?"):
        if glued in last_line:
            problems.append(f"{glued!r} in {last_line!r}")
    return problems


async def check_sizes(pilot, kind: type[Screen]) -> None:
    app = pilot.app
    for size in SIZES:
        await pilot.resize_terminal(*size)
        await wait_for(pilot, lambda size=size: isinstance(app.screen, kind)
                       and tuple(app.screen.size) == size
                       and not footer_problems(app.screen),
                       f"a whole footer on {kind.__name__} at {size}")


async def test_help_and_quit_stay_on_every_footer_at_every_width(library, store):
    clock = FakeClock(NOW)
    app = MicroTuiApp(library, clock=clock, store=store)
    async with app.run_test(size=(60, 20)) as pilot:
        await app.workers.wait_for_complete()
        await wait_for_screen(pilot, TodayScreen)
        await check_sizes(pilot, TodayScreen)
        for key, kind in (("3", RoutineScreen), ("4", ProgressScreen), ("5", LibraryScreen)):
            await pilot.press(key)
            await wait_for_screen(pilot, kind)
            await check_sizes(pilot, kind)
        # The routine builder with the focus in a set: its keys come after the screen's.
        await pilot.press("3")
        await wait_for_screen(pilot, RoutineScreen)
        app.screen.query_one("#set-start-of-day").focus()
        await settle(pilot)
        await check_sizes(pilot, RoutineScreen)
        await pilot.press("1")
        await wait_for_screen(pilot, TodayScreen)
        await pilot.press("2")
        await wait_for(pilot, lambda: app.screen.is_modal, "the start-of-day check-in")
        await pilot.press("escape")
        await wait_for_screen(pilot, PlayerScreen)
        await check_sizes(pilot, PlayerScreen)


async def test_the_screen_keys_come_first_and_whole_keys_go_from_the_end(library, store):
    clock = FakeClock(NOW)
    app = MicroTuiApp(library, clock=clock, store=store, mode="routine")
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_screen(pilot, RoutineScreen)
        app.screen.query_one("#set-start-of-day").focus()
        await settle(pilot)
        line = screen_text(app).splitlines()[-1]
        assert line.index("Save") < line.index("More") < line.index("Screens")
        assert line.rstrip().endswith("? Help q Quit")
        await pilot.resize_terminal(60, 20)
        await wait_for(pilot, lambda: "Screens" not in screen_text(app).splitlines()[-1],
                       "the screens group left out at 60 columns")
        line = screen_text(app).splitlines()[-1]
        assert "Save" in line and line.rstrip().endswith("? Help q Quit")


class Keys(App[None]):
    """A footer with a key of its own, one that does nothing now, and a group of two."""

    PICK = Binding.Group("Pick")
    BINDINGS = [
        Binding("a", "note('a')", "Alpha", tooltip="Note an a"),
        Binding("b", "note('b')", "Beta"),
        Binding("1", "note('1')", "One", group=PICK),
        Binding("2", "note('2')", "Two", group=PICK),
        Binding("question_mark", "note('?')", "Help", id="help"),
        Binding("q", "note('q')", "Quit", id="quit"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.notes: list[str] = []
        self.bells = 0

    def compose(self) -> ComposeResult:
        yield Footer()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return None if parameters == ("b",) else True  # shown, but does nothing now

    def action_note(self, what: str) -> None:
        self.notes.append(what)

    def bell(self) -> None:
        self.bells += 1


def at(footer: Footer, label: str, offset: int = 0) -> int:
    """The column of ``label``'s unit in the footer's line, plus ``offset``."""
    return next(shown.x for shown in footer.drawn if shown.unit.label == label) + offset


async def test_a_click_on_a_key_presses_it_and_a_disabled_one_rings():
    app = Keys()
    async with app.run_test(size=(80, 5)) as pilot:
        footer = app.query_one(Footer)
        await wait_for(pilot, lambda: footer.drawn, "the keys drawn")
        line = screen_text(app).splitlines()[-1]
        assert line.startswith(" a Alpha  b Beta  12 Pick ^p palette"), line
        assert line.rstrip().endswith("? Help  q Quit")
        await pilot.click(Footer, offset=(at(footer, "Alpha", 1), 0))
        await pilot.click(Footer, offset=(at(footer, "Pick", 2), 0))  # the group's 2
        await pilot.click(Footer, offset=(at(footer, "Pick", 1), 0))  # and its 1
        await pilot.click(Footer, offset=(at(footer, "Quit", 3), 0))
        await wait_for(pilot, lambda: len(app.notes) == 4, "four keys pressed")
        assert app.notes == ["a", "2", "1", "q"]
        await pilot.click(Footer, offset=(at(footer, "Beta", 1), 0))
        await wait_for(pilot, lambda: app.bells == 1, "the bell")
        assert app.notes == ["a", "2", "1", "q"]


async def test_the_key_under_the_pointer_is_highlighted_with_its_tooltip():
    app = Keys()
    async with app.run_test(size=(80, 5)) as pilot:
        footer = app.query_one(Footer)
        await wait_for(pilot, lambda: footer.drawn, "the keys drawn")
        plain = footer.render()
        await pilot.hover(Footer, offset=(at(footer, "Alpha", 2), 0))
        await wait_for(pilot, lambda: footer.tooltip == "Note an a", "Alpha's tooltip")
        hovered = footer.render()
        assert hovered.plain == plain.plain and hovered.spans != plain.spans
        await pilot.hover(Footer, offset=(at(footer, "Pick", 2), 0))
        await wait_for(pilot, lambda: footer.tooltip == "Two", "the group's 2")


async def test_in_a_text_field_help_and_quit_are_f1_and_ctrl_q(library, store):
    """A text field takes ``?`` and ``q`` as text: the footer shows the keys that still
    give help and quit there, and F1 does open the help."""
    clock = FakeClock(NOW)
    app = MicroTuiApp(library, clock=clock, store=store, mode="routine")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await wait_for_screen(pilot, RoutineScreen)
        assert screen_text(app).splitlines()[-1].rstrip().endswith("? Help q Quit")
        screen.query(Input).first().focus()
        for size in SIZES:
            await pilot.resize_terminal(*size)
            await wait_for(pilot, lambda: screen_text(app).splitlines()[-1].rstrip()
                           .endswith("f1 Help ^q Quit") and not footer_problems(screen),
                           f"f1 and ^q at {size}")
        await pilot.press("question_mark")  # typed into the field
        await settle(pilot)
        assert app.screen is screen
        await pilot.press("f1")
        await wait_for(pilot, lambda: isinstance(app.screen, HelpScreen), "the help")

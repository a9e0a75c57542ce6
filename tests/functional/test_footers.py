"""The footer of every screen at 60, 80 and 120 columns: Help and Quit always shown at its
right end, every key whole (none cut, none under another), groups spaced from what follows."""

from __future__ import annotations

from datetime import datetime

import pytest
from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey, FooterLabel

from microtui.core.clock import FakeClock
from microtui.store import Store
from microtui.ui.app import MicroTuiApp
from microtui.ui.screens.library import LibraryScreen
from microtui.ui.screens.player import PlayerScreen
from microtui.ui.screens.progress import ProgressScreen
from microtui.ui.screens.routine import RoutineScreen
from microtui.ui.screens.today import TodayScreen
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
    area = footer.region
    keys = [w for w in footer.query("FooterKey, FooterLabel")
            if isinstance(w, (FooterKey, FooterLabel)) and w.region.area > 0]
    shown = {key.description if isinstance(key, FooterKey) else str(key.content)
             for key in keys}
    for wanted in ("Help", "Quit"):
        if wanted not in shown:
            problems.append(f"no {wanted}")
    for key in keys:
        region = key.region
        if not area.contains_region(region):
            problems.append(f"{region} of {key!r} is outside the footer {area}")
        natural = key.get_content_width(screen.size, screen.size) + key.styles.gutter.width
        if region.width < natural:
            problems.append(f"{key!r} cut to {region.width} of {natural} cells")
        for other in keys:
            if other is not key and region.overlaps(other.region):
                problems.append(f"{key!r} and {other!r} overlap")
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

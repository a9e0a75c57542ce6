"""The player's dialogs at the sizes people use: the safety advice after ``!`` readable,
both its choices labelled in full, its keys in its border."""

from __future__ import annotations

import pytest
from rich.cells import cell_len
from textual.app import App
from textual.geometry import Region
from textual.widgets import Button

from microtui.core.fake_clock import FakeClock
from microtui.core.routine import SetItem
from microtui.ui.screens.player_dialogs import SAFETY_TEXT, SafetyScreen

from .helpers import screen_text, settle, wait_for_screen
from .test_player import START, Host, advance, started

ANKLE_PUMPS = (SetItem("ankle-pumps"),)
LONGEST_NAME = (SetItem("hip-abduction"),)  # "Seated Hip Abduction/Adduction"


def shown_within(app: App, region: Region) -> str:
    """The screen's text inside ``region``, its rows joined by spaces, runs of blanks
    squeezed: what a person reads there."""
    rows = screen_text(app).split("\n")[region.y:region.bottom]
    return " ".join(" ".join(row[region.x:region.right] for row in rows).split())


async def stop_for_pain(pilot, clock: FakeClock) -> SafetyScreen:
    await started(pilot)
    await advance(pilot, clock, 5.0)  # in the set's first exercise
    await pilot.press("exclamation_mark")
    screen = await wait_for_screen(pilot, SafetyScreen)
    await settle(pilot)
    return screen


def assert_labelled_in_full(app: App, screen: SafetyScreen, names: list[str]) -> None:
    visible = app.screen.region
    dialog = screen.query_one("#safety-dialog").region
    buttons = list(screen.query(Button))
    assert [button.id for button in buttons] == names
    for button in buttons:
        label = str(button.label)
        region = button.region
        assert region.width >= cell_len(label) + 2, (label, region)  # room for it, and a pad
        assert visible.contains_region(region) and dialog.contains_region(region), label
        assert label in shown_within(app, region), label


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
@pytest.mark.parametrize("items", [ANKLE_PUMPS, LONGEST_NAME], ids=["short", "longest"])
async def test_both_safety_choices_are_labelled_in_full(size, items):
    clock = FakeClock(START)
    app = Host(clock, items)
    async with app.run_test(size=size) as pilot:
        screen = await stop_for_pain(pilot, clock)
        assert_labelled_in_full(app, screen, ["safety-remove", "safety-close"])
        name = screen.exercise_name
        assert f"Take {name} out of my routine" in screen_text(app)
        # the focused choice (enter) is one the user can read: Close
        assert app.focused is screen.query_one("#safety-close", Button)
        # the keys are in the border
        dialog = screen.query_one("#safety-dialog")
        assert dialog.border_subtitle == "r take it out · esc close"
        assert "r take it out · esc close" in screen_text(app)
        # and the guide's advice is whole
        text = screen.query_one("#safety-text").region
        assert dialog.region.contains_region(text)
        assert shown_within(app, text) == " ".join(SAFETY_TEXT.split())


async def test_the_safety_dialog_still_fits_at_60x20():
    clock = FakeClock(START)
    app = Host(clock, LONGEST_NAME)
    async with app.run_test(size=(60, 20)) as pilot:
        screen = await stop_for_pain(pilot, clock)
        assert_labelled_in_full(app, screen, ["safety-remove", "safety-close"])
        text = screen.query_one("#safety-text").region
        assert app.screen.region.contains_region(text)
        assert shown_within(app, text) == " ".join(SAFETY_TEXT.split())
        assert "r take it out · esc close" in screen_text(app)


async def test_during_the_cue_the_border_offers_only_close():
    clock = FakeClock(START)
    app = Host(clock, ANKLE_PUMPS)
    async with app.run_test(size=(80, 24)) as pilot:
        await started(pilot)
        await pilot.press("exclamation_mark")
        screen = await wait_for_screen(pilot, SafetyScreen)
        await settle(pilot)
        assert_labelled_in_full(app, screen, ["safety-close"])
        assert screen.query_one("#safety-dialog").border_subtitle == "esc close"

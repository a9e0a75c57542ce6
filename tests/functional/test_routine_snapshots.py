"""Snapshots of the routine builder on a fake clock and a fresh store.

Regenerate after an intended change with
``pytest tests/functional/test_routine_snapshots.py --snapshot-update`` and look at the SVGs.

The store holds three sets in which the chest opener felt effortless, so the form opens
(on the guide's day plan) with one progression suggestion above the five steps.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from textual.app import App
from textual.widgets import Input, SelectionList

from microtui.core.fake_clock import FakeClock
from microtui.core.loader import builtin_path, load_library
from microtui.store import Store
from microtui.ui.screens.routine import RoutineScreen
from microtui.ui.services import Services
from tests.functional.helpers import settle, wait_for_screen

LIBRARY = load_library([builtin_path()])


class Host(App[None]):
    TITLE = "microtui"

    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store
        self.clock = FakeClock(datetime(2026, 11, 25, 9, 30, tzinfo=UTC))

    def on_mount(self) -> None:
        self.push_screen(RoutineScreen(Services.create(LIBRARY, clock=self.clock,
                                                       store=self.store)))


@pytest.fixture
def store(tmp_path):
    store = Store.open(tmp_path / "data")
    for day in (20, 21, 22):
        store.add_session({
            "v": 1, "started": f"2026-11-{day}T10:00:00+00:00", "outcome": "completed",
            "exercises": [{"id": "chest-opener", "name": "Chest Opener", "side": None,
                           "planned_seconds": 14.0, "done_seconds": 14.0,
                           "effortless": True}],
        })
    yield store
    store.close()


async def _ready(pilot) -> None:
    await wait_for_screen(pilot, RoutineScreen)
    await settle(pilot)


def test_the_form_on_the_guides_day_plan(snap_compare, store):
    async def run_before(pilot) -> None:
        await _ready(pilot)
        pilot.app.screen.query_one("#pain-points", SelectionList).focus()
        await pilot.press("down", "space")  # hips: its exercises move up, starred
        await settle(pilot)

    assert snap_compare(Host(store), terminal_size=(120, 40), run_before=run_before)


def test_a_new_routine_with_an_error_and_a_warning(snap_compare, store):
    async def run_before(pilot) -> None:
        await _ready(pilot)
        screen = pilot.app.screen
        await pilot.press("ctrl+n", *"Desk", "space", *"day")
        screen.query_one("#interval", Input).focus()
        await pilot.press("5")  # too short: an error under the field
        screen.query_one("#set-start-of-day").focus()
        await pilot.press("plus")  # 35 s: the guide's 30-second warning
        await settle(pilot)
        screen.query_one("#routine-form").scroll_to_widget(
            screen.query_one("#step-frequency"), top=True, animate=False)
        await settle(pilot)

    assert snap_compare(Host(store), terminal_size=(120, 40), run_before=run_before)


def test_the_form_at_80x24(snap_compare, store):
    async def run_before(pilot) -> None:
        await _ready(pilot)
        pilot.app.screen.query_one("#suggestions").focus()
        await settle(pilot)

    assert snap_compare(Host(store), terminal_size=(80, 24), run_before=run_before)

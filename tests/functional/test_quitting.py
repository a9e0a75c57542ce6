"""Quitting: ``ctrl+q`` leaves at once; ``q`` offers the end-of-day check-in once a day, and
only near the day's end."""

from __future__ import annotations

from datetime import datetime

import pytest

from microtui.core.fake_clock import FakeClock
from microtui.store import Store
from microtui.ui.app import MicroTuiApp
from microtui.ui.screens.checkin import CheckinScreen
from microtui.ui.screens.today import TodayScreen
from tests.functional.helpers import wait_for, wait_for_screen

MORNING = datetime(2026, 11, 25, 9, 6).astimezone()  # a Wednesday; the day ends at 17:30
LAST_HOUR = datetime(2026, 11, 25, 16, 45).astimezone()


@pytest.fixture
def store(tmp_path):
    with Store.open(tmp_path / "data") as store:
        yield store


def moved(store: Store, at: datetime, trigger: str = "interval") -> None:
    store.add_session({"started": at.isoformat(), "event_id": f"x-{at:%H%M}",
                       "trigger": trigger, "outcome": "completed"})


async def quit_with(library, store, now: datetime, key: str) -> type | None:
    """Press ``key`` on Today at ``now``; the screen it shows (None: the app quit)."""
    app = MicroTuiApp(library, clock=FakeClock(now), store=store)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, TodayScreen)
        await pilot.press(key)
        await wait_for(pilot, lambda: app.return_code is not None
                       or isinstance(app.screen, CheckinScreen), "the app to quit or ask")
        if app.return_code is not None:
            return None
        shown = type(app.screen)
        await pilot.press("escape")  # skip the check-in: the app then quits
        await wait_for(pilot, lambda: app.return_code is not None, "the app to quit")
        return shown


async def test_q_in_the_morning_quits_without_the_end_of_day_checkin(library, store):
    moved(store, MORNING)
    assert await quit_with(library, store, MORNING, "q") is None


async def test_q_in_the_last_hour_offers_it_once_a_day(library, store):
    moved(store, LAST_HOUR)
    assert await quit_with(library, store, LAST_HOUR, "q") is CheckinScreen
    # skipped with escape: the next quit that day (another run) asks nothing
    assert await quit_with(library, store, LAST_HOUR, "q") is None
    assert store.checkins() == []


async def test_q_after_the_end_of_day_set_offers_it(library, store):
    moved(store, MORNING, trigger="end-of-day")
    assert await quit_with(library, store, MORNING, "q") is CheckinScreen


async def test_ctrl_q_quits_at_once_and_still_writes_what_is_unsaved(library, store):
    moved(store, LAST_HOUR)
    app = MicroTuiApp(library, clock=FakeClock(LAST_HOUR), store=store)
    record = {"started": LAST_HOUR.isoformat(), "event_id": "kept", "outcome": "skipped"}
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, TodayScreen)
        app.services.log._unsaved.append(("session", record))  # a write that had failed
        await pilot.press("ctrl+q")
        await wait_for(pilot, lambda: app.return_code is not None, "the app to quit")
    assert app.return_code == 0
    assert "kept" in [s["event_id"] for s in store.sessions()]
    assert store.checkins() == []


async def test_keys_typed_with_q_in_one_burst_do_nothing_once_it_leaves(library, store):
    """``q`` then ``m`` arriving together (pasted, or faster than a frame): the meeting
    dialog opened on the closing app, failed as it mounted, and microtui ended with a
    traceback and exit code 1."""
    from textual import events

    app = MicroTuiApp(library, clock=FakeClock(MORNING), store=store)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, TodayScreen)
        app.post_message(events.Key("q", "q"))
        app.post_message(events.Key("m", "m"))
        await wait_for(pilot, lambda: app.return_code is not None, "the app to quit")
    assert app.return_code == 0
    assert app.leaving

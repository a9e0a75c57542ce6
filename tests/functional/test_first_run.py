"""The first-run setup: a fresh data directory opens on it, a second start does not; its
answers are saved and followed; a bad one is refused beside its field; a late first start
offers one set now and starts the plan on the next working day."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, time
from pathlib import Path

import pytest
from textual.widgets import Input, Label

from microtui.cli import app_for
from microtui.context import open_context
from microtui.core.fake_clock import FakeClock
from microtui.core.routine import TriggerKind
from microtui.core.safety import SAFETY_ADVICE
from microtui.store import Store
from microtui.ui.app import MicroTuiApp
from microtui.ui.screens.player import PlayerScreen
from microtui.ui.screens.setup import SetupScreen
from microtui.ui.screens.today import TodayScreen
from tests.functional.helpers import screen_text, type_keys, wait_for, wait_for_screen

FRIDAY_MORNING = datetime(2026, 12, 4, 10, 12).astimezone()
FRIDAY_LATE = datetime(2026, 12, 4, 17, 21).astimezone()  # the report: 17:21


@contextmanager
def started(data: Path, now: datetime) -> Iterator[MicroTuiApp]:
    """The app as ``microtui --data DATA`` makes it, its clock stopped at ``now``."""
    context = open_context(data=str(data))
    context.clock = FakeClock(now)
    try:
        yield app_for(context)
    finally:
        context.close()


def stored(data: Path):
    with Store.open(data, lock=False) as store:
        return store.user_settings()


def today_view(app: MicroTuiApp):
    today = app.today_screen()
    return None if today is None else today.day_view


async def test_a_fresh_data_directory_opens_on_the_setup_and_enter_takes_the_day_plan(
        tmp_path):
    data = tmp_path / "data"
    with started(data, FRIDAY_MORNING) as app:
        async with app.run_test(size=(80, 24)) as pilot:
            await wait_for_screen(pilot, SetupScreen)
            text = screen_text(app)
            assert "09:00" in text and "17:30" in text and "mon-fri" in text
            assert SAFETY_ADVICE[:40] in " ".join(text.split())
            assert "Start of Day is due as soon as you start" in text
            assert app.today_screen() is None  # nothing rings behind it
            await pilot.press("enter")
            await wait_for_screen(pilot, TodayScreen)
            await wait_for(pilot, lambda: today_view(app) is not None, "Today's day")
            view = today_view(app)
            first = view.timeline.events[0]
            assert first.kind is TriggerKind.START_OF_DAY
            assert first.planned.time() == time(10, 12)  # the day starts as set up
    saved = stored(data)
    assert saved.setup_done == FRIDAY_MORNING.date()
    assert saved.first_seen is not None and saved.first_seen.at == FRIDAY_MORNING
    assert saved.schedule.plan_starts is None


async def test_a_second_start_does_not_show_the_setup(tmp_path):
    data = tmp_path / "data"
    with started(data, FRIDAY_MORNING) as app:
        async with app.run_test(size=(80, 24)) as pilot:
            await wait_for_screen(pilot, SetupScreen)
            await pilot.press("enter")
            await wait_for_screen(pilot, TodayScreen)
    with started(data, FRIDAY_MORNING.replace(hour=11)) as again:
        async with again.run_test(size=(80, 24)) as pilot:
            await wait_for_screen(pilot, TodayScreen)
            assert not any(isinstance(s, SetupScreen) for s in again.screen_stack)


async def test_custom_answers_are_stored_and_followed(tmp_path):
    data = tmp_path / "data"
    with started(data, FRIDAY_MORNING.replace(hour=7)) as app:
        async with app.run_test(size=(80, 24)) as pilot:
            await wait_for_screen(pilot, SetupScreen)
            # Each field's text is selected when it gets the focus: typing replaces it.
            await pilot.press(*type_keys("08:00"), "tab", *type_keys("16:00"), "tab",
                              *type_keys("mon-thu, fri"), "tab", *type_keys("20"))
            await wait_for(pilot, lambda: "every 20 min until End of Day at 16:00"
                           in " ".join(screen_text(app).split()), "what happens next")
            await pilot.press("enter")
            await wait_for_screen(pilot, TodayScreen)
            await wait_for(pilot, lambda: today_view(app) is not None, "Today's day")
            events = today_view(app).timeline.events
            assert events[0].planned.time() == time(8, 0)
            interval = [e for e in events if e.kind is TriggerKind.INTERVAL]
            assert interval[0].name == "Every 20 min"
            assert interval[0].planned.time() == time(8, 20)
    schedule = stored(data).schedule
    assert (schedule.workday_start, schedule.workday_end) == (time(8), time(16))
    assert schedule.working_weekdays == {0, 1, 2, 3, 4}
    assert schedule.interval_minutes == 20


async def test_a_bad_value_is_refused_beside_its_field_and_nothing_is_saved(tmp_path):
    data = tmp_path / "data"
    with started(data, FRIDAY_MORNING) as app:
        async with app.run_test(size=(80, 24)) as pilot:
            setup = await wait_for_screen(pilot, SetupScreen)
            await pilot.press("tab", *type_keys("8:00"))  # ends before it starts
            await pilot.press("enter")
            error = setup.query_one("#setup-error-workday-end", Label)
            await wait_for(pilot, lambda: error.display, "the error beside the field")
            assert "must end after it starts (09:00)" in str(error.content)
            assert setup.query_one("#setup-workday-end", Input).has_focus
            assert setup.query_one("#setup-workday-end", Input).has_class("-invalid")
            assert "Nothing is saved" in screen_text(app)
            assert isinstance(app.screen, SetupScreen)
            assert stored(data).needs_setup()
            # Put right, it is taken.
            await pilot.press(*type_keys("18:00"), "enter")
            await wait_for_screen(pilot, TodayScreen)
    assert stored(data).schedule.workday_end == time(18)


async def test_a_late_first_start_offers_one_set_now_and_starts_the_plan_on_monday(
        tmp_path):
    data = tmp_path / "data"
    with started(data, FRIDAY_LATE) as app:
        async with app.run_test(size=(80, 24)) as pilot:
            await wait_for_screen(pilot, SetupScreen)
            assert "It is late for today: one set now" in " ".join(
                screen_text(app).split())
            await pilot.press("enter")
            await wait_for(pilot, lambda: "p plays it" in screen_text(app), "the offer")
            assert "your plan starts on Monday 7 December at 09:00" in " ".join(
                screen_text(app).split())
            assert stored(data).schedule.plan_starts.isoformat() == "2026-12-07"
            await pilot.press("p")
            player = await wait_for_screen(pilot, PlayerScreen)
            assert player.event_id is None  # one set, not one of the day's
            assert app.services.settings.current.schedule.plan_starts is not None


async def test_a_late_first_start_declined_shows_an_empty_day(tmp_path):
    data = tmp_path / "data"
    with started(data, FRIDAY_LATE) as app:
        async with app.run_test(size=(80, 24)) as pilot:
            await wait_for_screen(pilot, SetupScreen)
            await pilot.press("enter")
            await wait_for(pilot, lambda: "p plays it" in screen_text(app), "the offer")
            await pilot.press("enter")
            await wait_for_screen(pilot, TodayScreen)
            await wait_for(pilot, lambda: "Your plan starts on Monday 7 December"
                           in screen_text(app), "Today saying when the plan starts")
            assert today_view(app).timeline.events == ()
            assert not app.today_screen().terminal.bells  # nothing rang
    saved = stored(data)
    assert saved.first_seen is None and saved.setup_done is not None


@pytest.mark.parametrize("size", [(60, 20), (80, 24), (120, 40)])
@pytest.mark.parametrize("now", [FRIDAY_MORNING, FRIDAY_LATE])
async def test_the_setup_is_whole_at_every_size(tmp_path, size, now):
    with started(tmp_path / "data", now) as app:
        async with app.run_test(size=size) as pilot:
            setup = await wait_for_screen(pilot, SetupScreen)
            await wait_for(pilot, lambda: "Next:" in screen_text(app), "what happens next")
            text = screen_text(app)
            flat = " ".join(text.split())
            for label in ("Workday starts", "Workday ends", "Working days", "Every (minutes)",
                          "Safety: If you experience", "health professional.",
                          "enter start with these · tab next field · ctrl+q quit"):
                assert label in flat, (label, text)
            assert flat.rstrip().endswith("ctrl+q quit")
            assert not setup.query_one("#setup").max_scroll_y, text  # nothing below the fold
            if now is FRIDAY_LATE:
                await pilot.press("enter")
                await wait_for(pilot, lambda: "p plays it" in screen_text(app), "the offer")
                flat = " ".join(screen_text(app).split())
                assert "p one set now · enter not now" in flat
                assert not setup.query_one("#setup").max_scroll_y

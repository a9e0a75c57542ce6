"""The routine builder's warnings list and its Progress box: progressions with a choice
(2 s, 3 s, a band; a rhythm's seconds) and the 15-minute interval when energy falls."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from textual.widgets import Input

from microtui.core.checkin import make_checkin
from microtui.core.progression import EFFORTLESS_RULE
from microtui.core.routine import TriggerKind
from microtui.store import Store
from microtui.ui.screens.routine_form import SuggestionList
from microtui.ui.screens.routine_offers import FATIGUE_OPTION
from microtui.ui.screens.routine_problems import ProblemList

from .helpers import type_keys, wait_for
from .test_routine import NOW, Host, screen, session, settle

TODAY = date(2026, 11, 25)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    store = Store.open(tmp_path / "data")
    yield store
    store.close()


def falling_energy(store, days: int = 3) -> None:
    """Energy lower at the day's end than that morning on ``days`` workdays."""
    for n in range(1, days + 1):
        day = TODAY - timedelta(days=n)
        at = datetime(day.year, day.month, day.day, 9, tzinfo=NOW.tzinfo)
        store.add_checkin(make_checkin(day, "start", {"stiffness": 4, "energy": 7,
                                                      "focus": 6}, at))
        store.add_checkin(make_checkin(day, "end", {"stiffness": 5, "energy": 4,
                                                    "focus": 5}, at + timedelta(hours=8)))


async def test_every_warning_is_listed_and_ctrl_g_jumps_to_its_field(store):
    app = Host(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        problems = app.screen.query_one("#problems", ProblemList)
        assert not problems.display  # the guide's day plan: no warning
        assert not app.screen.check_action("next_problem", ())  # nor its key
        app.screen.query_one("#mid-afternoon", Input).focus()
        await pilot.press("ctrl+u", *type_keys("19:00"))
        await settle(pilot)
        assert problems.display
        assert [str(o.prompt) for o in problems.options] == [
            "✗ Name: The guide's day plan stays as the guide wrote it: give your version a "
            "name of its own.",  # errors first
            "⚠ Mid-afternoon set: Outside your workday: this set will not come up."]
        await pilot.press("ctrl+g")  # the first: the name
        await wait_for(pilot, lambda: app.screen.focused is not None
                       and app.screen.focused.id == "name", "the name focused")
        await pilot.press("ctrl+g")  # the next: the mid-afternoon time
        await wait_for(pilot, lambda: app.screen.focused is not None
                       and app.screen.focused.id == "mid-afternoon", "the field focused")
        assert problems.highlighted == 1


async def test_a_progression_offers_2_or_3_seconds_and_says_the_rule(store):
    for day in (20, 21, 22):
        store.add_session(session(day, "chest-opener", True))
    app = Host(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        hint = str(app.screen.query_one("#progress-step .step-hint").render())
        assert EFFORTLESS_RULE in hint.replace("\n", " ")
        suggestions = app.screen.query_one("#suggestions", SuggestionList)
        suggestions.focus()
        assert "hold 2 s longer (5 s → 7 s). Other choice (c): hold 3 s longer." in str(
            suggestions.options[0].prompt)
        await pilot.press("c")  # the other choice: 3 s
        await settle(pilot)
        assert "hold 3 s longer (5 s → 8 s)" in str(suggestions.options[0].prompt)
        await pilot.press("a")
        await settle(pilot)
        [chest, _] = screen(app).draft.items(TriggerKind.PRE_MEETING)
        assert chest.hold_extra_seconds == 3.0


async def test_a_rhythm_progresses_by_seconds_of_rhythm(store):
    for day in (20, 21, 22):
        store.add_session(session(day, "ankle-pumps", True))
    app = Host(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        suggestions = app.screen.query_one("#suggestions", SuggestionList)
        assert [o.id for o in suggestions.options] == ["ankle-pumps"]
        assert "keep the rhythm going 2 s longer (10 s → 12 s)" in str(
            suggestions.options[0].prompt)
        suggestions.focus()
        await pilot.press("a")
        await settle(pilot)
        [pumps, _] = screen(app).draft.items(TriggerKind.INTERVAL)
        assert pumps.rhythm_extra_seconds == 2.0


async def test_falling_energy_suggests_15_minutes_and_accepting_changes_the_interval(store):
    falling_energy(store)
    app = Host(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        suggestions = app.screen.query_one("#suggestions", SuggestionList)
        assert [o.id for o in suggestions.options] == [FATIGUE_OPTION]
        assert "a set every 15 minutes instead of 30" in str(suggestions.options[0].prompt)
        suggestions.focus()
        await pilot.press("a")
        await settle(pilot)
        await wait_for(pilot, lambda: store.user_settings().schedule.interval_minutes == 15,
                       "the interval stored")
        assert screen(app).draft.interval == "15"
        assert not screen(app).dirty  # written already: nothing left to save
        assert not app.screen.query_one("#progress-step").display


async def test_a_declined_interval_is_remembered(store):
    falling_energy(store)
    app = Host(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.screen.query_one("#suggestions", SuggestionList).focus()
        await pilot.press("d")
        await settle(pilot)
        await wait_for(pilot, lambda: store.user_settings().fatigue_declined == TODAY,
                       "the decline stored")
        assert store.user_settings().schedule.interval_minutes is None
    again = Host(store)
    async with again.run_test(size=(120, 40)) as pilot:  # the next start: not asked again
        await settle(pilot)
        assert not again.screen.query_one("#progress-step").display


async def test_in_the_app_the_interval_is_offered_at_start_and_today_follows_it(library, store):
    from microtui.core.fake_clock import FakeClock
    from microtui.ui.app import MicroTuiApp
    from microtui.ui.screens.routine import RoutineScreen
    from microtui.ui.screens.today import TodayScreen

    from .helpers import wait_for_screen

    falling_energy(store)
    app = MicroTuiApp(library, clock=FakeClock(NOW), store=store)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_screen(pilot, TodayScreen)
        await wait_for(pilot, lambda: any("every 15 minutes instead of 30" in n.message
                                          for n in app._notifications), "the offer at start")
        await pilot.press("3")
        builder = await wait_for_screen(pilot, RoutineScreen)
        await settle(pilot)
        builder.query_one("#suggestions", SuggestionList).focus()
        await pilot.press("a")
        await wait_for(pilot, lambda: app.services.settings.current.schedule.interval_minutes
                       == 15, "Today to follow the 15-minute interval")
        assert store.user_settings().schedule.interval_minutes == 15

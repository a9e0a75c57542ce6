"""Screens made once and shown again: the player, made while the app is idle behind Today,
and each set's summary dialog, asked afresh at the end of every set."""

from __future__ import annotations

from datetime import datetime

import pytest
from textual.widgets import Input, Static

from microtui.core.fake_clock import FakeClock
from microtui.store import Store
from microtui.ui.app import BUILT_WHILE_IDLE, PLAYER_SCREEN, MicroTuiApp
from microtui.ui.screen_preload import AFTER_START, ScreenBuilder, made
from microtui.ui.screens.checkin import CheckinScreen
from microtui.ui.screens.player import PlayerScreen
from microtui.ui.screens.player_dialogs import SetSummaryScreen
from microtui.ui.screens.progress import ProgressScreen
from microtui.ui.screens.routine import RoutineScreen
from microtui.ui.screens.today import TodayScreen
from microtui.ui.widgets.sensation_chooser import SensationChooser
from tests.functional.helpers import record_calls, screen_text, wait_for, wait_for_screen

SIZE = (120, 40)
NOW = datetime(2026, 11, 25, 9, 29, 50).astimezone()


def all_made(app: MicroTuiApp) -> bool:
    return all(made(app, mode) for mode in BUILT_WHILE_IDLE)


async def test_the_player_is_made_behind_today_and_not_composed_again(
        library, clock, monkeypatch):
    assert PLAYER_SCREEN in BUILT_WHILE_IDLE
    composed = record_calls(monkeypatch, PlayerScreen, "compose")
    app = MicroTuiApp(library, clock=clock, build_screens_after=0)
    async with app.run_test(size=SIZE) as pilot:
        today = await wait_for_screen(pilot, TodayScreen)
        fronts: list[object] = []
        app.screen_change_signal.subscribe(app, fronts.append, immediate=True)
        await wait_for(pilot, lambda: all_made(app) and composed, "the player made")
        assert app.screen is today and app.current_mode == "today"
        assert fronts and all(front is today for front in fronts[1::2])  # Today again
        assert "microtui — Today" in screen_text(app)
        await pilot.press("2")
        await wait_for(pilot, lambda: isinstance(app.screen, (CheckinScreen, PlayerScreen)))
        if isinstance(app.screen, CheckinScreen):  # the day's first set asks first
            await pilot.press("escape")
        player = await wait_for_screen(pilot, PlayerScreen)
        assert composed == [player]  # the one made behind Today, not composed again


async def test_progress_is_made_behind_today_and_its_first_visit_only_shows_it(
        library, clock, monkeypatch):
    composed = record_calls(monkeypatch, ProgressScreen, "compose")
    app = MicroTuiApp(library, clock=clock, build_screens_after=0)
    async with app.run_test(size=SIZE) as pilot:
        today = await wait_for_screen(pilot, TodayScreen)
        await wait_for(pilot, lambda: made(app, "progress") and composed, "Progress made")
        progress = app.get_screen_stack("progress")[0]
        await wait_for(pilot, lambda: progress.is_mounted, "Progress mounted behind Today")
        assert app.screen is today and "microtui — Today" in screen_text(app)
        await pilot.press("4")
        shown = await wait_for_screen(pilot, ProgressScreen)
        await wait_for(pilot, lambda: "How you feel" in screen_text(app), "Progress drawn")
        assert shown is progress and composed == [progress]  # not composed again


async def test_no_screen_is_made_unless_the_app_says_it_is_ready(library, clock):
    app = MicroTuiApp(library, clock=clock)  # no builder of its own
    ready = False
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, TodayScreen)
        builder = ScreenBuilder(app, ("routine",), ready=lambda: ready)
        builder.build_next()
        assert not made(app, "routine")
        ready = True
        builder.build_next()
        assert made(app, "routine")
        assert app.current_mode == "today"
        await wait_for(pilot, lambda: app.get_screen_stack("routine")[0].is_mounted,
                       "the builder mounted behind Today")
        assert isinstance(app.screen, TodayScreen)


async def test_a_screen_is_not_made_while_a_dialog_is_open_on_today(library, clock):
    app = MicroTuiApp(library, clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, TodayScreen)
        await pilot.press("question_mark")
        await wait_for(pilot, lambda: len(app.screen_stack) == 2, "help open")
        assert not app._idle_at_today()
        await pilot.press("escape")
        await wait_for(pilot, lambda: len(app.screen_stack) == 1, "help closed")
        assert app._idle_at_today()
        await pilot.press("3")
        await wait_for_screen(pilot, RoutineScreen)
        assert not app._idle_at_today()  # another screen in front


@pytest.fixture
def store(tmp_path):
    with Store.open(tmp_path / "data") as store:
        yield store


async def test_a_set_plays_and_is_logged_on_the_player_made_while_idle(library, store):
    clock = FakeClock(NOW)
    app = MicroTuiApp(library, clock=clock, store=store, build_screens_after=0)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: all_made(app), "every screen made")
        player = app.get_screen_stack(PLAYER_SCREEN)[0]
        clock.advance(10)  # 09:30:00: the first interval set comes due
        await wait_for(pilot, lambda: "due" in screen_text(app), "the set due")
        await pilot.press("enter")
        await wait_for_screen(pilot, CheckinScreen)
        await pilot.press("7", "4", "6", "enter")
        shown = await wait_for_screen(pilot, PlayerScreen)
        assert shown is player
        assert shown.event_id == "2026-11-25:interval:09:30"
        clock.advance(int(shown.player.plan.total_seconds) + 2)
        await wait_for_screen(pilot, SetSummaryScreen)
        await pilot.press("enter")
        await wait_for(pilot, lambda: store.sessions() and "✓ done" in screen_text(app),
                       "the set logged and shown done")
        assert [s["outcome"] for s in store.sessions()] == ["completed"]


def test_the_app_people_start_makes_its_screens_while_idle(tmp_path):
    from microtui.cli import app_for
    from microtui.context import open_context

    context = open_context(data=str(tmp_path / "data"))
    try:
        assert app_for(context, skip_setup=True).build_screens_after == AFTER_START
    finally:
        context.close()


async def test_every_sets_summary_is_the_same_dialog_asked_afresh(library, store,
                                                                  monkeypatch):
    """A set's summary is made once and asked again at the end of every set (a dialog's
    worth of widgets is not built and thrown away per set): nothing picked, nothing typed,
    the new set's line."""
    composed = record_calls(monkeypatch, SetSummaryScreen, "compose")
    clock = FakeClock(NOW)
    app = MicroTuiApp(library, clock=clock, store=store)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, TodayScreen)
        summaries: list[SetSummaryScreen] = []
        for round_ in range(2):
            await pilot.press("2")
            await wait_for(pilot, lambda: isinstance(app.screen, (CheckinScreen,
                                                                  PlayerScreen)))
            if isinstance(app.screen, CheckinScreen):
                await pilot.press("escape")
            player = await wait_for_screen(pilot, PlayerScreen)
            clock.advance(int(player.player.plan.total_seconds) + 2)
            summary = await wait_for_screen(pilot, SetSummaryScreen)
            summaries.append(summary)
            note = summary.query_one("#summary-note", Input)
            await wait_for(pilot, lambda note=note: note.has_focus, "the note focused")
            assert note.value == ""
            assert summary.query_one(SensationChooser).chosen is None
            line = str(summary.query_one("#summary-line", Static).render())
            assert line.strip() and "pain" not in line.lower()
            await pilot.press("3")  # tight
            await wait_for(pilot, lambda s=summary: s.query_one(SensationChooser).chosen)
            await pilot.press(*(["o", "k"] if round_ == 0 else []), "enter")
            await wait_for_screen(pilot, TodayScreen)
            await wait_for(pilot, lambda n=round_ + 1: len(store.sessions()) == n,
                           "the set logged")
        assert summaries[0] is summaries[1] and composed == [summaries[0]]
        first, second = store.sessions()
        assert (first["sensation"], first["note"]) == ("tight", "ok")
        assert (second["sensation"], second["note"]) == ("tight", None)

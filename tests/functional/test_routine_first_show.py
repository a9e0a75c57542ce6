"""The routine builder shows its draft once on a first visit: the store's read (in a thread)
shows it again only when it changes what the form shows (a saved calendar, a design)."""

from __future__ import annotations

from dataclasses import replace

from textual.widgets import Input

from microtui.ui.screens.routine_form import Form

from .helpers import record_calls, record_frames, wait_for
from .test_routine import LIBRARY, NOW, Host, settle, store  # noqa: F401 - the fixture


async def test_the_guides_plan_is_shown_once_and_its_offers_after_the_read(store,  # noqa: F811
                                                                           monkeypatch):
    shown = record_calls(monkeypatch, Form, "show_fields")
    problems = record_calls(monkeypatch, Form, "show_problems")
    app = Host(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: len(problems) == 2, "checked again with what was read")
        await settle(pilot)
        assert len(shown) == 1  # the read changed nothing the form shows
        assert len(problems) == 2


async def test_a_saved_calendar_is_shown_once_read(store, monkeypatch):  # noqa: F811
    store.update_settings(lambda settings: replace(settings, calendar="~/work.ics"))
    shown = record_calls(monkeypatch, Form, "show_fields")
    app = Host(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: app.screen.query_one("#calendar", Input).value
                       == "~/work.ics", "the saved calendar shown")
        await settle(pilot)
        assert len(shown) == 2


async def test_steps_1_to_3_come_first_and_the_draft_is_shown_in_the_rest_once_in(
        store, monkeypatch):  # noqa: F811
    """The first frame that shows the builder is drawn before steps 4, the sets and 5 are
    made (about 80 widgets); they come after it with the draft in them."""
    from microtui.core.fake_clock import FakeClock
    from microtui.ui.app import MicroTuiApp
    from microtui.ui.screens.routine import RoutineScreen
    from microtui.ui.screens.routine_steps import LowerSteps, SetList
    from microtui.ui.screens.today import TodayScreen

    frames: list[bool] = []  # for each frame written of the builder: the lower steps in?
    app = MicroTuiApp(LIBRARY, clock=FakeClock(NOW), store=store)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, TodayScreen))
        await settle(pilot)
        record_frames(monkeypatch, frames, lambda screen, dropped: (
            bool(screen.query(LowerSteps))
            if isinstance(screen, RoutineScreen) and not dropped else None))
        await pilot.press("3")
        await wait_for(pilot, lambda: True in frames, "a frame with the lower steps")
        await settle(pilot)
        assert frames[0] is False
        assert app.screen.query_one("#interval", Input).value == "30"
        assert app.screen.query_one("#workday-end", Input).value == "17:30"
        start = app.screen.query_one("#set-start-of-day", SetList)
        assert start.option_count > 1  # its exercises, and "+ add exercise"


async def test_a_field_below_asked_for_before_it_is_in_gets_the_focus_once_in(
        store, monkeypatch):  # noqa: F811
    """Asked for while only steps 1 to 3 are in (as a refused save or ctrl+g may), a field
    of step 4 gets the focus once the lower steps come."""
    monkeypatch.setattr(Form, "on_mount",
                        lambda form: form.focus_field("pre_meeting_lead"), raising=False)
    app = Host(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: app.screen.query("#pre-meeting-lead"), "step 4 in")
        await settle(pilot)
        assert app.focused is app.screen.query_one("#pre-meeting-lead", Input)

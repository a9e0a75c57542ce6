"""The routine builder shows its draft once on a first visit: the store's read (in a thread)
shows it again only when it changes what the form shows (a saved calendar, a design)."""

from __future__ import annotations

from dataclasses import replace

from textual.widgets import Input

from microtui.ui.screens.routine_form import Form

from .helpers import record_calls, wait_for
from .test_routine import Host, settle, store  # noqa: F401 - the fixture


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

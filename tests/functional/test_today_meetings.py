"""Meetings typed in on Today with ``m``: stored the moment they are added, back after a
restart, edited with ``e`` and deleted with ``d`` (keys shown only where they apply)."""

from __future__ import annotations

import pytest
from textual.widgets import Input

from microtui.core.event_states import EventState
from microtui.core.fake_clock import FakeClock
from microtui.store import Store
from microtui.ui.screens.meeting_dialog import MeetingDialog
from tests.functional.helpers import screen_text, type_keys, wait_for
from tests.functional.test_today import (
    DAY,
    SIZE,
    eid,
    local,
    make,
    row,
    settle,
    state,
)


@pytest.fixture
def store(tmp_path):
    with Store.open(tmp_path / "data") as opened:
        yield opened


def stored(store) -> list[tuple[str, str, bool]]:
    return [(m["at"], m["title"], m["removed"]) for m in store.meetings(DAY)]


def footer_keys(app) -> set[str]:
    return {binding.action for (_n, binding, enabled, _t) in
            app.screen.active_bindings.values() if binding.show and enabled}


def live_keys(app) -> set[str]:
    """The keys that work now (? help lists them)."""
    return {binding.action for (_n, binding, enabled, _t) in
            app.screen.active_bindings.values() if enabled}


async def test_a_typed_meeting_is_stored_comes_back_and_can_be_edited_and_deleted(
        library, store):
    clock = FakeClock(local(9, 40))
    app = make(library, store, clock)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert "edit_meeting" not in footer_keys(app)  # the next set has no meeting
        await pilot.press("m", *type_keys("10:43"), "tab", *type_keys("Standup"), "enter")
        await wait_for(pilot, lambda: stored(store) == [("10:43", "Standup", False)],
                       "the meeting written the moment it was added")

    # A new start (the app quit and ran again) shows it with its set.
    app = make(library, store, FakeClock(local(9, 45)))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        pre = eid("10:41", "pre-meeting")
        assert state(app, pre) is EventState.UPCOMING
        assert "Standup" in row(app, pre)
        # select it: e appears in the footer, and d works (? help lists it)
        assert not {"edit_meeting", "delete_meeting"} & live_keys(app)
        await pilot.press("down", "down")
        await wait_for(pilot, lambda: app.today.selection.event_id == pre, "the set selected")
        await wait_for(pilot, lambda: "edit_meeting" in footer_keys(app), "e in the footer")
        assert "delete_meeting" in live_keys(app)
        assert "Edit meeting" in screen_text(app)
        await pilot.press("e")
        await wait_for(pilot, lambda: isinstance(app.screen, MeetingDialog), "the dialog")
        time_field = app.screen.query_one("#meeting-time", Input)
        assert time_field.value == "10:43"
        assert app.screen.query_one("#meeting-title", Input).value == "Standup"
        time_field.value = "11:15"
        await pilot.press("enter")
        await wait_for(pilot, lambda: stored(store) == [("11:15", "Standup", False)],
                       "the edit written")
        assert app.today.day_view.view_of(pre) is None
        moved = eid("11:13", "pre-meeting")
        assert "Standup" in row(app, moved) and app.today.selection.event_id == moved
        await pilot.press("d")
        await wait_for(pilot, lambda: stored(store) == [("11:15", "Standup", True)],
                       "the deletion written")
        assert app.today.day_view.view_of(moved) is None
        assert not {"edit_meeting", "delete_meeting"} & live_keys(app)

    app = make(library, store, FakeClock(local(9, 50)))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert app.today.tracker.typed_meetings == []
        assert "Standup" not in screen_text(app)


async def test_at_80_columns_a_meetings_set_names_the_meeting(library, store):
    app = make(library, store, FakeClock(local(9, 40)))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("m", *type_keys("10:43"), "tab", *type_keys("Standup"), "enter")
        await wait_for(pilot, lambda: "Standup: Chest Opener" in screen_text(app),
                       "the meeting named on its set's line")

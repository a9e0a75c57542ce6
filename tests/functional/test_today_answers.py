"""Snooze and skip on Today: shown only while a set is due, the due toast gone after a skip,
and ``u`` takes the day's last skip or snooze back."""

from __future__ import annotations

import pytest

from microtui.core.event_states import EventState
from microtui.core.fake_clock import FakeClock
from microtui.store import Store
from tests.functional.helpers import wait_for
from tests.functional.test_today import (
    DAY,
    SIZE,
    advance,
    due_notes,
    eid,
    local,
    make,
    settle,
    state,
)


@pytest.fixture
def store(tmp_path):
    with Store.open(tmp_path / "data") as opened:
        yield opened


def footer_keys(app) -> set[str]:
    return {binding.action for (_n, binding, enabled, _t) in
            app.screen.active_bindings.values() if binding.show and enabled}


def skips(store: Store) -> list[str]:
    return [r["event_id"] for r in store.sessions(since=DAY, until=DAY)
            if r["outcome"] == "skipped"]


async def test_snooze_and_skip_are_in_the_footer_only_while_a_set_is_due(library, store):
    clock = FakeClock(local(9, 29, 50))
    app = make(library, store, clock)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert not {"snooze", "skip", "undo"} & footer_keys(app)  # nothing due yet
        await advance(app, pilot, clock, 10)
        await wait_for(pilot, lambda: {"snooze", "skip"} <= footer_keys(app),
                       "Snooze and Skip in the footer")
        # a set picked by hand that is not due yet has neither
        await pilot.press("down")
        await wait_for(pilot, lambda: not {"snooze", "skip"} & footer_keys(app),
                       "no Snooze or Skip for a set not due")


async def test_a_skip_takes_the_due_toast_down_and_u_takes_it_back(library, store):
    clock = FakeClock(local(9, 29, 50))
    app = make(library, store, clock)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(app, pilot)
        await advance(app, pilot, clock, 10)
        assert len(due_notes(app)) == 1
        await pilot.press("x")
        await wait_for(pilot, lambda: skips(store) == [eid("09:30")], "the skip logged")
        assert due_notes(app) == []  # the toast asking to start it is gone
        assert any("u undoes it" in n.message for n in app._notifications)
        assert "undo" in footer_keys(app)
        assert not {"snooze", "skip"} & footer_keys(app)

        await pilot.press("u")
        await wait_for(pilot, lambda: skips(store) == [], "the skip taken out of the log")
        assert state(app, eid("09:30")) is EventState.DUE
        assert {"snooze", "skip"} <= footer_keys(app) and "undo" not in footer_keys(app)
        # read back from the log, the skip stays undone
        app.today.load_log()
        await settle(app, pilot)
        assert state(app, eid("09:30")) is EventState.DUE

        await pilot.press("s")
        assert state(app, eid("09:30")) is EventState.SNOOZED
        await pilot.press("u")
        await wait_for(pilot, lambda: state(app, eid("09:30")) is EventState.DUE,
                       "the snooze undone")

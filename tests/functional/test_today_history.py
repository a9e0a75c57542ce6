"""Rows of sets gone by show what the log says was played, and when."""

from __future__ import annotations

import pytest

from microtui.core.fake_clock import FakeClock
from microtui.store import Store
from microtui.ui.services import SettingsChanged
from tests.functional.helpers import wait_for
from tests.functional.test_today import SIZE, eid, local, make, row, settle


@pytest.fixture
def store(tmp_path):
    with Store.open(tmp_path / "data") as opened:
        yield opened


def played(store: Store, event_id: str, started, ended, outcome: str, *ids: str) -> None:
    store.add_session({
        "v": 1, "event_id": event_id, "trigger": "interval", "started": started.isoformat(),
        "ended": ended.isoformat(), "outcome": outcome, "active_seconds": 20,
        "exercises": [{"id": i, "name": i, "side": None, "planned_seconds": 10.0,
                       "done_seconds": 10.0, "effortless": False} for i in ids],
        "note": None})


async def test_a_new_routine_does_not_rewrite_the_rows_of_sets_played(library, store):
    played(store, eid("09:30"), local(9, 30, 5), local(9, 30, 20), "partial",
           "ankle-pumps", "cervical-nod")
    app = make(library, store, FakeClock(local(9, 45)))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert "Ankle Pumps + Cervical Nod" in row(app, eid("09:30"))
        services = app.today.services
        routine = services.settings.current.routine.without_exercise(
            "cervical-nod", id="mine", name="Mine")
        app.today.post_message(SettingsChanged(services.settings.change(routine=routine)))
        await wait_for(pilot, lambda: "Cervical Nod" not in row(app, eid("10:00")),
                       "Today to follow the new routine")
        past = row(app, eid("09:30"))
        assert "Ankle Pumps + Cervical Nod" in past and "◐ partial" in past
        assert "20 s" in past  # the length of what was played


async def test_a_set_done_early_says_when_it_was_done(library, store):
    played(store, eid("10:00"), local(9, 40), local(9, 40, 22), "completed",
           "ankle-pumps", "cervical-nod")
    app = make(library, store, FakeClock(local(9, 41)))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        line = row(app, eid("10:00"))
        assert "✓ done" in line and "in " not in line.split("✓ done")[1]
        assert "just now" in line

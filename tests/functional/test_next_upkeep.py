"""While the app runs it keeps ``microtui next``'s answers: its timer, on the app's clock,
looks in a worker a few seconds after the start and every 15 s after."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from microtui.core.fake_clock import FakeClock
from microtui.core.loader import Library
from microtui.next_keeper import CHECK_SECONDS, FIRST_CHECK_SECONDS, NextStateKeeper
from microtui.next_state import STATE_FILE, NextOptions
from microtui.store import Store
from microtui.ui.app import MicroTuiApp
from tests.functional.helpers import wait_for


async def test_the_app_writes_the_state_of_next_and_keeps_it(tmp_path, library: Library,
                                                             monkeypatch):
    for name in ("MICROTUI_NOW", "MICROTUI_SPEED", "MICROTUI_DATA"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("TZ", "Europe/London")  # next's answers hold in a named zone only
    clock = FakeClock(datetime(2026, 11, 25, 9, 45, tzinfo=ZoneInfo("Europe/London")))
    data = tmp_path / "data"
    state = data / STATE_FILE
    with Store.open(data) as store:
        store.update_settings(lambda saved: saved.with_first_seen(clock.now()))
        keeper = NextStateKeeper(NextOptions(str(data)), clock)
        app = MicroTuiApp(library, clock=clock, store=store, data_dir=data,
                          next_keeper=keeper)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert not state.exists()  # not before the first paint is out of the way
            clock.advance(FIRST_CHECK_SECONDS)
            await wait_for(pilot, state.exists, "the state file")
            state.unlink()
            clock.advance(CHECK_SECONDS)
            await wait_for(pilot, state.exists, "the state file, written again")

"""After each set, one key says how it felt (the guide's step 5, "Document": "any immediate
sensations"), and the record holds it from that moment: a process killed right after the
key keeps it. Words typed after it are the set's note."""

from __future__ import annotations

from datetime import datetime

import pytest

from microtui.core.fake_clock import FakeClock
from microtui.store import Store
from microtui.ui.app import MicroTuiApp
from microtui.ui.screens.player import PlayerScreen
from microtui.ui.screens.player_dialogs import SetSummaryScreen
from microtui.ui.screens.today import TodayScreen
from microtui.ui.widgets.sensation_chooser import SensationChooser
from tests.functional.helpers import screen_text, wait_for, wait_for_screen

NOW = datetime(2026, 11, 25, 9, 29, 50).astimezone()


@pytest.fixture
def data(tmp_path):
    return tmp_path / "data"


def on_disk(data) -> list[dict]:
    """The sets as another process (the next start, after a kill) reads them from disk."""
    with Store.open(data, lock=False) as reader:
        return reader.sessions()


async def summary_of_a_set(pilot, clock: FakeClock) -> SetSummaryScreen:
    clock.advance(10)  # 09:30: the interval set
    await pilot.press("2")
    await pilot.press("escape")  # no start-of-day check-in
    player = await wait_for_screen(pilot, PlayerScreen)
    await wait_for(pilot, lambda: player.player.started, "the set to start")
    clock.advance(3 + 10 + 12 + 1)
    return await wait_for_screen(pilot, SetSummaryScreen)


@pytest.mark.parametrize("size", [(60, 20), (80, 24), (120, 40)])
async def test_one_key_logs_how_the_set_felt_at_once_and_words_follow(library, data, size):
    clock = FakeClock(NOW)
    with Store.open(data) as store:
        app = MicroTuiApp(library, clock=clock, store=store)
        async with app.run_test(size=size) as pilot:
            summary = await summary_of_a_set(pilot, clock)
            chooser = summary.query_one(SensationChooser)
            await wait_for(pilot, lambda: "1 eased  2 loosened  3 tight  4 tingling  5 pain"
                           in screen_text(app), "the choices on one line")
            assert "How did it feel?" in screen_text(app)
            await wait_for(pilot, lambda: [s["outcome"] for s in on_disk(data)]
                           == ["completed"], "the set logged as it ended")
            assert "sensation" not in on_disk(data)[0]
            await pilot.press("3")
            # Written the moment it is answered, the summary still open: a kill now keeps it.
            await wait_for(pilot, lambda: on_disk(data)[0].get("sensation") == "tight",
                           "the sensation on disk while the summary is open")
            assert app.screen is summary
            assert chooser.chosen == "tight"
            await wait_for(pilot, lambda: "✓ tight, logged" in screen_text(app), "the pick shown")
            await pilot.press("1")  # another key changes it: one set, one record
            await wait_for(pilot, lambda: on_disk(data)[0].get("sensation") == "eased",
                           "the sensation changed")
            await pilot.press(*"calves 2 warm", "enter")  # the digit in words is a word
            await wait_for_screen(pilot, TodayScreen)
            await wait_for(pilot, lambda: on_disk(data)[0].get("note") == "calves 2 warm",
                           "the words added to the set's record")
        [record] = store.sessions()
    assert (record["sensation"], record["note"]) == ("eased", "calves 2 warm")


async def test_a_set_left_unanswered_has_no_sensation(library, data):
    clock = FakeClock(NOW)
    with Store.open(data) as store:
        app = MicroTuiApp(library, clock=clock, store=store)
        async with app.run_test(size=(60, 20)) as pilot:
            await summary_of_a_set(pilot, clock)
            await pilot.press("enter")
            await wait_for_screen(pilot, TodayScreen)
        [record] = store.sessions()
    assert "sensation" not in record and record["note"] is None

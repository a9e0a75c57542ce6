"""The player at every size: full from 80x24, compact (four lines and a key line) from
40x12, and below that paused, saying so, until the terminal grows: a set is never played
on, nor logged as played, while it cannot be seen."""

from __future__ import annotations

import pytest
from textual.app import App

from microtui.core.fake_clock import FakeClock
from microtui.core.routine import SetItem
from microtui.ui.presenters.player_moment import Look, look_for
from microtui.ui.screens.player import TOO_SMALL_TEXT, PlayerScreen
from microtui.ui.screens.player_dialogs import ConfirmEndScreen, SetSummaryScreen
from microtui.ui.widgets.compact_player import CompactPlayer, key_line

from .helpers import screen_text, wait_for, wait_for_screen
from .test_player import START, Host, advance, player, started, text_of


def shown(app: App) -> str:
    return screen_text(app)


def compact_shows(app: App, *texts: str) -> bool:
    screen = player(app)
    return (screen.has_class("-compact") and screen.query_one(CompactPlayer).display
            and all(text in shown(app) for text in texts))


def active(clock: FakeClock, app: App) -> float:
    return player(app).player.active_seconds(clock.monotonic())


def test_each_size_gets_its_look():
    assert look_for(80, 24) is look_for(120, 40) is Look.FULL
    assert look_for(79, 24) is look_for(80, 23) is look_for(60, 20) is Look.COMPACT
    assert look_for(40, 12) is Look.COMPACT
    assert look_for(39, 12) is look_for(40, 11) is look_for(20, 5) is Look.NONE


def test_the_key_line_names_whole_keys_that_fit():
    assert key_line(38, paused=False).plain == "space pause  n next  ! pain  esc end"
    assert key_line(38, paused=True).plain == "space resume  n next  ! pain  esc end"
    assert key_line(80, paused=False).plain == (
        "space pause  n next  ! pain  esc end  p restart  e effortless  ? help  q quit")
    assert key_line(60, paused=False).plain == (
        "space pause  n next  ! pain  esc end  ? help  q quit")  # Help and Quit stay
    assert key_line(20, paused=False).plain == "space pause  n next"


@pytest.mark.parametrize("size", [(40, 12), (60, 20), (79, 24), (80, 23), (60, 15)])
async def test_a_small_terminal_gets_the_compact_player(size):
    clock = FakeClock(START)
    app = Host(clock)
    async with app.run_test(size=size) as pilot:
        await started(pilot)
        await advance(pilot, clock, 4.0)  # ankle pumps, pointing down, 1 s left, inhale
        await wait_for(pilot, lambda: compact_shows(app, "Ankle Pumps"), "the compact player")
        text = shown(app)
        for line in ("Ankle Pumps", "Point them downward", "1 s · move", "Inhale",
                     "Next: Cervical Nod", "space pause", "n next", "! pain", "esc end"):
            assert line in text, line
        assert TOO_SMALL_TEXT not in text
        assert "Movement" not in text  # the figure's box: the full player is not drawn
        compact = player(app).query_one(CompactPlayer)
        assert app.screen.region.contains_region(compact.region)
        assert len([row for row in text.split("\n") if row.strip()]) <= size[1]


async def test_the_compact_players_keys_work_at_40x12():
    clock = FakeClock(START)
    app = Host(clock)
    async with app.run_test(size=(40, 12)) as pilot:
        await started(pilot)
        await advance(pilot, clock, 4.0)
        await pilot.press("space")
        await wait_for(pilot, lambda: compact_shows(app, "paused", "space resume"),
                       "the compact player paused")
        await advance(pilot, clock, 5.0)
        assert active(clock, app) == pytest.approx(4.0)
        await pilot.press("space")
        await wait_for(pilot, lambda: compact_shows(app, "space pause"), "it to play on")
        await pilot.press("n")
        await wait_for(pilot, lambda: compact_shows(app, "Cervical Nod", "end of set"),
                       "the next exercise")
        await pilot.press("escape")
        await wait_for_screen(pilot, ConfirmEndScreen)
        await pilot.press("enter")
        await wait_for_screen(pilot, SetSummaryScreen)
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.results, "the set's record")
    assert app.results[0]["outcome"] == "partial"


async def test_a_set_played_to_its_end_at_60x20_is_logged_completed():
    clock = FakeClock(START)
    app = Host(clock)
    async with app.run_test(size=(60, 20)) as pilot:
        await started(pilot)
        for _ in range(6):
            await advance(pilot, clock, 5.0)
        summary = await wait_for_screen(pilot, SetSummaryScreen)
        assert summary.summary == "Moved 25 s · 2 of 2 exercises done"
        assert "Set complete" in shown(app)
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.results, "the set's record")
    assert app.results[0]["outcome"] == "completed"
    assert app.logged == app.results


@pytest.mark.parametrize("size", [(39, 12), (40, 11), (30, 8)])
async def test_too_small_pauses_the_set_until_the_terminal_grows(size):
    clock = FakeClock(START)
    app = Host(clock)
    async with app.run_test(size=(60, 20)) as pilot:
        await started(pilot)
        await advance(pilot, clock, 4.0)
        await pilot.resize_terminal(*size)
        await wait_for(pilot, lambda: player(app).paused, "the set to pause")
        text = " ".join(shown(app).split())
        assert " ".join(TOO_SMALL_TEXT.split()) in text
        assert "Ankle Pumps" not in text
        ticks = player(app).ticks
        await advance(pilot, clock, 60.0)  # a minute unseen: none of it is played
        assert active(clock, app) == pytest.approx(4.0)
        assert player(app).ticks == ticks
        assert app.results == app.logged == []
        assert isinstance(app.screen, PlayerScreen)
        await pilot.press("space")  # nothing to resume by hand while it cannot be seen
        assert player(app).paused
        await pilot.resize_terminal(60, 20)
        await wait_for(pilot, lambda: not player(app).paused
                       and compact_shows(app, "Ankle Pumps"), "the set to go on")
        await advance(pilot, clock, 1.0)
        assert active(clock, app) == pytest.approx(5.0)
        for _ in range(5):
            await advance(pilot, clock, 5.0)
        await wait_for_screen(pilot, SetSummaryScreen)
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.results, "the set's record")
    record = app.results[0]
    assert record["outcome"] == "completed"
    assert record["active_seconds"] == 25.0


async def test_a_set_given_to_a_too_small_terminal_waits_to_be_seen():
    clock = FakeClock(START)
    app = Host(clock)
    async with app.run_test(size=(36, 10)) as pilot:
        await wait_for(pilot, lambda: player(app).is_mounted and player(app).paused
                       and TOO_SMALL_TEXT.split(".")[0] in shown(app), "the paused set")
        await advance(pilot, clock, 30.0)
        assert active(clock, app) == 0.0
        await pilot.resize_terminal(40, 12)
        await wait_for(pilot, lambda: compact_shows(app, "Core bracing cue"),
                       "the set from its start")
        assert not player(app).paused


async def test_a_set_paused_by_hand_stays_paused_when_the_terminal_grows():
    clock = FakeClock(START)
    app = Host(clock)
    async with app.run_test(size=(60, 20)) as pilot:
        await started(pilot)
        await advance(pilot, clock, 2.0)
        await pilot.press("space")
        await wait_for(pilot, lambda: player(app).paused, "the pause")
        await pilot.resize_terminal(30, 8)
        await wait_for(pilot, lambda: player(app).has_class("-too-small"), "too small")
        await pilot.resize_terminal(60, 20)
        await wait_for(pilot, lambda: compact_shows(app, "space resume"), "compact again")
        assert player(app).paused


async def test_usable_from_80x24_and_after_a_resize():
    clock = FakeClock(START)
    app = Host(clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await started(pilot)
        await advance(pilot, clock, 4.0)
        text = shown(app)
        assert TOO_SMALL_TEXT not in text and not player(app).has_class("-compact")
        for line in ("Ankle Pumps", "Point them downward", "rep 1 of 5", "Inhale",
                     "Next: Cervical Nod", "Pain/dizzy", "End set"):
            assert line in text, line
        await pilot.resize_terminal(70, 20)
        await wait_for(pilot, lambda: compact_shows(app, "Ankle Pumps"), "compact")
        await advance(pilot, clock, 1.0)  # 5.0: the next rep, flex up
        await pilot.resize_terminal(80, 24)
        await wait_for(pilot, lambda: "Movement" in shown(app)
                       and text_of(app, "#phase-cue") == "Flex the feet upward",
                       "the full player, up to date")
        assert "rep 2 of 5" in shown(app)


async def test_at_40x12_a_long_cue_wraps_and_the_rep_moves_down():
    clock = FakeClock(START)
    app = Host(clock, (SetItem("core-bracing"),))
    async with app.run_test(size=(40, 12)) as pilot:
        await started(pilot)
        await advance(pilot, clock, 4.0)  # past the opening cue: the first hold
        cue = "Exhale fully, then draw the belly button toward the spine"
        await wait_for(pilot, lambda: compact_shows(app, "Transverse Abdominal Bracing"),
                       "the compact player")
        compact = player(app).query_one(CompactPlayer)
        rows = [row.strip() for row in shown(app).split("\n")[compact.region.y:
                                                              compact.region.bottom]]
        assert " ".join(rows[1:3]) == cue  # whole, on two lines
        assert rows[-1] == "rep 1 of 4 · Next: end of set"
        assert app.screen.region.contains_region(compact.region)
        hold = next(p for p in player(app).player.plan.phases if p.phase.cue == cue)
        await advance(pilot, clock, hold.end - 4.0)  # the release: its cue fits one line

        assert player(app).moment().cue == "Release"
        await wait_for(pilot, lambda: compact.region.height == 4, "one line of cue")
        assert "Release" in shown(app)


async def test_keep_going_in_a_too_small_terminal_waits_until_it_grows():
    clock = FakeClock(START)
    app = Host(clock)
    async with app.run_test(size=(60, 20)) as pilot:
        await started(pilot)
        await advance(pilot, clock, 4.0)
        await pilot.press("escape")  # pauses and asks
        await wait_for_screen(pilot, ConfirmEndScreen)
        await pilot.resize_terminal(30, 8)
        await pilot.press("escape")  # keep going: but nothing shows the set
        await wait_for(pilot, lambda: isinstance(app.screen, PlayerScreen)
                       and player(app).has_class("-too-small"), "the player, too small")
        await advance(pilot, clock, 10.0)
        assert player(app).paused and active(clock, app) == pytest.approx(4.0)
        await pilot.resize_terminal(40, 12)
        await wait_for(pilot, lambda: not player(app).paused, "the set to go on")
        await advance(pilot, clock, 1.0)
        assert active(clock, app) == pytest.approx(5.0)

"""Every screen and dialog at small, usual and large terminal sizes, and resizes mid-set.

One app walks through them all by keys; each screen, once open, is resized through every
size (starting from a different one each time, so each size also gets screens first laid
out at it), which is far quicker than one walk per size. At each size a screen must render
without an exception and, from 80x24 up, show what it is for. Below 80x24 the player
shows its compact look (down to 40x12; below that it pauses the set and says why:
tests/functional/test_player_compact.py).
"""

from __future__ import annotations

from datetime import datetime
from itertools import count

import pytest
from textual.command import CommandPalette
from textual.geometry import Region
from textual.screen import Screen
from textual.widgets import Digits

from microtui.core.fake_clock import FakeClock
from microtui.store import Store
from microtui.ui.app import MicroTuiApp
from microtui.ui.screens.checkin import CheckinScreen, MobilityScreen
from microtui.ui.screens.help import HelpScreen
from microtui.ui.screens.library import LibraryScreen
from microtui.ui.screens.meeting_dialog import MeetingDialog
from microtui.ui.screens.player import TOO_SMALL_TEXT, PlayerScreen, countdown_text
from microtui.ui.screens.player_dialogs import ConfirmEndScreen, SafetyScreen, SetSummaryScreen
from microtui.ui.screens.progress import ProgressScreen
from microtui.ui.screens.routine import RoutineScreen
from microtui.ui.screens.today import TodayScreen
from microtui.ui.widgets.compact_player import CompactPlayer
from tests.functional.helpers import screen_text, wait_for, wait_for_screen

# A Wednesday, just before the 09:30 interval set (core bracing cue, ankle pumps, nods).
NOW = datetime(2026, 11, 25, 9, 29, 50).astimezone()
SIZES = [(40, 12), (80, 24), (120, 40), (200, 60)]


@pytest.fixture
def store(tmp_path):
    with Store.open(tmp_path / "data") as store:
        yield store


def usable(size: tuple[int, int]) -> bool:
    return size[0] >= 80 and size[1] >= 24


def too_small(app: MicroTuiApp) -> bool:
    """The player says the terminal is too small (the line may wrap when narrow)."""
    return " ".join(TOO_SMALL_TEXT.split()) in " ".join(screen_text(app).split())


def compact(app: MicroTuiApp) -> bool:
    """The player shows its compact look, and not the message for a too small terminal."""
    player = app.screen
    assert isinstance(player, PlayerScreen)
    shows = player.query_one(CompactPlayer)
    return (player.has_class("-compact") and shows.display and shows.region.area > 0
            and not too_small(app))


def countdown_shown(app: MicroTuiApp) -> bool:
    player = app.screen
    assert isinstance(player, PlayerScreen)
    digits = player.query_one("#countdown", Digits)
    return digits.display and digits.region.area > 0 and not too_small(app)


class Sizes:
    """Checks the screen on show at every size."""

    def __init__(self, pilot) -> None:
        self.pilot = pilot
        self.steps = count()
        self.seen: dict[str, set[tuple[int, int]]] = {}

    async def check(self, kind: type[Screen], *texts: str) -> dict[tuple[int, int], str]:
        """The app shows a ``kind`` screen that renders whole at every size; from 80x24 up
        the ``texts`` are on it. Returns what it showed at each size."""
        pilot, app = self.pilot, self.pilot.app
        # Start at the size the last check ended at (the one this screen opened at), so
        # the sizes screens open at go round too.
        first = -next(self.steps) % len(SIZES)
        shown = {}
        for size in SIZES[first:] + SIZES[:first]:
            if tuple(app.size) != size:
                await pilot.resize_terminal(*size)

            def shows_it(size: tuple[int, int] = size) -> str:
                assert app._exception is None, app._exception
                assert isinstance(app.screen, kind), (
                    f"{app.screen!r} shows, not a {kind.__name__}")
                assert tuple(app.size) == size
                text = screen_text(app)  # renders every visible line: an error raises here
                assert text.strip(), f"{kind.__name__} is blank at {size}"
                if usable(size):
                    for wanted in texts:
                        assert wanted in text, (
                            f"no {wanted!r} on {kind.__name__} at {size}:\n{text}")
                if isinstance(app.screen, PlayerScreen):
                    assert countdown_shown(app) if usable(size) else compact(app), (
                        f"the player at {size} shows:\n{text}")
                return text

            # A screen fills in what its workers read, and a resize lays it out again.
            await wait_for(pilot, shows_it, f"{kind.__name__} shown whole at {size}")
            self.seen.setdefault(kind.__name__, set()).add(size)
            shown[size] = shows_it()
        return shown


async def test_every_screen_and_dialog_renders_at_every_size(library, store):
    clock = FakeClock(NOW)
    app = MicroTuiApp(library, clock=clock, store=store)
    async with app.run_test(size=SIZES[0]) as pilot:
        await app.workers.wait_for_complete()
        sizes = Sizes(pilot)
        await sizes.check(TodayScreen, "Wednesday 25 November", "Ankle Pumps", "Start")
        await pilot.press("m")
        await sizes.check(MeetingDialog, "Add a meeting today", "Time", "Title", "Add")
        await pilot.press("escape")
        clock.advance(10)  # 09:30: a set is due, so Snooze is one of Today's keys
        await wait_for(pilot, lambda: "Due now" in screen_text(app), "the set due")
        await pilot.press("question_mark")
        await sizes.check(HelpScreen, "Keys", "Start", "Snooze")
        await pilot.press("escape")
        await pilot.press("ctrl+p")
        await sizes.check(CommandPalette)
        await pilot.press("escape")

        # The player: the day's first set opens with the start-of-day check-in.
        await pilot.press("2")
        await sizes.check(CheckinScreen, "How do you feel as the day starts?", "Stiffness",
                          "Energy", "Focus", "esc skip")
        await pilot.resize_terminal(40, 12)
        focused = app.screen.focused
        await pilot.press("7", "5")  # the focus goes on to the last line, focus
        await wait_for(pilot, lambda: app.screen.focused is not focused, "the focus to move on")

        # A short terminal scrolls the dialog rather than cutting off its last lines.
        def dialog() -> Region:
            return app.screen.query_one("#checkin-dialog").region

        await wait_for(pilot, lambda: dialog().contains_region(app.screen.focused.region),
                       "the check-in scrolled to the focused line")
        assert app.screen.region.contains_region(dialog())
        assert dialog().contains_region(app.screen.focused.region)
        await pilot.press("escape")
        await wait_for_screen(pilot, PlayerScreen)
        clock.advance(4)  # ankle pumps
        shown = await sizes.check(PlayerScreen, "Ankle Pumps", "rep 1 of 5", "Pain/dizzy")
        assert "Ankle Pumps" in shown[40, 12] and "Movement" not in shown[40, 12]
        await pilot.press("escape")
        await sizes.check(ConfirmEndScreen, "End this set?", "End set", "Keep going")
        await pilot.press("escape")  # keep going
        await pilot.press("exclamation_mark")
        await sizes.check(SafetyScreen, "You stopped during Ankle Pumps.", "Close",
                          "out of my routine")
        await pilot.press("escape")
        await sizes.check(SetSummaryScreen, "Set stopped", "How did it feel?")
        await pilot.press("enter")
        await wait_for_screen(pilot, TodayScreen)

        await pilot.press("3")
        await sizes.check(RoutineScreen, "Name", "Assess your pain points", "Where stiffness")

        await app.switch_mode("progress")  # (the name field would take a digit)
        await sizes.check(ProgressScreen, "Adherence", "How you feel", "Mobility check")
        await pilot.press("m")
        await sizes.check(MobilityScreen, "Mobility screen", "Hip flexion, left", "ctrl+s save")
        await pilot.press("escape")
        await pilot.press("5")
        await sizes.check(LibraryScreen, "Exercises", "Ankle Pumps")
        await pilot.resize_terminal(40, 12)
        # Narrow, the detail goes under the list rather than into a sliver beside it.
        await wait_for(pilot, lambda: app.screen.query_one("#exercise-detail").region.width
                       >= 30, "the exercise detail laid out under the list")
        assert app.screen.query_one("#exercise-detail").region.width >= 30

        # Quitting in the workday's last hour, after a set with movement in it, offers
        # the end-of-day check-in.
        clock.advance(7 * 3600)
        await pilot.press("q")
        await wait_for_screen(pilot, CheckinScreen)
        assert isinstance(app.screen, CheckinScreen) and app.screen.moment == "end"
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.return_code is not None, "the app to quit")
    assert [s["outcome"] for s in store.sessions()] == ["stopped-for-pain"]
    assert len(sizes.seen) == 13 and all(len(s) == len(SIZES) for s in sizes.seen.values())


async def test_a_set_keeps_playing_through_resizes(library, store):
    clock = FakeClock(NOW)
    app = MicroTuiApp(library, clock=clock, store=store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2")
        await wait_for_screen(pilot, CheckinScreen)
        await pilot.press("escape")  # skip the start-of-day check-in
        player = await wait_for_screen(pilot, PlayerScreen)
        assert isinstance(player, PlayerScreen)

        def drawn() -> bool:
            """The player drew the clock's moment (or, at the end, closed)."""
            if app.screen is not player:
                return True
            moment = player.moment()
            if compact(app):
                view = player.query_one(CompactPlayer).view
                return (view.countdown == countdown_text(moment.phase_left)
                        and view.breath_progress == pytest.approx(moment.breath_word_progress))
            shown = player.query_one("#set-progress").progress
            return shown == pytest.approx(moment.set_elapsed)

        async def play(seconds: float) -> float:
            for _ in range(int(seconds)):
                clock.advance(1)
                await wait_for(pilot, drawn, "the player to draw the clock's moment")
            return player.player.active_seconds(clock.monotonic())

        assert countdown_shown(app)
        done = await play(4)
        assert "Ankle Pumps" in screen_text(app)
        for size in [(40, 12), (79, 24), (80, 23), (200, 60), (80, 24), (60, 30), (120, 40)]:
            await pilot.resize_terminal(*size)
            await wait_for(pilot, lambda size=size: tuple(app.size) == size
                           and compact(app) != usable(size), f"the player laid out at {size}")
            assert app.screen is player and not player.paused
            if usable(size):
                assert countdown_shown(app), f"no countdown at {size}"
            else:
                assert compact(app), f"the player is not compact at {size}"
            now = await play(2)
            assert now == pytest.approx(done + 2), f"the set did not play on at {size}"
            if usable(size):  # and the screen follows it
                assert player.query_one("#set-progress").progress == pytest.approx(now)
            done = now
        assert "Cervical Nod" in screen_text(app)  # 18 s in: the second exercise
        # Played to its end through all that, the set is logged whole.
        await play(10)
        await wait_for_screen(pilot, SetSummaryScreen)
        assert isinstance(app.screen, SetSummaryScreen)
        assert "Set complete" in screen_text(app)
        await pilot.press("enter")
        await wait_for_screen(pilot, TodayScreen)
        await app.workers.wait_for_complete()
        await wait_for(pilot, lambda: store.sessions(), "the set to be logged")
    [record] = store.sessions()
    assert record["outcome"] == "completed"
    assert all(e["done_seconds"] == e["planned_seconds"] for e in record["exercises"])

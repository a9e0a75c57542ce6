"""Snapshots of the player mid-breath, on a fake clock (nothing on screen reads real time).

Regenerate after an intended change with
``pytest tests/functional/test_player_snapshots.py --snapshot-update`` and look at the SVGs.

The pre-meeting set: bracing cue 0..3 | chest opener 3..17 (5 s exhaled hold + 2 s inhaled
release, twice) | wrist pulses left 17..25, right 25..33 (2 s up on an inhale, 2 s down on
an exhale).
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from textual.app import App

from microtui.core.fake_clock import FakeClock
from microtui.core.loader import builtin_path, load_library
from microtui.core.routine import TriggerKind
from microtui.ui.screens.player import PlayerScreen
from microtui.ui.services import Services
from tests.functional.helpers import settled, wait_for, wait_for_screen

LIBRARY = load_library([builtin_path()])
PRE_MEETING = LIBRARY.default_routine.trigger(TriggerKind.PRE_MEETING)
assert PRE_MEETING is not None


class Host(App[None]):
    TITLE = "microtui"

    def __init__(self) -> None:
        super().__init__()
        self.services = Services.create(
            LIBRARY, clock=FakeClock(datetime(2026, 11, 25, 9, 30, tzinfo=UTC)))

    def on_mount(self) -> None:
        player = PlayerScreen(self.services)
        player.play(PRE_MEETING.items, title=PRE_MEETING.name)
        self.push_screen(player)


def at(app: Host, seconds: float):
    async def run_before(pilot) -> None:
        player = await wait_for_screen(pilot, PlayerScreen)
        app.services.clock.advance(seconds)
        # the player's timer draws the moment, and the screen is repainted
        await wait_for(pilot, lambda: player.query_one("#set-progress").progress
                       == pytest.approx(seconds) and settled(app), f"the moment {seconds} s in")

    return run_before


def test_player_mid_exhale(snap_compare):
    app = Host()  # 5.5 s: half way through the chest opener's exhaled hold
    assert snap_compare(app, terminal_size=(100, 30), run_before=at(app, 5.5))


def test_player_mid_inhale(snap_compare):
    app = Host()  # 9.0 s: half way through its inhaled release
    assert snap_compare(app, terminal_size=(100, 30), run_before=at(app, 9.0))


def test_player_right_side_at_80x24(snap_compare):
    app = Host()  # 26.0 s: wrist pulses, right side (mirrored figure), mid-inhale
    assert snap_compare(app, terminal_size=(80, 24), run_before=at(app, 26.0))

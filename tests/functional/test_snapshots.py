"""Pixel-exact (well, cell-exact) pictures of screens, compared with a stored SVG.

Regenerate after an intended visual change with
``pytest tests/functional/test_snapshots.py --snapshot-update`` and review the diff.
"""

from __future__ import annotations

from textual.pilot import Pilot

from microtui.ui.screens.help import HelpScreen
from tests.functional.helpers import settle, wait_for_screen


async def select_scapular_retraction(pilot: Pilot) -> None:
    # Bracing → Pelvic Tilt → Glute Squeeze → (heading skipped) → Scapular Retraction Pulse.
    await pilot.press("down", "down", "down")
    await settle(pilot)


def test_library_with_an_exercise_selected(snap_compare, app):
    assert snap_compare(app, terminal_size=(100, 30), run_before=select_scapular_retraction)


def test_library_detail_focused_at_80x24(snap_compare, app):
    async def open_shoulder_circle(pilot: Pilot) -> None:
        await pilot.press("down", "down", "down", "down", "down", "enter")
        await settle(pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=open_shoulder_circle)


def test_help_screen(snap_compare, app):
    async def open_help(pilot: Pilot) -> None:
        await pilot.press("question_mark")
        await wait_for_screen(pilot, HelpScreen)
        await settle(pilot)

    assert snap_compare(app, terminal_size=(100, 30), run_before=open_help)

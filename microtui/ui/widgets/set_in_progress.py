"""The line that keeps a set in progress in sight while another screen is in front.

A set that is playing is always either in front (its player) or named on the screen the
user is on: leaving the player pauses the set, and every other screen shows one line at its
bottom, "‖ Ankle Pumps · paused · 12 s left · 2 to return to it", until the set is back in
front. The app mounts and removes it (:meth:`~microtui.ui.app.MicroTuiApp.keep_set_in_sight`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from textual.widgets import Static

from microtui.core.time_text import fmt_duration
from microtui.ui.presenters.return_key import RETURN_KEY

if TYPE_CHECKING:  # the player's modules come with the first set, not with the app's start
    from microtui.core.exercises import Exercise
    from microtui.core.player import Moment


def set_in_progress_text(moment: Moment, exercises: Mapping[str, Exercise], *,
                         ended: bool) -> str:
    """``"‖ Ankle Pumps · paused · 12 s left · 2 to return to it"``; a set that has ended
    (its summary still open) says so instead."""
    from microtui.core.player import exercise_name

    back = f"{RETURN_KEY} to return to it"
    if ended or moment.finished:
        return f"■ Set ended · its summary is open · {back}"
    name = exercise_name(moment.exercise_id or "", exercises)
    return f"‖ {name} · paused · {fmt_duration(moment.set_left)} left · {back}"


class SetInProgress(Static):
    """One line at the bottom of a screen: the set in progress, and how to return to it
    (two on a narrow terminal, so the key is never cut off)."""

    DEFAULT_CSS = """
    SetInProgress {
        split: bottom;
        height: auto;
        max-height: 2;
        width: 1fr;
        padding: 0 1;
        background: $warning-muted;
        color: $text;
        text-style: bold;
    }
    """

    def __init__(self, text: str) -> None:
        super().__init__(text, markup=False, classes="set-in-progress")

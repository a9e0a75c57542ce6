"""Reusable widgets: the player's breathing cue, exercise figure and set progress."""

from microtui.ui.widgets.breath import BreathCue
from microtui.ui.widgets.figure import ExerciseFigure
from microtui.ui.widgets.set_progress import SetProgress

__all__ = ["BreathCue", "ExerciseFigure", "SetProgress"]

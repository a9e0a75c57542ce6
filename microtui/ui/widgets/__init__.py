"""Reusable widgets: the player's breathing cue and exercise figure."""

from microtui.ui.widgets.breath import BreathCue
from microtui.ui.widgets.figure import ExerciseFigure

__all__ = ["BreathCue", "ExerciseFigure"]

"""Reusable widgets: the player's breathing cue, exercise figure and set progress.

Each is imported when first asked for (``from microtui.ui.widgets import BreathCue``), not
with the package: Today's widgets live here too, and the app's start needs only those."""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from microtui.ui.widgets.breath import BreathCue
    from microtui.ui.widgets.figure import ExerciseFigure
    from microtui.ui.widgets.set_progress import SetProgress

__all__ = ["BreathCue", "ExerciseFigure", "SetProgress"]

_MODULES = {"BreathCue": "breath", "ExerciseFigure": "figure", "SetProgress": "set_progress"}


def __getattr__(name: str) -> Any:
    module = _MODULES.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f"{__name__}.{module}"), name)

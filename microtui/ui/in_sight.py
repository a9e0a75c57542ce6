"""Whether a screen can be seen: what a screen asks before it repaints every second."""

from __future__ import annotations

from typing import Any

from textual.screen import Screen


def in_sight(screen: Screen[Any]) -> bool:
    """Whether ``screen`` can be seen: it is on top, or only see-through screens (the
    dialogs) are above it. Under the player or in another mode a screen need not be
    redrawn every second; it is brought up to date when it is shown again."""
    try:
        stack = screen.app.screen_stack
    except Exception:  # no app or no screens yet (mounting)
        return True
    if screen not in stack:
        return not screen.is_attached or screen.app.screen is screen
    above = stack[stack.index(screen) + 1:]
    return all(other.styles.background.a < 1 for other in above)

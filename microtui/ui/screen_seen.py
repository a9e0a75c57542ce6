"""Whether a screen can be seen: what a screen asks before it redraws on a timer."""

from __future__ import annotations

from textual.screen import Screen


def seen(screen: Screen) -> bool:
    """Whether ``screen`` can be seen: it is on top, or only see-through screens (the
    dialogs) are above it. Under the player or in another mode Today's timeline is not
    redrawn every second; its ``on_screen_resume`` brings it up to date."""
    try:
        stack = screen.app.screen_stack
    except Exception:  # no app or no screens yet (mounting)
        return True
    if screen not in stack:
        return not screen.is_attached or screen.app.screen is screen
    above = stack[stack.index(screen) + 1:]
    return all(other.styles.background.a < 1 for other in above)

"""A short pause after a set: the guide's "Pair micro-movements with brief mental breaks for
maximal focus" (the physiology table).

:class:`MentalBreak` is one line at the bottom of the screen in front once a set is over,
"Look away from the screen and breathe · 10 s", counting down :data:`BREAK_SECONDS` on a
timer run by the app's clock (so the tests' fake clock ends it too). Any key ends it early
(the app calls :meth:`MentalBreak.end`) and still does what it does: the pause blocks
nothing. The set's record was written when the set ended, before the pause. The setting
(:attr:`~microtui.core.settings.UserSettings.mental_break`, on by default) is changed with
:class:`MentalBreakSetting`, which the routine builder posts.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from textual.app import App
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Static

from microtui.ui.timers import every

if TYPE_CHECKING:
    from microtui.core.clock import Clock, Ticker

#: "A few seconds to look away from the screen and breathe": one slow breath and then some.
BREAK_SECONDS = 10
BREAK_TEXT = "Look away from the screen and breathe"
#: The setting, in the routine builder.
BREAK_SETTING_LABEL = "After each set, a few seconds to look away and breathe"
#: The guide's words for it.
BREAK_ADVICE = "The guide: pair micro-movements with brief mental breaks for maximal focus."


class MentalBreakSetting(Message):
    """The pause after a set is ``on`` or off: the user turned it (the app stores it), or
    it was read from the store at start (``stored``)."""

    def __init__(self, on: bool, *, stored: bool = False) -> None:
        super().__init__()
        self.on = on
        self.stored = stored


def break_text(remaining: int) -> str:
    return f"☁ {BREAK_TEXT} · {remaining} s · any key ends it"


class MentalBreak(Static):
    """The pause's line and countdown; it removes itself when the countdown is over."""

    DEFAULT_CSS = """
    MentalBreak {
        split: bottom;
        height: auto;
        max-height: 2;
        width: 1fr;
        padding: 0 1;
        background: $success-muted;
        color: $text;
        text-style: bold;
    }
    """

    def __init__(self, clock: Clock, seconds: int = BREAK_SECONDS) -> None:
        super().__init__(break_text(seconds), markup=False, id="mental-break")
        self._clock = clock
        self._ends = clock.monotonic() + seconds
        self.remaining = seconds
        self._ticker: Ticker | None = None

    def on_mount(self) -> None:
        self._ticker = every(self, self._clock, 1.0, self._tick, name="mental-break")

    def _tick(self) -> None:
        """The seconds left by the clock (a tick may come late: the count never drifts)."""
        self.remaining = math.ceil(self._ends - self._clock.monotonic() - 1e-9)
        if self.remaining <= 0:
            self.end()
            return
        self.update(break_text(self.remaining))

    def end(self) -> None:
        """Stop the countdown and take the line away."""
        if self._ticker is not None:
            self._ticker.stop()
            self._ticker = None
        if self.is_attached:
            self.remove()


def show_break(app: App[Any], clock: Clock) -> MentalBreak | None:
    """Mount the pause's line on the screen in front (under any dialog)."""
    front = next((s for s in reversed(app.screen_stack) if not isinstance(s, ModalScreen)),
                 None)
    if front is None:
        return None
    line = MentalBreak(clock)
    front.mount(line)
    return line

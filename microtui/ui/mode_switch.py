"""Switching screens without Textual's 50 ms hold: the screen a key asks for is written in
the first frame that draws it.

``App.switch_mode`` (Textual 8.x) calls ``App.delay_update``: every frame is held for 50 ms
after the switch, to hide Textual's footer, which gets its keys one refresh after its
screen (https://github.com/Textualize/textual/pull/6137, "Delaying the update by 50ms
masks the transition"). microtui's footer (:class:`microtui.ui.widgets.footer.Footer`)
draws its keys itself, in its screen's first frame, so there is no transition to hide. The
hold cost every switch those 50 ms and more: the first frame of a screen made on its first
visit (Routine's takes longer than 50 ms) was drawn inside the hold and dropped, then laid
out and drawn again before anything showed.
Other callers of ``delay_update`` (the command palette as it closes) keep it.
"""

from __future__ import annotations

from textual.widget import AwaitMount

from microtui.ui.app_part import AppPart


class SwitchAtOnce(AppPart):
    """An app whose mode switches are drawn at once (see the module docstring)."""

    _switching_mode = False

    def switch_mode(self, mode: str) -> AwaitMount:
        self._switching_mode = True
        try:
            return super().switch_mode(mode)
        finally:
            self._switching_mode = False

    def delay_update(self, delay: float = 0.05) -> None:
        if not self._switching_mode:
            super().delay_update(delay)

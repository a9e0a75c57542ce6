"""The app keeps ``microtui next``'s answers for the day (:mod:`microtui.next_keeper`):
a timer on the app's clock, each look in a worker thread (Textual's), the first a few
seconds after the start (out of the way of the first paint)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from microtui.next_keeper import CHECK_SECONDS, FIRST_CHECK_SECONDS
from microtui.ui.timers import every, later

if TYPE_CHECKING:
    from textual.app import App

    from microtui.core.clock import Clock
    from microtui.next_keeper import NextStateKeeper


class NextStateUpkeep:
    """Looks with ``keeper`` every :data:`~microtui.next_keeper.CHECK_SECONDS` while
    ``app`` runs, one look at a time."""

    def __init__(self, app: App[Any], clock: Clock, keeper: NextStateKeeper) -> None:
        self.app = app
        self.clock = clock
        self.keeper = keeper

    def start(self) -> None:
        later(self.app, self.clock, FIRST_CHECK_SECONDS, self._first_look, name="next-state")

    def _first_look(self) -> None:
        self._look()
        every(self.app, self.clock, CHECK_SECONDS, self._look, name="next-state")

    def _look(self) -> None:
        self.app.run_worker(self.keeper.look, thread=True, group="next-state", exclusive=True,
                            exit_on_error=False)

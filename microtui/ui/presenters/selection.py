"""Which set Today's keys act on: the selection on the timeline.

It follows the next (or due) set as the day goes on, until the user moves it with the arrows
or adds a meeting (whose set is then selected); snoozing or skipping sets it following
again. Start, snooze and skip each have a target: the selected set, when its state allows
that action (:meth:`Selection.target`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from microtui.core.event_states import EventState

if TYPE_CHECKING:
    from microtui.core.day_view import DayView
    from microtui.core.event_states import EventView

ACTIONS: dict[str, frozenset[EventState] | None] = {
    "start": None,  # any set
    "snooze": frozenset({EventState.DUE, EventState.SNOOZED}),
    "skip": frozenset({EventState.DUE, EventState.UPCOMING, EventState.SNOOZED}),
}
"""The actions on the selected set, with the states they apply to (None: all)."""


class Selection:
    """The selected set's id (None: no set left) and whether it follows the next set."""

    def __init__(self) -> None:
        self.event_id: str | None = None
        self.follows = True

    def follow(self) -> None:
        """Follow the next set again (from the next :meth:`update`)."""
        self.follows = True

    def pick(self, event_id: str) -> None:
        """Select ``event_id`` and keep it selected as the day goes on."""
        self.event_id, self.follows = event_id, False

    def update(self, view: DayView) -> None:
        """Select ``view``'s next set if following, or if the selected set is gone."""
        if self.follows or all(v.id != self.event_id for v in view.events):
            self.follows = True
            self.event_id = view.next.view.id if view.next is not None else None

    def step(self, view: DayView, step: int) -> str | None:
        """Move ``step`` sets down (up if negative), stopping at the first and last set;
        the set now selected (None on a day without sets)."""
        ids = [v.id for v in view.events]
        if not ids:
            return None
        index = ids.index(self.event_id) if self.event_id in ids else 0
        self.pick(ids[max(0, min(len(ids) - 1, index + step))])
        return self.event_id

    def selected(self, view: DayView | None) -> EventView | None:
        """The selected set as ``view`` shows it."""
        if view is None or self.event_id is None:
            return None
        return view.view_of(self.event_id)

    def target(self, action: str, view: DayView | None) -> str | None:
        """The set ``action`` (one of :data:`ACTIONS`) would act on: the selected set if its
        state allows it, else None."""
        selected = self.selected(view)
        if selected is None:
            return None
        states = ACTIONS[action]
        return selected.id if states is None or selected.state in states else None

    def targets(self, view: DayView | None) -> tuple[str | None, ...]:
        """Every action's target, in the order of :data:`ACTIONS`."""
        return tuple(self.target(action, view) for action in ACTIONS)

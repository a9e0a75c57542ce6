"""The next-set panel: the set Today follows (or the one selected), exercise by exercise.

It reads::

    Every 30 min  09:30                     upcoming
    Clock or phone alarm

    Ankle Pumps                                 10 s
      Lower body · seated
    Cervical Nod                                12 s
      Neck and shoulders · seated
                                                ────
    in all                                      22 s

and, when no set is left or the day has none, a line that says so.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from rich.table import Table
from rich.text import Text
from textual.widgets import Static

from microtui.core.time_text import fmt_seconds

if TYPE_CHECKING:
    from microtui.core.event_states import EventState
    from microtui.core.exercises import Exercise
    from microtui.core.timeline import TriggerEvent


class NextSetPanel(Static):
    """Shows one set (see the module docstring); the screen says which, under what heading.

    ``exercises`` is the library's exercises by id (an unknown one shows as its id)."""

    def __init__(self, exercises: Mapping[str, Exercise], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.exercises = exercises
        self.border_title = "Next set"

    def show(self, event: TriggerEvent | None, state: EventState | None, *, heading: str,
             reason: str | None, has_sets: bool) -> None:
        """Show ``event`` in ``state`` under ``heading``; with no event, that no set is
        left today, or (``has_sets`` false) ``reason`` there is none."""
        self.border_title = heading
        if event is not None:
            self.update(self.set_table(event, state))
        elif not has_sets:
            self.update(Text(f"{(reason or 'no sets today').capitalize()}.\n\n"
                             "Enjoy the day.", "dim"))
        else:
            self.update(Text("No more sets today.\n\nWell done — see you tomorrow.", "dim"))

    def set_table(self, event: TriggerEvent, state: EventState | None) -> Table:
        """The set's name, time and state, its meeting and cue, then each exercise with its
        seconds and the total."""
        grid = Table.grid(expand=True, padding=(0, 1))
        grid.add_column(ratio=1)
        grid.add_column(justify="right", no_wrap=True)
        head = Text.assemble((event.name, "bold"), (f"  {event.planned:%H:%M}", "dim"))
        grid.add_row(head, Text(str(state or ""), "dim"))
        if event.meeting_title:
            grid.add_row(Text(f"before {event.meeting_title}", "italic"), "")
        grid.add_row(Text(event.trigger.cue, "dim"), "")
        grid.add_row("", "")
        total = 0.0
        for item in event.trigger.items:
            exercise = self.exercises.get(item.exercise_id)
            if exercise is None:
                grid.add_row(item.exercise_id, "")
                continue
            seconds = item.seconds(exercise)
            total += seconds
            grid.add_row(exercise.name, fmt_seconds(seconds))
            grid.add_row(Text(f"  {exercise.region.label} · {exercise.posture}", "dim"), "")
        grid.add_row("", Text("────", "dim"))
        grid.add_row(Text("in all", "dim"), Text(fmt_seconds(total), "bold"))
        return grid

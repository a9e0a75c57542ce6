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

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, NamedTuple

from rich.text import Text
from textual.app import RenderResult
from textual.widget import Widget

from microtui.core.time_text import fmt_seconds

if TYPE_CHECKING:
    from microtui.core.event_states import EventState
    from microtui.core.exercises import Exercise
    from microtui.core.timeline import TriggerEvent


class NextSetPanel(Widget):
    """Shows one set (see the module docstring); the screen says which, under what heading.

    ``exercises`` is the library's exercises by id (an unknown one shows as its id)."""

    def __init__(self, exercises: "Mapping[str, Exercise]", *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.exercises = exercises
        self.border_title = "Next set"
        self.rows: tuple[Row, ...] = ()
        """What it shows (:meth:`set_rows`, or the line that says none is left), drawn as two
        columns at its width."""

    def show(self, event: "TriggerEvent | None", state: "EventState | None", *, heading: str,
             reason: str | None, has_sets: bool) -> None:
        """Show ``event`` in ``state`` under ``heading``; with no event, that no set is
        left today, or (``has_sets`` false) ``reason`` there is none."""
        self.border_title = heading
        if event is not None:
            self.rows = self.set_rows(event, state)
        elif not has_sets:
            self.rows = (Row(Text(f"{(reason or 'no sets today').capitalize()}.", "dim")),
                         Row(Text()), Row(Text("Enjoy the day.", "dim")))
        else:
            self.rows = (Row(Text("No more sets today.", "dim")), Row(Text()),
                         Row(Text("Well done — see you tomorrow.", "dim")))
        self.refresh()

    def set_rows(self, event: "TriggerEvent", state: "EventState | None") -> "tuple[Row, ...]":
        """The set's name, time and state, its meeting and cue, then each exercise with its
        seconds and the total."""
        rows = [Row(Text.assemble((event.name, "bold"), (f"  {event.planned:%H:%M}", "dim")),
                    Text(str(state or ""), "dim"))]
        if event.meeting_title:
            rows.append(Row(Text(f"before {event.meeting_title}", "italic")))
        rows += [Row(Text(event.trigger.cue, "dim")), Row(Text())]
        total = 0.0
        for item in event.trigger.items:
            exercise = self.exercises.get(item.exercise_id)
            if exercise is None:
                rows.append(Row(Text(item.exercise_id)))
                continue
            seconds = item.seconds(exercise)
            total += seconds
            rows += [Row(Text(exercise.name), Text(fmt_seconds(seconds))),
                     Row(Text(f"  {exercise.region.label} · {exercise.posture}", "dim"))]
        rows += [Row(Text(), Text("────", "dim")),
                 Row(Text("in all", "dim"), Text(fmt_seconds(total), "bold"))]
        return tuple(rows)

    def render(self) -> RenderResult:
        return two_columns(self.rows, self.content_size.width)


class Row(NamedTuple):
    """A line of the panel: ``left`` from the left edge, ``right`` against the right one."""

    left: Text
    right: Text | None = None


GAP = 2
"""Cells between the two columns."""


def two_columns(rows: Iterable[Row], width: int) -> Text:
    """``rows`` as lines ``width`` cells wide: the right column as wide as its widest text,
    each right-aligned; a left text that would reach it is cut short with an ellipsis, one
    with nothing on its right runs on (and wraps) as it is."""
    rows = list(rows)
    right_width = max((row.right.cell_len for row in rows if row.right), default=0)
    left_width = max(1, width - right_width - GAP)
    lines = []
    for row in rows:
        if not row.right:  # none, or empty
            lines.append(row.left)
            continue
        left = row.left.copy()
        left.truncate(left_width, overflow="ellipsis")
        pad = " " * max(0, width - left.cell_len - row.right.cell_len)
        lines.append(Text.assemble(left, pad, row.right))
    return Text("\n").join(lines)

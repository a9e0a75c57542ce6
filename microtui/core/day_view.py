"""What the Today screen shows at one moment: the :class:`DayView`, and the terminal title."""

from collections.abc import Mapping
from datetime import date, datetime
from types import MappingProxyType
from typing import Any, NamedTuple

from microtui.core.clock_jumps import ClockJump
from microtui.core.event_states import EventView, NextEvent
from microtui.core.played_sets import PlayedSet
from microtui.core.quiet import quiet_text
from microtui.core.time_text import minutes_text
from microtui.core.timeline import TriggerEvent, TriggerTimeline

APP_NAME = "microtui"
#: A redraw needs seconds only when the next set is closer than this (or one is due).
SECONDS_WINDOW = 60.0
#: A view's labels or played sets when it is given none (shared: it cannot change).
NOTHING: Mapping[str, Any] = MappingProxyType({})


class DaySummary(NamedTuple):
    """``done`` of ``planned_so_far`` sets (of ``planned_total`` today); time moved; streak."""

    done: int
    planned_so_far: int
    planned_total: int
    moved_seconds: float
    streak: int


class DayView(NamedTuple):
    """Everything the Today screen shows at one moment.

    ``now`` is the schedule's time: the sampled wall time, never behind the latest one
    already seen today (so relative times do not run backwards after a clock change).
    """

    day: date
    now: datetime
    timeline: TriggerTimeline
    events: tuple[EventView, ...]
    next: NextEvent | None
    summary: DaySummary
    labels: Mapping[str, str] = NOTHING
    jump: ClockJump | None = None
    rolled_over: bool = False
    played: Mapping[str, PlayedSet] = NOTHING
    """What the log says was played in the day's logged sets, by event id."""
    quiet_until: datetime | None = None
    """When the quiet in force ends (None: not quiet): nothing comes due until then."""

    @property
    def reason(self) -> str | None:
        """Why there are no sets today (a day off, the workday is over), else None."""
        return self.timeline.reason

    @property
    def due(self) -> EventView | None:
        return self.next.view if self.next is not None and self.next.is_due else None

    @property
    def needs_seconds(self) -> bool:
        """True when something on screen changes every second (a due set's grace, or a set
        less than a minute away); otherwise a redraw per minute is enough."""
        if self.next is None:
            return False
        return self.next.is_due or self.next.seconds < SECONDS_WINDOW

    def label(self, event: TriggerEvent) -> str:
        """The set's exercises (``Ankle Pumps + Cervical Nod``), or the trigger's name."""
        return self.labels.get(event.id) or event.name

    def view_of(self, event_id: str) -> EventView | None:
        return next((v for v in self.events if v.id == event_id), None)


def title_text(view: DayView | None) -> str:
    """The terminal title: what is due, or how long until the next set (minute precision)."""
    if view is None:
        return APP_NAME
    if view.quiet_until is not None:
        return f"{APP_NAME} · {quiet_text(view.quiet_until, view.now)}"
    if not view.timeline.events:
        return f"{APP_NAME} · no sets today"
    due = view.due
    if due is not None:
        return f"{APP_NAME} · {view.label(due.event)} due"
    if view.next is None:
        return f"{APP_NAME} · no more sets today"
    return f"{APP_NAME} · next in {minutes_text(view.next.seconds)}"

"""How long the day's event states hold, so Today's once-a-second sample reuses them.

:func:`~microtui.core.event_states.evaluate` gives each event its state at a moment, and
the day's summary (sets done of planned so far, time moved, streak) is worked out from
those states and the day's records. Between two of the moments at which a state can change
(an event's planned time, the end of a snooze, the end of the grace window after either),
with the same inputs, both are the same: only the countdown moves. :class:`StatesMemo`
keeps them with the span they hold for and the inputs they came from.

The span never runs past the next whole minute: the summary's "planned so far" counts the
sets whose wall time has come, and every set's time is a minute of the day or one of the
event times above, so nothing it counts can change inside the span.
"""

from collections.abc import Iterable, Mapping
from datetime import datetime, timedelta
from typing import NamedTuple

from microtui.core.day_view import DaySummary
from microtui.core.event_states import EventView
from microtui.core.timeline import TriggerTimeline, as_utc


class StatesMemo(NamedTuple):
    """``views`` and ``summary`` as they are at every moment from ``start`` up to (not
    including) ``until`` (both UTC), for the inputs ``objects`` (the very same objects: the
    day's tracker replaces them when they change) and ``values`` (compared by value: the
    snoozes and skips, which change in place)."""

    objects: tuple[object, ...]
    values: tuple[object, ...]
    start: datetime
    until: datetime
    views: tuple[EventView, ...]
    summary: DaySummary

    def holds(self, objects: tuple[object, ...], values: tuple[object, ...],
              at: datetime) -> bool:
        """Whether the memo answers for these inputs at ``at`` (UTC)."""
        return (self.start <= at < self.until
                and len(objects) == len(self.objects)
                and all(new is old for new, old in zip(objects, self.objects, strict=True))
                and values == self.values)


def states_hold_until(timeline: TriggerTimeline, at: datetime,
                      snoozes: Mapping[str, datetime]) -> datetime:
    """The first moment after ``at`` (UTC) at which an event's state may change, and at the
    latest the next whole minute."""
    grace = timedelta(minutes=timeline.settings.grace_minutes)
    minute = at.replace(second=0, microsecond=0) + timedelta(minutes=1)
    return min([minute, *(moment for moment in _changes(timeline, snoozes, grace)
                          if moment > at)])


def _changes(timeline: TriggerTimeline, snoozes: Mapping[str, datetime],
             grace: timedelta) -> Iterable[datetime]:
    for event in timeline.events:
        planned = as_utc(event.planned)
        yield planned
        yield planned + grace
        until = snoozes.get(event.id)
        if until is not None:
            ends = as_utc(until)
            yield ends
            yield ends + grace


"""What state each event of the day's timeline is in at a moment.

:func:`evaluate` gives each event its :class:`EventState` at ``now`` from the log of
outcomes, the snoozes and the skips.

Rules
-----

* The log wins over time: an event logged done, partial, skipped or missed has that state,
  however late it was logged; an id in ``skips`` is skipped.
* An event *comes due* at its planned time, and again at its snooze-until time. Before its
  snooze-until it is snoozed; before its planned time it is upcoming.
* A due event stays due for the grace window from the time it last came due, then is missed.
* At most one event is ever due: once a later event has come due (whatever became of it), every
  earlier one that is not logged is missed. After a gap (sleep, a long absence) only the
  latest event whose time has come can be due, and only if it is still within its grace.
  This makes states monotonic: once missed, an event stays missed.
* A set whose time to start (from when it comes due to the end of its grace) falls inside a
  quiet period (:mod:`microtui.core.quiet`) is quiet: it never comes due, and is not missed.
  The log and a skip still win.
* After the clock is set back, pass ``high_water`` (the latest wall time already seen,
  :attr:`~microtui.core.clock_jumps.JumpDetector.high_water`): the schedule's time never
  runs backwards within a day, so no event comes due twice. Events already logged keep
  their state either way.
"""

from collections.abc import Collection, Mapping
from datetime import datetime, timedelta
from enum import StrEnum
from typing import NamedTuple

from microtui.core.quiet import QuietLog
from microtui.core.schedule import ScheduleSettings
from microtui.core.timeline import TriggerEvent, TriggerTimeline, as_utc


class EventState(StrEnum):
    UPCOMING = "upcoming"
    DUE = "due"
    DONE = "done"
    PARTIAL = "partial"
    SNOOZED = "snoozed"
    SKIPPED = "skipped"
    MISSED = "missed"
    QUIET = "quiet"


#: Log outcomes :func:`evaluate` understands; each is final for its event.
LOGGED_STATES = frozenset({EventState.DONE, EventState.PARTIAL, EventState.SKIPPED,
                           EventState.MISSED})


class EventView(NamedTuple):
    """An event's state at a moment.

    ``at`` is when it is (or was, or will be) due: its snooze-until if snoozed, else its
    planned time. ``grace_ends`` is ``at`` plus the grace window.
    """

    event: TriggerEvent
    state: EventState
    at: datetime
    grace_ends: datetime

    @property
    def id(self) -> str:
        return self.event.id


def snooze_until(settings: ScheduleSettings, now: datetime) -> datetime:
    """When a set snoozed at ``now`` comes due again."""
    return as_utc(now).astimezone(now.tzinfo) + timedelta(minutes=settings.snooze_minutes)


def evaluate(
    timeline: TriggerTimeline,
    now: datetime,
    log: Mapping[str, str] | None = None,
    snoozes: Mapping[str, datetime] | None = None,
    skips: Collection[str] = (),
    *,
    high_water: datetime | None = None,
    quiet: QuietLog | None = None,
) -> list[EventView]:
    """Each event's state at ``now``, in timeline order (rules in the module docstring).

    ``log`` maps event ids to outcomes ("done", "partial", "skipped", "missed"); ``snoozes``
    maps event ids to snooze-until times; ``skips`` holds skipped event ids; ``quiet``
    holds the quiet periods.
    """
    log = log or {}
    snoozes = snoozes or {}
    current = as_utc(now)
    if high_water is not None:
        current = max(current, as_utc(high_water))
    grace = timedelta(minutes=timeline.settings.grace_minutes)
    quiet_ids: set[str] = set()
    if quiet is not None and quiet.periods:
        quiet_ids = {event.id for event in timeline.events
                     if quiet.covers(_due_at(event, snoozes), grace)}

    came: dict[str, tuple[datetime, int]] = {}
    for index, event in enumerate(timeline.events):
        planned = as_utc(event.planned)
        if planned > current or event.id in quiet_ids:
            continue
        until = snoozes.get(event.id)
        latest = planned
        if until is not None and planned < as_utc(until) <= current:
            latest = as_utc(until)
        came[event.id] = (latest, index)
    newest = max(came.values(), default=None)

    views = []
    for event in timeline.events:
        until = snoozes.get(event.id)
        at = event.planned
        if until is not None and as_utc(until) > as_utc(event.planned):
            at = as_utc(until).astimezone(timeline.tz)
        outcome = log.get(event.id)
        if outcome is not None:
            try:
                state = EventState(outcome)
            except ValueError:
                state = None
            if state not in LOGGED_STATES:
                raise ValueError(f"log entry for {event.id}: unknown outcome {outcome!r} "
                                 f"(expected one of: {', '.join(sorted(LOGGED_STATES))})")
        elif event.id in skips:
            state = EventState.SKIPPED
        elif event.id in quiet_ids:
            state = EventState.QUIET
        elif as_utc(event.planned) > current:
            state = EventState.UPCOMING
        elif as_utc(at) > current:
            state = EventState.SNOOZED
        elif came[event.id] != newest or current >= came[event.id][0] + grace:
            state = EventState.MISSED
        else:
            state = EventState.DUE
        views.append(EventView(event, state, at, (as_utc(at) + grace).astimezone(timeline.tz)))
    return views


def _due_at(event: TriggerEvent, snoozes: Mapping[str, datetime]) -> datetime:
    """When ``event`` comes due: its snooze-until if later than its planned time."""
    until = snoozes.get(event.id)
    return until if until is not None and as_utc(until) > as_utc(event.planned) \
        else event.planned


class NextEvent(NamedTuple):
    """The set to show: the due one (``seconds`` 0), else the next upcoming or snoozed one."""

    view: EventView
    seconds: float

    @property
    def is_due(self) -> bool:
        return self.view.state is EventState.DUE


def pick_next(views: tuple[EventView, ...], current: datetime) -> NextEvent | None:
    """The due event (0 s), else the soonest upcoming or snoozed one and the seconds until it."""
    due = next((v for v in views if v.state is EventState.DUE), None)
    if due is not None:
        return NextEvent(due, 0.0)
    waiting = [v for v in views if v.state in (EventState.UPCOMING, EventState.SNOOZED)]
    if not waiting:
        return None
    soonest = min(waiting, key=lambda v: v.at)
    return NextEvent(soonest, (soonest.at - current).total_seconds())

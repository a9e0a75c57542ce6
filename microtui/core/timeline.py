"""The day's timeline: when each trigger of a routine fires on a day.

:func:`build_timeline` turns a routine, the :class:`~microtui.core.schedule.ScheduleSettings`,
a date, a time zone, the day's meetings and the moment the app was first seen that day into a
sorted :class:`TriggerTimeline` of :class:`TriggerEvent` s (the guide's day plan: start of
day, every N minutes, before each meeting, the fixed mid-afternoon time, end of day);
:func:`day_changed` says when to build the next one at midnight.

Pure: every function takes ``now`` (an aware datetime) or a date; nothing here reads the
clock.

Rules (all times are wall-clock times of ``day`` in ``tz``, so a DST-change day is right):

* Start of day is at ``first_seen`` (the first time the app ran that workday, truncated to the
  minute) or the workday start, whichever is later.
* Nothing is scheduled before the start of day: interval and fixed-time events planned before
  it are dropped (the user was not at the desk yet; they are not "missed"). A pre-meeting
  event at or before the start of day merges into the start-of-day event (the day's first
  set comes at login, before the call); a meeting that began before the start of day gets no
  pre-meeting event. With no start-of-day trigger in the routine, a pre-meeting event that
  would fall before the start of day moves to it. If ``first_seen`` is
  at or after the workday end the day is over: empty timeline with a reason.
* Interval events fall every N minutes on the grid of the workday start (start + N, + 2N, ...),
  strictly before the workday end. A wall time that does not exist (the hour skipped when
  clocks go forward) has no interval event; an ambiguous one (clocks go back) fires once, at
  its first occurrence. Start, end and fixed-time events at a skipped wall time move to the
  same offset after the gap.
* Pre-meeting events are ``lead`` minutes before each meeting that starts on ``day`` within
  working hours (workday start <= start < workday end). All-day meetings are ignored.
  Meetings starting in the same minute share one event (titles joined with " / ").
* The fixed-time event is at the trigger's ``at`` if that lies within the day (start of day to
  workday end); end of day is at the workday end.
* An interval event within the merge window (inclusive) of any other kind of event is merged
  into the nearest such event (the earlier on a tie): dropped, its id listed in that event's
  ``merged_ids``. Other kinds never merge with each other.
* One event per kind and minute: the first trigger of a kind in the routine wins.
* Events are sorted by time; at the same time by kind: start of day, fixed time, interval,
  pre-meeting, end of day.
"""

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import TYPE_CHECKING, NamedTuple

from microtui.core.routine import Routine, Trigger, TriggerKind
from microtui.core.schedule import ScheduleSettings

if TYPE_CHECKING:
    from microtui.core.meeting import Meeting

# Patterns as text: `re` compiles each on its first use and keeps it (not every start).
_EVERY_RE = r"Every \d+ min"
"""An interval trigger's name as the guide's table and the routine form write it."""

_KIND_ORDER = {
    TriggerKind.START_OF_DAY: 0,
    TriggerKind.FIXED_TIME: 1,
    TriggerKind.INTERVAL: 2,
    TriggerKind.PRE_MEETING: 3,
    TriggerKind.END_OF_DAY: 4,
}


class TriggerEvent(NamedTuple):
    """One planned reminder: a trigger's set at a time of the day.

    ``id`` is stable for the day ("2026-11-25:interval:09:30") so the log can refer to it.
    """

    id: str
    kind: TriggerKind
    name: str
    planned: datetime
    trigger: Trigger
    meeting_title: str | None = None
    merged_ids: tuple[str, ...] = ()


def event_id(day: date, kind: TriggerKind, wall: datetime | time) -> str:
    """The stable id of the ``kind`` event at local wall time ``wall`` on ``day``."""
    return f"{day.isoformat()}:{kind.value}:{wall:%H:%M}"


@dataclass(frozen=True)
class TriggerTimeline:
    """The day's events, sorted by time. Empty with a ``reason`` on a day off."""

    day: date
    tz: tzinfo
    settings: ScheduleSettings
    events: tuple[TriggerEvent, ...]
    reason: str | None = None

    def __iter__(self) -> Iterator[TriggerEvent]:
        return iter(self.events)

    def __len__(self) -> int:
        return len(self.events)

    def by_id(self, event_id: str) -> TriggerEvent | None:
        return next((e for e in self.events if e.id == event_id), None)


def _at(day: date, wall: time | datetime, tz: tzinfo) -> tuple[datetime, bool]:
    """The aware datetime of a wall time on ``day`` (first occurrence), and whether it exists.

    A skipped wall time (clocks going forward) comes back normalised past the gap.
    """
    naive = wall if isinstance(wall, datetime) else datetime.combine(day, wall)
    aware = naive.replace(tzinfo=tz, fold=0)
    real = aware.astimezone(UTC).astimezone(tz)
    return real, real.replace(tzinfo=None, fold=0) == naive


def as_utc(moment: datetime) -> datetime:
    """``moment`` in UTC; :class:`ValueError` for a naive datetime."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"expected a timezone-aware datetime, got {moment!r}")
    return moment.astimezone(UTC)


def build_timeline(
    routine: Routine,
    settings: ScheduleSettings,
    day: date,
    tz: tzinfo,
    meetings: "Iterable[Meeting]" = (),
    first_seen: datetime | None = None,
) -> TriggerTimeline:
    """Every trigger event of ``day`` (see the module rules), sorted by time."""
    if not settings.works_on(day):
        return TriggerTimeline(day, tz, settings, (), settings.not_working_reason(day))
    start, _ = _at(day, settings.workday_start, tz)
    end, _ = _at(day, settings.workday_end, tz)
    sod = start
    if first_seen is not None:
        seen = as_utc(first_seen).astimezone(tz).replace(second=0, microsecond=0)
        if seen >= end:
            return TriggerTimeline(day, tz, settings, (),
                                   f"the workday ended at {settings.workday_end:%H:%M}")
        # Compare in UTC: same-zone comparisons ignore fold on an ambiguous hour.
        if as_utc(seen) > as_utc(start):
            sod = seen

    events: dict[str, TriggerEvent] = {}

    def add(kind: TriggerKind, trigger: Trigger, at: datetime, title: str | None = None) -> None:
        eid = event_id(day, kind, at)
        old = events.get(eid)
        if old is not None:
            if title and old.meeting_title and title not in old.meeting_title.split(" / "):
                events[eid] = old._replace(meeting_title=f"{old.meeting_title} / {title}")
            return
        events[eid] = TriggerEvent(eid, kind, trigger.name, at, trigger, title)

    sod_trigger = routine.trigger(TriggerKind.START_OF_DAY)
    sod_utc, end_utc = as_utc(sod), as_utc(end)
    folded_into_sod: list[str] = []
    for trigger in routine.triggers:
        if trigger.kind is TriggerKind.START_OF_DAY:
            add(trigger.kind, trigger, sod)
        elif trigger.kind is TriggerKind.END_OF_DAY:
            add(trigger.kind, trigger, end)
        elif trigger.kind is TriggerKind.FIXED_TIME and trigger.at is not None:
            at, _ = _at(day, trigger.at, tz)
            if sod_utc <= as_utc(at) <= end_utc:
                add(trigger.kind, trigger, at)
        elif trigger.kind is TriggerKind.PRE_MEETING:
            lead = settings.pre_meeting_lead_minutes
            lead = trigger.lead_minutes if lead is None else lead
            for meeting in sorted(meetings, key=lambda m: (as_utc(m.start), m.title)):
                if meeting.is_all_day:
                    continue
                local = as_utc(meeting.start).astimezone(tz)
                if local.date() != day or not as_utc(start) <= as_utc(local) < end_utc:
                    continue
                at = (as_utc(local) - timedelta(minutes=lead or 0)).astimezone(tz)
                if as_utc(at) <= sod_utc:
                    if as_utc(local) <= sod_utc:
                        continue  # the meeting began before the user's day did
                    if sod_trigger is not None:
                        folded_into_sod.append(event_id(day, trigger.kind, at))
                        continue
                    at = sod  # no start-of-day set to fold into: remind at the start
                add(trigger.kind, trigger, at, meeting.title)
    # Intervals last: they merge into the other events.
    for trigger in routine.triggers:
        if trigger.kind is not TriggerKind.INTERVAL:
            continue
        every = settings.interval_minutes or trigger.every_minutes
        if not every:
            continue
        if every != trigger.every_minutes and re.fullmatch(_EVERY_RE, trigger.name):
            # The schedule's interval overrides the routine's: the name says the one in force.
            trigger = trigger._replace(name=f"Every {every} min", every_minutes=every)
        wall = datetime.combine(day, settings.workday_start) + timedelta(minutes=every)
        wall_end = datetime.combine(day, settings.workday_end)
        while wall < wall_end:
            at, exists = _at(day, wall, tz)
            wall += timedelta(minutes=every)
            if exists and as_utc(at) >= sod_utc:
                add(trigger.kind, trigger, at)

    anchors = [e for e in events.values() if e.kind is not TriggerKind.INTERVAL]
    window = timedelta(minutes=settings.merge_minutes)
    merged: dict[str, list[str]] = {e.id: [] for e in anchors}
    kept = list(anchors)
    for event in events.values():
        if event.kind is not TriggerKind.INTERVAL:
            continue
        near = [(abs(as_utc(a.planned) - as_utc(event.planned)), as_utc(a.planned), a.id)
                for a in anchors if abs(as_utc(a.planned) - as_utc(event.planned)) <= window]
        if near:
            merged[min(near)[2]].append(event.id)
        else:
            kept.append(event)
    if sod_trigger is not None:
        sod_id = event_id(day, TriggerKind.START_OF_DAY, sod)
        merged[sod_id] = folded_into_sod + merged[sod_id]
    final = [
        TriggerEvent(e.id, e.kind, e.name, e.planned, e.trigger, e.meeting_title,
                     tuple(sorted(merged.get(e.id, ()))))
        for e in kept
    ]
    final.sort(key=lambda e: (as_utc(e.planned), _KIND_ORDER[e.kind]))
    return TriggerTimeline(day, tz, settings, tuple(final))


def local_day(now: datetime, tz: tzinfo) -> date:
    """``now``'s date in ``tz``."""
    return as_utc(now).astimezone(tz).date()


def day_changed(timeline: TriggerTimeline, now: datetime) -> bool:
    """True when ``now`` is on another local date than the timeline: rebuild it."""
    return local_day(now, timeline.tz) != timeline.day

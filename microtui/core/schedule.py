"""The day's schedule: when each trigger of a routine fires, and what state it is in now.

Pure: every function takes ``now`` (an aware datetime) or a date; nothing here reads the clock.

* :func:`build_timeline` turns a routine, the :class:`ScheduleSettings`, a date, a time zone,
  the day's meetings and the moment the app was first seen that day into a sorted
  :class:`TriggerTimeline` of :class:`TriggerEvent` s (the guide's day plan: start of day,
  every N minutes, before each meeting, the fixed mid-afternoon time, end of day).
* :func:`evaluate` gives each event its :class:`EventState` at ``now`` from the log of
  outcomes, the snoozes and the skips.
* :class:`JumpDetector` notices the wall clock moving differently from the monotonic clock
  (a laptop that slept, a clock set back); :func:`day_changed` says when to rebuild at midnight.

Rules
-----

Timeline (all times are wall-clock times of ``day`` in ``tz``, so a DST-change day is right):

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

States at ``now`` (:func:`evaluate`):

* The log wins over time: an event logged done, partial, skipped or missed has that state,
  however late it was logged; an id in ``skips`` is skipped.
* An event *comes due* at its planned time, and again at its snooze-until time. Before its
  snooze-until it is snoozed; before its planned time it is upcoming.
* A due event stays due for the grace window from the time it last came due, then is missed.
* At most one event is ever due: once a later event has come due (whatever became of it), every
  earlier one that is not logged is missed. After a gap (sleep, a long absence) only the
  latest event whose time has come can be due, and only if it is still within its grace.
  This makes states monotonic: once missed, an event stays missed.
* After the clock is set back, pass ``high_water`` (the latest wall time already seen,
  :attr:`JumpDetector.high_water`): the schedule's time never runs backwards within a day, so
  no event comes due twice. Events already logged keep their state either way.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, fields, replace
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from enum import StrEnum
from typing import Any

from microtui.core.routine import Routine, Trigger, TriggerKind
from microtui.core.time_text import WEEKDAY_NAMES, WEEKDAY_TITLES, parse_hhmm, weekday_number

_KIND_ORDER = {
    TriggerKind.START_OF_DAY: 0,
    TriggerKind.FIXED_TIME: 1,
    TriggerKind.INTERVAL: 2,
    TriggerKind.PRE_MEETING: 3,
    TriggerKind.END_OF_DAY: 4,
}


# -- settings -----------------------------------------------------------------------------


class SettingsError(ValueError):
    """Schedule settings are invalid; ``problems`` lists (field, message) pairs."""

    def __init__(self, problems: Iterable[tuple[str, str]]):
        self.problems = tuple(problems)
        self.field = self.problems[0][0] if self.problems else ""
        super().__init__("; ".join(f"{fld}: {msg}" for fld, msg in self.problems))


@dataclass(frozen=True)
class ScheduleSettings:
    """When the workday runs and how the reminders behave.

    ``working_weekdays`` holds :meth:`date.weekday` numbers (Monday is 0).
    ``interval_minutes`` / ``pre_meeting_lead_minutes`` of None mean "use the routine's".
    """

    workday_start: time = time(9, 0)
    workday_end: time = time(17, 30)
    working_weekdays: frozenset[int] = frozenset({0, 1, 2, 3, 4})
    interval_minutes: int | None = None
    pre_meeting_lead_minutes: int | None = None
    grace_minutes: int = 10
    merge_minutes: int = 5
    snooze_minutes: int = 5

    def __post_init__(self) -> None:
        problems: list[tuple[str, str]] = []
        for name in ("workday_start", "workday_end"):
            value = getattr(self, name)
            if not isinstance(value, time):
                problems.append((name, f"must be a time like 09:00, got {value!r}"))
            elif value.tzinfo is not None or value.second or value.microsecond:
                problems.append((name, "must be a local time in whole minutes, like 09:00"))
        if not problems and self.workday_end <= self.workday_start:
            problems.append(("workday_end", f"must be after workday_start "
                                            f"({self.workday_start:%H:%M})"))
        days = self.working_weekdays
        if isinstance(days, str) or not isinstance(days, Iterable):
            problems.append(("working_weekdays", "must be a set of weekday numbers 0-6"))
        else:
            days = frozenset(days)
            if any(not _is_int(d) or not 0 <= d <= 6 for d in days):
                problems.append(("working_weekdays", "weekdays must be numbers 0 (Monday) "
                                                     "to 6 (Sunday)"))
            elif not days:
                problems.append(("working_weekdays", "needs at least one working day"))
            object.__setattr__(self, "working_weekdays", days)
        for name, minimum, optional in (
            ("interval_minutes", 1, True),
            ("pre_meeting_lead_minutes", 0, True),
            ("grace_minutes", 1, False),
            ("merge_minutes", 0, False),
            ("snooze_minutes", 1, False),
        ):
            value = getattr(self, name)
            if value is None and optional:
                continue
            if not _is_int(value):
                kind = "a whole number of minutes" + (" or null" if optional else "")
                problems.append((name, f"must be {kind}, got {value!r}"))
            elif value < minimum:
                problems.append((name, f"must be at least {minimum}, got {value}"))
        if problems:
            raise SettingsError(problems)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON types: times as "HH:MM", weekdays as ["mon", ...]."""
        return {
            "workday_start": self.workday_start.strftime("%H:%M"),
            "workday_end": self.workday_end.strftime("%H:%M"),
            "working_weekdays": [WEEKDAY_NAMES[d] for d in sorted(self.working_weekdays)],
            "interval_minutes": self.interval_minutes,
            "pre_meeting_lead_minutes": self.pre_meeting_lead_minutes,
            "grace_minutes": self.grace_minutes,
            "merge_minutes": self.merge_minutes,
            "snooze_minutes": self.snooze_minutes,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ScheduleSettings:
        """The inverse of :meth:`to_dict`; missing keys take their defaults.

        Raises :class:`SettingsError` naming every bad or unknown field.
        """
        if not isinstance(data, Mapping):
            raise SettingsError([("", f"settings must be an object, got {type(data).__name__}")])
        known = {f.name for f in fields(cls)}
        problems = [(key, "unknown setting") for key in data if key not in known]
        kwargs: dict[str, Any] = {}
        for key in ("workday_start", "workday_end"):
            if key in data:
                parsed = _parse_hhmm(data[key])
                if parsed is None:
                    problems.append((key, f'must be a time like "09:00", got {data[key]!r}'))
                else:
                    kwargs[key] = parsed
        if "working_weekdays" in data:
            parsed_days = _parse_weekdays(data["working_weekdays"])
            if isinstance(parsed_days, str):
                problems.append(("working_weekdays", parsed_days))
            else:
                kwargs["working_weekdays"] = parsed_days
        for key in ("interval_minutes", "pre_meeting_lead_minutes", "grace_minutes",
                    "merge_minutes", "snooze_minutes"):
            if key in data:
                kwargs[key] = data[key]
        try:
            settings = cls(**kwargs)
        except SettingsError as exc:
            # A time that did not parse leaves its default in place: no cross-check with it.
            skip = {fld for fld, _ in problems}
            if skip & {"workday_start", "workday_end"}:
                skip |= {"workday_start", "workday_end"}
            problems.extend(p for p in exc.problems if p[0] not in skip)
        if problems:
            raise SettingsError(problems)
        return settings


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _parse_hhmm(raw: Any) -> time | None:
    try:
        return parse_hhmm(raw) if isinstance(raw, str) else None
    except ValueError:
        return None


def _parse_weekdays(raw: Any) -> frozenset[int] | str:
    if not isinstance(raw, list):
        return f'must be a list of weekday names like ["mon", "tue"], got {raw!r}'
    days = set()
    for item in raw:
        number = weekday_number(item) if isinstance(item, str) else None
        if number is None:
            return f"unknown weekday {item!r} (expected one of: {', '.join(WEEKDAY_NAMES)})"
        days.add(number)
    return frozenset(days)


# -- meetings and events ------------------------------------------------------------------


@dataclass(frozen=True)
class Meeting:
    """A calendar meeting (aware datetimes). Read from the calendar elsewhere."""

    start: datetime
    end: datetime
    title: str

    def __post_init__(self) -> None:
        if self.start.tzinfo is None or self.end.tzinfo is None:
            raise ValueError(f"meeting {self.title!r}: start and end must be timezone-aware")

    @property
    def is_all_day(self) -> bool:
        """A day or more long, or midnight to midnight: not a meeting to prepare for."""
        length = self.end.astimezone(UTC) - self.start.astimezone(UTC)
        if length >= timedelta(days=1):
            return True
        return (length > timedelta(0) and self.start.time() == time(0)
                and self.end.time() == time(0))


class EventState(StrEnum):
    UPCOMING = "upcoming"
    DUE = "due"
    DONE = "done"
    PARTIAL = "partial"
    SNOOZED = "snoozed"
    SKIPPED = "skipped"
    MISSED = "missed"


#: Log outcomes :func:`evaluate` understands; each is final for its event.
LOGGED_STATES = frozenset({EventState.DONE, EventState.PARTIAL, EventState.SKIPPED,
                           EventState.MISSED})


@dataclass(frozen=True)
class TriggerEvent:
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


# -- building the timeline ----------------------------------------------------------------


def _at(day: date, wall: time | datetime, tz: tzinfo) -> tuple[datetime, bool]:
    """The aware datetime of a wall time on ``day`` (first occurrence), and whether it exists.

    A skipped wall time (clocks going forward) comes back normalised past the gap.
    """
    naive = wall if isinstance(wall, datetime) else datetime.combine(day, wall)
    aware = naive.replace(tzinfo=tz, fold=0)
    real = aware.astimezone(UTC).astimezone(tz)
    return real, real.replace(tzinfo=None, fold=0) == naive


def _utc(moment: datetime) -> datetime:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"expected a timezone-aware datetime, got {moment!r}")
    return moment.astimezone(UTC)


def build_timeline(
    routine: Routine,
    settings: ScheduleSettings,
    day: date,
    tz: tzinfo,
    meetings: Iterable[Meeting] = (),
    first_seen: datetime | None = None,
) -> TriggerTimeline:
    """Every trigger event of ``day`` (see the module rules), sorted by time."""
    if day.weekday() not in settings.working_weekdays:
        return TriggerTimeline(day, tz, settings, (),
                               f"{WEEKDAY_TITLES[day.weekday()]} is not a working day")
    start, _ = _at(day, settings.workday_start, tz)
    end, _ = _at(day, settings.workday_end, tz)
    sod = start
    if first_seen is not None:
        seen = _utc(first_seen).astimezone(tz).replace(second=0, microsecond=0)
        if seen >= end:
            return TriggerTimeline(day, tz, settings, (),
                                   f"the workday ended at {settings.workday_end:%H:%M}")
        # Compare in UTC: same-zone comparisons ignore fold on an ambiguous hour.
        if _utc(seen) > _utc(start):
            sod = seen

    events: dict[str, TriggerEvent] = {}

    def add(kind: TriggerKind, trigger: Trigger, at: datetime, title: str | None = None) -> None:
        eid = event_id(day, kind, at)
        old = events.get(eid)
        if old is not None:
            if title and old.meeting_title and title not in old.meeting_title.split(" / "):
                events[eid] = replace(old, meeting_title=f"{old.meeting_title} / {title}")
            return
        events[eid] = TriggerEvent(eid, kind, trigger.name, at, trigger, title)

    sod_trigger = routine.trigger(TriggerKind.START_OF_DAY)
    sod_utc, end_utc = _utc(sod), _utc(end)
    folded_into_sod: list[str] = []
    for trigger in routine.triggers:
        if trigger.kind is TriggerKind.START_OF_DAY:
            add(trigger.kind, trigger, sod)
        elif trigger.kind is TriggerKind.END_OF_DAY:
            add(trigger.kind, trigger, end)
        elif trigger.kind is TriggerKind.FIXED_TIME and trigger.at is not None:
            at, _ = _at(day, trigger.at, tz)
            if sod_utc <= _utc(at) <= end_utc:
                add(trigger.kind, trigger, at)
        elif trigger.kind is TriggerKind.PRE_MEETING:
            lead = settings.pre_meeting_lead_minutes
            lead = trigger.lead_minutes if lead is None else lead
            for meeting in sorted(meetings, key=lambda m: (_utc(m.start), m.title)):
                if meeting.is_all_day:
                    continue
                local = _utc(meeting.start).astimezone(tz)
                if local.date() != day or not _utc(start) <= _utc(local) < end_utc:
                    continue
                at = (_utc(local) - timedelta(minutes=lead or 0)).astimezone(tz)
                if _utc(at) <= sod_utc:
                    if _utc(local) <= sod_utc:
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
        wall = datetime.combine(day, settings.workday_start) + timedelta(minutes=every)
        wall_end = datetime.combine(day, settings.workday_end)
        while wall < wall_end:
            at, exists = _at(day, wall, tz)
            wall += timedelta(minutes=every)
            if exists and _utc(at) >= sod_utc:
                add(trigger.kind, trigger, at)

    anchors = [e for e in events.values() if e.kind is not TriggerKind.INTERVAL]
    window = timedelta(minutes=settings.merge_minutes)
    merged: dict[str, list[str]] = {e.id: [] for e in anchors}
    kept = list(anchors)
    for event in events.values():
        if event.kind is not TriggerKind.INTERVAL:
            continue
        near = [(abs(_utc(a.planned) - _utc(event.planned)), _utc(a.planned), a.id)
                for a in anchors if abs(_utc(a.planned) - _utc(event.planned)) <= window]
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
    final.sort(key=lambda e: (_utc(e.planned), _KIND_ORDER[e.kind]))
    return TriggerTimeline(day, tz, settings, tuple(final))


# -- states -------------------------------------------------------------------------------


@dataclass(frozen=True)
class EventView:
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
    return _utc(now).astimezone(now.tzinfo) + timedelta(minutes=settings.snooze_minutes)


def evaluate(
    timeline: TriggerTimeline,
    now: datetime,
    log: Mapping[str, str] | None = None,
    snoozes: Mapping[str, datetime] | None = None,
    skips: Collection[str] = (),
    *,
    high_water: datetime | None = None,
) -> list[EventView]:
    """Each event's state at ``now``, in timeline order (rules in the module docstring).

    ``log`` maps event ids to outcomes ("done", "partial", "skipped", "missed"); ``snoozes``
    maps event ids to snooze-until times; ``skips`` holds skipped event ids.
    """
    log = log or {}
    snoozes = snoozes or {}
    current = _utc(now)
    if high_water is not None:
        current = max(current, _utc(high_water))
    grace = timedelta(minutes=timeline.settings.grace_minutes)

    came: dict[str, tuple[datetime, int]] = {}
    for index, event in enumerate(timeline.events):
        planned = _utc(event.planned)
        if planned > current:
            continue
        until = snoozes.get(event.id)
        latest = planned
        if until is not None and planned < _utc(until) <= current:
            latest = _utc(until)
        came[event.id] = (latest, index)
    newest = max(came.values(), default=None)

    views = []
    for event in timeline.events:
        until = snoozes.get(event.id)
        at = event.planned
        if until is not None and _utc(until) > _utc(event.planned):
            at = _utc(until).astimezone(timeline.tz)
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
        elif _utc(event.planned) > current:
            state = EventState.UPCOMING
        elif _utc(at) > current:
            state = EventState.SNOOZED
        elif came[event.id] != newest or current >= came[event.id][0] + grace:
            state = EventState.MISSED
        else:
            state = EventState.DUE
        views.append(EventView(event, state, at, (_utc(at) + grace).astimezone(timeline.tz)))
    return views


@dataclass(frozen=True)
class NextEvent:
    """The set to show: the due one (``seconds`` 0), else the next upcoming or snoozed one."""

    view: EventView
    seconds: float

    @property
    def is_due(self) -> bool:
        return self.view.state is EventState.DUE


# -- clock jumps and midnight -------------------------------------------------------------


@dataclass(frozen=True)
class ClockJump:
    """Wall time moved ``drift_seconds`` more than monotonic time between two samples.

    Positive: wall time ran ahead (a sleep/resume, a clock set forward); negative: the clock
    was set back.
    """

    wall_before: datetime
    wall_after: datetime
    drift_seconds: float

    @property
    def backwards(self) -> bool:
        return self.drift_seconds < 0


@dataclass
class JumpDetector:
    """Compares successive (wall, monotonic) samples; reports a :class:`ClockJump`.

    DST changes are not jumps (aware datetimes are compared as instants).
    ``high_water`` is the latest wall time sampled, for :func:`evaluate`.
    """

    threshold_seconds: float = 90.0
    high_water: datetime | None = None
    _last: tuple[datetime, float] | None = field(default=None, repr=False)

    def sample(self, wall: datetime, monotonic: float) -> ClockJump | None:
        wall_utc = _utc(wall)
        last, self._last = self._last, (wall_utc, monotonic)
        if self.high_water is None or wall_utc > _utc(self.high_water):
            self.high_water = wall
        if last is None:
            return None
        drift = (wall_utc - last[0]).total_seconds() - (monotonic - last[1])
        if abs(drift) > self.threshold_seconds:
            return ClockJump(last[0].astimezone(wall.tzinfo), wall, drift)
        return None

    def reset(self) -> None:
        """Forget the samples and the high-water mark (e.g. when the day changes)."""
        self._last = None
        self.high_water = None


def local_day(now: datetime, tz: tzinfo) -> date:
    """``now``'s date in ``tz``."""
    return _utc(now).astimezone(tz).date()


def day_changed(timeline: TriggerTimeline, now: datetime) -> bool:
    """True when ``now`` is on another local date than the timeline: rebuild it."""
    return local_day(now, timeline.tz) != timeline.day

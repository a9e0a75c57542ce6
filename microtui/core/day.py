"""Today: the day's timeline, the user's answers to it, and what to show at each moment.

:class:`DayTracker` owns the current day's :class:`TriggerTimeline` and everything that
changes an event's state: the session log (outcomes by event id), snoozes, skips, meetings
(from the calendar and typed in for today) and the moment the user was first seen. Given
``(now, monotonic)`` samples it notices clock jumps, starts a new day at midnight and
returns a :class:`~microtui.core.day_view.DayView` - the events and their states, the set
that is due or comes next, and the day's summary - for the Today screen and the terminal
title (:func:`~microtui.core.day_view.title_text`). The session records are read by
:mod:`microtui.core.day_records`.

Pure like the rest of :mod:`microtui.core`: time only ever comes in as an argument.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime, time, timedelta, tzinfo
from typing import Any

from microtui.core.clock_jumps import JumpDetector
from microtui.core.day_records import (
    STATE_RANK,
    done_by_day,
    log_from_records,
    moved_seconds,
    record_day,
)
from microtui.core.day_view import DaySummary, DayView
from microtui.core.event_states import (
    LOGGED_STATES,
    EventState,
    EventView,
    NextEvent,
    evaluate,
    snooze_until,
)
from microtui.core.exercises import Exercise
from microtui.core.routine import Routine, TriggerKind
from microtui.core.schedule import ScheduleSettings
from microtui.core.session_log import skip_record
from microtui.core.streaks import current_streak
from microtui.core.timeline import (
    Meeting,
    TriggerEvent,
    TriggerTimeline,
    build_timeline,
    day_changed,
    local_day,
)

#: A meeting typed in on the Today screen lasts this long (only its start matters).
TYPED_MEETING_MINUTES = 30


def _record_key(record: Mapping[str, Any]) -> tuple[str, str]:
    """What tells one session record from another: its event and when it started."""
    return str(record.get("event_id") or ""), str(record.get("started") or "")


class DayTracker:
    """The current day's schedule and the state it is evaluated with.

    ``tz`` defaults to the time zone of the first sample of each day. ``first_seen`` (when
    the user sat down; None for the workday start) applies only to its own date.
    """

    def __init__(
        self,
        routine: Routine,
        settings: ScheduleSettings,
        *,
        exercises: Mapping[str, Exercise] | None = None,
        tz: tzinfo | None = None,
        first_seen: datetime | None = None,
        jump_threshold_seconds: float = 90.0,
    ) -> None:
        self.routine = routine
        self.settings = settings
        self.exercises = dict(exercises or {})
        self._fixed_tz = tz
        self.tz: tzinfo | None = tz
        self.first_seen = first_seen
        self.detector = JumpDetector(threshold_seconds=jump_threshold_seconds)
        self.timeline: TriggerTimeline | None = None
        self.records: list[dict[str, Any]] = []
        self.snoozes: dict[str, datetime] = {}
        self.skips: set[str] = set()
        self.typed_meetings: list[Meeting] = []
        self.calendar_meetings: list[Meeting] = []
        self.history: dict[date, int] = {}
        self._labels: dict[str, str] = {}
        self._log: dict[str, str] = {}

    # -- the day --

    @property
    def day(self) -> date | None:
        return None if self.timeline is None else self.timeline.day

    def _start_day(self, day: date, tz: tzinfo) -> None:
        self.tz = tz
        self.snoozes.clear()
        self.skips.clear()
        self.typed_meetings.clear()
        self.calendar_meetings = [m for m in self.calendar_meetings
                                  if local_day(m.start, tz) == day]
        self.records = [r for r in self.records if self._is_of_day(r, day, tz)]
        self.detector.reset()
        self.timeline = None
        self._build(day)

    def _build(self, day: date | None = None) -> None:
        day = day or self.day
        assert day is not None and self.tz is not None
        first_seen = self.first_seen
        if first_seen is not None and local_day(first_seen, self.tz) != day:
            first_seen = None
        self.timeline = build_timeline(
            self.routine, self.settings, day, self.tz,
            meetings=[*self.calendar_meetings, *self.typed_meetings],
            first_seen=first_seen,
        )
        self._labels = {e.id: self._set_label(e) for e in self.timeline.events}
        self._relog()

    def set_routine(self, routine: Routine, settings: ScheduleSettings | None = None) -> None:
        """Follow another routine (or schedule) from now on; the day's log, snoozes, skips
        and meetings stay."""
        self.routine = routine
        if settings is not None:
            self.settings = settings
        if self.timeline is not None:
            self._build()

    def _set_label(self, event: TriggerEvent) -> str:
        items = event.trigger.items
        if not items or any(i.exercise_id not in self.exercises for i in items):
            return event.name
        return event.trigger.set_label(self.exercises)

    def _relog(self) -> None:
        log = log_from_records(self.records)
        if self.timeline is not None:
            # A record for a merged interval event counts for the event it merged into.
            for event in self.timeline.events:
                states = [log[i] for i in (event.id, *event.merged_ids) if i in log]
                if states:
                    log[event.id] = min(states, key=lambda s: STATE_RANK[EventState(s)])
        self._log = log

    @staticmethod
    def _is_of_day(record: Mapping[str, Any], day: date, tz: tzinfo) -> bool:
        event_id = record.get("event_id")
        if isinstance(event_id, str) and event_id.startswith(f"{day.isoformat()}:"):
            return True
        return record_day(record, tz) == day

    # -- inputs --

    def set_records(self, records: Iterable[Mapping[str, Any]]) -> None:
        """The day's session records as read from the log (records of other days are
        ignored). The log only grows: a record this tracker was given that the read does
        not hold (its write had not landed yet, or failed and is kept for the next) stays."""
        read = [dict(r) for r in records if self._of_today(r)]
        seen = {_record_key(r) for r in read}
        self.records = read + [r for r in self.records
                               if self._of_today(r) and _record_key(r) not in seen]
        self._relog()

    def add_record(self, record: Mapping[str, Any]) -> None:
        """Add one session record just logged (ignored if it belongs to another day); a
        newer version of a record already here (the same set, with its note) replaces it."""
        if self._of_today(record):
            key = _record_key(record)
            self.records = [r for r in self.records if _record_key(r) != key]
            self.records.append(dict(record))
            self._relog()

    def _of_today(self, record: Mapping[str, Any]) -> bool:
        if self.timeline is None or self.tz is None:
            return True  # filtered when the day starts
        return self._is_of_day(record, self.timeline.day, self.tz)

    def set_history(self, done: Mapping[date, int]) -> None:
        """Sets done on past days (date → count), for the streak and the week chart."""
        self.history = dict(done)

    def set_calendar_meetings(self, meetings: Iterable[Meeting], day: date | None = None) -> bool:
        """Use ``meetings`` read from the calendar for ``day`` (default: the current day).

        Returns False (and changes nothing) if ``day`` is no longer the current day.
        """
        meetings = list(meetings)
        if day is not None and self.day is not None and day != self.day:
            return False
        if meetings == self.calendar_meetings:
            return True
        self.calendar_meetings = meetings
        if self.timeline is not None:
            self._build()
        return True

    def add_meeting(self, at: time, title: str) -> tuple[Meeting, TriggerEvent | None]:
        """Add a meeting typed in for today at ``at``; returns it and its pre-meeting event.

        The event is None when the meeting gets no set of its own: it is outside working
        hours, began before the day did, or its set merged into the start-of-day set.
        """
        if self.timeline is None or self.tz is None:
            raise RuntimeError("sample the clock before adding a meeting")
        title = " ".join(title.split()) or "Meeting"
        start = datetime.combine(self.timeline.day, at).replace(tzinfo=self.tz)
        meeting = Meeting(start=start, end=start + timedelta(minutes=TYPED_MEETING_MINUTES),
                          title=title)
        self.typed_meetings.append(meeting)
        self._build()
        candidates = [
            e for e in self.timeline.events
            if e.kind is TriggerKind.PRE_MEETING and e.planned <= start
            and title in (e.meeting_title or "").split(" / ")
        ]
        event = max(candidates, key=lambda e: e.planned, default=None)
        return meeting, event

    # -- actions --

    def _open_event(self, event_id: str) -> TriggerEvent:
        event = None if self.timeline is None else self.timeline.by_id(event_id)
        if event is None:
            raise KeyError(f"no event {event_id!r} today")
        if event_id in self._log or event_id in self.skips:
            raise ValueError(f"{event.name} at {event.planned:%H:%M} is already settled")
        return event

    def schedule_now(self, now: datetime) -> datetime:
        """``now``, or the latest wall time already seen today if the clock went back."""
        high = self.detector.high_water
        if high is not None and high > now:
            return high.astimezone(now.tzinfo)
        return now

    def snooze(self, event_id: str, now: datetime) -> datetime:
        """Snooze an event for the settings' snooze minutes; returns when it comes due again."""
        self._open_event(event_id)
        until = snooze_until(self.settings, self.schedule_now(now))
        self.snoozes[event_id] = until
        return until

    def skip(self, event_id: str, now: datetime) -> dict[str, Any]:
        """Mark an event skipped; returns the session record to log for it."""
        event = self._open_event(event_id)
        self.skips.add(event_id)
        self.snoozes.pop(event_id, None)
        return skip_record(event, now)

    # -- sampling --

    def sample(self, now: datetime, monotonic: float) -> DayView:
        """Take a clock sample and return the view at that moment."""
        tz = self._fixed_tz or now.tzinfo
        if tz is None:
            raise ValueError(f"expected a timezone-aware datetime, got {now!r}")
        rolled = False
        if self.timeline is None or day_changed(self.timeline, now):
            rolled = self.timeline is not None
            if rolled:
                self._close_day()
            self._start_day(local_day(now, tz), tz)
        jump = self.detector.sample(now, monotonic)
        view = self.view(now)
        if jump is None and not rolled:
            return view
        return DayView(view.day, view.now, view.timeline, view.events, view.next,
                       view.summary, view.labels, jump=jump, rolled_over=rolled)

    def _close_day(self) -> None:
        """Fold the day that ends into the history (for the streak)."""
        if self.timeline is None or self.tz is None:
            return
        done = done_by_day(self.records, self.tz).get(self.timeline.day, 0)
        if done:
            self.history[self.timeline.day] = max(done, self.history.get(self.timeline.day, 0))

    def view(self, now: datetime) -> DayView:
        """The view at ``now`` without taking a sample (after an action, say)."""
        if self.timeline is None or self.tz is None:
            raise RuntimeError("sample the clock first")
        timeline = self.timeline
        current = self.schedule_now(now).astimezone(self.tz)
        views = tuple(evaluate(timeline, now, self._log, self.snoozes, self.skips,
                               high_water=self.detector.high_water))
        return DayView(
            day=timeline.day,
            now=current,
            timeline=timeline,
            events=views,
            next=_pick_next(views, current),
            summary=self._summary(views, current),
            labels=self._labels,
        )

    def _summary(self, views: tuple[EventView, ...], current: datetime) -> DaySummary:
        assert self.timeline is not None and self.tz is not None
        done = sum(v.state is EventState.DONE for v in views)
        so_far = sum(
            1 for v in views
            if v.event.planned <= current or v.state in LOGGED_STATES
        )
        return DaySummary(
            done=done,
            planned_so_far=so_far,
            planned_total=len(views),
            moved_seconds=moved_seconds(self.records),
            streak=current_streak(self.done_counts_map(), self.timeline.day,
                                  self.settings.working_weekdays),
        )

    def done_counts_map(self) -> dict[date, int]:
        """Sets done per day: the history, with today's count from today's records."""
        counts = dict(self.history)
        if self.timeline is not None and self.tz is not None:
            counts[self.timeline.day] = done_by_day(self.records, self.tz).get(
                self.timeline.day, 0)
        return counts

    def done_counts(self, days: int = 7) -> list[tuple[date, int]]:
        """``[(date, sets done)]`` for the last ``days`` days, ending today."""
        if self.timeline is None:
            return []
        counts = self.done_counts_map()
        today = self.timeline.day
        return [(d, counts.get(d, 0))
                for d in (today - timedelta(days=n) for n in range(days - 1, -1, -1))]


def _pick_next(views: tuple[EventView, ...], current: datetime) -> NextEvent | None:
    """The due event (0 s), else the soonest upcoming or snoozed one and the seconds until it."""
    due = next((v for v in views if v.state is EventState.DUE), None)
    if due is not None:
        return NextEvent(due, 0.0)
    waiting = [v for v in views if v.state in (EventState.UPCOMING, EventState.SNOOZED)]
    if not waiting:
        return None
    soonest = min(waiting, key=lambda v: v.at)
    return NextEvent(soonest, (soonest.at - current).total_seconds())

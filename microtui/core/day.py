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
from typing import TYPE_CHECKING, Any

from microtui.core.clock_jumps import JumpDetector
from microtui.core.day_answers import Answer, record_key
from microtui.core.day_records import (
    STATE_RANK,
    log_from_records,
    moved_seconds,
    record_day,
)
from microtui.core.day_totals import DayTotals, fold_sessions
from microtui.core.day_view import DaySummary, DayView
from microtui.core.event_states import (
    EventState,
    EventView,
    evaluate,
    pick_next,
    snooze_until,
)
from microtui.core.exercises import Exercise
from microtui.core.planned_sets import PlanCounter
from microtui.core.played_sets import PlayedSet, played_sets
from microtui.core.quiet import QuietLog
from microtui.core.routine import Routine, TriggerKind
from microtui.core.schedule import ScheduleSettings
from microtui.core.set_counts import count_sets
from microtui.core.states_memo import StatesMemo, states_hold_until
from microtui.core.timeline import (
    TriggerEvent,
    TriggerTimeline,
    as_utc,
    build_timeline,
    day_changed,
    local_day,
)
from microtui.core.typed_meetings import TypedMeeting, clean_title, new_meeting

if TYPE_CHECKING:
    from microtui.core.meeting import Meeting

NEXT_SET_DAYS = 14
"""How far ahead :meth:`DayTracker.next_day_set` looks for the next day with sets."""


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
        self._answers: list[Answer] = []
        self._undone: set[tuple[str, str]] = set()
        self._typed: dict[str, TypedMeeting] = {}
        self._typed_gone: set[str] = set()
        self.calendar_meetings: list[Meeting] = []
        self.history: dict[date, DayTotals] = {}
        """The past days' folded records (for the streak and the week chart)."""
        self._streaks: dict[Any, tuple[int, int]] = {}
        """The streaks while the history and today's part in them stay the same."""
        self._streak_key: tuple[bool, bool] | None = None
        self._labels: dict[str, str] = {}
        self._planned_labels: dict[str, str] = {}
        self._played: dict[str, PlayedSet] = {}
        self._next_day_set: tuple[Any, datetime | None] | None = None
        self._log: dict[str, str] = {}
        self.quiet = QuietLog()
        """The quiet periods: a set inside one never comes due (:mod:`microtui.core.quiet`)."""
        self._memo: StatesMemo | None = None

    # -- the day --

    @property
    def day(self) -> date | None:
        return None if self.timeline is None else self.timeline.day

    def _start_day(self, day: date, tz: tzinfo) -> None:
        self.tz = tz
        self.snoozes.clear()
        self.skips.clear()
        self._answers.clear()
        self._undone.clear()
        self._typed.clear()
        self._typed_gone.clear()
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
            meetings=[*self.calendar_meetings,
                      *(m.meeting(self.tz) for m in self.typed_meetings)],
            first_seen=first_seen,
        )
        self._planned_labels = {e.id: self._set_label(e) for e in self.timeline.events}
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
        played = played_sets(self.records, self.exercises, self.tz) if self.tz else {}
        if self.timeline is not None:
            # A record for a merged interval event counts for the event it merged into.
            for event in self.timeline.events:
                ids = [i for i in (event.id, *event.merged_ids) if i in log]
                if ids:
                    best = min(ids, key=lambda i: STATE_RANK[EventState(log[i])])
                    log[event.id] = log[best]
                    if best in played:
                        played[event.id] = played[best]
        self._log = log
        # A logged set's row names what was played, not what the routine now holds.
        self._played = played
        self._labels = {**self._planned_labels,
                        **{i: p.label for i, p in played.items() if p.label}}

    @staticmethod
    def _is_of_day(record: Mapping[str, Any], day: date, tz: tzinfo) -> bool:
        event_id = record.get("event_id")
        if isinstance(event_id, str) and event_id.startswith(f"{day.isoformat()}:"):
            return True
        return record_day(record, tz) == day

    def next_day_set(self) -> datetime | None:
        """When the first set after today is (the start of the next working day, say), for
        "Next set: Thursday 09:00" once today has no more sets; None if none comes within
        two weeks. Worked out once per day and routine."""
        if self.timeline is None or self.tz is None:
            return None
        key = (self.timeline.day, self.routine, self.settings)
        if self._next_day_set is None or self._next_day_set[0] != key:
            found = None
            for ahead in range(1, NEXT_SET_DAYS + 1):
                later = build_timeline(self.routine, self.settings,
                                       self.timeline.day + timedelta(days=ahead), self.tz)
                if later.events:
                    found = later.events[0].planned
                    break
            self._next_day_set = (key, found)
        return self._next_day_set[1]

    # -- inputs --

    def set_records(self, records: Iterable[Mapping[str, Any]]) -> None:
        """The day's session records as read from the log (records of other days are
        ignored). The log only grows: a record this tracker was given that the read does
        not hold (its write had not landed yet, or failed and is kept for the next) stays."""
        read = [dict(r) for r in records
                if self._of_today(r) and record_key(r) not in self._undone]
        seen = {record_key(r) for r in read}
        self.records = read + [r for r in self.records
                               if self._of_today(r) and record_key(r) not in seen]
        self._relog()

    def add_record(self, record: Mapping[str, Any]) -> None:
        """Add one session record just logged (ignored if it belongs to another day); a
        newer version of a record already here (the same set, with its note) replaces it."""
        if self._of_today(record):
            key = record_key(record)
            self.records = [r for r in self.records if record_key(r) != key]
            self.records.append(dict(record))
            self._relog()

    def _of_today(self, record: Mapping[str, Any]) -> bool:
        if self.timeline is None or self.tz is None:
            return True  # filtered when the day starts
        return self._is_of_day(record, self.timeline.day, self.tz)

    def set_history(self, days: Mapping[date, DayTotals]) -> None:
        """The past days' folded records (the app's log history), for the streak and the
        week chart; today's come from :meth:`set_records`."""
        self.history = dict(days)
        self._streaks.clear()

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

    @property
    def typed_meetings(self) -> list[TypedMeeting]:
        """The meetings typed in for the day, in the order they were added."""
        return list(self._typed.values())

    def load_typed_meetings(self, stored: Iterable[TypedMeeting]) -> bool:
        """Add the day's meetings as read from the store. What this tracker was told since
        (a meeting added, edited or deleted, its write maybe not landed yet) stays as it is
        told; meetings of another day are ignored. True if the day's sets changed."""
        new = [m for m in stored if m.day == self.day and m.id not in self._typed
               and m.id not in self._typed_gone]
        for meeting in new:
            self._typed[meeting.id] = meeting
        if new and self.timeline is not None:
            self._build()
        return bool(new)

    def add_meeting(self, at: time, title: str) -> tuple[Meeting, TriggerEvent | None]:
        """:meth:`add_typed_meeting`, with the meeting as it stands on the timeline."""
        typed, event = self.add_typed_meeting(at, title)
        assert self.tz is not None  # the meeting was added
        return typed.meeting(self.tz), event

    def add_typed_meeting(self, at: time,
                          title: str) -> tuple[TypedMeeting, TriggerEvent | None]:
        """Add a meeting typed in for today at ``at``; returns it (to store) and its
        pre-meeting event.

        The event is None when the meeting gets no set of its own: it is outside working
        hours, began before the day did, or its set merged into the start-of-day set.
        """
        if self.timeline is None or self.tz is None:
            raise RuntimeError("sample the clock before adding a meeting")
        meeting = new_meeting(self.timeline.day, at, title,
                              set(self._typed) | self._typed_gone)
        self._typed[meeting.id] = meeting
        self._build()
        return meeting, self.event_of_meeting(meeting)

    def edit_meeting(self, meeting_id: str, at: time,
                     title: str) -> tuple[TypedMeeting, TriggerEvent | None]:
        """Move or rename a typed meeting; returns it as it now is (to store) and its
        pre-meeting event (None: see :meth:`add_meeting`). KeyError if there is none."""
        old = self._typed[meeting_id]
        meeting = old._replace(at=at, title=clean_title(title))
        self._typed[meeting_id] = meeting
        self._build()
        return meeting, self.event_of_meeting(meeting)

    def remove_meeting(self, meeting_id: str) -> TypedMeeting:
        """Delete a typed meeting (its set goes with it); returns the record to store
        (marked removed). KeyError if there is none."""
        meeting = self._typed.pop(meeting_id)
        self._typed_gone.add(meeting_id)
        self._build()
        return meeting._replace(removed=True)

    def event_of_meeting(self, meeting: TypedMeeting) -> TriggerEvent | None:
        """The set before ``meeting`` (None: it has none of its own)."""
        if self.timeline is None or self.tz is None:
            return None
        start = meeting.meeting(self.tz).start
        candidates = [
            e for e in self.timeline.events
            if e.kind is TriggerKind.PRE_MEETING and e.planned <= start
            and meeting.title in (e.meeting_title or "").split(" / ")
        ]
        return max(candidates, key=lambda e: e.planned, default=None)

    def meeting_of_event(self, event_id: str | None) -> TypedMeeting | None:
        """The typed meeting whose set ``event_id`` is (the first, if several share it)."""
        if event_id is None:
            return None
        return next((m for m in self.typed_meetings
                     if (e := self.event_of_meeting(m)) is not None and e.id == event_id),
                    None)

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
        self._answers.append(Answer("snooze", event_id, self.snoozes.get(event_id)))
        self.snoozes[event_id] = until
        return until

    def skip(self, event_id: str, now: datetime) -> dict[str, Any]:
        """Mark an event skipped; returns the session record to log for it."""
        from microtui.core.session_log import skip_record  # the player's, on the first skip

        event = self._open_event(event_id)
        record = skip_record(event, now)
        self._answers.append(Answer("skip", event_id, self.snoozes.get(event_id), record))
        self.skips.add(event_id)
        self.snoozes.pop(event_id, None)
        return record

    @property
    def can_undo(self) -> bool:
        """Whether a skip or snooze of the day can be taken back."""
        return bool(self._answers)

    def undo(self) -> Answer | None:
        """Take back the day's last skip or snooze (the set is as it was before it); returns
        it (a skip's record is to be taken out of the log), or None if there is none."""
        if not self._answers:
            return None
        answer = self._answers.pop()
        if answer.snoozed_until is None:
            self.snoozes.pop(answer.event_id, None)
        else:
            self.snoozes[answer.event_id] = answer.snoozed_until
        if answer.record is not None:
            self.skips.discard(answer.event_id)
            key = record_key(answer.record)
            self._undone.add(key)
            self.records = [r for r in self.records if record_key(r) != key]
            self._relog()
        return answer

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
        return view._replace(jump=jump, rolled_over=rolled)

    def _close_day(self) -> None:
        """Fold the day that ends into the history (for the streak)."""
        if self.timeline is None or self.tz is None:
            return
        if self.records:
            self.history[self.timeline.day] = self.today_totals()
            self._streaks.clear()

    def view(self, now: datetime) -> DayView:
        """The view at ``now`` without taking a sample (after an action, say)."""
        if self.timeline is None or self.tz is None:
            raise RuntimeError("sample the clock first")
        timeline = self.timeline
        current = self.schedule_now(now).astimezone(self.tz)
        views, summary = self._states(timeline, now, current)
        return DayView(
            day=timeline.day,
            now=current,
            timeline=timeline,
            events=views,
            next=pick_next(views, current),
            summary=summary,
            labels=self._labels,
            played=self._played,
            quiet_until=self.quiet.until(current),
        )

    def _states(self, timeline: TriggerTimeline, now: datetime,
                current: datetime) -> tuple[tuple[EventView, ...], DaySummary]:
        """The events' states and the day's summary at ``now``: worked out again only when
        an input changed or a state may have (see :mod:`microtui.core.states_memo`), not
        at each of Today's once-a-second samples."""
        at = as_utc(current)
        objects = (timeline, self._log, self.records, self.history, self.quiet,
                   self.routine, self.settings, self.tz)
        values = (tuple(self.snoozes.items()), frozenset(self.skips))
        memo = self._memo
        if memo is not None and memo.holds(objects, values, at):
            return memo.views, memo.summary
        views = tuple(evaluate(timeline, now, self._log, self.snoozes, self.skips,
                               high_water=self.detector.high_water, quiet=self.quiet))
        summary = self._summary(views, current)
        self._memo = StatesMemo(objects, values, at,
                                states_hold_until(timeline, at, self.snoozes), views, summary)
        return views, summary

    def _summary(self, views: tuple[EventView, ...], current: datetime) -> DaySummary:
        assert self.timeline is not None and self.tz is not None
        day = self.timeline.day
        # The same rule and function as Progress and `microtui report` (set_counts), on
        # this day's own timeline (its meetings, the start of day where the user sat down).
        plan = PlanCounter(self.routine, self.settings, self.tz, timeline=self.timeline,
                           quiet=self.quiet)
        today = self.today_totals()
        key = (today.sets_done > 0, bool(today.excused))
        if key != self._streak_key:  # today's part in the streak changed
            self._streaks.clear()
            self._streak_key = key
        counts = count_sets({**self.history, day: today}, day, day, plan, current,
                            memo=self._streaks)
        return DaySummary(
            done=counts.days[0].done,
            planned_so_far=counts.days[0].planned,
            planned_total=len(views),
            moved_seconds=moved_seconds(self.records),
            streak=counts.current_streak,
        )

    def today_totals(self) -> DayTotals:
        """Today's records folded (and the skips not logged back yet)."""
        day = "" if self.timeline is None else self.timeline.day.isoformat()
        totals = fold_sessions(self.records, {}, day=day).get(day) or DayTotals()
        totals.settled_ids.update(self.skips)
        totals.event_ids.update(self.skips)
        return totals

    def done_counts_map(self) -> dict[date, int]:
        """Sets done per day: the history, with today's count from today's records."""
        counts = {d: t.sets_done for d, t in self.history.items()}
        if self.timeline is not None and self.tz is not None:
            counts[self.timeline.day] = self.today_totals().sets_done
        return counts

    def done_counts(self, days: int = 7) -> list[tuple[date, int]]:
        """``[(date, sets done)]`` for the last ``days`` days, ending today."""
        if self.timeline is None:
            return []
        counts = self.done_counts_map()
        today = self.timeline.day
        return [(d, counts.get(d, 0))
                for d in (today - timedelta(days=n) for n in range(days - 1, -1, -1))]


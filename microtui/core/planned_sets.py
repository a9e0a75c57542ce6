"""Which sets were planned on a day, and which of them were done: the day's side of the rule
in :mod:`microtui.core.set_counts`.

Sets **planned** on a working day are the events of that day's trigger timeline for the
routine and the schedule settings (:func:`microtui.core.timeline.build_timeline`: the default
routine gives 18 on a 09:00-17:30 day), plus every other event id the log names for that day
(a pre-meeting set from the calendar, a typed-in meeting). The start-of-day set is where the
log puts it (the user sat down late: nothing before it was planned), or at ``first_seen`` on
its own day. Days off plan nothing but their logged events. On the day ``now`` falls on, only
the events whose time has come are planned, and those settled early (done, skipped). An event
stopped for pain or dizziness is taken out of the plan, and so is one whose time to start
falls inside a quiet period (:mod:`microtui.core.quiet`) and was not done. A record for an
interval event that was merged into another event counts for the event it was merged into.
"""

from collections.abc import Iterable, Mapping
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Any, NamedTuple

from microtui.core.day_totals import DayTotals
from microtui.core.quiet import QuietLog
from microtui.core.routine import Routine, TriggerKind
from microtui.core.schedule import ScheduleSettings
from microtui.core.time_text import parse_hhmm
from microtui.core.timeline import TriggerTimeline, build_timeline


class DayPlan(NamedTuple):
    """A day's events as ``kind:HH:MM`` ends: when each is planned, and which event each
    end (its own or one merged into it) counts for."""

    times: tuple[tuple[str, time], ...]
    """Each event's end and its local wall time."""
    owners: Mapping[str, str]

    @classmethod
    def of(cls, timeline: TriggerTimeline) -> "DayPlan":
        times = tuple((e.id.split(":", 1)[1], e.planned.astimezone(timeline.tz).time())
                      for e in timeline.events)
        owners: dict[str, str] = {}
        for event in timeline.events:
            own = event.id.split(":", 1)[1]
            owners[own] = own
            for merged in event.merged_ids:
                owners.setdefault(merged.split(":", 1)[1], own)
        return cls(times, owners)


NO_PLAN = DayPlan((), {})


class PlanCounter:
    """How many sets were planned on a day and how many were done (see the module doc),
    memoised.

    The timeline of a working day depends only on the routine, the settings, the day's UTC
    offsets at the start and end of work and where its start-of-day set is, so it is built
    once per distinct key rather than once per day. ``timeline`` is one day's own timeline
    (Today's, with its meetings): that day is counted from it. ``quiet`` holds the quiet
    periods.
    """

    def __init__(self, routine: Routine | None, settings: ScheduleSettings | None = None,
                 tz: tzinfo | None = None, *, first_seen: datetime | None = None,
                 timeline: TriggerTimeline | None = None,
                 quiet: QuietLog | None = None) -> None:
        self.routine = routine
        self.settings = settings or ScheduleSettings()
        self.tz = tz or UTC
        self.first_seen = first_seen
        self.timeline = timeline
        self.quiet = quiet or QuietLog()
        self._own_plan = None if timeline is None else DayPlan.of(timeline)
        self._memo: dict[tuple[Any, ...], DayPlan] = {}

    def _plans(self, day: date) -> bool:
        return self.routine is not None and self.settings.works_on(day)

    def _start_of_day(self, day: date, logged_ids: Iterable[str]) -> datetime | None:
        """When the day's start-of-day set was: ``first_seen`` on its own day, else the
        latest time a logged start-of-day id names (None: at the workday's start)."""
        if self.first_seen is not None:
            seen = self.first_seen.astimezone(self.tz)
            if seen.date() == day:
                return seen
        prefix = f"{day.isoformat()}:{TriggerKind.START_OF_DAY.value}:"
        times: list[time] = []
        for event_id in logged_ids:
            if event_id.startswith(prefix):
                try:
                    times.append(parse_hhmm(event_id[len(prefix):]))
                except ValueError:
                    continue
        if not times:
            return None
        return datetime.combine(day, max(times), tzinfo=self.tz)

    def day_plan(self, day: date, logged_ids: Iterable[str] = ()) -> DayPlan:
        """The day's events (empty on a day off or without a routine)."""
        if self._own_plan is not None and self.timeline is not None and (
                self.timeline.day == day):
            return self._own_plan
        if not self._plans(day):
            return NO_PLAN
        first_seen = self._start_of_day(day, logged_ids)
        start = datetime.combine(day, self.settings.workday_start, tzinfo=self.tz)
        end = datetime.combine(day, self.settings.workday_end, tzinfo=self.tz)
        key = (start.utcoffset(), end.utcoffset(),
               None if first_seen is None else first_seen.timetz())
        found = self._memo.get(key)
        if found is None:
            assert self.routine is not None
            found = self._memo[key] = DayPlan.of(
                build_timeline(self.routine, self.settings, day, self.tz,
                               first_seen=first_seen))
        return found

    def counts(self, day: date, totals: DayTotals | None,
               now: datetime | None = None) -> tuple[int, int]:
        """``(done, planned)`` on ``day`` for its folded records (see the module doc)."""
        if totals is None:
            totals = DayTotals()
        plan = self.day_plan(day, totals.event_ids)
        prefix = f"{day.isoformat()}:"
        owners = plan.owners

        def ends(ids: Iterable[str]) -> set[str]:
            """The ids of this day as the ends of the events they count for."""
            return {owners.get(end, end) for end in
                    (i[len(prefix):] for i in ids if i.startswith(prefix))}

        due = [end for end, _ in plan.times]
        if now is not None:
            local_now = now.astimezone(self.tz)
            if local_now.date() == day:
                wall = local_now.time()
                due = [end for end, at in plan.times if at <= wall]
        planned = set(due) | ends(totals.settled_ids)
        planned |= {end for end in ends(totals.event_ids) if end not in owners}
        planned -= ends(totals.excused)
        done = ends(totals.done_ids)
        if self.quiet.periods:
            grace = timedelta(minutes=self.settings.grace_minutes)
            planned -= {end for end, at in plan.times if end not in done and self.quiet.covers(
                datetime.combine(day, at, tzinfo=self.tz), grace)}
        other_days = sum(1 for i in totals.done_ids if not i.startswith(prefix))
        return len(done) + other_days + totals.adhoc_done, len(planned)

    def planned(self, day: date, logged_ids: Iterable[str] = (),
                now: datetime | None = None) -> int:
        """Sets planned on ``day`` with ``logged_ids`` in its log (see :meth:`counts`)."""
        ids = set(logged_ids)
        return self.counts(day, DayTotals(event_ids=ids), now)[1]

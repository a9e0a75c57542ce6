"""A day's plan as the read-only commands see it: the timeline (routine, schedule, the
calendar's and the typed meetings) and the log of that day, and each event's state at a
moment. Shared by ``microtui today``, ``microtui next`` and the answer the app keeps for
``next`` (:mod:`microtui.next_state`). It never imports Textual.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from microtui.context import Context
    from microtui.core.event_states import EventView
    from microtui.core.meeting import Meeting
    from microtui.core.quiet import QuietLog
    from microtui.core.timeline import TriggerTimeline


@dataclass(frozen=True)
class DayPlan:
    """One day's timeline and log; :meth:`views_at` gives each event's state at a moment."""

    day: date
    timeline: TriggerTimeline
    log: dict[str, str]
    """Event id → its logged outcome."""
    notice: str
    """What to say about the calendar ("": nothing)."""
    quiet: QuietLog | None = None
    """The quiet periods: a set inside one is quiet, never due (:mod:`microtui.core.quiet`)."""

    def views_at(self, at: datetime) -> list[EventView]:
        from microtui.core.event_states import evaluate

        return evaluate(self.timeline, at, self.log, quiet=self.quiet)

    def quiet_until(self, at: datetime) -> datetime | None:
        """When the quiet in force at ``at`` ends (None: it is not quiet)."""
        return None if self.quiet is None else self.quiet.until(at)


def day_plan(context: Context, day: date, now: datetime) -> DayPlan:
    """``day``'s plan. A calendar that cannot be read is said so (``notice``), and the day is
    planned without it."""
    from microtui.context import first_seen_of
    from microtui.core.day_records import log_from_records
    from microtui.core.timeline import build_timeline
    from microtui.core.typed_meetings import typed_meetings_of

    tz = now.tzinfo
    assert tz is not None  # the clock's times are aware
    meetings: list[Meeting] = []
    notice = ""
    if context.calendar_path is not None:
        from microtui.calendar import CalendarError, calendar_notice
        from microtui.calendar_source import read_source

        try:
            read = read_source(context.calendar_path, day, tz)
        except CalendarError as exc:
            notice = calendar_notice(exc)
        else:
            meetings, notice = read.meetings, calendar_notice(read)
    meetings += [m.meeting(tz) for m in typed_meetings_of(
        context.store.meetings(day.isoformat()), day)]
    first_seen = first_seen_of(context, now) if day == now.date() else None
    timeline = build_timeline(context.routine, context.settings, day, tz, meetings,
                              first_seen=first_seen)
    records = context.store.sessions(since=day.isoformat(), until=day.isoformat())
    return DayPlan(day, timeline, dict(log_from_records(records)), notice,
                   context.user_settings.quiet)


def moment_of(day: date, now: datetime) -> datetime:
    """When ``day``'s states are read: ``now`` for today, the end of a past day, just
    before a future one."""
    tz = now.tzinfo
    if day == now.date():
        return now
    if day < now.date():
        return datetime.combine(day, time(23, 59, 59), tzinfo=tz)
    return datetime.combine(day, time(0), tzinfo=tz) - timedelta(seconds=1)


def day_views(context: Context, day: date,
              now: datetime) -> tuple[TriggerTimeline, list[EventView], datetime, str]:
    """The day's timeline and each event's state: at ``now`` for today, at the end of a past
    day, before a future one; and what to say about the calendar (``""``: nothing)."""
    plan = day_plan(context, day, now)
    at = moment_of(day, now)
    return plan.timeline, plan.views_at(at), at, plan.notice

"""The first-run setup: what a fresh data directory asks before the first day.

The guide's day plan ("Micro-Movement Integration into the Workday") runs a workday: the
setup asks when it starts and ends, on which days, and how often the interval set comes,
with the day plan's answers filled in (09:00-17:30, Monday to Friday, every 30 min), and
says what happens next. Everything it asks stays changeable in Routine (step 4).

A first start in the workday's last hour or later (or on a day off) does not start the plan
with a Start of Day set and an End of Day a few minutes apart: it offers one set now, and
the plan starts on the next working day (:attr:`ScheduleSettings.plan_starts`).

Pure: the answers come in as typed text, the time as ``now``.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from microtui.core.routine import Routine, TriggerKind
from microtui.core.routine_validation import FieldError, workday_problems
from microtui.core.schedule import ScheduleSettings
from microtui.core.time_text import (
    WEEKDAY_TITLES,
    format_weekdays,
    parse_hhmm,
    parse_minutes,
    parse_weekdays,
)

SETUP_FIELDS: tuple[tuple[str, str, str], ...] = (
    ("workday_start", "Workday starts", "HH:MM, like 09:00"),
    ("workday_end", "Workday ends", "HH:MM, like 17:30"),
    ("working_days", "Working days", "like mon-fri or mon, wed, fri"),
    ("interval", "Every (minutes)", "10–120; the day plan: 30"),
)
"""The setup's fields, in order: (field, label, hint). The field names are the routine
form's (:func:`~microtui.core.routine_validation.workday_problems` checks them)."""

LAST_HOUR = timedelta(hours=1)
"""A first start this close to the workday's end (or later) starts the plan tomorrow."""

DAY_PLAN_INTERVAL = 30
"""The guide's day plan: "Every 30 min"."""


@dataclass(frozen=True)
class SetupAnswers:
    """The setup's fields as typed."""

    workday_start: str
    workday_end: str
    working_days: str
    interval: str

    @classmethod
    def defaults(cls, schedule: ScheduleSettings, routine: Routine) -> SetupAnswers:
        """What the setup shows first: the stored schedule (on a fresh data directory, the
        guide's day plan) and the routine's interval."""
        return cls(workday_start=schedule.workday_start.strftime("%H:%M"),
                   workday_end=schedule.workday_end.strftime("%H:%M"),
                   working_days=format_weekdays(schedule.working_weekdays),
                   interval=str(schedule.interval_minutes or routine_interval(routine)))

    def problems(self) -> list[FieldError]:
        """Every problem, by field (nothing is saved while there is one)."""
        return workday_problems(self.interval, self.workday_start, self.workday_end,
                                self.working_days)

    def schedule(self, base: ScheduleSettings, routine: Routine,
                 now: datetime) -> ScheduleSettings:
        """``base`` with these answers; when ``now`` is late (:func:`starts_late`) the plan
        starts on the next working day. The interval is kept as the routine's when it is the
        routine's own. Raises :class:`ValueError` for answers with :meth:`problems`."""
        problems = self.problems()
        if problems:
            raise ValueError("; ".join(f"{p.field}: {p.message}" for p in problems))
        every = parse_minutes(self.interval)
        schedule = replace(
            base,
            workday_start=parse_hhmm(self.workday_start),
            workday_end=parse_hhmm(self.workday_end),
            working_weekdays=parse_weekdays(self.working_days),
            interval_minutes=None if every == routine_interval(routine) else every,
            plan_starts=None,
        )
        if starts_late(schedule, now) and now.weekday() in schedule.working_weekdays:
            schedule = replace(schedule, plan_starts=schedule.next_working_day(now.date()))
        return schedule


def routine_interval(routine: Routine) -> int:
    """How often the routine's interval set comes (the day plan's 30 if it has none)."""
    trigger = routine.trigger(TriggerKind.INTERVAL)
    return trigger.every_minutes if trigger is not None and trigger.every_minutes \
        else DAY_PLAN_INTERVAL


def starts_late(schedule: ScheduleSettings, now: datetime) -> bool:
    """``now`` is no time to start the plan: a day off, or a working day's last hour or
    later (then one set now, and the plan from the next working day)."""
    if now.weekday() not in schedule.working_weekdays:
        return True
    start = datetime.combine(now.date(), schedule.workday_start, tzinfo=now.tzinfo)
    end = datetime.combine(now.date(), schedule.workday_end, tzinfo=now.tzinfo)
    return now >= max(start, end - LAST_HOUR)


def first_day(schedule: ScheduleSettings, now: datetime) -> date:
    """The day the plan's first set comes: today, unless it starts late."""
    if not starts_late(schedule, now):
        return now.date()
    return schedule.plan_starts or schedule.next_working_day(now.date())


def what_happens_next(schedule: ScheduleSettings, routine: Routine, now: datetime) -> str:
    """What the plan does from here, in a few short sentences."""
    every = schedule.interval_minutes or routine_interval(routine)
    start, end = f"{schedule.workday_start:%H:%M}", f"{schedule.workday_end:%H:%M}"
    rhythm = (f"a set every {every} min until End of Day at {end}. Today lists each set; "
              "it rings when one is due, and 2 plays it.")
    if not starts_late(schedule, now):
        if now.time() < schedule.workday_start:
            return f"Start of Day comes at {start}, then {rhythm}"
        return f"Start of Day is due as soon as you start, then {rhythm}"
    day = first_day(schedule, now)
    when = "tomorrow" if day == now.date() + timedelta(days=1) else \
        f"on {WEEKDAY_TITLES[day.weekday()]} {day.day} {day:%B}"
    return (f"Your plan starts {when} at {start}, then a set every {every} min until End "
            f"of Day at {end}. It is late for today: one set now, if you like.")

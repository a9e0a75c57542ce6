"""The first-run setup's rules (core): its answers, a late first start, the plan's first day,
and what the schedule and settings keep of it."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time

import pytest

from microtui.core.first_run import SetupAnswers, first_day, starts_late, what_happens_next
from microtui.core.loader import builtin_path, load_library
from microtui.core.planned_sets import PlanCounter
from microtui.core.routine import TriggerKind
from microtui.core.routine_draft import RoutineDraft
from microtui.core.schedule import ScheduleSettings, SettingsError
from microtui.core.settings import UserSettings
from microtui.core.timeline import build_timeline

LIBRARY = load_library([builtin_path()])
DAY_PLAN = LIBRARY.default_routine
FRIDAY = date(2026, 12, 4)
MONDAY = date(2026, 12, 7)


def at(day: date, hhmm: str) -> datetime:
    hours, minutes = map(int, hhmm.split(":"))
    return datetime.combine(day, time(hours, minutes), tzinfo=UTC)


def test_the_defaults_are_the_guides_day_plan():
    answers = SetupAnswers.defaults(ScheduleSettings(), DAY_PLAN)
    assert answers == SetupAnswers("09:00", "17:30", "mon-fri", "30")
    assert answers.problems() == []


@pytest.mark.parametrize(("change", "field"), [
    ({"workday_start": "25:00"}, "workday_start"),
    ({"workday_end": "08:00"}, "workday_end"),
    ({"working_days": "mon-funday"}, "working_days"),
    ({"interval": "5"}, "interval"),
    ({"interval": "often"}, "interval"),
])
def test_a_bad_answer_is_named_by_its_field(change, field):
    answers = replace(SetupAnswers.defaults(ScheduleSettings(), DAY_PLAN), **change)
    assert [p.field for p in answers.problems()] == [field]
    with pytest.raises(ValueError):
        answers.schedule(ScheduleSettings(), DAY_PLAN, at(FRIDAY, "10:00"))


def test_answers_become_the_schedule_the_routines_interval_kept_as_its_own():
    same = SetupAnswers("09:00", "17:30", "mon-fri", "30").schedule(
        ScheduleSettings(), DAY_PLAN, at(FRIDAY, "10:00"))
    assert same == ScheduleSettings()  # nothing changed: nothing to store
    mine = SetupAnswers("8:00", "16:00", "mon-thu", "20").schedule(
        ScheduleSettings(), DAY_PLAN, at(date(2026, 12, 3), "10:00"))
    assert (mine.workday_start, mine.workday_end) == (time(8), time(16))
    assert mine.working_weekdays == {0, 1, 2, 3}
    assert mine.interval_minutes == 20
    assert mine.plan_starts is None


@pytest.mark.parametrize(("now", "late"), [
    (at(FRIDAY, "07:00"), False),   # before the workday: it starts today
    (at(FRIDAY, "16:29"), False),
    (at(FRIDAY, "16:30"), True),    # the workday's last hour
    (at(FRIDAY, "17:21"), True),    # the report: Start of Day, then End of Day 9 min later
    (at(FRIDAY, "22:00"), True),
    (at(date(2026, 12, 5), "10:00"), True),  # a Saturday
])
def test_a_start_in_the_workdays_last_hour_or_later_is_late(now, late):
    assert starts_late(ScheduleSettings(), now) is late


def test_a_late_first_start_puts_the_plan_on_the_next_working_day():
    now = at(FRIDAY, "17:21")
    schedule = SetupAnswers.defaults(ScheduleSettings(), DAY_PLAN).schedule(
        ScheduleSettings(), DAY_PLAN, now)
    assert schedule.plan_starts == MONDAY
    assert first_day(schedule, now) == MONDAY
    timeline = build_timeline(DAY_PLAN, schedule, FRIDAY, UTC, first_seen=now)
    assert timeline.events == ()
    assert timeline.reason == "your plan starts on Monday 7 December"
    assert build_timeline(DAY_PLAN, schedule, MONDAY, UTC).events  # and then it runs
    counter = PlanCounter(DAY_PLAN, schedule, UTC)
    assert counter.planned(FRIDAY) == 0  # nothing missed on the day it was set up
    assert counter.planned(MONDAY) == 18
    assert "starts on Monday 7 December" in what_happens_next(schedule, DAY_PLAN, now)
    assert "one set now" in what_happens_next(schedule, DAY_PLAN, now)


def test_what_happens_next_on_an_ordinary_first_start():
    text = what_happens_next(ScheduleSettings(), DAY_PLAN, at(FRIDAY, "10:00"))
    assert text.startswith("Start of Day is due as soon as you start")
    assert "every 30 min until End of Day at 17:30" in text
    early = what_happens_next(ScheduleSettings(), DAY_PLAN, at(FRIDAY, "07:00"))
    assert early.startswith("Start of Day comes at 09:00")


def test_plan_starts_reads_and_writes_and_is_left_out_when_unset():
    assert "plan_starts" not in ScheduleSettings().to_dict()
    schedule = ScheduleSettings(plan_starts=MONDAY)
    assert schedule.to_dict()["plan_starts"] == "2026-12-07"
    assert ScheduleSettings.from_dict(schedule.to_dict()) == schedule
    with pytest.raises(SettingsError) as caught:
        ScheduleSettings.from_dict({"plan_starts": "soon"})
    assert caught.value.field == "plan_starts"
    assert not schedule.works_on(FRIDAY) and schedule.works_on(MONDAY)


def test_the_settings_remember_the_setup_and_a_fresh_directory_needs_it():
    fresh = UserSettings()
    assert fresh.needs_setup()
    answered = fresh.with_setup(ScheduleSettings(plan_starts=MONDAY), FRIDAY)
    assert not answered.needs_setup()
    raw = answered.to_dict()
    assert raw["setup_done"] == "2026-12-04"
    assert UserSettings.from_dict(raw) == answered
    # A data directory from before the setup (the app ran on a working day) never asks.
    assert not fresh.with_first_seen(at(FRIDAY, "09:00")).needs_setup()


def test_an_interval_from_the_schedule_names_the_sets_and_shows_in_the_form():
    schedule = ScheduleSettings(interval_minutes=20)
    events = build_timeline(DAY_PLAN, schedule, FRIDAY, UTC).events
    interval = [e for e in events if e.kind is TriggerKind.INTERVAL]
    assert interval[0].planned.time() == time(9, 20)
    assert {e.name for e in interval} == {"Every 20 min"}
    assert RoutineDraft.from_routine(DAY_PLAN, schedule).interval == "20"

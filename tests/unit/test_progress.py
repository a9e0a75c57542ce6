"""Progress aggregates over small hand-made logs: adherence, planned sets, streaks, how you
feel, mobility, region minutes, side balance, buckets and the summary line - empty, one
day, gaps and the Europe/London DST change of 2026-10-25."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from microtui.core.buckets import buckets
from microtui.core.day_totals import fold_sessions
from microtui.core.loader import Library, builtin_path, load_library
from microtui.core.planned_sets import PlanCounter
from microtui.core.progress import History
from microtui.core.progress_text import summary_line
from microtui.core.progress_view import RANGES, Balance, Range, Series, lag_note, lagging_side
from microtui.core.schedule import ScheduleSettings
from microtui.core.streaks import streaks

LONDON = ZoneInfo("Europe/London")
WED = date(2026, 11, 25)
MON = date(2026, 11, 23)
WEEKDAYS = frozenset(range(5))
DAYS7, DAYS30, ALL = RANGES[0], RANGES[1], RANGES[3]


@pytest.fixture(scope="module")
def library() -> Library:
    return load_library([builtin_path()])


@pytest.fixture(scope="module")
def plan(library: Library) -> PlanCounter:
    return PlanCounter(library.default_routine, ScheduleSettings(), UTC)


def at(day: date, hhmm: str = "10:00", tz=UTC, fold: int = 0) -> str:
    hour, minute = map(int, hhmm.split(":"))
    return datetime.combine(day, time(hour, minute), tzinfo=tz).replace(fold=fold).isoformat()


def row(exercise_id: str, done: float, side: str | None = None) -> dict:
    return {"id": exercise_id, "name": exercise_id, "side": side, "planned_seconds": done,
            "done_seconds": done, "effortless": False}


def session(started: str, outcome: str = "completed", *, event_id: str | None = None,
            active: float = 25.0, exercises: list[dict] | None = None) -> dict:
    return {"v": 1, "event_id": event_id, "trigger": None, "started": started,
            "ended": started, "outcome": outcome, "active_seconds": active,
            "exercises": exercises or [], "note": None}


def history(library: Library, sessions=(), checkins=(), measurements=()) -> History:
    return History.build(sessions, checkins, measurements, exercises=library.exercises)


def eid(day: date, kind: str, hhmm: str) -> str:
    return f"{day.isoformat()}:{kind}:{hhmm}"


# -- folding and done ---------------------------------------------------------------------


@pytest.mark.parametrize(("outcome", "done"), [
    ("completed", 1), ("done", 1), ("partial", 1), ("stopped-for-pain", 0),
    ("skipped", 0), ("missed", 0), ("abandoned", 0), (None, 0),
])
def test_which_outcomes_count_as_a_set_done(library, outcome, done):
    h = history(library, [session(at(WED), outcome)])
    assert h.totals[WED].sets_done == done
    assert h.totals[WED].sets_logged == 1


def test_a_record_belongs_to_the_date_written_in_its_started(library):
    # 23:30 in New York on the 24th is the 25th in UTC: the record's own date wins.
    new_york = ZoneInfo("America/New_York")
    h = history(library, [session(at(date(2026, 11, 24), "23:30", new_york))])
    assert list(h.totals) == [date(2026, 11, 24)]


def test_bad_records_are_skipped_not_fatal(library):
    sessions = [
        {"started": None}, {"started": "garbage"}, {"started": 5}, {},
        session(at(WED), active=float("nan")),
        {**session(at(WED)), "exercises": [{"id": 3}, "x", {"id": "ankle-pumps",
                                                             "done_seconds": "9"}]},
    ]
    h = history(library, sessions)
    assert h.totals[WED].sets_done == 2
    assert h.total_moved_seconds == 25.0
    assert h.totals[WED].region_seconds == {}


# -- planned ------------------------------------------------------------------------------


def test_a_working_day_of_the_default_routine_plans_18_sets(plan):
    # 09:00 start, 15 intervals (13:30 merges into the fixed-time set), 13:30, 17:30 end.
    assert plan.planned(WED) == 18


def test_days_off_plan_nothing_but_their_logged_events(plan):
    saturday = date(2026, 11, 28)
    assert plan.planned(saturday) == 0
    assert plan.planned(saturday, [eid(saturday, "pre-meeting", "10:58")]) == 1


def test_logged_events_outside_the_timeline_add_to_the_plan(plan):
    logged = [
        eid(WED, "interval", "09:30"),  # in the timeline: no change
        eid(WED, "interval", "13:30"),  # merged into the fixed-time set: no change
        eid(WED, "pre-meeting", "10:58"),  # a meeting's set: one more
        eid(WED, "pre-meeting", "10:58"),  # the same event twice: still one
        eid(MON, "pre-meeting", "11:58"),  # another day's id: ignored
    ]
    assert plan.planned(WED, logged) == 19


def test_today_plans_only_what_has_come_due(plan):
    noon = datetime.combine(WED, time(12, 0), tzinfo=UTC)
    # 09:00 start + 09:30 ... 12:00 every half hour.
    assert plan.planned(WED, now=noon) == 7
    assert plan.planned(MON, now=noon) == 18  # another day: the whole day


def test_without_a_routine_nothing_is_planned():
    assert PlanCounter(None).planned(WED) == 0


# -- adherence ----------------------------------------------------------------------------


def test_adherence_of_an_empty_history(library, plan):
    a = history(library).adherence(WED - timedelta(days=6), WED, plan)
    assert len(a.days) == 7
    assert (a.done, a.planned, a.rate) == (0, 0, None)
    assert (a.current_streak, a.best_streak, a.first_day) == (0, 0, None)


def test_adherence_of_one_day(library, plan):
    h = history(library, [
        session(at(WED, "09:01"), event_id=eid(WED, "start-of-day", "09:00")),
        session(at(WED, "09:31"), "partial", event_id=eid(WED, "interval", "09:30")),
        session(at(WED, "10:01"), "skipped", event_id=eid(WED, "interval", "10:00")),
    ])
    a = h.adherence(WED - timedelta(days=6), WED, plan)
    by_day = {p.day: p for p in a.days}
    assert (by_day[WED].done, by_day[WED].planned) == (2, 18)
    # Days before the first logged set planned nothing: the user had not started.
    assert all(by_day[d].planned == 0 for d in by_day if d < WED)
    assert a.rate == pytest.approx(2 / 18)
    assert (a.current_streak, a.best_streak) == (1, 1)


def test_adherence_with_a_gap(library, plan):
    days = [date(2026, 11, 16), date(2026, 11, 17), date(2026, 11, 20)]  # Mon, Tue, Fri
    h = history(library, [session(at(d)) for d in days])
    a = h.adherence(date(2026, 11, 16), date(2026, 11, 20), plan)
    assert [p.done for p in a.days] == [1, 1, 0, 0, 1]
    assert [p.planned for p in a.days] == [18, 18, 18, 18, 18]
    assert (a.current_streak, a.best_streak) == (1, 2)


def test_today_counts_only_what_has_come_due(library, plan):
    h = history(library, [session(at(WED, "09:01"))])
    noon = datetime.combine(WED, time(12, 0), tzinfo=UTC)
    a = h.adherence(WED, WED, plan, noon)
    assert (a.days[0].done, a.days[0].planned) == (1, 7)


def test_buckets_of_adherence_sum_days(library, plan):
    h = history(library, [session(at(d)) for d in (MON, WED)])
    a = h.adherence(date(2026, 11, 16), WED, plan)  # Mon 16 .. Wed 25: 10 days
    weekly = a.bucketed(2)
    assert [(b.start, b.end, b.unit) for b, _, _ in weekly] == [
        (date(2026, 11, 16), date(2026, 11, 22), "week"),
        (date(2026, 11, 23), WED, "week"),
    ]
    # The first week is before the first logged day: nothing planned, nothing done.
    assert [(d, p) for _, d, p in weekly] == [(0, 0), (2, 54)]


# -- streaks ------------------------------------------------------------------------------


def days(*numbers: int) -> dict[date, int]:
    """November 2026 day numbers → one set done each (the 16th and 23rd are Mondays)."""
    return {date(2026, 11, n): 1 for n in numbers}


@pytest.mark.parametrize(("done", "today", "current", "best"), [
    ({}, 25, 0, 0),
    (days(16, 17, 18, 19, 20), 20, 5, 5),  # Mon-Fri, today Friday
    (days(16, 17, 18, 19, 20), 21, 5, 5),  # Saturday: a day off breaks nothing
    (days(16, 17, 18, 19, 20), 23, 5, 5),  # Monday, nothing yet: the day is not over
    (days(16, 17, 18, 19), 20, 4, 4),  # Friday, nothing yet today
    (days(16, 17, 19), 19, 1, 2),  # Wednesday missed: the run broke
    (days(16, 17, 19), 20, 1, 2),  # ... and today has nothing yet
    (days(21, 22), 22, 0, 0),  # sets on a weekend count for nothing
    (days(20, 23), 23, 2, 2),  # Friday and Monday: the weekend does not break it
    (days(9, 10, 11, 12, 13, 18), 18, 1, 5),  # last week's five is the best
    ({date(2026, 11, 25): 0}, 25, 0, 0),  # zero sets is not a day done
])
def test_streaks(done, today, current, best):
    assert streaks(done, date(2026, 11, today), WEEKDAYS) == (current, best)


def test_streaks_follow_the_working_days():
    # Working Monday to Saturday: Saturday 21 missed breaks the run; Sunday does not count.
    assert streaks(days(19, 20, 23), date(2026, 11, 23), range(6)) == (1, 2)
    assert streaks(days(19), date(2026, 11, 19), ()) == (0, 0)


# -- DST (Europe/London, clocks back at 02:00 on Sunday 25 October 2026) -------------------


def test_the_dst_change_keeps_every_set_on_its_own_day(library):
    sunday, monday = date(2026, 10, 25), date(2026, 10, 26)
    sessions = [
        session(at(date(2026, 10, 24), "23:30", LONDON)),  # BST, Saturday
        session(at(sunday, "01:30", LONDON, fold=0),  # BST: 01:30+01:00
                exercises=[row("core-bracing", 28)]),
        session(at(sunday, "01:30", LONDON, fold=1),  # GMT: the same wall time again
                exercises=[row("core-bracing", 28)]),
        session(at(monday, "00:10", LONDON)),  # GMT, Monday
    ]
    assert sessions[1]["started"] == "2026-10-25T01:30:00+01:00"
    assert sessions[2]["started"] == "2026-10-25T01:30:00+00:00"
    h = history(library, sessions)
    assert {d: t.sets_done for d, t in h.totals.items()} == {
        date(2026, 10, 24): 1, sunday: 2, monday: 1}
    assert h.balance(sunday, sunday).regions[0] == ("core", pytest.approx(56 / 60))


def test_planned_and_streaks_across_the_dst_change(library):
    plan = PlanCounter(library.default_routine, ScheduleSettings(), LONDON)
    friday, monday = date(2026, 10, 23), date(2026, 10, 26)
    assert plan.planned(friday) == 18  # BST
    assert plan.planned(monday) == 18  # GMT
    everyday = PlanCounter(library.default_routine,
                           ScheduleSettings(working_weekdays=frozenset(range(7))), LONDON)
    assert everyday.planned(date(2026, 10, 25)) == 18  # the 25-hour Sunday, 09:00-17:30
    h = history(library, [session(at(friday, "10:00", LONDON)),
                          session(at(monday, "10:00", LONDON))])
    a = h.adherence(friday, monday, plan)
    assert (a.current_streak, a.best_streak) == (2, 2)
    assert [p.planned for p in a.days] == [18, 0, 0, 18]


# -- how you feel -------------------------------------------------------------------------


def checkin(day: date, moment: str, stiffness: int, energy: int, focus: int) -> dict:
    return {"v": 1, "date": day.isoformat(), "moment": moment, "stiffness": stiffness,
            "energy": energy, "focus": focus, "at": at(day)}


def test_feel_series_and_the_average_end_minus_start(library):
    h = history(library, checkins=[
        checkin(MON, "start", 6, 4, 5), checkin(MON, "end", 4, 6, 5),
        checkin(date(2026, 11, 24), "start", 7, 3, 4), checkin(date(2026, 11, 24), "end", 6,
                                                                3, 6),
        checkin(WED, "start", 5, 5, 5),  # no end yet: not paired
    ])
    f = h.feel(MON, WED)
    assert f.change_of("stiffness") == pytest.approx(-1.5)
    assert f.change_of("energy") == pytest.approx(1.0)
    assert f.change_of("focus") == pytest.approx(1.0)
    assert f.line("stiffness", "start").points == ((MON, 6.0), (date(2026, 11, 24), 7.0),
                                                   (WED, 5.0))
    assert len(f.line("focus", "end").points) == 2
    assert (f.count, f.ever) == (5, 5)


def test_feel_of_nothing_and_of_one_day(library):
    f = history(library).feel(MON, WED)
    assert f.count == 0 and all(v is None for _, v in f.change)
    one = history(library, checkins=[checkin(WED, "end", 3, 7, 8)]).feel(MON, WED)
    assert one.count == 1 and one.change_of("energy") is None
    assert one.line("energy", "end").points == ((WED, 7.0),)
    outside = history(library, checkins=[checkin(date(2026, 1, 5), "end", 3, 7, 8)])
    assert (outside.feel(MON, WED).count, outside.feel(MON, WED).ever) == (0, 1)


def test_series_bucket_means_leave_gaps():
    s = Series("x", ((date(2026, 11, 2), 4.0), (date(2026, 11, 3), 6.0),
                     (date(2026, 11, 20), 9.0)))
    weekly = s.bucketed(date(2026, 11, 2), date(2026, 11, 22), 3)
    assert [(b.start, v) for b, v in weekly] == [(date(2026, 11, 2), 5.0),
                                                 (date(2026, 11, 16), 9.0)]


# -- mobility -----------------------------------------------------------------------------


def test_mobility_series_looks_back_at_least_eight_weeks(library):
    h = history(library, measurements=[
        {"date": "2026-09-01", "hip_flexion_left": 90, "hip_flexion_right": 94,
         "neck_rotation_left": 60, "neck_rotation_right": 65},
        {"date": "2026-10-13", "hip_flexion_left": 92, "hip_flexion_right": 95,
         "neck_rotation_left": 62, "neck_rotation_right": 66},
        {"date": "2026-11-24", "hip_flexion_left": 95, "hip_flexion_right": 96,
         "neck_rotation_left": "bad", "neck_rotation_right": 67},
    ])
    m = h.mobility(WED - timedelta(days=6), WED)
    assert m.start == WED - timedelta(days=55)
    assert m.count == 2 and m.last == date(2026, 11, 24)
    assert m.line("hip_flexion_left").points == ((date(2026, 10, 13), 92.0),
                                                 (date(2026, 11, 24), 95.0))
    assert len(m.line("neck_rotation_left").points) == 1  # the bad value is a gap


# -- region minutes and side balance ------------------------------------------------------


def test_region_minutes_sum_done_seconds_of_every_outcome(library):
    h = history(library, [
        session(at(WED), exercises=[row("core-bracing", 28), row("shoulder-circle", 8,
                                                                 "clockwise"),
                                    row("shoulder-circle", 8, "counter-clockwise")]),
        session(at(WED, "11:00"), "abandoned", exercises=[row("ankle-pumps", 6)]),
        session(at(WED, "12:00"), exercises=[row("not-in-the-library", 60)]),
        session(at(date(2026, 11, 1)), exercises=[row("core-bracing", 600)]),  # outside
    ])
    b = h.balance(MON, WED)
    assert dict(b.regions) == {"core": pytest.approx(28 / 60),
                               "upper-body": pytest.approx(16 / 60),
                               "lower-body": pytest.approx(6 / 60),
                               "neck-shoulder": 0, "hand-wrist": 0}
    assert [value for value, _ in b.regions] == ["core", "upper-body", "lower-body",
                                                 "neck-shoulder", "hand-wrist"]
    assert b.most_least() == ("core", "neck-shoulder")
    assert b.sides == ()  # directions are not sides


def test_regions_of_an_empty_range(library):
    b = history(library).balance(MON, WED)
    assert all(minutes == 0 for _, minutes in b.regions)
    assert b.most_least() == (None, None)
    assert b.notes == ()


def test_left_and_right_seconds_and_the_lag_note(library):
    h = history(library, [
        session(at(MON), exercises=[row("wrist-pulses", 8, "left"),
                                    row("wrist-pulses", 8, "right")]),
        session(at(WED), "partial", exercises=[row("wrist-pulses", 4, "left"),
                                               row("wrist-pulses", 8, "right"),
                                               row("lateral-neck-flexion", 10, "left"),
                                               row("lateral-neck-flexion", 10, "right")]),
    ])
    b = h.balance(MON, WED)
    rows = {r.exercise_id: (r.left, r.right, r.lagging) for r in b.sides}
    assert rows == {"wrist-pulses": (12, 16, "left"),
                    "lateral-neck-flexion": (10, 10, None)}
    assert (b.left, b.right) == (22, 26)
    assert b.notes == ("Wrist Flexor/Extensor Pulses: left lags (75 % of right)",
                       "All sided exercises: left lags (84 % of right)")
    # Monday alone is balanced.
    assert h.balance(MON, MON).notes == ()


@pytest.mark.parametrize(("left", "right", "lags"), [
    (0, 0, None), (10, 10, None), (9, 10, None), (8.99, 10, "left"), (10, 8.99, "right"),
    (0, 5, "left"), (5, 0, "right"), (7.2, 8, None),
])
def test_one_side_lags_below_90_percent_of_the_other(left, right, lags):
    assert lagging_side(left, right) == lags
    assert (lag_note("X", left, right) is None) is (lags is None)


# -- buckets ------------------------------------------------------------------------------


@pytest.mark.parametrize(("start", "end", "slots", "unit", "count"), [
    (date(2026, 11, 19), WED, 10, "day", 7),
    (date(2026, 11, 19), WED, 7, "day", 7),
    (date(2026, 11, 19), WED, 6, "week", 2),
    (date(2026, 8, 28), WED, 20, "week", 14),
    (date(2021, 11, 26), WED, 70, "month", 61),
    (date(2021, 11, 26), WED, 30, "quarter", 21),
    (date(2021, 11, 26), WED, 20, "year", 6),
    (WED, WED, 1, "day", 1),
])
def test_buckets_pick_the_finest_unit_that_fits(start, end, slots, unit, count):
    found = buckets(start, end, slots)
    assert {b.unit for b in found} == {unit}
    assert len(found) == count
    assert found[0].start == start and found[-1].end == end
    assert all(a.end + timedelta(days=1) == b.start for a, b in zip(found, found[1:],
                                                                     strict=False))


def test_buckets_of_an_empty_span():
    assert buckets(WED, MON, 5) == []


# -- the view and the summary -------------------------------------------------------------


def test_summary_line(library):
    h = history(library, [session(at(WED), active=90, exercises=[row("cervical-nod", 60)]),
                          session(at(date(2026, 11, 10)), active=30)])
    view = h.view(WED, DAYS7, suggestions=2)
    assert view.summary == ("Moved 2 min in all · 1 set this week · most: Neck and shoulders"
                            " · least: Core · 2 progressions suggested")
    assert view.week_sets == 1
    assert "1 progression suggested" in h.view(WED, DAYS7, suggestions=1).summary
    assert view.compact_summary.startswith("2 min moved · 1 set this week")


def test_summary_of_nothing(library):
    assert history(library).view(WED, DAYS7).summary == (
        "Moved 0 min in all · 0 sets this week · no region trained this week · "
        "no progressions pending")


def test_summary_line_directly():
    week = Balance(MON, WED, (("core", 5.0), ("hand-wrist", 1.0)), ())
    assert summary_line(61 * 60, 12, week) == (
        "Moved 1 h 1 min in all · 12 sets this week · most: Core · least: Hand and wrist · "
        "no progressions pending")


def test_the_view_of_each_range(library, plan):
    sessions = [session(at(date(2026, 9, 1))), session(at(WED))]
    h = history(library, sessions)
    spans = {r.label: h.span(WED, r.days) for r in RANGES}
    assert spans == {"7 days": (date(2026, 11, 19), WED), "30 days": (date(2026, 10, 27), WED),
                     "90 days": (date(2026, 8, 28), WED), "all": (date(2026, 9, 1), WED)}
    view = h.view(WED, ALL, plan=plan)
    assert view.adherence.start == date(2026, 9, 1) and view.adherence.done == 2
    assert history(library).span(WED, None) == (WED, WED)
    assert h.view(WED, Range(1, "1 day")).adherence.days[0].day == WED


def test_an_incomplete_history_marks_a_streak_that_reaches_its_oldest_day(library, plan):
    everyday = [session(at(date(2026, 11, n))) for n in (19, 20, 23, 24, 25)]
    partial = History(fold_sessions(everyday, {}), (), (), library.exercises, complete=False)
    assert partial.adherence(MON, WED, plan).streak_open is True
    gap = [session(at(date(2026, 11, n))) for n in (18, 20, 23, 24, 25)]
    partial = History(fold_sessions(gap, {}), (), (), library.exercises, complete=False)
    assert partial.adherence(MON, WED, plan).streak_open is False
    complete = History(fold_sessions(everyday, {}), (), (), library.exercises)
    assert complete.adherence(MON, WED, plan).streak_open is False


def test_one_pass_over_a_big_log_is_quick(library, plan):
    """26,000 records (five years of 20 sets a working day) fold in one pass: read once,
    one after another, and every view comes from the per-day totals, not from the records
    again (how fast that is, bench/bench_history.py measures)."""
    start = date(2021, 11, 26)
    sessions = []
    for n in range(1300):
        day = start + timedelta(days=n * 7 // 5)
        for k in range(20):
            sessions.append(session(at(day, f"{9 + k // 3:02d}:{k % 3 * 20:02d}"),
                                    exercises=[row("ankle-pumps", 10),
                                               row("wrist-pulses", 8, "left"),
                                               row("wrist-pulses", 8, "right")]))
    pulled = 0

    def once() -> Iterator[dict]:  # a stream: a second pass would find nothing
        nonlocal pulled
        for record in sessions:
            pulled += 1
            yield record

    h = History.build(once(), exercises=library.exercises)
    assert pulled == 26_000
    views = [h.view(WED, r, plan=plan) for r in RANGES]
    assert pulled == 26_000  # the views read no record
    assert sum(t.sets_done for t in h.totals.values()) == 26_000
    assert views[-1].adherence.done == 26_000


def test_under_a_minute_moved_reads_in_seconds(library):
    # One set of 44 s: not "0 min" (nor "1 min") moved.
    h = history(library, [session(at(WED), active=44)])
    view = h.view(WED, DAYS7)
    assert view.summary.startswith("Moved 44 s in all · 1 set this week")
    assert view.compact_summary.startswith("44 s moved · 1 set this week")


# -- how sets count (set_counts) ----------------------------------------------------------


def test_a_late_start_in_the_log_moves_the_days_plan(plan):
    # The user sat down at 10:15: nothing before it was planned (as Today showed that day).
    late = [eid(WED, "start-of-day", "10:15")]
    # 09:00, 09:30 and 10:00 give way to one start-of-day set at 10:15.
    assert plan.planned(WED, late) == plan.planned(WED) - 2


def test_first_seen_moves_todays_plan(library):
    seen = datetime.combine(WED, time(9, 40), tzinfo=UTC)
    counter = PlanCounter(library.default_routine, ScheduleSettings(), UTC, first_seen=seen)
    at_1005 = datetime.combine(WED, time(10, 5), tzinfo=UTC)
    assert counter.planned(WED, now=at_1005) == 2  # 09:40 and 10:00, not 09:00 09:30 too


def test_what_counts_as_done_and_planned_today(library, plan):
    h = history(library, [
        session(at(WED, "09:01"), event_id=eid(WED, "start-of-day", "09:00")),
        session(at(WED, "09:31"), "partial", event_id=eid(WED, "interval", "09:30")),
        session(at(WED, "10:01"), "stopped-for-pain", event_id=eid(WED, "interval", "10:00")),
        session(at(WED, "10:31"), "skipped", event_id=eid(WED, "interval", "10:30")),
        session(at(WED, "10:32"), event_id=eid(WED, "interval", "12:00")),  # early
        session(at(WED, "10:33"), "abandoned", event_id=eid(WED, "interval", "12:30")),
        session(at(WED, "10:34"), event_id=eid(WED, "interval", "09:30")),  # again: once
    ])
    now = datetime.combine(WED, time(10, 40), tzinfo=UTC)
    a = h.adherence(WED, WED, plan, now)
    # Done: 09:00, 09:30 (partial, then completed: one set), 12:00 early = 3.
    # Planned: 09:00 09:30 10:30 (10:00 stopped for pain is out) + 12:00 settled early = 4.
    assert (a.days[0].done, a.days[0].planned) == (3, 4)


def test_a_day_stopped_for_pain_neither_counts_nor_breaks_the_streak(library, plan):
    tue = WED - timedelta(days=1)
    h = history(library, [
        session(at(MON), event_id=eid(MON, "interval", "10:00")),
        session(at(tue), "stopped-for-pain", event_id=eid(tue, "interval", "10:00")),
        session(at(WED), event_id=eid(WED, "interval", "10:00")),
    ])
    a = h.adherence(MON, WED, plan)
    assert (a.current_streak, a.best_streak) == (2, 2)
    assert [p.planned for p in a.days] == [18, 17, 18]
    # A skipped day breaks it.
    h = history(library, [
        session(at(MON), event_id=eid(MON, "interval", "10:00")),
        session(at(tue), "skipped", event_id=eid(tue, "interval", "10:00")),
        session(at(WED), event_id=eid(WED, "interval", "10:00")),
    ])
    assert h.adherence(MON, WED, plan).current_streak == 1

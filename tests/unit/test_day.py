"""The day tracker: a whole day walked with a FakeClock, midnight, clock jumps, the user's
answers (snooze, skip, meetings), the summary and the terminal title."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from microtui.core.day import DayTracker
from microtui.core.day_records import log_from_records, moved_seconds
from microtui.core.day_totals import DayTotals, fold_sessions
from microtui.core.day_view import title_text
from microtui.core.event_states import EventState
from microtui.core.fake_clock import FakeClock
from microtui.core.loader import Library, builtin_path, load_library
from microtui.core.meeting import Meeting
from microtui.core.routine import TriggerKind
from microtui.core.schedule import ScheduleSettings
from microtui.core.streaks import current_streak

BERLIN = ZoneInfo("Europe/Berlin")
WED = date(2026, 11, 25)
K = TriggerKind
S = EventState


@pytest.fixture(scope="module")
def library() -> Library:
    return load_library([builtin_path()])


def at(hhmm: str, day: date = WED, second: int = 0) -> datetime:
    hour, minute = map(int, hhmm.split(":"))
    return datetime.combine(day, time(hour, minute, second), tzinfo=BERLIN)


def eid(hhmm: str, kind: TriggerKind = K.INTERVAL, day: date = WED) -> str:
    return f"{day.isoformat()}:{kind.value}:{hhmm}"


def tracker(library: Library, **kwargs) -> DayTracker:
    kwargs.setdefault("exercises", library.exercises)
    return DayTracker(library.default_routine, ScheduleSettings(), **kwargs)


def completed(event_id: str, started: datetime, seconds: float = 22.0) -> dict:
    return {"v": 1, "event_id": event_id, "trigger": event_id.split(":")[1],
            "started": started.isoformat(), "ended": started.isoformat(),
            "outcome": "completed", "active_seconds": seconds, "exercises": [], "note": None}


def done(count: int) -> DayTotals:
    """A past day with ``count`` sets done."""
    return DayTotals(sets_logged=count, adhoc_done=count)


def state_of(view, event_id: str) -> EventState:
    found = view.view_of(event_id)
    assert found is not None, f"no {event_id} in {[v.id for v in view.events]}"
    return found.state


# -- a whole day --------------------------------------------------------------------------


def test_walking_a_whole_day_every_set_comes_due_once_and_is_done(library):
    clock = FakeClock(at("08:00"))
    day = tracker(library)
    day.set_calendar_meetings([Meeting(at("11:00"), at("11:30"), "Design review")])
    came_due: list[tuple[str, str]] = []
    titles: set[str] = set()
    last_due = None
    moved = 0.0
    while clock.now() <= at("18:00"):
        view = day.sample(clock.now(), clock.monotonic())
        assert view.jump is None and not view.rolled_over
        assert sum(v.state is S.DUE for v in view.events) <= 1
        titles.add(title_text(view))
        due = view.due
        if due is not None and (last_due is None or due.id != last_due):
            came_due.append((f"{clock.now():%H:%M:%S}", due.id))
            last_due = due.id
            # The user does the set a minute after it comes due.
            clock.advance(60)
            moved += 22.0
            day.add_record(completed(due.id, clock.now()))
            view = day.sample(clock.now(), clock.monotonic())
            assert state_of(view, due.id) is S.DONE
            assert view.due is None
        # Seconds precision only around a due set or the last minute before one.
        if view.next is not None and not view.next.is_due and view.next.seconds >= 60:
            assert not view.needs_seconds
        else:
            assert view.needs_seconds or view.next is None
        clock.advance(30)

    expected = [
        "09:00", "09:30", "10:00", "10:30", "10:58", "11:30", "12:00", "12:30", "13:00",
        "13:30", "14:00", "14:30", "15:00", "15:30", "16:00", "16:30", "17:00", "17:30",
    ]
    assert [when[:5] for when, _ in came_due] == expected
    assert all(when.endswith(":00") for when, _ in came_due)  # due the moment it is planned
    assert came_due[4][1] == eid("10:58", K.PRE_MEETING)
    view = day.sample(clock.now(), clock.monotonic())
    assert all(v.state is S.DONE for v in view.events)
    assert view.summary.done == view.summary.planned_so_far == view.summary.planned_total == 18
    assert view.summary.moved_seconds == pytest.approx(moved)
    assert view.summary.streak == 1
    assert view.next is None
    assert "microtui · next in 30 min" in titles
    assert "microtui · Ankle Pumps + Cervical Nod due" in titles
    assert "microtui · Transverse Abdominal Bracing + Shoulder Circle due" in titles
    assert title_text(view) == "microtui · no more sets today"


def test_sets_not_answered_are_missed_after_the_grace_window(library):
    clock = FakeClock(at("09:29", second=50))
    day = tracker(library)
    view = day.sample(clock.now(), clock.monotonic())
    assert state_of(view, eid("09:00", K.START_OF_DAY)) is S.MISSED
    assert state_of(view, eid("09:30")) is S.UPCOMING
    assert view.next.view.id == eid("09:30") and view.next.seconds == 10
    assert view.needs_seconds
    assert view.summary.planned_so_far == 1 and view.summary.done == 0
    assert title_text(view) == "microtui · next in 1 min"
    clock.advance(10)
    view = day.sample(clock.now(), clock.monotonic())
    assert view.due is not None and view.due.id == eid("09:30")
    assert title_text(view) == "microtui · Ankle Pumps + Cervical Nod due"
    clock.advance(10 * 60)
    view = day.sample(clock.now(), clock.monotonic())
    assert state_of(view, eid("09:30")) is S.MISSED
    assert view.next.view.id == eid("10:00") and view.next.seconds == 20 * 60
    assert not view.needs_seconds
    assert title_text(view) == "microtui · next in 20 min"
    assert view.summary.planned_so_far == 2


def test_first_seen_moves_the_start_of_the_day(library):
    day = tracker(library, first_seen=at("10:17", second=40))
    view = day.sample(at("10:17", second=40), 0)
    assert [e.id for e in view.timeline][:2] == [eid("10:17", K.START_OF_DAY), eid("10:30")]
    assert view.due is not None and view.due.id == eid("10:17", K.START_OF_DAY)
    # first_seen only applies to its own day
    later = tracker(library, first_seen=at("10:17", day=WED - timedelta(days=1)))
    assert later.sample(at("10:17"), 0).timeline.events[0].id == eid("09:00", K.START_OF_DAY)


# -- midnight -----------------------------------------------------------------------------


def test_midnight_starts_a_new_day_and_forgets_the_old_one(library):
    clock = FakeClock(at("17:30"))
    day = tracker(library)
    day.set_history({WED - timedelta(days=1): done(2)})  # Tuesday
    view = day.sample(clock.now(), clock.monotonic())
    end_id = eid("17:30", K.END_OF_DAY)
    assert view.due.id == end_id
    day.add_record(completed(end_id, clock.now()))
    day.snooze(eid("17:00"), clock.now())
    day.add_meeting(time(18, 0), "After hours")
    assert day.sample(clock.now(), clock.monotonic()).summary.streak == 2

    clock.advance(6 * 3600 + 29 * 60 + 50)  # 23:59:50
    view = day.sample(clock.now(), clock.monotonic())
    assert view.day == WED and not view.rolled_over
    clock.advance(20)  # 00:00:10 on Thursday
    view = day.sample(clock.now(), clock.monotonic())
    thu = WED + timedelta(days=1)
    assert view.rolled_over and view.day == thu and view.jump is None
    assert view.timeline.events[0].id == eid("09:00", K.START_OF_DAY, day=thu)
    assert all(v.state is S.UPCOMING for v in view.events)
    assert day.snoozes == {} and day.skips == set() and day.typed_meetings == []
    assert view.summary.done == 0 and view.summary.moved_seconds == 0
    # Wednesday was folded into the history: the streak carries on until Thursday ends
    assert day.history[WED].sets_done == 1
    assert view.summary.streak == 2
    assert title_text(view) == "microtui · next in 9 h"
    # the next sample is an ordinary one
    clock.advance(1)
    assert not day.sample(clock.now(), clock.monotonic()).rolled_over


def test_a_day_off_has_no_sets(library):
    saturday = date(2026, 11, 28)
    day = tracker(library)
    view = day.sample(at("10:00", day=saturday), 0)
    assert view.timeline.events == () and view.next is None
    assert view.reason == "Saturday is not a working day"
    assert title_text(view) == "microtui · no sets today"
    assert not view.needs_seconds


# -- clock jumps --------------------------------------------------------------------------


def test_a_clock_set_back_does_not_bring_a_set_due_twice(library):
    clock = FakeClock(at("09:30"))
    day = tracker(library)
    view = day.sample(clock.now(), clock.monotonic())
    assert view.due.id == eid("09:30")
    clock.advance(15 * 60)  # 09:45: the 09:30 set was missed
    assert state_of(day.sample(clock.now(), clock.monotonic()), eid("09:30")) is S.MISSED
    clock.jump(-20 * 60)  # the clock is set back to 09:25
    view = day.sample(clock.now(), clock.monotonic())
    assert view.jump is not None and view.jump.backwards
    assert view.now == at("09:45")  # the schedule's time does not run backwards
    assert state_of(view, eid("09:30")) is S.MISSED
    for _ in range(10):  # the wall clock passes 09:30 again: nothing comes due
        clock.advance(60)
        view = day.sample(clock.now(), clock.monotonic())
        assert view.due is None and view.jump is None
    assert view.next.view.id == eid("10:00") and view.next.seconds == 15 * 60
    # snoozing after the clock went back counts from the schedule's time
    clock.advance(25 * 60)  # wall 10:00, schedule 10:00 (wall has caught up)
    view = day.sample(clock.now(), clock.monotonic())
    assert view.due.id == eid("10:00")
    assert day.snooze(eid("10:00"), clock.now()) == at("10:05")


def test_waking_from_sleep_shows_only_the_latest_set(library):
    clock = FakeClock(at("09:25"))
    day = tracker(library)
    day.sample(clock.now(), clock.monotonic())
    clock.jump(3 * 3600 + 7 * 60)  # asleep until 12:32
    view = day.sample(clock.now(), clock.monotonic())
    assert view.jump is not None and not view.jump.backwards
    assert view.due.id == eid("12:30")
    assert [v.id for v in view.events if v.state is S.MISSED] == [
        eid("09:00", K.START_OF_DAY), eid("09:30"), eid("10:00"), eid("10:30"), eid("11:00"),
        eid("11:30"), eid("12:00")]


# -- the user's answers -------------------------------------------------------------------


def test_snooze_brings_the_set_back_five_minutes_later(library):
    clock = FakeClock(at("09:30", second=20))
    day = tracker(library)
    view = day.sample(clock.now(), clock.monotonic())
    until = day.snooze(view.due.id, clock.now())
    assert until == at("09:35", second=20)
    view = day.view(clock.now())
    assert state_of(view, eid("09:30")) is S.SNOOZED and view.due is None
    assert view.next.view.id == eid("09:30") and view.next.seconds == 300
    assert title_text(view) == "microtui · next in 5 min"
    clock.advance(299)
    assert day.sample(clock.now(), clock.monotonic()).due is None
    clock.advance(1)
    view = day.sample(clock.now(), clock.monotonic())
    assert view.due.id == eid("09:30")
    assert view.due.grace_ends == at("09:45", second=20)


def test_skip_returns_the_record_to_log_and_settles_the_event(library):
    clock = FakeClock(at("09:31"))
    day = tracker(library)
    view = day.sample(clock.now(), clock.monotonic())
    day.snooze(view.due.id, clock.now())
    record = day.skip(eid("09:30"), clock.now())
    assert record == {
        "v": 1, "event_id": eid("09:30"), "trigger": "interval",
        "started": "2026-11-25T09:31:00+01:00", "ended": "2026-11-25T09:31:00+01:00",
        "outcome": "skipped", "active_seconds": 0, "exercises": [], "note": "",
    }
    assert day.snoozes == {}
    view = day.view(clock.now())
    assert state_of(view, eid("09:30")) is S.SKIPPED
    assert view.summary.planned_so_far == 2 and view.summary.done == 0
    with pytest.raises(ValueError, match="already settled"):
        day.skip(eid("09:30"), clock.now())
    with pytest.raises(ValueError, match="already settled"):
        day.snooze(eid("09:30"), clock.now())
    with pytest.raises(KeyError):
        day.skip("2026-11-25:interval:09:31", clock.now())
    # The logged record (once the store has it) says the same.
    day.skips.clear()
    day.set_records([record])
    assert state_of(day.view(clock.now()), eid("09:30")) is S.SKIPPED
    # An upcoming set can be skipped ahead of time, too.
    day.skip(eid("10:00"), clock.now())
    assert state_of(day.view(clock.now()), eid("10:00")) is S.SKIPPED


def test_a_typed_in_meeting_adds_its_pre_meeting_set(library):
    day = tracker(library)
    day.sample(at("09:40"), 0)
    meeting, event = day.add_meeting(time(14, 15), "  Sprint   planning ")
    assert meeting.title == "Sprint planning" and meeting.start == at("14:15")
    assert event is not None and event.id == eid("14:13", K.PRE_MEETING)
    assert event.meeting_title == "Sprint planning"
    assert day.view(at("09:40")).view_of(event.id).state is S.UPCOMING
    # No set for a meeting after hours, or for one that began before the day did.
    assert day.add_meeting(time(18, 0), "Dinner")[1] is None
    assert day.add_meeting(time(8, 0), "")[1] is None
    assert [m.title for m in day.typed_meetings] == ["Sprint planning", "Dinner", "Meeting"]


def test_calendar_meetings_for_another_day_are_ignored(library):
    day = tracker(library)
    day.sample(at("09:40"), 0)
    thu = WED + timedelta(days=1)
    stale = [Meeting(at("11:00", day=thu), at("11:30", day=thu), "Tomorrow")]
    assert day.set_calendar_meetings(stale, day=thu) is False
    assert all(e.kind is not K.PRE_MEETING for e in day.timeline)
    assert day.set_calendar_meetings([Meeting(at("15:00"), at("15:30"), "Call")], day=WED)
    assert day.timeline.by_id(eid("14:58", K.PRE_MEETING)) is not None


# -- the log, the summary and the streak --------------------------------------------------


def test_outcomes_map_onto_event_states_and_the_best_wins():
    records = [
        {"event_id": "a", "outcome": "skipped"},
        {"event_id": "a", "outcome": "completed"},
        {"event_id": "b", "outcome": "stopped-for-pain"},
        {"event_id": "c", "outcome": "abandoned"},
        {"event_id": "d", "outcome": "missed"},
        {"event_id": "d", "outcome": "partial"},
        {"event_id": None, "outcome": "completed"},
        {"outcome": "completed"},
        {"event_id": "e", "outcome": 3},
    ]
    assert log_from_records(records) == {"a": "done", "b": "partial", "d": "partial"}


def test_a_record_for_a_merged_interval_counts_for_its_event(library):
    day = tracker(library)
    day.set_calendar_meetings([Meeting(at("11:00"), at("11:30"), "Design review")])
    day.sample(at("11:20"), 0)
    day.set_records([completed(eid("11:00"), at("10:59"))])
    assert state_of(day.view(at("11:20")), eid("10:58", K.PRE_MEETING)) is S.DONE


def test_minutes_moved_and_sets_done_per_day_come_from_the_records():
    records = [
        completed(eid("09:00", K.START_OF_DAY), at("09:01"), 22.5),
        completed(eid("17:30", K.END_OF_DAY, WED - timedelta(days=1)),
                  at("23:30", day=WED - timedelta(days=1)), 30),
        {"started": "2026-11-25T08:59:00+00:00", "outcome": "completed",
         "active_seconds": 10},  # 09:59 in Berlin
        {"started": "2026-11-25T10:00:00", "outcome": "partial", "active_seconds": 5},
        {"started": "garbage", "outcome": "completed", "active_seconds": "lots"},
        {"started": "2026-11-25T11:00:00", "outcome": "skipped", "active_seconds": True},
    ]
    assert moved_seconds(records) == pytest.approx(67.5)
    # Sets done per day: completed and partial (set_counts' rule; this asserted
    # {WED: 2, ...} when a partial set did not count on Today).
    days = fold_sessions(records, {})
    assert {d: t.sets_done for d, t in days.items() if t.sets_done} == {
        WED.isoformat(): 3, (WED - timedelta(days=1)).isoformat(): 1}


@pytest.mark.parametrize(
    ("done", "today", "expected"),
    [
        ({}, WED, 0),
        ({WED: 1}, WED, 1),
        # today not done yet: the streak that ended yesterday still stands
        ({date(2026, 11, 24): 3, date(2026, 11, 23): 1}, WED, 2),
        ({WED: 2, date(2026, 11, 24): 3, date(2026, 11, 23): 1}, WED, 3),
        # a working day with nothing done breaks it
        ({WED: 2, date(2026, 11, 23): 1}, WED, 1),
        # the weekend neither breaks nor counts: Mon 30 Nov back over Sat/Sun to Thu 26
        ({date(2026, 11, 30): 1, date(2026, 11, 27): 1, date(2026, 11, 26): 1},
         date(2026, 11, 30), 3),
        ({date(2026, 11, 30): 1, date(2026, 11, 29): 4, date(2026, 11, 27): 1},
         date(2026, 11, 30), 2),
        # a zero count is the same as a missing day
        ({WED: 0, date(2026, 11, 24): 1}, WED, 1),
    ],
)
def test_streak_counts_consecutive_working_days_with_a_set_done(done, today, expected):
    assert current_streak(done, today, frozenset(range(5))) == expected


def test_streak_follows_the_working_days_setting():
    done = {date(2026, 11, 28): 1, date(2026, 11, 25): 1}  # Saturday, the Wednesday before
    assert current_streak(done, date(2026, 11, 28), {2, 5}) == 2  # works Wed and Sat
    assert current_streak(done, date(2026, 11, 28), {0, 1, 2, 3, 4, 5}) == 1


def test_done_counts_cover_the_last_seven_days_ending_today(library):
    day = tracker(library)
    day.set_history({WED - timedelta(days=1): done(4), WED - timedelta(days=6): done(1),
                     WED - timedelta(days=7): done(9)})
    day.sample(at("12:00"), 0)
    day.set_records([completed(eid("09:30"), at("09:31"))])
    counts = day.done_counts()
    assert [d for d, _ in counts] == [WED - timedelta(days=n) for n in range(6, -1, -1)]
    assert [n for _, n in counts] == [1, 0, 0, 0, 0, 4, 1]


# -- small helpers ------------------------------------------------------------------------


def test_title_text_before_the_first_sample():
    assert title_text(None) == "microtui"


def test_a_read_of_the_log_keeps_a_record_whose_write_has_not_landed(library):
    """The log only grows: re-reading it (back from the player) never drops a set the screen
    was told of, whether its write is still under way or failed and is kept for later."""
    day = tracker(library)
    day.sample(at("09:40"), 0.0)
    logged = completed(eid("09:30"), at("09:31"))
    day.add_record(logged)
    day.set_records([])  # the read ran before the write landed
    assert [r["event_id"] for r in day.records] == [eid("09:30")]
    day.set_records([logged])  # and once it has, it is there once
    assert [r["event_id"] for r in day.records] == [eid("09:30")]

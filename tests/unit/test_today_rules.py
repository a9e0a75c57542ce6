"""The pure rules behind Today's items: typed meetings, what a logged set played, when the
check-ins are offered, the day's next set, and undoing a skip or snooze."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest

from microtui.core.checkin import end_checkin_time, start_checkin_time
from microtui.core.day import DayTracker
from microtui.core.event_states import EventState
from microtui.core.loader import Library, builtin_path, load_library
from microtui.core.played_sets import played_sets
from microtui.core.schedule import ScheduleSettings
from microtui.core.typed_meetings import TypedMeeting, new_meeting, typed_meetings_of

WED = date(2026, 11, 25)


@pytest.fixture(scope="module")
def library() -> Library:
    return load_library([builtin_path()])


def at(hh: int, mm: int, day: int = 25) -> datetime:
    return datetime(2026, 11, day, hh, mm, tzinfo=UTC)


def test_typed_meetings_round_trip_and_the_last_record_of_an_id_wins():
    meeting = new_meeting(WED, time(10, 43), "  Design   review ", set())
    assert (meeting.id, meeting.title) == ("2026-11-25T10:43", "Design review")
    assert new_meeting(WED, time(10, 43), "", {meeting.id}).id == "2026-11-25T10:43-2"
    record = meeting.to_record()
    assert TypedMeeting.from_record(record) == meeting
    moved = {**record, "at": "11:00"}
    assert typed_meetings_of([record, moved], WED)[0].at == time(11, 0)
    assert typed_meetings_of([record, {**moved, "removed": True}], WED) == []
    assert typed_meetings_of([{**record, "at": "25:00"}, {"id": 3}], WED) == []
    assert typed_meetings_of([record], date(2026, 11, 26)) == []


def test_a_logged_set_plays_what_its_record_holds(library):
    records = [
        {"event_id": "e", "outcome": "skipped", "started": "2026-11-25T09:00:00+00:00",
         "ended": "2026-11-25T09:00:00+00:00", "exercises": []},
        {"event_id": "e", "outcome": "partial", "started": "2026-11-25T09:05:00+00:00",
         "ended": "2026-11-25T09:05:30+00:00",
         "exercises": [{"id": "ankle-pumps", "planned_seconds": 10},
                       {"id": "shoulder-circle", "side": "left", "planned_seconds": 8},
                       {"id": "shoulder-circle", "side": "right", "planned_seconds": 8},
                       {"id": "gone", "name": "Old Move", "planned_seconds": float("nan")}]},
        {"event_id": "e", "outcome": "abandoned", "started": "2026-11-25T09:09:00+00:00"},
    ]
    played = played_sets(records, library.exercises, UTC)["e"]
    assert played.label == "Ankle Pumps + Shoulder Circle + Old Move"
    assert played.seconds == 26.0 and played.at == at(9, 5).replace(second=30)


def test_checkins_are_offered_at_the_days_start_and_end_only():
    schedule = ScheduleSettings()  # 09:00-17:30, Monday to Friday
    assert not end_checkin_time(schedule, at(9, 6), end_of_day_set_played=False)
    assert end_checkin_time(schedule, at(9, 6), end_of_day_set_played=True)
    assert not end_checkin_time(schedule, at(16, 29), end_of_day_set_played=False)
    assert end_checkin_time(schedule, at(16, 30), end_of_day_set_played=False)
    assert end_checkin_time(schedule, at(19, 0), end_of_day_set_played=False)
    assert not end_checkin_time(schedule, at(17, 0, day=28), end_of_day_set_played=False)
    assert start_checkin_time(schedule, at(8, 0)) and start_checkin_time(schedule, at(17, 29))
    assert not start_checkin_time(schedule, at(19, 0))
    assert not start_checkin_time(schedule, at(10, 0, day=28))  # a Saturday


def test_the_next_set_after_today_and_undoing_a_skip_or_snooze(library):
    tracker = DayTracker(library.default_routine, ScheduleSettings(),
                         exercises=library.exercises)
    tracker.sample(at(9, 30), 0)
    assert tracker.next_day_set() == at(9, 0, day=26)
    friday = DayTracker(library.default_routine, ScheduleSettings(),
                        exercises=library.exercises)
    friday.sample(at(18, 0, day=27), 0)
    assert friday.next_day_set() == at(9, 0, day=30)  # Monday

    event = "2026-11-25:interval:09:30"
    assert not tracker.can_undo and tracker.undo() is None
    tracker.snooze(event, at(9, 30))
    record = tracker.skip(event, at(9, 31))
    tracker.set_records([record])  # the log read back
    assert tracker.view(at(9, 31)).view_of(event).state is EventState.SKIPPED
    undone = tracker.undo()
    assert undone is not None and undone.record == record
    assert tracker.view(at(9, 31)).view_of(event).state is EventState.SNOOZED
    tracker.set_records([record])  # a read that still holds the skip does not bring it back
    assert tracker.view(at(9, 31)).view_of(event).state is EventState.SNOOZED
    assert tracker.undo() is not None and not tracker.can_undo
    assert tracker.view(at(9, 31)).view_of(event).state is EventState.DUE

"""The day's schedule: timeline building, event states, clock jumps, DST, midnight."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from microtui.core.clock_jumps import JumpDetector
from microtui.core.event_states import EventState, evaluate, snooze_until
from microtui.core.fake_clock import FakeClock
from microtui.core.loader import builtin_path, load_library
from microtui.core.meeting import Meeting
from microtui.core.routine import Routine, TriggerKind
from microtui.core.schedule import ScheduleSettings, SettingsError
from microtui.core.timeline import TriggerTimeline, build_timeline, day_changed

BERLIN = ZoneInfo("Europe/Berlin")
LONDON = ZoneInfo("Europe/London")
DAY = date(2026, 11, 25)  # a Wednesday
ALL_DAYS = frozenset(range(7))
K = TriggerKind

DEFAULT_DAY = [
    ("09:00", K.START_OF_DAY),
    ("09:30", K.INTERVAL),
    ("10:00", K.INTERVAL),
    ("10:30", K.INTERVAL),
    ("10:58", K.PRE_MEETING),  # the 11:00 interval merges into it
    ("11:30", K.INTERVAL),
    ("12:00", K.INTERVAL),
    ("12:30", K.INTERVAL),
    ("13:00", K.INTERVAL),
    ("13:30", K.FIXED_TIME),  # the 13:30 interval merges into it
    ("14:00", K.INTERVAL),
    ("14:30", K.INTERVAL),
    ("15:00", K.INTERVAL),
    ("15:30", K.INTERVAL),
    ("16:00", K.INTERVAL),
    ("16:30", K.INTERVAL),
    ("17:00", K.INTERVAL),
    ("17:30", K.END_OF_DAY),
]


@pytest.fixture(scope="module")
def routine() -> Routine:
    return load_library([builtin_path()]).default_routine


def at(hhmm: str, day: date = DAY, tz: ZoneInfo = BERLIN, second: int = 0) -> datetime:
    hour, minute = map(int, hhmm.split(":"))
    return datetime.combine(day, time(hour, minute, second), tzinfo=tz)


def meeting(hhmm: str, minutes: int = 30, title: str = "Call", day: date = DAY) -> Meeting:
    start = at(hhmm, day)
    return Meeting(start=start, end=start + timedelta(minutes=minutes), title=title)


def wall(timeline: TriggerTimeline) -> list[tuple[str, TriggerKind]]:
    return [(f"{e.planned:%H:%M}", e.kind) for e in timeline]


def states(timeline: TriggerTimeline, now: datetime, **kwargs) -> dict[str, EventState]:
    return {v.id: v.state for v in evaluate(timeline, now, **kwargs)}


def due_of(timeline: TriggerTimeline, now: datetime, *args, **kwargs):
    """The event due at ``now`` (evaluate allows one at most), or None."""
    due = [v for v in evaluate(timeline, now, *args, **kwargs) if v.state is EventState.DUE]
    assert len(due) <= 1
    return due[0] if due else None


def eid(hhmm: str, kind: TriggerKind, day: date = DAY) -> str:
    return f"{day.isoformat()}:{kind.value}:{hhmm}"


def wednesday(routine: Routine, **kwargs) -> TriggerTimeline:
    kwargs.setdefault("meetings", [meeting("11:00", title="Design review")])
    return build_timeline(routine, ScheduleSettings(), DAY, BERLIN, **kwargs)


# -- the timeline -------------------------------------------------------------------------


def test_default_routine_workday_has_the_exact_events(routine):
    timeline = wednesday(routine)
    assert timeline.reason is None
    assert wall(timeline) == DEFAULT_DAY
    assert [e.id for e in timeline][:2] == ["2026-11-25:start-of-day:09:00",
                                           "2026-11-25:interval:09:30"]
    pre = timeline.by_id(eid("10:58", K.PRE_MEETING))
    assert pre is not None and pre.meeting_title == "Design review"
    assert pre.merged_ids == (eid("11:00", K.INTERVAL),)
    assert pre.trigger.kind is K.PRE_MEETING and pre.name == pre.trigger.name
    assert timeline.by_id(eid("13:30", K.FIXED_TIME)).merged_ids == (eid("13:30", K.INTERVAL),)
    assert all(e.planned.tzinfo is BERLIN for e in timeline)
    # planned times are real Berlin instants (UTC+1 in November)
    assert timeline.events[0].planned.astimezone(UTC).hour == 8


def test_walking_the_day_minute_by_minute_each_event_is_due_for_its_grace_window(routine):
    timeline = wednesday(routine)
    grace = timedelta(minutes=10)
    clock = FakeClock(at("07:00").astimezone(UTC))  # the clock may be in another zone
    due_minutes: dict[str, int] = {}
    while clock.now() <= at("19:00"):
        now = clock.now()
        views = evaluate(timeline, now)
        due = [v for v in views if v.state is EventState.DUE]
        assert len(due) <= 1, f"two sets due at {now}"
        for view in views:
            planned = view.event.planned
            if now < planned:
                expected = EventState.UPCOMING
            elif now < planned + grace:
                expected = EventState.DUE
            else:
                expected = EventState.MISSED
            assert view.state is expected, f"{view.id} at {now:%H:%M}"
            if view.state is EventState.DUE:
                due_minutes[view.id] = due_minutes.get(view.id, 0) + 1
        clock.advance(60)
    assert due_minutes == {e.id: 10 for e in timeline}
    # the edges, to the second
    assert states(timeline, at("09:29", second=59))[eid("09:30", K.INTERVAL)] == "upcoming"
    assert states(timeline, at("09:39", second=59))[eid("09:30", K.INTERVAL)] == "due"
    assert states(timeline, at("09:40"))[eid("09:30", K.INTERVAL)] == "missed"


def test_weekend_is_an_empty_timeline_with_a_reason(routine):
    saturday = date(2026, 11, 28)
    timeline = build_timeline(routine, ScheduleSettings(), saturday, BERLIN)
    assert timeline.events == () and len(timeline) == 0
    assert timeline.reason == "Saturday is not a working day"
    assert evaluate(timeline, at("10:00", saturday)) == []
    # a chosen working weekday is a workday
    sunday = build_timeline(routine, ScheduleSettings(working_weekdays={6}), date(2026, 11, 29),
                            BERLIN)
    assert sunday.reason is None and len(sunday) == 18  # no meeting: the 11:00 interval


def test_start_of_day_follows_first_seen(routine):
    late = wednesday(routine, first_seen=at("10:12", second=37))
    assert wall(late)[:3] == [("10:12", K.START_OF_DAY), ("10:30", K.INTERVAL),
                              ("10:58", K.PRE_MEETING)]
    assert late.events[0].id == eid("10:12", K.START_OF_DAY)
    # nothing before the start of day: the 09:30 and 10:00 intervals are not "missed"
    assert states(late, at("10:12")) == {
        **{e.id: EventState.UPCOMING for e in late.events[1:]},
        eid("10:12", K.START_OF_DAY): EventState.DUE,
    }
    # an interval within the merge window after the start of day merges into it
    later = wednesday(routine, first_seen=at("10:27"))
    assert wall(later)[:2] == [("10:27", K.START_OF_DAY), ("10:58", K.PRE_MEETING)]
    assert later.events[0].merged_ids == (eid("10:30", K.INTERVAL),)
    # early birds start at the workday start; first_seen in another zone is converted
    early = wednesday(routine, first_seen=at("08:15").astimezone(UTC))
    assert wall(early) == DEFAULT_DAY
    # first seen after the workday: the day is over
    evening = wednesday(routine, first_seen=at("18:05"))
    assert evening.events == () and evening.reason == "the workday ended at 17:30"
    # first seen in the afternoon: the 13:30 fixed-time set is not scheduled
    afternoon = wednesday(routine, first_seen=at("14:10"))
    assert wall(afternoon)[:2] == [("14:10", K.START_OF_DAY), ("14:30", K.INTERVAL)]


# -- meetings -----------------------------------------------------------------------------


def test_pre_meeting_before_the_start_of_day_merges_into_it(routine):
    """Rule: a pre-meeting event at or before the start of day folds into start of day."""
    timeline = wednesday(routine, meetings=[meeting("09:01", title="Early sync")])
    assert wall(timeline)[:2] == [("09:00", K.START_OF_DAY), ("09:30", K.INTERVAL)]
    assert all(e.kind is not K.PRE_MEETING for e in timeline)
    assert timeline.events[0].merged_ids == (eid("08:59", K.PRE_MEETING),)
    # at the start of day itself too: one set at 09:00, not two
    timeline = wednesday(routine, meetings=[meeting("09:02")])
    assert wall(timeline)[:2] == [("09:00", K.START_OF_DAY), ("09:30", K.INTERVAL)]
    assert timeline.events[0].merged_ids == (eid("09:00", K.PRE_MEETING),)
    # just after the start of day it is its own event; start of day is then superseded
    timeline = wednesday(routine, meetings=[meeting("09:03")])
    assert wall(timeline)[:3] == [("09:00", K.START_OF_DAY), ("09:01", K.PRE_MEETING),
                                  ("09:30", K.INTERVAL)]
    assert states(timeline, at("09:00"))[eid("09:00", K.START_OF_DAY)] == "due"
    now = states(timeline, at("09:01"))
    assert now[eid("09:00", K.START_OF_DAY)] == "missed"
    assert now[eid("09:01", K.PRE_MEETING)] == "due"
    # a meeting already under way when the user arrives gets no pre-meeting set
    timeline = wednesday(routine, meetings=[meeting("10:00")], first_seen=at("10:12"))
    assert all(e.kind is not K.PRE_MEETING for e in timeline)
    assert timeline.events[0].merged_ids == ()


@pytest.mark.parametrize(
    ("start", "pre", "interval_kept"),
    [
        ("10:31", "10:29", False),  # 1 min from the 10:30 interval: merged
        ("10:37", "10:35", False),  # exactly the 5-minute window: merged (inclusive)
        ("10:38", "10:36", True),   # 6 minutes away: both kept
        ("10:27", "10:25", False),  # 5 minutes before the interval: merged too
        ("10:26", "10:24", True),   # 6 minutes before: both kept
    ],
)
def test_interval_near_a_pre_meeting_merges_into_it(routine, start, pre, interval_kept):
    timeline = wednesday(routine, meetings=[meeting(start)])
    times = wall(timeline)
    assert (pre, K.PRE_MEETING) in times
    assert (("10:30", K.INTERVAL) in times) is interval_kept
    merged = timeline.by_id(eid(pre, K.PRE_MEETING)).merged_ids
    assert merged == (() if interval_kept else (eid("10:30", K.INTERVAL),))
    assert len({e.id for e in timeline}) == len(timeline)


def test_a_later_event_coming_due_supersedes_the_earlier(routine):
    timeline = wednesday(routine, meetings=[meeting("10:38")])
    assert states(timeline, at("10:35"))[eid("10:30", K.INTERVAL)] == "due"
    now = states(timeline, at("10:36"))
    assert now[eid("10:30", K.INTERVAL)] == "missed"
    assert now[eid("10:36", K.PRE_MEETING)] == "due"


def test_meetings_outside_working_hours_all_day_or_on_other_days_are_ignored(routine):
    all_day = Meeting(at("00:00"), at("00:00", DAY + timedelta(days=1)), "Offsite")
    long_one = Meeting(at("10:00"), at("10:00") + timedelta(days=2), "Conference")
    others = [meeting("08:00"), meeting("17:30"), meeting("17:45"),
              meeting("10:00", day=DAY + timedelta(days=1)), all_day, long_one]
    assert all_day.is_all_day and long_one.is_all_day and not meeting("10:00").is_all_day
    assert wall(wednesday(routine, meetings=others)) == wall(wednesday(routine, meetings=[]))
    # the last meeting that counts starts before the workday end
    assert (("17:27", K.PRE_MEETING) in wall(wednesday(routine, meetings=[meeting("17:29")])))


def test_meetings_in_the_same_minute_share_one_event(routine):
    timeline = wednesday(routine, meetings=[meeting("14:15", title="A"),
                                            meeting("14:15", title="B"),
                                            meeting("14:15", title="A")])
    pre = [e for e in timeline if e.kind is K.PRE_MEETING]
    assert len(pre) == 1 and pre[0].meeting_title == "A / B"


def test_meeting_needs_aware_datetimes():
    with pytest.raises(ValueError, match="timezone-aware"):
        Meeting(datetime(2026, 11, 25, 10), datetime(2026, 11, 25, 11), "Naive")


def test_settings_override_the_routine_interval_and_lead(routine):
    settings = ScheduleSettings(interval_minutes=20, pre_meeting_lead_minutes=5)
    timeline = build_timeline(routine, settings, DAY, BERLIN, [meeting("15:00")])
    times = wall(timeline)
    assert times[:4] == [("09:00", K.START_OF_DAY), ("09:20", K.INTERVAL),
                         ("09:40", K.INTERVAL), ("10:00", K.INTERVAL)]
    assert ("14:55", K.PRE_MEETING) in times and ("15:00", K.INTERVAL) not in times
    assert ("13:20", K.INTERVAL) in times and ("13:40", K.INTERVAL) in times
    assert times[-2:] == [("17:20", K.INTERVAL), ("17:30", K.END_OF_DAY)]


# -- states -------------------------------------------------------------------------------


def test_laptop_asleep_from_10_10_to_13_40_leaves_the_gap_missed(routine):
    timeline = wednesday(routine)
    clock = FakeClock(at("10:10"))
    detector = JumpDetector()
    assert detector.sample(clock.now(), clock.monotonic()) is None
    clock.jump(3.5 * 3600)  # asleep: wall time moves, monotonic does not
    jump = detector.sample(clock.now(), clock.monotonic())
    assert jump is not None and not jump.backwards and jump.drift_seconds == 3.5 * 3600
    views = evaluate(timeline, clock.now())
    gap = [v for v in views if at("10:10") <= v.event.planned <= at("13:40")]
    assert [f"{v.event.planned:%H:%M}" for v in gap] == [
        "10:30", "10:58", "11:30", "12:00", "12:30", "13:00", "13:30"]
    # 13:30's grace ended at 13:40 exactly: nothing is due, everything before is missed
    assert all(v.state is EventState.MISSED for v in views if v.event.planned <= at("13:40"))
    assert due_of(timeline, clock.now()) is None


@pytest.mark.parametrize(
    ("wake", "due"),
    [("13:35", ("13:30", K.FIXED_TIME)), ("13:09", ("13:00", K.INTERVAL)),
     ("13:10", None), ("12:31", ("12:30", K.INTERVAL))],
)
def test_after_a_gap_at_most_the_latest_event_is_due(routine, wake, due):
    timeline = wednesday(routine)
    now = at(wake)
    found = due_of(timeline, now)
    assert (found and found.id) == (due and eid(*due))
    for view in evaluate(timeline, now):
        if view.event.planned <= now and view.id != (found and found.id):
            assert view.state is EventState.MISSED


def test_large_grace_still_never_piles_up(routine):
    settings = ScheduleSettings(grace_minutes=120)
    timeline = build_timeline(routine, settings, DAY, BERLIN, [])
    now = at("11:05")
    got = states(timeline, now)
    assert [i for i, s in got.items() if s == "due"] == [eid("11:00", K.INTERVAL)]
    assert got[eid("09:00", K.START_OF_DAY)] == got[eid("10:30", K.INTERVAL)] == "missed"
    # doing the newest set does not bring an older one back
    got = states(timeline, now, log={eid("11:00", K.INTERVAL): "done"})
    assert got[eid("11:00", K.INTERVAL)] == "done"
    assert "due" not in got.values()


def test_log_and_skips_decide_the_state(routine):
    timeline = wednesday(routine)
    log = {
        eid("09:00", K.START_OF_DAY): "done",
        eid("09:30", K.INTERVAL): EventState.PARTIAL,
        eid("10:00", K.INTERVAL): "skipped",
        eid("12:00", K.INTERVAL): "done",  # done early, before its time
    }
    skips = {eid("10:30", K.INTERVAL)}
    for now in (at("10:35"), at("17:45")):
        got = states(timeline, now, log=log, skips=skips)
        assert got[eid("09:00", K.START_OF_DAY)] == "done"
        assert got[eid("09:30", K.INTERVAL)] == "partial"
        assert got[eid("10:00", K.INTERVAL)] == "skipped"
        assert got[eid("10:30", K.INTERVAL)] == "skipped"
        assert got[eid("12:00", K.INTERVAL)] == "done"
    assert due_of(timeline, at("10:35"), log, skips=skips) is None
    # a set finished after its grace ended is still done: the log wins
    assert states(timeline, at("16:00"), log=log)[eid("09:00", K.START_OF_DAY)] == "done"
    with pytest.raises(ValueError, match="unknown outcome 'maybe'"):
        evaluate(timeline, at("10:00"), log={eid("09:00", K.START_OF_DAY): "maybe"})


def test_snooze_moves_the_due_time_by_five_minutes(routine):
    timeline = wednesday(routine)
    event = eid("09:30", K.INTERVAL)
    until = snooze_until(ScheduleSettings(), at("09:31"))
    assert until == at("09:36")
    snoozes = {event: until}
    assert states(timeline, at("09:31"), snoozes=snoozes)[event] == "snoozed"
    assert due_of(timeline, at("09:33"), snoozes=snoozes) is None
    snoozed = next(v for v in evaluate(timeline, at("09:33"), snoozes=snoozes) if v.id == event)
    assert snoozed.state == "snoozed" and snoozed.at == at("09:36")
    assert due_of(timeline, at("09:36"), snoozes=snoozes).id == event
    # grace counts from the snooze-until: due to 09:46, not 09:40
    assert states(timeline, at("09:45", second=59), snoozes=snoozes)[event] == "due"
    assert states(timeline, at("09:46"), snoozes=snoozes)[event] == "missed"
    # without the snooze it would have been missed at 09:40
    assert states(timeline, at("09:40"))[event] == "missed"


def test_a_snooze_outlasting_the_next_event_takes_over_when_it_ends(routine):
    timeline = wednesday(routine)
    first, second = eid("09:30", K.INTERVAL), eid("10:00", K.INTERVAL)
    snoozes = {first: at("10:03")}
    got = states(timeline, at("10:01"), snoozes=snoozes)
    assert got[first] == "snoozed" and got[second] == "due"
    got = states(timeline, at("10:03"), snoozes=snoozes)
    assert got[first] == "due" and got[second] == "missed"


def test_clock_set_back_an_hour_fires_nothing_twice(routine):
    timeline = wednesday(routine, meetings=[])
    clock = FakeClock(at("09:55"))
    detector = JumpDetector()
    log: dict[str, str] = {}
    became_due: list[str] = []
    previous_due = None

    def tick() -> None:
        nonlocal previous_due
        jump = detector.sample(clock.now(), clock.monotonic())
        if jump is not None:
            jumps.append(jump)
        due = due_of(timeline, clock.now(), log, high_water=detector.high_water)
        if due is not None and due.id != previous_due:
            became_due.append(due.id)
        previous_due = due and due.id

    jumps: list = []
    for _ in range(10):  # 09:55 .. 10:04
        tick()
        clock.advance(60)
    while clock.now() < at("11:05"):
        if clock.now() == at("11:02"):
            log[eid("11:00", K.INTERVAL)] = "done"
        tick()
        clock.advance(60)
    clock.jump(-3600)  # 11:05 -> 10:05
    tick()
    assert len(jumps) == 1 and jumps[0].backwards and jumps[0].drift_seconds == -3600
    while clock.now() < at("12:15"):
        tick()
        clock.advance(60)
    assert became_due == [eid("10:00", K.INTERVAL), eid("10:30", K.INTERVAL),
                          eid("11:00", K.INTERVAL), eid("11:30", K.INTERVAL),
                          eid("12:00", K.INTERVAL)]
    assert states(timeline, at("10:05"), log=log)[eid("11:00", K.INTERVAL)] == "done"
    # without the high-water mark the log alone keeps done as done ...
    got = states(timeline, at("10:05"), log=log)
    assert got[eid("11:00", K.INTERVAL)] == "done"
    # ... and the high-water mark keeps the hour that already passed as it was
    got = states(timeline, at("10:05"), log=log, high_water=at("11:05"))
    assert got[eid("10:00", K.INTERVAL)] == got[eid("10:30", K.INTERVAL)] == "missed"
    assert "due" not in got.values()


# -- DST ----------------------------------------------------------------------------------


@pytest.mark.parametrize(("day", "utc_offset"), [(date(2026, 10, 25), 0), (date(2026, 3, 29), 1)])
def test_dst_change_days_keep_wall_clock_times(routine, day, utc_offset):
    settings = ScheduleSettings(working_weekdays=ALL_DAYS)
    assert day.weekday() == 6
    timeline = build_timeline(routine, settings, day, LONDON)
    expected = [(t, k) for t, k in DEFAULT_DAY if k is not K.PRE_MEETING]
    expected.insert(expected.index(("11:30", K.INTERVAL)), ("11:00", K.INTERVAL))
    assert wall(timeline) == expected and len(timeline) == 18
    for event in timeline:
        assert event.planned.utcoffset() == timedelta(hours=utc_offset)
    assert timeline.events[0].planned.astimezone(UTC).hour == 9 - utc_offset


def test_clocks_going_back_repeat_no_event(routine):
    day = date(2026, 10, 25)  # 02:00 BST -> 01:00 GMT: 01:00-01:59 happens twice
    settings = ScheduleSettings(workday_start=time(0, 0), workday_end=time(4, 0),
                                working_weekdays=ALL_DAYS)
    timeline = build_timeline(routine, settings, day, LONDON)
    assert wall(timeline) == [("00:00", K.START_OF_DAY)] + [
        (t, K.INTERVAL) for t in ("00:30", "01:00", "01:30", "02:00", "02:30", "03:00", "03:30")
    ] + [("04:00", K.END_OF_DAY)]
    utc = [e.planned.astimezone(UTC) for e in timeline]
    assert utc == sorted(utc) and len(set(e.id for e in timeline)) == len(timeline)
    # 01:30 is its first occurrence (BST); the next wall half hour is 90 real minutes later
    assert utc[4] - utc[3] == timedelta(minutes=90)
    _each_event_due_once(timeline, datetime(2026, 10, 24, 22, 0, tzinfo=UTC))


def test_clocks_going_forward_skip_the_missing_hour(routine):
    day = date(2026, 3, 29)  # 01:00 GMT -> 02:00 BST: 01:00-01:59 never happens
    settings = ScheduleSettings(workday_start=time(0, 0), workday_end=time(4, 0),
                                working_weekdays=ALL_DAYS)
    timeline = build_timeline(routine, settings, day, LONDON)
    assert wall(timeline) == [("00:00", K.START_OF_DAY)] + [
        (t, K.INTERVAL) for t in ("00:30", "02:00", "02:30", "03:00", "03:30")
    ] + [("04:00", K.END_OF_DAY)]
    assert timeline.events[-1].planned.astimezone(UTC) == datetime(2026, 3, 29, 3, tzinfo=UTC)
    _each_event_due_once(timeline, datetime(2026, 3, 28, 23, 0, tzinfo=UTC))
    # off the hour grid too: 01:30 does not exist and does not turn into 02:30
    every45 = build_timeline(routine, ScheduleSettings(
        workday_start=time(0, 0), workday_end=time(4, 0), working_weekdays=ALL_DAYS,
        interval_minutes=45), day, LONDON)
    assert [t for t, k in wall(every45) if k is K.INTERVAL] == ["00:45", "02:15", "03:00",
                                                                "03:45"]


def _each_event_due_once(timeline: TriggerTimeline, start: datetime) -> None:
    clock = FakeClock(start)
    due_counts: dict[str, int] = {}
    for _ in range(7 * 60):
        views = evaluate(timeline, clock.now())
        due = [v.id for v in views if v.state is EventState.DUE]
        assert len(due) <= 1
        for i in due:
            due_counts[i] = due_counts.get(i, 0) + 1
        clock.advance(60)
    assert due_counts == {e.id: 10 for e in timeline}


# -- clock jumps and midnight -------------------------------------------------------------


def test_jump_detector_thresholds_and_dst():
    detector = JumpDetector(threshold_seconds=90)
    base = datetime(2026, 10, 25, 0, 59, tzinfo=UTC)
    assert detector.sample(base.astimezone(LONDON), 100.0) is None
    # one minute later the London wall clock reads 01:00 GMT after 01:59 BST: not a jump
    assert detector.sample((base + timedelta(minutes=1)).astimezone(LONDON), 160.0) is None
    # drift up to the threshold is tolerated (a slow event loop, NTP slew)
    assert detector.sample(base + timedelta(minutes=2, seconds=90), 220.0) is None
    jump = detector.sample(base + timedelta(minutes=10), 230.0)
    assert jump is not None and jump.drift_seconds == pytest.approx(390 - 10)
    assert jump.wall_before == base + timedelta(minutes=2, seconds=90)
    high = detector.high_water
    back = detector.sample(base, 240.0)
    assert back is not None and back.backwards
    assert detector.high_water == high  # the high-water mark does not go back
    detector.reset()
    assert detector.high_water is None and detector.sample(base, 0.0) is None


def test_day_changed_at_local_midnight(routine):
    timeline = wednesday(routine)
    assert not day_changed(timeline, at("23:59", second=59))
    assert day_changed(timeline, at("00:00", DAY + timedelta(days=1)))
    # 23:30 UTC is already 00:30 in Berlin
    assert day_changed(timeline, datetime(2026, 11, 25, 23, 30, tzinfo=UTC))
    assert not day_changed(timeline, datetime(2026, 11, 24, 23, 30, tzinfo=UTC))


def test_naive_now_is_refused(routine):
    with pytest.raises(ValueError, match="timezone-aware"):
        evaluate(wednesday(routine), datetime(2026, 11, 25, 10, 0))


# -- settings -----------------------------------------------------------------------------


def test_settings_defaults_and_round_trip():
    settings = ScheduleSettings()
    data = settings.to_dict()
    assert data == {
        "workday_start": "09:00",
        "workday_end": "17:30",
        "working_weekdays": ["mon", "tue", "wed", "thu", "fri"],
        "interval_minutes": None,
        "pre_meeting_lead_minutes": None,
        "grace_minutes": 10,
        "merge_minutes": 5,
        "snooze_minutes": 5,
    }
    assert ScheduleSettings.from_dict(json.loads(json.dumps(data))) == settings
    custom = ScheduleSettings(time(8, 15), time(16, 0), frozenset({0, 2, 6}), 20, 3, 7, 0, 10)
    assert ScheduleSettings.from_dict(json.loads(json.dumps(custom.to_dict()))) == custom
    assert ScheduleSettings.from_dict({}) == settings
    assert ScheduleSettings.from_dict({"working_weekdays": ["Monday", "SUN"]}).working_weekdays \
        == frozenset({0, 6})


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"workday_end": "08:00"}, "workday_end", "must be after workday_start (09:00)"),
        ({"workday_start": "9am"}, "workday_start", "must be a time like"),
        ({"workday_start": "24:00"}, "workday_start", "must be a time like"),
        ({"working_weekdays": ["mon", "funday"]}, "working_weekdays", "unknown weekday"),
        ({"working_weekdays": []}, "working_weekdays", "at least one"),
        ({"working_weekdays": "mon"}, "working_weekdays", "must be a list"),
        ({"interval_minutes": 0}, "interval_minutes", "at least 1"),
        ({"interval_minutes": True}, "interval_minutes", "whole number"),
        ({"pre_meeting_lead_minutes": -1}, "pre_meeting_lead_minutes", "at least 0"),
        ({"grace_minutes": 2.5}, "grace_minutes", "whole number"),
        ({"grace_minutes": None}, "grace_minutes", "whole number"),
        ({"merge_minutes": -5}, "merge_minutes", "at least 0"),
        ({"snooze_minutes": 0}, "snooze_minutes", "at least 1"),
        ({"snooze": 5}, "snooze", "unknown setting"),
    ],
)
def test_settings_errors_name_the_field(data, field, message):
    with pytest.raises(SettingsError) as info:
        ScheduleSettings.from_dict(data)
    assert info.value.field == field
    assert message in str(info.value) and str(info.value).startswith(f"{field}: ")


def test_settings_report_every_problem_once():
    with pytest.raises(SettingsError) as info:
        ScheduleSettings.from_dict({"workday_start": "late", "workday_end": "08:00",
                                    "grace_minutes": 0, "extra": 1})
    assert [f for f, _ in info.value.problems] == ["extra", "workday_start", "grace_minutes"]
    with pytest.raises(SettingsError, match="workday_end: must be after"):
        ScheduleSettings(workday_start=time(10), workday_end=time(10))
    with pytest.raises(SettingsError, match="working_weekdays"):
        ScheduleSettings(working_weekdays={7})

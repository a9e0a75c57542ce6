"""Quiet for a while (issue 15, item 6): the pure rules, with ``now`` passed in.

While it is quiet no set comes due; sets that fall inside are quiet, not missed, and out of
the plan unless done; the quiet ends by itself or when ended; it is stored as settings."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from microtui.core.day import DayTracker
from microtui.core.day_totals import fold_sessions
from microtui.core.day_view import title_text
from microtui.core.event_states import EventState
from microtui.core.loader import Library, builtin_path, load_library
from microtui.core.planned_sets import PlanCounter
from microtui.core.quiet import QUIET_CHOICES, QuietLog, QuietPeriod, quiet_text
from microtui.core.schedule import ScheduleSettings
from microtui.core.settings import UserSettings

BERLIN = ZoneInfo("Europe/Berlin")
WED = date(2026, 11, 25)
GRACE = timedelta(minutes=10)


@pytest.fixture(scope="module")
def library() -> Library:
    return load_library([builtin_path()])


def at(hhmm: str, day: date = WED) -> datetime:
    hour, minute = map(int, hhmm.split(":"))
    return datetime.combine(day, time(hour, minute), tzinfo=BERLIN)


def eid(hhmm: str) -> str:
    return f"{WED.isoformat()}:interval:{hhmm}"


def quiet(start: str, until: str) -> QuietLog:
    return QuietLog((QuietPeriod(at(start), at(until)),))


# -- choosing and ending -----------------------------------------------------------------


def test_the_choices_end_30_min_1_h_2_h_from_now_or_at_midnight():
    now = at("13:30")
    ends = [choice.until(now) for choice in QUIET_CHOICES]
    assert [c.label for c in QUIET_CHOICES] == ["30 minutes", "1 hour", "2 hours",
                                                "Until tomorrow"]
    assert ends == [at("14:00"), at("14:30"), at("15:30"),
                    datetime(2026, 11, 26, 0, 0, tzinfo=BERLIN)]
    assert quiet_text(ends[1], now) == "quiet until 14:30"
    assert quiet_text(ends[3], now) == "quiet until tomorrow"


def test_quiet_holds_until_its_end_and_ends_by_itself():
    log = QuietLog().started(at("13:30"), at("14:30"))
    assert log.until(at("13:29")) is None
    assert log.until(at("13:30")) == at("14:30")
    assert log.until(at("14:29")) == at("14:30")
    assert log.until(at("14:30")) is None  # over, with nothing done


def test_ending_early_keeps_the_period_up_to_now():
    log = QuietLog().started(at("13:30"), at("15:30")).ended(at("14:00"))
    assert log.periods == (QuietPeriod(at("13:30"), at("14:00")),)
    assert log.until(at("14:00")) is None
    assert log.ended(at("16:00")) == log  # not quiet: nothing to end
    # Ended the moment it began: nothing is left of it.
    assert QuietLog().started(at("13:30"), at("14:00")).ended(at("13:30")).periods == ()


def test_a_new_quiet_ends_the_one_in_force():
    log = QuietLog().started(at("13:30"), at("14:00")).started(at("13:45"), at("15:45"))
    assert log.periods == (QuietPeriod(at("13:30"), at("13:45")),
                           QuietPeriod(at("13:45"), at("15:45")))
    assert log.until(at("14:30")) == at("15:45")


def test_a_set_is_inside_when_it_would_have_been_due_during_the_quiet():
    period = QuietPeriod(at("13:30"), at("14:30"))
    assert period.covers(at("13:30"), GRACE)
    assert period.covers(at("13:25"), GRACE)  # due when the quiet began
    assert not period.covers(at("13:20"), GRACE)  # its grace was over by then
    assert period.covers(at("14:29"), GRACE)
    assert not period.covers(at("14:30"), GRACE)  # due as the quiet ends: it rings


# -- stored in the settings -----------------------------------------------------------------


def test_the_quiet_periods_are_stored_in_the_settings_and_read_back():
    log = QuietLog().started(at("13:30"), at("14:30"))
    saved = UserSettings().with_quiet(log).to_dict()
    assert saved["quiet"] == [{"from": "2026-11-25T13:30:00+01:00",
                               "until": "2026-11-25T14:30:00+01:00"}]
    assert UserSettings.from_dict(saved).quiet == log


def test_stored_entries_that_do_not_read_are_kept_and_left_out():
    raw = {"quiet": [{"from": "nonsense"}, {"from": "2026-11-25T13:30:00+01:00",
                                             "until": "2026-11-25T14:30:00+01:00"},
                     {"from": "2026-11-25T15:00:00", "until": "2026-11-25T16:00:00"}]}
    read = UserSettings.from_dict(raw)
    assert read.quiet == quiet("13:30", "14:30")  # naive times do not read either
    assert read.to_dict() == raw
    longer = read.with_quiet(read.quiet.started(at("16:00"), at("17:00"))).to_dict()
    assert longer["quiet"][:2] == [raw["quiet"][0], raw["quiet"][2]]
    assert len(longer["quiet"]) == 4


def test_a_theme_picked_is_stored():
    assert UserSettings().with_theme("nord").to_dict() == {"theme": "nord"}


# -- the day -------------------------------------------------------------------------------


def tracker(library: Library, log: QuietLog) -> DayTracker:
    day = DayTracker(library.default_routine, ScheduleSettings(), exercises=library.exercises)
    day.quiet = log
    return day


def test_no_set_comes_due_while_it_is_quiet_and_none_is_missed(library):
    day = tracker(library, quiet("09:55", "11:00"))
    view = day.sample(at("10:40"), 0.0)
    assert view.due is None
    states = {v.id: v.state for v in view.events}
    assert states[eid("10:00")] is EventState.QUIET
    assert states[eid("10:30")] is EventState.QUIET
    assert states[eid("09:30")] is EventState.MISSED  # before the quiet: missed as ever
    assert view.quiet_until == at("11:00")
    assert title_text(view) == "microtui · quiet until 11:00"
    assert view.next is not None and view.next.view.id == eid("11:00")

    view = day.sample(at("11:00"), 3600.0)  # over by itself: the 11:00 set rings
    assert view.quiet_until is None
    assert view.due is not None and view.due.id == eid("11:00")
    assert view.view_of(eid("10:30")).state is EventState.QUIET  # still not missed
    assert title_text(view).endswith("due")


def test_quiet_sets_count_neither_done_nor_planned(library):
    day = tracker(library, quiet("09:55", "11:00"))
    plain = tracker(library, QuietLog())
    for tracked in (day, plain):
        tracked.sample(at("11:05"), 0.0)
    # Due so far: start of day 09:00, 09:30, 10:00, 10:30, 11:00; two fell in the quiet.
    assert plain.view(at("11:05")).summary.planned_so_far == 5
    assert day.view(at("11:05")).summary.planned_so_far == 3
    assert day.view(at("11:05")).summary.done == 0


def test_a_set_done_anyway_during_the_quiet_counts(library):
    log = quiet("09:55", "11:00")
    records = [{"event_id": eid("10:00"), "started": at("10:05").isoformat(),
                "outcome": "completed", "active_seconds": 20.0}]
    totals = fold_sessions(records, {})[WED.isoformat()]
    plan = PlanCounter(library.default_routine, ScheduleSettings(), BERLIN, quiet=log)
    assert plan.counts(WED, totals, at("11:05")) == (1, 4)  # 10:30 is out; 10:00 is done
    whole_day = PlanCounter(library.default_routine, ScheduleSettings(), BERLIN)
    assert whole_day.counts(WED, totals, at("11:05")) == (1, 5)

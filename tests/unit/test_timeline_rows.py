"""Today's presenters on their own, without an app: the timeline's rows and countdown in
Today's words, the row cache, the next-set panel's key, the selection and the summary."""

from __future__ import annotations

import subprocess
import sys
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from microtui.core.day import DayTracker
from microtui.core.event_states import EventState
from microtui.core.loader import Library, builtin_path, load_library
from microtui.core.schedule import ScheduleSettings
from microtui.ui.presenters.day_summary import DaySummaryLine
from microtui.ui.presenters.selection import Selection
from microtui.ui.presenters.timeline_rows import (
    Countdown,
    TimelineRow,
    TimelineRows,
    clock_text,
    only_time_passed,
    panel_key,
    plural,
    relative_text,
)

BERLIN = ZoneInfo("Europe/Berlin")
WED = date(2026, 11, 25)
SAT = date(2026, 11, 28)
S = EventState


@pytest.fixture(scope="module")
def library() -> Library:
    return load_library([builtin_path()])


def at(hhmm: str, second: int = 0, day: date = WED) -> datetime:
    hour, minute = map(int, hhmm.split(":"))
    return datetime.combine(day, time(hour, minute, second), tzinfo=BERLIN)


def eid(hhmm: str, kind: str = "interval") -> str:
    return f"{WED.isoformat()}:{kind}:{hhmm}"


def tracker(library: Library) -> DayTracker:
    return DayTracker(library.default_routine, ScheduleSettings(), exercises=library.exercises)


# -- wording ------------------------------------------------------------------------------


@pytest.mark.parametrize(("seconds", "text"), [
    (12 * 60, "in 12 min"),
    (11 * 60 + 1, "in 12 min"),  # whole minutes, rounded up ahead
    (61, "in 2 min"),
    (60, "in a minute"),
    (1, "in a minute"),
    (0, "just now"),
    (-59, "just now"),
    (-60, "a minute ago"),
    (-25 * 60 - 59, "25 min ago"),  # and down behind
    (-2 * 3600, "2 hours ago"),
])
def test_relative_times_are_in_whole_minutes(seconds, text):
    now = at("10:00")
    assert relative_text(now + timedelta(seconds=seconds), now) == text


@pytest.mark.parametrize(("seconds", "text"), [
    (42, "0:42"), (41.2, "0:42"), (545, "9:05"), (3723, "1:02:03"), (0, "0:00"), (-5, "0:00"),
])
def test_a_countdown_clock_rounds_up_and_never_goes_below_zero(seconds, text):
    assert clock_text(seconds) == text


def test_seconds_and_plurals():
    assert [plural(n, "set") for n in (0, 1, 2)] == ["0 sets", "1 set", "2 sets"]


# -- rows ---------------------------------------------------------------------------------


def test_each_event_is_a_row_in_todays_words(library):
    view = tracker(library).sample(at("09:29", 30), 0.0)
    rows = TimelineRows(library.exercises).rows(view)
    assert [row.event_id for row in rows] == [v.id for v in view.events]
    assert rows[0] == TimelineRow(eid("09:00", "start-of-day"), "09:00", "Start of Day",
                                  "Transverse Abdominal Bracing + Shoulder Circle", "44 s",
                                  S.MISSED, "29 min ago")
    assert rows[1] == TimelineRow(eid("09:30"), "09:30", "Every 30 min",
                                  "Ankle Pumps + Cervical Nod", "22 s", S.UPCOMING,
                                  "in a minute")


def test_a_meeting_set_is_named_with_its_meeting(library):
    day = tracker(library)
    day.sample(at("09:40"), 0.0)
    _meeting, event = day.add_meeting(time(11, 0), "Design review")
    assert event is not None
    view = day.view(at("09:40"))
    row = TimelineRows(library.exercises).row(view.view_of(event.id), view)
    assert row.name.endswith(" · Design review")
    assert row.time == f"{event.planned:%H:%M}"


def test_rows_are_rebuilt_only_when_what_they_show_changes(library, monkeypatch):
    day = tracker(library)
    presenter = TimelineRows(library.exercises)
    built: list[str] = []
    row = presenter.row
    monkeypatch.setattr(presenter, "row",
                        lambda view, d: (built.append(view.id), row(view, d))[1])
    first = presenter.rows(day.sample(at("09:40", 10), 0.0))
    assert len(built) == len(first)
    assert presenter.built_from is not None

    # seconds later: every relative minute is the same, no row is built
    built.clear()
    view = day.sample(at("09:40", 40), 30.0)
    again = presenter.rows(view)
    assert built == [] and all(a is b for a, b in zip(first, again, strict=True))

    # the same events, only time passed: the rows stay without a look at each
    view = day.sample(at("09:40", 50), 40.0)
    same = presenter.rows(view, same_events=True)
    assert same is again and built == []
    assert presenter.built_from is view.events

    # the next minute: every relative minute moved, so each row is built again (those
    # whose words read the same come out equal: the timeline repaints only the others)
    later = presenter.rows(day.sample(at("09:41", 0), 50.0), same_events=True)
    assert built == [r.event_id for r in later]
    changed = [b.event_id for a, b in zip(first, later, strict=True) if a != b]
    assert 0 < len(changed) < len(later) // 2


def test_a_changed_state_rebuilds_its_row(library):
    day = tracker(library)
    presenter = TimelineRows(library.exercises)
    before = presenter.rows(day.sample(at("09:30", 5), 0.0))
    day.skip(eid("09:30"), at("09:30", 6))
    after = presenter.rows(day.view(at("09:30", 6)))
    changed = [b.event_id for a, b in zip(before, after, strict=True) if a is not b]
    assert changed == [eid("09:30")]
    assert after[1].state is S.SKIPPED


def test_a_set_with_an_unknown_exercise_shows_no_length(library):
    known = dict(library.exercises)
    del known["ankle-pumps"]
    presenter = TimelineRows(known)
    view = tracker(library).sample(at("09:29", 30), 0.0)
    rows = presenter.rows(view)
    assert rows[1].seconds == "" and rows[0].seconds == "44 s"
    countdown = presenter.countdown(view)
    assert countdown is not None and countdown.detail == ""


# -- the countdown line -------------------------------------------------------------------


def test_the_countdown_says_how_long_until_the_next_set(library):
    day = tracker(library)
    presenter = TimelineRows(library.exercises)
    detail = "Ankle Pumps 10 s + Cervical Nod 12 s"
    assert presenter.countdown(day.sample(at("09:10"), 0.0)) == Countdown(
        eid("09:30"), "◷ Next in 20 min", detail)
    assert presenter.countdown(day.sample(at("09:29", 30), 1.0)) == Countdown(
        eid("09:30"), "◷ Next in 0:30", detail, urgent=True)
    assert presenter.countdown(day.sample(at("09:30", 10), 2.0)) == Countdown(
        eid("09:30"), "▶ Due now · 10 min left to start", detail, urgent=True)
    # Whole minutes, rounded up, then seconds in the last minute (as "Next in").
    assert presenter.countdown(day.sample(at("09:31"), 3.0)).headline == \
        "▶ Due now · 9 min left to start"
    assert presenter.countdown(day.sample(at("09:38", 59), 4.0)).headline == \
        "▶ Due now · 2 min left to start"
    assert presenter.countdown(day.sample(at("09:39", 5), 5.0)).headline == \
        "▶ Due now · 0:55 left to start"
    until = day.snooze(eid("09:30"), at("09:30", 10))
    view = day.view(at("09:30", 10))
    seconds = (until - at("09:30", 10)).total_seconds()
    countdown = presenter.countdown(view)
    assert countdown is not None and countdown.headline.startswith("⏸ Snoozed · due again in")
    assert not countdown.urgent and seconds >= 60


def test_no_countdown_once_the_day_is_over_and_a_day_off_says_why(library):
    day = tracker(library)
    presenter = TimelineRows(library.exercises)
    evening = day.sample(at("23:00"), 0.0)
    assert presenter.countdown(evening) is None
    assert presenter.day_off_text(evening) == ""
    saturday = tracker(library).sample(at("10:00", day=SAT), 0.0)
    assert presenter.day_off_text(saturday) == "Saturday is not a working day — no sets today"
    assert presenter.rows(saturday) == []


def test_the_set_detail_is_worked_out_once_per_event(library):
    presenter = TimelineRows(library.exercises)
    view = tracker(library).sample(at("09:10"), 0.0)
    event = view.next.view.event
    detail = presenter.set_detail(event)
    assert presenter.set_detail(event) is detail
    renamed = event._replace(name="Renamed")  # another event under the same id
    assert presenter.set_detail(renamed) == detail
    assert presenter.set_seconds(event) == "22 s"


# -- what changed, the panel, the selection, the summary ----------------------------------


def test_only_time_passed_until_a_state_changes(library):
    day = tracker(library)
    first = day.sample(at("09:40"), 0.0)
    assert not only_time_passed(None, first)
    second = day.sample(at("09:40", 1), 1.0)
    assert only_time_passed(first, second)
    day.skip(eid("10:00"), at("09:40", 2))
    assert not only_time_passed(second, day.view(at("09:40", 2)))
    due = day.sample(at("10:30", 1), 3.0)
    assert not only_time_passed(day.sample(at("10:29", 59), 2.9), due)  # came due


def test_the_panel_heading_says_which_set_it_shows(library):
    day = tracker(library)
    upcoming = day.sample(at("09:10"), 0.0)
    assert panel_key(upcoming, eid("09:30"), follow=True) == (
        WED, eid("09:30"), S.UPCOMING, "Next set", None, True)
    due = day.sample(at("09:30", 5), 1.0)
    assert panel_key(due, eid("09:30"), follow=True)[3] == "Due now"
    assert panel_key(due, eid("10:00"), follow=False)[2:4] == (S.UPCOMING, "Selected set")
    assert panel_key(due, None, follow=True)[1:3] == (None, None)


def test_the_selection_follows_the_next_set_until_moved(library):
    day = tracker(library)
    selection = Selection()
    view = day.sample(at("09:10"), 0.0)
    selection.update(view)
    assert selection.event_id == eid("09:30") and selection.follows
    assert selection.targets(view) == (eid("09:30"), None, eid("09:30"))  # no snooze yet

    assert selection.step(view, -1) == eid("09:00", "start-of-day")
    assert selection.step(view, -5) == eid("09:00", "start-of-day")  # stops at the first
    assert not selection.follows
    assert selection.target("skip", view) is None  # missed: nothing to skip
    assert selection.target("start", view) == eid("09:00", "start-of-day")
    later = day.sample(at("09:30", 5), 1.0)
    selection.update(later)
    assert selection.event_id == eid("09:00", "start-of-day")  # moved: it stays

    selection.follow()
    selection.update(later)
    assert selection.event_id == eid("09:30")
    assert selection.targets(later) == (eid("09:30"),) * 3  # due: all three
    last = later.events[-1].id
    assert selection.step(later, 999) == last
    assert selection.targets(None) == (None, None, None)


def test_a_selection_on_a_day_without_sets_selects_nothing(library):
    saturday = tracker(library).sample(at("10:00", day=SAT), 0.0)
    selection = Selection()
    selection.update(saturday)
    assert selection.event_id is None and selection.step(saturday, 1) is None
    assert selection.targets(saturday) == (None, None, None)


def test_the_summary_line(library):
    day = tracker(library)
    line = DaySummaryLine.of(day.sample(at("09:40"), 0.0), streak_known=False)
    assert line.title == "Wednesday 25 November"
    assert line.subtitle == plural(line.total, "set") and line.total > 1
    assert line.text().plain == "Done 0 of 2 so far  ·  Moved 0 s today  ·  Streak …"
    known = DaySummaryLine.of(day.sample(at("09:40", 1), 1.0), streak_known=True)
    assert known.text().plain.endswith("Streak 0 days")
    assert known != line
    saturday = DaySummaryLine.of(tracker(library).sample(at("10:00", day=SAT), 0.0),
                                 streak_known=True)
    assert saturday.subtitle == ""
    assert saturday.text().plain.startswith("No sets today  ·  Moved 0 s today")


def test_the_presenters_import_no_textual():
    code = (
        "import sys\n"
        "import microtui.ui.presenters.timeline_rows, microtui.ui.presenters.selection\n"
        "import microtui.ui.presenters.day_summary\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'textual', 'tinydb'}))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == "[]"

"""Today's watch on the calendar file, without an app: when it looks (by the injected
clock), what a look finds, and which findings are news."""

from __future__ import annotations

import os
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from microtui.core.fake_clock import FakeClock
from microtui.ui.calendar_watch import CHECK_SECONDS, CalendarRead, CalendarWatch

BERLIN = ZoneInfo("Europe/Berlin")
WED = date(2026, 11, 25)


def write_ics(path: Path, hour: int, title: str, mtime: int) -> None:
    start = datetime(2026, 11, 25, hour, tzinfo=BERLIN).astimezone(UTC)
    path.write_text(
        "BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//microtui tests//EN\nBEGIN:VEVENT\n"
        f"UID:{title.replace(' ', '')}@tests\nDTSTART:{start:%Y%m%dT%H%M%SZ}\n"
        f"DTEND:{start + timedelta(minutes=30):%Y%m%dT%H%M%SZ}\n"
        f"SUMMARY:{title}\nEND:VEVENT\nEND:VCALENDAR\n", encoding="utf-8")
    os.utime(path, (mtime, mtime))


@pytest.fixture
def calendar(tmp_path: Path) -> Path:
    path = tmp_path / "work.ics"
    write_ics(path, 11, "Design review", mtime=1_000_000)
    return path


def look_and_take(watch: CalendarWatch, day: date = WED, *,
                  throttle: bool = False) -> CalendarRead | None:
    """One look run at once (as the screen's worker would) and handed back; the read if it
    was news."""
    look = watch.next_look(day, BERLIN, throttle=throttle)
    assert look is not None
    read = look.run()
    return read if watch.take(read, day) else None


def test_the_file_is_read_once_then_only_when_it_changes(calendar):
    watch = CalendarWatch(FakeClock(datetime(2026, 11, 25, 9, 0, tzinfo=BERLIN)), calendar)
    read = look_and_take(watch)
    assert read is not None and read.problem == ""
    assert [m.title for m in read.meetings] == ["Design review"]
    assert look_and_take(watch) is None  # unchanged: looked at, not read

    write_ics(calendar, 15, "Planning", mtime=1_000_100)
    read = look_and_take(watch)
    assert read is not None and [m.title for m in read.meetings] == ["Planning"]

    watch.forget()  # a new day: read again though the file is the same
    assert look_and_take(watch) is not None


def test_looks_are_throttled_by_the_injected_clock(calendar):
    clock = FakeClock(datetime(2026, 11, 25, 9, 0, tzinfo=BERLIN))
    watch = CalendarWatch(clock, calendar)
    first = watch.next_look(WED, BERLIN)
    assert first is not None
    assert watch.next_look(WED, BERLIN, throttle=False) is None  # one look at a time
    watch.take(first.run(), WED)
    assert watch.next_look(WED, BERLIN) is None  # too soon
    clock.advance(CHECK_SECONDS - 0.5)
    assert watch.next_look(WED, BERLIN) is None
    clock.advance(0.5)
    assert watch.next_look(WED, BERLIN) is not None


def test_nothing_to_look_at_without_a_calendar_or_a_day(calendar):
    clock = FakeClock(datetime(2026, 11, 25, 9, 0, tzinfo=BERLIN))
    assert CalendarWatch(clock, None).next_look(WED, BERLIN, throttle=False) is None
    assert CalendarWatch(clock, calendar).next_look(None, None, throttle=False) is None


def test_a_look_for_another_day_or_calendar_is_no_news(calendar, tmp_path):
    watch = CalendarWatch(FakeClock(datetime(2026, 11, 25, 23, 59, tzinfo=BERLIN)), calendar)
    look = watch.next_look(WED, BERLIN, throttle=False)
    assert look is not None
    assert not watch.take(look.run(), WED + timedelta(days=1))  # midnight passed meanwhile
    assert look_and_take(watch) is not None  # still unread: read at the next look

    other = tmp_path / "other.ics"
    write_ics(other, 14, "Retro", mtime=1_000_000)
    look = watch.next_look(WED, BERLIN, throttle=False)
    assert look is not None
    watch.follow(other)  # the user chose another calendar while the look ran
    assert not watch.take(look.run(), WED)
    read = look_and_take(watch)
    assert read is not None and [m.title for m in read.meetings] == ["Retro"]


def test_a_missing_or_broken_file_is_a_problem_said_once(calendar, tmp_path):
    watch = CalendarWatch(FakeClock(datetime(2026, 11, 25, 9, 0, tzinfo=BERLIN)),
                          tmp_path / "nowhere.ics")
    read = look_and_take(watch)
    assert read is not None and read.meetings is None
    assert "calendar file not found" in read.problem
    assert look_and_take(watch) is None  # still missing: nothing new to say

    calendar.write_text("this is not a calendar", encoding="utf-8")
    watch.follow(calendar)
    read = look_and_take(watch)
    assert read is not None and "not a valid iCalendar file" in read.problem


def test_a_look_asked_for_while_one_runs_is_owed(calendar):
    watch = CalendarWatch(FakeClock(datetime(2026, 11, 25, 9, 0, tzinfo=BERLIN)), calendar)
    look = watch.next_look(WED, BERLIN, throttle=False)
    assert look is not None and watch.busy
    first = look.run()
    watch.changed()  # a new copy came while the look ran
    assert watch.next_look(WED, BERLIN, throttle=False) is None  # one look at a time
    write_ics(calendar, 15, "Planning", mtime=1_000_100)
    assert watch.take(first, WED)
    again = watch.next_look(WED, BERLIN)  # throttled, yet owed: no wait for the next check
    assert again is not None
    read = again.run()
    assert watch.take(read, WED) and [m.title for m in read.meetings] == ["Planning"]
    assert watch.next_look(WED, BERLIN) is None  # paid: throttled again

"""Meetings from .ics files: recurrences, exceptions, time zones, all-day events, errors."""

from __future__ import annotations

from datetime import date
from zoneinfo import ZoneInfo

import pytest

from microtui.calendar import CalendarError, read_meetings

TZ = ZoneInfo("Europe/Berlin")

ICS = """BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//test//EN
BEGIN:VEVENT
UID:standup
DTSTART;TZID=Europe/Berlin:20261104T093000
DTEND;TZID=Europe/Berlin:20261104T094500
RRULE:FREQ=WEEKLY;BYDAY=WE
EXDATE;TZID=Europe/Berlin:20261118T093000
SUMMARY:Stand-up
END:VEVENT
BEGIN:VEVENT
UID:standup
RECURRENCE-ID;TZID=Europe/Berlin:20261125T093000
DTSTART;TZID=Europe/Berlin:20261125T101500
DTEND;TZID=Europe/Berlin:20261125T103000
SUMMARY:Stand-up (moved)
END:VEVENT
BEGIN:VEVENT
UID:review
DTSTART:20261125T130000Z
DTEND:20261125T140000Z
SUMMARY:Design review
END:VEVENT
BEGIN:VEVENT
UID:holiday
DTSTART;VALUE=DATE:20261125
DTEND;VALUE=DATE:20261126
SUMMARY:Company offsite
END:VEVENT
BEGIN:VEVENT
UID:cancelled
DTSTART;TZID=Europe/Berlin:20261125T160000
DTEND;TZID=Europe/Berlin:20261125T163000
STATUS:CANCELLED
SUMMARY:Cancelled sync
END:VEVENT
END:VCALENDAR
"""


@pytest.fixture
def ics(tmp_path):
    path = tmp_path / "work.ics"
    path.write_text(ICS.replace("\n", "\r\n"), encoding="utf-8")
    return path


def titles_and_times(meetings):
    return [(m.title, m.start.strftime("%H:%M")) for m in meetings]


def test_weekly_recurrence_with_a_moved_instance(ics):
    meetings = read_meetings(ics, date(2026, 11, 25), TZ)
    # The moved stand-up, and the UTC review shown in local time; the all-day offsite and
    # the cancelled sync are not meetings.
    assert titles_and_times(meetings) == [("Stand-up (moved)", "10:15"),
                                          ("Design review", "14:00")]


def test_plain_weekly_instance(ics):
    assert titles_and_times(read_meetings(ics, date(2026, 11, 11), TZ)) == [
        ("Stand-up", "09:30")]


def test_cancelled_instance_by_exdate(ics):
    assert read_meetings(ics, date(2026, 11, 18), TZ) == []


def test_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(CalendarError, match="calendar file not found"):
        read_meetings(tmp_path / "none.ics", date(2026, 11, 25), TZ)


@pytest.mark.parametrize("content", [b"this is not a calendar", b"\xff\xfe\x00garbage",
                                     b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\n"])
def test_malformed_file_is_a_clear_error(tmp_path, content):
    path = tmp_path / "bad.ics"
    path.write_bytes(content)
    with pytest.raises(CalendarError) as info:
        read_meetings(path, date(2026, 11, 25), TZ)
    assert str(path) in str(info.value)

"""Meetings from .ics files: recurrences, exceptions, time zones, all-day events, errors."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from microtui.calendar import CalendarError, calendar_notice, read_calendar, read_meetings
from tests.calendar_spies import never_expanded, parsed_texts, stepped_instances

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


def write_ics(tmp_path, text: str, encoding: str = "utf-8"):
    path = tmp_path / "cal.ics"
    path.write_bytes(text.replace("\n", "\r\n").encode(encoding))
    return path


def one_series(rule: str, start: str = "19000103T093000") -> str:
    return ICS.replace("DTSTART;TZID=Europe/Berlin:20261104T093000\nDTEND;TZID=Europe/Berlin:"
                       "20261104T094500\nRRULE:FREQ=WEEKLY;BYDAY=WE",
                       f"DTSTART;TZID=Europe/Berlin:{start}\nDURATION:PT15M\nRRULE:{rule}")


def test_a_series_begun_long_ago_is_read_quickly_and_right(tmp_path):
    # dateutil steps from the first instance: the reader now starts just before the day.
    # A daily series from the year 1 stepped through 739,930 instances (2.4 s); a weekly
    # one since 1900, the common case, through 6,630. Now each takes a dozen or so.
    for rule, start in (("FREQ=DAILY", "00010103T093000"),
                        ("FREQ=WEEKLY;BYDAY=WE", "19000103T093000")):
        path = write_ics(tmp_path, one_series(rule, start))
        with stepped_instances() as stepped:
            assert titles_and_times(read_meetings(path, date(2026, 11, 11), TZ)) == [
                ("Stand-up", "09:30")]
        assert 0 < stepped.count <= 50, f"{rule} from {start}: {stepped.count} instances"


@pytest.mark.parametrize("rule", ["FREQ=SECONDLY", "FREQ=MINUTELY;INTERVAL=5",
                                  "FREQ=WEEKLY;INTERVAL=0", "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30",
                                  "FREQ=WEEKLY;BYHOUR=0;BYSETPOS=2"])
def test_rules_that_hung_the_reader_are_left_out(tmp_path, rule):
    # Each took from seconds to forever (INTERVAL=0 never ends); the rest still reads.
    path = write_ics(tmp_path, one_series(rule, "20000103T093000"))
    with never_expanded(rule):  # left out before expansion, not cut short during it
        assert titles_and_times(read_meetings(path, date(2026, 11, 25), TZ)) == [
            ("Stand-up (moved)", "10:15"), ("Design review", "14:00")]


def test_a_time_zone_changing_every_minute_is_not_built(tmp_path):
    # icalendar builds an unknown VTIMEZONE from its rules up to 2038 while parsing: a
    # minutely rule never finished.
    zone = ("BEGIN:VTIMEZONE\nTZID:Odd Zone\nBEGIN:STANDARD\nDTSTART:16010101T000000\n"
            "RRULE:FREQ=MINUTELY\nTZOFFSETFROM:+0100\nTZOFFSETTO:+0100\nEND:STANDARD\n"
            "END:VTIMEZONE\n")
    path = write_ics(tmp_path, ICS.replace("PRODID:-//test//EN\n", f"PRODID:-//test//EN\n{zone}"))
    with parsed_texts(refuse="RRULE:FREQ=MINUTELY") as texts:  # the zone never reaches it
        assert len(read_meetings(path, date(2026, 11, 25), TZ)) == 2
    assert texts and all("Odd Zone" not in text.split("BEGIN:VEVENT")[0] for text in texts)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "cp1252"])
def test_windows_encodings_are_read(tmp_path, encoding):
    path = write_ics(tmp_path, ICS.replace("Design review", "Überprüfung"), encoding)
    assert ("Überprüfung", "14:00") in titles_and_times(read_meetings(path, date(2026, 11, 25),
                                                                      TZ))


def test_one_broken_event_does_not_hide_the_others(tmp_path):
    # Two UIDs (or an unreadable DTSTART) made recurring-ical-events give up on the file.
    for broken in ("UID:review\nUID:again", "UID:review\nDTSTART:garbage"):
        path = write_ics(tmp_path, ICS.replace("UID:review", broken))
        assert titles_and_times(read_meetings(path, date(2026, 11, 25), TZ)) == [
            ("Stand-up (moved)", "10:15")]


def test_titles_lose_control_characters(tmp_path):
    path = write_ics(tmp_path, ICS.replace("SUMMARY:Design review",
                                           "SUMMARY:Design\x00 review\x1b]0;x\x07"))
    assert ("Design review ]0;x", "14:00") in titles_and_times(
        read_meetings(path, date(2026, 11, 25), TZ))


def test_an_unended_component_is_named_with_its_line(tmp_path):
    path = write_ics(tmp_path, ICS.replace("END:VEVENT\nBEGIN:VEVENT\nUID:review",
                                           "BEGIN:VEVENT\nUID:review", 1))
    with pytest.raises(CalendarError) as info:
        read_meetings(path, date(2026, 11, 25), TZ)
    assert str(info.value).startswith(f"{path}: not a valid iCalendar file: line ")


# -- several calendars in one file, and events left out with a warning (issue 13, item 17) --

#: icalendar's own tests/calendars/issue_1050_multiple_calendars.ics: events without a start.
ISSUE_1050 = """BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//Test1//EN
BEGIN:VEVENT
UID:event1@example.com
SUMMARY:Event 1
END:VEVENT
END:VCALENDAR
BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//Test2//EN
BEGIN:VEVENT
UID:event2@example.com
SUMMARY:Event 2
END:VEVENT
END:VCALENDAR
"""


def calendar_block(product: str, *events: str) -> str:
    return f"BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//{product}//EN\n{''.join(events)}" \
           "END:VCALENDAR\n"


def timed_event(uid: str, start: str, title: str, extra: str = "") -> str:
    return (f"BEGIN:VEVENT\nUID:{uid}\n{extra}DTSTART:{start}\nDURATION:PT30M\n"
            f"SUMMARY:{title}\nEND:VEVENT\n")


def test_every_vcalendar_block_of_a_file_is_read(tmp_path):
    # Some programs export one VCALENDAR per calendar into one file.
    path = write_ics(tmp_path, calendar_block("Work", timed_event("a", "20261125T090000Z",
                                                                  "Planning"))
                     + calendar_block("Team", timed_event("b", "20261125T080000Z", "Sync"),
                                      timed_event("c", "20261126T080000Z", "Tomorrow")))
    assert titles_and_times(read_meetings(path, date(2026, 11, 25), TZ)) == [
        ("Sync", "09:00"), ("Planning", "10:00")]


def test_icalendars_own_multiple_calendars_file_is_read(tmp_path):
    path = write_ics(tmp_path, ISSUE_1050)
    day = read_calendar(path, date(2026, 11, 25), TZ)  # was "Found multiple components"
    assert day.meetings == []
    assert day.skipped == ("Event 1", "Event 2")  # no start: they cannot be meetings
    assert day.warning == (f"{path}: left out 2 events that could not be read: "
                           "'Event 1', 'Event 2'")


def test_an_event_that_cannot_be_expanded_is_left_out_and_named(tmp_path):
    # Two UIDs make recurring-ical-events give up: the event alone made the file fail.
    broken = timed_event("review", "20261125T130000Z", "Design review", extra="UID:again\n")
    allday = "BEGIN:VEVENT\nUID:off\nDTSTART;VALUE=DATE:20261125\nSUMMARY:Offsite\nEND:VEVENT\n"
    path = write_ics(tmp_path, calendar_block("Work", broken, allday))
    day = read_calendar(path, date(2026, 11, 25), TZ)
    assert day.meetings == [] and day.skipped == ("Design review",)
    assert day.warning == f"{path}: left out the event 'Design review': it could not be read"
    assert calendar_notice(day) == f"Calendar: {day.warning}"

    # The rest is kept, whatever the broken event is.
    for bad in ("UID:review\nUID:again", "UID:review\nDTSTART:garbage",
                "UID:review\nDTEND:garbage"):
        path = write_ics(tmp_path, ICS.replace("UID:review", bad))
        day = read_calendar(path, date(2026, 11, 25), TZ)
        assert titles_and_times(day.meetings) == [("Stand-up (moved)", "10:15")], bad
        assert day.skipped == ("Design review",), bad


def test_events_without_a_uid_are_each_their_own_series(tmp_path):
    good = "BEGIN:VEVENT\nDTSTART:20261125T090000Z\nDURATION:PT30M\nSUMMARY:Planning\n" \
           "END:VEVENT\n"
    broken = timed_event("x", "20261125T130000Z", "Twice", extra="UID:y\n")
    path = write_ics(tmp_path, calendar_block("Work", good, broken.replace("UID:x\n", "")
                                              .replace("UID:y\n", "UID:x\nUID:y\n")))
    day = read_calendar(path, date(2026, 11, 25), TZ)
    assert titles_and_times(day.meetings) == [("Planning", "10:00")]
    assert day.skipped == ("Twice",)


def test_all_day_events_and_a_good_file_warn_of_nothing(ics):
    day = read_calendar(ics, date(2026, 11, 25), TZ)
    assert day.skipped == () and day.warning == "" and calendar_notice(day) == ""


def test_a_block_never_ended_is_still_an_error(tmp_path):
    path = write_ics(tmp_path, calendar_block("Work", timed_event("a", "20261125T090000Z",
                                                                  "Planning"))
                     + "BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:b\nEND:VEVENT\n")
    with pytest.raises(CalendarError, match="not a valid iCalendar file: BEGIN:VCALENDAR on "
                                            "line 11 is never ended"):
        read_meetings(path, date(2026, 11, 25), TZ)


@pytest.mark.parametrize("make", ["folder", "fifo", "device", "empty"])
def test_only_a_regular_calendar_file_is_read(tmp_path, make):
    # A pipe or a device would never end (the form's check and Today read what is typed).
    import os

    if make == "folder":
        path, reason = tmp_path, "is a folder, not a calendar file"
    elif make == "fifo":
        path, reason = tmp_path / "pipe.ics", "not a calendar file (not a regular file)"
        os.mkfifo(path)
    elif make == "device":
        path, reason = Path("/dev/zero"), "not a calendar file (not a regular file)"
    else:
        path, reason = tmp_path / "empty.ics", "not a valid iCalendar file: it holds no " \
                                                "calendar"
        path.write_bytes(b"")
    with pytest.raises(CalendarError) as info:
        read_meetings(path, date(2026, 11, 25), TZ)
    assert str(info.value) == f"{path}: {reason}"

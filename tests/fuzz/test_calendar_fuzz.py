"""Fuzzing the calendar reader with mutated real-world-like .ics files.

Whatever the file holds, :func:`read_meetings` returns the day's meetings or raises
:class:`CalendarError` naming the file (and the events it left out are named in one short,
printable line), in bounded work: a 5 MB export, a weekly
meeting repeating since 1900, rules that repeat every second or never match, the wrong
encoding, NUL bytes. Only the days asked for are expanded, yet the meetings are exactly
those a full expansion finds. Nothing in the file is opened or run.

``data/work.ics`` is shaped like an Outlook and Google export: Windows time-zone names,
folded lines, a moved instance and cancelled ones, alarms, attendees, an all-day offsite.
"""

from __future__ import annotations

import random
import re
from datetime import UTC, date, datetime, timedelta, tzinfo
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from microtui.calendar import CalendarError, read_calendar
from tests.calendar_spies import never_expanded, parsed_texts, stepped_instances
from tests.fuzz import (
    HANG_SECONDS,
    audit,
    control_characters,
    fuzz,
    python_internals,
    time_limit,
)

DATA = Path(__file__).parent / "data"
WORK = (DATA / "work.ics").read_bytes()
BERLIN = ZoneInfo("Europe/Berlin")
DAY = date(2026, 11, 25)
#: The day's meetings in work.ics, in Berlin.
WORK_DAY = [("Team-Stand-up (verschoben)", "10:15"), ("Lunch & learn", "12:00"),
            ("Design review", "14:00"), ("Monthly numbers", "15:00")]


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("calendar-fuzz")


def read(path: Path, day: date = DAY, tz: tzinfo = BERLIN) -> list | CalendarError:
    """The day's meetings or a CalendarError, and nothing else (a read that hangs fails
    after :data:`~tests.fuzz.HANG_SECONDS`; what keeps reads short is checked by the tests
    below through what the reader does, not how long it took)."""
    with time_limit(HANG_SECONDS, f"reading {path.name}"):
        try:
            read_day = read_calendar(path, day, tz)  # read_meetings is its .meetings
            result: list | CalendarError = read_day.meetings
        except CalendarError as exc:
            result = exc
    if not isinstance(result, CalendarError):
        warning = read_day.warning
        assert bool(warning) == bool(read_day.skipped)
        if warning:
            assert warning.startswith(f"{path}: left out "), warning
            assert not control_characters(warning), warning
            assert not python_internals(warning), warning
            assert len(warning) <= len(str(path)) + 250, warning
    if isinstance(result, CalendarError):
        message = str(result)
        assert message.startswith(f"{path}: "), message
        assert message[len(f"{path}: "):].strip(), message
        assert not control_characters(message), message
        assert not python_internals(message), message
        assert len(message) <= len(str(path)) + 300, message
    else:
        for meeting in result:
            assert meeting.start.tzinfo is not None and meeting.end.tzinfo is not None
            assert meeting.start.astimezone(tz).date() == day, meeting
            assert meeting.title.strip(), meeting
            assert len(meeting.title) <= 120, meeting
            assert not control_characters(meeting.title), meeting
        assert result == sorted(result, key=lambda m: m.start)
    return result


def titles(meetings: list, tz: tzinfo = BERLIN) -> list[tuple[str, str]]:
    return [(m.title, m.start.astimezone(tz).strftime("%H:%M")) for m in meetings]


def test_the_work_calendar_reads_as_expected(workdir):
    path = workdir / "work.ics"
    path.write_bytes(WORK)
    assert titles(read(path)) == WORK_DAY
    assert titles(read(path, date(2026, 11, 18))) == [("1:1 with Kim", "16:00")]
    assert titles(read(path, date(2026, 11, 20))) == []  # EXDATE


# -- mutated files ------------------------------------------------------------------------------

ODD_TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40)
ODD_VALUES = st.one_of(
    ODD_TEXT,
    st.sampled_from([
        "", ":", ";", "20261125", "20261125T", "20261125T250000", "20260231T100000",
        "99991231T235959Z", "00010101T000000", "2026-11-25T10:00:00", "PT15M", "P99999999W",
        "-PT1H", "FREQ=SECONDLY", "FREQ=MINUTELY;INTERVAL=1", "FREQ=WEEKLY;INTERVAL=0",
        "FREQ=WEEKLY;INTERVAL=-3", "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30",
        "FREQ=WEEKLY;BYMONTHDAY=31", "FREQ=HOURLY;BYYEARDAY=366",
        "FREQ=YEARLY;BYWEEKNO=53;BYDAY=MO;BYHOUR=0,1,2,3,4,5,6,7,8,9,10,11,12",
        "FREQ=DAILY;COUNT=999999999", "FREQ=WEEKLY;UNTIL=19000101T000000Z",
        "FREQ=WEEKLY;UNTIL=garbage", "FREQ=MONTHLY;BYSETPOS=400;BYDAY=MO",
        "FREQ=DAILY;BYHOUR=0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23;"
        "BYMINUTE=0,5,10,15,20,25,30,35,40,45,50,55", "FREQ=FOO", "CANCELLED", "TENTATIVE",
        "\x00", "\x1b]0;pwned\x07", "../../etc/passwd", "$(rm -rf /)", "Mars/Olympus",
        "W. Europe Standard Time", "/mozilla.org/20050126_1/Europe/Berlin", "é" * 3000,
    ]),
)
PROPERTIES = ["DTSTART", "DTSTART;TZID=Europe/Berlin", "DTSTART;VALUE=DATE", "DTEND",
              "DTEND;TZID=W. Europe Standard Time", "DURATION", "RRULE", "EXDATE",
              "RDATE", "RECURRENCE-ID", "SUMMARY", "STATUS", "UID", "TZID", "BEGIN", "END",
              "TZOFFSETFROM", "TRIGGER", "X-FOO"]


class Mutated:
    """A mutated file, shown in failure reports by its edits."""

    def __init__(self, data: bytes, edits: list[str]):
        self.data, self.edits = data, edits

    def __repr__(self) -> str:
        return f"Mutated({'; '.join(self.edits)})"


@st.composite
def mutated_calendars(draw: st.DrawFn) -> Mutated:
    lines = WORK.decode("utf-8").split("\r\n")
    edits = []
    for _ in range(draw(st.integers(1, 5))):
        lines = lines or [""]
        i = draw(st.integers(0, len(lines) - 1))
        op = draw(st.sampled_from(["delete", "duplicate", "swap", "value", "property",
                                   "insert", "chars", "truncate"]))
        if op == "delete":
            edits.append(f"delete {lines[i]!r:.50}")
            del lines[i]
        elif op == "duplicate":
            edits.append(f"duplicate {lines[i]!r:.50}")
            lines.insert(i, lines[i])
        elif op == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            edits.append(f"swap {lines[i]!r:.40} and {lines[j]!r:.40}")
            lines[i], lines[j] = lines[j], lines[i]
        elif op == "value" and ":" in lines[i]:
            name = lines[i].split(":", 1)[0]
            lines[i] = f"{name}:{draw(ODD_VALUES)}"
            edits.append(f"set {lines[i]!r:.80}")
        elif op == "property":
            lines.insert(i, f"{draw(st.sampled_from(PROPERTIES))}:{draw(ODD_VALUES)}")
            edits.append(f"insert {lines[i]!r:.80}")
        elif op == "insert":
            new = draw(st.one_of(ODD_TEXT, st.sampled_from(
                ["BEGIN:VEVENT", "END:VEVENT", "BEGIN:VCALENDAR", "END:VCALENDAR",
                 "BEGIN:VALARM", " folded", "\t", "BEGIN:VTIMEZONE", "END:VTIMEZONE"])))
            lines.insert(i, new)
            edits.append(f"insert {new!r:.60}")
        elif op == "chars":
            at = draw(st.integers(0, len(lines[i])))
            new = draw(st.one_of(ODD_TEXT, st.sampled_from(["\x00", "\r", "\n", ";", ":",
                                                             "\\", '"', "\ufeff"])))
            edits.append(f"insert {new!r} in {lines[i]!r:.40} at {at}")
            lines[i] = lines[i][:at] + new + lines[i][at:]
        else:
            edits.append(f"truncate at {lines[i]!r:.40}")
            lines = lines[:i]
    separator = draw(st.sampled_from(["\r\n", "\r\n", "\n"]))
    encoding = draw(st.sampled_from(["utf-8"] * 6 + ["utf-8-sig", "utf-16", "latin-1",
                                                     "utf-16-le"]))
    if encoding != "utf-8":
        edits.append(f"encoded as {encoding}")
    return Mutated(separator.join(lines).encode(encoding, errors="replace"), edits)


@fuzz(150)
@given(doc=mutated_calendars(), day=st.sampled_from([DAY, date(2026, 11, 18),
                                                      date(2026, 3, 29)]))
def test_mutated_calendars_read_quickly_or_say_clearly_why_not(workdir, doc, day):
    path = workdir / "mutated.ics"
    path.write_bytes(doc.data)
    read(path, day)


@fuzz(40)
@given(cuts=st.lists(st.integers(0, 20), max_size=4), zones_in_each=st.booleans())
def test_a_file_of_several_calendars_reads_as_one(workdir, cuts, zones_in_each):
    """Some programs write one VCALENDAR block per calendar into one file: work.ics cut
    into blocks between its series (a series and its moved instances stay in one calendar)
    reads the same, each block with its time zones or the first block with all of them."""
    text = WORK.decode("utf-8")
    head, _, rest = text.partition("BEGIN:VEVENT")
    body = "BEGIN:VEVENT" + rest.rsplit("END:VCALENDAR", 1)[0]
    events = ["BEGIN:VEVENT" + e for e in body.split("BEGIN:VEVENT") if e]
    uids = [re.search(r"^UID:(.*)$", e, re.M)[1] for e in events]
    between_series = {i for i in range(1, len(events)) if uids[i] != uids[i - 1]}
    zones = head[head.index("BEGIN:VTIMEZONE"):]
    header = head[:head.index("BEGIN:VTIMEZONE")]
    at = sorted({c for c in cuts if c in between_series} | {0, len(events)})
    blocks = [header + (zones if zones_in_each or first == 0 else "")
              + "".join(events[first:last]) + "END:VCALENDAR\r\n"
              for first, last in zip(at, at[1:], strict=False)]
    path = workdir / "several.ics"
    path.write_text("".join(blocks), encoding="utf-8")
    assert text.count("BEGIN:VEVENT") == "".join(blocks).count("BEGIN:VEVENT")
    assert titles(read(path)) == WORK_DAY


# -- repeat rules -----------------------------------------------------------------------------

FREQS = ["SECONDLY", "MINUTELY", "HOURLY", "DAILY", "WEEKLY", "MONTHLY", "YEARLY"]
WEEKDAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]


@st.composite
def rrules(draw: st.DrawFn) -> str:
    """Any rule RFC 5545 can spell, with odd and out-of-range values."""
    parts = [f"FREQ={draw(st.sampled_from(FREQS))}"]

    def numbers(low: int, high: int) -> str:
        return ",".join(map(str, draw(st.lists(st.integers(low, high), min_size=1,
                                               max_size=draw(st.integers(1, 60))))))

    options = {
        "INTERVAL": lambda: str(draw(st.one_of(st.integers(-2, 3), st.integers(4, 10**6)))),
        "COUNT": lambda: str(draw(st.integers(-1, 10**9))),
        "UNTIL": lambda: draw(st.sampled_from(["19000101T000000Z", "20261125T235959Z",
                                               "99991231", "20270101T000000"])),
        "BYDAY": lambda: ",".join(draw(st.one_of(st.just(""), st.sampled_from(
            ["1", "-1", "2", "5", "-5", "53"]))) + d for d in draw(
            st.lists(st.sampled_from(WEEKDAYS), min_size=1, max_size=7, unique=True))),
        "BYMONTH": lambda: numbers(1, 12),
        "BYMONTHDAY": lambda: numbers(-31, 31).replace(",0", ",1"),
        "BYYEARDAY": lambda: numbers(-366, 366).replace(",0", ",1"),
        "BYWEEKNO": lambda: numbers(-53, 53).replace(",0", ",1"),
        "BYHOUR": lambda: numbers(0, 23),
        "BYMINUTE": lambda: numbers(0, 59),
        "BYSECOND": lambda: numbers(0, 59),
        "BYSETPOS": lambda: numbers(-366, 366).replace(",0", ",1"),
        "WKST": lambda: draw(st.sampled_from(WEEKDAYS)),
    }
    for key in draw(st.lists(st.sampled_from(sorted(options)), max_size=5, unique=True)):
        parts.append(f"{key}={options[key]()}")
    return ";".join(parts)


def one_event(rule: str, start: str, *, tzid: str = "Europe/Berlin", end: str = "PT30M",
              bare: bool = False) -> bytes:
    """A calendar of one repeating event (``bare``: the event alone, as some tools write)."""
    begin = f"DTSTART;TZID={tzid}:{start}" if tzid else f"DTSTART:{start}"
    finish = f"DURATION:{end}" if end.startswith("P") else f"DTEND:{end}"
    event = (f"BEGIN:VEVENT\r\nUID:fuzz@example.com\r\n{begin}\r\n{finish}\r\n"
             f"RRULE:{rule}\r\nSUMMARY:Fuzzed\r\nEND:VEVENT\r\n")
    if bare:
        return event.encode()
    return ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//fuzz//EN\r\n" + event
            + "END:VCALENDAR\r\n").encode()


# dateutil warns (once) that COUNT with UNTIL is deprecated: such files exist all the same.
@pytest.mark.filterwarnings("ignore:Using both 'count' and 'until':DeprecationWarning")
@fuzz(100)
@given(rule=rrules(), start=st.sampled_from(["00010101T093000", "16010101T000000",
                                             "19000103T093000", "20200229T093000",
                                             "20261124T235959", "20261125T093000",
                                             "99991231T093000", "20261125"]),
       end=st.sampled_from(["PT30M", "P1W", "PT0S", "-PT1H", "20261125T100000Z",
                            "19000103", "20261125T100000"]),
       bare=st.booleans())
def test_any_repeat_rule_is_expanded_in_bounded_time(workdir, rule, start, end, bare):
    path = workdir / "rule.ics"
    path.write_bytes(one_event(rule, start, tzid="" if len(start) == 8 else "Europe/Berlin",
                               end=end, bare=bare))
    read(path)


def reference(data: bytes, day: date, tz: tzinfo) -> list[tuple[str, datetime, datetime]]:
    """The day's meetings by a full expansion from each series' first instance: what the
    reader did before it learnt to skip ahead."""
    import icalendar
    import recurring_ical_events

    start = datetime.combine(day, datetime.min.time(), tzinfo=tz)
    found = []
    for event in recurring_ical_events.of(icalendar.Calendar.from_ical(data),
                                          skip_bad_series=True).between(
            start, start + timedelta(days=1)):
        begin = event["DTSTART"].dt
        if not isinstance(begin, datetime) or str(event.get("STATUS", "")) == "CANCELLED":
            continue
        begin = begin if begin.tzinfo else begin.replace(tzinfo=tz)
        end = event["DTEND"].dt if "DTEND" in event else begin + event["DURATION"].dt
        end = end if end.tzinfo else end.replace(tzinfo=tz)
        if begin.astimezone(tz).date() == day:
            found.append((str(event["SUMMARY"]), begin.astimezone(UTC), end.astimezone(UTC)))
    return sorted(found, key=lambda m: m[1])


ZONES = ["Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "Asia/Kathmandu",
         "Pacific/Chatham", "UTC"]


@st.composite
def realistic_series(draw: st.DrawFn) -> tuple[bytes, date, tzinfo, str]:
    """Meetings as calendar programs write them, first held up to three years before, or
    twenty to thirty-five."""
    day = DAY + timedelta(days=draw(st.integers(-400, 400)))
    # Days around the clocks changing are the interesting ones.
    day = draw(st.sampled_from([day, date(2026, 3, 29), date(2026, 10, 25),
                                date(2026, 11, 1), date(2026, 3, 8)]))
    tzid = draw(st.sampled_from(ZONES))
    first = datetime(2026, 1, 1) + timedelta(
        days=draw(st.one_of(st.integers(-1100, 700), st.integers(-13000, -7000))),
        minutes=15 * draw(st.integers(0, 95)))
    freq = draw(st.sampled_from(["DAILY", "WEEKLY", "WEEKLY", "HOURLY", "MONTHLY", "YEARLY"]))
    parts = [f"FREQ={freq}"]
    if draw(st.booleans()):
        parts.append(f"INTERVAL={draw(st.integers(1, 3))}")
    if freq in ("DAILY", "WEEKLY") and draw(st.booleans()):
        parts.append("BYDAY=" + ",".join(draw(st.lists(st.sampled_from(WEEKDAYS),
                                                        min_size=1, max_size=5, unique=True))))
    if freq == "DAILY" and "INTERVAL" not in ";".join(parts) and draw(st.booleans()):
        # Read as the same rule stepped yearly: check it finds the same days.
        parts.append("BYMONTHDAY=" + ",".join(map(str, draw(st.sets(
            st.sampled_from([1, 2, 15, 24, 25, 28, 29, 30, 31, -1, -7]), min_size=1,
            max_size=3)))))
    if freq == "HOURLY":
        parts.append("BYHOUR=" + ",".join(map(str, sorted(draw(st.sets(
            st.integers(6, 20), min_size=1, max_size=4))))))
    if freq == "MONTHLY" and draw(st.booleans()):
        parts.append(f"BYDAY={draw(st.sampled_from(['1', '2', '-1']))}"
                     f"{draw(st.sampled_from(WEEKDAYS))}")
    if draw(st.integers(0, 3)) == 0:
        until = first + timedelta(days=draw(st.integers(0, 1500)))
        parts.append(f"UNTIL={until:%Y%m%dT%H%M%S}Z")
    length = timedelta(minutes=draw(st.sampled_from([15, 30, 60, 90, 24 * 60 + 30])))
    extra = ""
    if draw(st.booleans()):
        # Cancel the instance on the day, if there is one at that time.
        extra += f"EXDATE;TZID={tzid}:{day:%Y%m%d}T{first:%H%M%S}\r\n"
    moved = ""
    if draw(st.booleans()):
        moved = (f"BEGIN:VEVENT\r\nUID:series@example.com\r\nRECURRENCE-ID;TZID={tzid}:"
                 f"{day:%Y%m%d}T{first:%H%M%S}\r\nDTSTART;TZID={tzid}:{day:%Y%m%d}T171500\r\n"
                 "DURATION:PT15M\r\nSUMMARY:Moved\r\nEND:VEVENT\r\n")
    rule = ";".join(parts)
    data = ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//fuzz//EN\r\nBEGIN:VEVENT\r\n"
            f"UID:series@example.com\r\nDTSTART;TZID={tzid}:{first:%Y%m%dT%H%M%S}\r\n"
            f"DTEND;TZID={tzid}:{first + length:%Y%m%dT%H%M%S}\r\nRRULE:{rule}\r\n{extra}"
            f"SUMMARY:Series\r\nEND:VEVENT\r\n{moved}END:VCALENDAR\r\n").encode()
    tz = ZoneInfo(draw(st.sampled_from(ZONES)))
    return data, day, tz, f"{rule} from {first:%Y-%m-%d %H:%M} {tzid}, read {day} in {tz}"


@fuzz(100)
@given(case=realistic_series())
def test_skipping_ahead_finds_exactly_what_a_full_expansion_finds(workdir, case):
    data, day, tz, _ = case
    path = workdir / "series.ics"
    path.write_bytes(data)
    got = read(path, day, tz)
    assert not isinstance(got, CalendarError), got
    assert [(m.title, m.start.astimezone(UTC), m.end.astimezone(UTC)) for m in got] == \
        reference(data, day, tz)


def test_an_unbounded_weekly_meeting_since_1900_is_read_quickly(workdir):
    path = workdir / "weekly.ics"
    for start in ("19000103T093000", "00010103T093000"):
        path.write_bytes(one_event("FREQ=WEEKLY;BYDAY=WE", start))
        with stepped_instances() as stepped:  # from just before the day, not from 1900
            assert titles(read(path)) == [("Fuzzed", "09:30")]
        assert 0 < stepped.count <= 50, f"from {start}: {stepped.count} instances"


@pytest.mark.parametrize("rule", [
    "FREQ=SECONDLY", "FREQ=MINUTELY", "FREQ=WEEKLY;INTERVAL=0",
    "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30", "FREQ=HOURLY;BYMONTH=2;BYMONTHDAY=30",
    "FREQ=YEARLY;BYDAY=MO,TU,WE,TH,FR,SA,SU;BYHOUR=0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,"
    "17,18,19,20,21,22,23;BYMINUTE=0,10,20,30,40,50",
])
def test_rules_that_once_hung_the_reader_are_read_quickly(workdir, rule):
    path = workdir / "hang.ics"
    path.write_bytes(one_event(rule, "20000103T093000"))
    with never_expanded(rule):  # left out before expansion, not cut short during it
        read(path)


def five_megabytes() -> tuple[bytes, set[str]]:
    """Ten years of a busy work calendar: 5 MB, one event in twenty a weekly series; and the
    titles of the meetings on DAY (a Wednesday)."""
    rnd = random.Random(7)
    parts = ["BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//fuzz//EN\r\n"]
    size, n = 0, 0
    expected = set()
    while size < 5 * 1024 * 1024:
        start = datetime(2016, 1, 4, 8) + timedelta(days=rnd.randrange(3650),
                                                    minutes=15 * rnd.randrange(40))
        weekly = n % 20 == 0
        rule = "RRULE:FREQ=WEEKLY;BYDAY=MO,WE\r\n" if weekly else ""
        if start.date() == DAY or (weekly and start.date() <= DAY):
            expected.add(f"Meeting {n}")
        event = (f"BEGIN:VEVENT\r\nUID:event-{n}@example.com\r\nDTSTAMP:20260101T000000Z\r\n"
                 f"DTSTART;TZID=Europe/Berlin:{start:%Y%m%dT%H%M%S}\r\n"
                 f"DTEND;TZID=Europe/Berlin:{start + timedelta(minutes=30):%Y%m%dT%H%M%S}\r\n"
                 f"{rule}SUMMARY:Meeting {n}\r\nDESCRIPTION:{'Agenda and notes. ' * 10}\r\n"
                 f"LOCATION:Room {n % 17}\r\nEND:VEVENT\r\n")
        parts.append(event)
        size += len(event)
        n += 1
    parts.append("END:VCALENDAR\r\n")
    return "".join(parts).encode(), expected


def test_a_5_mb_calendar_is_read_in_seconds(workdir):
    data, expected = five_megabytes()
    assert len(data) >= 5 * 1024 * 1024 and len(expected) > 300
    path = workdir / "big.ics"
    path.write_bytes(data)
    with parsed_texts() as texts, stepped_instances() as stepped:
        meetings = read(path)
    assert {m.title for m in meetings} == expected
    # Only what can fall on the day is parsed (the weekly series, one event in twenty,
    # and the one-off events near it), and each series is expanded from near the day.
    events = data.count(b"BEGIN:VEVENT")
    [text] = texts
    assert text.count("BEGIN:VEVENT") < events / 10, (text.count("BEGIN:VEVENT"), events)
    assert stepped.count <= 20 * text.count("BEGIN:VEVENT"), stepped.count


# -- encodings -------------------------------------------------------------------------------

GERMAN = WORK.decode("utf-8").replace("SUMMARY:Design review", "SUMMARY:Design-Überprüfung")


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le",
                                      "utf-16-be", "utf-32", "latin-1", "cp1252"])
def test_encodings_calendar_programs_write(workdir, encoding):
    path = workdir / f"{encoding}.ics"
    path.write_bytes(GERMAN.encode(encoding))
    assert ("Design-Überprüfung", "14:00") in titles(read(path))


@fuzz(60)
@given(junk=st.lists(st.tuples(st.integers(0, len(WORK)),
                               st.sampled_from([b"\x00", b"\xff", b"\xfe\xff", b"\xc3",
                                                b"\xed\xa0\x80", b"\x80\x80", b"\xef\xbb\xbf",
                                                b"\x1b[2J", b"\r", b"\x00\x00\x00"])),
                     min_size=1, max_size=6))
def test_stray_bytes(workdir, junk):
    data = bytearray(WORK)
    for at, blob in sorted(junk, reverse=True):
        data[at:at] = blob
    path = workdir / "junk.ics"
    path.write_bytes(bytes(data))
    read(path)


def test_nul_bytes_and_escapes_in_a_title_are_not_shown(workdir):
    path = workdir / "nul.ics"
    path.write_bytes(WORK.replace(b"SUMMARY:Design review",
                                  b"SUMMARY:Design\x00 review\x1b]0;pwned\x07"))
    assert ("Design review ]0;pwned", "14:00") in titles(read(path))


def test_not_a_calendar_at_all(workdir):
    for name, data in [("empty.ics", b""), ("binary.ics", bytes(range(256)) * 100),
                       ("toml.ics", (DATA.parents[2] / "exercises.toml").read_bytes()),
                       ("one-long-line.ics", b"BEGIN:VCALENDAR" + b"x" * 1_000_000)]:
        path = workdir / name
        path.write_bytes(data)
        result = read(path)
        assert isinstance(result, CalendarError) or result == []


# -- nothing in the file is opened or run ----------------------------------------------------------

HOSTILE = ["../../etc/passwd", "/etc/shadow", "file:///etc/passwd", "$(touch /tmp/pwned)",
           "`touch /tmp/microtui-pwned`", "; rm -rf / #", "\\\\server\\share\\x.ics",
           "http://127.0.0.1:9/x.ics", "~/.ssh/id_rsa"]


@fuzz(40)
@given(hostile=st.sampled_from(HOSTILE), where=st.sets(st.sampled_from(
    ["SUMMARY", "LOCATION", "DESCRIPTION", "ATTACH", "URL", "TZID", "X-WR-TIMEZONE",
     "UID"]), min_size=1))
def test_paths_and_commands_in_a_calendar_are_only_text(workdir, hostile, where):
    escaped = hostile.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    title = escaped if "SUMMARY" in where else "Design review"
    lines = "".join(f"\r\n{name}:{escaped}" for name in sorted(where - {"SUMMARY", "TZID",
                                                                         "UID"}))
    text = WORK.decode("utf-8").replace("SUMMARY:Design review", f"SUMMARY:{title}{lines}")
    if "UID" in where:
        text = text.replace("UID:7kukuqrfedlm2f9t0vr42q8m1k@google.com", f"UID:{escaped}")
    if "TZID" in where:
        text = text.replace("TZID=Europe/Berlin", f"TZID={hostile}")
    path = workdir / "hostile.ics"
    path.write_bytes(text.encode())
    read(path)  # warm up: imports open their own files
    with audit() as log:
        result = read(path)
    assert log.opened_other_than(path) == []
    assert log.dangerous == []
    assert not Path("/tmp/microtui-pwned").exists() and not Path("/tmp/pwned").exists()
    if "SUMMARY" in where and not isinstance(result, CalendarError):
        assert (hostile, "14:00") in titles(result)

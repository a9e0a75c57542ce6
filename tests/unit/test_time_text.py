"""Times, durations and weekdays as text: the one parser or formatter for each kind."""

from __future__ import annotations

from datetime import date, time

import pytest

from microtui.core.loader import builtin_path, load_library
from microtui.core.routine import routine_from_dict
from microtui.core.schedule import ScheduleSettings, SettingsError
from microtui.core.time_text import (
    fmt_duration,
    fmt_seconds,
    format_weekdays,
    iso_day,
    minutes_text,
    number_text,
    parse_hhmm,
    parse_minutes,
    parse_weekdays,
    typed_text,
    weekday_number,
)

# -- a time of day ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("9:30", time(9, 30)), ("09:30", time(9, 30)), (" 0930 ", time(9, 30)),
     ("23:59", time(23, 59)), ("00:00", time(0))],
)
def test_parse_hhmm_accepts_times_of_day(raw, expected):
    assert parse_hhmm(raw) == expected


@pytest.mark.parametrize(
    ("raw", "message"),
    [("", "enter a time"), ("25:00", "not a time of day"), ("12:60", "not a time of day"),
     ("noon", "not a time"), ("1:2", "not a time")],
)
def test_parse_hhmm_rejects_anything_else(raw, message):
    with pytest.raises(ValueError, match=message):
        parse_hhmm(raw)


@pytest.mark.parametrize("text", ["9", "09:5", "24:00", "12:60", "noon", "", "9.30"])
def test_parse_hhmm_rejects(text):
    with pytest.raises(ValueError):
        parse_hhmm(text)


def test_parse_hhmm_accepts_one_digit_hours():
    assert parse_hhmm("9:05") == time(9, 5)
    assert parse_hhmm(" 17:30 ") == time(17, 30)


@pytest.mark.parametrize(("raw", "expected"), [
    ("0930", time(9, 30)), ("930", time(9, 30)), ("1330", time(13, 30)), ("0000", time(0)),
    ("2359", time(23, 59)), ("\t13:30\n", time(13, 30)),
])
def test_parse_hhmm_accepts_four_digits_without_a_colon(raw, expected):
    assert parse_hhmm(raw) == expected


@pytest.mark.parametrize(("raw", "message"), [
    ("", "enter a time like 09:00"),
    ("   ", "enter a time like 09:00"),
    ("noon", "noon: not a time; use HH:MM, like 09:00"),
    ("9.30", "9.30: not a time; use HH:MM, like 09:00"),
    ("09:30:15", "09:30:15: not a time; use HH:MM, like 09:00"),
    ("12345", "12345: not a time; use HH:MM, like 09:00"),
    ("2400", "2400 is not a time of day; use HH:MM, like 09:00"),
    ("25:00", "25:00 is not a time of day; use HH:MM, like 09:00"),
    ("0960", "0960 is not a time of day; use HH:MM, like 09:00"),
    ("\x1b[2J" + "9" * 40, f"�[2J{'9' * 19}…: not a time; use HH:MM, like 09:00"),
])
def test_parse_hhmm_says_what_is_wrong(raw, message):
    with pytest.raises(ValueError) as caught:
        parse_hhmm(raw)
    assert str(caught.value) == message


def test_every_reader_of_a_time_of_day_accepts_the_same_times():
    """The settings file and a saved routine read times as the form and Today do."""
    settings = ScheduleSettings.from_dict({"workday_start": "0830", "workday_end": "1730"})
    assert (settings.workday_start, settings.workday_end) == (time(8, 30), time(17, 30))
    assert ScheduleSettings.from_dict({"workday_start": "8:30"}).workday_start == time(8, 30)
    with pytest.raises(SettingsError, match="workday_start"):
        ScheduleSettings.from_dict({"workday_start": "9.30"})
    routine = {"v": 1, "id": "r", "name": "R", "triggers": [
        {"kind": "fixed-time", "name": "Mid-afternoon", "cue": "", "at": "1330",
         "items": [{"id": "ankle-pumps"}]}]}
    exercises = load_library([builtin_path()]).exercises
    assert routine_from_dict(routine, exercises).triggers[0].at == time(13, 30)


# -- minutes, weekdays ------------------------------------------------------------------------


def test_leading_zeros_and_other_scripts_digits_are_minutes():
    assert parse_minutes("0" * 5000 + "20") == 20
    assert parse_minutes("١٥") == 15
    assert parse_hhmm("١٢:٣٠") == time(12, 30)


@pytest.mark.parametrize(("text", "days"), [
    ("mon-fri", {0, 1, 2, 3, 4}),
    ("mon, wed, fri", {0, 2, 4}),
    ("Monday tuesday", {0, 1}),
    ("sat-sun", {5, 6}),
])
def test_parse_weekdays(text, days):
    assert parse_weekdays(text) == frozenset(days)


@pytest.mark.parametrize("text", ["", "funday", "fri-mon", "mon-tue-wed"])
def test_parse_weekdays_rejects(text):
    with pytest.raises(ValueError):
        parse_weekdays(text)


@pytest.mark.parametrize(("days", "text"), [
    ({0, 1, 2, 3, 4}, "mon-fri"), ({0, 2, 4}, "mon, wed, fri"), ({5, 6}, "sat, sun"),
    ({0, 1, 2, 4}, "mon-wed, fri"),
])
def test_format_weekdays_round_trips(days, text):
    assert format_weekdays(days) == text
    assert parse_weekdays(text) == frozenset(days)


# -- what the app writes ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("seconds", "text"),
    [(1, "1 min"), (59, "1 min"), (60, "1 min"), (61, "2 min"), (12 * 60, "12 min"),
     (3600, "1 h"), (3601, "1 h 1 min"), (65 * 60, "1 h 5 min"), (0, "0 min")],
)
def test_minutes_text_rounds_up_to_whole_minutes(seconds, text):
    assert minutes_text(seconds) == text


@pytest.mark.parametrize(("value", "text"), [
    (28, "28"), (28.0, "28"), (7.5, "7.5"), (0, "0"), (1e9, "1e+09"), (0.1 + 0.2, "0.3"),
])
def test_number_text(value, text):
    assert number_text(value) == text


def test_fmt_seconds_is_a_number_of_seconds():
    assert fmt_seconds(12) == "12 s" and fmt_seconds(0.5) == "0.5 s"


@pytest.mark.parametrize(("seconds", "text"), [
    (-5, "0 min"), (1e-9, "0 min"), (17 * 60 + 1, "18 min"), (59 * 60 + 1, "1 h"),
    (61 * 60, "1 h 1 min"), (1234 * 3600, "1,234 h"), (1234 * 3600 + 60, "1,234 h 1 min"),
])
def test_minutes_text_more(seconds, text):
    assert minutes_text(seconds) == text


@pytest.mark.parametrize(("value", "day"), [
    ("2026-11-25", date(2026, 11, 25)), ("2026-11-25T09:30:00+01:00", date(2026, 11, 25)),
    ("2026-11-25 23:59", date(2026, 11, 25)), ("2026-02-30", None), ("yesterday", None),
    ("", None), (None, None), (20261125, None), (date(2026, 11, 25), None),
])
def test_iso_day_is_the_day_a_stored_record_is_of(value, day):
    assert iso_day(value) == day


def test_weekday_number_reads_short_and_full_names():
    assert weekday_number("mon") == weekday_number(" Monday ") == 0
    assert weekday_number("SUN") == 6
    assert weekday_number("funday") is None and weekday_number("") is None


def test_typed_text_is_one_short_printable_line():
    assert typed_text("  ") == "empty"
    assert typed_text("a\x00b") == "a�b"
    assert typed_text("x" * 30) == "x" * 23 + "…"
    assert typed_text("mon-fry", quote=True) == "'mon-fry'"


def test_huge_set_times_are_written_briefly():
    assert fmt_seconds(1.25e84) == "1.25e+84 s"
    assert fmt_seconds(28) == "28 s" and fmt_seconds(7.5) == "7.5 s"


@pytest.mark.parametrize(("seconds", "text"), [
    (0, "0 s"), (42.4, "42 s"), (59.6, "1 min"), (75, "1 min 15 s"), (120, "2 min"),
])
def test_fmt_duration(seconds, text):
    assert fmt_duration(seconds) == text


@pytest.mark.parametrize(("seconds", "text"), [
    (44, "44 s"), (1, "1 s"), (59.4, "59 s"), (59.5, "1 min"), (60, "1 min"), (61, "2 min"),
    (0, "0 min"), (-3, "0 min"), (3601, "1 h 1 min"),
])
def test_minutes_text_says_seconds_under_a_minute_when_asked(seconds, text):
    assert minutes_text(seconds, seconds_under_a_minute=True) == text

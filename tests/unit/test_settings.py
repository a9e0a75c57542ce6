"""UserSettings: what settings.json holds, read strictly for the schedule and leniently for
the rest, and written back without losing anything the app did not change."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from microtui.core.schedule import ScheduleSettings
from microtui.core.settings import (
    Accepted,
    FirstSeen,
    Notifications,
    ProgressionLog,
    SettingsError,
    UserSettings,
)

KNOWN = {"schedule", "active_routine", "calendar", "notifications", "theme", "first_seen",
         "progression"}
CET = timezone(timedelta(hours=1))
SEEN = datetime(2026, 11, 25, 8, 52, 10, tzinfo=CET)


# -- reading: a table of what is stored and what it means --------------------------------------


def test_nothing_stored_is_the_defaults():
    settings = UserSettings.from_dict({})
    assert settings == UserSettings()
    assert settings.schedule == ScheduleSettings()
    assert settings.active_routine_id is None and settings.calendar is None
    assert settings.notifications == Notifications(None, None)
    assert settings.theme is None and settings.first_seen is None
    assert settings.progression == ProgressionLog({}, ())
    assert settings.extra == {}
    assert settings.to_dict() == {}


def test_every_key_as_the_app_writes_it():
    raw = {
        "schedule": {"workday_start": "08:00", "workday_end": "16:30",
                     "working_weekdays": ["mon", "tue"], "interval_minutes": 20},
        "active_routine": "desk-day",
        "calendar": "~/calendar.ics",
        "notifications": {"desktop": "osc777", "autostart_seconds": 20},
        "theme": "dark",
        "first_seen": {"date": "2026-11-25", "at": SEEN.isoformat()},
        "progression": {"declined": {"chest-opener": "2026-11-15"},
                        "accepted": [{"accepted": {"exercise": "chest-opener", "kind": "hold",
                                                   "hold_seconds": 2.0},
                                      "date": "2026-11-20"}]},
    }
    settings = UserSettings.from_dict(raw)
    assert settings.schedule == ScheduleSettings(time(8), time(16, 30), frozenset({0, 1}), 20)
    assert settings.active_routine_id == "desk-day"
    assert settings.calendar == "~/calendar.ics"
    assert settings.notifications == Notifications("osc777", 20)
    assert settings.theme == "dark"
    assert settings.first_seen == FirstSeen(date(2026, 11, 25), SEEN)
    assert settings.progression == ProgressionLog(
        {"chest-opener": date(2026, 11, 15)},
        (Accepted("chest-opener", "hold", date(2026, 11, 20), 2.0),))
    assert settings.to_dict() == raw


@pytest.mark.parametrize(("raw", "field", "expected"), [
    # Lenient, as the app always read them: what does not read is unset.
    ({"notifications": {"desktop": "beep"}}, "notifications", Notifications()),
    ({"notifications": {"desktop": "osc9", "autostart_seconds": "10"}}, "notifications",
     Notifications("osc9")),
    ({"notifications": {"autostart_seconds": True}}, "notifications", Notifications()),
    ({"notifications": ["osc9"]}, "notifications", Notifications()),
    ({"calendar": 5}, "calendar", None),
    ({"calendar": None}, "calendar", None),
    ({"active_routine": ["a"]}, "active_routine_id", None),
    ({"theme": {"name": "dark"}}, "theme", None),
    ({"first_seen": {"date": "2026-11-25"}}, "first_seen", None),
    ({"first_seen": {"date": "2026-11-25", "at": "this morning"}}, "first_seen", None),
    ({"first_seen": "2026-11-25"}, "first_seen", None),
    ({"progression": "lots"}, "progression", ProgressionLog()),
    ({"progression": {"declined": {"a": "2026-11-01", "b": "soon", "c": 3},
                      "accepted": [{"accepted": {"exercise": "x"}, "date": "2026-11-02"},
                                   {"accepted": {"kind": "band"}, "date": "2026-11-02"},
                                   {"accepted": {"exercise": "y"}}, "z", None]}},
     "progression", ProgressionLog({"a": date(2026, 11, 1)},
                                   (Accepted("x", "", date(2026, 11, 2)),))),
    # Missing or empty schedules are the defaults.
    ({"schedule": None}, "schedule", ScheduleSettings()),
    ({"schedule": {}}, "schedule", ScheduleSettings()),
    ({"schedule": ""}, "schedule", ScheduleSettings()),
])
def test_values_that_do_not_read_are_unset_and_kept(raw, field, expected):
    settings = UserSettings.from_dict(raw)
    assert getattr(settings, field) == expected
    assert settings.to_dict() == raw  # written back as they were


@pytest.mark.parametrize(("schedule", "field", "says"), [
    ({"workday_start": "nine"}, "schedule.workday_start", "must be a time"),
    ({"workday_start": "17:00", "workday_end": "09:00"}, "schedule.workday_end", "after"),
    ({"grace_minutes": 0}, "schedule.grace_minutes", "at least 1"),
    ({"lunch": "12:00"}, "schedule.lunch", "unknown setting"),
    ("09:00-17:00", "schedule", "must be an object"),
    ([1], "schedule", "must be an object"),
])
def test_an_invalid_schedule_is_refused_naming_the_field(schedule, field, says):
    with pytest.raises(SettingsError, match=says) as caught:
        UserSettings.from_dict({"schedule": schedule, "theme": "dark"})
    assert caught.value.field == field
    assert field in str(caught.value)
    # Lenient (a read-only view): the fields that read, else the defaults; kept as stored.
    lenient = UserSettings.from_dict({"schedule": schedule}, lenient=True)
    assert lenient.schedule == ScheduleSettings()
    assert lenient.to_dict() == {"schedule": schedule}


def test_lenient_reading_uses_the_known_schedule_fields():
    raw = {"schedule": {"workday_start": "08:00", "lunch": "12:00"}}
    assert UserSettings.from_dict(raw, lenient=True).schedule.workday_start == time(8)


def test_the_settings_must_be_an_object():
    with pytest.raises(SettingsError, match="must be an object"):
        UserSettings.from_dict(["theme"])  # type: ignore[arg-type]


def test_extra_holds_only_unknown_keys():
    assert UserSettings.from_dict({"n": 1, "theme": "x"}).extra == {"n": 1}
    with pytest.raises(ValueError, match="theme"):
        UserSettings(extra={"theme": "dark"})


# -- the changes the app makes -----------------------------------------------------------------


def test_first_seen_is_recorded_for_its_own_day():
    settings = UserSettings().with_first_seen(SEEN)
    assert settings.first_seen == FirstSeen(date(2026, 11, 25), SEEN)
    assert settings.first_seen_on(date(2026, 11, 25)) == SEEN
    assert settings.first_seen_on(date(2026, 11, 26)) is None
    assert UserSettings().first_seen_on(date(2026, 11, 25)) is None
    assert settings.to_dict() == {"first_seen": {"date": "2026-11-25",
                                                 "at": "2026-11-25T08:52:10+01:00"}}


def test_changes_keep_the_rest_as_stored():
    raw = {"theme": "dark", "future": [1], "notifications": {"desktop": "beep", "sound": 1},
           "schedule": {"grace_minutes": 12}}
    settings = UserSettings.from_dict(raw).with_active_routine("mine")
    assert settings.to_dict() == {**raw, "active_routine": "mine"}
    autostart = replace(settings,
                        notifications=settings.notifications._replace(autostart_seconds=30))
    assert autostart.to_dict()["notifications"] == {"desktop": "beep", "sound": 1,
                                                     "autostart_seconds": 30}
    calendar = replace(UserSettings.from_dict({"calendar": "~/a.ics"}), calendar=None)
    assert calendar.to_dict() == {"calendar": None}
    schedule = replace(settings, schedule=replace(settings.schedule, grace_minutes=15))
    assert schedule.to_dict()["schedule"] == replace(settings.schedule,
                                                     grace_minutes=15).to_dict()


def test_progression_decisions_are_added_and_the_unreadable_entries_kept():
    raw = {"progression": {"declined": {"b": "soon", "a": "2026-11-01"},
                           "accepted": ["junk", {"accepted": {"exercise": "x", "kind": "band",
                                                              "hold_seconds": 0},
                                                 "date": "2026-11-02"}],
                           "note": "mine"}}
    settings = UserSettings.from_dict(raw).with_declined("c", date(2026, 11, 25))
    assert settings.progression.declined == {"a": date(2026, 11, 1), "c": date(2026, 11, 25)}
    band = Accepted("y", "hold", date(2026, 11, 25), 2.0)
    settings = settings.with_accepted([band])
    assert settings.progression.accepted == (Accepted("x", "band", date(2026, 11, 2)), band)
    assert settings.to_dict() == {"progression": {
        "declined": {"b": "soon", "a": "2026-11-01", "c": "2026-11-25"},
        "accepted": [*raw["progression"]["accepted"],
                     {"accepted": {"exercise": "y", "kind": "hold", "hold_seconds": 2.0},
                      "date": "2026-11-25"}],
        "note": "mine"}}
    again = settings.with_declined("a", date(2026, 11, 26))
    assert again.to_dict()["progression"]["declined"]["a"] == "2026-11-26"


def test_accepted_entries_read_and_write_the_log_form():
    entry = {"accepted": {"exercise": "hip-abduction", "kind": "band", "hold_seconds": 0},
             "date": "2026-11-12"}
    accepted = Accepted.from_dict(entry)
    assert accepted == Accepted("hip-abduction", "band", date(2026, 11, 12))
    assert Accepted.from_dict(accepted.to_dict()) == accepted
    for bad in ({"accepted": {"kind": "band"}, "date": "2026-11-12"}, {"date": "2026-11-12"},
                {"accepted": {"exercise": "x"}, "date": "soon"}, "x"):
        with pytest.raises(ValueError, match="not an accepted progression"):
            Accepted.from_dict(bad)


def test_the_calendar_keeps_its_tilde_and_expands_when_used(monkeypatch, tmp_path):
    monkeypatch.setenv("HOME", str(tmp_path))
    settings = UserSettings.from_dict({"calendar": "~/calendar.ics"})
    assert settings.calendar == "~/calendar.ics"
    assert settings.calendar_path() == tmp_path / "calendar.ics"
    assert settings.to_dict() == {"calendar": "~/calendar.ics"}
    assert UserSettings(calendar="").calendar_path() is None
    assert UserSettings(calendar="/a/b.ics").calendar_path() == Path("/a/b.ics")


# -- round-trips ---------------------------------------------------------------------------------


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=5)
    | st.floats(allow_nan=False, allow_infinity=False),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner,
                                                                max_size=3),
    max_leaves=6,
)
unknown_keys = st.text(max_size=8).filter(lambda key: key not in KNOWN)
days = st.dates(date(1000, 1, 1), date(9999, 12, 31))
iso_days = days.map(date.isoformat)
zones = st.sampled_from([None, UTC, CET, timezone(timedelta(hours=-5, minutes=-30))])
moments = st.builds(lambda at, tz: at.replace(tzinfo=tz),
                    st.datetimes(datetime(1000, 1, 1), datetime(9999, 12, 30)), zones)


@st.composite
def schedules(draw: st.DrawFn) -> ScheduleSettings:
    start = draw(st.integers(0, 22 * 60))
    end = draw(st.integers(start + 1, 23 * 60 + 59))
    return ScheduleSettings(
        time(*divmod(start, 60)), time(*divmod(end, 60)),
        draw(st.frozensets(st.integers(0, 6), min_size=1)),
        draw(st.none() | st.integers(1, 600)), draw(st.none() | st.integers(0, 60)),
        draw(st.integers(1, 60)), draw(st.integers(0, 60)), draw(st.integers(1, 60)))


accepted_entries = st.builds(Accepted, st.text(max_size=5), st.text(max_size=5), days,
                             st.floats(-100, 100))
raw_accepted = accepted_entries.map(Accepted.to_dict) | json_values
raw_values = {
    "schedule": st.sampled_from([None, {}, ""]) | schedules().map(ScheduleSettings.to_dict)
    | st.fixed_dictionaries({}, optional={"workday_start": st.sampled_from(["7:00", "08:15"]),
                                          "grace_minutes": st.integers(1, 9)}),
    "active_routine": st.text(max_size=5) | json_values,
    "calendar": st.text(max_size=5) | json_values,
    "notifications": st.fixed_dictionaries({}, optional={
        "desktop": st.sampled_from(["osc9", "osc777", "beep", None]),
        "autostart_seconds": st.integers() | json_values, "other": json_values}) | json_values,
    "theme": st.text(max_size=5) | json_values,
    "first_seen": st.fixed_dictionaries({}, optional={
        "date": iso_days | json_values,
        "at": moments.map(datetime.isoformat) | json_values}) | json_values,
    "progression": st.fixed_dictionaries({}, optional={
        "declined": st.dictionaries(st.text(max_size=5), iso_days | json_values, max_size=4)
        | json_values,
        "accepted": st.lists(raw_accepted, max_size=4) | json_values,
        "other": json_values}) | json_values,
}
raw_settings = st.builds(
    lambda known, extra: {**extra, **known},
    st.fixed_dictionaries({}, optional=raw_values),
    st.dictionaries(unknown_keys, json_values, max_size=3),
)
values = {
    "schedule": schedules(),
    "active_routine_id": st.none() | st.text(max_size=5),
    "calendar": st.none() | st.text(max_size=5),
    "notifications": st.builds(Notifications, st.sampled_from([None, "osc9", "osc777"]),
                               st.none() | st.integers()),
    "theme": st.none() | st.text(max_size=5),
    "first_seen": st.none() | st.builds(FirstSeen, days, moments),
    "progression": st.builds(
        ProgressionLog, st.dictionaries(st.text(max_size=5), days, max_size=4),
        st.lists(accepted_entries, max_size=4).map(tuple)),
    "extra": st.dictionaries(unknown_keys, json_values, max_size=3),
}


@given(raw_settings)
def test_what_is_read_is_written_back_unchanged(raw: dict[str, Any]):
    assert UserSettings.from_dict(raw).to_dict() == raw
    assert UserSettings.from_dict(raw, lenient=True).to_dict() == raw


@given(raw_settings, st.fixed_dictionaries({}, optional=values))
def test_what_is_written_reads_as_the_same_settings(raw: dict[str, Any],
                                                    changes: dict[str, Any]):
    settings = replace(UserSettings.from_dict(raw), **changes)
    assert UserSettings.from_dict(settings.to_dict()) == settings


@given(raw_values["progression"], values["progression"])
def test_a_progression_log_merged_into_what_was_stored_reads_as_itself(
        old: Any, log: ProgressionLog):
    assert ProgressionLog.from_dict(log.to_dict(old)) == log


@given(raw_values["notifications"], values["notifications"])
def test_notifications_merged_into_what_was_stored_read_as_themselves(
        old: Any, notifications: Notifications):
    assert Notifications.from_dict(notifications.to_dict(old)) == notifications


def test_accepted_entries_no_longer_wanted_are_dropped():
    a, b, c = (Accepted(x, "hold", date(2026, 11, 1 + n), 2.0) for n, x in enumerate("abc"))
    old = {"accepted": [a.to_dict(), "junk", b.to_dict(), c.to_dict()]}
    assert ProgressionLog({}, (a, c)).to_dict(old) == {
        "accepted": [a.to_dict(), "junk", c.to_dict()]}
    assert ProgressionLog({}, (c, a)).to_dict(old) == {
        "accepted": ["junk", c.to_dict(), a.to_dict()]}
    assert ProgressionLog({}, ()).to_dict(old) == {"accepted": ["junk"]}

"""Check-ins and mobility measurements: the records, their validation, and when a mobility
screen is due."""

from __future__ import annotations

import math
from datetime import UTC, date, datetime

import pytest

from microtui.core.checkin import (
    MOBILITY_FIELDS,
    CheckinError,
    check_degrees,
    check_rating,
    checkin_due,
    checkin_for,
    make_checkin,
    make_mobility,
    mobility_due,
    mobility_problems,
    mobility_status,
    validate_checkin,
)

WED = date(2026, 11, 25)
AT = datetime(2026, 11, 25, 9, 2, 11, tzinfo=UTC)
GOOD = {"stiffness": 6, "energy": 4, "focus": 7}
ANGLES = {"hip_flexion_left": 95, "hip_flexion_right": 100, "neck_rotation_left": 70,
          "neck_rotation_right": 72.5}


def test_a_checkin_record_has_the_documented_shape():
    assert make_checkin(WED, "start", GOOD, AT) == {
        "v": 1, "date": "2026-11-25", "moment": "start",
        "stiffness": 6, "energy": 4, "focus": 7, "at": "2026-11-25T09:02:11+00:00",
    }


def test_whole_floats_become_ints_and_the_ends_of_the_scale_are_allowed():
    record = make_checkin(WED, "end", {"stiffness": 1.0, "energy": 10, "focus": 1}, AT)
    assert (record["stiffness"], record["energy"], record["focus"]) == (1, 10, 1)
    assert type(record["stiffness"]) is int


@pytest.mark.parametrize(("metric", "value"), [
    ("stiffness", 0), ("stiffness", 11), ("energy", 5.5), ("energy", "5"),
    ("focus", True), ("focus", None), ("stiffness", -3), ("focus", math.nan),
])
def test_a_rating_outside_1_to_10_is_refused_naming_its_field(metric, value):
    with pytest.raises(CheckinError) as caught:
        make_checkin(WED, "start", {**GOOD, metric: value}, AT)
    assert caught.value.field == metric
    assert str(caught.value).startswith(f"{metric}:")


@pytest.mark.parametrize(("record", "field"), [
    ({"moment": "noon"}, "moment"),
    ({"date": "2026-13-01"}, "date"),
    ({"date": 20261125}, "date"),
    ({"at": "yesterday"}, "at"),
    ({"at": None}, "at"),
])
def test_bad_checkin_fields_are_refused(record, field):
    base = {"date": "2026-11-25", "moment": "start", **GOOD, "at": AT.isoformat()}
    with pytest.raises(CheckinError) as caught:
        validate_checkin({**base, **record})
    assert caught.value.field == field


def test_check_rating_returns_an_int():
    assert check_rating("focus", 7.0) == 7


def test_checkin_for_and_checkin_due():
    records = [make_checkin(WED, "start", GOOD, AT)]
    assert checkin_for(records, WED, "start")["focus"] == 7
    assert checkin_for(records, WED, "end") is None
    assert not checkin_due(records, WED, "start")
    assert checkin_due(records, WED, "end")
    assert checkin_due(records, date(2026, 11, 26), "start")


# -- mobility -----------------------------------------------------------------------------


def test_a_measurement_record_has_the_documented_shape():
    assert make_mobility(WED, ANGLES) == {"v": 1, "date": "2026-11-25", **ANGLES}


@pytest.mark.parametrize(("typed", "expected"), [
    ("90", 90), (" 92.5 ", 92.5), ("0", 0), ("180", 180), ("45°", 45), (100, 100),
    (99.0, 99),
])
def test_degrees_typed_or_given(typed, expected):
    value = check_degrees("hip_flexion_left", typed)
    assert value == expected
    assert type(value) is type(expected)


@pytest.mark.parametrize(("typed", "says"), [
    ("200", "200° is outside 0–180 degrees"),
    (200, "200° is outside 0–180 degrees"),
    ("-1", "-1° is outside 0–180 degrees"),
    ("180.5", "180.5° is outside 0–180 degrees"),
    ("abc", "'abc' is not a number of degrees"),
    ("", "enter degrees from 0 to 180"),
    (None, "must be a number of degrees"),
    (math.inf, "must be a number of degrees"),
])
def test_degrees_outside_0_to_180_are_refused_naming_the_field(typed, says):
    with pytest.raises(CheckinError) as caught:
        check_degrees("neck_rotation_right", typed)
    assert caught.value.field == "neck_rotation_right"
    assert says in caught.value.reason
    assert str(caught.value).startswith("neck_rotation_right: ")


def test_a_measurement_missing_a_field_names_it():
    angles = {k: v for k, v in ANGLES.items() if k != "neck_rotation_left"}
    with pytest.raises(CheckinError, match="neck_rotation_left"):
        make_mobility(WED, angles)


def test_mobility_problems_lists_every_refused_field_at_once():
    problems = mobility_problems({**ANGLES, "hip_flexion_left": "200",
                                  "neck_rotation_right": "x"})
    assert sorted(problems) == ["hip_flexion_left", "neck_rotation_right"]
    assert mobility_problems(ANGLES) == {}
    assert sorted(mobility_problems({})) == sorted(MOBILITY_FIELDS)


def test_an_unknown_field_is_refused():
    with pytest.raises(CheckinError):
        check_degrees("knee_flexion", 90)


@pytest.mark.parametrize(("dates", "today", "due"), [
    ([], WED, True),
    (["2026-11-25"], WED, False),
    (["2026-11-12"], WED, False),  # 13 days ago
    (["2026-11-11"], WED, True),  # 14 days ago: due
    (["2026-10-01", "2026-11-20", "2026-09-01"], WED, False),  # the latest counts, any order
    (["not a date", "2026-11-01"], WED, True),  # a bad record is ignored
    (["not a date"], WED, True),
])
def test_mobility_is_due_14_days_after_the_last(dates, today, due):
    assert mobility_due([{"date": d} for d in dates], today) is due


def test_mobility_status_says_when_the_next_is_due():
    status = mobility_status([{"date": "2026-11-20"}], WED)
    assert (status.due, status.last, status.next) == (False, date(2026, 11, 20),
                                                       date(2026, 12, 4))
    assert mobility_status([], WED).next == WED

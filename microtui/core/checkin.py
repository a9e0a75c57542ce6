"""Check-ins and mobility measurements: the guide's "Monitoring Progress and Adjusting".

* **Subjective metrics** - "Rate perceived stiffness, energy level, and focus on a 1-10 scale
  before and after each workday." A *check-in* is one such rating, at the ``start`` or the
  ``end`` of a day::

      {"v": 1, "date": "2026-11-25", "moment": "start" | "end",
       "stiffness": 1-10, "energy": 1-10, "focus": 1-10, "at": "2026-11-25T09:02:11+00:00"}

  The store keeps one per (date, moment): answering again replaces the earlier answer.
  For stiffness lower is better; for energy and focus higher is better.

* **Objective checks** - "Every two weeks, perform a quick mobility screen (e.g. seated hip
  flexion range, neck rotation degrees)." A *measurement* holds four estimated angles in
  whole or decimal degrees, 0 to 180::

      {"v": 1, "date": "2026-11-25", "hip_flexion_left": 95, "hip_flexion_right": 100,
       "neck_rotation_left": 70, "neck_rotation_right": 72}

  :func:`mobility_due` says when the next one is due (14 days after the last, or now if
  there is none).

Pure like the rest of :mod:`microtui.core`: dates and times are always arguments. Every
validation error is a :class:`CheckinError` whose message names the field.
"""

import math
from collections.abc import Iterable, Mapping
from datetime import date, datetime, timedelta
from typing import Any, NamedTuple

from microtui.core.schedule import ScheduleSettings
from microtui.core.time_text import iso_day

RECORD_VERSION = 1

METRICS: tuple[str, ...] = ("stiffness", "energy", "focus")
"""The three subjective metrics, in the order they are asked."""

METRIC_TITLES: dict[str, str] = {"stiffness": "Stiffness", "energy": "Energy", "focus": "Focus"}

METRIC_HINTS: dict[str, str] = {
    "stiffness": "1 loose and easy · 10 very stiff",
    "energy": "1 drained · 10 full of energy",
    "focus": "1 scattered · 10 sharp and clear",
}
"""What the ends of each 1-10 scale mean (stiffness runs the other way: lower is better)."""

LOWER_IS_BETTER = frozenset({"stiffness"})

MOMENTS: tuple[str, ...] = ("start", "end")
MOMENT_TITLES: dict[str, str] = {"start": "Start of the day", "end": "End of the day"}

SCALE_MIN, SCALE_MAX = 1, 10

MOBILITY_FIELDS: tuple[str, ...] = (
    "hip_flexion_left",
    "hip_flexion_right",
    "neck_rotation_left",
    "neck_rotation_right",
)

MOBILITY_TITLES: dict[str, str] = {
    "hip_flexion_left": "Hip flexion, left",
    "hip_flexion_right": "Hip flexion, right",
    "neck_rotation_left": "Neck rotation, left",
    "neck_rotation_right": "Neck rotation, right",
}

MOBILITY_HOWTO: dict[str, str] = {
    "hip_flexion_left": "Seated, lift your left knee toward your chest: how far did the "
                        "thigh rise?",
    "hip_flexion_right": "Seated, lift your right knee toward your chest: how far did the "
                         "thigh rise?",
    "neck_rotation_left": "Sit tall, turn your head left as far as is easy: how far from "
                          "facing forward?",
    "neck_rotation_right": "Sit tall, turn your head right as far as is easy: how far from "
                           "facing forward?",
}
"""One line each on how to take the measurement (estimated in degrees from the start)."""

DEGREES_MIN, DEGREES_MAX = 0, 180

MOBILITY_EVERY_DAYS = 14
"""The guide's "every two weeks"."""


class CheckinError(ValueError):
    """A check-in or measurement value is refused. ``field`` names it; ``reason`` says why
    without the field name (for showing next to the field itself)."""

    def __init__(self, field: str, reason: str) -> None:
        self.field = field
        self.reason = reason
        super().__init__(f"{field}: {reason}")


# -- check-ins ----------------------------------------------------------------------------


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _check_date(value: Any) -> str:
    if isinstance(value, date) and not isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, str):
        try:
            return date.fromisoformat(value).isoformat()
        except ValueError:
            pass
    raise CheckinError("date", f"must be a date like 2026-11-25, got {value!r}")


def check_rating(metric: str, value: Any) -> int:
    """``value`` as a whole number 1-10, or :class:`CheckinError` naming ``metric``."""
    if not _is_number(value) or not float(value).is_integer():
        raise CheckinError(metric, f"must be a whole number from {SCALE_MIN} to {SCALE_MAX}, "
                                   f"got {value!r}")
    if not SCALE_MIN <= value <= SCALE_MAX:
        raise CheckinError(metric, f"must be from {SCALE_MIN} to {SCALE_MAX}, got {value!r}")
    return int(value)


def make_checkin(
    day: date,
    moment: str,
    ratings: Mapping[str, Any],
    at: datetime,
) -> dict[str, Any]:
    """A validated check-in record for ``day`` (see the module doc), answered at ``at``."""
    return validate_checkin({
        "v": RECORD_VERSION,
        "date": day,
        "moment": moment,
        **{metric: ratings.get(metric) for metric in METRICS},
        "at": at,
    })


def validate_checkin(record: Mapping[str, Any]) -> dict[str, Any]:
    """A clean copy of a check-in record, or :class:`CheckinError` naming the bad field."""
    moment = record.get("moment")
    if moment not in MOMENTS:
        raise CheckinError("moment", f"must be 'start' or 'end', got {moment!r}")
    out: dict[str, Any] = {"v": RECORD_VERSION, "date": _check_date(record.get("date")),
                           "moment": moment}
    for metric in METRICS:
        out[metric] = check_rating(metric, record.get(metric))
    at = record.get("at")
    if isinstance(at, datetime):
        at = at.isoformat()
    if not isinstance(at, str):
        raise CheckinError("at", f"must be an ISO date-time, got {at!r}")
    try:
        datetime.fromisoformat(at)
    except ValueError:
        raise CheckinError("at", f"must be an ISO date-time, got {at!r}") from None
    out["at"] = at
    return out


def checkin_for(checkins: Iterable[Mapping[str, Any]], day: date,
                moment: str) -> Mapping[str, Any] | None:
    """The check-in answered for ``day`` at ``moment``, if any (the last one wins)."""
    key = day.isoformat()
    found = None
    for record in checkins:
        if record.get("date") == key and record.get("moment") == moment:
            found = record
    return found


def checkin_due(checkins: Iterable[Mapping[str, Any]], day: date, moment: str) -> bool:
    """True until the ``moment`` check-in of ``day`` has been answered (for Today's prompt)."""
    return checkin_for(checkins, day, moment) is None


END_CHECKIN_WINDOW = timedelta(hours=1)
"""Quitting offers the end-of-day check-in from this long before the workday's end."""


def end_checkin_time(schedule: ScheduleSettings, now: datetime, *,
                     end_of_day_set_played: bool) -> bool:
    """Whether quitting at ``now`` may offer the end-of-day check-in: once the end-of-day
    set is played, or on a working day from an hour before the workday's end (and after
    it). Never in the morning: "as the day ends" means the day's end."""
    if end_of_day_set_played:
        return True
    if not schedule.works_on(now.date()):
        return False
    end = datetime.combine(now.date(), schedule.workday_end, tzinfo=now.tzinfo)
    return now >= end - END_CHECKIN_WINDOW


def start_checkin_time(schedule: ScheduleSettings, now: datetime) -> bool:
    """Whether a set started at ``now`` may open with the start-of-day check-in: on a
    working day, before the workday's end (a set played in the evening is no day's start)."""
    if not schedule.works_on(now.date()):
        return False
    return now < datetime.combine(now.date(), schedule.workday_end, tzinfo=now.tzinfo)


# -- mobility -----------------------------------------------------------------------------


def check_degrees(field: str, value: Any) -> int | float:
    """A measured angle 0-180 (a number, or text a user typed), or :class:`CheckinError`.

    Whole degrees come back as ``int``; ``"92.5"`` as ``92.5``.
    """
    if field not in MOBILITY_FIELDS:
        raise CheckinError(field, "is not a mobility measurement")
    raw = value
    if isinstance(value, str):
        text = value.strip().removesuffix("°").strip()
        if not text:
            raise CheckinError(field, f"enter degrees from {DEGREES_MIN} to {DEGREES_MAX}")
        try:
            value = float(text)
        except ValueError:
            raise CheckinError(field, f"{raw.strip()!r} is not a number of degrees "
                                      f"({DEGREES_MIN} to {DEGREES_MAX})") from None
    if not _is_number(value) or not math.isfinite(value):
        raise CheckinError(field, f"must be a number of degrees, got {raw!r}")
    if not DEGREES_MIN <= value <= DEGREES_MAX:
        shown = int(value) if float(value).is_integer() else value
        raise CheckinError(field, f"{shown}° is outside {DEGREES_MIN}–{DEGREES_MAX} degrees")
    return int(value) if float(value).is_integer() else round(float(value), 1)


def make_mobility(day: date, values: Mapping[str, Any]) -> dict[str, Any]:
    """A validated measurement record for ``day``; raises on the first bad field."""
    return validate_mobility({"v": RECORD_VERSION, "date": day, **values})


def mobility_problems(values: Mapping[str, Any]) -> dict[str, CheckinError]:
    """Every refused field of a measurement at once (field → error); empty when all good."""
    problems = {}
    for field in MOBILITY_FIELDS:
        try:
            check_degrees(field, values.get(field))
        except CheckinError as exc:
            problems[field] = exc
    return problems


def validate_mobility(record: Mapping[str, Any]) -> dict[str, Any]:
    """A clean copy of a measurement record, or :class:`CheckinError` naming the bad field."""
    out: dict[str, Any] = {"v": RECORD_VERSION, "date": _check_date(record.get("date"))}
    for field in MOBILITY_FIELDS:
        out[field] = check_degrees(field, record.get(field))
    return out


class MobilityDue(NamedTuple):
    due: bool
    last: date | None
    next: date


def mobility_status(measurements: Iterable[Mapping[str, Any]], today: date) -> MobilityDue:
    """When the last measurement was and when the next is due (records with a bad date are
    ignored)."""
    last: date | None = None
    for record in measurements:
        day = iso_day(record.get("date"))
        if day is None:
            continue
        if last is None or day > last:
            last = day
    if last is None:
        return MobilityDue(True, None, today)
    following = last + timedelta(days=MOBILITY_EVERY_DAYS)
    return MobilityDue(today >= following, last, following)


def mobility_due(measurements: Iterable[Mapping[str, Any]], today: date) -> bool:
    """True when there is no measurement yet, or the last is 14 or more days before ``today``."""
    return mobility_status(measurements, today).due

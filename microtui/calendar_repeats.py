"""Repeating calendar events expanded in bounded time, whatever their rules say.

dateutil steps through every period from an event's first instance: an hourly rule begun
years ago is tens of thousands of steps, and a rule whose filters never match runs to the
year 9999. :func:`bounded` gives a calendar whose repeating events expand the same
instances on the day asked for in a few steps, or leaves them out (see
:func:`_bounded_event`). Events that repeat more than 96 times a day are not meetings.
"""

from __future__ import annotations

import copy
from datetime import date, datetime, time, timedelta
from typing import Any

from microtui.calendar_text import NEAR

#: Repeat frequencies (a month and a year only as long as their shortest, for estimates).
_PERIOD = {"SECONDLY": timedelta(seconds=1), "MINUTELY": timedelta(minutes=1),
           "HOURLY": timedelta(hours=1), "DAILY": timedelta(days=1),
           "WEEKLY": timedelta(weeks=1), "MONTHLY": timedelta(days=28),
           "YEARLY": timedelta(days=365)}
#: RFC 5545 3.3.10: these parts are allowed only with these frequencies.
_ONLY_WITH = {"BYWEEKNO": ("YEARLY",), "BYYEARDAY": ("SECONDLY", "MINUTELY", "HOURLY",
                                                    "YEARLY"),
              "BYMONTHDAY": ("SECONDLY", "MINUTELY", "HOURLY", "DAILY", "MONTHLY", "YEARLY")}
#: Longer than this, an event is not a meeting but a span of days (Meeting.is_all_day).
_LONGEST = timedelta(days=2)
#: Instances a monthly or yearly rule may step through to reach the day (~1 s).
_MAX_STEPS = 200_000


def bounded(calendar: Any, day: date) -> tuple[Any, list[Any]]:
    """A shallow copy of ``calendar`` whose repeating events expand quickly for ``day``,
    and the timed events left out of it (see :func:`_bounded_event`; all-day events are
    left out too, but they are never meetings and go unmentioned)."""
    if getattr(calendar, "name", "") != "VCALENDAR":  # a bare VEVENT is a file too
        import icalendar

        wrapper = icalendar.Calendar()
        wrapper.subcomponents = [calendar]
        calendar = wrapper
    events = [(c, _bounded_event(c, day)) if getattr(c, "name", "") == "VEVENT" else (c, c)
              for c in calendar.subcomponents]
    left_out = [old for old, new in events if new is None and not _all_day(old)]
    if all(new is old for old, new in events):
        return calendar, left_out
    bounded = copy.copy(calendar)
    bounded.subcomponents = [new for _, new in events if new is not None]
    return bounded, left_out


def _bounded_event(event: Any, day: date) -> Any:
    """``event``; or a copy that expands the same instances on ``day`` in a few steps; or
    None when it is too broken to place or cannot be expanded in bounded time.

    dateutil steps through every period from DTSTART: an hourly rule begun years ago is
    tens of thousands of steps, a rule whose filters never match runs to the year 9999.
    So the DTSTART of a rule with periods of fixed length (up to weekly) moves to just
    before ``day`` by whole periods. Left out: all-day events (never meetings), rules RFC
    5545 forbids, rules that are no meetings (more than 96 a day), rules whose BYSETPOS can
    never match, rules stepping daily or faster filtered by day of the month or year
    (except the plain daily one, which is the same rule stepped yearly), and monthly,
    yearly or counted rules that would take more than :data:`_MAX_STEPS` steps to reach
    ``day``.
    """
    if not _placeable(event):
        return None
    if not isinstance(prop_value(event["DTSTART"]), datetime):
        return None  # all-day events are not meetings: no need to expand them
    rule = event.get("RRULE")
    if not isinstance(rule, dict) or not rule.get("FREQ"):
        return event  # no rule, several rules, or one recurring-ical-events will judge
    freq = str(rule["FREQ"][0]).upper()
    interval = rule.get("INTERVAL", [1])[0]
    if freq not in _PERIOD or not isinstance(interval, int) or interval < 1:
        return None
    if any(rule.get(f) and freq not in allowed for f, allowed in _ONLY_WITH.items()):
        return None
    times = _product(rule, "BYHOUR", "BYMINUTE", "BYSECOND")
    if times * max(1, round(timedelta(days=1) / (_PERIOD[freq] * interval))) > 96:
        return None
    # BYSETPOS picks the n-th candidate of each period: past the most a period can hold,
    # it picks nothing, ever (and dateutil looks until the year 9999).
    positions = [p for p in rule.get("BYSETPOS") or () if isinstance(p, int)]
    if positions and all(abs(p) > _most_days(freq, rule) * times for p in positions):
        return None
    sparse = [f for f in ("BYMONTHDAY", "BYYEARDAY", "BYSETPOS") if rule.get(f)]
    if sparse and freq in ("SECONDLY", "MINUTELY", "HOURLY", "DAILY") and (
            freq != "DAILY" or interval != 1 or sparse != ["BYMONTHDAY"]):
        return None
    first = prop_value(event["DTSTART"])
    event, length = _with_sane_length(event, first)
    if sparse:  # daily on chosen days of the month: the same rule, stepped yearly
        event = copy.copy(event)
        event["RRULE"] = type(rule)({**rule, "FREQ": ["YEARLY"]})
        return event
    if freq in ("MONTHLY", "YEARLY"):
        # Not moved (months and years differ in length), only bounded: dateutil looks at
        # every day of a period whose days are chosen by BY parts, at every listed time.
        chosen = any(rule.get(f) for f in ("BYDAY", "BYMONTHDAY", "BYYEARDAY", "BYWEEKNO"))
        days = (31 if freq == "MONTHLY" else 366) if chosen else _product(rule, "BYMONTH")
        periods = max(0, (day - first.date()).days) / (_PERIOD[freq].days * interval)
        return event if periods * days * times <= _MAX_STEPS else None
    step = _PERIOD[freq] * interval
    naive = first.replace(tzinfo=None)
    if rule.get("COUNT"):
        # A count is of instances from the first, so the start cannot move: only bounded.
        count = rule["COUNT"][0]
        steps = (datetime.combine(day, time(0)) - naive) / step
        return event if steps <= _MAX_STEPS or (isinstance(count, int) and count <= 1000
                                                ) else None
    # The moved DTSTART counts as an instance (RFC 5545): it must end before the day.
    periods = (datetime.combine(day, time(0)) - NEAR - length - naive) // step
    if periods < 1:
        return event
    shift = step * periods
    event = copy.copy(event)
    event["DTSTART"] = type(event["DTSTART"])(first + shift)
    if "DTEND" in event:
        event["DTEND"] = type(event["DTEND"])(prop_value(event["DTEND"]) + shift)
    return event


def _with_sane_length(event: Any, first: date) -> tuple[Any, timedelta]:
    """The event, with an end that RFC 5545 allows, and how long it lasts.

    recurring-ical-events also looks for instances that began before the day and still
    run into it, as far back as the event is long: an end years after the start (or, read
    as a negative length, years before it) means stepping through years of instances. An
    end before the start or of another kind (a date for a date-time) is left out; one more
    than :data:`_LONGEST` after the start is brought to that, which keeps a long event
    all-day to the schedule.
    """
    end = prop_value(event.get("DTEND")) if "DTEND" in event else None
    duration = prop_value(event.get("DURATION")) if "DURATION" in event else timedelta(0)
    try:
        length = end - first if end is not None else duration
        fits = (end is None or type(end) is type(first)) and timedelta(0) <= length <= _LONGEST
    except TypeError:  # a date and a date-time, or floating and zoned times
        length, fits = timedelta(0), False
    if fits:
        return event, length
    import icalendar

    event = copy.copy(event)
    event.pop("DTEND", None)
    event.pop("DURATION", None)
    if length > _LONGEST:
        event["DURATION"] = icalendar.vDuration(_LONGEST)
        return event, _LONGEST
    return event, timedelta(0)


def _all_day(event: Any) -> bool:
    start = prop_value(event.get("DTSTART"))
    return isinstance(start, date) and not isinstance(start, datetime)


def _placeable(event: Any) -> bool:
    """Whether an event has one start and one end that can be computed (recurring-ical-
    events gives up on the whole calendar, not just the event, when one cannot)."""
    start = prop_value(event.get("DTSTART"))
    if not isinstance(start, date):
        return False
    if "DTEND" in event:
        return isinstance(prop_value(event.get("DTEND")), date)
    if "DURATION" not in event:
        return True
    duration = prop_value(event.get("DURATION"))
    if not isinstance(duration, timedelta):
        return False
    try:
        start + duration
    except OverflowError:
        return False
    return True


def _most_days(freq: str, rule: Any) -> int:
    """The most days one period of a rule can hold (a little more is fine)."""
    if freq not in ("WEEKLY", "MONTHLY", "YEARLY"):
        return 1
    if freq == "WEEKLY":
        return _product(rule, "BYDAY")
    months = len(rule.get("BYMONTH") or ()) or (12 if freq == "YEARLY" else 1)
    weekdays = [str(d) for d in rule.get("BYDAY") or ()]
    if rule.get("BYYEARDAY"):
        days = len(rule["BYYEARDAY"])
    elif rule.get("BYWEEKNO"):
        days = 7 * len(rule["BYWEEKNO"])
    elif rule.get("BYMONTHDAY"):
        days = len(rule["BYMONTHDAY"]) * months
    elif weekdays:  # MO: every Monday (5 a month, 53 a year); 2MO: one
        per = 53 if freq == "YEARLY" and not rule.get("BYMONTH") else 5
        each = 1 if freq == "YEARLY" and not rule.get("BYMONTH") else months
        days = sum(1 if d[:-2] else per for d in weekdays) * each
    else:
        days = months if freq == "YEARLY" and rule.get("BYMONTH") else 1
    return min(days, 366)


def _product(rule: Any, *parts: str) -> int:
    """How many combinations the listed BY parts of a rule make (1 for absent parts)."""
    count = 1
    for part in parts:
        count *= max(1, len(rule.get(part) or ()))
    return count


def prop_value(prop: Any) -> Any:
    """A date-time property's value; None if it is missing, repeated or broken (icalendar
    keeps a value it could not parse, and raises when it is used)."""
    try:
        return getattr(prop, "dt", None)
    except Exception:
        return None

"""Meetings from a local iCalendar (.ics) file, for the pre-meeting trigger.

Uses icalendar to parse and recurring-ical-events to expand recurrences, so weekly
meetings, cancelled instances (EXDATE), moved instances (RECURRENCE-ID) and time zones come
out right. All-day events are not meetings. Any problem with the file becomes a
:class:`CalendarError` with a readable message; the rest of the day keeps working.

Reading stays quick however large or odd the file is: only the events that can start near
the day asked for are parsed (a years-long export holds thousands of others), and a
repeating event is expanded from shortly before that day rather than from its first
instance years ago. Events that repeat more than 96 times a day are not meetings and are
left out, as are events without a start or end that can be computed and repeat rules that
cannot be expanded in bounded time (see :func:`_bounded_event`); one broken event does not
hide the others. Text from the file is only ever shown, never opened or run: titles lose
their control characters and are kept short.
"""

from __future__ import annotations

import codecs
import copy
import re
from datetime import date, datetime, time, timedelta, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, Any

from microtui.core.timeline import Meeting

if TYPE_CHECKING:
    import icalendar

# icalendar takes ~100 ms to import: it is imported only when a calendar is read, so
# `microtui next` stays fast for a status bar.

MAX_BYTES = 20 * 1024 * 1024
MAX_TITLE = 120
#: An event starting further than this from the day cannot start on it in any time zone.
_NEAR = timedelta(days=2)
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
_LINE_BREAK = re.compile(r"\r\n|\n|\r")
_FOLD = re.compile(r"(?:\r\n|\n|\r)[ \t]")
_DATE = re.compile(r"(\d{4})(\d{2})(\d{2})")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]+")
_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xf4][\x80-\xbf]")


class CalendarError(Exception):
    """The calendar file could not be read; the message says which and why."""


def meetings_on(calendar: icalendar.Calendar, day: date, tz: tzinfo,
                source: Path | None = None) -> list[Meeting]:
    """The timed (not all-day, not cancelled) events that start on ``day`` in ``tz``."""
    start = datetime.combine(day, time(0), tzinfo=tz)
    end = start + timedelta(days=1)
    bounded = _bounded(calendar, day)
    try:
        events = _between(bounded, start, end)
    except Exception:
        # recurring-ical-events gives up on the whole calendar for one broken event (two
        # UIDs, say): expand each series on its own and leave out the broken ones.
        events, failed = [], []
        parts = _series(bounded)
        for title, part in parts:
            try:
                events.extend(_between(part, start, end))
            except Exception as exc:
                failed.append((title, exc))
        if len(failed) == len(parts):
            where = f"{source}: " if source else ""
            title, exc = failed[0] if failed else ("", ValueError("no events"))
            raise CalendarError(f"{where}cannot expand the calendar's events: event "
                                f"{title!r} is malformed ({_brief(exc, internal=False)})"
                                ) from None
    meetings = [m for event in events if (m := _meeting(event, day, tz)) is not None]
    meetings.sort(key=lambda m: m.start)
    return meetings


def read_meetings(path: Path, day: date, tz: tzinfo) -> list[Meeting]:
    """The meetings starting on ``day``, reading only what can matter for that day."""
    return meetings_on(_parse(path, _near(_read_text(path), day)), day, tz, source=path)


# -- reading ----------------------------------------------------------------------------------


def _read_text(path: Path) -> str:
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise CalendarError(f"{path}: calendar file is too large ({size // 1_048_576} MB; "
                                f"the limit is {MAX_BYTES // 1_048_576} MB)")
        data = path.read_bytes()
    except FileNotFoundError:
        raise CalendarError(f"{path}: calendar file not found") from None
    except OSError as exc:
        raise CalendarError(f"{path}: cannot read the calendar file: {exc.strerror}") from None
    return _decode(data)


def _decode(data: bytes) -> str:
    """The file's text: UTF-8 as the standard says, but also what Windows tools write
    (a byte-order mark, UTF-16, Windows-1252); a stray bad byte becomes U+FFFD."""
    for bom, codec in ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
                       (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                       (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return data.decode(codec, errors="replace")
    head = data[:256]
    if len(head) >= 8 and head.count(0) * 3 >= len(head):  # UTF-16 without a mark
        codec = "utf-16-le" if head[1::2].count(0) > head[0::2].count(0) else "utf-16-be"
        return data.decode(codec, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        # UTF-8 with a few bad bytes stays UTF-8; with no UTF-8 sequence at all it is 8-bit.
        codec = "utf-8" if _UTF8_SEQUENCE.search(data) else "cp1252"
        return data.decode(codec, errors="replace")


def _parse(path: Path, text: str) -> icalendar.Calendar:
    import icalendar

    try:
        return icalendar.Calendar.from_ical(text)
    except Exception as exc:  # icalendar raises ValueError, KeyError, IndexError, ...
        why = _unpaired(text) or _brief(exc, internal=False)
        raise CalendarError(f"{path}: not a valid iCalendar file: {why}") from None


def _unpaired(text: str) -> str:
    """Where the file's BEGIN: and END: lines fail to pair up, or ``""``."""
    open_: list[tuple[str, int]] = []
    for number, line in enumerate(_LINE_BREAK.split(text), start=1):
        upper = line.upper()
        if upper.startswith(("BEGIN:", "END:")):
            name = _text(line.partition(":")[2])[:40]
            if upper.startswith("BEGIN:"):
                open_.append((name, number))
            elif not open_:
                return f"line {number}: END:{name} without a BEGIN:{name}"
            elif open_[-1][0].upper() != name.upper():
                began, at = open_[-1]
                return f"line {number}: END:{name}, but BEGIN:{began} on line {at} is not ended"
            else:
                open_.pop()
    if open_:
        began, at = open_[-1]
        return f"BEGIN:{began} on line {at} is never ended"
    return ""


def _near(text: str, day: date) -> str:
    """``text`` without the one-off events that start too far from ``day`` to matter, and
    without time zones whose rules would take the parser minutes to build.

    The parser builds every VTIMEZONE it does not know by name from its rules, stepping
    through each transition up to 2038: a zone changing every minute never finishes. Real
    zones change at most a few times a year. Repeating events, their moved instances and
    anything not understood are kept. If the file's BEGIN/END lines do not pair up, the text
    is returned as it is, for the parser to report.
    """
    lines = _LINE_BREAK.split(_FOLD.sub("", text))
    out: list[str] = []
    block: list[str] | None = None
    kind = ""
    depth = 0
    for line in lines:
        if line[:6].upper() == "BEGIN:":
            depth += 1
            if depth == 2 and line[6:].strip().upper() in ("VEVENT", "VTIMEZONE"):
                block, kind = [], line[6:].strip().upper()
        if block is not None:
            block.append(line)
        else:
            out.append(line)
        if line[:4].upper() == "END:":
            depth -= 1
            if depth < 0:
                return text
            if depth == 1 and block is not None:
                if (_may_start_near(block, day) if kind == "VEVENT"
                        else _changes_rarely(block)):
                    out.extend(block)
                block = None
    if depth != 0 or block is not None:
        return text
    return "\r\n".join(out)


def _may_start_near(event: list[str], day: date) -> bool:
    nested = 0
    starts: list[str] = []
    for line in event[1:-1]:
        upper = line.upper()
        if upper.startswith("BEGIN:"):
            nested += 1
        elif upper.startswith("END:"):
            nested -= 1
        elif nested == 0:
            name = re.split(r"[;:]", upper, maxsplit=1)[0].strip()
            if name in ("RRULE", "RDATE", "EXRULE", "RECURRENCE-ID"):
                return True
            if name == "DTSTART":
                starts.append(line.rsplit(":", 1)[-1].strip())
    if not starts:
        return True
    for value in starts:
        match = _DATE.match(value)
        try:
            start = date(int(match[1]), int(match[2]), int(match[3])) if match else None
        except ValueError:
            start = None
        if start is None or abs(start - day) <= _NEAR:
            return True
    return False


def _changes_rarely(timezone: list[str]) -> bool:
    """Whether a VTIMEZONE's rules are yearly, as real ones are, and not denser."""
    for line in timezone:
        name, _, value = line.partition(":")
        if name.split(";", 1)[0].strip().upper() != "RRULE":
            continue
        parts = dict(p.partition("=")[::2] for p in value.upper().split(";"))
        if parts.get("FREQ") != "YEARLY" or not parts.get("INTERVAL", "1").isdigit() or int(
                parts.get("INTERVAL", "1")) < 1 or any(parts.get(p) for p in (
                "BYHOUR", "BYMINUTE", "BYSECOND", "BYYEARDAY", "BYWEEKNO", "BYSETPOS")):
            return False
    return True


# -- expanding in bounded time ------------------------------------------------------------------


def _bounded(calendar: Any, day: date) -> Any:
    """A shallow copy of ``calendar`` whose repeating events expand quickly for ``day``."""
    if getattr(calendar, "name", "") != "VCALENDAR":  # a bare VEVENT is a file too
        import icalendar

        wrapper = icalendar.Calendar()
        wrapper.subcomponents = [calendar]
        calendar = wrapper
    events = [(c, _bounded_event(c, day)) if getattr(c, "name", "") == "VEVENT" else (c, c)
              for c in calendar.subcomponents]
    if all(new is old for old, new in events):
        return calendar
    bounded = copy.copy(calendar)
    bounded.subcomponents = [new for _, new in events if new is not None]
    return bounded


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
    if not isinstance(_dt(event["DTSTART"]), datetime):
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
    first = _dt(event["DTSTART"])
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
    periods = (datetime.combine(day, time(0)) - _NEAR - length - naive) // step
    if periods < 1:
        return event
    shift = step * periods
    event = copy.copy(event)
    event["DTSTART"] = type(event["DTSTART"])(first + shift)
    if "DTEND" in event:
        event["DTEND"] = type(event["DTEND"])(_dt(event["DTEND"]) + shift)
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
    end = _dt(event.get("DTEND")) if "DTEND" in event else None
    duration = _dt(event.get("DURATION")) if "DURATION" in event else timedelta(0)
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


def _placeable(event: Any) -> bool:
    """Whether an event has one start and one end that can be computed (recurring-ical-
    events gives up on the whole calendar, not just the event, when one cannot)."""
    start = _dt(event.get("DTSTART"))
    if not isinstance(start, date):
        return False
    if "DTEND" in event:
        return isinstance(_dt(event.get("DTEND")), date)
    if "DURATION" not in event:
        return True
    duration = _dt(event.get("DURATION"))
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


# -- events to meetings -------------------------------------------------------------------------


def _meeting(event: Any, day: date, tz: tzinfo) -> Meeting | None:
    """The meeting an expanded event is, or None (all-day, cancelled, another day, or too
    broken to tell)."""
    begin = _moment(event.get("DTSTART"), tz)
    if begin is None:
        return None  # all-day events are not meetings
    if _text(event.get("STATUS")).upper() == "CANCELLED":
        return None
    finish = _moment(event.get("DTEND"), tz)
    if finish is None:
        duration = _dt(event.get("DURATION"))
        try:
            finish = begin + duration if isinstance(duration, timedelta) else begin
        except OverflowError:
            finish = begin
    try:
        local, until = begin.astimezone(tz), finish.astimezone(tz)
    except (OverflowError, ValueError):
        return None
    if local.date() != day:
        return None
    return Meeting(start=local, end=until, title=_text(event.get("SUMMARY")) or "Meeting")


def _moment(prop: Any, tz: tzinfo) -> datetime | None:
    value = _dt(prop)
    if not isinstance(value, datetime):
        return None
    return value.replace(tzinfo=tz) if value.tzinfo is None else value


def _dt(prop: Any) -> Any:
    """A date-time property's value; None if it is missing, repeated or broken (icalendar
    keeps a value it could not parse, and raises when it is used)."""
    try:
        return getattr(prop, "dt", None)
    except Exception:
        return None


def _text(prop: Any) -> str:
    """A text property as one short, printable line (the first, if it is repeated)."""
    if isinstance(prop, list):
        prop = prop[0] if prop else ""
    if prop is None:
        return ""
    flat = " ".join(_CONTROL.sub(" ", str(prop)).split())
    return flat if len(flat) <= MAX_TITLE else flat[: MAX_TITLE - 1].rstrip() + "…"


def _between(calendar: Any, start: datetime, end: datetime) -> list[Any]:
    import recurring_ical_events

    return list(recurring_ical_events.of(calendar, skip_bad_series=True).between(start, end))


def _series(calendar: Any) -> list[tuple[str, Any]]:
    """``calendar`` split by event UID (a series and its moved instances stay together),
    each part with the calendar's time zones; with the series' title."""
    others = [c for c in calendar.subcomponents if getattr(c, "name", "") != "VEVENT"]
    groups: dict[str, list[Any]] = {}
    for event in calendar.subcomponents:
        if getattr(event, "name", "") == "VEVENT":
            groups.setdefault(repr(event.get("UID")), []).append(event)
    parts = []
    for events in groups.values():
        part = copy.copy(calendar)
        part.subcomponents = others + events
        title = _text(events[0].get("SUMMARY")) or _text(events[0].get("UID")) or "?"
        parts.append((title, part))
    return parts


def _brief(exc: Exception, *, internal: bool = True) -> str:
    """An exception's message, short and printable (a parser may quote a whole line).

    With ``internal=False``, a programming error inside a library (not a ValueError about
    the content) is not quoted: its words would mean nothing to the user.
    """
    if not internal and not isinstance(exc, ValueError):
        return "its content could not be read"
    text = " ".join(_CONTROL.sub(" ", str(exc)).split()) or type(exc).__name__
    return text if len(text) <= 200 else text[:199] + "…"

"""Meetings from a local iCalendar (.ics) file, for the pre-meeting trigger.

Uses icalendar to parse and recurring-ical-events to expand recurrences, so weekly
meetings, cancelled instances (EXDATE), moved instances (RECURRENCE-ID) and time zones come
out right. All-day events are not meetings. Any problem with the file becomes a
:class:`CalendarError` with a readable message; the rest of the day keeps working.

Reading stays quick however large or odd the file is: only the events that can start near
the day asked for are parsed (a years-long export holds thousands of others:
:mod:`microtui.calendar_text`), and a repeating event is expanded from shortly before that
day rather than from its first instance years ago. Events that repeat more than 96 times a
day are not meetings and are left out, as are events without a start or end that can be
computed and repeat rules that cannot be expanded in bounded time
(:mod:`microtui.calendar_repeats`); one broken event does not hide the others. Text from
the file is only ever shown, never opened or run: titles lose their control characters
and are kept short.
"""

from __future__ import annotations

import copy
import re
from datetime import date, datetime, time, timedelta, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, Any

from microtui.calendar_repeats import bounded, prop_value
from microtui.calendar_text import decode, near_text, one_line, unpaired
from microtui.core.timeline import Meeting

if TYPE_CHECKING:
    import icalendar

# icalendar takes ~100 ms to import: it is imported only when a calendar is read, so
# `microtui next` stays fast for a status bar.

MAX_BYTES = 20 * 1024 * 1024
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]+")


class CalendarError(Exception):
    """The calendar file could not be read; the message says which and why."""


def meetings_on(calendar: icalendar.Calendar, day: date, tz: tzinfo,
                source: Path | None = None) -> list[Meeting]:
    """The timed (not all-day, not cancelled) events that start on ``day`` in ``tz``."""
    start = datetime.combine(day, time(0), tzinfo=tz)
    end = start + timedelta(days=1)
    expandable = bounded(calendar, day)
    try:
        events = _between(expandable, start, end)
    except Exception:
        # recurring-ical-events gives up on the whole calendar for one broken event (two
        # UIDs, say): expand each series on its own and leave out the broken ones.
        events, failed = [], []
        parts = _series(expandable)
        for title, part in parts:
            try:
                events.extend(_between(part, start, end))
            except Exception as exc:
                failed.append((title, exc))
        if len(failed) == len(parts):
            where = f"{source}: " if source else ""
            title, problem = failed[0] if failed else ("", ValueError("no events"))
            raise CalendarError(f"{where}cannot expand the calendar's events: event "
                                f"{title!r} is malformed ({_brief(problem, internal=False)})"
                                ) from None
    meetings = [m for event in events if (m := _meeting(event, day, tz)) is not None]
    meetings.sort(key=lambda m: m.start)
    return meetings


def read_meetings(path: Path, day: date, tz: tzinfo) -> list[Meeting]:
    """The meetings starting on ``day``, reading only what can matter for that day."""
    return meetings_on(_parse(path, near_text(_read_text(path), day)), day, tz, source=path)


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
    return decode(data)


def _parse(path: Path, text: str) -> icalendar.Calendar:
    import icalendar

    try:
        return icalendar.Calendar.from_ical(text)
    except Exception as exc:  # icalendar raises ValueError, KeyError, IndexError, ...
        why = unpaired(text) or _brief(exc, internal=False)
        raise CalendarError(f"{path}: not a valid iCalendar file: {why}") from None


# -- events to meetings -------------------------------------------------------------------------


def _meeting(event: Any, day: date, tz: tzinfo) -> Meeting | None:
    """The meeting an expanded event is, or None (all-day, cancelled, another day, or too
    broken to tell)."""
    begin = _moment(event.get("DTSTART"), tz)
    if begin is None:
        return None  # all-day events are not meetings
    if one_line(event.get("STATUS")).upper() == "CANCELLED":
        return None
    finish = _moment(event.get("DTEND"), tz)
    if finish is None:
        duration = prop_value(event.get("DURATION"))
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
    return Meeting(start=local, end=until, title=one_line(event.get("SUMMARY")) or "Meeting")


def _moment(prop: Any, tz: tzinfo) -> datetime | None:
    value = prop_value(prop)
    if not isinstance(value, datetime):
        return None
    return value.replace(tzinfo=tz) if value.tzinfo is None else value


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
        title = one_line(events[0].get("SUMMARY")) or one_line(events[0].get("UID")) or "?"
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

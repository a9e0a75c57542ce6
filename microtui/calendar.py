"""Meetings from a local iCalendar (.ics) file, for the pre-meeting trigger.

Uses icalendar to parse and recurring-ical-events to expand recurrences, so weekly
meetings, cancelled instances (EXDATE), moved instances (RECURRENCE-ID) and time zones come
out right. All-day events are not meetings. Any problem with the file becomes a
:class:`CalendarError` with a readable message; the rest of the day keeps working.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, Any

from microtui.core.schedule import Meeting

if TYPE_CHECKING:
    import icalendar

# icalendar takes ~100 ms to import: it is imported only when a calendar is read, so
# `microtui next` stays fast for a status bar.

MAX_BYTES = 20 * 1024 * 1024


class CalendarError(Exception):
    """The calendar file could not be read; the message says which and why."""


def read_calendar(path: Path) -> icalendar.Calendar:
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
    import icalendar

    try:
        return icalendar.Calendar.from_ical(data)
    except Exception as exc:  # icalendar raises ValueError, KeyError, IndexError, ...
        raise CalendarError(f"{path}: not a valid iCalendar file: {exc}") from None


def meetings_on(calendar: icalendar.Calendar, day: date, tz: tzinfo,
                source: Path | None = None) -> list[Meeting]:
    """The timed (not all-day, not cancelled) events that start on ``day`` in ``tz``."""
    import recurring_ical_events

    start = datetime.combine(day, time(0), tzinfo=tz)
    end = start + timedelta(days=1)
    try:
        events = recurring_ical_events.of(calendar, skip_bad_series=True).between(start, end)
    except Exception as exc:
        where = f"{source}: " if source else ""
        raise CalendarError(f"{where}cannot expand the calendar's events: {exc}") from None
    meetings = []
    for event in events:
        dtstart = event.get("DTSTART")
        if dtstart is None or not isinstance(dtstart.dt, datetime):
            continue  # all-day events are not meetings
        if str(event.get("STATUS", "")).upper() == "CANCELLED":
            continue
        begin = _aware(dtstart.dt, tz)
        dtend = event.get("DTEND")
        finish = _aware(dtend.dt, tz) if dtend is not None and isinstance(
            dtend.dt, datetime) else begin + _duration(event)
        if begin.astimezone(tz).date() != day:
            continue
        title = str(event.get("SUMMARY", "")).strip() or "Meeting"
        meetings.append(Meeting(start=begin.astimezone(tz), end=finish.astimezone(tz),
                                title=title))
    meetings.sort(key=lambda m: m.start)
    return meetings


def read_meetings(path: Path, day: date, tz: tzinfo) -> list[Meeting]:
    return meetings_on(read_calendar(path), day, tz, source=path)


def _aware(value: datetime, tz: tzinfo) -> datetime:
    return value.replace(tzinfo=tz) if value.tzinfo is None else value


def _duration(event: Any) -> timedelta:
    duration = event.get("DURATION")
    return duration.dt if duration is not None else timedelta(0)

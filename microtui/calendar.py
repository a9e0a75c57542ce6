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
(:mod:`microtui.calendar_repeats`). One broken event does not hide the others: it is left
out and named in :attr:`CalendarDay.skipped`. A file may hold several VCALENDAR blocks (some
programs write one per calendar): every one is read. Only the file asked for is read, and
only if it is a regular file. Text from the file is only ever shown, never opened or run:
titles lose their control characters and are kept short.
"""

from __future__ import annotations

import copy
import re
import stat
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, Any

from microtui.calendar_repeats import bounded, prop_value
from microtui.calendar_text import decode, near_text, one_line, top_level_blocks, unpaired
from microtui.core.meeting import Meeting
from microtui.core.time_text import typed_text

if TYPE_CHECKING:
    import icalendar

# icalendar takes ~100 ms to import: it is imported only when a calendar is read, so
# `microtui next` stays fast for a status bar.

MAX_BYTES = 20 * 1024 * 1024
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]+")


class CalendarError(Exception):
    """The calendar file could not be read; the message says which and why."""


@dataclass(frozen=True)
class CalendarDay:
    """A day's meetings from a calendar file, and the events left out of it."""

    path: Path | None
    meetings: list[Meeting]
    skipped: tuple[str, ...] = field(default=())
    """The titles of the events left out because they could not be read (a start or an
    end that cannot be computed, a repeat rule that cannot be expanded)."""

    @property
    def warning(self) -> str:
        """The events left out, as one line naming the file and them (``""``: none)."""
        if not self.skipped:
            return ""
        where = f"{self.path}: " if self.path is not None else ""
        names = ", ".join(typed_text(t, 40, quote=True) for t in self.skipped[:3])
        more = f" and {len(self.skipped) - 3} more" if len(self.skipped) > 3 else ""
        if len(self.skipped) == 1:
            return f"{where}left out the event {names}: it could not be read"
        return f"{where}left out {len(self.skipped)} events that could not be read: " \
               f"{names}{more}"


def calendar_notice(read: CalendarDay | CalendarError) -> str:
    """What Today and ``microtui today`` say about reading the calendar (``""``: nothing
    to say)."""
    if isinstance(read, CalendarError):
        return f"Calendar not read: {read}"
    return f"Calendar: {read.warning}" if read.warning else ""


def meetings_on(calendar: icalendar.Component, day: date, tz: tzinfo,
                source: Path | None = None) -> CalendarDay:
    """The timed (not all-day, not cancelled) events of ``calendar`` (a VCALENDAR, or a
    bare VEVENT) that start on ``day`` in ``tz``, and the events left out."""
    start = datetime.combine(day, time(0), tzinfo=tz)
    end = start + timedelta(days=1)
    expandable, left_out = bounded(calendar, day)
    skipped = [_title(event) for event in left_out]
    try:
        events = _between(expandable, start, end)
    except Exception:
        # recurring-ical-events gives up on the whole calendar for one broken event (two
        # UIDs, say): expand each series on its own and leave out the broken ones.
        events = []
        for title, part in _series(expandable):
            try:
                events.extend(_between(part, start, end))
            except Exception:
                skipped.append(title)
    meetings = [m for event in events if (m := _meeting(event, day, tz)) is not None]
    meetings.sort(key=lambda m: m.start)
    return CalendarDay(source, meetings, tuple(dict.fromkeys(skipped)))


def read_calendar(path: Path, day: date, tz: tzinfo) -> CalendarDay:
    """The meetings starting on ``day`` (from every VCALENDAR block of the file), reading
    only what can matter for that day, and the events left out. Raises
    :class:`CalendarError` when the file cannot be read at all."""
    meetings: list[Meeting] = []
    skipped: list[str] = []
    for calendar in _parse(path, near_text(_read_text(path), day)):
        found = meetings_on(calendar, day, tz, source=path)
        meetings.extend(found.meetings)
        skipped.extend(found.skipped)
    meetings.sort(key=lambda m: m.start)
    return CalendarDay(path, meetings, tuple(dict.fromkeys(skipped)))


def read_meetings(path: Path, day: date, tz: tzinfo) -> list[Meeting]:
    """The meetings starting on ``day`` (:func:`read_calendar` without the events left
    out)."""
    return read_calendar(path, day, tz).meetings


# -- reading ----------------------------------------------------------------------------------


def _read_text(path: Path) -> str:
    try:
        status = path.stat()
        if stat.S_ISDIR(status.st_mode):
            raise CalendarError(f"{path}: is a folder, not a calendar file")
        if not stat.S_ISREG(status.st_mode):  # a device or a pipe may never end
            raise CalendarError(f"{path}: not a calendar file (not a regular file)")
        if status.st_size > MAX_BYTES:
            raise CalendarError(f"{path}: calendar file is too large "
                                f"({status.st_size // 1_048_576} MB; the limit is "
                                f"{MAX_BYTES // 1_048_576} MB)")
        with path.open("rb") as file:
            data = file.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise CalendarError(f"{path}: calendar file not found") from None
    except NotADirectoryError:
        raise CalendarError(f"{path}: calendar file not found") from None
    except OSError as exc:
        raise CalendarError(f"{path}: cannot read the calendar file: {exc.strerror}") from None
    if len(data) > MAX_BYTES:
        raise CalendarError(f"{path}: calendar file is too large (the limit is "
                            f"{MAX_BYTES // 1_048_576} MB)")
    return decode(data)


def _parse(path: Path, text: str) -> list[icalendar.Component]:
    """Every top-level block of the file: VCALENDARs (one or several), or a bare VEVENT."""
    import icalendar

    try:
        blocks = icalendar.Calendar.from_ical(text, multiple=True)
    except Exception as exc:  # icalendar raises ValueError, KeyError, IndexError, ...
        why = unpaired(text) or _brief(exc, internal=False)
        raise CalendarError(f"{path}: not a valid iCalendar file: {why}") from None
    if not blocks or len(blocks) < top_level_blocks(text):  # one was never ended
        why = unpaired(text) or "it holds no calendar"
        raise CalendarError(f"{path}: not a valid iCalendar file: {why}")
    return list(blocks)


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
    """``calendar`` split by event UID (a series and its moved instances stay together;
    events without a UID are each their own), each part with the calendar's time zones;
    with the series' title."""
    others = [c for c in calendar.subcomponents if getattr(c, "name", "") != "VEVENT"]
    groups: dict[object, list[Any]] = {}
    for event in calendar.subcomponents:
        if getattr(event, "name", "") == "VEVENT":
            uid = one_line(event.get("UID"))
            groups.setdefault(uid or object(), []).append(event)
    parts = []
    for events in groups.values():
        part = copy.copy(calendar)
        part.subcomponents = others + events
        parts.append((_title(events[0]), part))
    return parts


def _title(event: Any) -> str:
    """How a warning names an event: its title, else its UID."""
    return (one_line(event.get("SUMMARY")) or one_line(event.get("UID"))
            or "an event without a title")


def _brief(exc: Exception, *, internal: bool = True) -> str:
    """An exception's message, short and printable (a parser may quote a whole line).

    With ``internal=False``, a programming error inside a library (not a ValueError about
    the content) is not quoted: its words would mean nothing to the user.
    """
    if not internal and not isinstance(exc, ValueError):
        return "its content could not be read"
    text = " ".join(_CONTROL.sub(" ", str(exc)).split()) or type(exc).__name__
    return text if len(text) <= 200 else text[:199] + "…"

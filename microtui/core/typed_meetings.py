"""Meetings typed in on Today (``m``): what is stored of each, and the day's meetings read back.

A typed meeting is stored in its day's file of the log, one record per meeting::

    {"v": 1, "id": "2026-11-25T10:43", "date": "2026-11-25", "at": "10:43",
     "title": "Design review", "removed": false}

Editing one replaces its record (by ``id``); deleting one replaces it with ``"removed":
true``, so the record that had it is never half-gone. :func:`typed_meetings_of` reads a
day's records back; a record that does not read is skipped (the day still works).

Pure: the day and the time zone are arguments.
"""

from collections.abc import Collection, Iterable, Mapping
from datetime import date, datetime, time, timedelta, tzinfo
from typing import TYPE_CHECKING, Any, NamedTuple

from microtui.core.time_text import iso_day, parse_hhmm

if TYPE_CHECKING:
    from microtui.core.meeting import Meeting

RECORD_VERSION = 1
TYPED_MEETING_MINUTES = 30
"""A typed meeting lasts this long (only its start matters to the day's sets)."""


class TypedMeeting(NamedTuple):
    """A meeting the user typed in for ``day``: it starts at ``at`` (local wall time)."""

    id: str
    day: date
    at: time
    title: str
    removed: bool = False

    def meeting(self, tz: tzinfo) -> "Meeting":
        """The meeting on the day's timeline (in ``tz``)."""
        from microtui.core.meeting import Meeting  # with the first meeting, not at start

        start = datetime.combine(self.day, self.at).replace(tzinfo=tz)
        return Meeting(start=start, end=start + timedelta(minutes=TYPED_MEETING_MINUTES),
                       title=self.title)

    def to_record(self) -> dict[str, Any]:
        """The record to store (see the module docstring)."""
        return {"v": RECORD_VERSION, "id": self.id, "date": self.day.isoformat(),
                "at": f"{self.at:%H:%M}", "title": self.title, "removed": self.removed}

    @classmethod
    def from_record(cls, record: Mapping[str, Any]) -> "TypedMeeting | None":
        """The meeting a stored record holds; None if it does not read."""
        day, meeting_id = iso_day(record.get("date")), record.get("id")
        at, title = record.get("at"), record.get("title")
        if day is None or not isinstance(meeting_id, str) or not isinstance(title, str):
            return None
        try:
            start = parse_hhmm(at) if isinstance(at, str) else None
        except ValueError:
            return None
        if start is None:
            return None
        return cls(meeting_id, day, start, clean_title(title), record.get("removed") is True)


def clean_title(title: str) -> str:
    """The title as shown: runs of spaces made one, "Meeting" when empty."""
    return " ".join(title.split()) or "Meeting"


def new_meeting(day: date, at: time, title: str, taken: Collection[str]) -> TypedMeeting:
    """A new meeting typed in for ``day``, with an id none of ``taken`` has."""
    base = f"{day.isoformat()}T{at:%H:%M}"
    meeting_id, n = base, 1
    while meeting_id in taken:
        n += 1
        meeting_id = f"{base}-{n}"
    return TypedMeeting(meeting_id, day, at, clean_title(title))


def typed_meetings_of(records: Iterable[Mapping[str, Any]], day: date) -> list[TypedMeeting]:
    """``day``'s typed meetings from their stored records (the last record of an id wins;
    removed ones left out), by start time."""
    latest: dict[str, TypedMeeting] = {}
    for record in records:
        meeting = TypedMeeting.from_record(record)
        if meeting is not None and meeting.day == day:
            latest[meeting.id] = meeting
    return sorted((m for m in latest.values() if not m.removed), key=lambda m: (m.at, m.id))

"""A meeting: when it starts and ends (aware datetimes), and its title.

Typed into Today (:mod:`microtui.core.typed_meetings`) or read from a calendar
(:mod:`microtui.calendar`); :func:`microtui.core.timeline.build_timeline` puts a set before
each one. Imported with the first meeting, not to draw a day without one.
"""

from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta


@dataclass(frozen=True)
class Meeting:
    """A meeting of the day, typed or from a calendar (aware datetimes)."""

    start: datetime
    end: datetime
    title: str

    def __post_init__(self) -> None:
        if self.start.tzinfo is None or self.end.tzinfo is None:
            raise ValueError(f"meeting {self.title!r}: start and end must be timezone-aware")

    @property
    def is_all_day(self) -> bool:
        """A day or more long, or midnight to midnight: not a meeting to prepare for."""
        length = self.end.astimezone(UTC) - self.start.astimezone(UTC)
        if length >= timedelta(days=1):
            return True
        return (length > timedelta(0) and self.start.time() == time(0)
                and self.end.time() == time(0))

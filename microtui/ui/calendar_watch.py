"""Today's watch on the calendar file: when to look again, what looking finds, and which
findings are still news.

The screen asks :meth:`CalendarWatch.next_look` on every tick. At most every
:data:`CHECK_SECONDS` (by the injected clock's monotonic seconds), and never while a look is
under way, it gets a :class:`CalendarLook` to run in a thread worker: a ``stat`` of the file
(of each ``.ics`` file of a directory; of the copy of an address), and a read only when a
modification time or size changed since the last read. The worker
posts the result as :class:`CalendarRead`, and the screen hands that to
:meth:`CalendarWatch.take`, which says whether it is news for the day shown (a look begun
before midnight, or at a calendar since replaced, is not).
"""

import math
from datetime import date, tzinfo
from typing import TYPE_CHECKING, Any, NamedTuple

from textual.message import Message

if TYPE_CHECKING:
    from microtui.calendar_source import CalendarSource
    from microtui.core.clock import Clock

# The calendar modules are imported by the first look (in a thread worker), so that a start
# with no calendar does without them.

CHECK_SECONDS = 5.0
"""How often (at most) the calendar file is looked at."""
_UNREAD = object()
"""The file key before the first read (and after a new day or another calendar)."""


class CalendarRead(Message):
    """The calendar at ``path`` was looked at for ``day``: ``meetings`` if it changed (its
    file's ``key`` differs from ``known``), ``problem`` if it could not be read, and
    ``notice``: the line Today shows about it (``""``: nothing to say; the events left out,
    or why it was not read)."""

    def __init__(self, path: "CalendarSource", day: date, key: Any, known: Any,
                 meetings: list[Any] | None, problem: str, notice: str = "") -> None:
        super().__init__()
        self.path = path
        self.day = day
        self.key = key
        self.known = known
        self.meetings = meetings
        self.problem = problem
        self.notice = notice


class CalendarLook(NamedTuple):
    """One look at the calendar file: ``day``'s meetings (in ``tz``) if the file is no
    longer the one ``known`` (its modification time and size)."""

    path: "CalendarSource"
    day: date
    tz: tzinfo
    known: Any

    def run(self) -> CalendarRead:
        """Look (this touches the disk: run it in a thread worker)."""
        from microtui.calendar import CalendarError, calendar_notice
        from microtui.calendar_source import read_source, source_key

        meetings, problem, notice = None, "", ""
        try:
            key: Any = source_key(self.path)
        except CalendarError as exc:
            key, problem = None, str(exc)
        if key != self.known and not problem:
            try:
                read = read_source(self.path, self.day, self.tz)
                meetings, notice = read.meetings, calendar_notice(read)
            except CalendarError as exc:
                problem, notice = str(exc), calendar_notice(exc)
            except Exception as exc:  # a bug in a parser must not take the day down
                failure = CalendarError(f"{self.path}: {exc}")
                problem, notice = str(failure), calendar_notice(failure)
        return CalendarRead(self.path, self.day, key, self.known, meetings, problem, notice)


class CalendarWatch:
    """Which calendar is watched and what is known of its file (see the module docstring).

    ``path`` None watches nothing.
    """

    def __init__(self, clock: "Clock", path: "CalendarSource | None") -> None:
        self.clock = clock
        self.path = path
        self._key: Any = _UNREAD
        self._checked = -math.inf
        self._busy = False
        self._owed = False

    @property
    def busy(self) -> bool:
        """A look at the file is under way."""
        return self._busy

    def follow(self, path: "CalendarSource | None") -> None:
        """Watch another calendar (None: none); it is read at the next look."""
        self.path = path
        self._key = _UNREAD

    def changed(self) -> None:
        """The calendar changed (a new copy of an address came): the next ask gets a look,
        throttled or not, even if it comes only after the look under way now."""
        self._owed = True

    def forget(self) -> None:
        """Read the calendar at the next look even if its file is unchanged (a new day)."""
        self._key = _UNREAD

    def next_look(self, day: date | None, tz: tzinfo | None, *,
                  throttle: bool = True) -> CalendarLook | None:
        """The look to run now for ``day``, or None: no calendar or no day yet, a look under
        way, or (``throttle``) the last one less than :data:`CHECK_SECONDS` ago (unless
        :meth:`changed` owes one)."""
        if self.path is None or day is None or tz is None or self._busy:
            return None
        now = self.clock.monotonic()
        if throttle and not self._owed and now - self._checked < CHECK_SECONDS:
            return None
        self._owed = False
        self._checked = now
        self._busy = True
        return CalendarLook(self.path, day, tz, self._key)

    def take(self, read: CalendarRead, day: date | None) -> bool:
        """Note that a look ended; True if what it found is news for ``day`` (the file
        changed, and the look was for this day and this calendar)."""
        self._busy = False
        if read.key == read.known or read.day != day or read.path != self.path:
            return False
        self._key = read.key
        return True

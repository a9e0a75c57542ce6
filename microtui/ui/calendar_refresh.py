"""The app's fetches of a calendar address: when to fetch, and which failure to show.

The app asks :meth:`CalendarRefresh.next_fetch` on start, every
:data:`~microtui.core.calendar_address.REFRESH_SECONDS` (on its clock) and when another calendar
is chosen; it runs what it gets in a thread worker, which posts :class:`CalendarFetched`,
and hands that to :meth:`CalendarRefresh.take`. A failure is shown once (until a fetch
works again); the copy fetched last keeps giving meetings meanwhile. Today's calendar watch
sees the new copy by itself (:mod:`microtui.ui.calendar_watch`).
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from microtui.calendar_source import CalendarAddress, CalendarSource

# The calendar modules are imported when there is a calendar: without one, the app's start
# does without them.


class CalendarFetched(Message):
    """A fetch of ``source``'s address ended: ``problem`` says why it failed ("" if not)."""

    def __init__(self, source: CalendarAddress, problem: str) -> None:
        super().__init__()
        self.source = source
        self.problem = problem


def fetch_source(source: CalendarAddress, now: datetime) -> CalendarFetched:
    """Fetch ``source``'s address into its copy (blocking: run it in a thread worker)."""
    from microtui.calendar_fetch import FetchError, fetch
    from microtui.calendar_source import meanwhile

    try:
        fetch(source.address, source.copy, now=now)
    except FetchError as exc:
        return CalendarFetched(source, f"{exc}. {meanwhile(source)}")
    except Exception as exc:  # a bug must not take the day down
        return CalendarFetched(source, f"The calendar could not be fetched ({exc!r}). "
                                       f"{meanwhile(source)}")
    return CalendarFetched(source, "")


class CalendarRefresh:
    """Whether a fetch is under way, and the failure last shown."""

    def __init__(self) -> None:
        self._busy = False
        self._shown = ""
        self.fetches = 0
        """How many fetches have ended."""

    def next_fetch(self, source: CalendarSource | None) -> CalendarAddress | None:
        """The address to fetch now, or None: no address, or a fetch under way."""
        if source is None or self._busy:
            return None
        from microtui.calendar_source import CalendarAddress

        if not isinstance(source, CalendarAddress):
            return None
        self._busy = True
        return source

    def take(self, fetched: CalendarFetched) -> str:
        """Note that a fetch ended; the failure to show, or "" (none, or shown already)."""
        self._busy = False
        self.fetches += 1
        if not fetched.problem:
            self._shown = ""
            return ""
        if fetched.problem == self._shown:
            return ""
        self._shown = fetched.problem
        return fetched.problem

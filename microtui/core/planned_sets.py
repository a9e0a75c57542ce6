"""How many sets were planned on a day: the routine's timeline plus the logged events.

Sets **planned** on a working day are the events of that day's trigger timeline for the
routine and the schedule settings (:func:`microtui.core.timeline.build_timeline`, without
meetings: the default routine gives 18 on a 09:00-17:30 day), plus every other event id the
log names for that day (a pre-meeting set from the calendar, a typed-in meeting). Days off
plan nothing but their logged events. Today plans only the events whose time has come (when
``now`` is given).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, tzinfo
from typing import Any

from microtui.core.routine import Routine
from microtui.core.schedule import ScheduleSettings
from microtui.core.timeline import build_timeline


class PlanCounter:
    """How many sets were planned on a day (see the module doc), memoised.

    The timeline of a working day depends only on the routine, the settings and the day's
    UTC offsets at the start and end of work, so it is built once per distinct pair (twice
    a year at most with DST) rather than once per day.
    """

    def __init__(self, routine: Routine | None, settings: ScheduleSettings | None = None,
                 tz: tzinfo | None = None) -> None:
        self.routine = routine
        self.settings = settings or ScheduleSettings()
        self.tz = tz or UTC
        #: key → (the events' id ends, the same plus merged interval ids)
        self._memo: dict[tuple[Any, ...], tuple[frozenset[str], frozenset[str]]] = {}

    def _plans(self, day: date) -> bool:
        return self.routine is not None and day.weekday() in self.settings.working_weekdays

    def _ends(self, day: date) -> tuple[frozenset[str], frozenset[str]]:
        """The ``kind:HH:MM`` ends of the day's event ids, without and with merged ids."""
        if not self._plans(day):
            return frozenset(), frozenset()
        start = datetime.combine(day, self.settings.workday_start, tzinfo=self.tz)
        end = datetime.combine(day, self.settings.workday_end, tzinfo=self.tz)
        key = (start.utcoffset(), end.utcoffset())
        found = self._memo.get(key)
        if found is None:
            assert self.routine is not None
            events = build_timeline(self.routine, self.settings, day, self.tz).events
            own = frozenset(e.id.split(":", 1)[1] for e in events)
            merged = frozenset(i.split(":", 1)[1] for e in events for i in e.merged_ids)
            found = self._memo[key] = (own, own | merged)
        return found

    def planned(self, day: date, logged_ids: Iterable[str] = (),
                now: datetime | None = None) -> int:
        """Sets planned on ``day``: the timeline's events (only those whose time has come when
        ``now`` falls on ``day``) plus logged events that are not in it."""
        prefix = f"{day.isoformat()}:"
        own, known = self._ends(day)
        extra = sum(1 for i in set(logged_ids)
                    if i.startswith(prefix) and i[len(prefix):] not in known)
        if now is not None and self._plans(day):
            local_now = now.astimezone(self.tz)
            if local_now.date() == day:
                assert self.routine is not None
                timeline = build_timeline(self.routine, self.settings, day, self.tz)
                return sum(1 for e in timeline.events if e.planned <= local_now) + extra
        return len(own) + extra

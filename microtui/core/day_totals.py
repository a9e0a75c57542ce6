"""Each day's sessions folded into one :class:`DayTotals`, in a single pass over the log.

People keep this up for years: about 20 sets a working day for five years is some 26,000
session records. :func:`fold_sessions` reads every record exactly once and keys its totals
by the record's own ``started`` date, sliced from the ISO string (no date-time parsing per
record), so everything a range needs is a sum over at most a few thousand days.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from typing import Any

DONE_OUTCOMES = frozenset({"completed", "done", "partial"})
"""Outcomes that count as a set done (for "done", adherence, streaks and "sets this week")."""
EXCUSED_OUTCOMES = frozenset({"stopped-for-pain"})
"""Outcomes that take a set out of the plan: stopped on the guide's safety advice."""
SETTLED_OUTCOMES = DONE_OUTCOMES | EXCUSED_OUTCOMES | {"skipped", "missed"}
"""Outcomes that settle a set (it counts as planned even if its time has not come)."""


class DayTotals:
    """One day's sessions folded together.

    A set of the plan counts once however many records it has (:attr:`done_ids`); a set
    started outside the plan (no event id) counts each time (:attr:`adhoc_done`).
    (A plain class with slots: a dataclass costs the start about 0.5 ms to make.)
    """

    __slots__ = ("sets_logged", "moved_seconds", "region_seconds", "side_seconds",
                 "event_ids", "settled_ids", "done_ids", "excused_ids", "adhoc_done")

    def __init__(self, sets_logged: int = 0, moved_seconds: float = 0.0, *,
                 region_seconds: dict[str, float] | None = None,
                 side_seconds: dict[str, list[float]] | None = None,
                 event_ids: set[str] | None = None, settled_ids: set[str] | None = None,
                 done_ids: set[str] | None = None, excused_ids: set[str] | None = None,
                 adhoc_done: int = 0) -> None:
        self.sets_logged = sets_logged
        self.moved_seconds = moved_seconds
        self.region_seconds: dict[str, float] = {} if region_seconds is None else region_seconds
        #: exercise id → [left seconds, right seconds]
        self.side_seconds: dict[str, list[float]] = {} if side_seconds is None else side_seconds
        #: Every event id the day's records name (whatever their outcome).
        self.event_ids: set[str] = set() if event_ids is None else event_ids
        #: Events with an outcome that settles them (see :data:`SETTLED_OUTCOMES`).
        self.settled_ids: set[str] = set() if settled_ids is None else settled_ids
        #: Events with a set done.
        self.done_ids: set[str] = set() if done_ids is None else done_ids
        #: Events stopped for pain or dizziness.
        self.excused_ids: set[str] = set() if excused_ids is None else excused_ids
        #: Sets done that no event planned (``2`` with nothing due or coming).
        self.adhoc_done = adhoc_done

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, DayTotals):
            return NotImplemented
        return all(getattr(self, name) == getattr(other, name) for name in self.__slots__)

    __hash__ = None  # type: ignore[assignment]  # changes as it is folded

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__slots__)
        return f"DayTotals({fields})"

    @property
    def sets_done(self) -> int:
        """Sets done: the plan's events with a set done, and every set done outside it."""
        return len(self.done_ids) + self.adhoc_done

    @property
    def excused(self) -> set[str]:
        """Events stopped for pain and not done in another record."""
        return self.excused_ids - self.done_ids


def fold_sessions(
    sessions: Iterable[Mapping[str, Any]],
    regions: Mapping[str, str],
    days: dict[str, DayTotals] | None = None,
    *,
    day: str | None = None,
) -> dict[str, DayTotals]:
    """Fold session records into per-day totals keyed by ``YYYY-MM-DD``, in one pass.

    ``regions`` maps exercise ids to their region's value; unknown exercises count for
    minutes moved but no region. Malformed fields count as nothing. ``day`` (``YYYY-MM-DD``)
    folds every record into that day's totals, whatever date its ``started`` says (Today
    folds the records of its own local day). This is the hot loop of
    opening Progress on a long history, hence the plain local-variable style.
    """
    days = {} if days is None else days
    done_outcomes = DONE_OUTCOMES
    settled_outcomes = SETTLED_OUTCOMES
    get_region = regions.get
    inf = math.inf
    for record in sessions:
        started = record.get("started")
        if type(started) is not str or len(started) < 10:
            continue
        key = started[:10] if day is None else day
        totals = days.get(key)
        if totals is None:
            if key[4] != "-" or key[7] != "-":
                continue
            totals = days[key] = DayTotals()
        totals.sets_logged += 1
        outcome = record.get("outcome")
        active = record.get("active_seconds")
        if (type(active) is float or type(active) is int) and 0 < active < inf:
            totals.moved_seconds += active
        event_id = record.get("event_id")
        if type(event_id) is str and event_id:
            totals.event_ids.add(event_id)
            if outcome in settled_outcomes:
                totals.settled_ids.add(event_id)
                if outcome in done_outcomes:
                    totals.done_ids.add(event_id)
                elif outcome in EXCUSED_OUTCOMES:
                    totals.excused_ids.add(event_id)
        elif outcome in done_outcomes:
            totals.adhoc_done += 1
        rows = record.get("exercises")
        if type(rows) is not list:
            continue
        region_seconds = totals.region_seconds
        for row in rows:
            if type(row) is not dict:
                continue
            seconds = row.get("done_seconds")
            if not ((type(seconds) is float or type(seconds) is int) and 0 < seconds < inf):
                continue
            exercise_id = row.get("id")
            if type(exercise_id) is not str:
                continue
            region = get_region(exercise_id)
            if region is not None:
                region_seconds[region] = region_seconds.get(region, 0.0) + seconds
            side = row.get("side")
            if side == "left" or side == "right":
                pair = totals.side_seconds.get(exercise_id)
                if pair is None:
                    pair = totals.side_seconds[exercise_id] = [0.0, 0.0]
                pair[0 if side == "left" else 1] += seconds
    return days

"""What the log says was played in each of the day's sets, for the rows of sets gone by.

A set's row on Today names the exercises the routine gives it; once the set is logged it
names what was played instead (from the session record's exercises), so saving another
routine later in the day never rewrites the rows of sets already done. The row's relative
time is then that of the record (when the set ended), not of the plan: a set done early
reads "done just now", not "done in an hour".

Pure like the rest of :mod:`microtui.core`.
"""

import math
from collections.abc import Iterable, Mapping
from datetime import datetime, tzinfo
from typing import Any, NamedTuple

from microtui.core.day_records import STATE_RANK, outcome_state, record_started
from microtui.core.exercises import Exercise


class PlayedSet(NamedTuple):
    """One logged set: ``label`` the exercises played (``Ankle Pumps + Cervical Nod``;
    empty when none was, as for a skip), ``seconds`` their planned length, ``at`` when the
    record says the set ended (None if it does not say)."""

    label: str
    seconds: float
    at: datetime | None


def played_sets(records: Iterable[Mapping[str, Any]], exercises: Mapping[str, Exercise],
                tz: tzinfo) -> dict[str, PlayedSet]:
    """``{event id: PlayedSet}`` from the day's session records; where an event has several
    records, the one that settles its state (the best outcome; the later on a tie)."""
    best: dict[str, tuple[int, str, Mapping[str, Any]]] = {}
    for record in records:
        event_id, state = record.get("event_id"), outcome_state(record.get("outcome"))
        if not isinstance(event_id, str) or not event_id or state is None:
            continue
        key = (STATE_RANK[state], str(record.get("started") or ""))
        old = best.get(event_id)
        if old is None or key[0] < old[0] or (key[0] == old[0] and key[1] >= old[1]):
            best[event_id] = (*key, record)
    return {event_id: played_set(record, exercises, tz)
            for event_id, (_, _, record) in best.items()}


def played_set(record: Mapping[str, Any], exercises: Mapping[str, Exercise],
               tz: tzinfo) -> PlayedSet:
    """What one session record says was played."""
    names: list[str] = []
    seconds = 0.0
    items = record.get("exercises")
    for item in items if isinstance(items, list) else []:
        if not isinstance(item, Mapping):
            continue
        exercise_id = item.get("id")
        known = exercises.get(exercise_id) if isinstance(exercise_id, str) else None
        name = known.name if known is not None else item.get("name")
        if isinstance(name, str) and name and name not in names:
            names.append(name)
        planned = item.get("planned_seconds")
        if (isinstance(planned, int | float) and not isinstance(planned, bool)
                and math.isfinite(planned) and planned > 0):
            seconds += float(planned)
    ended = record_started({"started": record.get("ended")}, tz)
    at = ended if ended is not None else record_started(record, tz)
    return PlayedSet(" + ".join(names), seconds, at)

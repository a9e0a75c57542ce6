"""The day's session records as the Today screen reads them: outcomes and time moved.

Session records are the store's plain dicts (see :mod:`microtui.core.session_log`). Their
``outcome`` maps onto event states like this: ``completed`` (or ``done``) is done;
``partial`` and ``stopped-for-pain`` are partial (the user moved, and is not nagged again);
``skipped`` and ``missed`` are themselves; ``abandoned`` counts for nothing, so the event
stays due and can be started again. When an event has several records the best wins
(done, then partial, skipped, missed). A record for an interval event that was merged into
another event counts for the event it was merged into.

Pure like the rest of :mod:`microtui.core`: time only ever comes in as an argument.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from datetime import date, datetime, tzinfo
from typing import Any

from microtui.core.event_states import EventState

OUTCOME_STATES: dict[str, EventState] = {
    "completed": EventState.DONE,
    "done": EventState.DONE,
    "partial": EventState.PARTIAL,
    "stopped-for-pain": EventState.PARTIAL,
    "skipped": EventState.SKIPPED,
    "missed": EventState.MISSED,
}
"""Session outcomes that settle an event, and the state each gives it."""

#: When an event has several records the best wins: done, then partial, skipped, missed.
STATE_RANK = {EventState.DONE: 0, EventState.PARTIAL: 1, EventState.SKIPPED: 2,
              EventState.MISSED: 3}


def outcome_state(outcome: Any) -> EventState | None:
    """The event state a session outcome settles, or None (abandoned, unknown)."""
    return OUTCOME_STATES.get(outcome) if isinstance(outcome, str) else None


def log_from_records(records: Iterable[Mapping[str, Any]]) -> dict[str, str]:
    """``{event id: state}`` from session records; the best outcome per event wins."""
    log: dict[str, EventState] = {}
    for record in records:
        event_id = record.get("event_id")
        state = outcome_state(record.get("outcome"))
        if not isinstance(event_id, str) or not event_id or state is None:
            continue
        old = log.get(event_id)
        if old is None or STATE_RANK[state] < STATE_RANK[old]:
            log[event_id] = state
    return {key: str(value) for key, value in log.items()}


def record_started(record: Mapping[str, Any], tz: tzinfo) -> datetime | None:
    """A record's ``started`` as an aware datetime (a naive one is taken to be in ``tz``)."""
    raw = record.get("started")
    if not isinstance(raw, str):
        return None
    try:
        started = datetime.fromisoformat(raw)
    except ValueError:
        return None
    return started.replace(tzinfo=tz) if started.tzinfo is None else started


def record_day(record: Mapping[str, Any], tz: tzinfo) -> date | None:
    """The local date (in ``tz``) a record was started on."""
    started = record_started(record, tz)
    return None if started is None else started.astimezone(tz).date()


def moved_seconds(records: Iterable[Mapping[str, Any]]) -> float:
    """Total ``active_seconds`` of the records (bad or missing values count as 0)."""
    total = 0.0
    for record in records:
        value = record.get("active_seconds")
        if isinstance(value, bool) or not isinstance(value, int | float):
            continue
        if math.isfinite(value) and value > 0:
            total += float(value)
    return total

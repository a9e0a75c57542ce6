"""The answers a user gives the day's sets (a snooze, a skip), as :meth:`DayTracker.undo
<microtui.core.day.DayTracker.undo>` takes them back, and what tells one session record
from another."""

from collections.abc import Mapping
from datetime import datetime
from typing import Any, NamedTuple


class Answer(NamedTuple):
    """A skip or snooze the user gave a set: what :meth:`DayTracker.undo` takes back.
    ``snoozed_until``: the set's snooze before it; ``record``: a skip's session record."""

    kind: str
    event_id: str
    snoozed_until: datetime | None = None
    record: dict[str, Any] | None = None


def record_key(record: Mapping[str, Any]) -> tuple[str, str]:
    """What tells one session record from another: its event and when it started."""
    return str(record.get("event_id") or ""), str(record.get("started") or "")

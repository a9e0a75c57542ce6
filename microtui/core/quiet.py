"""Quiet for a while: every reminder paused until a moment (a presentation, a focus block).

While it is quiet nothing rings: no set comes due (no bell, no toast, no autostart). A set
whose time to start falls inside a quiet period is *quiet*: not missed, and left out of the
plan (:mod:`microtui.core.planned_sets`), unless it was done anyway. Quiet ends by itself at
its end, or earlier when the user ends it.

Every quiet period is kept, so the counting rule leaves out the same sets on every day of
the history. The settings store them as::

    "quiet": [{"from": "2026-11-25T13:30:00+01:00", "until": "2026-11-25T14:30:00+01:00"}]

Pure: no clock reads; ``now`` comes in.
"""

from collections.abc import Sequence
from datetime import datetime, time, timedelta
from typing import Any, NamedTuple

__all__ = ["QUIET_CHOICES", "QuietChoice", "QuietLog", "QuietPeriod", "quiet_text"]


class QuietChoice(NamedTuple):
    """One way to be quiet, as the chooser offers it."""

    label: str
    minutes: int | None
    """How long; None: until tomorrow (midnight)."""

    def until(self, now: datetime) -> datetime:
        """When quiet chosen at ``now`` ends."""
        if self.minutes is None:
            return datetime.combine(now.date() + timedelta(days=1), time(0), tzinfo=now.tzinfo)
        return now + timedelta(minutes=self.minutes)


QUIET_CHOICES: tuple[QuietChoice, ...] = (
    QuietChoice("30 minutes", 30),
    QuietChoice("1 hour", 60),
    QuietChoice("2 hours", 120),
    QuietChoice("Until tomorrow", None),
)


class QuietPeriod(NamedTuple):
    """Quiet from ``start`` until ``until`` (not included)."""

    start: datetime
    until: datetime

    def covers(self, at: datetime, grace: timedelta) -> bool:
        """A set due at ``at`` (``grace`` to start it) would have been due during it."""
        return at < self.until and at + grace > self.start

    def to_dict(self) -> dict[str, str]:
        return {"from": self.start.isoformat(), "until": self.until.isoformat()}


def _period(raw: object) -> QuietPeriod | None:
    """A stored period, or None if it does not read (aware times, ``from`` before ``until``)."""
    if not isinstance(raw, dict):
        return None
    try:
        start = datetime.fromisoformat(raw["from"])
        until = datetime.fromisoformat(raw["until"])
    except (KeyError, TypeError, ValueError):
        return None
    if start.tzinfo is None or until.tzinfo is None or until <= start:
        return None
    return QuietPeriod(start, until)


class QuietLog(NamedTuple):
    """Every quiet period, oldest first (the settings' ``"quiet"``)."""

    periods: tuple[QuietPeriod, ...] = ()

    @classmethod
    def from_dict(cls, raw: object) -> "QuietLog":
        """Lenient: entries that do not read are left out (and kept by :meth:`to_dict`)."""
        entries = raw if isinstance(raw, list) else []
        return cls(tuple(p for p in map(_period, entries) if p is not None))

    def to_dict(self, old: object = None) -> list[Any]:
        """The list to store: the entries of ``old`` that do not read stay as they were."""
        kept = [entry for entry in (old if isinstance(old, list) else [])
                if _period(entry) is None]
        return kept + [period.to_dict() for period in self.periods]

    def until(self, now: datetime) -> datetime | None:
        """When the quiet in force at ``now`` ends; None when it is not quiet."""
        ends = [p.until for p in self.periods if p.start <= now < p.until]
        return max(ends, default=None)

    def covers(self, at: datetime, grace: timedelta) -> bool:
        """A set due at ``at`` falls inside a quiet period (see :meth:`QuietPeriod.covers`)."""
        return any(p.covers(at, grace) for p in self.periods)

    def started(self, now: datetime, until: datetime) -> "QuietLog":
        """Quiet from ``now`` until ``until`` (a quiet in force ends now, the new one
        follows on)."""
        return QuietLog((*self.ended(now).periods, QuietPeriod(now, until)))

    def ended(self, now: datetime) -> "QuietLog":
        """The quiet in force at ``now`` ends now (unchanged if it is not quiet)."""
        periods: Sequence[QuietPeriod] = [
            QuietPeriod(p.start, now) if p.start <= now < p.until else p
            for p in self.periods]
        return QuietLog(tuple(p for p in periods if p.until > p.start))


def quiet_text(until: datetime, now: datetime) -> str:
    """``quiet until 14:30``, or ``quiet until tomorrow`` for the coming midnight."""
    if until.date() > now.date() and until.time() == time(0):
        return "quiet until tomorrow"
    return f"quiet until {until:%H:%M}"

"""Clock jumps: the wall clock moving differently from the monotonic clock.

A laptop that slept, a clock set forward or back: :class:`JumpDetector` compares successive
(wall, monotonic) samples and reports a :class:`ClockJump`. Its ``high_water`` (the latest
wall time seen) keeps the schedule's time from running backwards within a day
(:func:`microtui.core.event_states.evaluate`).
"""

from datetime import datetime
from typing import NamedTuple

from microtui.core.timeline import as_utc


class ClockJump(NamedTuple):
    """Wall time moved ``drift_seconds`` more than monotonic time between two samples.

    Positive: wall time ran ahead (a sleep/resume, a clock set forward); negative: the clock
    was set back.
    """

    wall_before: datetime
    wall_after: datetime
    drift_seconds: float

    @property
    def backwards(self) -> bool:
        return self.drift_seconds < 0


class JumpDetector:
    """Compares successive (wall, monotonic) samples; reports a :class:`ClockJump`.

    DST changes are not jumps (aware datetimes are compared as instants).
    ``high_water`` is the latest wall time sampled, for :func:`evaluate`.
    """

    def __init__(self, threshold_seconds: float = 90.0) -> None:
        self.threshold_seconds = threshold_seconds
        self.high_water: datetime | None = None
        self._last: tuple[datetime, float] | None = None

    def sample(self, wall: datetime, monotonic: float) -> ClockJump | None:
        wall_utc = as_utc(wall)
        last, self._last = self._last, (wall_utc, monotonic)
        if self.high_water is None or wall_utc > as_utc(self.high_water):
            self.high_water = wall
        if last is None:
            return None
        drift = (wall_utc - last[0]).total_seconds() - (monotonic - last[1])
        if abs(drift) > self.threshold_seconds:
            return ClockJump(last[0].astimezone(wall.tzinfo), wall, drift)
        return None

    def reset(self) -> None:
        """Forget the samples and the high-water mark (e.g. when the day changes)."""
        self._last = None
        self.high_water = None

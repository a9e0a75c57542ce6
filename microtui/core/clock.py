"""Clocks: the one way time gets into microtui.

Every time-dependent function takes ``now`` or a :class:`Clock`, so tests can move time
by hand. :class:`SystemClock` is the only place that reads the real time.
:class:`ScaledClock` backs ``MICROTUI_NOW`` / ``MICROTUI_SPEED``: it starts at a chosen wall
time and runs forward, optionally faster than real time.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Protocol


class Clock(Protocol):
    """Wall time (timezone-aware, local) and a monotonic seconds counter."""

    def now(self) -> datetime: ...

    def monotonic(self) -> float: ...


class SystemClock:
    """The real clock: local wall time and :func:`time.monotonic`."""

    def now(self) -> datetime:
        return datetime.now().astimezone()

    def monotonic(self) -> float:
        return time.monotonic()


@dataclass
class FakeClock:
    """A clock that moves only when told to. For tests.

    ``advance`` moves wall and monotonic time together; ``jump`` moves only the wall
    time (a clock set back, or a laptop that slept while the monotonic clock paused).
    """

    wall: datetime
    mono: float = 0.0

    def __post_init__(self) -> None:
        if self.wall.tzinfo is None:
            self.wall = self.wall.astimezone()

    def now(self) -> datetime:
        return self.wall

    def monotonic(self) -> float:
        return self.mono

    def advance(self, seconds: float) -> None:
        self.wall += timedelta(seconds=seconds)
        self.mono += seconds

    def jump(self, seconds: float) -> None:
        self.wall += timedelta(seconds=seconds)


@dataclass
class ScaledClock:
    """Starts at ``start`` and runs ``speed`` times faster than ``base``.

    Both wall and monotonic time are scaled, so a whole workday can play out in minutes
    with every timer in the app keeping in step.
    """

    start: datetime
    speed: float = 1.0
    base: Clock = field(default_factory=SystemClock)

    def __post_init__(self) -> None:
        if self.speed <= 0:
            raise ValueError("speed must be greater than zero")
        if self.start.tzinfo is None:
            self.start = self.start.astimezone()
        self._mono0 = self.base.monotonic()

    def _elapsed(self) -> float:
        return (self.base.monotonic() - self._mono0) * self.speed

    def now(self) -> datetime:
        return self.start + timedelta(seconds=self._elapsed())

    def monotonic(self) -> float:
        return self._mono0 + self._elapsed()


def clock_from_env(env: dict[str, str], base: Clock | None = None) -> Clock:
    """Build the app's clock from ``MICROTUI_NOW`` and ``MICROTUI_SPEED``.

    Raises :class:`ValueError` with a readable message when either is malformed.
    """
    base = base or SystemClock()
    raw_now = env.get("MICROTUI_NOW", "").strip()
    raw_speed = env.get("MICROTUI_SPEED", "").strip()
    if not raw_now and not raw_speed:
        return base
    try:
        speed = float(raw_speed) if raw_speed else 1.0
    except ValueError:
        raise ValueError(f"MICROTUI_SPEED must be a number, got {raw_speed!r}") from None
    if not speed > 0:
        raise ValueError(f"MICROTUI_SPEED must be greater than zero, got {raw_speed!r}")
    if raw_now:
        try:
            start = datetime.fromisoformat(raw_now)
        except ValueError:
            raise ValueError(
                f"MICROTUI_NOW must be a local date and time like 2026-11-25T09:29:50, "
                f"got {raw_now!r}"
            ) from None
    else:
        start = base.now()
    return ScaledClock(start=start, speed=speed, base=base)

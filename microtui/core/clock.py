"""Clocks: the one way time gets into microtui.

Every time-dependent function takes ``now`` or a :class:`Clock`, so tests can move time
by hand. :class:`SystemClock` is the only place that reads the real time.
:class:`ScaledClock` backs ``MICROTUI_NOW`` / ``MICROTUI_SPEED``: it starts at a chosen wall
time and runs forward, optionally faster than real time.
"""

from __future__ import annotations

import os
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from typing import Protocol
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


class Clock(Protocol):
    """Wall time (timezone-aware, local) and a monotonic seconds counter."""

    def now(self) -> datetime: ...

    def monotonic(self) -> float: ...


class SystemClock:
    """The real clock: local wall time (in the local IANA zone) and :func:`time.monotonic`.

    Wall times carry a real ``ZoneInfo`` where one can be found, so a day's schedule built
    from them keeps its wall-clock times across a DST change.
    """

    def __init__(self, zone: tzinfo | None = None) -> None:
        self.zone = zone or local_zone()

    def now(self) -> datetime:
        return datetime.now(self.zone)

    def monotonic(self) -> float:
        return time.monotonic()


def local_zone(env: Mapping[str, str] = os.environ) -> tzinfo:
    """The local time zone: ``TZ``, else the ``/etc/localtime`` link, else a fixed offset."""
    candidates = [env.get("TZ", "").lstrip(":")]
    try:
        link = os.readlink("/etc/localtime")
        candidates.append(link.split("zoneinfo/", 1)[1] if "zoneinfo/" in link else "")
    except OSError:
        pass
    for name in candidates:
        if name:
            try:
                return ZoneInfo(name)
            except (ZoneInfoNotFoundError, ValueError, OSError):
                continue
    offset = -(time.altzone if time.localtime().tm_isdst > 0 else time.timezone)
    return timezone(timedelta(seconds=offset))


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
        self.wall = _add(self.wall, seconds)
        self.mono += seconds

    def jump(self, seconds: float) -> None:
        self.wall = _add(self.wall, seconds)


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
            self.start = self.start.replace(tzinfo=local_zone())
        self._mono0 = self.base.monotonic()

    def _elapsed(self) -> float:
        return (self.base.monotonic() - self._mono0) * self.speed

    def now(self) -> datetime:
        return _add(self.start, self._elapsed())

    def monotonic(self) -> float:
        return self._mono0 + self._elapsed()


def _add(moment: datetime, seconds: float) -> datetime:
    """Elapsed time added in UTC, so a DST change moves the wall clock as it really does."""
    return (moment.astimezone(UTC) + timedelta(seconds=seconds)).astimezone(moment.tzinfo)


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

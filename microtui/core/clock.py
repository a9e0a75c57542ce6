"""Clocks: the one way time gets into microtui.

Every time-dependent function takes ``now`` or a :class:`Clock`, so tests can move time
by hand. :class:`SystemClock` is the only place that reads the real time.
:class:`ScaledClock` backs ``MICROTUI_NOW`` / ``MICROTUI_SPEED``: it starts at a chosen wall
time and runs forward, optionally faster than real time.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Mapping
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from typing import Protocol, runtime_checkable
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from microtui.core.zone_names import zone_candidates


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
    for name in zone_candidates(env):
        if name:
            try:
                return ZoneInfo(name)
            except (ZoneInfoNotFoundError, ValueError, OSError):
                continue
    offset = -(time.altzone if time.localtime().tm_isdst > 0 else time.timezone)
    return timezone(timedelta(seconds=offset))


class Ticker(Protocol):
    """A running timer (Textual's ``Timer`` is one): it can be stopped, paused, resumed,
    and reset (run again, its next tick a whole interval from now)."""

    def stop(self) -> None: ...

    def pause(self) -> None: ...

    def resume(self) -> None: ...

    def reset(self) -> None: ...


@runtime_checkable
class TimerClock(Protocol):
    """A clock that runs the app's timers itself, on its own time: the fake clock of the
    tests. The app's timers then fire when the test moves the clock, never on real time."""

    def call_every(self, seconds: float, callback: Callable[[], object]) -> Ticker: ...

    def call_later(self, seconds: float, callback: Callable[[], object]) -> Ticker: ...


class ScaledClock:
    """Starts at ``start`` and runs ``speed`` times faster than ``base``.

    Both wall and monotonic time are scaled, so a whole workday can play out in minutes
    with every timer in the app keeping in step. (A plain class: a dataclass costs the
    start about 0.3 ms to make, and nothing compares or prints a clock.)
    """

    def __init__(self, start: datetime, speed: float = 1.0, base: Clock | None = None) -> None:
        if speed <= 0:
            raise ValueError("speed must be greater than zero")
        self.start = start if start.tzinfo is not None else start.replace(tzinfo=local_zone())
        self.speed = speed
        self.base = base if base is not None else SystemClock()
        self._mono0 = self.base.monotonic()

    def _elapsed(self) -> float:
        return (self.base.monotonic() - self._mono0) * self.speed

    def now(self) -> datetime:
        return add_seconds(self.start, self._elapsed())

    def monotonic(self) -> float:
        return self._mono0 + self._elapsed()


def add_seconds(moment: datetime, seconds: float) -> datetime:
    """Elapsed time added in UTC, so a DST change moves the wall clock as it really does."""
    return (moment.astimezone(UTC) + timedelta(seconds=seconds)).astimezone(moment.tzinfo)


#: The years MICROTUI_NOW may name: a day's plan and a report reach a few centuries back and
#: a few days ahead, and Python's dates end at the years 1 and 9999.
NOW_YEARS = (1000, 9000)


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
        if not NOW_YEARS[0] <= start.year <= NOW_YEARS[1]:  # the calendar maths runs out
            raise ValueError(f"MICROTUI_NOW must be in the years {NOW_YEARS[0]}–"
                             f"{NOW_YEARS[1]}, got {raw_now!r}")
    else:
        start = base.now()
    return ScaledClock(start=start, speed=speed, base=base)

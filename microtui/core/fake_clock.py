"""A clock that moves only when told to, and runs the app's timers itself: for tests (and
anything else that must move time by hand). Kept apart from :mod:`microtui.core.clock`:
nothing the app runs on makes one."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from microtui.core.clock import add_seconds

__all__ = ["FakeClock", "FakeTimer"]


@dataclass(eq=False)
class FakeTimer:
    """A timer of a :class:`FakeClock`: fires when the clock is advanced past ``due``."""

    clock: FakeClock
    interval: float
    callback: Callable[[], object]
    due: float
    repeat: bool
    active: bool = True

    def stop(self) -> None:
        self.active = False
        if self in self.clock.timers:
            self.clock.timers.remove(self)

    def pause(self) -> None:
        self.active = False

    def resume(self) -> None:
        if self in self.clock.timers and not self.active:
            self.active = True
            self.due = self.clock.mono + self.interval

    def reset(self) -> None:
        """Run (again, if paused), the next tick a whole interval from now."""
        if self in self.clock.timers:
            self.active = True
            self.due = self.clock.mono + self.interval


@dataclass
class FakeClock:
    """A clock that moves only when told to. For tests.

    ``advance`` moves wall and monotonic time together and fires the timers that came due
    (each once, however far the clock moved: a late timer skips the ticks it missed, as
    Textual's do); ``jump`` moves only the wall time (a clock set back, or a laptop that
    slept while the monotonic clock paused).
    """

    wall: datetime
    mono: float = 0.0
    timers: list[FakeTimer] = field(default_factory=list, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.wall.tzinfo is None:
            self.wall = self.wall.astimezone()

    def now(self) -> datetime:
        return self.wall

    def monotonic(self) -> float:
        return self.mono

    def advance(self, seconds: float) -> None:
        self.wall = add_seconds(self.wall, seconds)
        self.mono += seconds
        self.fire_due()

    def call_every(self, seconds: float, callback: Callable[[], object]) -> FakeTimer:
        return self._add_timer(seconds, callback, repeat=True)

    def call_later(self, seconds: float, callback: Callable[[], object]) -> FakeTimer:
        return self._add_timer(seconds, callback, repeat=False)

    def _add_timer(self, seconds: float, callback: Callable[[], object], *,
                   repeat: bool) -> FakeTimer:
        if not seconds > 0:
            raise ValueError(f"a timer needs a positive interval, got {seconds!r}")
        timer = FakeTimer(self, seconds, callback, self.mono + seconds, repeat)
        self.timers.append(timer)
        return timer

    def fire_due(self) -> None:
        """Run every active timer whose time has come, earliest first, once each."""
        due = sorted((t for t in self.timers if t.active and t.due <= self.mono + 1e-9),
                     key=lambda t: t.due)
        for timer in due:
            if not timer.active or timer not in self.timers:
                continue  # stopped by an earlier callback
            if timer.repeat:
                # one step at least: a tick a rounding error ahead of the clock has come
                missed = max(1, int((self.mono - timer.due) // timer.interval) + 1)
                timer.due += missed * timer.interval
            else:
                timer.stop()
            timer.callback()

    def jump(self, seconds: float) -> None:
        self.wall = add_seconds(self.wall, seconds)

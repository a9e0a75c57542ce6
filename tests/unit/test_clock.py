from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from microtui.core.clock import ScaledClock, clock_from_env
from microtui.core.fake_clock import FakeClock


def test_fake_clock_advances_and_jumps():
    clock = FakeClock(datetime(2026, 11, 25, 9, 0))
    start = clock.now()
    clock.advance(90)
    assert clock.now() - start == timedelta(seconds=90)
    assert clock.monotonic() == 90
    clock.jump(3600)  # wall time only: a sleep or a clock change
    assert clock.now() - start == timedelta(seconds=3690)
    assert clock.monotonic() == 90


def test_scaled_clock_runs_faster_from_its_start():
    base = FakeClock(datetime(2030, 1, 1, 0, 0))
    start = datetime(2026, 11, 25, 9, 29, 50).astimezone()
    clock = ScaledClock(start=start, speed=60, base=base)
    assert clock.now() == start
    base.advance(10)
    assert clock.now() == start + timedelta(minutes=10)
    assert clock.monotonic() - base.monotonic() == pytest.approx(590)


def test_clock_from_env():
    base = FakeClock(datetime(2030, 1, 1, 0, 0))
    assert clock_from_env({}, base) is base
    clock = clock_from_env({"MICROTUI_NOW": "2026-11-25T09:29:50", "MICROTUI_SPEED": "60"}, base)
    assert clock.now().strftime("%Y-%m-%d %H:%M:%S") == "2026-11-25 09:29:50"
    base.advance(1)
    assert clock.now().strftime("%H:%M:%S") == "09:30:50"


@pytest.mark.parametrize(
    ("env", "says"),
    [
        ({"MICROTUI_NOW": "tomorrow"}, "MICROTUI_NOW"),
        ({"MICROTUI_SPEED": "fast"}, "MICROTUI_SPEED must be a number"),
        ({"MICROTUI_SPEED": "0"}, "greater than zero"),
    ],
)
def test_clock_from_env_rejects_bad_values(env, says):
    with pytest.raises(ValueError, match=says):
        clock_from_env(env, FakeClock(datetime(2030, 1, 1)))


def test_local_zone_from_tz_and_scaled_clock_uses_it():
    from zoneinfo import ZoneInfo

    from microtui.core.clock import local_zone

    assert local_zone({"TZ": "Europe/London"}) == ZoneInfo("Europe/London")
    assert local_zone({"TZ": ":America/New_York"}) == ZoneInfo("America/New_York")
    assert local_zone({"TZ": "Not/AZone"}) is not None  # falls back, never raises


def test_scaled_clock_keeps_wall_time_across_dst():
    from zoneinfo import ZoneInfo

    london = ZoneInfo("Europe/London")
    base = FakeClock(datetime(2030, 1, 1, 0, 0))
    start = datetime(2026, 10, 25, 0, 30, tzinfo=london)
    clock = ScaledClock(start=start, speed=1, base=base)
    base.advance(3 * 3600)  # three real hours; the clocks went back an hour at 02:00
    assert clock.now().astimezone(london).strftime("%H:%M") == "02:30"


def test_a_fake_clock_runs_its_timers_when_it_is_moved():
    from datetime import UTC, datetime

    from microtui.core.clock import TimerClock
    from microtui.core.fake_clock import FakeClock

    clock = FakeClock(datetime(2026, 11, 25, 9, 0, tzinfo=UTC))
    assert isinstance(clock, TimerClock)
    ticks: list[float] = []
    once: list[float] = []
    ticker = clock.call_every(1.0, lambda: ticks.append(clock.monotonic()))
    clock.call_later(2.5, lambda: once.append(clock.monotonic()))
    clock.advance(0.5)
    assert ticks == []
    clock.advance(0.5)
    assert ticks == [1.0]
    clock.advance(10)  # late: fires once, skipping the ticks it missed (as Textual's do)
    assert ticks == [1.0, 11.0] and once == [11.0]
    clock.advance(1)
    assert ticks == [1.0, 11.0, 12.0] and once == [11.0]
    ticker.pause()
    clock.advance(5)
    assert len(ticks) == 3
    ticker.resume()
    clock.advance(1)
    assert len(ticks) == 4
    ticker.stop()
    clock.advance(5)
    assert len(ticks) == 4 and clock.timers == []


def test_a_timer_stopped_by_another_timers_callback_does_not_fire():
    from datetime import UTC, datetime

    from microtui.core.fake_clock import FakeClock

    clock = FakeClock(datetime(2026, 11, 25, 9, 0, tzinfo=UTC))
    fired: list[str] = []
    second = clock.call_every(1.0, lambda: fired.append("second"))
    clock.call_later(0.5, lambda: (fired.append("first"), second.stop()))
    clock.advance(1)
    assert fired == ["first"]


def test_a_fake_timer_can_be_reset_and_keeps_step_through_small_steps():
    from datetime import UTC, datetime

    from microtui.core.fake_clock import FakeClock

    clock = FakeClock(datetime(2026, 11, 25, 9, 0, tzinfo=UTC))
    ticks: list[float] = []
    ticker = clock.call_every(1 / 12, lambda: ticks.append(clock.monotonic()))
    ticker.pause()
    clock.advance(1)
    assert ticks == []
    ticker.reset()  # runs again, its next tick a whole interval from now
    clock.advance(1 / 24)
    assert ticks == []
    clock.advance(1 / 24)
    assert len(ticks) == 1
    for _ in range(240):  # ten seconds in half frames: some land a rounding error short
        clock.advance(1 / 24)
    assert len(ticks) == 121
    ticker.stop()
    ticker.reset()  # a stopped timer stays stopped
    clock.advance(1)
    assert len(ticks) == 121 and clock.timers == []

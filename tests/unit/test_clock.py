from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from microtui.core.clock import FakeClock, ScaledClock, clock_from_env


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

"""Step 4: "adjust to 15 minutes if you notice early signs of fatigue"."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from microtui.core.fatigue import energy_by_day, fatigue_suggestion

TODAY = date(2026, 11, 27)


def days(*pairs: tuple[int, int] | None) -> list[dict]:
    """Check-ins for the days before TODAY, oldest first: (morning, evening) energy."""
    out = []
    for back, pair in enumerate(reversed(pairs)):
        if pair is None:
            continue
        day = (TODAY - timedelta(days=back)).isoformat()
        out.append({"date": day, "moment": "start", "energy": pair[0]})
        out.append({"date": day, "moment": "end", "energy": pair[1]})
    return out


@pytest.mark.parametrize(("pairs", "falling"), [
    (((7, 5), (7, 6), (6, 4), (7, 7), (8, 8)), 3),  # 3 of the last 5 fell
    (((7, 5), (7, 6), (6, 4), (5, 5)), 3),  # 3 of 4
    (((7, 5), (7, 6), (7, 7), (7, 8), (8, 8)), None),  # only 2
    (((7, 5), (7, 5), (7, 5), (7, 7), (7, 7), (7, 7), (7, 8)), None),  # an old run
    (((7, 5), (7, 6)), None),  # too few days to tell
    (((7, 7), (7, 7), (7, 7)), None),  # steady is not falling
])
def test_falling_energy_suggests_15_minutes(pairs, falling):
    found = fatigue_suggestion(days(*pairs), TODAY, 20)
    assert (found.falling if found else None) == falling
    if found:
        assert found.interval_minutes == 15 and found.current_minutes == 20
        assert "15 minutes instead of 20" in found.describe()


def test_no_suggestion_at_15_or_below_or_after_a_decline():
    falling = days((7, 5), (7, 5), (7, 5))
    assert fatigue_suggestion(falling, TODAY, 30) is not None
    assert fatigue_suggestion(falling, TODAY, 15) is None
    assert fatigue_suggestion(falling, TODAY, 30, declined_on=TODAY - timedelta(days=13)) \
        is None
    assert fatigue_suggestion(falling, TODAY, 30, declined_on=TODAY - timedelta(days=14)) \
        is not None


def test_a_day_rated_at_one_end_only_does_not_count():
    checkins = [{"date": "2026-11-26", "moment": "start", "energy": 8},
                {"date": "2026-11-25", "moment": "end", "energy": 2},
                {"date": "2026-11-24", "moment": "start", "energy": 6},
                {"date": "2026-11-24", "moment": "end", "energy": 4},
                {"date": "2026-11-24", "moment": "end", "energy": 7}]  # the last wins
    assert energy_by_day(checkins) == {date(2026, 11, 24): (6, 7)}

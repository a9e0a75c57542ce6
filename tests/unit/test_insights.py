"""Movement against feeling and mobility against the first screen, on generated data."""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest

from microtui.core.insights import (
    MIN_DAYS,
    NOT_A_CAUSE,
    Comparison,
    build_insights,
    compare_days,
    mobility_insights,
)

TODAY = date(2026, 11, 25)


def clamp(value: float) -> float:
    return float(min(10, max(1, round(value))))


def generated(days: int, effect: float, seed: int = 7, *, high_share: float = 0.5):
    """``days`` working days before TODAY; a day is a high day (90 % done) with chance
    ``high_share``, else a low day (30 %). End-of-day stiffness is ``effect`` points lower
    on high days (energy and focus ``effect`` higher); the day-to-day spread is 1.5 points."""
    rng = random.Random(seed)
    shares, checkins = {}, {}
    day = TODAY
    while len(shares) < days:
        day -= timedelta(days=1)
        if day.weekday() >= 5:
            continue
        high = rng.random() < high_share
        shares[day] = 0.9 if high else 0.3
        start = {"stiffness": clamp(rng.gauss(6, 1.5)), "energy": clamp(rng.gauss(5, 1.5)),
                 "focus": clamp(rng.gauss(5, 1.5))}
        lift = effect if high else 0.0
        end = {"stiffness": clamp(rng.gauss(5 - lift, 1.5)),
               "energy": clamp(rng.gauss(5 + lift, 1.5)),
               "focus": clamp(rng.gauss(5 + lift, 1.5))}
        checkins[day] = {"start": start, "end": end}
    return shares, checkins


def by_key(comparisons):
    return {(c.metric, c.moment): c for c in comparisons}


def test_a_known_effect_is_found_with_its_day_counts():
    shares, checkins = generated(120, effect=2.0)
    found = by_key(compare_days(shares, checkins, TODAY))
    stiffness = found[("stiffness", "end")]
    assert stiffness.shown and stiffness.difference == pytest.approx(-2.0, abs=0.6)
    high = sum(1 for s in shares.values() if s >= 0.75)
    low = len(shares) - high
    assert stiffness.text() == (
        f"On days with at least 75 % of your sets done, end-of-day stiffness was "
        f"{abs(stiffness.difference):.1f} points lower than on days under 50 % "
        f"({sum(stiffness.high) / high:.1f} vs {sum(stiffness.low) / low:.1f}; "
        f"{high} days vs {low})")
    for metric in ("energy", "focus"):
        assert found[(metric, "end")].shown
        assert "higher than on days under 50 %" in found[(metric, "end")].text()
    # The morning-to-evening change carries the same effect (mornings don't differ).
    change = found[("stiffness", "change")]
    assert change.shown and change.difference == pytest.approx(-2.0, abs=0.8)
    assert "stiffness changed by −" in change.text() and "from morning to evening" in \
        change.text()


def test_no_effect_shows_no_difference_but_the_spread():
    shares, checkins = generated(120, effect=0.0, seed=3)
    comparisons = compare_days(shares, checkins, TODAY)
    assert not any(c.shown for c in comparisons)
    text = by_key(comparisons)[("energy", "end")].text()
    assert text.startswith("End-of-day energy: no difference larger than the day-to-day "
                           "spread (±")
    assert "days vs" in text


def test_without_an_effect_a_difference_shows_rarely():
    """Two standard errors: about 1 comparison in 20 by chance, never most of them."""
    shown = total = 0
    for seed in range(40):
        shares, checkins = generated(60, effect=0.0, seed=seed)
        for comparison in compare_days(shares, checkins, TODAY):
            total += 1
            shown += comparison.shown
    assert shown / total <= 0.08


def test_a_difference_within_two_standard_errors_is_not_claimed():
    wide = Comparison("stiffness", "end", (2.0, 8.0) * 6, (3.0, 8.0) * 6)
    assert wide.difference == pytest.approx(-0.5)
    # Welch: sqrt(s1²/n1 + s2²/n2) with s1² = 9.82, s2² = 6.82 and 12 days a side.
    assert wide.standard_error == pytest.approx(1.178, abs=0.001)
    assert not wide.shown and "(±2.4)" in wide.text()
    narrow = Comparison("stiffness", "end", (4.0, 5.0) * 6, (5.0, 6.0) * 6)
    assert narrow.shown and narrow.difference == pytest.approx(-1.0)


def test_less_than_half_a_point_is_never_claimed():
    steady = Comparison("energy", "end", (5.0, 5.0, 6.0, 5.0, 5.0) * 4, (5.0,) * 20)
    assert steady.difference == pytest.approx(0.2) and 2 * steady.standard_error < 0.2
    assert not steady.shown and "(±0.5)" in steady.text()


def test_a_week_is_not_enough_and_says_how_many_more():
    shares, checkins = generated(5, effect=3.0, seed=1)
    comparisons = compare_days(shares, checkins, TODAY)
    stiffness = by_key(comparisons)[("stiffness", "end")]
    high, low = len(stiffness.high), len(stiffness.low)
    assert high + low == 5
    needed = max(0, MIN_DAYS - high) + max(0, MIN_DAYS - low)
    assert stiffness.needed == needed and stiffness.difference is None
    assert stiffness.text() == (
        f"End-of-day stiffness: not enough days yet ({needed} more needed; {high} days with "
        f"at least 75 % of your sets done vs {low} under 50 %, at least {MIN_DAYS} a side)")
    # While no comparison has its days, one line says so (not six alike).
    assert build_insights(shares, checkins, [], TODAY).feeling_lines() == [
        "Movement against feeling (days with an end-of-day check-in): "
        + stiffness.text().split(": ", 1)[1]]


def test_once_one_comparison_has_its_days_each_gets_its_line():
    shares, checkins = generated(40, effect=2.0)
    for day in sorted(checkins)[:30]:
        checkins[day] = {"end": checkins[day]["end"]}  # no morning check-in on most days
    lines = build_insights(shares, checkins, [], TODAY).feeling_lines()
    assert len(lines) == 7 and lines[-1] == NOT_A_CAUSE
    assert "from morning to evening: not enough days yet" in lines[3]


def test_one_side_missing_still_needs_its_days():
    shares, checkins = generated(40, effect=2.0, high_share=1.0)
    stiffness = by_key(compare_days(shares, checkins, TODAY))[("stiffness", "end")]
    assert len(stiffness.high) == 40 and stiffness.needed == MIN_DAYS


def test_days_in_between_today_and_days_without_a_plan_are_left_out():
    shares, checkins = generated(30, effect=1.0)
    some = sorted(shares)
    shares[some[0]] = 0.6  # between 50 and 75 %: neither side
    shares[some[1]] = None  # nothing planned
    checkins[TODAY] = {"end": {"stiffness": 1.0}}
    shares[TODAY] = 1.0
    stiffness = by_key(compare_days(shares, checkins, TODAY))[("stiffness", "end")]
    assert len(stiffness.high) + len(stiffness.low) == 28


def test_a_callable_gives_the_shares():
    shares, checkins = generated(60, effect=2.0)
    assert by_key(compare_days(shares.get, checkins, TODAY)) == \
        by_key(compare_days(shares, checkins, TODAY))


def test_the_lines_never_claim_a_cause():
    shares, checkins = generated(120, effect=2.0)
    lines = build_insights(shares, checkins, [], TODAY).lines()
    assert lines[len(compare_days(shares, checkins, TODAY))] == NOT_A_CAUSE
    for line in lines:
        if line == NOT_A_CAUSE:
            continue
        lowered = line.lower()
        assert not any(word in lowered for word in ("because", "caused", "thanks to",
                                                    "improves", "leads to"))


# -- mobility -----------------------------------------------------------------------------


def screen(day: date, hip_l: float, hip_r: float, neck_l: float, neck_r: float):
    return (day, {"hip_flexion_left": hip_l, "hip_flexion_right": hip_r,
                  "neck_rotation_left": neck_l, "neck_rotation_right": neck_r})


def test_change_since_the_first_screen():
    screens = [screen(date(2026, 9, 2), 90, 92, 70, 72),
               screen(date(2026, 9, 16), 93, 93, 70, 71),
               screen(date(2026, 11, 18), 98, 95, 62, 74)]
    found = mobility_insights(screens, TODAY)
    lines = found.lines()
    assert "+8° hip flexion left since 2 September (90° → 98°)" in lines
    assert "Hip flexion right: about the same since 2 September (92° → 95°)" in lines
    assert "−8° neck rotation left since 2 September (70° → 62°)" in lines
    # The latest neck screen is 16 % apart (62 against 74): pointed out; hips are not.
    assert [g.joint for g in found.gaps] == ["neck_rotation"]
    assert ("Neck rotation: left 62°, right 74° on 18 November, a gap of 16 % (over 10 %: "
            "mirror each exercise on both sides)") in lines
    assert not found.due and not any("is due" in line for line in lines)


def test_a_gap_of_exactly_ten_percent_is_not_pointed_out():
    assert not mobility_insights([screen(TODAY, 90, 100, 70, 70)], TODAY).gaps
    assert mobility_insights([screen(TODAY, 89, 100, 70, 70)], TODAY).gaps


def test_a_screen_that_is_due_and_none_yet():
    lines = mobility_insights([screen(date(2026, 11, 1), 90, 90, 70, 70)], TODAY).lines()
    assert lines == ["Mobility: one screen so far (1 November); the next shows the change.",
                     "A mobility screen is due (the last was on 1 November)."]
    assert mobility_insights([], TODAY).lines() == [
        "Mobility: no screen yet. Record one on Progress (m) to see changes."]


def test_another_year_is_named_and_later_screens_are_left_out():
    screens = [screen(date(2025, 9, 2), 80, 80, 70, 70), screen(TODAY, 90, 90, 70, 70),
               screen(TODAY + timedelta(days=3), 10, 10, 10, 10)]
    lines = mobility_insights(screens, TODAY).lines()
    assert "+10° hip flexion left since 2 September 2025 (80° → 90°)" in lines

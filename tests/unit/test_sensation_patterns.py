"""Patterns in sensations, on generated sets with a known pattern and with none, and the
log of the guide's step 5 (time, movements, sensations) day by day."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

import pytest

from microtui.core.loader import builtin_path, load_library
from microtui.core.movement_log import log_days
from microtui.core.sensation_patterns import MIN_SETS, SHARED, sensation_patterns
from microtui.core.sensations import SENSATIONS

EXERCISES = load_library([builtin_path()]).exercises
START = datetime(2026, 9, 1, 9, 0, tzinfo=UTC)


def a_set(n: int, ids: list[str], sensation: str | None, *, note: str | None = None,
          outcome: str = "completed", done: float = 10.0) -> dict:
    started = START + timedelta(hours=n // 8 * 24 + n % 8)
    return {"v": 1, "event_id": None, "trigger": None, "started": started.isoformat(),
            "ended": started.isoformat(), "outcome": outcome, "active_seconds": 10,
            "exercises": [{"id": i, "name": EXERCISES[i].name, "side": None,
                           "planned_seconds": 10.0, "done_seconds": done, "effortless": False}
                          for i in ids],
            **({"sensation": sensation} if sensation else {}), "note": note}


@pytest.fixture(scope="module")
def known_pattern() -> list[dict]:
    """Three weeks: ankle pumps leave you tight or in pain 3 sets in 4, the chest opener
    eases you 4 in 5, everything else random noise (a fixed seed)."""
    rng = random.Random(14)
    records = []
    for n in range(60):
        records.append(a_set(n, ["ankle-pumps", "cervical-nod"],
                             rng.choice(["tight", "pain", "tight", "tingling"])))
        records.append(a_set(n + 1000, ["chest-opener", "wrist-pulses"],
                             rng.choice(["eased", "loosened", "eased", "eased", "tight"])))
        records.append(a_set(n + 2000, [rng.choice(["grip-squeeze", "micro-squat"])],
                             rng.choice(SENSATIONS).value))
    return records


def test_a_known_pattern_is_found_with_its_counts_and_a_swap(known_pattern):
    patterns = sensation_patterns(known_pattern, EXERCISES)
    names = [e.name for e in patterns.straining]
    assert "Ankle Pumps" in names and "Chest Opener Finger Pull" not in names
    assert "Chest Opener Finger Pull" in [e.name for e in patterns.easing]
    assert "Ankle Pumps" not in [e.name for e in patterns.easing]
    # The set is rated as a whole: the nod done with the pumps shares their pattern.
    assert "Cervical Nod" in names
    lines = patterns.lines()
    ankle = next(line for line in lines if line.startswith("Tight or in pain after Ankle"))
    feel = next(e for e in patterns.exercises if e.exercise_id == "ankle-pumps")
    assert f"{feel.straining} of 60 sets with a sensation" in ankle and feel.pain > 0
    swap = next(line for line in lines if line.startswith("Ankle Pumps keeps"))
    assert "another lower body movement" in swap
    assert swap.split("try ")[1].split(" instead")[0] in {
        "Seated Hip Abduction/Adduction", "Micro‑Squat"}
    assert any("consult a health professional" in line for line in lines)
    assert lines[-1] == SHARED


def test_random_sensations_show_no_pattern():
    """Every set an even draw of the five: nothing reaches half of its sets."""
    ids = ["ankle-pumps", "chest-opener", "grip-squeeze"]
    records = [a_set(n, [ids[n % 3]], SENSATIONS[(n // 3) % 5].value) for n in range(150)]
    patterns = sensation_patterns(records, EXERCISES)
    assert patterns.straining == [] and patterns.easing == [] and patterns.swaps == ()
    [line] = patterns.lines()
    assert line.startswith("No exercise stands out: none of the 3 with 5 or more")


def test_below_the_minimum_nothing_is_named_and_it_says_how_many_more():
    records = [a_set(n, ["ankle-pumps"], "pain") for n in range(MIN_SETS - 2)]
    records.append(a_set(99, ["chest-opener"], None))  # no sensation: not counted
    patterns = sensation_patterns(records, EXERCISES)
    assert patterns.straining == []
    assert patterns.lines() == ["Not enough sets with a sensation yet: 2 more needed before "
                                "an exercise is named (each needs 5)."]
    assert sensation_patterns([], EXERCISES).needed() == MIN_SETS


def test_the_log_lists_time_movements_and_sensations_newest_day_first():
    records = [
        a_set(0, ["ankle-pumps", "cervical-nod"], "tight", note="calves warm"),
        a_set(1, ["chest-opener"], None),
        a_set(2, ["grip-squeeze"], None, outcome="skipped", done=0),
        a_set(9, ["micro-squat"], "eased"),
        a_set(10, ["wrist-pulses"], None, note="fine"),
        a_set(11, ["cervical-nod"], "pain", outcome="stopped-for-pain"),
    ]
    days = log_days(records, UTC)
    assert [d.day.isoformat() for d in days] == ["2026-09-02", "2026-09-01"]
    assert days[1].heading == "Tuesday 1 September 2026 · 2 sets"
    rows = [(e.time, e.movements_text, e.felt_text) for e in days[1].entries]
    assert rows == [("09:00", "Ankle Pumps, Cervical Nod", "tight: calves warm"),
                    ("10:00", "Chest Opener Finger Pull", "–")]
    rows = [(e.time, e.felt_text) for e in days[0].entries]
    assert rows == [("10:00", "eased"), ("11:00", "“fine”"), ("12:00", "stopped (!) · pain")]

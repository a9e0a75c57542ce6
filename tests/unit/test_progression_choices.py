"""The guide's progressive variation, whole: "increase the hold time by 2–3 seconds or add a
light resistance band". Every hold offers +2 or +3 s (the user picks), a band goes where
``exercises.toml`` says one makes sense, and the five rhythms grow by 2–3 s of rhythm."""

from __future__ import annotations

from datetime import date

import pytest

from microtui.core.loader import builtin_path, load_library
from microtui.core.progression import (
    EFFORTLESS_RULE,
    Suggestion,
    apply_to_items,
    progression_suggestions,
    suggestion_choices,
)
from microtui.core.routine import (
    Routine,
    SetItem,
    Trigger,
    TriggerKind,
    routine_from_dict,
    routine_to_dict,
)
from microtui.core.routine_draft import RoutineDraft
from microtui.core.routine_validation import set_field, validate
from microtui.core.schedule import ScheduleSettings
from microtui.core.set_builder import adjust_item, item_detail

LIBRARY = load_library([builtin_path()])
EXERCISES = LIBRARY.exercises
TODAY = date(2026, 11, 25)
RHYTHMS = {"pelvic-tilt", "shoulder-circle", "ankle-pumps", "cervical-nod", "wrist-pulses"}
BANDS = {"hip-abduction", "micro-squat", "finger-extension"}


def routine_of(*ids: str, **item: object) -> Routine:
    items = tuple(SetItem(i, **item) for i in ids)  # type: ignore[arg-type]
    return Routine("r", "R", (Trigger(TriggerKind.INTERVAL, "Every 20 min", "", items, 20),))


def effortless_sets(exercise_id: str, count: int = 3) -> list[dict]:
    return [{"started": f"2026-11-{10 + n:02d}T10:00:00+01:00",
             "exercises": [{"id": exercise_id, "done_seconds": 10, "effortless": True}]}
            for n in range(count)]


def choices_for(exercise_id: str, routine: Routine | None = None) -> list[Suggestion]:
    routine = routine or routine_of(exercise_id)
    [first] = progression_suggestions(effortless_sets(exercise_id), routine, EXERCISES,
                                      TODAY, {})
    return suggestion_choices(first, routine, EXERCISES)


def test_the_five_rhythms_are_the_guides():
    assert {e.id for e in EXERCISES.values() if e.is_rhythm} == RHYTHMS


@pytest.mark.parametrize("exercise_id", sorted(EXERCISES))
def test_every_exercise_can_progress_and_the_user_picks_2_or_3_seconds(exercise_id):
    exercise = EXERCISES[exercise_id]
    found = [(c.kind, c.hold_seconds) for c in choices_for(exercise_id)]
    kind = "rhythm" if exercise_id in RHYTHMS else "hold"
    band = [("band", 0.0)] if exercise_id in BANDS else []
    assert found == [*band, (kind, 2.0), (kind, 3.0)]
    assert exercise.is_rhythm is (exercise_id in RHYTHMS)


def test_a_band_only_where_exercises_toml_says_where_it_goes():
    assert {e.id for e in EXERCISES.values() if e.band} == BANDS
    assert EXERCISES["hip-abduction"].band == "around the knees"
    band = Suggestion("micro-squat", "band", 3, 5)
    assert band.change(EXERCISES) == "add a light resistance band just above the knees"


def test_three_seconds_longer_hold_is_applied_as_picked():
    pick = Suggestion("core-bracing", "hold", 3, 5, 3.0)
    [item] = apply_to_items((SetItem("core-bracing"),), pick)
    assert item.hold_extra_seconds == 3.0
    assert "hold 3 s longer (5 s → 8 s)" in pick.describe(EXERCISES, routine_of("core-bracing"))


def test_near_the_bound_only_what_fits_is_offered():
    routine = routine_of("chest-opener", hold_extra_seconds=4.0)
    assert [(c.kind, c.hold_seconds) for c in choices_for("chest-opener", routine)] == [
        ("hold", 2.0)]
    routine = routine_of("ankle-pumps", rhythm_extra_seconds=4.0)
    assert [(c.kind, c.hold_seconds) for c in choices_for("ankle-pumps", routine)] == [
        ("rhythm", 2.0)]


@pytest.mark.parametrize(("exercise_id", "extra", "part_before", "parts"), [
    ("ankle-pumps", 2.0, 10, 1),
    ("pelvic-tilt", 3.0, 10, 1),
    ("shoulder-circle", 2.0, 8, 2),   # each direction
    ("wrist-pulses", 3.0, 8, 2),      # each wrist
    ("cervical-nod", 2.0, 12, 1),     # six nods, each a little slower
])
def test_a_rhythm_grows_by_seconds_of_rhythm_in_every_part(exercise_id, extra,
                                                            part_before, parts):
    exercise = EXERCISES[exercise_id]
    [item] = apply_to_items((SetItem(exercise_id),),
                            Suggestion(exercise_id, "rhythm", 3, 5, extra))
    assert item.rhythm_extra_seconds == extra
    plan = item.plan(exercise)
    assert plan.total_seconds == pytest.approx((part_before + extra) * parts)
    assert item.seconds(exercise) == pytest.approx((part_before + extra) * parts)
    by_part: dict[str | None, float] = {}
    for phase in plan.phases:
        by_part[phase.part] = by_part.get(phase.part, 0.0) + phase.seconds
    assert list(by_part.values()) == [pytest.approx(part_before + extra)] * parts  # equal
    if exercise_id == "cervical-nod":  # still the guide's six nods
        assert {p.rep for p in plan.phases} == set(range(1, 7))
    assert f"(+{extra:g})" in item_detail(item, exercise)
    # "-" in the builder takes it back a second at a time.
    assert adjust_item(item, exercise, -1).rhythm_extra_seconds == extra - 1


def test_a_rhythm_suggestion_says_what_it_does():
    suggestion = Suggestion("wrist-pulses", "rhythm", 3, 5, 2.0)
    assert suggestion.change(EXERCISES, routine_of("wrist-pulses")) == (
        "keep the rhythm going 2 s longer each side (8 s → 10 s)")


def test_a_longer_rhythm_is_saved_and_read_back():
    routine = routine_of("ankle-pumps", rhythm_extra_seconds=3.0)
    raw = routine_to_dict(routine)
    assert raw["triggers"][0]["items"][0]["rhythm_extra_seconds"] == 3
    assert routine_from_dict(raw, EXERCISES) == routine
    plain = routine_to_dict(routine_of("ankle-pumps"))
    assert "rhythm_extra_seconds" not in plain["triggers"][0]["items"][0]


def test_a_longer_rhythm_only_for_a_rhythm():
    draft = RoutineDraft.from_routine(LIBRARY.default_routine, ScheduleSettings())
    items = (SetItem("core-bracing", rhythm_extra_seconds=2.0),)
    problems = validate(draft.with_set(TriggerKind.INTERVAL, items), EXERCISES)
    assert any(p.field == set_field(TriggerKind.INTERVAL) and p.is_error
               and "not a rhythm" in p.message for p in problems)


def test_the_rule_for_effortless_is_said_in_words():
    assert EFFORTLESS_RULE == ("Suggested when you mark a movement effortless (e in the "
                               "player) in 3 of its last 5 sets.")

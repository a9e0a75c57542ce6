"""The built-in library encodes the guide faithfully."""

from __future__ import annotations

import pytest

from microtui.core.exercises import Breath, PhaseKind, Region
from microtui.core.loader import builtin_path, load_library
from microtui.core.routine import TriggerKind

LIBRARY = load_library([builtin_path()])

# id: (region, nominal heading seconds, reps range, parts, total seconds as instructed)
GUIDE = {
    "core-bracing": ("core", 5, "4–6", (), 28),  # 4 x (5 s hold + 2 s release)
    "pelvic-tilt": ("core", 10, None, (), 10),  # 2 s forward, 2 s back, for 10 s
    "glute-squeeze": ("core", 8, "3–5", (), 30),  # 3 x (8 s + 2 s)
    "scapular-retraction": ("upper-body", 6, "6", (), 18),  # 6 pulses of 2 s + 1 s
    "chest-opener": ("upper-body", 10, "2", (), 14),  # 2 x (5 s + 2 s)
    "shoulder-circle": ("upper-body", 8, None, ("clockwise", "counter-clockwise"), 16),
    "ankle-pumps": ("lower-body", 10, None, (), 10),
    "hip-abduction": ("lower-body", 8, "4", (), 24),  # 8 s out + 8 s in + 1 s inhales
    "micro-squat": ("lower-body", 5, "5", (), 20),
    "cervical-nod": ("neck-shoulder", 6, "6", (), 12),
    "lateral-neck-flexion": ("neck-shoulder", 5, "2", ("left", "right"), 20),
    "upper-trapezius-release": ("neck-shoulder", 8, "4", ("left", "right"), 24),
    "finger-extension": ("hand-wrist", 5, "3", (), 21),
    "wrist-pulses": ("hand-wrist", 8, None, ("left", "right"), 16),
    "grip-squeeze": ("hand-wrist", 6, "4", (), 24),
}


def test_all_fifteen_exercises_in_five_regions():
    assert set(LIBRARY.exercises) == set(GUIDE)
    assert set(LIBRARY.by_region()) == set(Region)
    assert all(len(items) == 3 for items in LIBRARY.by_region().values())


@pytest.mark.parametrize("exercise_id", sorted(GUIDE))
def test_timings_follow_the_guide(exercise_id):
    region, nominal, reps, parts, total = GUIDE[exercise_id]
    exercise = LIBRARY.exercises[exercise_id]
    assert exercise.region == region
    assert exercise.nominal_seconds == nominal
    assert (str(exercise.reps) if exercise.reps else None) == reps
    assert exercise.parts == parts
    assert exercise.total_seconds() == total
    assert exercise.plan().total_seconds == total


@pytest.mark.parametrize("exercise_id", sorted(GUIDE))
def test_breath_follows_the_instruction_then_the_pitfall_table(exercise_id):
    """Every hold exhales (core bracing's keeps "a natural breath", as its instruction
    says), every release inhales, every rhythm says its tempo, and every cycle inhales."""
    exercise = LIBRARY.exercises[exercise_id]
    assert any(p.breath in (Breath.INHALE, Breath.STEADY) for p in exercise.cycle)
    for phase in exercise.cycle:
        if phase.kind is PhaseKind.HOLD:
            natural = "maintaining a natural breath" in exercise.instruction
            assert phase.breath is (Breath.STEADY if natural else Breath.EXHALE), phase
        elif phase.kind is PhaseKind.RELEASE:
            assert phase.breath is Breath.INHALE, phase
        else:
            assert exercise.tempo, exercise_id


def test_per_side_exercises_are_mirrored_with_equal_time():
    for exercise in LIBRARY.exercises.values():
        if not exercise.parts:
            continue
        plan = exercise.plan()
        per_part = {part: 0.0 for part in exercise.parts}
        for planned in plan.phases:
            per_part[planned.part] += planned.seconds
        assert len(set(per_part.values())) == 1, (exercise.id, per_part)


def test_lateral_neck_flexion_alternates_sides_and_trapezius_does_blocks():
    neck = [p.part for p in LIBRARY.exercises["lateral-neck-flexion"].plan().phases[::2]]
    assert neck == ["left", "right", "left", "right"]
    traps = [p.part for p in LIBRARY.exercises["upper-trapezius-release"].plan().phases[::2]]
    assert traps == ["left"] * 4 + ["right"] * 4


def test_time_bound_rhythm_is_cut_at_its_seconds():
    plan = LIBRARY.exercises["pelvic-tilt"].plan()
    assert [p.phase.cue.split()[3] for p in plan.phases] == [
        "forward", "backward", "forward", "backward", "forward"]
    assert [p.start for p in plan.phases] == [0, 2, 4, 6, 8]


def test_reps_stay_within_the_guides_range():
    bracing = LIBRARY.exercises["core-bracing"]
    assert bracing.total_seconds(6) == 42
    assert bracing.total_seconds(99) == 42
    assert bracing.total_seconds(1) == 28


def test_plans_are_contiguous():
    for exercise in LIBRARY.exercises.values():
        plan = exercise.plan()
        for before, after in zip(plan.phases, plan.phases[1:], strict=False):
            assert after.start == pytest.approx(before.end)


def test_default_routine_is_the_guides_day_plan():
    routine = LIBRARY.default_routine
    sets = {t.kind: [i.exercise_id for i in t.items] for t in routine.triggers}
    assert sets == {
        TriggerKind.START_OF_DAY: ["core-bracing", "shoulder-circle"],
        TriggerKind.INTERVAL: ["ankle-pumps", "cervical-nod"],
        TriggerKind.PRE_MEETING: ["chest-opener", "wrist-pulses"],
        TriggerKind.FIXED_TIME: ["hip-abduction", "glute-squeeze"],
        TriggerKind.END_OF_DAY: ["micro-squat", "finger-extension"],
    }
    assert routine.trigger(TriggerKind.INTERVAL).every_minutes == 30
    assert routine.trigger(TriggerKind.PRE_MEETING).lead_minutes == 2
    assert routine.trigger(TriggerKind.FIXED_TIME).at.strftime("%H:%M") == "13:30"
    # Each set of the day plan lasts less than a minute, as the guide promises.
    assert all(t.seconds(LIBRARY.exercises) < 60 for t in routine.triggers)
    # A set's plan is its exercises' plans end to end.
    start = routine.trigger(TriggerKind.START_OF_DAY)
    assert start.plan(LIBRARY.exercises).total_seconds == 44


def test_equipment_is_the_guides():
    assert LIBRARY.exercises["hip-abduction"].equipment == ("resistance band",)
    assert LIBRARY.exercises["hip-abduction"].equipment_optional
    assert LIBRARY.exercises["grip-squeeze"].equipment == ("stress ball", "rolled towel")
    others = [e for e in LIBRARY.exercises.values() if e.id not in ("hip-abduction",
                                                                    "grip-squeeze")]
    assert all(not e.equipment for e in others)


def test_counter_clockwise_has_its_own_cues_and_figure():
    """Shoulder Circle's second direction is the circle the other way: not cued "roll them
    back and down", and drawn with its own frames; timing and breath stay mirrored."""
    circle = LIBRARY.exercises["shoulder-circle"]
    plan = circle.plan()
    cues = {part: [p.phase.cue for p in plan.phases if p.part == part][:2]
            for part in circle.parts}
    assert cues["clockwise"] == ["Lift the shoulders toward the ears", "Roll them back and down"]
    assert cues["counter-clockwise"] == ["Draw the shoulders back and up toward the ears",
                                         "Roll them forward and down"]
    breaths = {part: [(p.phase.breath, p.seconds) for p in plan.phases if p.part == part]
               for part in circle.parts}
    assert breaths["clockwise"] == breaths["counter-clockwise"]
    assert circle.frames_for("counter-clockwise") != circle.frames_for("clockwise")
    assert circle.frames_for("clockwise") == circle.frames


def test_only_phases_the_guide_gives_no_time_are_pacing():
    """The guide times the scapular pulse's release (1 s) and grip squeeze's (3 s); it names
    no time for core bracing's release or the ankle pumps' beat."""
    pacing = {e.id: [p.pacing for p in e.cycle] for e in LIBRARY.exercises.values()}
    assert pacing["scapular-retraction"] == [False, False]
    assert pacing["grip-squeeze"] == [False, False]
    assert pacing["pelvic-tilt"] == [False, False]
    assert pacing["core-bracing"] == [False, True]
    assert pacing["ankle-pumps"] == [True, True]

"""The routine builder's core: the guide's five steps, their rules, progressive variation."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, time, timedelta

import pytest

from microtui.core.exercises import PhaseKind
from microtui.core.loader import builtin_path, load_library
from microtui.core.pain_points import (
    PAIN_POINT_EXERCISES,
    PainPoint,
    rank_exercises,
    suggest_extras,
)
from microtui.core.progression import (
    Accepted,
    Suggestion,
    declined_hidden_until,
    progression_log,
    progression_suggestions,
)
from microtui.core.routine import TRIGGER_ORDER, SetItem, TriggerKind
from microtui.core.routine_draft import GUIDE_CORE_SET, RoutineDraft, routine_id_for
from microtui.core.routine_validation import FieldError, errors_only, set_field, validate
from microtui.core.schedule import ScheduleSettings
from microtui.core.set_builder import (
    HOLD_EXTRA_MAX,
    adjust_item,
    assign_sets,
    item_detail,
    item_seconds,
)
from microtui.core.settings import UserSettings

LIBRARY = load_library([builtin_path()])
EXERCISES = LIBRARY.exercises
GUIDE_PLAN = LIBRARY.default_routine
TODAY = date(2026, 11, 25)


def valid_draft(**changes) -> RoutineDraft:
    """A draft with no errors (and no warnings): every set within 30 s.

    Changing the core set or extras fills the sets again, as the form does.
    """
    draft = replace(RoutineDraft.new(EXERCISES, name="My desk day"), **changes)
    return draft.refill(EXERCISES) if {"core", "extras"} & set(changes) else draft


def problems_of(draft: RoutineDraft, **kwargs) -> list[tuple[str, str]]:
    return [(p.field, p.severity) for p in validate(draft, EXERCISES, **kwargs)]


# -- step 1: the pain point mapping ---------------------------------------------------------


@pytest.mark.parametrize(("pain", "expected"), [
    (PainPoint.LOWER_BACK, ("core-bracing", "pelvic-tilt")),
    (PainPoint.HIPS, ("hip-abduction", "glute-squeeze", "pelvic-tilt")),
    (PainPoint.NECK, ("cervical-nod", "lateral-neck-flexion", "upper-trapezius-release")),
    (PainPoint.SHOULDERS, ("shoulder-circle", "scapular-retraction",
                           "upper-trapezius-release")),
    (PainPoint.UPPER_BACK, ("scapular-retraction", "chest-opener")),
    (PainPoint.WRISTS_HANDS, ("wrist-pulses", "finger-extension", "grip-squeeze")),
    (PainPoint.LEGS, ("ankle-pumps", "micro-squat")),
])
def test_pain_point_mapping_follows_the_guides_effects(pain, expected):
    assert PAIN_POINT_EXERCISES[pain] == expected


def test_the_mapping_names_only_real_exercises_and_covers_all_fifteen():
    mapped = {i for ids in PAIN_POINT_EXERCISES.values() for i in ids}
    assert mapped <= set(EXERCISES)
    assert mapped == set(EXERCISES)
    assert [p.label for p in PainPoint] == [
        "Lower back", "Hips", "Neck", "Shoulders", "Upper back", "Wrists and hands", "Legs",
    ]


@pytest.mark.parametrize(("pains", "exclude", "expected"), [
    (["hips"], (), ["hip-abduction", "glute-squeeze", "pelvic-tilt"]),
    # The guide's own example: "hip abduction for tight hips".
    (["hips"], GUIDE_CORE_SET, ["hip-abduction", "glute-squeeze", "pelvic-tilt"]),
    (["wrists-hands"], (), ["wrist-pulses", "finger-extension", "grip-squeeze"]),
    # Pelvic tilt helps both the lower back and the hips: it comes first.
    (["lower-back", "hips"], (), ["pelvic-tilt", "core-bracing", "hip-abduction",
                                  "glute-squeeze"]),
    (["lower-back"], GUIDE_CORE_SET, ["pelvic-tilt"]),
    # Shoulders and neck share the upper trapezius release.
    (["neck", "shoulders"], ("shoulder-circle",),
     ["upper-trapezius-release", "cervical-nod", "lateral-neck-flexion",
      "scapular-retraction"]),
    ([], (), []),
])
def test_suggest_extras_best_first(pains, exclude, expected):
    assert suggest_extras(pains, exclude) == expected


def test_rank_exercises_puts_matches_first_then_the_rest_in_order():
    ranked = rank_exercises(["legs"], EXERCISES, exclude={"ankle-pumps"})
    assert ranked[:1] == ["micro-squat"]
    assert "ankle-pumps" not in ranked
    assert sorted(ranked) == sorted(set(EXERCISES) - {"ankle-pumps"})
    assert ranked[1:] == [i for i in EXERCISES if i not in ("ankle-pumps", "micro-squat")]


# -- set duration maths -----------------------------------------------------------------------

# id: total seconds as instructed, holds per cycle, parts (both sides / directions)
TOTALS = {
    "core-bracing": (28, 1, 1), "pelvic-tilt": (10, 0, 1), "glute-squeeze": (30, 1, 1),
    "scapular-retraction": (18, 1, 1), "chest-opener": (14, 1, 1),
    "shoulder-circle": (16, 0, 2), "ankle-pumps": (10, 0, 1), "hip-abduction": (24, 2, 1),
    "micro-squat": (20, 1, 1), "cervical-nod": (12, 0, 1),
    "lateral-neck-flexion": (20, 1, 2), "upper-trapezius-release": (24, 1, 2),
    "finger-extension": (21, 1, 1), "wrist-pulses": (16, 0, 2), "grip-squeeze": (24, 1, 1),
}


@pytest.mark.parametrize("exercise_id", sorted(TOTALS))
def test_set_time_of_every_builtin_exercise(exercise_id):
    exercise = EXERCISES[exercise_id]
    total, holds, parts = TOTALS[exercise_id]
    assert item_seconds(SetItem(exercise_id), exercise) == total
    assert exercise.plan().total_seconds == total
    assert sum(1 for p in exercise.cycle if p.kind is PhaseKind.HOLD) == holds
    # Two seconds more on every hold: each repetition of each part grows by 2 s per hold;
    # a timed rhythm keeps its time.
    extra = SetItem(exercise_id, hold_extra_seconds=2)
    if exercise.for_seconds is None:
        reps = exercise.reps_for()
        expected = total + 2 * holds * reps * parts
    else:
        expected = total
    assert item_seconds(extra, exercise) == expected
    assert exercise.plan(hold_extra=2).total_seconds == expected
    # Every repetition count in the guide's range, too.
    if exercise.reps is not None:
        for reps in range(exercise.reps.min, exercise.reps.max + 1):
            cycle = exercise.cycle_seconds + 2 * holds
            assert exercise.total_seconds(reps, hold_extra=2) == reps * cycle * parts


@pytest.mark.parametrize("exercise_id", sorted(i for i, e in EXERCISES.items() if e.parts))
@pytest.mark.parametrize("extra", [0, 1, 2, 3, HOLD_EXTRA_MAX])
def test_both_sides_always_get_equal_time(exercise_id, extra):
    """"Mirror each exercise on both sides; use a timer to ensure equal duration."""
    exercise = EXERCISES[exercise_id]
    reps_options = ([None] if exercise.reps is None
                    else list(range(exercise.reps.min, exercise.reps.max + 1)))
    for reps in reps_options:
        per_part: dict[str | None, float] = {}
        for phase in exercise.plan(reps, hold_extra=extra).phases:
            per_part[phase.part] = per_part.get(phase.part, 0) + phase.seconds
        assert set(per_part) == set(exercise.parts)
        assert len(set(per_part.values())) == 1


def test_hold_extra_lengthens_holds_only():
    plan = EXERCISES["core-bracing"].plan(hold_extra=2)
    assert {(p.phase.kind, p.seconds) for p in plan.phases} == {
        (PhaseKind.HOLD, 7.0), (PhaseKind.RELEASE, 2.0)}
    # And the old call without it is unchanged.
    assert EXERCISES["core-bracing"].plan() == EXERCISES["core-bracing"].plan(hold_extra=0)


def test_triggers_honour_hold_extra():
    trigger = GUIDE_PLAN.trigger(TriggerKind.START_OF_DAY)
    assert trigger is not None and trigger.seconds(EXERCISES) == 44
    longer = trigger._replace(items=(SetItem("core-bracing", hold_extra_seconds=2),
                                     SetItem("shoulder-circle")))
    assert longer.seconds(EXERCISES) == 44 + 4 * 2
    assert longer.plan(EXERCISES).total_seconds == 52


@pytest.mark.parametrize(("exercise_id", "start", "step", "expected"), [
    # A range (4–6): more repetitions first, then longer holds.
    ("core-bracing", SetItem("core-bracing"), +1, SetItem("core-bracing", 5)),
    ("core-bracing", SetItem("core-bracing", 6), +1, SetItem("core-bracing", 6, 1.0)),
    ("core-bracing", SetItem("core-bracing", 6, 6.0), +1, SetItem("core-bracing", 6, 6.0)),
    # Less: the extra hold goes first, then repetitions down to the guide's minimum.
    ("core-bracing", SetItem("core-bracing", 5, 1.0), -1, SetItem("core-bracing", 5, 0.0)),
    ("core-bracing", SetItem("core-bracing", 5), -1, SetItem("core-bracing", 4)),
    ("core-bracing", SetItem("core-bracing", 4), -1, SetItem("core-bracing", 4)),
    # A fixed count with a hold: only the hold changes.
    ("chest-opener", SetItem("chest-opener"), +1, SetItem("chest-opener", None, 1.0)),
    ("chest-opener", SetItem("chest-opener"), -1, SetItem("chest-opener")),
    # Nothing to adjust: a fixed count of moves, a timed rhythm.
    ("cervical-nod", SetItem("cervical-nod"), +1, SetItem("cervical-nod")),
    ("wrist-pulses", SetItem("wrist-pulses"), +1, SetItem("wrist-pulses")),
])
def test_adjust_item_stays_within_bounds(exercise_id, start, step, expected):
    assert adjust_item(start, EXERCISES[exercise_id], step) == expected


def test_adjusting_a_sided_exercise_changes_both_sides():
    item = adjust_item(SetItem("lateral-neck-flexion"), EXERCISES["lateral-neck-flexion"], 1)
    assert item.hold_extra_seconds == 1
    assert item_seconds(item, EXERCISES["lateral-neck-flexion"]) == 20 + 2 * 2 * 1


# -- step 4 parsing ----------------------------------------------------------------------------


@pytest.mark.parametrize(("typed", "says"), [
    ("²", "²: enter a whole number of minutes"),  # isdigit() but not a digit: int() failed
    ("9" * 5000, "99999999999999999999999…: far too many minutes"),
    ("20\x00", "20�: enter a whole number of minutes"),
    ("x" * 3000, "xxxxxxxxxxxxxxxxxxxxxxx…: enter a whole number of minutes"),
], ids=["superscript", "5000-digits", "nul", "pasted-page"])
def test_a_refused_number_is_quoted_short_and_printable(typed, says):
    problems = [p for p in validate(valid_draft(interval=typed), EXERCISES)
                if p.field == "interval"]
    assert [p.message for p in problems] == [f"{says}."]


def test_a_pasted_page_in_a_time_field_is_quoted_short():
    message = validate(valid_draft(workday_start="\x1b[2J" + "9" * 4000), EXERCISES)[0].message
    assert message == f"�[2J{'9' * 19}…: not a time; use HH:MM, like 09:00."


# -- validation: the rules, as a table ---------------------------------------------------------


def test_the_new_draft_with_a_name_has_no_problems():
    draft = valid_draft()
    assert validate(draft, EXERCISES) == []
    # The guide's suggestion for the core set, its 20-minute interval.
    assert draft.core == GUIDE_CORE_SET
    assert draft.interval == "20"


def _with_set(kind, *items):
    return lambda d: d.with_set(kind, items)


SI = TriggerKind.START_OF_DAY
VALIDATION_CASES = [
    # (id, change to a valid draft, (field, severity) expected, text in the message)
    ("no name", dict(name="  "), ("name", "error"), "name"),
    ("two core", dict(core=("core-bracing", "ankle-pumps")), ("core", "error"), "3–4"),
    ("five core", dict(core=GUIDE_CORE_SET + ("pelvic-tilt", "cervical-nod")),
     ("core", "error"), "you have 5"),
    ("four core is fine", dict(core=GUIDE_CORE_SET + ("pelvic-tilt",)), None, ""),
    ("three extras", dict(extras=("hip-abduction", "glute-squeeze", "pelvic-tilt")),
     ("extras", "error"), "at most 2"),
    ("extra in core", dict(extras=("core-bracing",)), ("extras", "error"), "core set"),
    ("extra off target", dict(pain_points=(PainPoint.HIPS,), extras=("cervical-nod",)),
     ("extras", "warning"), "pain points"),
    ("interval 5", dict(interval="5"), ("interval", "error"), "10–120"),
    ("interval 9", dict(interval="9"), ("interval", "error"), "10–120"),
    ("interval 10", dict(interval="10"), None, ""),
    ("interval 15", dict(interval="15"), None, ""),
    ("interval 120", dict(interval="120"), None, ""),
    ("interval 121", dict(interval="121"), ("interval", "error"), "10–120"),
    ("interval text", dict(interval="often"), ("interval", "error"), "whole number"),
    ("interval blank", dict(interval=""), ("interval", "error"), "whole number"),
    ("start not a time", dict(workday_start="9am"), ("workday_start", "error"), "HH:MM"),
    ("end not a time", dict(workday_end="25:00"), ("workday_end", "error"), "HH:MM"),
    ("end before start", dict(workday_start="17:00", workday_end="09:00"),
     ("workday_end", "error"), "after"),
    ("end equals start", dict(workday_start="09:00", workday_end="09:00"),
     ("workday_end", "error"), "after"),
    ("mid-afternoon not a time", dict(mid_afternoon="13.30"), ("mid_afternoon", "error"),
     "HH:MM"),
    ("mid-afternoon after work", dict(mid_afternoon="18:00"), ("mid_afternoon", "warning"),
     "workday"),
    ("no working days", dict(working_days=""), ("working_days", "error"), "working day"),
    ("bad working day", dict(working_days="mon-fry"), ("working_days", "error"), "fry"),
    ("lead text", dict(pre_meeting_lead="soon"), ("pre_meeting_lead", "error"),
     "whole number"),
    ("lead 45", dict(pre_meeting_lead="45"), ("pre_meeting_lead", "error"), "0–30"),
    ("calendar not ics", dict(calendar="~/cal.txt"), ("calendar", "warning"), ".ics"),
    ("calendar ics", dict(calendar="~/work.ics"), None, ""),
    ("calendar folder", dict(calendar="~/.calendars/work"), None, ""),
    ("calendar https", dict(calendar="https://calendar.example.com/private/basic.ics"),
     None, ""),
    ("calendar https without .ics", dict(calendar="https://example.com/cal?id=7"), None, ""),
    ("calendar http", dict(calendar="http://calendar.example.com/basic.ics"),
     ("calendar", "warning"), "Only https://"),
    ("calendar http on loopback", dict(calendar="http://127.0.0.1:5232/me/cal/"), None, ""),
    ("calendar ftp", dict(calendar="ftp://example.com/cal.ics"), ("calendar", "warning"),
     "Only https://"),
]


@pytest.mark.parametrize(("change", "expected", "text"),
                         [c[1:] for c in VALIDATION_CASES],
                         ids=[c[0] for c in VALIDATION_CASES])
def test_validation_rules(change, expected, text):
    draft = valid_draft(**change)
    problems = validate(draft, EXERCISES)
    if expected is None:
        assert problems == []
        return
    matching = [p for p in problems if (p.field, p.severity) == expected]
    assert matching, problems
    assert text in matching[0].message


SET_CASES = [
    # (id, items of the start-of-day set, severity or None, text)
    ("28 s is fine", [SetItem("core-bracing")], None, ""),
    ("30 s of one exercise exactly is fine", [SetItem("glute-squeeze")], None, ""),
    ("one exercise's 32 s warns", [SetItem("core-bracing", None, 1)], "warning",
     "Keep each set under 30 seconds"),
    ("the guide's 44 s start of day is fine",
     [SetItem("core-bracing"), SetItem("shoulder-circle")], None, ""),
    ("58 s of three short exercises is fine",
     [SetItem("glute-squeeze"), SetItem("micro-squat"), SetItem("ankle-pumps")][1:] +
     [SetItem("cervical-nod"), SetItem("pelvic-tilt")], None, ""),
    ("a minute is an error",
     [SetItem("glute-squeeze"), SetItem("micro-squat"), SetItem("ankle-pumps")],
     "error", "less than a minute"),
    ("over a minute is an error", [SetItem("core-bracing", 6), SetItem("glute-squeeze")],
     "warning", "Keep each set under 30 seconds"),
    ("reps out of range", [SetItem("core-bracing", 9)], "error", "4–6"),
    ("reps on a timed rhythm", [SetItem("ankle-pumps", 3)], "error", "timed"),
    ("hold on a rhythm", [SetItem("pelvic-tilt", None, 2)], "error", "no hold"),
    ("hold beyond the bound", [SetItem("chest-opener", None, HOLD_EXTRA_MAX + 1)], "error",
     "0–6"),
    ("negative hold", [SetItem("chest-opener", None, -1)], "error", "0–6"),
    ("unknown exercise", [SetItem("jumping-jacks")], "error", "Unknown"),
    ("twice in one set", [SetItem("ankle-pumps"), SetItem("ankle-pumps")], "warning",
     "twice"),
    ("empty set is left out", [], "warning", "left out"),
]


@pytest.mark.parametrize(("items", "severity", "text"), [c[1:] for c in SET_CASES],
                         ids=[c[0] for c in SET_CASES])
def test_set_rules(items, severity, text):
    draft = valid_draft().with_set(SI, items)
    problems = [p for p in validate(draft, EXERCISES) if p.field == set_field(SI)]
    if severity is None:
        assert problems == []
        return
    assert [p.severity for p in problems][:1] == [severity], problems
    assert text in problems[0].message


def test_one_exercise_over_30_seconds_warns_in_the_guides_words():
    draft = valid_draft().with_set(SI, [SetItem("glute-squeeze", 4)])
    [warning] = [p for p in validate(draft, EXERCISES) if p.field == "set.start-of-day"]
    assert warning == FieldError(
        "set.start-of-day",
        "Isometric Glute Squeeze: 40 s of repetitions is over 30 s. The guide: “Keep each "
        "set under 30 seconds; quality over quantity.”",
        "warning",
    )
    assert errors_only(validate(draft, EXERCISES)) == []


def test_a_trigger_set_of_a_minute_or_more_is_refused():
    draft = valid_draft().with_set(SI, [SetItem("core-bracing", 6), SetItem("glute-squeeze")])
    problems = [p for p in validate(draft, EXERCISES) if p.field == "set.start-of-day"]
    assert [p.severity for p in problems] == ["warning", "error"]  # 42 s of bracing; 72 s
    assert problems[1].message == ("72 s is too long: the guide's sets are ≈30 s, "
                                   "and “each set lasts less than a minute”.")


def test_the_guides_own_day_plan_passes_its_own_rules():
    from microtui.core.loader import builtin_path, load_library
    from microtui.core.routine_draft import RoutineDraft
    from microtui.core.schedule import ScheduleSettings

    library = load_library([builtin_path()])
    draft = RoutineDraft.from_routine(library.default_routine, ScheduleSettings())
    assert validate(draft, library.exercises) == []


def test_all_sets_empty_is_an_error():
    draft = replace(valid_draft(), sets={kind: () for kind in TRIGGER_ORDER})
    assert ("sets", "error") in problems_of(draft)


def test_a_name_must_be_its_own():
    assert ("name", "error") in problems_of(valid_draft(name="Mornings"),
                                            other_names=["mornings "])
    assert ("name", "error") not in problems_of(valid_draft(name="Mornings"),
                                                other_names=["Evenings"])


def test_a_core_movement_in_no_set_is_a_warning():
    draft = replace(valid_draft(), core=GUIDE_CORE_SET + ("pelvic-tilt",))  # not refilled
    assert ("core", "warning") in problems_of(draft)
    assert ("core", "warning") not in problems_of(draft.refill(EXERCISES))


def test_validation_lists_every_problem_at_once():
    draft = valid_draft(interval="5", workday_start="nine", core=("core-bracing",))
    fields = {p.field for p in errors_only(validate(draft, EXERCISES))}
    assert fields == {"interval", "workday_start", "core"}


# -- sets and models ---------------------------------------------------------------------------


def test_assign_sets_rotates_core_and_places_extras_before_meetings_and_after_lunch():
    sets = assign_sets(GUIDE_CORE_SET, ("hip-abduction",), EXERCISES)
    ids = {kind: [i.exercise_id for i in items] for kind, items in sets.items()}
    assert ids == {
        TriggerKind.START_OF_DAY: ["core-bracing"],
        TriggerKind.INTERVAL: ["ankle-pumps", "shoulder-circle"],
        TriggerKind.PRE_MEETING: ["hip-abduction"],
        TriggerKind.FIXED_TIME: ["hip-abduction"],
        TriggerKind.END_OF_DAY: ["core-bracing"],
    }
    # Pre-filled sets stay within the guide's 30 seconds where a single movement does.
    assert all(sum(item_seconds(i, EXERCISES[i.exercise_id]) for i in items) <= 30
               for items in sets.values())


def test_assign_sets_pairs_short_movements():
    sets = assign_sets(("ankle-pumps", "cervical-nod", "pelvic-tilt"),
                       ("wrist-pulses", "finger-extension"), EXERCISES)
    assert [i.exercise_id for i in sets[TriggerKind.START_OF_DAY]] == [
        "ankle-pumps", "cervical-nod"]
    assert [i.exercise_id for i in sets[TriggerKind.PRE_MEETING]] == ["wrist-pulses"]
    assert [i.exercise_id for i in sets[TriggerKind.FIXED_TIME]] == ["finger-extension"]


def test_to_routine_and_to_settings():
    draft = valid_draft(interval="15", pre_meeting_lead="3", mid_afternoon="14:00",
                        workday_start="08:30", working_days="mon-thu")
    draft = draft.with_set(TriggerKind.PRE_MEETING, ())
    routine = draft.to_routine("my-desk-day", "My desk day")
    assert [t.kind for t in routine.triggers] == [
        TriggerKind.START_OF_DAY, TriggerKind.INTERVAL, TriggerKind.FIXED_TIME,
        TriggerKind.END_OF_DAY]
    interval = routine.trigger(TriggerKind.INTERVAL)
    assert interval is not None and interval.every_minutes == 15
    assert interval.name == "Every 15 min"
    fixed = routine.trigger(TriggerKind.FIXED_TIME)
    assert fixed is not None and fixed.at == time(14, 0) and fixed.cue == "After lunch"
    base = ScheduleSettings(grace_minutes=7)
    settings = draft.to_settings(base)
    assert settings.workday_start == time(8, 30)
    assert settings.working_weekdays == frozenset({0, 1, 2, 3})
    assert settings.interval_minutes == 15
    assert settings.pre_meeting_lead_minutes == 3
    assert settings.grace_minutes == 7  # the rest of the base is kept


def test_to_routine_refuses_an_invalid_field():
    with pytest.raises(ValueError):
        valid_draft(interval="soon").to_routine("x", "X")


def test_the_guides_day_plan_round_trips_through_the_draft():
    settings = ScheduleSettings()
    draft = RoutineDraft.from_routine(GUIDE_PLAN, settings)
    assert draft.name == "The guide's day plan"
    assert draft.interval == "30"  # the guide's table: every 30 min
    assert draft.to_routine(GUIDE_PLAN.id, GUIDE_PLAN.name) == GUIDE_PLAN
    assert draft.to_settings(settings) == replace(settings, interval_minutes=30,
                                                  pre_meeting_lead_minutes=2)
    assert errors_only(validate(draft, EXERCISES)) == []


def test_a_saved_design_comes_back():
    draft = valid_draft(pain_points=(PainPoint.HIPS,), extras=("hip-abduction",))
    draft = draft.refill(EXERCISES)
    routine = draft.to_routine("my-desk-day", draft.name)
    again = RoutineDraft.from_routine(routine, draft.to_settings(ScheduleSettings()),
                                      design=draft.design_dict())
    assert again == draft


def test_routine_ids():
    assert routine_id_for("My desk day!") == "my-desk-day"
    assert routine_id_for("My desk day", taken={"my-desk-day"}) == "my-desk-day-2"
    assert routine_id_for("Guide day plan") == "guide-day-plan-2"
    assert routine_id_for("???") == "routine"


# -- progressive variation ---------------------------------------------------------------------


def session(day: int, exercise_id: str, effortless: bool, *, done: float = 10.0,
            sides=(None,)) -> dict:
    """A session record as the player logs it (only the fields that matter here)."""
    return {
        "v": 1, "started": f"2026-11-{day:02d}T09:30:00+00:00", "outcome": "completed",
        "exercises": [
            {"id": exercise_id, "name": exercise_id, "side": side, "planned_seconds": 10.0,
             "done_seconds": done, "effortless": effortless}
            for side in sides
        ],
    }


def log(exercise_id: str, flags: str, *, first_day: int = 10, **kwargs) -> list[dict]:
    """One session a day; ``flags`` like "..EE.E" (E = effortless), oldest first."""
    return [session(first_day + n, exercise_id, flag == "E", **kwargs)
            for n, flag in enumerate(flags)]


def suggestions(sessions, declined=None, **kwargs):
    return progression_suggestions(sessions, GUIDE_PLAN, EXERCISES, TODAY, declined or {},
                                   **kwargs)


@pytest.mark.parametrize(("flags", "expected"), [
    ("EEE", 3), ("..EEE", 3), ("E.E.E", 3), ("EEEEE", 5), ("....E.EE.E", 3),
    ("EE", None), ("E...E", None), ("EEE...EE", None),  # the last 5: 2 effortless
    ("", None),
])
def test_three_of_the_last_five_effortless(flags, expected):
    found = suggestions(log("chest-opener", flags))
    if expected is None:
        assert found == []
    else:
        assert found == [Suggestion("chest-opener", "hold", expected,
                                    min(5, len(flags)), 2.0)]


def test_two_of_five_is_no_suggestion():
    assert suggestions(log("core-bracing", "E.E..")) == []
    assert suggestions(log("core-bracing", "E.E.E")) == [
        Suggestion("core-bracing", "hold", 3, 5, 2.0)]


def test_both_sides_of_one_set_count_once():
    sessions = log("wrist-pulses", "EE.", sides=("left", "right"))
    sessions += log("lateral-neck-flexion", "E.E.E", sides=("left", "right"))
    # Wrist pulses (2 sets, not 4) suggest nothing, and have no hold anyway.
    assert suggestions(sessions) == []  # lateral neck flexion is not in the guide's plan


def test_sets_not_reached_do_not_count():
    sessions = log("chest-opener", "EE") + log("chest-opener", "EEE", first_day=20, done=0)
    assert suggestions(sessions) == []


@pytest.mark.parametrize(("days_ago", "shown"), [
    (0, False), (10, False), (13, False), (14, True), (15, True),
])
def test_declined_hides_a_suggestion_for_two_weeks(days_ago, shown):
    declined = {"chest-opener": TODAY - timedelta(days=days_ago)}
    found = suggestions(log("chest-opener", "EEE"), declined)
    assert bool(found) is shown


def test_hip_abduction_suggests_the_resistance_band_first():
    sessions = log("hip-abduction", "EEEE")
    [band] = suggestions(sessions)
    assert band == Suggestion("hip-abduction", "band", 4, 4)
    assert "resistance band" in band.describe(EXERCISES)
    # Once the band was accepted, only sets after that day count; then the hold grows.
    accepted = [Accepted("hip-abduction", "band", date(2026, 11, 12))]
    assert suggestions(sessions, accepted=accepted) == []
    later = sessions + log("hip-abduction", "EEE", first_day=20)  # day 13 counts too
    assert suggestions(later, accepted=accepted) == [
        Suggestion("hip-abduction", "hold", 4, 4, 2.0)]


def test_suggestions_follow_the_routine_order_and_only_its_exercises():
    sessions = log("finger-extension", "EEE") + log("core-bracing", "EEE") \
        + log("grip-squeeze", "EEEEE")
    assert [s.exercise_id for s in suggestions(sessions)] == ["core-bracing",
                                                              "finger-extension"]


def accepted_in(routine, suggestion):
    """``routine`` with ``suggestion`` accepted, as the routine form does it."""
    draft = RoutineDraft.from_routine(routine, ScheduleSettings()).apply(suggestion)
    return draft.to_routine(routine.id, routine.name)


def test_no_hold_suggestion_for_movements_without_a_hold_or_at_the_bound():
    # A rhythm has no hold: it progresses by seconds of rhythm instead (issue 14, item 5).
    assert suggestions(log("ankle-pumps", "EEEEE")) == [
        Suggestion("ankle-pumps", "rhythm", 5, 5, 2.0)]
    maxed = accepted_in(GUIDE_PLAN, Suggestion("chest-opener", "hold", 3, 5, 6.0))
    found = progression_suggestions(log("chest-opener", "EEE"), maxed, EXERCISES, TODAY, {})
    assert found == []


def test_accepting_a_hold_suggestion_lengthens_every_hold_of_that_exercise():
    suggestion = Suggestion("chest-opener", "hold", 3, 5, 2.0)
    routine = accepted_in(GUIDE_PLAN, suggestion)
    trigger = routine.trigger(TriggerKind.PRE_MEETING)
    assert trigger is not None
    assert trigger.items == (SetItem("chest-opener", None, 2.0), SetItem("wrist-pulses"))
    assert trigger.seconds(EXERCISES) == 30 + 4  # 2 x (7 s + 2 s) + 16 s
    assert "5 s → 7 s" in suggestion.describe(EXERCISES, GUIDE_PLAN)
    # Other triggers are untouched.
    assert routine.triggers[0] == GUIDE_PLAN.triggers[0]


def test_progression_log_reads_the_settings_dict():
    settings = {"progression": {
        "declined": {"chest-opener": "2026-11-15", "bad": "yesterday"},
        "accepted": [{"accepted": {"exercise": "hip-abduction", "kind": "band",
                                   "hold_seconds": 0}, "date": "2026-11-12"},
                     {"nonsense": True}],
    }}
    declined, accepted = progression_log(UserSettings.from_dict(settings))
    assert declined == {"chest-opener": date(2026, 11, 15)}
    assert accepted == [Accepted("hip-abduction", "band", date(2026, 11, 12))]
    assert progression_log(UserSettings()) == ({}, [])


def test_a_declined_suggestion_may_come_back_after_two_weeks():
    assert declined_hidden_until(date(2026, 11, 25)) == date(2026, 12, 9)


def test_accepting_the_band_puts_it_on_that_exercise_in_every_set():
    banded = accepted_in(GUIDE_PLAN, Suggestion("hip-abduction", "band", 3, 5))
    items = [i for t in banded.triggers for i in t.items]
    hips = [i for i in items if i.exercise_id == "hip-abduction"]
    assert hips and all(i.band for i in hips)
    assert not any(i.band for i in items if i.exercise_id != "hip-abduction")
    # The same time: a band makes a movement harder, not longer.
    assert [t.seconds(EXERCISES) for t in banded.triggers] == [
        t.seconds(EXERCISES) for t in GUIDE_PLAN.triggers]
    assert item_detail(hips[0], EXERCISES["hip-abduction"]).endswith("with a band")
    # A routine that has the band is not offered it again, even with no log entry.
    found = progression_suggestions(log("hip-abduction", "EEEE"), banded, EXERCISES, TODAY, {})
    assert [s.kind for s in found] == ["hold"]


@pytest.mark.parametrize(("field", "typed", "says"), [
    ("interval", "-5", "-5: use 10–120 minutes."),
    ("interval", "500", "500: use 10–120 minutes."),
    ("pre_meeting_lead", "-1", "-1: use 0–30 minutes."),
    ("pre_meeting_lead", "45", "45: use 0–30 minutes."),
])
def test_a_number_out_of_range_is_told_its_range(field, typed, says):
    problems = [p for p in validate(valid_draft(**{field: typed}), EXERCISES)
                if p.field == field]
    assert [p.message for p in problems] == [says]

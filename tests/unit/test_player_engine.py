"""The player's phase engine: set plans, moments, transitions and accounting."""

from __future__ import annotations

import pytest

from microtui.core.exercises import Breath, PhaseKind
from microtui.core.loader import builtin_path, load_library
from microtui.core.player import (
    BRACING_CUE_ID,
    BRACING_CUE_NAME,
    BRACING_CUE_SECONDS,
    BRACING_CUE_TEXT,
    RESTART_GRACE_SECONDS,
    STEADY_BREATH_SECONDS,
    PlayerStatus,
    SetPlan,
    SetPlayer,
    build_set_plan,
    exercise_name,
    exercise_starts,
    moment,
    planned_seconds,
)
from microtui.core.routine import SetItem, TriggerKind

LIBRARY = load_library([builtin_path()])
EXERCISES = LIBRARY.exercises
ROUTINE = LIBRARY.default_routine

# Pre-meeting: cue 3 s | chest-opener 2 x (5 s hold + 2 s release) = 14 s (3..17)
#              | wrist-pulses left 8 s (17..25), right 8 s (25..33). Total 33 s.
PRE_MEETING = ROUTINE.trigger(TriggerKind.PRE_MEETING)
assert PRE_MEETING is not None
assert [i.exercise_id for i in PRE_MEETING.items] == ["chest-opener", "wrist-pulses"]
PLAN = build_set_plan(PRE_MEETING.items, EXERCISES)
T0 = 1000.0  # an arbitrary monotonic start


def _ids(plan):
    return [plan.phases[i].exercise_id for i in exercise_starts(plan)]


# -- the set plan ---------------------------------------------------------------------------


@pytest.mark.parametrize("kind", list(TriggerKind))
def test_set_plan_for_each_trigger_is_cue_plus_exercises(kind):
    trigger = ROUTINE.trigger(kind)
    assert trigger is not None
    plan = build_set_plan(trigger.items, EXERCISES)
    exercises_total = sum(EXERCISES[i.exercise_id].total_seconds(i.reps) for i in trigger.items)
    item_ids = [i.exercise_id for i in trigger.items]
    if kind is TriggerKind.START_OF_DAY:
        assert item_ids[0] == "core-bracing"
        assert plan.total_seconds == exercises_total == 44  # no extra cue
        assert all(p.exercise_id != BRACING_CUE_ID for p in plan.phases)
        assert _ids(plan) == item_ids
    else:
        assert plan.total_seconds == BRACING_CUE_SECONDS + exercises_total
        assert plan.phases[0].exercise_id == BRACING_CUE_ID
        assert [p.exercise_id for p in plan.phases].count(BRACING_CUE_ID) == 1
        assert _ids(plan) == [BRACING_CUE_ID, *item_ids]
    # The phases tile the plan with no gap or overlap.
    for before, after in zip(plan.phases, plan.phases[1:], strict=False):
        assert after.start == before.end
    # The rest is exactly what Trigger.plan gives, shifted by the cue.
    shift = plan.total_seconds - exercises_total
    bare = trigger.plan(EXERCISES)
    rest = [p for p in plan.phases if p.exercise_id != BRACING_CUE_ID]
    assert [(p.exercise_id, p.part, p.rep, p.phase, p.start - shift) for p in rest] == [
        (p.exercise_id, p.part, p.rep, p.phase, p.start) for p in bare.phases
    ]


def test_bracing_cue_phase_is_an_exhaled_hold_the_ui_can_name():
    cue = PLAN.phases[0]
    assert cue.exercise_id == BRACING_CUE_ID
    assert cue.phase.kind is PhaseKind.HOLD
    assert cue.phase.breath is Breath.EXHALE
    assert cue.seconds == BRACING_CUE_SECONDS == 3
    assert cue.phase.cue == BRACING_CUE_TEXT == "Sit tall, brace gently, breathe out"
    assert exercise_name(BRACING_CUE_ID, EXERCISES) == BRACING_CUE_NAME == "Core bracing cue"
    assert exercise_name("chest-opener", EXERCISES) == "Chest Opener Finger Pull"
    assert BRACING_CUE_ID not in EXERCISES
    assert moment(PLAN, 1).is_cue and not moment(PLAN, 3).is_cue


def test_cue_only_depends_on_the_first_exercise():
    late_bracing = build_set_plan([SetItem("ankle-pumps"), SetItem("core-bracing")], EXERCISES)
    assert late_bracing.phases[0].exercise_id == BRACING_CUE_ID
    assert late_bracing.total_seconds == 3 + 10 + 28
    reps = build_set_plan([SetItem("core-bracing", reps=6)], EXERCISES)
    assert reps.total_seconds == 6 * 7 and reps.phases[0].exercise_id == "core-bracing"


def test_empty_set_and_unknown_exercise():
    empty = build_set_plan([], EXERCISES)
    assert empty.phases == () and empty.total_seconds == 0
    assert moment(empty, 0).finished and moment(empty, 0).progress == 1.0
    with pytest.raises(KeyError, match="no-such"):
        build_set_plan([SetItem("no-such")], EXERCISES)


def test_same_exercise_twice_in_a_row_is_two_exercises():
    plan = build_set_plan([SetItem("ankle-pumps"), SetItem("ankle-pumps")], EXERCISES)
    assert isinstance(plan, SetPlan)
    assert [plan.phases[i].start for i in exercise_starts(plan)] == [0, 3, 13]
    assert moment(plan, 14).exercise_index == 2


def test_a_plain_phase_plan_splits_where_the_exercise_changes():
    bare = PRE_MEETING.plan(EXERCISES)
    assert _ids(bare) == ["chest-opener", "wrist-pulses"]
    assert moment(bare, 14).exercise_id == "wrist-pulses"
    assert moment(bare, 14).exercise_index == 1


# -- the moment -----------------------------------------------------------------------------


def test_moment_mid_hold():
    m = moment(PLAN, 5.5)
    assert (m.index, m.exercise_index, m.exercise_count) == (1, 1, 3)
    assert m.exercise_id == "chest-opener" and m.part is None
    assert (m.rep, m.reps) == (1, 2)
    assert m.kind is PhaseKind.HOLD
    assert m.cue == "Lift the clasped hands and open the chest"
    assert (m.phase_seconds, m.elapsed_in_phase, m.phase_left) == (5, 2.5, 2.5)
    assert (m.set_elapsed, m.set_left, m.set_seconds) == (5.5, 27.5, 33)
    assert m.breath is m.breath_word is Breath.EXHALE
    assert m.breath_progress == m.breath_word_progress == 0.5
    assert m.progress == pytest.approx(5.5 / 33)
    assert not m.finished


def test_moment_exactly_on_a_boundary_belongs_to_the_next_phase():
    m = moment(PLAN, 8)  # the first hold (3..8) ends, the release (8..10) begins
    assert m.kind is PhaseKind.RELEASE and m.breath is Breath.INHALE
    assert (m.rep, m.elapsed_in_phase, m.phase_left, m.breath_progress) == (1, 0, 2, 0)
    m = moment(PLAN, 3)  # the cue ends, the first exercise begins
    assert m.exercise_id == "chest-opener" and m.index == 1 and m.phase_left == 5
    m = moment(PLAN, 25)  # the left wrist ends, the right begins
    assert (m.exercise_id, m.part, m.rep) == ("wrist-pulses", "right", 1)
    assert m.phase_left == 2 and m.elapsed_in_phase == 0
    just_before = moment(PLAN, 25 - 2**-20)
    assert just_before.part == "left" and just_before.index == m.index - 1


def test_moment_at_the_last_instant_the_end_and_past_it():
    last = moment(PLAN, 33 - 2**-10)
    assert not last.finished
    assert (last.exercise_id, last.part, last.index) == ("wrist-pulses", "right", 12)
    assert last.phase_left == last.set_left == 2**-10
    assert last.breath_progress < 1
    for elapsed in (33, 33.0001, 1e9):
        end = moment(PLAN, elapsed)
        assert end.finished and end.planned is None and end.exercise_id is None
        assert end.index == len(PLAN.phases)
        assert (end.set_elapsed, end.set_left, end.phase_left, end.progress) == (33, 0, 0, 1)


def test_negative_elapsed_clamps_to_the_start():
    assert moment(PLAN, -5) == moment(PLAN, 0)
    m = moment(PLAN, -5)
    assert m.index == 0 and m.is_cue and m.set_left == 33 and m.progress == 0


@pytest.mark.parametrize("exercise_id", sorted(EXERCISES))
def test_breath_progress_is_monotonic_within_every_phase(exercise_id):
    plan = build_set_plan([SetItem(exercise_id)], EXERCISES)
    samples = 40
    for index, planned in enumerate(plan.phases):
        progress, word, word_progress = -1.0, None, -1.0
        for k in range(samples):
            m = moment(plan, planned.start + planned.seconds * k / samples)
            assert m.index == index and m.planned == planned
            assert 0 <= m.breath_progress <= 1 and 0 <= m.breath_word_progress <= 1
            assert m.breath_progress >= progress, (exercise_id, index, k)
            progress = m.breath_progress
            assert m.breath is planned.phase.breath
            if planned.phase.breath is Breath.STEADY:
                assert m.breath_word in (Breath.INHALE, Breath.EXHALE)
                if m.breath_word is word:  # the rhythm's progress restarts only on a new word
                    assert m.breath_word_progress >= word_progress
            else:
                assert m.breath_word is planned.phase.breath
                assert m.breath_word_progress == m.breath_progress
            word, word_progress = m.breath_word, m.breath_word_progress
        assert progress == pytest.approx((samples - 1) / samples)


def test_steady_breath_is_a_slow_rhythm_independent_of_the_beats():
    plan = build_set_plan([SetItem("ankle-pumps")], EXERCISES)  # cue 0..3, 1 s beats 3..13
    half = STEADY_BREATH_SECONDS / 2
    assert half == 2.5
    seen = []
    for k in range(40):
        t = 3 + k * 0.25
        m = moment(plan, t)
        assert m.breath is Breath.STEADY and m.phase_seconds == 1
        expected = Breath.INHALE if (t - 3) % 5 < half else Breath.EXHALE
        assert m.breath_word is expected, t
        seen.append(m.breath_word)
    changes = sum(a is not b for a, b in zip(seen, seen[1:], strict=False))
    assert changes == 3  # inhale, exhale, inhale, exhale over 10 s: not one per beat
    assert moment(plan, 4.25).breath_word_progress == pytest.approx(1.25 / 2.5)
    assert moment(plan, 3).breath_word is Breath.INHALE  # a fresh rhythm after the exhaled cue


# -- transitions ----------------------------------------------------------------------------


def test_before_start_nothing_moves():
    player = SetPlayer(PLAN)
    assert player.status(T0) is PlayerStatus.READY
    assert player.elapsed(T0 + 50) == 0
    assert player.pause(T0) is player and player.resume(T0) is player


def test_pause_and_resume_exclude_paused_time():
    player = SetPlayer.for_set(PRE_MEETING.items, EXERCISES).start(T0)
    assert player.plan == PLAN
    assert player.status(T0) is PlayerStatus.RUNNING
    assert player.elapsed(T0 + 5) == 5
    player = player.pause(T0 + 6)
    assert player.status(T0 + 6) is PlayerStatus.PAUSED
    assert player.elapsed(T0 + 600) == 6
    assert player.pause(T0 + 700) is player  # already paused
    player = player.resume(T0 + 600)
    assert player.resume(T0 + 601) is player  # already running
    assert player.elapsed(T0 + 600) == 6
    assert player.elapsed(T0 + 602) == 8
    assert player.moment(T0 + 602) == moment(PLAN, 8)
    player = player.toggle_pause(T0 + 603).toggle_pause(T0 + 700)
    assert player.elapsed(T0 + 701) == 10


def test_running_past_the_end_finishes_and_clamps():
    player = SetPlayer(PLAN).start(T0)
    assert player.finished(T0 + 33) and player.status(T0 + 33) is PlayerStatus.FINISHED
    assert player.elapsed(T0 + 500) == 33 and player.moment(T0 + 500).finished
    assert player.done_seconds(T0 + 500) == planned_seconds(PLAN)


def test_next_exercise_jumps_to_the_next_start_and_finishes_from_the_last():
    player = SetPlayer(PLAN).start(T0)
    player = player.next_exercise(T0 + 1)  # from the cue
    assert player.elapsed(T0 + 1) == 3
    player = player.next_exercise(T0 + 2)  # 1 s into chest-opener
    assert player.elapsed(T0 + 2) == 17
    m = player.moment(T0 + 2)
    assert (m.exercise_id, m.part, m.rep, m.elapsed_in_phase) == ("wrist-pulses", "left", 1, 0)
    assert player.elapsed(T0 + 4.5) == 19.5  # and time goes on from the new place
    player = player.next_exercise(T0 + 5)  # the last exercise: skip to the end
    assert player.finished(T0 + 5) and player.elapsed(T0 + 5) == 33
    assert player.next_exercise(T0 + 6).elapsed(T0 + 6) == 33


def test_restart_goes_back_to_this_exercise_and_twice_to_the_previous():
    player = SetPlayer(PLAN).start(T0)
    player = player.restart_exercise(T0 + 10)  # 7 s into chest-opener
    assert player.elapsed(T0 + 10) == 3
    player = player.restart_exercise(T0 + 11)  # again, within the grace: the previous one
    assert player.elapsed(T0 + 11) == 0
    assert player.moment(T0 + 11).is_cue
    player = player.restart_exercise(T0 + 11.5)  # the first exercise has no previous
    assert player.elapsed(T0 + 11.5) == 0
    # In the right wrist (8 s into wrist-pulses): back to its first phase, the left side.
    player = player.seek(T0 + 12, 25).restart_exercise(T0 + 12)
    assert player.elapsed(T0 + 12) == 17 and player.moment(T0 + 12).part == "left"


def test_restart_grace_boundary():
    player = SetPlayer(PLAN).start(T0).seek(T0, 17)
    t = T0 + RESTART_GRACE_SECONDS - 0.25
    assert player.restart_exercise(t).elapsed(t) == 3  # previous: chest-opener
    t = T0 + RESTART_GRACE_SECONDS
    assert player.restart_exercise(t).elapsed(t) == 17  # exactly 2 s in: this one again


def test_jumps_while_paused_stay_paused_and_do_not_drift():
    player = SetPlayer(PLAN).start(T0).pause(T0 + 4)
    player = player.next_exercise(T0 + 50)
    assert player.status(T0 + 60) is PlayerStatus.PAUSED
    assert player.elapsed(T0 + 60) == 17
    player = player.resume(T0 + 100)
    t = T0 + 100.0
    for _ in range(50):  # many jumps: elapsed is exactly the target every time
        t += 0.1
        player = player.restart_exercise(t)
        assert player.elapsed(t) in (3, 17)
        player = player.seek(t, 17)
        assert player.elapsed(t) == 17
    assert player.elapsed(t + 1.5) == 18.5


def test_stop_freezes_the_player():
    player = SetPlayer(PLAN).start(T0).stop(T0 + 5)
    assert player.status(T0 + 9) is PlayerStatus.STOPPED
    assert player.elapsed(T0 + 99) == 5
    for step in (player.start, player.resume, player.pause, player.next_exercise,
                 player.restart_exercise, player.stop):
        assert step(T0 + 10) is player
    assert player.done_seconds(T0 + 99) == player.done_seconds(T0 + 5)


# -- accounting for the log -----------------------------------------------------------------


def test_planned_seconds_per_exercise_and_side():
    assert planned_seconds(PLAN) == {
        ("chest-opener", None): 14, ("wrist-pulses", "left"): 8, ("wrist-pulses", "right"): 8,
    }
    assert planned_seconds(PLAN, include_cue=True)[(BRACING_CUE_ID, None)] == 3
    assert SetPlayer(PLAN).planned_seconds() == planned_seconds(PLAN)


def test_done_seconds_after_skipping_an_exercise():
    player = SetPlayer(PLAN).start(T0)
    player = player.pause(T0 + 6).resume(T0 + 100)  # 94 s paused: not counted
    player = player.next_exercise(T0 + 104)  # 7 s of chest-opener, then skip it
    player = player.next_exercise(T0 + 112)  # the whole left wrist, then skip the right
    assert player.finished(T0 + 112)
    done = player.done_seconds(T0 + 200)
    assert done == {
        ("chest-opener", None): 7, ("wrist-pulses", "left"): 8, ("wrist-pulses", "right"): 0,
    }
    assert player.done_seconds(T0 + 200, include_cue=True)[(BRACING_CUE_ID, None)] == 3


def test_done_seconds_after_restarting_counts_what_was_really_done():
    player = SetPlayer(PLAN).start(T0)
    player = player.restart_exercise(T0 + 10)  # 7 s of chest-opener, then again from 3
    assert player.done_seconds(T0 + 10)[("chest-opener", None)] == 7
    end = T0 + 10 + 30  # then play the rest of the set: 14 + 16 s
    assert player.finished(end)
    done = player.done_seconds(end)
    assert done == {
        ("chest-opener", None): 21, ("wrist-pulses", "left"): 8, ("wrist-pulses", "right"): 8,
    }
    assert sum(player.done_seconds(end, include_cue=True).values()) == 40  # all active time
    assert player.covered_seconds(end) == planned_seconds(PLAN)


def test_done_seconds_part_way_through_a_side():
    player = SetPlayer(PLAN).start(T0).seek(T0, 25)
    done = player.done_seconds(T0 + 3)
    assert done[("wrist-pulses", "right")] == 3
    assert done[("wrist-pulses", "left")] == 0 and done[("chest-opener", None)] == 0
    assert player.covered_seconds(T0 + 3)[("wrist-pulses", "right")] == 3


def test_a_progressed_hold_plays_longer():
    """An accepted progression (+2 s on each hold) reaches the player's plan."""
    from microtui.core.routine import SetItem

    library = load_library([builtin_path()])
    plain = build_set_plan([SetItem("finger-extension")], library.exercises)
    longer = build_set_plan([SetItem("finger-extension", hold_extra_seconds=2)],
                            library.exercises)
    assert longer.total_seconds - plain.total_seconds == 3 * 2  # three holds, 2 s each

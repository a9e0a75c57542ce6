"""The session record built when a set ends: fields, outcome rule, done vs planned."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest

from microtui.core.loader import builtin_path, load_library
from microtui.core.player import BRACING_CUE_ID, SetPlayer
from microtui.core.routine import SetItem, TriggerKind
from microtui.core.session_log import (
    RECORD_VERSION,
    Outcome,
    build_session_record,
    decide_outcome,
    exercises_done,
    overshoot,
    summary_line,
)

LIBRARY = load_library([builtin_path()])
EXERCISES = LIBRARY.exercises
PRE_MEETING = LIBRARY.default_routine.trigger(TriggerKind.PRE_MEETING)
assert PRE_MEETING is not None
# Pre-meeting: cue 0..3 | chest-opener 3..17 (14 s) | wrist-pulses left 17..25, right 25..33.
T0 = 500.0
STARTED = datetime(2026, 11, 25, 9, 30, tzinfo=UTC)


def _player() -> SetPlayer:
    return SetPlayer.for_set(PRE_MEETING.items, EXERCISES).start(T0)


def _record(player: SetPlayer, at: float, **kwargs):
    kwargs.setdefault("exercises", EXERCISES)
    return build_session_record(
        player, at, started=STARTED, ended=STARTED + timedelta(seconds=at - T0), **kwargs
    )


def _rows(record):
    return [
        (r["id"], r["side"], r["planned_seconds"], r["done_seconds"]) for r in record["exercises"]
    ]


def test_played_to_the_end_is_completed_with_done_equal_to_planned():
    record = _record(_player(), T0 + 33, event_id="ev-1", trigger=TriggerKind.PRE_MEETING)
    assert record["v"] == RECORD_VERSION == 1
    assert record["outcome"] == "completed"
    assert record["event_id"] == "ev-1"
    assert record["trigger"] == "pre-meeting"
    assert record["started"] == "2026-11-25T09:30:00+00:00"
    assert record["ended"] == "2026-11-25T09:30:33+00:00"
    assert record["active_seconds"] == 33.0
    assert _rows(record) == [
        ("chest-opener", None, 14.0, 14.0),
        ("wrist-pulses", "left", 8.0, 8.0),
        ("wrist-pulses", "right", 8.0, 8.0),
    ]
    assert record["exercises"][0]["name"] == "Chest Opener Finger Pull"
    assert "stopped_exercise" not in record
    assert record["note"] is None


def test_the_bracing_cue_is_not_listed_as_an_exercise():
    record = _record(_player(), T0 + 33)
    assert BRACING_CUE_ID not in {r["id"] for r in record["exercises"]}


def test_ended_early_with_some_done_is_partial():
    record = _record(_player().stop(T0 + 10), T0 + 10)
    assert record["outcome"] == "partial"
    assert _rows(record) == [
        ("chest-opener", None, 14.0, 7.0),
        ("wrist-pulses", "left", 8.0, 0.0),
        ("wrist-pulses", "right", 8.0, 0.0),
    ]
    assert record["active_seconds"] == 10.0


def test_ended_during_the_cue_is_abandoned():
    player = _player().stop(T0 + 2)
    assert decide_outcome(player, T0 + 2) is Outcome.ABANDONED
    record = _record(player, T0 + 2)
    assert record["outcome"] == "abandoned"
    assert all(r["done_seconds"] == 0 for r in record["exercises"])


def test_skipping_to_the_end_is_not_completed():
    player = _player()
    at = T0 + 1
    for _ in range(4):
        player = player.next_exercise(at)
    assert player.finished(at)
    assert decide_outcome(player, at) is Outcome.ABANDONED
    played = _player()
    played = played.next_exercise(T0 + 1).next_exercise(T0 + 6)  # 5 s of chest opener
    played = played.next_exercise(T0 + 6)  # then skip the rest
    assert played.finished(T0 + 6)
    assert _record(played, T0 + 6)["outcome"] == "partial"


def test_pain_stop_names_the_exercise_whatever_was_done():
    player = _player().stop(T0 + 5)
    record = _record(player, T0 + 5, outcome=Outcome.STOPPED_FOR_PAIN)
    assert record["outcome"] == "stopped-for-pain"
    assert record["stopped_exercise"] == "chest-opener"
    assert decide_outcome(player, T0 + 5, pain=True) is Outcome.STOPPED_FOR_PAIN
    during_cue = _record(_player().stop(T0 + 1), T0 + 1, outcome="stopped-for-pain")
    assert during_cue["stopped_exercise"] == BRACING_CUE_ID
    explicit = _record(player, T0 + 5, outcome="stopped-for-pain", stopped_exercise="x")
    assert explicit["stopped_exercise"] == "x"


def test_a_restarted_exercise_is_done_once_but_its_time_is_active():
    player = _player().restart_exercise(T0 + 13)  # 10 s of chest opener, back to its start
    at = T0 + 13 + 30  # the whole set from the chest opener on
    assert player.finished(at)
    record = _record(player, at)
    assert record["outcome"] == "completed"
    assert all(r["done_seconds"] == r["planned_seconds"] for r in record["exercises"])
    assert record["active_seconds"] == 43.0
    # done_seconds would have counted the chest opener twice.
    assert player.done_seconds(at)[("chest-opener", None)] == 24.0


def test_time_past_the_end_of_the_plan_is_not_active():
    player = _player()
    assert overshoot(player, T0 + 30) == 0.0
    assert overshoot(player, T0 + 40) == 7.0
    record = _record(player, T0 + 40)
    assert record["active_seconds"] == 33.0
    assert record["outcome"] == "completed"
    stopped = player.stop(T0 + 40)
    assert _record(stopped, T0 + 50)["active_seconds"] == 33.0


def test_pauses_are_not_active_time():
    player = _player().pause(T0 + 4).resume(T0 + 100)
    record = _record(player.stop(T0 + 106), T0 + 106)
    assert record["active_seconds"] == 10.0
    assert record["exercises"][0]["done_seconds"] == 7.0


def test_effortless_marks_every_part_of_the_exercise():
    record = _record(_player(), T0 + 33, efforts={"wrist-pulses"})
    assert [r["effortless"] for r in record["exercises"]] == [False, True, True]


@pytest.mark.parametrize(("note", "stored"), [
    (None, None), ("", None), ("   ", None), ("  calves warm ", "calves warm"),
])
def test_note_is_stripped_and_blank_is_none(note, stored):
    assert _record(_player(), T0 + 33, note=note)["note"] == stored


def test_record_is_json_round_trippable():
    player = _player().restart_exercise(T0 + 9).stop(T0 + 20)
    record = _record(player, T0 + 20, outcome=Outcome.STOPPED_FOR_PAIN, note="tight",
                     efforts=["chest-opener"], event_id=None, trigger=None)
    assert json.loads(json.dumps(record)) == record


def test_unknown_outcome_is_refused():
    with pytest.raises(ValueError):
        _record(_player(), T0 + 33, outcome="finished")


def test_names_fall_back_to_ids_without_a_library():
    record = build_session_record(_player(), T0 + 33, started=STARTED, ended=STARTED)
    assert record["exercises"][0]["name"] == "chest-opener"


def test_summary_line_counts_exercises_played_in_full():
    full = _record(_player(), T0 + 33)
    assert exercises_done(full) == (2, 2)
    assert summary_line(full) == "Moved 33 s · 2 of 2 exercises done"
    part = _record(_player().stop(T0 + 21), T0 + 21)  # chest opener done, wrists begun
    assert exercises_done(part) == (1, 2)
    assert summary_line(part) == "Moved 21 s · 1 of 2 exercises done"
    single = _record(SetPlayer.for_set([SetItem("grip-squeeze")], EXERCISES).start(T0), T0 + 27)
    assert summary_line(single) == "Moved 27 s · 1 of 1 exercise done"

"""The session record: what one played set leaves in the log (the guide's "Document" step).

"Keep a brief log (paper or digital) noting the time, movements performed, and any
immediate sensations." :func:`build_session_record` turns a :class:`SetPlayer` at the
moment the set ended into one JSON-able dict; the store writes it as it is.

Pure like the rest of :mod:`microtui.core`: every time is an argument (``now_mono`` and the
``started``/``ended`` wall times the UI read from its clock).

Record format, version 1::

    {
      "v": 1,
      "event_id": "2026-11-25T09:30/interval" | None,   # the schedule event it answered
      "trigger": "interval" | None,                     # TriggerKind value, None if ad hoc
      "started": "2026-11-25T09:30:00+00:00",           # ISO 8601, as given
      "ended": "2026-11-25T09:30:25+00:00",
      "outcome": "completed" | "partial" | "stopped-for-pain" | "abandoned",
      "stopped_exercise": "ankle-pumps",                # only with "stopped-for-pain"
      "active_seconds": 25.0,                           # running time, pauses and any
                                                        # time past the plan's end excluded
      "exercises": [                                    # one per exercise and part
        {"id": "ankle-pumps", "name": "Ankle Pumps", "side": None,
         "planned_seconds": 10.0, "done_seconds": 10.0, "effortless": False},
        ...
      ],
      "sensation": "eased",                             # only once answered (one
                                                        # of core.sensations.SENSATIONS)
      "note": "calves felt warm" | None,                # the words after it, if any
    }

``side`` is the part: ``"left"``/``"right"`` for a sided exercise, the direction
(``"clockwise"``/``"counter-clockwise"``) for a directional one, ``None`` for one done with
both sides together. The opening bracing cue is not an exercise and is not listed (its
time is in ``active_seconds``).

``done_seconds`` is the *covered* time (:meth:`SetPlayer.covered_seconds`): seconds of the
part's plan reached at least once. It never exceeds ``planned_seconds``, so a restarted
exercise is not counted twice and "done == planned" means the part was played in full.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from enum import StrEnum
from typing import Any

from microtui.core.exercises import Exercise
from microtui.core.player import BRACING_CUE_ID, SetPlayer
from microtui.core.time_text import fmt_duration
from microtui.core.timeline import TriggerEvent

RECORD_VERSION = 1
#: Seconds closer than this to the plan count as fully done (float noise).
EPSILON = 1e-6


class Outcome(StrEnum):
    COMPLETED = "completed"
    PARTIAL = "partial"
    STOPPED_FOR_PAIN = "stopped-for-pain"
    ABANDONED = "abandoned"


def overshoot(player: SetPlayer, now_mono: float) -> float:
    """Active seconds the player ran past the end of its plan (0 if it has not).

    A player is a pure function of time: it keeps "running" after its last phase until
    someone stops it. Those seconds are not movement, so the record leaves them out.
    """
    position = player.seg_from + (player.active_seconds(now_mono) - player.seg_active)
    return max(0.0, position - player.plan.total_seconds)


def decide_outcome(player: SetPlayer, now_mono: float, *, pain: bool = False) -> Outcome:
    """The outcome rule.

    * ``pain`` (the ``!`` key) → stopped-for-pain, whatever was done;
    * every part's plan covered → completed (skipping ahead to the end is not);
    * some exercise time covered → partial;
    * nothing beyond the bracing cue → abandoned.
    """
    if pain:
        return Outcome.STOPPED_FOR_PAIN
    planned = player.planned_seconds()
    covered = player.covered_seconds(now_mono)
    if planned and all(covered[key] >= seconds - EPSILON for key, seconds in planned.items()):
        return Outcome.COMPLETED
    if any(seconds > EPSILON for seconds in covered.values()):
        return Outcome.PARTIAL
    return Outcome.ABANDONED


def build_session_record(
    player: SetPlayer,
    now_mono: float,
    *,
    started: datetime,
    ended: datetime,
    outcome: Outcome | str | None = None,
    note: str | None = None,
    event_id: str | None = None,
    trigger: str | None = None,
    efforts: Iterable[str] = (),
    exercises: Mapping[str, Exercise] | None = None,
    stopped_exercise: str | None = None,
    sensation: str | None = None,
) -> dict[str, Any]:
    """The log record of a set that ended at ``now_mono`` (see the module doc for fields).

    ``outcome`` defaults to :func:`decide_outcome` (without pain); pass
    ``Outcome.STOPPED_FOR_PAIN`` for the ``!`` key. ``stopped_exercise`` defaults to the
    exercise the player stood at (the bracing cue's id during the cue). ``efforts`` holds
    the ids marked "this felt effortless"; ``exercises`` supplies display names. A blank
    note is stored as ``None``; ``sensation`` (how the set felt, once the user said) is
    stored only when given.
    """
    resolved = Outcome(outcome) if outcome is not None else decide_outcome(player, now_mono)
    efforts = set(efforts)
    exercises = exercises or {}
    planned = player.planned_seconds()
    covered = player.covered_seconds(now_mono)
    rows = []
    for (exercise_id, part), seconds in planned.items():
        exercise = exercises.get(exercise_id)
        rows.append({
            "id": exercise_id,
            "name": exercise.name if exercise is not None else exercise_id,
            "side": part,
            "planned_seconds": _round(seconds),
            "done_seconds": _round(min(covered.get((exercise_id, part), 0.0), seconds)),
            "effortless": exercise_id in efforts,
        })
    record: dict[str, Any] = {
        "v": RECORD_VERSION,
        "event_id": event_id,
        "trigger": str(trigger) if trigger is not None else None,
        "started": started.isoformat(),
        "ended": ended.isoformat(),
        "outcome": str(resolved),
    }
    if resolved is Outcome.STOPPED_FOR_PAIN:
        if stopped_exercise is None:
            stopped_exercise = player.moment(now_mono).exercise_id
        record["stopped_exercise"] = stopped_exercise
    record["active_seconds"] = _round(
        player.active_seconds(now_mono) - overshoot(player, now_mono)
    )
    record["exercises"] = rows
    if sensation is not None:
        record["sensation"] = str(sensation)
    record["note"] = note.strip() if note and note.strip() else None
    return record


def exercises_done(record: Mapping[str, Any]) -> tuple[int, int]:
    """``(done, total)`` exercises of a record: done means every part played in full."""
    by_id: dict[str, bool] = {}
    for row in record.get("exercises", ()):
        full = row["done_seconds"] >= row["planned_seconds"] - 1e-3
        by_id[row["id"]] = by_id.get(row["id"], True) and full
    return sum(by_id.values()), len(by_id)


def summary_line(record: Mapping[str, Any]) -> str:
    """One line for the end of a set: ``"Moved 25 s · 2 of 2 exercises done"``."""
    done, total = exercises_done(record)
    noun = "exercise" if total == 1 else "exercises"
    moved = fmt_duration(record.get("active_seconds", 0.0))
    return f"Moved {moved} · {done} of {total} {noun} done"


def is_exercise(exercise_id: str | None) -> bool:
    """False for the opening bracing cue (and no exercise at all): nothing to log or remove."""
    return exercise_id is not None and exercise_id != BRACING_CUE_ID


def _round(seconds: float) -> float:
    return round(float(seconds), 3)


def skip_record(event: TriggerEvent, now: datetime) -> dict[str, Any]:
    """The session record that logs ``event`` as skipped at ``now``."""
    stamp = now.isoformat()
    return {
        "v": RECORD_VERSION,
        "event_id": event.id,
        "trigger": event.kind.value,
        "started": stamp,
        "ended": stamp,
        "outcome": "skipped",
        "active_seconds": 0,
        "exercises": [],
        "note": "",
    }

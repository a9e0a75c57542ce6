"""Progressive variation: the guide's "Monitoring Progress and Adjusting".

"Progressive Variation – Once a movement feels effortless, increase the hold time by 2–3
seconds or add a light resistance band for added challenge." Once a movement was marked
effortless in at least 3 of its last 5 sets, :func:`progression_suggestions` proposes
that: every hold 2 s longer, or a light resistance band where the guide names one. The
user accepts a :class:`Suggestion` (the routine form applies it with
:func:`apply_to_items`) or declines it for two weeks; :func:`progression_log` reads both
from the settings.

Pure: no UI, storage or clock. ``today`` is always passed in.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any, Literal

from microtui.core.exercises import Exercise
from microtui.core.routine import Routine, SetItem
from microtui.core.set_builder import HOLD_EXTRA_MAX, hold_adjustable
from microtui.core.settings import Accepted, UserSettings
from microtui.core.time_text import fmt_seconds, iso_day

#: "Progressive Variation – Once a movement feels effortless, increase the hold time by
#: 2–3 seconds or add a light resistance band for added challenge."
PROGRESSION_ADVICE = (
    "Once a movement feels effortless, increase the hold time by 2–3 seconds or add a "
    "light resistance band for added challenge."
)
PROGRESSION_HOLD_SECONDS = 2.0
EFFORTLESS_WINDOW = 5
EFFORTLESS_NEEDED = 3
DECLINE_DAYS = 14
RESISTANCE_BAND = "resistance band"


@dataclass(frozen=True)
class Suggestion:
    """The guide's progressive variation for one exercise that felt effortless.

    ``kind`` is ``"hold"`` (every hold ``hold_seconds`` longer) or ``"band"`` (add a light
    resistance band). ``effortless`` of ``window`` recent sets were marked effortless.
    """

    exercise_id: str
    kind: Literal["hold", "band"]
    effortless: int
    window: int
    hold_seconds: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        """What the settings' ``progression.accepted`` log keeps of it."""
        return {"exercise": self.exercise_id, "kind": self.kind,
                "hold_seconds": self.hold_seconds}

    def describe(self, exercises: Mapping[str, Exercise],
                 routine: Routine | None = None) -> str:
        """One line for the user: what was noticed and what the guide proposes."""
        exercise = exercises[self.exercise_id]
        seen = (f"{exercise.name} felt effortless in {self.effortless} of your last "
                f"{self.window} sets")
        if self.kind == "band":
            return f"{seen}: add a light resistance band around the knees."
        holds = [p.seconds for p in exercise.cycle if p.kind == "hold"]
        extra = _current_extra(routine, self.exercise_id) if routine is not None else 0.0
        old = fmt_seconds(holds[0] + extra) if holds else ""
        new = fmt_seconds(holds[0] + extra + self.hold_seconds) if holds else ""
        return f"{seen}: hold {fmt_seconds(self.hold_seconds)} longer ({old} → {new})."


def progression_log(settings: UserSettings) -> tuple[dict[str, date], list[Accepted]]:
    """``(declined, accepted)`` of the settings' progression log (see
    :class:`~microtui.core.settings.ProgressionLog`), as copies to change."""
    return dict(settings.progression.declined), list(settings.progression.accepted)


def progression_suggestions(
    sessions: Iterable[Mapping[str, Any]],
    routine: Routine,
    exercises: Mapping[str, Exercise],
    today: date,
    declined: Mapping[str, date],
    *,
    accepted: Iterable[Accepted] = (),
) -> list[Suggestion]:
    """The progressions due for the routine's exercises, in the routine's order.

    An exercise qualifies when it was marked effortless in at least 3 of its last 5 sets
    (session records in which it was played at all). Sets on or before the day a
    suggestion for it was accepted do not count (they were at the old level). One declined
    less than 14 days before ``today`` stays hidden.

    The guide: "increase the hold time by 2–3 seconds or add a light resistance band".
    Where the guide names an optional resistance band (hip abduction) that comes first;
    otherwise every hold grows by 2 s, as long as it stays within :data:`HOLD_EXTRA_MAX`.
    """
    accepted = list(accepted)
    since: dict[str, date] = {}
    band_taken: set[str] = set()
    for entry in accepted:
        since[entry.exercise_id] = max(entry.on, since.get(entry.exercise_id, entry.on))
        if entry.kind == "band":
            band_taken.add(entry.exercise_id)
    band_taken.update(i.exercise_id for t in routine.triggers for i in t.items if i.band)
    history: dict[str, list[bool]] = {}
    for record in sorted(sessions, key=lambda r: str(r.get("started", ""))):
        started = iso_day(record.get("started"))
        flags: dict[str, bool] = {}
        for row in record.get("exercises", ()) or ():
            if not isinstance(row, Mapping) or not isinstance(row.get("id"), str):
                continue
            done = row.get("done_seconds") or 0
            if not isinstance(done, int | float) or done <= 0:
                continue
            flags[row["id"]] = flags.get(row["id"], False) or bool(row.get("effortless"))
        for exercise_id, effortless in flags.items():
            cutoff = since.get(exercise_id)
            if cutoff is not None and (started is None or started <= cutoff):
                continue
            history.setdefault(exercise_id, []).append(effortless)
    suggestions = []
    for exercise_id in _routine_exercises(routine):
        exercise = exercises.get(exercise_id)
        if exercise is None:
            continue
        when = declined.get(exercise_id)
        if when is not None and (today - when).days < DECLINE_DAYS:
            continue
        recent = history.get(exercise_id, [])[-EFFORTLESS_WINDOW:]
        count = sum(recent)
        if count < EFFORTLESS_NEEDED:
            continue
        if (RESISTANCE_BAND in exercise.equipment and exercise.equipment_optional
                and exercise_id not in band_taken):
            suggestions.append(Suggestion(exercise_id, "band", count, len(recent)))
        elif (hold_adjustable(exercise)
              and _current_extra(routine, exercise_id) + PROGRESSION_HOLD_SECONDS
              <= HOLD_EXTRA_MAX + 1e-9):
            suggestions.append(Suggestion(exercise_id, "hold", count, len(recent),
                                          PROGRESSION_HOLD_SECONDS))
    return suggestions


def _routine_exercises(routine: Routine) -> list[str]:
    return list(dict.fromkeys(i.exercise_id for t in routine.triggers for i in t.items))


def _current_extra(routine: Routine, exercise_id: str) -> float:
    extras = [i.hold_extra_seconds for t in routine.triggers for i in t.items
              if i.exercise_id == exercise_id]
    return max(extras, default=0.0)


def apply_to_items(items: Iterable[SetItem], suggestion: Suggestion) -> tuple[SetItem, ...]:
    if suggestion.kind == "band":
        return tuple(replace(item, band=True) if item.exercise_id == suggestion.exercise_id
                     else item for item in items)
    return tuple(
        replace(item, hold_extra_seconds=min(
            HOLD_EXTRA_MAX, item.hold_extra_seconds + suggestion.hold_seconds))
        if item.exercise_id == suggestion.exercise_id else item
        for item in items
    )


def declined_hidden_until(declined_on: date) -> date:
    """The first day a declined suggestion may be shown again."""
    return declined_on + timedelta(days=DECLINE_DAYS)

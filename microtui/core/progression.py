"""Progressive variation: the guide's "Monitoring Progress and Adjusting".

"Progressive Variation – Once a movement feels effortless, increase the hold time by 2–3
seconds or add a light resistance band for added challenge." Once a movement was marked
effortless in at least 3 of its last 5 sets (:data:`EFFORTLESS_RULE`),
:func:`progression_suggestions` proposes that, and :func:`suggestion_choices` lists what
the user may pick from: a light resistance band where the exercise says where one goes
(its ``band`` in ``exercises.toml``), every hold 2 or 3 s longer, and for a rhythm with no
hold (pelvic tilt, shoulder circles, ankle pumps, nods, wrist pulses) 2 or 3 s more of
rhythm. The user accepts a :class:`Suggestion` (the routine form applies it with
:func:`apply_to_items`) or declines it for two weeks; :func:`progression_log` reads both
from the settings.

Pure: no UI, storage or clock. ``today`` is always passed in.
"""

from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from typing import Any, Literal, NamedTuple

from microtui.core.exercises import Exercise
from microtui.core.routine import Routine, SetItem
from microtui.core.set_builder import HOLD_EXTRA_MAX, RHYTHM_EXTRA_MAX, hold_adjustable
from microtui.core.settings import Accepted, UserSettings
from microtui.core.time_text import fmt_seconds, iso_day

#: "Progressive Variation – Once a movement feels effortless, increase the hold time by
#: 2–3 seconds or add a light resistance band for added challenge."
PROGRESSION_ADVICE = (
    "Once a movement feels effortless, increase the hold time by 2–3 seconds or add a "
    "light resistance band for added challenge."
)
PROGRESSION_HOLD_SECONDS = 2.0
#: "By 2–3 seconds": the user picks.
PROGRESSION_STEPS = (2.0, 3.0)
EFFORTLESS_WINDOW = 5
EFFORTLESS_NEEDED = 3
#: When a movement counts as effortless, in the words shown where progressions are offered.
EFFORTLESS_RULE = (f"Suggested when you mark a movement effortless (e in the player) in "
                   f"{EFFORTLESS_NEEDED} of its last {EFFORTLESS_WINDOW} sets.")
DECLINE_DAYS = 14
RESISTANCE_BAND = "resistance band"

Kind = Literal["hold", "band", "rhythm"]


class Suggestion(NamedTuple):
    """The guide's progressive variation for one exercise that felt effortless.

    ``kind`` is ``"hold"`` (every hold ``hold_seconds`` longer), ``"rhythm"`` (a rhythm
    ``hold_seconds`` longer in each part: it has no hold) or ``"band"`` (add a light
    resistance band). ``effortless`` of ``window`` recent sets were marked effortless.
    """

    exercise_id: str
    kind: Kind
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
        return f"{seen}: {self.change(exercises, routine)}."

    def change(self, exercises: Mapping[str, Exercise], routine: Routine | None = None) -> str:
        """What accepting it does: ``hold 2 s longer (5 s → 7 s)``."""
        exercise = exercises[self.exercise_id]
        if self.kind == "band":
            where = exercise.band or ("around the knees" if RESISTANCE_BAND
                                      in exercise.equipment else "")
            return f"add a light resistance band {where}".rstrip()
        extra = (_current_extra(routine, self.exercise_id, self.kind)
                 if routine is not None else 0.0)
        if self.kind == "rhythm":
            old = exercise.part_seconds(rhythm_extra=extra)
            new = old + self.hold_seconds
            each = " each side" if exercise.sides else " each way" if exercise.directions else ""
            return (f"keep the rhythm going {fmt_seconds(self.hold_seconds)} longer"
                    f"{each} ({fmt_seconds(old)} → {fmt_seconds(new)})")
        holds = [p.seconds for p in exercise.cycle if p.kind == "hold"]
        was = fmt_seconds(holds[0] + extra) if holds else ""
        now = fmt_seconds(holds[0] + extra + self.hold_seconds) if holds else ""
        return f"hold {fmt_seconds(self.hold_seconds)} longer ({was} → {now})"


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
    Each exercise's first choice of :func:`suggestion_choices` is returned: a band where
    one goes (and is not used yet) comes first; otherwise every hold grows by 2 s (a
    rhythm by 2 s of rhythm), as long as it stays within the bound.
    """
    accepted = list(accepted)
    since: dict[str, date] = {}
    for entry in accepted:
        since[entry.exercise_id] = max(entry.on, since.get(entry.exercise_id, entry.on))
    band_taken = _band_taken(routine, accepted)
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
        choices = _choices(exercise, routine, band_taken, count, len(recent))
        if choices:
            suggestions.append(choices[0])
    return suggestions


def suggestion_choices(suggestion: Suggestion, routine: Routine,
                       exercises: Mapping[str, Exercise],
                       accepted: Iterable[Accepted] = ()) -> list[Suggestion]:
    """What the user may pick for ``suggestion``'s exercise, ``suggestion``'s own first:
    a light resistance band (where one goes and none is used yet), then the hold (or, for
    a rhythm, the rhythm) 2 or 3 s longer, as far as the bound allows."""
    exercise = exercises.get(suggestion.exercise_id)
    if exercise is None:
        return [suggestion]
    choices = _choices(exercise, routine, _band_taken(routine, accepted),
                       suggestion.effortless, suggestion.window)
    return [suggestion, *(c for c in choices if c != suggestion)]


def _band_taken(routine: Routine, accepted: Iterable[Accepted]) -> set[str]:
    taken = {a.exercise_id for a in accepted if a.kind == "band"}
    taken.update(i.exercise_id for t in routine.triggers for i in t.items if i.band)
    return taken


def _choices(exercise: Exercise, routine: Routine, band_taken: set[str], count: int,
             window: int) -> list[Suggestion]:
    """Every progression open to ``exercise``: the band first, then 2 s, then 3 s."""
    out = []
    if exercise.id not in band_taken and (exercise.band or (
            RESISTANCE_BAND in exercise.equipment and exercise.equipment_optional)):
        out.append(Suggestion(exercise.id, "band", count, window))
    kind: Kind | None = ("hold" if hold_adjustable(exercise)
                         else "rhythm" if exercise.is_rhythm else None)
    if kind is not None:
        bound = HOLD_EXTRA_MAX if kind == "hold" else RHYTHM_EXTRA_MAX
        extra = _current_extra(routine, exercise.id, kind)
        out += [Suggestion(exercise.id, kind, count, window, step)
                for step in PROGRESSION_STEPS if extra + step <= bound + 1e-9]
    return out


def _routine_exercises(routine: Routine) -> list[str]:
    return list(dict.fromkeys(i.exercise_id for t in routine.triggers for i in t.items))


def _current_extra(routine: Routine, exercise_id: str, kind: str = "hold") -> float:
    extras = [i.rhythm_extra_seconds if kind == "rhythm" else i.hold_extra_seconds
              for t in routine.triggers for i in t.items if i.exercise_id == exercise_id]
    return max(extras, default=0.0)


def apply_to_items(items: Iterable[SetItem], suggestion: Suggestion) -> tuple[SetItem, ...]:
    if suggestion.kind == "band":
        return tuple(item._replace(band=True) if item.exercise_id == suggestion.exercise_id
                     else item for item in items)
    if suggestion.kind == "rhythm":
        return tuple(
            item._replace(rhythm_extra_seconds=min(
                RHYTHM_EXTRA_MAX, item.rhythm_extra_seconds + suggestion.hold_seconds))
            if item.exercise_id == suggestion.exercise_id else item
            for item in items
        )
    return tuple(
        item._replace(hold_extra_seconds=min(
            HOLD_EXTRA_MAX, item.hold_extra_seconds + suggestion.hold_seconds))
        if item.exercise_id == suggestion.exercise_id else item
        for item in items
    )


def declined_hidden_until(declined_on: date) -> date:
    """The first day a declined suggestion may be shown again."""
    return declined_on + timedelta(days=DECLINE_DAYS)

"""Routines: which set of movements runs at which trigger of the day.

The default routine is the guide's day plan ("Micro-Movement Integration into the
Workday"); users build their own with the routine builder.
"""

import math
from collections.abc import Mapping
from datetime import time
from enum import StrEnum
from typing import TYPE_CHECKING, Any, NamedTuple

from microtui.core.exercises import Exercise
from microtui.core.time_text import parse_hhmm

if TYPE_CHECKING:
    from microtui.core.phase_plan import PhasePlan


class TriggerKind(StrEnum):
    """The guide's five triggers."""

    START_OF_DAY = "start-of-day"
    INTERVAL = "interval"
    PRE_MEETING = "pre-meeting"
    FIXED_TIME = "fixed-time"
    END_OF_DAY = "end-of-day"


def trigger_kind(raw: object) -> TriggerKind | None:
    """The trigger kind named ``raw`` (``"interval"``), or None for anything else."""
    if not isinstance(raw, str):
        return None
    try:
        return TriggerKind(raw)
    except ValueError:
        return None


#: The five triggers in the order of the day.
TRIGGER_ORDER: tuple[TriggerKind, ...] = (
    TriggerKind.START_OF_DAY,
    TriggerKind.INTERVAL,
    TriggerKind.PRE_MEETING,
    TriggerKind.FIXED_TIME,
    TriggerKind.END_OF_DAY,
)


class SetItem(NamedTuple):
    """One exercise in a set; ``reps`` overrides the guide's default within its range.

    ``hold_extra_seconds`` lengthens every hold of the exercise (the guide's progressive
    variation: "increase the hold time by 2–3 seconds"); both sides alike. ``band`` is its
    other progression, "add a light resistance band", for an exercise that names one.
    ``rhythm_extra_seconds`` is a rhythm's progression (it has no hold): the rhythm lasts
    that much longer in each part (:meth:`~microtui.core.exercises.Exercise.plan`).
    """

    exercise_id: str
    reps: int | None = None
    hold_extra_seconds: float = 0
    band: bool = False
    rhythm_extra_seconds: float = 0

    def plan(self, exercise: Exercise) -> "PhasePlan":
        return exercise.plan(self.reps, hold_extra=self.hold_extra_seconds,
                             rhythm_extra=self.rhythm_extra_seconds)

    def seconds(self, exercise: Exercise) -> float:
        return exercise.total_seconds(self.reps, hold_extra=self.hold_extra_seconds,
                                      rhythm_extra=self.rhythm_extra_seconds)


class Trigger(NamedTuple):
    kind: TriggerKind
    name: str
    cue: str
    items: tuple[SetItem, ...]
    every_minutes: int | None = None
    lead_minutes: int | None = None
    at: time | None = None

    def plan(self, exercises: Mapping[str, Exercise]) -> "PhasePlan":
        from microtui.core.phase_plan import PhasePlan  # the player's: not imported at start

        plan = PhasePlan(())
        for item in self.items:
            plan = plan + item.plan(exercises[item.exercise_id])
        return plan

    def seconds(self, exercises: Mapping[str, Exercise]) -> float:
        return sum(i.seconds(exercises[i.exercise_id]) for i in self.items)

    def set_label(self, exercises: Mapping[str, Exercise]) -> str:
        return " + ".join(exercises[i.exercise_id].name for i in self.items)


class Routine(NamedTuple):
    id: str
    name: str
    triggers: tuple[Trigger, ...]

    def trigger(self, kind: TriggerKind) -> Trigger | None:
        return next((t for t in self.triggers if t.kind is kind), None)

    def without_exercise(self, exercise_id: str, *, id: str | None = None,
                         name: str | None = None) -> "Routine":
        """This routine with ``exercise_id`` taken out of every set (after the safety stop);
        a set left empty is dropped with its trigger."""
        triggers = []
        for trigger in self.triggers:
            items = tuple(i for i in trigger.items if i.exercise_id != exercise_id)
            if items:
                triggers.append(trigger._replace(items=items))
        return Routine(id=id or self.id, name=name or self.name, triggers=tuple(triggers))


# -- codec: routines as plain JSON types (for the store) -------------------------------------

ROUTINE_FORMAT_VERSION = 1
#: "design" is optional and not part of the routine: the routine builder keeps the form's
#: pain points, core set and extras there (see :mod:`microtui.core.routine_draft`).
_ROUTINE_DICT_KEYS = ("v", "id", "name", "triggers", "design")
_TRIGGER_DICT_KEYS = ("kind", "name", "cue", "items", "every_minutes", "lead_minutes", "at")
_ITEM_DICT_KEYS = ("id", "reps", "hold_extra_seconds", "band", "rhythm_extra_seconds")


class RoutineFormatError(ValueError):
    """A stored routine dict is not valid; ``field`` names where, like ``triggers[1].at``."""

    def __init__(self, field: str, message: str):
        self.field = field
        self.message = message
        super().__init__(f"{field}: {message}" if field else message)


def routine_to_dict(routine: Routine) -> dict[str, Any]:
    """A routine as JSON types only: times as "HH:MM", kinds as their values, ``"v": 1``.

    The inverse of :func:`routine_from_dict`::

        {"v": 1, "id": "my-day", "name": "My day", "triggers": [
            {"kind": "interval", "name": "Every 20 min", "cue": "...",
             "items": [{"id": "ankle-pumps", "reps": None, "hold_extra_seconds": 0}],
             "every_minutes": 20, "lead_minutes": None, "at": None}, ...]}
    """
    return {
        "v": ROUTINE_FORMAT_VERSION,
        "id": routine.id,
        "name": routine.name,
        "triggers": [
            {
                "kind": str(trigger.kind),
                "name": trigger.name,
                "cue": trigger.cue,
                "items": [_item_to_dict(item) for item in trigger.items],
                "every_minutes": trigger.every_minutes,
                "lead_minutes": trigger.lead_minutes,
                "at": trigger.at.strftime("%H:%M") if trigger.at is not None else None,
            }
            for trigger in routine.triggers
        ],
    }


def routine_from_dict(data: Any, exercises: Mapping[str, Exercise]) -> Routine:
    """Rebuild a routine saved by :func:`routine_to_dict`, checking every field.

    Raises :class:`RoutineFormatError` naming the first bad field (``id``,
    ``triggers[2].items[0].id``, ...): a wrong type, an unknown key or kind, a time that
    is not "HH:MM", an exercise that is not in ``exercises``.
    """
    if not isinstance(data, Mapping):
        raise RoutineFormatError("", f"a routine must be an object, got {type(data).__name__}")
    _no_unknown_keys(data, _ROUTINE_DICT_KEYS, "")
    if data.get("v") != ROUTINE_FORMAT_VERSION:
        raise RoutineFormatError("v", f"unsupported routine format {data.get('v')!r} "
                                      f"(expected {ROUTINE_FORMAT_VERSION})")
    routine_id = _text(data, "id", "id", required=True)
    name = _text(data, "name", "name", required=True)
    raw_triggers = data.get("triggers")
    if not isinstance(raw_triggers, list) or not raw_triggers:
        raise RoutineFormatError("triggers", "must be a non-empty list of triggers")
    triggers = tuple(
        _trigger_from_dict(raw, f"triggers[{n}]", exercises)
        for n, raw in enumerate(raw_triggers)
    )
    return Routine(id=routine_id, name=name, triggers=triggers)


def _trigger_from_dict(raw: Any, where: str, exercises: Mapping[str, Exercise]) -> Trigger:
    if not isinstance(raw, Mapping):
        raise RoutineFormatError(where, "must be an object")
    _no_unknown_keys(raw, _TRIGGER_DICT_KEYS, where)
    kind = trigger_kind(raw.get("kind"))
    if kind is None:
        kinds = ", ".join(k.value for k in TriggerKind)
        raise RoutineFormatError(f"{where}.kind", f"unknown kind {raw.get('kind')!r} "
                                                  f"(expected one of: {kinds})")
    name = _text(raw, "name", f"{where}.name", required=True)
    cue = _text(raw, "cue", f"{where}.cue", required=False)
    every = _whole(raw, "every_minutes", f"{where}.every_minutes", minimum=1,
                   required=kind is TriggerKind.INTERVAL)
    lead = _whole(raw, "lead_minutes", f"{where}.lead_minutes", minimum=0,
                  required=kind is TriggerKind.PRE_MEETING)
    at_raw = raw.get("at")
    at = None
    if at_raw is not None or kind is TriggerKind.FIXED_TIME:
        at = _hhmm(at_raw)
        if at is None:
            raise RoutineFormatError(f"{where}.at", f'must be a time like "13:30", '
                                                    f"got {at_raw!r}")
    raw_items = raw.get("items")
    if not isinstance(raw_items, list) or not raw_items:
        raise RoutineFormatError(f"{where}.items", "must be a non-empty list of exercises")
    items = tuple(
        _item_from_dict(item, f"{where}.items[{n}]", exercises)
        for n, item in enumerate(raw_items)
    )
    return Trigger(kind=kind, name=name, cue=cue, items=items, every_minutes=every,
                   lead_minutes=lead, at=at)


def _item_to_dict(item: SetItem) -> dict[str, Any]:
    raw: dict[str, Any] = {"id": item.exercise_id, "reps": item.reps,
                           "hold_extra_seconds": _json_number(item.hold_extra_seconds)}
    if item.band:  # only when set: routines saved before bands existed read the same
        raw["band"] = True
    if item.rhythm_extra_seconds:  # likewise
        raw["rhythm_extra_seconds"] = _json_number(item.rhythm_extra_seconds)
    return raw


def _item_from_dict(raw: Any, where: str, exercises: Mapping[str, Exercise]) -> SetItem:
    if not isinstance(raw, Mapping):
        raise RoutineFormatError(where, "must be an object like {\"id\": \"ankle-pumps\"}")
    _no_unknown_keys(raw, _ITEM_DICT_KEYS, where)
    exercise_id = _text(raw, "id", f"{where}.id", required=True)
    if exercise_id not in exercises:
        raise RoutineFormatError(f"{where}.id", f"unknown exercise {exercise_id!r}")
    reps = _whole(raw, "reps", f"{where}.reps", minimum=1, required=False)
    extra = _seconds(raw, "hold_extra_seconds", where)
    band = raw.get("band", False)
    if not isinstance(band, bool):
        raise RoutineFormatError(f"{where}.band", f"must be true or false, got {band!r}")
    return SetItem(exercise_id, reps, extra, band,
                   _seconds(raw, "rhythm_extra_seconds", where))


def _seconds(raw: Mapping[str, Any], key: str, where: str) -> float:
    extra = raw.get(key, 0)
    if (
        not isinstance(extra, int | float) or isinstance(extra, bool)
        or not math.isfinite(extra) or extra < 0
    ):
        raise RoutineFormatError(f"{where}.{key}",
                                 f"must be a number of seconds >= 0, got {extra!r}")
    return float(extra)


def _no_unknown_keys(raw: Mapping[str, Any], known: tuple[str, ...], where: str) -> None:
    for key in raw:
        if key not in known:
            raise RoutineFormatError(f"{where}.{key}" if where else str(key), "unknown key")


def _text(raw: Mapping[str, Any], key: str, where: str, *, required: bool) -> str:
    value = raw.get(key, None if required else "")
    if not isinstance(value, str) or (required and not value.strip()):
        raise RoutineFormatError(where, f"must be a non-empty string, got {value!r}"
                                 if required else f"must be a string, got {value!r}")
    return value


def _whole(raw: Mapping[str, Any], key: str, where: str, *, minimum: int,
           required: bool) -> int | None:
    value = raw.get(key)
    if value is None:
        if required:
            raise RoutineFormatError(where, "missing")
        return None
    if not isinstance(value, int) or isinstance(value, bool) or value < minimum:
        raise RoutineFormatError(where, f"must be a whole number >= {minimum}, got {value!r}")
    return value


def _hhmm(raw: Any) -> time | None:
    try:
        return parse_hhmm(raw) if isinstance(raw, str) else None
    except ValueError:
        return None


def _json_number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else float(value)

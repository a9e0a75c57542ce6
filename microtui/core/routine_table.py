"""The [routine] table of a library file: its triggers and their sets, checked strictly.

Every problem is reported at once, each naming the trigger and the field: an unknown key or
trigger kind, a missing name or cue, a routine naming an unknown exercise, minutes or a time
that cannot be planned in a day.
"""

from __future__ import annotations

from contextlib import suppress
from datetime import time
from typing import Any

from microtui.core.exercises import Exercise
from microtui.core.library_file import LibraryFile, Problem, is_int, shown
from microtui.core.routine import Routine, SetItem, Trigger, TriggerKind, trigger_kind

_ROUTINE_KEYS = ("id", "name", "trigger")
_TRIGGER_REQUIRED = ("kind", "name", "cue", "exercises")
_TRIGGER_PARAMS = {
    TriggerKind.START_OF_DAY: (),
    TriggerKind.INTERVAL: ("every_minutes",),
    TriggerKind.PRE_MEETING: ("lead_minutes",),
    TriggerKind.FIXED_TIME: ("at",),
    TriggerKind.END_OF_DAY: (),
}
#: Minutes of a trigger stay within a day.
MAX_MINUTES = 24 * 60


def read_routine(file: LibraryFile, raw: Any, exercises: dict[str, Exercise],
                 problems: list[Problem]) -> Routine | None:
    """The [routine] table ``raw`` of ``file``, or None with its problems recorded."""
    where = "routine"
    before = len(problems)
    if not isinstance(raw, dict):
        file.add(problems, where, "", "must be a table: [routine]")
        return None
    line = file.line_of("[routine]")
    for key in raw:
        if key not in _ROUTINE_KEYS:
            file.add(problems, where, key, "unknown key", line)
    routine_id = _need_str(file, raw, "id", where, problems, line)
    name = _need_str(file, raw, "name", where, problems, line)
    raw_triggers = raw.get("trigger")
    if not isinstance(raw_triggers, list) or not raw_triggers:
        file.add(problems, where, "trigger", "needs at least one [[routine.trigger]]", line)
        return None
    triggers = []
    for index, raw_trigger in enumerate(raw_triggers, start=1):
        trigger = _trigger(file, raw_trigger, index, exercises, problems)
        if trigger is not None:
            triggers.append(trigger)
    if len(problems) > before:
        return None
    assert routine_id is not None and name is not None
    return Routine(id=routine_id, name=name, triggers=tuple(triggers))


def _trigger(file: LibraryFile, raw: Any, index: int, exercises: dict[str, Exercise],
             problems: list[Problem]) -> Trigger | None:
    where = f"routine trigger {index}"
    if not isinstance(raw, dict):
        file.add(problems, where, "", "must be a table")
        return None
    before = len(problems)
    kind_raw = raw.get("kind")
    kind = trigger_kind(kind_raw)
    if kind is None:
        kinds = ", ".join(k.value for k in TriggerKind)
        file.add(problems, where, "kind",
                 "missing" if kind_raw is None else f"unknown kind {shown(kind_raw)} "
                 f"(expected one of: {kinds})")
        return None
    where = f'routine trigger {index} ("{kind}")'
    allowed = _TRIGGER_REQUIRED + _TRIGGER_PARAMS[kind]
    for key in raw:
        if key not in allowed:
            file.add(problems, where, key, "unknown key for this trigger kind")
    name = _need_str(file, raw, "name", where, problems)
    cue = _need_str(file, raw, "cue", where, problems)
    items = _set_items(file, raw.get("exercises"), where, exercises, problems)
    every = lead = None
    at = None
    if kind is TriggerKind.INTERVAL:
        every = _need_int(file, raw, "every_minutes", where, problems, minimum=1)
    elif kind is TriggerKind.PRE_MEETING:
        lead = _need_int(file, raw, "lead_minutes", where, problems, minimum=0)
    elif kind is TriggerKind.FIXED_TIME:
        at = _need_time(file, raw, "at", where, problems)
    if len(problems) > before:
        return None
    assert name is not None and cue is not None
    return Trigger(kind=kind, name=name, cue=cue, items=tuple(items), every_minutes=every,
                   lead_minutes=lead, at=at)


def _set_items(file: LibraryFile, raw: Any, where: str, exercises: dict[str, Exercise],
               problems: list[Problem]) -> list[SetItem]:
    if raw is None:
        file.add(problems, where, "exercises", "missing")
        return []
    if not isinstance(raw, list) or not raw:
        file.add(problems, where, "exercises", "must be a non-empty list of exercise ids")
        return []
    items = []
    for n, entry in enumerate(raw):
        fld = f"exercises[{n}]"
        if isinstance(entry, str):
            entry = {"id": entry}
        if not isinstance(entry, dict):
            file.add(problems, where, fld, "must be an exercise id or {id = ..., reps = N}")
            continue
        for key in entry:
            if key not in ("id", "reps"):
                file.add(problems, where, f"{fld}.{key}", "unknown key")
        ex_id = entry.get("id")
        if not isinstance(ex_id, str):
            file.add(problems, where, f"{fld}.id", "must be an exercise id (a string)")
            continue
        if ex_id in file.invalid_ids:
            continue  # its own problems are already reported
        if ex_id not in exercises:
            file.add(problems, where, fld, f"unknown exercise {shown(ex_id)}",
                     file.line_of(f'"{ex_id}"', after=file.line_of("[routine]") or 0))
            continue
        reps = entry.get("reps")
        if reps is not None and (not is_int(reps) or reps < 1):
            file.add(problems, where, f"{fld}.reps", f"must be a whole number >= 1, got "
                     f"{shown(reps)}")
            continue
        items.append(SetItem(ex_id, reps))
    return items


def _need_str(file: LibraryFile, raw: dict[str, Any], key: str, where: str,
              problems: list[Problem], line: int | None = None) -> str | None:
    value = raw.get(key)
    if value is None:
        file.add(problems, where, key, "missing", line)
        return None
    if not isinstance(value, str) or not value.strip():
        file.add(problems, where, key, "must be a non-empty string", line)
        return None
    return value


def _need_int(file: LibraryFile, raw: dict[str, Any], key: str, where: str,
              problems: list[Problem], minimum: int) -> int | None:
    value = raw.get(key)
    if value is None:
        file.add(problems, where, key, "missing")
        return None
    if not is_int(value) or not minimum <= value <= MAX_MINUTES:
        file.add(problems, where, key, f"must be a whole number of minutes from {minimum} to "
                f"{MAX_MINUTES}, got {shown(value)}")
        return None
    return value


def _need_time(file: LibraryFile, raw: dict[str, Any], key: str, where: str,
               problems: list[Problem]) -> time | None:
    value = raw.get(key)
    if value is None:
        file.add(problems, where, key, "missing")
        return None
    at = None
    if isinstance(value, time):
        at = value
    elif isinstance(value, str):
        with suppress(ValueError):
            at = time.fromisoformat(value)
    if at is not None and at.tzinfo is None:
        return at
    file.add(problems, where, key, f"must be a local time of day like \"13:30\", got "
            f"{shown(value)}")
    return None

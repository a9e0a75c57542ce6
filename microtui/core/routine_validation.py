"""Checking the routine form: every problem of a :class:`RoutineDraft`, field by field.

:func:`validate` lists a :class:`FieldError` for each, in the form's order: errors block
saving, warnings only advise. The rules are the guide's: 3–4 core movements and at most 2
extras that target the pain points, a 10–120 minute interval, a workday that ends after it
starts, each exercise's repetitions "under 30 seconds; quality over quantity" (a warning),
each trigger's set under a minute ("each set lasts less than a minute"), and both sides of
an exercise given equal time.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import time
from pathlib import PurePath
from typing import Literal

from microtui.core.calendar_address import address_problem, is_address
from microtui.core.exercises import Exercise
from microtui.core.pain_points import suggest_extras
from microtui.core.routine import TRIGGER_ORDER, SetItem, TriggerKind
from microtui.core.routine_draft import (
    CORE_MAX,
    CORE_MIN,
    EXTRAS_MAX,
    INTERVAL_MAX,
    INTERVAL_MIN,
    LEAD_MAX,
    LEAD_MIN,
    RoutineDraft,
)
from microtui.core.set_builder import (
    GUIDE_SET_ADVICE,
    HOLD_EXTRA_MAX,
    REPETITIONS_MAX_SECONDS,
    RHYTHM_EXTRA_MAX,
    TRIGGER_SET_LIMIT_SECONDS,
    hold_adjustable,
    item_seconds,
    part_seconds_by_part,
    set_seconds,
)
from microtui.core.time_text import (
    fmt_seconds,
    parse_hhmm,
    parse_minutes,
    parse_weekdays,
    typed_text,
)

Severity = Literal["error", "warning"]

_SIGNED_WHOLE_RE = re.compile(r"[+-]\s*[0-9]+")
"""A whole number with a sign: a number, if not one the minutes fields take."""


@dataclass(frozen=True)
class FieldError:
    """One problem with one field of the form. ``field`` names it (see :func:`validate`)."""

    field: str
    message: str
    severity: Severity = "error"

    @property
    def is_error(self) -> bool:
        return self.severity == "error"


def set_field(kind: TriggerKind | str) -> str:
    """The field name of a trigger's set: ``"set.interval"``."""
    return f"set.{TriggerKind(kind)}"


def validate(draft: RoutineDraft, exercises: Mapping[str, Exercise], *,
             other_names: Collection[str] = (), calendar_problem: str = "") -> list[FieldError]:
    """Every problem of the form, errors and warnings, in the form's order.

    Fields: ``name``, ``core``, ``extras``, ``interval``, ``workday_start``,
    ``workday_end``, ``working_days``, ``pre_meeting_lead``, ``mid_afternoon``,
    ``calendar``, ``sets`` (all sets empty) and ``set.<trigger kind>`` for each set.
    Errors block saving; warnings only advise. ``other_names`` are the names of the other
    routines (a name must be its own). ``calendar_problem`` is why the calendar file could
    not be read when the form was last saved (the file is read by the caller: validation
    never opens it).
    """
    problems: list[FieldError] = []

    def error(fld: str, message: str) -> None:
        problems.append(FieldError(fld, message, "error"))

    def warning(fld: str, message: str) -> None:
        problems.append(FieldError(fld, message, "warning"))

    name = draft.name.strip()
    if not name:
        error("name", "Give the routine a name.")
    elif name.casefold() in {n.strip().casefold() for n in other_names}:
        error("name", f"Another routine is called {typed_text(name, 40, quote=True)}: choose a "
                      "name of its own.")

    # Steps 2 and 3: core set and extras.
    core = list(dict.fromkeys(draft.core))
    for exercise_id in core + list(draft.extras):
        if exercise_id not in exercises:
            error("core" if exercise_id in core else "extras",
                  f"Unknown exercise {typed_text(exercise_id, quote=True)}.")
    if not CORE_MIN <= len(core) <= CORE_MAX:
        error("core", f"Choose {CORE_MIN}–{CORE_MAX} core movements (you have {len(core)}).")
    extras = list(dict.fromkeys(draft.extras))
    if len(extras) > EXTRAS_MAX:
        error("extras", f"Choose at most {EXTRAS_MAX} extras (you have {len(extras)}).")
    overlap = [e for e in extras if e in core]
    if overlap:
        error("extras", f"{_names(overlap, exercises)} is already in the core set.")
    if draft.pain_points and extras:
        targeted = set(suggest_extras(draft.pain_points))
        off = [e for e in extras if e in exercises and e not in targeted]
        if off:
            warning("extras", f"{_names(off, exercises)} does not target your pain points.")

    # Step 4: frequency.
    problems.extend(workday_problems(draft.interval, draft.workday_start, draft.workday_end,
                                     draft.working_days))
    start = _time_or_error(draft.workday_start, "workday_start", [])
    end = _time_or_error(draft.workday_end, "workday_end", [])
    _minutes_or_error(draft.pre_meeting_lead, "pre_meeting_lead", LEAD_MIN, LEAD_MAX, problems)
    at = _time_or_error(draft.mid_afternoon, "mid_afternoon", problems)
    if (at is not None and start is not None and end is not None and start < end
            and not start <= at < end and draft.items(TriggerKind.FIXED_TIME)):
        warning("mid_afternoon", "Outside your workday: this set will not come up.")
    calendar = draft.calendar.strip()
    if calendar and calendar_problem:
        error("calendar", calendar_problem)
    elif calendar and is_address(calendar):  # advice only, as for a path: never fetched then
        if problem := address_problem(calendar):
            warning("calendar", problem)
    elif calendar and not calendar.lower().endswith(".ics") and PurePath(calendar).suffix:
        warning("calendar", "Expected an .ics calendar file.")  # no suffix: a directory

    # The sets for the day's triggers.
    if not any(draft.items(kind) for kind in TRIGGER_ORDER):
        error("sets", "Put at least one exercise in a set.")
    for kind in TRIGGER_ORDER:
        problems.extend(_validate_set(kind, draft.items(kind), exercises))
    used = {i.exercise_id for kind in TRIGGER_ORDER for i in draft.items(kind)}
    unused = [c for c in core if c in exercises and c not in used]
    if unused and used:
        warning("core", f"{_names(unused, exercises)} is in no set (ctrl+r refills the sets).")
    return problems


def workday_problems(interval: str, workday_start: str, workday_end: str,
                     working_days: str) -> list[FieldError]:
    """The problems of the workday's fields as typed (the routine form's step 4 and the
    first-run setup): ``interval``, ``workday_start``, ``workday_end``, ``working_days``."""
    problems: list[FieldError] = []
    _minutes_or_error(interval, "interval", INTERVAL_MIN, INTERVAL_MAX, problems)
    start = _time_or_error(workday_start, "workday_start", problems)
    end = _time_or_error(workday_end, "workday_end", problems)
    if start is not None and end is not None and end <= start:
        problems.append(FieldError("workday_end",
                                   f"The workday must end after it starts ({start:%H:%M})."))
    try:
        parse_weekdays(working_days)
    except ValueError as exc:
        problems.append(FieldError("working_days", f"{exc}."))
    return problems


def _validate_set(kind: TriggerKind, items: Sequence[SetItem],
                  exercises: Mapping[str, Exercise]) -> list[FieldError]:
    fld = set_field(kind)
    out: list[FieldError] = []
    if not items:
        return [FieldError(fld, "No exercises: this trigger is left out of the day.",
                           "warning")]
    for item in items:
        exercise = exercises.get(item.exercise_id)
        if exercise is None:
            unknown = typed_text(item.exercise_id, quote=True)
            out.append(FieldError(fld, f"Unknown exercise {unknown}."))
            continue
        errors_before = len(out)
        if item.reps is not None:
            if exercise.reps is None:
                out.append(FieldError(fld, f"{exercise.name} is timed, not counted: it "
                                           "takes no repetitions."))
            elif not exercise.reps.min <= item.reps <= exercise.reps.max:
                out.append(FieldError(fld, f"{exercise.name}: repetitions must be "
                                           f"{exercise.reps} (the guide's range)."))
        extra = item.hold_extra_seconds
        if extra and not hold_adjustable(exercise):
            out.append(FieldError(fld, f"{exercise.name} has no hold to lengthen."))
        elif not 0 <= extra <= HOLD_EXTRA_MAX + 1e-9:
            out.append(FieldError(fld, f"{exercise.name}: a hold may grow by 0–"
                                       f"{HOLD_EXTRA_MAX:g} s."))
        rhythm = item.rhythm_extra_seconds
        if rhythm and not exercise.is_rhythm:
            out.append(FieldError(fld, f"{exercise.name} is not a rhythm to lengthen."))
        elif not 0 <= rhythm <= RHYTHM_EXTRA_MAX + 1e-9:
            out.append(FieldError(fld, f"{exercise.name}: a rhythm may grow by 0–"
                                       f"{RHYTHM_EXTRA_MAX:g} s."))
        if len(out) > errors_before:
            continue  # its timing means nothing (and a tampered extra could be huge)
        # "Keep each set under 30 seconds": one exercise's set of repetitions.
        seconds = item_seconds(item, exercise)
        if seconds > REPETITIONS_MAX_SECONDS + 1e-9:
            out.append(FieldError(fld, f"{exercise.name}: {fmt_seconds(seconds)} of "
                                       f"repetitions is over {REPETITIONS_MAX_SECONDS} s. "
                                       f"The guide: “{GUIDE_SET_ADVICE[:1].upper()}"
                                       f"{GUIDE_SET_ADVICE[1:]}.”", "warning"))
        # "Mirror each exercise on both sides; use a timer to ensure equal duration."
        parts = part_seconds_by_part(item, exercise)
        if exercise.parts and (set(parts) != set(exercise.parts)
                               or max(parts.values()) - min(parts.values()) > 1e-6):
            out.append(FieldError(fld, f"{exercise.name}: both sides must get equal time."))
    ids = [i.exercise_id for i in items]
    twice = [i for i in dict.fromkeys(ids) if ids.count(i) > 1]
    if twice:
        out.append(FieldError(fld, f"{_names(twice, exercises)} twice in one set: the guide "
                                   "warns against excessive repetition.", "warning"))
    total = set_seconds(items, exercises)
    if total >= TRIGGER_SET_LIMIT_SECONDS - 1e-9:
        out.append(FieldError(fld, f"{fmt_seconds(total)} is too long: the guide's sets "
                                   "are ≈30 s, and “each set lasts less than a minute”."))
    return out


def _minutes_or_error(text: str, fld: str, low: int, high: int,
                      problems: list[FieldError]) -> int | None:
    """The whole minutes in ``text`` if they are from ``low`` to ``high``; else an error for
    ``fld`` (a number out of range, a negative one too, says the range) and None."""
    try:
        minutes = parse_minutes(text)
    except ValueError as exc:
        if not _SIGNED_WHOLE_RE.fullmatch(text.strip()):
            problems.append(FieldError(fld, f"{exc}."))
            return None
        minutes = -1  # "-5": a whole number, out of range
    if not low <= minutes <= high:
        problems.append(FieldError(fld, f"{typed_text(text)}: use {low}–{high} minutes."))
        return None
    return minutes


def _time_or_error(text: str, fld: str, problems: list[FieldError]) -> time | None:
    try:
        return parse_hhmm(text)
    except ValueError as exc:
        problems.append(FieldError(fld, f"{exc}."))
        return None


def _names(ids: Iterable[str], exercises: Mapping[str, Exercise]) -> str:
    return ", ".join(exercises[i].name if i in exercises else typed_text(i, quote=True)
                     for i in ids)


def errors_only(problems: Iterable[FieldError]) -> list[FieldError]:
    return [p for p in problems if p.is_error]

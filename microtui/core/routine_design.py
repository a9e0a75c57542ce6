"""Designing a personal routine: the guide's five steps, their rules and progressive variation.

The guide, "Designing a Personal Micro-Movement Routine":

1. *Assess your pain points* – where stiffness or fatigue shows most often; prioritise
   micro-exercises that target those regions (:data:`PAIN_POINT_EXERCISES`).
2. *Select a core set* – 3–4 movements that can be done in any setting (core bracing,
   ankle pumps, shoulder circles: :data:`GUIDE_CORE_SET`).
3. *Add targeted extras* – 1–2 region-specific exercises (:func:`suggest_extras`).
4. *Determine frequency* – start with a 20-minute interval; 15 if early signs of fatigue.
5. *Document* – the session log; here, the sets assigned to the day's five triggers.

A :class:`RoutineDraft` holds the form as typed (times and numbers as text, so a time that
is not HH:MM can be reported beside its field); :func:`validate` lists every
:class:`FieldError`; :meth:`RoutineDraft.to_routine` and :meth:`RoutineDraft.to_settings`
turn a valid draft into the app's models.

"Monitoring Progress and Adjusting": once a movement feels effortless (marked so in at
least 3 of its last 5 sets), :func:`progression_suggestions` proposes the guide's
progressive variation – hold 2 s longer, or add a light resistance band where the guide
names one – and :func:`apply_suggestion` edits the routine.

Pure: no UI, storage or clock. ``today`` is always passed in.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, time, timedelta
from enum import StrEnum
from typing import Any, Literal

from microtui.core.exercises import Exercise
from microtui.core.routine import Routine, SetItem, Trigger, TriggerKind
from microtui.core.schedule import WEEKDAY_NAMES, ScheduleSettings
from microtui.core.settings import Accepted, UserSettings

# -- the guide's numbers ------------------------------------------------------------------

#: Step 2: "Choose 3–4 movements that can be performed in any setting (e.g., core
#: bracing, ankle pumps, shoulder circles)."
GUIDE_CORE_SET: tuple[str, ...] = ("core-bracing", "ankle-pumps", "shoulder-circle")
CORE_MIN, CORE_MAX = 3, 4
#: Step 3: "layer in 1–2 region-specific micro-exercises".
EXTRAS_MAX = 2
#: Step 4: "Start with a 20-minute interval schedule; adjust to 15 minutes if you notice
#: early signs of fatigue."
INTERVAL_DEFAULT = 20
INTERVAL_FATIGUE = 15
INTERVAL_MIN, INTERVAL_MAX = 10, 120
LEAD_DEFAULT = 2
LEAD_MIN, LEAD_MAX = 0, 30
MID_AFTERNOON_DEFAULT = "13:30"
#: "Common Pitfalls": excessive repetition. "Keep each set under 30 seconds; quality over
#: quantity." A set over a minute is no longer a micro-movement break at all.
SET_WARN_SECONDS = 30
SET_MAX_SECONDS = 60
GUIDE_SET_ADVICE = "keep each set under 30 seconds; quality over quantity"
#: Hand adjustments of a hold, in seconds per step, and how far they may go.
HOLD_STEP = 1.0
HOLD_EXTRA_MAX = 6.0
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

BUILTIN_ROUTINE_ID = "guide-day-plan"

#: The five triggers in the order of the day.
TRIGGER_ORDER: tuple[TriggerKind, ...] = (
    TriggerKind.START_OF_DAY,
    TriggerKind.INTERVAL,
    TriggerKind.PRE_MEETING,
    TriggerKind.FIXED_TIME,
    TriggerKind.END_OF_DAY,
)
#: Names and cues from the guide's table "Micro-Movement Integration into the Workday".
GUIDE_TRIGGERS: dict[TriggerKind, tuple[str, str]] = {
    TriggerKind.START_OF_DAY: ("Start of Day", "Logging into computer"),
    TriggerKind.INTERVAL: ("Every 20 min", "Clock or phone alarm"),
    TriggerKind.PRE_MEETING: ("Pre‑Meeting", "Before joining a video call"),
    TriggerKind.FIXED_TIME: ("Mid‑Afternoon", "After lunch"),
    TriggerKind.END_OF_DAY: ("End of Day", "Before logging off"),
}

Severity = Literal["error", "warning"]


# -- step 1: pain points ------------------------------------------------------------------


class PainPoint(StrEnum):
    """Where stiffness or fatigue shows most often."""

    LOWER_BACK = "lower-back"
    HIPS = "hips"
    NECK = "neck"
    SHOULDERS = "shoulders"
    UPPER_BACK = "upper-back"
    WRISTS_HANDS = "wrists-hands"
    LEGS = "legs"

    @property
    def title(self) -> str:
        return PAIN_POINT_TITLES[self]


PAIN_POINT_TITLES: dict[PainPoint, str] = {
    PainPoint.LOWER_BACK: "Lower back",
    PainPoint.HIPS: "Hips",
    PainPoint.NECK: "Neck",
    PainPoint.SHOULDERS: "Shoulders",
    PainPoint.UPPER_BACK: "Upper back",
    PainPoint.WRISTS_HANDS: "Wrists and hands",
    PainPoint.LEGS: "Legs",
}

#: Pain point → the exercises whose effect (in the guide's words) targets it, best first.
PAIN_POINT_EXERCISES: dict[PainPoint, tuple[str, ...]] = {
    PainPoint.LOWER_BACK: (
        "core-bracing",  # "providing spinal support and reducing lumbar load"
        "pelvic-tilt",  # "re-educates the lumbar curvature"
    ),
    PainPoint.HIPS: (
        "hip-abduction",  # "supporting hip stability" (the guide's own example)
        "glute-squeeze",  # "counteracting the tendency for hip flexor shortening"
        "pelvic-tilt",  # "mobilizes the sacroiliac joints"
    ),
    PainPoint.NECK: (
        "cervical-nod",  # "mobilizes the C1-C2 articulation ... suboccipital muscles"
        "lateral-neck-flexion",  # "reducing upper-neck strain"
        "upper-trapezius-release",  # "balanced activation ... left and right upper traps"
    ),
    PainPoint.SHOULDERS: (
        "shoulder-circle",  # "glenohumeral joint ... releases tension in the upper trapezius"
        "scapular-retraction",  # "promoting a neutral scapular position"
        "upper-trapezius-release",  # "left and right upper traps"
    ),
    PainPoint.UPPER_BACK: (
        "scapular-retraction",  # "engages the middle trapezius and rhomboids"
        "chest-opener",  # "tight from prolonged forward-leaning postures"
    ),
    PainPoint.WRISTS_HANDS: (
        "wrist-pulses",  # "synovial fluid movement in the radiocarpal joint"
        "finger-extension",  # "reduces grip-related tension"
        "grip-squeeze",  # "intrinsic hand muscles ... forearm circulation"
    ),
    PainPoint.LEGS: (
        "ankle-pumps",  # "venous return from the lower legs, reducing swelling"
        "micro-squat",  # "activates the quadriceps, hamstrings, and gluteal muscles"
    ),
}


def pain_points_of(exercise_id: str) -> tuple[PainPoint, ...]:
    """The pain points an exercise targets, in :class:`PainPoint` order."""
    return tuple(p for p in PainPoint if exercise_id in PAIN_POINT_EXERCISES[p])


def suggest_extras(pain_points: Iterable[PainPoint | str],
                   exclude: Collection[str] = ()) -> list[str]:
    """Exercise ids targeting ``pain_points``, best first, leaving out ``exclude``.

    Best: targets the most of the chosen pain points; then stands highest in a matching
    pain point's list; then belongs to the pain point chosen first.
    """
    chosen = [PainPoint(p) for p in pain_points]
    scores: dict[str, tuple[int, int, int]] = {}
    for order, pain in enumerate(chosen):
        for rank, exercise_id in enumerate(PAIN_POINT_EXERCISES[pain]):
            if exercise_id in exclude:
                continue
            count, best_rank, first = scores.get(exercise_id, (0, rank, order))
            scores[exercise_id] = (count + 1, min(best_rank, rank), min(first, order))
    return sorted(scores, key=lambda i: (-scores[i][0], scores[i][1], scores[i][2]))


def rank_exercises(pain_points: Iterable[PainPoint | str], exercise_ids: Iterable[str],
                   exclude: Collection[str] = ()) -> list[str]:
    """``exercise_ids`` with those matching ``pain_points`` first (best first), then the
    rest in their own order; ``exclude`` left out."""
    ids = [i for i in exercise_ids if i not in exclude]
    suggested = [i for i in suggest_extras(pain_points, exclude) if i in ids]
    return suggested + [i for i in ids if i not in suggested]


# -- parsing the form's text --------------------------------------------------------------

_HHMM_RE = re.compile(r"^(\d{1,2}):(\d{2})$")
_DIGITS_RE = re.compile(r"\d+")  # any script's digits, as int() reads them (not "²")
_CONTROL_RE = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_WEEKDAY_LOOKUP = {name: n for n, name in enumerate(WEEKDAY_NAMES)} | {
    name.lower(): n
    for n, name in enumerate(
        ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
    )
}


def parse_hhmm(text: str) -> time:
    """``"09:30"`` or ``"9:30"`` → ``time(9, 30)``; :class:`ValueError` for anything else."""
    match = _HHMM_RE.match(text.strip())
    if match is None or int(match[1]) > 23 or int(match[2]) > 59:
        raise ValueError(f"{_shown(text)}: not a time; use HH:MM, like 09:00")
    return time(int(match[1]), int(match[2]))


def parse_minutes(text: str) -> int:
    """A whole number of minutes; :class:`ValueError` otherwise."""
    raw = text.strip()
    if not _DIGITS_RE.fullmatch(raw):
        raise ValueError(f"{_shown(raw)}: enter a whole number of minutes")
    digits = raw.lstrip("0") or "0"
    if len(digits) > 6:
        raise ValueError(f"{_shown(raw)}: far too many minutes")
    return int(digits)


def parse_weekdays(text: str) -> frozenset[int]:
    """``"mon-fri"``, ``"mon, wed, fri"``, ``"Monday Tuesday"`` → weekday numbers (Monday 0).

    Raises :class:`ValueError` naming the word it did not understand.
    """
    days: set[int] = set()
    for token in re.split(r"[\s,]+", text.strip().lower()):
        if not token:
            continue
        ends = token.split("-")
        if len(ends) > 2 or not all(e in _WEEKDAY_LOOKUP for e in ends):
            raise ValueError(f"{_shown(token, quote=True)} is not a weekday; use mon tue wed "
                             "thu fri sat sun or a range like mon-fri")
        first, last = _WEEKDAY_LOOKUP[ends[0]], _WEEKDAY_LOOKUP[ends[-1]]
        if last < first:
            raise ValueError(f"{_shown(token, quote=True)}: a range runs from Monday to Sunday, "
                             "like mon-fri")
        days.update(range(first, last + 1))
    if not days:
        raise ValueError("needs at least one working day, like mon-fri")
    return frozenset(days)


def _shown(text: str, limit: int = 24, *, quote: bool = False) -> str:
    """What the user typed, as a message quotes it: on one line, without control
    characters, cut short (a pasted page must not become the message), ``empty`` if blank."""
    flat = _CONTROL_RE.sub("�", text.strip())
    if not flat:
        return "empty"
    cut = flat if len(flat) <= limit else flat[: limit - 1] + "…"
    return repr(cut) if quote else cut


def format_weekdays(days: Iterable[int]) -> str:
    """Weekday numbers as the form shows them: runs of three or more as ``mon-fri``."""
    ordered = sorted(set(days))
    runs: list[list[int]] = []
    for day in ordered:
        if runs and runs[-1][-1] == day - 1:
            runs[-1].append(day)
        else:
            runs.append([day])
    words: list[str] = []
    for run in runs:
        if len(run) >= 3:
            words.append(f"{WEEKDAY_NAMES[run[0]]}-{WEEKDAY_NAMES[run[-1]]}")
        else:
            words.extend(WEEKDAY_NAMES[d] for d in run)
    return ", ".join(words)


def fmt_seconds(seconds: float) -> str:
    """``28`` → ``"28 s"``, ``7.5`` → ``"7.5 s"``, ``1e9`` → ``"1e+09 s"``."""
    whole = float(seconds).is_integer() and abs(seconds) < 1e6
    return f"{int(seconds)} s" if whole else f"{seconds:g} s"


# -- set items: time and adjustments ------------------------------------------------------


def item_seconds(item: SetItem, exercise: Exercise) -> float:
    """The seconds an item takes: every part (both sides alike), every repetition."""
    return item.seconds(exercise)


def set_seconds(items: Iterable[SetItem], exercises: Mapping[str, Exercise]) -> float:
    """The total time of a set (items naming unknown exercises count nothing)."""
    return sum(item_seconds(i, exercises[i.exercise_id]) for i in items
               if i.exercise_id in exercises)


def reps_adjustable(exercise: Exercise) -> bool:
    return exercise.reps is not None and exercise.reps.min < exercise.reps.max


def hold_adjustable(exercise: Exercise) -> bool:
    """Holds can be lengthened for counted repetitions (a timed rhythm keeps its time)."""
    return exercise.has_hold and exercise.for_seconds is None


def adjust_item(item: SetItem, exercise: Exercise, step: int) -> SetItem:
    """One step more (``step`` > 0) or less of an exercise, within the guide's bounds.

    More: repetitions up to the top of the guide's range, then each hold a second longer
    (up to :data:`HOLD_EXTRA_MAX`). Less undoes it in reverse: first the extra hold, then
    repetitions down to the bottom of the range. Returns ``item`` itself when nothing can
    change (a fixed count, a timed rhythm, or a bound reached).
    """
    reps = exercise.reps_for(item.reps)
    extra = item.hold_extra_seconds
    if step > 0:
        if reps_adjustable(exercise) and reps < exercise.reps.max:  # type: ignore[union-attr]
            return replace(item, reps=reps + 1)
        if hold_adjustable(exercise) and extra + HOLD_STEP <= HOLD_EXTRA_MAX + 1e-9:
            return replace(item, hold_extra_seconds=extra + HOLD_STEP)
    elif step < 0:
        if extra > 0:
            return replace(item, hold_extra_seconds=max(0.0, extra - HOLD_STEP))
        if reps_adjustable(exercise) and reps > exercise.reps.min:  # type: ignore[union-attr]
            return replace(item, reps=reps - 1)
    return item


def item_detail(item: SetItem, exercise: Exercise) -> str:
    """What an item does, briefly: ``5× · hold 7 s · each side``."""
    words = []
    if exercise.for_seconds is not None:
        words.append(f"{fmt_seconds(exercise.for_seconds)} rhythm")
    else:
        words.append(f"{exercise.reps_for(item.reps)}×")
    holds = [p.seconds for p in exercise.cycle_for(item.hold_extra_seconds)
             if p.kind == "hold"]
    if holds:
        text = "/".join(fmt_seconds(s).removesuffix(" s") for s in dict.fromkeys(holds))
        words.append(f"hold {text} s" + (f" (+{item.hold_extra_seconds:g})"
                                         if item.hold_extra_seconds else ""))
    if exercise.sides:
        words.append("each side")
    elif exercise.directions:
        words.append("each way")
    if item.band:
        words.append("with a band")
    return " · ".join(words)


def part_seconds_by_part(item: SetItem, exercise: Exercise) -> dict[str | None, float]:
    """Planned seconds of each side or direction of an item (the symmetry check)."""
    totals: dict[str | None, float] = {}
    for phase in item.plan(exercise).phases:
        totals[phase.part] = totals.get(phase.part, 0.0) + phase.seconds
    return totals


# -- the draft ----------------------------------------------------------------------------


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


@dataclass(frozen=True)
class RoutineDraft:
    """The routine form: the guide's five steps, with numbers and times as typed.

    ``sets`` maps each of the five triggers to its items (an empty set leaves the trigger
    out); ``trigger_text`` holds each trigger's (name, cue).
    """

    name: str = ""
    pain_points: tuple[PainPoint, ...] = ()
    core: tuple[str, ...] = GUIDE_CORE_SET
    extras: tuple[str, ...] = ()
    interval: str = str(INTERVAL_DEFAULT)
    workday_start: str = "09:00"
    workday_end: str = "17:30"
    working_days: str = "mon-fri"
    pre_meeting_lead: str = str(LEAD_DEFAULT)
    mid_afternoon: str = MID_AFTERNOON_DEFAULT
    calendar: str = ""
    sets: Mapping[TriggerKind, tuple[SetItem, ...]] = field(default_factory=dict)
    trigger_text: Mapping[TriggerKind, tuple[str, str]] = field(
        default_factory=lambda: dict(GUIDE_TRIGGERS)
    )

    # -- building ------------------------------------------------------------------------

    @classmethod
    def new(cls, exercises: Mapping[str, Exercise], settings: ScheduleSettings | None = None,
            **changes: Any) -> RoutineDraft:
        """A fresh form: the guide's core set and frequency, sets filled from them."""
        draft = cls(**changes)
        if settings is not None:
            draft = replace(draft, **_schedule_fields(settings))
        return draft.refill(exercises)

    @classmethod
    def from_routine(cls, routine: Routine, settings: ScheduleSettings, *,
                     design: Mapping[str, Any] | None = None,
                     calendar: str | None = None) -> RoutineDraft:
        """The form for editing ``routine`` under ``settings``.

        ``design`` is what :meth:`design_dict` saved (pain points, core set, extras); a
        routine without one (such as the guide's day plan) gets the guide's core set.
        The interval and pre-meeting lead are the routine's own when it has them.
        """
        design = design or {}
        sets = {kind: () for kind in TRIGGER_ORDER}
        text = dict(GUIDE_TRIGGERS)
        interval, lead, at = None, None, None
        for trigger in routine.triggers:
            if sets.get(trigger.kind):
                continue  # one trigger per kind: the first wins, as in the schedule
            sets[trigger.kind] = tuple(trigger.items)
            text[trigger.kind] = (trigger.name, trigger.cue)
            interval = trigger.every_minutes if trigger.every_minutes else interval
            lead = trigger.lead_minutes if trigger.lead_minutes is not None else lead
            at = trigger.at if trigger.at is not None else at
        if interval is None:
            interval = settings.interval_minutes or INTERVAL_DEFAULT
        if lead is None:
            lead = (settings.pre_meeting_lead_minutes
                    if settings.pre_meeting_lead_minutes is not None else LEAD_DEFAULT)
        pains = tuple(PainPoint(p) for p in design.get("pain_points", ())
                      if p in PainPoint._value2member_map_)
        return cls(
            name=routine.name,
            pain_points=pains,
            core=tuple(design.get("core", GUIDE_CORE_SET)),
            extras=tuple(design.get("extras", ())),
            interval=str(interval),
            pre_meeting_lead=str(lead),
            mid_afternoon=at.strftime("%H:%M") if at is not None else MID_AFTERNOON_DEFAULT,
            calendar=calendar or "",
            sets=sets,
            trigger_text=text,
            **_schedule_fields(settings),
        )

    def design_dict(self) -> dict[str, Any]:
        """Steps 1–3 as JSON types, to keep beside the saved routine."""
        return {
            "pain_points": [str(p) for p in self.pain_points],
            "core": list(self.core),
            "extras": list(self.extras),
        }

    @property
    def movements(self) -> tuple[str, ...]:
        """Core set then extras, each once."""
        return tuple(dict.fromkeys(self.core + self.extras))

    def items(self, kind: TriggerKind) -> tuple[SetItem, ...]:
        return tuple(self.sets.get(kind, ()))

    def with_set(self, kind: TriggerKind, items: Iterable[SetItem]) -> RoutineDraft:
        return replace(self, sets={**self.sets, kind: tuple(items)})

    def refill(self, exercises: Mapping[str, Exercise]) -> RoutineDraft:
        """Sets filled again from the core set and extras (:func:`assign_sets`)."""
        return replace(self, sets=assign_sets(self.core, self.extras, exercises))

    def adjust(self, kind: TriggerKind, index: int, step: int,
               exercises: Mapping[str, Exercise]) -> RoutineDraft:
        """One step more or less of the item at ``index`` of a set (:func:`adjust_item`)."""
        items = list(self.items(kind))
        item = items[index]
        items[index] = adjust_item(item, exercises[item.exercise_id], step)
        return self.with_set(kind, items)

    def apply(self, suggestion: Suggestion) -> RoutineDraft:
        """The draft with an accepted progression suggestion in every set."""
        return replace(self, sets={kind: _apply_to_items(items, suggestion)
                                   for kind, items in self.sets.items()})

    def set_seconds(self, kind: TriggerKind, exercises: Mapping[str, Exercise]) -> float:
        return set_seconds(self.items(kind), exercises)

    def trigger_title(self, kind: TriggerKind) -> str:
        """A trigger's name; the interval one says its current interval."""
        if kind is TriggerKind.INTERVAL:
            try:
                return f"Every {parse_minutes(self.interval)} min"
            except ValueError:
                return "Every … min"
        return self.trigger_text.get(kind, GUIDE_TRIGGERS[kind])[0]

    def trigger_cue(self, kind: TriggerKind) -> str:
        return self.trigger_text.get(kind, GUIDE_TRIGGERS[kind])[1]

    def sets_routine(self, routine_id: str = "draft") -> Routine:
        """The sets as a routine, whatever state the other fields are in."""
        triggers = tuple(
            Trigger(kind=kind, name=self.trigger_title(kind), cue=self.trigger_cue(kind),
                    items=self.items(kind))
            for kind in TRIGGER_ORDER if self.items(kind)
        )
        return Routine(id=routine_id, name=self.name or routine_id, triggers=triggers)

    # -- to the app's models ---------------------------------------------------------------

    def to_routine(self, id: str, name: str) -> Routine:  # noqa: A002 - the model's name
        """The routine this draft describes; triggers with an empty set are left out.

        Raises :class:`ValueError` when the frequency fields do not parse (validate first).
        """
        every = parse_minutes(self.interval)
        lead = parse_minutes(self.pre_meeting_lead)
        at = parse_hhmm(self.mid_afternoon)
        triggers = []
        for kind in TRIGGER_ORDER:
            items = self.items(kind)
            if not items:
                continue
            triggers.append(Trigger(
                kind=kind,
                name=self.trigger_title(kind),
                cue=self.trigger_cue(kind),
                items=items,
                every_minutes=every if kind is TriggerKind.INTERVAL else None,
                lead_minutes=lead if kind is TriggerKind.PRE_MEETING else None,
                at=at if kind is TriggerKind.FIXED_TIME else None,
            ))
        if not triggers:
            raise ValueError("a routine needs at least one set")
        return Routine(id=id, name=name, triggers=tuple(triggers))

    def to_settings(self, base: ScheduleSettings) -> ScheduleSettings:
        """``base`` with this draft's workday, working days, interval and pre-meeting lead.

        Raises :class:`ValueError` (or :class:`~microtui.core.schedule.SettingsError`)
        when those fields are not valid (validate first).
        """
        return replace(
            base,
            workday_start=parse_hhmm(self.workday_start),
            workday_end=parse_hhmm(self.workday_end),
            working_weekdays=parse_weekdays(self.working_days),
            interval_minutes=parse_minutes(self.interval),
            pre_meeting_lead_minutes=parse_minutes(self.pre_meeting_lead),
        )


def _schedule_fields(settings: ScheduleSettings) -> dict[str, str]:
    return {
        "workday_start": settings.workday_start.strftime("%H:%M"),
        "workday_end": settings.workday_end.strftime("%H:%M"),
        "working_days": format_weekdays(settings.working_weekdays),
    }


def assign_sets(core: Sequence[str], extras: Sequence[str],
                exercises: Mapping[str, Exercise]) -> dict[TriggerKind, tuple[SetItem, ...]]:
    """The five sets filled from the core set and the extras.

    The core set rotates through the start of day, the interval and the end of day; the
    extras take the pre-meeting and mid-afternoon sets (the core set again if there are
    none). A set takes a second movement only if it still stays within 30 seconds.
    Unknown ids are skipped.
    """
    core = [i for i in dict.fromkeys(core) if i in exercises]
    extras = [i for i in dict.fromkeys(extras) if i in exercises and i not in core]
    if not core and not extras:
        return {kind: () for kind in TRIGGER_ORDER}
    queues = {"core": core or extras, "extras": extras or core}
    position = {"core": 0, "extras": 0}
    use = {
        TriggerKind.START_OF_DAY: "core",
        TriggerKind.INTERVAL: "core",
        TriggerKind.PRE_MEETING: "extras",
        TriggerKind.FIXED_TIME: "extras",
        TriggerKind.END_OF_DAY: "core",
    }
    sets: dict[TriggerKind, tuple[SetItem, ...]] = {}
    for kind in TRIGGER_ORDER:
        name = use[kind]
        queue = queues[name]
        first = queue[position[name] % len(queue)]
        items = [first]
        position[name] += 1
        second = queue[position[name] % len(queue)]
        total = exercises[first].total_seconds() + exercises[second].total_seconds()
        if second != first and total <= SET_WARN_SECONDS:
            items.append(second)
            position[name] += 1
        sets[kind] = tuple(SetItem(i) for i in items)
    return sets


# -- validation ---------------------------------------------------------------------------


def validate(draft: RoutineDraft, exercises: Mapping[str, Exercise], *,
             other_names: Collection[str] = ()) -> list[FieldError]:
    """Every problem of the form, errors and warnings, in the form's order.

    Fields: ``name``, ``core``, ``extras``, ``interval``, ``workday_start``,
    ``workday_end``, ``working_days``, ``pre_meeting_lead``, ``mid_afternoon``,
    ``calendar``, ``sets`` (all sets empty) and ``set.<trigger kind>`` for each set.
    Errors block saving; warnings only advise. ``other_names`` are the names of the other
    routines (a name must be its own).
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
        error("name", f"Another routine is called {_shown(name, 40, quote=True)}: choose a "
                      "name of its own.")

    # Steps 2 and 3: core set and extras.
    core = list(dict.fromkeys(draft.core))
    for exercise_id in core + list(draft.extras):
        if exercise_id not in exercises:
            error("core" if exercise_id in core else "extras",
                  f"Unknown exercise {_shown(exercise_id, quote=True)}.")
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
    try:
        interval = parse_minutes(draft.interval)
    except ValueError as exc:
        error("interval", f"{exc}.")
    else:
        if not INTERVAL_MIN <= interval <= INTERVAL_MAX:
            error("interval", f"Use {INTERVAL_MIN}–{INTERVAL_MAX} minutes (the guide: "
                              f"{INTERVAL_DEFAULT}, or {INTERVAL_FATIGUE} with early signs "
                              "of fatigue).")
    start = _time_or_error(draft.workday_start, "workday_start", problems)
    end = _time_or_error(draft.workday_end, "workday_end", problems)
    if start is not None and end is not None and end <= start:
        error("workday_end", f"The workday must end after it starts ({start:%H:%M}).")
    try:
        parse_weekdays(draft.working_days)
    except ValueError as exc:
        error("working_days", f"{exc}.")
    try:
        lead = parse_minutes(draft.pre_meeting_lead)
    except ValueError as exc:
        error("pre_meeting_lead", f"{exc}.")
    else:
        if not LEAD_MIN <= lead <= LEAD_MAX:
            error("pre_meeting_lead", f"Use {LEAD_MIN}–{LEAD_MAX} minutes before a meeting.")
    at = _time_or_error(draft.mid_afternoon, "mid_afternoon", problems)
    if (at is not None and start is not None and end is not None and start < end
            and not start <= at < end and draft.items(TriggerKind.FIXED_TIME)):
        warning("mid_afternoon", "Outside your workday: this set will not come up.")
    calendar = draft.calendar.strip()
    if calendar and not calendar.lower().endswith(".ics"):
        warning("calendar", "Expected an .ics calendar file.")

    # Step 5: the sets.
    if not any(draft.items(kind) for kind in TRIGGER_ORDER):
        error("sets", "Put at least one exercise in a set.")
    for kind in TRIGGER_ORDER:
        problems.extend(_validate_set(kind, draft.items(kind), exercises))
    used = {i.exercise_id for kind in TRIGGER_ORDER for i in draft.items(kind)}
    unused = [c for c in core if c in exercises and c not in used]
    if unused and used:
        warning("core", f"{_names(unused, exercises)} is in no set (ctrl+r refills the sets).")
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
            out.append(FieldError(fld, f"Unknown exercise {_shown(item.exercise_id, quote=True)}."))
            continue
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
    if total > SET_MAX_SECONDS:
        out.append(FieldError(fld, f"{fmt_seconds(total)} is too long: a set must stay "
                                   f"within a minute (the guide: {GUIDE_SET_ADVICE})."))
    elif total > SET_WARN_SECONDS:
        out.append(FieldError(fld, f"{fmt_seconds(total)} is over 30 s. The guide: "
                                   f"“{GUIDE_SET_ADVICE[:1].upper()}{GUIDE_SET_ADVICE[1:]}.”",
                              "warning"))
    return out


def _time_or_error(text: str, fld: str, problems: list[FieldError]) -> time | None:
    try:
        return parse_hhmm(text)
    except ValueError as exc:
        problems.append(FieldError(fld, f"{exc}."))
        return None


def _names(ids: Iterable[str], exercises: Mapping[str, Exercise]) -> str:
    return ", ".join(exercises[i].name if i in exercises else _shown(i, quote=True)
                     for i in ids)


def errors_only(problems: Iterable[FieldError]) -> list[FieldError]:
    return [p for p in problems if p.is_error]


# -- routine ids ----------------------------------------------------------------------------


def routine_id_for(name: str, taken: Collection[str] = ()) -> str:
    """An id for a new routine from its name (``"My desk day"`` → ``"my-desk-day"``).

    Never the built-in routine's id nor one in ``taken``: a number is added instead.
    """
    base = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "routine"
    taken = set(taken) | {BUILTIN_ROUTINE_ID}
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    return candidate


# -- progressive variation ----------------------------------------------------------------


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


def _iso_date(raw: Any) -> date | None:
    try:
        return date.fromisoformat(raw) if isinstance(raw, str) else None
    except ValueError:
        return None


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
        started = _iso_date(str(record.get("started", ""))[:10])
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


def _apply_to_items(items: Iterable[SetItem], suggestion: Suggestion) -> tuple[SetItem, ...]:
    if suggestion.kind == "band":
        return tuple(replace(item, band=True) if item.exercise_id == suggestion.exercise_id
                     else item for item in items)
    return tuple(
        replace(item, hold_extra_seconds=min(
            HOLD_EXTRA_MAX, item.hold_extra_seconds + suggestion.hold_seconds))
        if item.exercise_id == suggestion.exercise_id else item
        for item in items
    )


def apply_suggestion(routine: Routine, suggestion: Suggestion) -> Routine:
    """The routine with an accepted suggestion, for that exercise in every set: every hold
    ``hold_seconds`` longer, or done with a light resistance band (the player says so)."""
    return replace(routine, triggers=tuple(
        replace(trigger, items=_apply_to_items(trigger.items, suggestion))
        for trigger in routine.triggers
    ))


def declined_hidden_until(declined_on: date) -> date:
    """The first day a declined suggestion may be shown again."""
    return declined_on + timedelta(days=DECLINE_DAYS)


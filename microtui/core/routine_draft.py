"""The routine form: the guide's five steps as the user fills them in.

The guide, "Designing a Personal Micro-Movement Routine":

1. *Assess your pain points* – where stiffness or fatigue shows most often
   (:mod:`microtui.core.pain_points`).
2. *Select a core set* – 3–4 movements that can be done in any setting (core bracing,
   ankle pumps, shoulder circles: :data:`GUIDE_CORE_SET`).
3. *Add targeted extras* – 1–2 region-specific exercises
   (:func:`~microtui.core.pain_points.suggest_extras`).
4. *Determine frequency* – start with a 20-minute interval; 15 if early signs of fatigue.
5. *Document* – the log: each set's time, movements and sensations
   (:mod:`microtui.core.movement_log`; not part of the draft).

The sets assigned to the day's five triggers (the guide's "Micro-Movement Integration into
the Workday" table) are filled from steps 2 and 3 (:mod:`microtui.core.set_builder`).

A :class:`RoutineDraft` holds the form as typed (times and numbers as text, so a time that
is not HH:MM can be reported beside its field; :mod:`microtui.core.routine_validation`
lists what is wrong); :meth:`RoutineDraft.to_routine` and :meth:`RoutineDraft.to_settings`
turn a valid draft into the app's models.

Pure: no UI, storage or clock.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any, TypedDict

from microtui.core.exercises import Exercise
from microtui.core.pain_points import PainPoint
from microtui.core.progression import Suggestion, apply_to_items
from microtui.core.routine import TRIGGER_ORDER, Routine, SetItem, Trigger, TriggerKind
from microtui.core.schedule import ScheduleSettings
from microtui.core.set_builder import adjust_item, assign_sets, set_seconds
from microtui.core.time_text import format_weekdays, parse_hhmm, parse_minutes, parse_weekdays

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

BUILTIN_ROUTINE_ID = "guide-day-plan"

#: Names and cues from the guide's table "Micro-Movement Integration into the Workday".
GUIDE_TRIGGERS: dict[TriggerKind, tuple[str, str]] = {
    TriggerKind.START_OF_DAY: ("Start of Day", "Logging into computer"),
    TriggerKind.INTERVAL: ("Every 20 min", "Clock or phone alarm"),
    TriggerKind.PRE_MEETING: ("Pre‑Meeting", "Before joining a video call"),
    TriggerKind.FIXED_TIME: ("Mid‑Afternoon", "After lunch"),
    TriggerKind.END_OF_DAY: ("End of Day", "Before logging off"),
}


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
        sets: dict[TriggerKind, tuple[SetItem, ...]] = {kind: () for kind in TRIGGER_ORDER}
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
        # The schedule's interval, when it has one, is the one in force (see the timeline).
        interval = settings.interval_minutes or interval or INTERVAL_DEFAULT
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
        return replace(self, sets={kind: apply_to_items(items, suggestion)
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


class _ScheduleFields(TypedDict):
    workday_start: str
    workday_end: str
    working_days: str


def _schedule_fields(settings: ScheduleSettings) -> _ScheduleFields:
    """The form's workday fields as ``settings`` has them."""
    return {
        "workday_start": settings.workday_start.strftime("%H:%M"),
        "workday_end": settings.workday_end.strftime("%H:%M"),
        "working_days": format_weekdays(settings.working_weekdays),
    }


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

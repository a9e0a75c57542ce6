"""Routines: which set of movements runs at which trigger of the day.

The default routine is the guide's day plan ("Micro-Movement Integration into the
Workday"); users build their own with the routine builder.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import time
from enum import StrEnum

from microtui.core.exercises import Exercise, PhasePlan


class TriggerKind(StrEnum):
    """The guide's five triggers."""

    START_OF_DAY = "start-of-day"
    INTERVAL = "interval"
    PRE_MEETING = "pre-meeting"
    FIXED_TIME = "fixed-time"
    END_OF_DAY = "end-of-day"


@dataclass(frozen=True)
class SetItem:
    """One exercise in a set; ``reps`` overrides the guide's default within its range."""

    exercise_id: str
    reps: int | None = None


@dataclass(frozen=True)
class Trigger:
    kind: TriggerKind
    name: str
    cue: str
    items: tuple[SetItem, ...]
    every_minutes: int | None = None
    lead_minutes: int | None = None
    at: time | None = None

    def plan(self, exercises: dict[str, Exercise]) -> PhasePlan:
        plan = PhasePlan(())
        for item in self.items:
            plan = plan + exercises[item.exercise_id].plan(item.reps)
        return plan

    def seconds(self, exercises: dict[str, Exercise]) -> float:
        return sum(exercises[i.exercise_id].total_seconds(i.reps) for i in self.items)

    def set_label(self, exercises: dict[str, Exercise]) -> str:
        return " + ".join(exercises[i.exercise_id].name for i in self.items)


@dataclass(frozen=True)
class Routine:
    id: str
    name: str
    triggers: tuple[Trigger, ...]

    def trigger(self, kind: TriggerKind) -> Trigger | None:
        return next((t for t in self.triggers if t.kind is kind), None)

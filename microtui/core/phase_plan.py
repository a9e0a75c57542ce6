"""A timed plan of phases: an exercise, or a set of them, expanded in time for the player.

:meth:`microtui.core.exercises.Exercise.plan` makes one; :mod:`microtui.core.player` runs
it. Not needed to draw the day: it is imported with the first plan, not at start.
"""

from dataclasses import dataclass
from typing import NamedTuple

from microtui.core.exercises import Phase


class PlannedPhase(NamedTuple):
    """One phase of a plan, placed in time."""

    exercise_id: str
    phase: Phase
    start: float
    seconds: float
    rep: int
    reps: int
    part: str | None = None

    @property
    def end(self) -> float:
        return self.start + self.seconds


@dataclass(frozen=True)
class PhasePlan:
    """A flat, timed list of phases. Its timing is the sum of its parts: nothing drifts."""

    phases: tuple[PlannedPhase, ...]

    @property
    def total_seconds(self) -> float:
        return self.phases[-1].end if self.phases else 0.0

    def __add__(self, other: "PhasePlan") -> "PhasePlan":
        offset = self.total_seconds
        shifted = tuple(
            PlannedPhase(
                exercise_id=p.exercise_id,
                phase=p.phase,
                start=p.start + offset,
                seconds=p.seconds,
                rep=p.rep,
                reps=p.reps,
                part=p.part,
            )
            for p in other.phases
        )
        return PhasePlan(self.phases + shifted)

"""Exercises and their timed phase plans, in the guide's own terms.

An :class:`Exercise` holds one *cycle* of :class:`Phase` objects (hold, release or move,
each with its seconds and its breath) and says how the cycle repeats: a number of
repetitions (the guide's ranges, such as "4–6 times", kept as min and max) or a stretch of
seconds ("continue the rhythm for 10 seconds"), for each side or each direction in turn.
:meth:`Exercise.plan` expands that into a flat
:class:`~microtui.core.phase_plan.PhasePlan` the player can run.
"""

import math
from enum import StrEnum
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from microtui.core.phase_plan import PhasePlan


class Region(StrEnum):
    """The guide's five body regions."""

    CORE = "core"
    UPPER_BODY = "upper-body"
    LOWER_BODY = "lower-body"
    NECK_SHOULDER = "neck-shoulder"
    HAND_WRIST = "hand-wrist"

    @property
    def label(self) -> str:
        """``"Neck and shoulders"``: the name to show (``title`` is str's own method)."""
        return REGION_TITLES[self]


REGION_TITLES: dict[Region, str] = {
    Region.CORE: "Core",
    Region.UPPER_BODY: "Upper body",
    Region.LOWER_BODY: "Lower body",
    Region.NECK_SHOULDER: "Neck and shoulders",
    Region.HAND_WRIST: "Hand and wrist",
}


class Posture(StrEnum):
    SEATED = "seated"
    STANDING = "standing"


class PhaseKind(StrEnum):
    """A hold is a contraction, a release lets it go, a move is one beat of a rhythm."""

    HOLD = "hold"
    RELEASE = "release"
    MOVE = "move"


class Breath(StrEnum):
    """The guide's pitfall table: exhale with each contraction, inhale during release.

    ``steady`` is for quick rhythmic beats that are too short to breathe with, and for a
    hold whose instruction says to keep "a natural breath" (core bracing): keep breathing
    slowly and evenly, never hold the breath. :mod:`microtui.core.breath_rule` holds a
    cycle to the table.
    """

    EXHALE = "exhale"
    INHALE = "inhale"
    STEADY = "steady"


EQUIPMENT = ("resistance band", "stress ball", "rolled towel")
SIDES = ("left", "right")
DIRECTIONS = ("clockwise", "counter-clockwise")


class Phase(NamedTuple):
    """One phase of an exercise's cycle. ``pacing`` marks seconds the guide does not give
    (a release it names no time for, the beat of a rhythm): the app's pacing, shown apart
    from the guide's own figures."""

    kind: PhaseKind
    seconds: float
    breath: Breath
    cue: str
    pacing: bool = False


class RepRange(NamedTuple):
    """Repetitions as the guide gives them: a single number, or a range like 4–6."""

    min: int
    max: int

    @property
    def default(self) -> int:
        return self.min

    def clamp(self, reps: int) -> int:
        return max(self.min, min(self.max, reps))

    def __str__(self) -> str:
        return str(self.min) if self.min == self.max else f"{self.min}–{self.max}"


class Exercise(NamedTuple):
    id: str
    name: str
    region: Region
    posture: Posture
    instruction: str
    effect: str
    muscles: tuple[str, ...]
    nominal_seconds: float
    nominal_label: str
    cycle: tuple[Phase, ...]
    reps: RepRange | None = None
    for_seconds: float | None = None
    sides: tuple[str, ...] = ()
    directions: tuple[str, ...] = ()
    alternate: bool = False
    tempo: str = ""
    equipment: tuple[str, ...] = ()
    equipment_optional: bool = False
    frames: tuple[str, ...] = ()
    #: The second direction's own cues, one per phase of the cycle (same seconds and
    #: breath): a counter-clockwise circle is not cued "roll back and down".
    second_direction_cues: tuple[str, ...] = ()
    #: The second direction's own figure (the first direction's frames if empty).
    second_direction_frames: tuple[str, ...] = ()
    #: Where a light resistance band goes ("around the knees"), the guide's other
    #: progression; empty: a band makes no sense for this exercise.
    band: str = ""

    def cues_turn(self, part: str | None) -> bool:
        """Whether ``part`` is the second direction, with cues of its own."""
        return (bool(self.second_direction_cues) and len(self.directions) == 2
                and part == self.directions[1])

    def frames_for(self, part: str | None) -> tuple[str, ...]:
        """The figure's frames for ``part`` (its own for the second direction, if any)."""
        if self.cues_turn(part) and self.second_direction_frames:
            return self.second_direction_frames
        return self.frames

    @property
    def parts(self) -> tuple[str, ...]:
        """Sides or directions in order; one unnamed part for a bilateral exercise."""
        return self.sides or self.directions

    @property
    def per_side(self) -> bool:
        return bool(self.sides)

    @property
    def cycle_seconds(self) -> float:
        return sum(p.seconds for p in self.cycle)

    @property
    def has_hold(self) -> bool:
        """Whether the cycle has a hold to lengthen (the guide's progressive variation)."""
        return any(p.kind is PhaseKind.HOLD for p in self.cycle)

    @property
    def is_rhythm(self) -> bool:
        """A rhythm of moves with no hold (pelvic tilt, shoulder circles, ankle pumps, nods,
        wrist pulses): it progresses by seconds of rhythm, not by a longer hold."""
        return not self.has_hold and any(p.kind is PhaseKind.MOVE for p in self.cycle)

    def cycle_for(self, hold_extra: float = 0) -> tuple[Phase, ...]:
        """The cycle with every ``hold`` phase lengthened by ``hold_extra`` seconds.

        The guide's progressive variation: "once a movement feels effortless, increase the
        hold time by 2–3 seconds". Every part uses the same cycle, so both sides of a sided
        exercise stay equal.
        """
        if not hold_extra:
            return self.cycle
        return tuple(
            p._replace(seconds=p.seconds + hold_extra)
            if p.kind is PhaseKind.HOLD else p
            for p in self.cycle
        )

    def reps_for(self, reps: int | None = None, *, hold_extra: float = 0,
                 rhythm_extra: float = 0) -> int:
        """Repetitions per part: the routine's choice clamped to the guide's range.

        For a time-bound rhythm ("continue for 10 seconds") this is the number of
        (possibly partial) cycles that fit, ``rhythm_extra`` seconds longer.
        """
        if self.for_seconds is not None:
            cycle_seconds = sum(p.seconds for p in self.cycle_for(hold_extra))
            return math.ceil((self.for_seconds + rhythm_extra) / cycle_seconds - 1e-9)
        assert self.reps is not None
        return self.reps.default if reps is None else self.reps.clamp(reps)

    def part_seconds(self, reps: int | None = None, *, hold_extra: float = 0,
                     rhythm_extra: float = 0) -> float:
        """Seconds of one part (one side, one direction, or the whole exercise).

        A time-bound rhythm keeps its seconds whatever ``hold_extra`` is; ``rhythm_extra``
        makes a rhythm that many seconds longer (see :meth:`plan`).
        """
        rhythm_extra = rhythm_extra if self.is_rhythm else 0
        if self.for_seconds is not None:
            return self.for_seconds + rhythm_extra
        cycle_seconds = sum(p.seconds for p in self.cycle_for(hold_extra))
        return self.reps_for(reps) * cycle_seconds + rhythm_extra

    def total_seconds(self, reps: int | None = None, *, hold_extra: float = 0,
                      rhythm_extra: float = 0) -> float:
        return self.part_seconds(reps, hold_extra=hold_extra,
                                 rhythm_extra=rhythm_extra) * max(1, len(self.parts))

    def plan(self, reps: int | None = None, *, hold_extra: float = 0,
             rhythm_extra: float = 0) -> "PhasePlan":
        """Expand into a timed plan: every part, every repetition, every phase.

        ``hold_extra`` lengthens every ``hold`` phase by that many seconds.
        ``rhythm_extra`` makes a rhythm (:attr:`is_rhythm`) that many seconds longer in
        each part, the guide's "increase the hold time by 2–3 seconds" for a movement with
        no hold: a timed rhythm continues that much longer ("continue the rhythm"); a
        counted one (six nods) keeps its count, each move a little slower ("slowly nod").
        """
        # The plan is the player's: its module is not imported to draw the day.
        from microtui.core.phase_plan import PhasePlan, PlannedPhase

        rhythm_extra = rhythm_extra if self.is_rhythm else 0
        count = self.reps_for(reps, hold_extra=hold_extra, rhythm_extra=rhythm_extra)
        cycle = self.cycle_for(hold_extra)
        if rhythm_extra and self.for_seconds is None:
            plain = count * sum(p.seconds for p in cycle)
            slower = (plain + rhythm_extra) / plain
            cycle = tuple(p._replace(seconds=p.seconds * slower) for p in cycle)
        parts: tuple[str | None, ...] = self.parts or (None,)
        cycles = {part: tuple(p._replace(cue=cue) for p, cue
                              in zip(cycle, self.second_direction_cues, strict=True))
                  if self.cues_turn(part) else cycle for part in parts}
        # Each entry: (part, rep); alternating sides interleave L, R, L, R.
        if self.alternate:
            order = [(part, rep) for rep in range(1, count + 1) for part in parts]
        else:
            order = [(part, rep) for part in parts for rep in range(1, count + 1)]
        planned: list[PlannedPhase] = []
        t = 0.0
        budget: dict[str | None, float] = {
            part: (self.for_seconds + rhythm_extra if self.for_seconds is not None
                   else math.inf)
            for part in parts
        }
        for part, rep in order:
            for phase in cycles[part]:
                seconds = min(phase.seconds, budget[part])
                if seconds <= 1e-9:
                    break
                budget[part] -= seconds
                planned.append(
                    PlannedPhase(self.id, phase, t, seconds, rep=rep, reps=count, part=part)
                )
                t += seconds
        return PhasePlan(tuple(planned))

"""The guide's breath rule, held against an exercise's timed cycle.

The pitfall table: "Holding Breath — concentration on movement can lead to inadvertent
breath-holding, raising intra-abdominal pressure. Pair each contraction with a slow exhale;
inhale during release." An exercise's own instruction comes first (Transverse Abdominal
Bracing holds "while maintaining a natural breath": a ``steady`` hold), so only what no
instruction in the guide asks for is a fault: a contraction (a ``hold``) cued as an inhale,
and a cycle that never lets the user breathe in (no ``inhale`` and no ``steady`` phase).
Faults are warnings: a user's own file still loads.
"""

from collections.abc import Sequence
from typing import NamedTuple

from microtui.core.exercises import Breath, Phase, PhaseKind

GUIDE_BREATH_ADVICE = "pair each contraction with a slow exhale; inhale during release"


class BreathFault(NamedTuple):
    """One way a cycle goes against the breath rule; ``phase`` is its index in the cycle,
    None for the cycle as a whole."""

    phase: int | None
    message: str


def breath_faults(cycle: Sequence[Phase]) -> list[BreathFault]:
    """Every fault of ``cycle`` against the guide's breath rule, in the cycle's order."""
    faults = [
        BreathFault(index, f"the contraction “{phase.cue}” is cued as an inhale (the guide: "
                           f"{GUIDE_BREATH_ADVICE})")
        for index, phase in enumerate(cycle)
        if phase.kind is PhaseKind.HOLD and phase.breath is Breath.INHALE
    ]
    if cycle and not any(p.breath in (Breath.INHALE, Breath.STEADY) for p in cycle):
        faults.append(BreathFault(None, "the cycle never inhales: every phase is an exhale "
                                        f"(the guide: {GUIDE_BREATH_ADVICE})"))
    return faults

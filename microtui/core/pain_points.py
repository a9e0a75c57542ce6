"""Step 1 of the guide's "Designing a Personal Micro-Movement Routine": pain points.

"Assess your pain points – identify where stiffness or fatigue shows most often;
prioritise micro-exercises that target those regions." :data:`PAIN_POINT_EXERCISES` names,
for each pain point, the exercises whose effect (in the guide's words) targets it;
:func:`suggest_extras` and :func:`rank_exercises` put those first (step 3, "Add targeted
extras").
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from enum import StrEnum


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
    def label(self) -> str:
        """``"Lower back"``: the name to show (``title`` is str's own method)."""
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

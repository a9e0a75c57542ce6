"""What the player shows of a moment of its set, as plain text, and which of its looks a
terminal of a given size gets: the full player (figure, big countdown, breathing disc)
from 80x24, the compact one (:class:`CompactView`, four or five lines) from 40x12, and below
that none: the set waits, paused, until the terminal grows."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import Enum

from microtui.core.exercises import Breath, Exercise
from microtui.core.phase_plan import PhasePlan
from microtui.core.player import BRACING_CUE_NAME, Moment, exercise_name

#: The smallest terminal for the full player, and for the compact one.
FULL_SIZE = (80, 24)
COMPACT_SIZE = (40, 12)
#: What the player says below :data:`COMPACT_SIZE` (the set is paused meanwhile).
TOO_SMALL_TEXT = (f"Paused: the terminal is too small. Make it at least "
                  f"{COMPACT_SIZE[0]}x{COMPACT_SIZE[1]} to go on.")


class Look(Enum):
    """The player's looks, by terminal size."""

    FULL = "full"
    COMPACT = "compact"
    NONE = "none"


def look_for(width: int, height: int) -> Look:
    """The look a ``width`` x ``height`` terminal gets."""
    if width >= FULL_SIZE[0] and height >= FULL_SIZE[1]:
        return Look.FULL
    if width >= COMPACT_SIZE[0] and height >= COMPACT_SIZE[1]:
        return Look.COMPACT
    return Look.NONE


def countdown_text(seconds_left: float) -> str:
    """The big countdown: whole seconds, rounded up (4.2 s left shows 5)."""
    return str(max(0, math.ceil(seconds_left - 1e-9)))


def rep_text(moment: Moment, exercise: Exercise | None) -> str:
    """``"rep 3 of 5 · left side"``, ``"rep 1 of 2 · clockwise"`` or ``"rep 2 of 6"``."""
    if moment.finished:
        return ""
    if moment.is_cue:
        return "before the set · stabilize the spine"
    text = f"rep {moment.rep} of {moment.reps}"
    if moment.part:
        sided = exercise is not None and bool(exercise.sides)
        text += f" · {moment.part} side" if sided else f" · {moment.part}"
    return text


def heading(moment: Moment, exercises: Mapping[str, Exercise],
            banded: frozenset[str] | set[str]) -> tuple[str, str]:
    """The exercise's name and what the heading says beside it (region, band, cue)."""
    if moment.finished:
        return "Set complete", ""
    if moment.is_cue:
        return BRACING_CUE_NAME, "Core · opening cue"
    exercise = exercises.get(moment.exercise_id or "")
    region = exercise.region.label if exercise is not None else ""
    if moment.exercise_id in banded:  # the guide's progression, accepted
        region = f"with a light resistance band · {region}"
    return exercise_name(moment.exercise_id or "", exercises), region


def phase_in_cycle(plan: PhasePlan, moment: Moment) -> int:
    """The phase's place in its repetition: phases before it with the same rep."""
    phases = plan.phases
    index = moment.index
    while index > 0 and (
        (phases[index - 1].exercise_id, phases[index - 1].part, phases[index - 1].rep)
        == (moment.exercise_id, moment.part, moment.rep)
    ):
        index -= 1
    return moment.index - index


def next_exercise_name(plan: PhasePlan, starts: Sequence[int], moment: Moment,
                       exercises: Mapping[str, Exercise]) -> str:
    """The exercise after ``moment``'s (``starts``: each exercise's first phase), or
    ``"end of set"``."""
    following = moment.exercise_index + 1
    if moment.finished or following >= len(starts):
        return "end of set"
    return exercise_name(plan.phases[starts[following]].exercise_id, exercises)


def countdown_label(moment: Moment, *, paused: bool) -> str:
    """Under the countdown: ``"seconds left · hold"``, the paused hint, or ``"done"``."""
    if paused:
        return "paused · space resumes"
    if moment.kind is not None:
        return f"seconds left · {moment.kind}"
    return "done"


@dataclass(frozen=True)
class CompactView:
    """What the compact player shows of one moment of the set."""

    name: str
    rep: str = ""
    cue: str = ""
    countdown: str = ""
    label: str = ""
    """After the countdown: ``"s · hold"``, the paused hint, or ``"done"``."""
    breath: Breath | None = None
    breath_progress: float = 0.0
    next_up: str = ""


def compact_view(moment: Moment, name: str, rep: str, next_up: str, *,
                 paused: bool) -> CompactView:
    """The compact player's lines for ``moment``."""
    if paused:
        label = "paused · space resumes"
    elif moment.kind is not None:
        label = f"s · {moment.kind}"
    else:
        label = "done"
    return CompactView(
        name=name, rep=rep, cue=moment.cue,
        countdown="" if moment.finished else countdown_text(moment.phase_left),
        label=label, breath=None if moment.finished else moment.breath_word,
        breath_progress=moment.breath_word_progress, next_up=next_up,
    )

"""Plain-text descriptions of exercises for the UI.

Pure functions from core objects to the strings the screens show, kept apart from the
widgets so every screen words things the same way.
"""

from __future__ import annotations

from dataclasses import dataclass

from microtui.core.exercises import Exercise, Phase, PhaseKind
from microtui.core.phase_plan import PlannedPhase
from microtui.core.time_text import fmt_seconds


def equipment_text(exercise: Exercise) -> str:
    """``"none"``, ``"stress ball or rolled towel"``, ``"resistance band (optional)"``."""
    if not exercise.equipment:
        return "none"
    text = " or ".join(exercise.equipment)
    return f"{text} (optional)" if exercise.equipment_optional else text


def time_text(exercise: Exercise) -> str:
    """The guide's heading figure against the time the player takes."""
    total = exercise.total_seconds()
    if abs(total - exercise.nominal_seconds) < 1e-9:
        return f"{fmt_seconds(total)} · matches the guide heading"
    return f"guide heading {exercise.nominal_label} · played {fmt_seconds(total)}"


def pacing_text(exercise: Exercise) -> str | None:
    """What the player adds to the guide's own figures (None: nothing): the seconds of
    phases the guide gives no time for (``pacing`` in ``exercises.toml``), and the count
    it times a range of repetitions at."""
    parts: list[str] = []
    for phase in exercise.cycle:
        if not phase.pacing:
            continue
        if phase.kind is PhaseKind.MOVE:
            text = "the tempo" if exercise.tempo else "the beat"
        elif phase.kind is PhaseKind.RELEASE:
            text = f"{fmt_seconds(phase.seconds)} release after each hold"
        else:
            text = f"{fmt_seconds(phase.seconds)} {phase.kind}"
        if text not in parts:
            parts.append(text)
    if exercise.reps is not None and exercise.reps.min != exercise.reps.max:
        parts.append(f"{exercise.reps.default} reps of the guide's {exercise.reps}")
    return " · ".join(parts) or None


def reps_text(exercise: Exercise) -> str:
    """``"6"``, ``"4–6 (timed at 4)"`` or ``"for 10 s"``, per side or direction."""
    if exercise.for_seconds is not None:
        text = f"for {fmt_seconds(exercise.for_seconds)}"
    else:
        assert exercise.reps is not None
        text = str(exercise.reps)
        if exercise.reps.min != exercise.reps.max:
            text += f" (timed at {exercise.reps.default})"
    if exercise.sides:
        text += " per side"
    elif exercise.directions:
        text += " per direction"
    return text


def parts_label(exercise: Exercise) -> str:
    return "Directions" if exercise.directions else "Sides"


def parts_text(exercise: Exercise) -> str:
    """How the sides or directions follow each other, or ``"—"`` for one part."""
    if not exercise.parts:
        return "—"
    if exercise.alternate:
        return f"{', '.join(exercise.parts)} · alternating"
    return ", then ".join(exercise.parts)


def part_noun(exercise: Exercise) -> str:
    if exercise.sides:
        return "side"
    if exercise.directions:
        return "direction"
    return "part"


@dataclass(frozen=True)
class PlanRow:
    """One row of the phase table: ``reps`` is blank on the rows after a group's first."""

    reps: str
    kind: str
    seconds: float
    breath: str
    cue: str


def part_plan(exercise: Exercise) -> list[PlannedPhase]:
    """The planned phases of the first part (the whole plan for a one-part exercise)."""
    first = exercise.parts[0] if exercise.parts else None
    return [p for p in exercise.plan().phases if p.part == first]


def plan_rows(exercise: Exercise) -> list[PlanRow]:
    """The first part's plan, with runs of identical repetitions folded into one group.

    A time-bound rhythm whose last cycle is cut short keeps that last cycle as its own
    group, so the table shows exactly what the player will run.
    """
    by_rep: dict[int, list[tuple[Phase, float]]] = {}
    for planned in part_plan(exercise):
        by_rep.setdefault(planned.rep, []).append((planned.phase, planned.seconds))
    groups: list[tuple[int, int, list[tuple[Phase, float]]]] = []
    for rep, items in by_rep.items():
        if groups and groups[-1][2] == items and groups[-1][1] == rep - 1:
            first, _, same = groups[-1]
            groups[-1] = (first, rep, same)
        else:
            groups.append((rep, rep, items))
    rows: list[PlanRow] = []
    for first, last, items in groups:
        label = str(first) if first == last else f"{first}–{last}"
        for index, (phase, seconds) in enumerate(items):
            rows.append(
                PlanRow(
                    reps=label if index == 0 else "",
                    kind=str(phase.kind),
                    seconds=seconds,
                    breath=str(phase.breath),
                    cue=phase.cue,
                )
            )
    return rows


def plan_title(exercise: Exercise) -> str:
    if not exercise.parts:
        return "Phase plan"
    return f"Phase plan · one {part_noun(exercise)} ({exercise.parts[0]})"


def plan_total_text(exercise: Exercise) -> str:
    """``"6 reps × 3 s = 18 s"``; with parts, the part's time and then the whole."""
    part = exercise.part_seconds()
    if exercise.for_seconds is not None:
        head = f"rhythm for {fmt_seconds(part)}"
    else:
        reps = exercise.reps_for()
        noun = "rep" if reps == 1 else "reps"
        head = f"{reps} {noun} × {fmt_seconds(exercise.cycle_seconds)} = {fmt_seconds(part)}"
    if not exercise.parts:
        return f"Total: {head}"
    count = len(exercise.parts)
    return (
        f"Per {part_noun(exercise)}: {head} · "
        f"total × {count} = {fmt_seconds(exercise.total_seconds())}"
    )

"""Building a trigger's set: what each item takes, adjusting it, and filling the five sets.

A set is the exercises done at one trigger of the day. The guide's "Common Pitfalls" warn
against excessive repetition ("misinterpreting 'micro' as 'many'"): "Keep each set under
30 seconds; quality over quantity." That set is one exercise's set of repetitions; a
trigger's set is "≈30 s" in the day-plan table, and "each set lasts less than a minute".
An item's repetitions move within the guide's range and its holds may grow a little
(:func:`adjust_item`); both sides of an exercise always get equal time.
:func:`assign_sets` fills the day's five sets from the core set and the extras.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from microtui.core.exercises import Exercise
from microtui.core.routine import TRIGGER_ORDER, SetItem, TriggerKind
from microtui.core.time_text import fmt_seconds, number_text

#: "Common Pitfalls", excessive repetition: "Keep each set under 30 seconds; quality over
#: quantity." Read as the pitfall is written ("misinterpreting 'micro' as 'many'"), it is
#: about one exercise's repetitions: an item longer than this is warned about.
REPETITIONS_MAX_SECONDS = 30
GUIDE_SET_ADVICE = "keep each set under 30 seconds; quality over quantity"
#: The day plan's table: each trigger's "Micro-Movement Set (≈30 s)".
TRIGGER_SET_SECONDS = 30
#: "Because each set lasts less than a minute": a trigger's set of a minute or more is
#: refused.
TRIGGER_SET_LIMIT_SECONDS = 60
#: Hand adjustments of a hold, in seconds per step, and how far they may go.
HOLD_STEP = 1.0
HOLD_EXTRA_MAX = 6.0
#: How far a rhythm may grow (its progression, seconds per part).
RHYTHM_EXTRA_MAX = 6.0


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


def rhythm_adjustable(exercise: Exercise) -> bool:
    """A rhythm (no hold) progresses by seconds of rhythm."""
    return exercise.is_rhythm


def adjust_item(item: SetItem, exercise: Exercise, step: int) -> SetItem:
    """One step more (``step`` > 0) or less of an exercise, within the guide's bounds.

    More: repetitions up to the top of the guide's range, then each hold a second longer
    (up to :data:`HOLD_EXTRA_MAX`). Less undoes it in reverse: first the extra hold, then
    repetitions down to the bottom of the range; a rhythm's accepted progression is taken
    back a second at a time. Returns ``item`` itself when nothing can change (a fixed
    count, a timed rhythm, or a bound reached).
    """
    if step < 0 and item.rhythm_extra_seconds > 0:
        return item._replace(rhythm_extra_seconds=max(
            0.0, item.rhythm_extra_seconds - HOLD_STEP))
    reps = exercise.reps_for(item.reps)
    extra = item.hold_extra_seconds
    bounds = exercise.reps if reps_adjustable(exercise) else None
    if step > 0:
        if bounds is not None and reps < bounds.max:
            return item._replace(reps=reps + 1)
        if hold_adjustable(exercise) and extra + HOLD_STEP <= HOLD_EXTRA_MAX + 1e-9:
            return item._replace(hold_extra_seconds=extra + HOLD_STEP)
    elif step < 0:
        if extra > 0:
            return item._replace(hold_extra_seconds=max(0.0, extra - HOLD_STEP))
        if bounds is not None and reps > bounds.min:
            return item._replace(reps=reps - 1)
    return item


def item_detail(item: SetItem, exercise: Exercise) -> str:
    """What an item does, briefly: ``5× · hold 7 s · each side``."""
    words = []
    rhythm = item.rhythm_extra_seconds if exercise.is_rhythm else 0
    longer = f" (+{rhythm:g})" if rhythm else ""
    if exercise.for_seconds is not None:
        words.append(f"{fmt_seconds(exercise.for_seconds + rhythm)} rhythm{longer}")
    else:
        words.append(f"{exercise.reps_for(item.reps)}×")
        if rhythm:
            words.append(f"slower{longer}")
    holds = [p.seconds for p in exercise.cycle_for(item.hold_extra_seconds)
             if p.kind == "hold"]
    if holds:
        text = "/".join(number_text(s) for s in dict.fromkeys(holds))
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


def assign_sets(core: Sequence[str], extras: Sequence[str],
                exercises: Mapping[str, Exercise]) -> dict[TriggerKind, tuple[SetItem, ...]]:
    """The five sets filled from the core set and the extras.

    The core set rotates through the start of day, the interval and the end of day; the
    extras take the pre-meeting and mid-afternoon sets (the core set again if there are
    none). A set takes a second movement only if it still stays within the table's
    ≈30 seconds.
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
        if second != first and total <= TRIGGER_SET_SECONDS:
            items.append(second)
            position[name] += 1
        sets[kind] = tuple(SetItem(i) for i in items)
    return sets

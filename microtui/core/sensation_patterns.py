"""Patterns in sensations: which exercises most often leave you "tight" or in "pain", which
"ease" you, and a swap for one that keeps hurting (the guide: "Over weeks, patterns emerge
that guide refinements").

A sensation is given once per set (:mod:`microtui.core.sensations`), so every exercise done
in that set shares it: an exercise is counted over the sets it was done in that have a
sensation ("rated" sets). :data:`STRAINING` (tight, pain) and :data:`EASING` (eased,
loosened) are counted; tingling is in neither.

**At least 5 rated sets, and at least half of them** (:data:`MIN_SETS`, :data:`MIN_SHARE`).
Below 5 sets one odd set (a stiff morning, a bad night) moves an exercise's share by more
than 20 points, and a single set could name it. With 5 sets and the half-way bar it takes at
least 3 sets with the same kind of sensation, so no one set, nor two, can name an exercise;
and 5 sets is about two days of an exercise that is in one trigger's set, or one day of one in
the every-30-minutes set, so a pattern can show within the first week. An exercise with
fewer rated sets is not named at all; when none has enough, the lines say how many more
are needed.

**A swap** is suggested for every exercise named tight-or-pain: another exercise of the same
region (the library knows regions) that is not itself named so, the one that eased you most
often first, else the library's order. Pain also brings the guide's safety advice.

Pure: the records and the library come in as arguments, nothing reads the clock. Every
screen and report shows :meth:`SensationPatterns.lines`, so they never disagree.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from microtui.core.exercises import Exercise
from microtui.core.safety import SAFETY_ADVICE
from microtui.core.sensations import EASING, STRAINING, Sensation, parse_sensation

MIN_SETS = 5
"""Rated sets an exercise needs before it is named (see the module doc)."""
MIN_SHARE = 0.5
"""The share of its rated sets a sensation needs to name an exercise."""
SHOWN = 3
"""At most this many exercises a line list names, most often first."""
TITLE = "Patterns in how sets felt"
SHARED = "A sensation is given for a whole set: every exercise in the set shares it."


@dataclass(frozen=True)
class ExerciseFeelings:
    """How the sets an exercise was done in felt."""

    exercise_id: str
    name: str
    rated: int
    """Sets it was done in that have a sensation."""
    straining: int
    """Of those, sets that left you tight or in pain."""
    pain: int
    easing: int
    """Of those, sets that eased or loosened you."""

    @property
    def enough(self) -> bool:
        return self.rated >= MIN_SETS

    @property
    def strains(self) -> bool:
        return self.enough and self.straining >= MIN_SHARE * self.rated

    @property
    def eases(self) -> bool:
        return self.enough and self.easing >= MIN_SHARE * self.rated


@dataclass(frozen=True)
class Swap:
    """Another exercise of the same region for one that keeps leaving you tight or in pain."""

    instead_of: str
    suggested: str
    region: str


@dataclass(frozen=True)
class SensationPatterns:
    exercises: tuple[ExerciseFeelings, ...]
    swaps: tuple[Swap, ...]

    @property
    def straining(self) -> list[ExerciseFeelings]:
        named = [e for e in self.exercises if e.strains]
        return sorted(named, key=lambda e: (-e.straining / e.rated, -e.straining, e.name))

    @property
    def easing(self) -> list[ExerciseFeelings]:
        named = [e for e in self.exercises if e.eases]
        return sorted(named, key=lambda e: (-e.easing / e.rated, -e.easing, e.name))

    def needed(self) -> int:
        """Rated sets still needed before the best-rated exercise can be named (0: none)."""
        most = max((e.rated for e in self.exercises), default=0)
        return max(0, MIN_SETS - most)

    def lines(self) -> list[str]:
        """The patterns as plain lines, for a screen or a report to show as they are."""
        if self.needed():
            return [f"Not enough sets with a sensation yet: {self.needed()} more needed "
                    f"before an exercise is named (each needs {MIN_SETS})."]
        out = [f"Tight or in pain after {e.name}: {_share(e.straining, e)}"
               + (f" ({e.pain} in pain)" if e.pain else "") for e in self.straining[:SHOWN]]
        out += [f"Eased or loosened after {e.name}: {_share(e.easing, e)}"
                for e in self.easing[:SHOWN]]
        if not out:
            counted = sum(1 for e in self.exercises if e.enough)
            out.append(f"No exercise stands out: none of the {counted} with {MIN_SETS} or more "
                       "sets left you tight or in pain, or eased you, in half of them.")
            return out
        out += [f"{s.instead_of} keeps leaving you tight or in pain: try {s.suggested} "
                f"instead, another {s.region} movement." for s in self.swaps]
        if any(e.pain for e in self.straining):
            out.append(f"The guide: {SAFETY_ADVICE[:1].lower()}{SAFETY_ADVICE[1:]}")
        out.append(SHARED)
        return out


def _share(count: int, feelings: ExerciseFeelings) -> str:
    return f"{count} of {feelings.rated} sets with a sensation"


def _feelings(records: Iterable[Mapping[str, Any]]) -> dict[str, list[Sensation]]:
    """Exercise id → the sensations of the sets it was done in (each set once)."""
    felt: dict[str, list[Sensation]] = {}
    for record in records:
        sensation = parse_sensation(record.get("sensation"))
        if sensation is None:
            continue
        done: dict[str, None] = {}
        for row in record.get("exercises") or ():
            if not isinstance(row, Mapping) or not isinstance(row.get("id"), str):
                continue
            seconds = row.get("done_seconds")
            if isinstance(seconds, int | float) and not isinstance(seconds, bool) \
                    and seconds > 0:
                done[row["id"]] = None
        for exercise_id in done:
            felt.setdefault(exercise_id, []).append(sensation)
    return felt


def sensation_patterns(records: Iterable[Mapping[str, Any]],
                       exercises: Mapping[str, Exercise]) -> SensationPatterns:
    """The patterns in the sensations of ``records`` (session records, any order);
    ``exercises`` (the library) gives names and regions."""
    rows = []
    for exercise_id, felt in _feelings(records).items():
        known = exercises.get(exercise_id)
        rows.append(ExerciseFeelings(
            exercise_id, known.name if known is not None else exercise_id, len(felt),
            sum(1 for s in felt if s in STRAINING), sum(1 for s in felt if s is Sensation.PAIN),
            sum(1 for s in felt if s in EASING)))
    rows.sort(key=lambda e: e.name)
    return SensationPatterns(tuple(rows), _swaps(rows, exercises))


def _swaps(rows: list[ExerciseFeelings],
           exercises: Mapping[str, Exercise]) -> tuple[Swap, ...]:
    by_id = {row.exercise_id: row for row in rows}
    straining = {row.exercise_id for row in rows if row.strains}

    def eased(exercise_id: str) -> float:
        row = by_id.get(exercise_id)
        return row.easing / row.rated if row is not None and row.enough else -1.0

    swaps = []
    for row in sorted((r for r in rows if r.strains), key=lambda r: r.name):
        hurting = exercises.get(row.exercise_id)
        if hurting is None:
            continue
        order = list(exercises)
        others = [e for e in exercises.values() if e.region is hurting.region
                  and e.id != hurting.id and e.id not in straining]
        if not others:
            continue
        best = max(others, key=lambda e: (eased(e.id), -order.index(e.id)))
        swaps.append(Swap(row.name, best.name, hurting.region.label.lower()))
    return tuple(swaps)

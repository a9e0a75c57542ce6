"""The [[exercise]] tables of a library file, checked strictly and built into exercises.

Every problem found is reported at once: an unknown key, a missing field, a wrong type, a
zero or negative duration, a duplicate id or an unknown region is an error. Numbers must
be sensible too (a duration of seconds, not ``nan`` or a week), so that an exercise that
loads can always be played and planned.
"""

from __future__ import annotations

import math
import re
from enum import Enum
from functools import cached_property
from typing import Any, TypeVar

from microtui.core.breath_rule import breath_faults
from microtui.core.exercises import (
    DIRECTIONS,
    EQUIPMENT,
    SIDES,
    Breath,
    Exercise,
    Phase,
    PhaseKind,
    Posture,
    Region,
    RepRange,
)
from microtui.core.library_file import (
    LibraryFile,
    Problem,
    enum_or_none,
    is_int,
    is_number,
    shown,
    type_name,
)

_EXERCISE_REQUIRED = (
    "id", "name", "region", "posture", "instruction", "effect", "muscles",
    "nominal_seconds", "nominal_label", "cycle",
)
_EXERCISE_OPTIONAL = (
    "reps", "for_seconds", "sides", "directions", "alternate", "tempo", "equipment",
    "equipment_optional", "frames", "second_direction", "band",
)
_PHASE_KEYS = ("kind", "seconds", "breath", "cue")
_PHASE_OPTIONAL = ("pacing",)
_SECOND_DIRECTION_KEYS = ("cues", "frames")
# Patterns as text: `re` compiles each on its first use and keeps it (not every start).
_ID_RE = r"^[a-z0-9][a-z0-9-]*$"
E = TypeVar("E", bound=Enum)
#: Upper bounds that keep every exercise playable: a phase, a rhythm or a nominal duration
#: of at most 10 minutes, at most 100 repetitions, a phase of at least a tenth of a second.
MAX_SECONDS = 600.0
MIN_PHASE_SECONDS = 0.1
MAX_REPS = 100


def read_exercises(file: LibraryFile, problems: list[Problem]) -> dict[str, Exercise]:
    """Every valid [[exercise]] table of ``file`` by id; the problems of the others."""
    raw_list = file.doc.get("exercise", [])
    if not isinstance(raw_list, list):
        file.add(problems, "", "exercise", "must be an array of tables: [[exercise]]")
        return {}
    found: dict[str, Exercise] = {}
    for index, raw in enumerate(raw_list, start=1):
        if not isinstance(raw, dict):
            file.add(problems, f"exercise {index}", "", "must be a table")
            continue
        ex_id = raw.get("id")
        if isinstance(ex_id, str) and ex_id in found:
            line = file.exercise_line(ex_id, nth=2)
            file.add(problems, f'exercise "{ex_id}"', "id",
                     "duplicate id: another exercise in this file already uses it", line)
            continue
        exercise = _ExerciseReader(file, raw, index, problems).read()
        if exercise is not None:
            found[exercise.id] = exercise
        elif isinstance(ex_id, str):
            file.invalid_ids.add(ex_id)
    return found


class _ExerciseReader:
    """Validates one [[exercise]] table and builds the :class:`Exercise`."""

    def __init__(self, ctx: LibraryFile, raw: dict[str, Any], index: int,
                 problems: list[Problem]):
        self.ctx = ctx
        self.raw = raw
        self.problems = problems
        ex_id = raw.get("id")
        self.where = f'exercise "{ex_id}"' if isinstance(ex_id, str) else f"exercise {index}"

    @cached_property
    def line(self) -> int | None:
        """The line of the table's ``id``: looked up when a problem is reported (a search
        of the whole file, for each table, used to come with every start)."""
        ex_id = self.raw.get("id")
        return self.ctx.exercise_line(ex_id) if isinstance(ex_id, str) else None

    def err(self, fld: str, message: str) -> None:
        self.ctx.add(self.problems, self.where, fld, message, self.line)

    def read(self) -> Exercise | None:
        raw = self.raw
        before = len(self.problems)
        for key in raw:
            if key not in _EXERCISE_REQUIRED + _EXERCISE_OPTIONAL:
                self.err(key, "unknown key")
        for key in _EXERCISE_REQUIRED:
            if key not in raw:
                self.err(key, "missing")
        ex_id = self._str("id")
        if ex_id is not None and not re.match(_ID_RE, ex_id):
            self.err("id", f"must be lowercase letters, digits and dashes, got {shown(ex_id)}")
        name = self._str("name")
        region = self._enum("region", Region)
        posture = self._enum("posture", Posture)
        instruction = self._str("instruction")
        effect = self._str("effect")
        muscles = self._str_list("muscles", required=True)
        nominal = self._positive("nominal_seconds")
        nominal_label = self._str("nominal_label")
        cycle = self._cycle()
        self._check_breath(cycle)
        reps, for_seconds = self._repetition()
        sides = self._parts("sides", SIDES)
        directions = self._parts("directions", DIRECTIONS)
        if sides and directions:
            self.err("directions", "an exercise has sides or directions, not both")
        alternate = self._bool("alternate")
        if alternate and not sides:
            self.err("alternate", "only exercises with sides can alternate them")
        tempo = self._str("tempo", required=False) or ""
        if cycle and any(p.kind is PhaseKind.MOVE for p in cycle) and not tempo:
            self.err("tempo", "missing: a rhythmic movement (a cycle with a move) must say its "
                     "tempo")
        equipment = self._str_list("equipment", required=False)
        for item in equipment:
            if item not in EQUIPMENT:
                self.err("equipment", f"unknown equipment {shown(item)} (expected any of: "
                         f"{', '.join(EQUIPMENT)})")
        equipment_optional = self._bool("equipment_optional")
        if equipment_optional and not equipment:
            self.err("equipment_optional", "set, but no equipment is named")
        band = self._str("band", required=False) or ""
        frames = self._str_list("frames", required=False)
        second_cues, second_frames = self._second_direction(cycle, directions)
        if len(self.problems) > before:
            return None
        # Each field a reader returned None for has its problem reported: none is None here.
        assert (ex_id is not None and name is not None and region is not None
                and posture is not None and instruction is not None and effect is not None
                and nominal is not None and nominal_label is not None)
        return Exercise(
            id=ex_id, name=name, region=region, posture=posture, instruction=instruction,
            effect=effect, muscles=tuple(muscles), nominal_seconds=nominal,
            nominal_label=nominal_label, cycle=tuple(cycle), reps=reps,
            for_seconds=for_seconds, sides=tuple(sides), directions=tuple(directions),
            alternate=alternate, tempo=tempo, equipment=tuple(equipment),
            equipment_optional=equipment_optional, frames=tuple(frames),
            second_direction_cues=second_cues, second_direction_frames=second_frames,
            band=band,
        )

    # -- field readers: each records its own problem and returns None on failure ----------

    def _str(self, key: str, required: bool = True) -> str | None:
        value = self.raw.get(key)
        if value is None:
            return None  # "missing" is reported once, above, for required keys
        if not isinstance(value, str):
            self.err(key, f"must be a string, got {type_name(value)}")
            return None
        if not value.strip():
            self.err(key, "must not be empty")
            return None
        return value

    def _bool(self, key: str) -> bool:
        value = self.raw.get(key, False)
        if not isinstance(value, bool):
            self.err(key, f"must be true or false, got {type_name(value)}")
            return False
        return value

    def _positive(self, key: str, raw: Any = None, fld: str | None = None,
                  minimum: float = 0.0) -> float | None:
        value = self.raw.get(key) if raw is None else raw
        fld = fld or key
        if value is None:
            return None
        if not is_number(value):
            self.err(fld, f"must be a number of seconds, got {type_name(value)}")
            return None
        if not math.isfinite(value):
            self.err(fld, f"must be a number of seconds, got {value}")
            return None
        if value <= 0:
            self.err(fld, f"must be greater than zero, got {value}")
            return None
        if value < minimum:
            self.err(fld, f"must be at least {minimum:g} seconds, got {value:g}")
            return None
        if value > MAX_SECONDS:
            self.err(fld, f"must be at most {MAX_SECONDS:g} seconds, got {value:g}")
            return None
        return float(value)

    def _enum(self, key: str, enum: type[E]) -> E | None:
        value = self.raw.get(key)
        if value is None:
            return None
        member = enum_or_none(enum, value)
        if member is None:
            choices = ", ".join(str(m.value) for m in enum)
            self.err(key, f"unknown {key} {shown(value)} (expected one of: {choices})")
        return member

    def _str_list(self, key: str, required: bool) -> list[str]:
        value = self.raw.get(key)
        if value is None:
            return []
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.err(key, "must be a list of strings")
            return []
        if required and not value:
            self.err(key, "must name at least one")
        return value

    def _parts(self, key: str, allowed: tuple[str, ...]) -> list[str]:
        value = self._str_list(key, required=False)
        if value and sorted(value) != sorted(allowed):
            self.err(key, f"must be {list(allowed)!r} in either order (mirrored, equal time)")
            return []
        return value

    def _second_direction(self, cycle: list[Phase], directions: list[str]
                          ) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """``[exercise.second_direction]``: the second direction's own ``cues`` (one per
        phase of the cycle) and ``frames``."""
        raw = self.raw.get("second_direction")
        if raw is None:
            return (), ()
        if not isinstance(raw, dict):
            self.err("second_direction", "must be a table {cues, frames}")
            return (), ()
        if not directions:
            self.err("second_direction", "only an exercise with directions has a second one")
        for key in raw:
            if key not in _SECOND_DIRECTION_KEYS:
                self.err(f"second_direction.{key}", "unknown key")
        cues = raw.get("cues")
        if (not isinstance(cues, list) or not all(isinstance(c, str) and c.strip()
                                                  for c in cues)):
            self.err("second_direction.cues", "must be a list of cues, one per cycle phase")
            return (), ()
        if cycle and len(cues) != len(cycle):
            self.err("second_direction.cues", f"must give one cue per cycle phase: the cycle "
                     f"has {len(cycle)}, got {len(cues)}")
            return (), ()
        frames = raw.get("frames", [])
        if not isinstance(frames, list) or not all(isinstance(f, str) for f in frames):
            self.err("second_direction.frames", "must be a list of strings")
            return (), ()
        return tuple(cues), tuple(frames)

    def _cycle(self) -> list[Phase]:
        raw = self.raw.get("cycle")
        if raw is None:
            return []
        if not isinstance(raw, list) or not raw:
            self.err("cycle", "must be a non-empty list of phases")
            return []
        phases = []
        for n, entry in enumerate(raw):
            fld = f"cycle[{n}]"
            if not isinstance(entry, dict):
                self.err(fld, "must be a table {kind, seconds, breath, cue}")
                continue
            for key in entry:
                if key not in _PHASE_KEYS + _PHASE_OPTIONAL:
                    self.err(f"{fld}.{key}", "unknown key")
            pacing = entry.get("pacing", False)
            if not isinstance(pacing, bool):
                self.err(f"{fld}.pacing", f"must be true or false, got {type_name(pacing)}")
                pacing = False
            for key in _PHASE_KEYS:
                if key not in entry:
                    self.err(f"{fld}.{key}", "missing")
            kind = enum_or_none(PhaseKind, entry.get("kind"))
            if "kind" in entry and kind is None:
                self.err(f"{fld}.kind", f"unknown kind {shown(entry['kind'])} "
                         "(expected hold, release or move)")
            breath = enum_or_none(Breath, entry.get("breath"))
            if "breath" in entry and breath is None:
                self.err(f"{fld}.breath", f"unknown breath {shown(entry['breath'])} "
                         "(expected exhale, inhale or steady)")
            seconds = self._positive("", entry.get("seconds"), f"{fld}.seconds",
                                     minimum=MIN_PHASE_SECONDS)
            cue = entry.get("cue")
            if "cue" in entry and (not isinstance(cue, str) or not cue.strip()):
                self.err(f"{fld}.cue", "must be a non-empty string")
                cue = None
            if kind is not None and breath is not None and seconds is not None and cue:
                phases.append(Phase(kind=kind, seconds=seconds, breath=breath, cue=cue,
                                    pacing=pacing))
        return phases if len(phases) == len(raw) else []

    def _check_breath(self, cycle: list[Phase]) -> None:
        """The guide's breath rule (:mod:`microtui.core.breath_rule`): a warning, on the
        phase's own line where it can be found."""
        for fault in breath_faults(cycle):
            line = self.ctx.line_of("cycle =", after=self.line or 0) or self.line
            fld = "cycle"
            if fault.phase is not None:
                fld = f"cycle[{fault.phase}].breath"
                line = self.ctx.line_of(cycle[fault.phase].cue, after=self.line or 0) or line
            self.ctx.warn(self.where, fld, fault.message, line)

    def _repetition(self) -> tuple[RepRange | None, float | None]:
        has_reps = "reps" in self.raw
        has_for = "for_seconds" in self.raw
        if has_reps == has_for:
            self.err("reps", "give exactly one of reps (a count or {min, max}) or for_seconds")
            return None, None
        if has_for:
            return None, self._positive("for_seconds", minimum=MIN_PHASE_SECONDS)
        value = self.raw["reps"]
        low: object
        high: object
        if is_int(value):
            low = high = value
        elif isinstance(value, dict):
            extra = set(value) - {"min", "max"}
            if extra:
                self.err(f"reps.{sorted(extra)[0]}", "unknown key (expected min and max)")
                return None, None
            low, high = value.get("min"), value.get("max")
            if not (is_int(low) and is_int(high)):
                self.err("reps", "must have whole-number min and max")
                return None, None
        else:
            self.err("reps", f"must be a whole number or {{min, max}}, got {type_name(value)}")
            return None, None
        if low < 1:
            self.err("reps", f"must be at least 1, got {low}")
            return None, None
        if high < low:
            self.err("reps", f"max ({high}) is less than min ({low})")
            return None, None
        if high > MAX_REPS:
            self.err("reps", f"must be at most {MAX_REPS}, got {high}")
            return None, None
        return RepRange(low, high), None

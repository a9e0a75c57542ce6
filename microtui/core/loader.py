"""Load exercise libraries from TOML, strictly.

Every problem found is reported at once, each naming the file, the exercise (or routine
trigger) and the field, with a line number where one can be found, so a user fixing their
own ``exercises.toml`` sees everything that is wrong in one go. Nothing is guessed: an
unknown key, a missing field, a wrong type, a zero or negative duration, a duplicate id,
an unknown region or a routine naming an unknown exercise is an error. Numbers must be
sensible too (a duration of seconds, not ``nan`` or a week), so that a library that loads
can always be played and planned. Nothing in the file is ever run or opened: it is text.
"""

from __future__ import annotations

import math
import re
import tomllib
from collections.abc import Iterable, Sequence
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import time
from pathlib import Path
from typing import Any

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
from microtui.core.routine import Routine, SetItem, Trigger, TriggerKind

BUILTIN_NAME = "exercises.toml"

_EXERCISE_REQUIRED = (
    "id", "name", "region", "posture", "instruction", "effect", "muscles",
    "nominal_seconds", "nominal_label", "cycle",
)
_EXERCISE_OPTIONAL = (
    "reps", "for_seconds", "sides", "directions", "alternate", "tempo", "equipment",
    "equipment_optional", "frames",
)
_PHASE_KEYS = ("kind", "seconds", "breath", "cue")
_ROUTINE_KEYS = ("id", "name", "trigger")
_TRIGGER_REQUIRED = ("kind", "name", "cue", "exercises")
_TRIGGER_PARAMS = {
    TriggerKind.START_OF_DAY: (),
    TriggerKind.INTERVAL: ("every_minutes",),
    TriggerKind.PRE_MEETING: ("lead_minutes",),
    TriggerKind.FIXED_TIME: ("at",),
    TriggerKind.END_OF_DAY: (),
}
_ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_TOML_POS_RE = re.compile(r"\(at line (\d+), column (\d+)\)")
#: Upper bounds that keep every exercise playable and every day plannable: a phase, a
#: rhythm or a nominal duration of at most 10 minutes, at most 100 repetitions, a phase of
#: at least a tenth of a second, triggers within a day.
MAX_SECONDS = 600.0
MIN_PHASE_SECONDS = 0.1
MAX_REPS = 100
MAX_MINUTES = 24 * 60
_CONTROL_RE = re.compile(r"[\x00-\x1f\x7f-\x9f]")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a library file."""

    path: Path
    where: str  # 'exercise "core-bracing"', 'routine trigger 2', or '' for the file
    field: str
    message: str
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        pos = self.path.name if self.path.name == str(self.path) else str(self.path)
        if self.line is not None:
            pos += f":{self.line}"
            if self.column is not None:
                pos += f":{self.column}"
        where, fld = _printable(self.where, 80), _printable(self.field, 60)
        parts = [p for p in (where, f'field "{fld}"' if fld else "") if p]
        return f"{pos}: {', '.join(parts) + ': ' if parts else ''}{_printable(self.message, 240)}"


class LibraryError(Exception):
    """The library could not be loaded; ``problems`` lists every reason."""

    def __init__(self, problems: Sequence[Problem]):
        self.problems = tuple(problems)
        count = len(self.problems)
        head = f"{count} problem{'s' if count != 1 else ''} in the exercise library:"
        super().__init__("\n".join([head, *(f"  {p}" for p in self.problems)]))


@dataclass
class Library:
    """The merged exercise library and its routines (the first is the default)."""

    exercises: dict[str, Exercise]
    routines: list[Routine]
    sources: list[Path] = field(default_factory=list)

    @property
    def default_routine(self) -> Routine:
        return self.routines[0]

    def by_region(self) -> dict[Region, list[Exercise]]:
        grouped: dict[Region, list[Exercise]] = {region: [] for region in Region}
        for exercise in self.exercises.values():
            grouped[exercise.region].append(exercise)
        return {region: items for region, items in grouped.items() if items}


def builtin_path() -> Path:
    """The shipped ``exercises.toml``: inside the wheel, or at the top of a checkout."""
    here = Path(__file__).resolve().parent.parent
    packaged = here / BUILTIN_NAME
    if packaged.is_file():
        return packaged
    return here.parent / BUILTIN_NAME


def load_library(paths: Iterable[Path]) -> Library:
    """Load and merge library files in order; a later exercise replaces one with its id.

    Raises :class:`LibraryError` naming every problem in every file.
    """
    problems: list[Problem] = []
    exercises: dict[str, Exercise] = {}
    raw_routines: list[tuple[_FileContext, dict[str, Any]]] = []
    sources = list(paths)
    for path in sources:
        ctx = _FileContext.read(path, problems)
        if ctx is None:
            continue
        exercises.update(ctx.exercises(problems))
        if "routine" in ctx.doc:
            raw_routines.append((ctx, ctx.doc["routine"]))
    routines = [r for ctx, raw in raw_routines if (r := ctx.routine(raw, exercises, problems))]
    if not problems and not routines:
        problems.append(
            Problem(sources[0] if sources else Path(BUILTIN_NAME), "", "routine",
                    "no [routine] defined: the built-in library must hold the default routine")
        )
    if problems:
        raise LibraryError(problems)
    return Library(exercises=exercises, routines=routines, sources=sources)


class _FileContext:
    """One file's parsed document, with helpers that record problems against it."""

    def __init__(self, path: Path, text: str, doc: dict[str, Any]):
        self.path = path
        self.text = text
        self.doc = doc
        self.invalid_ids: set[str] = set()

    @classmethod
    def read(cls, path: Path, problems: list[Problem]) -> _FileContext | None:
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            problems.append(Problem(path, "", "", "file not found"))
            return None
        except OSError as exc:
            problems.append(Problem(path, "", "", f"cannot be read: {exc.strerror or exc}"))
            return None
        try:
            text = data.decode("utf-8-sig")  # a byte-order mark (Notepad) is harmless
        except UnicodeDecodeError as exc:
            problems.append(_not_utf8(path, data, exc))
            return None
        try:
            doc = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            message = str(exc)
            line = column = None
            if match := _TOML_POS_RE.search(message):
                line, column = int(match[1]), int(match[2])
                message = _TOML_POS_RE.sub("", message).strip()
            problems.append(Problem(path, "", "", f"invalid TOML: {message}", line, column))
            return None
        ctx = cls(path, text, doc)
        for key in doc:
            if key not in ("exercise", "routine"):
                ctx.add(problems, "", key, "unknown top-level key (expected [[exercise]] or "
                        "[routine])")
        return ctx

    def line_of(self, needle: str, after: int = 0) -> int | None:
        for number, line in enumerate(self.text.splitlines(), start=1):
            if number > after and needle in line:
                return number
        return None

    def add(self, problems: list[Problem], where: str, fld: str, message: str,
            line: int | None = None) -> None:
        problems.append(Problem(self.path, where, fld, message, line))

    # -- exercises -----------------------------------------------------------------------

    def exercises(self, problems: list[Problem]) -> dict[str, Exercise]:
        raw_list = self.doc.get("exercise", [])
        if not isinstance(raw_list, list):
            self.add(problems, "", "exercise", "must be an array of tables: [[exercise]]")
            return {}
        found: dict[str, Exercise] = {}
        for index, raw in enumerate(raw_list, start=1):
            if not isinstance(raw, dict):
                self.add(problems, f"exercise {index}", "", "must be a table")
                continue
            ex_id = raw.get("id")
            if isinstance(ex_id, str) and ex_id in found:
                line = self._exercise_line(ex_id, nth=2)
                self.add(problems, f'exercise "{ex_id}"', "id",
                         "duplicate id: another exercise in this file already uses it", line)
                continue
            exercise = _ExerciseReader(self, raw, index, problems).read()
            if exercise is not None:
                found[exercise.id] = exercise
            elif isinstance(ex_id, str):
                self.invalid_ids.add(ex_id)
        return found

    def _exercise_line(self, ex_id: str, nth: int = 1) -> int | None:
        pattern = re.compile(rf"^\s*id\s*=\s*[\"']{re.escape(ex_id)}[\"']")
        seen = 0
        for number, line in enumerate(self.text.splitlines(), start=1):
            if pattern.match(line):
                seen += 1
                if seen == nth:
                    return number
        return None

    # -- routine -------------------------------------------------------------------------

    def routine(self, raw: Any, exercises: dict[str, Exercise],
                problems: list[Problem]) -> Routine | None:
        where = "routine"
        before = len(problems)
        if not isinstance(raw, dict):
            self.add(problems, where, "", "must be a table: [routine]")
            return None
        line = self.line_of("[routine]")
        for key in raw:
            if key not in _ROUTINE_KEYS:
                self.add(problems, where, key, "unknown key", line)
        routine_id = _need_str(self, raw, "id", where, problems, line)
        name = _need_str(self, raw, "name", where, problems, line)
        raw_triggers = raw.get("trigger")
        if not isinstance(raw_triggers, list) or not raw_triggers:
            self.add(problems, where, "trigger", "needs at least one [[routine.trigger]]", line)
            return None
        triggers = []
        for index, raw_trigger in enumerate(raw_triggers, start=1):
            trigger = self._trigger(raw_trigger, index, exercises, problems)
            if trigger is not None:
                triggers.append(trigger)
        if len(problems) > before:
            return None
        assert routine_id is not None and name is not None
        return Routine(id=routine_id, name=name, triggers=tuple(triggers))

    def _trigger(self, raw: Any, index: int, exercises: dict[str, Exercise],
                 problems: list[Problem]) -> Trigger | None:
        where = f"routine trigger {index}"
        if not isinstance(raw, dict):
            self.add(problems, where, "", "must be a table")
            return None
        before = len(problems)
        kind_raw = raw.get("kind")
        try:
            kind = TriggerKind(kind_raw)
        except ValueError:
            kinds = ", ".join(k.value for k in TriggerKind)
            self.add(problems, where, "kind",
                     "missing" if kind_raw is None else f"unknown kind {_show(kind_raw)} "
                     f"(expected one of: {kinds})")
            return None
        where = f'routine trigger {index} ("{kind}")'
        allowed = _TRIGGER_REQUIRED + _TRIGGER_PARAMS[kind]
        for key in raw:
            if key not in allowed:
                self.add(problems, where, key, "unknown key for this trigger kind")
        name = _need_str(self, raw, "name", where, problems)
        cue = _need_str(self, raw, "cue", where, problems)
        items = self._set_items(raw.get("exercises"), where, exercises, problems)
        every = lead = None
        at = None
        if kind is TriggerKind.INTERVAL:
            every = _need_int(self, raw, "every_minutes", where, problems, minimum=1)
        elif kind is TriggerKind.PRE_MEETING:
            lead = _need_int(self, raw, "lead_minutes", where, problems, minimum=0)
        elif kind is TriggerKind.FIXED_TIME:
            at = _need_time(self, raw, "at", where, problems)
        if len(problems) > before:
            return None
        assert name is not None and cue is not None
        return Trigger(kind=kind, name=name, cue=cue, items=tuple(items), every_minutes=every,
                       lead_minutes=lead, at=at)

    def _set_items(self, raw: Any, where: str, exercises: dict[str, Exercise],
                   problems: list[Problem]) -> list[SetItem]:
        if raw is None:
            self.add(problems, where, "exercises", "missing")
            return []
        if not isinstance(raw, list) or not raw:
            self.add(problems, where, "exercises", "must be a non-empty list of exercise ids")
            return []
        items = []
        for n, entry in enumerate(raw):
            fld = f"exercises[{n}]"
            if isinstance(entry, str):
                entry = {"id": entry}
            if not isinstance(entry, dict):
                self.add(problems, where, fld, "must be an exercise id or {id = ..., reps = N}")
                continue
            for key in entry:
                if key not in ("id", "reps"):
                    self.add(problems, where, f"{fld}.{key}", "unknown key")
            ex_id = entry.get("id")
            if not isinstance(ex_id, str):
                self.add(problems, where, f"{fld}.id", "must be an exercise id (a string)")
                continue
            if ex_id in self.invalid_ids:
                continue  # its own problems are already reported
            if ex_id not in exercises:
                self.add(problems, where, fld, f"unknown exercise {_show(ex_id)}",
                         self.line_of(f'"{ex_id}"', after=self.line_of("[routine]") or 0))
                continue
            reps = entry.get("reps")
            if reps is not None and (not _is_int(reps) or reps < 1):
                self.add(problems, where, f"{fld}.reps", f"must be a whole number >= 1, got "
                         f"{_show(reps)}")
                continue
            items.append(SetItem(ex_id, reps))
        return items


class _ExerciseReader:
    """Validates one [[exercise]] table and builds the :class:`Exercise`."""

    def __init__(self, ctx: _FileContext, raw: dict[str, Any], index: int,
                 problems: list[Problem]):
        self.ctx = ctx
        self.raw = raw
        self.problems = problems
        ex_id = raw.get("id")
        self.where = f'exercise "{ex_id}"' if isinstance(ex_id, str) else f"exercise {index}"
        self.line = ctx._exercise_line(ex_id) if isinstance(ex_id, str) else None

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
        if ex_id is not None and not _ID_RE.match(ex_id):
            self.err("id", f"must be lowercase letters, digits and dashes, got {_show(ex_id)}")
        name = self._str("name")
        region = self._enum("region", Region)
        posture = self._enum("posture", Posture)
        instruction = self._str("instruction")
        effect = self._str("effect")
        muscles = self._str_list("muscles", required=True)
        nominal = self._positive("nominal_seconds")
        nominal_label = self._str("nominal_label")
        cycle = self._cycle()
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
                self.err("equipment", f"unknown equipment {_show(item)} (expected any of: "
                         f"{', '.join(EQUIPMENT)})")
        equipment_optional = self._bool("equipment_optional")
        if equipment_optional and not equipment:
            self.err("equipment_optional", "set, but no equipment is named")
        frames = self._str_list("frames", required=False)
        if len(self.problems) > before:
            return None
        return Exercise(
            id=ex_id, name=name, region=region, posture=posture, instruction=instruction,
            effect=effect, muscles=tuple(muscles), nominal_seconds=nominal,
            nominal_label=nominal_label, cycle=tuple(cycle), reps=reps,
            for_seconds=for_seconds, sides=tuple(sides), directions=tuple(directions),
            alternate=alternate, tempo=tempo, equipment=tuple(equipment),
            equipment_optional=equipment_optional, frames=tuple(frames),
        )  # type: ignore[arg-type]

    # -- field readers: each records its own problem and returns None on failure ----------

    def _str(self, key: str, required: bool = True) -> Any:
        value = self.raw.get(key)
        if value is None:
            return None  # "missing" is reported once, above, for required keys
        if not isinstance(value, str):
            self.err(key, f"must be a string, got {_type(value)}")
            return None
        if not value.strip():
            self.err(key, "must not be empty")
            return None
        return value

    def _bool(self, key: str) -> bool:
        value = self.raw.get(key, False)
        if not isinstance(value, bool):
            self.err(key, f"must be true or false, got {_type(value)}")
            return False
        return value

    def _positive(self, key: str, raw: Any = None, fld: str | None = None,
                  minimum: float = 0.0) -> Any:
        value = self.raw.get(key) if raw is None else raw
        fld = fld or key
        if value is None:
            return None
        if not _is_number(value):
            self.err(fld, f"must be a number of seconds, got {_type(value)}")
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

    def _enum(self, key: str, enum: type) -> Any:
        value = self.raw.get(key)
        if value is None:
            return None
        try:
            return enum(value)
        except ValueError:
            choices = ", ".join(member.value for member in enum)
            self.err(key, f"unknown {key} {_show(value)} (expected one of: {choices})")
            return None

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
                if key not in _PHASE_KEYS:
                    self.err(f"{fld}.{key}", "unknown key")
            for key in _PHASE_KEYS:
                if key not in entry:
                    self.err(f"{fld}.{key}", "missing")
            kind = _enum_or_none(PhaseKind, entry.get("kind"))
            if "kind" in entry and kind is None:
                self.err(f"{fld}.kind", f"unknown kind {_show(entry['kind'])} "
                         "(expected hold, release or move)")
            breath = _enum_or_none(Breath, entry.get("breath"))
            if "breath" in entry and breath is None:
                self.err(f"{fld}.breath", f"unknown breath {_show(entry['breath'])} "
                         "(expected exhale, inhale or steady)")
            seconds = self._positive("", entry.get("seconds"), f"{fld}.seconds",
                                     minimum=MIN_PHASE_SECONDS)
            cue = entry.get("cue")
            if "cue" in entry and (not isinstance(cue, str) or not cue.strip()):
                self.err(f"{fld}.cue", "must be a non-empty string")
                cue = None
            if kind is not None and breath is not None and seconds is not None and cue:
                phases.append(Phase(kind=kind, seconds=seconds, breath=breath, cue=cue))
        return phases if len(phases) == len(raw) else []

    def _repetition(self) -> tuple[RepRange | None, float | None]:
        has_reps = "reps" in self.raw
        has_for = "for_seconds" in self.raw
        if has_reps == has_for:
            self.err("reps", "give exactly one of reps (a count or {min, max}) or for_seconds")
            return None, None
        if has_for:
            return None, self._positive("for_seconds", minimum=MIN_PHASE_SECONDS)
        value = self.raw["reps"]
        if _is_int(value):
            low = high = value
        elif isinstance(value, dict):
            extra = set(value) - {"min", "max"}
            if extra:
                self.err(f"reps.{sorted(extra)[0]}", "unknown key (expected min and max)")
                return None, None
            low, high = value.get("min"), value.get("max")
            if not (_is_int(low) and _is_int(high)):
                self.err("reps", "must have whole-number min and max")
                return None, None
        else:
            self.err("reps", f"must be a whole number or {{min, max}}, got {_type(value)}")
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


def _need_str(ctx: _FileContext, raw: dict[str, Any], key: str, where: str,
              problems: list[Problem], line: int | None = None) -> str | None:
    value = raw.get(key)
    if value is None:
        ctx.add(problems, where, key, "missing", line)
        return None
    if not isinstance(value, str) or not value.strip():
        ctx.add(problems, where, key, "must be a non-empty string", line)
        return None
    return value


def _need_int(ctx: _FileContext, raw: dict[str, Any], key: str, where: str,
              problems: list[Problem], minimum: int) -> int | None:
    value = raw.get(key)
    if value is None:
        ctx.add(problems, where, key, "missing")
        return None
    if not _is_int(value) or not minimum <= value <= MAX_MINUTES:
        ctx.add(problems, where, key, f"must be a whole number of minutes from {minimum} to "
                f"{MAX_MINUTES}, got {_show(value)}")
        return None
    return value


def _need_time(ctx: _FileContext, raw: dict[str, Any], key: str, where: str,
               problems: list[Problem]) -> time | None:
    value = raw.get(key)
    if value is None:
        ctx.add(problems, where, key, "missing")
        return None
    at = None
    if isinstance(value, time):
        at = value
    elif isinstance(value, str):
        with suppress(ValueError):
            at = time.fromisoformat(value)
    if at is not None and at.tzinfo is None:
        return at
    ctx.add(problems, where, key, f"must be a local time of day like \"13:30\", got "
            f"{_show(value)}")
    return None


def _enum_or_none(enum: type, value: Any) -> Any:
    try:
        return enum(value)
    except ValueError:
        return None


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _show(value: Any, limit: int = 40) -> str:
    """``repr(value)``, cut short: a message quotes what it got without drowning in it."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _printable(text: str, limit: int) -> str:
    """``text`` with control characters escaped (a message never drives the terminal) and at
    most ``limit`` characters long."""
    text = _CONTROL_RE.sub(lambda m: f"\\x{ord(m[0]):02x}", text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _not_utf8(path: Path, data: bytes, exc: UnicodeDecodeError) -> Problem:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return Problem(path, "", "", "is UTF-16 text: save it as UTF-8")
    line = data.count(b"\n", 0, exc.start) + 1
    column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
    return Problem(path, "", "", f"is not UTF-8 text (byte 0x{data[exc.start]:02x}): save it "
                   "as UTF-8", line, column)


def _type(value: Any) -> str:
    return {bool: "a boolean", int: "an integer", float: "a number", str: "a string",
            list: "a list", dict: "a table"}.get(type(value), type(value).__name__)

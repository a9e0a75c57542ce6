"""Fuzzing the exercise library loader with mutated copies of the real exercises.toml.

Whatever a user's ``exercises.toml`` holds, :func:`load_library` either returns a library
that works (every exercise plays, the day can be planned) or raises :class:`LibraryError`:
never any other exception. Each problem is one clean line naming the file and, inside an
exercise or a routine trigger, that exercise or trigger and the field. Nothing in the file
is opened or run.
"""

from __future__ import annotations

import json
import math
import tomllib
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from microtui.core.loader import Library, LibraryError, builtin_path, load_library
from microtui.core.meeting import Meeting
from microtui.core.schedule import ScheduleSettings
from microtui.core.timeline import build_timeline
from tests.fuzz import (
    HANG_SECONDS,
    audit,
    control_characters,
    fuzz,
    python_internals,
    time_limit,
)

REAL_PATH = builtin_path()
REAL_TEXT = REAL_PATH.read_text(encoding="utf-8")
REAL_DOC = tomllib.loads(REAL_TEXT)
EXERCISES = REAL_DOC["exercise"]
TRIGGERS = REAL_DOC["routine"]["trigger"]
#: One problem line: "path:line:col: where, field: message" stays readable at this length.
MAX_LINE = 400


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("loader-fuzz")


# -- writing TOML (the test needs no TOML writer package) ----------------------------------


def toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False).replace("\x7f", "\\u007f")
    if isinstance(value, time):
        return value.isoformat()
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{toml_value(str(k))} = {toml_value(v)}"
                               for k, v in value.items()) + "}"
    raise TypeError(type(value))


def toml_doc(doc: dict[str, Any]) -> str:
    out: list[str] = []
    for key, value in doc.items():
        if key not in ("exercise", "routine"):
            out.append(f"{toml_value(key)} = {toml_value(value)}")
    for exercise in doc.get("exercise", []):
        out.append("\n[[exercise]]")
        out.extend(f"{toml_value(k)} = {toml_value(v)}" for k, v in exercise.items())
    if "routine" in doc:
        routine = dict(doc["routine"])
        triggers = routine.pop("trigger", [])
        out.append("\n[routine]")
        out.extend(f"{toml_value(k)} = {toml_value(v)}" for k, v in routine.items())
        for trigger in triggers:
            out.append("\n[[routine.trigger]]")
            out.extend(f"{toml_value(k)} = {toml_value(v)}" for k, v in trigger.items())
    return "\n".join(out) + "\n"


def copy_doc() -> dict[str, Any]:
    return tomllib.loads(REAL_TEXT)


def test_the_writer_round_trips_the_real_file(workdir):
    path = workdir / "round-trip.toml"
    path.write_text(toml_doc(REAL_DOC), encoding="utf-8")
    assert tomllib.loads(path.read_text(encoding="utf-8")) == REAL_DOC
    assert set(load_library([path]).exercises) == {e["id"] for e in EXERCISES}


# -- what every outcome must satisfy --------------------------------------------------------


def load(path: Path) -> Library | LibraryError:
    """Load ``path``: a library or a LibraryError, and never anything else."""
    with time_limit(HANG_SECONDS, f"loading {path.name}"):
        try:
            return load_library([path])
        except LibraryError as exc:
            check_error(exc, path)
            return exc


def check_error(exc: LibraryError, path: Path) -> None:
    assert exc.problems, "a LibraryError must say what is wrong"
    head, *lines = str(exc).split("\n")
    assert head.endswith("in the exercise library:")
    assert len(lines) == len(exc.problems)
    for problem, line in zip(exc.problems, lines, strict=True):
        assert problem.path == path
        assert str(problem).startswith(str(path)), line
        assert problem.message.strip(), line
        assert not control_characters(line), f"raw control characters in {line!r}"
        assert not python_internals(line), line
        assert len(line) <= MAX_LINE, f"an unreadable {len(line)}-character message: {line[:300]}"


def check_usable(library: Library) -> None:
    """A library that loaded must play and plan without error, in bounded time."""
    tz = UTC
    day = date(2026, 11, 25)
    with time_limit(HANG_SECONDS, "using the loaded library"):
        for exercise in library.exercises.values():
            for reps in {None, exercise.reps.min if exercise.reps else None,
                         exercise.reps.max if exercise.reps else None}:
                plan = exercise.plan(reps)
                total = exercise.total_seconds(reps)
                assert plan.phases, f"{exercise.id} plays nothing"
                assert math.isfinite(total) and total > 0, (exercise.id, total)
                assert all(math.isfinite(p.seconds) and p.seconds > 0 for p in plan.phases)
        meeting = Meeting(datetime(2026, 11, 25, 14, 0, tzinfo=tz),
                          datetime(2026, 11, 25, 14, 30, tzinfo=tz), "Review")
        for routine in library.routines:
            timeline = build_timeline(routine, ScheduleSettings(), day, tz, [meeting])
            for event in timeline:
                assert event.trigger.plan(library.exercises).phases


def problems_at(exc: LibraryError, where: str, fields: tuple[str, ...]) -> list[str]:
    """Problems reported against ``where`` for one of ``fields`` (or a part of one)."""
    return [str(p) for p in exc.problems
            if p.where.startswith(where)
            and any(p.field == f or p.field.startswith((f + "[", f + ".")) for f in fields)]


# -- strategies -----------------------------------------------------------------------------

TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=30)
#: Odd but legal TOML values.
ANY_SCALAR = st.one_of(
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(), TEXT, st.times(),
    st.sampled_from(["", " ", "\t", "0", "-1", "nan", "13:30", "25:99", "core-bracing",
                     "hold", "left", "../../etc/passwd", "$(rm -rf /)", "\x1b[2J\x07"]),
)
ANY_VALUE = st.recursive(
    ANY_SCALAR,
    lambda inner: st.one_of(st.lists(inner, max_size=4),
                            st.dictionaries(TEXT, inner, max_size=3)),
    max_leaves=8,
)
NOT_A_STRING = st.one_of(st.integers(), st.floats(), st.booleans(), st.times(),
                         st.lists(TEXT, max_size=2), st.dictionaries(TEXT, TEXT, max_size=2))
BLANK = st.sampled_from(["", " ", "\t\n", "\u3000"])
NOT_A_NUMBER = st.one_of(st.booleans(), TEXT, st.times(), st.lists(st.integers(), max_size=2))
BAD_SECONDS = st.one_of(
    NOT_A_NUMBER, st.integers(max_value=0), st.floats(max_value=0),
    st.sampled_from([math.nan, math.inf, -math.inf, 1e300, 10**18, 86_400]),
)
BAD_REPS = st.one_of(
    st.integers(max_value=0), st.integers(min_value=10**6), st.floats(), TEXT,
    st.booleans(), st.lists(st.integers(), max_size=2),
    st.fixed_dictionaries({"min": st.integers(2, 9), "max": st.integers(-5, 1)}),
    st.fixed_dictionaries({"min": st.integers(1, 3)}),
    st.fixed_dictionaries({"min": st.integers(1, 3), "max": st.integers(4, 6),
                           "most": st.integers()}),
)
BAD_ENUM = st.one_of(NOT_A_STRING, TEXT.filter(lambda s: s not in {
    "core", "upper-body", "lower-body", "neck-shoulder", "hand-wrist", "seated",
    "standing"}))
BAD_STR_LIST = st.one_of(NOT_A_STRING.filter(lambda v: not isinstance(v, list)),
                         st.lists(st.integers(), min_size=1, max_size=3))
BAD_PHASE = st.one_of(
    NOT_A_STRING.filter(lambda v: not isinstance(v, dict)),
    st.fixed_dictionaries({"kind": st.just("hold"), "seconds": BAD_SECONDS,
                           "breath": st.just("exhale"), "cue": st.just("Hold")}),
    st.fixed_dictionaries({"kind": TEXT.filter(lambda s: s not in ("hold", "release", "move")),
                           "seconds": st.just(2), "breath": st.just("exhale"),
                           "cue": st.just("Hold")}),
    st.fixed_dictionaries({"kind": st.just("hold"), "seconds": st.just(2),
                           "breath": st.just("exhale"), "cue": BLANK}),
    st.fixed_dictionaries({"kind": st.just("hold"), "seconds": st.just(2)}),
)

#: Exercise field → values that must be refused, and the fields the refusal may name.
BAD_EXERCISE_FIELDS: dict[str, tuple[st.SearchStrategy[Any], tuple[str, ...]]] = {
    "name": (st.one_of(NOT_A_STRING, BLANK), ("name",)),
    "instruction": (st.one_of(NOT_A_STRING, BLANK), ("instruction",)),
    "effect": (st.one_of(NOT_A_STRING, BLANK), ("effect",)),
    "nominal_label": (st.one_of(NOT_A_STRING, BLANK), ("nominal_label",)),
    "tempo": (st.one_of(NOT_A_STRING, BLANK), ("tempo",)),
    "region": (BAD_ENUM, ("region",)),
    "posture": (BAD_ENUM, ("posture",)),
    "muscles": (st.one_of(BAD_STR_LIST, st.just([])), ("muscles",)),
    "equipment": (st.one_of(BAD_STR_LIST, st.lists(st.sampled_from(["dumbbell", "chair"]),
                                                    min_size=1, max_size=2)), ("equipment",)),
    "frames": (BAD_STR_LIST, ("frames",)),
    "nominal_seconds": (BAD_SECONDS, ("nominal_seconds",)),
    "for_seconds": (BAD_SECONDS, ("for_seconds", "reps")),
    "reps": (BAD_REPS, ("reps",)),
    "cycle": (st.one_of(NOT_A_STRING.filter(lambda v: not isinstance(v, list)), st.just([]),
                        st.lists(BAD_PHASE, min_size=1, max_size=3)), ("cycle",)),
    "sides": (st.one_of(BAD_STR_LIST, st.just(["left"]), st.just(["up", "down"])),
              ("sides", "directions")),
    "alternate": (st.one_of(st.integers(), TEXT, st.floats()), ("alternate",)),
    "equipment_optional": (st.one_of(st.integers(), TEXT), ("equipment_optional",)),
}
REQUIRED = ("id", "name", "region", "posture", "instruction", "effect", "muscles",
            "nominal_seconds", "nominal_label", "cycle")


class Mutated:
    """A mutated document, shown in failure reports by its edits, not its 30 kB of text."""

    def __init__(self, content: str | bytes, edits: list[str]):
        self.content = content
        self.edits = edits

    def __repr__(self) -> str:
        return f"Mutated({'; '.join(self.edits)})"


@st.composite
def text_mutations(draw: st.DrawFn) -> Mutated:
    """The real file with a few line- and character-level edits."""
    lines = REAL_TEXT.split("\n")
    edits = []
    for _ in range(draw(st.integers(1, 4))):
        i = draw(st.integers(0, len(lines) - 1))
        op = draw(st.sampled_from(["delete", "duplicate", "swap", "value", "insert", "chars",
                                   "truncate"]))
        if op == "delete":
            edits.append(f"delete line {i + 1} {lines[i]!r:.60}")
            del lines[i]
        elif op == "duplicate":
            edits.append(f"duplicate line {i + 1} {lines[i]!r:.60}")
            lines.insert(i, lines[i])
        elif op == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            edits.append(f"swap lines {i + 1} and {j + 1}")
            lines[i], lines[j] = lines[j], lines[i]
        elif op == "value" and any(" = " in line for line in lines):
            keyed = [n for n, line in enumerate(lines) if " = " in line]
            n = draw(st.sampled_from(keyed))
            key = lines[n].split(" = ", 1)[0]
            lines[n] = f"{key} = {toml_value(draw(ANY_VALUE))}"
            edits.append(f"line {n + 1} -> {lines[n]!r:.80}")
        elif op == "insert":
            new = draw(st.one_of(TEXT, st.sampled_from(
                ["[[exercise]]", "[routine]", "[[routine.trigger]]", "id = \"x\"", "[x]",
                 "'''", '"""', "exercise = 1", "routine = []"])))
            edits.append(f"insert at line {i + 1}: {new!r}")
            lines.insert(i, new)
        elif op == "chars":
            line = lines[i]
            at = draw(st.integers(0, len(line)))
            cut = draw(st.integers(0, 3))
            new = draw(TEXT)
            edits.append(f"line {i + 1} col {at + 1}: replace {cut} chars with {new!r}")
            lines[i] = line[:at] + new + line[at + cut:]
        elif op == "truncate":
            keep = draw(st.integers(0, len(lines[i])))
            edits.append(f"truncate at line {i + 1} col {keep + 1}")
            lines = lines[: i + 1]
            lines[-1] = lines[-1][:keep]
        if not lines:
            lines = [""]
    return Mutated("\n".join(lines), edits)


# -- the tests ------------------------------------------------------------------------------


@fuzz(150)
@given(doc=text_mutations())
def test_mutated_files_load_or_say_clearly_what_is_wrong(workdir, doc):
    path = workdir / "exercises.toml"
    path.write_text(doc.content, encoding="utf-8")
    result = load(path)
    if isinstance(result, Library):
        check_usable(result)


@st.composite
def byte_mutations(draw: st.DrawFn) -> Mutated:
    """The real file in the wrong encoding, or with bytes that are not UTF-8 text."""
    text = REAL_TEXT.replace('name = "Seated Hip Abduction"', 'name = "Hüftabduktion ß"')
    how = draw(st.sampled_from(["utf-16", "utf-16-le", "utf-16-be", "utf-32", "latin-1",
                                "cp1252", "bom", "nul", "bytes", "invalid"]))
    if how == "bom":
        return Mutated(b"\xef\xbb\xbf" + text.encode("utf-8"), ["UTF-8 with a BOM"])
    if how in ("nul", "bytes", "invalid"):
        data = bytearray(text.encode("utf-8"))
        edits = []
        for _ in range(draw(st.integers(1, 5))):
            at = draw(st.integers(0, len(data)))
            junk = draw({"nul": st.just(b"\x00"),
                         "bytes": st.binary(min_size=1, max_size=8),
                         "invalid": st.sampled_from([b"\xff", b"\xfe", b"\xc3", b"\xed\xa0\x80",
                                                     b"\xc0\xaf", b"\x80"])}[how])
            data[at:at] = junk
            edits.append(f"insert {junk!r} at byte {at}")
        return Mutated(bytes(data), edits)
    return Mutated(text.encode(how, errors="replace"), [f"encoded as {how}"])


@fuzz(60)
@given(doc=byte_mutations())
def test_wrong_encodings_and_stray_bytes(workdir, doc):
    data = doc.content
    path = workdir / "exercises.toml"
    path.write_bytes(data)
    result = load(path)
    if isinstance(result, Library):
        check_usable(result)
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        assert any("UTF-8" in str(p) for p in result.problems), str(result)


def test_a_utf8_bom_is_not_an_error(workdir):
    # Notepad and many Windows editors save UTF-8 with a byte-order mark.
    path = workdir / "bom.toml"
    path.write_bytes(b"\xef\xbb\xbf" + REAL_TEXT.encode("utf-8"))
    assert set(load_library([path]).exercises) == {e["id"] for e in EXERCISES}


class Case(Mutated):
    """A parsed copy of the real file with one field changed, and where."""

    def __init__(self, doc: dict[str, Any], edit: str, at: Any, key: str,
                 fields: tuple[str, ...] = ()):
        super().__init__(toml_doc(doc), [edit])
        self.at, self.key, self.fields = at, key, fields or (key,)


@st.composite
def bad_exercise_field(draw: st.DrawFn) -> Case:
    doc = copy_doc()
    exercise = draw(st.sampled_from(doc["exercise"]))
    ex_id = exercise["id"]
    op = draw(st.sampled_from(["set", "set", "set", "delete", "unknown"]))
    if op == "delete":
        key = draw(st.sampled_from(REQUIRED[1:]))
        del exercise[key]
        return Case(doc, f"{ex_id}: delete {key}", ex_id, key)
    if op == "unknown":
        key = draw(TEXT.filter(lambda k: k not in REQUIRED and k not in BAD_EXERCISE_FIELDS
                               and k not in ("directions",)))
        exercise[key] = value = draw(ANY_VALUE)
        return Case(doc, f"{ex_id}: add {key!r} = {value!r:.60}", ex_id, key)
    key = draw(st.sampled_from(sorted(BAD_EXERCISE_FIELDS)))
    values, fields = BAD_EXERCISE_FIELDS[key]
    exercise[key] = value = draw(values)
    return Case(doc, f"{ex_id}: {key} = {value!r:.60}", ex_id, key, fields)


@fuzz(120)
@given(case=bad_exercise_field())
def test_a_bad_exercise_field_is_named_with_its_exercise(workdir, case):
    exercise_id, key, fields = case.at, case.key, case.fields
    path = workdir / "exercises.toml"
    path.write_text(case.content, encoding="utf-8")
    result = load(path)
    assert isinstance(result, LibraryError), f"{exercise_id}.{key} was accepted"
    named = problems_at(result, f'exercise "{exercise_id}"', fields)
    assert named, f"no problem names exercise {exercise_id!r} and field {key!r}:\n{result}"
    assert all(f":{p.line}" in str(p) for p in result.problems
               if p.where == f'exercise "{exercise_id}"' and p.line is not None)


BAD_TRIGGER_FIELDS: dict[str, st.SearchStrategy[Any]] = {
    "kind": st.one_of(NOT_A_STRING, TEXT.filter(lambda s: s not in (
        "start-of-day", "interval", "pre-meeting", "fixed-time", "end-of-day"))),
    "name": st.one_of(NOT_A_STRING, BLANK),
    "cue": st.one_of(NOT_A_STRING, BLANK),
    "exercises": st.one_of(
        NOT_A_STRING.filter(lambda v: not isinstance(v, list)), st.just([]),
        st.lists(st.one_of(st.integers(), TEXT.filter(lambda s: s not in {
            e["id"] for e in EXERCISES})), min_size=1, max_size=3),
        st.lists(st.fixed_dictionaries({"id": st.just("core-bracing"),
                                        "reps": st.one_of(st.integers(max_value=0), TEXT)}),
                 min_size=1, max_size=2),
    ),
    "every_minutes": st.one_of(NOT_A_NUMBER, st.floats(), st.integers(max_value=0),
                               st.integers(min_value=24 * 60 + 1)),
    "lead_minutes": st.one_of(NOT_A_NUMBER, st.floats(), st.integers(max_value=-1),
                              st.integers(min_value=24 * 60 + 1)),
    "at": st.one_of(st.integers(), st.floats(), st.booleans(),
                    st.sampled_from(["", "25:00", "13h30", "noon", "13:30+02:00",
                                     "1:30 pm", "13:60"])),
}
TRIGGER_PARAM = {"interval": "every_minutes", "pre-meeting": "lead_minutes",
                 "fixed-time": "at"}


@st.composite
def bad_trigger_field(draw: st.DrawFn) -> Case:
    doc = copy_doc()
    index = draw(st.integers(0, len(TRIGGERS) - 1))
    trigger = doc["routine"]["trigger"][index]
    keys = ["kind", "name", "cue", "exercises"]
    if trigger["kind"] in TRIGGER_PARAM:
        keys.append(TRIGGER_PARAM[trigger["kind"]])
    key = draw(st.sampled_from(keys))
    if draw(st.booleans()) and key != "kind":
        del trigger[key]
        edit = f"trigger {index + 1}: delete {key}"
    else:
        trigger[key] = value = draw(BAD_TRIGGER_FIELDS[key])
        edit = f"trigger {index + 1}: {key} = {value!r:.60}"
    return Case(doc, edit, index + 1, key)


@fuzz(80)
@given(case=bad_trigger_field())
def test_a_bad_trigger_field_is_named_with_its_trigger(workdir, case):
    number, key = case.at, case.key
    path = workdir / "exercises.toml"
    path.write_text(case.content, encoding="utf-8")
    result = load(path)
    assert isinstance(result, LibraryError), f"trigger {number}.{key} was accepted"
    assert problems_at(result, f"routine trigger {number}", (key,)), str(result)


NUMERIC_FIELDS = ("nominal_seconds", "for_seconds", "reps")
ODD_NUMBER = st.one_of(
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([1e-300, 5e-324, 1e-3, 0.05, 599.9, 600, 601, 10**9, 2**63 - 1]),
)


@st.composite
def odd_numbers(draw: st.DrawFn) -> Mutated:
    """Extreme but well-typed numbers anywhere numbers go: accepted means usable."""
    doc = copy_doc()
    edits = []
    for _ in range(draw(st.integers(1, 3))):
        where = draw(st.sampled_from(["exercise", "phase", "reps", "trigger"]))
        if where == "exercise":
            exercise = draw(st.sampled_from(doc["exercise"]))
            key = draw(st.sampled_from(["nominal_seconds", "for_seconds"]))
            if key in exercise or key == "nominal_seconds":
                exercise[key] = draw(ODD_NUMBER)
                edits.append(f"{exercise['id']}: {key} = {exercise[key]!r}")
        elif where == "phase":
            exercise = draw(st.sampled_from(doc["exercise"]))
            n = draw(st.integers(0, len(exercise["cycle"]) - 1))
            exercise["cycle"][n]["seconds"] = value = draw(ODD_NUMBER)
            edits.append(f"{exercise['id']}: cycle[{n}].seconds = {value!r}")
        elif where == "reps":
            exercise = draw(st.sampled_from([e for e in doc["exercise"] if "reps" in e]))
            low = draw(st.integers(min_value=-5, max_value=2**40))
            exercise["reps"] = draw(st.one_of(
                st.just(low), st.just({"min": low, "max": draw(
                    st.integers(min_value=low, max_value=max(low, 2**40)))})))
            edits.append(f"{exercise['id']}: reps = {exercise['reps']!r}")
        else:
            trigger = draw(st.sampled_from([t for t in doc["routine"]["trigger"]
                                            if t["kind"] in ("interval", "pre-meeting")]))
            key = TRIGGER_PARAM[trigger["kind"]]
            trigger[key] = draw(st.integers(min_value=-(2**63), max_value=2**63 - 1))
            edits.append(f"{trigger['kind']} trigger: {key} = {trigger[key]!r}")
    return Mutated(toml_doc(doc), edits)


@fuzz(100)
@given(doc=odd_numbers())
def test_extreme_numbers_are_refused_or_work(workdir, doc):
    path = workdir / "exercises.toml"
    path.write_text(doc.content, encoding="utf-8")
    result = load(path)
    if isinstance(result, Library):
        check_usable(result)


# -- nothing in the file is run or opened -----------------------------------------------------

HOSTILE = [
    "../../etc/passwd", "/etc/shadow", "~/.ssh/id_rsa", "$(touch /tmp/microtui-pwned)",
    "`touch /tmp/microtui-pwned`", "; rm -rf / #", "{__import__('os').system('id')}",
    "__import__('os').system('id')", "%s%s%n", "{0.__class__}", "file:///etc/passwd",
    "[bold red]markup[/]", "[@click=app.quit]click[/]", "\\\\server\\share\\x",
]


@fuzz(40)
@given(hostile=st.lists(st.sampled_from(HOSTILE), min_size=1, max_size=3).map(" ".join),
       fields=st.sets(st.sampled_from(["name", "instruction", "effect", "nominal_label",
                                       "tempo", "muscles", "frames", "cue", "trigger"]),
                      min_size=1))
def test_text_in_the_file_is_only_text(workdir, hostile, fields):
    doc = copy_doc()
    for exercise in doc["exercise"]:
        for key in fields & {"name", "instruction", "effect", "nominal_label"}:
            exercise[key] = hostile
        if "tempo" in fields and "tempo" in exercise:
            exercise["tempo"] = hostile
        if "muscles" in fields:
            exercise["muscles"] = [hostile]
        if "frames" in fields:
            exercise["frames"] = [hostile, hostile]
        if "cue" in fields:
            for phase in exercise["cycle"]:
                phase["cue"] = hostile
    if "trigger" in fields:
        doc["routine"]["name"] = hostile
        for trigger in doc["routine"]["trigger"]:
            trigger["name"] = trigger["cue"] = hostile
    path = workdir / "exercises.toml"
    path.write_text(toml_doc(doc), encoding="utf-8")
    with audit() as log:
        library = load_library([path])
    assert log.opened_other_than(path) == []
    assert log.dangerous == []
    assert not Path("/tmp/microtui-pwned").exists()
    if "name" in fields:
        assert {e.name for e in library.exercises.values()} == {hostile}
    if "frames" in fields:
        assert all(e.frames == (hostile, hostile) for e in library.exercises.values())
    if "trigger" in fields:
        assert {t.cue for t in library.default_routine.triggers} == {hostile}


def test_an_id_that_looks_like_a_path_is_refused_without_opening_it(workdir):
    doc = copy_doc()
    doc["exercise"][0]["id"] = "../../etc/passwd"
    path = workdir / "exercises.toml"
    path.write_text(toml_doc(doc), encoding="utf-8")
    with audit() as log, pytest.raises(LibraryError) as info:
        load_library([path])
    assert log.opened_other_than(path) == []
    assert "'../../etc/passwd'" in str(info.value)


def test_the_usability_check_can_fail():
    """An exercise that plays nothing is caught (the guard of the fuzz tests works)."""
    library = load_library([REAL_PATH])
    exercise = next(iter(library.exercises.values()))
    broken = Library(exercises={exercise.id: exercise._replace(cycle=())}, routines=[])
    with pytest.raises(AssertionError):
        check_usable(broken)

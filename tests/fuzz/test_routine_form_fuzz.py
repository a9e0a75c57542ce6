"""Fuzzing the routine form: whatever is typed or pasted into its fields, validation answers.

:func:`validate` never raises, and each problem is a short, printable sentence beside a
field the form knows. What validation lets through converts (:meth:`RoutineDraft.to_routine`,
:meth:`RoutineDraft.to_settings`) without error; what it refuses is refused with a reason.
The hold and repetition adjustments stay within the guide's bounds however they are
pressed. The calendar field is only text: validating never opens or runs it (a save
reads it, as a calendar only: tests/functional/test_routine_calendar.py).
"""

from __future__ import annotations

import math
import re
from dataclasses import replace

from hypothesis import given
from hypothesis import strategies as st

from microtui.core.loader import builtin_path, load_library
from microtui.core.routine import TRIGGER_ORDER, SetItem, TriggerKind
from microtui.core.routine_draft import RoutineDraft, routine_id_for
from microtui.core.routine_validation import errors_only, set_field, validate
from microtui.core.schedule import ScheduleSettings
from microtui.core.set_builder import HOLD_EXTRA_MAX, RHYTHM_EXTRA_MAX
from tests.fuzz import (
    HANG_SECONDS,
    audit,
    control_characters,
    fuzz,
    python_internals,
    time_limit,
)

LIBRARY = load_library([builtin_path()])
EXERCISES = LIBRARY.exercises
IDS = sorted(EXERCISES)
BASE = RoutineDraft.new(EXERCISES, name="My desk day")
FIELDS = {"name", "core", "extras", "interval", "workday_start", "workday_end",
          "working_days", "pre_meeting_lead", "mid_afternoon", "calendar", "sets",
          *(set_field(kind) for kind in TRIGGER_ORDER)}
#: The fields a saved routine's settings are made from.
SETTINGS_FIELDS = {"interval", "workday_start", "workday_end", "working_days",
                   "pre_meeting_lead"}
ROUTINE_FIELDS = {"interval", "pre_meeting_lead", "mid_afternoon", "sets"}
MAX_MESSAGE = 200

# -- what people type -------------------------------------------------------------------------

ANY_TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40)
DIGITS = st.sampled_from(["0", "1", "٣", "۵", "९", "²", "½", "Ⅻ", "𝟗", "①", "０", "１"])
NEAR_NUMBER = st.one_of(
    st.integers(-10, 10**6).map(str),
    st.lists(DIGITS, min_size=1, max_size=4).map("".join),
    st.sampled_from(["", " ", "20 ", " 15", "+20", "-5", "20.0", "2e1", "0x14", "twenty",
                     "20min", "1_0", "0020", "9" * 5000, "0" * 4999 + "20", "\t20\n",
                     "20\x00", "\u200b20", "20\u00a0"]),
)
NEAR_TIME = st.one_of(
    st.builds("{}:{}".format, st.integers(-1, 30), st.integers(-1, 70)),
    st.builds("{:02d}:{:02d}".format, st.integers(0, 99), st.integers(0, 99)),
    st.builds("{}{}:{}{}".format, DIGITS, DIGITS, DIGITS, DIGITS),
    st.sampled_from(["", "9", "9:5", "09:00:00", "9.30", "9h30", "noon", "24:00", "23:59",
                     "00:00", " 09:00 ", "09:00\n", "0900", "9:00 am", "٠٩:٣٠", "１２:００",
                     "12:00" + "0" * 3000, "\x1b[2J"]),
)
NEAR_WEEKDAYS = st.one_of(
    st.lists(st.sampled_from(["mon", "tue", "wed", "thu", "fri", "sat", "sun", "Monday",
                              "FRIDAY", "mon-fri", "fri-mon", "sat-sun", "mon-tue-wed",
                              "-", "mo", "", "jeudi", "mon–fri"]),
             max_size=4).map(" ".join),
    st.sampled_from(["", ",", "mon,,fri", "mon-fri\x00", "mon" * 2000]),
)
HOSTILE_PATHS = st.sampled_from([
    "../../etc/passwd", "/etc/shadow", "~/.ssh/id_rsa", "$(rm -rf /)",
    "`touch /tmp/microtui-pwned`", "; rm -rf / #", "~/cal.ics; rm -rf ~",
    "file:///etc/passwd", "\\\\server\\share\\cal.ics", "/dev/zero", "/proc/self/environ",
    "cal.ics\x00.txt", "|cat /etc/passwd", "${HOME}/cal.ics", "%APPDATA%\\cal.ics",
])


def one_of_fields(**strategies: st.SearchStrategy[str]) -> st.SearchStrategy[dict[str, str]]:
    """Some of the draft's text fields, each from its strategy or anything at all."""
    return st.fixed_dictionaries({}, optional={
        name: st.one_of(strategy, ANY_TEXT) for name, strategy in strategies.items()})


TYPED = one_of_fields(
    name=st.one_of(ANY_TEXT, st.sampled_from(["", "   ", "My desk day", "x" * 10_000])),
    interval=NEAR_NUMBER, pre_meeting_lead=NEAR_NUMBER,
    workday_start=NEAR_TIME, workday_end=NEAR_TIME, mid_afternoon=NEAR_TIME,
    working_days=NEAR_WEEKDAYS, calendar=st.one_of(HOSTILE_PATHS, ANY_TEXT),
)


def check_problems(problems: list) -> None:
    for problem in problems:
        assert problem.field in FIELDS, problem
        assert problem.severity in ("error", "warning"), problem
        assert problem.message.strip(), problem
        assert len(problem.message) <= MAX_MESSAGE, (
            f"a {len(problem.message)}-character message: {problem.message[:120]!r}…")
        assert not control_characters(problem.message), problem
        assert not python_internals(problem.message), problem


# -- the tests --------------------------------------------------------------------------------


@fuzz(200)
@given(typed=TYPED, other_names=st.lists(ANY_TEXT, max_size=3))
def test_whatever_is_typed_validation_answers_clearly(typed, other_names):
    draft = replace(BASE, **typed)
    with time_limit(HANG_SECONDS, "validating the form"):
        problems = validate(draft, EXERCISES, other_names=other_names)
    check_problems(problems)
    refused = {p.field for p in errors_only(problems)}
    # Every field that validation lets through converts; every refusal is a real one.
    if not refused & SETTINGS_FIELDS:
        settings = draft.to_settings(ScheduleSettings())
        assert settings.workday_start < settings.workday_end
        assert 10 <= settings.interval_minutes <= 120
        assert 0 <= settings.pre_meeting_lead_minutes <= 30
    if not refused & ROUTINE_FIELDS:
        routine = draft.to_routine("mine", draft.name.strip() or "Mine")
        assert routine.triggers
    if not refused:
        assert draft.name.strip()
    for field, (low, high) in {"interval": (10, 120), "pre_meeting_lead": (0, 30)}.items():
        text = getattr(draft, field).strip()
        if re.fullmatch(r"[0-9]{1,4}", text) and low <= int(text) <= high:
            assert field not in refused, (field, text, problems)
    for field in ("workday_start", "mid_afternoon"):
        text = getattr(draft, field).strip()
        if re.fullmatch(r"([01]?[0-9]|2[0-3]):[0-5][0-9]", text):
            assert field not in refused, (field, text, problems)


@fuzz(100)
@given(name=ANY_TEXT, taken=st.sets(st.from_regex(r"[a-z0-9][a-z0-9-]{0,12}", fullmatch=True),
                                    max_size=5))
def test_a_routine_id_is_always_a_valid_new_id(name, taken):
    routine_id = routine_id_for(name, taken)
    assert re.fullmatch(r"[a-z0-9][a-z0-9-]*", routine_id), routine_id
    assert routine_id not in taken and routine_id != "guide-day-plan"


@st.composite
def presses(draw: st.DrawFn) -> tuple[RoutineDraft, list[tuple[TriggerKind, int, int]]]:
    """A draft from any core set and extras, and a run of +/- presses on its sets."""
    core = tuple(draw(st.lists(st.sampled_from(IDS), min_size=1, max_size=4, unique=True)))
    extras = tuple(draw(st.lists(st.sampled_from(IDS), max_size=2, unique=True)))
    draft = RoutineDraft.new(EXERCISES, name="Pressed", core=core, extras=extras)
    kinds = [kind for kind in TRIGGER_ORDER if draft.items(kind)]
    steps = []
    for _ in range(draw(st.integers(1, 40))):
        kind = draw(st.sampled_from(kinds))
        index = draw(st.integers(0, len(draft.items(kind)) - 1))
        steps.append((kind, index, draw(st.sampled_from([1, 1, 1, -1]))))
    return draft, steps


@fuzz(120)
@given(case=presses())
def test_plus_and_minus_stay_within_the_guides_bounds(case):
    draft, steps = case
    for kind, index, step in steps:
        before = draft.items(kind)[index]
        draft = draft.adjust(kind, index, step, EXERCISES)
        after = draft.items(kind)[index]
        exercise = EXERCISES[after.exercise_id]
        assert 0 <= after.hold_extra_seconds <= HOLD_EXTRA_MAX
        if exercise.reps is not None and after.reps is not None:
            assert exercise.reps.min <= after.reps <= exercise.reps.max
        if exercise.for_seconds is not None:
            assert after == before, "a timed rhythm keeps its time"
    problems = validate(draft, EXERCISES)
    check_problems(problems)
    bound_errors = [p for p in errors_only(problems)
                    if "repetitions must be" in p.message or "a hold may grow" in p.message
                    or "has no hold" in p.message or "equal time" in p.message]
    assert bound_errors == []


ODD_EXTRA = st.one_of(st.floats(allow_nan=True, allow_infinity=True),
                      st.integers(-(10**6), 10**6))
ODD_REPS = st.one_of(st.none(), st.integers(-(2**63), 2**63))


@fuzz(150)
@given(items=st.lists(st.builds(SetItem, st.one_of(st.sampled_from(IDS), ANY_TEXT),
                                ODD_REPS, ODD_EXTRA, st.booleans(), ODD_EXTRA), max_size=4),
       kind=st.sampled_from(TRIGGER_ORDER))
def test_a_tampered_set_is_refused_with_a_reason(items, kind):
    """Sets also come back from the store: odd repetitions and holds get errors, no crash."""
    draft = BASE.with_set(kind, items)
    with time_limit(HANG_SECONDS, "validating odd sets"):
        problems = validate(draft, EXERCISES)
    check_problems(problems)
    errors = {p.field for p in errors_only(problems)}
    for item in items:
        exercise = EXERCISES.get(item.exercise_id)
        extra = item.hold_extra_seconds
        unknown = exercise is None
        bad_hold = bool(extra) and (math.isnan(extra) or not 0 <= extra <= HOLD_EXTRA_MAX)
        rhythm = item.rhythm_extra_seconds
        bad_rhythm = bool(rhythm) and (math.isnan(rhythm) or not 0 <= rhythm <= RHYTHM_EXTRA_MAX)
        bad_reps = (not unknown and item.reps is not None and exercise.reps is not None
                    and not exercise.reps.min <= item.reps <= exercise.reps.max)
        if unknown or bad_hold or bad_rhythm or bad_reps:
            assert set_field(kind) in errors, (item, problems)


@fuzz(60)
@given(calendar=st.one_of(HOSTILE_PATHS, st.lists(HOSTILE_PATHS, min_size=2, max_size=3)
                          .map(" ".join)),
       name=st.one_of(HOSTILE_PATHS, st.just("Desk day")))
def test_the_calendar_field_is_never_opened_or_run(calendar, name):
    draft = replace(BASE, calendar=calendar, name=name)
    with audit() as log:
        problems = validate(draft, EXERCISES)
        routine = draft.to_routine("mine", name)
        settings = draft.to_settings(ScheduleSettings())
        draft.design_dict()
    assert log.opened == []
    assert log.dangerous == []
    assert routine.name == name and settings.interval_minutes == 20
    # Only advice: the path is the user's to choose, and nothing is checked on disk.
    assert [p for p in problems if p.field == "calendar" and p.is_error] == []
    assert errors_only(problems) == []

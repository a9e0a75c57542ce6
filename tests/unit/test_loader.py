"""The loader is strict and its messages name the file, the exercise and the field."""

from __future__ import annotations

from pathlib import Path

import pytest

from microtui.core.loader import LibraryError, builtin_path, load_library

VALID = '''\
[[exercise]]
id = "squeeze"
name = "Squeeze"
region = "hand-wrist"
posture = "seated"
instruction = "Squeeze."
effect = "Strong hands."
muscles = ["hands"]
nominal_seconds = 3
nominal_label = "3 s"
reps = { min = 2, max = 4 }
cycle = [
  { kind = "hold", seconds = 3, breath = "exhale", cue = "Squeeze" },
  { kind = "release", seconds = 2, breath = "inhale", cue = "Release" },
]

[routine]
id = "mine"
name = "Mine"

[[routine.trigger]]
kind = "interval"
name = "Every 20 min"
cue = "Timer"
every_minutes = 20
exercises = ["squeeze"]
'''


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "mine.toml"
    path.write_text(text, encoding="utf-8")
    return path


def problems_for(tmp_path: Path, text: str) -> list[str]:
    path = write(tmp_path, text)
    with pytest.raises(LibraryError) as info:
        load_library([path])
    return [str(p) for p in info.value.problems]


def test_valid_file_loads(tmp_path):
    library = load_library([write(tmp_path, VALID)])
    assert list(library.exercises) == ["squeeze"]
    assert library.exercises["squeeze"].total_seconds() == 10  # 2 reps of 3 s + 2 s
    assert library.default_routine.id == "mine"


@pytest.mark.parametrize(
    ("old", "new", "field", "says"),
    [
        ('posture = "seated"\n', 'posture = "seated"\ncolour = "red"\n', "colour", "unknown key"),
        ('effect = "Strong hands."\n', "", "effect", "missing"),
        ('name = "Squeeze"', "name = 7", "name", "must be a string"),
        ("nominal_seconds = 3", "nominal_seconds = 0", "nominal_seconds", "greater than zero"),
        ('seconds = 3, breath = "exhale"', 'seconds = -1, breath = "exhale"', "cycle[0].seconds",
         "greater than zero"),
        ('region = "hand-wrist"', 'region = "elbows"', "region", "unknown region 'elbows'"),
        ('breath = "exhale"', 'breath = "hold"', "cycle[0].breath", "unknown breath"),
        ("reps = { min = 2, max = 4 }", "reps = { min = 4, max = 2 }", "reps", "less than min"),
        ("reps = { min = 2, max = 4 }", "", "reps", "exactly one of reps"),
        ('muscles = ["hands"]', 'muscles = "hands"', "muscles", "list of strings"),
        ('kind = "hold"', 'kind = "move"', "tempo", "must say its tempo"),
    ],
    ids=["unknown-key", "missing", "wrong-type", "zero-duration", "negative-duration",
         "unknown-region", "unknown-breath", "bad-range", "no-repetition", "not-a-list",
         "move-without-tempo"],
)
def test_exercise_errors_name_file_exercise_and_field(tmp_path, old, new, field, says):
    assert old in VALID
    found = problems_for(tmp_path, VALID.replace(old, new, 1))
    matching = [p for p in found if f'field "{field}"' in p]
    assert matching, found
    message = matching[0]
    assert "mine.toml:2:" in message  # file and the exercise's line
    assert 'exercise "squeeze"' in message
    assert says in message


def test_duplicate_id(tmp_path):
    exercise = VALID.split("[routine]")[0]
    found = problems_for(tmp_path, exercise + exercise + VALID[VALID.index("[routine]"):])
    assert any('exercise "squeeze"' in p and 'field "id"' in p and "duplicate" in p
               and "mine.toml:18:" in p for p in found), found


def test_routine_naming_unknown_exercise(tmp_path):
    found = problems_for(tmp_path, VALID.replace('exercises = ["squeeze"]',
                                                 'exercises = ["squeeze", "cartwheel"]'))
    assert len(found) == 1
    assert "mine.toml:26:" in found[0]  # the line naming it, in the routine
    assert 'routine trigger 1 ("interval")' in found[0]
    assert 'field "exercises[1]"' in found[0]
    assert "unknown exercise 'cartwheel'" in found[0]


def test_unknown_trigger_kind_and_bad_time(tmp_path):
    text = VALID + '''
[[routine.trigger]]
kind = "lunchtime"
name = "x"
cue = "x"
exercises = ["squeeze"]

[[routine.trigger]]
kind = "fixed-time"
name = "Mid"
cue = "After lunch"
at = "25:99"
exercises = ["squeeze"]
'''
    found = problems_for(tmp_path, text)
    assert any("routine trigger 2" in p and "unknown kind 'lunchtime'" in p for p in found)
    assert any('routine trigger 3 ("fixed-time")' in p and 'field "at"' in p for p in found)


def test_invalid_toml_gives_line_and_column(tmp_path):
    found = problems_for(tmp_path, VALID.replace('name = "Squeeze"', 'name = "Squeeze'))
    assert len(found) == 1
    assert found[0].startswith(f"{tmp_path / 'mine.toml'}:3:")
    assert "invalid TOML" in found[0]
    assert "(at line" not in found[0]  # folded into the position, not repeated


def test_every_problem_is_reported_at_once(tmp_path):
    text = VALID.replace('region = "hand-wrist"', 'region = "elbows"').replace(
        "nominal_seconds = 3", "nominal_seconds = -3")
    found = problems_for(tmp_path, text)
    assert any('field "region"' in p for p in found)
    assert any('field "nominal_seconds"' in p for p in found)


def test_missing_file(tmp_path):
    with pytest.raises(LibraryError) as info:
        load_library([tmp_path / "nope.toml"])
    assert "nope.toml" in str(info.value) and "not found" in str(info.value)


def test_user_file_overrides_and_adds_by_id(tmp_path):
    override = VALID.split("[routine]")[0].replace('id = "squeeze"', 'id = "grip-squeeze"')
    override = override.replace('name = "Squeeze"', 'name = "My grip"')
    extra = VALID.split("[routine]")[0]
    path = write(tmp_path, override + extra)
    library = load_library([builtin_path(), path])
    assert len(library.exercises) == 16
    assert library.exercises["grip-squeeze"].name == "My grip"
    assert library.exercises["squeeze"].name == "Squeeze"
    # The default routine still comes from the built-in file.
    assert library.default_routine.id == "guide-day-plan"


def test_a_library_without_routine_is_refused(tmp_path):
    found = problems_for(tmp_path, VALID.split("[routine]")[0])
    assert any("no [routine]" in p for p in found)


@pytest.mark.parametrize(
    ("old", "new", "field", "says"),
    [
        ("nominal_seconds = 3", "nominal_seconds = nan", "nominal_seconds", "number of seconds"),
        ("seconds = 3,", "seconds = inf,", "cycle[0].seconds", "number of seconds"),
        ("seconds = 3,", "seconds = 86400,", "cycle[0].seconds", "at most 600 seconds"),
        ("seconds = 3,", "seconds = 1e-300,", "cycle[0].seconds", "at least 0.1 seconds"),
        ("reps = { min = 2, max = 4 }", "reps = 1000000000", "reps", "at most 100"),
    ],
    ids=["nan", "inf", "a-day", "no-time", "a-billion-reps"],
)
def test_numbers_that_could_not_be_played_are_refused(tmp_path, old, new, field, says):
    # Each of these loaded before: nan played as nothing, a billion repetitions hung the
    # player building its plan, a tiny phase made a timed rhythm endless.
    found = problems_for(tmp_path, VALID.replace(old, new, 1))
    assert any(f'field "{field}"' in p and says in p for p in found), found


@pytest.mark.parametrize(("line", "value"), [("every_minutes = 20", "every_minutes = 10000000000"),
                                            ("every_minutes = 20", "every_minutes = 1441")])
def test_trigger_minutes_stay_within_a_day(tmp_path, line, value):
    # An interval of 10**10 minutes loaded, then planning the day raised OverflowError.
    found = problems_for(tmp_path, VALID.replace(line, value))
    assert any('field "every_minutes"' in p and "from 1 to 1440" in p for p in found), found


def test_a_fixed_time_with_a_utc_offset_is_refused(tmp_path):
    text = VALID.replace('kind = "interval"', 'kind = "fixed-time"').replace(
        "every_minutes = 20", 'at = "13:30+02:00"')
    found = problems_for(tmp_path, text)
    assert any('field "at"' in p and "local time of day" in p for p in found), found


def test_a_utf8_byte_order_mark_is_fine(tmp_path):
    path = tmp_path / "mine.toml"
    path.write_bytes(b"\xef\xbb\xbf" + VALID.encode())
    assert list(load_library([path]).exercises) == ["squeeze"]


def test_utf16_and_stray_bytes_say_to_save_as_utf8(tmp_path):
    path = tmp_path / "mine.toml"
    path.write_bytes(VALID.encode("utf-16"))
    assert "is UTF-16 text: save it as UTF-8" in str(problems_for_path(path))
    path.write_bytes(VALID.encode().replace(b"Strong", b"Str\xf6ng"))
    found = problems_for_path(path)
    assert found == [f"{path}:7:14: is not UTF-8 text (byte 0xf6): save it as UTF-8"]


def test_messages_escape_control_characters_and_stay_short(tmp_path):
    text = VALID.replace('posture = "seated"', 'posture = "seated"\n"\\u001b[2J" = 1').replace(
        'region = "hand-wrist"', f'region = "{"elbows" * 1000}"')
    found = problems_for(tmp_path, text)
    assert any('field "\\x1b[2J": unknown key' in p for p in found), found
    assert all("\x1b" not in p and len(p) < 400 for p in found), found


def problems_for_path(path: Path) -> list[str]:
    with pytest.raises(LibraryError) as info:
        load_library([path])
    return [str(p) for p in info.value.problems]


@pytest.mark.parametrize(("second", "field", "message"), [
    ('cues = ["Only one"]', "second_direction.cues", "one cue per cycle phase"),
    ("cues = 3", "second_direction.cues", "must be a list of cues"),
    ('cues = ["A", "B"]\ncolour = "red"', "second_direction.colour", "unknown key"),
    ('cues = ["A", "B"]\nframes = [1]', "second_direction.frames", "list of strings"),
])
def test_a_bad_second_direction_is_named(tmp_path, second, field, message):
    text = builtin_path().read_text()
    start = text.index("[exercise.second_direction]")
    end = text.index("[[exercise]]", start)  # the table runs to the next exercise
    broken = f"{text[:start]}[exercise.second_direction]\n{second}\n\n{text[end:]}"
    path = tmp_path / "exercises.toml"
    path.write_text(broken)
    with pytest.raises(LibraryError) as caught:
        load_library([path])
    assert any(p.field == field and message in p.message
               and p.where == 'exercise "shoulder-circle"'
               for p in caught.value.problems), caught.value

"""The guide's breath rule: "pair each contraction with a slow exhale; inhale during
release", after each exercise's own instruction. A file that breaks it still loads, and
``microtui check`` names file, line, exercise and phase."""

from __future__ import annotations

from pathlib import Path

import pytest

from microtui.cli import main
from microtui.core.breath_rule import breath_faults
from microtui.core.exercises import Breath, Phase, PhaseKind
from microtui.core.loader import builtin_path, load_library

HOLD_IN = Phase(PhaseKind.HOLD, 3, Breath.INHALE, "Squeeze")
HOLD_OUT = Phase(PhaseKind.HOLD, 3, Breath.EXHALE, "Squeeze")
RELEASE = Phase(PhaseKind.RELEASE, 2, Breath.INHALE, "Release")
STEADY_HOLD = Phase(PhaseKind.HOLD, 5, Breath.STEADY, "Hold, breathing naturally")
OUT_MOVE = Phase(PhaseKind.MOVE, 2, Breath.EXHALE, "Roll back")


@pytest.mark.parametrize(("cycle", "faults"), [
    ((HOLD_OUT, RELEASE), []),
    ((STEADY_HOLD, RELEASE), []),
    ((STEADY_HOLD,), []),  # a natural breath inhales too
    ((HOLD_IN, RELEASE), [0]),
    ((RELEASE, HOLD_IN), [1]),
    ((HOLD_OUT, HOLD_OUT), [None]),  # sixteen seconds of exhaling
    ((HOLD_OUT, OUT_MOVE), [None]),
    ((HOLD_IN, HOLD_IN), [0, 1]),  # inhales, but every contraction on an inhale
])
def test_breath_faults(cycle, faults):
    assert [f.phase for f in breath_faults(cycle)] == faults


def test_every_shipped_exercise_keeps_the_rule():
    library = load_library([builtin_path()])
    assert library.warnings == []
    for exercise in library.exercises.values():
        assert breath_faults(exercise.cycle) == [], exercise.id
        for planned in exercise.plan().phases:  # and so every phase the player cues
            assert not (planned.phase.kind is PhaseKind.HOLD
                        and planned.phase.breath is Breath.INHALE), exercise.id


MY_FILE = '''\
[[exercise]]
id = "grip-squeeze"
name = "Grip Squeeze, my way"
region = "hand-wrist"
posture = "seated"
instruction = "Squeeze a ball."
effect = "Grip."
muscles = ["forearm flexors"]
nominal_seconds = 3
nominal_label = "3 s"
reps = 4
cycle = [
  { kind = "hold", seconds = 3, breath = "inhale", cue = "Squeeze firmly" },
  { kind = "release", seconds = 3, breath = "inhale", cue = "Release" },
]

[[exercise]]
id = "knee-push"
name = "Knee Push"
region = "lower-body"
posture = "seated"
instruction = "Push the knees out, then together."
effect = "Hips."
muscles = ["gluteus medius"]
nominal_seconds = 8
nominal_label = "8 s"
reps = 4
cycle = [
  { kind = "hold", seconds = 2, breath = "exhale", cue = "Out" },
  { kind = "hold", seconds = 2, breath = "exhale", cue = "Together" },
]
'''


def test_check_names_file_line_exercise_and_phase(tmp_path: Path, capsys):
    mine = tmp_path / "exercises.toml"
    mine.write_text(MY_FILE)
    assert main(["check", str(mine)]) == 0  # warnings: the file still loads
    out = capsys.readouterr().out
    assert "2 warnings against the guide's advice" in out
    [grip] = [line for line in out.splitlines() if '"grip-squeeze"' in line]
    assert f"{mine}:13:" in grip  # the phase's own line
    assert 'field "cycle[0].breath"' in grip and "cued as an inhale" in grip
    [knee] = [line for line in out.splitlines() if '"knee-push"' in line]
    assert f"{mine}:28:" in knee and "never inhales" in knee  # its cycle


def test_check_of_the_shipped_file_prints_no_warning(capsys):
    assert main(["check"]) == 0
    out = capsys.readouterr().out
    assert ": OK" in out and "warning" not in out

"""The installed microtui in a 60x20 terminal: the compact player plays a set to its end
and the set is logged as played."""

from __future__ import annotations

import json
import subprocess

import pytest

from tests.e2e.conftest import MICROTUI

pytestmark = [pytest.mark.e2e, pytest.mark.serial]


def export(data_dir) -> dict:
    result = subprocess.run([str(MICROTUI), "--data", str(data_dir), "export"],
                            capture_output=True, text=True, timeout=30, check=True)
    return json.loads(result.stdout)


def test_a_set_plays_to_its_end_in_a_60x20_terminal(terminal, tmp_path):
    data = tmp_path / "data"
    # The first run of the workday: the start-of-day set (44 s) is due at once; at 8x it
    # plays in 5.5 s.
    term = terminal("--data", str(data), size=(60, 20),
                    env={"MICROTUI_NOW": "2026-11-25T09:40:00", "MICROTUI_SPEED": "8",
                         "TZ": "UTC"})
    term.wait_for("Due now")
    term.keys("Enter")
    term.wait_for("check-in")
    term.keys("Escape")  # skip the start-of-day check-in
    # The compact player: the exercise, its rep, the cue, the countdown, the breath, keys.
    screen = term.wait_for(lambda s: "rep " in s and "space pause" in s and "esc end" in s)
    assert "Transverse Abdominal Bracing" in screen
    assert "Terminal too small" not in screen and "too small" not in screen
    assert any(word in screen for word in ("Inhale", "Exhale"))
    # Its keys work: space pauses (and the key line says how to resume), and resumes.
    term.keys("Space")
    term.wait_for("space resume")
    term.keys("Space")
    term.wait_for("space pause")
    term.wait_for("Shoulder Circle", timeout=30)
    term.wait_for("How did it feel?", timeout=60)
    summary = term.screen()
    assert "Moved 44 s · 2 of 2 exercises done" in summary
    term.keys("small screen", "Enter")
    term.wait_for(lambda s: "How did it feel?" not in s and "— Today" in s)
    term.keys("q")
    screen = term.wait_for(lambda s: "check-in" in s or "EXITED" in s)
    if "EXITED" not in screen:
        term.keys("Escape")
    term.wait_for("EXITED 0")
    [record] = export(data)["sessions"]
    assert record["outcome"] == "completed"
    assert record["event_id"] == "2026-11-25:start-of-day:09:40"
    assert record["note"] == "small screen"
    assert record["active_seconds"] == 44.0

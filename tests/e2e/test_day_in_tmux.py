"""The installed microtui in a real terminal, driven by keys alone."""

from __future__ import annotations

import json
import subprocess
from dataclasses import replace
from datetime import time

import pytest

from microtui.store import Store
from tests.e2e.conftest import MICROTUI

pytestmark = [pytest.mark.e2e, pytest.mark.serial]


def export(data_dir) -> dict:
    result = subprocess.run([str(MICROTUI), "--data", str(data_dir), "export"],
                            capture_output=True, text=True, timeout=30, check=True)
    return json.loads(result.stdout)


def test_a_set_comes_due_is_played_with_pause_and_logged(terminal, tmp_path):
    data = tmp_path / "data"
    # 09:59:30 at 2x: the 10:00 interval set comes due about 15 s from now, and its 25 s
    # take 12.5 s: time for a loaded machine to see the player and pause it well before
    # the set ends. (Sets are not merged, so the start of day stays a set of its own.)
    # The workday ends at 10:45, so quitting at 10:00 is in its last hour: the end-of-day
    # check-in is offered then.
    with Store.open(data) as store:
        store.update_settings(lambda saved: replace(
            saved, schedule=replace(saved.schedule, merge_minutes=0,
                                    workday_end=time(10, 45))))
    term = terminal("--data", str(data),
                    env={"MICROTUI_NOW": "2026-11-25T09:59:30", "MICROTUI_SPEED": "6",
                         "TZ": "UTC"})
    term.wait_for("Wednesday 25 November")
    # The first run of the workday is the guide's start of day: that set is due at once.
    term.wait_for(lambda s: "09:59" in s and "▶ due" in s and "Start of Day" in s)
    term.keys("x")
    term.wait_for("skipped")
    screen = term.wait_for(lambda s: "10:00" in s and "▶ due" in s and "Ankle Pumps" in s,
                           timeout=60)
    assert "Due now" in screen
    # Play, and pause as soon as the player shows to see it hold.
    term.keys("Enter")
    term.wait_for("check-in")  # the day's first set opens with the start-of-day check-in
    term.keys("7", "5", "6", "Enter")
    term.wait_for("rep ")
    term.keys("Space")
    paused = term.wait_for("Resume")
    first = paused
    assert term.wait_for(lambda s: s == first, timeout=3)  # nothing moves while paused
    term.keys("Space")
    term.wait_for("How did it feel?", timeout=30)
    term.keys("calves warm", "Enter")
    term.wait_for(lambda s: "✓ done" in s and "Moved" in s)
    term.keys("q")
    term.wait_for("check-in")  # the end-of-day check-in, offered on quitting
    term.keys("Escape")
    term.wait_for("EXITED 0")
    exported = export(data)
    assert [(c["moment"], c["stiffness"]) for c in exported["checkins"]] == [("start", 7)]
    sessions = exported["sessions"]
    assert [(s["event_id"], s["outcome"], s["note"]) for s in sessions] == [
        ("2026-11-25:start-of-day:09:59", "skipped", ""),
        ("2026-11-25:interval:10:00", "completed", "calves warm")]


def test_a_second_instance_is_refused_and_a_restart_shows_the_same_day(terminal, tmp_path):
    data = tmp_path / "data"
    env = {"MICROTUI_NOW": "2026-11-25T10:01:00", "TZ": "UTC"}
    first = terminal("--data", str(data), env=env)
    first.wait_for("Due now")
    second = terminal("--data", str(data), env=env)
    screen = second.wait_for("EXITED 2")
    assert "Another microtui" in screen and "Traceback" not in screen
    first.keys("x")  # skip the due set: the start of day, at first run
    first.wait_for("skipped")
    first.keys("q")
    first.wait_for("EXITED 0")
    again = terminal("--data", str(data), env=env)
    screen = again.wait_for("skipped")
    assert "10:01" in screen and "Start of Day" in screen


def test_closing_the_terminal_mid_set_logs_it_partial_and_exits(terminal, tmp_path):
    import subprocess as sp
    import time

    data = tmp_path / "data"
    term = terminal("--data", str(data),
                    env={"MICROTUI_NOW": "2026-11-25T09:40:00", "TZ": "UTC"})
    term.wait_for("Due now")
    term.keys("Enter")  # the start-of-day set (the first run of the day), at real speed
    term.wait_for("check-in")
    term.keys("Escape")
    term.wait_for("rep ")
    time.sleep(2.5)
    term.close()  # SIGHUP, as a closed tab
    deadline = time.monotonic() + 30  # the app ends itself within 2 s; a safety net
    while time.monotonic() < deadline:
        alive = sp.run(["pgrep", "-f", f"microtui --data {data}"], capture_output=True)
        if alive.returncode != 0:
            break
        time.sleep(0.2)
    else:
        sp.run(["pkill", "-9", "-f", f"microtui --data {data}"])
        raise AssertionError("microtui was still running 30 s after its terminal closed")
    assert not (data / "microtui.lock").exists()
    [record] = export(data)["sessions"]
    assert record["outcome"] == "partial"
    assert record["event_id"] == "2026-11-25:start-of-day:09:40"
    assert 0 < sum(e["done_seconds"] for e in record["exercises"]) < 44

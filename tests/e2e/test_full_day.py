"""A whole (fast-forwarded) workday in a real terminal, by keys alone.

First start, the start-of-day set comes due and is played with a pause and a resume after
the start-of-day check-in, a routine is built and saved on the Routine screen, Progress
shows the day, quitting offers the end-of-day check-in, and a restart shows the same day.
"""

from __future__ import annotations

import json
import re
import subprocess
import time
from dataclasses import replace
from datetime import datetime
from datetime import time as dt_time

import pytest

from microtui.store import Store
from tests.e2e.conftest import MICROTUI, Terminal

pytestmark = [pytest.mark.e2e, pytest.mark.serial]

# 08:59 at 5x: the start-of-day set (workday start, 09:00) comes due ~12 s after start and
# plays its 44 s in ~8.8 s, long enough to pause by keys on a loaded machine; the next set
# (09:20 once the routine is changed) comes due only 4 real minutes after start.
FIRST = {"MICROTUI_NOW": "2026-11-25T08:59:00", "MICROTUI_SPEED": "5", "TZ": "UTC"}
# The restart comes later the same morning, before the next set (09:20) is due.
AGAIN = {**FIRST, "MICROTUI_NOW": "2026-11-25T09:10:00"}
ROW = re.compile(r"^\s*│\s*▸?\s*(\d\d:\d\d)  (\S.*?)\s{2,}.*?"
                 r"([✓◐▶⏸⤼✗·] (?:done|partial|due|snoozed|skipped|missed|upcoming))")
SLOW = 30.0  # the first open of a screen imports it; a loaded machine is slow


def export(data_dir) -> dict:
    result = subprocess.run([str(MICROTUI), "--data", str(data_dir), "export"],
                            capture_output=True, text=True, timeout=30, check=True)
    return json.loads(result.stdout)


def marks(screen: str) -> list[tuple[str, str, str]]:
    """Today's timeline as (time, set, state mark), without the moving "in 10 min"."""
    return [m.groups() for line in screen.splitlines() if (m := ROW.match(line))]


def line_with(screen: str, text: str) -> str:
    return next((line.strip() for line in screen.splitlines() if text in line), "")


def styled_line(term: Terminal, text: str) -> str:
    """The line holding ``text``, with its colours (a focus move shows only in them)."""
    return line_with(term.styled(), text)


def wait_for_restyle(term: Terminal, text: str, before: str, timeout: float = 15.0) -> None:
    """Wait until the line holding ``text`` changes colour. (Only that line: the cursor
    blinking in a text field changes the screen's colours all the time.)"""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if styled_line(term, text) != before:
            return
        time.sleep(0.1)
    raise AssertionError(f"{text!r} did not change; the screen shows:\n{term.screen()}")


def test_a_full_day_by_keys_and_a_restart_shows_the_same_day(terminal, tmp_path):
    data = tmp_path / "data"
    # The workday ends at 09:55, so the morning is its last hour: quitting offers the
    # end-of-day check-in.
    with Store.open(data) as store:
        store.update_settings(lambda saved: replace(
            saved, schedule=replace(saved.schedule, workday_end=dt_time(9, 55))))
    term = terminal("--data", str(data), env=FIRST)

    # -- first start: the start-of-day set is at the workday start, and comes due -------
    screen = term.wait_for("Wednesday 25 November", timeout=SLOW)
    assert "Start of Day" in screen and "Traceback" not in screen
    screen = term.wait_for(lambda s: ("09:00", "Start of Day", "▶ due") in marks(s))
    assert "Due now" in screen

    # -- the start-of-day check-in opens before the day's first set ----------------------
    term.keys("Enter")
    term.wait_for("How do you feel as the day starts?", timeout=SLOW)
    term.keys("7", "5", "6", "Enter")  # stiffness, energy, focus

    # -- the set plays; space pauses it, nothing moves, space resumes -------------------
    term.wait_for(lambda s: "rep " in s and "s left" in s, timeout=SLOW)
    term.keys("Space")
    # The countdown says so, and the footer offers to resume.
    paused = term.wait_for(lambda s: "paused · space resumes" in s and "space Resume" in s)
    held = line_with(paused, "s left")
    time.sleep(2.5)  # 12.5 s of app time
    still = term.screen()
    assert "paused · space resumes" in still
    assert line_with(still, "s left") == held
    term.keys("Space")
    term.wait_for("How did it feel?", timeout=SLOW)
    term.keys("back feels loose", "Enter")
    today = term.wait_for(lambda s: ("09:00", "Start of Day", "✓ done") in marks(s))
    assert "Moved 44 s today" in today

    # -- a routine built and saved on the Routine screen (3) ----------------------------
    term.keys("3")
    term.wait_for(lambda s: "microtui — Routine" in s and "Active: The guide's day plan" in s,
                  timeout=SLOW)
    term.keys("C-n")  # a new routine: the name field has the focus
    term.wait_for("editing a new routine")
    term.keys("Desk day")
    term.wait_for("Name Desk day")
    before = styled_line(term, "Lower back")
    term.keys("Tab")  # to the pain points: only the colours show the focus moved
    wait_for_restyle(term, "Lower back", before)
    term.keys("Space")  # lower back: its movements get a ★ in the lists
    term.wait_for("★ Seated Pelvic Tilt")
    term.keys("C-s")
    term.wait_for("Today now follows Desk day.")
    term.keys("Escape")  # back to Today, which follows the new routine
    # (That Today's first frame back has the new rows is test_screen_switching's.)
    # A capture may come while tmux is still drawing a frame: wait for its last row too.
    today = term.wait_for(lambda s: "microtui — Today" in s
                          and ("09:20", "Every 20 min", "· upcoming") in marks(s)
                          and ("09:55", "End of Day", "· upcoming") in marks(s))
    assert ("09:00", "Start of Day", "✓ done") in marks(today)
    assert "Every 30 min" not in today
    day = marks(today)
    header = line_with(today, "Moved")

    # -- Progress (4) shows the day -----------------------------------------------------
    term.keys("4")
    progress = term.wait_for(lambda s: "microtui — Progress" in s and "1 set this week" in s,
                             timeout=SLOW)
    assert "100 % done" in progress and "streak 1 day" in progress
    assert "No check-ins yet" not in progress and "No sets logged yet" not in progress

    # -- quitting offers the end-of-day check-in -----------------------------------------
    term.keys("q")
    term.wait_for("How do you feel as the day ends?")
    term.keys("3", "8", "8", "Enter")
    term.wait_for("EXITED 0")

    exported = export(data)
    assert [(c["moment"], c["stiffness"], c["energy"], c["focus"])
            for c in exported["checkins"]] == [("start", 7, 5, 6), ("end", 3, 8, 8)]
    [record] = exported["sessions"]
    assert (record["event_id"], record["outcome"], record["note"]) == (
        "2026-11-25:start-of-day:09:00", "completed", "back feels loose")
    assert record["active_seconds"] == 44.0  # the paused time does not count
    started = datetime.fromisoformat(record["started"])
    ended = datetime.fromisoformat(record["ended"])
    first_seen = datetime.fromisoformat(exported["settings"]["first_seen"]["at"])
    assert first_seen < started.replace(hour=9, minute=0, second=0, microsecond=0) <= started
    assert (ended - started).total_seconds() >= 44 + 10  # ...but it held the set ~12 s
    assert exported["settings"]["active_routine"] == "desk-day"
    [routine] = exported["routines"]
    assert routine["name"] == "Desk day"
    assert routine["design"]["pain_points"] == ["lower-back"]
    interval = next(t for t in routine["triggers"] if t["kind"] == "interval")
    assert interval["every_minutes"] == 20

    # -- a restart later that morning shows the same day --------------------------------
    again = terminal("--data", str(data), env=AGAIN)
    # The whole day, not its first rows: a capture may come while a frame is being drawn.
    screen = again.wait_for(lambda s: marks(s) == day, timeout=SLOW)
    assert ("09:00", "Start of Day", "✓ done") in marks(screen)
    # The streak's older days are read just after the first paint ("Streak …" until then).
    screen = again.wait_for(lambda s: line_with(s, "Moved") == header, timeout=SLOW)
    assert "Due now" not in screen
    again.keys("3")
    again.wait_for(lambda s: "microtui — Routine" in s and "Active: Desk day" in s,
                   timeout=SLOW)
    again.keys("Escape")  # (the name field has the focus: q would be typed there)
    again.wait_for("microtui — Today")
    again.keys("q")  # the end-of-day check-in was answered: not asked again
    again.wait_for("EXITED 0")
    assert len(export(data)["checkins"]) == 2

"""The installed microtui on a fresh data directory in an 80x24 terminal: the first-run
setup comes first, keys alone answer it, Today follows the answers, and the next start goes
straight to Today."""

from __future__ import annotations

import json
import subprocess
import time

import pytest

from tests.e2e.conftest import MICROTUI

pytestmark = [pytest.mark.e2e, pytest.mark.serial]

SELECTED = "\x1b[48;5;24m"  # the background of an input's selected text (xterm-256color)
NOW = {"MICROTUI_NOW": "2026-12-02T10:12:00", "TZ": "UTC"}  # a Wednesday morning


def export(data_dir) -> dict:
    result = subprocess.run([str(MICROTUI), "--data", str(data_dir), "export"],
                            capture_output=True, text=True, timeout=30, check=True)
    return json.loads(result.stdout)


def test_a_fresh_data_directory_is_set_up_with_keys_and_the_next_start_skips_it(
        terminal, tmp_path):
    data = tmp_path / "data"
    term = terminal("--data", str(data), env=NOW, size=(80, 24), setup=True)
    # The "Next:" line follows the fields: it may come a frame after the rest.
    everything = ("Welcome to microtui", "09:00", "17:30", "mon-fri", "30",
                  "Safety: If you experience sharp pain",
                  "Next: Start of Day is due as soon as you start",
                  "enter start with these · tab next field · ctrl+q quit")
    screen = term.wait_for(lambda s: all(shown in s for shown in everything))
    assert "— Today" not in screen and "due" not in screen.split("Next:")[0]
    # tab goes to the workday's end, its text selected (shown on a blue background):
    # typing replaces it. A key is typed once the focus is there, as a person sees it.
    term.keys("Tab")
    term.wait_for(lambda s: any("Workday ends" in line and SELECTED + "17:30" in line
                                for line in s.splitlines()), styled=True)
    for key in "7:00":  # before the start: refused beside the field
        term.keys(key)
        time.sleep(0.1)
    term.keys("Enter")
    screen = term.wait_for("must end after it starts")
    assert "Nothing is saved" in screen
    assert not (data / "settings.json").exists() or "setup_done" not in (
        data / "settings.json").read_text()
    for key in "16:00":  # the field's text was selected again: typing replaces it
        term.keys(key)
        time.sleep(0.1)
    screen = term.wait_for(lambda s: "until End of Day at 16:00" in " ".join(s.split()))
    assert "must end after it starts" not in screen and "Nothing is saved" not in screen
    term.keys("Enter")
    screen = term.wait_for(lambda s: "— Today" in s and "Welcome" not in s)
    assert "10:12" in screen  # Start of Day comes now
    assert "16:30" not in screen  # the day ends at 16:00
    term.keys("q")
    term.wait_for("EXITED 0")
    settings = export(data)["settings"]
    assert settings["setup_done"] == "2026-12-02"
    assert settings["schedule"]["workday_end"] == "16:00"

    again = terminal("--data", str(data), env={**NOW, "MICROTUI_NOW": "2026-12-02T11:00:00"},
                     size=(80, 24), setup=True)
    screen = again.wait_for("— Today")
    assert "Welcome" not in screen
    again.keys("q")
    again.wait_for("EXITED 0")

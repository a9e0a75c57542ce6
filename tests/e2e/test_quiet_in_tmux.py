"""Quiet for a while, as a person takes it in the installed app (issue 15, items 2 and 6):
``z`` and a choice, or the palette's "quiet"; Today and the status bar say until when, and
``z`` ends it."""

from __future__ import annotations

import subprocess
import time

import pytest

from tests.e2e.conftest import MICROTUI

pytestmark = [pytest.mark.e2e, pytest.mark.serial]

NOW = {"MICROTUI_NOW": "2026-11-25T09:20:00", "TZ": "UTC"}


def top_line(screen: str) -> str:
    """Today's line above the timeline."""
    return screen.splitlines()[1]


def status_bar(data: str) -> str:
    env = {"PATH": "/usr/bin:/bin", "TZ": "UTC", "MICROTUI_NOW": "2026-11-25T09:25:00"}
    return subprocess.run([str(MICROTUI), "--data", data, "next"], capture_output=True,
                          text=True, timeout=30, env=env, check=True).stdout


def wait_for_status(data: str, test, timeout: float = 15.0) -> str:
    """The status bar's line once it passes ``test``: the app stores the quiet in a worker,
    a moment after Today shows it."""
    deadline = time.monotonic() + timeout
    line = status_bar(data)
    while not test(line) and time.monotonic() < deadline:
        time.sleep(0.1)
        line = status_bar(data)
    assert test(line), line
    return line


@pytest.mark.parametrize("size", [(60, 20), (80, 24)])
def test_quiet_with_z_and_from_the_palette(terminal, tmp_path, size):
    data = str(tmp_path / "data")
    term = terminal("--data", data, env=NOW, size=size)
    term.wait_for("Streak")  # Today, its start-of-day set due
    term.keys("z")
    term.wait_for("Until tomorrow")
    term.keys("Down", "Enter")  # 1 hour
    term.wait_for(lambda screen: "☾ Quiet until 10:20 · z ends it" in top_line(screen))
    wait_for_status(data, lambda line: line == "quiet until 10:20\n")
    term.keys("z")  # ends it
    term.wait_for("Quiet ended")
    # The day's first set (09:20, where the user sat down) fell in the quiet: it is not
    # the first that counts.
    term.wait_for(lambda screen: top_line(screen).startswith("  First set at 09:30"))
    wait_for_status(data, lambda line: line != "quiet until 10:20\n")

    term.keys("C-p")
    term.wait_for("Search for commands")
    term.keys("-l", "quiet")
    term.wait_for("Quiet for a while")
    term.keys("Down", "Enter")
    term.wait_for("Until tomorrow")
    term.keys("Enter")  # 30 minutes
    term.wait_for(lambda screen: "☾ Quiet until 09:50" in top_line(screen))

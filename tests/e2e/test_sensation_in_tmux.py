"""How a set felt, in the installed app: one key in the set's summary, and a SIGKILL right
after it (the summary still open) keeps it; ``export`` carries it, CSV and JSON."""

from __future__ import annotations

import csv
import io
import signal
import subprocess

import pytest

from tests.e2e.conftest import MICROTUI
from tests.e2e.test_faults_in_tmux import assert_whole, kill
from tests.e2e.test_footers_in_tmux import footer, whole
from tests.e2e.test_set_lifecycle_in_tmux import SUMMARY, logged, start, the_set

pytestmark = [pytest.mark.e2e, pytest.mark.serial,
              pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")]


def test_sigkill_right_after_the_sensation_key_keeps_it(terminal, tmp_path):
    data = tmp_path / "data"
    term = start(terminal, data, speed=60)
    term.wait_for(lambda s: "▶ due" in s and "Start of Day" in s)
    term.keys("Enter")
    term.wait_for("check-in")
    term.keys("Escape")
    term.wait_for(lambda s: SUMMARY in s and "5 pain" in s, timeout=30)
    term.keys("3")
    term.wait_for("✓ tight, logged")
    logged(term, data, lambda found: [s.get("sensation") for s in found] == ["tight"],
           "the sensation logged while the summary is open")
    assert SUMMARY in term.screen()
    kill(term, data)
    assert_whole(data)
    [record] = the_set(data)
    assert (record["outcome"], record["sensation"], record["note"]) == (
        "completed", "tight", None)
    rows = list(csv.DictReader(io.StringIO(subprocess.run(
        [str(MICROTUI), "--data", str(data), "export", "--format", "csv"],
        capture_output=True, text=True, timeout=30, check=True).stdout)))
    assert rows and {row["sensation"] for row in rows} == {"tight"}


@pytest.mark.parametrize("size", [(60, 20), (80, 24), (120, 40)])
def test_a_sensation_and_its_words_show_in_the_log(terminal, tmp_path, size):
    """The path a person takes: a set, 2 and a few words, then l on Today: the set's time,
    movements and how it felt; the footer keeps Help and Quit; esc goes back."""
    data = tmp_path / "data"
    term = terminal("--data", str(data), size=size,
                    env={"MICROTUI_NOW": "2026-11-25T09:50:00", "TZ": "UTC",
                         "MICROTUI_SPEED": "16"})
    term.wait_for("Due now")  # the start-of-day set (44 s: 3 s at 16x)
    term.keys("Enter")
    term.wait_for("check-in")
    term.keys("Escape")
    term.wait_for(lambda s: SUMMARY in s and "5 pain" in s, timeout=60)
    term.keys("2", "back eased", "Enter")
    term.wait_for(lambda s: "Done 1 of 1" in s and "— Today" in s)
    term.keys("l")
    screen = term.wait_for(lambda s: "loosened: back eased" in s and whole(s))
    assert "— Log" in screen and "Wednesday 25 November 2026 · 1 set" in screen
    assert "Transverse Abdominal Bracing" in screen, screen
    assert "esc Back to Today" in footer(screen), footer(screen)
    term.keys("Escape")
    term.wait_for(lambda s: "— Today" in s and "Done 1 of 1" in s)

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

"""A set's life in the installed app, in a real terminal: it stays in sight, and is logged
from the moment it ends (and as far as it got, mid-set) whatever kills the process.

* The crash of issue 13: with ``--autostart`` a set starts by itself on Routine; ``1``
  leaves it; its end, its summary and the keys typed into it must not end the app.
* SIGKILL while the summary is open (the user walked away): the set is in ``export``.
* SIGKILL mid-set, an exercise done: the set is in ``export`` as a partial one.
"""

from __future__ import annotations

import signal

import pytest

from tests.e2e.test_faults_in_tmux import assert_whole, export, kill

pytestmark = [pytest.mark.e2e, pytest.mark.serial,
              pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")]

DAY = "2026-11-25"
PLAYER = "Pain/dizzy"
"""In the player's footer: the player is in front."""
SUMMARY = "How did it feel?"


def start(terminal, data, *args: str, speed: int) -> object:
    term = terminal("--data", str(data), *args, size=(80, 24),
                    env={"MICROTUI_NOW": f"{DAY}T09:50:00", "TZ": "UTC",
                         "MICROTUI_SPEED": str(speed)})
    term.wait_for("Wednesday 25 November")
    return term


def the_set(data) -> list[dict]:
    return [s for s in export(data)["sessions"]
            if s["event_id"].startswith(f"{DAY}:start-of-day")]


def logged(term, data, test, what: str) -> list[dict]:
    """Wait (reading ``export`` as a status bar would, while the app runs) until the
    start-of-day set's records pass ``test``."""
    found: list[dict] = []

    def holds(_screen: str) -> bool:
        nonlocal found
        found = the_set(data)
        return bool(test(found))

    try:
        term.wait_for(holds, timeout=20)
    except AssertionError as exc:
        raise AssertionError(f"{what}: export holds {found}") from exc
    return found


def test_a_set_started_by_itself_on_routine_ends_in_sight_and_the_app_goes_on(
        terminal, tmp_path):
    data = tmp_path / "data"
    # 4x: the start-of-day set (44 s) is due at once and starts by itself 30 s (7.5 s) on.
    term = start(terminal, data, "--autostart", "30", speed=4)
    term.keys("3")
    term.wait_for("microtui — Routine")
    term.wait_for(PLAYER, timeout=30)  # it started by itself, over Routine
    term.keys("1")  # Today: the set is paused and named there
    screen = term.wait_for("2 to return to it")
    assert "microtui — Today" in screen and "paused" in screen
    term.keys("2")
    term.wait_for(lambda s: PLAYER in s and "paused" not in s)
    term.wait_for(SUMMARY, timeout=30)  # over its own player
    term.keys("2", "Enter")  # the 2 answers the summary ("2 loosened"), as the user sees
    screen = term.wait_for("microtui — Today")
    term.keys("3")
    screen = term.wait_for("microtui — Routine")
    assert "Traceback" not in screen and "EXITED" not in screen
    assert term.alive()
    [record] = the_set(data)
    assert (record["outcome"], record["sensation"], record["note"]) == (
        "completed", "loosened", None)
    term.keys("q")  # (09:30: too early for the end-of-day check-in) the app quits cleanly
    term.wait_for("EXITED 0")


def test_sigkill_while_the_summary_is_open_keeps_the_set(terminal, tmp_path):
    data = tmp_path / "data"
    term = start(terminal, data, speed=60)
    term.wait_for(lambda s: "▶ due" in s and "Start of Day" in s)
    term.keys("Enter")
    term.wait_for("check-in")
    term.keys("Escape")
    term.wait_for(SUMMARY, timeout=30)
    # The user walks away: nothing answers the summary, and the set is in the log.
    logged(term, data, lambda found: [s["outcome"] for s in found] == ["completed"],
           "the set logged while its summary is open")
    assert SUMMARY in term.screen()
    kill(term, data)
    assert_whole(data)
    [record] = the_set(data)
    assert record["outcome"] == "completed" and record["note"] is None
    assert all(e["done_seconds"] == e["planned_seconds"] for e in record["exercises"])


def test_sigkill_mid_set_keeps_what_was_done(terminal, tmp_path):
    data = tmp_path / "data"
    term = start(terminal, data, speed=4)  # bracing 28 s (7 s), then shoulder circles
    term.wait_for(lambda s: "▶ due" in s and "Start of Day" in s)
    term.keys("Enter")
    term.wait_for("check-in")
    term.keys("Escape")
    term.wait_for(PLAYER)
    term.wait_for("Shoulder Circle", timeout=30)  # the first exercise done
    [partial] = logged(term, data, lambda found: found, "the set logged as far as it got")
    kill(term, data)
    assert_whole(data)
    assert the_set(data) == [partial]
    assert partial["outcome"] == "partial"
    done = {e["id"]: (e["done_seconds"], e["planned_seconds"]) for e in partial["exercises"]}
    assert done["core-bracing"][0] == done["core-bracing"][1]
    assert done["shoulder-circle"][0] < done["shoulder-circle"][1]

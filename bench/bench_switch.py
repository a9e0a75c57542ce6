"""Switching screens: from a number key to the screen it shows, in a real terminal.

    .venv/bin/python bench/bench_switch.py [--runs 5] [--speed 8] [--json PATH]

Each run starts ``microtui`` (in tmux, 120x40, on a private tmux server, as
``bench_cpu.py`` does) on the quiet day (09:31, nothing due until 10:00), waits
:data:`SETTLE` seconds after its first paint, and then times every key below: from just
before ``tmux send-keys`` until ``tmux capture-pane`` (polled every :data:`POLL` seconds)
shows the new screen's marker. In order:

1. the first visit to Routine (``3``), Progress (``4``), Library (``5``) and back to
   Today (``1``);
2. each again;
3. ``2``: the set due next opens (with the start-of-day check-in first, which ``5 5 5``
   and ``enter`` answer; the player is timed from ``enter``: ``escape``, which skips it, would add
   Textual's wait for the rest of an escape sequence, ``ESCDELAY``, 100 ms by default);
   the clock runs ``--speed`` times faster,
   so the 22 s set ends in a few seconds; its summary is closed with ``enter``;
4. right after that, Routine, Progress, Library and Today again.

The baseline is ``bare_app.py modes`` (two modes, a Label each, Textual making each
screen when first shown), timed the same way: ``2`` (its first visit), then ``1`` and
``2`` in turn; every switch of every run makes one baseline value. Each row gives the
median of the runs against the median of the baseline; the goal is 2x, and under 100 ms
on a quiet machine.

``--json PATH`` writes the rows (``bench_cpu.Row``) for ``bench/run.py``.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from bench_cpu import (
    IDLE_NOW,
    BenchError,
    Launched,
    Proc,
    Row,
    Tmux,
    bare,
    format_runs,
    format_table,
    launch,
    loadavg,
    microtui_proc,
    seed_quiet_day,
    shows,
    stop,
    wait_for,
)

POLL = 0.002
SETTLE = 1.5
"""Seconds between the first paint and the first key, as a person takes to look."""
TARGET = 2.0
BASELINE = "bare_app modes"
FIRST_PAINT = "Next in"
SCREENS = {"3": ("Routine", "Assess your pain points"), "4": ("Progress", "How you feel"),
           "5": ("Library", "Instruction"), "1": ("Today", "Next in")}
"""Key: the screen's name and text only that screen shows."""
CHECKIN_MARKER = "check-in"
PLAYER_MARKER = "Movement"
SUMMARY_MARKER = "Set complete"
BARE_MARKERS = {"1": "bare mode one", "2": "bare mode two"}


def time_key(tmux: Tmux, session: str, keys: Sequence[str], marker: str,
             timeout: float = 20.0) -> float:
    """Seconds from sending ``keys`` until the screen shows ``marker`` (not shown before)."""
    if shows(tmux.capture(session), marker):
        raise BenchError(f"{marker!r} is on the screen before the key")
    began = time.perf_counter()
    tmux.send_keys(session, *keys)
    while True:
        screen, dead = tmux.capture_and_dead(session)
        took = time.perf_counter() - began
        if shows(screen, marker):
            return took
        if dead or took > timeout:
            raise BenchError(f"{session}: {marker!r} never showed after {keys}:\n{screen}")
        time.sleep(POLL)


def microtui_run(tmux: Tmux, data: Path, speed: float,
                 log: Callable[[str], None]) -> dict[str, float]:
    """One launch: every timed switch, by row name."""
    proc = microtui_proc("microtui", data, IDLE_NOW, marker=FIRST_PAINT)
    proc.env["MICROTUI_SPEED"] = f"{speed:g}"
    item: Launched = launch(tmux, proc)
    got: dict[str, float] = {}
    try:
        wait_for(tmux, item.session, FIRST_PAINT)
        time.sleep(SETTLE)
        for visit in ("first visit", "again"):
            for key, (name, marker) in SCREENS.items():
                got[f"{key} {name}, {visit}"] = time_key(tmux, item.session, [key], marker)
                time.sleep(0.3)
        got["2 Player (check-in first)"] = time_key(tmux, item.session, ["2"], CHECKIN_MARKER)
        time.sleep(0.3)
        for _answer in range(3):  # stiffness, energy, focus: 5 each
            tmux.send_keys(item.session, "5")
            time.sleep(0.2)
        got["2 Player, after the check-in"] = time_key(tmux, item.session, ["Enter"],
                                                      PLAYER_MARKER)
        wait_for(tmux, item.session, SUMMARY_MARKER, timeout=60)
        time.sleep(0.3)
        tmux.send_keys(item.session, "Enter")
        wait_for(tmux, item.session, FIRST_PAINT)
        for key, (name, marker) in SCREENS.items():
            if key == "1":
                continue  # the set ends on Today: 1 comes last, from Library
            got[f"{key} {name}, right after a set"] = time_key(tmux, item.session, [key],
                                                               marker)
            time.sleep(0.3)
        got["1 Today, right after a set"] = time_key(tmux, item.session, ["1"], FIRST_PAINT)
    finally:
        stop(tmux, item)
    log("  microtui: " + ", ".join(f"{name} {took * 1000:.0f} ms"
                                   for name, took in got.items()) + f"  [load {loadavg()}]")
    return got


def bare_run(tmux: Tmux, switches: int, log: Callable[[str], None]) -> list[float]:
    item = launch(tmux, Proc("bare-modes", bare("modes"), marker=BARE_MARKERS["1"]))
    took: list[float] = []
    try:
        wait_for(tmux, item.session, BARE_MARKERS["1"])
        time.sleep(SETTLE)
        for number in range(switches):
            key = "2" if number % 2 == 0 else "1"
            took.append(time_key(tmux, item.session, [key], BARE_MARKERS[key]))
            time.sleep(0.3)
    finally:
        stop(tmux, item)
    log("  bare: " + ", ".join(f"{t * 1000:.0f} ms" for t in took) + f"  [load {loadavg()}]")
    return took


def rows_of(app_runs: list[dict[str, float]], base: list[float]) -> list[Row]:
    names = list(app_runs[0])
    return [Row(f"switch to {name}", BASELINE, "ms", TARGET,
                [run[name] for run in app_runs], list(base)) for name in names]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--speed", type=float, default=8.0,
                        help="how much faster the clock runs (the set ends sooner)")
    parser.add_argument("--json", type=Path, metavar="PATH")
    args = parser.parse_args(argv)

    def log(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    workdir = Path(tempfile.mkdtemp(prefix="microtui-bench-switch-"))
    tmux = Tmux(workdir)
    began = time.time()
    loads = [loadavg()]
    try:
        seed = workdir / "quiet-seed"
        seed_quiet_day(tmux, seed)
        app_runs: list[dict[str, float]] = []
        base: list[float] = []
        for run in range(args.runs):
            data = workdir / f"data-{run}"
            shutil.copytree(seed, data, ignore=shutil.ignore_patterns("*.lock"))
            if run % 2:  # alternate which goes first
                base += bare_run(tmux, 6, log)
                app_runs.append(microtui_run(tmux, data, args.speed, log))
            else:
                app_runs.append(microtui_run(tmux, data, args.speed, log))
                base += bare_run(tmux, 6, log)
    except BenchError as exc:
        log(f"benchmark failed: {exc}")
        return 1
    finally:
        tmux.close()
        shutil.rmtree(workdir, ignore_errors=True)
    loads.append(loadavg())
    rows = rows_of(app_runs, base)
    print(format_table(rows))
    print()
    print(format_runs(rows))
    if args.json is not None:
        args.json.write_text(json.dumps({
            "rows": [row.to_json() for row in rows], "runs": args.runs,
            "speed": args.speed, "loadavg": loads,
            "seconds": round(time.time() - began, 1)}, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

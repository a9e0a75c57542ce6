"""What ``microtui next`` costs a status bar, against starting Python and doing nothing.

    .venv/bin/python bench/bench_cli.py [--runs 15] [--json PATH]

A status bar runs ``microtui next`` every few seconds all day, so its whole-process wall
time is measured from outside (from just before the process is started until it has been
reaped), against ``python -c pass`` with the same interpreter, the two run in turn (A B A B
...) after two warm-up runs of each. Two rows:

* **the app running**: the data directory holds the answers the app keeps
  (``next-state.json``, written here by the app's own keeper,
  :class:`microtui.next_keeper.NextStateKeeper`), so ``next`` prints from them; target 3x.
* **worked out in full**: no kept answers (as when the app is not running): ``next`` loads
  the library, the settings, the day's log; for scale.

The data directory holds a workday: the app's first run today recorded and one set done.
Every process gets :func:`bench_cpu.bench_env` (empty config and data homes, no
``MICROTUI_*``, a bytecode cache of the run's own) and the real clock.

``--json PATH`` writes the rows for ``bench/run.py`` (``bench_cpu.Row``: every run).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent), str(HERE)]

from bench_cpu import Row, bench_env, format_runs, format_table, microtui_bin, python_bin  # noqa: E402

TARGET = 3.0
BASELINE = "python -c pass"
KEPT = "microtui next, the app running (answer kept)"
FULL = "microtui next, worked out in full (app not running)"

SEED = """
import sys
from datetime import datetime
from microtui.core.clock import SystemClock
from microtui.next_keeper import NextStateKeeper
from microtui.next_state import NextOptions
from microtui.store import Store

data, keep = sys.argv[1], sys.argv[2] == "keep"
clock = SystemClock()
now = clock.now()
with Store.open(__import__("pathlib").Path(data)) as store:
    store.update_settings(lambda saved: saved.with_first_seen(now))
    day = now.date().isoformat()
    store.add_session({"v": 1, "event_id": f"{day}:interval:09:30", "trigger": "interval",
                       "started": f"{day}T09:30:05", "ended": f"{day}T09:30:30",
                       "outcome": "completed", "active_seconds": 22, "note": None,
                       "exercises": []})
if keep and NextStateKeeper(NextOptions(data), clock).check() is not True:
    sys.exit("the answer could not be kept (is the time zone a named one?)")
"""


def timed(command: Sequence[str], env: dict[str, str]) -> float:
    """The whole process's wall time, in seconds."""
    began = time.perf_counter()
    done = subprocess.run(command, env=env, stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, text=True)
    took = time.perf_counter() - began
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed: {done.stderr.strip()}")
    return took


def measure(command: Sequence[str], baseline: Sequence[str], env: dict[str, str],
            runs: int) -> tuple[list[float], list[float]]:
    """Every run of ``command`` and of ``baseline``, in turn, after two warm-up runs."""
    for _ in range(2):
        timed(command, env)
        timed(baseline, env)
    app, base = [], []
    for _ in range(runs):
        app.append(timed(command, env))
        base.append(timed(baseline, env))
    return app, base


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--json", type=Path, help="write the rows here for bench/run.py")
    args = parser.parse_args(argv)
    baseline = [python_bin(), "-c", "pass"]
    rows = []
    with tempfile.TemporaryDirectory(prefix="microtui-bench-cli-") as tmp:
        env = bench_env(Path(tmp))
        for scenario, keep in ((KEPT, True), (FULL, False)):
            data = Path(tmp) / ("kept" if keep else "full")
            subprocess.run([python_bin(), "-c", SEED, str(data), "keep" if keep else "-"],
                           env=env, check=True)
            app, base = measure([microtui_bin(), "next", "--data", str(data)], baseline,
                                env, args.runs)
            rows.append(Row(scenario=scenario, baseline=BASELINE, unit="ms",
                            target=TARGET if keep else None, app=app, base=base))
    print(format_table(rows))
    print()
    print(format_runs(rows))
    for row in rows:
        spread = statistics.quantiles(row.app, n=4) if len(row.app) > 1 else row.app
        print(f"{row.scenario}: quartiles {', '.join(f'{v * 1000:.1f}' for v in spread)} ms")
    if args.json is not None:
        args.json.write_text(json.dumps({"runs": args.runs,
                                         "rows": [row.to_json() for row in rows]}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

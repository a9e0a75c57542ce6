"""Instructions to the first frame: microtui against the bare Textual app, counted by
valgrind's callgrind, a figure that does not move from run to run as wall-clock time does.

    .venv/bin/python bench/bench_instructions.py [--runs 1] [--src DIR]

Not part of ``make bench``: valgrind is not always installed (``apt-get install
valgrind``), and one start under it takes about ten seconds. It is the tool to judge a
change to the start by: the start-up row's single starts spread by a quarter, so that a
median of 20 interleaved starts does not resolve a change of 1 ms (0.5% of a start), while
repeated counts here agree within 0.1%. The ratio is close to the row's (1.345x when the
row's three runs gave 1.19x-1.32x, 2026-12-05).

Each app runs as the start-up row runs it (:mod:`bench_cpu`): a 120x40 pane of a private
tmux server, :func:`bench_cpu.bench_env`, microtui on the quiet day's data at
:data:`bench_cpu.IDLE_NOW` (``--skip-setup``), the bare app showing its label. A probe
(this file, ``--probe``) runs the app under ``valgrind --tool=callgrind`` and ends the
process as soon as Textual has handed over the first frame to be written; each app runs
once without valgrind first, to fill the bytecode cache. ``--src DIR`` counts microtui
from another checkout (``git worktree add``) put first on ``PYTHONPATH``; microtui from
this one gets ``PYTHONPATH`` too, so that both look modules up along the same path.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # imported when counting, not by the probe (whose start is counted)
    from bench_cpu import Tmux

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent

FRAME_BYTES = 1000
"""A write this long is a frame (the terminal set-up Textual writes first is a few bytes)."""


def parse_total(text: str) -> int | None:
    """The instruction count of a callgrind output file (its ``summary:`` or ``totals:``
    line), or None if it has none (the run failed)."""
    for line in text.splitlines():
        key, _, value = line.partition(":")
        if key in ("summary", "totals") and value.split():
            return int(value.split()[0])
    return None


def probe(app: str, args: Sequence[str]) -> None:
    """Run ``app`` (``bare`` or ``microtui``) and end the process at its first frame."""
    import textual.drivers.linux_driver as linux_driver

    write = linux_driver.LinuxDriver.write

    def write_then_end(self: linux_driver.LinuxDriver, data: str) -> None:
        write(self, data)
        if len(data) > FRAME_BYTES:
            os._exit(0)

    linux_driver.LinuxDriver.write = write_then_end  # type: ignore[method-assign]
    if app == "bare":
        import runpy

        sys.argv = [str(HERE / "bare_app.py"), "label"]
        runpy.run_path(str(HERE / "bare_app.py"), run_name="__main__")
    else:
        sys.argv = ["microtui", *args]
        from microtui.launch import main

        main()


def run_pane(tmux: Tmux, label: str, command: list[str], env: dict[str, str],
             timeout: float) -> str:
    """Run ``command`` in a pane of its own until it ends; what the pane showed last."""
    from bench_cpu import BenchError

    name = tmux.new(label, command, env)
    deadline = time.monotonic() + timeout
    try:
        while not tmux.dead(name):
            if time.monotonic() > deadline:
                raise BenchError(f"{label} did not reach its first frame in {timeout:g} s")
            time.sleep(0.05)
        return tmux.capture(name)
    finally:
        tmux.kill(name)


def count(tmux: Tmux, label: str, command: list[str], env: dict[str, str], out: Path) -> int:
    """Run ``command`` under callgrind until its first frame; its instruction count."""
    from bench_cpu import BenchError

    valgrind = ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", "-q"]
    screen = run_pane(tmux, label, valgrind + command, env, timeout=300)
    total = parse_total(out.read_text()) if out.exists() else None
    if total is None:
        raise BenchError(f"{label}: no count from callgrind:\n{screen.rstrip()}")
    return total


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=1, help="counts of each (median)")
    parser.add_argument("--src", type=Path, default=ROOT,
                        help="the checkout whose microtui is counted (default: this one)")
    parser.add_argument("--probe", nargs=argparse.REMAINDER, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.probe:
        probe(args.probe[0], args.probe[1:])
        return 0
    if shutil.which("valgrind") is None:
        print("valgrind is not installed (apt-get install valgrind)", file=sys.stderr)
        return 2
    sys.path.insert(0, str(HERE))
    import bench_cpu

    workdir = Path(tempfile.mkdtemp(prefix="microtui-instructions-"))
    bench = bench_cpu.Bench(workdir, runs=1, idle_seconds=1, playback_seconds=1,
                            serial=True, log=print)
    python = bench_cpu.python_bin()
    me = str(Path(__file__).resolve())
    app_env = {"MICROTUI_NOW": bench_cpu.IDLE_NOW, "MICROTUI_SPEED": "1",
               "PYTHONPATH": str(args.src.resolve())}
    counts: dict[str, list[int]] = {"bare": [], "microtui": []}
    try:
        data = bench.quiet_dir()
        commands = {
            "bare": ([python, me, "--probe", "bare"], {}),
            "microtui": ([python, me, "--probe", "microtui", "--data", str(data),
                          "--skip-setup"], app_env),
        }
        for label, (command, env) in commands.items():  # fills the run's bytecode cache
            run_pane(bench.tmux, label, command, env, timeout=60)
        for run in range(args.runs):
            for label, (command, env) in commands.items():
                out = workdir / f"callgrind-{label}-{run}.out"
                counts[label].append(count(bench.tmux, label, command, env, out))
                print(f"  {label} run {run + 1}/{args.runs}: {counts[label][-1]:,}")
    except bench_cpu.BenchError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    finally:
        bench.tmux.close()
        shutil.rmtree(workdir, ignore_errors=True)
    app, bare = (statistics.median(counts[k]) for k in ("microtui", "bare"))
    print(f"instructions to the first frame: microtui {app / 1e6:,.1f} M, "
          f"bare app {bare / 1e6:,.1f} M, {app / bare:.3f}x (median of {args.runs})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

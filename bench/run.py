"""Run every benchmark and write the latest results to ``bench/RESULTS.md``.

    .venv/bin/python bench/run.py [--runs N] [--quick] [--only idle|playback|startup]
                                  [--serial] [--no-history] [--out PATH]

Runs ``bench/bench_cpu.py`` (microtui against bare Textual apps, and start-up on five years
of history, in tmux) and ``bench/bench_history.py`` (Progress and logging a set on five years
of history, in process), each as a subprocess with the same Python and ``--json``, and
writes ONE table of their rows, with the date, the machine, the load and the exact commands;
``bench_history.py``'s detailed table follows. A ``## Notes`` section already in the results
file is kept as it is. ``make bench`` runs this with no options.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shlex
import subprocess
import sys
import tempfile
import time
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from bench_cpu import (  # noqa: E402
    Row,
    ancestry,
    format_runs,
    format_table,
    loadavg,
    other_pythons,
    read_argv,
    read_stats,
    summarize_hangups,
)

RESULTS = HERE / "RESULTS.md"
HISTORY_SCRIPT = HERE / "bench_history.py"
SWITCH_SCRIPT = HERE / "bench_switch.py"
NOTES_HEADING = "## Notes"


def parse_meminfo(text: str) -> int | None:
    """``MemTotal`` from ``/proc/meminfo``, in KiB."""
    for line in text.splitlines():
        if line.startswith("MemTotal:"):
            parts = line.split()
            if len(parts) >= 2 and parts[1].isdigit():
                return int(parts[1])
    return None


def cpu_model(text: str) -> str:
    """The first ``model name`` of ``/proc/cpuinfo``."""
    for line in text.splitlines():
        key, _, value = line.partition(":")
        if key.strip() == "model name":
            return " ".join(value.split())
    return ""


def keep_notes(old: str) -> str:
    """The ``## Notes`` section (to the end) of an earlier results file, or nothing."""
    lines = old.splitlines()
    for index, line in enumerate(lines):
        if line.strip() == NOTES_HEADING:
            return "\n".join(lines[index:]).rstrip() + "\n"
    return ""


def shown(command: Sequence[str]) -> str:
    """A command as typed from the repository root."""
    parts = []
    for part in command:
        path = Path(part)
        if path.is_absolute() and path.is_relative_to(ROOT):
            part = str(path.relative_to(ROOT))
        parts.append(part)
    return shlex.join(parts)


def read(path: str) -> str:
    try:
        return Path(path).read_text()
    except OSError:
        return ""


def version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "not installed"


def tool_version(*command: str) -> str:
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=10)
    except OSError:
        return "?"
    return (done.stdout or done.stderr).strip().splitlines()[0] if done.returncode == 0 else "?"


def machine() -> list[str]:
    mem = parse_meminfo(read("/proc/meminfo"))
    model = cpu_model(read("/proc/cpuinfo"))
    return [
        f"- CPU: {os.cpu_count()} cores" + (f" ({model})" if model else ""),
        f"- Memory: {mem / 1024 / 1024:.1f} GiB" if mem else "- Memory: ?",
        f"- OS: {platform.system()} {platform.release()}",
        f"- Python {platform.python_version()}, Textual {version('textual')}, "
        f"Rich {version('rich')}, {tool_version('tmux', '-V')}",
        f"- microtui {version('microtui')} at commit "
        f"{tool_version('git', '-C', str(ROOT), 'rev-parse', '--short', 'HEAD')} "
        "(plus whatever was uncommitted in the working tree)",
    ]


def others_running() -> list[str]:
    """The other Python processes on the machine as the run starts (see
    :func:`bench_cpu.other_pythons`), also said on stderr at once."""
    stats = read_stats()
    found = other_pythons({pid: read_argv(pid) for pid in stats},
                          ancestry(os.getpid(), stats))
    for line in found:
        print(f"warning: another Python process is running: {line}", file=sys.stderr)
    return found


def against_data(row: Row) -> bool:
    """Whether a row measures microtui against microtui on less data (not a bare app)."""
    return not row.baseline.startswith("bare_app")


def merge_rows(cpu: Sequence[Row], history: Sequence[Row]) -> list[Row]:
    """One table: every row against a bare Textual app first, then every row against
    less data (start-up, then Progress and logging a set), each group in its own order."""
    rows = [*cpu, *history]
    return ([row for row in rows if not against_data(row)]
            + [row for row in rows if against_data(row)])


def describe_runs(cpu_meta: Mapping, history_meta: Mapping) -> list[str]:
    """How the rows were measured: one sentence per script that gave rows."""
    out = []
    if cpu_meta:
        runs = cpu_meta.get("runs")
        out.append(
            f"`bench_cpu.py` (in tmux): {runs} run{'' if runs == 1 else 's'}, median; idle "
            f"windows {cpu_meta.get('idle_seconds'):g} s, playback windows "
            f"{cpu_meta.get('playback_seconds'):g} s, "
            + ("one process at a time" if cpu_meta.get("serial")
               else "app and baselines side by side in the same window")
            + "; start-up one process at a time.")
    if history_meta:
        runs, log_runs = history_meta.get("runs"), history_meta.get("log_runs")
        out.append(
            f"`bench_history.py` (in process, headless): {history_meta.get('years', 5):g} "
            f"years = {history_meta.get('sessions', 0):,} sessions, "
            f"{history_meta.get('megabytes', 0):g} MB; Progress median of {runs} "
            f"run{'' if runs == 1 else 's'}, logging a set median of {log_runs}, "
            "interleaved with the empty data dir.")
    return out


def format_results(*, date: str, took: float, machine_lines: Sequence[str],
                   load: Sequence[str], others: Sequence[str], commands: Sequence[str],
                   rows: Sequence[Row] | None,
                   cpu_meta: dict, cpu_failure: str, history: str | None, notes: str,
                   history_meta: Mapping | None = None, history_failure: str = "") -> str:
    """The whole results file."""
    out = [
        "# Benchmark results",
        "",
        "Written by `bench/run.py` (`make bench`); see `bench/README.md` for what each row "
        "means. A ratio is microtui / its baseline (a bare Textual app, or microtui on an "
        "empty data dir) measured in the same run; lower is better.",
        "",
        f"Latest run: {date}, took {took / 60:.1f} min.",
        "",
        "Machine:",
        "",
        *machine_lines,
        f"- Load average (1, 5, 15 min): {'; '.join(load)}",
        "- Other Python processes at the start: "
        + ("; ".join(f"`{line}`" for line in others) if others else "none"),
        "",
        "Commands:",
        "",
        "```sh",
        *commands,
        "```",
        "",
        "## Results",
        "",
    ]
    failures = [text for text in (cpu_failure, history_failure) if text]
    if rows:
        out += [format_table(rows), ""]
        out += [*describe_runs(cpu_meta, history_meta or {}), ""]
        if failures:
            out += ["Not measured: " + "; ".join(failures) + ".", ""]
        loads = cpu_meta.get("loadavg") or {}
        if loads:
            out += ["Load average before → after each scenario: " + "; ".join(
                f"{name} {' → '.join(values)}" for name, values in loads.items()) + ".", ""]
        out += ["Every run:", "", "```", format_runs(rows), "```", ""]
        hangups = summarize_hangups(cpu_meta.get("hangups") or {})
        if hangups:
            out += [hangups, ""]
    else:
        out += ["Not measured: " + ("; ".join(failures) or "no rows"), ""]
    if history is not None:
        out += ["## Five years of history in detail (`bench_history.py`)", "",
                "Medians; the rows above come from these runs.", "", "```",
                history.rstrip(), "```", ""]
    if notes:
        out += [notes.rstrip(), ""]
    return "\n".join(out)


def read_rows(path: Path, code: int, script: str) -> tuple[list[Row], dict, str]:
    """The rows a benchmark wrote with ``--json``, its whole JSON, and what went wrong."""
    if code != 0 or not path.exists():
        return [], {}, f"{script} exited with {code} (its output says why)"
    try:
        meta = json.loads(path.read_text())
        return [Row.from_json(row) for row in meta["rows"]], meta, ""
    except (ValueError, KeyError, TypeError) as exc:
        return [], {}, f"{script} wrote no rows that can be read: {exc}"


def run(command: Sequence[str]) -> tuple[int, str]:
    """Run a benchmark from the repository root: its stdout (echoed), stderr passed on."""
    print(f"$ {shown(command)}", file=sys.stderr, flush=True)
    done = subprocess.run(command, cwd=ROOT, stdout=subprocess.PIPE, text=True)
    sys.stdout.write(done.stdout)
    sys.stdout.flush()
    return done.returncode, done.stdout


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, help="runs per scenario of bench_cpu.py (5)")
    parser.add_argument("--quick", action="store_true", help="a smoke run: short windows")
    parser.add_argument("--only", action="append", choices=("idle", "playback", "startup"))
    parser.add_argument("--serial", action="store_true",
                        help="bench_cpu.py measures one process at a time")
    parser.add_argument("--no-history", action="store_true",
                        help="do not run bench_history.py")
    parser.add_argument("--out", type=Path, default=RESULTS, help="the results file")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    began = time.time()
    date = datetime.now(UTC).astimezone().strftime("%Y-%m-%d %H:%M %Z")
    load = [f"at the start {loadavg()}"]
    others = others_running()
    options: list[str] = []
    if args.runs:
        options += ["--runs", str(args.runs)]
    if args.quick:
        options.append("--quick")
    for name in args.only or ():
        options += ["--only", name]
    if args.serial:
        options.append("--serial")
    python = sys.executable
    with tempfile.TemporaryDirectory(prefix="microtui-bench-run-") as tmp:
        json_path = Path(tmp) / "cpu.json"
        cpu_command = [python, str(HERE / "bench_cpu.py"), *options, "--json", str(json_path)]
        commands = [shown(cpu_command[:-2]) + " --json <a temporary file>"]
        code, _ = run(cpu_command)
        cpu_rows, meta, failure = read_rows(json_path, code, "bench_cpu.py")
        load.append(f"after bench_cpu.py {loadavg()}")
        switch_rows: list[Row] = []
        if not args.only:  # switching screens: bench_switch.py, its own rows
            switch_json = Path(tmp) / "switch.json"
            switch_command = [python, str(SWITCH_SCRIPT),
                              *(["--runs", "1"] if args.quick else []),
                              "--json", str(switch_json)]
            commands.append(shown(switch_command[:-2]) + " --json <a temporary file>")
            switch_code, _ = run(switch_command)
            switch_rows, _, switch_failure = read_rows(switch_json, switch_code,
                                                       "bench_switch.py")
            failure = "; ".join(text for text in (failure, switch_failure) if text)
            load.append(f"after bench_switch.py {loadavg()}")
        history = None
        history_rows: list[Row] = []
        history_meta: dict = {}
        history_failure = ""
        if not args.no_history:
            history_json = Path(tmp) / "history.json"
            history_command = [python, str(HISTORY_SCRIPT),
                               *(["--runs", "1"] if args.quick else []),
                               "--json", str(history_json)]
            commands.append(shown(history_command[:-2]) + " --json <a temporary file>")
            history_code, history = run(history_command)
            history_rows, history_meta, history_failure = read_rows(
                history_json, history_code, "bench_history.py")
            if history_code != 0:
                history += f"\n(bench_history.py exited with {history_code})\n"
            load.append(f"after bench_history.py {loadavg()}")
        cli_json = Path(tmp) / "cli.json"  # `microtui next` against `python -c pass`
        cli_command = [python, str(HERE / "bench_cli.py"), "--json", str(cli_json)]
        commands.append(shown(cli_command[:-2]) + " --json <a temporary file>")
        cli_rows, _, cli_failure = read_rows(cli_json, run(cli_command)[0], "bench_cli.py")
        failure = "; ".join(text for text in (failure, cli_failure) if text)
    rows = merge_rows([*cpu_rows, *switch_rows, *cli_rows], history_rows)
    old = args.out.read_text() if args.out.exists() else ""
    text = format_results(
        date=date, took=time.time() - began, machine_lines=machine(), load=load,
        others=others,
        commands=[f"# {shown([python, str(HERE / 'run.py'), *(argv or sys.argv[1:])])}",
                  *commands],
        rows=rows, cpu_meta=meta, cpu_failure=failure, history=history,
        notes=keep_notes(old), history_meta=history_meta, history_failure=history_failure,
    )
    args.out.write_text(text)
    print(f"wrote {shown([str(args.out)])}", file=sys.stderr)
    return 0 if rows and not failure and not history_failure else 1


if __name__ == "__main__":
    raise SystemExit(main())

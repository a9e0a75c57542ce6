"""CPU, start-up and memory of the real ``microtui`` in a real terminal, against bare Textual.

    .venv/bin/python bench/bench_cpu.py [--runs 5] [--quick] [--only idle|playback|startup]

Every process runs in its own detached tmux session (120x40, no client attached) on a private
tmux server (``tmux -L microtui-bench-<pid>``), so nothing here touches anyone else's tmux.
CPU is utime+stime from ``/proc/<pid>/stat`` of the pane's process and all its descendants
(plus the children it has reaped), read at the start and at the end of a window that opens
after a warm-up. The app and its baselines of a scenario run *at the same time* and are read
in the *same* window, so they share the machine's noise; the order they are started in
alternates from run to run. Each value is the median of ``--runs`` runs; a ratio is
median(microtui) / median(baseline).

Scenarios (targets are ratios, lower is better):

idle      ``microtui`` on Today at 09:31 with nothing due until 10:00 (a data dir where the
          start-of-day set was skipped), and on a fresh data dir where the start-of-day set has
          just come due (its "left to start" line counts whole minutes, then seconds in the
          last of its ten), vs ``bare_app.py tick``, 60 s.
playback  ``microtui`` on a fresh data dir at 09:29:50, ``2`` opens the player on the
          start-of-day set (44 s), measured for 30 s from 3 s after it opened, vs
          ``bare_app.py fps 12`` (a Label, the target) and ``bare_app.py digits 12`` (info).
startup   from ``tmux new-session`` until ``tmux capture-pane`` (polled every 10 ms) shows the
          app's content, and peak RSS (VmHWM) 2 s after that, vs ``bare_app.py label``; one
          untimed launch of each first warms the page cache. These run one at a time. The same
          for ``microtui`` on five years of history (:mod:`history`, filled once per run, with
          the quiet day's settings and log on top, so the screen is the same), vs ``microtui``
          on the quiet data dir alone.

``--quick``: 10 s windows and one run, for smoke tests. ``--serial``: CPU scenarios measure
one process at a time instead (still alternating). ``--json PATH`` saves every run.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
BIN = ROOT / ".venv" / "bin"
BARE_APP = HERE / "bare_app.py"
LABEL_TEXT = "bare textual baseline"
"""What ``bare_app.py`` shows (kept equal to ``bare_app.LABEL_TEXT``, see the tests)."""

WIDTH, HEIGHT = 120, 40
IDLE_NOW = "2026-11-25T09:31:00"
"""The start-of-day set is at 09:31 (the app's first run that day); the next set is at 10:00."""
PLAYBACK_NOW = "2026-11-25T09:29:50"
WARMUP = 3.0
RUNS = 5
"""Runs per scenario: every row is a median of at least five."""
STARTUP_RUNS = 11
"""Runs of the start-up scenario when a full run is asked for (``--runs`` of five or more):
one start takes seconds, and starts spread widely (the bare app's 193-244 ms in one run of
nine), so a median of five moved from 1.20x to 1.42x between runs of the same code."""
POLL = 0.01
STARTUP_SETTLE = 2.0
"""How long after first paint the peak RSS is read."""
IDLE_SECONDS, PLAYBACK_SECONDS = 60.0, 30.0
QUICK_SECONDS = 10.0
SET_SECONDS = 44.0
"""The start-of-day set of the built-in routine, which the playback scenario plays."""

TARGETS = {"idle": 1.0, "playback": 1.5, "startup": 1.3, "memory": 1.4, "history": 1.5}
"""Ratio targets; ``history``: five years of history against no history."""
SCENARIOS = ("startup", "idle", "playback")
HISTORY_YEARS = 5
HISTORY_UNTIL = "2026-11-24"
"""The history ends the day before :data:`IDLE_NOW`; that day comes from the quiet seed."""
NO_HISTORY = "microtui, no history"
"""The baseline of the five-years rows: ``microtui`` on the quiet seed alone."""

APP_MARKER = "Start of Day"
"""Text that only appears once Today has drawn its timeline."""
PLAYER_MARKER = "Movement"
"""The player's figure panel title."""
DUE_MARKER = "Due now"
SET_DONE_MARKERS = ("Set complete", "Set ended", "Set stopped")


# -- pure helpers (unit-tested) -----------------------------------------------------------


@dataclass(frozen=True)
class ProcStat:
    """The fields of one ``/proc/<pid>/stat`` line that the benchmark needs (clock ticks)."""

    pid: int
    comm: str
    state: str
    ppid: int
    utime: int
    stime: int
    cutime: int
    cstime: int

    @property
    def ticks(self) -> int:
        """CPU used by the process itself (all its threads)."""
        return self.utime + self.stime

    @property
    def reaped_ticks(self) -> int:
        """CPU of the children it has waited for."""
        return self.cutime + self.cstime


def parse_stat(line: str) -> ProcStat:
    """Parse ``/proc/<pid>/stat``. The command name may hold spaces and parentheses, so it
    ends at the *last* ``)``; the fields after it are numbered from 3 (``state``)."""
    head, paren, rest = line.strip().rpartition(")")
    pid_text, open_paren, comm = head.partition("(")
    fields = rest.split()
    if not paren or not open_paren or len(fields) < 15:
        raise ValueError(f"not a /proc/<pid>/stat line: {line[:80]!r}")
    number = [int(f) for f in fields[1:15]]  # fields 4..17
    return ProcStat(
        pid=int(pid_text), comm=comm, state=fields[0], ppid=number[0],
        utime=number[10], stime=number[11], cutime=number[12], cstime=number[13],
    )


def parse_status_kib(text: str, key: str = "VmHWM") -> int | None:
    """A ``kB`` field of ``/proc/<pid>/status`` (``VmHWM``: peak resident set), in KiB."""
    for line in text.splitlines():
        name, _, value = line.partition(":")
        if name.strip() == key:
            parts = value.split()
            if parts and parts[0].isdigit():
                return int(parts[0])
    return None


def descendants(root: int, stats: Mapping[int, ProcStat]) -> list[int]:
    """``root`` and every process below it, parents before children."""
    children: dict[int, list[int]] = {}
    for stat in stats.values():
        children.setdefault(stat.ppid, []).append(stat.pid)
    found: list[int] = []
    todo = [root] if root in stats else []
    while todo:
        pid = todo.pop(0)
        if pid in found:
            continue
        found.append(pid)
        todo.extend(sorted(children.get(pid, ())))
    return found


def tree_ticks(root: int, stats: Mapping[int, ProcStat]) -> int:
    """CPU ticks of ``root`` and its live descendants, and of the children they reaped."""
    return sum(stats[pid].ticks + stats[pid].reaped_ticks for pid in descendants(root, stats))


def is_python(argv: Sequence[str]) -> bool:
    """Whether a process's program (its argv) is a Python interpreter (a script with a
    ``#!`` line, such as ``microtui``, runs as one)."""
    return bool(argv) and Path(argv[0]).name.startswith("python")


def pick_python(candidates: Sequence[tuple[int, Sequence[str]]]) -> int | None:
    """The first process (pid, argv) whose program is a Python interpreter."""
    for pid, argv in candidates:
        if is_python(argv):
            return pid
    return None


def ancestry(pid: int, stats: Mapping[int, ProcStat]) -> list[int]:
    """``pid`` and its parents, up to the first one not in ``stats``."""
    found: list[int] = []
    while pid in stats and pid not in found:
        found.append(pid)
        pid = stats[pid].ppid
    return found


def other_pythons(argvs: Mapping[int, Sequence[str]], ours: Collection[int]) -> list[str]:
    """The Python processes running besides ``ours`` (the benchmark and what started it),
    as ``pid command`` (the command cut at 100 characters): a microtui or a profile left
    running in a terminal takes CPU in every window and start that is timed, which the
    load average barely shows."""
    return [f"{pid} {shlex.join(argv)[:100]}" for pid, argv in sorted(argvs.items())
            if pid not in ours and is_python(argv)]


def median(values: Iterable[float]) -> float:
    ordered = sorted(values)
    if not ordered:
        raise ValueError("median of nothing")
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2


def ratio(value: float | None, baseline: float | None) -> float | None:
    if value is None or baseline is None or baseline <= 0:
        return None
    return value / baseline


def startup_runs(runs: int) -> int:
    """How many starts the start-up scenario times for ``--runs runs``: at least
    :data:`STARTUP_RUNS` in a full run; fewer (``--quick``) as asked."""
    return max(runs, STARTUP_RUNS) if runs >= RUNS else runs


def alternate(items: Sequence, run: int) -> list:
    """Even runs keep the order, odd runs reverse it."""
    return list(items) if run % 2 == 0 else list(reversed(items))


def fmt_value(value: float | None, unit: str) -> str:
    if value is None:
        return "—"
    if unit == "cpu":
        return f"{value:.2f} s"
    if unit == "ms":
        return f"{value * 1000:.1f} ms" if value < 0.1 else f"{value * 1000:.0f} ms"
    if unit == "kib":
        return f"{value / 1024:.1f} MiB"
    return f"{value:g}"


def fmt_ratio(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}x"


def fmt_target(target: float | None) -> str:
    return "info" if target is None else f"≤ {target:.1f}x"


def verdict(value: float | None, target: float | None) -> str:
    """A pass/fail-ish mark: ``ok``, ``OVER`` (the ratio is above its target), ``?``."""
    if target is None:
        return ""
    if value is None:
        return "?"
    return "ok" if value <= target else "OVER"


@dataclass
class Row:
    """One line of the table: a microtui measurement against a baseline, every run kept."""

    scenario: str
    baseline: str
    unit: str
    target: float | None
    app: list[float] = field(default_factory=list)
    base: list[float] = field(default_factory=list)

    @property
    def app_median(self) -> float | None:
        return median(self.app) if self.app else None

    @property
    def base_median(self) -> float | None:
        return median(self.base) if self.base else None

    @property
    def ratio(self) -> float | None:
        return ratio(self.app_median, self.base_median)

    def to_json(self) -> dict:
        return {**asdict(self), "app_median": self.app_median,
                "base_median": self.base_median, "ratio": self.ratio}

    @classmethod
    def from_json(cls, data: Mapping) -> Row:
        return cls(scenario=data["scenario"], baseline=data["baseline"], unit=data["unit"],
                   target=data["target"], app=list(data["app"]), base=list(data["base"]))


TABLE_HEADER = ("scenario", "baseline", "microtui", "baseline value", "ratio", "target", "")


def table_cells(row: Row) -> tuple[str, ...]:
    return (row.scenario, row.baseline, fmt_value(row.app_median, row.unit),
            fmt_value(row.base_median, row.unit), fmt_ratio(row.ratio),
            fmt_target(row.target), verdict(row.ratio, row.target))


def format_table(rows: Sequence[Row]) -> str:
    """A Markdown table, padded so it also reads as plain text."""
    lines = [TABLE_HEADER, *(table_cells(row) for row in rows)]
    widths = [max(len(line[i]) for line in lines) for i in range(len(TABLE_HEADER))]

    def join(cells: Sequence[str]) -> str:
        return "| " + " | ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)) + " |"

    rule = "|" + "|".join("-" * (w + 2) for w in widths) + "|"
    return "\n".join([join(lines[0]), rule, *(join(line) for line in lines[1:])])


def format_runs(rows: Sequence[Row]) -> str:
    """Every run's values, for the record."""
    out = []
    for row in rows:
        app = ", ".join(fmt_value(v, row.unit) for v in row.app)
        base = ", ".join(fmt_value(v, row.unit) for v in row.base)
        out.append(f"{row.scenario}: microtui [{app}]; {row.baseline} [{base}]")
    return "\n".join(out)


def summarize_hangups(hangups: Mapping[str, Sequence[bool]]) -> str:
    """How often microtui and the bare apps exited by themselves when their terminal closed."""
    groups: dict[str, list[bool]] = {"microtui": [], "bare apps": []}
    for label, exits in hangups.items():
        is_app = label.startswith(("microtui", "seed"))
        groups["microtui" if is_app else "bare apps"].extend(exits)
    parts = [f"{name} {sum(exits)} of {len(exits)}" for name, exits in groups.items() if exits]
    if not parts:
        return ""
    return ("Exited by themselves within 3 s of their terminal closing (tmux kill-session, "
            "SIGHUP); the rest were killed: " + ", ".join(parts) + ".")


# -- /proc --------------------------------------------------------------------------------


def read_stats() -> dict[int, ProcStat]:
    stats = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            with contextlib.suppress(OSError, ValueError):
                stats[int(entry.name)] = parse_stat(Path(entry.path, "stat").read_text())
    return stats


def read_argv(pid: int) -> list[str]:
    try:
        raw = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return []
    return [part.decode(errors="replace") for part in raw.split(b"\0") if part]


def peak_rss_kib(pid: int) -> int | None:
    try:
        return parse_status_kib(Path(f"/proc/{pid}/status").read_text(), "VmHWM")
    except OSError:
        return None


def loadavg() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "?"


CLK_TCK = os.sysconf("SC_CLK_TCK")


# -- tmux -------------------------------------------------------------------------------


class BenchError(RuntimeError):
    pass


class Tmux:
    """A private tmux server; one detached session per process."""

    def __init__(self, workdir: Path) -> None:
        self.binary = shutil.which("tmux") or "/usr/bin/tmux"
        self.socket = f"microtui-bench-{os.getpid()}"
        self.config = workdir / "tmux.conf"
        self.config.write_text(
            "set -g status off\n"  # the pane gets the whole 120x40
            "set -g remain-on-exit on\n"  # a crashed app leaves its last screen to report
            "set -g default-terminal tmux-256color\n"
            "set -g history-limit 100\n"
        )
        self.env = bench_env(workdir)
        self.count = 0

    def run(self, *args: str, check: bool = True) -> str:
        done = subprocess.run(
            [self.binary, "-L", self.socket, "-f", str(self.config), *args],
            env=self.env, capture_output=True, text=True, timeout=15,
        )
        if check and done.returncode != 0:
            raise BenchError(f"tmux {' '.join(args[:1])} failed: {done.stderr.strip()}")
        return done.stdout

    def new(self, label: str, command: Sequence[str], env: Mapping[str, str]) -> str:
        self.count += 1
        name = f"b{os.getpid()}-{self.count}-{label.replace(' ', '-')}"
        args = ["new-session", "-d", "-s", name, "-x", str(WIDTH), "-y", str(HEIGHT),
                "-c", str(ROOT)]
        for key, value in env.items():
            args += ["-e", f"{key}={value}"]
        self.run(*args, "exec " + shlex.join(command))
        return name

    def pane(self, name: str, fmt: str) -> str:
        return self.run("display-message", "-p", "-t", f"={name}:", fmt).strip()

    def capture(self, name: str) -> str:
        return self.run("capture-pane", "-p", "-t", f"={name}:")

    def dead(self, name: str) -> bool:
        return self.pane(name, "#{pane_dead}") == "1"

    def capture_and_dead(self, name: str) -> tuple[str, bool]:
        """The screen, and whether the pane's process has exited: one tmux call."""
        target = f"={name}:"
        out = self.run("capture-pane", "-p", "-t", target, ";",
                       "display-message", "-p", "-t", target, "#{pane_dead}")
        screen, _, flag = out.rstrip("\n").rpartition("\n")
        return screen, flag.strip() == "1"

    def send_keys(self, name: str, *keys: str) -> None:
        self.run("send-keys", "-t", f"={name}:", *keys)

    def kill(self, name: str) -> None:
        self.run("kill-session", "-t", f"={name}", check=False)

    def close(self) -> None:
        self.run("kill-server", check=False)
        socket_dir = Path(os.environ.get("TMUX_TMPDIR") or "/tmp") / f"tmux-{os.getuid()}"
        with contextlib.suppress(OSError):
            (socket_dir / self.socket).unlink()  # the server leaves its socket behind


def bench_env(workdir: Path) -> dict[str, str]:
    """The environment every process starts from: ours without anything that changes how
    microtui or Textual behave, a true-colour terminal, and empty config and data homes.

    Bytecode is cached, as on a user's machine, but in ``workdir/pycache``
    (``PYTHONPYCACHEPREFIX``) so that nothing is written into the source tree; with
    ``PYTHONDONTWRITEBYTECODE`` set (as in some sandboxes and CI) an editable install would
    otherwise compile microtui's modules on every start. The warm-up launches fill it."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("MICROTUI_", "TEXTUAL", "TMUX"))
           and k not in ("PYTHONDONTWRITEBYTECODE", "PYTHONPYCACHEPREFIX")}
    for name in ("config", "data", "cache", "pycache"):
        (workdir / name).mkdir(exist_ok=True)
    env.update(COLORTERM="truecolor", XDG_CONFIG_HOME=str(workdir / "config"),
               XDG_DATA_HOME=str(workdir / "data"), XDG_CACHE_HOME=str(workdir / "cache"),
               PYTHONPYCACHEPREFIX=str(workdir / "pycache"))
    return env


# -- processes --------------------------------------------------------------------------


def python_bin() -> str:
    candidate = BIN / "python"
    return str(candidate) if candidate.exists() else sys.executable


def microtui_bin() -> str:
    candidate = BIN / "microtui"
    if candidate.exists():
        return str(candidate)
    found = shutil.which("microtui")
    if found is None:
        raise BenchError("microtui is not installed: run make first")
    return found


def bare(*args: str) -> list[str]:
    return [python_bin(), str(BARE_APP), *args]


@dataclass
class Proc:
    """A process to measure: how to start it and how to tell it is ready and still right."""

    label: str
    command: list[str]
    env: dict[str, str] = field(default_factory=dict)
    marker: str | None = None
    """Text its first paint shows; None: any text at all."""
    ready: Callable[[Tmux, str], None] | None = None
    """Run after the marker shows (say, open the player); must wait for what it opens."""
    check: Callable[[str], str | None] | None = None
    """Given the screen at the end of the window: what is wrong with it, or None."""


@dataclass
class Launched:
    proc: Proc
    session: str
    pane_pid: int
    began: float


def launch(tmux: Tmux, proc: Proc) -> Launched:
    began = time.perf_counter()
    session = tmux.new(proc.label, proc.command, proc.env)
    return Launched(proc, session, int(tmux.pane(session, "#{pane_pid}")), began)


def shows(screen: str, marker: str | None) -> bool:
    return bool(screen.strip()) if marker is None else marker in screen


def wait_for(tmux: Tmux, session: str, marker: str | None, timeout: float = 30.0) -> float:
    """Poll the pane every :data:`POLL` seconds until it shows ``marker``; the time taken."""
    began = time.perf_counter()
    while True:
        polled = time.perf_counter()
        screen, dead = tmux.capture_and_dead(session)
        if shows(screen, marker):
            return time.perf_counter() - began
        if dead:
            raise BenchError(f"{session} exited before showing {marker!r}:\n{screen.rstrip()}")
        if polled - began > timeout:
            raise BenchError(f"{session} never showed {marker!r}:\n{screen.rstrip()}")
        time.sleep(max(0.0, POLL - (time.perf_counter() - polled)))


def the_python(pane_pid: int) -> int:
    """The Python process of a pane: the pane's own process when tmux exec'd it."""
    tree = descendants(pane_pid, read_stats())
    found = pick_python([(pid, read_argv(pid)) for pid in tree])
    if found is None:
        raise BenchError(f"no python process under pane pid {pane_pid}: {tree}")
    return found


HANGUPS: dict[str, list[bool]] = {}
"""By label: for each stop, whether the process exited by itself when its terminal closed."""


def stop(tmux: Tmux, launched: Launched, grace: float = 3.0) -> bool:
    """Close the terminal (kill the session: the app gets SIGHUP, as when a terminal tab is
    closed) and wait until its processes are gone; whatever is left after ``grace`` seconds
    is killed. Whether it went by itself is noted in :data:`HANGUPS`."""
    tree = descendants(launched.pane_pid, read_stats())
    tmux.kill(launched.session)
    deadline = time.monotonic() + grace
    gone = False
    while True:
        stats = read_stats()
        if all(pid not in stats or stats[pid].state == "Z" for pid in tree):
            gone = True
            break
        if time.monotonic() > deadline:
            break
        time.sleep(0.05)
    if not gone:
        for pid in tree:  # only what this benchmark started
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)
    HANGUPS.setdefault(launched.proc.label, []).append(gone)
    return gone


def measure_cpu(tmux: Tmux, procs: Sequence[Proc], window: float,
                warmup: float = WARMUP) -> dict[str, float]:
    """Start every process, wait until each is ready, warm up, then read the CPU of all of
    them at the start and the end of one ``window``: CPU seconds by label."""
    started: list[Launched] = []
    try:
        for proc in procs:
            started.append(launch(tmux, proc))
        for item in started:
            wait_for(tmux, item.session, item.proc.marker)
            the_python(item.pane_pid)  # it really is a Python process we measure
            if item.proc.ready is not None:
                item.proc.ready(tmux, item.session)
        time.sleep(warmup)
        before = read_stats()
        time.sleep(window)
        after = read_stats()
        used = {}
        for item in started:
            screen = tmux.capture(item.session)
            if tmux.dead(item.session):
                raise BenchError(f"{item.proc.label} died during the window:\n{screen}")
            problem = item.proc.check(screen) if item.proc.check else None
            if problem:
                raise BenchError(f"{item.proc.label}: {problem}\n{screen.rstrip()}")
            ticks = tree_ticks(item.pane_pid, after) - tree_ticks(item.pane_pid, before)
            used[item.proc.label] = ticks / CLK_TCK
        return used
    finally:
        for item in started:
            stop(tmux, item)


def measure_startup(tmux: Tmux, proc: Proc) -> tuple[float, float, int]:
    """Seconds from ``tmux new-session`` to the marker on screen, the CPU seconds the
    process had used by then, and its VmHWM (KiB) 2 s later."""
    item = launch(tmux, proc)
    try:
        wait_for(tmux, item.session, proc.marker)
        painted = time.perf_counter() - item.began
        cpu = tree_ticks(item.pane_pid, read_stats()) / CLK_TCK
        time.sleep(STARTUP_SETTLE)
        peak = peak_rss_kib(the_python(item.pane_pid))
        if peak is None:
            raise BenchError(f"{proc.label}: no VmHWM")
        return painted, cpu, peak
    finally:
        stop(tmux, item)


# -- the scenarios ------------------------------------------------------------------------


def microtui_proc(label: str, data: Path, now: str, **kwargs) -> Proc:
    """microtui on ``data`` at ``now``; its first-run setup skipped, so that every start,
    the fresh data dir's too, opens on Today (what the rows compare)."""
    return Proc(label, [microtui_bin(), "--data", str(data), "--skip-setup"],
                env={"MICROTUI_NOW": now, "MICROTUI_SPEED": "1"}, **kwargs)


def seed_quiet_day(tmux: Tmux, data: Path) -> None:
    """A data dir in which microtui first ran at 09:31 and skipped the start-of-day set, so
    at 09:31 nothing is due until 10:00. Made by driving the app itself (``x``, ``q``)."""
    proc = microtui_proc("seed", data, IDLE_NOW, marker=DUE_MARKER)
    item = launch(tmux, proc)
    try:
        wait_for(tmux, item.session, DUE_MARKER)
        tmux.send_keys(item.session, "x")
        wait_for(tmux, item.session, "skipped", timeout=10)
        time.sleep(0.5)  # the skip is written by a thread worker
        tmux.send_keys(item.session, "q")
        deadline = time.monotonic() + 10
        while not tmux.dead(item.session) and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        stop(tmux, item)
    if not logged_days(data):
        raise BenchError(f"seeding {data} logged nothing")


def logged_days(data: Path) -> list[str]:
    """The days a data dir has a log file for (``log/YYYY-MM/YYYY-MM-DD.json``), oldest first."""
    return sorted(path.stem for path in (data / "log").glob("*/*.json"))


def fill_history(path: Path, quiet_seed: Path) -> None:
    """Five years of history up to the day before :data:`IDLE_NOW`, and the quiet seed's
    settings and log on top: the same screen as the quiet seed at that time."""
    import history  # microtui's store and loader: only imported when this is measured

    history.fill(path, years=HISTORY_YEARS, today=date.fromisoformat(HISTORY_UNTIL))
    shutil.copytree(quiet_seed, path, dirs_exist_ok=True,
                    ignore=shutil.ignore_patterns("*.lock"))
    days = logged_days(path)
    if len(days) < 365 * HISTORY_YEARS * 0.6 or days[-1] != IDLE_NOW[:10]:
        raise BenchError(f"{path} does not hold five years up to {IDLE_NOW[:10]}: "
                         f"{len(days)} days, {days[-1:]}")


def not_due(screen: str) -> str | None:
    if DUE_MARKER in screen or "Next in" not in screen:
        return "a set is due: the idle window was not idle"
    return None


def still_due(screen: str) -> str | None:
    return None if DUE_MARKER in screen else "the start-of-day set is no longer due"


def open_player(tmux: Tmux, session: str) -> None:
    tmux.send_keys(session, "2")
    for _ in range(40):  # the day's first set opens with the start-of-day check-in: skip it
        screen = tmux.capture(session)
        if "check-in" in screen:
            tmux.send_keys(session, "Escape")
            break
        if shows(screen, PLAYER_MARKER):
            break
        time.sleep(0.1)
    wait_for(tmux, session, PLAYER_MARKER, timeout=15)


def still_playing(screen: str) -> str | None:
    if any(m in screen for m in SET_DONE_MARKERS) or PLAYER_MARKER not in screen:
        return "the set ended inside the window: use a shorter window or a longer set"
    return None


class Bench:
    def __init__(self, workdir: Path, runs: int, idle_seconds: float,
                 playback_seconds: float, serial: bool, log: Callable[[str], None]) -> None:
        self.workdir = workdir
        self.tmux = Tmux(workdir)
        self.runs = runs
        self.idle_seconds = idle_seconds
        self.playback_seconds = playback_seconds
        self.serial = serial
        self.log = log
        self.quiet_seed: Path | None = None
        self.history_seed: Path | None = None
        self.loads: dict[str, list[str]] = {}
        self.dirs = 0

    def fresh_dir(self, copy_of: Path | None = None) -> Path:
        self.dirs += 1
        path = self.workdir / f"data-{self.dirs}"
        if copy_of is None:
            path.mkdir()
        else:
            shutil.copytree(copy_of, path, ignore=shutil.ignore_patterns("*.lock"))
        return path

    def quiet_dir(self) -> Path:
        if self.quiet_seed is None:
            self.quiet_seed = self.workdir / "quiet-seed"
            seed_quiet_day(self.tmux, self.quiet_seed)
        return self.fresh_dir(self.quiet_seed)

    def history_dir(self) -> Path:
        """A copy of five years of history under the quiet day (filled once per run)."""
        if self.history_seed is None:
            self.quiet_dir()
            assert self.quiet_seed is not None
            self.log(f"  filling {HISTORY_YEARS} years of history ...")
            began = time.perf_counter()
            self.history_seed = self.workdir / "history-seed"
            fill_history(self.history_seed, self.quiet_seed)
            self.log(f"  filled {len(logged_days(self.history_seed))} days "
                     f"in {time.perf_counter() - began:.1f} s")
        return self.fresh_dir(self.history_seed)

    def cpu_runs(self, name: str, make: Callable[[], list[Proc]],
                 window: float) -> dict[str, list[float]]:
        results: dict[str, list[float]] = {}
        self.loads[name] = [loadavg()]
        for run in range(self.runs):
            procs = alternate(make(), run)
            groups = [[p] for p in procs] if self.serial else [procs]
            for group in groups:
                used = measure_cpu(self.tmux, group, window)
                for label, seconds in used.items():
                    results.setdefault(label, []).append(seconds)
            self.log(f"  {name} run {run + 1}/{self.runs} ({', '.join(p.label for p in procs)})"
                     f": " + ", ".join(f"{p.label} {results[p.label][-1]:.2f} s" for p in procs)
                     + f"  [load {loadavg()}]")
        self.loads[name].append(loadavg())
        return results

    def idle(self) -> list[Row]:
        window = self.idle_seconds
        self.log(f"idle: {window:g} s windows, {self.runs} runs")

        def make() -> list[Proc]:
            return [
                microtui_proc("microtui", self.quiet_dir(), IDLE_NOW, marker="Next in",
                              check=not_due),
                microtui_proc("microtui-due", self.fresh_dir(), IDLE_NOW, marker=DUE_MARKER,
                              check=still_due),
                Proc("tick", bare("tick"), marker=LABEL_TEXT),
            ]

        got = self.cpu_runs("idle", make, window)
        span = f"CPU in {window:g} s"
        return [
            Row(f"idle Today, nothing due ({span})", "bare_app tick", "cpu", TARGETS["idle"],
                got["microtui"], got["tick"]),
            Row(f"idle Today, a set due ({span})", "bare_app tick", "cpu", TARGETS["idle"],
                got["microtui-due"], got["tick"]),
        ]

    def playback(self) -> list[Row]:
        window = self.playback_seconds
        if WARMUP + window >= SET_SECONDS - 2:
            raise BenchError(f"the set lasts {SET_SECONDS:g} s: {window:g} s plus the "
                             f"{WARMUP:g} s warm-up does not fit")
        self.log(f"playback: {window:g} s windows, {self.runs} runs")

        def make() -> list[Proc]:
            return [
                microtui_proc("microtui", self.fresh_dir(), PLAYBACK_NOW, marker=DUE_MARKER,
                              ready=open_player, check=still_playing),
                Proc("fps12", bare("fps", "12"), marker=LABEL_TEXT),
                Proc("digits12", bare("digits", "12")),
            ]

        got = self.cpu_runs("playback", make, window)
        span = f"CPU in {window:g} s"
        return [
            Row(f"playback, 12 fps ({span})", "bare_app fps 12", "cpu", TARGETS["playback"],
                got["microtui"], got["fps12"]),
            Row(f"playback, 12 fps ({span})", "bare_app digits 12", "cpu", None,
                got["microtui"], got["digits12"]),
        ]

    def startup(self) -> list[Row]:
        runs = startup_runs(self.runs)
        self.log(f"startup: 1 warm-up + {runs} runs each")
        self.loads["startup"] = [loadavg()]
        self.history_dir()  # fill it before anything is timed

        def make() -> list[Proc]:
            return [
                microtui_proc("microtui", self.quiet_dir(), IDLE_NOW, marker=APP_MARKER),
                Proc("label", bare("label"), marker=LABEL_TEXT),
                microtui_proc("microtui-5y", self.history_dir(), IDLE_NOW, marker=APP_MARKER),
            ]

        for proc in make():
            measure_startup(self.tmux, proc)
        paint: dict[str, list[float]] = {}
        cpu: dict[str, list[float]] = {}
        peak: dict[str, list[float]] = {}
        for run in range(runs):
            for proc in alternate(make(), run):
                seconds, used, kib = measure_startup(self.tmux, proc)
                paint.setdefault(proc.label, []).append(seconds)
                cpu.setdefault(proc.label, []).append(used)
                peak.setdefault(proc.label, []).append(kib)
                self.log(f"  startup run {run + 1}/{runs} {proc.label}: "
                         f"{seconds * 1000:.0f} ms (CPU {used * 1000:.0f} ms), "
                         f"{kib / 1024:.1f} MiB  [load {loadavg()}]")
        self.loads["startup"].append(loadavg())
        return [
            Row("start-up to first paint", "bare_app label", "ms", TARGETS["startup"],
                paint["microtui"], paint["label"]),
            Row("CPU used until first paint", "bare_app label", "ms", None,
                cpu["microtui"], cpu["label"]),
            Row("peak memory (VmHWM, first paint + 2 s)", "bare_app label", "kib",
                TARGETS["memory"], peak["microtui"], peak["label"]),
            Row("start-up to first paint, five years of history", NO_HISTORY, "ms",
                TARGETS["history"], paint["microtui-5y"], paint["microtui"]),
            Row("CPU used until first paint, five years of history", NO_HISTORY, "ms", None,
                cpu["microtui-5y"], cpu["microtui"]),
            Row("peak memory, five years of history", NO_HISTORY, "kib", None,
                peak["microtui-5y"], peak["microtui"]),
        ]


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=__doc__.split("\n\n", 2)[2],
    )
    parser.add_argument("--runs", type=int, default=None,
                        help=f"runs per scenario ({RUNS}: every median of five at least)")
    parser.add_argument("--quick", action="store_true",
                        help=f"{QUICK_SECONDS:g} s windows and 1 run: a smoke test")
    parser.add_argument("--only", action="append", choices=SCENARIOS,
                        help="only this scenario (may be repeated)")
    parser.add_argument("--serial", action="store_true",
                        help="measure CPU one process at a time, not side by side")
    parser.add_argument("--idle-seconds", type=float, default=None)
    parser.add_argument("--playback-seconds", type=float, default=None)
    parser.add_argument("--json", type=Path, metavar="PATH", help="write every run here")
    args = parser.parse_args(argv)
    quick = QUICK_SECONDS if args.quick else None
    args.runs = args.runs or (1 if args.quick else RUNS)
    args.idle_seconds = args.idle_seconds or quick or IDLE_SECONDS
    args.playback_seconds = args.playback_seconds or quick or PLAYBACK_SECONDS
    args.only = args.only or list(SCENARIOS)
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)

    def log(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    workdir = Path(tempfile.mkdtemp(prefix="microtui-bench-cpu-"))
    bench = Bench(workdir, args.runs, args.idle_seconds, args.playback_seconds,
                  args.serial, log)
    rows: list[Row] = []
    began = time.time()
    log(f"load before: {loadavg()}; {os.cpu_count()} cores")
    try:
        for name in SCENARIOS:
            if name in args.only:
                rows += getattr(bench, name)()
    except BenchError as exc:
        log(f"benchmark failed: {exc}")
        return 1
    finally:
        bench.tmux.close()
        shutil.rmtree(workdir, ignore_errors=True)
    print(format_table(rows))
    print()
    print(format_runs(rows))
    hangups = summarize_hangups(HANGUPS)
    if hangups:
        print()
        print(hangups)
    if args.json is not None:
        args.json.write_text(json.dumps({
            "rows": [row.to_json() for row in rows],
            "runs": args.runs,
            "idle_seconds": args.idle_seconds,
            "playback_seconds": args.playback_seconds,
            "serial": args.serial,
            "loadavg": bench.loads,
            "hangups": HANGUPS,
            "seconds": round(time.time() - began, 1),
        }, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

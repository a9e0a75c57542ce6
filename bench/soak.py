"""Soak: a whole workday of the installed microtui, sped up and unattended.

    .venv/bin/python bench/soak.py [--speed 60] [--hours H] [--workday-end HH:MM]
                                   [--autostart 30] [--tolerance SECONDS] [--rss-limit 10]
                                   [--json FILE]

Starts ``.venv/bin/microtui`` in tmux (120x40) on a fresh data directory with
``MICROTUI_NOW`` at the default workday start, ``MICROTUI_SPEED`` (60: a fake minute is a
real second) and ``--autostart``, so every set plays by itself. It samples the app's
resident set (``VmRSS``) every few seconds while the fake workday runs from its start to a
little past its end-of-day set (8.5 fake hours, about 8.5 real minutes at 60x), then quits
with the keys a user would press, and checks ``microtui export`` against ``microtui today
--json``:

* every planned event of the day has exactly one session record (none missed, none
  duplicated, none logged for an event that is not in the plan), played to completion;
* each started no earlier than its due time and no later than the tolerance after it;
* the median resident set of the last fake hour is less than 10% above that of the first.

It prints a short report and exits 1 when a check fails (2 when the run itself could not be
done: no tmux, no installed app, the app died). ``--hours`` stops the day early: only the
events due early enough to have been played are checked, and the first and last windows
shrink to a third of the run when it is shorter than three hours. ``--workday-end`` plays a
shorter workday whole instead (saved in the data directory's settings before the app
starts): its start-of-day set, every interval set and its end-of-day set, all checked.

The checks are plain functions (:func:`check_day`, :func:`check_rss`), unit-tested with
hand-made inputs in ``tests/soak/test_workday_soak.py``, which also runs the soak in CI, in
the background while the rest of the suite runs: a whole workday ending at 12:00 (seven
sets, three fake hours; see ``tests/soak/conftest.py``).
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timedelta
from datetime import time as dt_time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from bench_cpu import parse_status_kib  # noqa: E402

MICROTUI = ROOT / ".venv" / "bin" / "microtui"
DAY = date(2026, 11, 25)
"""A Wednesday: a working day under the default settings."""

SIZE = (120, 40)
SAMPLE_EVERY = 2.0
"""Real seconds between two resident-set samples."""

DEFAULT_AUTOSTART = 30
"""Fake seconds a due set waits before it starts by itself (``--autostart``)."""

DEFAULT_SLACK = 240
"""Fake seconds of lateness allowed beyond the autostart delay. The app looks for a due set
once a real second, which is a fake minute at 60x; a set can wait up to two looks (the
previous set's summary closes on one, the player opens on the next) plus Today's own
refresh, and a loaded two-core machine can add a real second or two. Four fake minutes
covers that and is still well inside the schedule's ten-minute grace, after which a set
counts as missed and would not start at all."""


def default_workday(end: dt_time | None = None) -> tuple[datetime, datetime]:
    """The default workday's start and end on :data:`DAY` (naive local times); ``end``
    instead of the default end."""
    from microtui.core.schedule import ScheduleSettings

    settings = ScheduleSettings()
    return (datetime.combine(DAY, settings.workday_start),
            datetime.combine(DAY, end or settings.workday_end))


def save_workday(data: Path, end: dt_time | None) -> None:
    """Set up the fresh data directory as the app's first-run setup would, taking the
    guide's day plan (the soak runs unattended: no one answers it), with a workday ending
    at ``end`` if given."""
    from microtui.store import Store

    with Store.open(data) as store:
        store.update_settings(lambda saved: dataclasses.replace(
            saved, setup_done=DAY,
            schedule=dataclasses.replace(saved.schedule, workday_end=end or
                                         saved.schedule.workday_end)))


# -- the checks (pure) ------------------------------------------------------------------------


@dataclass(frozen=True)
class Planned:
    """One event of ``microtui today --json``: its id, due time (naive local) and length."""

    id: str
    due: datetime
    seconds: float


def planned_events(today_json: Mapping) -> list[Planned]:
    """The events of ``microtui today --json`` output (already parsed)."""
    day = date.fromisoformat(today_json["date"])
    events = []
    for event in today_json["events"]:
        hour, minute = (int(part) for part in event["time"].split(":"))
        due = datetime.combine(day, datetime.min.time()).replace(hour=hour, minute=minute)
        events.append(Planned(event["id"], due, float(event["seconds"])))
    return events


def _local(stamp: str) -> datetime:
    """A session's ISO time as naive local time (the soak fixes ``TZ``, so the offset is the
    same for the plan and the log)."""
    return datetime.fromisoformat(stamp).replace(tzinfo=None)


@dataclass
class DayCheck:
    """Every planned event against the session log."""

    planned: int = 0
    logged: int = 0
    """Planned events with at least one session record."""
    missed: list[str] = field(default_factory=list)
    duplicated: list[str] = field(default_factory=list)
    late: list[str] = field(default_factory=list)
    early: list[str] = field(default_factory=list)
    incomplete: list[str] = field(default_factory=list)
    """Events whose record is not ``completed`` (partial, skipped, ...)."""
    unexpected: list[str] = field(default_factory=list)
    """Session records for no planned event (or with no event at all)."""
    lateness: dict[str, float] = field(default_factory=dict)
    """Fake seconds from due to started, for each logged event (its first record)."""
    tolerance: float = 0.0
    skipped_after: str | None = None
    """Events due after this time were not checked (a run shorter than the day)."""

    @property
    def max_lateness(self) -> float | None:
        return max(self.lateness.values()) if self.lateness else None

    @property
    def problems(self) -> list[str]:
        found = []
        for label, ids in (("missed", self.missed), ("duplicated", self.duplicated),
                           ("late", self.late), ("started early", self.early),
                           ("not completed", self.incomplete),
                           ("not in the plan", self.unexpected)):
            if ids:
                found.append(f"{len(ids)} {label}: {', '.join(ids)}")
        if self.planned == 0:
            found.append("no events were planned")
        return found

    @property
    def ok(self) -> bool:
        return not self.problems


def check_day(events: Sequence[Planned], sessions: Iterable[Mapping], *, tolerance: float,
              until: datetime | None = None) -> DayCheck:
    """Check the session log against the plan.

    Every planned event needs exactly one record, ``completed``, started from its due time
    to ``tolerance`` fake seconds after. With ``until`` (the fake time the run stopped), an
    event is only checked when it was due early enough to have been played by then (due +
    tolerance + its length <= until); records of later events are ignored.
    """
    result = DayCheck(tolerance=tolerance)
    by_event: dict[str, list[Mapping]] = {}
    for record in sessions:
        by_event.setdefault(str(record.get("event_id")), []).append(record)
    checked = set()
    for event in events:
        if until is not None and (
            event.due + timedelta(seconds=tolerance + event.seconds) > until
        ):
            result.skipped_after = result.skipped_after or event.due.strftime("%H:%M")
            checked.add(event.id)  # neither checked nor unexpected
            continue
        checked.add(event.id)
        result.planned += 1
        records = sorted(by_event.get(event.id, []), key=lambda r: str(r.get("started")))
        if not records:
            result.missed.append(event.id)
            continue
        result.logged += 1
        if len(records) > 1:
            result.duplicated.append(event.id)
        if any(r.get("outcome") != "completed" for r in records):
            result.incomplete.append(event.id)
        late = (_local(str(records[0]["started"])) - event.due).total_seconds()
        result.lateness[event.id] = late
        if late < 0:
            result.early.append(event.id)
        elif late > tolerance:
            result.late.append(event.id)
    for event_id, records in by_event.items():
        if event_id not in checked:
            result.unexpected.extend([event_id] * len(records))
    return result


@dataclass
class RssCheck:
    """Resident set of the first fake window against the last one (medians, KiB)."""

    window: float
    """Fake seconds in each window (an hour, or a third of a shorter run)."""
    first: float | None
    last: float | None
    peak: int | None
    samples: int
    limit: float

    @property
    def growth(self) -> float | None:
        if not self.first or self.last is None:
            return None
        return (self.last - self.first) / self.first * 100

    @property
    def problems(self) -> list[str]:
        if self.growth is None:
            return [f"too few resident-set samples ({self.samples}) to compare the first and "
                    "last windows"]
        if self.growth >= self.limit:
            return [f"resident set grew {self.growth:.1f}% from the first fake hour to the "
                    f"last (limit {self.limit:g}%)"]
        return []

    @property
    def ok(self) -> bool:
        return not self.problems


def check_rss(samples: Sequence[tuple[float, int]], *, length: float,
              limit: float = 10.0) -> RssCheck:
    """``samples`` are (fake seconds since the start, KiB); ``length`` the run's fake length.
    Compares the median of ``[0, window)`` with that of ``[length - window, length]``, the
    window being an hour, or a third of the run when that is shorter."""
    window = min(3600.0, length / 3)
    first = [kib for t, kib in samples if 0 <= t < window]
    last = [kib for t, kib in samples if length - window <= t <= length]
    return RssCheck(
        window=window,
        first=statistics.median(first) if first else None,
        last=statistics.median(last) if last else None,
        peak=max((kib for _, kib in samples), default=None),
        samples=len(samples),
        limit=limit,
    )


def _mib(kib: float | None) -> str:
    return f"{kib / 1024:.1f} MiB" if kib is not None else "n/a"


def format_report(day: DayCheck, rss: RssCheck, *, speed: float, autostart: int) -> str:
    minutes = rss.window / 60
    window = "hour" if rss.window >= 3600 else f"{minutes:g} fake min"
    lines = [
        f"soak at {speed:g}x, autostart {autostart} s, tolerance {day.tolerance:g} fake s",
        f"  events planned {day.planned}, logged {day.logged}, late {len(day.late)}, "
        f"duplicated {len(day.duplicated)}, missed {len(day.missed)}",
    ]
    if day.max_lateness is not None:
        values = sorted(day.lateness.values())
        lines.append(f"  lateness (fake s): max {day.max_lateness:g}, "
                     f"median {statistics.median(values):g}, min {values[0]:g}")
    if day.skipped_after:
        lines.append(f"  events from {day.skipped_after} on not checked (the run ended first)")
    growth = f"{rss.growth:+.1f}%" if rss.growth is not None else "n/a"
    lines.append(f"  RSS first {window} {_mib(rss.first)}, last {window} {_mib(rss.last)}, "
                 f"growth {growth} (limit {rss.limit:g}%), peak {_mib(rss.peak)}, "
                 f"{rss.samples} samples")
    problems = day.problems + rss.problems
    lines.append("  PASS" if not problems else "  FAIL: " + "; ".join(problems))
    return "\n".join(lines)


# -- the run ----------------------------------------------------------------------------------


class SoakError(Exception):
    """The soak could not be run (as opposed to a check that failed)."""


class Tmux:
    """One tmux session running the app, on a tmux server of its own (socket ``-L name``):
    nobody's ``tmux kill-server`` ends the soak, and ending it touches nobody's tmux."""

    def __init__(self, name: str) -> None:
        self.name = name

    def _tmux(self, *args: str, **kwargs) -> subprocess.CompletedProcess:
        return subprocess.run(["tmux", "-L", self.name, *args], **kwargs)

    def start(self, line: str) -> None:
        # The pane stays a while after the app exits, so its exit code can be read.
        self._tmux("-f", "/dev/null", "new-session", "-d", "-s", self.name,
                   "-x", str(SIZE[0]), "-y", str(SIZE[1]),
                   f"{line}; echo EXITED $?; sleep 60",
                   check=True, env={**os.environ, "TERM": "xterm-256color"})

    def keys(self, *keys: str) -> None:
        self._tmux("send-keys", "-t", self.name, *keys, capture_output=True)

    def screen(self) -> str:
        return self._tmux("capture-pane", "-p", "-t", self.name,
                          capture_output=True, text=True).stdout

    def wait_for(self, test: Callable[[str], bool], timeout: float) -> str | None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            screen = self.screen()
            if test(screen):
                return screen
            time.sleep(0.2)
        return None

    def kill(self) -> None:
        kill_server(self.name)


def kill_server(name: str) -> None:
    """End the soak's own tmux server and remove the socket it leaves behind."""
    subprocess.run(["tmux", "-L", name, "kill-server"], capture_output=True)
    socket_dir = Path(os.environ.get("TMUX_TMPDIR") or "/tmp") / f"tmux-{os.getuid()}"
    with contextlib.suppress(OSError):
        (socket_dir / name).unlink()


def read_rss(pid: int) -> int | None:
    try:
        text = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    return parse_status_kib(text, "VmRSS")


def run_cli(app: Path, data: Path, env: Mapping[str, str], *args: str) -> dict:
    result = subprocess.run([str(app), "--data", str(data), *args], capture_output=True,
                            text=True, timeout=60, env={**os.environ, **env})
    if result.returncode != 0:
        raise SoakError(f"microtui {' '.join(args)} failed ({result.returncode}): "
                        f"{result.stderr.strip()}")
    return json.loads(result.stdout)


def app_pid(data: Path, timeout: float = 30.0) -> int:
    """The app's pid, from the lock file it writes in its data directory."""
    lock = data / "microtui.lock"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            text = lock.read_text().strip()
        except OSError:
            text = ""
        if text.isdigit() and Path(f"/proc/{text}").exists():
            return int(text)
        time.sleep(0.1)
    raise SoakError(f"the app wrote no lock file in {data} within {timeout:g} s")


def quit_app(term: Tmux, timeout: float = 60.0) -> str:
    """Leave as a user would: close the last set's summary, skip the end-of-day check-in,
    press q. Returns the final screen (with ``EXITED <code>``)."""
    deadline = time.monotonic() + timeout
    screen = ""
    while time.monotonic() < deadline:
        screen = term.screen()
        if "EXITED" in screen:
            return screen
        if "check-in" in screen or "How did it feel?" in screen:
            term.keys("Escape")
        elif "End this set?" not in screen:
            term.keys("q")
        time.sleep(1.0)
    raise SoakError(f"the app did not quit within {timeout:g} s; the screen shows:\n{screen}")


@dataclass
class SoakResult:
    day: DayCheck
    rss: RssCheck
    speed: float
    autostart: int
    samples: list[tuple[float, int]] = field(default_factory=list)
    sessions: list[dict] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.day.ok and self.rss.ok

    def report(self) -> str:
        return format_report(self.day, self.rss, speed=self.speed, autostart=self.autostart)

    def to_json(self) -> dict:
        return {
            "ok": self.ok, "report": self.report(), "speed": self.speed,
            "autostart": self.autostart,
            "day": {**asdict(self.day), "max_lateness": self.day.max_lateness,
                    "problems": self.day.problems},
            "rss": {**asdict(self.rss), "growth": self.rss.growth,
                    "problems": self.rss.problems},
            "samples": self.samples,
            "sessions": [{key: s.get(key) for key in ("event_id", "started", "ended", "outcome")}
                         for s in self.sessions],
        }


def soak(*, speed: float, hours: float | None, autostart: int, tolerance: float,
         rss_limit: float, app: Path = MICROTUI, session: str | None = None,
         workday_end: dt_time | None = None,
         log: Callable[[str], None] = print) -> SoakResult:
    if shutil.which("tmux") is None:
        raise SoakError("tmux is not installed (make tmux installs it where it can)")
    if not app.exists():
        raise SoakError(f"{app} is missing: run make first")
    start, end = default_workday(workday_end)
    # Run to a little past the end-of-day set: it is due at the end, waits the autostart,
    # plays under a minute; then as long again as the tolerance for a slow start.
    day_length = (end - start).total_seconds() + autostart + tolerance + 120
    length = day_length if hours is None else min(day_length, hours * 3600)
    env = {"MICROTUI_NOW": start.isoformat(), "MICROTUI_SPEED": f"{speed:g}", "TZ": "UTC"}
    term = Tmux(session or f"mt-soak-{uuid.uuid4().hex[:8]}")
    with tempfile.TemporaryDirectory(prefix="microtui-soak-") as tmp:
        data = Path(tmp) / "data"
        save_workday(data, workday_end)
        settings = " ".join(f"{key}={value}" for key, value in env.items())
        # (COLUMNS and LINES, as pytest-xdist sets them, would override the pane's size.)
        line = (f"env -u COLUMNS -u LINES TERM=xterm-256color {settings} {app} --data {data} "
                f"--autostart {autostart}")
        log(f"soak: {length / 3600:.2f} fake hours from {start:%H:%M} at {speed:g}x "
            f"= {length / speed / 60:.1f} real minutes (tmux session {term.name})")
        began = time.monotonic()
        term.start(line)
        try:
            pid = app_pid(data)
            if term.wait_for(lambda s: f"{DAY:%A %d %B}" in s, timeout=60) is None:
                raise SoakError(f"the app did not show its day; the screen:\n{term.screen()}")
            samples: list[tuple[float, int]] = []
            next_note = 3600.0
            while True:
                fake = (time.monotonic() - began) * speed
                if fake >= length:
                    break
                kib = read_rss(pid)
                if kib is None:
                    raise SoakError(f"the app (pid {pid}) died at fake "
                                    f"{start + timedelta(seconds=fake):%H:%M}; the screen:\n"
                                    f"{term.screen()}")
                samples.append((fake, kib))
                if fake >= next_note:
                    log(f"  {start + timedelta(seconds=fake):%H:%M} RSS {kib / 1024:.1f} MiB")
                    next_note += 3600
                time.sleep(min(SAMPLE_EVERY, max(0.05, (length - fake) / speed)))
            stopped = start + timedelta(seconds=(time.monotonic() - began) * speed)
            screen = quit_app(term)
            if "EXITED 0" not in screen:
                raise SoakError(f"the app did not exit cleanly; the screen:\n{screen}")
            plan = run_cli(app, data, env, "today", "--json")
            log_data = run_cli(app, data, env, "export")
        finally:
            term.kill()
    sessions = log_data.get("sessions", [])
    until = None if hours is None else stopped
    day = check_day(planned_events(plan), sessions, tolerance=autostart + tolerance,
                    until=until)
    rss = check_rss(samples, length=length, limit=rss_limit)
    return SoakResult(day, rss, speed, autostart, samples, sessions)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0].strip(),
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--speed", type=float, default=60.0,
                        help="MICROTUI_SPEED: fake seconds per real second (default 60)")
    parser.add_argument("--hours", type=float,
                        help="stop after this many fake hours (default: the whole workday)")
    parser.add_argument("--workday-end", type=_hhmm, metavar="HH:MM",
                        help="play a shorter workday, ending then, whole (default: the "
                             "default settings' end, 17:30)")
    parser.add_argument("--autostart", type=int, default=DEFAULT_AUTOSTART,
                        help=f"the app's --autostart, fake seconds (default "
                             f"{DEFAULT_AUTOSTART})")
    parser.add_argument("--tolerance", type=float, default=DEFAULT_SLACK,
                        help=f"fake seconds a set may start late beyond the autostart delay "
                             f"(default {DEFAULT_SLACK})")
    parser.add_argument("--rss-limit", type=float, default=10.0,
                        help="largest allowed resident-set growth, percent (default 10)")
    parser.add_argument("--app", type=Path, default=MICROTUI,
                        help=f"the installed microtui to run (default {MICROTUI})")
    parser.add_argument("--session",
                        help="the tmux session's (and server socket's) name (default: random)")
    parser.add_argument("--json", type=Path, metavar="FILE",
                        help="also write the results here as JSON")
    return parser


def _hhmm(text: str) -> dt_time:
    try:
        return datetime.strptime(text, "%H:%M").time()
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a time like 12:00: {text!r}") from None


def _terminate(signum: int, frame: object) -> None:
    raise SystemExit(128 + signum)  # unwinds through the finally that kills tmux


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    signal.signal(signal.SIGTERM, _terminate)
    signal.signal(signal.SIGHUP, _terminate)
    try:
        result = soak(speed=args.speed, hours=args.hours, autostart=args.autostart,
                      tolerance=args.tolerance, rss_limit=args.rss_limit,
                      app=args.app, session=args.session, workday_end=args.workday_end,
                      log=lambda line: print(line, flush=True))
    except SoakError as exc:
        print(f"soak: {exc}", file=sys.stderr)
        if args.json:
            args.json.write_text(json.dumps({"ok": False, "error": str(exc)}))
        return 2
    print(result.report())
    if args.json:
        args.json.write_text(json.dumps(result.to_json(), indent=2, default=str))
    return 0 if result.ok else 1


if __name__ == "__main__":
    sys.exit(main())

"""Fill a data directory with years of realistic, synthetic microtui history.

    .venv/bin/python bench/history.py DIR [--years 5] [--today 2026-11-25] [--seed 7]

What it writes, through :class:`microtui.store.Store` (its own tables and atomic storage, so
the files are exactly what the app writes):

* **sessions**: every working day (Monday to Friday, less about 12 days of leave a year) the
  default routine's timeline (18 events from 09:00 to 17:30) plus two to four pre-meeting
  sets - about 20 a day. About 80 % completed, 8 % partial, 5 % skipped, 2 % abandoned,
  0.5 % stopped for pain; the rest missed (never logged). Exercises carry their parts and
  seconds; the right side of a sided exercise is slightly favoured on partial sets. Times are
  Europe/London wall times with their offsets, so the log crosses ten DST changes.
* **check-ins**: start and end of most working days; stiffness drifts down and energy and
  focus up over the years, and the end of the day is a little looser than the start.
* **measurements**: a mobility screen every 14 days, slowly improving, left a little behind.

``generate(..., varied=True)`` (the README's pictures, ``bench/docs.py``) makes about two
working days in five busy ones, on which most sets are missed and the day ends no looser
than it began, so that Progress's insights have two kinds of day to compare; without it
every day is alike (and the benchmarks' history stays exactly what it was).

Records are inserted a month (or a file) at a time with TinyDB's ``insert_multiple`` on the
store's tables: one atomic, fsynced write per file. Going through ``add_session`` record by
record would rewrite a month file 430 times over (26,000 fsynced rewrites) for the same
result.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import defaultdict
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from microtui.core.loader import Library, builtin_path, load_library  # noqa: E402
from microtui.core.meeting import Meeting  # noqa: E402
from microtui.core.schedule import ScheduleSettings  # noqa: E402
from microtui.core.timeline import build_timeline  # noqa: E402
from microtui.store import Store  # noqa: E402

LONDON = ZoneInfo("Europe/London")
DEFAULT_TODAY = date(2026, 11, 25)


def _session(library: Library, event, started: datetime, outcome: str,
             rng: random.Random) -> dict:
    exercises = library.exercises
    rows = []
    fraction = 1.0 if outcome == "completed" else rng.uniform(0.3, 0.9)
    if outcome in ("skipped", "abandoned"):
        fraction = 0.0 if outcome == "skipped" else rng.uniform(0.0, 0.1)
    for item in event.trigger.items:
        exercise = exercises[item.exercise_id]
        seconds = exercise.part_seconds(item.reps)
        for part in exercise.parts or (None,):
            share = fraction
            if part == "left" and outcome == "partial":
                share *= 0.8  # the dominant side wins when a set is cut short
            rows.append({
                "id": exercise.id, "name": exercise.name, "side": part,
                "planned_seconds": float(seconds),
                "done_seconds": round(seconds * share, 3),
                "effortless": outcome == "completed" and rng.random() < 0.05,
            })
    if outcome == "skipped":
        rows = []
    done = sum(r["done_seconds"] for r in rows)
    active = round(done + (3.0 if rows else 0.0), 3)
    record = {
        "v": 1,
        "event_id": event.id,
        "trigger": event.kind.value,
        "started": started.isoformat(),
        "ended": (started + timedelta(seconds=active)).isoformat(),
        "outcome": outcome,
    }
    if outcome == "stopped-for-pain":
        record["stopped_exercise"] = rows[0]["id"] if rows else None
    record["active_seconds"] = active
    record["exercises"] = rows
    record["note"] = "felt good" if rng.random() < 0.02 else None
    return record


def _outcome(rng: random.Random) -> str | None:
    roll = rng.random()
    for outcome, share in (("completed", 0.80), ("partial", 0.08), ("skipped", 0.05),
                           ("abandoned", 0.02), ("stopped-for-pain", 0.005)):
        if roll < share:
            return outcome
        roll -= share
    return None  # missed: nothing logged


def generate(library: Library, start: date, end: date, seed: int = 7,
             now: datetime | None = None, *, varied: bool = False):
    """``(sessions by month, check-ins, measurements)`` for every day from start to end;
    nothing at or after ``now`` (default: noon on the last day, London time); ``varied``:
    busy days among the others (see the module doc)."""
    now = now or datetime(end.year, end.month, end.day, 12, 0, tzinfo=LONDON)
    rng = random.Random(seed)
    settings = ScheduleSettings()
    routine = library.default_routine
    sessions: dict[str, list[dict]] = defaultdict(list)
    checkins: list[dict] = []
    measurements: list[dict] = []
    total_days = (end - start).days + 1
    leave = {start + timedelta(days=rng.randrange(total_days))
             for _ in range(round(12 * total_days / 365.25))}
    day = start
    while day <= end:
        progress = (day - start).days / max(1, total_days)
        if day.weekday() < 5 and day not in leave:
            busy = varied and rng.random() < 0.4
            meetings = []
            for _ in range(rng.randint(2, 4)):
                at = datetime(day.year, day.month, day.day, rng.randint(9, 16),
                              rng.choice((0, 15, 30, 45)), tzinfo=LONDON)
                meetings.append(Meeting(at, at + timedelta(minutes=30), "Call"))
            timeline = build_timeline(routine, settings, day, LONDON, meetings)
            for event in timeline.events:
                if event.planned >= now:
                    break
                outcome = _outcome(rng)
                if outcome is None or (busy and rng.random() < 0.7):
                    continue
                started = event.planned + timedelta(seconds=rng.randint(0, 240))
                record = _session(library, event, started, outcome, rng)
                sessions[record["started"][:7]].append(record)
            for moment, hour in (("start", 9), ("end", 17)):
                if rng.random() < 0.93 and (day < end or moment == "start"):
                    base = {"stiffness": 6.5 - 2.5 * progress, "energy": 5 + 2 * progress,
                            "focus": 5.5 + 1.5 * progress}
                    if moment == "end" and varied:
                        ease = 0.0 if busy else 1.0
                        base = {"stiffness": base["stiffness"] - 1.5 * ease,
                                "energy": base["energy"] + 1.5 * ease - 0.5 * (1 - ease),
                                "focus": base["focus"] + ease}
                    elif moment == "end":
                        base = {"stiffness": base["stiffness"] - 1, "energy": base["energy"]
                                + 0.5, "focus": base["focus"] + 0.3}
                    at = datetime(day.year, day.month, day.day, hour, rng.randint(0, 40),
                                  tzinfo=LONDON)
                    checkins.append({
                        "v": 1, "date": day.isoformat(), "moment": moment,
                        **{k: max(1, min(10, round(v + rng.gauss(0, 1)))) for k, v in
                           base.items()},
                        "at": at.isoformat(),
                    })
        if (day - start).days % 14 == 0:
            hip, neck = 90 + 20 * progress, 65 + 13 * progress
            measurements.append({
                "v": 1, "date": day.isoformat(),
                "hip_flexion_left": round(hip - 3 + rng.gauss(0, 2)),
                "hip_flexion_right": round(hip + rng.gauss(0, 2)),
                "neck_rotation_left": round(neck - 2 + rng.gauss(0, 2)),
                "neck_rotation_right": round(neck + rng.gauss(0, 2)),
            })
        day += timedelta(days=1)
    return sessions, checkins, measurements


def fill(data_dir: Path, *, years: float = 5, today: date = DEFAULT_TODAY,
         seed: int = 7, library: Library | None = None) -> dict[str, int]:
    """Write the history into ``data_dir`` (which should be new or empty); returns counts."""
    library = library or load_library([builtin_path()])
    start = today - timedelta(days=round(365.25 * years) - 1)
    sessions, checkins, measurements = generate(library, start, today, seed)
    write(data_dir, sessions, checkins, measurements)
    return {"sessions": sum(len(r) for r in sessions.values()), "months": len(sessions),
            "checkins": len(checkins), "measurements": len(measurements)}


def write(data_dir: Path, sessions: dict[str, list[dict]], checkins: list[dict],
          measurements: list[dict]) -> None:
    """Write what :func:`generate` made into ``data_dir`` (new or empty)."""
    with Store.open(data_dir) as store:
        # The store's own tables and storage, a whole file per write (see the module doc).
        tables, layout = store._tables, store._layout
        by_day: dict[str, list[dict]] = {}
        for records in sessions.values():
            for record in records:
                by_day.setdefault(record["started"][:10], []).append(record)
        for day, records in sorted(by_day.items()):
            tables.table(layout.day_path(day), "sessions", write=True).insert_multiple(records)
        tables.table(layout.checkins, "checkins", write=True).insert_multiple(checkins)
        tables.table(layout.measurements, "measurements",
                     write=True).insert_multiple(measurements)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("--years", type=float, default=5)
    parser.add_argument("--today", type=date.fromisoformat, default=DEFAULT_TODAY)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    if args.data_dir.exists() and any(args.data_dir.iterdir()):
        print(f"{args.data_dir} is not empty; choose a new directory", file=sys.stderr)
        return 2
    began = time.perf_counter()
    counts = fill(args.data_dir, years=args.years, today=args.today, seed=args.seed)
    took = time.perf_counter() - began
    size = sum(p.stat().st_size for p in args.data_dir.rglob("*.json"))
    print(f"{args.data_dir}: {counts['sessions']:,} sessions in {counts['months']} month files, "
          f"{counts['checkins']:,} check-ins, {counts['measurements']} measurements, "
          f"{size / 1e6:.1f} MB, in {took:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""How long Progress takes to open, and logging a set, on five years of history, against an
empty data dir.

    .venv/bin/python bench/bench_history.py [--runs 7] [--years 5] [--keep DIR] [--json PATH]

Three data dirs are filled with :mod:`history` (nothing; one week; five years) and each is
measured ``--runs`` times, interleaved, after one warm-up round; the median is printed with
the ratios five-years / empty (target: within 1.5x) and five-years / one-week. An empty
store draws no chart at all (every panel says what to do instead), so the one-week column
shows what the same charts cost without the years behind them.

(a) **aggregates**: ``Store.open`` (read-only) + reading the records + ``History.build`` +
    the 7-day view, two ways: *everything* (every day file) and *first draw* (what the
    screen reads before it draws: the last two weeks of sessions and check-ins, and the
    measurements).
(b) **screen**: a headless app (``run_test``, 160x50) whose first screen is
    ``ProgressScreen``; the store is opened before the app starts, as ``microtui`` does.
    *drawn*: from entering ``run_test`` until every chart has plotted its data
    (``ProgressScreen.charts_drawn``); *complete*: until the older days are in too (the
    "all" range and the best streak).

(c) **logging a set**: ``Store.add_session`` of one realistic record (a completed
    afternoon set of :data:`TODAY`, made by :func:`history.generate`) into today's day file,
    on a store opened (and its lock taken) beforehand, as the running app does; ``--runs``
    times three, as one write is short and its fsyncs are noisy. In the five-years dir
    today's file already holds the morning's sets, as it would at noon; in the empty one
    the warm-up round creates it. It runs last, as it adds to the data dirs.

The CPU rows count the seconds the process (every thread) ran over the same spans: they
barely move when other programs load the machine, unlike the wall-clock rows.

``Store.open`` alone is reported too: it parses settings, check-ins, measurements and the
newest day file (a damaged one is reported at start-up; older days when first read) and
lists the log's directories, so it grows a little with the history.

``--json PATH`` writes the rows that go into ``bench/RESULTS.md``'s table (``bench_cpu.Row``:
every run of the five-years dir against every run of the empty one) for ``bench/run.py``.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import shutil
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent), str(HERE)]

import history  # noqa: E402
from bench_cpu import Row  # noqa: E402
from textual.app import App  # noqa: E402

from microtui.core.day_totals import fold_sessions  # noqa: E402
from microtui.core.fake_clock import FakeClock  # noqa: E402
from microtui.core.loader import Library, builtin_path, load_library  # noqa: E402
from microtui.core.planned_sets import PlanCounter  # noqa: E402
from microtui.core.progress import History  # noqa: E402
from microtui.core.progress_view import RANGES  # noqa: E402
from microtui.store import Store  # noqa: E402
from microtui.ui.screens.progress import RECENT_DAYS, ProgressScreen  # noqa: E402
from microtui.ui.services import Services  # noqa: E402
from microtui.ui.textual_compat import forget_removed_styles  # noqa: E402

TODAY = history.DEFAULT_TODAY
NOW = datetime(TODAY.year, TODAY.month, TODAY.day, 12, 0, tzinfo=UTC)
SIZE = (160, 50)
TARGET = 1.5
"""Five years of history against the empty data dir."""
EMPTY = "microtui, empty data dir"
LOG_REPEAT = 3
"""Logging a set is measured ``--runs`` times this."""


def timed(fn) -> float:
    began = time.perf_counter()
    fn()
    return time.perf_counter() - began


def open_only(data: Path) -> None:
    Store.open(data, lock=False).close()


def aggregates_all(data: Path, library: Library) -> None:
    with Store.open(data, lock=False) as store:
        built = History.build(store.iter_sessions(), store.checkins(), store.measurements(),
                              exercises=library.exercises)
    built.view(TODAY, RANGES[0], plan=PlanCounter(library.default_routine), now=NOW)


def aggregates_first_draw(data: Path, library: Library) -> None:
    cutoff = TODAY - timedelta(days=RECENT_DAYS - 1)
    regions = {i: e.region.value for i, e in library.exercises.items()}
    with Store.open(data, lock=False) as store:
        days = fold_sessions(store.iter_sessions(since=cutoff.isoformat()), regions)
        checkins = [c for c in store.checkins() if c["date"] >= cutoff.isoformat()]
        built = History(days, checkins, store.measurements(), library.exercises)
    built.view(TODAY, RANGES[0], plan=PlanCounter(library.default_routine), now=NOW)


def set_record(library: Library) -> dict:
    """A completed afternoon set of :data:`TODAY`, as the app logs it."""
    evening = datetime(TODAY.year, TODAY.month, TODAY.day, 23, 0, tzinfo=history.LONDON)
    sessions, _, _ = history.generate(library, TODAY, TODAY, now=evening)
    afternoon = [record for month in sessions.values() for record in month
                 if record["outcome"] == "completed" and record["exercises"]
                 and record["started"] >= f"{TODAY.isoformat()}T12"]
    if not afternoon:
        raise RuntimeError(f"history.generate made no completed afternoon set on {TODAY}")
    return afternoon[-1]


def log_set(data: Path, record: dict) -> float:
    """Seconds :meth:`Store.add_session` takes on a store that is already open."""
    store = Store.open(data)
    try:
        return timed(lambda: store.add_session(record))
    finally:
        store.close()


class Host(App[None]):
    """What MicroTuiApp gives Progress: its services (a library, a clock and a store)."""

    def __init__(self, library: Library, store: Store) -> None:
        super().__init__()
        self.services = Services.create(library, clock=FakeClock(NOW), store=store)

    def on_mount(self) -> None:
        self.push_screen(ProgressScreen(self.services))


async def open_screen(data: Path, library: Library) -> tuple[float, ...]:
    """Wall seconds until the charts are drawn and until the whole history is in, then the
    CPU seconds the process (all its threads) spent to those two moments."""
    # Start from the heap a fresh process would have. Textual's StylesCache.get_inner_outer
    # (an lru_cache) keeps the style caches of every earlier run's widgets, and the last
    # run's app is garbage in cycles: left alone, the heap grows run after run, and so does
    # every full pass of the garbage collector, landing at random in whichever run.
    forget_removed_styles()
    gc.collect()
    store = Store.open(data, lock=False)
    try:
        app = Host(library, store)
        began, began_cpu = time.perf_counter(), time.process_time()
        drawn = complete = None
        async with app.run_test(size=SIZE):
            while complete is None:
                await asyncio.sleep(0.005)  # not pilot.pause: that does work of its own
                if time.perf_counter() - began > 60:
                    raise RuntimeError(f"Progress never finished drawing on {data}")
                screen = app.screen
                if not isinstance(screen, ProgressScreen) or not screen.charts_drawn():
                    continue
                if drawn is None:
                    drawn = (time.perf_counter() - began, time.process_time() - began_cpu)
                if screen.history is not None and screen.history.complete:
                    complete = (time.perf_counter() - began, time.process_time() - began_cpu)
        return drawn[0], complete[0], drawn[1], complete[1]
    finally:
        store.close()


def history_rows(times: dict[str, dict[str, list[float]]]) -> list[Row]:
    """The rows for ``bench/RESULTS.md``'s table, from every run of each measurement
    (``times[measurement][dir]``, dirs ``empty`` and ``big``)."""
    rows = []
    for name, scenario, target in (
            ("drawn", "Progress with five years of history (charts drawn)", TARGET),
            ("drawn_cpu", "CPU used until Progress has drawn, five years of history", None),
            ("log", "logging a set with five years of history", TARGET)):
        if name in times:
            rows.append(Row(scenario, EMPTY, "ms", target, list(times[name]["big"]),
                            list(times[name]["empty"])))
    return rows


def format_history_table(rows: list[tuple[str, float, float, float]]) -> str:
    """The detailed table: medians (seconds) for empty, one week and five years."""
    lines = [f"{'':40} {'empty':>9} {'1 week':>9} {'5 years':>9} {'5y/empty':>9} "
             f"{'5y/week':>8}"]
    for label, small, middle, large in rows:
        lines.append(f"{label:40} {small * 1000:7.1f}ms {middle * 1000:7.1f}ms "
                     f"{large * 1000:7.1f}ms {large / small:8.2f}x {large / middle:7.2f}x")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--years", type=float, default=5)
    parser.add_argument("--keep", type=Path, help="reuse (or create) the big data dir here")
    parser.add_argument("--json", type=Path, metavar="PATH",
                        help="write the rows for bench/RESULTS.md here")
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    library = load_library([builtin_path()])
    work = Path(tempfile.mkdtemp(prefix="microtui-bench-"))
    try:
        empty = work / "empty"
        Store.open(empty).close()
        week = work / "week"
        history.fill(week, years=7 / 365.25, today=TODAY, library=library)
        big = args.keep or work / "big"
        if not (big / "log").is_dir():
            counts = history.fill(big, years=args.years, today=TODAY, library=library)
            print(f"filled {big}: {counts}")
        sessions = sum(1 for _ in Store.open(big, lock=False).sessions())
        size = sum(p.stat().st_size for p in big.rglob("*.json")) / 1e6
        print(f"history: {sessions:,} sessions, {size:.1f} MB; empty: nothing. "
              f"Median of {args.runs} interleaved runs after a warm-up round "
              f"(logging a set: {args.runs * LOG_REPEAT}).\n")

        names = {empty: "empty", week: "week", big: "big"}
        rows = []
        times: dict[str, dict[str, list[float]]] = {}

        def measure(label: str, fn, dirs=(empty, week, big), runs: int = args.runs,
                    key: str | None = None) -> None:
            """Runs interleaved (empty, week, big, empty, ...) so that a busy moment on the
            machine hits all three alike; the first round is a warm-up."""
            for d in dirs:
                fn(d)
            got: dict[Path, list[float]] = {d: [] for d in dirs}
            for _ in range(runs):
                for d in dirs:
                    got[d].append(fn(d))
            rows.append((label, *(statistics.median(got[d]) for d in dirs)))
            if key is not None:
                times[key] = {names[d]: got[d] for d in dirs}

        measure("Store.open (newest day, settings)", lambda d: timed(lambda: open_only(d)))
        measure("(a) open + aggregates, everything",
                lambda d: timed(lambda: aggregates_all(d, library)))
        measure("(a) open + aggregates, first draw",
                lambda d: timed(lambda: aggregates_first_draw(d, library)))
        screens: dict[Path, list[tuple[float, ...]]] = {empty: [], week: [], big: []}

        def screen_run(d: Path) -> float:
            result = asyncio.run(open_screen(d, library))
            screens[d].append(result)
            return result[0]

        measure("(b) Progress screen: charts drawn", screen_run, key="drawn")
        for label, index, key in (("(b) Progress screen: whole history in", 1, None),
                                  ("(b) CPU time to charts drawn", 2, "drawn_cpu"),
                                  ("(b) CPU time to whole history in", 3, None)):
            runs = {d: [r[index] for r in screens[d][1:]] for d in (empty, week, big)}
            rows.append((label, *(statistics.median(runs[d]) for d in (empty, week, big))))
            if key is not None:
                times[key] = {names[d]: runs[d] for d in runs}

        record = set_record(library)
        copies = {}
        for d in (empty, week, big):  # logging adds to a dir: keep the originals as they are
            copies[d] = work / f"log-{names[d]}"
            shutil.copytree(d, copies[d], ignore=shutil.ignore_patterns("*.lock"))
        names.update({copies[d]: names[d] for d in copies})
        measure("(c) logging a set (add_session)", lambda d: log_set(d, record),
                dirs=tuple(copies.values()), runs=args.runs * LOG_REPEAT, key="log")
        print(format_history_table(rows))
        if args.json is not None:
            args.json.write_text(json.dumps({
                "rows": [row.to_json() for row in history_rows(times)],
                "runs": args.runs,
                "log_runs": args.runs * LOG_REPEAT,
                "sessions": sessions,
                "megabytes": round(size, 1),
                "years": args.years,
            }, indent=2) + "\n")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

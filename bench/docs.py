"""Make every picture in the README from a fixed clock and a generated half-year of history.

    .venv/bin/python bench/docs.py [--out docs]      (make docs)

A half-year of working days (``bench/history.py``'s generator, with busy days among the
others, so that the insights have two kinds of day to compare) ends on Wednesday 25
November 2026; that day's sets before 13:30 are done. The app runs headless on a fake
clock at 13:34 with that data, and Textual's ``save_screenshot`` writes each screen as SVG
(120x40):

* ``today.svg``: Today, mid-afternoon: the day's sets so far done, the Mid-Afternoon set due;
* ``player.svg``: the player nine seconds into that set;
* ``progress.svg``: Progress over the last 90 days; ``insights.svg``: its insights (``i``);
* ``library.svg``: the Library with the Chest Opener Finger Pull shown;
* ``report.png``: the top of ``microtui report --format html`` over 90 days, as headless
  Chromium draws it (skipped, saying so, when Chromium is not installed).

The same inputs make the same pictures, so they can be remade after any change and the
difference looked at.
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
for folder in (ROOT, ROOT / "bench"):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

import history  # noqa: E402

from microtui.core.fake_clock import FakeClock  # noqa: E402
from microtui.core.loader import Library, builtin_path, load_library  # noqa: E402
from microtui.core.schedule import ScheduleSettings  # noqa: E402
from microtui.core.timeline import build_timeline  # noqa: E402

TODAY = date(2026, 11, 25)  # a Wednesday
NOW = datetime(2026, 11, 25, 13, 34, tzinfo=history.LONDON)
FIRST_SEEN = datetime(2026, 11, 25, 8, 52, tzinfo=history.LONDON)
WEEKS = 26
SEED = 11
SIZE = (120, 40)
PLAYER_SECONDS = 9.0
REPORT_DAYS = 90
REPORT_WINDOW = (1000, 1500)
SVGS = ("today.svg", "player.svg", "progress.svg", "insights.svg", "library.svg")
REPORT = "report.png"
WAIT_SECONDS = 60.0


def make_history(data_dir: Path, library: Library) -> None:
    """The half-year up to today's first set, then today's sets up to :data:`NOW`, all
    done (no "missed" row on Today), and this morning's check-in."""
    start = TODAY - timedelta(weeks=WEEKS)
    midnight = datetime(TODAY.year, TODAY.month, TODAY.day, tzinfo=history.LONDON)
    sessions, checkins, measurements = history.generate(library, start, TODAY, SEED,
                                                        now=midnight, varied=True)
    timeline = build_timeline(library.default_routine, ScheduleSettings(), TODAY,
                              history.LONDON, [])
    import random

    rng = random.Random(SEED)
    for event in timeline.events:
        if event.planned >= NOW - timedelta(minutes=5):
            break
        started = event.planned + timedelta(seconds=rng.randint(5, 90))
        record = history._session(library, event, started, "completed", rng)
        sessions[record["started"][:7]].append(record)
    if not any(c["date"] == TODAY.isoformat() for c in checkins):
        checkins.append({"v": 1, "date": TODAY.isoformat(), "moment": "start",
                         "stiffness": 4, "energy": 6, "focus": 6,
                         "at": FIRST_SEEN.isoformat()})
    history.write(data_dir, sessions, checkins, measurements)


async def _until(pilot, condition: Callable[[], object], what: str) -> None:
    """Let the app run until ``condition()`` holds (one that raises counts as not yet)."""
    deadline = time.monotonic() + WAIT_SECONDS
    while True:
        await pilot.pause(0.02)
        try:
            if condition():
                break
        except Exception:
            pass
        if time.monotonic() > deadline:
            raise RuntimeError(f"waited {WAIT_SECONDS:g} s for {what}")
    from textual.worker import WorkerCancelled

    while True:  # a read cancelled by a newer one of its exclusive group: wait for that
        try:
            await pilot.app.workers.wait_for_complete()
            break
        except WorkerCancelled:
            await pilot.pause(0.02)
    await pilot.pause(0.05)


def _text(app) -> str:
    """What the screen shows, roughly: the words of its SVG picture."""
    return app.export_screenshot().replace("&#160;", " ")


async def terminal_pictures(data_dir: Path, out: Path, library: Library) -> list[Path]:
    """Every screen's SVG (see the module doc), written into ``out``."""
    from microtui.store import Store
    from microtui.ui.app import MicroTuiApp
    from microtui.ui.screens.library import LibraryScreen
    from microtui.ui.screens.player import PlayerScreen
    from microtui.ui.screens.progress import ProgressScreen
    from microtui.ui.screens.today import TodayScreen

    written: list[Path] = []
    clock = FakeClock(NOW)

    async def shot(pilot, name: str) -> None:
        pilot.app.clear_notifications()
        await pilot.pause(0.05)
        pilot.app.save_screenshot(name, path=str(out))
        written.append(out / name)

    with Store.open(data_dir) as store:
        app = MicroTuiApp(library, clock=clock, store=store, first_seen=FIRST_SEEN)
        async with app.run_test(size=SIZE) as pilot:
            await _until(pilot, lambda: isinstance(app.screen, TodayScreen)
                         and "done" in _text(app), "Today with its sets")
            await shot(pilot, "today.svg")

            await pilot.press("4")
            await _until(pilot, lambda: isinstance(app.screen, ProgressScreen)
                         and app.screen.history is not None and app.screen.history.complete,
                         "Progress")
            progress = app.screen
            assert isinstance(progress, ProgressScreen)
            await pilot.press("right_square_bracket", "right_square_bracket")
            await _until(pilot, lambda: progress.range.days == REPORT_DAYS
                         and progress.charts_drawn(), "Progress over 90 days")
            await shot(pilot, "progress.svg")
            await pilot.press("i")
            await _until(pilot, lambda: progress.insights is not None, "the insights")
            await shot(pilot, "insights.svg")
            await pilot.press("i")

            await pilot.press("5")
            await _until(pilot, lambda: isinstance(app.screen, LibraryScreen), "the Library")
            for _ in range(12):
                if "pectoralis" in _text(app):
                    break
                await pilot.press("down")
                await pilot.pause(0.05)
            await _until(pilot, lambda: "pectoralis" in _text(app), "the Chest Opener")
            await shot(pilot, "library.svg")

            await pilot.press("1")
            await _until(pilot, lambda: isinstance(app.screen, TodayScreen), "Today")
            await pilot.press("2")
            await _until(pilot, lambda: isinstance(app.screen, PlayerScreen), "the player")
            player = app.screen
            clock.advance(PLAYER_SECONDS)
            await _until(pilot, lambda: abs(player.query_one("#set-progress").progress
                                            - PLAYER_SECONDS) < 0.01, "the set under way")
            await shot(pilot, "player.svg")
    return written


def chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def report_picture(data_dir: Path, out: Path, library: Library, browser: str) -> Path:
    """The HTML report over 90 days, its top as Chromium draws it."""
    from microtui.report_html import report_html
    from microtui.store import Store

    with Store.open(data_dir) as store:
        data = store.export_all()
    page = report_html(data, TODAY, REPORT_DAYS, library=library, now=NOW)
    with tempfile.TemporaryDirectory(prefix="microtui-docs-") as work:
        html = Path(work) / "report.html"
        html.write_text(page, encoding="utf-8")
        picture = out / REPORT
        width, height = REPORT_WINDOW
        subprocess.run(
            [browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
             "--hide-scrollbars", f"--user-data-dir={Path(work) / 'profile'}",
             f"--window-size={width},{height}", f"--screenshot={picture}", html.as_uri()],
            check=True, capture_output=True, timeout=300)
    return picture


def make_pictures(out: Path, *, browser: str | None = None) -> list[Path]:
    """Every picture into ``out`` (made if missing); the report's only with a ``browser``."""
    out.mkdir(parents=True, exist_ok=True)
    library = load_library([builtin_path()])
    with tempfile.TemporaryDirectory(prefix="microtui-docs-data-") as data:
        data_dir = Path(data) / "data"
        make_history(data_dir, library)
        # The report first: playing a set for the player's picture logs it on the way out.
        written = [] if browser is None else [report_picture(data_dir, out, library,
                                                              browser)]
        written.extend(asyncio.run(terminal_pictures(data_dir, out, library)))
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs",
                        help="where the pictures go (default: docs/)")
    args = parser.parse_args(argv)
    browser = chromium()
    for path in make_pictures(args.out, browser=browser):
        print(f"wrote {path}")
    if browser is None:
        print(f"chromium is not installed: {args.out / REPORT} was not remade "
              "(make chromium installs it as root)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

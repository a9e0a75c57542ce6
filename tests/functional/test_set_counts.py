"""One log, three places: Today, Progress and ``microtui report`` show the same figures.

The log holds every kind of outcome (completed, partial, stopped for pain, skipped, a set
done before its time, one abandoned before its time), a late start on an earlier day and a
late start today: the cases in which the three used to disagree ("Done 0 of 1 · Streak 0
days" on Today against "Adherence 100 % · streak 1 d" on Progress).
"""

from __future__ import annotations

import re
from datetime import date, datetime

import pytest

from microtui import report
from microtui.core.fake_clock import FakeClock
from microtui.store import Store
from microtui.ui.app import MicroTuiApp
from microtui.ui.screens.progress import ProgressScreen
from microtui.ui.screens.today import TodayScreen
from microtui.ui.widgets.charts import ChartPanel
from tests.functional.helpers import screen_text, settle, wait_for, wait_for_screen

WED = date(2026, 11, 25)


def local(day: int, hh: int, mm: int) -> datetime:
    return datetime(2026, 11, day, hh, mm).astimezone()


NOW = local(25, 11, 5)
FIRST_SEEN = local(25, 9, 40)  # the user sat down late today


def record(day: int, event: str | None, hhmm: str, outcome: str,
           active: float = 20.0) -> dict:
    hh, mm = map(int, hhmm.split(":"))
    started = local(day, hh, mm).isoformat()
    event_id = None if event is None else f"2026-11-{day}:{event}"
    return {"v": 1, "event_id": event_id, "trigger": None, "started": started,
            "ended": started, "outcome": outcome, "active_seconds": active,
            "exercises": [{"id": "ankle-pumps", "name": "Ankle Pumps", "side": None,
                           "planned_seconds": 10, "done_seconds": 10, "effortless": False}],
            "note": None}


LOG = [
    # Thursday 19: nothing. Friday 20: a late start, done.
    record(20, "start-of-day:10:15", "10:16", "completed"),
    # Monday 23: one set, partly done.
    record(23, "interval:10:00", "10:01", "partial"),
    # Tuesday 24: a set stopped for pain, another skipped: neither counts nor breaks.
    record(24, "interval:10:00", "10:01", "stopped-for-pain", 8),
    record(24, "interval:10:30", "10:30", "skipped", 0),
    # Wednesday 25 (today, 11:05; the day started at 09:40):
    record(25, "start-of-day:09:40", "09:41", "completed"),
    record(25, "interval:10:00", "10:01", "partial"),
    record(25, "interval:10:30", "10:31", "stopped-for-pain", 5),
    record(25, "interval:11:00", "11:00", "skipped", 0),
    record(25, "interval:11:30", "11:02", "completed"),  # done before its time
    record(25, "interval:12:00", "11:03", "abandoned", 0),  # abandoned before its time
]
# Today: done = start of day, 10:00 (partial), 11:30 (early) = 3; planned = what has come
# due (09:40, 10:00, 11:00; 10:30 stopped for pain is out of the plan) and 11:30 settled
# early = 4. Streak: Wed, (Tue rests), Mon, Fri = 3; Thursday 19 broke it.
TODAY_DONE, TODAY_PLANNED, STREAK = 3, 4, 3


@pytest.fixture
def store(tmp_path):
    with Store.open(tmp_path / "data") as store:
        for entry in LOG:
            store.add_session(entry)
        store.update_settings(lambda saved: saved.with_first_seen(FIRST_SEEN))
        yield store


def report_title(text: str) -> str:
    return next(line.strip() for line in text.splitlines()
                if line.strip().startswith("Adherence"))


async def test_today_progress_and_the_report_show_the_same_figures(library, store):
    clock = FakeClock(NOW)
    app = MicroTuiApp(library, clock=clock, store=store, first_seen=FIRST_SEEN)
    async with app.run_test(size=(160, 50)) as pilot:
        today = await wait_for_screen(pilot, TodayScreen)
        await wait_for(pilot, lambda: today._streak_known and today._log_ready,
                       "Today's log and the streak's days read")
        await settle(pilot)
        text = screen_text(app)
        assert f"Done {TODAY_DONE} of {TODAY_PLANNED} so far" in text
        assert f"Streak {STREAK} days" in text

        await pilot.press("4")
        progress = await wait_for_screen(pilot, ProgressScreen)
        await wait_for(pilot, lambda: progress.history is not None
                       and progress.history.complete and progress.charts_drawn(),
                       "Progress drawn from the whole log")
        await settle(pilot)
        view = progress.view
        assert view is not None
        point = view.adherence.days[-1]
        assert point.day == WED
        assert (point.done, point.planned) == (TODAY_DONE, TODAY_PLANNED)
        assert view.adherence.current_streak == STREAK
        title = progress.query_one("#adherence", ChartPanel).title
        summary = str(progress.query_one("#progress-summary").content)

    data = store.export_all()
    week = report.report_text(data, WED, 7, 100, library=library, now=NOW)
    assert report_title(week) == title  # the same rate and streaks, word for word
    assert f"streak {STREAK} days" in title
    assert week.splitlines()[1] == summary
    day = report.report_text(data, WED, 1, 100, library=library, now=NOW)
    rate = round(100 * TODAY_DONE / TODAY_PLANNED)
    assert re.match(rf"Adherence · {rate} % of planned sets done · streak {STREAK} days",
                    report_title(day))


async def test_before_the_first_set_today_says_when_it_is(library, tmp_path):
    # Not "Done 0 of 0 so far": nothing has come due yet.
    with Store.open(tmp_path / "data") as store:
        store.add_session(record(24, "interval:10:00", "10:01", "completed"))
        clock = FakeClock(local(25, 8, 30))
        app = MicroTuiApp(library, clock=clock, store=store)
        async with app.run_test(size=(80, 24)) as pilot:
            today = await wait_for_screen(pilot, TodayScreen)
            await wait_for(pilot, lambda: today._streak_known and today._log_ready,
                           "Today's log and the streak's days read")
            await settle(pilot)
            text = screen_text(app)
            assert "First set at 09:00" in text and "Streak 1 day" in text
            assert "Done 0 of 0" not in text
            # Once a set has come due, the count takes over.
            clock.advance(31 * 60)
            await wait_for(pilot, lambda: "Done 0 of 1 so far" in screen_text(app),
                           "the first set counted once it came due")


# Quiet for a while (issue 15, item 6): the sets that fall inside a quiet period are left
# out of the plan unless done, on Today, on Progress and in the report alike. Today 10:50 to
# 11:20 (it is still quiet at 11:05): the 11:00 set, skipped, is out; Monday 12:00 to 17:30:
# that afternoon's sets are out.
QUIET = [(local(25, 10, 50), local(25, 11, 20)), (local(23, 12, 0), local(23, 17, 30))]
QUIET_TODAY_PLANNED = TODAY_PLANNED - 1


async def test_quiet_sets_count_alike_everywhere(library, store):
    from microtui.core.quiet import QuietLog, QuietPeriod

    without_quiet = report.report_text(store.export_all(), WED, 7, 100, library=library,
                                       now=NOW)
    quiet = QuietLog(tuple(QuietPeriod(start, until) for start, until in QUIET))
    store.update_settings(lambda saved: saved.with_quiet(quiet))
    clock = FakeClock(NOW)
    app = MicroTuiApp(library, clock=clock, store=store, first_seen=FIRST_SEEN)
    async with app.run_test(size=(160, 50)) as pilot:
        today = await wait_for_screen(pilot, TodayScreen)
        await wait_for(pilot, lambda: today._streak_known and today._log_ready,
                       "Today's log and the streak's days read")
        await settle(pilot)
        text = screen_text(app)
        assert "Quiet until 11:20" in text
        assert f"Done {TODAY_DONE} of {QUIET_TODAY_PLANNED} so far" in text

        await pilot.press("4")
        progress = await wait_for_screen(pilot, ProgressScreen)
        await wait_for(pilot, lambda: progress.history is not None
                       and progress.history.complete and progress.charts_drawn(),
                       "Progress drawn from the whole log")
        await settle(pilot)
        view = progress.view
        assert view is not None
        point = view.adherence.days[-1]
        assert (point.done, point.planned) == (TODAY_DONE, QUIET_TODAY_PLANNED)
        monday = next(p for p in view.adherence.days if p.day == date(2026, 11, 23))
        title = progress.query_one("#adherence", ChartPanel).title

    week = report.report_text(store.export_all(), WED, 7, 100, library=library, now=NOW)
    assert report_title(week) == title
    assert report_title(week) != report_title(without_quiet)  # fewer sets planned
    # Monday: 09:00 to 11:30 planned (start of day, then every 30 min: 6 sets), and the end
    # of day at 17:30, as the quiet ends; the afternoon's sets in between are out.
    assert (monday.done, monday.planned) == (1, 7)

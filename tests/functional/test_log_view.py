"""The Log (``l`` on Today): the guide's step 5 - time, movements performed and sensations,
day by day, newest day first, under the patterns in how sets felt; it scrolls, and reads at
60x20, 80x24 and 120x40."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from microtui.core.fake_clock import FakeClock
from microtui.core.sensation_patterns import sensation_patterns
from microtui.store import Store
from microtui.ui.app import MicroTuiApp
from microtui.ui.screens.help import HelpScreen, binding_groups
from microtui.ui.screens.log import LogScreen
from microtui.ui.screens.today import TodayScreen
from tests.functional.helpers import screen_text, wait_for, wait_for_screen

NOW = datetime(2026, 11, 25, 10, 10, tzinfo=UTC)


def logged_set(started: datetime, ids: list[str], sensation: str | None,
               note: str | None = None) -> dict:
    record = {"v": 1, "event_id": f"{started:%Y-%m-%d}:interval:{started:%H:%M}",
              "trigger": "interval", "started": started.isoformat(),
              "ended": (started + timedelta(seconds=22)).isoformat(), "outcome": "completed",
              "active_seconds": 22, "note": note,
              "exercises": [{"id": i, "name": i.replace("-", " ").title(), "side": None,
                             "planned_seconds": 10.0, "done_seconds": 10.0,
                             "effortless": False} for i in ids]}
    if sensation is not None:
        record["sensation"] = sensation
    return record


@pytest.fixture
def store(tmp_path):
    with Store.open(tmp_path / "data") as store:
        for day in range(10):  # 15-24 November: ankle pumps tight, the chest opener eases
            start = datetime(2026, 11, 15, 9, 30, tzinfo=UTC) + timedelta(days=day)
            store.put_session(logged_set(start, ["ankle-pumps"], "tight",
                                         "calves stiff" if day == 9 else None))
            store.put_session(logged_set(start + timedelta(minutes=30), ["chest-opener"],
                                         "eased" if day % 3 else None))
        yield store


def shown(app) -> str:
    return " ".join(screen_text(app).split())


@pytest.mark.parametrize("size", [(60, 20), (80, 24), (120, 40)])
async def test_l_on_today_opens_the_log_newest_day_first(library, store, size):
    app = MicroTuiApp(library, clock=FakeClock(NOW), store=store)
    async with app.run_test(size=size) as pilot:
        await wait_for_screen(pilot, TodayScreen)
        await pilot.press("l")
        log = await wait_for_screen(pilot, LogScreen)
        await wait_for(pilot, lambda: log.days, "the log read")
        assert [d.day.isoformat() for d in log.days][:2] == ["2026-11-24", "2026-11-23"]
        expected = sensation_patterns(store.sessions(), library.exercises).lines()
        assert log.patterns == expected
        assert expected[0].startswith("Tight or in pain after Ankle Pumps: 10 of 10 sets")
        await wait_for(pilot, lambda: "Tight or in pain after Ankle" in shown(app),
                       "the patterns on screen")
        assert "esc Back to Today" in shown(app)
        # Scrolling reaches the newest day's sets, then the oldest day.
        log.query_one("#log-scroll").scroll_home(animate=False)
        found = False
        for _ in range(40):
            text = shown(app)
            if "Tuesday 24 November 2026 · 2 sets" in text and "tight: calves stiff" in text:
                found = True
                break
            await pilot.press("down")
            await pilot.pause(0)
        assert found, shown(app)
        await pilot.press("end")
        await wait_for(pilot, lambda: "Sunday 15 November 2026" in shown(app), "the oldest day")
        await pilot.press("escape")
        await wait_for_screen(pilot, TodayScreen)


async def test_the_log_lists_the_key_in_help_and_reads_again_when_shown(library, store):
    app = MicroTuiApp(library, clock=FakeClock(NOW), store=store)
    async with app.run_test(size=(80, 24)) as pilot:
        today = await wait_for_screen(pilot, TodayScreen)
        keys = {description: k for _, rows in binding_groups(today) for k, description in rows}
        assert keys["Log"] == "l"
        await pilot.press("l")
        log = await wait_for_screen(pilot, LogScreen)
        await wait_for(pilot, lambda: log.days, "the log read")
        app.action_help()
        await wait_for_screen(pilot, HelpScreen)
        await pilot.press("escape")
        store.put_session(logged_set(NOW - timedelta(minutes=5), ["cervical-nod"], "pain",
                                     "sharp"))
        await pilot.press("escape")
        await wait_for_screen(pilot, TodayScreen)
        await pilot.press("l")
        log = await wait_for_screen(pilot, LogScreen)
        await wait_for(pilot, lambda: log.days and log.days[0].day == NOW.date(),
                       "today's set in the log")
        await wait_for(pilot, lambda: "pain: sharp" in shown(app), "today's set on screen")


async def test_a_long_log_shows_more_days_as_it_scrolls(library, tmp_path):
    with Store.open(tmp_path / "long") as store:
        for day in range(40):  # 16 October to 24 November
            start = datetime(2026, 10, 16, 9, 30, tzinfo=UTC) + timedelta(days=day)
            store.put_session(logged_set(start, ["ankle-pumps"], "eased"))
        app = MicroTuiApp(library, clock=FakeClock(NOW), store=store)
        async with app.run_test(size=(80, 24)) as pilot:
            await wait_for_screen(pilot, TodayScreen)
            await pilot.press("l")
            log = await wait_for_screen(pilot, LogScreen)
            await wait_for(pilot, lambda: len(log.days) == 40, "the log read")
            assert log.shown_days == 14  # laid out a page at a time
            for _ in range(10):
                if "The first day of your log." in shown(app):
                    break
                await pilot.press("end")
                await pilot.pause(0)
            assert "Friday 16 October 2026 · 1 set" in shown(app)
            assert "The first day of your log." in shown(app) and log.shown_days == 40

"""A whole workday, unattended: every set due is played on time, once, and memory stays flat.

* The checker of ``bench/soak.py`` (plan against log, resident-set growth) on hand-made
  inputs, so that it can be seen to fail.
* Autostart in the headless app: nothing that waits for an answer (the start-of-day
  check-in, the last set's summary) holds up the day's sets.
* The real soak (a whole workday ending at noon, three fake hours at 60x in tmux), started
  in the background (``background.py``) when collection finishes and checked here, at the
  end of the run.
"""

from __future__ import annotations

import os
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from microtui.core.fake_clock import FakeClock
from microtui.core.loader import builtin_path, load_library
from microtui.store import Store
from microtui.ui.app import MicroTuiApp
from microtui.ui.screens.today import TodayScreen
from tests.functional.helpers import settle, wait_for, wait_for_screen

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))

from soak import Planned, check_day, check_rss, format_report, planned_events  # noqa: E402

D = datetime(2026, 11, 25)


def at(hour: int, minute: int, second: float = 0) -> datetime:
    return D.replace(hour=hour, minute=minute) + timedelta(seconds=second)


def plan(*times: tuple[int, int]) -> list[Planned]:
    return [Planned(f"2026-11-25:interval:{h:02d}:{m:02d}", at(h, m), 22.0) for h, m in times]


def record(event: Planned, late: float, outcome: str = "completed") -> dict:
    started = (event.due + timedelta(seconds=late)).replace(tzinfo=UTC)
    return {"event_id": event.id, "started": started.isoformat(),
            "ended": (started + timedelta(seconds=25)).isoformat(), "outcome": outcome}


# -- the checker ------------------------------------------------------------------------------


def test_planned_events_reads_today_json():
    events = planned_events({"date": "2026-11-25", "events": [
        {"id": "a", "time": "09:00", "seconds": 44.0},
        {"id": "b", "time": "17:30", "seconds": 41},
    ]})
    assert events == [Planned("a", at(9, 0), 44.0), Planned("b", at(17, 30), 41.0)]


def test_a_day_played_on_time_passes():
    events = plan((9, 0), (9, 30), (10, 0))
    day = check_day(events, [record(e, 60 + i) for i, e in enumerate(events)], tolerance=270)
    assert day.ok, day.problems
    assert (day.planned, day.logged, day.max_lateness) == (3, 3, 62)


def test_missed_duplicated_late_early_and_unexpected_are_each_caught():
    events = plan((9, 0), (9, 30), (10, 0), (10, 30), (11, 0), (11, 30))
    stray = Planned("2026-11-25:interval:09:45", at(9, 45), 22.0)
    sessions = [
        record(events[0], 30), record(events[0], 40),  # duplicated
        # events[1]: missed
        record(events[2], 271),  # late (tolerance 270)
        record(events[3], -5),  # started before it was due
        record(events[4], 60, outcome="partial"),  # not completed
        record(events[5], 270),  # just on time
        record(stray, 0),  # not in the plan
        {"event_id": None, "started": at(12, 0).isoformat(), "outcome": "completed"},
    ]
    day = check_day(events, sessions, tolerance=270)
    assert not day.ok
    assert day.duplicated == [events[0].id]
    assert day.missed == [events[1].id]
    assert day.late == [events[2].id]
    assert day.early == [events[3].id]
    assert day.incomplete == [events[4].id]
    assert sorted(day.unexpected) == sorted([stray.id, "None"])
    assert (day.planned, day.logged, day.max_lateness) == (6, 5, 271)
    assert day.lateness[events[0].id] == 30  # the first of the two records
    assert len(day.problems) == 6


def test_a_shorter_run_checks_only_the_events_it_could_play():
    events = plan((9, 0), (9, 30), (10, 0))
    sessions = [record(events[0], 60), record(events[1], 60), record(events[2], 60)]
    # Stopped at 09:34: 09:30 + 270 s + 22 s is 09:34:52, so only 09:00 is checked, and
    # the records of the later ones are neither missing nor unexpected.
    day = check_day(events, sessions, tolerance=270, until=at(9, 34))
    assert (day.planned, day.logged, day.skipped_after, day.ok) == (1, 1, "09:30", True)
    assert not check_day(events, [], tolerance=270, until=at(9, 34)).ok  # 09:00 missed


def test_an_empty_plan_fails():
    day = check_day([], [], tolerance=270)
    assert not day.ok and day.problems == ["no events were planned"]


def test_rss_growth_compares_the_medians_of_the_first_and_last_hour():
    length = 8.5 * 3600
    # An hour of 50 MiB with a start-up spike, flat in between, then 54.9 MiB: +9.8%.
    samples = [(t, 80_000 if t == 0 else 51_200) for t in range(0, 3600, 120)]
    samples += [(t, 52_000) for t in range(3600, int(length) - 3600, 120)]
    samples += [(t, 56_218) for t in range(int(length) - 3600, int(length) + 1, 120)]
    rss = check_rss(samples, length=length)
    assert rss.window == 3600 and rss.first == 51_200 and rss.last == 56_218
    assert rss.growth == pytest.approx(9.8, abs=0.01) and rss.ok
    assert rss.peak == 80_000
    grown = [(t, kib if t < length - 3600 else 56_400) for t, kib in samples]
    rss = check_rss(grown, length=length)
    assert rss.growth == pytest.approx(10.16, abs=0.01) and not rss.ok
    assert "grew 10.2%" in rss.problems[0]


def test_rss_of_a_short_run_uses_thirds_and_needs_samples():
    rss = check_rss([(0, 100), (500, 100), (1100, 105), (1200, 105)], length=1200)
    assert rss.window == 400 and rss.growth == pytest.approx(5.0) and rss.ok
    empty = check_rss([], length=1200)
    assert not empty.ok and "too few" in empty.problems[0]


def test_the_report_says_what_failed():
    events = plan((9, 0), (9, 30))
    day = check_day(events, [record(events[0], 90), record(events[0], 95)], tolerance=270)
    rss = check_rss([(0, 1024 * 50), (30_000, 1024 * 60)], length=30_600)
    report = format_report(day, rss, speed=60, autostart=30)
    assert "events planned 2, logged 1, late 0, duplicated 1, missed 1" in report
    assert "max 90" in report
    assert "RSS first hour 50.0 MiB, last hour 60.0 MiB, growth +20.0%" in report
    assert "FAIL" in report and "1 missed" in report and "grew 20.0%" in report
    good = check_day(events, [record(e, 90) for e in events], tolerance=270)
    flat = check_rss([(0, 1024 * 50), (30_000, 1024 * 50)], length=30_600)
    assert format_report(good, flat, speed=60, autostart=30).endswith("PASS")


# -- autostart, unattended (headless) ---------------------------------------------------------


async def looked(pilot) -> None:
    """What the app's once-a-second timers do, done at once: Today samples the clock and
    the autostart looks for a set to open. Then a set playing draws the clock's moment (on
    its own timer) and the app settles."""
    app = pilot.app
    today = app.today_screen()
    if today is not None:
        today.tick()
    if app.services.settings.current.autostart_seconds is not None:
        app._autostart_tick()
    player = app.player_screen()
    if player is not None and app.screen is player and player.is_mounted:
        await wait_for(pilot, lambda: app.screen is not player or player.query_one(
            "#set-progress").progress == pytest.approx(player.moment().set_elapsed),
            "the player to draw the clock's moment")
    await settle(pilot)


async def wait_until(pilot, clock: FakeClock, test, *, step: float = 1.0, limit: int = 200):
    """Advance the fake clock ``step`` seconds at a time, the app looking at it after each
    step (:func:`looked`), until ``test()`` holds."""
    for _ in range(limit):
        if test():
            return
        clock.advance(step)
        await looked(pilot)
    raise AssertionError(f"timed out at {clock.now():%H:%M:%S} on "
                         f"{type(pilot.app.screen).__name__}")


async def test_autostart_plays_every_set_with_nobody_at_the_keyboard(tmp_path):
    from microtui.ui.screens.player import PlayerScreen
    from microtui.ui.screens.player_dialogs import SetSummaryScreen

    library = load_library([builtin_path()])
    clock = FakeClock(datetime(2026, 11, 25, 9, 29, 50, tzinfo=UTC))
    with Store.open(tmp_path / "data") as store:
        app = MicroTuiApp(library, clock=clock, store=store, autostart_seconds=30)
        async with app.run_test(size=(120, 40)) as pilot:
            # 09:30 comes due; 30 s later its set opens by itself: not the start-of-day
            # check-in, which nobody would answer (and which would hold up every set after).
            await wait_until(pilot, clock, lambda: isinstance(app.screen, PlayerScreen))
            assert app.screen.event_id == "2026-11-25:interval:09:30"
            assert clock.now() >= datetime(2026, 11, 25, 9, 30, 30, tzinfo=UTC)
            # It plays to the end and waits on its summary, unanswered (the set is logged
            # already: a kill now would not lose it) ...
            await wait_until(pilot, clock, lambda: isinstance(app.screen, SetSummaryScreen))
            clock.advance(25 * 60)
            await looked(pilot)
            assert isinstance(app.screen, SetSummaryScreen)
            assert [s["outcome"] for s in store.sessions()] == ["completed"]
            # ... until the 10:00 set has waited its 30 s: the summary closes, the 09:30 set
            # is logged, then the 10:00 set opens.
            clock.advance(5 * 60 + 30)
            await wait_until(pilot, clock, lambda: isinstance(app.screen, PlayerScreen)
                             and app.screen.event_id == "2026-11-25:interval:10:00",
                             step=0.2)
            await app.workers.wait_for_complete()
            [first] = store.sessions()
            assert (first["event_id"], first["outcome"]) == ("2026-11-25:interval:09:30",
                                                              "completed")
            assert store.checkins() == []
            # The user comes back: the summary closes by keys, the set is logged once.
            await wait_until(pilot, clock, lambda: isinstance(app.screen, SetSummaryScreen))
            await pilot.press("enter")
            await wait_for_screen(pilot, TodayScreen)
            await settle(pilot)
            assert isinstance(app.screen, TodayScreen)
            assert [s["event_id"] for s in store.sessions()] == [
                "2026-11-25:interval:09:30", "2026-11-25:interval:10:00"]
            # A set the user starts still opens with the start-of-day check-in.
            assert app.checkin_due("start")


async def test_sets_played_leave_no_widgets_behind():
    """One player plays every set, its widgets made once. What Textual would keep of
    removed widgets for good goes as it is made: every screen's Footer lets go of the keys
    it replaces (a Footer key binds itself to the footer's ``compact``, and a watcher goes
    only when that changes: never), and the style caches an ``lru_cache`` on a StylesCache
    method holds go when a set ends. So the number of live widgets does not grow with the
    number of sets played, and no pass over the app's nodes is needed."""
    import gc

    from textual._styles_cache import StylesCache
    from textual.widget import Widget

    from microtui.ui.screens.player import PlayerScreen
    from microtui.ui.screens.player_dialogs import SetSummaryScreen

    def dead_watchers() -> list[str]:
        screens = [*(screen for stack in app._screen_stacks.values() for screen in stack),
                   app.get_screen("player")]  # between sets the player is on no stack
        nodes = [app, *(node for screen in screens
                        for node in screen.walk_children(with_self=True))]
        return [f"{type(owner).__name__} on {type(node).__name__}.{name}"
                for node in nodes
                for name, entries in (getattr(node, "__watchers", None) or {}).items()
                for owner, _ in entries if owner._closing]

    def live(kind: type) -> int:
        gc.collect()
        return sum(isinstance(o, kind) for o in gc.get_objects())

    library = load_library([builtin_path()])
    clock = FakeClock(datetime(2026, 11, 25, 9, 29, 50, tzinfo=UTC))
    app = MicroTuiApp(library, clock=clock)  # no store: no check-in to answer
    players_before = live(PlayerScreen)  # other tests' that are not collected yet
    async with app.run_test(size=(120, 40)) as pilot:
        players: list[object] = []
        widgets: list[int] = []
        for _ in range(6):
            await pilot.press("2")
            await wait_until(pilot, clock, lambda: isinstance(app.screen, PlayerScreen),
                             step=0)
            players.append(app.screen)
            await wait_until(pilot, clock, lambda: isinstance(app.screen, SetSummaryScreen))
            await pilot.press("enter")
            await wait_until(pilot, clock, lambda: isinstance(app.screen, TodayScreen),
                             step=0)
            await settle(pilot)
            # The app's title is watched by Today's Header and the player's, however many
            # sets were played; no removed widget is left watching anything.
            title_owners = [type(owner).__name__
                            for owner, _ in getattr(app, "__watchers")["title"]]
            assert title_owners.count("Header") <= 2
            assert dead_watchers() == []
            widgets.append(live(Widget))
        assert all(player is players[0] for player in players)  # one player, made once
        assert live(PlayerScreen) <= players_before + 1
        # Textual may hold a few removed widgets for a while (the player keeps its last
        # footer keys in its to-repaint set until it draws again), never a screen's worth;
        # a leak of a screen, or of its footer's keys, adds at least that much every set.
        one_screen = len(list(players[0].walk_children(with_self=True)))
        assert widgets[-1] - widgets[0] < one_screen, (widgets, one_screen)
        # One per live widget, and at most the last set's dialogs' (their style caches go
        # when the next set ends: textual#6665), never one per set played.
        assert live(StylesCache) <= live(Widget) + one_screen


# -- the real thing ---------------------------------------------------------------------------


WHOLE_DAY = not os.environ.get("MICROTUI_SOAK_HOURS", "").strip()


@pytest.mark.soak
def test_a_whole_workday_at_60x_every_set_on_time_and_once(background_soak):
    """bench/soak.py, a whole workday ending at noon: see tests/soak/background.py for how
    it overlaps the suite."""
    code, results, log = background_soak.wait(timeout=25 * 60)
    assert code in (0, 1) and "day" in results, f"the soak could not run ({code}):\n{log}"
    print(results["report"])
    assert results["day"]["problems"] == [], results["report"]
    if WHOLE_DAY:  # every set of the day, 09:00 start of day to 12:00 end of day, was checked
        assert results["day"]["planned"] >= 7 and results["day"]["skipped_after"] is None
        assert {s["event_id"].split(":", 1)[1] for s in results["sessions"]} >= {
            "start-of-day:09:00", "end-of-day:12:00"}


@pytest.mark.soak
def test_a_whole_workday_at_60x_memory_stays_flat(background_soak):
    code, results, log = background_soak.wait(timeout=25 * 60)
    assert code in (0, 1) and "rss" in results, f"the soak could not run ({code}):\n{log}"
    print(results["report"])
    assert results["rss"]["problems"] == [], results["report"]

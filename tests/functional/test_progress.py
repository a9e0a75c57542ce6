"""The Progress screen in a minimal app with a FakeClock and a real store holding a small,
fixed synthetic history: loading, ranges, re-plotting, empty states, a mobility screen."""

from __future__ import annotations

import shutil
import threading
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import pytest
from textual.app import App
from textual.pilot import Pilot

from microtui.core.fake_clock import FakeClock
from microtui.core.loader import builtin_path, load_library
from microtui.core.schedule import ScheduleSettings
from microtui.core.timeline import build_timeline
from microtui.store import Store, StoreError
from microtui.ui.screens.checkin import MobilityScreen
from microtui.ui.screens.progress import LOADING, READ_FAILED, ProgressScreen
from microtui.ui.services import Services
from microtui.ui.widgets.charts import Chart, ChartPanel
from tests.functional.helpers import (
    screen_text,
    settle,
    settled,
    type_keys,
    wait_for,
    wait_for_screen,
)

LIBRARY = load_library([builtin_path()])
TODAY = date(2026, 11, 25)  # a Wednesday
NOW = datetime.combine(TODAY, time(12, 0), tzinfo=UTC)
OUTCOMES = ("completed", "completed", "partial", "completed", "skipped", "completed")


def _record(event_id: str, started: datetime, outcome: str, exercises: list[dict]) -> dict:
    return {"v": 1, "event_id": event_id, "trigger": event_id.split(":")[1],
            "started": started.isoformat(), "ended": started.isoformat(),
            "outcome": outcome, "active_seconds": 0.0 if outcome == "skipped" else 30.0,
            "exercises": [] if outcome == "skipped" else exercises, "note": None}


def _rows(event) -> list[dict]:
    rows = []
    for item in event.trigger.items:
        exercise = LIBRARY.exercises[item.exercise_id]
        for part in exercise.parts or (None,):
            seconds = exercise.part_seconds(item.reps)
            if part == "left":
                seconds *= 0.75  # the left side lags
            rows.append({"id": exercise.id, "name": exercise.name, "side": part,
                         "planned_seconds": seconds, "done_seconds": seconds,
                         "effortless": False})
    return rows


def fill_history(store: Store, today: date = TODAY, days: int = 15,
                 *, extra_old: bool = False) -> None:
    """A fixed history: ``days`` days to noon ``today``; on working days the first five
    sets of the timeline and a pre-meeting set; check-ins; two mobility screens."""
    settings = ScheduleSettings()
    routine = LIBRARY.default_routine
    pre_meeting = next(t for t in routine.triggers if t.kind.value == "pre-meeting")
    for n in range(days):
        day = today - timedelta(days=days - 1 - n)
        if day.weekday() >= 5:
            continue
        events = build_timeline(routine, settings, day, UTC).events[:5]
        for k, event in enumerate(events):
            if event.planned >= NOW:
                break
            outcome = OUTCOMES[(n + k) % len(OUTCOMES)]
            started = event.planned + timedelta(seconds=40)
            store.add_session(_record(event.id, started, outcome, _rows(event)))
        meeting = datetime.combine(day, time(11, 0), tzinfo=UTC)
        if meeting < NOW:
            event = type("E", (), {"trigger": pre_meeting})
            store.add_session(_record(f"{day.isoformat()}:pre-meeting:10:58", meeting,
                                      "completed", _rows(event)))
        if n % 5 != 3:  # an unanswered day now and then
            store.add_checkin({"v": 1, "date": day.isoformat(), "moment": "start",
                               "stiffness": 6 - n % 3, "energy": 4 + n % 2, "focus": 5,
                               "at": datetime.combine(day, time(9, 1), tzinfo=UTC)
                               .isoformat()})
            if day < today:
                store.add_checkin({"v": 1, "date": day.isoformat(), "moment": "end",
                                   "stiffness": 4 - n % 2, "energy": 6, "focus": 6 + n % 2,
                                   "at": datetime.combine(day, time(17, 25), tzinfo=UTC)
                                   .isoformat()})
    for day, hip, neck in (("2026-10-28", 92, 68), ("2026-11-11", 96, 71)):
        store.add_measurement({"v": 1, "date": day, "hip_flexion_left": hip - 3,
                               "hip_flexion_right": hip, "neck_rotation_left": neck - 2,
                               "neck_rotation_right": neck})
    if extra_old:  # sets long before the recent months: read in the second pass
        for back in (200, 201, 202):
            day = today - timedelta(days=back)
            started = datetime.combine(day, time(9, 1), tzinfo=UTC)
            store.add_session(_record(f"{day.isoformat()}:start-of-day:09:00", started,
                                      "completed", []))


@pytest.fixture(scope="session")
def history_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = tmp_path_factory.mktemp("progress") / "data"
    with Store.open(directory) as store:
        fill_history(store)
    return directory


@pytest.fixture
def store(history_dir: Path, tmp_path: Path) -> Iterator[Store]:
    copy = tmp_path / "data"
    shutil.copytree(history_dir, copy)
    opened = Store.open(copy)
    yield opened
    opened.close()


class Host(App[None]):
    """What MicroTuiApp gives its screens: a library, a FakeClock and a store."""

    def __init__(self, store: Any, **screen_args: Any) -> None:
        super().__init__()
        self.services = Services.create(LIBRARY, clock=FakeClock(NOW), store=store)
        self.screen_args = screen_args

    def on_mount(self) -> None:
        self.push_screen(ProgressScreen(self.services, **self.screen_args))


async def until(pilot: Pilot, condition: Callable[[], bool], what: str) -> None:
    await wait_for(pilot, condition, what)


async def loaded(pilot: Pilot) -> ProgressScreen:
    """Wait until the whole history is in and every chart is drawn."""
    screen = pilot.app.screen
    assert isinstance(screen, ProgressScreen)
    await until(pilot, lambda: screen.charts_drawn() and screen.history.complete, "Progress")
    await settle(pilot)
    return screen


def panel(screen: ProgressScreen, name: str) -> ChartPanel:
    return screen.query_one(f"#{name}", ChartPanel)


def builds(screen: ProgressScreen) -> dict[str, int]:
    return {chart.id.removesuffix("-chart"): chart.builds for chart in screen.query(Chart)}


def range_label(screen: ProgressScreen) -> str:
    return str(screen.query_one("#progress-range").content)


async def test_the_range_line_is_never_cut_off(store):
    """At 60 columns "Showing last 7 days" ran off the right end: there the highlighted
    range says it alone; it comes back when the terminal is wide enough."""
    app = Host(store)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await loaded(pilot)
        assert "Showing last 7 days" in range_label(screen)
        await pilot.resize_terminal(60, 20)
        await wait_for(pilot, lambda: "Showing" not in range_label(screen), "no cut line")
        assert range_label(screen).rstrip().endswith("all")
        await pilot.resize_terminal(100, 30)
        await wait_for(pilot, lambda: "Showing last 7 days" in range_label(screen),
                       "the whole line back")


async def test_progress_shows_the_summary_and_every_chart(store):
    app = Host(store)
    async with app.run_test(size=(160, 50)) as pilot:
        screen = await loaded(pilot)
        text = screen_text(app)
        # Five working days; each: five timeline sets (one skipped) and a pre-meeting set.
        assert "Moved 28 min in all · 25 sets this week" in text
        assert "most: Neck and shoulders · least: Hand and wrist" in text
        assert "Showing last 7 days" in range_label(screen)
        # Planned: 4 days × (18 + the meeting's set) + today to noon (7 + 1) = 84.
        assert panel(screen, "adherence").title == (
            "Adherence · 30 % of planned sets done · streak 11 days (best 11)")
        assert panel(screen, "feel").title.startswith("How you feel")
        assert panel(screen, "mobility").title == (
            "Mobility in degrees · last 8 weeks · a screen is due: press m")
        assert panel(screen, "regions").title == "Minutes per region · last 7 days"
        assert panel(screen, "sides").title == "Left vs right"
        assert "left lags (75 % of right)" in text
        assert builds(screen) == dict.fromkeys(
            ("adherence", "feel", "mobility", "regions", "sides"), 1)
        assert "█ done" in text and "━ hip L" in text


async def test_brackets_switch_the_range(store):
    app = Host(store)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot)
        seen = [range_label(screen)]
        for key in ("right_square_bracket",) * 3:
            await pilot.press(key)
            seen.append(range_label(screen))
        assert [s.split("Showing ")[1] for s in seen] == [
            "last 7 days", "last 30 days", "last 90 days", "all your history"]
        assert screen.range.label == "all"
        await pilot.press("right_square_bracket")  # no range beyond all
        assert screen.range.label == "all"
        await pilot.press("left_square_bracket")
        assert "Showing last 90 days" in range_label(screen)
        assert panel(screen, "regions").title.endswith("last 90 days")
        await pilot.press("left_square_bracket", "left_square_bracket", "left_square_bracket")
        assert "Showing last 7 days" in range_label(screen)


async def test_a_chart_replots_only_when_its_data_or_size_changes(store):
    app = Host(store)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot)
        first = builds(screen)
        assert first == {"adherence": 1, "feel": 1, "mobility": 1, "regions": 1,
                         "sides": 0}  # at 120 columns left vs right is a note, not a chart
        # Same data again, and repaints: served from the cache.
        screen.refresh_view()
        for chart in screen.query(Chart):
            chart.refresh()
        await settle(pilot)
        assert builds(screen) == first
        # A new range: new data for adherence, not for mobility (its window is 8 weeks
        # for both 7 and 30 days).
        await pilot.press("right_square_bracket")
        await until(pilot, lambda: builds(screen) != first and settled(app), "the 30-day plots")
        after = builds(screen)
        assert after["adherence"] == 2 and after["feel"] == 2
        assert after["mobility"] == 1
        # A new size: every chart on screen re-plots once.
        await pilot.resize_terminal(126, 44)
        await until(pilot, lambda: builds(screen) != after and settled(app), "the re-plots")
        await settle(pilot)
        resized = builds(screen)
        assert resized == {name: count + (name != "sides") for name, count in after.items()}


async def test_an_empty_store_says_what_to_do(tmp_path):
    with Store.open(tmp_path / "data") as empty:
        app = Host(empty)
        async with app.run_test(size=(120, 40)) as pilot:
            screen = await loaded(pilot)
            assert panel(screen, "adherence").message.startswith("No sets logged yet: press 1")
            assert panel(screen, "feel").message.startswith(
                "No check-ins yet: answer the start-of-day check-in tomorrow")
            assert panel(screen, "mobility").message.startswith(
                "No mobility screen yet: press m")
            assert panel(screen, "regions").message.startswith("No exercises done")
            assert builds(screen) == dict.fromkeys(builds(screen), 0)  # nothing plotted
            text = screen_text(app)
            assert "No sets logged yet" in text and "Moved 0 min in all" in text
            for _ in range(3):  # every range of nothing
                await pilot.press("right_square_bracket")
            assert panel(screen, "adherence").message.startswith("No sets logged yet")


async def test_no_store_at_all(tmp_path):
    app = Host(None)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await loaded(pilot)
        assert panel(screen, "adherence").message.startswith("No sets logged yet")


class GatedStore:
    """A store whose session reads wait for the test to open a gate."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.recent = threading.Event()
        self.older = threading.Event()

    def sessions(self, since: str | None = None, until: str | None = None) -> list[dict]:
        gate = self.older if until is not None else self.recent
        assert gate.wait(10), "the test never opened the gate"
        return self.store.sessions(since, until)

    def iter_sessions(self, since: str | None = None,
                      until: str | None = None) -> Iterator[dict]:
        return iter(self.sessions(since, until))

    def __getattr__(self, name: str) -> Any:
        return getattr(self.store, name)


async def test_loading_then_recent_months_then_the_rest(tmp_path):
    with Store.open(tmp_path / "data") as real:
        fill_history(real, extra_old=True)
        gated = GatedStore(real)
        app = Host(gated)
        async with app.run_test(size=(120, 40)) as pilot:
            screen = app.screen
            await until(pilot, lambda: LOADING in screen_text(app), "the charts' loading line")
            assert screen.history is None
            assert panel(screen, "adherence").message == LOADING
            assert LOADING in screen_text(app)
            gated.recent.set()
            await until(pilot, lambda: screen.history is not None and screen.charts_drawn(),
                        "the recent months")
            assert not screen.history.complete
            summary = str(screen.query_one("#progress-summary").content)
            assert summary.endswith("…") and "25 sets this week" in summary
            # The first read holds the last two weeks: ten working days of an 11-day streak.
            assert "streak ≥10 days (best …)" in panel(screen, "adherence").title
            drawn = builds(screen)
            gated.older.set()
            await until(pilot, lambda: screen.history.complete, "the older months")
            await settle(pilot)
            assert "streak 11 days (best 11)" in panel(screen, "adherence").title
            # The 7-day plots did not change: the older history re-plots nothing.
            assert builds(screen) == drawn
            # Every record counted exactly once across the two reads.
            logged = sum(1 for r in real.sessions() if r["outcome"] in ("completed", "partial"))
            assert sum(t.sets_done for t in screen.history.totals.values()) == logged
            assert "reading older history" not in screen_text(app)


async def test_measure_mobility_saves_through_the_store(store):
    app = Host(store)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot)
        assert screen.view.mobility.count == 2
        await pilot.press("m")
        await wait_for_screen(pilot, MobilityScreen)
        assert isinstance(app.screen, MobilityScreen)
        await pilot.press(*type_keys("200"), "enter")
        await settle(pilot)
        assert isinstance(app.screen, MobilityScreen)  # refused, nothing saved
        await pilot.press("backspace", "backspace", "backspace")
        for value in ("98", "99", "72", "74"):
            await pilot.press(*type_keys(value), "enter")
        await until(pilot, lambda: len(store.measurements()) == 3, "the measurement saved")
        await until(pilot, lambda: screen.view is not None and screen.view.mobility.count == 3,
                    "the chart reloaded")
        assert store.measurements()[-1] == {"v": 1, "date": "2026-11-25",
                                            "hip_flexion_left": 98, "hip_flexion_right": 99,
                                            "neck_rotation_left": 72,
                                            "neck_rotation_right": 74}
        assert panel(screen, "mobility").title.endswith("next 9 Dec")


async def test_the_footer_lists_the_keys(store):
    app = Host(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        text = screen_text(app).splitlines()[-1]
        assert "[ Shorter" in text and "] Longer" in text and "m Mobility check" in text
        ids = {b.id for b in ProgressScreen.BINDINGS}  # type: ignore[union-attr]
        assert {"progress.shorter", "progress.longer", "progress.measure"} <= ids


async def test_readable_at_100x30(store):
    app = Host(store)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await loaded(pilot)
        text = screen_text(app)
        assert "sets this week" in text
        for name in ("adherence", "feel", "mobility", "regions"):
            assert panel(screen, name).region.height >= 10, name
        assert not panel(screen, "sides").display  # its numbers sit under the regions
        assert "left lags" in text


async def test_the_first_read_is_drawn_at_once_and_the_older_days_follow(store):
    reads: list[str | None] = []
    iter_sessions = store.iter_sessions

    def counting(since: str | None = None, until: str | None = None):
        reads.append(since)

        return iter_sessions(since, until)

    store.iter_sessions = counting
    app = Host(store)
    async with app.run_test(size=(160, 50)) as pilot:
        made = app.screen
        assert isinstance(made, ProgressScreen)
        await until(pilot, lambda: made.charts_drawn() and made.history.complete,
                    "Progress")
        await settle(pilot)
        # The last two weeks first, then the older days once.
        assert reads == [(TODAY - timedelta(days=13)).isoformat(), None]
        # Plotted once each, at their final size (the breakpoint class was set at mount).
        assert builds(made) == dict.fromkeys(
            ("adherence", "feel", "mobility", "regions", "sides"), 1)


def record_messages(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """Every ``(panel, message)`` a chart panel is asked to show instead of its chart."""
    shown: list[tuple[str, str]] = []
    show = ChartPanel.show

    def recording(self: ChartPanel, title: Any, data: Any, **options: Any) -> None:
        if options.get("empty"):
            shown.append((str(self.id), options["empty"]))
        show(self, title, data, **options)

    monkeypatch.setattr(ChartPanel, "show", recording)
    return shown


async def test_a_first_read_within_the_wait_draws_no_loading_frame(store, monkeypatch):
    shown = record_messages(monkeypatch)
    frames: list[str] = []
    app = Host(store)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        assert isinstance(screen, ProgressScreen)
        await until(pilot, lambda: screen.history is not None and screen.charts_drawn(),
                    "the first read drawn")
        frames.append(screen_text(app))
        await loaded(pilot)
    # The frame waited for the read (it takes milliseconds here): no panel ever said
    # "Loading…", and none was restyled into a message and out again.
    assert [message for _, message in shown if message == LOADING] == []
    assert shown == []
    assert "Adherence" in frames[0] and LOADING not in frames[0]


async def test_a_failed_first_read_says_so_in_every_panel(tmp_path, monkeypatch):
    with Store.open(tmp_path / "data") as real:
        fill_history(real)

        def broken() -> list[dict]:
            raise StoreError("checkins.json: not valid JSON (line 1)")

        monkeypatch.setattr(real, "checkins", broken)
        app = Host(real)
        async with app.run_test(size=(120, 40)) as pilot:
            screen = app.screen
            assert isinstance(screen, ProgressScreen)
            await until(pilot, lambda: panel(screen, "adherence").message == READ_FAILED,
                        "the failed read")
            assert all(panel(screen, chart).message == READ_FAILED
                       for chart in ("adherence", "feel", "mobility", "regions", "sides"))
            await until(pilot, lambda: any(n.title == "Could not read your history"
                                           for n in app._notifications), "the error's toast")
            assert screen.history is None

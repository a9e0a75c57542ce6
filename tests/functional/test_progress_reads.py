"""Progress reads the log only when it must: not again on a show with nothing written since,
and the older days only once the recent ones are drawn."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.screen import Screen

from microtui.log_history import LogHistory
from microtui.store import Store
from microtui.ui.app import MicroTuiApp
from microtui.ui.screens import progress
from microtui.ui.screens.progress import LOADING, ProgressScreen
from microtui.ui.screens.today import TodayScreen
from microtui.ui.widgets.charts import ChartPanel
from tests.functional.helpers import settle, wait_for, wait_for_screen
from tests.functional.test_progress import TODAY, Host, fill_history, loaded, panel


def count_calls(obj: Any, name: str) -> list[tuple[Any, ...]]:
    """Record every call of ``obj.name`` (its arguments), calling through."""
    calls: list[tuple[Any, ...]] = []
    original = getattr(obj, name)

    def counted(*args: Any, **kwargs: Any) -> Any:
        calls.append(args)
        return original(*args, **kwargs)

    setattr(obj, name, counted)
    return calls


async def show_again(pilot, screen: ProgressScreen) -> None:
    """Another screen in front, then Progress again (as a number key does)."""
    await pilot.app.push_screen(Screen())
    await settle(pilot)
    pilot.app.pop_screen()
    await wait_for(pilot, lambda: pilot.app.screen is screen, "Progress in front again")
    await settle(pilot)


async def test_a_show_with_nothing_written_since_reads_nothing(tmp_path):
    with Store.open(tmp_path / "data") as store:
        fill_history(store)
        await nothing_written_reads_nothing(store)


async def nothing_written_reads_nothing(store: Store) -> None:
    reads = count_calls(store, "checkins")
    app = Host(store)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot)
        assert len(reads) == 1
        await show_again(pilot, screen)
        assert len(reads) == 1  # nothing written: the history in memory is current
        assert screen.charts_drawn() and screen.view is not None
        done = screen.view.adherence.done
        # A set written (as the app writes it) is read on the next show.
        record = {"v": 1, "event_id": f"{TODAY.isoformat()}:extra:12:00",
                  "trigger": "extra", "started": f"{TODAY.isoformat()}T11:30:00+00:00",
                  "ended": f"{TODAY.isoformat()}T11:31:00+00:00", "outcome": "completed",
                  "active_seconds": 30.0, "exercises": [], "note": None}
        assert app.services.log.write("session", record) is None
        await show_again(pilot, screen)
        await wait_for(pilot, lambda: screen.view is not None
                       and screen.view.adherence.done == done + 1, "the new set counted")
        assert len(reads) == 2


def count_reads(monkeypatch) -> list[tuple[Any, ...]]:
    """Record every read worker Progress starts."""
    started: list[tuple[Any, ...]] = []
    read = ProgressScreen._read

    def counted(self: ProgressScreen, *args: Any) -> Any:
        started.append(args)
        return read(self, *args)

    monkeypatch.setattr(ProgressScreen, "_read", counted)
    return started


async def first_visit(app: MicroTuiApp, pilot) -> ProgressScreen:
    await pilot.press("4")
    screen = await wait_for_screen(pilot, ProgressScreen)
    await wait_for(pilot, lambda: screen.view is not None and screen.charts_drawn(),
                   "Progress drawn")
    await settle(pilot)
    return screen


async def test_the_first_visit_draws_from_what_the_app_read(library, clock, tmp_path,
                                                            monkeypatch):
    started = count_reads(monkeypatch)
    loading: list[str] = []
    show = ChartPanel.show

    def shown(self: ChartPanel, title: Any, data: Any, **options: Any) -> None:
        if options.get("empty") == LOADING:
            loading.append(str(self.id))
        show(self, title, data, **options)

    monkeypatch.setattr(ChartPanel, "show", shown)
    with Store.open(tmp_path / "data") as store:
        fill_history(store, today=clock.now().date())
        app = MicroTuiApp(library, clock=clock, store=store, data_dir=tmp_path / "data")
        async with app.run_test(size=(120, 40)) as pilot:
            await wait_for(pilot, lambda: isinstance(app.screen, TodayScreen))
            # The app reads the log once after its first paint.
            await wait_for(pilot, lambda: app.services.history.snapshot(clock.now().date()),
                           "the app's read of the log")
            screen = await first_visit(app, pilot)
            assert started == []  # no read of its own: the history came with the screen
            assert loading == []  # nor a loading state to restyle every panel out of
            assert screen.history is not None and screen.history.complete
            assert screen.view is not None and screen.view.adherence.done > 0


async def test_a_first_visit_before_the_app_read_the_log_starts_one_read(
        library, clock, tmp_path, monkeypatch):
    started = count_reads(monkeypatch)
    monkeypatch.setattr(LogHistory, "snapshot", lambda self, today: None)
    with Store.open(tmp_path / "data") as store:
        app = MicroTuiApp(library, clock=clock, store=store, data_dir=tmp_path / "data")
        async with app.run_test(size=(120, 40)) as pilot:
            await wait_for(pilot, lambda: isinstance(app.screen, TodayScreen))
            await first_visit(app, pilot)
            # Textual resumes a mode's screen twice when it is first shown: one read.
            assert len(started) == 1


async def test_the_older_days_are_read_once_the_recent_ones_are_drawn(tmp_path, monkeypatch):
    later: list[Callable[[], object]] = []
    monkeypatch.setattr(progress, "after_first_frame", lambda app, callback: later.append(
        callback))
    with Store.open(tmp_path / "data") as store:
        fill_history(store, extra_old=True)
        app = Host(store)
        whole = count_calls(app.services.history, "all_days")
        async with app.run_test(size=(120, 40)) as pilot:
            screen = app.screen
            assert isinstance(screen, ProgressScreen)
            await wait_for(pilot, lambda: screen.history is not None and screen.charts_drawn(),
                           "the recent days drawn")
            await settle(pilot)
            assert not screen.history.complete
            assert whole == []  # not read while the first charts are drawn
            assert len(later) == 1
            later.pop()()
            await wait_for(pilot, lambda: screen.history.complete, "the older days")
            await settle(pilot)
            assert len(whole) == 1
            assert "streak 11 days (best 11)" in panel(screen, "adherence").title


async def test_a_failed_read_is_tried_again_on_the_next_show(tmp_path):
    with Store.open(tmp_path / "data") as store:
        fill_history(store)
        checkins = store.checkins
        failures = [OSError("the disk is gone")]

        def flaky() -> list[dict]:
            if failures:
                raise failures.pop()
            return checkins()

        store.checkins = flaky  # type: ignore[method-assign]
        app = Host(store)
        async with app.run_test(size=(120, 40)) as pilot:
            screen = app.screen
            assert isinstance(screen, ProgressScreen)
            await wait_for(pilot, lambda: not failures, "the failed read")
            await settle(pilot)
            assert screen.history is None
            await show_again(pilot, screen)
            await wait_for(pilot, lambda: screen.history is not None and screen.charts_drawn(),
                           "the history read on the next show")


async def first_visit_class_changes(library, clock, store, data_dir, monkeypatch
                                    ) -> tuple[dict[str, str], list[tuple[str, bool]]]:
    """Progress's first visit once the app has read the log: each panel's message ("": a
    chart), and every ``-empty`` change of a panel meanwhile (its id, and whether set)."""
    changes: list[tuple[str, bool]] = []
    set_class = ChartPanel.set_class

    def recorded(self: ChartPanel, add: bool, *names: str, update: bool = True) -> Any:
        if "-empty" in names and self.has_class("-empty") != add:
            changes.append((str(self.id), add))
        return set_class(self, add, *names, update=update)

    monkeypatch.setattr(ChartPanel, "set_class", recorded)
    app = MicroTuiApp(library, clock=clock, store=store, data_dir=data_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, TodayScreen))
        await wait_for(pilot, lambda: app.services.history.snapshot(clock.now().date()),
                       "the app's read of the log")
        screen = await first_visit(app, pilot)
        messages = {chart: panel(screen, chart).message for chart in progress.CHARTS}
        empty = {chart for chart in progress.CHARTS if panel(screen, chart).has_class("-empty")}
        assert empty == {chart for chart, message in messages.items() if message}
        return messages, changes


async def test_panels_are_made_as_the_first_frame_shows_them(library, clock, tmp_path,
                                                            monkeypatch):
    """A panel with a chart and one with a message are each made so: none is restyled
    (its children with it) from one to the other once mounted."""
    with Store.open(tmp_path / "data") as store:
        fill_history(store, today=clock.now().date())
        messages, changes = await first_visit_class_changes(library, clock, store,
                                                            tmp_path / "data", monkeypatch)
        assert changes == []
        assert not messages["adherence"]  # a chart: sets were done


async def test_an_empty_history_makes_every_panel_a_message(library, clock, tmp_path,
                                                           monkeypatch):
    with Store.open(tmp_path / "data") as store:
        messages, changes = await first_visit_class_changes(library, clock, store,
                                                            tmp_path / "data", monkeypatch)
        assert changes == []
        assert all(messages.values())

"""The log's per-day totals: the days before today read once for the app, today's afresh."""

from __future__ import annotations

import threading
from datetime import date
from pathlib import Path

from microtui.core.loader import builtin_path, load_library
from microtui.log_history import LogHistory
from microtui.store import Store

EXERCISES = load_library([builtin_path()]).exercises


def set_on(day: str, outcome: str = "completed", seconds: float = 30.0) -> dict:
    return {"v": 1, "event_id": f"{day}:interval:10:00", "started": f"{day}T10:00:00",
            "outcome": outcome, "active_seconds": seconds,
            "exercises": [{"id": "ankle-pumps", "done_seconds": seconds}]}


def test_older_days_are_read_once_and_today_afresh(tmp_path: Path):
    with Store.open(tmp_path / "data") as store:
        store.add_session(set_on("2026-11-23"))
        store.add_session(set_on("2026-11-24"))
        history = LogHistory(store, EXERCISES)
        assert not history.loaded
        days = history.all_days(date(2026, 11, 25))
        assert sorted(days) == ["2026-11-23", "2026-11-24"] and history.loads == 1
        store.add_session(set_on("2026-11-25"))
        days = history.all_days(date(2026, 11, 25))
        assert days["2026-11-25"].sets_done == 1 and history.loads == 1
        assert days["2026-11-25"].region_seconds == {"lower-body": 30.0}
        store.add_session(set_on("2026-11-25", seconds=10))
        assert history.all_days(date(2026, 11, 25))["2026-11-25"].moved_seconds == 40.0


def test_a_new_day_folds_only_the_days_it_has_not_seen(tmp_path: Path):
    with Store.open(tmp_path / "data") as store:
        store.add_session(set_on("2026-11-24"))
        history = LogHistory(store, EXERCISES)
        history.load(date(2026, 11, 25))
        store.add_session(set_on("2026-11-25"))
        days = history.all_days(date(2026, 11, 27))  # two days later, still running
        assert sorted(days) == ["2026-11-24", "2026-11-25"] and history.loads == 1
        history.forget()
        history.all_days(date(2026, 11, 27))
        assert history.loads == 2


def test_two_askers_at_once_read_the_log_once(tmp_path: Path):
    with Store.open(tmp_path / "data") as store:
        for day in range(1, 25):
            store.add_session(set_on(f"2026-11-{day:02d}"))
        history = LogHistory(store, EXERCISES)
        results: list[int] = []
        threads = [threading.Thread(target=lambda: results.append(
            len(history.all_days(date(2026, 11, 25))))) for _ in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert results == [24] * 4 and history.loads == 1


def test_without_a_store_there_is_no_history():
    history = LogHistory(None, EXERCISES)
    assert history.all_days(date(2026, 11, 25)) == {}
    assert history.recent(date(2026, 11, 25), 14) == {}


def test_a_snapshot_is_handed_out_while_nothing_was_written_since(tmp_path: Path):
    from microtui.log_writer import LogWriter

    today = date(2026, 11, 25)
    with Store.open(tmp_path / "data") as store:
        store.add_session(set_on("2026-11-24"))
        writer = LogWriter(store)
        history = LogHistory(store, EXERCISES, writer)
        assert history.snapshot(today) is None  # nothing read yet
        history.load(today)
        snapshot = history.snapshot(today)
        assert snapshot is not None and sorted(snapshot.days) == ["2026-11-24"]
        reads: list[str] = []
        store.checkins = lambda: reads.append("checkins") or []  # type: ignore[method-assign]
        assert history.snapshot(today) is snapshot and reads == []  # no disk read
        assert history.snapshot(date(2026, 11, 26)) is None  # another day
        assert writer.write("session", set_on("2026-11-25")) is None
        assert history.snapshot(today) is None  # a record written since
        assert history.read(today).days["2026-11-25"].sets_done == 1
        assert history.snapshot(today) is not None


def test_no_snapshot_without_the_writer(tmp_path: Path):
    with Store.open(tmp_path / "data") as store:
        history = LogHistory(store, EXERCISES)
        history.load(date(2026, 11, 25))
        assert history.snapshot(date(2026, 11, 25)) is None

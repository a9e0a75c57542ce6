"""The store: round-trips, file layout, corrupt files left alone, the lock, failed writes."""

from __future__ import annotations

import errno
import json
import os
import stat
import subprocess
import sys
import tempfile
import threading
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from tinydb import TinyDB

import microtui.store as store_module
import microtui.store.schema as schema_module
import microtui.store.tables as tables_module
from microtui.core.settings import SettingsError, UserSettings
from microtui.store import (
    SCHEMA_VERSION,
    CorruptDataError,
    Store,
    StoreError,
    StoreLockedError,
    StoreWriteError,
)
from microtui.store.files import read_bytes
from microtui.store.storage import AtomicJSONStorage
from microtui.store.tables import Tables

ROOT = Path(__file__).resolve().parents[2]


def child_env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    return env


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def temp_files(data_dir: Path) -> list[Path]:
    return [p for p in data_dir.rglob("*") if p.name.endswith(".tmp")]


def session(started: str, **extra: object) -> dict:
    return {"started": started, **extra}


def save_settings(store: Store, raw: dict[str, Any]) -> None:
    """Make ``raw`` the whole settings document."""
    store.update_settings(lambda _: UserSettings.from_dict(raw))


def settings(store: Store) -> dict[str, Any]:
    """The settings document as stored."""
    return store.user_settings().to_dict()


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def store(data_dir: Path):
    with Store.open(data_dir) as opened:
        yield opened


# --- round-trips -------------------------------------------------------------------------


def test_settings_round_trip_and_replace(data_dir: Path) -> None:
    with Store.open(data_dir) as store:
        assert settings(store) == {}
        save_settings(store, {"theme": "dark", "interval_min": 30})
        save_settings(store, {"theme": "light"})
        assert settings(store) == {"theme": "light"}
    with Store.open(data_dir) as store:
        assert settings(store) == {"theme": "light"}
    tables = json.loads((data_dir / "settings.json").read_text())
    assert len(tables["settings"]) == 1


def test_update_settings_reads_changes_and_writes_in_one_step(store: Store,
                                                              data_dir: Path) -> None:
    store.save_routine({"id": "mine", "name": "Mine"})
    updated = store.update_settings(lambda saved: replace(saved, theme="dark"))
    assert updated == store.user_settings() == UserSettings(theme="dark")
    updated = store.update_settings(lambda saved: saved.with_active_routine("mine"))
    assert updated == UserSettings(theme="dark", active_routine_id="mine")
    assert settings(store) == {"theme": "dark", "active_routine": "mine"}
    assert store.routines() == [{"id": "mine", "name": "Mine"}]  # same file, untouched
    before = (data_dir / "settings.json").read_bytes()
    assert store.update_settings(lambda saved: saved) == updated
    assert (data_dir / "settings.json").read_bytes() == before


def test_update_settings_that_changes_nothing_writes_nothing(data_dir: Path) -> None:
    with Store.open(data_dir) as store:
        assert store.update_settings(lambda saved: replace(saved, theme=None)) == UserSettings()
    assert not (data_dir / "settings.json").exists()
    with Store.open(data_dir) as writer:
        save_settings(writer, {"theme": "dark"})
        with Store.open(data_dir, lock=False) as reader:
            assert reader.update_settings(lambda saved: saved).theme == "dark"
            with pytest.raises(StoreError, match="read-only"):
                reader.update_settings(lambda saved: replace(saved, theme="light"))
        assert settings(writer) == {"theme": "dark"}


def test_update_settings_keeps_what_it_did_not_change(store: Store) -> None:
    """Keys this version does not know, and values it cannot read, are written back as they
    were: only what the change touched is new."""
    odd = {"future": {"x": [1, 2]}, "theme": 5, "notifications": {"desktop": "beep"},
           "first_seen": "yesterday", "schedule": {"grace_minutes": 12},
           "progression": {"declined": {"bad": "soon"}, "accepted": [{"nonsense": True}]}}
    save_settings(store, odd)
    saved = store.user_settings()
    assert saved.extra == {"future": {"x": [1, 2]}}
    assert saved.theme is None and saved.notifications.desktop is None
    assert saved.first_seen is None and saved.progression.declined == {}
    store.update_settings(lambda saved: saved.with_active_routine("mine"))
    assert settings(store) == {**odd, "active_routine": "mine"}
    store.update_settings(lambda saved: saved.with_declined("chest-opener",
                                                            date(2026, 11, 25)))
    assert settings(store)["progression"] == {
        "declined": {"bad": "soon", "chest-opener": "2026-11-25"},
        "accepted": [{"nonsense": True}]}


def test_concurrent_settings_updates_lose_nothing(store: Store) -> None:
    """Two threads each add one to a counter 200 times: a read-modify-write that was not
    one step would lose some of them."""
    def count(name: str) -> None:
        for _ in range(200):
            store.update_settings(lambda saved: replace(saved, extra={
                **saved.extra, "n": saved.extra.get("n", 0) + 1,
                name: saved.extra.get(name, 0) + 1}))

    threads = [threading.Thread(target=count, args=(name,)) for name in ("a", "b")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert store.user_settings().extra == {"n": 400, "a": 200, "b": 200}


def test_damaged_settings_are_never_overwritten(store: Store, data_dir: Path) -> None:
    save_settings(store, {"theme": "dark"})
    path = data_dir / "settings.json"
    path.write_bytes(b'{"settings": {"1": {"theme": ')
    calls: list[UserSettings] = []

    def change(saved: UserSettings) -> UserSettings:
        calls.append(saved)
        return replace(saved, theme="light")

    with pytest.raises(CorruptDataError, match="settings.json"):
        store.update_settings(change)
    with pytest.raises(CorruptDataError):
        store.user_settings()
    assert calls == []
    assert path.read_bytes() == b'{"settings": {"1": {"theme": '


def test_an_invalid_schedule_is_named_and_never_overwritten(data_dir: Path) -> None:
    data_dir.mkdir()
    path = data_dir / "settings.json"
    content = (b'{"meta": {"1": {"schema": 1}}, "settings": {"1": {"theme": "dark", '
               b'"schedule": {"workday_start": "nine"}}}}')
    path.write_bytes(content)
    with Store.open(data_dir) as store:
        with pytest.raises(SettingsError) as caught:
            store.user_settings()
        assert caught.value.field == "schedule.workday_start"
        with pytest.raises(SettingsError, match="schedule.workday_start"):
            store.update_settings(lambda saved: replace(saved, theme="light"))
    assert path.read_bytes() == content


def test_routines_upsert_by_id_replaces_whole_routine(store: Store) -> None:
    store.save_routine({"id": "a", "name": "Morning", "steps": [1, 2]})
    store.save_routine({"id": "b", "name": "Evening"})
    store.save_routine({"id": "a", "name": "Morning 2"})
    assert store.routines() == [{"id": "a", "name": "Morning 2"}, {"id": "b", "name": "Evening"}]
    with pytest.raises(ValueError, match="'id'"):
        store.save_routine({"name": "no id"})



def test_sessions_round_trip_sorted_and_split_by_month(store: Store, data_dir: Path) -> None:
    records = [
        session("2026-11-25T09:30:00+01:00", id="c", seconds=40),
        session("2026-10-31T23:59:00", id="b"),
        session("2026-11-01T00:00:00+01:00", id="d"),
        session("2026-10-02T08:00:00", id="a", note="ünïcode"),
    ]
    for record in records:
        store.add_session(record)
    assert [r["id"] for r in store.sessions()] == ["a", "b", "d", "c"]
    assert store.sessions()[0] == records[3]  # nothing added, nothing lost
    assert store.session_months() == ["2026-10", "2026-11"]
    files = sorted(str(p.relative_to(data_dir / "log")) for p in (data_dir / "log").rglob("*"))
    assert files == ["2026-10", "2026-10/2026-10-02.json", "2026-10/2026-10-31.json",
                     "2026-11", "2026-11/2026-11-01.json", "2026-11/2026-11-25.json"]
    day = json.loads((data_dir / "log" / "2026-10" / "2026-10-31.json").read_text("utf-8"))
    assert [d["id"] for d in day["sessions"].values()] == ["b"]
    assert list(day["meta"].values()) == [{"schema": SCHEMA_VERSION}]


def test_sessions_since_until_compare_on_prefix(store: Store) -> None:
    for started in [
        "2026-09-30T10:00:00",
        "2026-10-15T10:00:00",
        "2026-11-25T08:00:00+01:00",
        "2026-11-25T18:00:00+01:00",
        "2026-11-26T00:00:00",
        "2026-12-01T00:00:00",
    ]:
        store.add_session(session(started))

    def started(**kw: str) -> list[str]:
        return [r["started"] for r in store.sessions(**kw)]

    assert started(since="2026-11-25") == [
        "2026-11-25T08:00:00+01:00",
        "2026-11-25T18:00:00+01:00",
        "2026-11-26T00:00:00",
        "2026-12-01T00:00:00",
    ]
    assert started(since="2026-10", until="2026-11-25") == [
        "2026-10-15T10:00:00",
        "2026-11-25T08:00:00+01:00",
        "2026-11-25T18:00:00+01:00",
    ]
    assert started(since="2026-11-25T12:00", until="2026-11") == [
        "2026-11-25T18:00:00+01:00",
        "2026-11-26T00:00:00",
    ]
    assert started(until="2026-09-30T09") == []


def test_sessions_only_read_day_files_that_can_match(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    for month in ["2026-08", "2026-09", "2026-10", "2026-11", "2026-12"]:
        store.add_session(session(f"{month}-15T12:00:00"))
    read: list[str] = []
    real_read = tables_module.read_file

    def counting_read(path: Path):  # noqa: ANN202
        read.append(path.name)
        return real_read(path)

    monkeypatch.setattr(tables_module, "read_file", counting_read)
    monkeypatch.setattr(schema_module, "read_file", counting_read)
    assert len(store.sessions(since="2026-10-20", until="2026-11-30")) == 1
    assert set(read) == {"2026-11-15.json"}
    read.clear()
    assert len(store.sessions(since="2026-12-01T00:00")) == 1
    assert set(read) == {"2026-12-15.json"}


@pytest.mark.parametrize(
    "record",
    [{}, {"started": ""}, {"started": 20261125}, {"started": "yesterday"}, {"started": "20261125"}],
)
def test_add_session_needs_iso_started(store: Store, record: dict, data_dir: Path) -> None:
    with pytest.raises(ValueError, match="started"):
        store.add_session(record)
    assert not (data_dir / "log").exists()


def test_checkins_replace_per_date_and_moment(store: Store) -> None:
    store.add_checkin({"date": "2026-11-25", "moment": "end", "energy": 2})
    store.add_checkin({"date": "2026-11-25", "moment": "start", "energy": 3, "pain": 1})
    store.add_checkin({"date": "2026-11-24", "moment": "start", "energy": 4})
    store.add_checkin({"date": "2026-11-25", "moment": "start", "energy": 5})
    assert store.checkins() == [
        {"date": "2026-11-24", "moment": "start", "energy": 4},
        {"date": "2026-11-25", "moment": "start", "energy": 5},
        {"date": "2026-11-25", "moment": "end", "energy": 2},
    ]
    with pytest.raises(ValueError, match="moment"):
        store.add_checkin({"date": "2026-11-25"})


def test_measurements_append(store: Store) -> None:
    store.add_measurement({"date": "2026-11-25", "kind": "reach", "cm": 10})
    store.add_measurement({"date": "2026-11-01", "kind": "reach", "cm": 8})
    store.add_measurement({"date": "2026-11-25", "kind": "reach", "cm": 10})
    assert store.measurements() == [
        {"date": "2026-11-01", "kind": "reach", "cm": 8},
        {"date": "2026-11-25", "kind": "reach", "cm": 10},
        {"date": "2026-11-25", "kind": "reach", "cm": 10},
    ]


def test_export_all(store: Store) -> None:
    save_settings(store, {"theme": "dark"})
    store.save_routine({"id": "r", "name": "R"})
    store.add_session(session("2026-11-25T09:00:00", id="s"))
    store.add_checkin({"date": "2026-11-25", "moment": "start", "energy": 3})
    store.add_measurement({"date": "2026-11-25", "cm": 9})
    assert store.export_all() == {
        "schema": 1,
        "settings": {"theme": "dark"},
        "routines": [{"id": "r", "name": "R"}],
        "sessions": [{"started": "2026-11-25T09:00:00", "id": "s"}],
        "checkins": [{"date": "2026-11-25", "moment": "start", "energy": 3}],
        "measurements": [{"date": "2026-11-25", "cm": 9}],
    }


def test_modes_are_private(tmp_path: Path) -> None:
    data_dir = tmp_path / "nested" / "data"
    old_umask = os.umask(0o022)
    try:
        with Store.open(data_dir) as store:
            save_settings(store, {"a": 1})
            store.add_session(session("2026-11-25T09:00:00"))
            store.add_checkin({"date": "2026-11-25", "moment": "start"})
            store.add_measurement({"date": "2026-11-25"})
            assert mode(data_dir / "microtui.lock") == 0o600
    finally:
        os.umask(old_umask)
    assert mode(data_dir) == 0o700
    assert mode(data_dir / "log") == 0o700
    assert mode(data_dir / "log" / "2026-11") == 0o700
    for name in ["settings.json", "checkins.json", "measurements.json",
                 "log/2026-11/2026-11-25.json"]:
        assert mode(data_dir / name) == 0o600, name


def test_returned_records_are_copies(store: Store) -> None:
    save_settings(store, {"list": [1]})
    store.user_settings().extra["list"].append(2)
    assert settings(store) == {"list": [1]}


def test_concurrent_writers_lose_nothing(store: Store) -> None:
    def write(thread: int) -> None:
        for i in range(15):
            store.add_session(session(f"2026-11-{1 + i:02d}T09:00:00", id=f"{thread}-{i}"))

    threads = [threading.Thread(target=write, args=(t,)) for t in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len({r["id"] for r in store.sessions()}) == 60


def test_closed_store_refuses(data_dir: Path) -> None:
    store = Store.open(data_dir)
    store.close()
    store.close()
    with pytest.raises(StoreError, match="closed"):
        store.user_settings()


# --- read-only use ---------------------------------------------------------------------


def test_read_only_open_reads_alongside_writer_and_refuses_writes(data_dir: Path) -> None:
    with Store.open(data_dir) as writer:
        save_settings(writer, {"theme": "dark"})
        writer.add_session(session("2026-11-25T09:00:00", id="s1"))
        with Store.open(data_dir, lock=False) as reader:
            assert reader.export_all()["sessions"] == [
                {"started": "2026-11-25T09:00:00", "id": "s1"}
            ]
            writer.add_session(session("2026-11-25T10:00:00", id="s2"))
            assert [r["id"] for r in reader.sessions()] == ["s1", "s2"]
            with pytest.raises(StoreError, match="read-only"):
                save_settings(reader, {})
        assert (data_dir / "microtui.lock").exists()  # the reader did not touch the lock


def test_read_only_open_of_missing_dir_creates_nothing(data_dir: Path) -> None:
    with Store.open(data_dir, lock=False) as reader:
        assert reader.export_all()["sessions"] == []
    assert not data_dir.exists()


# --- AtomicJSONStorage -----------------------------------------------------------------


def test_storage_works_under_tinydb(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    storage = AtomicJSONStorage(path)
    assert storage.read() is None
    assert not path.exists()  # unlike JSONStorage, nothing is created until a write
    db = TinyDB(path, storage=AtomicJSONStorage)
    db.table("t").insert({"x": 1})
    assert json.loads(path.read_text()) == {"t": {"1": {"x": 1}}}
    assert AtomicJSONStorage(path).read() == {"t": {"1": {"x": 1}}}
    for data in [{}, {"t": {}}, {"a": {"1": {}}, "b": {}, "c": {"7": {"s": '}, "\n'}}}]:
        storage.write(data)
        assert json.loads(path.read_text()) == data
        assert storage.read() == data


def test_unserialisable_data_fails_before_touching_the_file(store: Store, data_dir: Path) -> None:
    save_settings(store, {"ok": True})
    before = (data_dir / "settings.json").read_bytes()
    with pytest.raises(TypeError):
        save_settings(store, {"bad": object()})
    with pytest.raises(ValueError):
        save_settings(store, {"bad": float("nan")})  # would not be standard JSON
    assert (data_dir / "settings.json").read_bytes() == before
    assert temp_files(data_dir) == []


# --- corrupt files ---------------------------------------------------------------------

VALID_SETTINGS = b'{"meta": {"1": {"schema": 1}}, "settings": {"1": {"theme": "dark"}}}'
CORRUPTIONS = {
    "truncated": (VALID_SETTINGS[:40], "Unterminated string starting at (line 1, column 32)"),
    "empty": (b"", "empty"),
    "not-an-object": (b'[{"settings": 1}]', "JSON object"),
    "binary": (bytes(range(256)) * 4, "UTF-8"),
    "table-not-object": (b'{"meta": {"1": {"schema": 1}}, "settings": [1]}', "'settings'"),
    "bad-doc-id": (b'{"meta": {"1": {"schema": 1}}, "settings": {"\xc2\xb2": {}}}', "malformed"),
    "bad-meta": (b'{"meta": {"1": {"schema": "one"}}}', "schema"),
}


@pytest.mark.parametrize("name", ["settings.json", "checkins.json",
                                  "log/2026-11/2026-11-25.json"])
@pytest.mark.parametrize("kind", sorted(CORRUPTIONS))
def test_corrupt_file_stops_open_and_is_untouched(data_dir: Path, name: str, kind: str) -> None:
    with Store.open(data_dir) as store:  # some good data alongside
        store.add_session(session("2026-10-01T09:00:00"))
        save_settings(store, {"theme": "dark"})
    content, detail = CORRUPTIONS[kind]
    path = data_dir / name
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(content)

    with pytest.raises(CorruptDataError) as caught:
        Store.open(data_dir)
    message = str(caught.value)
    assert str(path) in message
    assert detail in message
    assert "move it aside" in message and "--data" in message
    assert caught.value.path == path
    assert path.read_bytes() == content
    assert not (data_dir / "microtui.lock").exists()  # a failed open releases the lock
    with pytest.raises(CorruptDataError):
        Store.open(data_dir, lock=False)
    assert path.read_bytes() == content


def test_all_corrupt_files_are_reported_together(data_dir: Path) -> None:
    (data_dir / "log" / "2026-11").mkdir(parents=True)
    (data_dir / "settings.json").write_bytes(b"{")
    (data_dir / "log" / "2026-11" / "2026-11-25.json").write_bytes(b"[]")
    with pytest.raises(CorruptDataError) as caught:
        Store.open(data_dir)
    assert str(data_dir / "settings.json") in str(caught.value)
    assert str(data_dir / "log" / "2026-11" / "2026-11-25.json") in str(caught.value)
    assert len(caught.value.problems) == 2


def test_moved_aside_file_is_ignored(data_dir: Path) -> None:
    (data_dir / "log" / "2026-11").mkdir(parents=True)
    (data_dir / "log" / "2026-11.json.broken").write_bytes(b"{")
    (data_dir / "log" / "2026-11" / "2026-11-25.json.broken").write_bytes(b"{")
    (data_dir / "settings.json.broken").write_bytes(b"{")
    with Store.open(data_dir) as store:
        assert store.session_months() == []


def test_file_corrupted_while_open_is_reported_not_reset(store: Store, data_dir: Path) -> None:
    store.add_session(session("2026-11-25T09:00:00"))
    path = data_dir / "log" / "2026-11" / "2026-11-25.json"
    path.write_bytes(b'{"sessions": {"1": ')
    with pytest.raises(CorruptDataError, match="2026-11-25.json"):
        store.add_session(session("2026-11-25T10:00:00"))
    with pytest.raises(CorruptDataError):
        store.sessions()
    assert path.read_bytes() == b'{"sessions": {"1": '


# --- temp files ------------------------------------------------------------------------


def test_stale_temp_files_are_removed_at_open(data_dir: Path) -> None:
    with Store.open(data_dir) as store:
        save_settings(store, {"theme": "dark"})
        store.add_session(session("2026-11-25T09:00:00"))
    stale = [
        data_dir / ".settings.json.k2j3h4g5.tmp",
        data_dir / "log" / "2026-11" / ".2026-11-25.json.abc_def1.tmp",
    ]
    for path in stale:
        path.write_bytes(b'{"half a fi')
    keep = data_dir / ".hidden-notes.tmp"
    keep.write_bytes(b"not ours")

    with Store.open(data_dir, lock=False):  # a reader must not delete a live writer's temp
        assert all(path.exists() for path in stale)
    with Store.open(data_dir) as store:
        assert settings(store) == {"theme": "dark"}
    assert not any(path.exists() for path in stale)
    assert keep.exists()


# --- the lock --------------------------------------------------------------------------


def test_second_open_in_same_process_is_refused(data_dir: Path) -> None:
    with Store.open(data_dir):
        with pytest.raises(StoreLockedError) as caught:
            Store.open(data_dir)
        assert f"pid {os.getpid()}" in str(caught.value)
        assert str(data_dir) in str(caught.value)
    with Store.open(data_dir):  # released by close()
        pass
    assert not (data_dir / "microtui.lock").exists()


def test_open_in_another_process_is_refused(data_dir: Path) -> None:
    code = (
        "import sys\nfrom pathlib import Path\nfrom microtui.store import Store\n"
        "store = Store.open(Path(sys.argv[1]))\nprint('ready', flush=True)\n"
        "sys.stdin.readline()\nstore.close()\n"
    )
    child = subprocess.Popen(
        [sys.executable, "-c", code, str(data_dir)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=child_env(),
    )
    try:
        assert child.stdout is not None and child.stdin is not None
        assert child.stdout.readline() == "ready\n"
        with pytest.raises(StoreLockedError) as caught:
            Store.open(data_dir)
        assert f"pid {child.pid}" in str(caught.value)
        assert str(data_dir) in str(caught.value)
        child.stdin.write("done\n")
        child.stdin.flush()
        assert child.wait(timeout=10) == 0
    finally:
        child.kill()
        child.wait()
    with Store.open(data_dir):
        pass


def dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


@pytest.mark.parametrize("content", ["dead", "", "garbage\n", "-5\n", "\x00\xff", "\u00b2"])
def test_stale_or_garbage_lock_is_taken_over(data_dir: Path, content: str) -> None:
    data_dir.mkdir()
    lock = data_dir / "microtui.lock"
    lock.write_text(f"{dead_pid()}\n" if content == "dead" else content, errors="surrogateescape")
    with Store.open(data_dir) as store:
        assert lock.read_text() == f"{os.getpid()}\n"
        save_settings(store, {"ok": 1})
    assert not lock.exists()


def test_close_leaves_a_lock_that_is_no_longer_ours(data_dir: Path) -> None:
    store = Store.open(data_dir)
    lock = data_dir / "microtui.lock"
    lock.write_text("1\n")  # someone took over (it should not happen, but never delete theirs)
    store.close()
    assert lock.read_text() == "1\n"


# --- failed writes ---------------------------------------------------------------------


def enospc(*_args: object, **_kwargs: object):
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def fail_os_write_after_half(monkeypatch: pytest.MonkeyPatch) -> None:
    real_write = os.write
    calls = []

    def half_then_enospc(fd: int, data) -> int:
        calls.append(fd)
        if len(calls) == 1:
            return real_write(fd, bytes(data)[: max(1, len(data) // 2)])
        enospc()

    monkeypatch.setattr(os, "write", half_then_enospc)


FAILURES = {
    "fsync": lambda mp: mp.setattr(os, "fsync", enospc),
    "write": fail_os_write_after_half,
    "replace": lambda mp: mp.setattr(
        os, "replace", lambda *a: (_ for _ in ()).throw(OSError(errno.EROFS, "Read-only"))
    ),
    "mkstemp": lambda mp: mp.setattr(tempfile, "mkstemp", enospc),
}


@pytest.mark.parametrize("failure", sorted(FAILURES))
@pytest.mark.parametrize("target", ["session", "settings", "new-month"])
def test_failed_write_keeps_old_file(
    store: Store, data_dir: Path, monkeypatch: pytest.MonkeyPatch, failure: str, target: str
) -> None:
    save_settings(store, {"theme": "dark"})
    store.add_session(session("2026-11-25T09:00:00", id="old"))
    files = sorted(data_dir.rglob("*.json"))
    before = {path: path.read_bytes() for path in files}

    FAILURES[failure](monkeypatch)
    with pytest.raises(StoreWriteError) as caught:
        if target == "session":
            store.add_session(session("2026-11-25T10:00:00", id="new"))
        elif target == "settings":
            save_settings(store, {"theme": "light"})
        else:
            store.add_session(session("2026-12-01T10:00:00", id="new"))
    monkeypatch.undo()

    expected = {"session": "2026-11-25.json", "settings": "settings.json",
                "new-month": "2026-12-01.json"}
    assert expected[target] in str(caught.value)
    assert isinstance(caught.value.__cause__, OSError)
    assert sorted(data_dir.rglob("*.json")) == files
    assert {path: path.read_bytes() for path in files} == before
    assert temp_files(data_dir) == []
    # The store carries on once the disk is fine again.
    store.add_session(session("2026-11-25T11:00:00", id="after"))
    assert [r["id"] for r in store.sessions()] == ["old", "after"]
    assert settings(store) == {"theme": "dark"}


# --- schema and migrations -------------------------------------------------------------


@pytest.mark.parametrize("meta", [None, {"1": {"schema": 0}}])
def test_old_schema_is_migrated_through_the_hook(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch, meta: dict | None
) -> None:
    data_dir.mkdir()
    tables: dict = {"settings": {"1": {"colour": "dark"}}}
    if meta is not None:
        tables["meta"] = meta
    (data_dir / "settings.json").write_text(json.dumps(tables))
    seen: list[dict] = []

    def rename_colour(data: dict) -> dict:
        seen.append(json.loads(json.dumps(data)))
        data["settings"]["1"] = {"theme": data["settings"]["1"].pop("colour")}
        return data

    monkeypatch.setitem(store_module.MIGRATIONS, 0, rename_colour)
    with Store.open(data_dir) as store:
        assert settings(store) == {"theme": "dark"}
    assert seen == [tables]
    on_disk = json.loads((data_dir / "settings.json").read_text())
    assert list(on_disk["meta"].values()) == [{"schema": 1}]


def test_default_migration_stamps_unversioned_file(data_dir: Path) -> None:
    (data_dir / "log" / "2026-11").mkdir(parents=True)
    day = data_dir / "log" / "2026-11" / "2026-11-02.json"
    day.write_text(json.dumps({"sessions": {"1": {"started": "2026-11-02T09:00:00"}}}))
    with Store.open(data_dir) as store:
        assert store.sessions() == [{"started": "2026-11-02T09:00:00"}]
    assert json.loads(day.read_text())["meta"] == {"1": {"schema": 1}}


def test_an_old_day_is_upgraded_when_first_read_not_at_open(data_dir: Path) -> None:
    (data_dir / "log" / "2023-04").mkdir(parents=True)
    old = data_dir / "log" / "2023-04" / "2023-04-03.json"
    content = json.dumps({"sessions": {"1": {"started": "2023-04-03T09:00:00"}}}).encode()
    old.write_bytes(content)
    (data_dir / "log" / "2026-11").mkdir()
    (data_dir / "log" / "2026-11" / "2026-11-25.json").write_text(json.dumps(
        {"meta": {"1": {"schema": 1}}, "sessions": {"1": session("2026-11-25T09:00:00")}}))
    with Store.open(data_dir) as store:
        assert old.read_bytes() == content  # not read yet: start-up does not grow with years
        assert [r["started"] for r in store.sessions(until="2023-12")] == ["2023-04-03T09:00:00"]
        assert json.loads(old.read_text())["meta"] == {"1": {"schema": 1}}


def test_a_damaged_old_day_does_not_stop_the_day_and_is_never_written(data_dir: Path) -> None:
    with Store.open(data_dir) as store:
        store.add_session(session("2023-04-03T09:00:00", id="old"))
        store.add_session(session("2026-11-25T09:00:00", id="today"))
    damaged = data_dir / "log" / "2023-04" / "2023-04-03.json"
    damaged.write_bytes(b'{"sessions": {"1": ')
    with Store.open(data_dir) as store:
        assert [r["id"] for r in store.sessions(since="2026-11-01")] == ["today"]
        store.add_session(session("2026-11-25T10:00:00", id="later"))
        with pytest.raises(CorruptDataError, match="2023-04-03.json") as caught:
            store.sessions()
        assert "move it aside" in str(caught.value)
        with pytest.raises(CorruptDataError):
            store.add_session(session("2023-04-03T11:00:00", id="late entry"))
        with pytest.raises(CorruptDataError) as checked:
            store.verify()
        assert checked.value.problems[0][0] == damaged
    assert damaged.read_bytes() == b'{"sessions": {"1": '


def test_verify_checks_every_day_and_reports_them_together(data_dir: Path) -> None:
    with Store.open(data_dir) as store:
        for day in ["2024-01-02", "2025-06-03", "2026-11-25"]:
            store.add_session(session(f"{day}T09:00:00"))
        store.verify()  # all sound
    for day in ["2024-01-02", "2025-06-03"]:
        (data_dir / "log" / day[:7] / f"{day}.json").write_bytes(b"")
    with Store.open(data_dir, lock=False) as store, pytest.raises(CorruptDataError) as caught:
        store.verify()
    assert [path.name for path, _ in caught.value.problems] == ["2024-01-02.json",
                                                                "2025-06-03.json"]


def test_a_month_file_from_an_older_build_is_split_into_days(data_dir: Path) -> None:
    (data_dir / "log").mkdir(parents=True)
    month = data_dir / "log" / "2026-11.json"
    records = {"1": {"started": "2026-11-02T09:00:00", "id": "a"},
               "2": {"started": "2026-11-02T10:00:00", "id": "b"},
               "3": {"started": "2026-11-24T09:00:00+01:00", "id": "c"}}
    month.write_text(json.dumps({"meta": {"1": {"schema": 1}}, "sessions": records}))
    with pytest.raises(StoreError, match="older data format"):
        Store.open(data_dir, lock=False)  # a reader never rewrites
    # A first attempt killed after one day file was written: the next open must not double it.
    (data_dir / "log" / "2026-11").mkdir()
    (data_dir / "log" / "2026-11" / "2026-11-02.json").write_text(json.dumps(
        {"meta": {"1": {"schema": 1}}, "sessions": {"1": records["1"]}}))
    with Store.open(data_dir) as store:
        assert [r["id"] for r in store.sessions()] == ["a", "b", "c"]
        assert [r["id"] for r in store.sessions(since="2026-11-24")] == ["c"]
    assert not month.exists()
    kept = json.loads((data_dir / "log" / "2026-11.json.migrated").read_text())
    assert kept["sessions"] == records
    with Store.open(data_dir) as store:  # and again: nothing changes
        assert [r["id"] for r in store.sessions()] == ["a", "b", "c"]


def test_a_damaged_month_file_from_an_older_build_stops_open_untouched(data_dir: Path) -> None:
    (data_dir / "log").mkdir(parents=True)
    month = data_dir / "log" / "2026-10.json"
    month.write_bytes(b'{"sessions": ')
    with pytest.raises(CorruptDataError, match="2026-10.json"):
        Store.open(data_dir)
    assert month.read_bytes() == b'{"sessions": '
    assert not (data_dir / "log" / "2026-10").exists()


def test_newer_schema_is_refused_and_untouched(data_dir: Path) -> None:
    data_dir.mkdir()
    path = data_dir / "checkins.json"
    content = b'{"meta": {"1": {"schema": 2}}, "checkins": {"1": {"date": "x", "moment": "y"}}}'
    path.write_bytes(content)
    (data_dir / "settings.json").write_bytes(b'{"settings": {}}')  # old: must not be migrated
    with pytest.raises(StoreError, match="newer microtui") as caught:
        Store.open(data_dir)
    assert str(path) in str(caught.value)
    assert not isinstance(caught.value, CorruptDataError)
    assert path.read_bytes() == content
    assert (data_dir / "settings.json").read_bytes() == b'{"settings": {}}'
    assert not (data_dir / "microtui.lock").exists()


def test_read_only_open_does_not_migrate(data_dir: Path) -> None:
    data_dir.mkdir()
    (data_dir / "settings.json").write_bytes(b'{"settings": {}}')
    with pytest.raises(StoreError, match="older data format"):
        Store.open(data_dir, lock=False)
    assert (data_dir / "settings.json").read_bytes() == b'{"settings": {}}'


def test_missing_migration_step_is_an_error(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data_dir.mkdir()
    (data_dir / "settings.json").write_bytes(b'{"settings": {}}')
    monkeypatch.delitem(store_module.MIGRATIONS, 0)
    with pytest.raises(StoreError, match="no migration from schema 0"):
        Store.open(data_dir)
    assert (data_dir / "settings.json").read_bytes() == b'{"settings": {}}'


# --- reading years of the log ------------------------------------------------------------


SPREAD = [
    "2026-09-30T10:00:00",
    "2026-10-15T18:00:00",
    "2026-10-15T08:00:00",  # out of order within its day
    "2026-11-25T18:00:00+01:00",
    "2026-11-25T08:00:00+01:00",
    "2026-11-26T00:00:00",
    "2026-12-01T00:00:00",
]


@pytest.mark.parametrize(("since", "until"), [
    (None, None), ("2026-10-15", None), (None, "2026-11-25"), ("2026-10", "2026-11-25"),
    ("2026-11-25", "2026-11-25"), ("2026-11-25T09", None), ("2027", None), (None, "2026-01"),
])
def test_iter_sessions_yields_what_sessions_returns(store: Store, since: str | None,
                                                    until: str | None) -> None:
    for n, started in enumerate(SPREAD):
        store.add_session(session(started, id=str(n)))
    assert list(store.iter_sessions(since, until)) == store.sessions(since, until)


def test_iter_sessions_reads_one_day_file_at_a_time(store: Store, monkeypatch) -> None:
    for started in SPREAD:
        store.add_session(session(started))
    reads: list[str] = []
    documents = Tables.documents

    def counting(self: Tables, path: Path, name: str) -> list[dict]:
        reads.append(path.name)
        return documents(self, path, name)

    monkeypatch.setattr(Tables, "documents", counting)
    walk = store.iter_sessions(since="2026-10-01")
    assert next(walk)["started"] == "2026-10-15T08:00:00"
    assert reads == ["2026-10-15.json"]  # the later days are not read yet
    assert [r["started"] for r in walk][-1] == "2026-12-01T00:00:00"
    assert reads == ["2026-10-15.json", "2026-11-25.json", "2026-11-26.json",
                     "2026-12-01.json"]


def test_iter_sessions_refuses_once_the_store_is_closed(data_dir: Path) -> None:
    store = Store.open(data_dir)
    store.add_session(session("2026-11-25T08:00:00"))
    store.add_session(session("2026-11-26T08:00:00"))
    walk = store.iter_sessions()
    next(walk)
    store.close()
    with pytest.raises(StoreError, match="closed"):
        next(walk)


def test_first_session_day(store: Store, data_dir: Path) -> None:
    assert store.first_session_day() is None
    (data_dir / "log" / "2026-08").mkdir(parents=True)  # a month with no day yet
    (data_dir / "log" / "2026-07").write_text("not a month directory")
    assert store.first_session_day() is None
    store.add_session(session("2026-11-25T08:00:00"))
    store.add_session(session("2026-10-15T08:00:00"))
    assert store.first_session_day() == "2026-10-15"
    assert store.session_months() == ["2026-10", "2026-11"]


def test_files_are_read_whole_whatever_their_size(tmp_path: Path) -> None:
    for size in (0, 1, 4095, 4096, 65537, 1_000_003):
        path = tmp_path / f"f{size}"
        data = os.urandom(size)
        path.write_bytes(data)
        assert read_bytes(path) == data
    with pytest.raises(FileNotFoundError):
        read_bytes(tmp_path / "missing")


def test_typed_meetings_are_kept_per_day_replaced_by_id_and_read_back(data_dir: Path) -> None:
    from microtui.core.typed_meetings import typed_meetings_of

    meeting = {"v": 1, "id": "2026-11-25T10:43", "date": "2026-11-25", "at": "10:43",
               "title": "Standup", "removed": False}
    with Store.open(data_dir) as store:
        store.save_meeting(meeting)
        store.save_meeting({**meeting, "id": "2026-11-26T09:15", "date": "2026-11-26",
                            "at": "09:15"})
        store.save_meeting({**meeting, "at": "11:00"})  # edited: replaces the first
    # in the day's file of the log; a new start (or another process) reads them back
    assert (data_dir / "log" / "2026-11" / "2026-11-25.json").is_file()
    with Store.open(data_dir, lock=False) as reader:
        day = reader.meetings("2026-11-25")
        assert [(m["id"], m["at"]) for m in day] == [("2026-11-25T10:43", "11:00")]
        assert reader.sessions() == []  # no set is made of them
        assert [m["date"] for m in reader.export_all()["meetings"]] == ["2026-11-25",
                                                                         "2026-11-26"]
    with Store.open(data_dir) as store:
        store.save_meeting({**meeting, "at": "11:00", "removed": True})  # deleted
        assert typed_meetings_of(store.meetings("2026-11-25"), date(2026, 11, 25)) == []
        assert store.meetings("2026-11-27") == []
        with pytest.raises(ValueError):
            store.save_meeting({**meeting, "date": "today"})


def test_put_session_replaces_the_earlier_version_of_the_same_set(store: Store,
                                                                   data_dir: Path) -> None:
    """A set written as it goes is one record: the same start and event replace it."""
    started = "2026-11-25T09:30:00+00:00"
    store.put_session(session(started, event_id="e", outcome="partial", note=None))
    store.put_session(session(started, event_id=None, outcome="completed"))  # another set
    store.put_session(session(started, event_id="e", outcome="completed", note=None))
    store.put_session(session(started, event_id="e", outcome="completed", note="warm"))
    assert [(s["event_id"], s["outcome"], s.get("note")) for s in store.sessions()] == [
        ("e", "completed", "warm"), (None, "completed", None)]
    with Store.open(data_dir, lock=False) as reader:
        assert len(reader.export_all()["sessions"]) == 2
    with pytest.raises(ValueError):
        store.put_session({"event_id": "e"})

"""``microtui import``: an export read back (restore, merge without duplicates, refusals)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path

import pytest

from microtui.backup import ImportRefused, import_file, read_export
from microtui.cli import main
from microtui.store import Store

BENCH = Path(__file__).resolve().parents[2] / "bench"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "microtui", *args], capture_output=True,
                          text=True, timeout=120)


def export(data: Path, out: Path) -> bytes:
    assert main(["--data", str(data), "export", "--format", "json", "--out", str(out)]) == 0
    return out.read_bytes()


def tree(directory: Path) -> dict[str, bytes]:
    return {str(p.relative_to(directory)): p.read_bytes()
            for p in sorted(directory.rglob("*")) if p.is_file() and p.name != "microtui.lock"}


@pytest.fixture(scope="module")
def year(tmp_path_factory) -> Path:
    """A data directory with a year of generated history, settings and a routine."""
    sys.path.insert(0, str(BENCH))
    from history import fill

    directory = tmp_path_factory.mktemp("year")
    fill(directory, years=1, today=date(2026, 11, 25))
    with Store.open(directory) as store:
        store.update_settings(lambda s: s.with_first_seen(
            datetime.fromisoformat("2026-11-25T09:02:00+00:00")))
        store.save_routine({"id": "mine", "name": "Mine", "triggers": []})
    return directory


def test_export_import_export_is_identical_on_a_year(year, tmp_path):
    first = export(year, tmp_path / "first.json")
    assert len(json.loads(first)["sessions"]) > 3000
    restored = tmp_path / "restored"
    assert main(["--data", str(restored), "import", str(tmp_path / "first.json")]) == 0
    assert export(restored, tmp_path / "second.json") == first


def test_importing_twice_adds_nothing(year, tmp_path, capsys):
    export(year, tmp_path / "backup.json")
    restored = tmp_path / "restored"
    import_file(tmp_path / "backup.json", str(restored))
    before = tree(restored)
    line = import_file(tmp_path / "backup.json", str(restored))
    assert line.startswith("nothing new in")
    assert tree(restored) == before  # not even rewritten


def test_merge_adds_only_what_is_missing(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    shared = {"v": 1, "event_id": "e1", "started": "2026-11-24T09:30:00+00:00",
              "outcome": "completed", "exercises": []}
    screen = {"date": "2026-11-20", "hip_flexion_left": 90}
    with Store.open(a) as store:
        store.update_settings(lambda s: s.with_first_seen(
            datetime.fromisoformat("2026-11-24T08:45:00+00:00")))
        store.save_routine({"id": "r", "name": "Theirs"})
        store.add_session(shared)
        store.add_session({**shared, "event_id": "e2", "started": "2026-11-25T10:00:00+00:00"})
        store.add_checkin({"date": "2026-11-25", "moment": "start", "energy": 5})
        store.add_measurement(screen)
        store.add_measurement(screen)  # the same screen twice on a day: kept twice
    with Store.open(b) as store:
        store.save_routine({"id": "r", "name": "Mine"})
        store.update_settings(lambda s: s.with_first_seen(
            datetime.fromisoformat("2026-11-25T09:02:00+00:00")))
        store.add_session(shared)
        store.add_session({**shared, "event_id": "e3", "started": "2026-11-25T11:00:00+00:00"})
        store.add_checkin({"date": "2026-11-25", "moment": "start", "energy": 7})
        store.add_measurement(screen)
    export(a, tmp_path / "a.json")
    line = import_file(tmp_path / "a.json", str(b))
    assert line == (f"imported 1 set and 1 mobility screen from {tmp_path / 'a.json'}; "
                    "kept your own version of 1 check-in, 1 routine and the settings")
    with Store.open(b, lock=False) as store:
        assert sorted(r["event_id"] for r in store.sessions()) == ["e1", "e2", "e3"]
        assert [c["energy"] for c in store.checkins()] == [7]  # theirs kept
        assert store.measurements() == [screen, screen]
        assert [r["name"] for r in store.routines()] == ["Mine"]
    again = tree(b)
    assert import_file(tmp_path / "a.json", str(b)).startswith("nothing new")
    assert tree(b) == again


BAD = [
    ("not json {", "not JSON"),
    ("[1, 2]", "not a microtui export"),
    ('{"name": "someone else\'s app", "items": []}', "not a microtui export"),
    ('{"schema": 1, "settings": {}, "routines": [], "sessions": [], "checkins": []}',
     "no 'measurements'"),
    ('{"schema": 2, "settings": {}, "routines": [], "sessions": [], "checkins": [], '
     '"measurements": []}', "another version of microtui"),
    ('{"schema": 1, "settings": {}, "routines": [], "sessions": [{"started": "yesterday"}], '
     '"checkins": [], "measurements": []}', "sessions[0]: 'started' is not a date"),
    ('{"schema": 1, "settings": {}, "routines": [], "sessions": [], "checkins": [{"date": '
     '"2026-11-25"}], "measurements": []}', "checkins[0]: needs a non-empty text 'moment'"),
    ('{"schema": 1, "settings": {"schedule": {"interval_minutes": -5}}, "routines": [], '
     '"sessions": [], "checkins": [], "measurements": []}', "settings are not valid"),
]


@pytest.mark.parametrize(("text", "reason"), BAD)
def test_a_bad_or_foreign_file_is_refused_and_changes_nothing(tmp_path, text, reason):
    data = tmp_path / "data"
    with Store.open(data) as store:
        store.add_session({"started": "2026-11-25T09:00:00+00:00", "event_id": "mine"})
    before = tree(data)
    bad = tmp_path / "bad.json"
    bad.write_text(text, encoding="utf-8")
    with pytest.raises(ImportRefused, match=re.escape(reason)):
        read_export(bad)
    result = run("--data", str(data), "import", str(bad))
    assert result.returncode == 1
    assert reason in result.stderr and "Traceback" not in result.stderr
    assert tree(data) == before


def test_a_refused_file_creates_no_data_directory(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{}", encoding="utf-8")
    assert main(["--data", str(tmp_path / "none"), "import", str(bad)]) == 1
    assert main(["--data", str(tmp_path / "none"), "import", str(tmp_path / "gone")]) == 1
    assert not (tmp_path / "none").exists()


def test_import_refuses_while_the_app_holds_the_data(tmp_path, capsys):
    data = tmp_path / "data"
    with Store.open(data) as store:
        store.add_session({"started": "2026-11-25T09:00:00+00:00"})
        export(data, tmp_path / "backup.json")
        capsys.readouterr()
        # this process holds the lock, as a running app does: a second writer is refused
        result = run("--data", str(data), "import", str(tmp_path / "backup.json"))
    assert result.returncode == 2
    assert "cannot import" in result.stderr and "Traceback" not in result.stderr

"""Writes that fail: a full disk (ENOSPC) and a read-only data directory, in the whole app.

Each test fills a data directory, lets the app start on it, then breaks the disk under the
store and does what a user does: plays a set (with its start-of-day check-in), saves a
routine or the schedule, takes the safety stop, records a mobility screen, skips a set, quits.
Every time the app must say what went wrong (a toast naming the file and the cause), keep
running, leave every data file byte-for-byte as it was (and no temp file behind), and keep
what it could not write: saved with the next set or on quit once the disk is fine, or printed
as JSON on the way out if it never is.

The faults are injected at the lowest level the store uses (``os.write``, ``mkstemp``,
``os.replace`` as ``microtui.store.files`` sees them), so the store's own error handling runs. Tests
run as root in CI, and root ignores permission bits: the read-only cases are simulated with
the errors a read-only mount (EROFS) or a 0500 directory (EACCES) give; the real ``chmod``
case runs when not root.
"""

from __future__ import annotations

import errno
import json
import os
import stat
import sys
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input
from textual.widgets._toast import Toast

import microtui.store.files as store_files
from microtui.core.fake_clock import FakeClock
from microtui.core.loader import Library
from microtui.store import Store
from microtui.store.lock import LOCK_FILE
from microtui.ui.app import MicroTuiApp
from microtui.ui.screens.checkin import CheckinScreen, MobilityScreen
from microtui.ui.screens.player import PlayerScreen
from microtui.ui.screens.player_dialogs import SafetyScreen, SetSummaryScreen
from microtui.ui.screens.progress import ProgressScreen
from microtui.ui.screens.routine import RoutineScreen
from microtui.ui.screens.today import TodayScreen
from tests.functional.helpers import (
    screen_text,
    settled,
    type_keys,
    wait_for,
    wait_for_screen,
)
from tests.functional.helpers import settle as settle_app

NOW = datetime(2026, 11, 25, 9, 29, 50).astimezone()  # 10 s before the 09:30 set
YESTERDAY = (NOW - timedelta(days=1)).replace(hour=10, minute=0, second=0)
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


# -- the faults -----------------------------------------------------------------------------


class _Patched:
    """A module as ``microtui.store.files`` sees it, with some functions replaced."""

    def __init__(self, real: Any, **replaced: Callable[..., Any]) -> None:
        self._real = real
        self.__dict__.update(replaced)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._real, name)


def _raise(code: int, exc_type: type[OSError] = OSError) -> Callable[..., Any]:
    def fail(*_args: Any, **_kwargs: Any) -> Any:
        raise exc_type(code, os.strerror(code))

    return fail


def _disk_full(monkeypatch: pytest.MonkeyPatch, data: Path) -> None:
    """ENOSPC as a real full disk gives it: the temp file is created, a few bytes of it are
    written, then ``write`` fails (and ``fsync`` would too)."""
    started: set[int] = set()

    def write(fd: int, payload: Any) -> int:
        if fd not in started and len(payload) > 8:
            started.add(fd)
            return os.write(fd, bytes(payload[:8]))
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(store_files, "os", _Patched(os, write=write,
                                                     fsync=_raise(errno.ENOSPC)))


def _simulated(code: int, exc_type: type[OSError]) -> Callable[..., None]:
    """What a read-only directory refuses: creating a file in it, renaming over one."""

    def install(monkeypatch: pytest.MonkeyPatch, data: Path) -> None:
        monkeypatch.setattr(store_files, "tempfile",
                            _Patched(tempfile, mkstemp=_raise(code, exc_type)))
        monkeypatch.setattr(store_files, "os",
                            _Patched(os, replace=_raise(code, exc_type)))

    return install


def _chmod_read_only(monkeypatch: pytest.MonkeyPatch, data: Path) -> Callable[[], None]:
    """The real thing: every directory of the data 0500. Returns how to undo it."""
    directories = [data, *(p for p in data.rglob("*") if p.is_dir())]
    modes = {d: stat.S_IMODE(d.stat().st_mode) for d in directories}
    for directory in directories:
        directory.chmod(0o500)

    def restore() -> None:
        for directory, mode in modes.items():
            directory.chmod(mode)

    return restore


@dataclass(frozen=True)
class Fault:
    install: Callable[[pytest.MonkeyPatch, Path], Callable[[], None] | None]
    says: str
    """What the message must name: the cause, in the words the OS uses."""


FAULTS = {
    "disk-full": Fault(_disk_full, "No space left on device"),
    "read-only-mount": Fault(_simulated(errno.EROFS, OSError), "Read-only file system"),
    "read-only-dir": Fault(_simulated(errno.EACCES, PermissionError), "Permission denied"),
    "chmod-0500": Fault(_chmod_read_only, "Permission denied"),
}


def faults(*names: str) -> list[Any]:
    """Parameters for these faults; the real chmod one is skipped as root. (Each fault is
    the same to the app once the store has turned it into an error: every flow runs with
    one or two of them, every fault with several flows.)"""
    return [pytest.param(name, marks=pytest.mark.skipif(
        name == "chmod-0500" and (IS_ROOT or sys.platform == "win32"),
        reason="root ignores permission bits (the simulated cases cover it)"))
        for name in names]


class Disk:
    """The data directory under test: break it, mend it, and compare it with before."""

    def __init__(self, data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        self.data = data
        self.monkeypatch = monkeypatch
        self.before: dict[str, bytes] = {}
        self._restore: Callable[[], None] | None = None

    def files(self) -> dict[str, bytes]:
        return {str(p.relative_to(self.data)): p.read_bytes()
                for p in sorted(self.data.rglob("*")) if p.is_file()
                and p.name != LOCK_FILE}

    def break_(self, fault: str) -> None:
        self.before = self.files()
        self._restore = FAULTS[fault].install(self.monkeypatch, self.data)

    def mend(self) -> None:
        self.monkeypatch.undo()
        if self._restore is not None:
            self._restore()
            self._restore = None

    def assert_untouched(self) -> None:
        """Every file exactly as before the fault, none added (no temp file left behind),
        and each one still whole JSON."""
        after = self.files()
        assert sorted(after) == sorted(self.before)
        for name, raw in self.before.items():
            assert after[name] == raw, f"{name} changed while writes were failing"
            json.loads(raw)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    """A data directory with a little of everything in it: settings, yesterday's set, a
    check-in and a mobility screen, so that every file a write could damage exists."""
    with Store.open(tmp_path / "data") as store:
        store.update_settings(lambda saved: saved.with_first_seen(YESTERDAY))
        store.add_session({"v": 1, "event_id": f"{YESTERDAY.date()}:interval:10:00",
                           "trigger": "interval", "started": YESTERDAY.isoformat(),
                           "ended": YESTERDAY.isoformat(), "outcome": "completed",
                           "active_seconds": 25.0, "exercises": [], "note": None})
        store.add_checkin({"v": 1, "date": YESTERDAY.date().isoformat(), "moment": "start",
                           "stiffness": 5, "energy": 5, "focus": 5,
                           "at": YESTERDAY.isoformat()})
        store.add_measurement({"v": 1, "date": (YESTERDAY - timedelta(days=3)).date()
                               .isoformat(), "hip_flexion_left": 90, "hip_flexion_right": 92,
                               "neck_rotation_left": 70, "neck_rotation_right": 71})
        yield store


@pytest.fixture
def disk(store: Store, monkeypatch: pytest.MonkeyPatch) -> Iterator[Disk]:
    disk = Disk(store.data_dir, monkeypatch)
    yield disk
    disk.mend()  # before the store closes: it must be able to remove its lock


@pytest.fixture
def app(library: Library, store: Store) -> MicroTuiApp:
    return MicroTuiApp(library, clock=FakeClock(NOW), store=store, data_dir=store.data_dir)


# -- helpers --------------------------------------------------------------------------------


async def settle(pilot: Pilot) -> None:
    """Let thread workers finish and what they report reach the screen."""
    await settle_app(pilot)


async def quit_pressed(pilot: Pilot) -> None:
    """After q: the app has quit, or shows what it asks first (the end-of-day check-in)."""
    app = pilot.app
    await wait_for(pilot, lambda: app.return_code is not None or settled(app),
                   "the app to quit or ask first")


def errors(app: MicroTuiApp) -> list[tuple[str, str]]:
    return [(n.title, n.message) for n in app._notifications if n.severity == "error"]


def toasts(app: MicroTuiApp) -> str:
    """The text of the toasts on screen right now, as one line."""
    return " ".join(" ".join(str(toast.render()).split()) for toast in app.screen.query(Toast))


def assert_says(app: MicroTuiApp, title: str, fault: str, file: str) -> None:
    """An error toast is on screen with ``title``, naming the file, the cause, and that the
    old file is unchanged."""
    matching = [message for t, message in errors(app) if t == title]
    assert matching, f"no {title!r} error among {errors(app)}"
    message = matching[-1]
    assert FAULTS[fault].says in message and file in message, message
    assert "unchanged" in message, message
    assert title in toasts(app) and FAULTS[fault].says in toasts(app)


def clock(app: MicroTuiApp) -> FakeClock:
    assert isinstance(app.services.clock, FakeClock)
    return app.services.clock


async def play_due_set(pilot: Pilot, *, checkin: bool) -> dict[str, Any]:
    """From Today: enter on the due set, answer the check-in (if asked), play to the end,
    close the summary. Returns the player's record."""
    app = pilot.app
    assert isinstance(app.screen, TodayScreen), app.screen
    await pilot.press("enter")
    if checkin:
        await wait_for_screen(pilot, CheckinScreen)
        assert isinstance(app.screen, CheckinScreen)
        await pilot.press("7", "4", "6", "enter")
    player = await wait_for_screen(pilot, PlayerScreen)
    assert isinstance(player, PlayerScreen), player
    clock(app).advance(player.player.plan.total_seconds + 1)
    # the player's next tick sees the set is over
    await wait_for_screen(pilot, SetSummaryScreen)
    assert isinstance(app.screen, SetSummaryScreen), app.screen
    record = player.interrupt_record() or {}
    await pilot.press("enter")  # no note
    await wait_for_screen(pilot, TodayScreen)
    await settle(pilot)
    assert isinstance(app.screen, TodayScreen)
    return record


async def until_due(pilot: Pilot, minutes: float) -> None:
    """Move the clock on and let Today see it (without waiting for its 1 s timer)."""
    app = pilot.app
    clock(app).advance(minutes * 60)
    await settle(pilot)
    today = app.today_screen()
    assert today is not None
    today.tick()
    await settle(pilot)


def today_sessions(store: Store) -> list[tuple[str, str]]:
    day = NOW.date().isoformat()
    return [(s["event_id"], s["outcome"]) for s in store.sessions(since=day, until=day)]


# -- a set and its check-in -----------------------------------------------------------------


@pytest.mark.parametrize("fault", faults("disk-full", "read-only-mount", "chmod-0500"))
async def test_a_set_and_its_checkin_are_kept_and_saved_with_the_next_set(
        app, store, disk, fault):
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await until_due(pilot, 10 / 60)
        disk.break_(fault)
        await play_due_set(pilot, checkin=True)

        assert_says(app, "Could not save the check-in", fault, "checkins.json")
        assert_says(app, "Could not save the set", fault, "log")
        assert "kept and will be saved with the next set" in toasts(app)
        disk.assert_untouched()
        assert sorted(kind for kind, _ in app.unsaved) == ["checkin", "session"]
        # It keeps running: Today counts the set it could not save, and still answers keys.
        # (Today repaints on its next refresh)
        await wait_for(pilot, lambda: "✓ done" in screen_text(app), "the set shown done")
        assert "✓ done" in screen_text(app)
        await pilot.press("down", "up")
        assert app.is_running and isinstance(app.screen, TodayScreen)

        disk.mend()  # space freed / remounted: the next set saves everything kept
        await until_due(pilot, 30)
        await play_due_set(pilot, checkin=False)
        assert app.unsaved == []
        assert today_sessions(store) == [("2026-11-25:interval:09:30", "completed"),
                                         ("2026-11-25:interval:10:00", "completed")]
        assert [(c["date"], c["moment"], c["stiffness"]) for c in store.checkins()] == [
            (str(YESTERDAY.date()), "start", 5), ("2026-11-25", "start", 7)]
        await pilot.press("q")
        await pilot.press("escape")  # the end-of-day check-in offered on quitting
        await quit_pressed(pilot)
    assert app.return_code == 0


async def test_still_full_at_quit_what_is_kept_is_printed_as_json(app, store, disk):
    """Quitting retries once more; what still cannot be written is printed on the way out
    (as ``microtui export`` would show it) and the exit code says so: nothing is lost
    silently. The end-of-day check-in, answered on quitting, is written at once: kept too."""
    store.add_session({"v": 1, "event_id": "2026-11-25:start-of-day:09:00",
                       "trigger": "start-of-day", "started": "2026-11-25T09:00:40+00:00",
                       "ended": "2026-11-25T09:01:20+00:00", "outcome": "completed",
                       "active_seconds": 40.0, "exercises": [], "note": None})
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await until_due(pilot, 10 / 60)
        disk.break_("disk-full")
        played = await play_due_set(pilot, checkin=True)
        await until_due(pilot, 7 * 60)  # the workday's last hour: quitting offers it
        await pilot.press("q")
        await wait_for_screen(pilot, CheckinScreen)
        assert isinstance(app.screen, CheckinScreen) and app.screen.moment == "end"
        await pilot.press("3", "8", "8", "enter")
        await quit_pressed(pilot)
        report = app.unsaved_report()
    disk.assert_untouched()
    assert app.return_code == 1
    assert report is not None
    text = report.plain
    assert "could not save 1 set and 2 check-ins" in text
    assert str(store.data_dir) in text and "No space left on device" in text
    kept = json.loads(text[text.index("{"):])
    assert [s["event_id"] for s in kept["sessions"]] == [played["event_id"]]
    assert kept["sessions"][0]["outcome"] == "completed"
    assert [(c["moment"], c["stiffness"]) for c in kept["checkins"]] == [("start", 7),
                                                                         ("end", 3)]


# -- settings and routines ------------------------------------------------------------------


async def open_routine(pilot: Pilot) -> RoutineScreen:
    await pilot.press("3")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, RoutineScreen)
    return screen


@pytest.mark.parametrize("fault", faults("read-only-dir", "chmod-0500"))
async def test_saving_a_routine_fails_keeps_the_edits_and_can_be_retried(
        app, store, disk, fault):
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        screen = await open_routine(pilot)
        await pilot.press("ctrl+n", *type_keys("Desk day"))
        disk.break_(fault)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert_says(app, "Not saved", fault, "settings.json")
        disk.assert_untouched()
        assert screen.dirty and screen.draft.name == "Desk day"
        # Today still follows what is on disk.
        assert app.services.settings.current.routine.id != "desk-day"
        disk.mend()
        await pilot.press("ctrl+s")  # the same edits, saved once the disk is fine
        await settle(pilot)
        assert not screen.dirty
    assert store.user_settings().active_routine_id == "desk-day"
    assert [r["name"] for r in store.routines()] == ["Desk day"]


async def test_saving_only_the_schedule_fails_and_says_so(app, store, disk):
    """The guide's plan with another end of the workday: only settings.json is written."""
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        screen = await open_routine(pilot)
        field = screen.query_one("#workday-end", Input)
        field.value = "17:00"
        await settle(pilot)
        assert screen.dirty
        disk.break_("read-only-mount")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert_says(app, "Not saved", "read-only-mount", "settings.json")
        disk.assert_untouched()
        schedule = app.services.settings.current.schedule
        assert screen.dirty and schedule.workday_end.strftime("%H:%M") != "17:00"
        disk.mend()
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not screen.dirty
    assert store.user_settings().schedule.workday_end.strftime("%H:%M") == "17:00"
    assert store.routines() == []  # the built-in plan itself is never stored


async def test_the_safety_stop_cannot_save_the_smaller_routine_and_says_so(app, store, disk):
    """``!`` then ``r`` writes the routine and the settings: both refused, both reported;
    the set (stopped for pain) is kept like any other."""
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await until_due(pilot, 10 / 60)
        disk.break_("disk-full")
        await pilot.press("enter")
        await wait_for_screen(pilot, CheckinScreen)
        await pilot.press("escape")  # no check-in
        await wait_for_screen(pilot, PlayerScreen)
        clock(app).advance(6)  # into the ankle pumps
        await pilot.press("exclamation_mark")
        await wait_for_screen(pilot, SafetyScreen)
        assert isinstance(app.screen, SafetyScreen)
        await pilot.press("r")
        await wait_for_screen(pilot, SetSummaryScreen)
        await pilot.press("enter")  # the summary, no note
        await settle(pilot)
        assert_says(app, "Could not save the routine", "disk-full", "settings.json")
        assert_says(app, "Could not save the set", "disk-full", "log")
        disk.assert_untouched()
        assert [r["outcome"] for kind, r in app.unsaved] == ["stopped-for-pain"]
        assert app.is_running and isinstance(app.screen, TodayScreen)
        disk.mend()
        await pilot.press("q")
        await quit_pressed(pilot)
    assert [outcome for _, outcome in today_sessions(store)] == ["stopped-for-pain"]


# -- a mobility screen and a skip -----------------------------------------------------------


@pytest.mark.parametrize("fault", faults("disk-full", "read-only-dir", "chmod-0500"))
async def test_a_mobility_screen_that_cannot_be_saved_is_kept_for_later(
        app, store, disk, fault):
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.press("4")
        await settle(pilot)
        assert isinstance(app.screen, ProgressScreen)
        await pilot.press("m")
        await wait_for_screen(pilot, MobilityScreen)
        assert isinstance(app.screen, MobilityScreen)
        disk.break_(fault)
        for value in ("98", "99", "72", "74"):
            await pilot.press(*type_keys(value), "enter")
        await settle(pilot)
        assert_says(app, "Could not save the measurement", fault, "measurements.json")
        disk.assert_untouched()
        assert isinstance(app.screen, ProgressScreen)
        await pilot.press("right_square_bracket")  # Progress still answers its keys
        await settle(pilot)
        assert [kind for kind, _ in app.unsaved] == ["measurement"]
        disk.mend()
        await pilot.press("q")  # saved on the way out
        await quit_pressed(pilot)
    assert app.return_code == 0
    assert [(m["date"], m["hip_flexion_left"]) for m in store.measurements()][-1] == (
        "2026-11-25", 98)


async def test_a_skip_that_cannot_be_saved_is_kept_for_later(app, store, disk):
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await until_due(pilot, 10 / 60)
        disk.break_("read-only-dir")
        await pilot.press("x")
        await settle(pilot)
        assert_says(app, "Could not save the skip", "read-only-dir", "log")
        disk.assert_untouched()
        assert "skipped" in screen_text(app)
        disk.mend()
        await pilot.press("q")
        await quit_pressed(pilot)
    assert today_sessions(store) == [("2026-11-25:interval:09:30", "skipped")]


# -- closing a store whose directory turned read-only -----------------------------------


def test_closing_the_store_in_a_directory_turned_read_only_does_not_raise(store, monkeypatch):
    real_unlink = Path.unlink

    def unlink(self: Path, missing_ok: bool = False) -> None:
        if self.name == LOCK_FILE:  # what a 0500 directory does (even to root)
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(self))
        real_unlink(self, missing_ok)

    monkeypatch.setattr(Path, "unlink", unlink)
    store.close()

"""Security basics: private files, no network, and a user's files are only ever text.

* **Private data.** Every data file is created 0600 and every data directory 0700, whatever
  the umask (checked on the real modes after the store writes settings, a routine, a set, a
  check-in and a mobility screen), and so is what ``microtui export --out`` writes.
* **No network.** microtui never opens a network socket: the whole app run in-process with
  Pilot (start, a check-in, a set played, Progress, the Library, quit) with every way into the
  network patched to fail the test, and the light subcommands run as processes with the same
  patches plus an audit hook (which sees sockets opened from C as well).
* **Text stays text.** A user's exercises.toml and calendar are loaded, shown and logged, never
  run and never used as a path: names, cues, routine ids, meeting titles, URLs and alarm
  procedures full of shell syntax, ``../`` and file URLs make no file appear anywhere but in
  the data directory, open no file they name, and start no process. (Fuzzing those parsers is
  ``tests/fuzz/``'s job; these are fixed hostile inputs run end to end.)
"""

from __future__ import annotations

import json
import os
import socket
import stat
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from microtui.core.fake_clock import FakeClock
from microtui.store import Store

ROOT = Path(__file__).resolve().parents[2]
NOW = datetime(2026, 11, 25, 9, 29, 50).astimezone()  # 10 s before the 09:30 set
DAY = "2026-11-25"
MARK = "PWNED"  # in every hostile string; no file name, path opened or process may hold it


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def umask() -> Iterator[Any]:
    """Set the process umask for one test (restored after)."""
    old = os.umask(0o022)
    os.umask(old)

    def set_to(value: int) -> None:
        os.umask(value)

    yield set_to
    os.umask(old)


def fill(store: Store) -> None:
    """One write of every kind the app makes."""
    store.update_settings(lambda saved: saved.with_active_routine("mine"))
    store.save_routine({"id": "mine", "name": "Mine", "triggers": []})
    store.add_session({"v": 1, "event_id": f"{DAY}:interval:09:30", "trigger": "interval",
                       "started": f"{DAY}T09:30:00+00:00", "ended": f"{DAY}T09:30:25+00:00",
                       "outcome": "completed", "active_seconds": 25.0, "exercises": [],
                       "note": None})
    store.add_session({"v": 1, "event_id": "2026-12-01:interval:09:30", "trigger": "interval",
                       "started": "2026-12-01T09:30:00+00:00",
                       "ended": "2026-12-01T09:30:25+00:00", "outcome": "skipped",
                       "active_seconds": 0.0, "exercises": [], "note": None})
    store.add_checkin({"v": 1, "date": DAY, "moment": "start", "stiffness": 6, "energy": 5,
                       "focus": 7, "at": f"{DAY}T09:30:00+00:00"})
    store.add_measurement({"v": 1, "date": DAY, "hip_flexion_left": 90,
                           "hip_flexion_right": 92, "neck_rotation_left": 70,
                           "neck_rotation_right": 71})


# -- private files --------------------------------------------------------------------------


@pytest.mark.parametrize("mask", [0o022, 0o002, 0o000], ids=oct)
def test_data_files_are_0600_and_directories_0700_whatever_the_umask(tmp_path, umask, mask):
    umask(mask)
    data = tmp_path / "data"
    with Store.open(data) as store:
        fill(store)
        store.add_checkin({"v": 1, "date": DAY, "moment": "start", "stiffness": 2, "energy": 5,
                           "focus": 7, "at": f"{DAY}T09:31:00+00:00"})  # a file rewritten
        assert mode(data / "microtui.lock") == 0o600
        entries = sorted(data.rglob("*"))
    names = {p.name for p in entries}
    assert {"settings.json", "checkins.json", "measurements.json", "microtui.lock"} <= names
    log_files = [p for p in entries if p.is_file() and p.is_relative_to(data / "log")]
    assert len(log_files) >= 2, entries  # two months of sessions
    assert mode(data) == 0o700
    for path in entries:
        if path.exists():  # (the lock is gone once the store closed)
            expected = 0o700 if path.is_dir() else 0o600
            assert mode(path) == expected, f"{path.relative_to(data)} is {oct(mode(path))}"


def test_the_data_directory_is_0700_even_when_its_parents_are_new(tmp_path, umask):
    umask(0o000)
    data = tmp_path / "new" / "deeper" / "data"
    with Store.open(data) as store:
        store.update_settings(lambda saved: replace(saved, extra={"x": 1}))
    assert mode(data) == 0o700
    assert mode(data / "settings.json") == 0o600


def test_export_out_is_private_too(tmp_path, umask):
    """The export holds everything the data directory does."""
    with Store.open(tmp_path / "data") as store:
        fill(store)
    umask(0o000)
    out = tmp_path / "export.json"
    result = run_cli("--data", str(tmp_path / "data"), "export", "--out", str(out),
                     box=tmp_path)
    assert result.returncode == 0, result.stderr
    assert json.loads(out.read_text())["checkins"][0]["stiffness"] == 6
    assert mode(out) == 0o600, oct(mode(out))


# -- no network (in-process) ----------------------------------------------------------------


class NetworkUsed(AssertionError):
    pass


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every way into the network fails loudly and is recorded (a caller might swallow the
    error; the record stays)."""
    used: list[str] = []

    def deny(name: str) -> Any:
        def refuse(*args: Any, **kwargs: Any) -> Any:
            used.append(f"{name}{args[1:] if name.startswith('socket.socket') else args}")
            raise NetworkUsed(f"microtui tried to use the network: {name}")

        return refuse

    for name in ("connect", "connect_ex", "bind", "listen", "sendto", "sendmsg"):
        monkeypatch.setattr(socket.socket, name, deny(f"socket.socket.{name}"))
    for name in ("create_connection", "create_server", "getaddrinfo", "gethostbyname",
                 "gethostbyname_ex", "gethostbyaddr", "getnameinfo"):
        monkeypatch.setattr(socket, name, deny(f"socket.{name}"))
    real_init = socket.socket.__init__

    def init(self: socket.socket, family: int = -1, type: int = -1, proto: int = -1,
             fileno: int | None = None) -> None:
        if fileno is None and family in (-1, socket.AF_INET, socket.AF_INET6):
            used.append(f"socket.socket(family={family})")
            raise NetworkUsed("microtui tried to open an internet socket")
        real_init(self, family, type, proto, fileno)

    monkeypatch.setattr(socket.socket, "__init__", init)
    # The guard itself works (else this test could not fail):
    with pytest.raises(NetworkUsed):
        socket.create_connection(("127.0.0.1", 9))
    with pytest.raises(NetworkUsed):
        socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    used.clear()
    return used


# -- hostile input --------------------------------------------------------------------------

SHELL = (f"$(touch {MARK}-subst) `touch {MARK}-tick`; touch {MARK}-semi | "
         f"cat /etc/passwd > {MARK}-redirect && ../../{MARK}-dotdot /tmp/{MARK}-abs "
         f"[bold]{MARK}[/] [link=file:///etc/passwd]{MARK}[/link] %s {{0}} {{__class__}}")
HOSTILE_TOML = f'''\
[[exercise]]
id = "squeeze"
name = "Squeeze {SHELL}"
region = "hand-wrist"
posture = "seated"
instruction = "Squeeze. {SHELL}"
effect = "Strong hands. {SHELL}"
muscles = ["hands {SHELL}", "[/]"]
nominal_seconds = 3
nominal_label = "3 s {SHELL}"
reps = {{ min = 2, max = 2 }}
frames = ["o  {MARK} $(reboot)", "O  [/] ../../{MARK}"]
cycle = [
  {{ kind = "hold", seconds = 3, breath = "exhale", cue = "Squeeze {SHELL}" }},
  {{ kind = "release", seconds = 2, breath = "inhale", cue = "Release {SHELL}" }},
]

[routine]
id = "../../{MARK}-routine"
name = "Mine {SHELL}"

[[routine.trigger]]
kind = "interval"
name = "Every 30 {SHELL}"
cue = "Timer {SHELL}"
every_minutes = 30
exercises = ["squeeze"]

[[routine.trigger]]
kind = "pre-meeting"
name = "Before {SHELL}"
cue = "Calendar {SHELL}"
lead_minutes = 2
exercises = ["squeeze"]
'''
BAD_IDS = ("../../PWNED-id", f"/tmp/{MARK}-abs", f"..\\\\{MARK}", f"$(touch {MARK}-id)",
           f"a/{MARK}")


def hostile_calendar(sandbox: Path) -> str:
    """A meeting at 11:00 whose every field is an attack: shell in the title, terminal
    escapes (OSC title, clear screen, OSC 52 clipboard), a URL, file attachments and an
    alarm that asks to run a program (RFC 2445's ACTION:PROCEDURE)."""
    escapes = f"\x1b]0;{MARK}-title\x07\x1b[2J\x1b]52;c;{MARK}\x07"
    return "\r\n".join([
        "BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:-//{MARK}//EN",
        "BEGIN:VEVENT", f"UID:1@{MARK}",
        f"DTSTART:{DAY.replace('-', '')}T110000Z", f"DTEND:{DAY.replace('-', '')}T113000Z",
        f"SUMMARY:Standup {SHELL.replace(';', chr(92) + ';').replace(',', chr(92) + ',')}"
        f" {escapes}",
        f"LOCATION:../../{MARK}-location",
        f"DESCRIPTION:$(touch {MARK}-description)",
        f"URL:http://127.0.0.1:9/{MARK}-url",
        f"ATTACH:file://{sandbox}/{MARK}-attach.sh",
        "BEGIN:VALARM", "ACTION:PROCEDURE",
        f"ATTACH;VALUE=URI:file://{sandbox}/{MARK}-alarm.sh",
        "TRIGGER:-PT5M", "END:VALARM",
        "END:VEVENT", "END:VCALENDAR", "",
    ])


@pytest.fixture
def sandbox(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Home, config, working directory and the hostile files, all in one place we can list.
    The scripts the calendar points at would leave a file behind if anything ran them."""
    box = tmp_path / "box"
    (box / "home").mkdir(parents=True)
    for script in (f"{MARK}-attach.sh", f"{MARK}-alarm.sh"):
        path = box / script
        path.write_text(f"#!/bin/sh\ntouch '{box}/{MARK}-RAN-{script}'\n")
        path.chmod(0o755)
    (box / "hostile.toml").write_text(HOSTILE_TOML, encoding="utf-8")
    (box / "hostile.ics").write_bytes(hostile_calendar(box).encode("utf-8"))
    for name, value in sandbox_env(box).items():
        monkeypatch.setenv(name, value)
    monkeypatch.chdir(box)
    return box


def sandbox_env(box: Path) -> dict[str, str]:
    home = box / "home"
    return {"HOME": str(home), "XDG_CONFIG_HOME": str(home / ".config"),
            "XDG_DATA_HOME": str(home / ".local/share"),
            "XDG_CACHE_HOME": str(home / ".cache"), "TZ": "UTC"}


def listing(root: Path) -> set[str]:
    return {str(p.relative_to(root)) for p in root.rglob("*")}


def assert_nothing_new_but_data(box: Path, before: set[str]) -> None:
    """Nothing new in the sandbox but the data directory's own files, no script run, and
    nothing at the places the hostile paths point to (from the sandbox, its home or the data
    directory)."""
    new = sorted(p for p in listing(box) - before if p != "data" and not p.startswith("data/"))
    assert not new, f"files appeared outside the data directory: {new}"
    names = [f"{MARK}-{what}" for what in ("dotdot", "routine", "location", "abs", "subst",
                                           "tick", "semi", "redirect", "note")]
    bases = {box, box / "home", box / "data", box / "data" / "log", box.parent,
             box.parent.parent, Path("/tmp")}
    found = [str(base / name) for base in bases for name in names if (base / name).exists()]
    assert not found, found


def test_bad_exercise_ids_are_refused_before_anything_happens(sandbox):
    before = listing(sandbox)
    for bad in BAD_IDS:
        path = sandbox / "bad.toml"
        path.write_text(HOSTILE_TOML.replace('id = "squeeze"', f"id = {json.dumps(bad)}"),
                        encoding="utf-8")
        result = run_cli("--data", str(sandbox / "data"), "--exercises", str(path),
                         box=sandbox)
        assert result.returncode == 2, (bad, result.stderr)
        assert 'field "id": must be lowercase letters, digits and dashes' in result.stderr
        assert "Traceback" not in result.stderr
    path.unlink()
    assert listing(sandbox) == before  # not even the data directory


async def test_the_app_on_hostile_files_plays_shows_and_quits_without_network_or_files(
        sandbox, no_network):
    """The whole app, in-process: the hostile routine is the active one (its id is a path),
    its set is played, Today shows the hostile meeting, then Progress (4), the Library (5)
    and quit. No network is touched, nothing named in the files is created or run."""
    from microtui.context import open_context
    from microtui.ui.app import MicroTuiApp
    from microtui.ui.screens.checkin import CheckinScreen
    from microtui.ui.screens.library import LibraryScreen
    from microtui.ui.screens.player import PlayerScreen
    from microtui.ui.screens.player_dialogs import SetSummaryScreen
    from microtui.ui.screens.progress import ProgressScreen
    from microtui.ui.screens.today import TodayScreen
    from tests.functional.helpers import screen_text, settle, wait_for, wait_for_screen

    data = sandbox / "data"
    with Store.open(data) as store:
        store.update_settings(lambda saved: saved.with_active_routine(f"../../{MARK}-routine"))
    before = listing(sandbox)
    context = open_context(data=str(data), exercises=sandbox / "hostile.toml",
                           calendar=sandbox / "hostile.ics")
    clock = FakeClock(NOW)
    try:
        assert context.routine.id == f"../../{MARK}-routine"
        app = MicroTuiApp(context.library, clock=clock, store=context.store, data_dir=data,
                          routine=context.routine, settings=context.settings,
                          calendar_path=context.calendar_path)
        async with app.run_test(size=(140, 45)) as pilot:
            clock.advance(10)
            await wait_for_screen(pilot, TodayScreen)
            today = app.today_screen()
            assert today is not None
            # The calendar is read in a thread worker: wait for its meeting's set as well.
            await wait(pilot, lambda: today.day_view is not None and today.day_view.due
                       and any(v.event.meeting_title for v in today.day_view.events))
            shown = screen_text(app)
            # The hostile meeting was read (its set comes 2 min before 11:00), and every
            # string is shown as it is: markup is not interpreted, escapes never get through.
            assert f"10:58  Before $(touch {MARK}-subst)" in shown
            assert f"[bold]{MARK}[/]" in shown
            assert f"[link=file:///etc/passwd]{MARK}[/link]" in shown
            assert "\x1b" not in shown and "\x07" not in shown
            await pilot.press("enter")
            await wait_for_screen(pilot, CheckinScreen)
            assert isinstance(app.screen, CheckinScreen)
            await pilot.press("6", "5", "7", "enter")
            await wait_for_screen(pilot, PlayerScreen)
            player = app.screen
            assert isinstance(player, PlayerScreen)
            assert f"Squeeze $(touch {MARK}-subst)" in screen_text(app)
            clock.advance(player.player.plan.total_seconds + 1)
            await wait(pilot, lambda: isinstance(app.screen, SetSummaryScreen))
            await pilot.press("enter")
            await wait_for_screen(pilot, TodayScreen)
            await settle(pilot)
            await pilot.press("4")
            await wait_for_screen(pilot, ProgressScreen)
            progress = app.screen
            assert isinstance(progress, ProgressScreen)
            await wait(pilot, lambda: progress.charts_drawn())
            await pilot.press("5")
            await wait_for_screen(pilot, LibraryScreen)
            assert isinstance(app.screen, LibraryScreen)
            assert f"Squeeze $(touch {MARK}-subst)" in screen_text(app)
            clock.advance(8 * 3600)  # the workday's last hour: quitting offers the check-in
            await pilot.press("q")
            await wait_for_screen(pilot, CheckinScreen)
            await pilot.press("escape")  # the end-of-day check-in
            await wait_for(pilot, lambda: app.return_code is not None, "the app to quit")
        assert app.return_code == 0
        [session] = context.store.sessions()
        assert session["outcome"] == "completed"
        assert session["exercises"][0]["name"].startswith(f"Squeeze $(touch {MARK}-subst)")
    finally:
        context.close()
    assert no_network == []
    assert_nothing_new_but_data(sandbox, before)


async def wait(pilot: Any, condition: Any) -> None:
    from tests.functional.helpers import wait_for

    await wait_for(pilot, condition)


# -- the subcommands, as processes ----------------------------------------------------------

#: Run as ``python -c WRAPPER args...``: the same socket patches as in-process, plus an audit
#: hook that records every file opened (and whether for writing), every file-system change,
#: every process started and every internet socket, then runs ``microtui args...`` and
#: writes what it saw to $MT_AUDIT.
WRAPPER = r'''
import json, os, socket, sys
REPORT = os.environ.pop("MT_AUDIT")
seen = {"network": [], "spawn": [], "opened": [], "changed": []}
quiet = False
def deny(name):
    def refuse(*args, **kwargs):
        seen["network"].append(name)
        raise OSError(1, "network access blocked by the test: " + name)
    return refuse
for name in ("connect", "connect_ex", "bind", "listen", "sendto", "sendmsg"):
    setattr(socket.socket, name, deny("socket.socket." + name))
for name in ("create_connection", "create_server", "getaddrinfo", "gethostbyname",
             "gethostbyname_ex", "gethostbyaddr", "getnameinfo"):
    setattr(socket, name, deny("socket." + name))
WRITING = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC
SPAWN = ("subprocess.Popen", "os.system", "os.exec", "os.posix_spawn", "os.spawn",
         "os.fork", "os.forkpty", "pty.spawn", "os.startfile", "webbrowser.open")
CHANGE = ("os.mkdir", "os.rename", "os.remove", "os.rmdir", "os.symlink", "os.link",
          "os.chmod", "os.chown", "os.truncate", "os.utime", "shutil.copyfile",
          "shutil.rmtree", "shutil.move")
def name_of(path):
    if isinstance(path, int):
        return None
    try:
        return os.path.abspath(os.fsdecode(path))
    except TypeError:
        return repr(path)
def hook(event, args):
    if quiet:
        return
    if event == "open":
        path, mode, flags = args
        where = name_of(path)
        if where is not None:
            writing = (any(c in mode for c in "wax+") if isinstance(mode, str)
                       else bool(isinstance(flags, int) and flags & WRITING))
            seen["opened"].append([where, writing])
    elif event in CHANGE:
        seen["changed"].append([event, [name_of(a) if isinstance(a, (str, bytes, os.PathLike))
                                        else None for a in args]])
    elif event in SPAWN or event.startswith("os.exec") or event.startswith("os.spawn"):
        seen["spawn"].append([event, repr(args)[:300]])
    elif event == "socket.__new__" and args[1] in (socket.AF_INET, socket.AF_INET6, -1):
        seen["network"].append(event)
    elif event in ("socket.connect", "socket.bind", "socket.sendto", "socket.getaddrinfo",
                   "socket.gethostbyname", "socket.gethostbyaddr", "socket.sendmsg"):
        seen["network"].append(event)
sys.addaudithook(hook)
if os.environ.pop("MT_SELFTEST", None):  # what the hook and patches must catch
    import subprocess
    subprocess.run(["true"])
    try:
        socket.create_connection(("127.0.0.1", 9), timeout=0.1)
    except OSError:
        pass
    open("selftest.txt", "w").close()
from microtui.cli import main
try:
    code = main(sys.argv[1:])
finally:
    quiet = True
    with open(REPORT, "w") as out:
        json.dump(seen, out)
sys.exit(code)
'''


def run_cli(*args: str, box: Path, audit: Path | None = None,
            env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """``microtui args...`` in ``box`` (its working directory, home and config), at noon on
    the test day; through :data:`WRAPPER` when ``audit`` is given."""
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "PYTHONDONTWRITEBYTECODE": "1",
           "PYTHONPATH": str(ROOT), "MICROTUI_NOW": f"{DAY}T12:00:00", "LANG": "C.UTF-8",
           **sandbox_env(box), **(env or {})}
    if audit is not None:
        env["MT_AUDIT"] = str(audit)
        command = [sys.executable, "-c", WRAPPER, *args]
    else:
        command = [sys.executable, "-m", "microtui", *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=60, cwd=box,
                          env=env)


SUBCOMMANDS = {
    "today": ["today"],
    "today-json": ["today", "--json"],
    "next": ["next"],
    "report": ["report", "--days", "all"],  # 0 meant all: it is refused now
    "export": ["export"],
    "export-csv-out": ["export", "--format", "csv", "--out", "{box}/out.csv"],
    "check": ["check", "{box}/hostile.toml"],
}


@pytest.fixture
def filled_sandbox(sandbox: Path) -> Path:
    with Store.open(sandbox / "data") as store:
        fill(store)
        store.update_settings(lambda saved: replace(
            saved, active_routine_id=f"../../{MARK}-routine",
            calendar=str(sandbox / "hostile.ics")))
        for days_ago in range(1, 8):
            day = (NOW - timedelta(days=days_ago)).date().isoformat()
            store.add_session({"v": 1, "event_id": f"{day}:interval:09:30",
                               "trigger": "interval", "started": f"{day}T09:30:00+00:00",
                               "ended": f"{day}T09:30:10+00:00", "outcome": "completed",
                               "active_seconds": 10.0, "note": f"$(touch {MARK}-note)",
                               "exercises": [{"id": "squeeze", "name": f"Squeeze {SHELL}",
                                              "side": None, "planned_seconds": 10.0,
                                              "done_seconds": 10.0, "effortless": False}]})
    return sandbox


def test_the_wrapper_sees_a_process_a_connection_and_a_write(tmp_path):
    """The wrapper below would catch what it looks for (else those tests could not fail)."""
    audit = tmp_path / "audit.json"
    result = run_cli("check", box=tmp_path, audit=audit, env={"MT_SELFTEST": "1"})
    assert result.returncode == 0, result.stderr
    seen = json.loads(audit.read_text())
    assert [event for event, _ in seen["spawn"]][:1] == ["subprocess.Popen"]
    assert "socket.create_connection" in seen["network"]
    assert [str(tmp_path / "selftest.txt"), True] in seen["opened"]


@pytest.mark.parametrize("command", sorted(SUBCOMMANDS))
def test_subcommands_use_no_network_and_touch_nothing_they_are_told_about(
        filled_sandbox, tmp_path, command):
    box = filled_sandbox
    data = box / "data"
    before = listing(box)
    audit = tmp_path / f"audit-{command}.json"
    args = [a.format(box=box) for a in SUBCOMMANDS[command]]
    result = run_cli("--data", str(data), "--exercises", str(box / "hostile.toml"), *args,
                     box=box, audit=audit)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    seen = json.loads(audit.read_text())
    assert seen["network"] == [], seen["network"]
    assert seen["spawn"] == [], seen["spawn"]
    assert seen["changed"] == [], seen["changed"]  # read-only commands change nothing
    allowed_writes = {str(box / "out.csv")} if command == "export-csv-out" else set()
    written = {path for path, writing in seen["opened"] if writing}
    assert written == allowed_writes, sorted(written ^ allowed_writes)
    opened = {path for path, _ in seen["opened"]}
    # The hostile files themselves are read (that is what they are for); nothing they name.
    named = sorted(path for path in opened if MARK in path)
    assert set(named) <= {str(box / "hostile.toml"), str(box / "hostile.ics")}, named
    if not command.startswith("export"):  # export reads only the data
        assert str(box / "hostile.toml") in opened
    if command.startswith(("today", "next")):  # the calendar saved in the settings
        assert str(box / "hostile.ics") in opened
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout  # no terminal escapes
    if command.startswith("today"):
        assert "Standup $(touch PWNED-subst)" in result.stdout  # the meeting, as text
    new = listing(box) - before
    assert new <= ({"out.csv"} if command == "export-csv-out" else set()), sorted(new)
    assert_nothing_new_but_data(box, before | new)

"""``microtui next`` from the state the app keeps (issue 16): the fast path says exactly what
the full command says, in every state of the day, and only while everything it was worked
out from still holds; the app's keeper writes it, ``next`` never does; Waybar's JSON (issue
15, item 4)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import replace
from datetime import datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from microtui.context import open_context
from microtui.core.fake_clock import FakeClock
from microtui.next_answer import answer_now, build_state, micros
from microtui.next_keeper import RETRY_SECONDS, NextStateKeeper
from microtui.next_line import STATES, line_json, line_text
from microtui.next_state import (
    STATE_FILE,
    NextOptions,
    default_data_dir,
    fast_answer,
    parse_next_args,
    write_state,
)
from microtui.store import Store

ZONE = ZoneInfo("Europe/London")
WEDNESDAY = datetime(2026, 11, 25, tzinfo=ZONE)
SATURDAY = datetime(2026, 11, 28, tzinfo=ZONE)
ICS = ("BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//t//EN\nBEGIN:VEVENT\nUID:r@t\n"
       "DTSTART:20261125T140000Z\nDTEND:20261125T143000Z\nSUMMARY:Design review\n"
       "END:VEVENT\nEND:VCALENDAR\n")


@pytest.fixture
def env(tmp_path, monkeypatch) -> dict[str, str]:
    """The process's environment as the commands read it: London, no user exercises file,
    no clock of microtui's own."""
    monkeypatch.setenv("TZ", "Europe/London")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "share"))
    for name in ("MICROTUI_NOW", "MICROTUI_SPEED", "MICROTUI_DATA"):
        monkeypatch.delenv(name, raising=False)
    return dict(os.environ)


def at(day: datetime, hhmm: str) -> datetime:
    return datetime.combine(day.date(), time.fromisoformat(hhmm), tzinfo=ZONE)


def slow_both(data: Path, now: datetime, **options: str) -> tuple[str, str]:
    """What the full command prints at ``now`` (its own code, with ``now`` given), as text
    and as JSON."""
    exercises = options.get("exercises")
    context = open_context(data=str(data), lock=False, calendar=options.get("calendar"),
                           exercises=None if exercises is None else Path(exercises))
    try:
        line = answer_now(context, now)
    finally:
        context.close()
    return line_text(line, micros(now)), line_json(line, micros(now))


def slow(data: Path, now: datetime, *, as_json: bool = False, **options: str) -> str:
    return slow_both(data, now, **options)[as_json]


def argv(data: Path, *, as_json: bool = False, **options: str) -> list[str]:
    out = ["--data", str(data), "next"]
    for name, value in options.items():
        out += [f"--{name}", value]
    return out + (["--json"] if as_json else [])


def keep(data: Path, now: datetime, env: dict[str, str], **options: str) -> dict | None:
    """The keeper's state for ``next`` with ``options``, written as the app writes it."""
    state = build_state(NextOptions(str(data), options.get("exercises"),
                                    options.get("calendar")), FakeClock(now), env=env,
                        cwd=os.getcwd())
    if state is not None:
        write_state(str(data), state)
    return state


def moments(day: datetime) -> list[datetime]:
    """Every 13 minutes of the day, and a microsecond either side of every set's times."""
    out = [day + timedelta(minutes=13 * n) for n in range(24 * 60 // 13 + 1)]
    for hhmm in ("08:59", "09:00", "09:10", "09:30", "09:40", "10:00", "10:10", "13:30",
                 "13:40", "13:55", "14:00", "17:30", "17:40", "23:59"):
        moment = at(day, hhmm)
        out += [moment - timedelta(microseconds=1), moment, moment + timedelta(microseconds=1)]
    return out


def assert_fast_equals_slow(data: Path, day: datetime, env: dict[str, str],
                            **options: str) -> set[str]:
    """Through the whole day, the fast path answers and says what the full command says;
    returns the states seen."""
    seen = set()
    for now in moments(day):
        full = slow_both(data, now, **options)
        for as_json in (False, True):
            fast = fast_answer(argv(data, as_json=as_json, **options), env, os.getcwd(),
                               micros(now))
            assert fast is not None, (now, "the state should hold")
            assert fast == full[as_json], now
        seen.add(json.loads(full[True])["alt"])  # the state itself (class folds quiet into off)
    return seen


def log(data: Path, event_id: str, started: str, outcome: str = "completed") -> None:
    with Store.open(data) as store:
        store.add_session({"v": 1, "event_id": event_id, "trigger": "interval",
                           "started": started, "ended": started, "outcome": outcome,
                           "active_seconds": 22, "exercises": [], "note": ""})


def fresh(tmp_path: Path, name: str = "data") -> Path:
    data = tmp_path / name
    with Store.open(data) as store:
        store.update_settings(lambda saved: saved.with_first_seen(at(WEDNESDAY, "09:00")))
    return data


# -- the fast path says what the full command says ---------------------------------------------

def test_fast_answer_equals_the_full_command_through_a_day(tmp_path, env):
    data = fresh(tmp_path)
    log(data, "2026-11-25:interval:09:30", "2026-11-25T09:31:00+00:00")
    assert keep(data, at(WEDNESDAY, "09:45"), env) is not None
    assert assert_fast_equals_slow(data, WEDNESDAY, env) == {"due", "upcoming", "done"}


def test_fast_answer_equals_the_full_command_on_a_day_off(tmp_path, env):
    data = fresh(tmp_path)
    assert keep(data, at(SATURDAY, "11:00"), env) is not None
    assert assert_fast_equals_slow(data, SATURDAY, env) == {"off"}
    assert slow(data, at(SATURDAY, "11:00")) == "no sets today"


def test_when_every_set_is_done(tmp_path, env):
    data = fresh(tmp_path)
    context = open_context(data=str(data), lock=False)
    try:
        from microtui.day_plan import day_plan

        plan = day_plan(context, WEDNESDAY.date(), at(WEDNESDAY, "09:00"))
    finally:
        context.close()
    for event in plan.timeline.events:
        log(data, event.id, event.planned.isoformat())
    assert keep(data, at(WEDNESDAY, "09:00"), env) is not None
    assert assert_fast_equals_slow(data, WEDNESDAY, env) == {"done"}
    assert slow(data, at(WEDNESDAY, "10:00")) == "no more sets today"


def test_quiet_for_a_while_in_the_fast_answer_and_the_full_command(tmp_path, env):
    # Issue 15, item 6: while it is quiet, next says until when (alt "quiet", class "off"); the sets
    # inside are not due, and the answers the app keeps say the same through the day.
    from microtui.core.quiet import QuietLog

    data = fresh(tmp_path)
    quiet = QuietLog().started(at(WEDNESDAY, "09:55"), at(WEDNESDAY, "11:00"))
    with Store.open(data) as store:
        store.update_settings(lambda saved: saved.with_quiet(quiet))
    assert keep(data, at(WEDNESDAY, "09:45"), env) is not None
    assert assert_fast_equals_slow(data, WEDNESDAY, env) >= {"quiet", "due", "upcoming"}
    assert slow(data, at(WEDNESDAY, "10:01")) == "quiet until 11:00"
    quiet = json.loads(slow(data, at(WEDNESDAY, "10:59"), as_json=True))
    assert (quiet["class"], quiet["alt"]) == ("off", "quiet")  # Waybar's classes stay four
    assert slow(data, at(WEDNESDAY, "11:00")) == "ankle pumps + cervical nod due now"


def test_a_typed_meeting_and_a_calendar(tmp_path, env):
    data = fresh(tmp_path)
    calendar = tmp_path / "work.ics"
    calendar.write_text(ICS, encoding="utf-8")
    with Store.open(data) as store:
        store.save_meeting({"v": 1, "id": "2026-11-25T10:43", "date": "2026-11-25",
                            "at": "10:43", "title": "Standup", "removed": False})
    log(data, "2026-11-25:interval:10:30", "2026-11-25T10:31:00+00:00")
    assert keep(data, at(WEDNESDAY, "10:35"), env, calendar=str(calendar)) is not None
    assert_fast_equals_slow(data, WEDNESDAY, env, calendar=str(calendar))
    before = json.loads(slow(data, at(WEDNESDAY, "10:35"), as_json=True,
                             calendar=str(calendar)))
    assert before["text"] == "chest opener finger pull + wrist flexor/extensor pulses in 6 min"
    assert "before Standup" in before["tooltip"]
    review = json.loads(slow(data, at(WEDNESDAY, "13:50"), as_json=True,
                             calendar=str(calendar)))
    assert "before Design review" in review["tooltip"]


def test_after_a_routine_change_the_state_no_longer_holds_until_kept_again(tmp_path, env):
    data = fresh(tmp_path)
    keep(data, at(WEDNESDAY, "09:45"), env)
    now = micros(at(WEDNESDAY, "10:12"))
    assert fast_answer(argv(data), env, os.getcwd(), now) == \
        "ankle pumps + cervical nod in 18 min"
    with Store.open(data) as store:
        store.update_settings(lambda saved: replace(
            saved, schedule=replace(saved.schedule, interval_minutes=40)))
    assert fast_answer(argv(data), env, os.getcwd(), now) is None  # the full command, then
    assert keep(data, at(WEDNESDAY, "10:12"), env) is not None
    assert_fast_equals_slow(data, WEDNESDAY, env)
    assert fast_answer(argv(data), env, os.getcwd(), now) == \
        "ankle pumps + cervical nod in 8 min"  # every 40 min: 10:20 next


# -- staleness: if in doubt, work it out --------------------------------------------------------

def test_the_state_does_not_hold_after_any_of_its_inputs_changes(tmp_path, env):
    data = fresh(tmp_path)
    calendar = tmp_path / "cal"
    calendar.mkdir()
    mine = tmp_path / "mine.toml"
    mine.write_text("", encoding="utf-8")
    options = {"calendar": str(calendar), "exercises": str(mine)}
    now = micros(at(WEDNESDAY, "10:12"))

    def holds() -> bool:
        return fast_answer(argv(data, **options), env, os.getcwd(), now) is not None

    changes = [
        lambda: log(data, "2026-11-25:interval:10:00", "2026-11-25T10:01:00+00:00"),
        lambda: log(data, "2026-11-24:interval:10:00", "2026-11-24T10:01:00+00:00",
                    "skipped"),  # another day's file: not read, yet the log's listing moved
        lambda: Store.open(data).close() or (data / "settings.json").write_text(
            (data / "settings.json").read_text()),
        lambda: (calendar / "standup.ics").write_text(ICS, encoding="utf-8"),
        lambda: mine.write_text("# mine\n", encoding="utf-8"),
        lambda: (tmp_path / "config" / "microtui").mkdir(parents=True) or (
            tmp_path / "config" / "microtui" / "exercises.toml").write_text(""),
    ]
    for change in changes:
        assert keep(data, at(WEDNESDAY, "10:00"), env, **options) is not None
        assert holds()
        change()
        assert not holds(), change


def test_the_state_holds_only_for_its_day_its_zone_and_its_options(tmp_path, env):
    data = fresh(tmp_path)
    keep(data, at(WEDNESDAY, "10:00"), env)
    cwd = os.getcwd()
    now = micros(at(WEDNESDAY, "10:12"))
    assert fast_answer(argv(data), env, cwd, now) is not None
    assert fast_answer(argv(data), env, cwd, micros(at(WEDNESDAY, "00:00"))) is not None
    assert fast_answer(argv(data), env, cwd, micros(at(WEDNESDAY, "00:00")) - 1) is None
    assert fast_answer(argv(data), env, cwd, now + 86_400_000_000) is None  # tomorrow
    assert fast_answer(argv(data), {**env, "TZ": "Europe/Paris"}, cwd, now) is None
    assert fast_answer(argv(data), {**env, "MICROTUI_NOW": "2026-11-25T10:12"}, cwd,
                       now) is None
    assert fast_answer(argv(data), {**env, "HOME": "/elsewhere"}, cwd, now) is None
    assert fast_answer(argv(data, exercises="mine.toml"), env, cwd, now) is None
    assert fast_answer(argv(data, calendar="work.ics"), env, cwd, now) is None


def test_a_damaged_or_foreign_state_is_not_used(tmp_path, env):
    data = fresh(tmp_path)
    state = keep(data, at(WEDNESDAY, "10:00"), env)
    assert state is not None
    now = micros(at(WEDNESDAY, "10:12"))
    path = data / STATE_FILE
    for text in ["", "{", "[]", "[" * 100_000, json.dumps({**state, "format": 99}),
                 json.dumps({**state, "lines": [[0, ["due", "x", None, ""]]]}),
                 json.dumps({**state, "lines": [[line[0], ["due", "\x1b]2;x\x07", None, ""]]
                                                for line in state["lines"]]})]:
        path.write_text(text, encoding="utf-8")
        assert fast_answer(argv(data), env, os.getcwd(), now) is None, text


def test_options_name_the_same_files_however_they_are_written(tmp_path, env, monkeypatch):
    """The app's ``--exercises ./mine.toml`` reaches the keeper as ``mine.toml`` (a Path);
    ``next --exercises ./mine.toml`` from the same directory uses its answer."""
    data = fresh(tmp_path)
    (tmp_path / "mine.toml").write_text("", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert keep(data, at(WEDNESDAY, "10:00"), env, exercises=str(Path("./mine.toml")))
    now = micros(at(WEDNESDAY, "10:12"))
    for written in ("./mine.toml", "mine.toml", ".//mine.toml", str(tmp_path / "mine.toml")):
        assert fast_answer(argv(data, exercises=written), env, str(tmp_path), now) == \
            slow(data, at(WEDNESDAY, "10:12"), exercises=written), written
    assert fast_answer(argv(data, exercises="x/../mine.toml"), env, str(tmp_path),
                       now) is None  # maybe another file: worked out in full


def test_the_fast_path_takes_only_plain_next_commands():
    assert parse_next_args(["next"]) is not None
    both = parse_next_args(["--data", "/a", "next", "--data=/b", "--json"])
    assert both is not None and (both.data, both.json) == ("/b", True)
    for args in (["today"], ["next", "--help"], ["--json", "next"], ["next", "--dat", "x"],
                 ["next", "--data"], ["next", "--data", ""], ["next", "next"],
                 ["--notify", "osc9", "next"], ["next", "--data", "-x"]):
        assert parse_next_args(args) is None, args


@pytest.mark.parametrize("variables", [{"HOME": "/home/u"},
                                       {"HOME": "/home/u", "XDG_DATA_HOME": "/x/share"},
                                       {"HOME": "/home/u/", "XDG_DATA_HOME": "relative"},
                                       {"HOME": "/home/u", "XDG_DATA_HOME": ""}])
def test_the_default_data_dir_is_the_one_platformdirs_gives(monkeypatch, variables):
    from microtui.paths import data_dir

    for name in ("HOME", "XDG_DATA_HOME", "MICROTUI_DATA"):
        monkeypatch.delenv(name, raising=False)
    for name, value in variables.items():
        monkeypatch.setenv(name, value)
    assert default_data_dir(dict(os.environ)) == str(data_dir(None, {}))


# -- the keeper (the app) writes it; next never does ------------------------------------------

def test_the_keeper_writes_the_state_when_it_no_longer_holds(tmp_path, env):
    data = fresh(tmp_path)
    clock = FakeClock(at(WEDNESDAY, "10:00"))
    keeper = NextStateKeeper(NextOptions(str(data)), clock, env=env)
    assert keeper.check() is True
    assert keeper.check() is False  # holds: nothing written
    log(data, "2026-11-25:interval:10:00", "2026-11-25T10:01:00+00:00")
    assert keeper.check() is True
    clock.advance(86_400)  # a new day
    assert keeper.check() is True
    assert oct((data / STATE_FILE).stat().st_mode & 0o777) == "0o600"


def test_the_keeper_writes_nothing_into_damaged_data_or_no_data(tmp_path, env):
    data = fresh(tmp_path)
    (data / "settings.json").write_text("{ damaged", encoding="utf-8")
    keeper = NextStateKeeper(NextOptions(str(data)), FakeClock(at(WEDNESDAY, "10:00")),
                             env=env)
    assert keeper.check() is None
    assert not (data / STATE_FILE).exists()
    assert (data / "settings.json").read_text(encoding="utf-8") == "{ damaged"
    none = NextStateKeeper(NextOptions(str(tmp_path / "none")),
                           FakeClock(at(WEDNESDAY, "10:00")), env=env)
    assert none.check() is None and not (tmp_path / "none").exists()


def run_next(data: Path, *extra: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "microtui", "--data", str(data), "next",
                           *extra], capture_output=True, text=True, timeout=60, env=env)


def test_next_reads_the_state_imports_almost_nothing_and_writes_nothing(tmp_path, env):
    """The whole command: with a state that holds (worked out at the real time), ``next``
    prints from it without importing argparse, the loader, the store or Textual."""
    from microtui.core.clock import SystemClock

    data = fresh(tmp_path)
    state = build_state(NextOptions(str(data)), SystemClock(ZONE), env=env, cwd=os.getcwd())
    assert state is not None
    write_state(str(data), state)
    before = sorted((p.name, p.stat().st_mtime_ns) for p in data.rglob("*"))
    code = ("import sys, runpy; sys.argv = ['microtui', '--data', sys.argv[1], 'next']\n"
            "from microtui.launch import main\ncode = main()\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('argparse', "
            "'tinydb', 'tomllib', 'textual', 'plotext', 'icalendar', 'platformdirs', "
            "'dataclasses', 'typing', 'pathlib') or m.startswith('microtui.core.loader')))\n"
            "sys.exit(code)")
    result = subprocess.run([sys.executable, "-c", code, str(data)], capture_output=True,
                            text=True, timeout=60, env=env)
    assert result.returncode == 0, result.stderr
    answer, imported = result.stdout.splitlines()
    assert imported == "[]"
    assert answer == slow(data, datetime.now(ZONE))
    full = run_next(data, env={**env, "MICROTUI_NOW": datetime.now(ZONE).strftime(
        "%Y-%m-%dT%H:%M:%S")})  # a clock of its own: worked out in full
    assert full.returncode == 0 and full.stdout.strip(), full.stderr
    assert sorted((p.name, p.stat().st_mtime_ns) for p in data.rglob("*")) == before


# -- Waybar's JSON in every state (issue 15, item 4) -------------------------------------------

@pytest.mark.parametrize(("name", "now"), [
    ("no data yet", at(WEDNESDAY, "10:12")), ("due", at(WEDNESDAY, "10:01")),
    ("upcoming", at(WEDNESDAY, "10:12")), ("off", at(SATURDAY, "10:00")),
    ("done", at(WEDNESDAY, "18:00"))])
def test_next_json_is_waybar_json_in_every_state(tmp_path, name, now):
    data = tmp_path / "none" if name == "no data yet" else fresh(tmp_path)
    result = subprocess.run(
        [sys.executable, "-m", "microtui", "--data", str(data), "next", "--json"],
        capture_output=True, text=True, timeout=60,
        env={**os.environ, "TZ": "Europe/London",
             "MICROTUI_NOW": now.strftime("%Y-%m-%dT%H:%M:%S")})
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("\n") == 1 and result.stdout.endswith("\n")  # one line
    fields = json.loads(result.stdout)
    assert set(fields) == {"text", "tooltip", "class", "alt"}
    assert all(isinstance(value, str) and value for value in fields.values())
    assert fields["class"] == fields["alt"] and fields["class"] in STATES
    expected = {"no data yet": "upcoming", "due": "due", "upcoming": "upcoming", "off": "off",
                "done": "done"}[name]
    assert fields["class"] == expected
    plain = subprocess.run(
        [sys.executable, "-m", "microtui", "--data", str(data), "next"], capture_output=True,
        text=True, timeout=60, env={**os.environ, "TZ": "Europe/London",
                                    "MICROTUI_NOW": now.strftime("%Y-%m-%dT%H:%M:%S")})
    assert fields["text"] == plain.stdout.rstrip("\n")
    if name == "no data yet":
        assert f"No data yet in {data}" in fields["tooltip"]
        assert not data.exists()


def test_a_look_that_fails_waits_before_the_next_and_a_bug_never_escapes(tmp_path, env):
    data = fresh(tmp_path)
    clock = FakeClock(at(WEDNESDAY, "10:00"))
    keeper = NextStateKeeper(NextOptions(str(data)), clock, env=env)
    calls: list[datetime] = []

    def failing() -> bool | None:
        calls.append(clock.now())
        raise RuntimeError("a bug")

    keeper.check = failing  # type: ignore[method-assign]
    keeper.look()
    clock.advance(RETRY_SECONDS - 1)
    keeper.look()  # still waiting after the failure
    assert len(calls) == 1
    clock.advance(1)
    keeper.look()
    assert len(calls) == 2

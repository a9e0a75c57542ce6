"""`microtui check` validates a library file from the shell."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace

from tests.unit.test_loader import VALID


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "microtui", *args], capture_output=True,
                          text=True, timeout=60)


def test_check_builtin_file_reports_what_it_holds():
    result = run("check")
    assert result.returncode == 0, result.stderr
    assert "15 exercises in 5 regions" in result.stdout
    assert "Start of Day" in result.stdout and "End of Day" in result.stdout


def test_check_user_file_merged_over_builtin(tmp_path):
    path = tmp_path / "mine.toml"
    path.write_text(VALID, encoding="utf-8")
    result = run("check", str(path))
    assert result.returncode == 0, result.stderr
    assert "16 exercises" in result.stdout
    assert "routine 'Mine'" in result.stdout


def test_check_broken_file_fails_clearly_without_traceback(tmp_path):
    path = tmp_path / "broken.toml"
    path.write_text(VALID.replace("nominal_seconds = 3", "nominal_seconds = 0")
                    .replace('region = "hand-wrist"', 'region = "toes"'), encoding="utf-8")
    result = run("check", str(path))
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert "2 problems" in result.stderr
    assert f'{path}:2: exercise "squeeze", field "region"' in result.stderr
    assert 'field "nominal_seconds": must be greater than zero' in result.stderr


def test_app_refuses_to_start_on_a_broken_library(tmp_path):
    path = tmp_path / "broken.toml"
    path.write_text("[[exercise]\n", encoding="utf-8")
    result = run("--data", str(tmp_path / "data"), "--exercises", str(path))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "broken.toml:1:" in result.stderr and "invalid TOML" in result.stderr


def test_bad_clock_environment_is_refused(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "microtui", "--data", str(tmp_path)], capture_output=True,
        text=True, timeout=60, env={"MICROTUI_NOW": "noon", "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 2
    assert "MICROTUI_NOW" in result.stderr and "Traceback" not in result.stderr


def test_export_json_and_csv(tmp_path):
    from microtui.store import Store

    with Store.open(tmp_path) as store:
        store.add_session({
            "v": 1, "event_id": "2026-11-25:interval:09:30", "trigger": "interval",
            "started": "2026-11-25T09:30:05+01:00", "ended": "2026-11-25T09:30:30+01:00",
            "outcome": "completed", "active_seconds": 25, "note": "neck, better",
            "exercises": [
                {"id": "ankle-pumps", "side": None, "planned_seconds": 10, "done_seconds": 10,
                 "effortless": True},
                {"id": "wrist-pulses", "side": "left", "planned_seconds": 8, "done_seconds": 8,
                 "effortless": False},
            ],
        })
    result = run("--data", str(tmp_path), "export", "--format", "csv")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    # The exercise's name beside its id, booleans written true/false (issue 13, item 16).
    assert lines[0].startswith("started,ended,event_id,trigger,outcome,exercise,exercise_name,"
                               "side")
    assert len(lines) == 3
    assert ",ankle-pumps,Ankle Pumps,,10,10,true," in lines[1]
    assert ",wrist-pulses,Wrist Flexor/Extensor Pulses,left,8,8,false," in lines[2]
    out = tmp_path / "all.json"
    result = run("--data", str(tmp_path), "export", "--out", str(out))
    assert result.returncode == 0, result.stderr
    import json

    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["sessions"][0]["note"] == "neck, better"
    assert {"settings", "routines", "checkins", "measurements"} <= set(data)


def test_export_refuses_a_corrupt_file_and_leaves_it_alone(tmp_path):
    (tmp_path / "settings.json").write_text('{"settings": {', encoding="utf-8")
    result = run("--data", str(tmp_path), "export")
    assert result.returncode == 2
    assert "settings.json" in result.stderr and "Traceback" not in result.stderr
    assert (tmp_path / "settings.json").read_text(encoding="utf-8") == '{"settings": {'


def run_at(now: str, *args: str) -> subprocess.CompletedProcess[str]:
    import os

    env = {**os.environ, "MICROTUI_NOW": now, "TZ": "UTC"}
    return subprocess.run([sys.executable, "-m", "microtui", *args], capture_output=True,
                          text=True, timeout=60, env=env)


def log_done(data_dir, event_id: str, started: str) -> None:
    from microtui.store import Store

    with Store.open(data_dir) as store:
        store.add_session({"v": 1, "event_id": event_id, "trigger": "interval",
                           "started": started, "ended": started, "outcome": "completed",
                           "active_seconds": 22, "exercises": [], "note": ""})


def test_today_prints_the_timeline_with_states(tmp_path):
    log_done(tmp_path, "2026-11-25:interval:09:30", "2026-11-25T09:31:00+00:00")
    result = run_at("2026-11-25T10:05:00", "--data", str(tmp_path), "today")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "Wednesday 25 November 2026 · The guide's day plan"
    assert "09:00  ✗ missed" in lines[1] and "Start of Day" in lines[1]
    assert "09:30  ✓ done" in lines[2]
    assert "10:00  ✗ missed" not in result.stdout  # 10:00 is still within its grace
    assert "10:00  ▶ due" in lines[3]
    assert lines[-1].strip().startswith("17:30  · upcoming")


def test_today_json_for_another_day_and_a_day_off(tmp_path):
    import json

    result = run_at("2026-11-25T10:05:00", "--data", str(tmp_path), "today", "--json",
                    "--date", "2026-11-26")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["date"] == "2026-11-26"
    assert {e["state"] for e in data["events"]} == {"upcoming"}
    assert data["events"][0]["exercises"] == ["core-bracing", "shoulder-circle"]
    weekend = run_at("2026-11-25T10:05:00", "--data", str(tmp_path), "today", "--date",
                     "2026-11-28")
    assert "Saturday is not a working day" in weekend.stdout


def test_next_is_one_short_line(tmp_path):
    result = run_at("2026-11-25T10:12:00", "--data", str(tmp_path / "none"), "next")
    assert result.returncode == 0, result.stderr
    assert result.stdout == "ankle pumps + cervical nod in 18 min\n"
    due = run_at("2026-11-25T10:01:00", "--data", str(tmp_path / "none"), "next")
    assert due.stdout == "ankle pumps + cervical nod due now\n"
    late = run_at("2026-11-25T18:00:00", "--data", str(tmp_path / "none"), "next")
    assert late.stdout == "no more sets today\n"


def test_next_does_not_import_textual(tmp_path):
    code = (f"import sys; sys.argv=['microtui','--data',{str(tmp_path)!r},'next']\n"
            "from microtui.cli import main; main()\n"
            "bad=[m for m in sys.modules if m.split('.')[0] in "
            "('textual','icalendar','plotext','humanize')]\n"
            "print('IMPORTED', bad)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=60)
    assert "IMPORTED []" in result.stdout, result.stdout + result.stderr


def test_today_with_a_bad_calendar_warns_and_plans_the_day(tmp_path):
    # A broken calendar is a warning, never a failure of the day's plan (issue 13, item 8).
    bad = tmp_path / "cal.ics"
    bad.write_text("not a calendar", encoding="utf-8")
    result = run_at("2026-11-25T10:05:00", "--data", str(tmp_path), "--calendar", str(bad),
                    "today")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stdout.splitlines()
    assert lines[1] == f"  ⚠ Calendar not read: {bad}: not a valid iCalendar file: Content " \
                       "line could not be parsed into parts: 'not a calendar': Invalid " \
                       "content line"
    assert "09:30" in lines[3] and lines[-1].strip().startswith("17:30")


def test_a_calendar_path_from_the_form_may_start_with_a_tilde(tmp_path, monkeypatch):
    from microtui.context import open_context
    from microtui.store import Store

    monkeypatch.setenv("HOME", str(tmp_path))
    (tmp_path / "calendar.ics").write_text("BEGIN:VCALENDAR\nEND:VCALENDAR\n")
    data = tmp_path / "data"
    with Store.open(data) as store:
        store.update_settings(lambda saved: replace(saved, calendar="~/calendar.ics"))
    context = open_context(data=str(data), lock=False)
    try:
        assert context.calendar_path == tmp_path / "calendar.ics"
    finally:
        context.close()


def test_the_exit_watchdog_lets_a_write_under_way_finish_first():
    """On SIGHUP/SIGTERM the app arms the watchdog; it ends the process only once no write
    of the log is under way (a set is never cut half-written)."""
    import threading

    from microtui.cli import ExitWatchdog
    from microtui.log_writer import LogWriter

    log = LogWriter(None)
    exits: list[int] = []
    exited = threading.Event()

    def exit_(code: int) -> None:
        exits.append(code)
        exited.set()

    watchdog = ExitWatchdog(log, grace=0.0, write_wait=30.0, exit=exit_)
    with log._lock:  # a write under way
        watchdog(129)
        assert not exited.wait(0.2)
    assert exited.wait(30.0)
    assert exits == [129]


def test_today_and_next_see_a_meeting_typed_in_the_app(tmp_path):
    from microtui.store import Store

    with Store.open(tmp_path) as store:
        store.save_meeting({"v": 1, "id": "2026-11-25T10:43", "date": "2026-11-25",
                            "at": "10:43", "title": "Standup", "removed": False})
    log_done(tmp_path, "2026-11-25:interval:10:30", "2026-11-25T10:31:00+00:00")
    result = run_at("2026-11-25T10:35:00", "--data", str(tmp_path), "today")
    assert result.returncode == 0, result.stderr
    line = next(x for x in result.stdout.splitlines() if "Standup" in x)
    assert line.strip().startswith("10:41  · upcoming") and "(before Standup)" in line
    nxt = run_at("2026-11-25T10:35:00", "--data", str(tmp_path), "next")
    assert nxt.stdout == ("chest opener finger pull + wrist flexor/extensor pulses "
                          "in 6 min\n"), nxt.stderr


def test_next_and_today_say_it_is_quiet(tmp_path):
    # Issue 15, item 6: quiet for a while rings nothing; the status bar says until when.
    import json
    from datetime import UTC, datetime

    from microtui.core.quiet import QuietLog
    from microtui.store import Store

    quiet = QuietLog().started(datetime(2026, 11, 25, 9, 55, tzinfo=UTC),
                               datetime(2026, 11, 25, 11, 0, tzinfo=UTC))
    with Store.open(tmp_path) as store:
        store.update_settings(lambda saved: saved.with_quiet(quiet))
    inside = run_at("2026-11-25T10:01:00", "--data", str(tmp_path), "next")
    assert inside.returncode == 0, inside.stderr
    assert inside.stdout == "quiet until 11:00\n"
    waybar = run_at("2026-11-25T10:01:00", "--data", str(tmp_path), "next", "--json")
    fields = json.loads(waybar.stdout)
    assert (fields["text"], fields["class"], fields["alt"]) == ("quiet until 11:00", "off",
                                                                "quiet")
    after = run_at("2026-11-25T11:01:00", "--data", str(tmp_path), "next")
    assert after.stdout == "ankle pumps + cervical nod due now\n"
    today = run_at("2026-11-25T11:01:00", "--data", str(tmp_path), "today")
    rows = {line.split()[0]: line for line in today.stdout.splitlines()[1:]}
    assert "☾ quiet" in rows["10:00"] and "☾ quiet" in rows["10:30"]
    assert "✗ missed" in rows["09:30"]

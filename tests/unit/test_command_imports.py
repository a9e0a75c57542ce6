"""The light commands import nothing they don't use (issue 16): Textual and plotext stay out
of ``today`` and ``next``, and so do icalendar and microtui's calendar modules when no
calendar is set; ``export`` reads no library and no calendar, ``report`` no calendar.

Each command runs in a fresh interpreter, which then lists what it imported."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from microtui.store import Store

NOW = "2026-11-25T10:05:00"
ICS = ("BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//t//EN\nBEGIN:VEVENT\nUID:r@t\n"
       "DTSTART:20261125T140000Z\nDTEND:20261125T143000Z\nSUMMARY:Design review\n"
       "END:VEVENT\nEND:VCALENDAR\n")
UI = ("textual", "textual_plotext", "plotext", "rich", "humanize")
CALENDAR = ("icalendar", "recurring_ical_events", "microtui.calendar", "microtui.calendar_fetch",
            "microtui.calendar_source", "microtui.calendar_repeats", "microtui.calendar_text")
LIBRARY = ("tomllib", "microtui.core.loader", "microtui.core.exercise_table")

WRAPPER = """
import contextlib, io, json, sys
sys.argv = ["microtui", *sys.argv[1:]]
from microtui.launch import main
with contextlib.redirect_stdout(io.StringIO()) as out:
    code = main()
print(json.dumps({"code": code, "out": out.getvalue(), "modules": sorted(sys.modules)}))
"""


def imported(data: Path, *command: str) -> tuple[str, set[str]]:
    """What ``microtui --data DATA COMMAND`` printed, and every module it imported."""
    result = subprocess.run(
        [sys.executable, "-c", WRAPPER, "--data", str(data), *command], capture_output=True,
        text=True, timeout=60,
        env={**os.environ, "MICROTUI_NOW": NOW, "TZ": "UTC",
             "XDG_CONFIG_HOME": str(data.parent / "config")})
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.splitlines()[-1])
    assert report["code"] == 0, result.stderr
    return report["out"], set(report["modules"])


def among(modules: set[str], names: tuple[str, ...]) -> list[str]:
    return sorted(m for m in modules if any(m == n or m.startswith(n + ".") for n in names))


@pytest.fixture
def data(tmp_path) -> Path:
    with Store.open(tmp_path / "data") as store:
        store.add_session({"v": 1, "event_id": "2026-11-25:interval:09:30",
                           "trigger": "interval", "started": "2026-11-25T09:30:05+00:00",
                           "ended": "2026-11-25T09:30:30+00:00", "outcome": "completed",
                           "active_seconds": 22, "note": None, "exercises": []})
    return tmp_path / "data"


@pytest.mark.parametrize("command", [["today"], ["today", "--json"], ["next"],
                                     ["next", "--json"]])
def test_today_and_next_import_no_ui_and_no_calendar_when_none_is_set(data, command):
    out, modules = imported(data, *command)
    assert out.strip()
    assert among(modules, UI) == []
    assert among(modules, CALENDAR) == []


def test_with_a_calendar_set_today_reads_it(data, tmp_path):
    """The check above can see icalendar: with a calendar, ``today`` imports it."""
    calendar = tmp_path / "work.ics"
    calendar.write_text(ICS, encoding="utf-8")
    out, modules = imported(data, "today", "--calendar", str(calendar))
    assert "Design review" in out
    assert "icalendar" in modules
    assert among(modules, UI) == []


@pytest.mark.parametrize("command", [["export"], ["export", "--format", "json"]])
def test_export_as_json_reads_no_library_and_no_calendar(data, command):
    out, modules = imported(data, *command)
    assert json.loads(out)["sessions"]
    assert among(modules, (*UI, *CALENDAR, *LIBRARY)) == []


def test_report_reads_no_calendar_and_no_textual(data):
    out, modules = imported(data, "report", "--days", "7")
    assert out.startswith("microtui progress")
    assert among(modules, (*CALENDAR, "textual", "textual_plotext", "humanize")) == []

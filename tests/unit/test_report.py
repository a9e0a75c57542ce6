"""``microtui report``: the summary and every chart as plain text, without Textual."""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from datetime import UTC, date, datetime, time
from pathlib import Path

import pytest

from microtui import report
from microtui.core.loader import Library, builtin_path, load_library
from microtui.core.progress_view import Range
from microtui.core.schedule import ScheduleSettings
from microtui.store import Store

ROOT = Path(__file__).resolve().parents[2]
WED = date(2026, 11, 25)
ANSI = re.compile(r"\x1b\[")
TITLES = ("Adherence", "How you feel", "Mobility", "Balance", "Left vs right")


@pytest.fixture(scope="module")
def library() -> Library:
    return load_library([builtin_path()])


def started(day: date, hhmm: str) -> str:
    hour, minute = map(int, hhmm.split(":"))
    return datetime.combine(day, time(hour, minute), tzinfo=UTC).isoformat()


def tiny() -> dict:
    """Two working days, a check-in pair and one mobility screen."""
    sessions = []
    for day in (date(2026, 11, 24), WED):
        for hhmm, event in (("09:00", "start-of-day:09:00"), ("09:30", "interval:09:30")):
            sessions.append({
                "v": 1, "event_id": f"{day.isoformat()}:{event}", "trigger": None,
                "started": started(day, hhmm), "ended": started(day, hhmm),
                "outcome": "completed", "active_seconds": 30.0, "note": None,
                "exercises": [
                    {"id": "ankle-pumps", "side": None, "done_seconds": 10.0},
                    {"id": "wrist-pulses", "side": "left", "done_seconds": 6.0},
                    {"id": "wrist-pulses", "side": "right", "done_seconds": 8.0},
                ],
            })
    checkins = [
        {"v": 1, "date": "2026-11-25", "moment": "start", "stiffness": 6, "energy": 4,
         "focus": 5, "at": started(WED, "09:00")},
        {"v": 1, "date": "2026-11-25", "moment": "end", "stiffness": 4, "energy": 6,
         "focus": 6, "at": started(WED, "17:30")},
    ]
    measurements = [{"v": 1, "date": "2026-11-20", "hip_flexion_left": 95,
                     "hip_flexion_right": 100, "neck_rotation_left": 70,
                     "neck_rotation_right": 72}]
    return {"sessions": sessions, "checkins": checkins, "measurements": measurements,
            "settings": {}}


def test_report_text_holds_the_summary_and_every_chart_title(library):
    text = report.report_text(tiny(), WED, 7, 100, library=library)
    assert "Moved 2 min in all · 4 sets this week" in text
    for title in TITLES:
        assert title in text
    assert "streak 2 days (best 2)" in text
    assert "█ done  ░ planned" in text
    assert "Wrist Flexor/Extensor Pulses: left lags (75 % of right)" in text
    assert "stiffness −2" in text and "energy +2" in text and "focus +1" in text
    assert not ANSI.search(text)  # no colours unless asked


def test_colour_only_when_asked(library):
    assert ANSI.search(report.report_text(tiny(), WED, 7, 100, library=library, color=True))


def test_every_line_fits_the_width(library):
    for width in (60, 100, 140):
        text = report.report_text(tiny(), WED, 30, width, library=library)
        assert max(len(line) for line in text.splitlines()) <= width


def test_an_empty_store_says_what_to_do(library):
    text = report.report_text({"sessions": [], "checkins": [], "measurements": []}, WED, 0,
                              100, library=library)
    assert "No sets logged yet" in text
    assert "No check-ins yet: answer the start-of-day check-in tomorrow" in text
    assert "No mobility screen yet" in text
    assert "┌" not in text  # no chart drawn for nothing


@pytest.mark.parametrize("days", [0, 1, 7, 30, 90, 365])
def test_one_point_a_single_day_and_any_range_draw(library, days):
    data = tiny()
    data["sessions"] = data["sessions"][-1:]
    data["checkins"] = data["checkins"][-1:]
    text = report.report_text(data, WED, days, 80, library=library)
    assert "Adherence" in text and "┌" in text


def test_the_range_names():
    assert report.range_for(0).days is None and report.range_for(None).days is None
    assert report.range_for(30).label == "30 days"
    assert report.range_for(12) == Range(12, "12 days")


def test_schedule_settings_from_the_store():
    saved = {"schedule": {"workday_start": "08:00", "workday_end": "16:00"}, "x": 1}
    settings = report.schedule_settings(saved)
    assert settings.workday_start == time(8, 0)
    assert report.schedule_settings({"schedule": {"workday_start": "nonsense"}}) == (
        ScheduleSettings())
    assert report.schedule_settings(None) == ScheduleSettings()


def test_main_prints_the_report(tmp_path, capsys, monkeypatch):
    data = tiny()
    with Store.open(tmp_path / "data") as store:
        for record in data["sessions"]:
            store.add_session(record)
        for record in data["checkins"]:
            store.add_checkin(record)
    monkeypatch.setenv("MICROTUI_NOW", "2026-11-25T12:00:00+00:00")
    code = report.main(argparse.Namespace(data=str(tmp_path / "data"), days=7))
    out = capsys.readouterr().out
    assert code == 0
    assert "Adherence" in out and "Moved" in out
    assert not ANSI.search(out)  # stdout is not a terminal here


def test_main_without_data_or_with_a_bad_range(tmp_path, capsys):
    assert report.main(argparse.Namespace(data=str(tmp_path / "none"), days=7)) == 1
    assert "no data yet" in capsys.readouterr().err
    assert report.main(argparse.Namespace(data=str(tmp_path), days=-3)) == 2


def test_the_report_imports_no_textual():
    code = ("import sys, microtui.report\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in "
            "('textual', 'textual_plotext')))\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True, cwd=ROOT)
    assert result.stdout.strip() == "[]"


def test_planned_sets_come_from_the_active_routine(library):
    from microtui.core.routine import routine_to_dict

    data = tiny()
    guide = report.report_text(data, WED, 7, 100, library=library)
    # A routine with the start-of-day set only: two planned sets on two days, both done.
    start_only = library.default_routine.triggers[0]
    mine = routine_to_dict(type(library.default_routine)("mine", "Mine", (start_only,)))
    data["routines"] = [mine]
    data["settings"] = {"active_routine": "mine"}
    own = report.report_text(data, WED, 7, 100, library=library)
    rate = re.compile(r"Adherence · (\d+) % of planned sets done")
    assert int(rate.search(guide).group(1)) < 100
    assert int(rate.search(own).group(1)) == 100

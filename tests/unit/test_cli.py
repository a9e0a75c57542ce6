"""`microtui check` validates a library file from the shell."""

from __future__ import annotations

import subprocess
import sys

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
    assert lines[0].startswith("started,ended,event_id,trigger,outcome,exercise,side")
    assert len(lines) == 3
    assert ",ankle-pumps,,10,10,True," in lines[1]
    assert ",wrist-pulses,left,8,8,False," in lines[2]
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

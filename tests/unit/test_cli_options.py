"""The ``microtui`` command's options before or after the subcommand, a closed pipe, the
report's range, bad input without a traceback, the calendar as a warning and the CSV export
(issue 13, items 8, 9 and 16)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from microtui.cli import EXIT_BROKEN_PIPE, build_parser
from microtui.export import CSV_COLUMNS, csv_text
from microtui.store import Store

NOW = "2026-11-25T10:05:00"
README = Path(__file__).parents[2] / "README.md"
GOOD_ICS = ("BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//t//EN\nBEGIN:VEVENT\nUID:r@t\n"
            "DTSTART:20261125T140000Z\nDTEND:20261125T143000Z\nSUMMARY:Design review\n"
            "END:VEVENT\nEND:VCALENDAR\n")


def run(*args: str, now: str = NOW, stdout: int = subprocess.PIPE
        ) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "MICROTUI_NOW": now, "TZ": "UTC"}
    return subprocess.run([sys.executable, "-m", "microtui", *args], stdout=stdout,
                          stderr=subprocess.PIPE, text=True, timeout=60, env=env)


def add_set(data: Path) -> None:
    with Store.open(data) as store:
        store.add_session({
            "v": 1, "event_id": "2026-11-25:interval:09:30", "trigger": "interval",
            "started": "2026-11-25T09:30:05+00:00", "ended": "2026-11-25T09:30:30+00:00",
            "outcome": "completed", "active_seconds": 25, "note": None,
            "exercises": [
                {"id": "ankle-pumps", "name": "Ankle Pumps (as played)", "side": None,
                 "planned_seconds": 10, "done_seconds": 10, "effortless": False},
                {"id": "cervical-nod", "side": None, "planned_seconds": 12,
                 "done_seconds": 12, "effortless": True},
            ],
        })
        store.add_session({
            "v": 1, "event_id": "2026-11-25:interval:10:00", "trigger": "interval",
            "started": "2026-11-25T10:00:05+00:00", "ended": "2026-11-25T10:00:05+00:00",
            "outcome": "skipped", "active_seconds": 0, "exercises": [], "note": "",
        })


# -- item 9: every option before or after the subcommand -----------------------------------

@pytest.mark.parametrize("command", [["today"], ["next"], ["report", "--days", "7"],
                                     ["export", "--format", "csv"], ["check"]])
def test_every_option_works_before_or_after_the_subcommand(command):
    options = ["--data", "/d", "--exercises", "mine.toml", "--calendar", "work.ics"]
    before = vars(build_parser().parse_args([*options, *command]))
    after = vars(build_parser().parse_args([*command, *options]))
    assert before == after
    assert (after["data"], after["exercises"], after["calendar"]) == (
        "/d", Path("mine.toml"), "work.ics")
    # Given nowhere, they are None for every command (none is left unset).
    bare = vars(build_parser().parse_args(command))
    assert (bare["data"], bare["exercises"], bare["calendar"]) == (None, None, None)


def test_an_option_after_the_subcommand_is_the_one_used():
    args = build_parser().parse_args(["--data", "/first", "today", "--data", "/second"])
    assert args.data == "/second"


def test_today_with_its_options_after_it(tmp_path):
    # The issue's own example: "unrecognized arguments" before.
    calendar = tmp_path / "work.ics"
    calendar.write_text(GOOD_ICS, encoding="utf-8")
    after = run("today", "--calendar", str(calendar), "--data", str(tmp_path / "data"))
    before = run("--calendar", str(calendar), "--data", str(tmp_path / "data"), "today")
    assert after.returncode == 0, after.stderr
    assert "(before Design review)" in after.stdout
    assert after.stdout == before.stdout


def test_check_validates_the_exercises_option(tmp_path):
    from tests.unit.test_loader import VALID

    mine = tmp_path / "mine.toml"
    mine.write_text(VALID, encoding="utf-8")
    result = run("check", "--exercises", str(mine))
    assert result.returncode == 0, result.stderr
    assert f"{mine}: OK" in result.stdout and "16 exercises" in result.stdout


# -- item 9: a closed pipe ends quietly --------------------------------------------------------

@pytest.mark.parametrize("command", [["today"], ["today", "--json"], ["next"],
                                     ["report", "--days", "all"], ["export"],
                                     ["export", "--format", "csv"], ["check"]])
def test_a_closed_pipe_ends_every_command_quietly(tmp_path, command):
    # `microtui today | head -1`: the reader has gone before the command writes (the pipe's
    # reading end is closed first, so this does not depend on timing).
    add_set(tmp_path)
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        result = run("--data", str(tmp_path), *command, stdout=write_end)
    finally:
        os.close(write_end)
    assert result.stderr == ""  # no BrokenPipeError traceback, no "Exception ignored"
    assert result.returncode == EXIT_BROKEN_PIPE  # as a shell shows for SIGPIPE


def test_head_of_today_is_quiet(tmp_path):
    result = subprocess.run(
        f"{sys.executable} -m microtui --data {tmp_path} today | head -1",
        shell=True, capture_output=True, text=True, timeout=60,
        env={**os.environ, "MICROTUI_NOW": NOW, "TZ": "UTC"})
    assert result.stdout == "Wednesday 25 November 2026 · The guide's day plan\n"
    assert result.stderr == ""


# -- item 9: report --days -----------------------------------------------------------------

@pytest.mark.parametrize("days", ["0", "-3", "x", "36501"])
def test_report_refuses_a_range_it_cannot_mean(tmp_path, days):
    add_set(tmp_path)
    result = run("report", "--data", str(tmp_path), "--days", days)
    assert result.returncode == 2
    assert result.stdout == "" and "Traceback" not in result.stderr
    assert "argument --days:" in result.stderr and "all" in result.stderr


def test_report_days_all_is_the_whole_history(tmp_path):
    add_set(tmp_path)
    result = run("report", "--data", str(tmp_path), "--days", "all")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("microtui progress · all your history to Wed 25 Nov 2026")
    one = run("report", "--data", str(tmp_path), "--days", "1")
    assert one.stdout.startswith("microtui progress · the last 1 day to")


# -- no command prints a traceback for bad input ------------------------------------------------

def bad_inputs(tmp: Path) -> list[tuple[list[str], str]]:
    (tmp / "a-file").write_text("x", encoding="utf-8")
    return [
        (["--data", str(tmp / "a-file"), "today"], NOW),
        (["--data", str(tmp / "a-file"), "export", "--format", "csv"], NOW),
        (["--data", str(tmp / "data"), "today", "--calendar", str(tmp)], NOW),
        (["--data", str(tmp / "data"), "today", "--calendar", "/dev/zero"], NOW),
        (["--data", str(tmp / "data"), "next", "--exercises", str(tmp)], NOW),
        (["--data", str(tmp / "data"), "today", "--date", "2026-02-30"], NOW),
        (["--data", str(tmp / "data"), "report", "--days", "99999999999"], NOW),
        (["--data", str(tmp / "data"), "report"], "9999-12-31T23:59:59"),
        (["--data", str(tmp / "data"), "report"], "0001-01-01T00:00:00"),
        (["--data", str(tmp / "data"), "export", "--out", str(tmp / "no" / "x.csv")], NOW),
        (["check", str(tmp)], NOW),
        (["today", "--days", "3"], NOW),
    ]


def test_no_command_prints_a_traceback_for_bad_input(tmp_path):
    add_set(tmp_path / "data")
    for args, now in bad_inputs(tmp_path):
        result = run(*args, now=now)
        assert "Traceback" not in result.stderr + result.stdout, (args, result.stderr)
        assert result.returncode in (0, 1, 2), (args, result.returncode, result.stderr)
        if result.returncode:
            assert result.stderr.strip(), args  # a message says why


# -- item 8: a calendar that went missing is a warning ------------------------------------------

def test_a_saved_calendar_that_went_missing_warns_and_today_still_plans(tmp_path):
    # The form saved a path; the file is gone since: `today` used to exit 2 on every run.
    data = tmp_path / "data"
    with Store.open(data) as store:
        store.update_settings(lambda saved: replace(saved, calendar=str(tmp_path / "gone.ics")))
    result = run("--data", str(data), "today")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[1] == f"  ⚠ Calendar not read: {tmp_path / 'gone.ics'}: calendar file not found"
    assert any("10:00  ▶ due" in line for line in lines)
    as_json = run("--data", str(data), "today", "--json")
    assert as_json.returncode == 0, as_json.stderr
    day = json.loads(as_json.stdout)
    assert day["warnings"] == [lines[1].removeprefix("  ⚠ ")]
    assert len(day["events"]) == 18
    assert run("--data", str(data), "next").returncode == 0


def test_today_names_the_calendar_events_it_left_out(tmp_path):
    calendar = tmp_path / "work.ics"
    broken = GOOD_ICS.replace("UID:r@t", "UID:b@t\nUID:c@t").replace("Design review", "Budget")
    calendar.write_text(GOOD_ICS + broken, encoding="utf-8")  # two calendars in one file
    result = run("--data", str(tmp_path / "data"), "today", "--calendar", str(calendar))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[1] == f"  ⚠ Calendar: {calendar}: left out the event 'Budget': it could not " \
                       "be read"
    assert "(before Design review)" in result.stdout


# -- item 16: the CSV export ----------------------------------------------------------------------

def test_csv_rows_carry_names_and_write_booleans_one_way(tmp_path):
    add_set(tmp_path)
    result = run("--data", str(tmp_path), "export", "--format", "csv")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        ",".join(CSV_COLUMNS),
        "2026-11-25T09:30:05+00:00,2026-11-25T09:30:30+00:00,2026-11-25:interval:09:30,"
        "interval,completed,ankle-pumps,Ankle Pumps (as played),,10,10,false,,",
        "2026-11-25T09:30:05+00:00,2026-11-25T09:30:30+00:00,2026-11-25:interval:09:30,"
        "interval,completed,cervical-nod,Cervical Nod,,12,12,true,,",
        "2026-11-25T10:00:05+00:00,2026-11-25T10:00:05+00:00,2026-11-25:interval:10:00,"
        "interval,skipped,,,,,,,,",
    ]
    assert "True" not in result.stdout and "False" not in result.stdout
    assert "None" not in result.stdout


def test_csv_of_an_exercise_no_library_knows():
    text = csv_text([{"started": "s", "exercises": [{"id": "gone", "effortless": True}]}], {})
    assert text.splitlines()[1] == "s,,,,,gone,,,,,true,,"


def test_the_readme_documents_every_csv_column():
    readme = README.read_text(encoding="utf-8")
    section = readme[readme.index("### The CSV export"):]
    section = section[:section.index("\n## ")]
    documented = re.findall(r"^\| `([a-z_]+)` \|", section, re.M)
    assert documented == list(CSV_COLUMNS)


@pytest.mark.parametrize(("argv", "commands_built"), [
    (["--data", "/d", "--skip-setup"], False),   # starting the app: its options only
    (["--autostart", "30", "--notify", "osc9"], False),
    (["today", "--data", "/d"], True),
    (["--data", "/d", "next", "--json"], True),
    (["tody"], True),                             # not the app's: the error names commands
    (["--autostart", "soon"], True),
])
def test_the_commands_parsers_are_built_only_when_the_line_may_name_one(
        argv, commands_built, monkeypatch, capsys):
    import argparse

    from microtui.cli import parse_args

    try:
        expected = build_parser().parse_args(argv)
    except SystemExit:
        expected = None
    capsys.readouterr()
    built: list[str] = []
    add_subparsers = argparse.ArgumentParser.add_subparsers

    def counted(self, **kwargs):  # noqa: ANN001, ANN003, ANN202
        built.append("commands")
        return add_subparsers(self, **kwargs)

    monkeypatch.setattr(argparse.ArgumentParser, "add_subparsers", counted)
    try:
        args = parse_args(argv)
    except SystemExit as exit_:
        assert exit_.code == 2
        assert "COMMAND" in capsys.readouterr().err  # the whole usage, commands and all
    else:
        assert args == expected
    assert bool(built) is commands_built


def test_the_commands_the_app_looks_for_are_the_parsers_commands():
    """``COMMANDS`` (what says a line may name a command) lists every subcommand."""
    import argparse

    from microtui.cli import COMMANDS

    subparsers = next(action for action in build_parser()._actions
                      if isinstance(action, argparse._SubParsersAction))
    assert tuple(subparsers.choices) == COMMANDS

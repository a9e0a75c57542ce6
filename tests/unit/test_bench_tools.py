"""The pure helpers of the benchmarks under ``bench/``: parsing /proc, medians, ratios and
the tables. Nothing here measures or times anything."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench"
sys.path.insert(0, str(BENCH))

import bench_cpu  # noqa: E402
import bench_instructions  # noqa: E402
from bench_cpu import (  # noqa: E402
    ProcStat,
    Row,
    alternate,
    ancestry,
    descendants,
    fmt_ratio,
    fmt_value,
    format_runs,
    format_table,
    logged_days,
    median,
    other_pythons,
    parse_stat,
    parse_status_kib,
    pick_python,
    ratio,
    startup_runs,
    summarize_hangups,
    tree_ticks,
    verdict,
)

_spec = importlib.util.spec_from_file_location("bench_run", BENCH / "run.py")
assert _spec is not None and _spec.loader is not None
bench_run = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(bench_run)

STAT = ("4242 (python3) S 4241 4242 4242 34816 4242 4194304 9051 0 0 0 "
        "731 142 17 3 20 0 3 0 123456 301989888 11000 18446744073709551615 1 1 0 0 0 0 0 "
        "16781312 134234626 0 0 0 17 1 0 0 0 0 0")


def stat(pid: int, ppid: int, utime: int = 0, stime: int = 0, cutime: int = 0,
         cstime: int = 0, state: str = "S") -> ProcStat:
    return ProcStat(pid, f"p{pid}", state, ppid, utime, stime, cutime, cstime)


# -- /proc ---------------------------------------------------------------------------------


def test_parse_stat_reads_the_cpu_fields() -> None:
    parsed = parse_stat(STAT)
    assert parsed == ProcStat(4242, "python3", "S", 4241, 731, 142, 17, 3)
    assert parsed.ticks == 873
    assert parsed.reaped_ticks == 20


def test_parse_stat_survives_spaces_and_parentheses_in_the_name() -> None:
    line = STAT.replace("(python3)", "(my (odd) app) x)")
    parsed = parse_stat(line + "\n")
    assert parsed.comm == "my (odd) app) x"
    assert (parsed.pid, parsed.ppid, parsed.utime, parsed.stime) == (4242, 4241, 731, 142)


@pytest.mark.parametrize("line", ["", "4242 python3 S 1", "4242 (python3) S 1 2 3"])
def test_parse_stat_rejects_what_is_not_a_stat_line(line: str) -> None:
    with pytest.raises(ValueError):
        parse_stat(line)


def test_parse_status_reads_a_kib_field() -> None:
    status = "Name:\tpython3\nVmPeak:\t  300000 kB\nVmHWM:\t   44132 kB\nVmRSS:\t 40000 kB\n"
    assert parse_status_kib(status) == 44132
    assert parse_status_kib(status, "VmRSS") == 40000
    assert parse_status_kib("Name:\tx\n") is None


def test_descendants_walks_the_tree_parents_first() -> None:
    stats = {s.pid: s for s in [stat(1, 0), stat(10, 1), stat(11, 10), stat(12, 10),
                                stat(13, 12), stat(20, 1)]}
    assert descendants(10, stats) == [10, 11, 12, 13]
    assert descendants(99, stats) == []


def test_tree_ticks_adds_live_children_and_reaped_ones() -> None:
    stats = {s.pid: s for s in [stat(10, 1, utime=5, stime=2, cutime=4, cstime=1),
                                stat(11, 10, utime=3, stime=1), stat(30, 1, utime=100)]}
    assert tree_ticks(10, stats) == 5 + 2 + 4 + 1 + 3 + 1


def test_other_pythons_lists_what_is_not_the_benchmarks_own() -> None:
    stats = {1: stat(1, 0), 10: stat(10, 1), 11: stat(11, 10), 20: stat(20, 1),
             30: stat(30, 1)}
    assert ancestry(11, stats) == [11, 10, 1]
    assert ancestry(99, stats) == []
    argvs = {1: ["/sbin/init"], 10: ["/usr/bin/python3", "bench/run.py"],
             11: ["/w/.venv/bin/python", "bench/bench_cpu.py"],
             20: ["/w/.venv/bin/python", "/w/.venv/bin/microtui", "--data", "d x"],
             30: ["/usr/bin/tmux", "new"], 40: []}
    assert other_pythons(argvs, ancestry(11, stats)) == [
        "20 /w/.venv/bin/python /w/.venv/bin/microtui --data 'd x'"]
    long = {50: ["python", "x" * 200]}
    assert other_pythons(long, []) == ["50 " + ("python " + "x" * 200)[:100]]  # the command cut


def test_pick_python_finds_the_interpreter_under_a_shell() -> None:
    assert pick_python([(1, ["/bin/sh", "-c", "x"]), (2, ["/w/.venv/bin/python3", "/w/app"]),
                        (3, ["python"])]) == 2
    assert pick_python([(1, ["sh"]), (2, [])]) is None


# -- numbers and the table -----------------------------------------------------------------


def test_median() -> None:
    assert median([3.0]) == 3.0
    assert median([5.0, 1.0, 3.0]) == 3.0
    assert median([4.0, 1.0, 3.0, 2.0]) == 2.5
    with pytest.raises(ValueError):
        median([])


def test_ratio() -> None:
    assert ratio(3.0, 2.0) == 1.5
    assert ratio(1.0, 0.0) is None
    assert ratio(None, 2.0) is None
    assert ratio(1.0, None) is None


def test_a_full_run_times_at_least_eleven_starts_and_a_quick_one_as_asked() -> None:
    assert startup_runs(5) == 11
    assert startup_runs(15) == 15
    assert startup_runs(1) == 1  # --quick
    assert startup_runs(3) == 3


def test_alternate_reverses_odd_runs() -> None:
    assert alternate(["a", "b", "c"], 0) == ["a", "b", "c"]
    assert alternate(["a", "b", "c"], 1) == ["c", "b", "a"]
    assert alternate(["a", "b"], 2) == ["a", "b"]


def test_formatting() -> None:
    assert fmt_value(0.4321, "cpu") == "0.43 s"
    assert fmt_value(0.6234, "ms") == "623 ms"
    assert fmt_value(0.00834, "ms") == "8.3 ms"  # a logged set: whole milliseconds hide it
    assert fmt_value(44132, "kib") == "43.1 MiB"
    assert fmt_value(None, "cpu") == "—"
    assert fmt_ratio(1.234) == "1.23x"
    assert fmt_ratio(None) == "—"


def test_verdict() -> None:
    assert verdict(1.0, 1.0) == "ok"
    assert verdict(1.01, 1.0) == "OVER"
    assert verdict(None, 1.0) == "?"
    assert verdict(2.0, None) == ""


def test_row_uses_medians_of_its_runs() -> None:
    row = Row("idle", "bare_app tick", "cpu", 1.0, app=[0.5, 0.3, 0.4], base=[0.2, 0.4, 0.3])
    assert row.app_median == 0.4
    assert row.base_median == 0.3
    assert row.ratio == pytest.approx(4 / 3)
    assert Row.from_json(row.to_json()) == row
    assert Row("x", "y", "cpu", None).ratio is None


def test_format_table_is_an_aligned_markdown_table() -> None:
    rows = [
        Row("idle Today", "bare_app tick", "cpu", 1.0, app=[0.3], base=[0.4]),
        Row("start-up to first paint", "bare_app label", "ms", 1.3, app=[1.0], base=[0.5]),
        Row("playback", "bare_app digits 12", "cpu", None, app=[2.0], base=[1.0]),
    ]
    lines = format_table(rows).splitlines()
    assert len(lines) == 5
    assert lines[0].startswith("| scenario")
    assert set(lines[1]) <= {"|", "-"}
    assert len({len(line) for line in lines}) == 1  # every line as wide: plain text reads too
    cells = [cell.strip() for cell in lines[2].strip("|").split("|")]
    assert cells == ["idle Today", "bare_app tick", "0.30 s", "0.40 s", "0.75x", "≤ 1.0x", "ok"]
    assert lines[3].split("|")[5:8] == [" 2.00x ", " ≤ 1.3x ", " OVER "]
    assert "info" in lines[4]
    assert "1000 ms" in format_runs(rows)


def test_logged_days_reads_the_day_layout(tmp_path: Path) -> None:
    assert logged_days(tmp_path) == []
    for name in ("log/2026-11/2026-11-25.json", "log/2026-10/2026-10-31.json",
                 "settings.json"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("{}")
    assert logged_days(tmp_path) == ["2026-10-31", "2026-11-25"]


def test_summarize_hangups() -> None:
    text = summarize_hangups({"microtui": [False, False], "seed": [True], "tick": [True],
                              "label": [True, True]})
    assert "microtui 1 of 3" in text
    assert "bare apps 3 of 3" in text
    assert summarize_hangups({}) == ""


def test_the_marker_is_what_the_bare_app_shows() -> None:
    pytest.importorskip("textual")
    import bare_app

    assert bench_cpu.LABEL_TEXT == bare_app.LABEL_TEXT


def test_bare_app_arguments() -> None:
    pytest.importorskip("textual")
    import bare_app

    assert bare_app.parse_args(["label"]) == ("label", 0.0)
    assert bare_app.parse_args(["modes"]) == ("modes", 0.0)
    assert bare_app.parse_args(["tick"]) == ("tick", 1.0)
    assert bare_app.parse_args(["fps"]) == ("fps", 12)
    assert bare_app.parse_args(["digits", "5"]) == ("digits", 5.0)
    with pytest.raises(SystemExit):
        bare_app.parse_args(["tick", "3"])


# -- run.py ----------------------------------------------------------------------------------


def test_parse_meminfo_and_cpu_model() -> None:
    assert bench_run.parse_meminfo("MemTotal:        8045124 kB\nMemFree: 1 kB\n") == 8045124
    assert bench_run.parse_meminfo("MemFree: 1 kB\n") is None
    assert bench_run.cpu_model("processor\t: 0\nmodel name\t: Some  CPU @ 2GHz\n") == \
        "Some CPU @ 2GHz"


def test_keep_notes_keeps_the_hand_written_section() -> None:
    old = "# Benchmark results\n\n| table |\n\n## Notes\n\nIdle is fine.\n"
    assert bench_run.keep_notes(old) == "## Notes\n\nIdle is fine.\n"
    assert bench_run.keep_notes("# Benchmark results\n") == ""


def test_merge_rows_puts_the_bare_app_rows_first() -> None:
    cpu = [Row("start-up", "bare_app label", "ms", 1.3),
           Row("start-up, five years", "microtui, no history", "ms", 1.5),
           Row("idle", "bare_app tick", "cpu", 1.0)]
    history = [Row("Progress, five years", "microtui, empty data dir", "ms", 1.5)]
    merged = bench_run.merge_rows(cpu, history)
    assert [row.scenario for row in merged] == [
        "start-up", "idle", "start-up, five years", "Progress, five years"]
    assert bench_run.merge_rows([], history) == history


def test_read_rows(tmp_path: Path) -> None:
    path = tmp_path / "rows.json"
    row = Row("idle", "bare_app tick", "cpu", 1.0, app=[0.3], base=[0.4])
    path.write_text(json.dumps({"rows": [row.to_json()], "runs": 1}))
    assert bench_run.read_rows(path, 0, "x.py") == ([row], {"rows": [row.to_json()],
                                                           "runs": 1}, "")
    rows, meta, failure = bench_run.read_rows(path, 1, "x.py")
    assert (rows, meta) == ([], {}) and "x.py exited with 1" in failure
    path.write_text("{")
    rows, _, failure = bench_run.read_rows(path, 0, "x.py")
    assert rows == [] and "x.py wrote no rows" in failure
    rows, _, failure = bench_run.read_rows(tmp_path / "missing.json", 0, "x.py")
    assert rows == [] and failure


def test_describe_runs() -> None:
    cpu = {"runs": 1, "idle_seconds": 10, "playback_seconds": 10, "serial": False}
    history = {"runs": 7, "log_runs": 21, "sessions": 23559, "megabytes": 12.6, "years": 5}
    text = " ".join(bench_run.describe_runs(cpu, history))
    assert "1 run, median; idle windows 10 s" in text
    assert "23,559 sessions, 12.6 MB" in text
    assert "median of 7 runs, logging a set median of 21" in text
    assert bench_run.describe_runs({}, {}) == []


def test_format_results_holds_the_table_and_the_commands() -> None:
    rows = [Row("idle Today", "bare_app tick", "cpu", 1.0, app=[0.3], base=[0.4])]
    text = bench_run.format_results(
        date="2026-11-25 10:00 UTC", took=420, machine_lines=["- CPU: 2 cores"],
        load=["at the start 0.1 0.2 0.3"], others=["4242 /w/.venv/bin/python /w/probe.py"],
        commands=[".venv/bin/python bench/bench_cpu.py"],
        rows=rows, cpu_meta={"runs": 3, "idle_seconds": 60, "playback_seconds": 30,
                             "loadavg": {"idle": ["0.1 0.2 0.3", "0.4 0.5 0.6"]}},
        cpu_failure="", history="ratio 1.1x\n", notes="## Notes\n\nHand-written.\n",
    )
    assert "2026-11-25 10:00 UTC, took 7.0 min" in text
    assert format_table(rows) in text
    assert ".venv/bin/python bench/bench_cpu.py" in text
    assert "ratio 1.1x" in text
    assert "idle 0.1 0.2 0.3 → 0.4 0.5 0.6" in text
    assert "Other Python processes at the start: `4242 /w/.venv/bin/python /w/probe.py`" \
        in text
    assert text.rstrip().endswith("Hand-written.")


def test_format_results_makes_one_table_of_both_scripts() -> None:
    cpu = [Row("start-up to first paint", "bare_app label", "ms", 1.3, app=[1.0], base=[0.5])]
    history = [Row("logging a set with five years of history", "microtui, empty data dir",
                   "ms", 1.5, app=[0.009], base=[0.012])]
    rows = bench_run.merge_rows(cpu, history)
    text = bench_run.format_results(
        date="d", took=60, machine_lines=[], load=[], others=[], commands=[], rows=rows,
        cpu_meta={},
        cpu_failure="bench_cpu.py exited with 1", history="detail table\n", notes="",
        history_meta={"runs": 1, "log_runs": 3, "sessions": 10, "megabytes": 1.0},
    )
    assert format_table(rows) in text
    assert text.count("| scenario") == 1
    assert "Not measured: bench_cpu.py exited with 1." in text
    assert "Other Python processes at the start: none" in text
    assert text.index(format_table(rows)) < text.index("detail table")
    assert "9.0 ms" in text


# -- bench_history.py ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def bench_history():
    pytest.importorskip("textual")
    import bench_history

    return bench_history


def test_history_rows_compare_five_years_with_the_empty_dir(bench_history) -> None:
    times = {"drawn": {"empty": [0.5, 0.7, 0.6], "week": [0.6], "big": [0.9, 0.8, 1.0]},
             "log": {"empty": [0.01, 0.02], "big": [0.015, 0.025]}}
    rows = bench_history.history_rows(times)
    assert [row.scenario for row in rows] == [
        "Progress with five years of history (charts drawn)",
        "logging a set with five years of history"]
    assert rows[0].ratio == pytest.approx(0.9 / 0.6)
    assert rows[0].target == 1.5 and rows[0].baseline == bench_history.EMPTY
    assert rows[1].app_median == pytest.approx(0.02)


def test_format_history_table(bench_history) -> None:
    lines = bench_history.format_history_table([("open", 0.001, 0.002, 0.004)]).splitlines()
    assert "5y/empty" in lines[0]
    assert lines[1].split()[1:] == ["1.0ms", "2.0ms", "4.0ms", "4.00x", "2.00x"]


def test_the_logged_set_is_a_completed_afternoon_set_of_today(bench_history) -> None:
    from microtui.core.loader import builtin_path, load_library

    record = bench_history.set_record(load_library([builtin_path()]))
    assert record["started"][:10] == bench_history.TODAY.isoformat()
    assert record["started"][11:13] >= "12"
    assert record["outcome"] == "completed" and record["exercises"]


def test_switch_rows_take_every_run_of_each_switch() -> None:
    import bench_switch

    runs = [{"3 Routine, first visit": 0.2, "3 Routine, again": 0.1},
            {"3 Routine, first visit": 0.4, "3 Routine, again": 0.05}]
    rows = bench_switch.rows_of(runs, [0.05, 0.06])
    assert [row.scenario for row in rows] == ["switch to 3 Routine, first visit",
                                              "switch to 3 Routine, again"]
    assert rows[0].app == [0.2, 0.4] and rows[0].base == [0.05, 0.06]
    assert rows[0].target == 2.0 and rows[0].baseline == "bare_app modes"


def test_the_instruction_count_is_read_from_callgrinds_summary_or_totals_line() -> None:
    summary = "version: 1\ncmd: python probe\nevents: Ir\nsummary: 913581927\n"
    assert bench_instructions.parse_total(summary) == 913_581_927
    assert bench_instructions.parse_total("events: Ir\nfn=main\n3 5\ntotals: 1228969383\n") \
        == 1_228_969_383
    assert bench_instructions.parse_total("events: Ir\nfn=main\n") is None  # cut short
    assert bench_instructions.parse_total("") is None

"""``microtui report``'s heatmap and insight lines, and ``--format html``: one self-contained
page that a real browser renders with every chart."""

from __future__ import annotations

import argparse
import html
import json
import re
import shutil
import subprocess
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from microtui import report
from microtui.core.insights import NOT_A_CAUSE
from microtui.core.loader import Library, builtin_path, load_library
from microtui.report_html import CHART_WIDTH, chart_html, report_html
from microtui.store import Store
from tests.unit.half_year import history

WED = date(2026, 11, 25)
NOW = datetime(2026, 11, 25, 15, 0, tzinfo=UTC)
CHARTS = ("adherence", "feel", "mobility", "regions", "sides")


@pytest.fixture(scope="module")
def library() -> Library:
    return load_library([builtin_path()])


@pytest.fixture(scope="module")
def half_year(library) -> dict:
    return history(library, WED)


def week_only(data: dict) -> dict:
    since = (WED - timedelta(days=7)).isoformat()
    return {**data,
            "sessions": [s for s in data["sessions"] if s["started"][:10] >= since],
            "checkins": [c for c in data["checkins"] if c["date"] >= since],
            "measurements": [m for m in data["measurements"] if m["date"] >= since]}


def test_a_half_year_shows_the_heatmap_and_the_insights_with_their_days(library, half_year):
    text = report.report_text(half_year, WED, 30, 100, library=library, now=NOW)
    assert "Last 12 weeks: share of planned sets done each working day" in text
    assert re.search(r"^Wed .+\[[-░▒▓█]\]$", text, re.M)  # today marked
    assert "░ under 50 %  ▒ 50–74 %  ▓ 75–99 %  █ all" in text
    flat = " ".join(text.split())
    assert re.search(r"end-of-day stiffness was \d\.\d points lower than on days under 50 % "
                     r"\(\d\.\d vs \d\.\d; \d+ days vs \d+\)", flat)
    assert "end-of-day energy was" in flat and "points higher" in flat
    assert NOT_A_CAUSE in flat
    assert "+12° hip flexion left since 27 May (90° → 102°)" in flat
    assert "Neck rotation: left 60°, right 72° on 11 November, a gap of 16 %" in flat
    assert "A mobility screen is due" in flat
    assert max(len(line) for line in text.splitlines()) <= 100


def test_a_week_says_what_is_missing_instead_of_guessing(library, half_year):
    text = report.report_text(week_only(half_year), WED, 30, 100, library=library, now=NOW)
    flat = " ".join(text.split())
    assert "Movement against feeling (days with an end-of-day check-in): not enough days yet (" \
        in flat
    assert "more needed;" in flat and NOT_A_CAUSE not in flat
    assert "points lower" not in flat and "points higher" not in flat
    assert "Mobility: no screen yet" in flat


def test_the_page_is_self_contained_with_every_part(library, half_year):
    page = report_html(half_year, WED, 30, library=library, now=NOW)
    assert page.startswith("<!DOCTYPE html>") and "<style>" in page
    for outside in ("<script", "http://", "https://", " src=", "<link", "@import", "url("):
        assert outside not in page
    summary = report.report_data(half_year, WED, 30, library=library, now=NOW).view.summary
    assert html.escape(summary) in page
    assert page.count("<tr><th scope=\"row\">") == 5 and page.count("today\" title=") == 1
    for name in CHARTS:
        section = re.search(rf'<section class="chart-block" id="chart-{name}">(.*?)</section>',
                            page, re.S)
        assert section and '<pre class="chart"' in section.group(1), name
    assert "consult a health professional" in page  # the guide's safety advice


def test_the_page_and_the_text_show_the_same_insight_lines(library, half_year):
    data = report.report_data(half_year, WED, 30, library=library, now=NOW)
    page = report_html(half_year, WED, 30, library=library, now=NOW)
    text = " ".join(report.report_text(half_year, WED, 30, 100, library=library,
                                       now=NOW).split())
    for _, lines in data.panel.sections:
        for line in lines:
            assert f"<li>{html.escape(line)}</li>" in page
            assert line in text


def test_chart_html_keeps_every_character_in_its_column():
    chart = "10┤ ⠉⠒ ██ │\n 0┤ ab ░░ │"
    built = chart_html(chart)
    assert html.unescape(re.sub(r"<[^>]+>", "", built)) == chart
    assert '<span class="c" style="width:2ch">⠉⠒</span>' in built
    assert chart_html("<&>") == "&lt;&amp;&gt;"


def test_chart_colours_become_spans_and_backgrounds_are_dropped():
    built = chart_html("\x1b[48;5;15m\x1b[38;5;1m⣀⣀\x1b[0m ok \x1b[38;5;3mx\x1b[0m")
    assert built == ('<span style="color:#c62828"><span class="c" style="width:2ch">⣀⣀</span>'
                     '</span> ok <span style="color:#d27a00">x</span>')


def test_the_page_keeps_the_chart_colours_and_their_legends(library, half_year):
    page = report_html(half_year, WED, 30, library=library, now=NOW)
    assert "\x1b" not in page
    assert '<span class="symbol" style="color:#c62828">━</span> stiffness' in page
    assert '<span class="symbol" style="color:#8a8a8a">░</span> planned' in page


def test_main_writes_html_to_a_file_and_refuses_a_bad_path(tmp_path, capsys, monkeypatch,
                                                         library, half_year):
    with Store.open(tmp_path / "data") as store:
        for record in week_only(half_year)["sessions"]:
            store.add_session(record)
    monkeypatch.setenv("MICROTUI_NOW", "2026-11-25T15:00:00+00:00")
    out = tmp_path / "report.html"
    args = argparse.Namespace(data=str(tmp_path / "data"), days=7, format="html", out=out)
    assert report.main(args) == 0
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert f"Wrote the report to {out}" in capsys.readouterr().err
    text_out = tmp_path / "report.txt"
    assert report.main(argparse.Namespace(data=str(tmp_path / "data"), days=7, format="text",
                                          out=text_out)) == 0
    assert "Last 12 weeks" in text_out.read_text(encoding="utf-8")
    missing = tmp_path / "no such dir" / "report.html"
    args = argparse.Namespace(data=str(tmp_path / "data"), days=7, format="html", out=missing)
    assert report.main(args) == 1
    assert f"could not write the report to {missing}" in capsys.readouterr().err
    assert not missing.parent.exists()


def test_the_cli_takes_format_and_out(tmp_path, monkeypatch):
    from microtui.cli import build_parser

    args = build_parser().parse_args(["report", "--format", "html", "--out", "r.html"])
    assert (args.format, str(args.out)) == ("html", "r.html")
    assert build_parser().parse_args(["report"]).format == "text"
    with pytest.raises(SystemExit):
        build_parser().parse_args(["report", "--format", "pdf"])


# -- in a real browser ----------------------------------------------------------------------

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")

MEASURE = """<script>
const ch = document.createElement('span');
ch.textContent = '0'.repeat(100);
ch.style.font = getComputedStyle(document.querySelector('pre.chart')).font;
ch.style.whiteSpace = 'pre';
document.body.appendChild(ch);
const one = ch.getBoundingClientRect().width / 100;
const charts = [...document.querySelectorAll('section.chart-block')].map(section => {
  const pre = section.querySelector('pre.chart');
  if (pre === null) return {id: section.id, visible: false};
  const box = pre.getBoundingClientRect();
  const range = document.createRange();
  range.selectNodeContents(pre);
  const lines = pre.textContent.split('\\n');
  return {id: section.id, height: box.height, rows: lines.length,
          longest: Math.max(...lines.map(line => [...line].length)),
          columns: range.getBoundingClientRect().width / one, visible: pre.offsetParent !== null};
});
const cells = document.querySelectorAll('table.heatmap:not(.legend) td').length;
document.body.setAttribute('data-measured', JSON.stringify({charts, cells}));
</script>"""


@pytest.mark.skipif(CHROMIUM is None,
                    reason="chromium is not installed: make test installs Debian's package "
                    "(make chromium) only as root with apt-get")
def test_chromium_renders_every_chart(tmp_path, library, half_year):
    """The page needs no script; a copy with a measuring script is opened in headless
    Chromium, which lays it out: every chart is drawn, as tall as its rows, and no row is
    wider than the chart (a glyph from another font would push it out of line)."""
    page = report_html(half_year, WED, 90, library=library, now=NOW)
    probe = tmp_path / "probe.html"
    probe.write_text(page.replace("</body>", MEASURE + "</body>"), encoding="utf-8")
    result = subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
         f"--user-data-dir={tmp_path / 'profile'}", "--window-size=1100,3000",
         "--dump-dom", probe.as_uri()],
        capture_output=True, text=True, timeout=300)
    found = re.search(r'data-measured="([^"]*)"', result.stdout)
    assert found, result.stderr[-2000:]
    measured = json.loads(html.unescape(found.group(1)))
    assert measured["cells"] == 5 * 12
    assert [c["id"] for c in measured["charts"]] == [f"chart-{n}" for n in CHARTS]
    for chart in measured["charts"]:
        assert chart["visible"], chart
        assert chart["rows"] >= 10 and chart["height"] >= chart["rows"] * 10, chart
        assert chart["longest"] <= CHART_WIDTH
        assert chart["columns"] <= chart["longest"] + 0.5, chart
    # And the page as it is: a screenshot comes out of it.
    shot = tmp_path / "report.png"
    subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                    f"--user-data-dir={tmp_path / 'profile'}", "--window-size=1100,3000",
                    f"--screenshot={shot}", Path(tmp_path / "probe.html").as_uri()],
                   capture_output=True, timeout=300)
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"

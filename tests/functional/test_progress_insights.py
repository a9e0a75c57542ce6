"""Progress's insights (``i``): the 12-week heatmap and every insight line, computed by the
same function as ``microtui report`` in the worker that reads the history, so the two
never disagree; with a week of history they say what is missing."""

from __future__ import annotations

import threading
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from microtui import report, report_insights
from microtui.core.insights import NOT_A_CAUSE
from microtui.core.sensation_patterns import TITLE as SENSATIONS_TITLE
from microtui.store import Store
from microtui.ui.screens.progress import ProgressScreen
from microtui.ui.widgets.insights import InsightsPanel, legend_lines
from tests.functional.helpers import screen_text, wait_for
from tests.functional.test_progress import LIBRARY, NOW, TODAY, Host, range_label
from tests.unit.half_year import history as half_year


def filled(directory: Path, data: dict[str, Any]) -> Path:
    with Store.open(directory) as store:
        for record in data["sessions"]:
            store.add_session(record)
        for record in data["checkins"]:
            store.add_checkin(record)
        for record in data["measurements"]:
            store.add_measurement(record)
    return directory


def last_week(data: dict[str, Any]) -> dict[str, Any]:
    since = (TODAY - timedelta(days=7)).isoformat()
    return {"sessions": [s for s in data["sessions"] if s["started"][:10] >= since],
            "checkins": [c for c in data["checkins"] if c["date"] >= since],
            "measurements": [m for m in data["measurements"] if m["date"] >= since]}


@pytest.fixture(scope="module")
def half_year_data() -> dict[str, Any]:
    return half_year(LIBRARY, TODAY)


@pytest.fixture(scope="module")
def half_year_dir(tmp_path_factory, half_year_data) -> Path:
    return filled(tmp_path_factory.mktemp("insights") / "data", half_year_data)


async def insights_shown(pilot: Pilot) -> ProgressScreen:
    screen = pilot.app.screen
    assert isinstance(screen, ProgressScreen)
    await wait_for(pilot, lambda: screen.history is not None, "the history")
    await pilot.press("i")
    await wait_for(pilot, lambda: screen.insights is not None
                   and screen.query_one(InsightsPanel).display, "the insights")
    return screen


def flat(text: str) -> str:
    return " ".join(text.split())


async def test_progress_shows_the_report_s_heatmap_and_insight_lines(half_year_dir):
    """One log, both ways: every line Progress shows is the report's, in the same order."""
    with Store.open(half_year_dir) as store:
        exported = store.export_all()
        app = Host(store)
        async with app.run_test(size=(80, 120)) as pilot:
            screen = await insights_shown(pilot)
            shown = screen.query_one(InsightsPanel).shown_lines
            text = screen_text(app)
    data = report.report_data(exported, TODAY, 30, library=LIBRARY, now=NOW)
    assert shown == data.panel.lines()
    printed = report.report_text(exported, TODAY, 30, 100, library=LIBRARY, now=NOW)
    for line in data.panel.heatmap.lines():  # the grid, character for character
        assert line in printed.splitlines()
        assert any(row.rstrip() == " " + line for row in text.splitlines()), line
    for _, lines in data.panel.sections:
        for line in lines:
            assert line in flat(printed) and line in flat(text), line
    # A half-year: the comparisons with their day counts, and the mobility changes.
    assert "end-of-day stiffness was" in flat(text) and "points lower" in flat(text)
    assert "days vs" in flat(text) and NOT_A_CAUSE in flat(text)
    assert "+12° hip flexion left since 27 May (90° → 102°)" in flat(text)
    assert "Neck rotation: left 60°, right 72° on 11 November, a gap of 16 %" in flat(text)
    # The patterns in how sets felt are a section of the same panel, in both.
    assert [title for title, _ in data.panel.sections][-1] == SENSATIONS_TITLE
    assert SENSATIONS_TITLE in flat(text)


async def test_a_week_of_history_says_what_is_missing(tmp_path, half_year_data):
    with Store.open(filled(tmp_path / "data", last_week(half_year_data))) as store:
        app = Host(store)
        async with app.run_test(size=(80, 60)) as pilot:  # one column: lines read whole
            await insights_shown(pilot)
            text = flat(screen_text(app))
    assert "Movement against feeling (days with an end-of-day check-in): not enough days " \
        "yet (" in text and "more needed;" in text
    assert "points lower" not in text and "points higher" not in text
    assert NOT_A_CAUSE not in text
    assert "Mobility: no screen yet. Record one on Progress (m) to see changes." in text
    assert "[" in text and "today" in text  # the heatmap and its legend are there


async def test_the_insights_are_worked_out_off_the_event_loop(half_year_dir, monkeypatch):
    threads: list[threading.Thread] = []
    work_out = report_insights.insight_panel

    def spy(*args: Any, **kwargs: Any) -> Any:
        threads.append(threading.current_thread())
        return work_out(*args, **kwargs)

    monkeypatch.setattr(report_insights, "insight_panel", spy)  # imported when asked for
    with Store.open(half_year_dir) as store:
        app = Host(store)
        async with app.run_test(size=(120, 40)) as pilot:
            await insights_shown(pilot)
    assert threads and threading.main_thread() not in threads


async def test_i_switches_between_the_charts_and_the_insights(half_year_dir):
    with Store.open(half_year_dir) as store:
        app = Host(store)
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await insights_shown(pilot)
            footer = screen_text(app).splitlines()[-1]
            assert "i Charts" in footer and "Shorter" not in footer
            assert "Insights" in range_label(screen)
            assert app.focused is screen.query_one(InsightsPanel)
            panel = screen.query_one(InsightsPanel)
            await pilot.press("pagedown")  # the keys scroll the insights
            await wait_for(pilot, lambda: panel.scroll_y > 0, "the insights scrolled")
            await pilot.press("i")
            await wait_for(pilot, lambda: not panel.display, "the charts back")
            footer = screen_text(app).splitlines()[-1]
            assert "i Insights" in footer and "Shorter" in footer
            assert "7 days" in range_label(screen)
            assert app.focused is screen.query_one("#progress-charts")


@pytest.mark.parametrize("size", [(60, 20), (80, 24), (120, 40)])
async def test_nothing_is_cut_off(half_year_dir, size):
    """The grid's rows stand whole on screen, the panel never needs a sideways scroll, the
    range line is whole, and from 90 columns the heatmap sits beside the lines."""
    with Store.open(half_year_dir) as store:
        app = Host(store)
        async with app.run_test(size=size) as pilot:
            screen = await insights_shown(pilot)
            panel = screen.query_one(InsightsPanel)
            rows = screen_text(app).splitlines()
            for line in screen.insights.heatmap.lines():
                assert any(line in row for row in rows), (line, rows)
            assert panel.virtual_size.width <= panel.scrollable_content_region.width
            assert range_label(screen).rstrip().endswith("history") or \
                range_label(screen).rstrip().endswith("the charts")
            heatmap = screen.query_one("#insights-heatmap")
            lines = screen.query_one("#insights-lines")
            beside = heatmap.region.y == lines.region.y
            assert beside == (size[0] >= 90)


def test_the_legend_is_packed_without_splitting_an_entry():
    items = ("- none", "░ under 50 %", "▒ 50–74 %", "▓ 75–99 %", "█ all")
    assert legend_lines(items, 31) == ["- none  ░ under 50 %  ▒ 50–74 %", "▓ 75–99 %  █ all"]
    assert legend_lines(items, 4) == list(items)
    assert legend_lines(items, 200) == ["  ".join(items)]

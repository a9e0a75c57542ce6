"""The Progress charts: ticks that never overlap, and every chart drawn on plain plotext."""

from __future__ import annotations

import plotext
import pytest

from microtui import progress_charts
from microtui.core.loader import Library, builtin_path, load_library
from microtui.core.planned_sets import PlanCounter
from microtui.core.progress import History
from microtui.core.progress_view import Range
from tests.unit.test_report import WED, tiny


@pytest.fixture(scope="module")
def library() -> Library:
    return load_library([builtin_path()])


@pytest.mark.parametrize(("high", "count", "ticks"), [
    (18, 3, [0, 10, 20]), (25, 5, [0, 8, 16, 24, 32]), (118, 3, [0, 60, 120]),
    (0.5, 3, [0, 0.25, 0.5]), (0, 3, [0]),
])
def test_nice_ticks(high, count, ticks):
    found = progress_charts.nice_ticks(high, count)
    assert found == pytest.approx(ticks) or found[-1] >= high
    assert found[0] == 0 and found[-1] >= high


def test_tick_positions_never_overlap():
    assert progress_charts.tick_positions(30, 6, 40) == [0, 6, 12, 18, 24]
    assert progress_charts.tick_positions(3, 6, 80) == [0, 1, 2]
    assert progress_charts.tick_positions(0, 6, 80) == []


def test_degree_ticks_are_round_and_cover_the_values():
    ticks = progress_charts.degree_ticks(63, 112, 5)
    assert ticks[0] <= 63 and ticks[-1] >= 112
    assert len({b - a for a, b in zip(ticks, ticks[1:], strict=False)}) == 1


def test_the_draw_functions_work_on_plain_plotext(library):
    data = tiny()
    history = History.build(data["sessions"], data["checkins"], data["measurements"],
                            exercises=library.exercises)
    view = history.view(WED, Range(7, "7 days"), plan=PlanCounter(library.default_routine))
    for draw, part in ((progress_charts.draw_adherence, view.adherence),
                       (progress_charts.draw_feel, view.feel),
                       (progress_charts.draw_mobility, view.mobility),
                       (progress_charts.draw_regions, view.balance),
                       (progress_charts.draw_sides, view.balance)):
        draw(plotext, part, 50, 12, "t")
        built = plotext.uncolorize(plotext.build())
        assert len(built.splitlines()) == 12


def _regions_chart(library, seconds: float) -> str:
    history = History.build(
        [{"started": f"{WED.isoformat()}T10:00:00+00:00", "outcome": "completed",
          "active_seconds": seconds,
          "exercises": [{"id": "cervical-nod", "done_seconds": seconds}]}],
        exercises=library.exercises)
    view = history.view(WED, Range(7, "7 days"))
    plotext.clear_figure()
    progress_charts.draw_regions(plotext, view.balance, 60, 14, "t")
    return plotext.uncolorize(plotext.build())


def test_the_region_chart_counts_a_few_sets_in_seconds(library):
    # 6 s of one region: the axis reads whole seconds, not "0.025 … 0.1" minutes.
    small = _regions_chart(library, 6)
    assert "seconds" in small and "minutes" not in small
    assert "0.0" not in small and "0.1" not in small
    ticks = [int(line.split("┤")[0]) for line in small.splitlines() if "┤" in line]
    assert ticks == sorted(ticks, reverse=True) and ticks[-1] == 0 and ticks[0] >= 6
    assert len({a - b for a, b in zip(ticks, ticks[1:], strict=False)}) == 1  # evenly
    # Half an hour: whole minutes.
    large = _regions_chart(library, 1800)
    assert "minutes" in large and "seconds" not in large and "." not in large

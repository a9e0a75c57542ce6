"""The one place the report (and later Progress) gets the share of planned sets done per
day, and the panel of heatmap and insight lines built from it."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from microtui.core.loader import Library, builtin_path, load_library
from microtui.core.planned_sets import PlanCounter
from microtui.core.progress import History
from microtui.core.schedule import ScheduleSettings
from microtui.report_insights import FEELING_TITLE, MOBILITY_TITLE, insight_panel, shares_done
from tests.unit.half_year import history as half_year
from tests.unit.test_report import WED, tiny


@pytest.fixture(scope="module")
def library() -> Library:
    return load_library([builtin_path()])


def built(library: Library, data: dict) -> History:
    return History.build(data["sessions"], data["checkins"], data["measurements"],
                         exercises=library.exercises)


def test_shares_are_sets_done_against_sets_planned(library):
    plan = PlanCounter(library.default_routine, ScheduleSettings())
    shares = shares_done(built(library, tiny()), plan, WED)
    # Two sets done on each of two working days of 18 planned; nothing before the first set.
    assert shares == {date(2026, 11, 24): pytest.approx(2 / 18),
                      WED: pytest.approx(2 / 18)}
    # Today counts only the sets already due: by 09:45 the 09:00 and 09:30 ones, both done.
    now = datetime(2026, 11, 25, 9, 45, tzinfo=UTC)
    assert shares_done(built(library, tiny()), plan, WED, now)[WED] == 1.0


def test_more_done_than_planned_counts_as_all_and_an_empty_log_has_no_shares(library):
    data = tiny()
    for record in data["sessions"]:
        record["event_id"] = None  # ad hoc: done but never planned
    plan = PlanCounter(None)
    assert shares_done(built(library, data), plan, WED) == {}
    empty = History.build([], exercises=library.exercises)
    assert shares_done(empty, PlanCounter(library.default_routine), WED) == {}


def test_the_panel_lines_are_the_heatmap_then_each_section(library):
    plan = PlanCounter(library.default_routine, ScheduleSettings())
    panel = insight_panel(built(library, half_year(library, WED)), plan, WED,
                          datetime(2026, 11, 25, 15, tzinfo=UTC))
    lines = panel.lines()
    assert lines[:8] == panel.heatmap.text_lines()
    assert lines[9] == FEELING_TITLE and MOBILITY_TITLE in lines
    assert panel.insights.lines() == [line for line in lines[9:]
                                      if line and line not in (FEELING_TITLE, MOBILITY_TITLE)]
    assert sum("points lower" in line for line in lines) >= 1

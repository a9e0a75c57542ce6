"""The 12-week heatmap: cells, shade levels, the legend without colour, today marked."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from microtui.core.heatmap import LEVELS, NOTHING_PLANNED, SHADES, build_heatmap, shade_level

WED = date(2026, 11, 25)


@pytest.mark.parametrize(("share", "level"), [
    (0.0, 0), (0.004, 1), (0.01, 1), (0.49, 1), (0.5, 2), (0.749, 2), (0.75, 3),
    (0.99, 3), (0.999, 3), (1.0, 4), (1.3, 4), (-0.2, 0),
])
def test_shade_levels(share, level):
    assert shade_level(share) == level


def test_every_level_has_its_own_character_so_it_reads_without_colour():
    chars = [char for _, char, _ in LEVELS]
    assert len(set(chars)) == len(chars) and NOTHING_PLANNED not in chars
    legend = build_heatmap({}, WED).legend()
    for _, char, meaning in LEVELS:
        assert f"{char} {meaning}" in legend
    assert "· nothing planned" in legend and "[ ] today" in legend


def test_twelve_weeks_of_working_days_with_today_marked():
    shares = {WED - timedelta(days=n): (n % 5) / 4 for n in range(200)}
    heatmap = build_heatmap(shares, WED)
    assert len(heatmap.weeks) == 12
    assert heatmap.weeks[-1] == date(2026, 11, 23) and heatmap.weeks[0].weekday() == 0
    assert heatmap.weekdays == (0, 1, 2, 3, 4)
    assert all(len(row) == 12 for row in heatmap.rows)
    marked = [c for c in heatmap.cells if c.today]
    assert [c.day for c in marked] == [WED]
    assert marked[0].text == f"[{SHADES[shade_level(shares[WED])]}]"
    # Thursday and Friday of this week are still to come: blank.
    future = [c for c in heatmap.cells if c.future]
    assert {c.day for c in future} == {date(2026, 11, 26), date(2026, 11, 27)}
    assert all(c.char == " " for c in future)
    lines = heatmap.lines()
    assert lines[1].startswith("Mon ") and lines[3].startswith("Wed ")
    assert "[" in lines[3] and "[" not in lines[1]
    assert max(len(line) for line in lines) <= 40
    assert "Sep" in lines[0] and "Oct" in lines[0] and "Nov" in lines[0]


def test_the_cell_of_each_day_holds_its_share():
    shares = {date(2026, 11, 17): 1.0, date(2026, 11, 18): 0.6, date(2026, 11, 19): 0.0}
    heatmap = build_heatmap(shares, WED)
    by_day = {c.day: c for c in heatmap.cells}
    assert by_day[date(2026, 11, 17)].char == "█"
    assert by_day[date(2026, 11, 18)].char == "▒"
    assert by_day[date(2026, 11, 19)].char == "-"
    assert by_day[date(2026, 11, 20)].char == NOTHING_PLANNED  # nothing planned that day
    assert by_day[date(2026, 11, 18)].label == "Wed 18 Nov: 60 % of planned sets done"
    assert heatmap.days_with_plan == 3


def test_a_callable_and_other_working_days():
    heatmap = build_heatmap(lambda day: 0.8 if day.weekday() == 5 else None, WED,
                            working_weekdays=(5, 1))
    assert heatmap.weekdays == (1, 5)
    assert [line[:3] for line in heatmap.lines()[1:]] == ["Tue", "Sat"]
    assert all(c.char == "▓" for c in heatmap.rows[1] if not c.future)


def test_text_lines_are_title_grid_and_legend():
    lines = build_heatmap({}, WED).text_lines()
    assert lines[0].startswith("Last 12 weeks")
    assert lines[-1] == build_heatmap({}, WED).legend()
    assert len(lines) == 1 + 1 + 5 + 1

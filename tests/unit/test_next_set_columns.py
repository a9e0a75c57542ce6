"""The next-set panel's two columns (:func:`microtui.ui.widgets.next_set.two_columns`)."""

from __future__ import annotations

from rich.text import Text

from microtui.ui.widgets.next_set import Row, two_columns


def lines(rows: list[Row], width: int) -> list[str]:
    return two_columns(rows, width).plain.split("\n")


def test_the_right_column_is_against_the_right_edge():
    rows = [Row(Text("Ankle Pumps"), Text("10 s")), Row(Text("in all"), Text("122 s"))]
    assert lines(rows, 24) == ["Ankle Pumps         10 s", "in all             122 s"]


def test_a_left_text_that_would_reach_the_right_one_is_cut_short():
    rows = [Row(Text("Transverse Abdominal Bracing"), Text("10 s")), Row(Text(), Text("────"))]
    first, second = lines(rows, 20)
    assert first == "Transverse Ab…  10 s"  # 14 cells, then the gap and the right column
    assert second == " " * 16 + "────"


def test_a_row_with_nothing_on_its_right_runs_on_as_it_is():
    long = "before the quarterly planning review with the whole team"
    rows = [Row(Text(long)), Row(Text("in all"), Text("22 s"))]
    assert lines(rows, 30) == [long, "in all" + " " * 20 + "22 s"]


def test_styles_are_kept():
    text = two_columns([Row(Text("in all", "dim"), Text("22 s", "bold"))], 12)
    assert [(text.plain[s.start:s.end], str(s.style)) for s in text.spans] == [
        ("in all", "dim"), ("22 s", "bold")]

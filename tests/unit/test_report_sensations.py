"""``microtui report`` (text and HTML) shows the patterns in how sets felt, computed by the
one core function the Log view shows too."""

from __future__ import annotations

import html
from datetime import UTC, date, datetime

import pytest

from microtui import report
from microtui.core.loader import Library, builtin_path, load_library
from microtui.core.sensation_patterns import TITLE, sensation_patterns
from microtui.report_html import report_html
from tests.unit.half_year import history

WED = date(2026, 11, 25)
NOW = datetime(2026, 11, 25, 15, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def library() -> Library:
    return load_library([builtin_path()])


@pytest.fixture(scope="module")
def felt(library) -> dict:
    """A half-year in which every set (ankle pumps and wrist pulses) is rated: tight three
    sets in four, pain every eighth."""
    data = history(library, WED, weeks=4)
    sessions = []
    for n, session in enumerate(data["sessions"]):
        sensation = "pain" if n % 8 == 0 else ("eased" if n % 4 == 1 else "tight")
        sessions.append({**session, "sensation": sensation})
    return {**data, "sessions": sessions}


def test_the_report_shows_the_patterns_as_the_core_function_says(library, felt):
    expected = sensation_patterns(felt["sessions"], library.exercises).lines()
    assert expected[0].startswith("Tight or in pain after Ankle Pumps")
    assert any(line.startswith("Ankle Pumps keeps leaving you tight or in pain: try ")
               for line in expected)
    data = report.report_data(felt, WED, 30, library=library, now=NOW)
    assert data.sections[-1] == (TITLE, expected)
    text = " ".join(report.report_text(felt, WED, 30, 100, library=library, now=NOW).split())
    page = report_html(felt, WED, 30, library=library, now=NOW)
    assert TITLE in text and f"<h2>{html.escape(TITLE)}</h2>" in page
    for line in expected:
        assert line in text
        assert f"<li>{html.escape(line)}</li>" in page


def test_without_sensations_the_report_says_what_is_missing(library):
    data = history(library, WED, weeks=4)
    text = " ".join(report.report_text(data, WED, 30, 100, library=library, now=NOW).split())
    assert (f"{TITLE} · Not enough sets with a sensation yet: 5 more needed before an "
            "exercise is named (each needs 5).") in text

"""Progress's insights in the installed app on a generated half-year, at 60, 80 and 120
columns: ``i`` shows the 12-week heatmap and the insight lines with their day counts, the
page keys reach the last line, ``i`` brings the charts back, and the footer stays whole."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from microtui.core.loader import builtin_path, load_library
from microtui.store import Store
from tests.e2e.test_footers_in_tmux import footer, whole
from tests.unit.half_year import history

pytestmark = [pytest.mark.e2e, pytest.mark.serial]

NOW = {"MICROTUI_NOW": "2026-11-25T15:00:00", "TZ": "UTC"}


@pytest.fixture(scope="module")
def half_year(tmp_path_factory) -> Path:
    data = history(load_library([builtin_path()]), date(2026, 11, 25))
    directory = tmp_path_factory.mktemp("insights") / "data"
    with Store.open(directory) as store:
        for record in data["sessions"]:
            store.add_session(record)
        for record in data["checkins"]:
            store.add_checkin(record)
        for record in data["measurements"]:
            store.add_measurement(record)
    return directory


@pytest.mark.parametrize("size", [(60, 20), (80, 24), (120, 40)])
def test_i_shows_the_heatmap_and_the_insights(terminal, tmp_path, half_year, size):
    data = tmp_path / "data"
    shutil.copytree(half_year, data)
    term = terminal("--data", str(data), env=NOW, size=size)
    term.wait_for("Done")
    term.keys("4")
    term.wait_for("Adherence")
    term.keys("i")
    screen = term.wait_for(lambda s: "Last 12 weeks" in s and "Movement and how" in s
                           and "Shorter" not in footer(s) and whole(s))
    assert "Wed  ▓" in screen and "[" in screen  # the grid's rows whole, today marked
    assert "Adherence" not in screen and "i Charts" in footer(screen)
    # The scroll keys bring the last lines into view, and the first back.
    term.keys("End")
    screen = term.wait_for(lambda s: "A mobility screen is due" in s and whole(s))
    term.keys("Home")
    screen = term.wait_for(lambda s: "Last 12 weeks" in s)
    text = " ".join(screen.split())
    assert "days vs" in text and "points lower" in text or size[0] < 120
    term.keys("i")
    screen = term.wait_for(lambda s: "Adherence" in s and "Last 12 weeks" not in s
                           and whole(s))

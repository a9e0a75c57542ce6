"""Chart lines: ``ansi_strips`` draws plotext's output exactly as ``Text.from_ansi`` (what
textual-plotext renders) does, cell for cell, in the width asked for; ``plot_strips``,
which the charts draw with, makes the same strips from the built plot without its text."""

from __future__ import annotations

import random
from datetime import date, timedelta
from functools import partial
from typing import Any

import plotext
import pytest
from plotext._dict import themes
from rich.console import Console
from rich.style import Style
from rich.text import Text
from textual_plotext.plot import Plot, _rgbify_theme, _sequence

from microtui.core.loader import builtin_path, load_library
from microtui.core.planned_sets import PlanCounter
from microtui.core.progress import History
from microtui.core.progress_view import Adherence, DayPoint, Range
from microtui.progress_charts import (
    draw_adherence,
    draw_feel,
    draw_mobility,
    draw_regions,
    draw_sides,
)
from microtui.ui.widgets.charts import ansi_strips, plot_strips
from tests.unit.test_report import WED, tiny

Cells = list[list[tuple[str, Style]]]


def reference(ansi: str, width: int) -> Cells:
    """What Rich makes of ``ansi``: each line's cells, cut or padded to ``width``."""
    console = Console(width=width, color_system="truecolor", legacy_windows=False)
    rows = []
    for line in Text.from_ansi(ansi).split("\n", allow_blank=True):
        line.truncate(width, pad=True)
        rows.append([(ch, seg.style or Style.null()) for seg in line.render(console)
                     for ch in seg.text])
    return rows


def ours(ansi: str, width: int) -> Cells:
    rows = []
    for strip in ansi_strips(ansi, width):
        assert strip.cell_length == width
        rows.append([(ch, seg.style or Style.null()) for seg in strip for ch in seg.text])
    return rows


def plot(theme: str, width: int = 48, height: int = 14) -> str:
    plt = plotext
    plt.clf()
    sample_plot(plt)
    plt.plotsize(width, height)
    plt.theme(theme)
    return plt.build()


# The themes textual-plotext draws with (RGB, registered by the widget), and plotext's own
# (256-colour and the 16 named ANSI colours).
themes.setdefault("test-rgb", _rgbify_theme((18, 18, 18), (30, 30, 30), (224, 224, 224),
                                            "default", _sequence))


@pytest.mark.parametrize("theme", ["test-rgb", "pro", "dark", "clear", "matrix", "retro"])
def test_plots_come_out_cell_for_cell_as_rich_draws_them(theme: str) -> None:
    ansi = plot(theme)
    assert ours(ansi, 48) == reference(ansi, 48)


def test_a_progress_chart_comes_out_as_rich_draws_it() -> None:
    start = date(2026, 11, 19)
    days = tuple(DayPoint(start + timedelta(days=n), n % 4, 5) for n in range(7))
    adherence = Adherence(start, start + timedelta(days=6), days, 2, 5, start)
    plotext.clf()
    draw_adherence(plotext, adherence, 76, 21)
    plotext.plotsize(76, 21)
    plotext.theme("test-rgb")
    ansi = plotext.build()
    assert ours(ansi, 76) == reference(ansi, 76)


@pytest.mark.parametrize("ansi", [
    "\x1b[1;38;5;196mbold red\x1b[22m plain weight\x1b[39;49m default",
    "\x1b[38;2;10;20;30;48;5;4mrgb on blue\x1b[0m after reset",
    "\x1b[91;102mbright\x1b[31;42m normal\x1b[m empty is reset",
    "\x1b[7mreversed\x1b[27m not\x1b[3;4m italic underlined\x1b[23;24m plain",
    "\x1b[32mgreen carries\nacross lines\x1b[0m\nuntil reset",
    "\x1b[38;5;999mclamped\x1b[38;2;300;1;1m too",
    "no escapes at all",
    "",
])
def test_escape_sequences_match_rich(ansi: str) -> None:
    assert ours(ansi, 30) == reference(ansi, 30)


def test_random_sequences_match_rich() -> None:
    rng = random.Random(6)
    codes = ["0", "1", "2", "3", "4", "7", "9", "22", "23", "24", "27", "29", "39", "49",
             "31", "44", "93", "105", "38;5;{n}", "48;5;{n}", "38;2;{n};{n};{n}",
             "48;2;{n};{n};{n}", ""]
    for _ in range(200):
        parts = []
        for _ in range(rng.randint(1, 8)):
            chosen = ";".join(rng.choice(codes) for _ in range(rng.randint(1, 3)))
            chosen = chosen.replace("{n}", "{}").format(
                *(rng.randint(0, 255) for _ in range(chosen.count("{n}"))))
            text = "".join(rng.choice("ab ┤█⠁\n") for _ in range(rng.randint(0, 6)))
            parts.append(f"\x1b[{chosen}m{text}")
        ansi = "".join(parts)
        assert ours(ansi, 12) == reference(ansi, 12), repr(ansi)


def test_lines_are_cut_or_padded_to_the_width() -> None:
    strips = ansi_strips("\x1b[31m" + "x" * 20 + "\x1b[0m\nshort", 10)
    assert [s.text for s in strips] == ["x" * 10, "short     "]


# -- plot_strips: the built matrix straight to strips ---------------------------------------


def figure(draw, width: int, height: int, theme: str) -> Plot:
    """A textual-plotext figure (what ``Chart.plt`` is) with ``draw`` drawn at that size."""
    plt = Plot()
    draw(plt)
    plt.plotsize(width, height)
    plt._set_size(width, height)
    plt.theme(theme)
    return plt


def cells(strips) -> Cells:
    return [[(ch, seg.style or Style.null()) for seg in strip for ch in seg.text]
            for strip in strips]


def same_strips(draw, width: int, height: int, theme: str) -> None:
    """plot_strips of a figure against ansi_strips of the same figure's ``build()``."""
    direct = plot_strips(figure(draw, width, height, theme), width)
    through_text = ansi_strips(figure(draw, width, height, theme).build(), width)
    assert len(direct) == height
    assert all(strip.cell_length == width for strip in direct)
    assert cells(direct) == cells(through_text[:height])


def sample_plot(plt: Any) -> None:
    """Bars, a braille line, dots in an RGB colour, a title and axis labels."""
    plt.bar([1, 2, 3, 4], [3, 5, 0, 2], color="orange", width=0.5)
    plt.plot([1, 2, 3, 4], [1, 4, 2, 3], color="blue+", marker="braille")
    plt.scatter([1, 3], [5, 1], color=(200, 30, 90), marker="dot")
    plt.title("Title")
    plt.xlabel("days")
    plt.ylabel("sets")


@pytest.mark.parametrize("theme", ["test-rgb", "pro", "dark", "clear", "matrix", "retro"])
@pytest.mark.parametrize(("width", "height"), [(48, 14), (7, 3), (131, 40)])
def test_plot_strips_draw_what_the_built_text_draws(theme: str, width: int,
                                                    height: int) -> None:
    same_strips(sample_plot, width, height, theme)


def test_every_progress_chart_comes_out_the_same_either_way() -> None:
    library = load_library([builtin_path()])
    data = tiny()
    history = History.build(data["sessions"], data["checkins"], data["measurements"],
                            exercises=library.exercises)
    plan = PlanCounter(library.default_routine)
    for chosen in (Range(7, "7 days"), Range(None, "all")):
        view = history.view(WED, chosen, plan=plan)
        for draw, part in ((draw_adherence, view.adherence), (draw_feel, view.feel),
                           (draw_mobility, view.mobility), (draw_regions, view.balance),
                           (draw_sides, view.balance)):
            for width, height in ((76, 21), (34, 19), (40, 8)):
                same_strips(partial(lambda d, p, w, h, plt: d(plt, p, w, h), draw, part,
                                    width, height), width, height, "test-rgb")

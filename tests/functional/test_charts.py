"""Chart lines: ``ansi_strips`` draws plotext's output exactly as ``Text.from_ansi`` (what
textual-plotext renders) does, cell for cell, in the width asked for."""

from __future__ import annotations

import random
from datetime import date, timedelta

import plotext
import pytest
from plotext._dict import themes
from rich.console import Console
from rich.style import Style
from rich.text import Text
from textual_plotext.plot import _rgbify_theme, _sequence

from microtui.core.progress_view import Adherence, DayPoint
from microtui.progress_charts import draw_adherence
from microtui.ui.widgets.charts import ansi_strips

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
    plt.bar([1, 2, 3, 4], [3, 5, 0, 2], color="orange", width=0.5)
    plt.plot([1, 2, 3, 4], [1, 4, 2, 3], color="blue+", marker="braille")
    plt.scatter([1, 3], [5, 1], color=(200, 30, 90), marker="dot")
    plt.title("Title")
    plt.xlabel("days")
    plt.ylabel("sets")
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

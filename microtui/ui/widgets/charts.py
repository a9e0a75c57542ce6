"""Charts that plot only when they have to.

:class:`textual_plotext.PlotextPlot` rebuilds its whole plot in every ``render()``, and
Textual renders whenever anything asks for a repaint. :class:`Chart` keeps the last built
plot and its key - the data's version, the size and the plotext theme - and calls its draw
function (plotext calls, from :mod:`microtui.progress_charts`) only when that key changes. A repaint
with nothing new returns the cached lines: no plotext call at all. :attr:`Chart.builds`
counts the real builds (the tests hold it to that).

The plot reaches the screen through the line API: :func:`plot_strips` makes one
:class:`~textual.strip.Strip` per row from the built plot's cells, with a cached style per
colour state. They are the strips :func:`ansi_strips` reads out of plotext's text output
(runs of text between SGR colour codes), cell for cell, and those are what
``Text.from_ansi`` and Textual's text pipeline draw (textual-plotext's way; it cost about
four times the plot's own build, a fifth of a second for Progress's five charts): the
tests compare all three.

:class:`ChartPanel` frames a chart: its title in the border, a legend in the border's
subtitle, and an empty-state message that replaces the chart when there is nothing to draw.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Any

from plotext import _utility as plotext_utility
from rich.ansi import SGR_STYLE_MAP
from rich.color import Color
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.strip import Strip
from textual.widgets import Static
from textual_plotext import PlotextPlot

DrawFunction = Callable[[Any, Any, int, int], None]
"""``draw(plt, data, width, height)``: plotext calls that draw ``data`` at that size."""
PlottedFunction = Callable[[Any], Any]
"""``plotted(data)``: the part of ``data`` the plot shows (data whose plotted parts are
equal draw the same plot)."""

#: plotext colour names → Rich colours, for legends drawn outside the plot.
RICH_COLORS = {
    "gray": "grey58",
    "orange": "dark_orange",
    "default": "default",
}

_UNSET = object()

_SGR = re.compile(r"\x1b\[([0-9;]*)m")
"""Select Graphic Rendition: the only escape plotext writes."""


@lru_cache(maxsize=1024)
def _apply_sgr(style: Style, parameters: str) -> Style:
    """The style after one SGR sequence (``parameters``: what is between ``ESC[`` and
    ``m``), exactly as Rich's ``AnsiDecoder`` reads it."""
    codes = iter([min(255, int(code) if code else 0) for code in parameters.split(";")
                  if code.isdigit() or code == ""])
    for code in codes:
        if code == 0:
            style = Style.null()
        elif code in SGR_STYLE_MAP:
            style += Style.parse(SGR_STYLE_MAP[code])
        elif code in (38, 48):
            with contextlib.suppress(StopIteration):
                kind = next(codes)
                if kind == 5:
                    color = Color.from_ansi(next(codes))
                elif kind == 2:
                    color = Color.from_rgb(next(codes), next(codes), next(codes))
                else:
                    continue
                style += Style.from_color(color) if code == 38 else Style.from_color(None, color)
    return style


def ansi_strips(ansi: str, width: int) -> list[Strip]:
    """plotext's ANSI output as one strip per line, each ``width`` cells (cut or padded).

    Only SGR sequences are understood (plotext writes nothing else), as Rich reads them;
    the style carries across lines as it would on a terminal.
    """
    strips = []
    style = Style.null()
    for line in ansi.split("\n"):
        segments = []
        # text, parameters, text, parameters, ..., text (a carriage return starts it over)
        for index, piece in enumerate(_SGR.split(line.rsplit("\r", 1)[-1])):
            if index % 2:
                style = _apply_sgr(style, piece)
            elif piece:
                segments.append(Segment(piece, style or None))
        strips.append(Strip(segments).adjust_cell_length(width))
    return strips


@lru_cache(maxsize=256)
def _run_style(sgr: str) -> Style | None:
    """The style of a run of cells that plotext starts with ``sgr`` (its colours' SGR
    sequences; it ends every run with a reset), as :func:`ansi_strips` reads it."""
    style = Style.null()
    for index, piece in enumerate(_SGR.split(sgr)):
        if index % 2:
            style = _apply_sgr(style, piece)
    return style or None


def plot_strips(plt: Any, width: int) -> list[Strip]:
    """The plot ``plt`` holds, built, as one strip per row ``width`` cells wide: the
    strips :func:`ansi_strips` makes of ``plt.build()``, cell for cell, without plotext
    writing its cells out as text and escape codes first (a fifth of its build) and
    :func:`ansi_strips` reading them back. plotext 5 (``pyproject.toml`` keeps to it)
    builds into ``monitor.matrix``: per row and column a marker and three colours."""
    plt._set_sizes()
    plt._build_matrix()
    matrix = plt.monitor.matrix
    to_ansi = plotext_utility.colors_to_ansi
    strips = []
    for row in reversed(range(matrix.rows)):
        markers, fore = matrix.marker[row], matrix.fullground[row]
        styles, back = matrix.style[row], matrix.background[row]
        segments = []
        start = 0
        for col in range(1, matrix.cols + 1):
            if col < matrix.cols and (fore[col] == fore[start] and styles[col] == styles[start]
                                      and back[col] == back[start]):
                continue
            style = _run_style(to_ansi(fore[start], styles[start], back[start]))
            segments.append(Segment("".join(markers[start:col]), style))
            start = col
        strips.append(Strip(segments).adjust_cell_length(width))
    return strips


class Chart(PlotextPlot):
    """A plotext plot re-built only when its data, its size or the theme changes."""

    DEFAULT_CSS = """
    Chart {
        width: 1fr;
        height: 1fr;
    }
    """

    def __init__(self, draw: DrawFunction, *, plotted: PlottedFunction | None = None,
                 name: str | None = None, id: str | None = None,
                 classes: str | None = None) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._draw = draw
        self._plotted = plotted
        self._data: Any = _UNSET
        self._shown: Any = _UNSET
        self._version = 0
        self._key: tuple[Any, ...] | None = None
        self._lines: list[Strip] = []
        self.builds = 0
        """How many times the plot was really built (not served from the cache)."""

    @property
    def data(self) -> Any:
        return None if self._data is _UNSET else self._data

    def show(self, data: Any) -> bool:
        """Plot ``data`` (at the next repaint) if what it plots differs from what is shown;
        returns whether it did."""
        shown = data if self._plotted is None else self._plotted(data)
        if self._shown is not _UNSET and shown == self._shown:
            self._data = data
            return False
        self._data, self._shown = data, shown
        self._version += 1
        self.refresh()
        return True

    @property
    def drawn(self) -> bool:
        """True once the current data has been plotted (at some size)."""
        return self._key is not None and self._key[0] == self._version

    def plot_lines(self) -> list[Strip]:
        """The plot at the current size, one strip per row (built if anything changed)."""
        width, height = self.size.width, self.size.height
        if self._data is _UNSET or width < 4 or height < 3:
            return []
        theme = self._get_plotext_theme_name(self.app.theme)
        key = (self._version, width, height, theme)
        if key != self._key:
            plt = self.plt
            self._draw(plt, self._data, width, height)
            plt.plotsize(width, height)
            plt._set_size(width, height)  # see PlotextPlot.render: needed for resizes
            plt.theme(theme)
            self._lines = plot_strips(plt, width)
            self._key = key
            self.builds += 1
        return self._lines

    def render_line(self, y: int) -> Strip:
        lines = self.plot_lines()
        return lines[y] if 0 <= y < len(lines) else Strip.blank(self.size.width)


def legend_markup(items: Sequence[tuple[str, str, str]], *, compact: bool = False) -> Text:
    """``(symbol, plotext colour, text)`` items as one line of coloured text (``compact``:
    tighter spacing)."""
    line = Text(no_wrap=True, overflow="ellipsis")
    for n, (symbol, color, label) in enumerate(items):
        if n:
            line.append("  " if symbol and not compact else " ")
        if symbol:
            line.append(symbol, style=RICH_COLORS.get(color, color))
            if not compact:
                line.append(" ")
        line.append(label)
    return line


Variants = str | Sequence[str]
"""A title, or titles from the longest to the shortest: the panel shows the longest that
fits its width."""


def fit(variants: Variants, width: int) -> str:
    """The first (longest) variant no wider than ``width``, else the last."""
    if isinstance(variants, str):
        return variants
    options = list(variants)
    return next((v for v in options if len(v) <= width), options[-1] if options else "")


class ChartPanel(Vertical):
    """A bordered chart with its title, a legend, a note and an empty-state message."""

    DEFAULT_CSS = """
    ChartPanel {
        & > .chart-panel--empty {
            display: none;
            height: 1fr;
            padding: 1 2;
            content-align: center middle;
            text-align: center;
            color: $text-muted;
        }

        &.-empty > .chart-panel--empty {
            display: block;
        }

        &.-empty > Chart {
            display: none;
        }

        & > .chart-panel--note {
            display: none;
            height: auto;
            padding: 0 1;
            color: $text-muted;
        }

        &.-noted > .chart-panel--note {
            display: block;
        }

        &.-empty > .chart-panel--note {
            display: none;
        }
    }
    """

    def __init__(self, draw: DrawFunction, *, plotted: PlottedFunction | None = None,
                 id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._chart = Chart(draw, plotted=plotted, id=f"{id}-chart" if id else None)
        self.message = ""
        self._titles: Variants = ""
        self._legends: Sequence[Sequence[tuple[str, str, str]]] = ()

    def compose(self) -> ComposeResult:
        yield self._chart
        yield Static("", classes="chart-panel--empty", markup=False)
        yield Static("", classes="chart-panel--note", markup=False)

    @property
    def chart(self) -> Chart:
        return self._chart

    @property
    def drawn(self) -> bool:
        """True when the panel shows its message, is hidden, or its chart has plotted its
        data."""
        return self.has_class("-empty") or not self.display or self._chart.drawn

    @property
    def title(self) -> str:
        """The title shown now (the variant that fits)."""
        return fit(self._titles, self._room())

    def _room(self) -> int:
        width = self.size.width or self.app.size.width
        return max(1, width - 6)  # corners, a space each side, and a cell to spare

    def show(self, title: Variants, data: Any, *, empty: str | None = None,
             legend: Sequence[Sequence[tuple[str, str, str]]] = (), note: str = "") -> None:
        """Show ``data`` under ``title``, or the ``empty`` message instead of the chart.

        ``legend`` holds variants (longest first) of ``(symbol, plotext colour, text)``
        items for the bottom border; ``note`` is a line of text under the chart.
        """
        self._titles = title
        self._legends = () if empty else legend
        self.message = empty or ""
        # Only touch classes that change: each change restyles the panel's children.
        if self.has_class("-empty") != bool(empty):
            self.set_class(bool(empty), "-empty")
        if self.has_class("-noted") != bool(note):
            self.set_class(bool(note), "-noted")
        note_line = self.query_one(".chart-panel--note", Static)
        if str(note_line.content) != note:
            note_line.update(note)
        self._fit_border()
        if empty:
            self.query_one(".chart-panel--empty", Static).update(empty)
            return
        self._chart.show(data)

    def _fit_border(self) -> None:
        room = self._room()
        self.border_title = Text(fit(self._titles, room))
        if not self._legends:
            self.border_subtitle = ""
            return
        texts = [legend_markup(items) for items in self._legends]
        texts += [legend_markup(items, compact=True) for items in self._legends]
        self.border_subtitle = next((t for t in texts if t.cell_len <= room), texts[-1])

    def on_resize(self) -> None:
        self._fit_border()

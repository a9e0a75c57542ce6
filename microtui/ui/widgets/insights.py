"""Progress's insights: the 12-week heatmap beside (or above) the insight lines.

The panel shows what it is given, computed elsewhere by the same core functions as
``microtui report`` (:func:`microtui.report_insights.insight_panel`), so the two never
disagree: the heatmap's text lines, and ``(title, lines)`` sections of plain sentences - any
number of them, from any core function that returns lines. It lays them out and nothing
else: the heatmap's legend packed to the grid's width (never splitting an entry), each
section's title in bold and its lines as bullets that wrap under themselves. It scrolls
(↑↓ pgup pgdn) when the terminal is too small for all of it; the screen's CSS puts the
heatmap beside the lines from 90 columns on.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Static

from microtui.core.heatmap import Heatmap

Section = tuple[str, Sequence[str]]
"""A title and its lines, e.g. ``("Mobility against your first screen", [...])``."""


def legend_lines(items: Sequence[str], width: int) -> list[str]:
    """The legend's entries two spaces apart, in lines of at most ``width`` columns (an
    entry longer than that gets a line of its own)."""
    lines: list[str] = []
    for item in items:
        if lines and len(lines[-1]) + 2 + len(item) <= width:
            lines[-1] += "  " + item
        else:
            lines.append(item)
    return lines


def heatmap_text(heatmap: Heatmap) -> Text:
    """Title (bold), the grid as it is, and the legend packed to the grid's width."""
    grid = heatmap.lines()
    width = max(len(line) for line in grid)
    text = Text()
    text.append(heatmap.title(), style="bold")
    text.append("\n" + "\n".join(grid))
    text.append("\n" + "\n".join(legend_lines(heatmap.legend_items(), width)), style="dim")
    return text


def sections_renderable(sections: Sequence[Section]) -> RenderableType:
    """Each section: its title in bold, then its lines as bullets wrapping under their
    text; a blank line between sections."""
    parts: list[RenderableType] = []
    for n, (title, lines) in enumerate(sections):
        if n:
            parts.append(Text(""))
        parts.append(Text(title, style="bold"))
        bullets = Table.grid(padding=(0, 1))
        bullets.add_column(width=1)
        bullets.add_column(ratio=1)
        for line in lines:
            bullets.add_row("·", Text(line))
        parts.append(bullets)
    return Group(*parts)


class InsightsPanel(VerticalScroll):
    """The heatmap and the insight sections (see the module docstring)."""

    DEFAULT_CSS = """
    InsightsPanel {
        height: 1fr;
        padding: 0 1;
        & > #insights-body { height: auto; layout: vertical; }
        & #insights-heatmap { width: 42; height: auto; margin: 0 2 1 0; }
        & #insights-lines { width: 1fr; height: auto; }
    }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.shown_lines: list[str] = []
        """Every line shown, as plain text: the heatmap's title, grid and legend, then each
        section's title and lines (what the tests compare with ``microtui report``)."""

    def compose(self) -> ComposeResult:
        with Horizontal(id="insights-body"):
            yield Static(id="insights-heatmap")
            yield Static(id="insights-lines")

    def waiting(self, message: str) -> None:
        """Nothing to show yet: ``message`` says why."""
        self.shown_lines = [message]
        self.query_one("#insights-heatmap", Static).display = False
        self.query_one("#insights-lines", Static).update(Text(message, style="italic"))

    def show(self, heatmap: Heatmap, sections: Sequence[Section]) -> None:
        """Show the heatmap and the sections (lines from core functions, as they are)."""
        self.shown_lines = heatmap.text_lines()
        for title, lines in sections:
            self.shown_lines.extend(["", title, *lines])
        shown = self.query_one("#insights-heatmap", Static)
        shown.update(heatmap_text(heatmap))
        shown.display = True
        self.query_one("#insights-lines", Static).update(sections_renderable(sections))

"""Progress's range line: the ranges with the one on show highlighted, or what the insights
cover. One function, so the screen only says which and how wide."""

from __future__ import annotations

from rich.text import Text

from microtui.core.progress_view import RANGES, Range


def range_line(current: Range, showing: str, width: int) -> Text:
    """The line under Progress's summary for a screen ``width`` columns wide (0: not laid
    out yet, so nothing is left out): ``showing`` is "charts" or "insights"."""
    line = Text(no_wrap=True, overflow="ellipsis")
    room = width - 4  # the screen's width, less the line's padding
    if showing == "insights":
        line.append(" Insights ", style="bold reverse")
        line.append(" the last 12 weeks, and your whole history", style="dim")
        if not width or line.cell_len + 16 <= room:
            line.append(" · i: the charts", style="dim")
        return line
    line.append("Range ", style="dim")
    for option in RANGES:
        style = "bold reverse" if option is current else "dim"
        line.append(f" {option.label} ", style=style)
    heading = "all your history" if current.days is None else f"last {current.label}"
    shown = f"Showing {heading}"
    # In a narrow terminal the highlighted range says it alone (nothing cut off).
    if not width or line.cell_len + 3 + len(shown) <= room:
        line.append("   ")
        line.append(shown, style="bold")
    return line

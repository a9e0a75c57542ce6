"""When a Static's new text needs the screen laid out again (a costly step to skip on the
player's every frame)."""

from __future__ import annotations

from rich.cells import cell_len
from textual.widgets import Static


def resizes(static: Static, old: str, new: str) -> bool:
    """Whether showing ``new`` instead of ``old`` can change the Static's size: its width
    when that is ``auto``, its height when that is ``auto`` and a text may wrap."""
    styles = static.styles
    width, height = styles.width, styles.height
    if width is not None and width.is_auto and cell_len(old) != cell_len(new):
        return True
    if height is None or height.is_auto:
        room = static.content_size.width
        return "\n" in old or "\n" in new or max(cell_len(old), cell_len(new)) > room
    return False

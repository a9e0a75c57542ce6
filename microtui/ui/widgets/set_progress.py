"""SetProgress: the whole set's progress on one line: ``Set ━━━━━━╸──── 45%   24 s left``.

The player sets :attr:`SetProgress.progress` (seconds played) 12 times a second. One
widget drawn through the line API replaces Textual's ``ProgressBar`` (a container of a
bar, a percentage and an ETA, each a widget rendered through Rich) and the label and
time-left Statics beside it: six widgets the compositor visited on every frame became one,
which repaints only when the line it draws changes (the bar moves by half cells, the
percentage by whole percents and the time left by whole seconds, all much more slowly
than the frames come).

Styles come from the component classes ``set-progress--label``, ``--done``, ``--todo``
and ``--status``; their colours live in the screen's stylesheet.
"""

from __future__ import annotations

import math
from functools import lru_cache

from rich.segment import Segment
from textual.reactive import reactive
from textual.strip import Strip
from textual.widget import Widget

from microtui.core.time_text import fmt_duration
from microtui.ui.widgets.component_styles import ComponentStyles

LABEL = "Set "
_FULL, _HALF_LEFT, _HALF_RIGHT = "━", "╺", "╸"

_LineKey = tuple[int, tuple[int, bool], str]
"""What the line shows: the bar's width, its cells (:func:`bar_cells`) and the status."""


def bar_cells(share: float, width: int) -> tuple[int, bool]:
    """How much of a ``width``-cell bar ``share`` (0..1) fills: whole cells, and whether a
    half cell follows them."""
    halves = int(min(max(0.0, share), 1.0) * width * 2)
    return halves // 2, bool(halves % 2)


def status_text(progress: float, total: float) -> str:
    """`` 45%  24 s left``: the share done and the time left, as whole numbers."""
    share = min(max(0.0, progress / total), 1.0) if total > 0 else 1.0
    left = max(0.0, total - progress)
    return f"{round(share * 100):>3d}%  {fmt_duration(math.ceil(left - 1e-9))} left"


@lru_cache(maxsize=32)
def status_width(total: float) -> int:
    """The widest :func:`status_text` of a set of ``total`` seconds, plus a space: the bar
    keeps one width from the first second to the last."""
    return 1 + max(len(status_text(float(second), total))
                   for second in range(math.ceil(total) + 1))


class SetProgress(Widget):
    """One line: a label, a bar of half cells and the share and time left."""

    COMPONENT_CLASSES = {
        "set-progress--label", "set-progress--done", "set-progress--todo",
        "set-progress--status",
    }

    DEFAULT_CSS = """
    SetProgress {
        height: 1;
        & > .set-progress--label { color: $text-muted; }
        & > .set-progress--done { color: $primary; }
        & > .set-progress--todo { color: $surface-lighten-2; }
        & > .set-progress--status { color: $text-muted; }
    }
    """

    progress: reactive[float] = reactive(0.0, repaint=False)
    """Seconds of the set played (pauses excluded). Repaints only when the line changes."""
    total: reactive[float] = reactive(1.0)
    """The set's planned seconds."""

    def __init__(self, total: float, *, name: str | None = None, id: str | None = None,
                 classes: str | None = None) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.set_reactive(SetProgress.total, total)
        self._shown: _LineKey | None = None
        self._styles = ComponentStyles(self, "set-progress")

    @property
    def share(self) -> float:
        """How much of the set is done (0..1)."""
        return min(max(0.0, self.progress / self.total), 1.0) if self.total > 0 else 1.0

    def _line_key(self) -> _LineKey:
        """Everything the line shows: it is drawn again only when this changes."""
        width = self._bar_width()
        return width, bar_cells(self.share, width), status_text(self.progress, self.total)

    def _bar_width(self) -> int:
        return max(0, self.content_size.width - len(LABEL) - status_width(self.total))

    def watch_progress(self) -> None:
        if self._shown is not None and self._line_key() != self._shown:
            self.refresh()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles.clear()

    def render_line(self, y: int) -> Strip:
        key = self._line_key()
        self._shown = key
        width = self.content_size.width
        base = self.visual_style.rich_style
        if y != 0 or width <= 0:
            return Strip.blank(width, base)
        bar_width, (full, half), status = key
        style = self._styles  # kept between repaints (see component_styles)
        done, todo = style("done"), style("todo")
        segments = [Segment(LABEL, style("label"))]
        if full:
            segments.append(Segment(_FULL * full, done))
        rest = bar_width - full
        if half and rest:
            segments.append(Segment(_HALF_RIGHT, done))
            rest -= 1
        elif full and rest:
            segments.append(Segment(_HALF_LEFT, todo))
            rest -= 1
        if rest > 0:
            segments.append(Segment(_FULL * rest, todo))
        segments.append(Segment(status.rjust(status_width(self.total)), style("status")))
        return Strip(segments).crop_extend(0, width, base)

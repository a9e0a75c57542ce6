"""The day's timeline: one line per set, and a live countdown under the next (or due) one.

A line-API widget: it keeps the plain data of every line and, when given new data, repaints
only the lines that changed, so a screen can hand it the whole day every second and an idle
minute costs one repainted line at most.

Each event line reads::

    ▸ 09:30  Every 30 min   Ankle Pumps + Cervical Nod   22 s  ▶ due        just now

a cursor gutter, the time, the trigger, the set and its seconds, the state with its mark
and a relative time. Columns give way on narrow widths: the trigger goes first, then the
state's word (its mark stays).
"""

from collections.abc import Sequence
from typing import ClassVar, NamedTuple

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from microtui.core.event_states import EventState
from microtui.ui.presenters.timeline_rows import Countdown, TimelineRow
from microtui.ui.widgets.component_styles import ComponentStyles

NO_STYLE = Style()
"""A piece of a row with no style of its own."""
MARKS: dict[EventState, str] = {
    EventState.DONE: "✓",
    EventState.PARTIAL: "◐",
    EventState.DUE: "▶",
    EventState.SNOOZED: "⏸",
    EventState.SKIPPED: "⤼",
    EventState.MISSED: "✗",
    EventState.UPCOMING: "·",
    EventState.QUIET: "☾",
}
"""The mark shown before each state's name."""

STATE_WIDTH = max(cell_len(f"{mark} {state}") for state, mark in MARKS.items())
TIME_WIDTH = 5
SECONDS_WIDTH = 4
RELATIVE_WIDTH = 12
GUTTER = 2
GAP = 2
MIN_LABEL = 20
MIN_NAME = 12
MAX_NAME = 28
ROOMY_LABEL = 40
INDENT = GUTTER + TIME_WIDTH + GAP
"""Where the countdown line starts: under the trigger column."""


class _Line(NamedTuple):
    row: TimelineRow | None = None
    countdown: Countdown | None = None
    selected: bool = False
    highlighted: bool = False


class Timeline(ScrollView, can_focus=False):
    """Today's events; the screen drives the selection and the highlight."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "timeline--cursor",
        "timeline--next",
        "timeline--due-row",
        "timeline--time",
        "timeline--name",
        "timeline--muted",
        "timeline--countdown",
        "timeline--countdown-urgent",
        "timeline--message",
        *(f"timeline--{state}" for state in EventState),
    }

    DEFAULT_CSS = """
    Timeline {
        height: 1fr;
        scrollbar-size-vertical: 1;
    }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.rows: tuple[TimelineRow, ...] = ()
        self.countdown: Countdown | None = None
        self.message = ""
        self.selected_id: str | None = None
        self.highlight_id: str | None = None
        self._lines: list[_Line] = []
        self._cache: dict[tuple[_Line, int], Strip] = {}
        self._names_width = 0  # the longest trigger name shown (it sets the column)
        self._styles = ComponentStyles(self, "timeline")
        # Bumped whenever lines may move (new lines, a new size): see scroll_to_event.
        self._version = 0
        self._scrolled_for: tuple[object, ...] | None = None

    # -- data --

    def show(
        self,
        rows: Sequence[TimelineRow],
        *,
        highlight: str | None = None,
        selected: str | None = None,
        countdown: Countdown | None = None,
        message: str = "",
    ) -> None:
        """Show these rows; repaint only the lines that differ from what is showing."""
        rows = tuple(rows)
        if self._only_countdown_changed(rows, highlight, selected, countdown, message):
            return
        self.rows = rows
        self.highlight_id = highlight
        self.selected_id = selected
        self.countdown = countdown
        self.message = message
        lines: list[_Line] = []
        for row in self.rows:
            lines.append(_Line(row=row, selected=row.event_id == selected,
                               highlighted=row.event_id == highlight))
            if countdown is not None and countdown.event_id == row.event_id:
                lines.append(_Line(countdown=countdown))
        old = self._lines
        self._lines = lines
        self._version += 1
        # The trigger column is as wide as the longest name: when that changes (a meeting
        # from the calendar arrives), every row is drawn again, not only the new ones.
        names = max((cell_len(r.name) for r in rows), default=0)
        names_changed, self._names_width = names != self._names_width, names
        if len(old) != len(lines) or names_changed:
            self.virtual_size = Size(self.virtual_size.width, len(lines) or 2)
            self._cache.clear()
            self.refresh()
        else:
            for y, (before, after) in enumerate(zip(old, lines, strict=True)):
                if before != after:
                    self.refresh_line(y)
            self._forget_lines_gone(lines)
        if not lines:
            self.refresh()

    def _forget_lines_gone(self, lines: list[_Line]) -> None:
        """Keep only the drawn lines still shown. A row's relative time changes once a
        minute, so lines no longer shown would pile up all day; dropped as they go, the
        cache stays the size of the screen instead of filling and emptying in bulk."""
        shown = set(lines)
        self._cache = {key: strip for key, strip in self._cache.items() if key[0] in shown}

    def _only_countdown_changed(
        self,
        rows: tuple[TimelineRow, ...],
        highlight: str | None,
        selected: str | None,
        countdown: Countdown | None,
        message: str,
    ) -> bool:
        """The common case, every second: the same rows (the very same objects, as the
        screen keeps them) and at most the countdown's text changed. Repaint just that
        line, without comparing every line. False when anything else changed."""
        old = self.countdown
        if (
            countdown is None
            or old is None
            or countdown.event_id != old.event_id
            or (highlight, selected, message) != (self.highlight_id, self.selected_id,
                                                  self.message)
            or len(rows) != len(self.rows)
            or any(new is not before for new, before in zip(rows, self.rows, strict=True))
        ):
            return False
        if countdown != old:
            y = self._countdown_line()
            if y is None:
                return False
            self.countdown = countdown
            self._lines[y] = _Line(countdown=countdown)
            self.refresh_line(y)
        return True

    def _countdown_line(self) -> int | None:
        for y, line in enumerate(self._lines):
            if line.countdown is not None:
                return y
        return None

    def line_of(self, event_id: str) -> int | None:
        """The line an event is drawn on."""
        for y, line in enumerate(self._lines):
            if line.row is not None and line.row.event_id == event_id:
                return y
        return None

    def scroll_to_event(self, event_id: str | None, *, animate: bool = False) -> None:
        """Scroll so the event (and its countdown line) is in view."""
        # The screen asks every second: nothing to do when neither the lines, the size,
        # nor the scroll position changed since the last time for this event.
        asked = (event_id, self._version, self.scroll_y, self.scroll_target_y)
        if not animate and asked == self._scrolled_for:
            return
        y = None if event_id is None else self.line_of(event_id)
        if y is None:
            return
        following = self.countdown is not None and self.countdown.event_id == event_id
        target = self._scroll_target(y, 2 if following else 1)
        if animate or not target == self.scroll_y == self.scroll_target_y:
            self.scroll_to(y=target, animate=animate)
        if not animate:
            self._scrolled_for = (event_id, self._version, self.scroll_y,
                                  self.scroll_target_y)

    def _scroll_target(self, y: int, height: int) -> float:
        top, view = self.scroll_offset.y, self.scrollable_content_region.height
        if view <= 0:
            return top
        if y < top:
            return max(0, y - 1)
        if y + height > top + view:
            return y + height - view + 1
        return top

    def text_of(self, event_id: str) -> str:
        """The plain text of an event's line, as drawn (for tests)."""
        y = self.line_of(event_id)
        if y is None:
            return ""
        return self._line_text(self._lines[y], self._width()).plain.rstrip()

    def lines_text(self) -> list[str]:
        """Every line's plain text (for tests and screenshots)."""
        width = self._width()
        return [self._line_text(line, width).plain.rstrip() for line in self._lines]

    # -- drawing --

    def _width(self) -> int:
        return max(self.scrollable_content_region.width, 20)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._cache.clear()
        self._styles.clear()

    def on_resize(self) -> None:
        # Lines drawn at another width go; those drawn at this one stay (at start-up the
        # first frame, drawn before this resize is handled, draws them at this width).
        width = self.scrollable_content_region.width
        self._cache = {key: strip for key, strip in self._cache.items() if key[1] == width}
        self._version += 1
        self.virtual_size = Size(self._width(), len(self._lines) or 2)

    def _style(self, name: str) -> Style:
        """A component's style, without what it inherits."""
        return self._styles(name, partial=True)

    def _row_style(self, name: str) -> Style:
        """A whole-row style: its background blended onto ours (a partial style would drop
        the transparency), its text attributes, and no colour of its own."""
        partial = self._styles(name, partial=True)
        background = Style(bgcolor=self._styles(name).bgcolor) if partial.bgcolor else Style()
        return partial.without_color + background

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        index = y + scroll_y
        width = self.scrollable_content_region.width
        base = self.visual_style.rich_style
        if not self._lines:
            message = self.message.split("\n")
            if self.message and 1 <= index <= len(message):  # one blank line above it
                text = Text(message[index - 1], style=self._style("message"))
                text.align("center", width)
                return self._strip(text, width, base)
            return Strip.blank(width, base)
        if index >= len(self._lines):
            return Strip.blank(width, base)
        line = self._lines[index]
        if line.countdown is not None:  # new every second: not worth caching
            strip = self._countdown_strip(line.countdown, width, base)
            return strip.crop_extend(scroll_x, scroll_x + width, base)
        key = (line, width)
        cached = self._cache.get(key)
        if cached is None:
            if len(self._cache) > 256:
                self._cache.clear()
            assert line.row is not None  # a countdown line is not cached
            cached = self._cache[key] = self._row_strip(line.row, width, line.selected,
                                                        line.highlighted, base)
        return cached.crop_extend(scroll_x, scroll_x + width, base)

    def _countdown_strip(self, countdown: Countdown, width: int, base: Style) -> Strip:
        """The countdown line as segments, as :meth:`_render_countdown` draws it but without
        going through Rich (it is drawn every second); through Rich when it must be cut."""
        headline = countdown.headline
        used = INDENT + cell_len(headline)
        segments = [
            Segment(" " * INDENT),
            Segment(headline, self._style("countdown-urgent" if countdown.urgent
                                          else "countdown")),
        ]
        if countdown.detail and width - used > 12:
            segments.append(Segment("   "))
            segments.append(Segment(countdown.detail, self._style("muted")))
            used += 3 + cell_len(countdown.detail)
        if used > width:
            return self._strip(self._render_countdown(countdown, width), width, base)
        if used < width:
            segments.append(Segment(" " * (width - used)))
        return Strip(segments, width).apply_style(base).simplify()

    def _strip(self, text: Text, width: int, base: Style) -> Strip:
        text = text.copy()
        text.truncate(width, overflow="ellipsis", pad=True)
        segments = list(text.render(self.app.console))
        return Strip(segments).apply_style(base).simplify()

    def _line_text(self, line: _Line, width: int) -> Text:
        """``line`` as text ``width`` cells wide (not Textual's ``Widget._render``)."""
        if line.countdown is not None:
            return self._render_countdown(line.countdown, width)
        assert line.row is not None
        return self._render_row(line.row, width, line.selected, line.highlighted)

    def _columns(self, width: int) -> tuple[int, int, bool]:
        """(trigger width, set width, state in words) for a line ``width`` cells wide.

        The set keeps at least :data:`MIN_LABEL` cells. Room beyond that goes to the state's
        word first, then to the trigger column (up to :data:`MAX_NAME` cells, as long as the
        set keeps :data:`ROOMY_LABEL`), the rest to the set.
        """
        fixed = GUTTER + TIME_WIDTH + GAP + GAP + SECONDS_WIDTH + GAP + 1 + GAP + RELATIVE_WIDTH
        room = width - fixed
        long_state = room - (STATE_WIDTH - 1) >= MIN_LABEL
        if long_state:
            room -= STATE_WIDTH - 1
        names = max((cell_len(r.name) for r in self.rows), default=0)
        if not names or room - MIN_NAME - GAP < MIN_LABEL + 6:
            return 0, max(room, 4), long_state
        name = min(names, MAX_NAME, max(MIN_NAME, room - GAP - ROOMY_LABEL))
        return name, room - name - GAP, long_state

    def _row_pieces(self, row: TimelineRow, width: int, selected: bool,
                    highlighted: bool) -> tuple[list[tuple[str, Style]], Style | None]:
        """A row's text as (text, style) pieces, and the style laid over the whole row
        (the cursor's, the due or next row's), if any."""
        name_width, label_width, long_state = self._columns(width)
        muted = self._style("muted")
        settled = row.state in (EventState.DONE, EventState.SKIPPED, EventState.MISSED,
                                EventState.QUIET)
        body = muted if settled else NO_STYLE
        gap = (" " * GAP, NO_STYLE)
        pieces = [("▸ " if selected else "  ", NO_STYLE),
                  (row.time.ljust(TIME_WIDTH), self._style("time") + body), gap]
        label = row.label
        if name_width:
            pieces += [(_fit(row.name, name_width), self._style("name") + body), gap]
        elif row.meeting:  # no trigger column: say which meeting the set comes before
            label = f"{row.meeting}: {label}"
        mark = MARKS[row.state]
        state = f"{mark} {row.state}" if long_state else mark
        pieces += [(_fit(label, label_width), body), gap,
                   (row.seconds.rjust(SECONDS_WIDTH), muted), gap,
                   (_fit(state, STATE_WIDTH if long_state else 1), self._style(str(row.state))),
                   gap, (_fit(row.relative, RELATIVE_WIDTH, right=True), muted)]
        over = None
        if selected:
            over = self._row_style("cursor")
        if highlighted:
            style = self._row_style("due-row" if row.state is EventState.DUE else "next")
            over = style if over is None else over + style
        return pieces, over

    def _render_row(self, row: TimelineRow, width: int, selected: bool,
                    highlighted: bool) -> Text:
        pieces, over = self._row_pieces(row, width, selected, highlighted)
        text = Text(no_wrap=True, overflow="ellipsis")
        for piece, style in pieces:
            text.append(piece, style)
        text.truncate(width, overflow="ellipsis", pad=True)
        if over is not None:
            text.stylize(over)
        return text

    def _row_strip(self, row: TimelineRow, width: int, selected: bool, highlighted: bool,
                   base: Style) -> Strip:
        """The row as :meth:`_render_row` draws it through Rich, made of segments directly
        (a whole timeline of rows is drawn at start and again whenever the rows change);
        through Rich when it must be cut."""
        pieces, over = self._row_pieces(row, width, selected, highlighted)
        used = sum(cell_len(piece) for piece, _style in pieces)
        if used > width:
            return self._strip(self._render_row(row, width, selected, highlighted), width, base)
        pieces.append((" " * (width - used), NO_STYLE))
        segments = [Segment(piece, style if over is None else style + over)
                    for piece, style in pieces if piece]
        return Strip(segments, width).apply_style(base).simplify()

    def _render_countdown(self, countdown: Countdown, width: int) -> Text:
        style = self._style("countdown-urgent" if countdown.urgent else "countdown")
        text = Text(" " * INDENT, no_wrap=True, overflow="ellipsis")
        text.append(countdown.headline, style)
        if countdown.detail and width - cell_len(text.plain) > 12:
            text.append("   ")
            text.append(countdown.detail, self._style("muted"))
        return text


def _fit(value: str, width: int, *, right: bool = False) -> str:
    """``value`` padded or cut (with an ellipsis) to exactly ``width`` cells."""
    if width <= 0:
        return ""
    size = cell_len(value)
    if size > width:
        cut = value
        while cut and cell_len(cut) > width - 1:
            cut = cut[:-1]
        return cut.rstrip() + "…" + " " * (width - 1 - cell_len(cut.rstrip()))
    pad = " " * (width - size)
    return pad + value if right else value + pad

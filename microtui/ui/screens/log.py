"""The Log: the guide's step 5, "Document" - "the time, movements performed, and any
immediate sensations" of every set, day by day, newest day first, under the patterns that
emerge from them (:mod:`microtui.core.sensation_patterns`).

Opened with ``l`` from Today, over it; ``escape`` (or ``l``, or ``1``) goes back. The log is
read in a thread worker when the screen is shown (a set may have been logged meanwhile) and
posted as :class:`LogScreen.Read`; what it shows is worked out by
:mod:`microtui.core.movement_log`. Days are laid out :data:`PAGE_DAYS` at a time, more as the
scroll nears the end: a half-year log shows in a blink, not after laying out every day.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import tzinfo
from typing import ClassVar

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Static

from microtui.core.movement_log import LogDay, log_days
from microtui.core.sensation_patterns import TITLE, sensation_patterns
from microtui.core.sensations import choices_text
from microtui.ui.services import Services
from microtui.ui.widgets.footer import Footer
from microtui.ui.widgets.header import Header

PAGE_DAYS = 14
"""Days laid out at a time: more as the scroll nears the end."""
EMPTY = ("No sets logged yet. After each set, one key says how it felt "
         f"({choices_text()}); its words go with it.")


def day_table(day: LogDay) -> Table:
    """A day's sets: time, movements performed, how it felt (and the words after it)."""
    table = Table.grid(padding=(0, 1), expand=True)  # the same columns every day
    table.add_column(no_wrap=True, style="bold")
    table.add_column(ratio=3)
    table.add_column(ratio=2)
    for entry in day.entries:
        table.add_row(entry.time, entry.movements_text, entry.felt_text)
    return table


def patterns_renderable(patterns: Sequence[str]) -> RenderableType:
    """The title and the patterns' lines, each wrapped under its bullet."""
    lines = Table.grid(padding=(0, 1))
    lines.add_column(no_wrap=True)
    lines.add_column()
    for line in patterns:
        lines.add_row("·", line)
    return Group(Text(TITLE, style="bold underline"), lines)


def day_renderable(day: LogDay) -> RenderableType:
    return Group(Text(day.heading, style="bold"), day_table(day))


class LogScreen(Screen[None]):
    """Every set logged, day by day, and the patterns in how they felt (module doc)."""

    SUB_TITLE = "Log"
    BINDING_GROUP_TITLE = "Log"
    DEFAULT_CSS = """
    LogScreen #log-scroll {
        padding: 0 1;
    }
    LogScreen .log-day, LogScreen #log-more {
        margin-top: 1;
    }
    LogScreen #log-more {
        color: $text-muted;
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        # 1 (Today's screen key) too: the Log lies over Today, in Today's place.
        Binding("escape,l,1", "close", "Back to Today", id="log.close"),
    ]

    class Read(Message):
        """The log was read: the patterns' lines and the days (or ``problem``)."""

        def __init__(self, patterns: list[str], days: list[LogDay], problem: str = "") -> None:
            super().__init__()
            self.patterns = patterns
            self.days = days
            self.problem = problem

    def __init__(self, services: Services) -> None:
        super().__init__()
        self.services = services
        self.days: list[LogDay] = []
        self.patterns: list[str] = []
        self.shown_days = 0
        """How many of ``days`` are on screen (newest first)."""

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="log-scroll"):
            yield Static("Reading the log…", id="log-patterns")
            yield Static(id="log-more", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        scroll = self.query_one("#log-scroll", VerticalScroll)
        scroll.focus()
        self.watch(scroll, "scroll_y", self._near_the_end, init=False)

    def on_screen_resume(self) -> None:
        """Shown (first, or again): read the log, which may have grown meanwhile."""
        tz = self.services.clock.now().astimezone().tzinfo
        assert tz is not None  # astimezone() always gives one
        self._read(tz)

    @work(thread=True, group="log-read", exclusive=True, exit_on_error=False)
    def _read(self, tz: tzinfo) -> None:
        store = self.services.store
        if store is None:
            self.post_message(self.Read([], []))
            return
        try:
            records = store.sessions()
        except Exception as exc:  # noqa: BLE001 - said on screen, nothing is written
            self.post_message(self.Read([], [], problem=str(exc)))
            return
        exercises = self.services.library.exercises
        patterns = sensation_patterns(records, exercises).lines()
        self.post_message(self.Read(patterns, log_days(records, tz)))

    def on_log_screen_read(self, message: Read) -> None:
        patterns = self.query_one("#log-patterns", Static)
        if message.problem:
            patterns.update(Text(f"Could not read the log: {message.problem}"))
            return
        self.patterns, self.days = message.patterns, message.days
        patterns.update(patterns_renderable(message.patterns))
        self.query(".log-day").remove()
        self.shown_days = 0
        self._show_more()

    def _show_more(self) -> None:
        """Show the next :data:`PAGE_DAYS` days (a long log is not laid out all at once)."""
        page = self.days[self.shown_days:self.shown_days + PAGE_DAYS]
        more = self.query_one("#log-more", Static)
        if page:
            self.query_one("#log-scroll").mount_all(
                [Static(day_renderable(day), classes="log-day") for day in page], before=more)
        self.shown_days += len(page)
        left = len(self.days) - self.shown_days
        more.update(EMPTY if not self.days else
                    f"{left} older day{'s' if left != 1 else ''}: scroll on" if left else
                    "The first day of your log.")

    def _near_the_end(self, scroll_y: float) -> None:
        scroll = self.query_one("#log-scroll", VerticalScroll)
        if self.shown_days < len(self.days) and \
                scroll_y >= scroll.max_scroll_y - scroll.size.height:
            self._show_more()

    def action_close(self) -> None:
        self.dismiss(None)

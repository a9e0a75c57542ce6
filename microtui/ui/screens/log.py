"""The Log: the guide's step 5, "Document" - "the time, movements performed, and any
immediate sensations" of every set, day by day, newest day first, under the patterns that
emerge from them (:mod:`microtui.core.sensation_patterns`).

Opened with ``l`` from Today, over it; ``escape`` (or ``l``, or ``1``) goes back. The log is
read in a thread worker when the screen is shown (a set may have been logged meanwhile) and
posted as :class:`LogScreen.Read`; what it shows is worked out by
:mod:`microtui.core.movement_log`.
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
from textual.widgets import Header, Static

from microtui.core.movement_log import LogDay, log_days
from microtui.core.sensation_patterns import TITLE, sensation_patterns
from microtui.core.sensations import choices_text
from microtui.ui.services import Services
from microtui.ui.textual_compat import Footer

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


def log_renderable(patterns: Sequence[str], days: Sequence[LogDay]) -> RenderableType:
    """The patterns' lines, then each day's heading and sets."""
    lines = Table.grid(padding=(0, 1))
    lines.add_column(no_wrap=True)
    lines.add_column()
    for line in patterns:
        lines.add_row("·", line)
    parts: list[RenderableType] = [Text(TITLE, style="bold underline"), lines]
    if not days:
        parts += [Text(""), Text(EMPTY)]
    for day in days:
        parts += [Text(""), Text(day.heading, style="bold"), day_table(day)]
    return Group(*parts)


class LogScreen(Screen[None]):
    """Every set logged, day by day, and the patterns in how they felt (module doc)."""

    SUB_TITLE = "Log"
    BINDING_GROUP_TITLE = "Log"
    DEFAULT_CSS = """
    LogScreen #log-scroll {
        padding: 0 1;
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

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="log-scroll"):
            yield Static("Reading the log…", id="log-text")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#log-scroll").focus()

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
        text = self.query_one("#log-text", Static)
        if message.problem:
            text.update(Text(f"Could not read the log: {message.problem}"))
            return
        self.patterns, self.days = message.patterns, message.days
        text.update(log_renderable(message.patterns, message.days))

    def action_close(self) -> None:
        self.dismiss(None)

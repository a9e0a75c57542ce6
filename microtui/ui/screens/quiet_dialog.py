"""Quiet for a while: the small dialog that asks how long (30 minutes, 1 hour, 2 hours or
until tomorrow). Its answer is a :class:`~microtui.core.quiet.QuietChoice`, or None when
it is cancelled; the app does the rest (:mod:`microtui.ui.quiet`)."""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from microtui.core.quiet import QUIET_CHOICES, QuietChoice, quiet_text

WHAT_QUIET_DOES = ("No set rings until then: no bell, no toast, and none starts by itself. "
                   "Sets that fall inside are marked quiet, not missed.")


class QuietChooser(ModalScreen[QuietChoice | None]):
    """How long to be quiet, asked at ``now``."""

    DEFAULT_CSS = """
    QuietChooser {
        align: center middle;
    }
    #quiet-dialog {
        width: 50;
        max-width: 100%;
        height: auto;
        max-height: 100%;
        border: round $primary;
        border-title-color: $text-primary;
        border-title-style: bold;
        border-subtitle-color: $text-muted;
        background: $surface;
        padding: 0 1;
    }
    #quiet-text {
        color: $text-muted;
        margin-bottom: 1;
    }
    #quiet-choices {
        height: auto;
        border: none;
        padding: 0;
        background: transparent;
    }
    """
    BINDING_GROUP_TITLE = "Quiet for a while"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="quiet.cancel"),
    ]

    def __init__(self, now: datetime) -> None:
        super().__init__()
        self.now = now

    def compose(self) -> ComposeResult:
        options = []
        for index, choice in enumerate(QUIET_CHOICES):
            row = Table.grid(expand=True)
            row.add_column(ratio=1, no_wrap=True)
            row.add_column(justify="right", no_wrap=True)
            row.add_row(choice.label, Text(quiet_text(choice.until(self.now), self.now), "dim"))
            options.append(Option(row, id=str(index)))
        with Vertical(id="quiet-dialog") as dialog:
            dialog.border_title = "Quiet for a while"
            dialog.border_subtitle = "enter picks · esc cancels"
            yield Static(WHAT_QUIET_DOES, id="quiet-text", markup=False)
            yield OptionList(*options, id="quiet-choices")

    def on_mount(self) -> None:
        choices = self.query_one(OptionList)
        choices.focus()
        choices.action_first()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(QUIET_CHOICES[int(event.option.id or 0)])

    def action_cancel(self) -> None:
        self.dismiss(None)

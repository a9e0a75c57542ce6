"""The routine builder's dialogs: "discard unsaved changes?" and the exercise picker.

The app asks with :class:`ConfirmDiscardScreen` too, before quitting with a routine not saved.
Its answer is an :class:`Unsaved`: save the changes first, discard them, or keep editing.
Both are styled by ``routine.tcss``.
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, OptionList, Static
from textual.widgets.option_list import Option

from microtui.core.time_text import fmt_seconds

if TYPE_CHECKING:
    from microtui.core.exercises import Exercise

CSS_FILE = Path(__file__).with_name("routine.tcss")


class Unsaved(Enum):
    """What to do with unsaved changes: the answer of :class:`ConfirmDiscardScreen`."""

    SAVE = "save"
    DISCARD = "discard"
    KEEP_EDITING = "keep-editing"


class ConfirmDiscardScreen(ModalScreen[Unsaved]):
    """Asks before unsaved changes are thrown away: s saves them first, y discards them,
    n or escape keeps editing."""

    CSS_PATH = CSS_FILE
    BINDING_GROUP_TITLE = "Unsaved changes"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("s", "answer('save')", "Save", id="routine.confirm-save"),
        Binding("y", "answer('discard')", "Discard", id="routine.confirm-discard"),
        Binding("escape,n", "answer('keep-editing')", "Keep editing",
                id="routine.keep-editing"),
    ]

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(id="discard-dialog", classes="routine-dialog") as dialog:
            dialog.border_title = "Unsaved changes"
            yield Static(self.question, classes="dialog-text", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save (s)", id=Unsaved.SAVE.value, variant="primary")
                yield Button("Discard (y)", id=Unsaved.DISCARD.value, variant="warning")
                yield Button("Keep editing (n)", id=Unsaved.KEEP_EDITING.value)

    def on_mount(self) -> None:
        self.query_one(f"#{Unsaved.KEEP_EDITING.value}", Button).focus()

    def action_answer(self, answer: str) -> None:
        self.dismiss(Unsaved(answer))

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(Unsaved(event.button.id))


class ExercisePickerScreen(ModalScreen[str | None]):
    """Choose an exercise to add to a set: yours first, then your pain points', then all."""

    CSS_PATH = CSS_FILE
    BINDING_GROUP_TITLE = "Add an exercise"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="routine.picker-cancel"),
    ]

    def __init__(self, title: str, groups: list[tuple[str, list[Exercise]]]) -> None:
        super().__init__()
        self.title_text = title
        self.groups = groups

    def compose(self) -> ComposeResult:
        options: list[Option] = []
        for index, (heading, exercises) in enumerate(self.groups):
            if not exercises:
                continue
            options.append(Option(("\n" if index else "") + heading, disabled=True))
            for exercise in exercises:
                row = Table.grid(expand=True)
                row.add_column(ratio=1, no_wrap=True)
                row.add_column(justify="right", no_wrap=True)
                row.add_row(exercise.name, Text(fmt_seconds(exercise.total_seconds()), "dim"))
                options.append(Option(row, id=exercise.id))
        with Vertical(id="picker-dialog", classes="routine-dialog") as dialog:
            dialog.border_title = self.title_text
            dialog.border_subtitle = "enter add · esc cancel"
            yield OptionList(*options, id="picker-list")

    def on_mount(self) -> None:
        picker = self.query_one(OptionList)
        picker.focus()
        picker.action_first()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)

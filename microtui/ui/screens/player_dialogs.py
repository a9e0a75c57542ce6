"""The player's dialogs: the end-early confirm, the safety advice after ``!`` and the
summary that ends a set (one line of what was done, how it felt with one key, and an
optional note)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.events import Resize
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from microtui.core.safety import GENTLE_RESET, SAFETY_ADVICE
from microtui.core.sensations import SENSATIONS, Sensation
from microtui.core.session_log import Outcome, is_exercise
from microtui.ui.widgets.sensation_chooser import (
    SENSATION_BINDINGS,
    NoteInput,
    SensationChooser,
)

#: The dialogs' stylesheet, by absolute path so subclasses elsewhere find it too.
CSS_FILE = Path(__file__).with_name("player_dialogs.tcss")

#: The guide's safety paragraph, as the safety screen shows it.
SAFETY_TEXT = f"{SAFETY_ADVICE}\n\n{GENTLE_RESET}"
#: Below this size the safety dialog is drawn without inner margins or button borders.
SMALL_WIDTH, SMALL_HEIGHT = 80, 24
SUMMARY_TITLES = {
    Outcome.COMPLETED: "Set complete",
    Outcome.PARTIAL: "Set ended early",
    Outcome.ABANDONED: "Set ended",
    Outcome.STOPPED_FOR_PAIN: "Set stopped",
}


class ConfirmEndScreen(ModalScreen[bool]):
    """Asks once before a set ends early: enter or y ends it, escape or n keeps going."""

    CSS_PATH = CSS_FILE
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "End set", id="player.confirm-end"),
        Binding("escape,n", "answer(False)", "Keep going", id="player.keep-going"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-dialog", classes="player-dialog") as dialog:
            dialog.border_title = "End this set?"
            yield Static("What you have done so far is logged.", classes="dialog-text")
            with Horizontal(classes="dialog-buttons"):
                yield Button("End set", id="confirm-end", variant="warning")
                yield Button("Keep going", id="keep-going")

    def on_mount(self) -> None:
        self.query_one("#confirm-end", Button).focus()

    def action_answer(self, end: bool) -> None:
        self.dismiss(end)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "confirm-end")


class SafetyScreen(ModalScreen[bool]):
    """After ``!``: the guide's safety advice, and an offer to drop the exercise.

    Dismisses with True when the user asks to take the exercise out of the routine.
    """

    CSS_PATH = CSS_FILE
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close", id="player.safety-close"),
        Binding("r", "remove", "Remove from routine", id="player.safety-remove"),
    ]

    def __init__(self, exercise_id: str | None, name: str) -> None:
        super().__init__()
        self.exercise_id = exercise_id
        self.exercise_name = name

    @property
    def can_remove(self) -> bool:
        return is_exercise(self.exercise_id)

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="safety-dialog", classes="player-dialog") as dialog:
            dialog.border_title = "Stopped · take care"
            dialog.border_subtitle = self.keys_text
            yield Static(f"You stopped during {self.exercise_name}.", id="safety-where",
                         markup=False)
            yield Static(SAFETY_TEXT, id="safety-text", classes="dialog-text", markup=False)
            # One choice a row, each as wide as the dialog: a long exercise name can
            # never squeeze the other out of sight.
            with Vertical(id="safety-buttons"):
                if self.can_remove:
                    yield Button(f"Take {self.exercise_name} out of my routine",
                                 id="safety-remove", variant="error")
                yield Button("Close", id="safety-close", variant="primary")

    @property
    def keys_text(self) -> str:
        """The dialog's keys, as its border shows them."""
        return "r take it out · esc close" if self.can_remove else "esc close"

    def on_mount(self) -> None:
        self._fit(self.app.size.width, self.app.size.height)
        self.query_one("#safety-close", Button).focus()

    def on_resize(self, event: Resize) -> None:
        self._fit(event.size.width, event.size.height)

    def _fit(self, width: int, height: int) -> None:
        """Below 80x24 the dialog drops its inner margins and its buttons their borders,
        so the advice and both choices still fit (it scrolls when even that is too big)."""
        small = width < SMALL_WIDTH or height < SMALL_HEIGHT
        self.set_class(small, "-small")
        for button in self.query(Button):
            button.compact = small

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return self.can_remove if action == "remove" else True

    def action_close(self) -> None:
        self.dismiss(False)

    def action_remove(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "safety-remove")


class SetSummaryScreen(ModalScreen[str]):
    """The end of a set: one line of what was done, how it felt (one key, ``1``-``5``: see
    :mod:`~microtui.ui.widgets.sensation_chooser`) and an optional note.

    A sensation is handed to ``felt`` the moment it is picked (the player logs it then);
    picking another replaces it. Enter or escape closes the dialog; either keeps what was
    typed (an empty note is no note).
    """

    CSS_PATH = CSS_FILE
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close", id="player.summary-close"),
        *SENSATION_BINDINGS,
    ]

    def __init__(self, title: str, summary: str,
                 felt: Callable[[Sensation], None] | None = None) -> None:
        super().__init__()
        self.summary_title = title
        self.summary = summary
        self.felt = felt

    def ask(self, title: str, summary: str,
            felt: Callable[[Sensation], None] | None = None) -> SetSummaryScreen:
        """Ask again, about another set: the same dialog, its widgets kept (the player
        makes one and shows it at the end of every set), nothing picked or typed yet."""
        self.summary_title, self.summary, self.felt = title, summary, felt
        if self.is_mounted:
            dialog = self.query_one("#summary-dialog")
            dialog.border_title = title
            self.query_one("#summary-line", Static).update(summary)
            self.query_one(SensationChooser).chosen = None
            note = self.query_one("#summary-note", Input)
            with note.prevent(Input.Changed):
                note.value = ""
            note.focus()
        return self

    def compose(self) -> ComposeResult:
        with Vertical(id="summary-dialog", classes="player-dialog") as dialog:
            dialog.border_title = self.summary_title
            dialog.border_subtitle = "enter or esc to close"
            yield Static(self.summary, id="summary-line", markup=False)
            yield SensationChooser(id="summary-sensation")
            yield NoteInput(placeholder="Words for your log (optional)",
                            id="summary-note", max_length=200)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "feel":  # a digit typed after words is part of them
            return not self.query_one("#summary-note", Input).value
        return True

    def action_feel(self, index: int) -> None:
        sensation = SENSATIONS[index]
        self.query_one(SensationChooser).chosen = sensation
        if self.felt is not None:
            self.felt(sensation)

    def action_close(self) -> None:
        self._close(self.query_one("#summary-note", Input).value)

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        self._close(event.value)

    def _close(self, note: str) -> None:
        if self.is_current:  # dismissing pops the screen in front: only ever this one
            self.dismiss(note)

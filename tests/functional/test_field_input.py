"""A field whose screen marks its problems keeps the mark as its value changes, when it is
left and on enter (Textual's own validation, with no validators, would take it away)."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.message import Message
from textual.widgets import Input

from microtui.ui.widgets.field_input import FieldInput

from .helpers import wait_for


class TwoFields(App[None]):
    def __init__(self, field: type[Input]) -> None:
        super().__init__()
        self.field = field
        self.heard: list[type[Message]] = []

    def compose(self) -> ComposeResult:
        yield self.field(id="first")
        yield Input(id="second")

    def on_input_changed(self, message: Input.Changed) -> None:
        self.heard.append(type(message))

    def on_input_submitted(self, message: Input.Submitted) -> None:
        self.heard.append(type(message))

    def on_input_blurred(self, message: Input.Blurred) -> None:
        if message.input.id == "first":
            self.heard.append(type(message))


async def mark_kept(field: type[Input]) -> list[bool]:
    """Whether the screen's ``-invalid`` mark is still there after a key, enter and tab
    (each seen through the message the field posts once it has validated, or not)."""
    app = TwoFields(field)
    kept = []
    async with app.run_test() as pilot:
        first = app.query_one("#first", Input)
        await wait_for(pilot, lambda: first.has_focus, "the first field focused")
        for key, posted in (("5", Input.Changed), ("enter", Input.Submitted),
                            ("tab", Input.Blurred)):
            first.add_class("-invalid")  # as a screen marks it from its own checks
            await pilot.press(key)
            await wait_for(pilot, lambda posted=posted: posted in app.heard, posted.__name__)
            kept.append(first.has_class("-invalid"))
        assert not first.has_focus and first.value == "5"
    return kept


async def test_the_screens_mark_stays_on_a_field_input():
    assert await mark_kept(FieldInput) == [True, True, True]


async def test_textuals_input_takes_the_mark_away():
    """Why FieldInput exists: fails once Textual keeps a mark it did not set."""
    assert await mark_kept(Input) == [False, False, False]

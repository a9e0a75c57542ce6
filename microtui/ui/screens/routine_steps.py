"""The routine builder's steps below its first screenful: 4 (frequency), the sets of the
day's triggers, and 5 (document).

:class:`LowerSteps` is mounted once the form's first frame is drawn (Textual's ``Lazy``):
a first visit shows steps 1 to 3 as soon as they are laid out, and these about 80 widgets
follow, instead of every widget of the form being made, laid out and drawn before the
screen shows anything. It says when it is in (:class:`LowerSteps.Mounted`), and the screen
shows the draft in it then. :class:`SetList` posts :class:`SetList.AdjustItem`,
:class:`SetList.AddExercise` and :class:`SetList.RemoveItem`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Checkbox, Label, OptionList, Static
from textual.widgets.option_list import Option

from microtui.core.routine import TRIGGER_ORDER, SetItem, TriggerKind
from microtui.core.routine_validation import set_field
from microtui.core.set_builder import item_detail, item_seconds
from microtui.core.time_text import fmt_seconds
from microtui.ui.screens.routine_fields import (
    ADD_OPTION,
    DOCUMENT_HINT,
    FREQUENCY_FIELDS,
    error_label_id,
)
from microtui.ui.widgets.field_input import FieldInput
from microtui.ui.widgets.mental_break import BREAK_ADVICE, BREAK_SETTING_LABEL

if TYPE_CHECKING:
    from microtui.core.exercises import Exercise


class SetList(OptionList):
    """The exercises of one trigger's set; ``+``/``-`` adjust the highlighted one."""

    BINDING_GROUP_TITLE = "In a set"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("plus,equals_sign", "adjust(1)", "More", id="routine.more", key_display="+"),
        Binding("minus", "adjust(-1)", "Less", id="routine.less", key_display="-"),
        Binding("i", "add", "Add", id="routine.add-exercise"),
        Binding("x,delete", "remove", "Remove", id="routine.remove-exercise"),
    ]

    class AdjustItem(Message):
        """``+``/``-`` on an exercise of a set: ``step`` is 1 (more) or -1 (less)."""

        def __init__(self, kind: TriggerKind, index: int, step: int) -> None:
            super().__init__()
            self.kind = kind
            self.index = index
            self.step = step

    class AddExercise(Message):
        """The user wants to add an exercise to the set of ``kind``."""

        def __init__(self, kind: TriggerKind) -> None:
            super().__init__()
            self.kind = kind

    class RemoveItem(Message):
        """The user takes the exercise at ``index`` out of the set of ``kind``."""

        def __init__(self, kind: TriggerKind, index: int) -> None:
            super().__init__()
            self.kind = kind
            self.index = index

    def __init__(self, kind: TriggerKind, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.kind = kind
        self._shown: tuple[SetItem, ...] | None = None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("adjust", "remove"):
            return self.item_index is not None
        return True

    @property
    def item_index(self) -> int | None:
        """The highlighted exercise's index in the set (None on the "add" row)."""
        option = self.highlighted_option
        if option is None or option.id is None or option.id == ADD_OPTION:
            return None
        return int(option.id)

    def action_adjust(self, step: int) -> None:
        if self.item_index is not None:
            self.post_message(self.AdjustItem(self.kind, self.item_index, step))

    def action_add(self) -> None:
        self.post_message(self.AddExercise(self.kind))

    def action_remove(self) -> None:
        if self.item_index is not None:
            self.post_message(self.RemoveItem(self.kind, self.item_index))

    def show(self, items: tuple[SetItem, ...], exercises: Mapping[str, Exercise]) -> None:
        """Show ``items``, keeping the highlight where it was."""
        if items == self._shown:
            return
        self._shown = items
        highlighted = self.highlighted
        options = []
        for index, item in enumerate(items):
            exercise = exercises.get(item.exercise_id)
            row = Table.grid(expand=True, padding=(0, 1))
            row.add_column(ratio=1, no_wrap=True, overflow="ellipsis")
            row.add_column(no_wrap=True, style="dim")
            row.add_column(justify="right", no_wrap=True, min_width=4)
            if exercise is None:
                row.add_row(item.exercise_id, "unknown", "")
            else:
                row.add_row(exercise.name, item_detail(item, exercise),
                            fmt_seconds(item_seconds(item, exercise)))
            options.append(Option(row, id=str(index)))
        options.append(Option(Text("+ add exercise (i)", "dim"), id=ADD_OPTION))
        self.set_options(options)
        self.highlighted = min(highlighted or 0, self.option_count - 1)

    def _on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if self.has_focus:
            self.refresh_bindings()  # "More", "Less" and "Remove" need an exercise highlighted


class SetEditor(Vertical):
    """One trigger's set: its cue, its exercises, its total time and its problems."""

    def __init__(self, kind: TriggerKind, classes: str = "") -> None:
        super().__init__(id=f"editor-{kind}", classes=f"set-editor {classes}")
        self.kind = kind

    def compose(self) -> ComposeResult:
        yield Static(id=f"cue-{self.kind}", classes="set-cue", markup=False)
        yield SetList(self.kind, id=f"set-{self.kind}")
        yield Label(id=error_label_id(set_field(self.kind)), classes="field-error",
                    markup=False)


class LowerSteps(Vertical):
    """Steps 4, the sets and 5 (see the module docstring)."""

    class Mounted(Message):
        """The steps are in: the screen shows the draft in them."""

    def compose(self) -> ComposeResult:
        with Vertical(id="step-frequency", classes="step"):
            yield Static("4 · Determine frequency", classes="step-title")
            with Vertical(id="frequency"):
                for row in range(0, len(FREQUENCY_FIELDS), 2):
                    with Horizontal(classes="field-row"):
                        for field, input_id, label, hint in (pair := FREQUENCY_FIELDS[row:row + 2]):
                            last = " -last" if input_id == pair[-1][1] else ""  # see the CSS
                            with Vertical(classes=f"field field-{input_id} -quiet{last}"):
                                yield Label(label, classes="field-label")
                                yield FieldInput(id=input_id, compact=True)
                                yield Static(hint, classes="field-hint", markup=False)
                                # Its line is kept when it is hidden (the field is
                                # "-quiet", as it starts): an error moves nothing below.
                                yield Label(id=error_label_id(field),
                                            classes="field-error -reserved", markup=False)
            yield Checkbox(BREAK_SETTING_LABEL, True, id="mental-break", compact=True)
            yield Static(BREAK_ADVICE, classes="field-hint", markup=False)
        with Vertical(id="step-sets", classes="step"):
            yield Static("Sets for the day's triggers", classes="step-title")
            yield Static("Filled from your core set and extras; ctrl+r fills them "
                         "again. +/- more or less, i add, x remove.", classes="step-hint")
            yield Label(id=error_label_id("sets"), classes="field-error", markup=False)
            with Vertical(id="sets"):
                for kinds in (TRIGGER_ORDER[0:2], TRIGGER_ORDER[2:4], TRIGGER_ORDER[4:]):
                    with Horizontal(classes="set-row"):
                        for kind in kinds:
                            yield SetEditor(kind, "-last" if kind == kinds[-1] else "")
        with Vertical(id="step-document", classes="step"):
            yield Static("5 · Document", classes="step-title")
            yield Static(DOCUMENT_HINT, classes="step-hint", markup=False)

    def on_mount(self) -> None:
        self.post_message(self.Mounted())

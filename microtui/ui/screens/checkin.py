"""The check-in and mobility dialogs: the guide's subjective and objective progress checks.

* :class:`CheckinScreen` asks for stiffness, energy and focus on a 1-10 scale, by keys
  alone: a digit rates the selected line (``0`` is 10) and moves on, ``←``/``→`` nudge it,
  ``↑``/``↓`` or ``tab`` move between lines, ``enter`` saves, ``escape`` skips. It dismisses
  with the check-in record (:func:`microtui.core.checkin.make_checkin`) or None.
* :class:`MobilityScreen` asks for the four angles of the fortnightly mobility screen, each
  with a one-line how-to. A value outside 0-180 degrees (or not a number) is refused with
  the reason next to its field and nothing is dismissed. It dismisses with the measurement
  record or None.

Neither saves anything: the caller stores the record (in a thread worker, through the
store), so these dialogs can be opened from any screen.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.reactive import reactive
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, Input, Label, Static

from microtui.core.checkin import (
    METRIC_HINTS,
    METRIC_TITLES,
    METRICS,
    MOBILITY_FIELDS,
    MOBILITY_HOWTO,
    MOBILITY_TITLES,
    MOMENT_TITLES,
    MOMENTS,
    SCALE_MAX,
    SCALE_MIN,
    CheckinError,
    make_checkin,
    make_mobility,
    mobility_problems,
)
from microtui.ui.widgets.field_input import FieldInput

if TYPE_CHECKING:
    from microtui.core.clock import Clock


class RatingRow(Widget, can_focus=True):
    """One metric: its name, the 1-10 scale with the chosen value marked, and a hint."""

    DEFAULT_CSS = """
    RatingRow {
        height: 2;
        padding: 0 1;
    }
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "rating-row--name",
        "rating-row--chosen",
        "rating-row--scale",
        "rating-row--hint",
        "rating-row--unset",
    }

    value: reactive[int | None] = reactive(None)

    def __init__(self, metric: str, value: int | None = None, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.metric = metric
        self.set_reactive(RatingRow.value, value)

    def render(self) -> Text:
        name_style = self.get_component_rich_style("rating-row--name")
        chosen = self.get_component_rich_style("rating-row--chosen")
        scale = self.get_component_rich_style("rating-row--scale")
        hint = self.get_component_rich_style("rating-row--hint")
        unset = self.get_component_rich_style("rating-row--unset")
        line = Text(no_wrap=True, overflow="ellipsis")
        line.append("▸ " if self.has_focus else "  ", style=name_style)
        line.append(f"{METRIC_TITLES[self.metric]:<10}", style=name_style)
        for n in range(SCALE_MIN, SCALE_MAX + 1):
            line.append(" ")
            line.append(f"{n:>2}" if n < 10 else "10",
                        style=chosen if n == self.value else scale)
        line.append("   ")
        line.append(f"{self.value:>2}" if self.value is not None else " –",
                    style=name_style if self.value is not None else unset)
        line.append("\n")
        line.append(f"  {'':<10} {METRIC_HINTS[self.metric]}", style=hint)
        return line

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()


#: The check-in's keys, in its border: in full, and for a narrow terminal (60 columns).
KEYS_WIDE = "1-9, 0 = 10 · ←→ adjust · ↑↓ move · enter save · esc skip"
KEYS_NARROW = "1-9, 0=10 · ←→ · ↑↓ · enter save · esc skip"


class CheckinScreen(ModalScreen[dict[str, Any] | None]):
    """Rate stiffness, energy and focus 1-10 by keys; dismisses with the record or None.

    ``moment`` is ``"start"`` or ``"end"`` (of the working day). ``day`` defaults to the
    clock's date when saved; ``clock`` to ``app.clock``; ``initial`` pre-fills the ratings
    (to change an answer given earlier).
    """

    CSS_PATH = "checkin.tcss"
    BINDING_GROUP_TITLE = "Check-in"
    BINDINGS: ClassVar[list[BindingType]] = [
        *(Binding(str(n), f"rate({n or 10})", f"Rate {n or 10}", id=f"checkin.rate-{n}",
                  show=False) for n in range(10)),
        Binding("left", "nudge(-1)", "Lower", id="checkin.lower", key_display="←"),
        Binding("right", "nudge(1)", "Higher", id="checkin.higher", key_display="→"),
        Binding("up", "move(-1)", "Previous", id="checkin.previous", key_display="↑"),
        Binding("down", "move(1)", "Next", id="checkin.next", key_display="↓"),
        Binding("enter", "save", "Save", id="checkin.save"),
        Binding("escape", "skip", "Skip", id="checkin.skip"),
        Binding("p", "play_end_set", "Play the set", id="checkin.play-end-set"),
        Binding("x", "skip_end_set", "Skip the set", id="checkin.skip-end-set"),
    ]

    class EndSetSkipped(Message):
        """``x``: the End of Day set offered on quitting (``event_id``) is skipped."""

        def __init__(self, event_id: str) -> None:
            super().__init__()
            self.event_id = event_id

    def __init__(self, moment: str, *, clock: Clock, day: date | None = None,
                 initial: Mapping[str, Any] | None = None, end_set: str | None = None,
                 end_set_id: str | None = None, rate: bool = True) -> None:
        if moment not in MOMENTS:
            raise ValueError(f"moment must be 'start' or 'end', got {moment!r}")
        super().__init__()
        #: Quitting late offers the End of Day set (its name) with the check-in; ``rate``
        #: False asks no ratings (the check-in is answered already).
        self.end_set, self.end_set_id, self.rate = end_set, end_set_id, rate
        self.end_set_choice: str | None = None
        """``"play"`` or ``"skip"`` once chosen (``p``/``x``)."""
        self.moment = moment
        self.day = day
        self._clock = clock
        self._next_row: RatingRow | None = None
        self._moves_pending = 0
        initial = initial or {}
        self._initial = {m: v for m in METRICS
                         if isinstance(v := initial.get(m), int) and SCALE_MIN <= v <= SCALE_MAX}

    def compose(self) -> ComposeResult:
        with Vertical(id="checkin-dialog") as dialog:
            dialog.border_title = f"{MOMENT_TITLES[self.moment]} · check-in"
            dialog.border_subtitle = KEYS_WIDE
            question = ("How do you feel as the day starts?" if self.moment == "start"
                        else "How do you feel as the day ends?")
            if self.end_set is not None:
                yield Static(f"Before logging off: your {self.end_set} set is not done. "
                             "p plays it now, x skips it.", id="checkin-end-set",
                             markup=False)
            if not self.rate:
                dialog.border_title = f"{MOMENT_TITLES[self.moment]} · before logging off"
                return
            yield Static(question, id="checkin-question", markup=False)
            for metric in METRICS:
                yield RatingRow(metric, self._initial.get(metric), id=f"rate-{metric}")
            yield Static("", id="checkin-error", markup=False)

    def on_resize(self) -> None:
        """The keys in the border, whole: shorter words in a narrow terminal."""
        dialog = self.query_one("#checkin-dialog")
        room = dialog.outer_size.width - 6  # the corners, the padding, the rule
        keys = KEYS_WIDE if len(KEYS_WIDE) <= room else KEYS_NARROW
        offer = "p play · x skip · " if self.end_set_choice is None else ""
        dialog.border_subtitle = keys if self.rate else f"{offer}esc quit"

    def on_mount(self) -> None:
        if self.rows:
            self.rows[0].focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("play_end_set", "skip_end_set"):
            return self.end_set is not None and self.end_set_choice is None
        if action in ("rate", "nudge", "move", "save"):
            return self.rate
        return True

    def action_play_end_set(self) -> None:
        if self.end_set is not None and self.end_set_choice is None:
            self.end_set_choice = "play"
            self.dismiss(None)  # the set plays now; the check-in comes after it

    def action_skip_end_set(self) -> None:
        if self.end_set_id is None or self.end_set_choice is not None:
            return
        self.end_set_choice = "skip"
        self.post_message(self.EndSetSkipped(self.end_set_id))  # logged at once
        self.query_one("#checkin-end-set", Static).update(
            f"Your {self.end_set} set is skipped for today.")
        self.refresh_bindings()
        self.on_resize()

    @property
    def rows(self) -> list[RatingRow]:
        return list(self.query(RatingRow))

    @property
    def ratings(self) -> dict[str, int | None]:
        return {row.metric: row.value for row in self.rows}

    @property
    def error(self) -> str:
        return str(self.query_one("#checkin-error", Static).content)

    def _current(self) -> RatingRow:
        # Focus moves on a later turn of the app's queue (``Widget.focus``); keys typed
        # faster than that (a pasted "756", tmux send-keys, a busy machine) go to the row
        # the last key moved to, remembered here until every such move has landed. Not from
        # the focus events: each row sends its own from its own queue, so on a busy machine
        # they arrive out of order (a rating went to the row left two keys before).
        if self._moves_pending and self._next_row is not None:
            return self._next_row
        focused = self.focused
        return focused if isinstance(focused, RatingRow) else self.rows[0]

    def _go_to(self, row: RatingRow) -> None:
        self._next_row = row
        self._moves_pending += 1
        row.focus()
        self.app.call_later(self._move_landed)  # after the focus it asked for (same queue)

    def _move_landed(self) -> None:
        self._moves_pending -= 1

    def _show_error(self, message: str) -> None:
        error = self.query_one("#checkin-error", Static)
        error.update(message)
        error.set_class(bool(message), "-visible")

    def action_rate(self, value: int) -> None:
        row = self._current()
        row.value = value
        self._show_error("")
        rows = self.rows
        index = rows.index(row)
        if index + 1 < len(rows):
            self._go_to(rows[index + 1])

    def action_nudge(self, step: int) -> None:
        row = self._current()
        value = 5 if row.value is None else row.value + step
        row.value = max(SCALE_MIN, min(SCALE_MAX, value))
        self._show_error("")

    def action_move(self, step: int) -> None:
        rows = self.rows
        index = (rows.index(self._current()) + step) % len(rows)
        self._go_to(rows[index])

    def action_save(self) -> None:
        missing = [row for row in self.rows if row.value is None]
        if missing:
            names = ", ".join(METRIC_TITLES[row.metric].lower() for row in missing)
            self._show_error(f"Rate {names} too (1-10), or press escape to skip.")
            self._go_to(missing[0])
            return
        clock = self._clock
        now = clock.now()
        try:
            record = make_checkin(self.day or now.date(), self.moment, self.ratings, now)
        except CheckinError as exc:  # pragma: no cover - the rows only hold 1-10
            self._show_error(str(exc))
            return
        self.dismiss(record)

    def action_skip(self) -> None:
        self.dismiss(None)


class MobilityScreen(ModalScreen[dict[str, Any] | None]):
    """The fortnightly mobility screen: four angles in degrees, each with how to measure it.

    ``enter`` moves to the next field and, on the last, saves; a refused value is explained
    next to its field and nothing is dismissed. ``escape`` cancels (None).
    """

    CSS_PATH = "checkin.tcss"
    BINDING_GROUP_TITLE = "Mobility screen"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="mobility.cancel"),
        Binding("ctrl+s", "save", "Save", id="mobility.save"),
    ]

    def __init__(self, *, clock: Clock, day: date | None = None,
                 initial: Mapping[str, Any] | None = None) -> None:
        super().__init__()
        self.day = day
        self._clock = clock
        self._initial = dict(initial or {})

    def compose(self) -> ComposeResult:
        with Vertical(id="mobility-dialog") as dialog:
            dialog.border_title = "Mobility screen · every two weeks"
            dialog.border_subtitle = "enter next · ctrl+s save · esc cancel"
            yield Static("Estimate each angle in degrees (0-180). Move gently, never into "
                         "pain.", id="mobility-intro", markup=False)
            for field in MOBILITY_FIELDS:
                with Vertical(classes="mobility-field"):
                    with Horizontal(classes="mobility-row"):
                        yield Label(MOBILITY_TITLES[field], classes="mobility-label")
                        value = self._initial.get(field)
                        yield FieldInput("" if value is None else str(value),
                                         placeholder="°", id=f"mobility-{field}",
                                         max_length=6, type="number")
                        yield Static("", id=f"mobility-{field}-error",
                                     classes="mobility-error", markup=False)
                    yield Static(MOBILITY_HOWTO[field], classes="mobility-howto",
                                 markup=False)
            with Horizontal(id="mobility-buttons"):
                yield Button("Save", variant="primary", id="mobility-save")
                yield Button("Cancel", id="mobility-cancel")

    def on_mount(self) -> None:
        self.query_one(f"#mobility-{MOBILITY_FIELDS[0]}", Input).focus()

    def error_of(self, field: str) -> str:
        return str(self.query_one(f"#mobility-{field}-error", Static).content)

    @property
    def values(self) -> dict[str, str]:
        return {f: self.query_one(f"#mobility-{f}", Input).value for f in MOBILITY_FIELDS}

    def _show_error(self, field: str, message: str) -> None:
        error = self.query_one(f"#mobility-{field}-error", Static)
        error.update(message)
        error.set_class(bool(message), "-visible")
        self.query_one(f"#mobility-{field}", Input).set_class(bool(message), "-invalid")

    @on(Input.Changed)
    def _clear_error(self, event: Input.Changed) -> None:
        if event.input.id and event.input.id.startswith("mobility-"):
            self._show_error(event.input.id.removeprefix("mobility-"), "")

    @on(Input.Submitted)
    def _next_or_save(self, event: Input.Submitted) -> None:
        field = (event.input.id or "").removeprefix("mobility-")
        index = MOBILITY_FIELDS.index(field) if field in MOBILITY_FIELDS else -1
        problems = mobility_problems({field: event.value}) if index >= 0 else {}
        if field in problems:
            self._show_error(field, _sentence(problems[field].reason))
            return
        if 0 <= index < len(MOBILITY_FIELDS) - 1:
            self.query_one(f"#mobility-{MOBILITY_FIELDS[index + 1]}", Input).focus()
            return
        self.action_save()

    @on(Button.Pressed, "#mobility-save")
    def action_save(self) -> None:
        values = self.values
        problems = mobility_problems(values)
        for field in MOBILITY_FIELDS:
            self._show_error(field, _sentence(problems[field].reason) if field in problems
                             else "")
        if problems:
            first = next(f for f in MOBILITY_FIELDS if f in problems)
            self.query_one(f"#mobility-{first}", Input).focus()
            return
        clock = self._clock
        self.dismiss(make_mobility(self.day or clock.now().date(), values))

    @on(Button.Pressed, "#mobility-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]

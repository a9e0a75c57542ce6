"""The dialog Today opens with ``m`` (a meeting to add to today, by its start and title) and
with ``e`` (the selected set's typed meeting, to move or rename)."""

from __future__ import annotations

from datetime import time
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from microtui.core.routine import TriggerKind
from microtui.core.time_text import parse_hhmm
from microtui.ui.presenters.timeline_rows import plural
from microtui.ui.widgets.field_input import FieldInput

if TYPE_CHECKING:
    from microtui.core.routine import Routine
    from microtui.core.schedule import ScheduleSettings


class MeetingDialog(ModalScreen[tuple[time, str] | None]):
    """Two fields: the meeting's start (HH:MM) and its title. Nothing is saved until the
    time is a valid time of day; a bad one is explained next to the field.

    ``lead_minutes``: how long before a meeting the routine puts its set (None: the routine
    has no set before meetings); the dialog says so. It is dismissed with (start, title),
    or None when cancelled.
    """

    CSS_PATH = "meeting_dialog.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="meeting.cancel"),
    ]
    BINDING_GROUP_TITLE = "Add a meeting"

    def __init__(self, lead_minutes: int | None = None, *,
                 meeting: tuple[time, str] | None = None) -> None:
        super().__init__()
        self.lead_minutes = lead_minutes
        self.meeting = meeting
        """The meeting being edited (its start and title); None adds a new one."""

    @classmethod
    def for_routine(cls, routine: Routine, schedule: ScheduleSettings, *,
                    meeting: tuple[time, str] | None = None) -> MeetingDialog:
        """The dialog for a day that follows ``routine`` with ``schedule``: the schedule's
        lead before meetings if it has one, else the routine's pre-meeting set's."""
        trigger = routine.trigger(TriggerKind.PRE_MEETING)
        if trigger is None:
            return cls(None, meeting=meeting)
        lead = schedule.pre_meeting_lead_minutes
        return cls((trigger.lead_minutes or 0) if lead is None else lead, meeting=meeting)

    def compose(self) -> ComposeResult:
        with Vertical(id="meeting-dialog") as dialog:
            editing = self.meeting is not None
            at, title = self.meeting if self.meeting is not None else (None, "")
            verb = "save" if editing else "add"
            dialog.border_title = "Edit the meeting" if editing else "Add a meeting today"
            dialog.border_subtitle = f"enter {verb} · esc cancel"
            with Horizontal(classes="meeting-row"):
                yield Label("Time", classes="meeting-label")
                yield FieldInput(f"{at:%H:%M}" if at is not None else "",
                                 placeholder="HH:MM", id="meeting-time", max_length=5)
                yield Static("", id="meeting-time-error", markup=False)
            with Horizontal(classes="meeting-row"):
                yield Label("Title", classes="meeting-label")
                yield Input(title, placeholder="Meeting", id="meeting-title", max_length=80)
            if self.lead_minutes is None:
                hint = "Your routine has no set before meetings."
            elif self.lead_minutes:
                hint = f"A set comes {plural(self.lead_minutes, 'minute')} before it."
            else:
                hint = "A set comes as it starts."
            yield Static(hint, id="meeting-hint", markup=False)
            with Horizontal(id="meeting-buttons"):
                yield Button(verb.capitalize(), variant="primary", id="meeting-add")
                yield Button("Cancel", id="meeting-cancel")

    def on_mount(self) -> None:
        self.query_one("#meeting-time", Input).focus()

    @on(Input.Changed, "#meeting-time")
    def _clear_error(self) -> None:
        self._show_error("")

    def _show_error(self, message: str) -> None:
        error = self.query_one("#meeting-time-error", Static)
        error.update(message)
        error.set_class(bool(message), "-visible")
        self.query_one("#meeting-time", Input).set_class(bool(message), "-invalid")

    @on(Input.Submitted)
    @on(Button.Pressed, "#meeting-add")
    def _submit(self) -> None:
        time_input = self.query_one("#meeting-time", Input)
        try:
            at = parse_hhmm(time_input.value)
        except ValueError as exc:
            message = str(exc)
            self._show_error(message[:1].upper() + message[1:])
            time_input.focus()
            return
        title = " ".join(self.query_one("#meeting-title", Input).value.split())
        self.dismiss((at, title or "Meeting"))

    @on(Button.Pressed, "#meeting-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)

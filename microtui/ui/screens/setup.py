"""The first-run setup (:mod:`microtui.core.first_run`): on a fresh data directory, before
Today, four fields with the guide's day plan filled in, its safety advice, and what happens
next. ``enter`` takes what the fields say; a field that does not read is explained beside
it and nothing is saved. The answers are saved through the store's one settings update
(under its lock), in a thread worker; the screen is then dismissed with a
:class:`SetupAnswered` for the app to follow.

A first start late in the workday (or on a day off) shows one more step: one set now
(``p``), or not (``enter``); the plan starts on the next working day either way.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Input, Label, Static

from microtui.core.first_run import (
    SETUP_FIELDS,
    SetupAnswers,
    first_day,
    starts_late,
    what_happens_next,
)
from microtui.core.routine import Routine, Trigger, TriggerKind
from microtui.core.safety import SAFETY_ADVICE
from microtui.core.schedule import ScheduleSettings
from microtui.core.settings import UserSettings
from microtui.core.time_text import WEEKDAY_TITLES, fmt_seconds
from microtui.ui.services import Services
from microtui.ui.widgets.field_input import FieldInput

FORM_KEYS = "enter start with these · tab next field · ctrl+q quit"
LATE_KEYS = "p one set now · enter not now"


@dataclass(frozen=True)
class SetupAnswered:
    """What the setup saved: the schedule, and the moment the day started (None: the plan
    starts another day)."""

    schedule: ScheduleSettings
    first_seen: datetime | None


def field_id(field: str) -> str:
    return "setup-" + field.replace("_", "-")


def error_id(field: str) -> str:
    return "setup-error-" + field.replace("_", "-")


def one_set_now(routine: Routine) -> Trigger:
    """The set a late first start offers: the routine's Start of Day (the guide: "start
    each session with the core bracing cue"), else its first set."""
    return routine.trigger(TriggerKind.START_OF_DAY) or routine.triggers[0]


class SetupScreen(Screen[None]):
    """The first-run setup (see the module docstring)."""

    CSS_PATH = "setup.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        # Priority: the fields' own enter would only submit the one field.
        Binding("enter", "accept", "Start with these", priority=True, id="setup.accept"),
        Binding("p", "play_now", "One set now", id="setup.play-now"),
        Binding("down", "app.focus_next", "Next field", show=False),
        Binding("up", "app.focus_previous", "Previous field", show=False),
    ]
    AUTO_FOCUS = "#setup-workday-start"
    BINDING_GROUP_TITLE = "First-run setup"

    class Saved(Message):
        """The answers are saved: the app follows them from now on."""

        def __init__(self, answered: SetupAnswered) -> None:
            super().__init__()
            self.answered = answered

    class Finished(Message):
        """The setup is over: Today next (and one set now, if ``play_now``)."""

        def __init__(self, play_now: bool = False) -> None:
            super().__init__()
            self.play_now = play_now

    class SaveFailed(Message):
        def __init__(self, error: str) -> None:
            super().__init__()
            self.error = error

    def __init__(self, services: Services) -> None:
        super().__init__()
        self.services = services
        current = services.settings.current
        self.answers = SetupAnswers.defaults(current.schedule, current.routine)
        self.saving = False
        self.saved: SetupAnswered | None = None
        """Set once saved, on a late first start: the answer waits for p or enter."""

    # -- what it shows -------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="setup"):
            yield Static("Welcome to microtui: your workday", id="setup-title")
            with Vertical(id="setup-form"):
                yield Static("The guide's day plan is filled in: enter takes it. Change "
                             "anything here now, or later in Routine (3).", id="setup-intro")
                for field, label, hint in SETUP_FIELDS:
                    with Horizontal(classes="setup-row"):
                        yield Label(label, classes="setup-label")
                        yield FieldInput(getattr(self.answers, field), id=field_id(field),
                                         compact=True, max_length=40)
                        yield Static(hint, classes="setup-hint", markup=False)
                    yield Label(id=error_id(field), classes="setup-error", markup=False)
            yield Static(f"Safety: {SAFETY_ADVICE}", id="setup-safety",
                         markup=False)
            yield Static(id="setup-next", markup=False)
            yield Static(id="setup-status", markup=False)
        yield Static(FORM_KEYS, id="setup-keys", markup=False)

    def on_mount(self) -> None:
        self.show_next()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "play_now":
            return self.saved is not None
        return True

    def read_answers(self) -> SetupAnswers:
        return SetupAnswers(**{field: self.query_one(f"#{field_id(field)}", Input).value
                               for field, *_ in SETUP_FIELDS})

    def show_next(self) -> None:
        """What happens next, for the fields as they are (unchanged while one is wrong)."""
        answers = self.read_answers()
        if answers.problems():
            return
        current = self.services.settings.current
        now = self.services.clock.now()
        schedule = answers.schedule(current.schedule, current.routine, now)
        self.query_one("#setup-next", Static).update(
            "Next: " + what_happens_next(schedule, current.routine, now))

    def show_problems(self, answers: SetupAnswers, *, focus: bool = True) -> bool:
        """Each problem beside its field (the first one focused); True if there are none."""
        problems = answers.problems()
        for field, *_ in SETUP_FIELDS:
            mine = [p.message for p in problems if p.field == field]
            label = self.query_one(f"#{error_id(field)}", Label)
            label.update("\n".join(mine))
            label.display = bool(mine)
            label.set_class(bool(mine), "-shown")
            self.query_one(f"#{field_id(field)}", Input).set_class(bool(mine), "-invalid")
        if problems and focus:  # the first field to put right, its text selected
            first = self.query_one(f"#{field_id(problems[0].field)}", Input)
            first.focus()
            first.select_all()
        return not problems

    @on(Input.Changed)
    def _changed(self) -> None:
        self.show_next()
        shown = self.query(".setup-error").filter(".-shown")  # errors shown: kept true
        if shown and self.show_problems(self.read_answers(), focus=False):
            self.status("", error=False)

    # -- answering -----------------------------------------------------------------------

    def action_accept(self) -> None:
        """``enter``: save the fields (when they all read); on the late step, not now."""
        if self.saved is not None:
            self.post_message(self.Finished())
            return
        if self.saving:
            return
        answers = self.read_answers()
        if not self.show_problems(answers):
            self.status("Nothing is saved until every field reads.", error=True)
            return
        current = self.services.settings.current
        now = self.services.clock.now()
        schedule = answers.schedule(current.schedule, current.routine, now)
        first_seen = None if starts_late(schedule, now) else now
        self.saving = True
        self.status("Saving…", error=False)
        self._save(schedule, first_seen)

    def action_play_now(self) -> None:
        if self.saved is not None:
            self.post_message(self.Finished(play_now=True))

    @work(thread=True, group="setup-save", exit_on_error=False)
    def _save(self, schedule: ScheduleSettings, first_seen: datetime | None) -> None:
        store = self.services.store
        day = self.services.clock.now().date()
        try:
            if store is not None:
                store.update_settings(lambda saved: _answered(saved, schedule, day,
                                                              first_seen))
        except Exception as exc:  # noqa: BLE001 - StoreError, SettingsError and the like
            self.post_message(self.SaveFailed(str(exc)))
            return
        self.post_message(self.Saved(SetupAnswered(schedule, first_seen)))

    def on_setup_screen_save_failed(self, message: SaveFailed) -> None:
        self.saving = False
        self.status(f"Could not save: {message.error}", error=True)

    def on_setup_screen_saved(self, message: Saved) -> None:
        """Saved (the message goes on to the app): Today, or the late step first."""
        self.saving = False
        if message.answered.first_seen is not None:
            self.post_message(self.Finished())
            return
        self.saved = message.answered
        self.show_late_step(message.answered.schedule)

    def show_late_step(self, schedule: ScheduleSettings) -> None:
        """A late first start: the plan starts another day; one set now, if wanted."""
        routine = self.services.settings.current.routine
        now = self.services.clock.now()
        day = first_day(schedule, now)
        trigger = one_set_now(routine)
        length = fmt_seconds(trigger.seconds(self.services.library.exercises))
        self.query_one("#setup-form").display = False
        self.query_one("#setup-next", Static).update(
            f"Saved. It is {now:%H:%M}, late for today: your plan starts on "
            f"{WEEKDAY_TITLES[day.weekday()]} {day.day} {day:%B} at "
            f"{schedule.workday_start:%H:%M}.\n\nOne set now? {trigger.name}, {length}: "
            f"{trigger.set_label(self.services.library.exercises)}.\n"
            "p plays it, enter goes to Today.")
        self.status("", error=False)
        self.query_one("#setup-keys", Static).update(LATE_KEYS)
        self.set_focus(None)
        self.refresh_bindings()

    def status(self, text: str, *, error: bool) -> None:
        line = self.query_one("#setup-status", Static)
        line.update(text)
        line.set_class(error, "-error")


def _answered(saved: UserSettings, schedule: ScheduleSettings, day: date,
              first_seen: datetime | None) -> UserSettings:
    """The stored settings with the setup's answers (and the day's start, if it starts)."""
    settings = saved.with_setup(schedule, day)
    return settings if first_seen is None else settings.with_first_seen(first_seen)

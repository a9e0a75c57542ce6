"""The routine builder: the guide's five steps on one scrollable, keyboard-only form.

"Designing a Personal Micro-Movement Routine": assess your pain points, select a core set of
3–4 movements, add 1–2 targeted extras, determine frequency, and document (the log); then
the sets the day's five triggers play. The form is a ``RoutineDraft``; every change re-runs
:func:`~microtui.core.routine_validation.validate` and shows each problem in a label under its
field (errors and warnings styled apart) and each set's total time as it changes.

``ctrl+s`` saves, unless an error is left: the routine goes to the store (a thread worker;
the built-in "The guide's day plan" is never stored) and becomes the active one, with the
schedule settings the form describes, and the screen posts :class:`RoutineScreen.RoutineSaved`.

Every warning and error is listed under the status line too; ``ctrl+g`` jumps to the field
of each in turn (:mod:`~microtui.ui.screens.routine_problems`). Pending suggestions (the guide's
"Progressive Variation", and the 15-minute interval when energy falls) are listed above the
steps: ``a`` accepts one, ``c`` shows another choice, ``d`` declines it for two weeks
(:mod:`~microtui.ui.screens.routine_offers`).

This module turns the user's keys into changes of the draft and runs the store work. What
the builder knows and decides is in :mod:`~microtui.ui.screens.routine_state`, the form's
widgets in :mod:`~microtui.ui.screens.routine_form`, its dialogs in :mod:`~.routine_dialogs`,
what it reads and writes in :mod:`~microtui.ui.screens.routine_store`.

The builder's writes never overlap and keep the order they were asked in: a save and a
decline both go through one worker method, :meth:`RoutineScreen._write`, and the next one
starts only when the one before has finished. Changes asked for meanwhile wait, in order, in
a list only the screen's own thread touches. Nothing is cancelled: a cancelled save would be
lost without a word.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import ComposeResult, UnknownModeError
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import Input, Select, SelectionList
from textual.worker import Worker

from microtui.core.progression import Suggestion
from microtui.core.routine import TRIGGER_ORDER, Routine
from microtui.core.routine_draft import RoutineDraft
from microtui.core.routine_validation import errors_only, set_field
from microtui.core.schedule import ScheduleSettings
from microtui.ui.screens.routine_dialogs import (
    ConfirmDiscardScreen,
    ExercisePickerScreen,
    Unsaved,
)
from microtui.ui.screens.routine_form import INPUT_FIELDS, Form, SetList, SuggestionList
from microtui.ui.screens.routine_offers import IntervalChanged, Offers
from microtui.ui.screens.routine_problems import ProblemList
from microtui.ui.screens.routine_state import BuilderState, bound_message
from microtui.ui.screens.routine_store import (
    CalendarRefused,
    DeclineFailed,
    Saved,
    SaveFailed,
    SettingsWritten,
    StoreChange,
    StoreRead,
    StoreReadFailed,
    write_change,
)
from microtui.ui.textual_compat import ModeScreen
from microtui.ui.widgets.footer import Footer
from microtui.ui.widgets.header import Header

if TYPE_CHECKING:
    from microtui.calendar_source import CalendarSource
    from microtui.core.clock import Clock
    from microtui.store import Store
    from microtui.ui.services import Services

CSS_FILE = Path(__file__).with_name("routine.tcss")
#: How far back the session log is read for progression suggestions.
HISTORY_DAYS = 120
#: The builder's thread workers: the read at the start and the writes.
STORE_GROUP = "routine-store"


class RoutineScreen(ModeScreen[None]):
    """Build, edit, pick and save routines. See the module docstring."""

    CSS_PATH = CSS_FILE
    SUB_TITLE = "Routine"
    BINDING_GROUP_TITLE = "Routine"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", id="routine.save"),
        Binding("escape", "leave", "Back", id="routine.leave"),
        Binding("ctrl+n", "new", "New", id="routine.new"),
        Binding("ctrl+r", "refill", "Refill", id="routine.refill"),
        Binding("ctrl+g", "next_problem", "Next warning", id="routine.next-warning"),
    ]

    class RoutineSaved(Message):
        """A routine was saved and made active; the app rebuilds Today from it."""

        def __init__(self, routine: Routine, settings: ScheduleSettings,
                     calendar_path: CalendarSource | None = None) -> None:
            super().__init__()
            self.routine = routine
            self.settings = settings
            self.calendar_path = calendar_path

    def __init__(self, services: Services) -> None:
        super().__init__()
        current = services.settings.current
        self.store: Store | None = services.store
        self.clock: Clock = services.clock
        self.state = BuilderState(services.library, current.schedule, current.routine)
        self.exercises = self.state.exercises
        self._saving = False
        self._after_save: Callable[[], None] | None = None
        """What to do once the save under way is written (the unsaved-changes dialog's Save)."""
        #: Store changes waiting for the running write to finish (this thread's only).
        self._unwritten: list[StoreChange] = []
        self._writer: Worker[None] | None = None
        self.offers = Offers(self)

    @property
    def draft(self) -> RoutineDraft:
        return self.state.draft

    @property
    def source_id(self) -> str | None:
        """The routine being edited (None: a new one)."""
        return self.state.source_id

    @property
    def suggestions(self) -> list[Suggestion]:
        return self.state.suggestions

    @property
    def dirty(self) -> bool:
        return self.state.dirty

    def compose(self) -> ComposeResult:
        yield Header()
        yield Form(id="routine-form")
        yield Footer(compact=True)

    @property
    def form(self) -> Form:
        return self.query_one(Form)

    def on_mount(self) -> None:
        self._refresh_picker()
        self._show_draft()
        # Step 1 first: typed keys (?, q, 1-5) must not land in a field; ctrl+n goes to it.
        self.query_one("#pain-points", SelectionList).focus()
        if self.store is not None:
            since = self._today() - timedelta(days=HISTORY_DAYS)
            self._read_store(self.store, since.isoformat())

    def _today(self) -> date:
        return self.clock.now().date()

    # -- the store (thread workers) --------------------------------------------------------

    @work(thread=True, group=STORE_GROUP, exit_on_error=False)
    def _read_store(self, store: Store, since: str) -> None:
        try:
            settings = store.user_settings()
            routines = store.routines()
            sessions = store.sessions(since=since)
            checkins = store.checkins()
        except Exception as exc:  # noqa: BLE001 - shown to the user, the form still works
            self.post_message(StoreReadFailed(str(exc)))
            return
        self.post_message(StoreRead(settings, routines, sessions, checkins))

    def _queue_write(self, store: Store, change: StoreChange) -> None:
        """Write ``change`` after the writes asked for before it (see the module docstring)."""
        self._unwritten.append(change)
        self._write_next(store)

    def _write_next(self, store: Store) -> None:
        if self._writer is None and self._unwritten:
            changes, self._unwritten = self._unwritten, []
            self._writer = self._write(store, changes)

    @work(thread=True, group=STORE_GROUP, exit_on_error=False)
    def _write(self, store: Store, changes: list[StoreChange]) -> None:
        """Write ``changes`` in order, reporting each: the only writer while it runs."""
        for change in changes:
            if (reply := write_change(store, change, self.clock.now())) is not None:
                self.post_message(reply)

    @on(Worker.StateChanged)
    def _worker_changed(self, event: Worker.StateChanged) -> None:
        if event.worker is self._writer and event.worker.is_finished:
            self._writer = None
            if self.store is not None:
                self._write_next(self.store)

    @on(StoreReadFailed)
    def _store_read_failed(self, message: StoreReadFailed) -> None:
        self.notify(message.error, title="Could not read saved routines", severity="error")

    @on(StoreRead)
    def _store_read(self, message: StoreRead) -> None:
        state = self.state
        bad = state.read(message.settings, message.routines, message.sessions)
        self.offers.read(message.settings, message.checkins)
        self.form.show_break(message.settings.mental_break)
        if bad:
            self.notify("\n".join(bad), title="Some saved routines could not be read",
                        severity="warning")
        pristine = not state.dirty
        self._refresh_picker()
        shown = state.draft
        if pristine and state.source_id is not None:  # now with its design and calendar
            state.load(state.routine_by_id(state.source_id) or state.active_routine)
        if state.draft != shown:
            self._show_draft()
        else:  # as shown (or edits already made: kept); the progression offers are new
            self._update()

    # -- showing the draft -------------------------------------------------------------------

    def _load(self, routine: Routine) -> None:
        """Edit ``routine``: the form shows it."""
        self.state.load(routine)
        self._show_draft()

    def _new(self) -> None:
        self.state.new()
        self._show_draft()
        self.form.focus_field("name")

    def _change(self, draft: RoutineDraft) -> None:
        """The user changed the form: keep the new draft and refresh what depends on it."""
        if draft == self.state.draft:
            return
        if self.state.change(draft):
            self.form.show_choices(self.state.draft, self.exercises)
        self._update()

    def _show_draft(self) -> None:
        """Put the whole draft into the widgets (after loading or starting anew)."""
        state = self.state
        self.form.show_fields(state.draft, state.picked(state.picker_options()))
        self.form.show_choices(state.draft, self.exercises)
        self._update()

    def _update(self) -> None:
        """Validate and refresh every label, set and status that follows from the draft."""
        state, form = self.state, self.form
        problems = state.check()
        form.show_problems(problems, state.draft)
        for kind in TRIGGER_ORDER:
            form.show_set(kind, state.draft, self.exercises,
                          [p for p in problems if p.field == set_field(kind)])
        self.offers.refresh(self._today())
        form.show_status(state.status(), error=bool(errors_only(problems)))

    # What the Progress box (routine_offers) and the problem list ask of the screen.
    change_draft, refresh_form, show_draft = _change, _update, _show_draft

    def write(self, change: StoreChange) -> None:
        if self.store is not None:
            self._queue_write(self.store, change)

    @on(SettingsWritten)
    def _settings_written(self, message: SettingsWritten) -> None:
        if message.settings.schedule != self.state.settings:  # the 15-minute interval
            self.state.settings = message.settings.schedule
            self.post_message(IntervalChanged(message.settings.schedule))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return bool(self.state.problems) if action == "next_problem" else True

    def action_next_problem(self) -> None:
        """``ctrl+g``: to the field of the next warning or error in the list."""
        self._go_to_field(ProblemList.GoToField(self.form.query_one(ProblemList).next()))

    @on(ProblemList.GoToField)
    def _go_to_field(self, message: ProblemList.GoToField) -> None:
        self.form.focus_field(message.field)
        self.form.show_field(message.field)

    def _refresh_picker(self) -> None:
        options = self.state.picker_options()
        self.form.show_routines(options, self.state.picked(options))

    # -- form events -------------------------------------------------------------------------

    @on(Select.Changed, "#routine-picker")
    def _picked_routine(self, event: Select.Changed) -> None:
        value = event.value
        if value is Select.NULL:  # the picker's blank: "New routine"
            if self.state.source_id is not None:
                self.action_new()
            return
        if value == self.state.source_id:
            return
        routine = self.state.routine_by_id(str(value))
        if routine is None:
            return

        def load(go_on: bool) -> None:
            if go_on:
                self._load(routine)
                self.notify(f"Loaded {routine.name}: ctrl+s makes it your active routine.")
            else:
                self._refresh_picker()  # back to what is being edited

        self._confirm_then(f"Load {routine.name} and lose your unsaved changes?", load)

    @on(Input.Changed)
    def _input_changed(self, event: Input.Changed) -> None:
        field = INPUT_FIELDS.get(event.input.id or "")
        if field is not None:
            self._change(self.state.with_field(field, event.value))
            if event.input.has_focus:  # its error, below it, in view as it is typed
                self.form.show_field(field)

    @on(SelectionList.SelectedChanged, "#pain-points")
    def _pains_changed(self, event: SelectionList.SelectedChanged) -> None:
        self._change(self.state.with_pains(event.selection_list.selected))

    @on(SelectionList.SelectedChanged, "#core")
    def _core_changed(self, event: SelectionList.SelectedChanged) -> None:
        self._change(self.state.with_core(event.selection_list.selected))

    @on(SelectionList.SelectedChanged, "#extras")
    def _extras_changed(self, event: SelectionList.SelectedChanged) -> None:
        self._change(self.state.with_extras(event.selection_list.selected))

    @on(SetList.AdjustItem)
    def _adjust_item(self, message: SetList.AdjustItem) -> None:
        draft = self.state.adjusted(message.kind, message.index, message.step)
        if draft is None:
            item = self.state.draft.items(message.kind)[message.index]
            exercise = self.exercises[item.exercise_id]
            self.notify(bound_message(exercise, message.step), timeout=3)
            return
        self._change(draft)

    @on(SetList.RemoveItem)
    def _remove_item(self, message: SetList.RemoveItem) -> None:
        self._change(self.state.without_item(message.kind, message.index))

    @on(SetList.AddExercise)
    def _pick_exercise(self, message: SetList.AddExercise) -> None:
        kind = message.kind

        def add(exercise_id: str | None) -> None:
            if exercise_id is None:
                return
            self._change(self.state.with_item(kind, exercise_id))
            self.form.focus_item(kind, len(self.state.draft.items(kind)) - 1)

        title = f"Add to {self.state.draft.trigger_title(kind)}"
        self.app.push_screen(ExercisePickerScreen(title, self.state.exercise_groups()), add)

    @on(SuggestionList.AcceptSuggestion)
    def _accept_suggestion(self, message: SuggestionList.AcceptSuggestion) -> None:
        self.offers.accept(message.exercise_id, self._today())

    @on(SuggestionList.DeclineSuggestion)
    def _decline_suggestion(self, message: SuggestionList.DeclineSuggestion) -> None:
        self.offers.decline(message.exercise_id, self._today())

    @on(SuggestionList.OtherChoice)
    def _other_choice(self, message: SuggestionList.OtherChoice) -> None:
        self.offers.other(message.exercise_id)

    @on(DeclineFailed)
    def _decline_failed(self, message: DeclineFailed) -> None:
        self.notify(message.error, title="Could not save", severity="error")

    # -- actions -----------------------------------------------------------------------------

    def action_refill(self) -> None:
        """Fill the five sets again from the core set and extras."""
        self._change(self.state.refilled())
        self.notify("Sets filled again from your core set and extras.", timeout=3)

    def action_new(self) -> None:
        """Start a new routine from the guide's suggestions."""
        def start(go_on: bool) -> None:
            if go_on:
                self._new()
            else:
                self._refresh_picker()

        self._confirm_then("Start a new routine and lose your unsaved changes?", start)

    def action_leave(self) -> None:
        """Leave the routine builder (asks first when there are unsaved changes)."""

        def leave(go_on: bool) -> None:
            if not go_on:
                return
            self._discard()
            if len(self.app.screen_stack) > 1 and self.app.screen is self:
                self.dismiss()
            else:  # the app's modes are set up per instance, not in App.MODES
                with contextlib.suppress(UnknownModeError):
                    self.app.switch_mode("today")

        self._confirm_then("Leave without saving your changes?", leave)

    def _discard(self) -> None:
        if self.state.dirty:
            self.state.discard()
            self._show_draft()
            self._refresh_picker()

    def _confirm_then(self, question: str, then: Callable[[bool], None]) -> None:
        """``then(True)`` once the changes are saved or discarded (at once if there are
        none), ``then(False)`` to keep editing them."""
        if not self.state.dirty:
            then(True)
            return

        def answered(answer: Unsaved | None) -> None:
            if answer is Unsaved.SAVE:
                if not self.save_then(lambda: then(True)):
                    then(False)
            else:
                then(answer is Unsaved.DISCARD)

        self.app.push_screen(ConfirmDiscardScreen(question), answered)

    def action_save(self) -> None:
        """Save the routine and make it the active one (refused while an error is left)."""
        self._request_save()

    def save_then(self, after: Callable[[], None]) -> bool:
        """Save, and call ``after`` once it is written; False if the save is refused (an
        error is left: it is shown and focused) and ``after`` will not be called."""
        if not self._request_save():
            return False
        self._after_save = after
        return True

    def _request_save(self) -> bool:
        if self.state.calendar_refused is not None and not self._saving:
            self.state.calendar_refused = None  # looked at again by this save
            self._update()
        errors = errors_only(self.state.problems)
        if errors:
            first = errors[0]
            count = f"{len(errors)} error{'s' if len(errors) != 1 else ''}"
            self.notify(f"Not saved: fix {count} first. {first.message}",
                        title="Not saved", severity="error")
            self.form.focus_field(first.field)
            return False
        if self._saving:
            return True
        save = self.state.save()
        if self.store is None:
            self.notify("Nothing saved: no data folder.", severity="error")
            return False
        self._saving = True
        self._queue_write(self.store, save)
        return True

    @on(CalendarRefused)
    def _calendar_refused(self, message: CalendarRefused) -> None:
        self._saving = False
        self.state.calendar_refused = (message.calendar, message.reason)
        self._update()
        self.notify(f"{message.reason} Correct the calendar file or clear it, then ctrl+s.",
                    title="Not saved", severity="error")
        self.form.focus_field("calendar")

    @on(SaveFailed)
    def _save_failed(self, message: SaveFailed) -> None:
        self._saving = False
        self._after_save = None
        self.notify(message.error, title="Not saved", severity="error")

    @on(Saved)
    def _saved(self, message: Saved) -> None:
        self._saving = False
        self.state.saved_as(message.save, message.settings, self._today())
        self._refresh_picker()
        self._update()
        routine = message.save.routine
        self.notify(f"{routine.name} is now your active routine.", title="Saved")
        calendar = None
        if self.store is not None:  # an address it will not fetch: its fetch says why
            from microtui.calendar_source import calendar_source  # (and hashlib) on a save
            calendar = calendar_source(self.state.calendar_path, self.store.data_dir, strict=False)
        self.post_message(self.RoutineSaved(routine, message.settings, calendar))
        after, self._after_save = self._after_save, None
        if after is not None:
            after()

"""The routine builder: the guide's five steps on one scrollable, keyboard-only form.

"Designing a Personal Micro-Movement Routine": pain points, a core set of 3–4 movements,
1–2 targeted extras, the frequency, and the sets the day's five triggers play. The form is a
:class:`~microtui.core.routine_design.RoutineDraft`; every change re-runs
:func:`~microtui.core.routine_design.validate` and shows each problem in a label under its
field (errors and warnings styled apart) and each set's total time as it changes.

``ctrl+s`` saves, unless an error is left: the routine goes to the store (a thread worker;
the built-in "The guide's day plan" is never stored) and becomes the active one, with the
schedule settings the form describes, and the screen posts :class:`RoutineScreen.RoutineSaved`.

Pending progression suggestions (the guide's "Progressive Variation") are listed at the top:
``a`` accepts one (the routine is edited; the save logs it), ``d`` declines it for two weeks.

This module keeps the draft and answers the user; the form's widgets are in
:mod:`~microtui.ui.screens.routine_form`, its dialogs in
:mod:`~microtui.ui.screens.routine_dialogs`, and what it reads from and writes to the store
in :mod:`~microtui.ui.screens.routine_store`.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Mapping
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on
from textual.app import ComposeResult, UnknownModeError
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, Select, SelectionList
from textual.widgets.option_list import Option

from microtui.core.routine import Routine, SetItem
from microtui.core.routine_design import (
    BUILTIN_ROUTINE_ID,
    TRIGGER_ORDER,
    Accepted,
    FieldError,
    PainPoint,
    RoutineDraft,
    Suggestion,
    declined_hidden_until,
    errors_only,
    fmt_seconds,
    progression_log,
    progression_suggestions,
    routine_id_for,
    set_field,
    suggest_extras,
    validate,
)
from microtui.core.schedule import ScheduleSettings
from microtui.ui.screens.routine_dialogs import ConfirmDiscardScreen, ExercisePickerScreen
from microtui.ui.screens.routine_form import INPUT_FIELDS, Form, SetList, SuggestionList
from microtui.ui.screens.routine_store import (
    Decline,
    DeclineFailed,
    RoutineSave,
    RoutineStoreWork,
    Saved,
    SaveFailed,
    StoreRead,
    StoreReadFailed,
    saved_routines,
)

if TYPE_CHECKING:
    from microtui.core.clock import Clock
    from microtui.core.exercises import Exercise
    from microtui.core.loader import Library
    from microtui.ui.services import Services

CSS_FILE = Path(__file__).with_name("routine.tcss")
#: How far back the session log is read for progression suggestions.
HISTORY_DAYS = 120
BUILTIN_LABEL = "The guide's day plan"


class RoutineScreen(RoutineStoreWork, Screen[None]):
    """Build, edit, pick and save routines. See the module docstring."""

    CSS_PATH = CSS_FILE
    SUB_TITLE = "Routine"
    BINDING_GROUP_TITLE = "Routine"
    HORIZONTAL_BREAKPOINTS: ClassVar[list[tuple[int, str]]] = [(0, "-narrow"), (100, "-wide")]
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", id="routine.save"),
        Binding("escape", "leave", "Back", id="routine.leave"),
        Binding("ctrl+n", "new", "New", id="routine.new"),
        Binding("ctrl+r", "refill", "Refill", id="routine.refill"),
    ]

    class RoutineSaved(Message):
        """A routine was saved and made active; the app rebuilds Today from it."""

        def __init__(self, routine: Routine, settings: ScheduleSettings,
                     calendar_path: Path | None = None) -> None:
            super().__init__()
            self.routine = routine
            self.settings = settings
            self.calendar_path = calendar_path

    def __init__(self, services: Services) -> None:
        super().__init__(services.store)
        current = services.settings.current
        self.library: Library = services.library
        self.clock: Clock = services.clock
        self.settings: ScheduleSettings = current.schedule
        active_routine = self.active_routine = current.routine
        self.exercises: dict[str, Exercise] = self.library.exercises
        #: Saved routines by id: (routine, its design dict).
        self.saved: dict[str, tuple[Routine, Mapping[str, Any]]] = {}
        self.calendar_path: str = ""
        self.source_id: str | None = active_routine.id
        self.draft = self._draft_of(active_routine)
        self.baseline = self.draft
        self.problems: list[FieldError] = []
        #: Accepted suggestions not saved yet: {"accepted": {...}, "date": "YYYY-MM-DD"}.
        self.pending_accepts: list[dict[str, Any]] = []
        self.suggestions: list[Suggestion] = []
        self._sessions: list[dict] = []
        self._declined: dict[str, date] = {}
        self._accepted: list[Accepted] = []
        self._sets_touched = True
        self._saving = False

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
        # Step 1 first, not the name: typed keys (?, q, the screen digits) must not land in
        # a text field before the user chooses to type; ctrl+n starts with the name.
        self.query_one("#pain-points", SelectionList).focus()
        self.start_reading((self._today() - timedelta(days=HISTORY_DAYS)).isoformat())

    # -- what the store holds ------------------------------------------------------------------

    @on(StoreReadFailed)
    def _store_read_failed(self, message: StoreReadFailed) -> None:
        self.notify(message.error, title="Could not read saved routines", severity="error")

    @on(StoreRead)
    def _store_read(self, message: StoreRead) -> None:
        saved, bad = saved_routines(message.routines, self.exercises)
        self.saved.update(saved)
        if bad:
            self.notify("\n".join(bad), title="Some saved routines could not be read",
                        severity="warning")
        calendar = message.settings.get("calendar")
        self.calendar_path = calendar if isinstance(calendar, str) else ""
        self._declined, self._accepted = progression_log(message.settings)
        self._sessions = message.sessions
        pristine = not self.dirty
        self._refresh_picker()
        if pristine and self.source_id is not None:  # now with its design and the calendar
            self._load(self._routine_by_id(self.source_id) or self.active_routine)
        else:  # a new routine, or edits already made: keep them
            self._update()

    # -- the draft -----------------------------------------------------------------------------

    @property
    def dirty(self) -> bool:
        return self.draft != self.baseline or bool(self.pending_accepts)

    def _today(self) -> date:
        return self.clock.now().date()

    def _routine_by_id(self, routine_id: str | None) -> Routine | None:
        if routine_id == BUILTIN_ROUTINE_ID:
            return self.library.default_routine
        if routine_id in self.saved:
            return self.saved[routine_id][0]
        if routine_id == self.active_routine.id:
            return self.active_routine
        return None

    def _draft_of(self, routine: Routine) -> RoutineDraft:
        design = self.saved.get(routine.id, (None, {}))[1]
        return RoutineDraft.from_routine(routine, self.settings, design=design,
                                         calendar=self.calendar_path)

    def _load(self, routine: Routine) -> None:
        """Edit ``routine``: the form shows it, unchanged."""
        self.source_id = routine.id
        self.draft = self.baseline = self._draft_of(routine)
        self.pending_accepts = []
        self._sets_touched = True
        self._show_draft()

    def _new(self) -> None:
        self.source_id = None
        self.draft = self.baseline = RoutineDraft.new(self.exercises, self.settings,
                                                      calendar=self.calendar_path)
        self.pending_accepts = []
        self._sets_touched = False
        self._show_draft()
        self.form.focus_field("name")

    def _change(self, draft: RoutineDraft) -> None:
        """The user changed the form: keep the new draft and refresh what depends on it."""
        if draft == self.draft:
            return
        steps_changed = (draft.core, draft.extras) != (self.draft.core, self.draft.extras)
        if steps_changed and not self._sets_touched:
            draft = draft.refill(self.exercises)
        pains_changed = draft.pain_points != self.draft.pain_points
        self.draft = draft
        if pains_changed or steps_changed:
            self.form.show_choices(self.draft, self.exercises)
        self._update()

    def _show_draft(self) -> None:
        """Put the whole draft into the widgets (after loading or starting anew)."""
        self.form.show_fields(self.draft, self._picked(self._picker_options()))
        self.form.show_choices(self.draft, self.exercises)
        self._update()

    def _update(self) -> None:
        """Validate and refresh every label, set and status that follows from the draft."""
        self.problems = validate(self.draft, self.exercises, other_names=self._other_names())
        self._polish_problems()
        form = self.form
        form.show_problems(self.problems)
        for kind in TRIGGER_ORDER:
            problems = [p for p in self.problems if p.field == set_field(kind)]
            form.show_set(kind, self.draft, self.exercises, problems)
        self._refresh_suggestions()
        self._show_status()

    def _polish_problems(self) -> None:
        """The built-in routine keeps its name: a changed copy needs a name of its own."""
        builtin = self.library.default_routine.name.casefold()
        self.problems = [
            replace(p, message=f"{self.library.default_routine.name} stays as the guide "
                               "wrote it: give your version a name of its own.")
            if p.field == "name" and p.is_error and self.draft.name.strip().casefold() == builtin
            else p
            for p in self.problems
        ]

    def _other_names(self) -> list[str]:
        names = [r.name for rid, (r, _) in self.saved.items() if rid != self.source_id]
        builtin = self.library.default_routine
        if not (self.source_id == BUILTIN_ROUTINE_ID and self._is_builtin_unchanged()):
            names.append(builtin.name)
        return names

    def _is_builtin_unchanged(self) -> bool:
        try:
            routine = self.draft.to_routine(BUILTIN_ROUTINE_ID, self.draft.name.strip())
        except ValueError:
            return False
        return routine == self.library.default_routine

    def _show_status(self) -> None:
        errors = len(errors_only(self.problems))
        warnings = len(self.problems) - errors
        active = self.active_routine.name
        parts = [f"Active: {active}"]
        if self.source_id is None:
            parts.append("editing a new routine")
        elif self.source_id != self.active_routine.id:
            editing = self._routine_by_id(self.source_id)
            parts.append(f"editing {editing.name if editing else self.source_id}")
        if self.dirty:
            parts.append("unsaved changes")
        if errors:
            parts.append(f"{errors} error{'s' if errors != 1 else ''} to fix before saving")
        elif warnings:
            parts.append(f"{warnings} warning{'s' if warnings != 1 else ''}")
        else:
            parts.append("ready to save")
        self.form.show_status(" · ".join(parts), error=bool(errors))

    # -- picker ------------------------------------------------------------------------------

    def _picker_options(self) -> list[tuple[str, str]]:
        options = [(BUILTIN_LABEL, BUILTIN_ROUTINE_ID)]
        saved = sorted(self.saved.values(), key=lambda pair: pair[0].name.casefold())
        options += [(routine.name, routine.id) for routine, _ in saved]
        if (self.active_routine.id not in self.saved
                and self.active_routine.id != BUILTIN_ROUTINE_ID):
            options.append((self.active_routine.name, self.active_routine.id))
        return [(("● " if rid == self.active_routine.id else "") + name, rid)
                for name, rid in options]

    def _picked(self, options: list[tuple[str, str]]) -> str | None:
        """The routine being edited, if the picker has it (None: "New routine")."""
        return self.source_id if self.source_id in {value for _, value in options} else None

    def _refresh_picker(self) -> None:
        options = self._picker_options()
        self.form.show_routines(options, self._picked(options))

    @on(Select.Changed, "#routine-picker")
    def _picked_routine(self, event: Select.Changed) -> None:
        value = event.value
        if value is Select.NULL:  # the picker's blank: "New routine"
            if self.source_id is not None:
                self.action_new()
            return
        if value == self.source_id:
            return
        routine = self._routine_by_id(str(value))
        if routine is None:
            return

        def load(discard: bool | None) -> None:
            if discard:
                self._load(routine)
                self.notify(f"Loaded {routine.name}: ctrl+s makes it your active routine.")
            else:
                self._refresh_picker()  # back to what is being edited

        self._confirm_then(f"Load {routine.name} and lose your unsaved changes?", load)

    # -- form events -------------------------------------------------------------------------

    @on(Input.Changed)
    def _input_changed(self, event: Input.Changed) -> None:
        field = INPUT_FIELDS.get(event.input.id or "")
        if field is not None:
            self._change(replace(self.draft, **{field: event.value}))

    @on(SelectionList.SelectedChanged, "#pain-points")
    def _pains_changed(self, event: SelectionList.SelectedChanged) -> None:
        chosen = set(event.selection_list.selected)
        self._change(replace(self.draft, pain_points=tuple(
            p for p in PainPoint if str(p) in chosen)))

    @on(SelectionList.SelectedChanged, "#core")
    def _core_changed(self, event: SelectionList.SelectedChanged) -> None:
        self._change(replace(self.draft, core=self._ordered(self.draft.core,
                                                            event.selection_list.selected)))

    @on(SelectionList.SelectedChanged, "#extras")
    def _extras_changed(self, event: SelectionList.SelectedChanged) -> None:
        self._change(replace(self.draft, extras=self._ordered(self.draft.extras,
                                                              event.selection_list.selected)))

    @staticmethod
    def _ordered(before: tuple[str, ...], selected: list[str]) -> tuple[str, ...]:
        """Keep the order things were chosen in; newly ticked ones go last."""
        chosen = set(selected)
        kept = [i for i in before if i in chosen]
        return tuple(kept + [i for i in selected if i not in kept])

    # -- sets --------------------------------------------------------------------------------

    @on(SetList.AdjustItem)
    def _adjust_item(self, message: SetList.AdjustItem) -> None:
        kind, index, step = message.kind, message.index, message.step
        before = self.draft.items(kind)[index]
        draft = self.draft.adjust(kind, index, step, self.exercises)
        after = draft.items(kind)[index]
        if after == before:
            exercise = self.exercises[before.exercise_id]
            self.notify(self._bound_message(exercise, step), timeout=3)
            return
        self._sets_touched = True
        self._change(draft)

    @staticmethod
    def _bound_message(exercise: Exercise, step: int) -> str:
        if exercise.for_seconds is not None:
            return f"{exercise.name} is a {fmt_seconds(exercise.for_seconds)} rhythm, as the " \
                   "guide sets it."
        if exercise.reps is not None and exercise.reps.min == exercise.reps.max \
                and not exercise.has_hold:
            return f"The guide sets {exercise.name} at {exercise.reps} repetitions."
        return f"{exercise.name} is at its {'most' if step > 0 else 'least'}."

    @on(SetList.RemoveItem)
    def _remove_item(self, message: SetList.RemoveItem) -> None:
        items = list(self.draft.items(message.kind))
        del items[message.index]
        self._sets_touched = True
        self._change(self.draft.with_set(message.kind, items))

    @on(SetList.AddExercise)
    def _pick_exercise(self, message: SetList.AddExercise) -> None:
        kind, draft = message.kind, self.draft
        yours = list(draft.movements)
        matching = [i for i in suggest_extras(draft.pain_points) if i not in yours]
        rest = [i for i in self.exercises if i not in yours and i not in matching]
        groups = [
            ("Your core set and extras", [self.exercises[i] for i in yours
                                          if i in self.exercises]),
            ("For your pain points", [self.exercises[i] for i in matching]),
            ("All exercises", [self.exercises[i] for i in rest]),
        ]

        def add(exercise_id: str | None) -> None:
            if exercise_id is None:
                return
            self._sets_touched = True
            self._change(self.draft.with_set(kind, (*self.draft.items(kind),
                                                    SetItem(exercise_id))))
            self.form.focus_item(kind, len(self.draft.items(kind)) - 1)

        self.app.push_screen(
            ExercisePickerScreen(f"Add to {draft.trigger_title(kind)}", groups), add)

    # -- progression -------------------------------------------------------------------------

    def _refresh_suggestions(self) -> None:
        today = self._today()
        pending = [
            Accepted(entry["accepted"]["exercise"], entry["accepted"]["kind"], today)
            for entry in self.pending_accepts
        ]
        suggestions = progression_suggestions(
            self._sessions, self.draft.sets_routine(), self.exercises, today,
            self._declined, accepted=[*self._accepted, *pending],
        )
        if suggestions == self.suggestions:
            self.form.show_suggestions(bool(suggestions))
            return
        self.suggestions = suggestions
        routine = self.draft.sets_routine()
        self.form.show_suggestions(bool(suggestions), [
            Option(s.describe(self.exercises, routine), id=s.exercise_id)
            for s in suggestions])

    def _suggestion(self, exercise_id: str | None) -> Suggestion | None:
        return next((s for s in self.suggestions if s.exercise_id == exercise_id), None)

    @on(SuggestionList.AcceptSuggestion)
    def _accept_suggestion(self, message: SuggestionList.AcceptSuggestion) -> None:
        exercise_id = message.exercise_id
        suggestion = self._suggestion(exercise_id)
        if suggestion is None:
            return
        self.pending_accepts.append(
            {"accepted": suggestion.to_dict(), "date": self._today().isoformat()})
        self._change(self.draft.apply(suggestion))
        self._update()  # a band changes no set, but the suggestion goes and the save logs it
        name = self.exercises[exercise_id].name
        what = ("add a light resistance band" if suggestion.kind == "band"
                else f"hold {fmt_seconds(suggestion.hold_seconds)} longer")
        self.notify(f"{name}: {what}. Save with ctrl+s to keep it.")

    @on(SuggestionList.DeclineSuggestion)
    def _decline_suggestion(self, message: SuggestionList.DeclineSuggestion) -> None:
        exercise_id = message.exercise_id
        if self._suggestion(exercise_id) is None:
            return
        today = self._today()
        self._declined[exercise_id] = today
        self._update()
        name = self.exercises[exercise_id].name
        again = declined_hidden_until(today)
        self.notify(f"{name}: not now. Suggested again from {again.day} {again:%b}, if it still "
                    "feels effortless.")
        if self.store is not None:
            self.queue_write(Decline(exercise_id, today))

    @on(DeclineFailed)
    def _decline_failed(self, message: DeclineFailed) -> None:
        self.notify(message.error, title="Could not save", severity="error")

    # -- actions -----------------------------------------------------------------------------

    def action_refill(self) -> None:
        """Fill the five sets again from the core set and extras."""
        self._sets_touched = False
        self._change(self.draft.refill(self.exercises))
        self.notify("Sets filled again from your core set and extras.", timeout=3)

    def action_new(self) -> None:
        """Start a new routine from the guide's suggestions."""
        def start(discard: bool | None) -> None:
            if discard:
                self._new()
            else:
                self._refresh_picker()

        self._confirm_then("Start a new routine and lose your unsaved changes?", start)

    def action_leave(self) -> None:
        """Leave the routine builder (asks first when there are unsaved changes)."""

        def leave(discard: bool | None) -> None:
            if not discard:
                return
            self._discard()
            if len(self.app.screen_stack) > 1 and self.app.screen is self:
                self.dismiss()
            else:  # the app's modes are set up per instance, not in App.MODES
                with contextlib.suppress(UnknownModeError):
                    self.app.switch_mode("today")

        self._confirm_then("Leave without saving your changes?", leave)

    def _discard(self) -> None:
        if self.dirty:
            self.draft = self.baseline
            self.pending_accepts = []
            self._show_draft()
            self._refresh_picker()

    def _confirm_then(self, question: str, then: Callable[[bool | None], None]) -> None:
        if not self.dirty:
            then(True)
            return
        self.app.push_screen(ConfirmDiscardScreen(question), then)

    def action_save(self) -> None:
        """Save the routine and make it the active one (refused while an error is left)."""
        errors = errors_only(self.problems)
        if errors:
            first = errors[0]
            count = f"{len(errors)} error{'s' if len(errors) != 1 else ''}"
            self.notify(f"Not saved: fix {count} first. {first.message}",
                        title="Not saved", severity="error")
            self.form.focus_field(first.field)
            return
        if self._saving:
            return
        name = self.draft.name.strip()
        if self.source_id == BUILTIN_ROUTINE_ID and self._is_builtin_unchanged():
            routine_id, store_routine = BUILTIN_ROUTINE_ID, False
        elif self.source_id is not None and (self.source_id in self.saved or (
                self.source_id == self.active_routine.id
                and self.source_id != BUILTIN_ROUTINE_ID)):
            routine_id, store_routine = self.source_id, True
        else:
            taken = set(self.saved) | {self.active_routine.id}
            routine_id, store_routine = routine_id_for(name, taken), True
        routine = self.draft.to_routine(routine_id, name)
        if self.store is None:
            self.notify("Nothing saved: no data folder.", severity="error")
            return
        self._saving = True
        self.queue_write(RoutineSave(routine, self.draft, tuple(self.pending_accepts),
                                     store_routine, fallback=self.settings))

    @on(SaveFailed)
    def _save_failed(self, message: SaveFailed) -> None:
        self._saving = False
        self.notify(message.error, title="Not saved", severity="error")

    @on(Saved)
    def _saved(self, message: Saved) -> None:
        save, settings = message.save, message.settings
        routine, draft, accepts = save.routine, save.draft, save.accepts
        self._saving = False
        self.settings = settings
        self.active_routine = routine
        self.source_id = routine.id
        if save.store_routine:
            self.saved[routine.id] = (routine, draft.design_dict())
        self.calendar_path = draft.calendar.strip()
        self.baseline = draft
        self.pending_accepts = [a for a in self.pending_accepts if a not in accepts]
        today = self._today()
        self._accepted += [Accepted(a["accepted"]["exercise"], a["accepted"]["kind"], today)
                           for a in accepts]
        self._refresh_picker()
        self._update()
        self.notify(f"{routine.name} is now your active routine.", title="Saved")
        calendar = Path(self.calendar_path).expanduser() if self.calendar_path else None
        self.post_message(self.RoutineSaved(routine, settings, calendar))

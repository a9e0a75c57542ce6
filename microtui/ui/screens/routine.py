"""The routine builder: the guide's five steps on one scrollable, keyboard-only form.

"Designing a Personal Micro-Movement Routine": pain points, a core set of 3–4 movements,
1–2 targeted extras, the frequency, and the sets the day's five triggers play. The form is a
:class:`~microtui.core.routine_draft.RoutineDraft`; every change re-runs
:func:`~microtui.core.routine_validation.validate` and shows each problem in a label under its
field (errors and warnings styled apart) and each set's total time as it changes.

``ctrl+s`` saves, unless an error is left: the routine goes to the store (a thread worker;
the built-in "The guide's day plan" is never stored) and becomes the active one, with the
schedule settings the form describes, and the screen posts :class:`RoutineScreen.RoutineSaved`.

Pending progression suggestions (the guide's "Progressive Variation") are listed at the top:
``a`` accepts one (the routine is edited; the save logs it), ``d`` declines it for two weeks.

Store settings read and written (always the whole dict, other keys kept): ``schedule``,
``active_routine``, ``calendar``, ``progression.declined`` and ``progression.accepted``.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Mapping
from dataclasses import replace
from datetime import date, timedelta
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, cast

from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult, UnknownModeError
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.screen import ModalScreen, Screen
from textual.widgets import (
    Button,
    Footer,
    Header,
    Input,
    Label,
    OptionList,
    Select,
    SelectionList,
    Static,
)
from textual.widgets.option_list import Option
from textual.widgets.selection_list import Selection

from microtui.core.pain_points import PainPoint, rank_exercises, suggest_extras
from microtui.core.progression import (
    PROGRESSION_ADVICE,
    Accepted,
    Suggestion,
    declined_hidden_until,
    progression_log,
    progression_suggestions,
)
from microtui.core.routine import (
    TRIGGER_ORDER,
    Routine,
    RoutineFormatError,
    SetItem,
    TriggerKind,
    routine_from_dict,
    routine_to_dict,
)
from microtui.core.routine_draft import (
    BUILTIN_ROUTINE_ID,
    CORE_MAX,
    CORE_MIN,
    EXTRAS_MAX,
    INTERVAL_DEFAULT,
    INTERVAL_FATIGUE,
    RoutineDraft,
    routine_id_for,
)
from microtui.core.routine_validation import FieldError, errors_only, set_field, validate
from microtui.core.schedule import ScheduleSettings, SettingsError
from microtui.core.set_builder import item_detail, item_seconds
from microtui.core.time_text import fmt_seconds, parse_hhmm, parse_minutes

if TYPE_CHECKING:
    from microtui.core.clock import Clock
    from microtui.core.exercises import Exercise
    from microtui.core.loader import Library
    from microtui.store import Store

CSS_FILE = Path(__file__).with_name("routine.tcss")
#: How far back the session log is read for progression suggestions.
HISTORY_DAYS = 120
ADD_OPTION = "add"
BUILTIN_LABEL = "The guide's day plan"

#: Form fields → the widget that edits them (focused when a save is refused).
FIELD_WIDGETS: dict[str, str] = {
    "name": "name",
    "core": "core",
    "extras": "extras",
    "interval": "interval",
    "workday_start": "workday-start",
    "workday_end": "workday-end",
    "working_days": "working-days",
    "pre_meeting_lead": "pre-meeting-lead",
    "mid_afternoon": "mid-afternoon",
    "calendar": "calendar",
    "sets": "set-start-of-day",
    **{set_field(kind): f"set-{kind}" for kind in TRIGGER_ORDER},
}
#: The frequency step: (draft field, input id, label, placeholder, hint).
FREQUENCY_FIELDS: tuple[tuple[str, str, str, str, str], ...] = (
    ("interval", "interval", "Every (minutes)", "20",
     f"The guide: start with {INTERVAL_DEFAULT}; {INTERVAL_FATIGUE} if you notice early "
     "signs of fatigue"),
    ("working_days", "working-days", "Working days", "mon-fri", "like mon-fri or mon, wed, fri"),
    ("workday_start", "workday-start", "Workday starts", "09:00", "HH:MM"),
    ("workday_end", "workday-end", "Workday ends", "17:30", "HH:MM"),
    ("pre_meeting_lead", "pre-meeting-lead", "Before meetings (minutes)", "2",
     "how long before a call its set comes"),
    ("mid_afternoon", "mid-afternoon", "Mid-afternoon set", "13:30", "HH:MM, after lunch"),
    ("calendar", "calendar", "Calendar file", "~/calendar.ics",
     "optional: an .ics file with your meetings"),
)


def error_label_id(field: str) -> str:
    """The id of the label under a field: ``set.pre-meeting`` → ``error-set-pre-meeting``."""
    return "error-" + field.replace(".", "-").replace("_", "-")


# -- dialogs --------------------------------------------------------------------------------


class ConfirmDiscardScreen(ModalScreen[bool]):
    """Asks before unsaved changes are thrown away: y discards, n or escape keeps them."""

    CSS_PATH = CSS_FILE
    BINDING_GROUP_TITLE = "Unsaved changes"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "Discard", id="routine.confirm-discard"),
        Binding("escape,n", "answer(False)", "Keep editing", id="routine.keep-editing"),
    ]

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(id="discard-dialog", classes="routine-dialog") as dialog:
            dialog.border_title = "Unsaved changes"
            yield Static(self.question, classes="dialog-text", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Discard (y)", id="discard", variant="warning")
                yield Button("Keep editing (n)", id="keep-editing")

    def on_mount(self) -> None:
        self.query_one("#keep-editing", Button).focus()

    def action_answer(self, discard: bool) -> None:
        self.dismiss(discard)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "discard")


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


# -- widgets ----------------------------------------------------------------------------------


class SetList(OptionList):
    """The exercises of one trigger's set; ``+``/``-`` adjust the highlighted one."""

    BINDING_GROUP_TITLE = "Set"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("plus,equals_sign", "adjust(1)", "More", id="routine.more", key_display="+"),
        Binding("minus", "adjust(-1)", "Less", id="routine.less", key_display="-"),
        Binding("i", "add", "Add", id="routine.add-exercise"),
        Binding("x,delete", "remove", "Remove", id="routine.remove-exercise"),
    ]

    def __init__(self, kind: TriggerKind, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.kind = kind
        self._shown: tuple[SetItem, ...] | None = None

    @property
    def builder(self) -> RoutineScreen:
        return cast("RoutineScreen", self.screen)

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
            self.builder.adjust_item(self.kind, self.item_index, step)

    def action_add(self) -> None:
        self.builder.pick_exercise(self.kind)

    def action_remove(self) -> None:
        if self.item_index is not None:
            self.builder.remove_item(self.kind, self.item_index)

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

    def __init__(self, kind: TriggerKind) -> None:
        super().__init__(id=f"editor-{kind}", classes="set-editor")
        self.kind = kind

    def compose(self) -> ComposeResult:
        yield Static(id=f"cue-{self.kind}", classes="set-cue", markup=False)
        yield SetList(self.kind, id=f"set-{self.kind}")
        yield Label(id=error_label_id(set_field(self.kind)), classes="field-error",
                    markup=False)


class Form(VerticalScroll, can_focus=False):
    """The scrolling form (not a tab stop itself: its fields are)."""


# -- the screen --------------------------------------------------------------------------------


class RoutineScreen(Screen[None]):
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

        def __init__(self, routine: Routine, settings: ScheduleSettings) -> None:
            super().__init__()
            self.routine = routine
            self.settings = settings

    def __init__(self, library: Library, store: Store | None, clock: Clock,
                 settings: ScheduleSettings, active_routine: Routine) -> None:
        super().__init__()
        self.library = library
        self.store = store
        self.clock = clock
        self.settings = settings
        self.active_routine = active_routine
        self.exercises: dict[str, Exercise] = library.exercises
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
        #: Settings are read, changed and written whole: one such write at a time.
        self._write_lock = threading.Lock()

    # -- layout ----------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header()
        with Form(id="routine-form"):
            with Horizontal(id="routine-row"):
                yield Label("Routine", classes="row-label")
                yield Select([], prompt="New routine", id="routine-picker", compact=True)
                yield Label("Name", classes="row-label")
                yield Input(placeholder="Name this routine", id="name", compact=True,
                            max_length=60)
            yield Label(id=error_label_id("name"), classes="field-error", markup=False)
            yield Static(id="status-line", markup=False)
            with Vertical(id="progress-step", classes="step") as progress:
                progress.border_title = "Progress"
                progress.border_subtitle = "a accept · d decline for two weeks"
                yield Static(f"The guide: {PROGRESSION_ADVICE[:1].lower()}"
                             f"{PROGRESSION_ADVICE[1:]}", classes="step-hint", markup=False)
                yield SuggestionList(id="suggestions")
            with Horizontal(id="steps-choose"):
                with Vertical(id="step-pain", classes="step"):
                    yield Static("1 · Pain points", classes="step-title")
                    yield Static("Where stiffness or fatigue shows", classes="step-hint")
                    yield SelectionList[str](
                        *((p.label, str(p)) for p in PainPoint), id="pain-points"
                    )
                with Vertical(id="step-core", classes="step"):
                    yield Static("2 · Core set", classes="step-title")
                    yield Static(f"{CORE_MIN}–{CORE_MAX} movements for any setting",
                                 classes="step-hint")
                    yield SelectionList[str](id="core")
                    yield Label(id=error_label_id("core"), classes="field-error",
                                markup=False)
                with Vertical(id="step-extras", classes="step"):
                    yield Static("3 · Targeted extras", classes="step-title")
                    yield Static(f"1–{EXTRAS_MAX} for your pain points, ★ first",
                                 classes="step-hint")
                    yield SelectionList[str](id="extras")
                    yield Label(id=error_label_id("extras"), classes="field-error",
                                markup=False)
            with Vertical(id="step-frequency", classes="step"):
                yield Static("4 · Frequency", classes="step-title")
                with Vertical(id="frequency"):
                    for row in range(0, len(FREQUENCY_FIELDS), 2):
                        with Horizontal(classes="field-row"):
                            for field, input_id, label, placeholder, hint in \
                                    FREQUENCY_FIELDS[row:row + 2]:
                                with Vertical(classes=f"field field-{input_id}"):
                                    yield Label(label, classes="field-label")
                                    yield Input(placeholder=placeholder, id=input_id,
                                                compact=True)
                                    yield Static(hint, classes="field-hint", markup=False)
                                    yield Label(id=error_label_id(field),
                                                classes="field-error", markup=False)
            with Vertical(id="step-sets", classes="step"):
                yield Static("5 · Sets for the day's triggers", classes="step-title")
                yield Static("Filled from your core set and extras; ctrl+r fills them "
                             "again. +/- more or less, i add, x remove.", classes="step-hint")
                yield Label(id=error_label_id("sets"), classes="field-error", markup=False)
                with Vertical(id="sets"):
                    for row in (TRIGGER_ORDER[0:2], TRIGGER_ORDER[2:4], TRIGGER_ORDER[4:]):
                        with Horizontal(classes="set-row"):
                            for kind in row:
                                yield SetEditor(kind)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self._refresh_picker()
        self._show_draft()
        # Step 1 first, not the name: typed keys (?, q, the screen digits) must not land in
        # a text field before the user chooses to type; ctrl+n starts with the name.
        self.query_one("#pain-points", SelectionList).focus()
        if self.store is not None:
            self.run_worker(partial(self._read_store, self.store), thread=True,
                            group="routine-store", exit_on_error=False)

    # -- reading the store (thread worker) -------------------------------------------------

    def _read_store(self, store: Store) -> None:
        since = (self._today() - timedelta(days=HISTORY_DAYS)).isoformat()
        try:
            settings = store.settings()
            routines = store.routines()
            sessions = store.sessions(since=since)
        except Exception as exc:  # noqa: BLE001 - shown to the user, the form still works
            self._from_thread(self.notify, str(exc), title="Could not read saved routines",
                              severity="error")
            return
        self._from_thread(self._store_read, settings, routines, sessions)

    def _store_read(self, settings: dict, routines: list[dict], sessions: list[dict]) -> None:
        bad = []
        for data in routines:
            try:
                routine = routine_from_dict(data, self.exercises)
            except RoutineFormatError as exc:
                bad.append(f"{data.get('id', '?')}: {exc}")
                continue
            if routine.id != BUILTIN_ROUTINE_ID:
                design = data.get("design")
                self.saved[routine.id] = (routine, design if isinstance(design, dict) else {})
        if bad:
            self.notify("\n".join(bad), title="Some saved routines could not be read",
                        severity="warning")
        calendar = settings.get("calendar")
        self.calendar_path = calendar if isinstance(calendar, str) else ""
        self._declined, self._accepted = progression_log(settings)
        self._sessions = sessions
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
        self.query_one("#name", Input).focus()

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
            self._show_choices()
        self._update()

    def _show_draft(self) -> None:
        """Put the whole draft into the widgets (after loading or starting anew)."""
        draft = self.draft
        with self.prevent(Input.Changed, Select.Changed, SelectionList.SelectedChanged):
            self.query_one("#name", Input).value = draft.name
            for field, input_id, *_ in FREQUENCY_FIELDS:
                self.query_one(f"#{input_id}", Input).value = getattr(draft, field)
            picker = self.query_one("#routine-picker", Select)
            known = {value for _, value in self._picker_options()}
            picker.value = self.source_id if self.source_id in known else Select.NULL
            pains = self.query_one("#pain-points", SelectionList)
            pains.deselect_all()
            for pain in draft.pain_points:
                pains.select(str(pain))
        self._show_choices()
        self._update()

    def _show_choices(self) -> None:
        """Steps 2 and 3: matching exercises first, the draft's choices ticked."""
        draft = self.draft
        matches = set(suggest_extras(draft.pain_points))
        core_ids = rank_exercises(draft.pain_points, self.exercises)
        extra_ids = rank_exercises(draft.pain_points, self.exercises, exclude=draft.core)
        self._fill_selection("#core", core_ids, set(draft.core), matches)
        self._fill_selection("#extras", extra_ids, set(draft.extras), matches)

    def _fill_selection(self, selector: str, ids: list[str], chosen: set[str],
                        matches: set[str]) -> None:
        widget = self.query_one(selector, SelectionList)
        highlighted = widget.highlighted_option
        keep = highlighted.value if isinstance(highlighted, Selection) else None
        selections = []
        for exercise_id in ids:
            exercise = self.exercises[exercise_id]
            prompt = Content.assemble(
                (f"{fmt_seconds(exercise.total_seconds()):>4} ", "dim"),
                ("★ " if exercise_id in matches else "  ", "$text-warning"),
                exercise.name,
            )
            selections.append(Selection(prompt, exercise_id, exercise_id in chosen))
        with self.prevent(SelectionList.SelectedChanged):
            widget.clear_options()
            widget.add_options(selections)
            if ids:
                widget.highlighted = ids.index(keep) if keep in ids else 0

    def _update(self) -> None:
        """Validate and refresh every label, set and status that follows from the draft."""
        self.problems = validate(self.draft, self.exercises, other_names=self._other_names())
        self._polish_problems()
        by_field: dict[str, list[FieldError]] = {}
        for problem in self.problems:
            by_field.setdefault(problem.field, []).append(problem)
        for label in self.query(".field-error").results(Label):
            label_problems = next(
                (items for fld, items in by_field.items()
                 if error_label_id(fld) == label.id), [])
            self._show_problems(label, label_problems)
        for field, _input_id, *_ in FREQUENCY_FIELDS:
            self.query_one(f"#{_input_id}", Input).set_class(
                any(p.is_error for p in by_field.get(field, ())), "-invalid")
        self.query_one("#name", Input).set_class(
            any(p.is_error for p in by_field.get("name", ())), "-invalid")
        for kind in TRIGGER_ORDER:
            self._show_set(kind)
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

    @staticmethod
    def _show_problems(label: Label, problems: list[FieldError]) -> None:
        problems = sorted(problems, key=lambda p: not p.is_error)
        text = "\n".join(p.message for p in problems)
        if text != str(label.content):
            label.update(text)
        if label.display != bool(problems):
            label.display = bool(problems)
        label.set_class(any(p.is_error for p in problems), "-error")
        label.set_class(bool(problems) and not any(p.is_error for p in problems), "-warning")

    def _show_set(self, kind: TriggerKind) -> None:
        draft = self.draft
        items = draft.items(kind)
        editor = self.query_one(f"#editor-{kind}", SetEditor)
        title = draft.trigger_title(kind)
        seconds = draft.set_seconds(kind, self.exercises)
        subtitle = fmt_seconds(seconds) if items else "left out"
        if (str(editor.border_title), str(editor.border_subtitle)) != (title, subtitle):
            editor.border_title, editor.border_subtitle = title, subtitle
        problems = [p for p in self.problems if p.field == set_field(kind)]
        editor.set_class(any(p.is_error for p in problems), "-error")
        editor.set_class(bool(problems) and not any(p.is_error for p in problems), "-warning")
        cue = self.query_one(f"#cue-{kind}", Static)
        when = self._when(kind)
        if when != str(cue.content):
            cue.update(when)
        self.query_one(f"#set-{kind}", SetList).show(items, self.exercises)

    def _when(self, kind: TriggerKind) -> str:
        draft = self.draft
        cue = draft.trigger_cue(kind)

        def safe(parse: Callable[[str], Any], text: str) -> Any:
            with contextlib.suppress(ValueError):
                return parse(text)
            return None

        if kind is TriggerKind.START_OF_DAY:
            start = safe(parse_hhmm, draft.workday_start)
            return f"{cue} · from {start:%H:%M}" if start else cue
        if kind is TriggerKind.PRE_MEETING:
            lead = safe(parse_minutes, draft.pre_meeting_lead)
            return f"{lead} min before each call" if lead is not None else cue
        if kind is TriggerKind.FIXED_TIME:
            at = safe(parse_hhmm, draft.mid_afternoon)
            return f"{cue} · at {at:%H:%M}" if at else cue
        if kind is TriggerKind.END_OF_DAY:
            end = safe(parse_hhmm, draft.workday_end)
            return f"{cue} · at {end:%H:%M}" if end else cue
        return cue

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
        status = self.query_one("#status-line", Static)
        text = " · ".join(parts)
        if text != str(status.content):
            status.update(text)
        status.set_class(bool(errors), "-error")

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

    def _refresh_picker(self) -> None:
        picker = self.query_one("#routine-picker", Select)
        with self.prevent(Select.Changed):
            picker.set_options(self._picker_options())
            known = {value for _, value in self._picker_options()}
            picker.value = self.source_id if self.source_id in known else Select.NULL

    @on(Select.Changed, "#routine-picker")
    def _picked(self, event: Select.Changed) -> None:
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
        fields = {input_id: field for field, input_id, *_ in FREQUENCY_FIELDS}
        fields["name"] = "name"
        field = fields.get(event.input.id or "")
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

    def adjust_item(self, kind: TriggerKind, index: int, step: int) -> None:
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

    def remove_item(self, kind: TriggerKind, index: int) -> None:
        items = list(self.draft.items(kind))
        del items[index]
        self._sets_touched = True
        self._change(self.draft.with_set(kind, items))

    def pick_exercise(self, kind: TriggerKind) -> None:
        draft = self.draft
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
            set_list = self.query_one(f"#set-{kind}", SetList)
            set_list.highlighted = len(self.draft.items(kind)) - 1
            set_list.focus()

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
        step = self.query_one("#progress-step")
        step.display = bool(suggestions)
        if suggestions == self.suggestions:
            return
        self.suggestions = suggestions
        routine = self.draft.sets_routine()
        options = [Option(s.describe(self.exercises, routine), id=s.exercise_id)
                   for s in suggestions]
        suggestion_list = self.query_one("#suggestions", SuggestionList)
        suggestion_list.set_options(options)
        if options:
            suggestion_list.highlighted = 0

    def _suggestion(self, exercise_id: str | None) -> Suggestion | None:
        return next((s for s in self.suggestions if s.exercise_id == exercise_id), None)

    def accept_suggestion(self, exercise_id: str) -> None:
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

    def decline_suggestion(self, exercise_id: str) -> None:
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
            self.run_worker(partial(self._write_decline, self.store, exercise_id, today),
                            thread=True, group="routine-store", exit_on_error=False)

    def _write_decline(self, store: Store, exercise_id: str, today: date) -> None:
        try:
            with self._write_lock:
                self._write_decline_locked(store, exercise_id, today)
        except Exception as exc:  # noqa: BLE001 - shown to the user
            self._from_thread(self.notify, str(exc), title="Could not save", severity="error")

    @staticmethod
    def _write_decline_locked(store: Store, exercise_id: str, today: date) -> None:
        settings = store.settings()
        progression = dict(settings.get("progression") or {})
        declined = dict(progression.get("declined") or {})
        declined[exercise_id] = today.isoformat()
        progression["declined"] = declined
        settings["progression"] = progression
        store.save_settings(settings)

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
            widget_id = FIELD_WIDGETS.get(first.field)
            if widget_id:
                self.query_one(f"#{widget_id}").focus()
            return
        if self._saving:
            return
        name = self.draft.name.strip()
        if self.source_id == BUILTIN_ROUTINE_ID and self._is_builtin_unchanged():
            routine_id, store_routine = BUILTIN_ROUTINE_ID, False
        elif self.source_id in self.saved or (
                self.source_id == self.active_routine.id
                and self.source_id != BUILTIN_ROUTINE_ID):
            routine_id, store_routine = cast(str, self.source_id), True
        else:
            taken = set(self.saved) | {self.active_routine.id}
            routine_id, store_routine = routine_id_for(name, taken), True
        routine = self.draft.to_routine(routine_id, name)
        if self.store is None:
            self.notify("Nothing saved: no data folder.", severity="error")
            return
        self._saving = True
        self.run_worker(
            partial(self._write, self.store, routine, self.draft, list(self.pending_accepts),
                    store_routine),
            thread=True, group="routine-save", exit_on_error=False,
        )

    def _write(self, store: Store, routine: Routine, draft: RoutineDraft,
               accepts: list[dict[str, Any]], store_routine: bool) -> None:
        """Save the routine and the settings (a thread worker): read, modify, write."""
        try:
            with self._write_lock:
                settings = self._write_locked(store, routine, draft, accepts, store_routine)
        except Exception as exc:  # noqa: BLE001 - shown to the user; the form keeps its edits
            self._from_thread(self._save_failed, str(exc))
            return
        self._from_thread(self._saved, routine, settings, draft, accepts, store_routine)

    def _write_locked(self, store: Store, routine: Routine, draft: RoutineDraft,
                      accepts: list[dict[str, Any]], store_routine: bool) -> ScheduleSettings:
        """Write the routine (unless built in) and the settings dict, keeping other keys."""
        stored = store.settings()
        base = self.settings
        if isinstance(stored.get("schedule"), dict):
            with contextlib.suppress(SettingsError):  # the form's fields replace what's bad
                base = ScheduleSettings.from_dict(stored["schedule"])
        settings = draft.to_settings(base)
        if store_routine:
            store.save_routine(routine_to_dict(routine) | {"design": draft.design_dict()})
        stored["schedule"] = settings.to_dict()
        stored["active_routine"] = routine.id
        stored["calendar"] = draft.calendar.strip() or None
        if accepts:
            progression = dict(stored.get("progression") or {})
            progression["accepted"] = [*(progression.get("accepted") or []), *accepts]
            stored["progression"] = progression
        store.save_settings(stored)
        return settings

    def _save_failed(self, message: str) -> None:
        self._saving = False
        self.notify(message, title="Not saved", severity="error")

    def _saved(self, routine: Routine, settings: ScheduleSettings, draft: RoutineDraft,
               accepts: list[dict[str, Any]], store_routine: bool) -> None:
        self._saving = False
        self.settings = settings
        self.active_routine = routine
        self.source_id = routine.id
        if store_routine:
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
        self.post_message(self.RoutineSaved(routine, settings))

    def _from_thread(self, callback: Callable[..., Any], *args: Any, **kwargs: Any) -> None:
        with contextlib.suppress(RuntimeError):  # the app is shutting down
            self.app.call_from_thread(callback, *args, **kwargs)


class SuggestionList(OptionList):
    """Pending progression suggestions: ``a`` accepts the highlighted one, ``d`` declines."""

    BINDING_GROUP_TITLE = "Progress"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "accept", "Accept", id="routine.accept-suggestion"),
        Binding("d", "decline", "Decline", id="routine.decline-suggestion"),
    ]

    def action_accept(self) -> None:
        option = self.highlighted_option
        if option is not None and option.id is not None:
            cast(RoutineScreen, self.screen).accept_suggestion(option.id)

    def action_decline(self) -> None:
        option = self.highlighted_option
        if option is not None and option.id is not None:
            cast(RoutineScreen, self.screen).decline_suggestion(option.id)

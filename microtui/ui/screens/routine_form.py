"""The routine builder's form: the guide's five steps, and how a draft shows in them.

:class:`Form` lays the steps out and shows what the screen gives it (the draft, its problems
beside their fields, each set with its cue and total time, the progression suggestions, the
status line). Its lists say what the user asks for with messages the screen handles:
:class:`SetList` posts :class:`SetList.AdjustItem`, :class:`SetList.AddExercise` and
:class:`SetList.RemoveItem`; :class:`SuggestionList` posts
:class:`SuggestionList.AcceptSuggestion` and :class:`SuggestionList.DeclineSuggestion`.
Styled by ``routine.tcss`` (the screen's stylesheet).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, ClassVar

from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import Checkbox, Input, Label, OptionList, Select, SelectionList, Static
from textual.widgets.option_list import Option
from textual.widgets.selection_list import Selection

from microtui.core.pain_points import PainPoint, rank_exercises, suggest_extras
from microtui.core.progression import EFFORTLESS_RULE, PROGRESSION_ADVICE
from microtui.core.routine import TRIGGER_ORDER, SetItem, TriggerKind
from microtui.core.routine_draft import (
    CORE_MAX,
    CORE_MIN,
    EXTRAS_MAX,
    INTERVAL_DEFAULT,
    INTERVAL_FATIGUE,
    INTERVAL_MAX,
    INTERVAL_MIN,
    LEAD_MAX,
    LEAD_MIN,
    RoutineDraft,
)
from microtui.core.routine_validation import FieldError, set_field
from microtui.core.sensations import choices_text
from microtui.core.set_builder import TRIGGER_SET_SECONDS, item_detail, item_seconds
from microtui.core.time_text import fmt_seconds, parse_hhmm, parse_minutes
from microtui.ui.screens.routine_problems import ProblemList
from microtui.ui.widgets.check_list import CheckList
from microtui.ui.widgets.mental_break import (
    BREAK_ADVICE,
    BREAK_SETTING_LABEL,
    MentalBreakSetting,
)

if TYPE_CHECKING:
    from microtui.core.exercises import Exercise

ADD_OPTION = "add"
#: Step 5: the guide's "keep a brief log", as the app keeps it.
DOCUMENT_HINT = (f"Each set is logged with its time and movements. After it, one key says how "
                 f"it felt ({choices_text()}), words after it if you like. l on Today shows "
                 "the log, day by day, and the patterns in it.")

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
#: The frequency step: (draft field, input id, label, hint). The inputs have no placeholder:
#: grey text in an empty field looks like a value (the hint says what to type).
FREQUENCY_FIELDS: tuple[tuple[str, str, str, str], ...] = (
    ("interval", "interval", "Every (minutes)",
     f"{INTERVAL_MIN}–{INTERVAL_MAX}. The guide's day plan: every 30. A routine you "
     f"design: start with {INTERVAL_DEFAULT}, {INTERVAL_FATIGUE} if you notice early signs "
     "of fatigue"),
    ("working_days", "working-days", "Working days", "like mon-fri or mon, wed, fri"),
    ("workday_start", "workday-start", "Workday starts", "HH:MM, like 09:00"),
    ("workday_end", "workday-end", "Workday ends", "HH:MM, like 17:30"),
    ("pre_meeting_lead", "pre-meeting-lead", "Before meetings (minutes)",
     f"{LEAD_MIN}–{LEAD_MAX}: how long before a call"),
    ("mid_afternoon", "mid-afternoon", "Mid-afternoon set", "HH:MM, after lunch"),
    ("calendar", "calendar", "Calendar",
     "optional: an .ics file, a folder of them or an https:// address"),
)
#: Text inputs → the draft field each one edits.
INPUT_FIELDS: dict[str, str] = {
    "name": "name", **{input_id: field for field, input_id, *_ in FREQUENCY_FIELDS}}


def error_label_id(field: str) -> str:
    """The id of the label under a field: ``set.pre-meeting`` → ``error-set-pre-meeting``."""
    return "error-" + field.replace(".", "-").replace("_", "-")


def trigger_when(draft: RoutineDraft, kind: TriggerKind) -> str:
    """When a trigger's set comes, in the draft's own times where they can be read."""
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


class SuggestionList(OptionList):
    """Pending progression suggestions: ``a`` accepts the highlighted one, ``d`` declines."""

    BINDING_GROUP_TITLE = "On a suggestion"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "accept", "Accept", id="routine.accept-suggestion"),
        Binding("c", "other", "Other choice", id="routine.other-choice"),
        Binding("d", "decline", "Decline", id="routine.decline-suggestion"),
    ]

    class OtherChoice(Message):
        """Show the next choice for the suggestion ``exercise_id`` (2 s, 3 s, a band)."""

        def __init__(self, exercise_id: str) -> None:
            super().__init__()
            self.exercise_id = exercise_id

    class AcceptSuggestion(Message):
        """Take the suggestion for ``exercise_id`` into the routine."""

        def __init__(self, exercise_id: str) -> None:
            super().__init__()
            self.exercise_id = exercise_id

    class DeclineSuggestion(Message):
        """Not now: the suggestion for ``exercise_id`` is hidden for two weeks."""

        def __init__(self, exercise_id: str) -> None:
            super().__init__()
            self.exercise_id = exercise_id

    def action_accept(self) -> None:
        option = self.highlighted_option
        if option is not None and option.id is not None:
            self.post_message(self.AcceptSuggestion(option.id))

    def action_decline(self) -> None:
        option = self.highlighted_option
        if option is not None and option.id is not None:
            self.post_message(self.DeclineSuggestion(option.id))

    def action_other(self) -> None:
        option = self.highlighted_option
        if option is not None and option.id is not None:
            self.post_message(self.OtherChoice(option.id))


class Form(VerticalScroll, can_focus=False):
    """The scrolling form (not a tab stop itself: its fields are). It shows what it is given;
    the screen keeps the draft."""

    def compose(self) -> ComposeResult:
        with Horizontal(id="routine-row"):
            yield Label("Routine", classes="row-label")
            yield Select([], prompt="New routine", id="routine-picker", compact=True)
            yield Label("Name", classes="row-label")
            yield Input(placeholder="Name this routine", id="name", compact=True,
                        max_length=60)
        yield Label(id=error_label_id("name"), classes="field-error", markup=False)
        yield Static(id="status-line", markup=False)
        yield ProblemList(id="problems")
        with Vertical(id="progress-step", classes="step") as progress:
            progress.border_title = "Progress"
            progress.border_subtitle = "a accept · c other choice · d decline"
            yield Static(f"The guide: {PROGRESSION_ADVICE[:1].lower()}"
                         f"{PROGRESSION_ADVICE[1:]} {EFFORTLESS_RULE}",
                         classes="step-hint", markup=False)
            yield SuggestionList(id="suggestions")
        with Horizontal(id="steps-choose"):
            with Vertical(id="step-pain", classes="step"):
                yield Static("1 · Assess your pain points", classes="step-title")
                yield Static("Where stiffness or fatigue shows", classes="step-hint")
                yield CheckList[str](*((p.label, str(p)) for p in PainPoint),
                                     id="pain-points")
            with Vertical(id="step-core", classes="step"):
                yield Static("2 · Select a core set", classes="step-title")
                yield Static(f"{CORE_MIN}–{CORE_MAX} movements for any setting",
                             classes="step-hint")
                yield CheckList[str](id="core")
                yield Label(id=error_label_id("core"), classes="field-error", markup=False)
            with Vertical(id="step-extras", classes="step"):
                yield Static("3 · Add targeted extras", classes="step-title")
                yield Static(f"1–{EXTRAS_MAX} for your pain points, ★ first",
                             classes="step-hint")
                yield CheckList[str](id="extras")
                yield Label(id=error_label_id("extras"), classes="field-error", markup=False)
        with Vertical(id="step-frequency", classes="step"):
            yield Static("4 · Determine frequency", classes="step-title")
            with Vertical(id="frequency"):
                for row in range(0, len(FREQUENCY_FIELDS), 2):
                    with Horizontal(classes="field-row"):
                        for field, input_id, label, hint in (pair := FREQUENCY_FIELDS[row:row + 2]):
                            last = " -last" if input_id == pair[-1][1] else ""  # see the CSS
                            with Vertical(classes=f"field field-{input_id} -quiet{last}"):
                                yield Label(label, classes="field-label")
                                yield Input(id=input_id, compact=True)
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

    # -- showing what the screen gives it ------------------------------------------------------

    def show_fields(self, draft: RoutineDraft, picked: str | None) -> None:
        """The name, the pain points and the frequency as ``draft`` has them, and ``picked``
        (a routine id, None: "New routine") in the picker; no change events are posted."""
        with self.prevent(Input.Changed, Select.Changed, SelectionList.SelectedChanged):
            self.query_one("#name", Input).value = draft.name
            for field, input_id, *_ in FREQUENCY_FIELDS:
                self.query_one(f"#{input_id}", Input).value = getattr(draft, field)
            picker = self.query_one("#routine-picker", Select)
            picker.value = Select.NULL if picked is None else picked
            pains = self.query_one("#pain-points", SelectionList)
            pains.deselect_all()
            for pain in draft.pain_points:
                pains.select(str(pain))

    def show_routines(self, options: list[tuple[str, str]], picked: str | None) -> None:
        """The picker's routines, (label, id) each, with ``picked`` chosen (None: "New")."""
        picker = self.query_one("#routine-picker", Select)
        with self.prevent(Select.Changed):
            picker.set_options(options)
            picker.value = Select.NULL if picked is None else picked

    def show_choices(self, draft: RoutineDraft, exercises: Mapping[str, Exercise]) -> None:
        """Steps 2 and 3: matching exercises first, the draft's choices ticked."""
        matches = set(suggest_extras(draft.pain_points))
        core_ids = rank_exercises(draft.pain_points, exercises)
        extra_ids = rank_exercises(draft.pain_points, exercises, exclude=draft.core)
        self._fill_selection("#core", core_ids, set(draft.core), matches, exercises)
        self._fill_selection("#extras", extra_ids, set(draft.extras), matches, exercises)

    def _fill_selection(self, selector: str, ids: list[str], chosen: set[str],
                        matches: set[str], exercises: Mapping[str, Exercise]) -> None:
        widget = self.query_one(selector, SelectionList)
        highlighted = widget.highlighted_option
        keep = highlighted.value if isinstance(highlighted, Selection) else None
        selections = []
        for exercise_id in ids:
            exercise = exercises[exercise_id]
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

    def show_problems(self, problems: list[FieldError], draft: RoutineDraft) -> None:
        """Each problem in the label under its field, and all of them in the list at the
        top; text fields with an error marked."""
        self.query_one("#problems", ProblemList).show(problems, draft)
        by_field: dict[str, list[FieldError]] = {}
        for problem in problems:
            by_field.setdefault(problem.field, []).append(problem)
        for label in self.query(".field-error").results(Label):
            label_problems = next(
                (items for fld, items in by_field.items()
                 if error_label_id(fld) == label.id), [])
            self._show_label(label, label_problems)
        for input_id, field in INPUT_FIELDS.items():
            self.query_one(f"#{input_id}", Input).set_class(
                any(p.is_error for p in by_field.get(field, ())), "-invalid")

    @staticmethod
    def _show_label(label: Label, problems: list[FieldError]) -> None:
        problems = sorted(problems, key=lambda p: not p.is_error)
        text = "\n".join(p.message for p in problems)
        if text != str(label.content):
            label.update(text)
        if label.display != bool(problems):
            label.display = bool(problems)
        if label.has_class("-reserved") and label.parent is not None:
            label.parent.set_class(not problems, "-quiet")  # keeps the label's line
        label.set_class(any(p.is_error for p in problems), "-error")
        label.set_class(bool(problems) and not any(p.is_error for p in problems), "-warning")

    def show_set(self, kind: TriggerKind, draft: RoutineDraft,
                 exercises: Mapping[str, Exercise], problems: list[FieldError]) -> None:
        """One set: its title, cue, exercises, total time, and ``problems`` (the set's own)."""
        items = draft.items(kind)
        editor = self.query_one(f"#editor-{kind}", SetEditor)
        title = draft.trigger_title(kind)
        seconds = draft.set_seconds(kind, exercises)
        # Each trigger's set against the day plan's "Micro-Movement Set (≈30 s)".
        subtitle = (f"{fmt_seconds(seconds)} · the guide ≈{TRIGGER_SET_SECONDS} s" if items
                    else "left out")
        if (str(editor.border_title), str(editor.border_subtitle)) != (title, subtitle):
            editor.border_title, editor.border_subtitle = title, subtitle
        editor.set_class(any(p.is_error for p in problems), "-error")
        editor.set_class(bool(problems) and not any(p.is_error for p in problems), "-warning")
        cue = self.query_one(f"#cue-{kind}", Static)
        when = trigger_when(draft, kind)
        if when != str(cue.content):
            cue.update(when)
        self.query_one(f"#set-{kind}", SetList).show(items, exercises)

    def show_suggestions(self, shown: bool, options: list[Option] | None = None, *,
                         keep: str | None = None) -> None:
        """The progression step, ``shown`` or not; ``options`` (if given) replace the list
        (the one with id ``keep`` stays highlighted)."""
        self.query_one("#progress-step").display = shown
        if options is not None:
            suggestion_list = self.query_one("#suggestions", SuggestionList)
            suggestion_list.set_options(options)
            if options:
                ids = [o.id for o in options]
                suggestion_list.highlighted = ids.index(keep) if keep in ids else 0

    def show_break(self, on: bool) -> None:
        """The pause after a set, as stored (no change is posted)."""
        with self.prevent(Checkbox.Changed):
            self.query_one("#mental-break", Checkbox).value = on

    @on(Checkbox.Changed, "#mental-break")
    def _break_changed(self, event: Checkbox.Changed) -> None:
        event.stop()
        self.post_message(MentalBreakSetting(event.value))

    def show_status(self, text: str, error: bool) -> None:
        status = self.query_one("#status-line", Static)
        if text != str(status.content):
            status.update(text)
        status.set_class(error, "-error")

    # -- focus -----------------------------------------------------------------------------

    def focus_field(self, field: str) -> None:
        """Focus the widget that edits ``field`` (a draft field), if there is one."""
        widget_id = FIELD_WIDGETS.get(field)
        if widget_id:
            self.query_one(f"#{widget_id}").focus()

    def show_field(self, field: str) -> None:
        """Scroll the field's label, input, hint and problems into view (once laid out)."""
        problems = self.query_one(f"#{error_label_id(field)}")
        box = problems.parent if isinstance(problems.parent, Vertical) else problems
        self.call_after_refresh(box.scroll_visible, animate=False)

    def focus_item(self, kind: TriggerKind, index: int) -> None:
        """Focus the set of ``kind`` with its exercise at ``index`` highlighted."""
        set_list = self.query_one(f"#set-{kind}", SetList)
        set_list.highlighted = index
        set_list.focus()

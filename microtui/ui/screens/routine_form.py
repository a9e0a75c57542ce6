"""The routine builder's form: the guide's five steps, and how a draft shows in them.

:class:`Form` lays the steps out and shows what the screen gives it (the draft, its problems
beside their fields, each set with its cue and total time, the progression suggestions, the
status line). Steps 1 to 3 come with it; the steps below them
(:class:`~microtui.ui.screens.routine_steps.LowerSteps`) come once its first frame is
drawn, and what the form shows there waits for them (:attr:`Form.lower_steps`). Its lists
say what the user asks for with messages the screen handles: the sets' :class:`SetList`
posts :class:`SetList.AdjustItem`, :class:`SetList.AddExercise` and
:class:`SetList.RemoveItem`; :class:`SuggestionList` posts
:class:`SuggestionList.AcceptSuggestion` and :class:`SuggestionList.DeclineSuggestion`.
Styled by ``routine.tcss`` (the screen's stylesheet).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import partial
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.lazy import Lazy
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Checkbox, Input, Label, OptionList, Select, SelectionList, Static
from textual.widgets.option_list import Option
from textual.widgets.selection_list import Selection

from microtui.core.pain_points import PainPoint, rank_exercises, suggest_extras
from microtui.core.progression import EFFORTLESS_RULE, PROGRESSION_ADVICE
from microtui.core.routine import TriggerKind
from microtui.core.routine_draft import CORE_MAX, CORE_MIN, EXTRAS_MAX, RoutineDraft
from microtui.core.routine_validation import FieldError
from microtui.core.set_builder import TRIGGER_SET_SECONDS
from microtui.core.time_text import fmt_seconds
from microtui.ui.screens.routine_fields import (
    FIELD_WIDGETS,
    FREQUENCY_FIELDS,
    INPUT_FIELDS,
    error_label_id,
    trigger_when,
)
from microtui.ui.screens.routine_problems import ProblemList
from microtui.ui.screens.routine_steps import LowerSteps, SetEditor, SetList
from microtui.ui.widgets.check_list import CheckList
from microtui.ui.widgets.field_input import FieldInput
from microtui.ui.widgets.mental_break import MentalBreakSetting

if TYPE_CHECKING:
    from microtui.core.exercises import Exercise

__all__ = ["FIELD_WIDGETS", "FREQUENCY_FIELDS", "INPUT_FIELDS", "Form", "LowerSteps",
           "SetEditor", "SetList", "SuggestionList", "error_label_id"]


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
    the screen keeps the draft. What it is given for the steps below the first screenful
    before they are in is shown when they come (:meth:`_when_below`)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.lower_steps: LowerSteps | None = None
        """Steps 4, the sets and 5, once mounted (after the form's first frame)."""
        self._waiting: dict[str, Callable[[], object]] = {}

    def _when_below(self, what: str, show: Callable[[], object]) -> None:
        """``show`` something in the lower steps: now, or once they are in (the last one
        asked for of each ``what``)."""
        if self.lower_steps is not None:
            show()
        else:
            self._waiting[what] = show

    @on(LowerSteps.Mounted)
    def _lower_steps_in(self, message: LowerSteps.Mounted) -> None:
        message.stop()
        self.lower_steps = self.query_one(LowerSteps)
        waiting, self._waiting = self._waiting, {}
        focus = [waiting.pop(what) for what in ("scroll", "focus") if what in waiting]
        for show in (*waiting.values(), *focus):  # what the user asked to see, last
            show()

    def compose(self) -> ComposeResult:
        with Horizontal(id="routine-row"):
            yield Label("Routine", classes="row-label")
            yield Select([], prompt="New routine", id="routine-picker", compact=True)
            yield Label("Name", classes="row-label")
            yield FieldInput(placeholder="Name this routine", id="name", compact=True,
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
        yield Lazy(LowerSteps(id="lower-steps"))

    # -- showing what the screen gives it ------------------------------------------------------

    def show_fields(self, draft: RoutineDraft, picked: str | None) -> None:
        """The name, the pain points and the frequency as ``draft`` has them, and ``picked``
        (a routine id, None: "New routine") in the picker; no change events are posted."""
        with self.prevent(Input.Changed, Select.Changed, SelectionList.SelectedChanged):
            self.query_one("#name", Input).value = draft.name
            picker = self.query_one("#routine-picker", Select)
            picker.value = Select.NULL if picked is None else picked
            pains = self.query_one("#pain-points", SelectionList)
            pains.deselect_all()
            for pain in draft.pain_points:
                pains.select(str(pain))
        self._when_below("frequency", partial(self._show_frequency, draft))

    def _show_frequency(self, draft: RoutineDraft) -> None:
        with self.prevent(Input.Changed):
            for field, input_id, *_ in FREQUENCY_FIELDS:
                self.query_one(f"#{input_id}", Input).value = getattr(draft, field)

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
        self._show_problems_in(self, by_field)  # (in the lower steps too, once they are in)
        if self.lower_steps is None:
            self._waiting["problems"] = lambda: self._show_problems_in(
                self.query_one(LowerSteps), by_field)

    def _show_problems_in(self, node: Widget, by_field: dict[str, list[FieldError]]) -> None:
        """The labels and text fields in ``node`` (the form, or its lower steps)."""
        for label in node.query(".field-error").results(Label):
            label_problems = next(
                (items for fld, items in by_field.items()
                 if error_label_id(fld) == label.id), [])
            self._show_label(label, label_problems)
        for field_input in node.query(Input).results(Input):
            field = INPUT_FIELDS.get(field_input.id or "")
            if field is not None:
                field_input.set_class(any(p.is_error for p in by_field.get(field, ())),
                                      "-invalid")

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
        self._when_below(f"set-{kind}", partial(self._show_set, kind, draft, exercises,
                                                problems))

    def _show_set(self, kind: TriggerKind, draft: RoutineDraft,
                  exercises: Mapping[str, Exercise], problems: list[FieldError]) -> None:
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
        self._when_below("break", partial(self._show_break, on))

    def _show_break(self, on: bool) -> None:
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
        if not widget_id:
            return
        widget = self.query(f"#{widget_id}")
        if widget:
            widget.first().focus()
        else:  # in the lower steps, not in yet
            self._waiting["focus"] = partial(self.focus_field, field)

    def show_field(self, field: str) -> None:
        """Scroll the field's label, input, hint and problems into view (once laid out)."""
        found = self.query(f"#{error_label_id(field)}")
        if not found:  # in the lower steps, not in yet
            self._waiting["scroll"] = partial(self.show_field, field)
            return
        problems = found.first()
        box = problems.parent if isinstance(problems.parent, Vertical) else problems
        self.call_after_refresh(box.scroll_visible, animate=False)

    def focus_item(self, kind: TriggerKind, index: int) -> None:
        """Focus the set of ``kind`` with its exercise at ``index`` highlighted."""
        self._when_below("focus", partial(self._focus_item, kind, index))

    def _focus_item(self, kind: TriggerKind, index: int) -> None:
        set_list = self.query_one(f"#set-{kind}", SetList)
        set_list.highlighted = index
        set_list.focus()

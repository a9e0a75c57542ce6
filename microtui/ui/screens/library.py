"""The Library: every exercise of the guide, grouped by region, with its full detail."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich import box
from rich.cells import cell_len
from rich.style import Style
from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from microtui.core.exercises import Exercise
from microtui.core.safety import GENTLE_RESET, SAFETY_ADVICE
from microtui.core.time_text import fmt_seconds
from microtui.ui import describe
from microtui.ui.textual_compat import ModeScreen
from microtui.ui.widgets.footer import Footer
from microtui.ui.widgets.header import Header

if TYPE_CHECKING:
    from microtui.core.loader import Library
    from microtui.ui.services import Services

REGION_PREFIX = "region:"
TRY_IT_TEXT = "▶ t try it now"
"""The detail's offer, in its bottom border: the player plays the exercise alone."""


class ExerciseList(OptionList):
    """Exercises under disabled region headings; the cursor skips the headings.

    Each exercise row is its name and, right-aligned, its time as instructed. The rows are
    plain padded text, re-laid out when the list is resized: far cheaper to render than a
    table per row.
    """

    BINDING_GROUP_TITLE = "Exercise list"
    # Sideways scrolling is inherited from ScrollView but the list never scrolls sideways.
    _UNUSED_ACTIONS = frozenset({"scroll_left", "scroll_right", "page_left", "page_right"})

    def __init__(self, library: Library, *, id: str | None = None) -> None:
        self._rows: dict[str, tuple[str, str]] = {}
        options: list[Option] = []
        for index, (region, exercises) in enumerate(library.by_region().items()):
            # A blank line above every heading but the first keeps the groups apart.
            heading = ("\n" if index else "") + region.label
            options.append(Option(heading, id=f"{REGION_PREFIX}{region}", disabled=True))
            for ex in exercises:
                self._rows[ex.id] = (ex.name, fmt_seconds(ex.total_seconds()))
                options.append(Option(self._prompt(ex.id, width=0), id=ex.id))
        super().__init__(*options, id=id, markup=False)
        self._laid_out_width = 0

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return action not in self._UNUSED_ACTIONS

    def _prompt(self, exercise_id: str, width: int) -> Content:
        """``name ... time`` filling ``width`` cells; the name is cut short if need be."""
        name, time = self._rows[exercise_id]
        room = width - cell_len(time) - 1
        if room < cell_len(name):
            name = name[: max(room - 1, 1)].rstrip() + "…" if room > 1 else name
        gap = " " * max(1, width - cell_len(name) - cell_len(time))
        return Content.assemble(name, gap, (time, "dim"))

    def on_resize(self) -> None:
        self._lay_out_rows()

    def watch_show_vertical_scrollbar(self) -> None:
        """The scrollbar takes a column of the rows' width (no resize comes then)."""
        self._lay_out_rows()

    def _lay_out_rows(self) -> None:
        padding = self.get_component_styles("option-list--option").padding.width
        width = self.scrollable_content_region.width - padding
        if width <= 0 or width == self._laid_out_width:
            return
        self._laid_out_width = width
        for index, option in enumerate(self.options):
            if option.id in self._rows:
                self.replace_option_prompt_at_index(index, self._prompt(option.id, width))


class ExerciseDetail(VerticalScroll):
    """Everything the guide says about one exercise, and the plan the player will run."""

    BINDING_GROUP_TITLE = "Exercise detail"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "screen.try_exercise", "Try it now", id="library.try-detail",
                show=False),
        Binding("escape", "screen.focus_list", "Back to list", id="library.back-to-list"),
    ]
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "exercise-detail--label",
        "exercise-detail--header",
        "exercise-detail--muted",
        "exercise-detail--exhale",
        "exercise-detail--inhale",
        "exercise-detail--steady",
    }

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.exercise: Exercise | None = None
        self.border_title = "Detail"
        self.border_subtitle = TRY_IT_TEXT

    def compose(self) -> ComposeResult:
        yield Static(id="detail-name", markup=False)
        yield Static(id="detail-meta", markup=False)
        yield Static(id="detail-facts")
        yield Static("Instruction", classes="section")
        yield Static(id="detail-instruction", markup=False)
        yield Static("Effect", classes="section")
        yield Static(id="detail-effect", markup=False)
        yield Static(id="detail-plan-title", classes="section", markup=False)
        yield Static(id="detail-plan")
        yield Static(id="detail-plan-total", markup=False)
        yield Static("Safety", classes="section")
        yield Static(f"{SAFETY_ADVICE} {GENTLE_RESET}", id="detail-safety", markup=False)

    def on_mount(self) -> None:
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self._refresh_detail())

    def show(self, exercise: Exercise) -> None:
        """Show ``exercise`` from the top."""
        changed = exercise is not self.exercise
        self.exercise = exercise
        self._refresh_detail()
        if changed:
            self.scroll_home(animate=False)

    def _style(self, name: str) -> Style:
        return self.get_component_rich_style(f"exercise-detail--{name}", partial=True)

    def _refresh_detail(self) -> None:
        exercise = self.exercise
        if exercise is None or not self.is_mounted:
            return
        self.query_one("#detail-name", Static).update(exercise.name)
        meta = f"{exercise.region.label} · {exercise.posture}"
        self.query_one("#detail-meta", Static).update(meta)
        self.query_one("#detail-facts", Static).update(self._facts(exercise))
        self.query_one("#detail-instruction", Static).update(exercise.instruction)
        self.query_one("#detail-effect", Static).update(exercise.effect)
        self.query_one("#detail-plan-title", Static).update(describe.plan_title(exercise))
        self.query_one("#detail-plan", Static).update(self._plan(exercise))
        self.query_one("#detail-plan-total", Static).update(describe.plan_total_text(exercise))

    def _breath(self, breath: str) -> Text:
        return Text(breath, self._style(breath))

    def _facts(self, exercise: Exercise) -> Table:
        label = self._style("label")
        grid = Table.grid(padding=(0, 2))
        grid.add_column(style=label, no_wrap=True)
        grid.add_column(ratio=1)
        breath = Text(" · ").join(
            Text.assemble(
                self._breath(str(p.breath)), f" {fmt_seconds(p.seconds)} {p.kind}"
            )
            for p in exercise.cycle
        )
        rows: list[tuple[str, Text | str]] = [
            ("Equipment", describe.equipment_text(exercise)),
            ("Muscles", ", ".join(exercise.muscles)),
            ("Time", describe.time_text(exercise)),
            ("Reps", describe.reps_text(exercise)),
        ]
        if pacing := describe.pacing_text(exercise):
            rows.append(("App's pacing", pacing))
        if exercise.parts:
            rows.append((describe.parts_label(exercise), describe.parts_text(exercise)))
        rows.append(("Breath", breath))
        if exercise.tempo:
            rows.append(("Tempo", exercise.tempo))
        for name, value in rows:
            grid.add_row(name, value)
        return grid

    def _plan(self, exercise: Exercise) -> Table:
        header = self._style("header")
        muted = self._style("muted")
        table = Table(
            box=box.SIMPLE_HEAD,
            show_edge=False,
            pad_edge=False,
            header_style=header,
            border_style=muted,
            expand=True,
            padding=(0, 1),
        )
        table.add_column("Rep", no_wrap=True, style=muted)
        table.add_column("Phase", no_wrap=True)
        table.add_column("Time", justify="right", no_wrap=True)
        table.add_column("Breath", no_wrap=True)
        table.add_column("Cue", ratio=1)
        for row in describe.plan_rows(exercise):
            table.add_row(
                row.reps,
                row.kind,
                fmt_seconds(row.seconds),
                self._breath(row.breath),
                row.cue,
            )
        return table


class LibraryScreen(ModeScreen[None]):
    """Browse the exercises by region; the detail pane follows the highlight. ``t`` (or
    enter on the detail) tries the exercise shown: :class:`TryExercise` asks the app to
    play it alone."""

    CSS_PATH = "library.tcss"
    SUB_TITLE = "Library"
    BINDING_GROUP_TITLE = "Library"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("t", "try_exercise", "Try it now", id="library.try"),
    ]

    class TryExercise(Message):
        """Play ``exercise_id`` alone in the player."""

        def __init__(self, exercise_id: str) -> None:
            super().__init__()
            self.exercise_id = exercise_id
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (60, "-wide")]
    """Below 60 columns the detail goes under the list: beside it, it would be a sliver."""

    def __init__(self, services: Services, *, name: str | None = None,
                 id: str | None = None) -> None:
        super().__init__(name=name, id=id)
        self.library: Library = services.library

    @property
    def _exercises(self) -> dict[str, Exercise]:
        return self.library.exercises

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="library"):
            exercise_list = ExerciseList(self.library, id="exercise-list")
            exercise_list.border_title = "Exercises"
            yield exercise_list
            yield ExerciseDetail(id="exercise-detail")
        yield Footer()

    def on_mount(self) -> None:
        exercise_list = self.query_one(ExerciseList)
        if exercise_list.highlighted is None:
            exercise_list.action_first()

    @property
    def selected_exercise(self) -> Exercise | None:
        option = self.query_one(ExerciseList).highlighted_option
        if option is None or option.id is None:
            return None
        return self._exercises.get(option.id)

    def select_exercise(self, exercise_id: str, *, focus_detail: bool = False) -> None:
        """Highlight ``exercise_id`` in the list (the detail follows)."""
        exercise_list = self.query_one(ExerciseList)
        exercise_list.highlighted = exercise_list.get_option_index(exercise_id)
        # Show it now rather than on the highlight message, so callers see it at once.
        self.query_one(ExerciseDetail).show(self._exercises[exercise_id])
        if focus_detail:
            self.query_one(ExerciseDetail).focus()

    @on(OptionList.OptionHighlighted, "#exercise-list")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id in self._exercises:
            self.query_one(ExerciseDetail).show(self._exercises[event.option.id])

    @on(OptionList.OptionSelected, "#exercise-list")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id in self._exercises:
            self.select_exercise(event.option.id, focus_detail=True)

    def action_try_exercise(self) -> None:
        exercise = self.query_one(ExerciseDetail).exercise
        if exercise is not None:
            self.post_message(self.TryExercise(exercise.id))

    def action_focus_list(self) -> None:
        self.query_one(ExerciseList).focus()

"""What the routine builder knows and decides, without Textual.

:class:`BuilderState` holds the draft being edited and what it is checked against: the
routines on file (the guide's day plan, the saved ones, the active one), the schedule, the
calendar path and the progression log. The screen turns the user's keys into calls here,
shows the result in its form and writes what :meth:`BuilderState.save` asks for.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING, Any

from microtui.core.pain_points import PainPoint, suggest_extras
from microtui.core.progression import Suggestion, progression_log, progression_suggestions
from microtui.core.routine import Routine, SetItem, TriggerKind
from microtui.core.routine_draft import BUILTIN_ROUTINE_ID, RoutineDraft, routine_id_for
from microtui.core.routine_validation import FieldError, errors_only, validate
from microtui.core.settings import Accepted
from microtui.core.time_text import fmt_seconds
from microtui.ui.screens.routine_store import RoutineSave, saved_routines

if TYPE_CHECKING:
    from microtui.core.exercises import Exercise
    from microtui.core.loader import Library
    from microtui.core.schedule import ScheduleSettings
    from microtui.core.settings import UserSettings

BUILTIN_LABEL = "The guide's day plan"


def bound_message(exercise: Exercise, step: int) -> str:
    """Why ``+`` (``step`` 1) or ``-`` (-1) changed nothing."""
    if exercise.for_seconds is not None:
        return f"{exercise.name} is a {fmt_seconds(exercise.for_seconds)} rhythm, as the " \
               "guide sets it."
    if exercise.reps is not None and exercise.reps.min == exercise.reps.max \
            and not exercise.has_hold:
        return f"The guide sets {exercise.name} at {exercise.reps} repetitions."
    return f"{exercise.name} is at its {'most' if step > 0 else 'least'}."


def ordered(before: tuple[str, ...], selected: list[str]) -> tuple[str, ...]:
    """Keep the order things were chosen in; newly ticked ones go last."""
    chosen = set(selected)
    kept = [i for i in before if i in chosen]
    return tuple(kept + [i for i in selected if i not in kept])


class BuilderState:
    """The draft being edited, the routines on file and the progression log."""

    def __init__(self, library: Library, settings: ScheduleSettings, active: Routine) -> None:
        self.library = library
        self.exercises: dict[str, Exercise] = library.exercises
        self.settings = settings
        self.active_routine = active
        #: Saved routines by id: (routine, its design dict).
        self.saved: dict[str, tuple[Routine, Mapping[str, Any]]] = {}
        self.calendar_path: str = ""
        #: The calendar typed when a save was refused for it, and why (None: none refused).
        self.calendar_refused: tuple[str, str] | None = None
        #: The routine being edited (None: a new one).
        self.source_id: str | None = active.id
        self.draft = self.baseline = self._draft_of(active)
        self.problems: list[FieldError] = []
        #: Accepted suggestions not saved yet: {"accepted": {...}, "date": "YYYY-MM-DD"}.
        self.pending_accepts: list[dict[str, Any]] = []
        self.suggestions: list[Suggestion] = []
        self.sessions: list[dict[str, Any]] = []
        self.declined: dict[str, date] = {}
        self.accepted: list[Accepted] = []
        #: Whether the user shaped the sets (if not, changing the steps refills them).
        self.sets_touched = True

    @property
    def dirty(self) -> bool:
        return self.draft != self.baseline or bool(self.pending_accepts)

    # -- the routines on file ------------------------------------------------------------------

    def read(self, settings: UserSettings, routines: list[dict[str, Any]],
             sessions: list[dict[str, Any]]) -> list[str]:
        """Take in what the store holds; returns a line per saved routine not readable."""
        saved, bad = saved_routines(routines, self.exercises)
        self.saved.update(saved)
        self.calendar_path = settings.calendar or ""
        self.declined, self.accepted = progression_log(settings)
        self.sessions = sessions
        return bad

    def routine_by_id(self, routine_id: str | None) -> Routine | None:
        if routine_id == BUILTIN_ROUTINE_ID:
            return self.library.default_routine
        if routine_id in self.saved:
            return self.saved[routine_id][0]
        if routine_id == self.active_routine.id:
            return self.active_routine
        return None

    def picker_options(self) -> list[tuple[str, str]]:
        """The routines to pick from, (label, id) each: the guide's plan, the saved ones by
        name, the active one (marked ●)."""
        options = [(BUILTIN_LABEL, BUILTIN_ROUTINE_ID)]
        saved = sorted(self.saved.values(), key=lambda pair: pair[0].name.casefold())
        options += [(routine.name, routine.id) for routine, _ in saved]
        if (self.active_routine.id not in self.saved
                and self.active_routine.id != BUILTIN_ROUTINE_ID):
            options.append((self.active_routine.name, self.active_routine.id))
        return [(("● " if rid == self.active_routine.id else "") + name, rid)
                for name, rid in options]

    def picked(self, options: list[tuple[str, str]]) -> str | None:
        """The routine being edited, if ``options`` have it (None: "New routine")."""
        return self.source_id if self.source_id in {value for _, value in options} else None

    # -- the draft -----------------------------------------------------------------------------

    def _draft_of(self, routine: Routine) -> RoutineDraft:
        design = self.saved.get(routine.id, (None, {}))[1]
        return RoutineDraft.from_routine(routine, self.settings, design=design,
                                         calendar=self.calendar_path)

    def load(self, routine: Routine) -> None:
        """Edit ``routine``, unchanged."""
        self.source_id = routine.id
        self.draft = self.baseline = self._draft_of(routine)
        self.pending_accepts = []
        self.sets_touched = True

    def new(self) -> None:
        """Edit a new routine, from the guide's suggestions."""
        self.source_id = None
        self.draft = self.baseline = RoutineDraft.new(self.exercises, self.settings,
                                                      calendar=self.calendar_path)
        self.pending_accepts = []
        self.sets_touched = False

    def discard(self) -> None:
        """Back to the draft as it was loaded or last saved."""
        self.draft = self.baseline
        self.pending_accepts = []

    def change(self, draft: RoutineDraft) -> bool:
        """Keep ``draft`` (not the current one); True if steps 2 and 3 must be shown again
        (the pain points, core set or extras changed)."""
        steps_changed = (draft.core, draft.extras) != (self.draft.core, self.draft.extras)
        if steps_changed and not self.sets_touched:
            draft = draft.refill(self.exercises)
        pains_changed = draft.pain_points != self.draft.pain_points
        self.draft = draft
        return pains_changed or steps_changed

    def with_field(self, field: str, value: str) -> RoutineDraft:
        """The draft with its text field ``field`` (a value of ``INPUT_FIELDS``) set to
        ``value``: the field is known only at run time."""
        change: dict[str, Any] = {field: value}
        return replace(self.draft, **change)

    def with_pains(self, selected: list[str]) -> RoutineDraft:
        chosen = set(selected)
        return replace(self.draft, pain_points=tuple(p for p in PainPoint if str(p) in chosen))

    def with_core(self, selected: list[str]) -> RoutineDraft:
        return replace(self.draft, core=ordered(self.draft.core, selected))

    def with_extras(self, selected: list[str]) -> RoutineDraft:
        return replace(self.draft, extras=ordered(self.draft.extras, selected))

    # -- sets ------------------------------------------------------------------------------

    def adjusted(self, kind: TriggerKind, index: int, step: int) -> RoutineDraft | None:
        """The draft with one more (``step`` 1) or less (-1) of an exercise of a set; None
        when it is already at the guide's bound."""
        before = self.draft.items(kind)[index]
        draft = self.draft.adjust(kind, index, step, self.exercises)
        if draft.items(kind)[index] == before:
            return None
        self.sets_touched = True
        return draft

    def without_item(self, kind: TriggerKind, index: int) -> RoutineDraft:
        items = list(self.draft.items(kind))
        del items[index]
        self.sets_touched = True
        return self.draft.with_set(kind, items)

    def with_item(self, kind: TriggerKind, exercise_id: str) -> RoutineDraft:
        self.sets_touched = True
        return self.draft.with_set(kind, (*self.draft.items(kind), SetItem(exercise_id)))

    def refilled(self) -> RoutineDraft:
        self.sets_touched = False
        return self.draft.refill(self.exercises)

    def exercise_groups(self) -> list[tuple[str, list[Exercise]]]:
        """The exercises to add to a set: yours first, then your pain points', then all."""
        yours = list(self.draft.movements)
        matching = [i for i in suggest_extras(self.draft.pain_points) if i not in yours]
        rest = [i for i in self.exercises if i not in yours and i not in matching]
        return [
            ("Your core set and extras", [self.exercises[i] for i in yours
                                          if i in self.exercises]),
            ("For your pain points", [self.exercises[i] for i in matching]),
            ("All exercises", [self.exercises[i] for i in rest]),
        ]

    # -- problems ----------------------------------------------------------------------------

    def check(self) -> list[FieldError]:
        """Validate the draft; the problems are kept in :attr:`problems` too."""
        refused = self.calendar_refused
        problem = refused[1] if refused and refused[0] == self.draft.calendar.strip() else ""
        problems = validate(self.draft, self.exercises, other_names=self._other_names(),
                            calendar_problem=problem)
        # The built-in routine keeps its name: a changed copy needs a name of its own.
        builtin = self.library.default_routine.name
        self.problems = [
            replace(p, message=f"{builtin} stays as the guide wrote it: give your version a "
                               "name of its own.")
            if p.field == "name" and p.is_error
            and self.draft.name.strip().casefold() == builtin.casefold()
            else p
            for p in problems
        ]
        return self.problems

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

    def status(self) -> str:
        """The status line: the active routine, what is edited, and whether it can be saved."""
        errors = len(errors_only(self.problems))
        warnings = len(self.problems) - errors
        parts = [f"Active: {self.active_routine.name}"]
        if self.source_id is None:
            parts.append("editing a new routine")
        elif self.source_id != self.active_routine.id:
            editing = self.routine_by_id(self.source_id)
            parts.append(f"editing {editing.name if editing else self.source_id}")
        if self.dirty:
            parts.append("unsaved changes")
        if errors:
            parts.append(f"{errors} error{'s' if errors != 1 else ''} to fix before saving")
        elif warnings:
            parts.append(f"{warnings} warning{'s' if warnings != 1 else ''}")
        else:
            parts.append("ready to save")
        return " · ".join(parts)

    # -- progression -------------------------------------------------------------------------

    def refresh_suggestions(self, today: date) -> bool:
        """Work out the pending suggestions again; True if they changed."""
        pending = [
            Accepted(entry["accepted"]["exercise"], entry["accepted"]["kind"], today)
            for entry in self.pending_accepts
        ]
        suggestions = progression_suggestions(
            self.sessions, self.draft.sets_routine(), self.exercises, today,
            self.declined, accepted=[*self.accepted, *pending],
        )
        if suggestions == self.suggestions:
            return False
        self.suggestions = suggestions
        return True

    def suggestion(self, exercise_id: str | None) -> Suggestion | None:
        return next((s for s in self.suggestions if s.exercise_id == exercise_id), None)

    def accept(self, suggestion: Suggestion, today: date) -> RoutineDraft:
        """Log ``suggestion`` as accepted (with the next save); returns the draft with it."""
        self.pending_accepts.append(
            {"accepted": suggestion.to_dict(), "date": today.isoformat()})
        return self.draft.apply(suggestion)

    def decline(self, exercise_id: str, today: date) -> None:
        self.declined[exercise_id] = today

    def use_interval(self, minutes: str) -> None:
        """The interval was changed in the settings (the 15-minute interval taken): the
        form shows it, and it is no unsaved change."""
        self.draft = replace(self.draft, interval=minutes)
        self.baseline = replace(self.baseline, interval=minutes)

    # -- saving ------------------------------------------------------------------------------

    def save(self) -> RoutineSave:
        """What saving the draft writes (the draft must have no errors)."""
        name = self.draft.name.strip()
        source = self.source_id
        if source == BUILTIN_ROUTINE_ID and self._is_builtin_unchanged():
            routine_id, store_routine = BUILTIN_ROUTINE_ID, False
        elif source is not None and (source in self.saved or (
                source == self.active_routine.id and source != BUILTIN_ROUTINE_ID)):
            routine_id, store_routine = source, True
        else:
            taken = set(self.saved) | {self.active_routine.id}
            routine_id, store_routine = routine_id_for(name, taken), True
        return RoutineSave(self.draft.to_routine(routine_id, name), self.draft,
                           tuple(self.pending_accepts), store_routine)

    def saved_as(self, save: RoutineSave, settings: ScheduleSettings, today: date) -> None:
        """``save`` was written: its routine is the active one, ``settings`` the schedule."""
        routine, draft = save.routine, save.draft
        self.settings = settings
        self.active_routine = routine
        self.source_id = routine.id
        if save.store_routine:
            self.saved[routine.id] = (routine, draft.design_dict())
        self.calendar_path = draft.calendar.strip()
        self.baseline = draft
        self.pending_accepts = [a for a in self.pending_accepts if a not in save.accepts]
        self.accepted += [Accepted(a["accepted"]["exercise"], a["accepted"]["kind"], today)
                          for a in save.accepts]

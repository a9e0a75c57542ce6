"""The routine builder's Progress box: what the guide suggests once the log shows it.

* Progressions ("Once a movement feels effortless, increase the hold time by 2–3 seconds or
  add a light resistance band"): one line per exercise, showing the choice picked; ``c``
  shows the next one (a band where one goes, 2 s, 3 s), ``a`` accepts it into the draft
  (the save logs it), ``d`` declines it for two weeks.
* The 15-minute interval ("adjust to 15 minutes if you notice early signs of fatigue"), when
  the end-of-day check-ins show energy falling (:func:`~microtui.core.fatigue
  .fatigue_suggestion`): ``a`` changes the interval at once (through the store's one
  settings update, under its lock), ``d`` declines it (remembered: not asked again for two
  weeks).

:class:`Offers` does this for the screen; the screen keeps its keys and workers.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from textual.message import Message
from textual.widgets.option_list import Option

from microtui.core.fatigue import FatigueSuggestion, fatigue_suggestion
from microtui.core.progression import Suggestion, declined_hidden_until, suggestion_choices
from microtui.core.time_text import parse_minutes
from microtui.ui.screens.routine_store import Decline, SettingsChange

if TYPE_CHECKING:
    from microtui.core.schedule import ScheduleSettings
    from microtui.core.settings import UserSettings
    from microtui.ui.screens.routine import RoutineScreen

#: The option of the 15-minute interval (no exercise id has a capital letter).
FATIGUE_OPTION = "Interval"


class IntervalChanged(Message):
    """The stored schedule's interval changed (the 15-minute interval taken): the app makes
    ``schedule`` the one in force, and Today follows it."""

    def __init__(self, schedule: ScheduleSettings) -> None:
        super().__init__()
        self.schedule = schedule


class Offers:
    """The suggestions of ``screen``'s Progress box (see the module docstring)."""

    def __init__(self, screen: RoutineScreen) -> None:
        self.screen = screen
        #: Exercise id → the index of the choice shown (0: the suggestion itself).
        self.picked: dict[str, int] = {}
        self.checkins: list[dict[str, Any]] = []
        self.fatigue_declined: date | None = None
        self.fatigue: FatigueSuggestion | None = None

    def read(self, settings: UserSettings, checkins: list[dict[str, Any]]) -> None:
        self.checkins = checkins
        self.fatigue_declined = settings.fatigue_declined

    # -- what is shown ---------------------------------------------------------------------

    def choices(self, suggestion: Suggestion) -> list[Suggestion]:
        state = self.screen.state
        return suggestion_choices(suggestion, state.draft.sets_routine(), state.exercises,
                                  state.accepted)

    def chosen(self, exercise_id: str) -> Suggestion | None:
        suggestion = self.screen.state.suggestion(exercise_id)
        if suggestion is None:
            return None
        choices = self.choices(suggestion)
        return choices[self.picked.get(exercise_id, 0) % len(choices)]

    def refresh(self, today: date) -> None:
        """Work the suggestions out again and show them."""
        state, form = self.screen.state, self.screen.form
        changed = state.refresh_suggestions(today)
        fatigue = None
        try:
            minutes = parse_minutes(state.draft.interval)
        except ValueError:
            minutes = None
        if minutes is not None:
            fatigue = fatigue_suggestion(self.checkins, today, minutes, self.fatigue_declined)
        changed = changed or fatigue != self.fatigue
        self.fatigue = fatigue
        shown = bool(state.suggestions) or fatigue is not None
        form.show_suggestions(shown, self.options() if changed else None)

    def options(self) -> list[Option]:
        state = self.screen.state
        routine = state.draft.sets_routine()
        options = []
        for suggestion in state.suggestions:
            choices = self.choices(suggestion)
            chosen = choices[self.picked.get(suggestion.exercise_id, 0) % len(choices)]
            text = chosen.describe(state.exercises, routine)
            if len(choices) > 1:
                others = [c.change(state.exercises, routine).split(" (")[0]
                          for c in choices if c != chosen]
                noun = "Other choice" if len(others) == 1 else "Other choices"
                text += f" {noun} (c): {' · '.join(others)}."
            options.append(Option(text, id=suggestion.exercise_id))
        if self.fatigue is not None:
            options.append(Option(self.fatigue.describe(), id=FATIGUE_OPTION))
        return options

    # -- the user's answers ---------------------------------------------------------------

    def other(self, option_id: str) -> None:
        """``c``: show the next choice for the exercise."""
        if self.screen.state.suggestion(option_id) is None:
            return
        self.picked[option_id] = self.picked.get(option_id, 0) + 1
        self.screen.form.show_suggestions(True, self.options(), keep=option_id)

    def accept(self, option_id: str, today: date) -> None:
        screen = self.screen
        if option_id == FATIGUE_OPTION:
            self._accept_fatigue()
            return
        suggestion = self.chosen(option_id)
        if suggestion is None:
            return
        self.picked.pop(option_id, None)
        screen.change_draft(screen.state.accept(suggestion, today))
        screen.refresh_form()  # a band changes no set, but the suggestion goes
        name = screen.exercises[suggestion.exercise_id].name
        what = suggestion.change(screen.exercises).split(" (")[0]
        screen.notify(f"{name}: {what}. Save with ctrl+s to keep it.")

    def decline(self, option_id: str, today: date) -> None:
        screen = self.screen
        again = declined_hidden_until(today)
        when = f"Suggested again from {again.day} {again:%b}"
        if option_id == FATIGUE_OPTION:
            if self.fatigue is None:
                return
            self.fatigue_declined = today
            screen.refresh_form()
            screen.notify(f"Your interval stays as it is. {when}, if your energy still falls.")
            screen.write(SettingsChange(
                lambda saved: saved.with_fatigue_declined(today), "the declined interval"))
            return
        if screen.state.suggestion(option_id) is None:
            return
        screen.state.decline(option_id, today)
        screen.refresh_form()
        name = screen.exercises[option_id].name
        screen.notify(f"{name}: not now. {when}, if it still feels effortless.")
        screen.write(Decline(option_id, today))

    def _accept_fatigue(self) -> None:
        fatigue, screen = self.fatigue, self.screen
        if fatigue is None:
            return
        minutes = fatigue.interval_minutes
        screen.state.use_interval(str(minutes))
        screen.show_draft()
        screen.notify(f"A set every {minutes} minutes from now on (was every "
                      f"{fatigue.current_minutes}).", title="Interval")
        screen.write(SettingsChange(lambda saved: saved.with_interval(minutes),
                                             "the interval"))

"""Every problem the routine builder shows, listed in one place near the top of the form.

Each warning and error is also shown under its field, which may be far down the form; this
list names them all where they can be seen, each with the field it belongs to. The screen's
``ctrl+g`` goes to the field of each in turn (:meth:`ProblemList.next`); a click on one goes
to its field (:class:`ProblemList.GoToField`). The list is no tab stop: tab moves between
the fields as it always did.
"""

from __future__ import annotations

from rich.text import Text
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from microtui.core.routine import TriggerKind
from microtui.core.routine_draft import RoutineDraft
from microtui.core.routine_validation import FieldError

#: What each field is called on the form (a set: its trigger's title).
FIELD_NAMES: dict[str, str] = {
    "name": "Name",
    "core": "Core set",
    "extras": "Targeted extras",
    "interval": "Every (minutes)",
    "workday_start": "Workday starts",
    "workday_end": "Workday ends",
    "working_days": "Working days",
    "pre_meeting_lead": "Before meetings",
    "mid_afternoon": "Mid-afternoon set",
    "calendar": "Calendar",
    "sets": "Sets",
}


def field_name(field: str, draft: RoutineDraft) -> str:
    """``set.interval`` → ``Every 20 min`` (the set's title); ``core`` → ``Core set``."""
    if field.startswith("set."):
        try:
            return f"{draft.trigger_title(TriggerKind(field[4:]))} set"
        except ValueError:
            return field
    return FIELD_NAMES.get(field, field)


def problem_options(problems: list[FieldError], draft: RoutineDraft) -> list[Option]:
    """One row per problem, errors first: ``⚠ Start of Day set: ...`` (id: the index)."""
    ordered = sorted(enumerate(problems), key=lambda pair: not pair[1].is_error)
    options = []
    for index, problem in ordered:
        row = Text(no_wrap=False)
        row.append("✗ " if problem.is_error else "⚠ ",
                   style="red" if problem.is_error else "yellow")
        row.append(f"{field_name(problem.field, draft)}: ", style="bold")
        row.append(problem.message)
        options.append(Option(row, id=str(index)))
    return options


class ProblemList(OptionList, can_focus=False):
    """The builder's warnings and errors, the one :meth:`next` went to highlighted."""

    class GoToField(Message):
        """Focus the widget that edits ``field``."""

        def __init__(self, field: str) -> None:
            super().__init__()
            self.field = field

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.fields: list[str] = []
        self._gone: int | None = None
        """The problem ``ctrl+g`` went to last (None: none yet)."""

    def show(self, problems: list[FieldError], draft: RoutineDraft) -> None:
        """List ``problems`` (hidden when there are none), keeping the highlight."""
        fields = [p.field for p in sorted(problems, key=lambda p: not p.is_error)]
        options = problem_options(problems, draft)
        texts = [str(o.prompt) for o in options]
        self.display = bool(options)
        if texts == [str(o.prompt) for o in self.options] and fields == self.fields:
            return
        self.fields = fields
        self._gone = None  # the problems changed: ctrl+g starts from the first again
        self.set_options(options)

    def next(self) -> str:
        """The field of the next problem (the first after the last one gone to), now
        highlighted; the list must not be empty."""
        index = self._gone
        self._gone = 0 if index is None else (index + 1) % len(self.fields)
        self.highlighted = self._gone
        return self.fields[self._gone]

    def _on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._gone = event.option_index
        self.post_message(self.GoToField(self.fields[event.option_index]))

"""The routine builder's fields: which widget edits which draft field, the frequency
step's fields, and the words the form shows beside them (one place for the form and the
steps it shows below its first screenful, :mod:`microtui.ui.screens.routine_steps`)."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import Any

from microtui.core.routine import TRIGGER_ORDER, TriggerKind
from microtui.core.routine_draft import (
    INTERVAL_DEFAULT,
    INTERVAL_FATIGUE,
    INTERVAL_MAX,
    INTERVAL_MIN,
    LEAD_MAX,
    LEAD_MIN,
    RoutineDraft,
)
from microtui.core.routine_validation import set_field
from microtui.core.sensations import choices_text
from microtui.core.time_text import parse_hhmm, parse_minutes

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

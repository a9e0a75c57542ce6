"""Routines to and from plain JSON types, for the store."""

from __future__ import annotations

import copy
import json
from datetime import time

import pytest

from microtui.core.loader import builtin_path, load_library
from microtui.core.routine import (
    Routine,
    RoutineFormatError,
    SetItem,
    Trigger,
    TriggerKind,
    routine_from_dict,
    routine_to_dict,
)

LIBRARY = load_library([builtin_path()])
EXERCISES = LIBRARY.exercises
GUIDE_PLAN = LIBRARY.default_routine


def test_the_default_routine_round_trips_through_json():
    data = routine_to_dict(GUIDE_PLAN)
    text = json.dumps(data)  # JSON types only
    assert routine_from_dict(json.loads(text), EXERCISES) == GUIDE_PLAN


def test_the_dict_format():
    data = routine_to_dict(GUIDE_PLAN)
    assert data["v"] == 1
    assert (data["id"], data["name"]) == ("guide-day-plan", "The guide's day plan")
    fixed = data["triggers"][3]
    assert fixed == {
        "kind": "fixed-time", "name": "Mid‑Afternoon", "cue": "After lunch",
        "items": [{"id": "hip-abduction", "reps": None, "hold_extra_seconds": 0},
                  {"id": "glute-squeeze", "reps": None, "hold_extra_seconds": 0}],
        "every_minutes": None, "lead_minutes": None, "at": "13:30",
    }
    assert data["triggers"][1]["every_minutes"] == 30
    assert data["triggers"][2]["lead_minutes"] == 2


def test_reps_and_longer_holds_round_trip():
    routine = Routine("mine", "Mine", (
        Trigger(TriggerKind.FIXED_TIME, "Late", "After tea",
                (SetItem("core-bracing", 5, 2.0), SetItem("chest-opener", None, 1.5)),
                at=time(15, 5)),
    ))
    data = json.loads(json.dumps(routine_to_dict(routine)))
    assert data["triggers"][0]["items"][1]["hold_extra_seconds"] == 1.5
    assert "band" not in data["triggers"][0]["items"][1]  # stored only when set
    assert data["triggers"][0]["at"] == "15:05"
    assert routine_from_dict(data, EXERCISES) == routine


def test_a_design_kept_beside_the_routine_is_allowed():
    data = routine_to_dict(GUIDE_PLAN) | {"design": {"pain_points": ["hips"]}}
    assert routine_from_dict(data, EXERCISES) == GUIDE_PLAN


def broken(path: str, value: object) -> dict:
    """The default routine's dict with one value replaced (``path`` like "triggers.3.at");
    the value ``...`` deletes the key."""
    data = copy.deepcopy(routine_to_dict(GUIDE_PLAN))
    *parents, last = path.split(".")
    node = data
    for key in parents:
        node = node[int(key)] if isinstance(node, list) else node[key]
    key = int(last) if isinstance(node, list) else last
    if value is ...:
        del node[key]
    else:
        node[key] = value
    return data


@pytest.mark.parametrize(("path", "value", "field", "text"), [
    ("v", 2, "v", "unsupported"),
    ("v", ..., "v", "unsupported"),
    ("id", "", "id", "non-empty"),
    ("name", 3, "name", "non-empty"),
    ("colour", "red", "colour", "unknown key"),
    ("triggers", [], "triggers", "non-empty"),
    ("triggers.0", "start", "triggers[0]", "object"),
    ("triggers.0.kind", "lunch", "triggers[0].kind", "unknown kind"),
    ("triggers.0.name", None, "triggers[0].name", "non-empty"),
    ("triggers.0.cue", 5, "triggers[0].cue", "string"),
    ("triggers.0.when", "now", "triggers[0].when", "unknown key"),
    ("triggers.1.every_minutes", None, "triggers[1].every_minutes", "missing"),
    ("triggers.1.every_minutes", 0, "triggers[1].every_minutes", ">= 1"),
    ("triggers.1.every_minutes", "20", "triggers[1].every_minutes", "whole number"),
    ("triggers.2.lead_minutes", -1, "triggers[2].lead_minutes", ">= 0"),
    ("triggers.3.at", "1:30pm", "triggers[3].at", "13:30"),
    ("triggers.3.at", "25:00", "triggers[3].at", "13:30"),
    ("triggers.3.at", None, "triggers[3].at", "13:30"),
    ("triggers.4.items", [], "triggers[4].items", "non-empty"),
    ("triggers.4.items.1", "finger-extension", "triggers[4].items[1]", "object"),
    ("triggers.4.items.1.id", "jumping-jacks", "triggers[4].items[1].id",
     "unknown exercise"),
    ("triggers.4.items.1.reps", 0, "triggers[4].items[1].reps", ">= 1"),
    ("triggers.4.items.1.reps", True, "triggers[4].items[1].reps", "whole number"),
    ("triggers.4.items.1.hold_extra_seconds", -2, "triggers[4].items[1].hold_extra_seconds",
     ">= 0"),
    ("triggers.4.items.1.hold_extra_seconds", "2", "triggers[4].items[1].hold_extra_seconds",
     ">= 0"),
    ("triggers.4.items.1.side", "left", "triggers[4].items[1].side", "unknown key"),
    ("triggers.4.items.1.band", "yes", "triggers[4].items[1].band", "true or false"),
])
def test_errors_name_the_field(path, value, field, text):
    with pytest.raises(RoutineFormatError) as caught:
        routine_from_dict(broken(path, value), EXERCISES)
    assert caught.value.field == field
    assert text in caught.value.message
    assert str(caught.value).startswith(f"{field}: ")


def test_not_an_object():
    with pytest.raises(RoutineFormatError, match="must be an object"):
        routine_from_dict(["guide-day-plan"], EXERCISES)


def test_missing_optional_item_keys_take_their_defaults():
    data = broken("triggers.0.items.0.hold_extra_seconds", ...)
    del data["triggers"][0]["items"][0]["reps"]
    assert routine_from_dict(data, EXERCISES) == GUIDE_PLAN


def test_a_band_round_trips():
    routine = Routine("mine", "Mine", (
        Trigger(TriggerKind.FIXED_TIME, "Late", "After tea",
                (SetItem("hip-abduction", 10, 0.0, band=True),), at=time(15, 5)),
    ))
    data = json.loads(json.dumps(routine_to_dict(routine)))
    assert data["triggers"][0]["items"][0]["band"] is True
    assert routine_from_dict(data, EXERCISES) == routine

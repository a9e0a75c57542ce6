"""How a set felt: the list, its parser, the record that keeps it and the export."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime

from microtui.core.loader import builtin_path, load_library
from microtui.core.player import SetPlayer
from microtui.core.routine import SetItem
from microtui.core.sensations import (
    SENSATIONS,
    Sensation,
    choices_text,
    parse_sensation,
    sensation_key,
)
from microtui.core.session_log import build_session_record
from microtui.export import CSV_COLUMNS, csv_text

START = datetime(2026, 11, 25, 9, 30, tzinfo=UTC)


def test_the_list_in_the_order_the_keys_pick_it():
    assert [str(s) for s in SENSATIONS] == ["eased", "loosened", "tight", "tingling", "pain"]
    assert sensation_key(Sensation.TIGHT) == "3"
    assert choices_text() == "1 eased · 2 loosened · 3 tight · 4 tingling · 5 pain"


def test_parse_sensation_takes_the_list_only():
    assert parse_sensation(" Tight ") is Sensation.TIGHT
    assert parse_sensation("sore") is None
    assert parse_sensation(None) is None and parse_sensation(3) is None


def played_record(**kwargs) -> dict:
    exercises = load_library([builtin_path()]).exercises
    player = SetPlayer.for_set((SetItem("ankle-pumps"),), exercises).start(0.0)
    return build_session_record(player, 100.0, started=START, ended=START, exercises=exercises,
                                **kwargs)


def test_the_record_keeps_the_sensation_only_once_answered():
    assert "sensation" not in played_record()
    record = played_record(sensation=Sensation.PAIN, note="left calf")
    assert (record["sensation"], record["note"]) == ("pain", "left calf")
    assert json.loads(json.dumps(record))["sensation"] == "pain"


def test_the_csv_export_carries_the_sensation_on_every_row_of_its_set():
    rows = list(csv.DictReader(io.StringIO(csv_text([played_record(sensation="tight")]))))
    assert "sensation" in CSV_COLUMNS
    assert [row["sensation"] for row in rows] == ["tight"]
    rows = list(csv.DictReader(io.StringIO(csv_text([played_record()]))))
    assert [row["sensation"] for row in rows] == [""]

"""Writing an export back: a restore into an empty data directory, or a merge into one in use.

A record already in the data is never added again. What makes two records the same
(:func:`record_id`): a check-in is one per date and moment, a routine is its ``id``, and a
set or a mobility screen is the record itself (its whole content, as written: records are
never edited, so the content is a stable id that every record ever written already has).
Records that appear more than once in the export (two identical screens on one day) are
kept as often as they appear, less as often as the data already holds them.

What is already there wins: the settings, a routine with the same id and a check-in for the
same date and moment are kept as they are; the export's are counted as ``kept``.

Each file is written once, atomically (one day file of the log at a time). The export must be
checked before it comes here (:mod:`microtui.backup`): this module trusts its shape.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from microtui.store.layout import Layout
from microtui.store.tables import Tables

__all__ = ["Restored", "record_id", "restore"]


@dataclass
class Restored:
    """What an import added, per kind of record, and what it left as it was."""

    added: dict[str, int] = field(default_factory=dict)
    kept: dict[str, int] = field(default_factory=dict)
    """Records of the export for which the data already held another version (kept)."""
    settings: bool = False
    """The export's settings were written (the data held none)."""
    settings_kept: bool = False
    """The data held other settings than the export's: they were kept."""


def record_id(kind: str, record: dict[str, Any]) -> str:
    """What identifies ``record`` (of ``kind``: ``sessions``, ``checkins``, ``measurements``,
    ``routines``) among the records of its kind."""
    if kind == "checkins":
        return f"{record.get('date')}/{record.get('moment')}"
    if kind == "routines":
        return str(record.get("id"))
    return json.dumps(record, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def _new(kind: str, existing: list[dict[str, Any]],
         incoming: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], int]:
    """The records of ``incoming`` not in ``existing``, and how many clashed with another
    version of the same record (by id, not content)."""
    have = Counter(record_id(kind, r) for r in existing)
    content = {record_id(kind, r): r for r in existing}
    fresh, clashes = [], 0
    for record in incoming:
        key = record_id(kind, record)
        if have[key] > 0:
            have[key] -= 1
            clashes += content[key] != record
            continue
        fresh.append(dict(record))
        if kind in ("checkins", "routines"):  # one each: a second copy is a duplicate
            have[key] += 1
            content[key] = record
    return fresh, clashes


def restore(tables: Tables, layout: Layout, data: dict[str, Any]) -> Restored:
    """Write what of ``data`` (a checked export) the data directory does not hold yet."""
    done = Restored()
    settings_docs = tables.table(layout.settings, "settings").all()
    if not settings_docs and data["settings"]:
        tables.put(tables.table(layout.settings, "settings", write=True), dict(data["settings"]))
        done.settings = True
    elif settings_docs and data["settings"] and dict(settings_docs[0]) != data["settings"]:
        done.settings_kept = True
    files = [(layout.settings, "routines", data["routines"]),
             (layout.checkins, "checkins", data["checkins"]),
             (layout.measurements, "measurements", data["measurements"])]
    by_day: dict[str, list[dict[str, Any]]] = {}
    for record in data["sessions"]:
        by_day.setdefault(record["started"][:10], []).append(record)
    files += [(layout.day_path(day), "sessions", records) for day, records in by_day.items()]
    for path, kind, records in files:
        existing = tables.documents(path, kind) if path.exists() else []
        fresh, clashes = _new(kind, existing, records)
        done.added[kind] = done.added.get(kind, 0) + len(fresh)
        done.kept[kind] = done.kept.get(kind, 0) + clashes
        if fresh:
            tables.table(path, kind, write=True).insert_multiple(fresh)
    return done

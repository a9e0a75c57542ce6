"""``microtui export``: the log as CSV (one row per exercise) or everything as JSON.

Read-only: it works while the app runs. The CSV columns are documented in the README
("Exporting your log"); a boolean is written ``true`` or ``false``, a missing value as an
empty field. It never imports Textual.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import sys
from collections.abc import Iterable, Mapping
from typing import Any

from microtui.core.exercises import Exercise

CSV_COLUMNS = (
    "started", "ended", "event_id", "trigger", "outcome", "exercise", "exercise_name", "side",
    "planned_seconds", "done_seconds", "effortless", "sensation", "note",
)


def csv_value(value: Any) -> Any:
    """A value as the CSV writes it: booleans as ``true``/``false``, None as empty."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else value


def export_rows(sessions: Iterable[Mapping[str, Any]],
                exercises: Mapping[str, Exercise] | None = None) -> list[dict[str, Any]]:
    """One row per exercise performed; a set with no exercises (a skip) is one row too.

    An exercise's name is the one recorded with the set, else the library's (``exercises``),
    else empty."""
    exercises = exercises or {}
    rows = []
    for record in sessions:
        base = {key: record.get(key) for key in ("started", "ended", "event_id", "trigger",
                                                 "outcome", "sensation", "note")}
        for item in record.get("exercises") or [{}]:
            exercise_id = item.get("id")
            known = exercises.get(exercise_id) if isinstance(exercise_id, str) else None
            row = {
                **base,
                "exercise": exercise_id,
                "exercise_name": item.get("name") or (known.name if known else None),
                "side": item.get("side"),
                "planned_seconds": item.get("planned_seconds"),
                "done_seconds": item.get("done_seconds"),
                "effortless": item.get("effortless"),
            }
            rows.append({key: csv_value(row[key]) for key in CSV_COLUMNS})
    return rows


def csv_text(sessions: Iterable[Mapping[str, Any]],
             exercises: Mapping[str, Exercise] | None = None) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(export_rows(sessions, exercises))
    return buffer.getvalue()


def _exercises(args: argparse.Namespace) -> Mapping[str, Exercise]:
    """The library, for the names of exercises a record does not name; a library that
    cannot be read is said on stderr and the built-in one used (an export is not refused
    for it)."""
    from microtui.context import library_paths
    from microtui.core.loader import LibraryError, builtin_path, load_library

    try:
        return load_library(library_paths(getattr(args, "exercises", None))).exercises
    except LibraryError as exc:
        print(f"microtui: {exc}\nmicrotui: the built-in exercise names are used instead",
              file=sys.stderr)
        return load_library([builtin_path()]).exercises


def main(args: argparse.Namespace) -> int:
    """Run ``microtui export``: ``args.data``, ``args.format`` (csv or json), ``args.out``
    (None: stdout). Returns the exit code."""
    from microtui.context import SetupError, export_data

    try:
        data = export_data(args.data)
    except SetupError as exc:
        print(f"microtui: {exc}", file=sys.stderr)
        return exc.exit_code
    if args.format == "json":
        text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    else:
        text = csv_text(data["sessions"], _exercises(args))
    if args.out is None:
        sys.stdout.write(text)
        return 0
    try:  # private like the data it copies (0600 when created; umask aside)
        fd = os.open(args.out, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with open(fd, "w", encoding="utf-8") as out:
            out.write(text)
    except OSError as exc:
        print(f"microtui: cannot write {args.out}: {exc.strerror}", file=sys.stderr)
        return 2
    print(f"wrote {args.out}", file=sys.stderr)
    return 0

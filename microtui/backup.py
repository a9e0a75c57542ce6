"""``microtui import FILE``: an export (``microtui export --format json``) read back.

The file is read and checked whole before anything is written: a file that is not JSON, not
a microtui export, from another version of microtui, or with a record the app could not read
is refused with the reason, and the data directory is left exactly as it was. A good file
goes to :meth:`microtui.store.Store.import_all`, which adds only what is not there yet (see
:mod:`microtui.store.restore`), so importing the same file twice adds nothing the second time.
"""

from __future__ import annotations

import json
import re
from datetime import datetime
from pathlib import Path
from typing import Any

from microtui.core.settings import SettingsError, UserSettings
from microtui.paths import data_dir
from microtui.store import SCHEMA_VERSION, Store, StoreError
from microtui.store.restore import Restored

KINDS = ("settings", "routines", "sessions", "checkins", "measurements")
NAMES = {"sessions": ("set", "sets"), "checkins": ("check-in", "check-ins"),
         "measurements": ("mobility screen", "mobility screens"),
         "routines": ("routine", "routines")}
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


class ImportRefused(Exception):
    """The file cannot be imported; the message says why. Nothing was written."""


def read_export(path: Path) -> dict[str, Any]:
    """The export in ``path``, checked; raises :class:`ImportRefused`."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ImportRefused(f"{path}: no such file") from None
    except OSError as exc:
        raise ImportRefused(f"{path}: cannot read it: {exc.strerror}") from None
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise ImportRefused(f"{path}: not a microtui export (not UTF-8 text)") from None
    except json.JSONDecodeError as exc:
        raise ImportRefused(f"{path}: not a microtui export (not JSON: {exc.msg} at line "
                            f"{exc.lineno}, column {exc.colno})") from None
    problem = _problem(data)
    if problem:
        raise ImportRefused(f"{path}: {problem}; nothing was imported")
    return data  # type: ignore[no-any-return]


def _problem(data: Any) -> str:
    """What is wrong with ``data`` as an export ("" when nothing is)."""
    if not isinstance(data, dict) or "schema" not in data:
        return "not a microtui export (it has no \"schema\": write one with " \
               "`microtui export --format json`)"
    unknown = sorted(set(data) - {"schema", *KINDS})
    missing = [kind for kind in KINDS if kind not in data]
    if unknown or missing:
        what = f"unexpected {unknown[0]!r}" if unknown else f"no {missing[0]!r}"
        return f"not a microtui export ({what})"
    schema = data["schema"]
    if schema != SCHEMA_VERSION or isinstance(schema, bool):
        return (f"written by another version of microtui (data schema {schema!r}; this one "
                f"reads schema {SCHEMA_VERSION})")
    if not isinstance(data["settings"], dict):
        return "\"settings\" is not an object"
    try:
        UserSettings.from_dict(data["settings"])
    except SettingsError as exc:
        return f"its settings are not valid: {exc}"
    for kind in KINDS[1:]:
        if not isinstance(data[kind], list):
            return f"{kind!r} is not a list"
        for number, record in enumerate(data[kind]):
            why = _record_problem(kind, record)
            if why:
                return f"{kind}[{number}]: {why}"
    return ""


def _record_problem(kind: str, record: Any) -> str:
    if not isinstance(record, dict):
        return "not an object"
    needed = {"routines": ("id",), "sessions": ("started",), "checkins": ("date", "moment"),
              "measurements": ("date",)}[kind]
    for key in needed:
        if not isinstance(record.get(key), str) or not record[key]:
            return f"needs a non-empty text {key!r}"
    if kind == "sessions":
        try:
            datetime.fromisoformat(record["started"])
        except ValueError:
            return f"'started' is not a date and time: {record['started'][:40]!r}"
        if not _DAY.match(record["started"]):
            return f"'started' must begin with its date: {record['started'][:40]!r}"
    elif "date" in needed and not _DAY.fullmatch(record["date"]):
        return f"'date' must look like 2026-11-25: {record['date'][:40]!r}"
    return ""


def import_file(path: Path, data: str | None) -> str:
    """Import ``path`` into the data directory (``--data`` or the default); what was done,
    as a line to print. Raises :class:`ImportRefused` (nothing written) or
    :class:`~microtui.store.StoreError` (the data cannot be opened: locked or damaged)."""
    export = read_export(path)
    with Store.open(data_dir(data)) as store:
        store.verify()  # a damaged day file is reported before anything is written
        return describe(store.import_all(export), path)


def describe(done: Restored, path: Path) -> str:
    """One line: what the import added and what it left as it was."""
    added = [_count(kind, n) for kind in NAMES if (n := done.added.get(kind, 0))]
    if done.settings:
        added.append("the settings")
    line = (f"imported {_join(added)} from {path}" if added
            else f"nothing new in {path}: everything in it is already here")
    kept = [_count(kind, n) for kind in NAMES if (n := done.kept.get(kind, 0))]
    if done.settings_kept:
        kept.append("the settings")
    if kept:
        line += f"; kept your own version of {_join(kept)}"
    return line


def _count(kind: str, n: int) -> str:
    one, many = NAMES[kind]
    return f"{n:,} {one if n == 1 else many}"


def _join(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


__all__ = ["ImportRefused", "StoreError", "describe", "import_file", "read_export"]

"""The log as builds before 0.1 kept it (``log/YYYY-MM.json``), split into day files.

A writable open splits each such file into day files, and keeps the original beside them as
``YYYY-MM.json.migrated``.
"""

from __future__ import annotations

import os
from typing import Any

from microtui.store.errors import StoreError, StoreWriteError
from microtui.store.files import read_file
from microtui.store.layout import Layout, is_iso_datetime
from microtui.store.tables import Tables

__all__ = ["split_legacy_months"]


def split_legacy_months(layout: Layout, tables: Tables) -> None:
    """Turn each old ``log/YYYY-MM.json`` into day files, then set it aside.

    Each day file is written atomically before the month file is renamed, so a kill at any
    point leaves the month file in place and the next open simply does it again; a record
    already in a day file (from such a run) is not added twice. A read-only store refuses.
    """
    legacy = layout.legacy_month_files()
    if not legacy:
        return
    if tables.read_only:
        raise StoreError(
            f"{legacy[0]} uses an older data format (one file per month); start microtui "
            f"normally once to upgrade it."
        )
    for month_file in legacy:
        data = read_file(month_file) or {}
        by_day: dict[str, list[dict[str, Any]]] = {}
        for doc in data.get("sessions", {}).values():
            started = str(doc.get("started", ""))
            day = started[:10] if is_iso_datetime(started) else month_file.stem + "-01"
            by_day.setdefault(day, []).append(dict(doc))
        for day, records in sorted(by_day.items()):
            table = tables.table(layout.day_path(day), "sessions", write=True)
            present = table.all()
            new = [r for r in records if r not in present]
            if new:
                table.insert_multiple(new)
        try:
            os.replace(month_file, month_file.with_name(month_file.name + ".migrated"))
        except OSError as exc:
            raise StoreWriteError(
                f"Could not set {month_file} aside after splitting it into day files: "
                f"{exc.strerror or exc}"
            ) from exc

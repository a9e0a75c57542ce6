"""Checking data files: every one is parsed before use, and upgraded to the current schema.

Every file has a ``meta`` table holding ``{"schema": N}``; :data:`MIGRATIONS` is the one place
older files are upgraded. Files from a newer microtui are left alone, and so is every file of
a batch in which one does not parse.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from pathlib import Path

from microtui.store.errors import CorruptDataError, StoreError
from microtui.store.files import FileData, read_file, write_file

__all__ = ["MIGRATIONS", "SCHEMA_VERSION", "check_files", "new_file_data", "schema_of"]

SCHEMA_VERSION = 1


def _from_unversioned(data: FileData) -> FileData:
    """Schema 0 (files written before ``meta`` existed) has the same layout as schema 1."""
    return data


#: ``MIGRATIONS[n]`` turns a whole file's tables (a dict) at schema ``n`` into schema
#: ``n + 1``. The only place older files are upgraded; ``Store.open`` applies them in order.
MIGRATIONS: dict[int, Callable[[FileData], FileData]] = {0: _from_unversioned}


def new_file_data() -> FileData:
    """What a new file starts with: its schema number."""
    return {"meta": {"1": {"schema": SCHEMA_VERSION}}}


def schema_of(path: Path, data: FileData) -> int:
    """The file's schema number; 0 when it has no ``meta`` table (written before it existed)."""
    docs = list(data.get("meta", {}).values())
    if not docs:
        return 0
    version = docs[0].get("schema")
    if type(version) is not int or version < 0:
        raise CorruptDataError([(path, f"the meta table has no valid schema number: {docs[0]}")])
    return version


def check_files(paths: list[Path], *, skip: Collection[Path],
                read_only: bool) -> dict[Path, FileData]:
    """Parse ``paths`` (but those in ``skip``), then upgrade old ones. Nothing is written
    unless all are sound; a read-only store refuses to upgrade.

    Returns what was parsed (as upgraded) of the files that exist."""
    problems: list[tuple[Path, str]] = []
    parsed: list[tuple[Path, FileData, int]] = []
    for path in paths:
        if path in skip:
            continue
        try:
            data = read_file(path)
            if data is None:
                continue  # no such file
            parsed.append((path, data, schema_of(path, data)))
        except CorruptDataError as exc:
            problems += exc.problems
    if problems:
        raise CorruptDataError(problems)
    checked = {path: data for path, data, _ in parsed}
    for path, _, version in parsed:
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"{path} was written by a newer microtui (schema {version}; this version "
                f"understands up to {SCHEMA_VERSION}). Upgrade microtui, or start with "
                f"--data pointing elsewhere. The file has not been changed."
            )
    for path, data, version in parsed:
        if version == SCHEMA_VERSION:
            continue
        if read_only:
            raise StoreError(
                f"{path} uses an older data format (schema {version}); start microtui "
                f"normally once to upgrade it."
            )
        for step in range(version, SCHEMA_VERSION):
            if step not in MIGRATIONS:
                raise StoreError(f"{path}: no migration from schema {step}.")
            data = MIGRATIONS[step](data)
        data.update(new_file_data())
        write_file(path, data)
        checked[path] = data
    return checked

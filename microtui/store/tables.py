"""The data files as TinyDB tables, each file checked (and upgraded) before its first use.

An older day file is parsed, checked and upgraded the first time it is read or written, so
start-up does not grow with the years. No query cache is kept: another process may have
replaced a file since our last read.
"""

from __future__ import annotations

from collections.abc import MutableMapping
from pathlib import Path
from typing import Any

from tinydb import TinyDB
from tinydb.queries import QueryLike
from tinydb.table import Table

from microtui.store.errors import StoreError
from microtui.store.files import AtomicJSONStorage, FileData, make_private_dir
from microtui.store.layout import LOG_DIR
from microtui.store.schema import check_files, new_file_data

__all__ = ["Tables"]


class Tables:
    """The tables of one data directory's files (not thread-safe: the store locks)."""

    def __init__(self, data_dir: Path, *, read_only: bool) -> None:
        self.data_dir = data_dir
        self.read_only = read_only
        self._dbs: dict[Path, TinyDB] = {}
        self._verified: set[Path] = set()  # parsed, schema checked (and upgraded) this run

    def close(self) -> None:
        self._dbs.clear()

    def check(self, paths: list[Path]) -> dict[Path, FileData]:
        """Parse ``paths`` not checked yet, then upgrade old ones (see
        :func:`~microtui.store.schema.check_files`); returns what was parsed."""
        checked = check_files(paths, skip=self._verified, read_only=self.read_only)
        self._verified.update(checked)
        return checked

    def documents(self, path: Path, name: str) -> list[dict[str, Any]]:
        """A table's documents, for reading only: the file is parsed once (the check on its
        first read included), without TinyDB's per-file set-up, for the many day files of
        the log."""
        data = None if path in self._verified else self.check([path]).get(path)
        if data is None:
            data = AtomicJSONStorage(path).read() or {}
        # Freshly parsed and never kept: the documents (dicts, parse checks) need no copy.
        return list(data.get(name, {}).values())

    def table(self, path: Path, name: str, *, write: bool = False) -> Table:
        """``name`` in the file at ``path``; with ``write``, the file (and its directories)
        is created if missing, born with its schema number."""
        if path not in self._verified:
            self.check([path])  # parse, refuse or upgrade it before the first use
        if write:
            if self.read_only:
                raise StoreError("The data store was opened read-only.")
            if not path.exists():
                log_dir = self.data_dir / LOG_DIR
                if path.parent.parent == log_dir:
                    make_private_dir(log_dir)  # log/, then log/YYYY-MM/
                make_private_dir(path.parent)
                AtomicJSONStorage(path).write(new_file_data())
        db = self._dbs.get(path)
        if db is None:
            db = self._dbs[path] = TinyDB(path, storage=AtomicJSONStorage)
        return db.table(name, cache_size=0)

    @staticmethod
    def put(table: Table, record: dict[str, Any], cond: QueryLike | None = None) -> None:
        """Replace the first matching document wholesale, or insert; always one write."""
        matches = table.all() if cond is None else table.search(cond)
        if not matches:
            table.insert(dict(record))
            return

        def replace(doc: MutableMapping[str, Any]) -> None:
            doc.clear()
            doc.update(record)

        table.update(replace, doc_ids=[matches[0].doc_id])

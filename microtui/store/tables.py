"""The data files as TinyDB tables, each file checked (and upgraded) before its first use.

An older day file is parsed, checked and upgraded the first time it is read or written, so
start-up does not grow with the years. No query cache is kept: another process may have
replaced a file since our last read.
"""

from __future__ import annotations

from collections.abc import Mapping, MutableMapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from microtui.store.errors import StoreError
from microtui.store.files import FileData, make_private_dir, read_file, write_file
from microtui.store.layout import LOG_DIR
from microtui.store.schema import check_files, new_file_data

if TYPE_CHECKING:
    from tinydb import TinyDB
    from tinydb.table import Table

__all__ = ["Matching", "Tables"]


class Matching:
    """The documents whose ``fields`` all have the values given (a field a document lacks
    matches no value, as with TinyDB's ``where(field) == value``): a query TinyDB takes,
    made without importing TinyDB's queries. Its hash is its identity: no table keeps a
    query cache (``cache_size=0``)."""

    __slots__ = ("fields",)

    def __init__(self, **fields: Any) -> None:
        self.fields = fields

    def __call__(self, value: Mapping[Any, Any]) -> bool:  # a document
        return all(field in value and value[field] == wanted
                   for field, wanted in self.fields.items())


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
            data = read_file(path) or {}
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
                write_file(path, new_file_data())
        db = self._dbs.get(path)
        if db is None:
            from tinydb import TinyDB  # on the first write or table: reading needs none

            from microtui.store.storage import AtomicJSONStorage

            db = self._dbs[path] = TinyDB(path, storage=AtomicJSONStorage)
        return db.table(name, cache_size=0)

    @staticmethod
    def put(table: Table, record: dict[str, Any], cond: Matching | None = None) -> None:
        """Replace the first matching document wholesale, or insert; always one write."""
        matches = table.all() if cond is None else table.search(cond)
        if not matches:
            table.insert(dict(record))
            return

        def replace(doc: MutableMapping[str, Any]) -> None:
            doc.clear()
            doc.update(record)

        table.update(replace, doc_ids=[matches[0].doc_id])

"""The data files as TinyDB sees them: a ``Storage`` that reads and writes a whole file
through :func:`~microtui.store.files.read_file` and :func:`~microtui.store.files.write_file`.

It keeps no file handle open: each ``read`` parses the file afresh and each ``write``
replaces it atomically, so a reader in another process always sees a whole file. There is
deliberately no ``CachingMiddleware``: an acknowledged write is on disk. Imported with
TinyDB on the first write (:meth:`~microtui.store.tables.Tables.table`): reading needs
neither.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tinydb.storages import Storage

from microtui.store.files import FileData, read_file, write_file

__all__ = ["AtomicJSONStorage"]


class AtomicJSONStorage(Storage):
    """A TinyDB storage that never leaves a half-written file and never resets a bad one."""

    def __init__(self, path: str | Path, **_: Any) -> None:
        super().__init__()
        self.path = Path(path)

    def read(self) -> FileData | None:
        return read_file(self.path)

    def write(self, data: FileData) -> None:
        write_file(self.path, data)

"""Data files on disk: read whole, parsed strictly, replaced atomically, kept private.

TinyDB's own ``JSONStorage`` rewrites the file in place, so a crash, a full disk or a kill
half-way through leaves half a file. :func:`write_file` serialises first, writes a temp file
next to the target, fsyncs it and ``os.replace``-s it over the old one: a reader (or the next
start) sees the old file or the new one, never a mix. A file that does not parse raises
:class:`~microtui.store.errors.CorruptDataError` saying exactly what is wrong
(:func:`read_file`); it is never reset. TinyDB reads and writes through the same two
functions (:mod:`.storage`).
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from microtui.store.errors import CorruptDataError, StoreWriteError

__all__ = [
    "FileData",
    "atomic_write",
    "dumps",
    "fsync_dir",
    "list_dir",
    "make_private_dir",
    "parse",
    "read_bytes",
    "read_file",
    "write_file",
]

FileData = dict[str, dict[str, Any]]
"""A whole data file: table name → document id → document."""


def parse(path: Path, raw: bytes) -> FileData:
    """Decode a data file, raising :class:`CorruptDataError` saying exactly what is wrong.

    An empty file is corrupt too: we never create one (new files start with their ``meta``
    table), so zero bytes means something cut it short, and reading it as "no data" would
    silently reset the user's history.
    """

    def bad(why: str) -> CorruptDataError:
        return CorruptDataError([(path, why)])

    if not raw.strip():
        raise bad(f"the file is empty ({len(raw)} bytes); it was probably cut short")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise bad(f"not UTF-8 text (bad byte at offset {exc.start})") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise bad(f"not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})") from None
    if not isinstance(data, dict):
        raise bad(f"expected a JSON object at the top level, found {type(data).__name__}")
    for name, table in data.items():
        if not isinstance(table, dict):
            raise bad(f"table {name!r} should be an object, found {type(table).__name__}")
        for doc_id, doc in table.items():
            if not (doc_id.isascii() and doc_id.isdigit() and isinstance(doc, dict)):
                raise bad(f"table {name!r} has a malformed entry {doc_id!r}")
    return data


def dumps(data: FileData) -> str:
    """JSON with one document per line: line numbers in errors point at a record, so a damaged
    file can be repaired by hand, at a third of the cost of ``indent=`` (pure-Python encoder).
    NaN and infinity are refused: they are not JSON."""
    encode = json.JSONEncoder(ensure_ascii=False, allow_nan=False).encode
    tables = []
    for name, table in data.items():
        docs = ",\n".join(
            f"  {encode(str(doc_id))}: {encode(doc)}" for doc_id, doc in table.items()
        )
        tables.append(f" {encode(name)}: {{\n{docs}\n }}" if docs else f" {encode(name)}: {{}}")
    return "{\n" + ",\n".join(tables) + "\n}\n"


def fsync_dir(directory: Path) -> None:
    """Make a rename durable. Not every platform can open a directory; that is fine."""
    try:
        fd = os.open(directory, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def atomic_write(path: Path, payload: bytes) -> None:
    """Write ``payload`` to ``path`` so that it is either fully replaced or untouched."""
    tmp: str | None = None
    try:
        # mkstemp creates the file 0600 in the same directory, so os.replace is a rename.
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        try:
            view = memoryview(payload)
            while view:
                view = view[os.write(fd, view) :]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
        tmp = None
    except OSError as exc:
        why = exc.strerror or str(exc)
        raise StoreWriteError(
            f"Could not save {path}: {why}. The previous version of the file is unchanged."
        ) from exc
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
    fsync_dir(path.parent)


def read_file(path: Path) -> FileData | None:
    """The data file at ``path``, parsed (see :func:`parse`); None if there is none."""
    try:
        raw = read_bytes(path)
    except FileNotFoundError:
        return None
    except OSError as exc:
        why = f"cannot be read: {exc.strerror or exc}"
        raise CorruptDataError([(path, why)]) from exc
    return parse(path, raw)


def write_file(path: Path, data: FileData) -> None:
    """Replace the data file at ``path`` with ``data`` (see :func:`atomic_write`)."""
    # Serialise before touching the disk: unserialisable data must not cost a file.
    atomic_write(path, dumps(data).encode("utf-8"))


def read_bytes(path: Path) -> bytes:
    """The file's bytes in five system calls (open, fstat, read, read to the end, close),
    where ``Path.read_bytes`` makes seven (see :func:`list_dir` for why that matters)."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
    try:
        chunks = [os.read(fd, os.fstat(fd).st_size + 1)]
        while chunks[-1]:
            chunks.append(os.read(fd, 1 << 16))
        return b"".join(chunks)
    finally:
        os.close(fd)


def list_dir(directory: Path) -> list[os.DirEntry[str]]:
    """``directory``'s entries, or none if it is missing or not a directory. ``DirEntry``
    knows its type from the listing itself: no ``stat`` per entry. (A reader thread pays for
    every system call twice: each one hands the interpreter lock to the event loop.)"""
    try:
        with os.scandir(directory) as listing:
            return list(listing)
    except (FileNotFoundError, NotADirectoryError):
        return []


def make_private_dir(directory: Path) -> None:
    """Create ``directory`` 0700 whatever the umask (missing parents get the default mode)."""
    if directory.is_dir():
        return
    try:
        directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        os.chmod(directory, 0o700)  # mkdir's mode is filtered by the umask
    except OSError as exc:
        raise StoreWriteError(f"Could not create {directory}: {exc.strerror or exc}") from exc
    fsync_dir(directory.parent)

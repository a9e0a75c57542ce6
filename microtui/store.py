"""Persistence: the only module that knows about TinyDB or the files on disk.

Why it looks the way it does:

* **Atomic writes.** TinyDB's own ``JSONStorage`` rewrites the file in place, so a crash, a
  full disk or a kill half-way through leaves half a file. :class:`AtomicJSONStorage`
  serialises first, writes a temp file next to the target, fsyncs it and ``os.replace``-s it
  over the old one: a reader (or the next start) sees the old file or the new one, never a
  mix. There is deliberately no ``CachingMiddleware``: an acknowledged write is on disk.
* **Small files.** Every write rewrites a whole file, so the session log is split into one
  file per day (``log/YYYY-MM/YYYY-MM-DD.json``, about 20 sets): logging a set costs the same
  in year five as on the first day, and on the 30th of a month as on the 1st. (Builds before
  0.1 kept a file per month, ``log/YYYY-MM.json``; a writable open splits such a file into
  day files, and keeps the original beside them as ``YYYY-MM.json.migrated``.)
  ``settings.json`` (settings, routines), ``checkins.json`` and ``measurements.json`` stay
  small by nature.
* **Never destroy data.** A file that is truncated, not JSON or unreadable is reported with
  its path and a way out, and is never overwritten or reset. ``Store.open`` parses the files
  every start needs (settings, check-ins, measurements, the newest day of the log); an older
  day file is parsed, checked and upgraded the first time it is read or written, so start-up
  does not grow with the years. :meth:`Store.verify` checks every file at once (the app runs
  it in the background after start-up; ``export`` reads everything anyway).
* **Versioned.** Every file has a ``meta`` table holding ``{"schema": N}``; :data:`MIGRATIONS`
  is the one place older files are upgraded. Files from a newer microtui are left alone.
* **One writer.** ``microtui.lock`` holds the writer's pid; a second app on the same data
  refuses to start instead of interleaving writes. A lock left by a dead process is taken over.
* **Thread-safe.** The UI writes from a worker thread, so every public method holds one RLock.

The store speaks plain dicts and knows nothing of the app's models.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import re
import sys
import tempfile
import threading
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

from tinydb import TinyDB, where
from tinydb.storages import Storage
from tinydb.table import Table

__all__ = [
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "AtomicJSONStorage",
    "CorruptDataError",
    "Store",
    "StoreError",
    "StoreLockedError",
    "StoreWriteError",
]

SCHEMA_VERSION = 1

SETTINGS_FILE = "settings.json"
CHECKINS_FILE = "checkins.json"
MEASUREMENTS_FILE = "measurements.json"
LOG_DIR = "log"
LOCK_FILE = "microtui.lock"

_MONTH_DIR_RE = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")
_DAY_FILE_RE = re.compile(r"^(\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01]))\.json$")
_LEGACY_MONTH_FILE_RE = re.compile(r"^(\d{4}-(0[1-9]|1[0-2]))\.json$")
_TEMP_FILE_RE = re.compile(r"^\..+\.json\.[A-Za-z0-9_]+\.tmp$")
_STARTED_RE = re.compile(r"^\d{4}-(0[1-9]|1[0-2])-\d{2}")
_RECOVERY_HINT = (
    "microtui has not changed it. To recover, move it aside (for example rename it to "
    "'<name>.broken'), or start with --data pointing elsewhere."
)


class StoreError(Exception):
    """Anything the store cannot do; the message is meant for the user."""


class CorruptDataError(StoreError):
    """One or more data files cannot be parsed; they were left exactly as found.

    ``problems`` lists ``(path, what is wrong)``; ``path`` is the first of them.
    """

    def __init__(self, problems: list[tuple[Path, str]]) -> None:
        self.problems = problems
        self.path = problems[0][0]
        lines = "\n".join(f"  {path}: {why}" for path, why in problems)
        noun = "file is" if len(problems) == 1 else "files are"
        super().__init__(f"microtui data {noun} damaged:\n{lines}\n{_RECOVERY_HINT}")


class StoreLockedError(StoreError):
    """Another live process holds the data directory's lock."""


class StoreWriteError(StoreError):
    """A write failed (disk full, read-only, ...); the previous file is intact."""


def _from_unversioned(data: dict) -> dict:
    """Schema 0 (files written before ``meta`` existed) has the same layout as schema 1."""
    return data


#: ``MIGRATIONS[n]`` turns a whole file's tables (a dict) at schema ``n`` into schema
#: ``n + 1``. The only place older files are upgraded; ``Store.open`` applies them in order.
MIGRATIONS: dict[int, Callable[[dict], dict]] = {0: _from_unversioned}


# --- files -------------------------------------------------------------------------------


def _parse(path: Path, raw: bytes) -> dict:
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


def _dumps(data: dict[str, dict[str, Any]]) -> str:
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


def _fsync_dir(directory: Path) -> None:
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


def _atomic_write(path: Path, payload: bytes) -> None:
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
    _fsync_dir(path.parent)


class AtomicJSONStorage(Storage):
    """A TinyDB storage that never leaves a half-written file and never resets a bad one.

    It keeps no file handle open: each ``read`` parses the file afresh and each ``write``
    replaces it atomically, so a reader in another process always sees a whole file.
    """

    def __init__(self, path: str | Path, **_: Any) -> None:
        super().__init__()
        self.path = Path(path)

    def read(self) -> dict[str, dict[str, Any]] | None:
        try:
            raw = _read_bytes(self.path)
        except FileNotFoundError:
            return None
        except OSError as exc:
            why = f"cannot be read: {exc.strerror or exc}"
            raise CorruptDataError([(self.path, why)]) from exc
        return _parse(self.path, raw)

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        # Serialise before touching the disk: unserialisable data must not cost a file.
        _atomic_write(self.path, _dumps(data).encode("utf-8"))


def _read_bytes(path: Path) -> bytes:
    """The file's bytes in five system calls (open, fstat, read, read to the end, close),
    where ``Path.read_bytes`` makes seven (see :func:`_entries` for why that matters)."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
    try:
        chunks = [os.read(fd, os.fstat(fd).st_size + 1)]
        while chunks[-1]:
            chunks.append(os.read(fd, 1 << 16))
        return b"".join(chunks)
    finally:
        os.close(fd)


def _entries(directory: Path) -> list[os.DirEntry[str]]:
    """``directory``'s entries, or none if it is missing or not a directory. ``DirEntry``
    knows its type from the listing itself: no ``stat`` per entry. (A reader thread pays for
    every system call twice: each one hands the interpreter lock to the event loop.)"""
    try:
        with os.scandir(directory) as listing:
            return list(listing)
    except (FileNotFoundError, NotADirectoryError):
        return []


def _make_private_dir(directory: Path) -> None:
    """Create ``directory`` 0700 whatever the umask (missing parents get the default mode)."""
    if directory.is_dir():
        return
    try:
        directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        os.chmod(directory, 0o700)  # mkdir's mode is filtered by the umask
    except OSError as exc:
        raise StoreWriteError(f"Could not create {directory}: {exc.strerror or exc}") from exc
    _fsync_dir(directory.parent)


# --- lock --------------------------------------------------------------------------------


def _read_pid(path: Path) -> int | None:
    """The pid in a lock file, or None if it is missing, unreadable or garbage."""
    try:
        text = path.read_text(encoding="ascii", errors="replace").strip()
    except OSError:
        return None
    return int(text) if text.isascii() and text.isdigit() and int(text) > 0 else None


def _pid_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    if sys.platform == "win32":  # os.kill(pid, 0) would terminate the process on Windows
        import ctypes

        kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
        handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return ctypes.get_last_error() == 5  # ERROR_ACCESS_DENIED: exists, not ours
        code = ctypes.c_ulong()
        try:
            ok = kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
        finally:
            kernel32.CloseHandle(handle)
        return not ok or code.value == 259  # STILL_ACTIVE
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # exists, owned by someone else
    except OSError:
        return False
    return True


# --- the store ---------------------------------------------------------------------------


def _guarded(method: Callable) -> Callable:
    """Run a public method under the store's lock, refusing once the store is closed."""

    @functools.wraps(method)
    def wrapper(self: Store, *args: Any, **kwargs: Any) -> Any:
        with self._rlock:
            if self._closed:
                raise StoreError("The data store is closed.")
            return method(self, *args, **kwargs)

    return wrapper


def _within(value: str, since: str | None, until: str | None, width: int | None = None) -> bool:
    """``value`` is within ``[since, until]`` compared on prefixes (of ``width``, if given)."""
    low = None if since is None else since[:width]
    high = None if until is None else until[:width]
    if low is not None and value[: len(low)] < low:
        return False
    return high is None or value[: len(high)] <= high


def _require(record: dict, key: str) -> str:
    value = record.get(key)
    if not isinstance(value, str) or not value:
        raise ValueError(f"record needs a non-empty string {key!r}: {record!r}")
    return value


class Store:
    """All of microtui's saved data in one directory. Create it with :meth:`open`."""

    def __init__(self, data_dir: Path, *, read_only: bool) -> None:
        self.data_dir = Path(data_dir)
        self._read_only = read_only
        self._rlock = threading.RLock()
        self._closed = False
        self._lock_path: Path | None = None
        self._dbs: dict[Path, TinyDB] = {}
        self._verified: set[Path] = set()  # parsed, schema checked (and upgraded) this run

    @classmethod
    def open(cls, data_dir: Path, *, lock: bool = True) -> Store:
        """Open (creating if needed) the store in ``data_dir``.

        With ``lock=False`` the store is read-only (for export while the app may be running):
        it takes no lock, creates and cleans nothing, and refuses writes.
        """
        store = cls(data_dir, read_only=not lock)
        try:
            if lock:
                _make_private_dir(store.data_dir)
                store._acquire_lock()
                store._remove_stale_temp_files()
            store._check_files(store._files_needed_at_start())
            store._split_legacy_months()
        except BaseException:
            store.close()
            raise
        return store

    def close(self) -> None:
        """Release the lock (if it still holds our pid). Safe to call twice."""
        with self._rlock:
            self._closed = True
            self._dbs.clear()
            path, self._lock_path = self._lock_path, None
            if path is not None and _read_pid(path) == os.getpid():
                # Gone already, or the directory turned read-only: the next start takes
                # over a lock whose pid is dead, so there is nothing more to do here.
                with contextlib.suppress(OSError):
                    path.unlink()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # --- opening ---

    def _acquire_lock(self) -> None:
        """Create the lock file atomically; take it over if its owner is dead.

        Two processes racing to take over the same stale lock at the same instant could both
        win; for a desktop app started by hand that window is acceptable.
        """
        path = self.data_dir / LOCK_FILE
        for _ in range(5):
            try:
                fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            except FileExistsError:
                owner = _read_pid(path)
                if owner is not None and _pid_alive(owner):
                    raise StoreLockedError(
                        f"Another microtui (pid {owner}) is using the data in {self.data_dir}. "
                        f"Close it first, or start with --data pointing elsewhere. If no "
                        f"microtui is running, delete {path}."
                    ) from None
                with contextlib.suppress(FileNotFoundError):
                    path.unlink()  # stale: its owner is gone
                continue
            except OSError as exc:
                raise StoreWriteError(f"Could not create {path}: {exc.strerror or exc}") from exc
            try:
                os.write(fd, f"{os.getpid()}\n".encode())
            finally:
                os.close(fd)
            self._lock_path = path
            return
        raise StoreLockedError(f"Could not take the lock {path}: it keeps changing.")

    def _remove_stale_temp_files(self) -> None:
        """Temp files are only left by a write that was killed; the target is still whole."""
        directories = [self.data_dir, self.data_dir / LOG_DIR]
        directories += [self._log_dir(month) for month in self._session_months()]
        for directory in directories:
            if directory.is_dir():
                for entry in directory.iterdir():
                    if _TEMP_FILE_RE.match(entry.name) and entry.is_file():
                        with contextlib.suppress(OSError):
                            entry.unlink()

    def _files_needed_at_start(self) -> list[Path]:
        """What every start reads: settings, check-ins, measurements, the newest log day."""
        names = [SETTINGS_FILE, CHECKINS_FILE, MEASUREMENTS_FILE]
        files = [self.data_dir / name for name in names]
        newest_month = self._session_months()[-1:]
        files += [self._day_path(day) for day in self._session_days(newest_month)[-1:]]
        files += self._legacy_month_files()  # split at open: parse them first
        return files

    def _check_files(self, paths: list[Path]) -> dict[Path, dict]:
        """Parse ``paths``, then upgrade old ones. Nothing is written unless all are sound.

        Returns what was parsed (as upgraded) of the files not checked before."""
        problems: list[tuple[Path, str]] = []
        parsed: list[tuple[Path, dict, int]] = []
        for path in paths:
            if path in self._verified:
                continue
            try:
                data = AtomicJSONStorage(path).read()
                if data is None:
                    continue  # no such file
                parsed.append((path, data, _schema_of(path, data)))
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
            if self._read_only:
                raise StoreError(
                    f"{path} uses an older data format (schema {version}); start microtui "
                    f"normally once to upgrade it."
                )
            for step in range(version, SCHEMA_VERSION):
                if step not in MIGRATIONS:
                    raise StoreError(f"{path}: no migration from schema {step}.")
                data = MIGRATIONS[step](data)
            data["meta"] = {"1": {"schema": SCHEMA_VERSION}}
            AtomicJSONStorage(path).write(data)
            checked[path] = data
        self._verified.update(checked)
        return checked

    def _legacy_month_files(self) -> list[Path]:
        log_dir = self.data_dir / LOG_DIR
        if not log_dir.is_dir():
            return []
        return sorted(entry for entry in log_dir.iterdir()
                      if _LEGACY_MONTH_FILE_RE.match(entry.name) and entry.is_file())

    def _split_legacy_months(self) -> None:
        """Turn each old ``log/YYYY-MM.json`` into day files, then set it aside.

        Each day file is written atomically before the month file is renamed, so a kill at any
        point leaves the month file in place and the next open simply does it again; a record
        already in a day file (from such a run) is not added twice.
        """
        legacy = self._legacy_month_files()
        if not legacy:
            return
        if self._read_only:
            raise StoreError(
                f"{legacy[0]} uses an older data format (one file per month); start microtui "
                f"normally once to upgrade it."
            )
        for month_file in legacy:
            data = AtomicJSONStorage(month_file).read() or {}
            by_day: dict[str, list[dict]] = {}
            for doc in data.get("sessions", {}).values():
                started = str(doc.get("started", ""))
                day = started[:10] if _is_iso_datetime(started) else month_file.stem + "-01"
                by_day.setdefault(day, []).append(dict(doc))
            for day, records in sorted(by_day.items()):
                table = self._table(self._day_path(day), "sessions", write=True)
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

    # --- helpers ---

    def _log_dir(self, month: str) -> Path:
        return self.data_dir / LOG_DIR / month

    def _day_path(self, day: str) -> Path:
        return self._log_dir(day[:7]) / f"{day}.json"

    def _session_months(self) -> list[str]:
        """Months with a log directory (it may hold no day file yet)."""
        return sorted(entry.name for entry in _entries(self.data_dir / LOG_DIR)
                      if _MONTH_DIR_RE.match(entry.name) and entry.is_dir())

    def _session_days(self, months: list[str] | None = None) -> list[str]:
        """Days with a log file, in ``months`` (default: all), oldest first."""
        days: list[str] = []
        for month in self._session_months() if months is None else months:
            matches = (_DAY_FILE_RE.match(entry.name) for entry in _entries(self._log_dir(month)))
            days += sorted(m.group(1) for m in matches if m and m.group(1)[:7] == month)
        return days

    def _documents(self, path: Path, name: str) -> list[dict]:
        """A table's documents, for reading only: the file is parsed once (the check on its
        first read included), without TinyDB's per-file set-up, for the many day files of
        the log."""
        data = None if path in self._verified else self._check_files([path]).get(path)
        if data is None:
            data = AtomicJSONStorage(path).read() or {}
        # Freshly parsed and never kept: the documents (dicts, _parse checks) need no copy.
        return list(data.get(name, {}).values())

    def _table(self, path: Path, name: str, *, write: bool = False) -> Table:
        if path not in self._verified:
            self._check_files([path])  # parse, refuse or upgrade it before the first use
        if write:
            if self._read_only:
                raise StoreError("The data store was opened read-only.")
            if not path.exists():  # new files are born with their schema number
                if path.parent.parent == self.data_dir / LOG_DIR:
                    _make_private_dir(path.parent.parent)  # log/, then log/YYYY-MM/
                _make_private_dir(path.parent)
                AtomicJSONStorage(path).write({"meta": {"1": {"schema": SCHEMA_VERSION}}})
        db = self._dbs.get(path)
        if db is None:
            db = self._dbs[path] = TinyDB(path, storage=AtomicJSONStorage)
        # No query cache: another process may have replaced the file since our last read.
        return db.table(name, cache_size=0)

    @staticmethod
    def _put(table: Table, record: dict, cond: Any = None) -> None:
        """Replace the first matching document wholesale, or insert; always one write."""
        matches = table.all() if cond is None else table.search(cond)
        if not matches:
            table.insert(dict(record))
            return

        def replace(doc: dict) -> None:
            doc.clear()
            doc.update(record)

        table.update(replace, doc_ids=[matches[0].doc_id])

    # --- settings and routines (settings.json) ---

    @_guarded
    def settings(self) -> dict:
        docs = self._table(self.data_dir / SETTINGS_FILE, "settings").all()
        return dict(docs[0]) if docs else {}

    @_guarded
    def save_settings(self, settings: dict) -> None:
        self._put(self._table(self.data_dir / SETTINGS_FILE, "settings", write=True), settings)

    @_guarded
    def routines(self) -> list[dict]:
        return [dict(d) for d in self._table(self.data_dir / SETTINGS_FILE, "routines").all()]

    @_guarded
    def save_routine(self, routine: dict) -> None:
        routine_id = _require(routine, "id")
        table = self._table(self.data_dir / SETTINGS_FILE, "routines", write=True)
        self._put(table, routine, where("id") == routine_id)

    @_guarded
    def delete_routine(self, routine_id: str) -> None:
        """Remove a routine; unknown ids are ignored (nothing is written)."""
        path, cond = self.data_dir / SETTINGS_FILE, where("id") == routine_id
        if self._table(path, "routines").search(cond):
            self._table(path, "routines", write=True).remove(cond)

    # --- sessions (log/YYYY-MM.json) ---

    @_guarded
    def add_session(self, record: dict) -> None:
        """Append to the day file of ``record["started"]`` (its own wall-clock date)."""
        started = _require(record, "started")
        if not _is_iso_datetime(started):
            raise ValueError(f"'started' must be an ISO-8601 date-time: {record!r}")
        self._table(self._day_path(started[:10]), "sessions", write=True).insert(dict(record))

    @_guarded
    def sessions(self, since: str | None = None, until: str | None = None) -> list[dict]:
        """Sessions whose ``started`` is within ``[since, until]``, compared on the prefix.

        ``since="2026-11-01", until="2026-11-30"`` includes all of 30 November. Only day
        files that can hold a match are read.
        """
        out: list[dict] = []
        for day in self._days_between(since, until):
            out += self._day_sessions(day, since, until)
        out.sort(key=lambda r: str(r.get("started", "")))
        return out

    def iter_sessions(self, since: str | None = None,
                      until: str | None = None) -> Iterator[dict]:
        """:meth:`sessions`, one day file at a time (oldest first, each day in order), for
        folding years of the log: each day's records are garbage once the next is read,
        so they never pile up for the garbage collector's full passes. The lock is held per
        file, not across the whole walk."""
        with self._rlock:
            if self._closed:
                raise StoreError("The data store is closed.")
            days = self._days_between(since, until)
        for day in days:
            with self._rlock:
                if self._closed:
                    raise StoreError("The data store is closed.")
                records = self._day_sessions(day, since, until)
            records.sort(key=lambda r: str(r.get("started", "")))
            yield from records

    def _days_between(self, since: str | None, until: str | None) -> list[str]:
        """The days with a log file that can hold a session in ``[since, until]``."""
        # A month's and a day's names are prefixes of every record in them.
        months = [m for m in self._session_months() if _within(m, since, until, 7)]
        return [day for day in self._session_days(months) if _within(day, since, until, 10)]

    def _day_sessions(self, day: str, since: str | None, until: str | None) -> list[dict]:
        return [doc for doc in self._documents(self._day_path(day), "sessions")
                if _within(str(doc.get("started", "")), since, until)]

    @_guarded
    def session_months(self) -> list[str]:
        """Months that hold at least one day of the log, oldest first."""
        return sorted({day[:7] for day in self._session_days()})

    @_guarded
    def first_session_day(self) -> str | None:
        """The oldest day with a log file (``YYYY-MM-DD``), or None: a directory listing or
        two, however long the log."""
        for month in self._session_months():
            days = self._session_days([month])
            if days:
                return days[0]
        return None

    @_guarded
    def verify(self) -> None:
        """Parse (and upgrade) every file not checked yet; raise :class:`CorruptDataError`
        listing every damaged one. Nothing is written to a file that does not parse."""
        self._check_files([self._day_path(day) for day in self._session_days()])

    # --- check-ins and measurements ---

    @_guarded
    def add_checkin(self, record: dict) -> None:
        """Save a check-in; one per (date, moment), so a second one replaces the first."""
        date, moment = _require(record, "date"), _require(record, "moment")
        table = self._table(self.data_dir / CHECKINS_FILE, "checkins", write=True)
        self._put(table, record, (where("date") == date) & (where("moment") == moment))

    @_guarded
    def checkins(self) -> list[dict]:
        order = {"start": 0, "end": 1}
        docs = self._documents(self.data_dir / CHECKINS_FILE, "checkins")
        return sorted(docs, key=lambda d: (d.get("date", ""), order.get(d.get("moment"), 2)))

    @_guarded
    def add_measurement(self, record: dict) -> None:
        _require(record, "date")
        path = self.data_dir / MEASUREMENTS_FILE
        self._table(path, "measurements", write=True).insert(dict(record))

    @_guarded
    def measurements(self) -> list[dict]:
        table = self._table(self.data_dir / MEASUREMENTS_FILE, "measurements")
        return sorted((dict(d) for d in table.all()), key=lambda d: d.get("date", ""))

    @_guarded
    def export_all(self) -> dict:
        return {
            "schema": SCHEMA_VERSION,
            "settings": self.settings(),
            "routines": self.routines(),
            "sessions": self.sessions(),
            "checkins": self.checkins(),
            "measurements": self.measurements(),
        }


def _is_iso_datetime(value: str) -> bool:
    """``YYYY-MM-DD...`` that :meth:`datetime.fromisoformat` accepts (so the month is ``[:7]``)."""
    try:
        datetime.fromisoformat(value)
    except ValueError:
        return False
    return bool(_STARTED_RE.match(value))


def _schema_of(path: Path, data: dict) -> int:
    """The file's schema number; 0 when it has no ``meta`` table (written before it existed)."""
    docs = list(data.get("meta", {}).values())
    if not docs:
        return 0
    version = docs[0].get("schema")
    if type(version) is not int or version < 0:
        raise CorruptDataError([(path, f"the meta table has no valid schema number: {docs[0]}")])
    return version

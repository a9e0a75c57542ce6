"""The store: every public way to read and write microtui's saved data.

Thread-safe: the UI writes from worker threads, so every public method holds one RLock, and
:meth:`Store.update_settings` reads, changes and writes the settings under it. The store
speaks plain dicts for records and :class:`~microtui.core.settings.UserSettings` for the
settings; it knows nothing else of the app's models.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, Concatenate, ParamSpec, TypeVar

from microtui.core.settings import UserSettings
from microtui.store.errors import StoreError
from microtui.store.files import make_private_dir
from microtui.store.layout import Layout, is_iso_datetime, within
from microtui.store.legacy import split_legacy_months
from microtui.store.lock import acquire as acquire_lock
from microtui.store.lock import release as release_lock
from microtui.store.schema import SCHEMA_VERSION
from microtui.store.tables import Matching, Tables

if TYPE_CHECKING:
    from microtui.store.restore import Restored

__all__ = ["Store"]

_P = ParamSpec("_P")
_R = TypeVar("_R")


def _guarded(method: Callable[Concatenate[Store, _P], _R]) -> Callable[Concatenate[Store, _P], _R]:
    """Run a public method under the store's lock, refusing once the store is closed."""

    @functools.wraps(method)
    def wrapper(self: Store, /, *args: _P.args, **kwargs: _P.kwargs) -> _R:
        with self._rlock:
            self._refuse_if_closed()
            return method(self, *args, **kwargs)

    return wrapper


def _require(record: dict[str, Any], key: str) -> str:
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
        self._layout = Layout(self.data_dir)
        self._tables = Tables(self.data_dir, read_only=read_only)

    @classmethod
    def open(cls, data_dir: Path, *, lock: bool = True) -> Store:
        """Open (creating if needed) the store in ``data_dir``.

        Parses the files every start needs (settings, check-ins, measurements, the newest
        day of the log); older day files are checked when first used (:meth:`verify` checks
        them all). With ``lock=False`` the store is read-only (for export while the app may
        be running): it takes no lock, creates and cleans nothing, and refuses writes.
        """
        store = cls(data_dir, read_only=not lock)
        try:
            if lock:
                make_private_dir(store.data_dir)
                store._lock_path = acquire_lock(store.data_dir)
                store._layout.remove_stale_temp_files()
            store._tables.check(store._layout.files_needed_at_start())
            split_legacy_months(store._layout, store._tables)
        except BaseException:
            store.close()
            raise
        return store

    def close(self) -> None:
        """Release the lock (if it still holds our pid). Safe to call twice."""
        with self._rlock:
            self._closed = True
            self._tables.close()
            path, self._lock_path = self._lock_path, None
            if path is not None:
                release_lock(path)

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def _refuse_if_closed(self) -> None:
        if self._closed:
            raise StoreError("The data store is closed.")

    # --- settings and routines (settings.json) ---

    def _settings_document(self) -> dict[str, Any]:
        docs = self._tables.documents(self._layout.settings, "settings")
        return dict(docs[0]) if docs else {}

    @_guarded
    def user_settings(self) -> UserSettings:
        """The user's settings. Raises :class:`~microtui.core.settings.SettingsError` (naming
        the field) if the stored schedule is invalid."""
        return UserSettings.from_dict(self._settings_document())

    @_guarded
    def update_settings(self, change: Callable[[UserSettings], UserSettings]) -> UserSettings:
        """Read the settings, ``change`` them, write the result and return it, all under the
        store's lock: concurrent updates never lose one another. ``change`` should be quick
        and pure (it may be called with the lock held, and must not wait for another thread).

        Settings that cannot be read (a damaged file, an invalid schedule) raise and are
        never overwritten. Nothing is written when nothing changed."""
        stored = self._settings_document()
        changed = change(UserSettings.from_dict(stored)).to_dict()
        if changed != stored:
            table = self._tables.table(self._layout.settings, "settings", write=True)
            self._tables.put(table, changed)
        return UserSettings.from_dict(changed)

    @_guarded
    def routines(self) -> list[dict[str, Any]]:
        return [dict(d) for d in self._tables.documents(self._layout.settings, "routines")]

    @_guarded
    def save_routine(self, routine: dict[str, Any]) -> None:
        routine_id = _require(routine, "id")
        table = self._tables.table(self._layout.settings, "routines", write=True)
        self._tables.put(table, routine, Matching(id=routine_id))

    # --- sessions (log/YYYY-MM/YYYY-MM-DD.json) ---

    @_guarded
    def add_session(self, record: dict[str, Any]) -> None:
        """Append to the day file of ``record["started"]`` (its own wall-clock date)."""
        started = _require(record, "started")
        if not is_iso_datetime(started):
            raise ValueError(f"'started' must be an ISO-8601 date-time: {record!r}")
        day = self._layout.day_path(started[:10])
        self._tables.table(day, "sessions", write=True).insert(dict(record))

    @_guarded
    def remove_skip(self, record: dict[str, Any]) -> None:
        """Take a skip out of the log (the user undid it): the ``skipped`` records of the
        same event and ``started`` in its day file. Nothing else is ever removed."""
        started, event_id = _require(record, "started"), _require(record, "event_id")
        if not is_iso_datetime(started):
            raise ValueError(f"'started' must be an ISO-8601 date-time: {record!r}")
        path = self._layout.day_path(started[:10])
        if not path.exists():
            return
        table = self._tables.table(path, "sessions", write=True)
        skip = Matching(event_id=event_id, started=started, outcome="skipped")
        if table.search(skip):
            table.remove(skip)

    @_guarded
    def put_session(self, record: dict[str, Any]) -> None:
        """Save the record of a set, replacing the one saved before for the same set (same
        ``started`` and ``event_id``): a set is written as it goes (each exercise done, its
        end, then its note) and stays one record. Otherwise as :meth:`add_session`."""
        started = _require(record, "started")
        if not is_iso_datetime(started):
            raise ValueError(f"'started' must be an ISO-8601 date-time: {record!r}")
        day = self._layout.day_path(started[:10])
        table = self._tables.table(day, "sessions", write=True)
        self._tables.put(table, record,
                         Matching(started=started, event_id=record.get("event_id")))

    @_guarded
    def sessions(self, since: str | None = None,
                 until: str | None = None) -> list[dict[str, Any]]:
        """Sessions whose ``started`` is within ``[since, until]``, compared on the prefix.

        ``since="2026-11-01", until="2026-11-30"`` includes all of 30 November. Only day
        files that can hold a match are read.
        """
        out: list[dict[str, Any]] = []
        for day in self._layout.days_between(since, until):
            out += self._day_sessions(day, since, until)
        out.sort(key=lambda r: str(r.get("started", "")))
        return out

    def iter_sessions(self, since: str | None = None,
                      until: str | None = None) -> Iterator[dict[str, Any]]:
        """:meth:`sessions`, one day file at a time (oldest first, each day in order), for
        folding years of the log: each day's records are garbage once the next is read,
        so they never pile up for the garbage collector's full passes. The lock is held per
        file, not across the whole walk."""
        with self._rlock:
            self._refuse_if_closed()
            days = self._layout.days_between(since, until)
        for day in days:
            with self._rlock:
                self._refuse_if_closed()
                records = self._day_sessions(day, since, until)
            records.sort(key=lambda r: str(r.get("started", "")))
            yield from records

    def _day_sessions(self, day: str, since: str | None,
                      until: str | None) -> list[dict[str, Any]]:
        return [doc for doc in self._tables.documents(self._layout.day_path(day), "sessions")
                if within(str(doc.get("started", "")), since, until)]

    @_guarded
    def session_months(self) -> list[str]:
        """Months that hold at least one day of the log, oldest first."""
        return sorted({day[:7] for day in self._layout.session_days()})

    @_guarded
    def first_session_day(self) -> str | None:
        """The oldest day with a log file (``YYYY-MM-DD``), or None: a directory listing or
        two, however long the log."""
        for month in self._layout.session_months():
            days = self._layout.session_days([month])
            if days:
                return days[0]
        return None

    @_guarded
    def verify(self) -> None:
        """Parse (and upgrade) every file not checked yet; raise
        :class:`~microtui.store.errors.CorruptDataError` listing every damaged one. Nothing
        is written to a file that does not parse."""
        self._tables.check([self._layout.day_path(day) for day in self._layout.session_days()])

    # --- meetings typed in on Today (a table of each day's file of the log) ---

    @_guarded
    def save_meeting(self, record: dict[str, Any]) -> None:
        """Save a typed meeting in the file of its ``date``; a record with the same ``id``
        (the meeting before an edit, or its deletion) is replaced."""
        meeting_id, day = _require(record, "id"), _require(record, "date")
        if not is_iso_datetime(day):
            raise ValueError(f"'date' must be an ISO-8601 date: {record!r}")
        table = self._tables.table(self._layout.day_path(day[:10]), "meetings", write=True)
        self._tables.put(table, record, Matching(id=meeting_id))

    @_guarded
    def meetings(self, day: str) -> list[dict[str, Any]]:
        """The typed meetings stored for ``day`` (``YYYY-MM-DD``), deleted ones included
        (marked ``"removed": true``)."""
        path = self._layout.day_path(day[:10])
        if not path.exists():
            return []
        return self._tables.documents(path, "meetings")

    def _all_meetings(self) -> dict[str, list[dict[str, Any]]]:
        """``{"meetings": [...]}`` for the export, or nothing when none was ever typed."""
        meetings = [m for day in self._layout.session_days() for m in self.meetings(day)]
        return {"meetings": meetings} if meetings else {}

    # --- check-ins and measurements ---

    @_guarded
    def add_checkin(self, record: dict[str, Any]) -> None:
        """Save a check-in; one per (date, moment), so a second one replaces the first."""
        date, moment = _require(record, "date"), _require(record, "moment")
        table = self._tables.table(self._layout.checkins, "checkins", write=True)
        self._tables.put(table, record, Matching(date=date, moment=moment))

    @_guarded
    def checkins(self) -> list[dict[str, Any]]:
        order = {"start": 0, "end": 1}
        docs = self._tables.documents(self._layout.checkins, "checkins")
        return sorted(docs, key=lambda d: (d.get("date", ""), order.get(str(d.get("moment")), 2)))

    @_guarded
    def add_measurement(self, record: dict[str, Any]) -> None:
        _require(record, "date")
        self._tables.table(self._layout.measurements, "measurements",
                           write=True).insert(dict(record))

    @_guarded
    def measurements(self) -> list[dict[str, Any]]:
        docs = self._tables.documents(self._layout.measurements, "measurements")
        return sorted(docs, key=lambda d: d.get("date", ""))

    @_guarded
    def export_all(self) -> dict[str, Any]:
        """Everything, as stored (the settings as the raw dict)."""
        return {
            "schema": SCHEMA_VERSION,
            "settings": self._settings_document(),
            "routines": self.routines(),
            "sessions": self.sessions(),
            "checkins": self.checkins(),
            "measurements": self.measurements(),
            **self._all_meetings(),
        }

    @_guarded
    def import_all(self, data: dict[str, Any]) -> Restored:
        """Add what of ``data`` (an :meth:`export_all`, checked by :mod:`microtui.backup`)
        is not here yet: see :mod:`microtui.store.restore`."""
        from microtui.store.restore import restore  # `microtui import` only

        if self._read_only:
            raise StoreError("The data store was opened read-only.")
        return restore(self._tables, self._layout, data)

"""Persistence: the only package that knows about TinyDB or the files on disk.

Why it looks the way it does:

* **Atomic writes** (:mod:`.files`). A write serialises first, writes a temp file next to the
  target, fsyncs it and renames it over the old one: a reader (or the next start) sees the
  old file or the new one, never a mix. An acknowledged write is on disk.
* **Small files** (:mod:`.layout`). Every write rewrites a whole file, so the session log is
  one file per day (``log/YYYY-MM/YYYY-MM-DD.json``); builds before 0.1 kept a file per month,
  which a writable open splits into day files (:mod:`.legacy`).
* **Never destroy data.** A file that is truncated, not JSON or unreadable is reported with
  its path and a way out, and is never overwritten or reset. ``Store.open`` parses the files
  every start needs; an older day file is parsed, checked and upgraded the first time it is
  read or written (:mod:`.tables`), so start-up does not grow with the years.
  :meth:`Store.verify` checks every file at once.
* **Versioned** (:mod:`.schema`). Every file has a ``meta`` table holding ``{"schema": N}``;
  :data:`MIGRATIONS` is the one place older files are upgraded. Files from a newer microtui
  are left alone.
* **One writer** (:mod:`.lock`). ``microtui.lock`` holds the writer's pid; a second app on
  the same data refuses to start instead of interleaving writes.
* **Thread-safe** (:mod:`.store`). The UI writes from worker threads, so every public method
  holds one RLock; the settings are read, changed and written in one step under it
  (:meth:`Store.update_settings`).

The store speaks plain dicts for records and :class:`~microtui.core.settings.UserSettings`
for the settings.
"""

from __future__ import annotations

from microtui.store.errors import CorruptDataError, StoreError, StoreLockedError, StoreWriteError
from microtui.store.schema import MIGRATIONS, SCHEMA_VERSION
from microtui.store.store import Store

__all__ = [
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "CorruptDataError",
    "Store",
    "StoreError",
    "StoreLockedError",
    "StoreWriteError",
]

"""The one writer of the day's records: sets, skips, check-ins, mobility screens and the
meetings typed in on Today.

Every record is written when its event happens. A set is written as it goes (each exercise
done, its end, then its note): each version replaces the one before, so the log holds one
record per set, and versions are written in the order they were handed over
(:meth:`LogWriter.enqueue`, then :meth:`LogWriter.write_queued` from a worker).

A write that fails (disk full, read-only directory, ...) does not lose the record: it is
kept here, tried again with the next write and at quit, and whatever still cannot be saved
is handed back as JSON in the shape of ``microtui export`` for the user to keep.

No Textual in here: the app calls :meth:`LogWriter.write` from a worker thread and tells the
user about a failure; the CLI and tests can call it directly. Thread-safe.
"""

import json
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, NamedTuple

if TYPE_CHECKING:
    from microtui.store import Store

RecordKind = Literal["session", "checkin", "measurement", "meeting", "unskip"]


class KindOfRecord(NamedTuple):
    """How a kind of record is saved, exported and named."""

    save: str
    """The store method that saves it."""
    export_key: str
    """Its key in ``microtui export``."""
    one: str
    many: str


KINDS: dict[str, KindOfRecord] = {
    "session": KindOfRecord("put_session", "sessions", "set", "sets"),
    "checkin": KindOfRecord("add_checkin", "checkins", "check-in", "check-ins"),
    "measurement": KindOfRecord("add_measurement", "measurements", "mobility screen",
                                "mobility screens"),
    "meeting": KindOfRecord("save_meeting", "meetings", "meeting", "meetings"),
    # A skip the user undid: its record is taken out of the log.
    "unskip": KindOfRecord("remove_skip", "skips_undone", "undone skip", "undone skips"),
}

Unsaved = tuple[str, dict[str, Any]]
"""A record whose write failed, as ``(kind, record)``."""


def set_key(kind: str, record: dict[str, Any]) -> tuple[str, str] | None:
    """What tells the versions of one set's record from other records (None: not a set)."""
    if kind != "session":
        return None
    return str(record.get("event_id") or ""), str(record.get("started") or "")


def latest_versions(items: list[Unsaved]) -> list[Unsaved]:
    """``items`` with only the last version of each set's record (in its place)."""
    last = {key: i for i, (kind, record) in enumerate(items)
            if (key := set_key(kind, record)) is not None}
    return [(kind, record) for i, (kind, record) in enumerate(items)
            if (key := set_key(kind, record)) is None or last[key] == i]


def count_unsaved(items: list[Unsaved]) -> str:
    """``1 set and 2 check-ins``: what ``items`` hold, in words."""
    parts = []
    for kind, names in KINDS.items():
        n = sum(1 for k, _ in items if k == kind)
        if n:
            parts.append(f"{n} {names.one if n == 1 else names.many}")
    return " and ".join(parts) or "nothing"


class WriteFailed(NamedTuple):
    """What a write could not save: the records now kept, and why."""

    kept: list[Unsaved]
    problem: str

    @property
    def kinds(self) -> set[str]:
        return {kind for kind, _ in self.kept}


class LogWriter:
    """Writes records to ``store`` and keeps those it could not write (see module doc)."""

    def __init__(self, store: "Store | None", *, data_dir: Path | None = None) -> None:
        self.store = store
        self.data_dir = data_dir if data_dir is not None else (
            store.data_dir if store is not None else None)
        self._lock = threading.Lock()
        self._unsaved: list[Unsaved] = []
        self._queued: list[Unsaved] = []
        """Records handed over with :meth:`enqueue`, in order, not written yet."""
        self._queue_lock = threading.Lock()
        self.problem = ""
        """Why the last failed write failed."""
        self.written = 0
        """How many records were handed to the store so far: a reader that remembers it
        can tell whether the log may have changed since it last read it."""

    @property
    def unsaved(self) -> list[Unsaved]:
        """The records kept after a failed write, oldest first (a copy)."""
        with self._lock:
            return list(self._unsaved)

    def write(self, kind: str, record: dict[str, Any]) -> WriteFailed | None:
        """Write the kept records, then ``record``; None when all are saved. Without a
        store nothing is written and nothing is kept."""
        if kind not in KINDS:
            raise ValueError(f"unknown kind of record: {kind!r}")
        return self._write_all([(kind, record)])

    def enqueue(self, kind: str, record: dict[str, Any]) -> None:
        """Hand over ``record`` to be written by the next :meth:`write_queued` (or any
        write): records handed over in order are written in that order, whichever thread
        writes them."""
        if kind not in KINDS:
            raise ValueError(f"unknown kind of record: {kind!r}")
        if self.store is None:
            return  # nothing is written, nothing kept
        with self._queue_lock:
            self._queued.append((kind, record))

    def write_queued(self) -> WriteFailed | None:
        """Write the kept records and those handed over; None when all are saved."""
        return self._write_all([])

    def retry(self) -> WriteFailed | None:
        """Try the kept records once more (at quit, say); None when all are saved."""
        return self._write_all([])

    def _write_all(self, new: list[Unsaved]) -> WriteFailed | None:
        if self.store is None:
            return None
        with self._lock:
            with self._queue_lock:
                queued, self._queued = self._queued, []
            items = latest_versions([*self._unsaved, *queued, *new])
            self._unsaved = []
            failed: list[Unsaved] = []
            for kind, record in items:
                try:
                    getattr(self.store, KINDS[kind].save)(record)
                except Exception as exc:  # noqa: BLE001 - StoreWriteError, disk full, ...
                    failed.append((kind, record))
                    self.problem = str(exc)
                finally:
                    self.written += 1  # after the store call: a read since saw the record
            self._unsaved = failed
        if not failed:
            return None
        return WriteFailed(failed, self.problem)

    def wait_idle(self, timeout: float) -> bool:
        """Wait until no write is under way (at most ``timeout`` seconds); False if one
        still is. Nothing new starts meanwhile only if the caller stops starting writes."""
        if not self._lock.acquire(timeout=timeout):
            return False
        self._lock.release()
        return True

    def report(self) -> str | None:
        """What could not be saved, with the problem and the records as JSON in the shape
        of ``microtui export``; None when all is saved."""
        unsaved = self.unsaved
        if not unsaved:
            return None
        data: dict[str, list[dict[str, Any]]] = {}
        for kind, record in unsaved:
            data.setdefault(KINDS[kind].export_key, []).append(record)
        where = self.data_dir if self.data_dir is not None else ""
        return (
            f"microtui could not save {count_unsaved(unsaved)} in {where}: "
            f"{self.problem}\nHere they are as JSON, to keep:\n"
            f"{json.dumps(data, indent=2, ensure_ascii=False, default=str)}\n"
        )

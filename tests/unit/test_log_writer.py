"""The one writer of the day's records keeps what it could not write and writes it later."""

from __future__ import annotations

import json

from microtui.log_writer import LogWriter


class FlakyStore:
    def __init__(self) -> None:
        self.full = True
        self.data_dir = "/data"
        self.saved: list[tuple[str, dict]] = []

    def _save(self, kind: str, record: dict) -> None:
        if self.full:
            raise OSError("No space left on device")
        self.saved.append((kind, record))

    def put_session(self, record: dict) -> None:
        self._save("session", record)

    def add_checkin(self, record: dict) -> None:
        self._save("checkin", record)

    def add_measurement(self, record: dict) -> None:
        self._save("measurement", record)


def test_a_failed_write_is_kept_and_goes_first_with_the_next():
    store = FlakyStore()
    log = LogWriter(store)  # type: ignore[arg-type]
    failed = log.write("checkin", {"moment": "start"})
    assert failed is not None and failed.kinds == {"checkin"}
    failed = log.write("session", {"event_id": "a"})
    assert failed is not None and [k for k, _ in failed.kept] == ["checkin", "session"]
    assert "No space left" in failed.problem
    store.full = False
    assert log.write("session", {"event_id": "b"}) is None
    assert [k for k, _ in store.saved] == ["checkin", "session", "session"]
    assert log.unsaved == [] and log.report() is None


def test_what_cannot_be_saved_at_quit_is_reported_as_export_json():
    log = LogWriter(FlakyStore())  # type: ignore[arg-type]
    log.write("session", {"event_id": "a"})
    log.write("checkin", {"moment": "end"})
    assert log.retry() is not None
    report = log.report()
    assert report is not None
    assert report.startswith("microtui could not save 1 set and 1 check-in in /data: No space")
    data = json.loads(report.split("to keep:\n", 1)[1])
    assert data == {"sessions": [{"event_id": "a"}], "checkins": [{"moment": "end"}]}


def test_without_a_store_nothing_is_written_or_kept():
    log = LogWriter(None)
    assert log.write("session", {"event_id": "a"}) is None
    assert log.unsaved == []


def test_a_set_written_as_it_goes_is_kept_as_its_latest_version_only():
    """A set's record is written as each exercise is done, at its end and with its note:
    what a failed write keeps is the set's newest version, never two of one set."""
    store = FlakyStore()
    log = LogWriter(store)  # type: ignore[arg-type]
    one_set = {"event_id": "a", "started": "2026-11-25T09:30:00"}
    log.write("session", {**one_set, "outcome": "partial"})
    log.write("checkin", {"moment": "start"})
    failed = log.write("session", {**one_set, "outcome": "completed"})
    assert failed is not None
    assert [(k, r.get("outcome")) for k, r in failed.kept] == [("checkin", None),
                                                               ("session", "completed")]
    assert json.loads(str(log.report()).split("to keep:\n", 1)[1])["sessions"] == [
        {**one_set, "outcome": "completed"}]
    store.full = False
    assert log.retry() is None
    assert [(k, r.get("outcome")) for k, r in store.saved] == [("checkin", None),
                                                               ("session", "completed")]


def test_records_handed_over_in_order_are_written_in_that_order():
    """Versions of a set handed over one after the other are written oldest first, by
    whichever writer runs first: the newest is the one that stays."""
    store = FlakyStore()
    store.full = False
    log = LogWriter(store)  # type: ignore[arg-type]
    one_set = {"event_id": "a", "started": "2026-11-25T09:30:00"}
    log.enqueue("session", {**one_set, "outcome": "partial", "note": None})
    log.enqueue("session", {**one_set, "outcome": "completed", "note": None})
    log.enqueue("checkin", {"moment": "start"})
    assert log.write_queued() is None
    assert log.write_queued() is None  # the second writer finds nothing left
    assert [(k, r.get("outcome")) for k, r in store.saved] == [("session", "completed"),
                                                               ("checkin", None)]
    assert LogWriter(None).write_queued() is None


def test_every_record_handed_to_the_store_is_counted():
    store = FlakyStore()
    store.full = False
    log = LogWriter(store)  # type: ignore[arg-type]
    assert log.written == 0
    log.write("checkin", {"moment": "start"})
    log.enqueue("session", {"event_id": "a", "started": "1"})
    log.enqueue("session", {"event_id": "b", "started": "2"})
    log.write_queued()
    assert log.written == 3
    log.write_queued()  # nothing to write: nothing changed
    assert log.written == 3

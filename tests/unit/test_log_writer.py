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

    def add_session(self, record: dict) -> None:
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

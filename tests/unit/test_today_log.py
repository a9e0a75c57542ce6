"""What Today reads from the session log, without an app or a real store."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from microtui.log_history import LogHistory
from microtui.ui.today_log import read_streak_days, read_week, records_of_day

BERLIN = ZoneInfo("Europe/Berlin")
WED = date(2026, 11, 25)


def record(day: int, hour: int, event_id: str | None = None) -> dict:
    return {"v": 1, "event_id": event_id, "outcome": "completed", "active_seconds": 20,
            "started": datetime(2026, 11, day, hour, 0, tzinfo=BERLIN).isoformat()}


class Log:
    """A store's session reads over a fixed list, remembering what was asked."""

    def __init__(self, records: list[dict], fail: bool = False) -> None:
        self.records = records
        self.fail = fail
        self.asked: list[tuple[str | None, str | None]] = []

    def sessions(self, since: str | None = None, until: str | None = None) -> list[dict]:
        self.asked.append((since, until))
        if self.fail:
            raise OSError("the disk is gone")
        return list(self.records)

    def iter_sessions(self, since: str | None = None, until: str | None = None):
        self.asked.append((since, until))
        if self.fail:
            raise OSError("the disk is gone")
        return iter(self.records)


def test_the_records_of_a_day_are_its_sets_and_what_started_on_it():
    own_set = record(24, 23, event_id="2026-11-25:start-of-day:09:00")  # logged the day before
    started = record(25, 10)
    assert records_of_day([own_set, started, record(24, 10)], WED, BERLIN) == [own_set,
                                                                            started]


def test_the_week_read_gives_today_and_the_days_before_it():
    log = Log([record(19, 9), record(19, 10), record(24, 9), record(25, 9)])
    read = read_week(log, WED, BERLIN)  # type: ignore[arg-type]
    assert log.asked == [("2026-11-18", None)]
    assert read.problem == "" and read.day == WED
    assert read.records == [log.records[3]]
    assert {d: t.sets_done for d, t in read.history.items()} == {
        date(2026, 11, 19): 2, date(2026, 11, 24): 1}


def test_a_failed_week_read_says_why():
    read = read_week(Log([], fail=True), WED, BERLIN)  # type: ignore[arg-type]
    assert read.problem == "the disk is gone" and read.records == [] and read.history == {}


def test_the_streak_days_come_from_the_apps_log_history():
    # Every day before today, read once for the app (Progress reads the same), not 400 days
    # of the log read again by Today.
    log = Log([record(17, 9), record(18, 9), record(18, 10), record(25, 9)])
    history = LogHistory(log, {})  # type: ignore[arg-type]
    history.load(WED)  # the app reads it after start-up
    asked = list(log.asked)
    days = read_streak_days(history, WED)
    assert history.loads == 1  # not read again
    assert all(since == WED.isoformat() for since, _ in log.asked[len(asked):])  # today only
    assert {d: t.sets_done for d, t in days.items()} == {
        date(2026, 11, 17): 1, date(2026, 11, 18): 2}  # today is Today's own
